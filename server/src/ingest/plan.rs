//! What a batch's answer will be, decided in memory from what the database already holds: one
//! outcome per submission, in request order, and the new registrations to write.
//!
//! The rules are those of taking the submissions one after the other: a submission sees every
//! one stored before the batch and every one accepted earlier in the same batch, so the same
//! registration twice in a batch is `accepted` then `already_received`, and a second id with an
//! earlier one's NIK is `duplicate_nik` with the earlier receipt.

use std::collections::HashMap;

use domain::{
    Date, FieldError, Registration, RegistrationId,
    wire::{Outcome, ReceiptNumber, Submission},
};

use crate::error::Error;

/// One submission of the batch, checked before the database is touched.
pub(super) struct Item<'a> {
    pub submission: &'a Submission,
    /// Its id, when it is one (a submission with a malformed id is rejected, never looked up).
    pub id: Option<RegistrationId>,
    /// The registration and its canonical JSON, or why it is invalid, by the rules of "today".
    pub validation: Result<Valid, Vec<FieldError>>,
}

/// What checking a submission found: made apart from the submission (on another thread), then
/// put beside it as an [`Item`].
pub(super) struct Checked {
    id: Option<RegistrationId>,
    validation: Result<Valid, Vec<FieldError>>,
}

/// A valid registration, with the JSON it is kept as.
pub(super) struct Valid {
    pub registration: Registration,
    pub canonical_json: String,
}

impl Checked {
    /// Validates `submission` by the rules of `today`.
    pub fn new(submission: &Submission, today: Date) -> Result<Self, Error> {
        let validation = match Registration::from_submission(submission, today) {
            Ok(registration) => Ok(Valid {
                canonical_json: canonical_json(&registration)?,
                registration,
            }),
            Err(errors) => Err(errors),
        };
        Ok(Checked {
            id: RegistrationId::parse(&submission.id).ok(),
            validation,
        })
    }
}

/// The registration's canonical JSON, as kept in `canonical_json`: written into room for a
/// typical registration (about 1 KiB) at once, rather than grown from `to_string`'s 128 bytes.
fn canonical_json(registration: &Registration) -> Result<String, Error> {
    let mut json = Vec::with_capacity(2048);
    serde_json::to_writer(&mut json, registration)
        .map_err(|e| anyhow::anyhow!("a registration does not serialize: {e}"))?;
    // serde_json writes UTF-8 only.
    String::from_utf8(json).map_err(|e| anyhow::anyhow!("canonical JSON is not UTF-8: {e}").into())
}

impl<'a> Item<'a> {
    /// `submission` with what checking it found.
    pub fn new(submission: &'a Submission, checked: Checked) -> Self {
        Item {
            submission,
            id: checked.id,
            validation: checked.validation,
        }
    }

    /// The registration, when the submission is valid.
    pub fn registration(&self) -> Option<&Registration> {
        self.validation
            .as_ref()
            .ok()
            .map(|valid| &valid.registration)
    }

    /// The NIK the submission registers, when it is valid.
    pub fn nik(&self) -> Option<&str> {
        Some(self.registration()?.participant().nik().as_str())
    }
}

/// A registration stored before this batch, found by its id.
pub(super) struct Stored {
    pub receipt: String,
    pub validated_on: String,
    pub canonical_json: String,
}

/// What the database holds about the batch's ids and NIKs.
#[derive(Default)]
pub(super) struct Known {
    /// Stored registrations, by id.
    pub by_id: HashMap<String, Stored>,
    /// Receipts of stored registrations, by NIK.
    pub receipt_by_nik: HashMap<String, String>,
}

/// A submission accepted by this batch.
pub(super) struct Accepted<'a> {
    pub registration: &'a Registration,
    pub canonical_json: &'a str,
    pub receipt: ReceiptNumber,
}

/// The batch's answer and what to write for it.
pub(super) struct Plan<'a> {
    /// One outcome per submission, in request order.
    pub outcomes: Vec<Outcome>,
    /// The new registrations, in receipt order.
    pub accepted: Vec<Accepted<'a>>,
}

/// Decides every outcome; receipts continue from `last_sequence` of `today`'s year.
pub(super) fn plan<'a>(
    items: &'a [Item<'_>],
    known: &Known,
    last_sequence: u32,
    today: Date,
) -> Result<Plan<'a>, Error> {
    let mut outcomes = Vec::with_capacity(items.len());
    let mut accepted: Vec<Accepted<'a>> = Vec::new();
    // Accepted earlier in this batch: index into `accepted`, by id and by NIK.
    let mut new_by_id: HashMap<&str, usize> = HashMap::new();
    let mut new_by_nik: HashMap<&str, usize> = HashMap::new();
    let mut sequence = last_sequence;
    for item in items {
        let outcome = 'outcome: {
            // A known id: the same content is a retry, anything else a conflict.
            if let Some(id) = &item.id {
                if let Some(stored) = known.by_id.get(id.as_str()) {
                    break 'outcome compare(item, today, stored)?;
                }
                if let Some(&earlier) = new_by_id.get(id.as_str()) {
                    let first = &accepted[earlier];
                    // Validated today like the first: the same check as for a stored one.
                    break 'outcome match item.registration() {
                        Some(again) if first.registration.same_content(again) => {
                            Outcome::AlreadyReceived {
                                receipt: first.receipt,
                            }
                        }
                        _ => Outcome::IdConflict,
                    };
                }
            }
            let Valid {
                registration,
                canonical_json,
            } = match &item.validation {
                Ok(valid) => valid,
                Err(errors) => {
                    break 'outcome Outcome::Rejected {
                        errors: errors.clone(),
                    };
                }
            };
            let nik = registration.participant().nik().as_str();
            if let Some(receipt) = known.receipt_by_nik.get(nik) {
                break 'outcome Outcome::DuplicateNik {
                    receipt: parse_receipt(receipt)?,
                };
            }
            if let Some(&earlier) = new_by_nik.get(nik) {
                break 'outcome Outcome::DuplicateNik {
                    receipt: accepted[earlier].receipt,
                };
            }
            sequence = sequence.saturating_add(1);
            let receipt = ReceiptNumber::new(today.year(), sequence)
                .map_err(|e| anyhow::anyhow!("no receipt number left for {}: {e}", today.year()))?;
            new_by_id.insert(registration.id().as_str(), accepted.len());
            new_by_nik.insert(nik, accepted.len());
            accepted.push(Accepted {
                registration,
                canonical_json,
                receipt,
            });
            Outcome::Accepted { receipt }
        };
        outcomes.push(outcome);
    }
    Ok(Plan { outcomes, accepted })
}

