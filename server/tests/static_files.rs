//! How the endpoint serves the built app: cache headers that suit the service worker,
//! the manifest's type, the SPA fallback, and the security headers. Against a dist
//! folder written by the test, shaped like Trunk's output.

mod common;

use std::path::Path;

use axum::{
    body::Body,
    http::{Request, Response, StatusCode},
};
use common::{Backend, TestApp};
use http_body_util::BodyExt;
use lindungi_server::security_headers::CONTENT_SECURITY_POLICY;

const INDEX: &str = "<!doctype html><title>Lindungi</title>\
    <script type=\"module\" src=\"/boot.js\" data-js=\"/lindungi-0123456789abcdef.js\"></script>";
const HASHED: [&str; 3] = [
    "/lindungi-0123456789abcdef.js",
    "/lindungi-0123456789abcdef_bg.wasm",
    "/main-fedcba9876543210.css",
];

/// The endpoint over a fresh database, serving a dist folder of its own.
struct DistApp {
    app: TestApp,
    _dist: tempfile::TempDir,
}

impl DistApp {
    async fn new() -> Self {
        let dist = tempfile::tempdir().unwrap();
        write(dist.path(), "index.html", INDEX);
        for path in HASHED {
            write(dist.path(), path, "built");
        }
        write(dist.path(), "sw.js", "const VERSION = 'a';");
        write(dist.path(), "boot.js", "await import('/x.js');");
        write(
            dist.path(),
            "manifest.webmanifest",
            r#"{"name":"Lindungi"}"#,
        );
        write(dist.path(), "icons/icon-192.png", "png");

        let app =
            TestApp::with_config(Backend::Sqlite, |c| c.dist_dir = dist.path().to_owned()).await;
        Self { app, _dist: dist }
    }

    async fn get(&self, path: &str) -> Response<Body> {
        use tower::ServiceExt;
        let request = Request::get(path).body(Body::empty()).unwrap();
        self.app.router.clone().oneshot(request).await.unwrap()
    }
}

fn write(dist: &Path, path: &str, content: &str) {
    let file = dist.join(path.trim_start_matches('/'));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, content).unwrap();
}

fn header<'a>(response: &'a Response<Body>, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_else(|| panic!("no {name} header"))
}

async fn body(response: Response<Body>) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_never_revalidated() {
    let app = DistApp::new().await;
    for path in HASHED {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            header(&response, "cache-control"),
            "public, max-age=31536000, immutable",
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_shell_the_worker_and_the_manifest_are_revalidated_on_every_use() {
    let app = DistApp::new().await;
    for path in [
        "/",
        "/index.html",
        "/daftar/baru",
        "/sw.js",
        "/boot.js",
        "/manifest.webmanifest",
        "/icons/icon-192.png",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
    }
}

#[tokio::test]
async fn the_manifest_is_served_as_a_web_app_manifest() {
    let app = DistApp::new().await;
    let response = app.get("/manifest.webmanifest").await;
    assert_eq!(
        header(&response, "content-type"),
        "application/manifest+json"
    );
}

#[tokio::test]
async fn the_wasm_is_served_as_wasm_so_it_can_be_compiled_while_it_downloads() {
    let app = DistApp::new().await;
    let response = app.get(HASHED[1]).await;
    assert_eq!(header(&response, "content-type"), "application/wasm");
}

#[tokio::test]
async fn every_screen_of_the_app_is_the_shell() {
    let app = DistApp::new().await;
    for path in ["/", "/daftar", "/daftar/baru"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(header(&response, "content-type").starts_with("text/html"));
        assert_eq!(body(response).await, INDEX, "{path}");
    }
}

#[tokio::test]
async fn a_missing_file_is_a_404_never_the_shell_under_its_name() {
    let app = DistApp::new().await;
    for path in ["/lindungi-ffffffffffffffff.js", "/nothing.png"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
    }
}

#[tokio::test]
async fn pages_carry_a_strict_content_security_policy_that_lets_the_wasm_run() {
    let app = DistApp::new().await;
    for path in ["/", "/index.html", "/daftar"] {
        let response = app.get(path).await;
        let csp = header(&response, "content-security-policy");
        assert_eq!(csp, CONTENT_SECURITY_POLICY);
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("object-src 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(!csp.contains("'unsafe-eval'"), "{csp}");
    }
}

#[tokio::test]
async fn every_response_forbids_sniffing_framing_and_referrers() {
    let app = DistApp::new().await;
    for path in ["/", HASHED[0], "/sw.js", "/nothing.png", "/api/v1/health"] {
        let response = app.get(path).await;
        assert_eq!(header(&response, "x-content-type-options"), "nosniff");
        assert_eq!(header(&response, "referrer-policy"), "no-referrer");
        assert_eq!(header(&response, "x-frame-options"), "DENY");
        assert!(header(&response, "permissions-policy").contains("camera=()"));
        assert!(header(&response, "content-security-policy").contains("default-src 'self'"));
    }
}

impl DistApp {
    async fn get_accepting(&self, path: &str, encodings: &str) -> Response<Body> {
        use tower::ServiceExt;
        let request = Request::get(path)
            .header("accept-encoding", encodings)
            .body(Body::empty())
            .unwrap();
        self.app.router.clone().oneshot(request).await.unwrap()
    }
}

#[tokio::test]
async fn a_browser_that_accepts_brotli_gets_the_precompressed_wasm_and_others_the_plain_one() {
    let app = DistApp::new().await;
    let wasm = "/lindungi-0123456789abcdef_bg.wasm";
    write(app._dist.path(), &format!("{wasm}.br"), "brotli bytes");
    write(app._dist.path(), &format!("{wasm}.gz"), "gzip bytes");

    let br = app.get_accepting(wasm, "gzip, deflate, br").await;
    assert_eq!(header(&br, "content-encoding"), "br");
    assert_eq!(header(&br, "vary"), "accept-encoding");
    assert_eq!(
        header(&br, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header(&br, "content-type"), "application/wasm");
    assert_eq!(body(br).await, "brotli bytes");

    // Chrome over plain http (a LAN demo) offers gzip but not brotli.
    let gz = app.get_accepting(wasm, "gzip, deflate").await;
    assert_eq!(header(&gz, "content-encoding"), "gzip");
    assert_eq!(body(gz).await, "gzip bytes");

    let plain = app.get(wasm).await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(body(plain).await, "built");
}

#[tokio::test]
async fn the_shell_is_precompressed_too() {
    let app = DistApp::new().await;
    write(app._dist.path(), "index.html.br", "brotli shell");
    let response = app.get_accepting("/daftar/abc", "br").await;
    assert_eq!(header(&response, "content-encoding"), "br");
    assert_eq!(header(&response, "cache-control"), "no-cache");
    assert_eq!(body(response).await, "brotli shell");
}
