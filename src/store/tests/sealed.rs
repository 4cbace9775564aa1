//! Sealed records and the encryption in place at unlock, over a fake cipher: what is sealed opens
//! as it was, what changed does not open, clear and sealed records read side by side, and an
//! encryption stopped at any record leaves everything readable and the next unlock finishes.

use domain::backup::{RecordState, SEALED_RECORD_VERSION};
use futures::executor::block_on;

use super::{FakeCipher, now, queued, with};
use crate::store::{
    Backend, MemoryBackend, Store, StoredRecord,
    format::{Decoded, encode},
    keys,
    sealed::{Cipher, Peeked, is_kept, open, open_kept, peek, seal, state_of},
};

fn sealed_text(id: &str, record: &StoredRecord) -> String {
    block_on(seal(&FakeCipher::default(), id, record, "t0".into())).unwrap()
}

#[test]
fn a_sealed_record_keeps_its_state_in_clear_and_opens_as_it_was() {
    let record = queued(1);
    let id = record.id().unwrap().to_owned();
    let raw = sealed_text(&id, &record);
    let Peeked::Sealed(sealed) = peek(&raw) else {
        panic!("not sealed: {raw}");
    };
    assert_eq!(sealed.v, SEALED_RECORD_VERSION);
    assert_eq!(sealed.state, RecordState::Queued);
    assert_eq!(state_of(&raw), Some(RecordState::Queued));
    assert_eq!(
        block_on(open(&FakeCipher::default(), &id, &raw)),
        Decoded::Current(record)
    );
}

#[test]
fn the_box_holds_the_record_as_written_in_clear() {
    // What the city reads inside a box is the clear format of today (`domain::backup::RecordView`).
    let record = with(2, StoredRecord::draft);
    let id = record.id().unwrap().to_owned();
    let raw = sealed_text(&id, &record);
    let Peeked::Sealed(sealed) = peek(&raw) else {
        panic!("not sealed");
    };
    let inside = block_on(FakeCipher::default().open(&sealed.sealed, &sealed.aad(&id))).unwrap();
    assert_eq!(String::from_utf8(inside).unwrap(), encode(&record));
}