/// The answer for a submission whose id is already stored.
///
/// It is validated again against the day the stored one was validated on, so a rule that moved
/// with the calendar (age, start month) cannot turn an identical retry into a conflict, and
/// then compared as canonical content ([`Registration::same_content`]: spelling and `updated_at`
/// do not count).
fn compare(item: &Item<'_>, today: Date, stored: &Stored) -> Result<Outcome, Error> {
    let first: Registration = serde_json::from_str(&stored.canonical_json)
        .map_err(|e| anyhow::anyhow!("a stored registration does not read back: {e}"))?;
    let validated_on = Date::parse(&stored.validated_on)
        .map_err(|e| anyhow::anyhow!("a stored validation date does not read back: {e}"))?;
    let again = if validated_on == today {
        item.registration().cloned()
    } else {
        Registration::from_submission(item.submission, validated_on).ok()
    };
    let receipt = parse_receipt(&stored.receipt)?;
    Ok(match again {
        Some(again) if first.same_content(&again) => Outcome::AlreadyReceived { receipt },
        _ => Outcome::IdConflict,
    })
}

fn parse_receipt(receipt: &str) -> Result<ReceiptNumber, Error> {
    ReceiptNumber::parse(receipt)
        .map_err(|e| anyhow::anyhow!("a stored receipt does not read back: {e}").into())
}

#[cfg(test)]
mod tests {
    use domain::testdata;

    use super::*;

    fn items(submissions: &[Submission]) -> Vec<Item<'_>> {
        submissions
            .iter()
            .map(|s| Item::new(s, Checked::new(s, testdata::REFERENCE_TODAY).unwrap()))
            .collect()
    }

    fn receipt(sequence: u32) -> ReceiptNumber {
        ReceiptNumber::new(testdata::REFERENCE_TODAY.year(), sequence).unwrap()
    }

    #[test]
    fn receipts_continue_from_the_last_one_stored_and_skip_no_number() {
        let sent = [1, 2, 3].map(testdata::submission);
        let mut rejected = testdata::submission(4);
        rejected.form.consent = false;
        let sent = [sent[0].clone(), rejected, sent[1].clone(), sent[2].clone()];
        let items = items(&sent);
        let plan = plan(&items, &Known::default(), 41, testdata::REFERENCE_TODAY).unwrap();
        let outcomes: Vec<_> = plan
            .outcomes
            .iter()
            .map(|o| match o {
                Outcome::Accepted { receipt } => Some(*receipt),
                _ => None,
            })
            .collect();
        assert_eq!(
            outcomes,
            [
                Some(receipt(42)),
                None,
                Some(receipt(43)),
                Some(receipt(44))
            ]
        );
        assert!(matches!(plan.outcomes[1], Outcome::Rejected { .. }));
        let written: Vec<_> = plan.accepted.iter().map(|a| a.receipt).collect();
        assert_eq!(written, [receipt(42), receipt(43), receipt(44)]);
    }

    #[test]
    fn a_nik_known_to_the_city_is_a_duplicate_with_the_stored_receipt() {
        let sent = [testdata::submission(5)];
        let nik = testdata::registration(5)
            .participant()
            .nik()
            .as_str()
            .to_owned();
        let known = Known {
            receipt_by_nik: HashMap::from([(nik, "MJK-2026-000007".to_owned())]),
            ..Known::default()
        };
        let items = items(&sent);
        let plan = plan(&items, &known, 9, testdata::REFERENCE_TODAY).unwrap();
        assert_eq!(
            plan.outcomes,
            [Outcome::DuplicateNik {
                receipt: receipt(7)
            }]
        );
        assert!(plan.accepted.is_empty());
    }

    #[test]
    fn a_stored_receipt_that_does_not_read_back_is_an_error_not_an_answer() {
        let sent = [testdata::submission(5)];
        let nik = testdata::registration(5)
            .participant()
            .nik()
            .as_str()
            .to_owned();
        let known = Known {
            receipt_by_nik: HashMap::from([(nik, "garbled".to_owned())]),
            ..Known::default()
        };
        assert!(plan(&items(&sent), &known, 0, testdata::REFERENCE_TODAY).is_err());
    }
}
