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

mod charts;
pub mod html;
mod words;

use axum::{
    Form, Router,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;

pub use words::Lang;

use crate::{
    AppState,
    auth::{ADMIN_COOKIE, cookie, cookie_value, is_admin_token, token_from_cookie},
    coverage,
    error::Result,
};

/// The dashboard page.
pub const PAGE_PATH: &str = "/dasbor.html";
/// Its stylesheet (a file: the CSP allows no inline style).
pub const CSS_PATH: &str = "/dasbor.css";
/// Where the sign-in form posts.
pub const SIGN_IN_PATH: &str = "/dasbor/masuk";
/// Where the sign-out button posts.
pub const SIGN_OUT_PATH: &str = "/dasbor/keluar";
/// The cookie remembering the chosen language.
const LANG_COOKIE: &str = "lindungi_lang";
/// How long a sign-in lasts: a working day, so a laptop left open overnight is signed out.
const SESSION_SECONDS: u32 = 12 * 60 * 60;

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

fn set_cookie(headers: &mut HeaderMap, cookie: String) {
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        headers.append(header::SET_COOKIE, value);
    }
}

/// An HTML answer that no cache keeps (the page shows names typed in the field).
fn html(status: StatusCode, body: String) -> Response {
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

/// The language: `?lang=` (remembered in a cookie), else the cookie, else Indonesian.
fn language(request: &HeaderMap, query: &LangQuery, headers: &mut HeaderMap) -> Lang {
    if let Some(lang) = query.lang.as_deref().and_then(Lang::from_code) {
        let secure = if is_https(request) { "; Secure" } else { "" };
        set_cookie(
            headers,
            format!(
                "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
                lang.code()
            ),
        );
        return lang;
    }
    cookie(request, LANG_COOKIE)
        .and_then(Lang::from_code)
        .unwrap_or(Lang::Id)
}

/// The dashboard, or the sign-in form when the cookie holds no live admin token.
async fn dashboard(
    State(state): State<AppState>,
    query: std::result::Result<Query<LangQuery>, axum::extract::rejection::QueryRejection>,
    request: HeaderMap,
) -> Result<Response> {
    let mut headers = HeaderMap::new();
    // A query that cannot be read is no language choice, not an error page.
    let query = query.map_or(LangQuery { lang: None }, |Query(q)| q);
    let lang = language(&request, &query, &mut headers);
    let signed_in = match token_from_cookie(&request) {
        Some(token) => is_admin_token(&state, &token).await?,
        None => false,
    };
    let mut response = if signed_in {
        let stats = coverage::stats(&state.db, state.config.target).await?;
        html(StatusCode::OK, html::dashboard(lang, &stats))
    } else {
        html(StatusCode::UNAUTHORIZED, html::sign_in(lang, false))
    };
    response.headers_mut().extend(headers);
    Ok(response)
}

/// Checks the typed token; a live one sets the cookie and goes to the dashboard.
async fn sign_in(
    State(state): State<AppState>,
    request_headers: HeaderMap,
    Form(form): Form<SignIn>,
) -> Result<Response> {
    let token = form.token.trim();
    let lang = cookie(&request_headers, LANG_COOKIE)
        .and_then(Lang::from_code)
        .unwrap_or(Lang::Id);
    if token.is_empty() || !is_admin_token(&state, token).await? {
        tracing::warn!("dashboard sign-in refused");
        return Ok(html(StatusCode::UNAUTHORIZED, html::sign_in(lang, true)));
    }
    let secure = if is_https(&request_headers) {
        "; Secure"
    } else {
        ""
    };
    let mut response = Redirect::to(PAGE_PATH).into_response();
    set_cookie(
        response.headers_mut(),
        format!(
            "{ADMIN_COOKIE}={}; Path=/; Max-Age={SESSION_SECONDS}; HttpOnly; SameSite=Strict{secure}",
            cookie_value(token)
        ),
    );
    tracing::info!("dashboard sign-in");
    Ok(response)
}

/// Forgets the cookie.
async fn sign_out(request_headers: HeaderMap) -> Response {
    let secure = if is_https(&request_headers) {
        "; Secure"
    } else {
        ""
    };
    let mut response = Redirect::to(PAGE_PATH).into_response();
    set_cookie(
        response.headers_mut(),
        format!("{ADMIN_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{secure}"),
    );
    response
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
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::rate_limit::limit,
        ))
}
