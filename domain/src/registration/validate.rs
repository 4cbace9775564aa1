//! Form validation: every field error at once, then the rules across fields.
//!
//! Each field is parsed by its type's parser; an error is recorded at the field's path and the
//! rest of the form is still checked, so the officer sees every problem in one pass. A path gets
//! at most one error: the most basic one (a birth date that is not a date is not also "too
//! young"). Cross-field rules run only when the fields they compare parsed.
//!
//! Rules that depend on "today" take it as an argument (the crate never reads a clock). The app
//! passes the phone's date in WIB; the endpoint passes its own. For a retry of an id it already
//! holds, the endpoint should compare with the `today` it used the first time, so that a rule
//! that shifted with the calendar (start month, age) cannot turn an identical retry into a
//! different answer.

use crate::business::{BusinessType, Kbli, parse_employees};
use crate::date::{Date, Timestamp, YearMonth};
use crate::errors::{ErrorCode, FieldError, coded_error, path};
use crate::id::{KoperasiId, OfficerId, RegistrationId};
use crate::iuran::{Coverage, DeclaredIncome, PaymentPeriod};
use crate::nik::Nik;
use crate::phone::PhoneNumber;
use crate::region::Kelurahan;
use crate::registration::form::{KoperasiForm, RegistrationForm};
use crate::registration::model::{
    Address, Business, Koperasi, Participant, Registration, RegistrationDetails, Wadah,
};
use crate::schema::{SCHEMA_VERSION, SchemaError};
use crate::sex::Sex;
use crate::text::{
    BusinessLocation, BusinessName, Email, KoperasiName, LegalNumber, MemberNumber, Nib,
    OtherBusinessType, PersonName, PlaceName, Rt, Rw, Street,
};
use crate::wire::Submission;
use crate::worker::{MAX_WORKERS, MonthlyWage, Worker, WorkerRuleError};

/// Youngest age accepted at registration, in completed years.
///
/// No legal minimum age for BPU participation was found (DOMAIN.md §3). 15 is the lower bound of
/// Indonesia's working-age population (BPS), so anything younger is far more likely a typo in
/// the birth date than a real trader. A chosen bound \[I\], not law.
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

/// Gathers field errors while parsing the form.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    /// The parsed value, or `None` with the error recorded at `path`.
    fn take<T, E: ErrorCode>(&mut self, path: &str, result: Result<T, E>) -> Option<T> {
        result.map_err(|e| self.0.push(e.at(path))).ok()
    }

    /// An optional field: empty is `Some(None)`, otherwise as [`Errors::take`].
    fn optional<T, E: ErrorCode>(
        &mut self,
        path: &str,
        input: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        if input.trim().is_empty() {
            Some(None)
        } else {
            self.take(path, parse(input)).map(Some)
        }
    }

    /// Records a rule failure at `path`.
    fn fail(&mut self, path: &str, error: impl ErrorCode) {
        self.0.push(error.at(path));
    }
}

impl KoperasiForm {
    /// Validates the koperasi itself (id, name, chair's NIK, kelurahan, legal number), as when it
    /// is first registered: the koperasi, or every error at its `koperasi.*` path. Ignores
    /// `via_koperasi` and the member number.
    pub fn validate_wadah(&self) -> Result<Wadah, Vec<FieldError>> {
        let mut errors = Errors::default();
        match self.validate_wadah_into(&mut errors) {
            Some(wadah) if errors.0.is_empty() => Ok(wadah),
            _ => Err(errors.0),
        }
    }

    fn validate_wadah_into(&self, errors: &mut Errors) -> Option<Wadah> {
        let id = errors.take(path::KOPERASI_ID, KoperasiId::parse(&self.id));
        let name = errors.take(path::KOPERASI_NAME, KoperasiName::parse(&self.name));
        let chair_nik = errors.take(path::KOPERASI_CHAIR_NIK, Nik::parse(&self.chair_nik));
        let kelurahan = errors.take(path::KOPERASI_KELURAHAN, Kelurahan::parse(&self.kelurahan));
        let legal_number = errors.optional(
            path::KOPERASI_LEGAL_NUMBER,
            &self.legal_number,
            LegalNumber::parse,
        );
        Some(Wadah {
            id: id?,
            name: name?,
            chair_nik: chair_nik?,
            kelurahan: kelurahan?,
            legal_number: legal_number?,
        })
    }
}

