//! The dashboard's addresses, apart from its handlers so that the pages can link to them
//! (why the page has a file extension: see the dashboard module).

/// The dashboard page.
pub const PAGE_PATH: &str = "/dasbor.html";
/// Its stylesheet (a file: the CSP allows no inline style).
pub const CSS_PATH: &str = "/dasbor.css";
/// Where the sign-in form posts.
pub const SIGN_IN_PATH: &str = "/dasbor/masuk";
/// Where the sign-out button posts.
pub const SIGN_OUT_PATH: &str = "/dasbor/keluar";
/// Where an officer's area form posts.
pub const AREA_PATH: &str = "/dasbor/wilayah";
