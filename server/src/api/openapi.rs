//! The OpenAPI document of the API, generated from the handlers' annotations and served at
//! `/api/v1/openapi.json`; `server/openapi.json` is the committed copy (a test keeps them equal;
//! regenerate with `lindungi-server openapi > server/openapi.json`).
//!
//! The domain crate stays serde + thiserror only, so the wire types are described here by
//! mirror types that carry the schema (a test checks their fields against what the domain types
//! actually serialize).

use axum::{Json, Router, routing::get};
use domain::wire::{MAX_BATCH_ITEMS, MAX_BODY_BYTES, MAX_ENROLL_BODY_BYTES};
use utoipa::{
    Modify, OpenApi, ToSchema,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use crate::{AppState, auth::CODE_LENGTH, config::DEFAULT_ENROLLMENT_DAYS};

/// What the document says before the operations: the contract in a few paragraphs, its limits
/// from `domain::wire`.
fn description() -> String {
    format!(
        "\
The city endpoint of Lindungi: field officers' phones send registrations of Kota Mojokerto's \
micro-business actors into BPJS Ketenagakerjaan; the city reads coverage figures and the \
hand-over files.

**Devices.** The city creates an officer (`lindungi-server create-officer --name …`) and gets a \
one-time enrollment code ({CODE_LENGTH} symbols, shown `XXXXX-XXXXX`, valid \
{DEFAULT_ENROLLMENT_DAYS} days). The app trades it once at `POST /api/v1/devices` for a device \
token, sent as `Authorization: Bearer <token>` with every batch. Tokens are stored hashed and can be revoked; a missing, unknown or revoked \
token gets 401.

**Batches.** `POST /api/v1/registrations/batch` answers one result per registration, in \
request order, by id: `accepted` (with a receipt `MJK-YYYY-NNNNNN`), `already_received` (same \
id, same canonical content: the first receipt again, so retries are always safe), \
`id_conflict`, `duplicate_nik` (with the existing receipt) or `rejected` (field errors with \
stable paths and codes). A registration's id is permanent; a retry weeks later is judged by \
the rules of the day it first arrived.

**Limits.** A batch's body of at most {MAX_BODY_BYTES} bytes and at most {MAX_BATCH_ITEMS} \
registrations, else 413 (the app halves the batch); an enrollment's of at most \
{MAX_ENROLL_BODY_BYTES} bytes. A body that is not JSON, not sent as `application/json`, or not shaped like \
a batch is a 400 `malformed`. Unknown fields are ignored, not refused (an app newer than the \
endpoint may add fields); nothing unknown is stored. Rate limits per token and per address \
answer 429 with `Retry-After`. Every error body is `{{\"code\", \"message\"}}`; a 5xx means \
retry later."
    )
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Lindungi city endpoint", description = description()),
    paths(
        super::devices::enroll,
        super::registrations::batch,
        super::registrations::status,
        super::stats::stats,
        super::export::export_csv,
        super::export::export_xlsx,
        super::export::workers_csv,
        super::export::workers_xlsx,
    ),
    components(schemas(
        BatchRequest, Submission, RegistrationForm, ParticipantForm, AddressForm, BusinessForm,
        KoperasiForm, WorkerForm, CoverageForm, BatchResponse, ItemResult, Outcome, FieldError, ApiError,
        domain::wire::EnrollRequest, domain::wire::EnrollResponse,
        super::registrations::RegistrationStatus, super::stats::Stats,
        crate::coverage::RegionCount, crate::coverage::BusinessTypeCount,
        crate::coverage::KoperasiCount, crate::coverage::RegionCoverage,
        crate::coverage::BusinessTypeCoverage, crate::coverage::DayCount,
        crate::coverage::OfficerCount,
    )),
    modifiers(&BearerTokens),
    tags((name = "sync", description = "Devices and registrations"),
         (name = "city", description = "Figures and hand-over, for the city's staff")),
)]
pub struct ApiDoc;

/// The two bearer schemes: device tokens and admin tokens.
struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (name, what) in [
            ("device_token", "A device token from POST /api/v1/devices."),
            (
                "admin_token",
                "An admin token from `lindungi-server create-admin-token`.",
            ),
        ] {
            components.add_security_scheme(
                name,
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some(what))
                        .build(),
                ),
            );
        }
    }
}

/// The document as pretty JSON (what `server/openapi.json` holds, with a final newline).
pub fn document_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serializes")
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
}

// Mirrors of the wire types of `domain::wire` (schema only).

/// The body of a batch upload (`domain::wire::BatchRequest`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BatchRequest {
    /// At most 500 registrations.
    #[schema(max_items = 500)]
    registrations: Vec<Submission>,
}

/// One registration as the app stores and sends it: the form as typed plus its metadata, all
/// raw strings (`domain::wire::Submission`). One bad field makes that item `rejected`, never the
/// whole batch a 400.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Submission {
    /// The permanent id: a lowercase UUID made when the draft was started.
    #[schema(example = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b")]
    id: String,
    /// The schema version the app wrote it with (1).
    schema_version: u32,
    /// The form as typed.
    form: RegistrationForm,
    /// When consent was given (RFC 3339).
    #[schema(required = false)]
    consent_at: String,
    /// When the draft was started (RFC 3339).
    #[schema(required = false)]
    created_at: String,
    /// When it was last edited (RFC 3339).
    #[schema(required = false)]
    updated_at: String,
    /// The officer's own id as typed in the app; empty for none.
    #[schema(required = false)]
    officer: String,
}

