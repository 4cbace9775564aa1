//! The outbox loop against a scripted transport, over the real store on an in-memory backend,
//! natively: every outcome and every failure. (Moved from the Chromium suite: nothing here
//! touches the browser.)

use std::{cell::RefCell, collections::VecDeque};

use domain::{
    FieldError, testdata,
    wire::{BatchRequest, BatchResponse, ItemResult, Outcome, ReceiptNumber},
};
use futures::executor::block_on;

use super::{
    backoff_ms,
    engine::{Outbox, Progress, RunEnd, run},
    outbox::OwnStore,
    transport::Transport,
};
use crate::{
    api::Error,
    store::{
        Backend, Held, MemoryBackend, RecordState, Store, StoredRecord, WriteError, keys,
        tests::{FakeCipher, Writes, open},
    },
};

type TestOutbox = OwnStore<MemoryBackend, FakeCipher>;

/// One record of a test's own store, opened if it was not yet.
trait Record {
    fn record(&self, id: &str) -> Option<StoredRecord>;
}

impl<B: crate::store::Backend> Record for OwnStore<B, FakeCipher> {
    fn record(&self, id: &str) -> Option<StoredRecord> {
        crate::store::tests::now(Outbox::get(self, id)).map(|h| h.record)
    }
}

fn own<B: crate::store::Backend>(store: Store<B>) -> OwnStore<B, FakeCipher> {
    OwnStore {
        store: RefCell::new(store),
        cipher: FakeCipher::default(),
    }
}

type Answer = Box<dyn Fn(&BatchRequest) -> Result<BatchResponse, Error>>;

/// Answers each request with the next scripted answer, and remembers what was sent.
#[derive(Default)]
struct Scripted {
    answers: RefCell<VecDeque<Answer>>,
    sent: RefCell<Vec<Vec<String>>>,
}

impl Scripted {
    fn then(
        self,
        answer: impl Fn(&BatchRequest) -> Result<BatchResponse, Error> + 'static,
    ) -> Self {
        self.answers.borrow_mut().push_back(Box::new(answer));
        self
    }
}

impl Transport for Scripted {
    async fn send(&self, batch: &BatchRequest) -> Result<BatchResponse, Error> {
        self.sent
            .borrow_mut()
            .push(batch.registrations.iter().map(|r| r.id.clone()).collect());
        let answer = self
            .answers
            .borrow_mut()
            .pop_front()
            .expect("an answer was scripted for every request");
        answer(batch)
    }
}

fn each(batch: &BatchRequest, outcome: impl Fn(usize) -> Outcome) -> Result<BatchResponse, Error> {
    Ok(BatchResponse {
        results: batch
            .registrations
            .iter()
            .enumerate()
            .map(|(i, r)| ItemResult {
                id: r.id.clone(),
                outcome: outcome(i),
            })
            .collect(),
    })
}

fn accept_all(batch: &BatchRequest) -> Result<BatchResponse, Error> {
    each(batch, |_| Outcome::Accepted {
        receipt: receipt(1),
    })
}

fn receipt(n: u32) -> ReceiptNumber {
    ReceiptNumber::new(2026, n).unwrap()
}

fn outbox_on(
    backend: MemoryBackend,
    n: u64,
    state: fn(domain::Submission) -> StoredRecord,
) -> (TestOutbox, Vec<String>) {
    let (mut store, _) = open(backend);
    let ids = (0..n)
        .map(|seed| {
            let r = state(testdata::submission(seed));
            store.save(&r).unwrap();
            r.id().unwrap().to_owned()
        })
        .collect();
    (own(store), ids)
}

fn outbox_with(n: u64, state: fn(domain::Submission) -> StoredRecord) -> (TestOutbox, Vec<String>) {
    outbox_on(MemoryBackend::new(), n, state)
}

fn sending(submission: domain::Submission) -> StoredRecord {
    StoredRecord::Sending { submission }
}

fn go(outbox: &impl Outbox, transport: &Scripted, batch_size: &mut usize) -> RunEnd {
    block_on(run(
        outbox,
        transport,
        batch_size,
        &|| "2026-11-23T03:00:00.000Z".to_owned(),
        &|| None,
        &|_| {},
    ))
}

