//! The typed client of the endpoint over real `fetch`, in headless Chromium. The test runner's
//! own web server stands in for an endpoint that is not there; the status codes themselves
//! are mapped by one pure function, tested natively (`src/api.rs`).
#![cfg(target_arch = "wasm32")]

use domain::wire::{BatchRequest, EnrollRequest};
use lindungi::api::{AuthorizedApi, Error, UnauthorizedApi};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_server_that_is_no_endpoint_answers_a_typed_error_not_a_crash() {
    let enrolled = UnauthorizedApi
        .enroll(&EnrollRequest {
            enrollment_code: "7KQ4M-XR2PD".into(),
            device_name: "HP Uji".into(),
        })
        .await;
    assert!(matches!(enrolled, Err(Error::Server(_))), "{enrolled:?}");
    let sent = AuthorizedApi::new("t0k3n")
        .send_batch(&BatchRequest {
            registrations: Vec::new(),
            health: None,
        })
        .await;
    assert!(matches!(sent, Err(Error::Server(_))), "{sent:?}");
}
