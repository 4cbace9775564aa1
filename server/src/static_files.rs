//! Serves the built app from the same origin as the API, so the app needs no CORS.

use std::path::Path;

use tower_http::services::{ServeDir, ServeFile};

/// The files of `dist/`; any other path gets `index.html` so the app's own router
/// can answer it (a reload on `/daftar` must not be a 404).
pub fn service(dist: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")))
}
