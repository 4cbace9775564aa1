//! The OpenAPI document of the API, generated from the handlers' annotations and served at
//! `/api/v1/openapi.json`; `server/openapi.json` is the committed copy (a test keeps them equal;
//! regenerate with `lindungi-server openapi > server/openapi.json`).
//!
//! The schemas of the wire types are derived on the domain's own types (`domain::wire`, behind
//! its `openapi` feature): the document describes exactly what is (de)serialized.

use axum::{Json, Router, routing::get};
use domain::SCHEMA_VERSION;
use domain::registration::form;
use domain::wire::{
    self, MAX_BATCH_ITEMS, MAX_BODY_BYTES, MAX_ENROLL_BODY_BYTES,
    health::{MAX_HEARTBEAT_BODY_BYTES, WAITING_TOO_LONG_SECS},
    worklist::{WORKLIST_DEFAULT_LIMIT, WORKLIST_MAX_LIMIT},
};
use utoipa::{
    Modify, OpenApi,
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

**Versions.** Each registration carries the `schema_version` the app wrote it with (this \
endpoint writes {SCHEMA_VERSION}). An older schema this endpoint knows is migrated before it is \
validated, whatever the shape it was written in; an older or unknown number it cannot migrate \
is that one registration `rejected` (`schema_version.unsupported`). A registration of a newer \
schema than this endpoint knows refuses the whole batch with **409** `update_required`: the app \
and the endpoint are of different releases, nothing was stored, and the app keeps every \
registration waiting and sends them again after the update.

**Clocks.** A phone's clock may be wrong. Its times (`created_at`, `consent_at`, \
`updated_at`) are kept as the phone wrote them, except that a last edit before the start is \
put back to the start; they are never a reason to reject. The rules that need today's date \
(age, start month) and the day a registration is counted on use this endpoint's clock. Every \
answer carries a `Date` header, from which the app tells the officer when the phone's date is \
off by more than a day.

**Limits.** A batch's body of at most {MAX_BODY_BYTES} bytes and at most {MAX_BATCH_ITEMS} \
registrations, else 413 (the app halves the batch); an enrollment's of at most \
{MAX_ENROLL_BODY_BYTES} bytes. A body that is not JSON, not sent as `application/json`, or not shaped like \
a batch is a 400 `malformed`. Unknown fields are ignored, not refused (an app newer than the \
endpoint may add fields); nothing unknown is stored. Rate limits per token and per address \
answer 429 with `Retry-After`, and so do too many wrong enrollment codes from one address. A \
request whose body stops arriving, or that takes too long, is answered 408 `timeout` (send it \
again: a batch cut off was not stored); an endpoint serving as many requests as it allows \
answers 503 `overloaded` with `Retry-After`. Every error body is \
`{{\"code\", \"message\"}}`; a 5xx means retry later.

**Worklist.** `GET /api/v1/worklist` answers the officer's area (the kelurahan the city \
assigned): the roster entries there not yet covered and the NIKs already registered there, the \
first time whole (`reset`), then only what changed since the `cursor` the phone sends back — new \
or changed entries, removed ids (a re-import, a move, a registration), newly registered NIKs. \
Pages hold at most `limit` changes (default {WORKLIST_DEFAULT_LIMIT}, at most \
{WORKLIST_MAX_LIMIT}); while `more` is true the phone asks again with `next_cursor`. gzip when \
accepted. An officer without an area gets an empty page whose `area` is `unassigned`.

**Device health.** Every batch may carry `health` (app version, registrations waiting, age of \
the oldest, storage), and a phone with nothing to send posts the same report to \
`POST /api/v1/devices/heartbeat` (at most {MAX_HEARTBEAT_BODY_BYTES} bytes; 204). The city's \
dashboard flags a phone whose oldest registration has waited more than \
{WAITING_TOO_LONG_SECS} s or whose app is not the version the endpoint serves."
    )
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Lindungi city endpoint", description = description()),
    paths(
        super::devices::enroll,
        super::registrations::batch,
        super::registrations::status,
        super::worklist::worklist,
        super::heartbeat::heartbeat,
        super::stats::stats,
        super::export::export_csv,
        super::export::export_xlsx,
        super::export::workers_csv,
        super::export::workers_xlsx,
    ),
    components(schemas(
        wire::BatchRequest, wire::Submission, form::RegistrationForm, form::ParticipantForm,
        form::AddressForm, form::BusinessForm, form::KoperasiForm, form::WorkerForm,
        form::CoverageForm, wire::BatchResponse, wire::ItemResult, wire::Outcome,
        wire::ReceiptNumber, domain::FieldError, wire::ApiError, wire::EnrollRequest,
        wire::EnrollResponse, wire::WorklistPage, wire::WorklistEntry, wire::RegisteredNik,
        wire::Area, wire::DeviceHealth,
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
                "An admin token from `lindungi-server create-admin-token` (it expires; an \
                 expired one gets 401 saying so).",
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
