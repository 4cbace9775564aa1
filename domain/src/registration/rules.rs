//! The rules across a registration's fields, in one place.
//!
//! Each field is checked by its own type's parser; what is checked here compares fields with each
//! other or with "today": the NIK against the birth date and sex, the age, the start month, the
//! record's timestamps, and the owner's workers. Three callers use these same functions:
//!
//! - the form validator ([`crate::RegistrationForm::validate`]), which reports every broken rule
//!   at its field, as the officer types;
//! - deserialization of a stored or received [`crate::Registration`], which refuses the first
//!   broken rule that needs no date (a record has no "today");
//! - the constructor of a [`crate::Registration`], which is crate-private and runs the record
//!   rules again, so no registration can be assembled that these rules refuse.
//!
//! This module depends on the validated leaf types only (dates, NIK, sex, workers), never on the
//! registration's own modules, so the validator and the model can both import it.

use crate::date::{Date, Timestamp, YearMonth};
use crate::errors::{ErrorCode, FieldError, coded_error, path};
use crate::nik::Nik;
use crate::sex::Sex;
use crate::worker::{MAX_WORKERS, Worker, WorkerRuleError};

/// Youngest age accepted at registration, in completed years.
///
/// No legal minimum age for BPU participation was found (`docs/domain.md` §3). 15 is the lower
/// bound of Indonesia's working-age population (BPS), so anything younger is far more likely a
/// typo in the birth date than a real trader. A chosen bound \[I\], not law.
pub const MIN_AGE_YEARS: u16 = 15;

/// Oldest age accepted at registration, in completed years. No legal maximum was found either;
/// above 100 is treated as a typo. A chosen bound \[I\], not law.
pub const MAX_AGE_YEARS: u16 = 100;

/// How many months before the current month a start month may lie.
///
/// Coverage is not normally backdated, but a phone may stay offline for weeks before the
/// endpoint sees a registration; three months of slack keeps such a registration from bouncing.
/// A chosen bound \[I\].
pub const START_MONTH_MAX_MONTHS_BEFORE: i64 = 3;

/// How many months after the current month a start month may lie: BPU pay at most 12 months
/// ahead, so a start further out is a typo. A chosen bound \[I\].
pub const START_MONTH_MAX_MONTHS_AHEAD: i64 = 12;

coded_error! {
    /// Rules that compare fields with each other or with "today".
    pub enum RuleError {
        /// The entered birth date is after today.
        BirthDateInFuture => "birth_date.in_future", "the birth date is in the future";
        /// The entered birth date's day, month or two-digit year differs from the NIK's.
        BirthDateNikMismatch => "birth_date.nik_mismatch", "the birth date does not match the NIK";
        /// Younger than [`MIN_AGE_YEARS`] today.
        TooYoung => "birth_date.too_young", "younger than the minimum age";
        /// Older than [`MAX_AGE_YEARS`] today.
        TooOld => "birth_date.too_old", "older than the maximum age";
        /// The entered sex differs from the NIK's (day + 40 for women).
        SexNikMismatch => "sex.nik_mismatch", "the sex does not match the NIK";
        /// Start month more than [`START_MONTH_MAX_MONTHS_BEFORE`] months before today's.
        StartMonthTooEarly => "start_month.too_early", "the start month is too far in the past";
        /// Start month more than [`START_MONTH_MAX_MONTHS_AHEAD`] months after today's.
        StartMonthTooLate => "start_month.too_late", "the start month is too far ahead";
        /// The consent box is not ticked.
        ConsentNotGiven => "consent.not_given", "consent to process personal data is required";
        /// `updated_at` is before `created_at`.
        UpdatedBeforeCreated => "updated_at.before_created_at", "last edit is before creation";
    }
}

/// The first rule an entered birth date breaks, if any: not in the future, agrees with the NIK
/// (when the NIK parsed), age within bounds on `today`.
pub fn birth_date_rule(birth_date: Date, nik: Option<&Nik>, today: Date) -> Option<RuleError> {
    if birth_date > today {
        return Some(RuleError::BirthDateInFuture);
    }
    if let Some(rule) = nik.and_then(|nik| birth_date_nik_rule(birth_date, nik)) {
        return Some(rule);
    }
    let age = birth_date.age_on(today);
    if age < MIN_AGE_YEARS {
        Some(RuleError::TooYoung)
    } else if age > MAX_AGE_YEARS {
        Some(RuleError::TooOld)
    } else {
        None
    }
}

/// The NIK's birth date (day, month, two-digit year; `docs/domain.md` §5) against the entered one.
/// Needs no "today": a record read back is checked with it.
pub fn birth_date_nik_rule(birth_date: Date, nik: &Nik) -> Option<RuleError> {
    (!nik.matches_birth_date(birth_date)).then_some(RuleError::BirthDateNikMismatch)
}

/// The NIK's sex (day + 40 for women) against the entered one.
pub fn sex_nik_rule(sex: Sex, nik: &Nik) -> Option<RuleError> {
    (nik.sex() != sex).then_some(RuleError::SexNikMismatch)
}

/// The rule a start month breaks, if any: within the allowed months around today's month.
pub fn start_month_rule(start_month: YearMonth, today: Date) -> Option<RuleError> {
    let offset = start_month.months_since(today.year_month());
    if offset < -START_MONTH_MAX_MONTHS_BEFORE {
        Some(RuleError::StartMonthTooEarly)
    } else if offset > START_MONTH_MAX_MONTHS_AHEAD {
        Some(RuleError::StartMonthTooLate)
    } else {
        None
    }
}

/// A record's last edit is not before its creation.
pub fn timestamps_rule(created_at: Timestamp, updated_at: Timestamp) -> Option<RuleError> {
    (updated_at < created_at).then_some(RuleError::UpdatedBeforeCreated)
}