#[test]
fn a_box_moved_to_another_id_or_with_its_state_changed_does_not_open() {
    let record = queued(3);
    let id = record.id().unwrap().to_owned();
    let raw = sealed_text(&id, &record);
    let cipher = FakeCipher::default();
    assert_eq!(
        block_on(open(&cipher, "another-id", &raw)),
        Decoded::Unreadable
    );
    let relabelled = raw.replace(r#""state":"queued""#, r#""state":"synced""#);
    assert_ne!(relabelled, raw);
    assert_eq!(
        block_on(open(&cipher, &id, &relabelled)),
        Decoded::Unreadable
    );
}

#[test]
fn clear_records_of_earlier_releases_still_read_beside_sealed_ones() {
    let record = queued(4);
    let id = record.id().unwrap().to_owned();
    let clear = encode(&record);
    assert_eq!(peek(&clear), Peeked::Clear);
    assert_eq!(
        block_on(open(&FakeCipher::default(), &id, &clear)),
        Decoded::Current(record)
    );
    assert_eq!(
        peek(r#"{"v":4,"state":"queued","sum":"x","box":"y"}"#),
        Peeked::Newer(4)
    );
}

fn clear_phone(n: u64) -> (MemoryBackend, Vec<String>, Vec<StoredRecord>) {
    let backend = MemoryBackend::new();
    let records: Vec<StoredRecord> = (0..n).map(queued).collect();
    let ids: Vec<String> = records.iter().map(|r| r.id().unwrap().to_owned()).collect();
    for (id, record) in ids.iter().zip(&records) {
        backend.set(&keys::record(id), &encode(record)).unwrap();
    }
    (backend, ids, records)
}

fn every_record_reads(backend: &MemoryBackend, ids: &[String], records: &[StoredRecord]) {
    let cipher = FakeCipher::default();
    for (id, record) in ids.iter().zip(records) {
        let raw = backend.get(&keys::record(id)).unwrap();
        assert_eq!(
            block_on(open(&cipher, id, &raw)).record().as_ref(),
            Some(record),
            "{id}"
        );
    }
}

fn sealed_count(backend: &MemoryBackend, ids: &[String]) -> usize {
    ids.iter()
        .filter(|id| {
            matches!(
                peek(&backend.get(&keys::record(id)).unwrap()),
                Peeked::Sealed(_)
            )
        })
        .count()
}

/// Opens the store over `backend` with `cipher`, as the app does at unlock.
fn unlock(backend: &MemoryBackend, cipher: &FakeCipher) -> crate::store::Loaded {
    now(Store::open(backend, cipher, &|_, _| {})).1
}

#[test]
fn the_first_unlock_seals_every_clear_record_in_place() {
    let (backend, ids, records) = clear_phone(5);
    let told = std::cell::RefCell::new(Vec::new());
    let (store, loaded) = now(Store::open(
        &backend,
        &FakeCipher::default(),
        &|done, total| told.borrow_mut().push((done, total)),
    ));
    assert_eq!((loaded.sealed_in_place, loaded.left_in_clear), (5, 0));
    assert_eq!(loaded.summaries.len(), 5);
    assert_eq!(told.borrow().first(), Some(&(0, 5)));
    assert_eq!(told.borrow().last(), Some(&(5, 5)));
    assert_eq!(sealed_count(&backend, &ids), 5);
    every_record_reads(&backend, &ids, &records);
    assert_eq!(store.get(&ids[0]).as_ref(), Some(&records[0]));
    // Nothing left to do at the next unlock: no write at all.
    let counting = crate::store::Counting::new(&backend);
    now(Store::open(&counting, &FakeCipher::default(), &|_, _| {}));
    assert_eq!(counting.counts().0, 0);
}

#[test]
fn an_unlock_stopped_midway_leaves_every_record_readable_and_the_next_one_finishes() {
    let (backend, ids, records) = clear_phone(6);
    // The browser stops answering after two seals (a power cut, the app closed).
    let crashing = FakeCipher {
        fail_after: Some(2),
        ..FakeCipher::default()
    };
    let stopped = unlock(&backend, &crashing);
    assert_eq!((stopped.sealed_in_place, stopped.left_in_clear), (2, 4));
    assert_eq!(stopped.summaries.len(), 6, "every record still listed");
    assert_eq!(sealed_count(&backend, &ids), 2);
    every_record_reads(&backend, &ids, &records);

    let resumed = FakeCipher::default();
    let done = unlock(&backend, &resumed);
    assert_eq!((done.sealed_in_place, done.left_in_clear), (4, 0));
    // Only the four still in clear were sealed (and then their index page): the first two
    // were not sealed twice.
    assert_eq!(resumed.seals.get(), 4 + 1);
    assert_eq!(sealed_count(&backend, &ids), 6);
    every_record_reads(&backend, &ids, &records);
}

#[test]
fn a_clear_record_that_does_not_read_is_quarantined_not_sealed() {
    let (backend, ids, _) = clear_phone(1);
    backend.set(&keys::record("broken"), "{not json").unwrap();
    let loaded = unlock(&backend, &FakeCipher::default());
    assert_eq!((loaded.sealed_in_place, loaded.quarantined), (1, 1));
    assert_eq!(sealed_count(&backend, &ids), 1);
    // Kept aside sealed, as found: it may hold a name or a NIK in clear.
    let kept = backend.get(&keys::quarantine("broken")).unwrap();
    assert!(is_kept(&kept), "{kept}");
    assert!(!kept.contains("not json"));
    let cipher = FakeCipher::default();
    assert_eq!(
        now(open_kept(&cipher, &keys::quarantine("broken"), &kept)).as_deref(),
        Some("{not json")
    );
    // Not under another key's name, and not sealed twice.
    assert_eq!(
        now(open_kept(&cipher, &keys::quarantine("other"), &kept)),
        None
    );
    let again = unlock(&backend, &FakeCipher::default());
    assert_eq!(again.quarantined, 1);
    assert_eq!(backend.get(&keys::quarantine("broken")).unwrap(), kept);
}

#[test]
fn a_full_storage_leaves_the_clear_record_as_it_was_and_listed() {
    let (backend, ids, records) = clear_phone(1);
    // Nearly full: the index page fits, the sealed record (longer than the clear one) does not.
    let full = MemoryBackend::with_quota(backend.used() + 64);
    full.set(&keys::record(&ids[0]), &encode(&records[0]))
        .unwrap();
    let loaded = unlock(&full, &FakeCipher::default());
    assert_eq!((loaded.sealed_in_place, loaded.left_in_clear), (0, 1));
    assert_eq!(loaded.summaries.len(), 1);
    assert_eq!(
        full.get(&keys::record(&ids[0])).unwrap(),
        encode(&records[0])
    );
}

#[test]
fn the_city_reads_state_and_registration_from_what_a_box_holds_in_every_state() {
    let mut every_state = super::transition::not_sending();
    every_state.push(super::transition::sending(7));
    for record in every_state {
        let view: domain::backup::RecordView = serde_json::from_str(&encode(&record)).unwrap();
        assert_eq!(view.state, record.state());
        assert_eq!(
            view.submission.map(|s| s.into_current().unwrap()),
            record.submission().cloned(),
            "{:?}",
            record.state()
        );
    }
}

#[test]
fn an_entry_another_tab_set_aside_is_sealed_at_the_unlock_not_when_following_that_tab() {
    let (backend, _, _) = clear_phone(1);
    let (mut store, _) = now(Store::open(&backend, &FakeCipher::default(), &|_, _| {}));
    // Another tab sets an entry aside: this tab reads everything again, and leaves it (writing
    // it back could bring back an entry that tab has removed since).
    backend
        .set(&keys::quarantine("probe"), "{not json")
        .unwrap();
    let followed = now(store.reload(&FakeCipher::default()));
    assert_eq!(followed.quarantined, 1);
    assert_eq!(
        backend.get(&keys::quarantine("probe")).as_deref(),
        Some("{not json")
    );
    let (_, reopened) = now(Store::reopen(&backend, &FakeCipher::default()));
    assert_eq!(reopened.quarantined, 1);
    assert_eq!(
        backend.get(&keys::quarantine("probe")).as_deref(),
        Some("{not json")
    );
    // The next unlock seals it.
    unlock(&backend, &FakeCipher::default());
    assert!(is_kept(&backend.get(&keys::quarantine("probe")).unwrap()));
}

#[test]
fn the_head_of_a_stored_value_reads_as_the_whole_envelope_does() {
    use crate::store::sealed::{Head, peek_head};
    let sealed = r#"{"v":3,"state":"queued","schema":1,"sum":"t1","box":"AAAA"}"#;
    match peek_head(sealed) {
        Head::Sealed(h) => {
            assert_eq!(
                (h.state, h.schema, h.sum.as_str()),
                (RecordState::Queued, Some(1), "t1")
            )
        }
        other => panic!("{other:?}"),
    }
    // An envelope without its box, or one that does not read, is unreadable, as in clear.
    assert!(matches!(
        peek_head(r#"{"v":3,"state":"queued","sum":"t1"}"#),
        Head::Clear
    ));
    assert!(matches!(
        peek_head(r#"{"v":3,"state":"nonsense","sum":"t","box":"A"}"#),
        Head::Clear
    ));
    // A newer release's envelope, whatever its fields.
    assert!(matches!(
        peek_head(r#"{"v":4,"whatever":true}"#),
        Head::Newer
    ));
    // A record of an earlier release, in clear.
    assert!(matches!(
        peek_head(r#"{"v":2,"state":"draft","submission":{}}"#),
        Head::Clear
    ));
}
