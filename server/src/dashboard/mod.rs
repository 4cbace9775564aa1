//! The city staff's dashboard: server-rendered HTML with inline SVG charts, no script.
//!
//! Signing in trades the admin token, typed once into a form, for an HttpOnly, SameSite=Strict
//! cookie (Secure behind HTTPS) that the browser then sends with the page and with the hand-over
//! downloads; the API keeps accepting `Authorization: Bearer` as before.
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
mod words;

use axum::{
    Form, Router,
    extract::{Query, State, rejection::QueryRejection},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use cookie::time::Duration;
use serde::Deserialize;

pub use paths::{AREA_PATH, CSS_PATH, PAGE_PATH, SIGN_IN_PATH, SIGN_OUT_PATH};
pub use words::Lang;

use crate::{
    AppState,
    auth::{ADMIN_COOKIE, cookie_value, is_admin_token, token_from_cookie},
    coverage,
    error::Result,
};

/// The cookie remembering the chosen language.
const LANG_COOKIE: &str = "lindungi_lang";
/// How long the language choice is remembered: a year.
const LANG_SECONDS: i64 = 365 * 24 * 60 * 60;
/// How long a sign-in lasts: a working day, so a laptop left open overnight is signed out.
const SESSION_SECONDS: i64 = 12 * 60 * 60;

const CSS: &str = include_str!("dasbor.css");

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

#[derive(Deserialize)]
struct SignIn {
    #[serde(default)]
    token: String,
}

/// Whether the request came over HTTPS (directly or through a proxy that says so): only then
/// may a cookie be `Secure`, or a plain-HTTP demo could never sign in.
fn is_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The sign-in cookie holding `token`: HttpOnly (no script can read it) and SameSite=Strict (no
/// other site's page can send it).
fn admin_cookie(token: &str, https: bool) -> Cookie<'static> {
    Cookie::build((ADMIN_COOKIE, cookie_value(token)))
        .path("/")
        .max_age(Duration::seconds(SESSION_SECONDS))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(https)
        .build()
}

/// The cookie remembering `lang`; Lax, so a link to the dashboard keeps the language.
fn lang_cookie(lang: Lang, https: bool) -> Cookie<'static> {
    Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .max_age(Duration::seconds(LANG_SECONDS))
        .same_site(SameSite::Lax)
        .secure(https)
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

/// The dashboard, or the sign-in form when the cookie holds no live admin token; in the
/// language of `?lang=` (then remembered in a cookie), else the remembered one.
async fn dashboard(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    query: std::result::Result<Query<LangQuery>, QueryRejection>,
) -> Result<Response> {
    // A query that cannot be read is no language choice, not an error page.
    let chosen = query
        .ok()
        .and_then(|Query(q)| q.lang)
        .and_then(|code| Lang::from_code(&code));
    let (jar, lang) = match chosen {
        Some(lang) => (jar.add(lang_cookie(lang, is_https(&headers))), lang),
        None => {
            let lang = remembered_language(&jar);
            (jar, lang)
        }
    };
    let signed_in = match token_from_cookie(&jar) {
        Some(token) => is_admin_token(&state, &token).await?,
        None => false,
    };
    let page = if signed_in {
        let stats = coverage::stats(&state.db, state.config.target).await?;
        let field = assign::field(&state).await?;
        html(StatusCode::OK, html::dashboard(lang, &stats, &field))
    } else {
        html(StatusCode::UNAUTHORIZED, html::sign_in(lang, false))
    };
    Ok((jar, page).into_response())
}

/// Checks the typed token; a live one sets the cookie and goes to the dashboard.
async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<SignIn>,
) -> Result<Response> {
    let token = form.token.trim();
    if token.is_empty() || !is_admin_token(&state, token).await? {
        tracing::warn!("dashboard sign-in refused");
        let lang = remembered_language(&jar);
        return Ok(html(StatusCode::UNAUTHORIZED, html::sign_in(lang, true)));
    }
    tracing::info!("dashboard sign-in");
    let jar = jar.add(admin_cookie(token, is_https(&headers)));
    Ok((jar, Redirect::to(PAGE_PATH)).into_response())
}

/// Forgets the cookie.
async fn sign_out(headers: HeaderMap, jar: CookieJar) -> Response {
    let mut removal = admin_cookie("", is_https(&headers));
    removal.make_removal();
    (jar.add(removal), Redirect::to(PAGE_PATH)).into_response()
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
        .route(SIGN_IN_PATH, post(sign_in))
        .route(SIGN_OUT_PATH, post(sign_out))
        .route(
            AREA_PATH,
            post(assign::assign)
                .layer(axum::extract::DefaultBodyLimit::max(assign::MAX_FORM_BYTES)),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::rate_limit::limit,
        ))
}
