//! Shared test harness: a real endpoint over a real database — a fresh SQLite file, or a fresh
//! PostgreSQL database on the server `scripts/with-postgres.sh` started — driven through the
//! router with `oneshot` (no socket), plus helpers to enroll devices and read JSON answers.
//!
//! `both_backends!` turns one async body into two tests, `…::sqlite` and `…::postgres`. A
//! PostgreSQL test fails (never skips) when `LINDUNGI_TEST_POSTGRES_URL` is not set.

#![allow(dead_code)]

use std::{
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
};

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Method, Request, Response, StatusCode},
};
use domain::{Date, wire::Submission};
use http_body_util::BodyExt;
use lindungi_server::{
    AppState, app,
    config::{Clock, Config},
    db::Db,
    officers,
    rate_limit::RateLimiter,
};
use serde_json::{Value, json};
use sqlx::{Connection, Executor};
use tower::ServiceExt;

/// Which database a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The environment variable naming the admin URL of the test PostgreSQL server.
pub const POSTGRES_URL_VAR: &str = "LINDUNGI_TEST_POSTGRES_URL";

/// Noon in Mojokerto (05:00 UTC) on `date`, in unix millis.
pub fn noon_wib(date: Date) -> i64 {
    date.days_since_unix_epoch() * 86_400_000 + 5 * 3_600_000
}

/// The day the generated test data is valid on, at noon WIB.
pub fn reference_now() -> i64 {
    noon_wib(domain::testdata::REFERENCE_TODAY)
}

/// One test's own database, removed when the test ends.
pub enum TestDb {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

/// Where the binary run on a test's PostgreSQL database keeps the city's backup key: by default
/// it would be the working directory, the source tree. (On SQLite the default is beside the
/// database file, in the test's own folder.) Removed with the database.
pub fn test_backup_key(url: &str) -> Option<std::path::PathBuf> {
    let (_, name) = url
        .rsplit_once('/')
        .filter(|_| url.starts_with("postgres"))?;
    Some(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("backup-key-{name}.pem")))
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { admin_url, name } = self {
            if let Some(key) = test_backup_key(&format!("postgres:///{name}")) {
                let _ = std::fs::remove_file(key);
            }
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs outside any runtime we may block: a thread with its own.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async {
                    if let Ok(mut admin) = sqlx::AnyConnection::connect(&admin_url).await {
                        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                        let _ = admin.execute(sqlx::AssertSqlSafe(drop)).await;
                    }
                });
            })
            .join();
        }
    }
}

static NEXT_DB: AtomicU64 = AtomicU64::new(0);

/// A fresh, empty database URL for `backend`, and the guard that removes the database.
pub async fn fresh_database(backend: Backend) -> (String, TestDb) {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            (url, TestDb::Sqlite(dir))
        }
        Backend::Postgres => {
            let admin_url = std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| {
                panic!(
                    "{POSTGRES_URL_VAR} is not set, so the PostgreSQL half of this test cannot \
                     run. Run the server tests through scripts/with-postgres.sh (scripts/test \
                     does): scripts/with-postgres.sh cargo test -p lindungi-server"
                )
            });
            sqlx::any::install_default_drivers();
            let name = format!(
                "lindungi_t_{}_{}",
                std::process::id(),
                NEXT_DB.fetch_add(1, Ordering::Relaxed)
            );
            let mut admin = sqlx::AnyConnection::connect(&admin_url)
                .await
                .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL at {admin_url}: {e}"));
            admin
                .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await
                .unwrap();
            let (base, _) = admin_url.rsplit_once('/').unwrap();
            let url = format!("{base}/{name}");
            (url, TestDb::Postgres { admin_url, name })
        }
    }
}

/// A device enrolled for tests.
#[derive(Clone, Debug)]
pub struct Enrolled {
    pub token: String,
    pub device_id: i64,
    pub officer_id: i64,
}

/// An endpoint with its own fresh database, removed when dropped.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub backend: Backend,
    _db: Arc<TestDb>,
}

