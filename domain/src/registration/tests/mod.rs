//! The registration rules, one test each, by section of the form.

use super::*;
use crate::date::{Date, Timestamp};
use crate::errors::{FieldError, path};
use crate::sex::Sex;
use crate::testdata::{self, REFERENCE_TODAY, nik_for};
use crate::wire::Submission;

mod address;
mod business;
mod coverage;
mod form;
mod identity;
mod record;
mod workers;

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// A valid form for a woman born 1990-07-05, NIK issued in Prajuritkulon.
fn form() -> RegistrationForm {
    let mut form = testdata::registration_form(7);
    form.participant.nik = nik_for("357601", date("1990-07-05"), Sex::Female, 1);
    form.participant.birth_date = "1990-07-05".into();
    form.participant.sex = "P".into();
    form
}

fn codes_at(form: &RegistrationForm, at: &str) -> Vec<String> {
    form.errors(REFERENCE_TODAY)
        .into_iter()
        .filter(|e| e.path == at)
        .map(|e| e.code)
        .collect()
}

fn submission() -> Submission {
    let mut submission = testdata::submission(3);
    submission.form = form();
    submission
}

fn registration() -> Registration {
    Registration::from_submission(&submission(), REFERENCE_TODAY).unwrap()
}
