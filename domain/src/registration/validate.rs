//! Form validation: every field error at once, then the rules across fields.
//!
//! Each field is parsed by its type's parser; an error is recorded at the field's path and the
//! rest of the form is still checked, so the officer sees every problem in one pass. A path gets
//! at most one error: the most basic one (a birth date that is not a date is not also "too
//! young"). Cross-field rules run only when the fields they compare parsed.
//!
//! The rules across fields are in [`crate::registration::rules`], shared with deserialization and
//! the constructor. Rules that depend on "today" take it as an argument (the crate never reads a clock). The app
//! passes the phone's date in WIB; the endpoint passes its own. For a retry of an id it already
//! holds, the endpoint should compare with the `today` it used the first time, so that a rule
//! that shifted with the calendar (start month, age) cannot turn an identical retry into a
//! different answer.

use std::borrow::Cow;

use crate::business::{BusinessType, Kbli, parse_employees};
use crate::date::{Date, YearMonth};
use crate::errors::{ErrorCode, FieldError, path};
use crate::id::KoperasiId;
use crate::iuran::{Coverage, DeclaredIncome, PaymentPeriod};
use crate::nik::Nik;
use crate::phone::PhoneNumber;
use crate::region::Kelurahan;
use crate::registration::form::{KoperasiForm, RegistrationForm};
use crate::registration::model::{
    Address, Business, Koperasi, Participant, RegistrationDetails, Wadah,
};
use crate::registration::rules::{self, RuleError};
use crate::sex::Sex;
use crate::text::{
    BusinessLocation, BusinessName, Email, KoperasiName, LegalNumber, MemberNumber, Nib,
    OtherBusinessType, PersonName, PlaceName, Rt, Rw, Street,
};
use crate::worker::{MonthlyWage, Worker};

/// Gathers field errors while parsing the form.
#[derive(Default)]
pub(crate) struct Errors(pub(crate) Vec<FieldError>);

/// Where an error is recorded: a fixed path, or a worker's field, whose path is only written
/// when there is an error to record (the endpoint validates every worker of every registration).
pub(crate) trait At {
    /// The path, as [`FieldError`] carries it.
    fn path(&self) -> Cow<'_, str>;
}

impl At for &str {
    fn path(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

/// A field of the worker at an index: `workers.<index>.<field>` ([`path::worker`]).
struct WorkerField(usize, &'static str);

impl At for WorkerField {
    fn path(&self) -> Cow<'_, str> {
        Cow::Owned(path::worker(self.0, self.1))
    }
}

impl Errors {
    /// The parsed value, or `None` with the error recorded at `path`.
    pub(crate) fn take<T, E: ErrorCode>(
        &mut self,
        path: impl At,
        result: Result<T, E>,
    ) -> Option<T> {
        result.map_err(|e| self.0.push(e.at(&path.path()))).ok()
    }

    /// An optional field: empty is `Some(None)`, otherwise as [`Errors::take`].
    pub(crate) fn optional<T, E: ErrorCode>(
        &mut self,
        path: impl At,
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
    pub(crate) fn fail(&mut self, path: impl At, error: impl ErrorCode) {
        self.0.push(error.at(&path.path()));
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
            .and_then(
                |date| match rules::birth_date_rule(date, nik.as_ref(), today) {
                    Some(rule) => {
                        errors.fail(path::BIRTH_DATE, rule);
                        None
                    }
                    None => Some(date),
                },
            );
        let sex = errors.take(path::SEX, Sex::parse(&f.sex)).and_then(|sex| {
            match nik.and_then(|nik| rules::sex_nik_rule(sex, &nik)) {
                Some(rule) => {
                    errors.fail(path::SEX, rule);
                    None
                }
                None => Some(sex),
            }
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
        if let Some(rule) = rules::too_many_workers(self.workers.len()) {
            errors.fail(path::WORKERS, rule);
            return None;
        }
        let owner = Nik::parse(&self.participant.nik).ok();
        let mut seen: Vec<Nik> = Vec::with_capacity(self.workers.len());
        let mut workers = Some(Vec::with_capacity(self.workers.len()));
        for (index, f) in self.workers.iter().enumerate() {
            let at = |field| WorkerField(index, field);
            let full_name =
                errors.take(at(path::WORKER_FULL_NAME), PersonName::parse(&f.full_name));
            let nik = errors
                .take(at(path::WORKER_NIK), Nik::parse(&f.nik))
                .and_then(|nik| {
                    let rule = rules::worker_nik_rule(owner.as_ref(), &seen, &nik);
                    seen.push(nik);
                    match rule {
                        Some(rule) => {
                            errors.fail(at(path::WORKER_NIK), rule);
                            None
                        }
                        None => Some(nik),
                    }
                });
            let phone = errors.optional(at(path::WORKER_PHONE), &f.phone, PhoneNumber::parse);
            let wage = errors.take(at(path::WORKER_WAGE), MonthlyWage::parse(&f.wage));
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
        if let Some(rule) = employees.and_then(|n| rules::employees_rule(n, self.workers.len())) {
            errors.fail(path::EMPLOYEES, rule);
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
            .and_then(|month| match rules::start_month_rule(month, today) {
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
