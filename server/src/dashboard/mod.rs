//! The city staff's dashboard: server-rendered HTML with inline SVG charts, no script.
//!
//! Signing in trades the admin token, typed once into a form, for a server-side session
//! ([`crate::auth::sessions`]) whose random id the browser keeps in an HttpOnly, SameSite=Strict,
//! `Secure` cookie and sends with the page and with the hand-over downloads; the API keeps
//! accepting `Authorization: Bearer` as before. Wrong tokens are counted per address in the
//! database ([`crate::attempts`]); sign-ins, sign-outs and downloads go to the audit trail, which
//! the page shows.
//!
//! The page is `/dasbor.html`, with a file extension on purpose: the app's service worker
//! answers every extension-less navigation of this origin with the app shell, so a laptop that
//! has the app installed would never see a `/dasbor` page. The download buttons point into
//! `/api/`, which the worker never touches either.

mod assign;
mod charts;
mod field_words;
pub mod html;
mod paths;
mod sign_in;
mod words;

use axum::{
    Router,
    extract::{DefaultBodyLimit, Query, State, rejection::QueryRejection},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use cookie::time::Duration;
use serde::Deserialize;

pub use html::Refusal;
pub use paths::{AREA_PATH, CSS_PATH, PAGE_PATH, SIGN_IN_PATH, SIGN_OUT_PATH};
pub use sign_in::MAX_SIGN_IN_BODY_BYTES;
pub use words::Lang;

use crate::{AppState, audit, auth::sessions, coverage, error::Result};

/// The cookie remembering the chosen language.
const LANG_COOKIE: &str = "lindungi_lang";
/// How long the language choice is remembered: a year.
const LANG_SECONDS: i64 = 365 * 24 * 60 * 60;

const CSS: &str = include_str!("dasbor.css");

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The cookie remembering `lang`; Lax, so a link to the dashboard keeps the language.
fn lang_cookie(lang: Lang, secure: bool) -> Cookie<'static> {
    Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .max_age(Duration::seconds(LANG_SECONDS))
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
}

/// The language remembered in the cookie, else Indonesian.
pub(crate) fn remembered_language(jar: &CookieJar) -> Lang {
    jar.get(LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()))
        .unwrap_or(Lang::Id)
}

/// An HTML answer that no cache keeps (the page shows names typed in the field).
pub(crate) fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The dashboard, or the sign-in form when the cookie names no live session; in the language of
/// `?lang=` (then remembered in a cookie), else the remembered one.
async fn dashboard(
    State(state): State<AppState>,
    jar: CookieJar,
    query: std::result::Result<Query<LangQuery>, QueryRejection>,
) -> Result<Response> {
    let secure = state.config.secure_cookies;
    // A query that cannot be read is no language choice, not an error page.
    let chosen = query
        .ok()
        .and_then(|Query(q)| q.lang)
        .and_then(|code| Lang::from_code(&code));
    let (mut jar, lang) = match chosen {
        Some(lang) => (jar.add(lang_cookie(lang, secure)), lang),
        None => {
            let lang = remembered_language(&jar);
            (jar, lang)
        }
    };
    let page = match sessions::find(&state, &jar).await? {
        Some(_) => {
            let stats = coverage::stats(&state.db, state.config.target).await?;
            let field = assign::field(&state).await?;
            let trail = audit::recent(&state.db, audit::SHOWN).await?;
            html(
                StatusCode::OK,
                html::dashboard(lang, &stats, &field, &trail),
            )
        }
        None => {
            // A cookie of a session that ended is forgotten.
            if jar.get(sessions::SESSION_COOKIE).is_some() {
                jar = jar.add(sessions::removal(secure));
            }
            html(StatusCode::UNAUTHORIZED, html::sign_in(lang, None))
        }
    };
    Ok((jar, page).into_response())
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        CSS,
    )
        .into_response()
}

/// The dashboard's routes, behind the API's rate limiter: the sign-in form must not become a
/// way around it for guessing tokens.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(PAGE_PATH, get(dashboard))
        .route(CSS_PATH, get(stylesheet))
        .route(
            SIGN_IN_PATH,
            post(sign_in::sign_in).layer(DefaultBodyLimit::max(MAX_SIGN_IN_BODY_BYTES)),
        )
        .route(SIGN_OUT_PATH, post(sign_in::sign_out))
        .route(
            AREA_PATH,
            post(assign::assign).layer(DefaultBodyLimit::max(assign::MAX_FORM_BYTES)),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::rate_limit::limit,
        ))
}
