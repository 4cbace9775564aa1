//! What a valid Lindungi registration is.
//!
//! Lindungi registers Kota Mojokerto's micro-business actors into BPJS Ketenagakerjaan as BPU
//! participants. This crate is the single source of truth for its rules, shared by the app (in
//! wasm32, validating as the officer types) and the city endpoint (validating again on arrival):
//!
//! - validated types, each a newtype with a private field, a parsing constructor and a typed
//!   error with one variant per rule: [`Nik`], [`PhoneNumber`], [`Kelurahan`], [`Kbli`],
//!   [`PersonName`], [`Email`], [`Nib`], [`Rt`]/[`Rw`], [`Date`], [`YearMonth`], [`Timestamp`],
//!   [`RegistrationId`] … Their `Deserialize` runs the same parser, so data read from storage
//!   or the network is checked on the way in;
//! - the [`RegistrationForm`] as typed, its validation into a [`Registration`] with every field
//!   error at once, and the cross-field rules;
//! - contributions ([`iuran`]): income brackets, rates, the PP 50/2025 discount, month-by-month
//!   schedules;
//! - every contract with the endpoint ([`wire`]), the schema version ([`schema`]) and the
//!   migration of older submissions ([`wire::versions`]);
//! - stable error codes ([`ALL_ERROR_CODES`]) and field paths ([`errors::path`]) the app
//!   translates and places;
//! - the clock rule ([`clock`]): a registration's times never go backwards on a phone whose clock
//!   is wrong, and the endpoint judges them by its own clock without ever rejecting for them.
//!
//! The crate depends on serde and thiserror only and never reads a clock (`SystemTime::now()`
//! panics on wasm32): every rule about "today" takes it as an argument. With the `testdata`
//! feature, [`testdata`] generates realistic fake registrations for other crates' tests.

#![warn(missing_docs)]

pub mod business;
pub mod clock;
pub mod date;
pub mod errors;
pub mod format;
pub mod id;
pub mod iuran;
pub mod nik;
pub mod phone;
pub mod region;
pub mod registration;
pub mod roster;
pub mod schema;
pub mod sex;
#[cfg(any(test, feature = "testdata"))]
pub mod testdata;
pub mod text;
pub mod wire;
pub mod worker;

pub use business::{BusinessType, Kbli, Sector};
pub use date::{Date, Timestamp, YearMonth};
pub use errors::{ALL_ERROR_CODES, ErrorCode, FieldError};
pub use id::{KoperasiId, OfficerId, RegistrationId};
pub use iuran::{Coverage, DeclaredIncome, PaymentPeriod, Rupiah, Schedule};
pub use nik::Nik;
pub use phone::PhoneNumber;
pub use region::{Kecamatan, Kelurahan};
pub use registration::{
    Address, Business, Koperasi, Participant, Registration, RegistrationDetails, RegistrationForm,
    Wadah,
};
pub use schema::SCHEMA_VERSION;
pub use sex::Sex;
pub use text::{
    BusinessLocation, BusinessName, Email, KoperasiName, LegalNumber, MemberNumber, Nib,
    OtherBusinessType, PersonName, PlaceName, Rt, Rw, Street,
};
pub use wire::{
    ApiError, BatchRequest, BatchResponse, ItemResult, MAX_BATCH_ITEMS, MAX_BODY_BYTES, Outcome,
    ReceiptNumber, StoredSubmission, Submission,
};
pub use worker::{MonthlyWage, Worker};
