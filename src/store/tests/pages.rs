//! Sealed index pages over a fake cipher: the summaries open as sealed, a page's box opens only
//! for its own number and ids, a clear page of an earlier release still lists its ids, and only
//! entries made from the record stored now are believed. Then the store over them: an unlock
//! opens only the records its pages do not summarise as stored, lists every one as opening all
//! of them would, and opens the rest when they are needed.

use futures::executor::block_on;

use super::{FakeCipher, Writes, now, open, queued};
use crate::store::{
    Backend, MemoryBackend, RecordState, Store, Summary, keys,
    pages::{ListEntry, OpenedPage, fresh, open_page, page_ids, seal_page},
    transition,
};

fn entry(sum: &str) -> ListEntry {
    ListEntry {
        sum: sum.into(),
        name: format!("Nama {sum}"),
        nik: "3576014101900001".into(),
        updated_at: "2026-12-01T00:00:00Z".into(),
        ..Default::default()
    }
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn a_sealed_page_opens_with_its_ids_and_summaries() {
    let cipher = FakeCipher::default();
    let entries = vec![Some(entry("t1")), None];
    let raw = block_on(seal_page(&cipher, 3, &ids(&["a", "b"]), &entries)).unwrap();
    assert!(raw.starts_with(r#"{"v":2,"ids":["a","b"],"box":"#), "{raw}");
    assert_eq!(page_ids(&raw), Some(ids(&["a", "b"])));
    let page = block_on(open_page(&cipher, 3, &raw)).unwrap();
    assert_eq!(page.ids, ["a", "b"]);
    assert_eq!(page.entries, entries);
}

#[test]
fn a_page_moved_to_another_number_or_with_its_ids_changed_lists_ids_but_no_summaries() {
    let cipher = FakeCipher::default();
    let both = vec![Some(entry("t1")), Some(entry("t2"))];
    let raw = block_on(seal_page(&cipher, 3, &ids(&["a", "b"]), &both)).unwrap();
    let moved = block_on(open_page(&cipher, 4, &raw)).unwrap();
    assert_eq!(moved.ids, ["a", "b"]);
    assert_eq!(moved.entries, [None, None]);
    let relisted = raw.replace(r#"["a","b"]"#, r#"["a","c"]"#);
    let page = block_on(open_page(&cipher, 3, &relisted)).unwrap();
    assert_eq!(page.ids, ["a", "c"]);
    assert_eq!(page.entries, [None, None]);
}

#[test]
fn a_clear_page_of_an_earlier_release_lists_its_ids_with_every_record_stale() {
    let page = block_on(open_page(&FakeCipher::default(), 0, r#"["a","b"]"#)).unwrap();
    assert_eq!(
        page,
        OpenedPage {
            ids: ids(&["a", "b"]),
            entries: vec![None, None]
        }
    );
    assert!(fresh(&page, |_| Some("t")).is_empty());
    assert_eq!(
        block_on(open_page(&FakeCipher::default(), 0, "{nonsense")),
        None
    );
    assert_eq!(page_ids("{nonsense"), None);
}

#[test]
fn only_entries_made_from_the_record_stored_now_are_believed() {
    let cipher = FakeCipher::default();
    let entries = vec![Some(entry("t1")), Some(entry("t2")), Some(entry("t3"))];
    let raw = block_on(seal_page(&cipher, 0, &ids(&["a", "b", "c"]), &entries)).unwrap();
    let page = block_on(open_page(&cipher, 0, &raw)).unwrap();
    // b was saved again (new tag) and c is still in clear: both are read from their records.
    let tags = |id: &str| match id {
        "a" => Some("t1"),
        "b" => Some("t9"),
        _ => None,
    };
    let believed: Vec<&str> = fresh(&page, tags)
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(believed, ["a"]);
}

/// `n` queued records saved through the store, and its pages sealed as the app does once
/// writes are a second old.
fn stored(n: u64) -> (MemoryBackend, Vec<Summary>) {
    let memory = MemoryBackend::new();
    let (mut store, _) = open(memory.clone());
    let summaries = (0..n)
        .map(|seed| store.save(&queued(seed)).unwrap())
        .collect();
    now(store.seal_pages(&FakeCipher::default()));
    (memory, summaries)
}

#[test]
fn an_unlock_lists_every_record_from_its_sealed_page_and_opens_none() {
    let (memory, saved) = stored(150);
    let cipher = FakeCipher::default();
    let (store, loaded) = now(Store::open(memory.clone(), &cipher, &|_, _| {}));
    assert_eq!(loaded.opened, 0);
    assert_eq!(cipher.opens.get(), 3, "three pages' boxes, no record's");
    assert_eq!(
        loaded.summaries, saved,
        "listed exactly as opening every record would"
    );
    assert_eq!(store.get(&saved[0].id), None, "not opened yet");
    // Pages hold no personal data in clear.
    for n in 0..3 {
        let page = memory.get(&keys::index_page(n)).unwrap();
        assert!(!page.contains(&saved[n * 64].name), "{page}");
    }
}

#[test]
fn a_record_is_opened_when_needed_and_then_held() {
    let (memory, saved) = stored(3);
    let cipher = FakeCipher::default();
    let (mut store, _) = now(Store::open(memory.clone(), &cipher, &|_, _| {}));
    let held = now(store.fetch(&cipher, &saved[1].id)).unwrap();
    assert_eq!(held.record, queued(1));
    assert_eq!(store.get(&saved[1].id), Some(queued(1)));
    assert_eq!(now(store.fetch(&cipher, "nobody")), None);
}

#[test]
fn records_written_after_their_page_was_sealed_are_opened_one_by_one_and_the_page_sealed_again() {
    let (memory, saved) = stored(70);
    let cipher = FakeCipher::default();
    // A write whose page was never sealed again (the phone died within the pause).
    let (mut store, _) = now(Store::open(memory.clone(), &cipher, &|_, _| {}));
    let id = &saved[66].id;
    let held = now(store.fetch(&cipher, id)).unwrap();
    let sending = transition::send(held.record.clone()).unwrap();
    store.replace(id, &held.record, &sending).unwrap();
    drop(store);

    let (store, loaded) = now(Store::open(memory.clone(), &cipher, &|_, _| {}));
    assert_eq!(loaded.opened, 1, "only the record written since its page");
    assert_eq!(store.summary(id).unwrap().state, RecordState::Sending);
    assert_eq!(loaded.summaries.len(), 70);
    // The opening sealed that page again: the next opens nothing.
    let (_, loaded) = now(Store::open(memory.clone(), &cipher, &|_, _| {}));
    assert_eq!(loaded.opened, 0);
    assert_eq!(
        loaded.summaries.iter().find(|s| &s.id == id).unwrap().state,
        RecordState::Sending
    );
}

#[test]
fn an_unlock_with_an_earlier_release_s_clear_pages_opens_every_record_once() {
    let (memory, saved) = stored(10);
    // As an earlier release left them: the ids only.
    let page = memory.get(&keys::index_page(0)).unwrap();
    let clear = serde_json::to_string(&page_ids(&page).unwrap()).unwrap();
    memory.set(&keys::index_page(0), &clear).unwrap();
    let cipher = FakeCipher::default();
    let (_, loaded) = now(Store::open(memory.clone(), &cipher, &|_, _| {}));
    assert_eq!(loaded.opened, 10);
    assert_eq!(loaded.summaries, saved);
    let cipher = FakeCipher::default();
    let (_, loaded) = now(Store::open(memory.clone(), &cipher, &|_, _| {}));
    assert_eq!(loaded.opened, 0);
    assert_eq!(
        cipher.opens.get(),
        1,
        "the page, sealed by the first opening"
    );
}

#[test]
fn a_record_that_does_not_open_when_needed_is_quarantined_not_dropped() {
    let (memory, saved) = stored(2);
    let cipher = FakeCipher::default();
    let id = &saved[0].id;
    // A changed byte inside the box: its tag still matches its page's entry.
    let raw = memory.get(&keys::record(id)).unwrap();
    let at = raw.find(r#""box":""#).unwrap() + 8;
    let mut broken = raw.clone().into_bytes();
    broken[at] = if broken[at] == b'0' { b'1' } else { b'0' };
    let broken = String::from_utf8(broken).unwrap();
    memory.set(&keys::record(id), &broken).unwrap();
    let (mut store, loaded) = now(Store::open(memory.clone(), &cipher, &|_, _| {}));
    assert_eq!(loaded.summaries.len(), 2, "listed from its page");
    assert_eq!(now(store.fetch(&cipher, id)), None);
    assert_eq!(store.summary(id), None);
    assert_eq!(memory.get(&keys::quarantine(id)), Some(broken));
    assert_eq!(memory.get(&keys::record(id)), None);
}
