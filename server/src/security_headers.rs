//! Headers on every response that tell the browser what this app never does, so an
//! injected script, a framing page or a sniffed file gets nowhere.
//!
//! The policy allows scripts from this origin only, plus `'wasm-unsafe-eval'`, which
//! compiling the app's WebAssembly needs. There is no `'unsafe-inline'`: Trunk's inline
//! loader is replaced by `public/boot.js` (see `Trunk.toml`'s `pattern_script`), so the
//! policy is the same for every build and needs no per-build hash. Styles are from this
//! origin only too: the app sets no `style` attributes.

use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};

use crate::proxy::Client;

/// The Content-Security-Policy of every response (it matters for pages and for the
/// service worker script; elsewhere it is harmless).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
    script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; \
    connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Browser features the app does not use, switched off for this origin.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

const HEADERS: [(HeaderName, &str); 6] = [
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    // Registration pages must not leak their URL to anyone.
    (header::REFERRER_POLICY, "no-referrer"),
    // Old browsers' version of frame-ancestors 'none'.
    (header::X_FRAME_OPTIONS, "DENY"),
    (
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    ),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
];

/// Strict-Transport-Security, sent when the client spoke HTTPS (through a trusted proxy): for a
/// year the browser goes to this host over HTTPS only, even when a link or a typed address says
/// `http://`, so nobody on the market's Wi-Fi can serve it a plain-HTTP copy. Without
/// `includeSubDomains`: other sites of the city's domain are not this endpoint's to decide.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// Middleware adding the headers to every response that has not set its own, and HSTS to those
/// of requests that came over HTTPS.
pub async fn add(request: Request, next: Next) -> Response {
    let https = request
        .extensions()
        .get::<Client>()
        .is_some_and(|client| client.https);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in HEADERS {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    response
}
