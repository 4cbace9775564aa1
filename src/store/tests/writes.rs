//! The store's one compare-and-write: a form never writes over, or removes, a registration that
//! has left the officer's hands; the sync engine writes only over the record it read; nothing
//! writes over a newer release's record. Two stores on one backend are two tabs.

use domain::{
    SCHEMA_VERSION,
    wire::{Outcome, ReceiptNumber},
};

use super::{Writes, open, opened, queued, with};
use crate::store::{
    Backend, MemoryBackend, RecordState, SaveError, Store, StoredRecord, format, keys,
    transition::{apply, send},
};

const NOW: &str = "2026-11-23T03:00:00.000Z";

fn id_of(record: &StoredRecord) -> String {
    record.id().unwrap().to_owned()
}

fn accepted() -> Outcome {
    Outcome::Accepted {
        receipt: ReceiptNumber::new(2026, 1).unwrap(),
    }
}

/// Two tabs on one phone, the first holding `record` as the officer last saw it in a form.
fn two_tabs(record: &StoredRecord) -> (MemoryBackend, Store<MemoryBackend>, Store<MemoryBackend>) {
    let memory = MemoryBackend::new();
    let (mut form_tab, _) = open(memory.clone());
    form_tab.save(record).unwrap();
    let (sync_tab, _) = open(memory.clone());
    (memory, form_tab, sync_tab)
}

/// The sync tab sends `record` and, if `answer` is given, takes the city's answer for it.
fn send_from(tab: &mut Store<MemoryBackend>, record: &StoredRecord, answer: Option<Outcome>) {
    let id = id_of(record);
    let sending = send(record.clone()).unwrap();
    tab.replace(&id, record, &sending).unwrap();
    if let Some(outcome) = answer {
        tab.replace(&id, &sending, &apply(sending.clone(), &outcome, NOW))
            .unwrap();
    }
}

#[test]
fn a_keystroke_in_a_form_left_open_never_writes_over_a_registration_the_city_confirmed() {
    let saved = queued(1);
    let id = id_of(&saved);
    let (memory, mut form_tab, mut sync_tab) = two_tabs(&saved);
    send_from(&mut sync_tab, &saved, Some(accepted()));
    let confirmed = memory.get(&keys::record(&id)).unwrap();

    // One keystroke in the form that was open in the other tab: the whole draft, stale.
    let mut typed = saved.into_submission().unwrap();
    typed.form.business.name.push('x');
    assert_eq!(
        form_tab.save(&StoredRecord::draft(typed.clone())),
        Err(SaveError::NotEditable(RecordState::Synced))
    );
    // "Simpan" from that form is refused the same way: no second version under the same id.
    assert_eq!(
        form_tab.save(&StoredRecord::queued(typed)),
        Err(SaveError::NotEditable(RecordState::Synced))
    );
    // The receipt is what the phone still holds, and no personal data came back.
    assert_eq!(memory.get(&keys::record(&id)).unwrap(), confirmed);
    let kept = form_tab.get(&id).unwrap();
    assert_eq!(kept.state(), RecordState::Synced);
    assert_eq!(kept.submission(), None);
}

#[test]
fn a_registration_being_sent_can_be_neither_changed_nor_discarded_from_a_form() {
    let saved = queued(2);
    let id = id_of(&saved);
    let (memory, mut form_tab, mut sync_tab) = two_tabs(&saved);
    send_from(&mut sync_tab, &saved, None);
    let sending = memory.get(&keys::record(&id)).unwrap();
    assert_eq!(
        form_tab.save(&StoredRecord::draft(saved.submission().unwrap().clone())),
        Err(SaveError::NotEditable(RecordState::Sending))
    );
    assert_eq!(
        form_tab.remove(&id),
        Err(SaveError::NotEditable(RecordState::Sending))
    );
    assert_eq!(memory.get(&keys::record(&id)), Some(sending));
    assert_eq!(open(memory).0.ids(), vec![id]);
}

#[test]
fn a_duplicate_or_a_conflict_is_no_form_s_to_write_over_or_discard() {
    for (seed, outcome, state) in [
        (
            3,
            Outcome::DuplicateNik {
                receipt: ReceiptNumber::new(2026, 7).unwrap(),
            },
            RecordState::DuplicateElsewhere,
        ),
        (4, Outcome::IdConflict, RecordState::IdConflict),
    ] {
        let saved = queued(seed);
        let (_, mut form_tab, mut sync_tab) = two_tabs(&saved);
        send_from(&mut sync_tab, &saved, Some(outcome));
        let draft = StoredRecord::draft(saved.submission().unwrap().clone());
        assert_eq!(form_tab.save(&draft), Err(SaveError::NotEditable(state)));
        assert_eq!(
            form_tab.remove(&id_of(&saved)),
            Err(SaveError::NotEditable(state))
        );
    }
}