impl RegistrationForm {
    /// Validates the whole form against `today`: the validated parts, or every field error
    /// (at most one per path, in form order).
    pub fn validate(&self, today: Date) -> Result<RegistrationDetails, Vec<FieldError>> {
        let mut errors = Errors::default();
        let participant = self.validate_participant(&mut errors, today);
        let address = self.validate_address(&mut errors);
        let business = self.validate_business(&mut errors);
        let koperasi = self.validate_koperasi(&mut errors);
        let workers = self.validate_workers(&mut errors);
        let coverage = self.validate_coverage(&mut errors, today);
        if !self.consent {
            errors.fail(path::CONSENT, RuleError::ConsentNotGiven);
        }
        match (participant, address, business, koperasi, workers, coverage) {
            (
                Some(participant),
                Some(address),
                Some(business),
                Some(koperasi),
                Some(workers),
                Some(coverage),
            ) if errors.0.is_empty() => Ok(RegistrationDetails {
                participant,
                address,
                business,
                koperasi,
                workers,
                coverage,
            }),
            _ => Err(errors.0),
        }
    }

    /// Every field error of the form (empty when it is valid).
    pub fn errors(&self, today: Date) -> Vec<FieldError> {
        self.validate(today).err().unwrap_or_default()
    }

    /// The error on one field, for showing as the user types. This validates the whole form —
    /// a few microseconds — and picks the error at `path` (see [`crate::errors::path`]), so
    /// cross-field rules (NIK against birth date) show on the field they concern.
    pub fn check_field(&self, path: &str, today: Date) -> Option<FieldError> {
        self.errors(today).into_iter().find(|e| e.path == path)
    }

    fn validate_participant(&self, errors: &mut Errors, today: Date) -> Option<Participant> {
        let f = &self.participant;
        let nik = errors.take(path::NIK, Nik::parse(&f.nik));
        let full_name = errors.take(path::FULL_NAME, PersonName::parse(&f.full_name));
        let place_of_birth = errors.take(path::PLACE_OF_BIRTH, PlaceName::parse(&f.place_of_birth));
        let birth_date = errors
            .take(path::BIRTH_DATE, Date::parse(&f.birth_date))
            .and_then(|date| match birth_date_rule(date, nik, today) {
                Some(rule) => {
                    errors.fail(path::BIRTH_DATE, rule);
                    None
                }
                None => Some(date),
            });
        let sex = errors
            .take(path::SEX, Sex::parse(&f.sex))
            .and_then(|sex| match nik {
                Some(nik) if nik.sex() != sex => {
                    errors.fail(path::SEX, RuleError::SexNikMismatch);
                    None
                }
                _ => Some(sex),
            });
        let mother = errors.optional(
            path::MOTHER_MAIDEN_NAME,
            &f.mother_maiden_name,
            PersonName::parse,
        );
        let phone = errors.take(path::PHONE, PhoneNumber::parse(&f.phone));
        let email = errors.optional(path::EMAIL, &f.email, Email::parse);
        Some(Participant::from_checked_parts(
            nik?,
            full_name?,
            place_of_birth?,
            birth_date?,
            sex?,
            mother?,
            phone?,
            email?,
        ))
    }

    fn validate_address(&self, errors: &mut Errors) -> Option<Address> {
        let f = &self.address;
        let street = errors.take(path::STREET, Street::parse(&f.street));
        if f.outside_city {
            let city = errors.take(path::CITY, PlaceName::parse(&f.city));
            Some(Address::OutsideCity {
                street: street?,
                city: city?,
            })
        } else {
            let rt = errors.take(path::RT, Rt::parse(&f.rt));
            let rw = errors.take(path::RW, Rw::parse(&f.rw));
            let kelurahan = errors.take(path::KELURAHAN, Kelurahan::parse(&f.kelurahan));
            Some(Address::InCity {
                street: street?,
                rt: rt?,
                rw: rw?,
                kelurahan: kelurahan?,
            })
        }
    }

