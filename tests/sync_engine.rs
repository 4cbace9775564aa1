//! The outbox state machine against a scripted transport, in real Chromium with real
//! localStorage: every outcome and every failure.

use std::{cell::RefCell, collections::VecDeque};

use domain::{
    FieldError, testdata,
    wire::{BatchRequest, BatchResponse, ItemResult, Outcome, ReceiptNumber},
};
use gloo_storage::{LocalStorage, Storage};
use lindungi::{
    store::{LocalBackend, RecordState, SaveError, Store, StoredRecord},
    sync::{
        backoff_ms,
        engine::{Outbox, Progress, RunEnd, run},
        transport::{SendError, Transport},
    },
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

struct TestOutbox(RefCell<Store>);

impl Outbox for TestOutbox {
    fn sendable(&self) -> Vec<String> {
        let store = self.0.borrow();
        store
            .ids()
            .into_iter()
            .filter(|id| {
                store
                    .get(id)
                    .is_some_and(|r| matches!(r.state, RecordState::Queued | RecordState::Sending))
            })
            .collect()
    }
    fn get(&self, id: &str) -> Option<StoredRecord> {
        self.0.borrow().get(id)
    }
    fn put(&self, id: &str, record: &StoredRecord) -> Result<(), SaveError> {
        self.0.borrow_mut().save_as(id, record).map(|_| ())
    }
}

type Answer = Box<dyn Fn(&BatchRequest) -> Result<BatchResponse, SendError>>;

/// Answers each request with the next scripted answer, and remembers what was sent.
#[derive(Default)]
struct Scripted {
    answers: RefCell<VecDeque<Answer>>,
    sent: RefCell<Vec<Vec<String>>>,
}

impl Scripted {
    fn then(
        self,
        answer: impl Fn(&BatchRequest) -> Result<BatchResponse, SendError> + 'static,
    ) -> Self {
        self.answers.borrow_mut().push_back(Box::new(answer));
        self
    }
}

impl Transport for Scripted {
    async fn send(&self, _token: &str, batch: &BatchRequest) -> Result<BatchResponse, SendError> {
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

fn each(
    batch: &BatchRequest,
    outcome: impl Fn(usize) -> Outcome,
) -> Result<BatchResponse, SendError> {
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

fn receipt(n: u32) -> ReceiptNumber {
    ReceiptNumber::new(2026, n).unwrap()
}

fn outbox_with(n: u64, state: RecordState) -> (TestOutbox, Vec<String>) {
    LocalStorage::clear();
    let (mut store, _) = Store::open(LocalBackend);
    let ids = (0..n)
        .map(|seed| {
            let r = StoredRecord::new(state, testdata::submission(seed));
            store.save(&r).unwrap();
            r.id().unwrap().to_owned()
        })
        .collect();
    (TestOutbox(RefCell::new(store)), ids)
}

async fn go(outbox: &TestOutbox, transport: &Scripted, batch_size: &mut usize) -> RunEnd {
    run(
        outbox,
        transport,
        "token",
        batch_size,
        &|| "2026-11-23T03:00:00.000Z".to_owned(),
        &|_| {},
    )
    .await
}

fn state_of(outbox: &TestOutbox, id: &str) -> RecordState {
    outbox.get(id).unwrap().state
}

#[wasm_bindgen_test]
async fn accepted_registrations_keep_only_their_receipt() {
    let (outbox, ids) = outbox_with(3, RecordState::Queued);
    let nik = outbox
        .get(&ids[0])
        .unwrap()
        .submission
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
        go(&outbox, &transport, &mut 100).await,
        RunEnd::Done {
            answered: 3,
            attention: 0
        }
    );
    let record = outbox.get(&ids[0]).unwrap();
    assert_eq!(record.state, RecordState::Synced);
    assert_eq!(
        record.submission, None,
        "personal data is dropped once confirmed"
    );
    assert_eq!(record.receipt.as_ref().unwrap().number, receipt(1));
    assert!(record.receipt.unwrap().masked_nik.ends_with(&nik[12..]));
    let stored = LocalStorage::raw()
        .get_item(&lindungi::store::keys::record(&ids[0]))
        .unwrap()
        .unwrap();
    assert!(!stored.contains(&nik), "the full NIK is no longer stored");
}

#[wasm_bindgen_test]
async fn already_received_is_confirmed_like_accepted() {
    let (outbox, ids) = outbox_with(1, RecordState::Queued);
    let transport = Scripted::default().then(|b| {
        each(b, |_| Outcome::AlreadyReceived {
            receipt: receipt(7),
        })
    });
    go(&outbox, &transport, &mut 100).await;
    assert_eq!(state_of(&outbox, &ids[0]), RecordState::Synced);
}

#[wasm_bindgen_test]
async fn a_rejected_registration_needs_fixing_with_its_field_errors() {
    let (outbox, ids) = outbox_with(1, RecordState::Queued);
    let transport = Scripted::default().then(|b| {
        each(b, |_| Outcome::Rejected {
            errors: vec![FieldError::new("participant.phone", "phone.not_mobile")],
        })
    });
    assert_eq!(
        go(&outbox, &transport, &mut 100).await,
        RunEnd::Done {
            answered: 1,
            attention: 1
        }
    );
    let record = outbox.get(&ids[0]).unwrap();
    assert_eq!(record.state, RecordState::NeedsFix);
    assert!(record.submission.is_some(), "kept for the officer to fix");
    assert_eq!(
        record.last_error.unwrap().fields,
        vec![FieldError::new("participant.phone", "phone.not_mobile")]
    );
}

#[wasm_bindgen_test]
async fn a_nik_registered_elsewhere_shows_the_existing_receipt() {
    let (outbox, ids) = outbox_with(1, RecordState::Queued);
    let transport = Scripted::default().then(|b| {
        each(b, |_| Outcome::DuplicateNik {
            receipt: receipt(42),
        })
    });
    go(&outbox, &transport, &mut 100).await;
    let record = outbox.get(&ids[0]).unwrap();
    assert_eq!(record.state, RecordState::DuplicateElsewhere);
    assert_eq!(record.receipt.unwrap().number, receipt(42));
}

#[wasm_bindgen_test]
async fn an_id_conflict_needs_attention_and_keeps_the_data() {
    let (outbox, ids) = outbox_with(1, RecordState::Queued);
    let transport = Scripted::default().then(|b| each(b, |_| Outcome::IdConflict));
    go(&outbox, &transport, &mut 100).await;
    let record = outbox.get(&ids[0]).unwrap();
    assert_eq!(record.state, RecordState::IdConflict);
    assert_eq!(record.last_error.unwrap().code, "id_conflict");
    assert!(record.submission.is_some());
}

#[wasm_bindgen_test]
async fn every_failure_of_the_request_puts_the_batch_back_in_the_queue() {
    for failure in [
        SendError::Network,
        SendError::Timeout,
        SendError::Server(503),
        SendError::RateLimited(30),
        SendError::Unauthorized,
    ] {
        let (outbox, ids) = outbox_with(2, RecordState::Queued);
        let f = failure.clone();
        let transport = Scripted::default().then(move |_| Err(f.clone()));
        assert_eq!(
            go(&outbox, &transport, &mut 100).await,
            RunEnd::Failed(failure.clone())
        );
        for id in &ids {
            let record = outbox.get(id).unwrap();
            assert_eq!(record.state, RecordState::Queued, "{failure:?}");
            assert!(record.submission.is_some());
            assert!(record.last_error.unwrap().code.starts_with("sync."));
        }
    }
}

#[wasm_bindgen_test]
async fn a_413_halves_the_batch_until_it_fits() {
    let (outbox, ids) = outbox_with(8, RecordState::Queued);
    let transport = Scripted::default()
        .then(|_| Err(SendError::TooLarge))
        .then(|_| Err(SendError::TooLarge))
        .then(|b| {
            each(b, |_| Outcome::Accepted {
                receipt: receipt(1),
            })
        })
        .then(|b| {
            each(b, |_| Outcome::Accepted {
                receipt: receipt(1),
            })
        })
        .then(|b| {
            each(b, |_| Outcome::Accepted {
                receipt: receipt(1),
            })
        })
        .then(|b| {
            each(b, |_| Outcome::Accepted {
                receipt: receipt(1),
            })
        });
    let mut batch_size = 8;
    assert_eq!(
        go(&outbox, &transport, &mut batch_size).await,
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

#[wasm_bindgen_test]
async fn a_registration_left_sending_by_a_dead_tab_is_sent_again() {
    let (outbox, ids) = outbox_with(2, RecordState::Sending);
    let transport = Scripted::default().then(|b| {
        each(b, |_| Outcome::AlreadyReceived {
            receipt: receipt(3),
        })
    });
    go(&outbox, &transport, &mut 100).await;
    assert_eq!(transport.sent.borrow()[0], ids);
    assert!(
        ids.iter()
            .all(|id| state_of(&outbox, id) == RecordState::Synced)
    );
}

#[wasm_bindgen_test]
async fn a_registration_the_answer_does_not_mention_is_queued_again() {
    let (outbox, ids) = outbox_with(2, RecordState::Queued);
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
    go(&outbox, &transport, &mut 100).await;
    assert_eq!(state_of(&outbox, &ids[0]), RecordState::Synced);
    assert_eq!(state_of(&outbox, &ids[1]), RecordState::Queued);
}

#[wasm_bindgen_test]
async fn drafts_and_finished_ones_are_not_sent() {
    let (outbox, _) = outbox_with(2, RecordState::Draft);
    let transport = Scripted::default();
    assert_eq!(go(&outbox, &transport, &mut 100).await, RunEnd::Nothing);
    assert!(transport.sent.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn progress_is_reported_batch_by_batch() {
    let (outbox, _) = outbox_with(5, RecordState::Queued);
    let transport = Scripted::default()
        .then(|b| {
            each(b, |_| Outcome::Accepted {
                receipt: receipt(1),
            })
        })
        .then(|b| {
            each(b, |_| Outcome::Accepted {
                receipt: receipt(1),
            })
        })
        .then(|b| {
            each(b, |_| Outcome::Accepted {
                receipt: receipt(1),
            })
        });
    let seen = RefCell::new(Vec::new());
    run(&outbox, &transport, "t", &mut 2, &|| String::new(), &|p| {
        seen.borrow_mut().push(p)
    })
    .await;
    let done: Vec<usize> = seen.borrow().iter().map(|p: &Progress| p.done).collect();
    assert_eq!(done, vec![0, 2, 4, 5]);
    assert!(seen.borrow().iter().all(|p| p.total == 5));
}

#[wasm_bindgen_test]
fn backoff_doubles_with_jitter_and_is_capped() {
    assert_eq!(backoff_ms(1, 1.0), 5_000);
    assert_eq!(backoff_ms(2, 1.0), 10_000);
    assert_eq!(backoff_ms(3, 0.0), 10_000, "jitter takes off at most half");
    assert_eq!(backoff_ms(30, 1.0), 300_000, "capped at five minutes");
}