/// Everything the officer fills in; every field optional (missing is empty).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct RegistrationForm {
    #[schema(required = false)]
    participant: ParticipantForm,
    #[schema(required = false)]
    address: AddressForm,
    #[schema(required = false)]
    business: BusinessForm,
    #[schema(required = false)]
    koperasi: KoperasiForm,
    /// The owner's workers (wage earners, PU), at most 20; usually none.
    #[schema(required = false, max_items = 20)]
    workers: Vec<WorkerForm>,
    #[schema(required = false)]
    coverage: CoverageForm,
    /// Consent to the processing of personal data (UU 27/2022).
    #[schema(required = false)]
    consent: bool,
}

/// The participant as typed.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ParticipantForm {
    #[schema(required = false)]
    nik: String,
    #[schema(required = false)]
    full_name: String,
    #[schema(required = false)]
    place_of_birth: String,
    /// `YYYY-MM-DD` or `DD-MM-YYYY`.
    #[schema(required = false)]
    birth_date: String,
    /// `L` or `P`.
    #[schema(required = false)]
    sex: String,
    #[schema(required = false)]
    mother_maiden_name: String,
    #[schema(required = false)]
    phone: String,
    #[schema(required = false)]
    email: String,
}

/// The address as typed.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct AddressForm {
    #[schema(required = false)]
    outside_city: bool,
    #[schema(required = false)]
    street: String,
    #[schema(required = false)]
    rt: String,
    #[schema(required = false)]
    rw: String,
    /// Kelurahan code (`35.76.01.1003`) or name.
    #[schema(required = false)]
    kelurahan: String,
    #[schema(required = false)]
    city: String,
}

/// The business as typed.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BusinessForm {
    #[schema(required = false)]
    name: String,
    /// A KBLI code or `other`.
    #[schema(required = false)]
    kind: String,
    #[schema(required = false)]
    other_kind: String,
    #[schema(required = false)]
    location: String,
    #[schema(required = false)]
    nib: String,
    #[schema(required = false)]
    employees: String,
}

/// The koperasi (wadah) as typed.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct KoperasiForm {
    #[schema(required = false)]
    via_koperasi: bool,
    /// The koperasi's permanent id (a UUID), the same in every member's registration.
    #[schema(required = false)]
    id: String,
    #[schema(required = false)]
    name: String,
    /// The chair's NIK.
    #[schema(required = false)]
    chair_nik: String,
    /// Kelurahan code or name where the koperasi is based.
    #[schema(required = false)]
    kelurahan: String,
    /// Legal registration number, if any.
    #[schema(required = false)]
    legal_number: String,
    #[schema(required = false)]
    member_number: String,
}

/// One of the owner's workers as typed: a wage earner (PU) for the branch's employer
/// registration, not a BPU registration.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct WorkerForm {
    #[schema(required = false)]
    full_name: String,
    #[schema(required = false)]
    nik: String,
    #[schema(required = false)]
    phone: String,
    /// Monthly wage in rupiah as typed (`2.000.000`).
    #[schema(required = false)]
    wage: String,
}

/// Programs and payment as typed.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CoverageForm {
    #[schema(required = false)]
    income: String,
    #[schema(required = false)]
    jht: bool,
    /// `1`, `3`, `6` or `12` months.
    #[schema(required = false)]
    period: String,
    /// `YYYY-MM`.
    #[schema(required = false)]
    start_month: String,
    #[schema(required = false)]
    paid_by_government: bool,
}

/// The answer to a batch (`domain::wire::BatchResponse`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BatchResponse {
    /// One per submitted registration, in request order.
    results: Vec<ItemResult>,
}

/// What happened to one registration, flat:
/// `{"id":"…","outcome":"accepted","receipt":"MJK-2026-000123"}`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ItemResult {
    /// The id as submitted (even if it is not a valid id).
    id: String,
    outcome: Outcome,
    /// With `accepted`, `already_received` (the first receipt) and `duplicate_nik` (the
    /// existing registration's receipt).
    #[schema(example = "MJK-2026-000123")]
    receipt: Option<String>,
    /// With `rejected`: every field error.
    errors: Option<Vec<FieldError>>,
}

/// The outcome of one registration.
#[derive(ToSchema)]
#[allow(dead_code)]
#[schema(rename_all = "snake_case")]
pub enum Outcome {
    Accepted,
    AlreadyReceived,
    IdConflict,
    DuplicateNik,
    Rejected,
}

/// A failed rule on a field: a stable path and a stable code.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FieldError {
    #[schema(example = "participant.nik")]
    path: String,
    #[schema(example = "nik.length")]
    code: String,
}

/// The body of every whole-request failure.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ApiError {
    /// `malformed`, `unauthorized`, `not_found`, `too_large`, `rate_limited` or `internal`.
    code: String,
    /// An English explanation for developers.
    message: String,
}
