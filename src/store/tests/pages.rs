//! Sealed index pages over a fake cipher: the summaries open as sealed, a page's box opens only
//! for its own number and ids, a clear page of an earlier release still lists its ids, and a
//! record written after its page is found stale.

use futures::executor::block_on;

use super::FakeCipher;
use crate::store::pages::{ListEntry, OpenedPage, open_page, seal_page, stale};

fn entry(id: &str, sum: &str) -> ListEntry {
    ListEntry {
        id: id.into(),
        sum: sum.into(),
        name: format!("Nama {id}"),
        nik: "3576014101900001".into(),
        nik_last_four: "0001".into(),
        receipt: None,
        last_error: None,
        updated_at: "2026-12-01T00:00:00Z".into(),
    }
}

#[test]
fn a_sealed_page_opens_with_its_ids_and_summaries() {
    let cipher = FakeCipher::default();
    let entries = vec![entry("a", "t1"), entry("b", "t2")];
    let raw = block_on(seal_page(&cipher, 3, &entries)).unwrap();
    assert!(raw.starts_with(r#"{"v":2,"ids":["a","b"],"box":"#), "{raw}");
    let page = block_on(open_page(&cipher, 3, &raw)).unwrap();
    assert_eq!(page.ids, ["a", "b"]);
    assert_eq!(page.entries, entries);
}

#[test]
fn a_page_moved_to_another_number_or_with_its_ids_changed_lists_ids_but_no_summaries() {
    let cipher = FakeCipher::default();
    let raw = block_on(seal_page(&cipher, 3, &[entry("a", "t1"), entry("b", "t2")])).unwrap();
    let moved = block_on(open_page(&cipher, 4, &raw)).unwrap();
    assert_eq!(moved.ids, ["a", "b"]);
    assert!(moved.entries.is_empty());
    let relisted = raw.replace(r#"["a","b"]"#, r#"["a","c"]"#);
    let page = block_on(open_page(&cipher, 3, &relisted)).unwrap();
    assert_eq!(page.ids, ["a", "c"]);
    assert!(page.entries.is_empty());
}

#[test]
fn a_clear_page_of_an_earlier_release_lists_its_ids_with_every_record_stale() {
    let page = block_on(open_page(&FakeCipher::default(), 0, r#"["a","b"]"#)).unwrap();
    assert_eq!(
        page,
        OpenedPage {
            ids: vec!["a".into(), "b".into()],
            entries: vec![]
        }
    );
    assert_eq!(stale(&page, |_| Some("t".into())), ["a", "b"]);
    assert_eq!(
        block_on(open_page(&FakeCipher::default(), 0, "{nonsense")),
        None
    );
}

#[test]
fn only_records_written_since_their_page_are_opened_one_by_one() {
    let cipher = FakeCipher::default();
    let raw = block_on(seal_page(
        &cipher,
        0,
        &[entry("a", "t1"), entry("b", "t2"), entry("c", "t3")],
    ))
    .unwrap();
    let page = block_on(open_page(&cipher, 0, &raw)).unwrap();
    // b was saved again (new tag) and c is still in clear: both are read from their records.
    let tags = |id: &str| match id {
        "a" => Some("t1".to_owned()),
        "b" => Some("t9".to_owned()),
        _ => None,
    };
    assert_eq!(stale(&page, tags), ["b", "c"]);
}