impl TestApp {
    /// A fresh endpoint on `backend`, its clock at noon WIB on the test data's reference day.
    pub async fn new(backend: Backend) -> Self {
        Self::with_config(backend, |_| {}).await
    }

    /// As [`TestApp::new`], with the configuration changed by `change`.
    pub async fn with_config(backend: Backend, change: impl FnOnce(&mut Config)) -> Self {
        let (url, db) = fresh_database(backend).await;
        Self::on_database(backend, url, db, change).await
    }

    /// An endpoint started on the database at `url` (made by [`fresh_database`], maybe already
    /// holding data), which is migrated first (as `lindungi-server migrate` would).
    pub async fn on_database(
        backend: Backend,
        url: String,
        db: TestDb,
        change: impl FnOnce(&mut Config),
    ) -> Self {
        let mut config = Config {
            database_url: url,
            bind: "127.0.0.1:0".parse().unwrap(),
            dist_dir: PathBuf::from("../dist"),
            clock: Clock::Fixed(reference_now()),
            ..Config::default()
        };
        change(&mut config);
        let database = Db::connect(&config.database_url).await.unwrap();
        let state = AppState::new(config, database);
        Self {
            router: app(state.clone()),
            state,
            backend,
            _db: Arc::new(db),
        }
    }

    /// The skeleton's tests: SQLite.
    pub async fn sqlite() -> Self {
        Self::new(Backend::Sqlite).await
    }

    /// The same database, seen by an endpoint whose configuration `change` altered (another
    /// clock, other limits): as if the endpoint were restarted with other settings.
    pub fn reconfigured(&self, change: impl FnOnce(&mut Config)) -> Self {
        let mut config = (*self.state.config).clone();
        change(&mut config);
        let state = AppState {
            db: self.state.db.clone(),
            limiter: Arc::new(RateLimiter::new(config.rate_limits)),
            config: Arc::new(config),
        };
        Self {
            router: app(state.clone()),
            state,
            backend: self.backend,
            _db: self._db.clone(),
        }
    }

    /// Another endpoint process on the same database: its own connections, its own memory (rate
    /// limiter), the same settings — as a second process behind the proxy, or this one after a
    /// restart.
    pub async fn another_process(&self) -> Self {
        let config = (*self.state.config).clone();
        let database = Db::open(&config.database_url).await.unwrap();
        database.require_current_schema().await.unwrap();
        let state = AppState::new(config, database);
        Self {
            router: app(state.clone()),
            state,
            backend: self.backend,
            _db: self._db.clone(),
        }
    }

