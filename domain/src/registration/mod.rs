//! A registration: the form as typed, its validation, and the validated record.
//!
//! - [`form`]: [`RegistrationForm`], raw inputs the app edits and sends.
//! - [`validate`]: [`RegistrationForm::validate`], [`Registration::from_submission`], and the
//!   rules across fields with their bounds.
//! - [`model`]: [`Registration`] and its validated parts, with their canonical serde form.

pub mod form;
pub mod model;
pub mod validate;

pub use form::{
    AddressForm, BusinessForm, CoverageForm, KoperasiForm, ParticipantForm, RegistrationForm,
    WorkerForm,
};
pub use model::{
    Address, Business, Koperasi, Participant, Registration, RegistrationDetails, Wadah,
};
pub use validate::{
    MAX_AGE_YEARS, MIN_AGE_YEARS, RuleError, START_MONTH_MAX_MONTHS_AHEAD,
    START_MONTH_MAX_MONTHS_BEFORE,
};

#[cfg(test)]
mod tests;