/// Whether a list of `count` workers is longer than a registration may hold.
pub fn too_many_workers(count: usize) -> Option<WorkerRuleError> {
    (count > MAX_WORKERS).then_some(WorkerRuleError::TooMany)
}

/// The rule a worker's NIK breaks, given the owner's NIK (if it parsed) and the NIKs of the
/// workers listed before it: the owner is not their own worker, and no worker is listed twice.
pub fn worker_nik_rule(owner: Option<&Nik>, earlier: &[Nik], nik: &Nik) -> Option<WorkerRuleError> {
    if owner == Some(nik) {
        Some(WorkerRuleError::IsOwner)
    } else if earlier.contains(nik) {
        Some(WorkerRuleError::DuplicateNik)
    } else {
        None
    }
}

/// The number of employees is not below the workers listed.
pub fn employees_rule(employees: u16, listed: usize) -> Option<WorkerRuleError> {
    (usize::from(employees) < listed).then_some(WorkerRuleError::FewerEmployeesThanListed)
}

/// The participant's NIK against their birth date and sex: the first broken rule, at its path.
pub(crate) fn check_participant(nik: &Nik, birth_date: Date, sex: Sex) -> Result<(), FieldError> {
    if let Some(rule) = birth_date_nik_rule(birth_date, nik) {
        return Err(rule.at(path::BIRTH_DATE));
    }
    if let Some(rule) = sex_nik_rule(sex, nik) {
        return Err(rule.at(path::SEX));
    }
    Ok(())
}

/// The rules across a validated worker list: the first one broken, at its path (the form
/// validator reports the same rules field by field).
pub(crate) fn check_workers(
    owner: &Nik,
    employees: u16,
    workers: &[Worker],
) -> Result<(), FieldError> {
    if let Some(rule) = too_many_workers(workers.len()) {
        return Err(rule.at(path::WORKERS));
    }
    let niks: Vec<Nik> = workers.iter().map(|w| w.nik).collect();
    for (index, nik) in niks.iter().enumerate() {
        if let Some(rule) = worker_nik_rule(Some(owner), &niks[..index], nik) {
            return Err(rule.at(&path::worker(index, path::WORKER_NIK)));
        }
    }
    if let Some(rule) = employees_rule(employees, workers.len()) {
        return Err(rule.at(path::EMPLOYEES));
    }
    Ok(())
}

/// A record's timestamps, at `updated_at`'s path.
pub(crate) fn check_timestamps(
    created_at: Timestamp,
    updated_at: Timestamp,
) -> Result<(), FieldError> {
    match timestamps_rule(created_at, updated_at) {
        Some(rule) => Err(rule.at(path::UPDATED_AT)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::nik_for;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn nik(birth: &str, sex: Sex) -> Nik {
        Nik::parse(&nik_for("357601", date(birth), sex, 1)).unwrap()
    }

    #[test]
    fn a_birth_date_is_judged_in_order_future_then_nik_then_age() {
        let today = date("2026-11-23");
        let woman = nik("1990-07-05", Sex::Female);
        assert_eq!(
            birth_date_rule(date("2027-01-01"), Some(&woman), today),
            Some(RuleError::BirthDateInFuture)
        );
        assert_eq!(
            birth_date_rule(date("1990-07-06"), Some(&woman), today),
            Some(RuleError::BirthDateNikMismatch)
        );
        assert_eq!(
            birth_date_rule(date("1990-07-05"), Some(&woman), today),
            None
        );
        assert_eq!(
            birth_date_rule(date("2020-01-01"), None, today),
            Some(RuleError::TooYoung)
        );
        assert_eq!(
            birth_date_rule(date("1900-01-01"), None, today),
            Some(RuleError::TooOld)
        );
    }

    #[test]
    fn the_record_checks_need_no_today() {
        let man = nik("1980-02-01", Sex::Male);
        assert_eq!(
            check_participant(&man, date("1980-02-01"), Sex::Male),
            Ok(())
        );
        assert_eq!(
            check_participant(&man, date("1980-02-01"), Sex::Female),
            Err(RuleError::SexNikMismatch.at(path::SEX))
        );
        assert_eq!(
            check_participant(&man, date("2080-02-01"), Sex::Male),
            Ok(()),
            "the NIK holds two digits of the year: a century apart agrees with it"
        );
    }

    #[test]
    fn an_edit_before_creation_is_refused_at_updated_at() {
        let created = Timestamp::parse("2026-11-23T03:00:00Z").unwrap();
        let earlier = Timestamp::parse("2026-11-23T02:59:59Z").unwrap();
        assert_eq!(check_timestamps(created, created), Ok(()));
        assert_eq!(
            check_timestamps(created, earlier),
            Err(RuleError::UpdatedBeforeCreated.at(path::UPDATED_AT))
        );
    }

    #[test]
    fn a_worker_is_neither_the_owner_nor_listed_twice() {
        let owner = nik("1980-02-01", Sex::Male);
        let worker = nik("1995-03-04", Sex::Female);
        assert_eq!(
            worker_nik_rule(Some(&owner), &[], &owner),
            Some(WorkerRuleError::IsOwner)
        );
        assert_eq!(
            worker_nik_rule(Some(&owner), &[worker], &worker),
            Some(WorkerRuleError::DuplicateNik)
        );
        assert_eq!(worker_nik_rule(None, &[], &worker), None);
        assert_eq!(
            employees_rule(1, 2),
            Some(WorkerRuleError::FewerEmployeesThanListed)
        );
        assert_eq!(employees_rule(2, 2), None);
        assert_eq!(
            too_many_workers(MAX_WORKERS + 1),
            Some(WorkerRuleError::TooMany)
        );
    }
}
