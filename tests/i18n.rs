//! Every error the domain crate can report has a message in both languages.
#![cfg(target_arch = "wasm32")]

use lindungi::i18n::errors;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_domain_error_code_has_an_indonesian_and_an_english_message() {
    let missing: Vec<_> = domain::ALL_ERROR_CODES
        .iter()
        .filter(|c| errors::message(c).is_none())
        .collect();
    assert!(missing.is_empty(), "codes without a message: {missing:?}");
    for code in domain::ALL_ERROR_CODES {
        let text = errors::message(code).unwrap();
        assert!(
            !text.id.is_empty() && !text.en.is_empty() && text.id != text.en,
            "{code}"
        );
    }
}