fn state_of(outbox: &TestOutbox, id: &str) -> RecordState {
    outbox.record(id).unwrap().state()
}

#[test]
fn accepted_registrations_keep_only_their_receipt() {
    let (outbox, ids) = outbox_with(3, StoredRecord::queued);
    let nik = outbox
        .record(&ids[0])
        .unwrap()
        .into_submission()
        .unwrap()
        .form
        .participant
        .nik;
    let transport = Scripted::default().then(|b| {
        each(b, |i| Outcome::Accepted {
            receipt: receipt(i as u32 + 1),
        })
    });
    assert_eq!(
        go(&outbox, &transport, &mut 100),
        RunEnd::Done {
            answered: 3,
            attention: 0
        }
    );
    let record = outbox.record(&ids[0]).unwrap();
    assert_eq!(record.state(), RecordState::Synced);
    assert_eq!(
        record.submission(),
        None,
        "personal data is dropped once confirmed"
    );
    assert_eq!(record.receipt().unwrap().number, receipt(1));
    assert!(record.receipt().unwrap().masked_nik.ends_with(&nik[12..]));
    let stored = outbox
        .store
        .borrow()
        .backend()
        .get(&keys::record(&ids[0]))
        .unwrap();
    // What the box holds is the record in clear: the NIK is not in it.
    let inside = block_on(crate::store::sealed::open(
        &FakeCipher::default(),
        &ids[0],
        &stored,
    ))
    .record()
    .unwrap();
    assert!(
        !crate::store::format::encode(&inside).contains(&nik),
        "the full NIK is no longer stored"
    );
}

#[test]
fn already_received_is_confirmed_like_accepted() {
    let (outbox, ids) = outbox_with(1, StoredRecord::queued);
    let transport = Scripted::default().then(|b| {
        each(b, |_| Outcome::AlreadyReceived {
            receipt: receipt(7),
        })
    });
    go(&outbox, &transport, &mut 100);
    assert_eq!(state_of(&outbox, &ids[0]), RecordState::Synced);
}

#[test]
fn a_rejected_registration_needs_fixing_with_its_field_errors() {
    let (outbox, ids) = outbox_with(1, StoredRecord::queued);
    let transport = Scripted::default().then(|b| {
        each(b, |_| Outcome::Rejected {
            errors: vec![FieldError::new("participant.phone", "phone.not_mobile")],
        })
    });
    assert_eq!(
        go(&outbox, &transport, &mut 100),
        RunEnd::Done {
            answered: 1,
            attention: 1
        }
    );
    let record = outbox.record(&ids[0]).unwrap();
    assert_eq!(record.state(), RecordState::NeedsFix);
    assert!(record.submission().is_some(), "kept for the officer to fix");
    assert_eq!(
        record.city_errors(),
        vec![FieldError::new("participant.phone", "phone.not_mobile")]
    );
}

#[test]
fn a_nik_registered_elsewhere_shows_the_existing_receipt() {
    let (outbox, ids) = outbox_with(1, StoredRecord::queued);
    let transport = Scripted::default().then(|b| {
        each(b, |_| Outcome::DuplicateNik {
            receipt: receipt(42),
        })
    });
    go(&outbox, &transport, &mut 100);
    let record = outbox.record(&ids[0]).unwrap();
    assert_eq!(record.state(), RecordState::DuplicateElsewhere);
    assert_eq!(record.receipt().unwrap().number, receipt(42));
}

#[test]
fn an_id_conflict_needs_attention_and_keeps_the_data() {
    let (outbox, ids) = outbox_with(1, StoredRecord::queued);
    let transport = Scripted::default().then(|b| each(b, |_| Outcome::IdConflict));
    go(&outbox, &transport, &mut 100);
    let record = outbox.record(&ids[0]).unwrap();
    assert_eq!(record.state(), RecordState::IdConflict);
    assert_eq!(record.last_error_code().unwrap(), "id_conflict");
    assert!(record.submission().is_some());
}