    fn validate_business(&self, errors: &mut Errors) -> Option<Business> {
        let f = &self.business;
        let name = errors.take(path::BUSINESS_NAME, BusinessName::parse(&f.name));
        let kind = if f.kind.trim().eq_ignore_ascii_case(BusinessType::OTHER_KIND) {
            errors
                .take(
                    path::BUSINESS_OTHER_KIND,
                    OtherBusinessType::parse(&f.other_kind),
                )
                .map(BusinessType::Other)
        } else {
            errors
                .take(path::BUSINESS_KIND, Kbli::parse(&f.kind))
                .map(BusinessType::Kbli)
        };
        let location = errors.take(
            path::BUSINESS_LOCATION,
            BusinessLocation::parse(&f.location),
        );
        let nib = errors.optional(path::NIB, &f.nib, Nib::parse);
        let employees = errors.take(path::EMPLOYEES, parse_employees(&f.employees));
        Some(Business {
            name: name?,
            kind: kind?,
            location: location?,
            nib: nib?,
            employees: employees?,
        })
    }

    /// `Some(None)` when not registering through a koperasi; `None` when its fields have errors.
    fn validate_koperasi(&self, errors: &mut Errors) -> Option<Option<Koperasi>> {
        let f = &self.koperasi;
        if !f.via_koperasi {
            return Some(None);
        }
        let wadah = f.validate_wadah_into(errors);
        let member_number = errors.optional(
            path::KOPERASI_MEMBER_NUMBER,
            &f.member_number,
            MemberNumber::parse,
        );
        Some(Some(Koperasi {
            wadah: wadah?,
            member_number: member_number?,
        }))
    }

    /// The workers, or `None` when any has an error. A worker's errors are at
    /// `workers.<index>.<field>`; rules across the list follow the field checks.
    fn validate_workers(&self, errors: &mut Errors) -> Option<Vec<Worker>> {
        if self.workers.len() > MAX_WORKERS {
            errors.fail(path::WORKERS, WorkerRuleError::TooMany);
            return None;
        }
        let owner = Nik::parse(&self.participant.nik).ok();
        let mut seen: Vec<Nik> = Vec::with_capacity(self.workers.len());
        let mut workers = Some(Vec::with_capacity(self.workers.len()));
        for (index, f) in self.workers.iter().enumerate() {
            let at = |field| path::worker(index, field);
            let full_name =
                errors.take(&at(path::WORKER_FULL_NAME), PersonName::parse(&f.full_name));
            let nik = errors
                .take(&at(path::WORKER_NIK), Nik::parse(&f.nik))
                .and_then(|nik| {
                    let rule = if owner == Some(nik) {
                        Some(WorkerRuleError::IsOwner)
                    } else if seen.contains(&nik) {
                        Some(WorkerRuleError::DuplicateNik)
                    } else {
                        None
                    };
                    seen.push(nik);
                    match rule {
                        Some(rule) => {
                            errors.fail(&at(path::WORKER_NIK), rule);
                            None
                        }
                        None => Some(nik),
                    }
                });
            let phone = errors.optional(&at(path::WORKER_PHONE), &f.phone, PhoneNumber::parse);
            let wage = errors.take(&at(path::WORKER_WAGE), MonthlyWage::parse(&f.wage));
            match (full_name, nik, phone, wage, workers.as_mut()) {
                (Some(full_name), Some(nik), Some(phone), Some(wage), Some(list)) => {
                    list.push(Worker {
                        full_name,
                        nik,
                        phone,
                        wage,
                    })
                }
                _ => workers = None,
            }
        }
        let employees = parse_employees(&self.business.employees).ok();
        if employees.is_some_and(|count| usize::from(count) < self.workers.len()) {
            errors.fail(path::EMPLOYEES, WorkerRuleError::FewerEmployeesThanListed);
            return None;
        }
        workers
    }