    /// Serves this endpoint on a socket of 127.0.0.1 (the real serving loop, its limits
    /// included) until the returned server is stopped or dropped.
    pub async fn serve(&self) -> Served {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let state = self.state.clone();
        let task = tokio::spawn(async move {
            lindungi_server::serve_on(listener, state, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        Served {
            address,
            stop: Some(stop),
            task,
        }
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub fn now(&self) -> i64 {
        self.state.config.clock.now_millis()
    }

    /// Creates an officer named `name` and enrolls one device through the API.
    pub async fn enroll(&self, name: &str) -> Enrolled {
        let officer = officers::create_officer(self.db(), name, 7, false, self.now())
            .await
            .unwrap();
        self.enroll_with_code(&officer.code).await
    }

    /// Trades `code` for a device token through the API; panics if refused.
    pub async fn enroll_with_code(&self, code: &str) -> Enrolled {
        let (status, _, body) = self
            .call(
                Method::POST,
                "/api/v1/devices",
                None,
                Some(json!({ "enrollment_code": code, "device_name": "HP uji" })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        Enrolled {
            token: body["token"].as_str().unwrap().to_owned(),
            device_id: body["device_id"].as_i64().unwrap(),
            officer_id: body["officer_id"].as_i64().unwrap(),
        }
    }

    /// A fresh admin token, labelled `test`.
    pub async fn admin_token(&self) -> String {
        officers::create_admin_token(self.db(), "test", 90, self.now())
            .await
            .unwrap()
            .token
    }

    /// Signs in to the dashboard's form with `token`, as a browser at `from` (if given); the
    /// answer's status, its `Set-Cookie` header (empty if none) and its `Location`.
    pub async fn sign_in_from(
        &self,
        token: &str,
        from: Option<std::net::SocketAddr>,
    ) -> (StatusCode, String, String) {
        let mut request = Request::post("/dasbor/masuk")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!("token={}", token.replace('+', "%2B"))))
            .unwrap();
        if let Some(from) = from {
            request
                .extensions_mut()
                .insert(axum::extract::ConnectInfo(from));
        }
        let response = self.request(request).await;
        let header = |name| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        let (set_cookie, location) = (header("set-cookie"), header("location"));
        (response.status(), set_cookie, location)
    }

    /// A dashboard session opened with `token`: the `Cookie` header that carries it.
    pub async fn session_cookie(&self, token: &str) -> String {
        let (status, set_cookie, _) = self.sign_in_from(token, None).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "sign-in refused");
        set_cookie.split(';').next().unwrap().to_owned()
    }

    /// Sends a batch with `token`.
    pub async fn send_batch(&self, token: &str, submissions: &[Submission]) -> (StatusCode, Value) {
        let (status, _, body) = self
            .call(
                Method::POST,
                "/api/v1/registrations/batch",
                Some(token),
                Some(json!({ "registrations": submissions })),
            )
            .await;
        (status, body)
    }

    /// Sends a batch and expects 200: the results array.
    pub async fn batch_results(&self, token: &str, submissions: &[Submission]) -> Vec<Value> {
        let (status, body) = self.send_batch(token, submissions).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["results"].as_array().unwrap().clone()
    }

    /// How many registrations are stored.
    pub async fn stored(&self) -> i64 {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM registrations")
            .fetch_one(&self.db().pool)
            .await
            .unwrap();
        n
    }

    pub async fn request(&self, request: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(request).await.unwrap()
    }

    /// A JSON request with an optional bearer token; the status, headers and JSON answer.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, HeaderMap, Value) {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => request
                .header("content-type", "application/json")
                .body(Body::from(body.to_string())),
            None => request.body(Body::empty()),
        }
        .unwrap();
        let response = self.request(request).await;
        let headers = response.headers().clone();
        let (status, value) = json_of(response).await;
        (status, headers, value)
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        let (status, _, body) = self.call(Method::GET, path, None, None).await;
        (status, body)
    }

    pub async fn post_json(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let (status, _, body) = self.call(Method::POST, path, None, Some(body)).await;
        (status, body)
    }
}

/// An endpoint served on a socket by [`TestApp::serve`].
pub struct Served {
    pub address: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Served {
    /// Asks the server to stop (as SIGTERM does) and waits until it has: requests in flight
    /// finish first.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.task).await.unwrap();
    }

    /// Asks it to stop without waiting.
    pub fn signal_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    /// Whether the server has stopped.
    pub fn is_stopped(&self) -> bool {
        self.task.is_finished()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub async fn json_of(response: Response<Body>) -> (StatusCode, Value) {
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, value)
}

pub async fn text_of(response: Response<Body>) -> (StatusCode, HeaderMap, String) {
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// Generated submissions for `seeds`, valid on the reference day.
pub fn submissions(seeds: std::ops::Range<u64>) -> Vec<Submission> {
    seeds.map(domain::testdata::submission).collect()
}

/// Runs one async body as two tests, `NAME::sqlite` and `NAME::postgres`, each given its
/// `Backend`. Multi-threaded, so parallel requests in a test really run in parallel.
#[allow(unused_macros)]
macro_rules! both_backends {
    ($( $(#[$meta:meta])* async fn $name:ident($backend:ident) $body:block )*) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($backend: crate::common::Backend) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                body(crate::common::Backend::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                body(crate::common::Backend::Postgres).await
            }
        }
    )*};
}
#[allow(unused_imports)]
pub(crate) use both_backends;
