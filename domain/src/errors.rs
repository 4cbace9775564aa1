//! Field errors: which rule failed (a stable code) on which field (a stable path).
//!
//! Every parser in this crate returns a typed error enum with one variant per rule. Each variant
//! has a stable machine code (`"nik.length"`); the app translates codes into Indonesian and English
//! next to the field, the endpoint sends them back in a `rejected` outcome. Message text for people
//! lives with the UI, not here: the `Display` text of the enums is English for logs only.

use serde::{Deserialize, Serialize};

/// One failed rule, placed on one field of the form.
///
/// This is what the app shows next to a field and what the endpoint returns in a `rejected`
/// outcome. Both strings are stable: `path` is one of the constants of `errors::path`, `code`
/// one of `ALL_ERROR_CODES`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Where: a dotted path into the form, e.g. `participant.nik` (see `errors::path`).
    pub path: String,
    /// Which rule: a stable code, e.g. `nik.length` (see `ALL_ERROR_CODES`).
    pub code: String,
}

impl FieldError {
    /// An error with the given path and code.
    pub fn new(path: &str, code: &'static str) -> Self {
        Self {
            path: path.to_owned(),
            code: code.to_owned(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.code)
    }
}

/// A typed error whose variants each carry a stable machine code.
///
/// Implemented by every error enum of this crate, so generic code (the form validator, the app's
/// message table) can turn any of them into a [`FieldError`].
pub trait ErrorCode {
    /// The stable code of this rule, one of [`ALL_ERROR_CODES`].
    fn code(&self) -> &'static str;

    /// This error placed on the field at `path`.
    fn at(&self, path: &str) -> FieldError {
        FieldError::new(path, self.code())
    }
}

/// Declares an error enum with one unit variant per rule, its stable codes, an English `Display`
/// (for logs) and the list of its variants (so a test can check every code is listed).
macro_rules! coded_error {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $code:literal, $message:literal;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[error($message)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in declaration order (tests check each code is in `ALL_ERROR_CODES`).
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stable machine code of this rule, one of `ALL_ERROR_CODES`.
            pub const fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }
        }

        impl $crate::errors::ErrorCode for $name {
            fn code(&self) -> &'static str {
                $name::code(*self)
            }
        }
    };
}
pub(crate) use coded_error;

/// The code shared by every "nothing was entered" variant: one message ("wajib diisi") fits all.
pub const REQUIRED: &str = "required";

/// Every code any parser or validator of this crate can produce.
///
/// The app keeps an Indonesian and an English message for each and tests that none is missing.
/// Codes are never renamed once released (old app versions on phones still map them); a new rule
/// gets a new code.
pub const ALL_ERROR_CODES: &[&str] = &[
    REQUIRED,
    // NIK (nik.rs)
    "nik.not_digits",
    "nik.length",
    "nik.month_out_of_range",
    "nik.day_out_of_range",
    "nik.impossible_date",
    "nik.serial_zero",
    // Phone (phone.rs)
    "phone.invalid_character",
    "phone.not_indonesian",
    "phone.not_mobile",
    "phone.too_short",
    "phone.too_long",
    // Sex (sex.rs)
    "sex.unknown",
    // Dates and times (date.rs)
    "date.format",
    "date.impossible",
    "year_month.format",
    "year_month.impossible",
    "timestamp.format",
    "timestamp.impossible",
    // The officer's PIN (pin.rs)
    "pin.not_digits",
    "pin.too_short",
    "pin.too_long",
    "pin.one_digit",
    "pin.sequence",
    "pin.repeated",
    "pin.common",
    "pin.mismatch",
    // Region (region.rs)
    "kecamatan.unknown",
    "kelurahan.unknown",
    // Business type (business.rs)
    "business_type.unknown",
    "employees.not_a_number",
    "employees.too_many",
    // Texts (text.rs)
    "text.too_short",
    "text.too_long",
    "text.control_character",
    "person_name.too_short",
    "person_name.too_long",
    "person_name.invalid_character",
    "email.missing_at",
    "email.invalid_local_part",
    "email.invalid_domain",
    "email.too_long",
    "nib.not_digits",
    "nib.length",
    "rt_rw.not_digits",
    "rt_rw.too_long",
    "rt_rw.zero",
    // Identifiers (id.rs, wire.rs)
    "id.format",
    "receipt.format",
    "receipt.sequence_out_of_range",
    // Contributions (iuran/)
    "income.not_a_number",
    "income.zero",
    "income.too_large",
    "period.unsupported",
    // Rules across fields (registration/validate.rs)
    "birth_date.in_future",
    "birth_date.nik_mismatch",
    "birth_date.too_young",
    "birth_date.too_old",
    "sex.nik_mismatch",
    "start_month.too_early",
    "start_month.too_late",
    "consent.not_given",
    "updated_at.before_created_at",
    // Versions (schema.rs)
    "schema_version.unsupported",
    // Workers (worker.rs)
    "wage.not_a_number",
    "wage.zero",
    "wage.too_large",
    "worker.is_owner",
    "worker.duplicate_nik",
    "workers.too_many",
    "employees.fewer_than_workers",
    // The city's roster (roster.rs)
    "roster.duplicate_nik",
];

