//! A registration: the form as typed, its validation, and the validated record.
//!
//! - [`form`]: [`RegistrationForm`], raw inputs the app edits and sends; [`assist`]: what the
//!   form works out while the officer types (birth date from the NIK, defaults, the estimate).
//! - [`rules`]: the rules across fields, with their bounds — one leaf module used by the
//!   validator, by deserialization and by the constructor.
//! - [`validate`]: [`RegistrationForm::validate`], every field error at once.
//! - [`model`]: [`Registration`] and its validated parts, with their canonical serde form.
//!
//! A submission from the wire or storage becomes a [`Registration`] at that edge:
//! [`Registration::from_submission`] is in [`crate::wire::submission`].

pub mod assist;
pub mod form;
pub mod model;
pub mod rules;
pub mod validate;

pub use form::{
    AddressForm, BusinessForm, CoverageForm, KoperasiForm, ParticipantForm, RegistrationForm,
    WorkerForm,
};
pub use model::{
    Address, Business, Koperasi, Participant, Registration, RegistrationDetails, Wadah,
};
pub use rules::{
    MAX_AGE_YEARS, MIN_AGE_YEARS, RuleError, START_MONTH_MAX_MONTHS_AHEAD,
    START_MONTH_MAX_MONTHS_BEFORE,
};

#[cfg(test)]
mod tests;
