//! Signing in and out of the dashboard: the admin token typed into the form opens a session;
//! "Keluar" ends it.

use axum::{
    Form,
    extract::{State, rejection::FormRejection},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use super::{
    PAGE_PATH,
    html::{self, Refusal},
    remembered_language,
};
use crate::{
    AppState,
    attempts::{self, Kind},
    audit::{self, Actor, Event},
    auth::{AdminToken, admin_token, day_of, hash_secret, sessions},
    error::{Error, Result},
    proxy::Client,
};

/// Largest sign-in form read, in bytes. The route needs no token, so anyone can reach it: the
/// form is `token=` and a token of about 50 characters (one set by `LINDUNGI_ADMIN_TOKEN` may be
/// longer, still far under this), and nothing larger is ever read.
pub const MAX_SIGN_IN_BODY_BYTES: usize = 2 * 1024;

#[derive(Deserialize)]
pub(super) struct SignIn {
    #[serde(default)]
    token: String,
}

/// Checks the typed token; a live one opens a session and goes to the dashboard.
pub(super) async fn sign_in(
    State(state): State<AppState>,
    client: Client,
    jar: CookieJar,
    form: std::result::Result<Form<SignIn>, FormRejection>,
) -> Result<Response> {
    let Form(form) = form.map_err(refused_form)?;
    let lang = remembered_language(&jar);
    let now = state.now_millis();
    let refuse = |status: StatusCode, refusal: Refusal| {
        super::html(status, html::sign_in(lang, Some(refusal)))
    };
    if let Err(Error::RateLimited { retry_after_secs }) =
        attempts::check(&state.db, Kind::SignIn, &client, now).await
    {
        tracing::warn!("dashboard sign-in held: too many wrong tokens from this address");
        let mut page = refuse(
            StatusCode::TOO_MANY_REQUESTS,
            Refusal::Held(retry_after_secs.div_ceil(60)),
        );
        page.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        return Ok(page);
    }
    let token = form.token.trim();
    let status = if token.is_empty() {
        AdminToken::Unknown
    } else {
        admin_token(&state, &hash_secret(token)).await?
    };
    let label = match status {
        AdminToken::Live { label } => label,
        AdminToken::Expired { at } => {
            tracing::warn!("dashboard sign-in refused: the token has expired");
            attempts::failed(&state.db, Kind::SignIn, &client, now).await?;
            return Ok(refuse(
                StatusCode::UNAUTHORIZED,
                Refusal::Expired(day_of(at)),
            ));
        }
        AdminToken::Unknown => {
            tracing::warn!("dashboard sign-in refused");
            attempts::failed(&state.db, Kind::SignIn, &client, now).await?;
            return Ok(refuse(StatusCode::UNAUTHORIZED, Refusal::WrongToken));
        }
    };
    attempts::succeeded(&state.db, Kind::SignIn, &client).await?;
    let session = sessions::open(&state.db, &hash_secret(token), &label, now).await?;
    let actor = Actor::Admin {
        label: label.clone(),
    };
    audit::record(
        &state.db.pool,
        now,
        &actor,
        client.address,
        &Event::SignedIn { label },
    )
    .await?;
    tracing::info!("dashboard sign-in");
    let jar = jar.add(sessions::cookie(session, state.config.secure_cookies));
    // The answer sets the session's cookie: no cache may keep it.
    let no_store = [(header::CACHE_CONTROL, "no-store")];
    Ok((jar, no_store, Redirect::to(PAGE_PATH)).into_response())
}

/// Ends the session and forgets the cookie.
pub(super) async fn sign_out(
    State(state): State<AppState>,
    client: Client,
    jar: CookieJar,
) -> Result<Response> {
    let now = state.now_millis();
    if let Some(label) = sessions::close(&state.db, &jar, now).await? {
        let actor = Actor::Admin {
            label: label.clone(),
        };
        let event = Event::SignedOut { label };
        audit::record(&state.db.pool, now, &actor, client.address, &event).await?;
        tracing::info!("dashboard sign-out");
    }
    let jar = jar.add(sessions::removal(state.config.secure_cookies));
    Ok((jar, Redirect::to(PAGE_PATH)).into_response())
}

/// A form that could not be read: too large (413), stalled (408), or not a form (400).
fn refused_form(rejection: FormRejection) -> Error {
    match rejection {
        FormRejection::BytesRejection(e) if crate::error::is_timeout(&e) => Error::TimedOut,
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => Error::TooLarge(format!(
            "The sign-in form is larger than the endpoint reads: at most \
             {MAX_SIGN_IN_BODY_BYTES} bytes."
        )),
        _ => Error::BadRequest("The sign-in form could not be read.".to_owned()),
    }
}
