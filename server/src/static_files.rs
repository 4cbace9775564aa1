//! Serves the built app from the same origin as the API (so the app needs no CORS), with
//! cache headers that suit the service worker.
//!
//! - A path whose last segment has no file extension is a screen of the app and gets
//!   `index.html`, so a reload on `/daftar` is not a 404. A path with an extension is a
//!   file: served if it exists, else 404, never the shell under a `.js` name that the
//!   browser or the service worker would then keep as a script.
//! - Files named with Trunk's content hash (`lindungi-<hash>.js`, `…_bg.wasm`,
//!   `main-<hash>.css`) never change under that name: cached for a year, `immutable`.
//! - Everything else (`index.html`, `sw.js`, the manifest, icons) is revalidated on every
//!   use (`no-cache`): a new build is seen at once, and the browser's check for a new
//!   service worker is never answered by a stale copy.
//! - The build writes brotli and gzip copies beside each file (scripts/precompress.mjs):
//!   a browser that accepts them gets the compressed bytes (`Content-Encoding`, with
//!   `Vary: Accept-Encoding`), which for the wasm is about a third of its size.

use std::{convert::Infallible, path::Path};

use axum::{
    Router,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// For assets whose name changes whenever their content does.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else: keep it, but ask the endpoint (a cheap 304) before each use.
pub const CACHE_REVALIDATE: &str = "no-cache";
/// The page every screen of the app is.
const INDEX_HTML: &str = "index.html";

/// What a request path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A screen of the app (no file extension): answered with `index.html`.
    Screen,
    /// A file named with its content hash: never changes.
    Hashed,
    /// Any other file.
    File,
}

impl Kind {
    /// Classifies a URL path.
    pub fn of(path: &str) -> Kind {
        let name = path.rsplit('/').next().unwrap_or_default();
        if !name.contains('.') {
            Kind::Screen
        } else if is_hashed(name) {
            Kind::Hashed
        } else {
            Kind::File
        }
    }
}

/// `name-<16 hex digits>.js|.wasm|.css`, with wasm-bindgen's `_bg` before `.wasm`:
/// the names Trunk gives the files it builds.
fn is_hashed(name: &str) -> bool {
    let Some(stem) = [".js", ".wasm", ".css"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
    else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(base, hash)| {
        !base.is_empty() && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[derive(Clone)]
struct Dist {
    files: ServeDir,
    shell: ServeFile,
}

/// The files of `dist/`, and `index.html` for every screen of the app.
pub fn service(dist: &Path) -> Router {
    Router::new().fallback(serve).with_state(Dist {
        files: ServeDir::new(dist).precompressed_br().precompressed_gzip(),
        shell: ServeFile::new(dist.join(INDEX_HTML))
            .precompressed_br()
            .precompressed_gzip(),
    })
}

async fn serve(State(dist): State<Dist>, request: Request) -> Response {
    let kind = Kind::of(request.uri().path());
    let served: Result<_, Infallible> = match kind {
        Kind::Screen => dist.shell.oneshot(request).await,
        Kind::Hashed | Kind::File => dist.files.oneshot(request).await,
    };
    let mut response = match served {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let cache = if kind == Kind::Hashed && found {
        CACHE_IMMUTABLE
    } else {
        CACHE_REVALIDATE
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_output_names_are_hashed() {
        for name in [
            "/lindungi-dd6cc37d22a410f4.js",
            "/lindungi-dd6cc37d22a410f4_bg.wasm",
            "/main-317eac6c729efecf.css",
        ] {
            assert_eq!(Kind::of(name), Kind::Hashed, "{name}");
        }
    }

    #[test]
    fn files_without_a_content_hash_are_plain_files() {
        for name in [
            "/index.html",
            "/sw.js",
            "/boot.js",
            "/manifest.webmanifest",
            "/icons/icon-192.png",
            "/jquery-3.7.js",
            "/-dd6cc37d22a410f4.js",
            "/lindungi-dd6cc37d22a410fz.js",
        ] {
            assert_eq!(Kind::of(name), Kind::File, "{name}");
        }
    }

    #[test]
    fn paths_without_an_extension_are_screens_of_the_app() {
        for path in ["/", "/daftar", "/daftar/baru", "/icons/", "/v1.2/daftar"] {
            assert_eq!(Kind::of(path), Kind::Screen, "{path}");
        }
    }
}