#[test]
fn every_failure_of_the_request_puts_the_batch_back_in_the_queue() {
    for failure in [
        Error::Network,
        Error::Timeout,
        Error::Server(503),
        Error::RateLimited(30),
        Error::Unauthorized,
    ] {
        let (outbox, ids) = outbox_with(2, StoredRecord::queued);
        let f = failure.clone();
        let transport = Scripted::default().then(move |_| Err(f.clone()));
        assert_eq!(
            go(&outbox, &transport, &mut 100),
            RunEnd::Failed(failure.clone())
        );
        for id in &ids {
            let record = outbox.record(id).unwrap();
            assert_eq!(record.state(), RecordState::Queued, "{failure:?}");
            assert!(record.submission().is_some());
            assert!(record.last_error_code().unwrap().starts_with("sync."));
        }
    }
}

#[test]
fn a_413_halves_the_batch_until_it_fits() {
    let (outbox, ids) = outbox_with(8, StoredRecord::queued);
    let transport = Scripted::default()
        .then(|_| Err(Error::TooLarge))
        .then(|_| Err(Error::TooLarge))
        .then(accept_all)
        .then(accept_all)
        .then(accept_all)
        .then(accept_all);
    let mut batch_size = 8;
    assert_eq!(
        go(&outbox, &transport, &mut batch_size),
        RunEnd::Done {
            answered: 8,
            attention: 0
        }
    );
    assert_eq!(batch_size, 2);
    let sizes: Vec<usize> = transport.sent.borrow().iter().map(Vec::len).collect();
    assert_eq!(sizes, vec![8, 4, 2, 2, 2, 2]);
    assert!(
        ids.iter()
            .all(|id| state_of(&outbox, id) == RecordState::Synced)
    );
}

#[test]
fn a_413_for_a_single_registration_is_a_failure_not_a_loop() {
    let (outbox, ids) = outbox_with(1, StoredRecord::queued);
    let transport = Scripted::default().then(|_| Err(Error::TooLarge));
    assert_eq!(
        go(&outbox, &transport, &mut 1),
        RunEnd::Failed(Error::TooLarge)
    );
    assert_eq!(state_of(&outbox, &ids[0]), RecordState::Queued);
}

#[test]
fn a_registration_left_sending_by_a_dead_tab_is_sent_again() {
    let (outbox, ids) = outbox_with(2, sending);
    let transport = Scripted::default().then(|b| {
        each(b, |_| Outcome::AlreadyReceived {
            receipt: receipt(3),
        })
    });
    go(&outbox, &transport, &mut 100);
    assert_eq!(transport.sent.borrow()[0], ids);
    assert!(
        ids.iter()
            .all(|id| state_of(&outbox, id) == RecordState::Synced)
    );
}

#[test]
fn a_registration_the_answer_does_not_mention_is_queued_again() {
    let (outbox, ids) = outbox_with(2, StoredRecord::queued);
    let first = ids[0].clone();
    let transport = Scripted::default().then(move |_| {
        Ok(BatchResponse {
            results: vec![ItemResult {
                id: first.clone(),
                outcome: Outcome::Accepted {
                    receipt: receipt(1),
                },
            }],
        })
    });
    go(&outbox, &transport, &mut 100);
    assert_eq!(state_of(&outbox, &ids[0]), RecordState::Synced);
    assert_eq!(state_of(&outbox, &ids[1]), RecordState::Queued);
}

#[test]
fn an_answer_for_a_registration_not_in_the_batch_changes_nothing() {
    let (outbox, ids) = outbox_with(2, StoredRecord::queued);
    let draft = StoredRecord::draft(testdata::submission(50));
    outbox.store.borrow_mut().save(&draft).unwrap();
    let stranger = draft.id().unwrap().to_owned();
    let named = stranger.clone();
    let transport = Scripted::default().then(move |b| {
        let mut answer = accept_all(b)?;
        answer.results.push(ItemResult {
            id: named.clone(),
            outcome: Outcome::Accepted {
                receipt: receipt(9),
            },
        });
        Ok(answer)
    });
    go(&outbox, &transport, &mut 100);
    assert_eq!(outbox.record(&stranger), Some(draft));
    assert!(
        ids.iter()
            .all(|id| state_of(&outbox, id) == RecordState::Synced)
    );
}