/// Stable field paths: where a [`FieldError`] belongs.
///
/// A path names the field of [`crate::RegistrationForm`] (as serialized) the error is about, so the
/// app can put the message next to that input. The submission-level paths (`id`, `consent_at`, …)
/// name fields of [`crate::wire::Submission`].
pub mod path {
    /// The registration's UUID.
    pub const ID: &str = "id";
    /// The schema version of a submission.
    pub const SCHEMA_VERSION: &str = "schema_version";
    /// When consent was given.
    pub const CONSENT_AT: &str = "consent_at";
    /// When the registration was started.
    pub const CREATED_AT: &str = "created_at";
    /// When the registration was last edited.
    pub const UPDATED_AT: &str = "updated_at";
    /// The officer who registered.
    pub const OFFICER: &str = "officer";
    /// The consent checkbox.
    pub const CONSENT: &str = "consent";
    /// The participant's NIK.
    pub const NIK: &str = "participant.nik";
    /// The participant's full name as on the KTP.
    pub const FULL_NAME: &str = "participant.full_name";
    /// Place of birth.
    pub const PLACE_OF_BIRTH: &str = "participant.place_of_birth";
    /// Date of birth as entered.
    pub const BIRTH_DATE: &str = "participant.birth_date";
    /// Sex as entered.
    pub const SEX: &str = "participant.sex";
    /// Mother's maiden name.
    pub const MOTHER_MAIDEN_NAME: &str = "participant.mother_maiden_name";
    /// Mobile phone.
    pub const PHONE: &str = "participant.phone";
    /// Email.
    pub const EMAIL: &str = "participant.email";
    /// Street address (in the city, or the free-text address outside it).
    pub const STREET: &str = "address.street";
    /// RT (neighbourhood unit).
    pub const RT: &str = "address.rt";
    /// RW (community unit).
    pub const RW: &str = "address.rw";
    /// Kelurahan in Kota Mojokerto.
    pub const KELURAHAN: &str = "address.kelurahan";
    /// City or regency of an address outside Kota Mojokerto.
    pub const CITY: &str = "address.city";
    /// Business name.
    pub const BUSINESS_NAME: &str = "business.name";
    /// Business type: a KBLI code or `other`.
    pub const BUSINESS_KIND: &str = "business.kind";
    /// Free-text business type when `kind` is `other`.
    pub const BUSINESS_OTHER_KIND: &str = "business.other_kind";
    /// Where the business is (market, stall, street).
    pub const BUSINESS_LOCATION: &str = "business.location";
    /// Business identification number.
    pub const NIB: &str = "business.nib";
    /// Number of employees.
    pub const EMPLOYEES: &str = "business.employees";
    /// The koperasi's permanent id (a UUID made when it was first registered).
    pub const KOPERASI_ID: &str = "koperasi.id";
    /// Koperasi name.
    pub const KOPERASI_NAME: &str = "koperasi.name";
    /// The NIK of the koperasi's chair.
    pub const KOPERASI_CHAIR_NIK: &str = "koperasi.chair_nik";
    /// The kelurahan the koperasi is based in.
    pub const KOPERASI_KELURAHAN: &str = "koperasi.kelurahan";
    /// The koperasi's legal registration (badan hukum) number.
    pub const KOPERASI_LEGAL_NUMBER: &str = "koperasi.legal_number";
    /// Koperasi member number.
    pub const KOPERASI_MEMBER_NUMBER: &str = "koperasi.member_number";
    /// Declared monthly income.
    pub const INCOME: &str = "coverage.income";
    /// Payment period in months.
    pub const PERIOD: &str = "coverage.period";
    /// First contribution month.
    pub const START_MONTH: &str = "coverage.start_month";

    /// The worker list as a whole (too many workers).
    pub const WORKERS: &str = "workers";
    /// A worker's full name: the field of [`worker`].
    pub const WORKER_FULL_NAME: &str = "full_name";
    /// A worker's NIK: the field of [`worker`].
    pub const WORKER_NIK: &str = "nik";
    /// A worker's phone: the field of [`worker`].
    pub const WORKER_PHONE: &str = "phone";
    /// A worker's monthly wage: the field of [`worker`].
    pub const WORKER_WAGE: &str = "wage";