    fn validate_coverage(&self, errors: &mut Errors, today: Date) -> Option<Coverage> {
        let f = &self.coverage;
        let income = errors.take(path::INCOME, DeclaredIncome::parse(&f.income));
        let period = errors.take(path::PERIOD, PaymentPeriod::parse(&f.period));
        let start_month = errors
            .take(path::START_MONTH, YearMonth::parse(&f.start_month))
            .and_then(|month| match start_month_rule(month, today) {
                Some(rule) => {
                    errors.fail(path::START_MONTH, rule);
                    None
                }
                None => Some(month),
            });
        Some(Coverage {
            income: income?,
            jht: f.jht,
            period: period?,
            start_month: start_month?,
            paid_by_government: f.paid_by_government,
        })
    }
}

/// The first rule an entered birth date breaks, if any: not in the future, agrees with the NIK
/// (when the NIK parsed), age within bounds.
fn birth_date_rule(birth_date: Date, nik: Option<Nik>, today: Date) -> Option<RuleError> {
    if birth_date > today {
        return Some(RuleError::BirthDateInFuture);
    }
    if nik.is_some_and(|nik| !nik.matches_birth_date(birth_date)) {
        return Some(RuleError::BirthDateNikMismatch);
    }
    let age = birth_date.age_on(today);
    if age < MIN_AGE_YEARS {
        return Some(RuleError::TooYoung);
    }
    if age > MAX_AGE_YEARS {
        return Some(RuleError::TooOld);
    }
    None
}

/// The rule a start month breaks, if any: within the allowed months around today's month.
fn start_month_rule(start_month: YearMonth, today: Date) -> Option<RuleError> {
    let offset = start_month.months_since(today.year_month());
    if offset < -START_MONTH_MAX_MONTHS_BEFORE {
        Some(RuleError::StartMonthTooEarly)
    } else if offset > START_MONTH_MAX_MONTHS_AHEAD {
        Some(RuleError::StartMonthTooLate)
    } else {
        None
    }
}

impl Registration {
    /// Validates a submission from the wire or from storage against `today`: the registration,
    /// or every field error — the form's and the submission's own (`id`, `schema_version`,
    /// `consent_at`, `created_at`, `updated_at`, `officer`) — at once.
    ///
    /// An empty `officer` means none. A schema version other than [`SCHEMA_VERSION`] is rejected
    /// here; stored older versions are migrated first (see [`crate::schema`]).
    pub fn from_submission(
        submission: &Submission,
        today: Date,
    ) -> Result<Registration, Vec<FieldError>> {
        let mut errors = Errors::default();
        let id = errors.take(path::ID, RegistrationId::parse(&submission.id));
        if submission.schema_version != SCHEMA_VERSION {
            errors.fail(path::SCHEMA_VERSION, SchemaError::Unsupported);
        }
        let details = submission
            .form
            .validate(today)
            .map_err(|form_errors| errors.0.extend(form_errors))
            .ok();
        let consent_at = errors.take(path::CONSENT_AT, Timestamp::parse(&submission.consent_at));
        let created_at = errors.take(path::CREATED_AT, Timestamp::parse(&submission.created_at));
        let updated_at = errors.take(path::UPDATED_AT, Timestamp::parse(&submission.updated_at));
        let officer = errors.optional(path::OFFICER, &submission.officer, OfficerId::parse);

        if let (
            Some(id),
            Some(details),
            Some(consent_at),
            Some(created_at),
            Some(updated_at),
            Some(officer),
        ) = (id, details, consent_at, created_at, updated_at, officer)
            && errors.0.is_empty()
        {
            return Registration::new(id, details, consent_at, officer, created_at, updated_at)
                .map_err(|e| vec![e]);
        }
        if let (Ok(created), Ok(updated)) = (
            Timestamp::parse(&submission.created_at),
            Timestamp::parse(&submission.updated_at),
        ) && updated < created
        {
            errors.fail(path::UPDATED_AT, RuleError::UpdatedBeforeCreated);
        }
        Err(errors.0)
    }
}