#[test]
fn drafts_and_finished_ones_are_not_sent() {
    let (outbox, _) = outbox_with(2, StoredRecord::draft);
    let transport = Scripted::default();
    assert_eq!(go(&outbox, &transport, &mut 100), RunEnd::Nothing);
    assert!(transport.sent.borrow().is_empty());
}

/// Lets the first `n` writes through, then fails every one as a full storage would.
struct FullAfter(MemoryBackend, std::cell::Cell<usize>);

impl Backend for FullAfter {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        if self.1.get() == 0 {
            return Err(WriteError::QuotaExceeded);
        }
        self.1.set(self.1.get() - 1);
        self.0.set(key, value)
    }
    fn remove(&self, key: &str) {
        self.0.remove(key)
    }
    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        self.0.keys_with_prefix(prefix)
    }
}

#[test]
fn a_full_storage_does_not_stop_a_queued_registration_from_being_sent() {
    let memory = MemoryBackend::new();
    let (_, ids) = outbox_on(memory.clone(), 2, StoredRecord::queued);
    // Storage is full from now on: marking them `sending` fails.
    let outbox = own(open(FullAfter(memory, 0.into())).0);
    let transport = Scripted::default().then(accept_all);
    assert_eq!(
        go(&outbox, &transport, &mut 100),
        RunEnd::Done {
            answered: 2,
            attention: 0
        }
    );
    assert_eq!(transport.sent.borrow()[0], ids);
}

#[test]
fn progress_is_reported_batch_by_batch() {
    let (outbox, _) = outbox_with(5, StoredRecord::queued);
    let transport = Scripted::default()
        .then(accept_all)
        .then(accept_all)
        .then(accept_all);
    let seen = RefCell::new(Vec::new());
    block_on(run(
        &outbox,
        &transport,
        &mut 2,
        &String::new,
        &|| None,
        &|p| seen.borrow_mut().push(p),
    ));
    let done: Vec<usize> = seen.borrow().iter().map(|p: &Progress| p.done).collect();
    assert_eq!(done, vec![0, 2, 4, 5]);
    assert!(seen.borrow().iter().all(|p| p.total == 5));
}

#[test]
fn a_failure_after_a_good_batch_requeues_only_the_unanswered_ones() {
    let (outbox, ids) = outbox_with(4, StoredRecord::queued);
    let transport = Scripted::default()
        .then(accept_all)
        .then(|_| Err(Error::Timeout));
    assert_eq!(
        go(&outbox, &transport, &mut 2),
        RunEnd::Failed(Error::Timeout)
    );
    let states: Vec<_> = ids.iter().map(|id| state_of(&outbox, id)).collect();
    assert_eq!(
        states,
        [
            RecordState::Synced,
            RecordState::Synced,
            RecordState::Queued,
            RecordState::Queued
        ]
    );
    assert_eq!(
        outbox.record(&ids[2]).unwrap().last_error_code(),
        Some("sync.timeout")
    );
}

#[test]
fn an_endpoint_of_another_release_keeps_every_registration_waiting_never_needing_a_fix() {
    let (outbox, ids) = outbox_with(3, StoredRecord::queued);
    let transport = Scripted::default().then(|_| Err(Error::UpdateRequired));
    assert_eq!(
        go(&outbox, &transport, &mut 100),
        RunEnd::Failed(Error::UpdateRequired)
    );
    for id in &ids {
        let record = outbox.record(id).unwrap();
        assert_eq!(record.state(), RecordState::Queued);
        assert_eq!(record.last_error_code(), Some("sync.update_required"));
        assert!(record.city_errors().is_empty());
    }
    // After the update they are sent again, as they were.
    let transport = Scripted::default().then(accept_all);
    go(&outbox, &transport, &mut 100);
    assert_eq!(transport.sent.borrow()[0], ids);
    assert!(
        ids.iter()
            .all(|id| state_of(&outbox, id) == RecordState::Synced)
    );
}