#[test]
fn a_form_writes_over_a_draft_a_queued_or_a_rejected_registration_and_a_new_one() {
    let memory = MemoryBackend::new();
    let (mut store, _) = open(memory);
    let draft = with(5, StoredRecord::draft);
    store.save(&draft).unwrap();
    let queued_again = StoredRecord::queued(draft.submission().unwrap().clone());
    store.save(&queued_again).unwrap();
    let rejected = StoredRecord::NeedsFix {
        submission: draft.submission().unwrap().clone(),
        city_errors: Vec::new(),
    };
    store
        .replace(&id_of(&draft), &queued_again, &rejected)
        .unwrap();
    // The officer opens the rejected one and edits it: a draft again.
    store.save(&draft).unwrap();
    assert_eq!(store.get(&id_of(&draft)), Some(draft.clone()));
    store.remove(&id_of(&draft)).unwrap();
    assert_eq!(store.get(&id_of(&draft)), None);
    // Discarding what is not there is no error.
    store.remove(&id_of(&draft)).unwrap();
}

#[test]
fn the_engine_writes_only_over_the_very_record_it_read() {
    let saved = queued(6);
    let id = id_of(&saved);
    let (memory, mut form_tab, mut sync_tab) = two_tabs(&saved);
    // The engine read it queued; before it marks it, the officer opens it and types.
    let read = sync_tab.get(&id).unwrap();
    let edited = StoredRecord::draft(saved.submission().unwrap().clone());
    form_tab.save(&edited).unwrap();
    assert_eq!(
        sync_tab.replace(&id, &read, &send(read.clone()).unwrap()),
        Err(SaveError::Changed)
    );
    assert_eq!(
        opened(&id, &memory.get(&keys::record(&id)).unwrap()).record(),
        Some(edited)
    );
}

#[test]
fn nothing_writes_over_or_removes_a_newer_release_s_record() {
    let memory = MemoryBackend::new();
    let record = queued(7);
    let id = id_of(&record);
    // A newer release moved the schema on: today's envelope, a newer submission inside.
    let raw = format::encode(&record).replacen(
        &format!("\"schema_version\":{SCHEMA_VERSION}"),
        &format!("\"schema_version\":{}", SCHEMA_VERSION + 1),
        1,
    );
    memory.set(&keys::record(&id), &raw).unwrap();
    let (mut store, loaded) = open(memory.clone());
    assert_eq!(loaded.newer, vec![id.clone()]);
    assert_eq!(loaded.quarantined, 0);
    assert_eq!(store.save(&record), Err(SaveError::Newer));
    assert_eq!(store.remove(&id), Err(SaveError::Newer));
    assert_eq!(
        store.replace(&id, &record, &send(record.clone()).unwrap()),
        Err(SaveError::Newer)
    );
    assert_eq!(memory.get(&keys::record(&id)), Some(raw.clone()));
    assert_eq!(store.newer_entries(), vec![(keys::record(&id), raw)]);
}

#[test]
fn a_newer_release_s_record_is_left_alone_when_this_tab_follows_it_or_reads_everything_again() {
    let memory = MemoryBackend::new();
    let (mut this_tab, _) = open(memory.clone());
    let record = queued(8);
    let id = id_of(&record);
    this_tab.save(&record).unwrap();
    // The newer release's tab rewrites it in its own schema.
    let raw = format::encode(&record).replacen(
        &format!("\"schema_version\":{SCHEMA_VERSION}"),
        &format!("\"schema_version\":{}", SCHEMA_VERSION + 1),
        1,
    );
    memory.set(&keys::record(&id), &raw).unwrap();
    this_tab.adopt(&id);
    assert!(this_tab.is_newer(&id));
    assert_eq!(this_tab.summary(&id), None, "not listed, not sent");
    let loaded = this_tab.reload_all();
    assert_eq!(loaded.newer, vec![id.clone()]);
    assert_eq!(loaded.quarantined, 0);
    assert_eq!(memory.get(&keys::record(&id)), Some(raw));
    assert_eq!(memory.get(&keys::quarantine(&id)), None);
}