    /// The path of one field of the worker at `index` (from 0): `workers.2.nik`.
    pub fn worker(index: usize, field: &str) -> String {
        format!("{WORKERS}.{index}.{field}")
    }

    /// Every fixed path, in form order. The workers' fields follow [`WORKERS`], one group per
    /// worker (see [`worker`]).
    pub const ALL: &[&str] = &[
        ID,
        SCHEMA_VERSION,
        CONSENT_AT,
        CREATED_AT,
        UPDATED_AT,
        OFFICER,
        CONSENT,
        NIK,
        FULL_NAME,
        PLACE_OF_BIRTH,
        BIRTH_DATE,
        SEX,
        MOTHER_MAIDEN_NAME,
        PHONE,
        EMAIL,
        STREET,
        RT,
        RW,
        KELURAHAN,
        CITY,
        BUSINESS_NAME,
        BUSINESS_KIND,
        BUSINESS_OTHER_KIND,
        BUSINESS_LOCATION,
        NIB,
        EMPLOYEES,
        KOPERASI_ID,
        KOPERASI_NAME,
        KOPERASI_CHAIR_NIK,
        KOPERASI_KELURAHAN,
        KOPERASI_LEGAL_NUMBER,
        KOPERASI_MEMBER_NUMBER,
        WORKERS,
        INCOME,
        PERIOD,
        START_MONTH,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::business::{EmployeesError, KbliError};
    use crate::date::{DateError, TimestampError, YearMonthError};
    use crate::id::RegistrationIdError;
    use crate::iuran::{IncomeError, PaymentPeriodError};
    use crate::nik::NikError;
    use crate::phone::PhoneError;
    use crate::region::{KecamatanError, KelurahanError};
    use crate::registration::RuleError;
    use crate::roster::RosterError;
    use crate::schema::SchemaError;
    use crate::sex::SexError;
    use crate::text::{EmailError, NibError, PersonNameError, RtRwError, TextError};
    use crate::wire::ReceiptError;
    use crate::worker::{WageError, WorkerRuleError};

    /// The codes of every variant of every error enum in the crate.
    fn every_variant_code() -> Vec<&'static str> {
        fn codes<E: ErrorCode>(all: &[E]) -> impl Iterator<Item = &'static str> + '_ {
            all.iter().map(ErrorCode::code)
        }
        codes(NikError::ALL)
            .chain(codes(PhoneError::ALL))
            .chain(codes(SexError::ALL))
            .chain(codes(DateError::ALL))
            .chain(codes(YearMonthError::ALL))
            .chain(codes(TimestampError::ALL))
            .chain(codes(KecamatanError::ALL))
            .chain(codes(KelurahanError::ALL))
            .chain(codes(KbliError::ALL))
            .chain(codes(EmployeesError::ALL))
            .chain(codes(TextError::ALL))
            .chain(codes(PersonNameError::ALL))
            .chain(codes(EmailError::ALL))
            .chain(codes(NibError::ALL))
            .chain(codes(RtRwError::ALL))
            .chain(codes(RegistrationIdError::ALL))
            .chain(codes(ReceiptError::ALL))
            .chain(codes(IncomeError::ALL))
            .chain(codes(PaymentPeriodError::ALL))
            .chain(codes(RuleError::ALL))
            .chain(codes(SchemaError::ALL))
            .chain(codes(WageError::ALL))
            .chain(codes(WorkerRuleError::ALL))
            .chain(codes(RosterError::ALL))
            .chain(codes(crate::pin::PinError::ALL))
            .collect()
    }

    #[test]
    fn every_error_variant_has_a_listed_code() {
        for code in every_variant_code() {
            assert!(
                ALL_ERROR_CODES.contains(&code),
                "{code} is missing from ALL_ERROR_CODES"
            );
        }
    }

    #[test]
    fn every_listed_code_is_produced_by_some_variant() {
        let produced = every_variant_code();
        for code in ALL_ERROR_CODES {
            assert!(
                produced.contains(code),
                "{code} is listed but never produced"
            );
        }
    }

    #[test]
    fn no_code_is_listed_twice() {
        let mut codes = ALL_ERROR_CODES.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ALL_ERROR_CODES.len());
    }

    #[test]
    fn no_path_is_listed_twice() {
        let mut paths = path::ALL.to_vec();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), path::ALL.len());
    }

    #[test]
    fn a_field_error_serializes_as_two_strings() {
        let error = NikError::Length.at(path::NIK);
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(json, r#"{"path":"participant.nik","code":"nik.length"}"#);
        assert_eq!(serde_json::from_str::<FieldError>(&json).unwrap(), error);
    }
}