#[test]
fn a_registration_a_clock_set_back_left_out_of_order_is_sent_repaired() {
    let (outbox, _) = outbox_with(0, StoredRecord::queued);
    let mut stranded = testdata::submission(60);
    stranded.updated_at = "2020-01-01T00:00:00.000Z".into();
    outbox
        .store
        .borrow_mut()
        .save(&StoredRecord::queued(stranded.clone()))
        .unwrap();
    let created = stranded.created_at.clone();
    let transport = Scripted::default().then(move |b| {
        // What the endpoint receives is in order: its last edit is its start.
        assert_eq!(b.registrations[0].updated_at, created);
        accept_all(b)
    });
    go(&outbox, &transport, &mut 100);
    assert_eq!(state_of(&outbox, &stranded.id), RecordState::Synced);
}

/// The store as another tab changes it right after the engine has read a record: the officer
/// opened it there and typed.
struct EditedMeanwhile {
    engine_tab: TestOutbox,
    form_tab: RefCell<Store<MemoryBackend>>,
}

impl Outbox for EditedMeanwhile {
    fn sendable(&self) -> Vec<String> {
        self.engine_tab.sendable()
    }
    async fn get(&self, id: &str) -> Option<Held> {
        let read = Outbox::get(&self.engine_tab, id).await?;
        if let Some(submission) = read.record.submission() {
            let draft = StoredRecord::draft(submission.clone());
            self.form_tab.borrow_mut().save(&draft).unwrap();
        }
        Some(read)
    }
    async fn replace(
        &self,
        id: &str,
        expected: &Held,
        next: &StoredRecord,
    ) -> Result<(), crate::store::SaveError> {
        Outbox::replace(&self.engine_tab, id, expected, next).await
    }
}

#[test]
fn a_registration_opened_for_editing_after_the_engine_read_it_is_neither_marked_nor_sent() {
    let memory = MemoryBackend::new();
    let (_, ids) = outbox_on(memory.clone(), 2, StoredRecord::queued);
    let outbox = EditedMeanwhile {
        engine_tab: own(open(memory.clone()).0),
        form_tab: RefCell::new(open(memory.clone()).0),
    };
    let transport = Scripted::default();
    go(&outbox, &transport, &mut 100);
    assert!(transport.sent.borrow().is_empty(), "nothing sent");
    let (mut store, _) = open(memory);
    for id in &ids {
        let held = crate::store::tests::now(store.fetch(&FakeCipher::default(), id));
        assert_eq!(held.unwrap().record.state(), RecordState::Draft);
    }
}

#[test]
fn backoff_doubles_with_jitter_and_is_capped() {
    assert_eq!(backoff_ms(1, 1.0), 5_000);
    assert_eq!(backoff_ms(2, 1.0), 10_000);
    assert_eq!(backoff_ms(3, 0.0), 10_000, "jitter takes off at most half");
    assert_eq!(backoff_ms(30, 1.0), 300_000, "capped at five minutes");
}

#[test]
fn every_batch_carries_the_phones_report_as_it_is_when_the_batch_leaves() {
    let (outbox, _) = outbox_with(3, StoredRecord::queued);
    let seen = std::rc::Rc::new(RefCell::new(Vec::new()));
    let answer = |seen: std::rc::Rc<RefCell<Vec<Option<u32>>>>| {
        move |batch: &BatchRequest| {
            seen.borrow_mut()
                .push(batch.health.as_ref().map(|h| h.waiting));
            accept_all(batch)
        }
    };
    let transport = Scripted::default()
        .then(answer(seen.clone()))
        .then(answer(seen.clone()));
    // The report counts what waits in the store at the moment the batch is made.
    let report = || {
        let waiting = outbox
            .store
            .borrow()
            .summaries()
            .filter(|s| crate::sync::health::is_waiting(s.state))
            .count();
        Some(domain::wire::DeviceHealth {
            app_version: "v".into(),
            waiting: waiting as u32,
            ..Default::default()
        })
    };
    block_on(run(
        &outbox,
        &transport,
        &mut 2,
        &String::new,
        &report,
        &|_| {},
    ));
    assert_eq!(*seen.borrow(), [Some(3), Some(1)]);
}
