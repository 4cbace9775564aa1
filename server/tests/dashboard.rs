//! The city staff's dashboard: signing in with an admin token, the figures it shows, names from
//! the field escaped, the English version, and what its page may not contain (script, inline
//! style) — on SQLite and PostgreSQL.

mod common;

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Method, Request, StatusCode, header},
};
use common::{TestApp, both_backends, submissions, text_of};
use lindungi_server::{
    auth::hash_secret,
    config::{Bucket, Clock},
    officers,
};

/// The sign-in form posted with `token`, in `lang`: status, `Set-Cookie`, page.
async fn sign_in_page(app: &TestApp, token: &str, lang: &str) -> (StatusCode, String, String) {
    let request = Request::post("/dasbor/masuk")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("lindungi_lang={lang}"))
        .body(Body::from(format!("token={token}")))
        .unwrap();
    let (status, headers, page) = text_of(app.request(request).await).await;
    let set_cookie = headers
        .get(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, set_cookie, page)
}

async fn get(app: &TestApp, path: &str, cookie: Option<&str>) -> (StatusCode, String, String) {
    let mut request = Request::get(path);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let (status, headers, body) =
        text_of(app.request(request.body(Body::empty()).unwrap()).await).await;
    let set_cookie = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("\n");
    (status, set_cookie, body)
}

both_backends! {
    async fn the_dashboard_asks_for_the_admin_token_and_signs_in_with_a_strict_cookie(backend) {
        let app = TestApp::new(backend).await;
        let (status, _, page) = get(&app, "/dasbor.html", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(page.contains("<label for=\"token\">Token admin</label>"), "{page}");
        assert!(!page.contains("Registrasi diterima"));

        let (status, set_cookie, _) = app.sign_in_from("lnd_adm_wrong", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(set_cookie.is_empty());

        let admin = app.admin_token().await;
        let (status, set_cookie, location) = app.sign_in_from(&admin, None).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location, "/dasbor.html");
        assert!(set_cookie.starts_with("lindungi_session=lnd_ses_"), "{set_cookie}");
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));
        // Secure by default, over plain HTTP too: the browser sends it over HTTPS only (and on
        // loopback, which Chromium counts as secure).
        assert!(set_cookie.contains("; Secure"), "{set_cookie}");
        let cookie = set_cookie.split(';').next().unwrap().to_owned();
        let session_id = cookie.strip_prefix("lindungi_session=").unwrap();
        assert!(!set_cookie.contains(&admin), "the cookie is not the token");
        // The database keeps the session's digest, never the id itself.
        let (kept, label): (String, String) =
            sqlx::query_as("SELECT id_hash, label FROM admin_sessions")
                .fetch_one(&app.db().pool)
                .await
                .unwrap();
        assert_eq!((kept, label.as_str()), (hash_secret(session_id), "test"));

        let (status, _, page) = get(&app, "/dasbor.html", Some(&cookie)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Registrasi diterima"));
        // The answer that sets the session's cookie is kept by no cache.
        let (_, headers, _) = text_of(
            app.request(
                Request::post("/dasbor/masuk")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(format!("token={admin}")))
                    .unwrap(),
            )
            .await,
        )
        .await;
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");

        // With --insecure-cookies (plain HTTP on loopback) the cookie is not Secure.
        let plain = app.reconfigured(|c| c.secure_cookies = false);
        let (_, set_cookie, _) = plain.sign_in_from(&admin, None).await;
        assert!(set_cookie.starts_with("lindungi_session=") && !set_cookie.contains("Secure"), "{set_cookie}");

        // Signing out ends the session on the server: the same cookie, sent again, opens nothing.
        let response = app
            .request(
                Request::post("/dasbor/keluar")
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let cleared = response.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(cleared.starts_with("lindungi_session=;") && cleared.contains("Max-Age=0"), "{cleared}");
        let (status, _, _) = get(&app, "/dasbor.html", Some(&cookie)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _, _) = text_of(
            app.request(Request::get("/api/v1/export.csv").header(header::COOKIE, &cookie).body(Body::empty()).unwrap())
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        // A revoked token ends the sessions opened with it, and signs nobody in.
        let cookie = app.session_cookie(&admin).await;
        assert_eq!(get(&app, "/dasbor.html", Some(&cookie)).await.0, StatusCode::OK);
        assert_eq!(officers::revoke_admin_tokens(app.db(), "test", app.now()).await.unwrap(), 1);
        let (status, _, _) = get(&app, "/dasbor.html", Some(&cookie)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.sign_in_from(&admin, None).await.0, StatusCode::UNAUTHORIZED);
    }

    async fn a_session_ends_after_a_working_day(backend) {
        let app = TestApp::new(backend).await;
        let admin = app.admin_token().await;
        let cookie = app.session_cookie(&admin).await;
        let later = |hours: i64| {
            let now = app.now() + hours * 3_600_000;
            app.reconfigured(move |c| c.clock = Clock::Fixed(now))
        };
        assert_eq!(get(&later(11), "/dasbor.html", Some(&cookie)).await.0, StatusCode::OK);
        let (status, set_cookie, page) = get(&later(13), "/dasbor.html", Some(&cookie)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(page.contains("Token admin"));
        assert!(set_cookie.contains("lindungi_session=;"), "the ended session's cookie is cleared: {set_cookie}");
    }

    async fn an_expired_admin_token_is_refused_saying_so(backend) {
        let app = TestApp::new(backend).await;
        let token = officers::create_admin_token(app.db(), "staf", 30, app.now()).await.unwrap();
        assert_eq!(token.expires_at, app.now() + 30 * 86_400_000);
        let cookie = app.session_cookie(&token.token).await;
        let expired = app.reconfigured(|c| c.clock = Clock::Fixed(token.expires_at + 1));
        // The API says so, with the day …
        let (status, _, body) = expired.call(Method::GET, "/api/v1/stats", Some(&token.token), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], "unauthorized");
        let day = lindungi_server::auth::day_of(token.expires_at);
        assert!(body["message"].as_str().unwrap().contains(&format!("expired on {day}")), "{body}");
        // … the dashboard's form too, in both languages; its sessions end with it.
        let (status, _, page) = sign_in_page(&expired, &token.token, "id").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(page.contains(&format!("sudah kedaluwarsa pada {day}")), "{page}");
        let (_, _, page) = sign_in_page(&expired, &token.token, "en").await;
        assert!(page.contains(&format!("expired on {day}")), "{page}");
        assert_eq!(get(&expired, "/dasbor.html", Some(&cookie)).await.0, StatusCode::UNAUTHORIZED);
        // The day before, it works.
        let (status, _, _) = app.call(Method::GET, "/api/v1/stats", Some(&token.token), None).await;
        assert_eq!(status, StatusCode::OK);
    }

    async fn the_dashboard_shows_the_figures_and_escapes_names_from_the_field(backend) {
        let app = TestApp::with_config(backend, |c| c.target = 200).await;
        let hostile = "<script>alert(\"x\")</script> & Co";
        let officer = officers::create_officer(app.db(), hostile, 7, false, app.now())
            .await
            .unwrap();
        let device = app.enroll_with_code(&officer.code).await;
        let results = app.batch_results(&device.token, &submissions(0..40)).await;
        let accepted = results.iter().filter(|r| r["outcome"] == "accepted").count();
        let admin = app.admin_token().await;
        let (status, _, page) = get(&app, "/dasbor.html", Some(&app.session_cookie(&admin).await)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("<script"), "a name from the field became markup");
        assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"));
        assert!(!page.contains("style="), "the CSP forbids inline style");
        // Progress: accepted of 200, its percentage, and a bar.
        assert!(
            page.contains(&format!("<span id=\"progress-figure\">{accepted}</span> dari 200")),
            "{page}"
        );
        let percent = format!("{:.1}%", accepted as f64 / 2.0).replace('.', ",");
        assert!(page.contains(&format!("<span id=\"progress-percent\">{percent}</span>")));
        assert!(page.contains(&format!("<progress id=\"progress-bar\" max=\"200\" value=\"{accepted}\"")));
        // Charts are named images with their numbers in tables.
        assert_eq!(page.matches("role=\"img\"").count(), 3, "kecamatan, kelurahan, trend");
        assert!(page.contains("<title id=\"kelurahan-chart-title\">Cakupan per kelurahan</title>"));
        for kelurahan in domain::Kelurahan::ALL {
            assert!(page.contains(&format!("<th scope=\"row\">{}</th>", kelurahan.name())));
        }
        assert!(page.contains(&format!("<td class=\"num\">{accepted}</td>")), "the officer's count");
        // The hand-over form: labelled fields, one button per list and format.
        for label in ["Diterima dari tanggal", "Diterima sampai tanggal", "Kelurahan"] {
            assert!(page.contains(&format!("\">{label}</label>")), "{label}");
        }
        for path in ["/api/v1/export.xlsx", "/api/v1/export.csv", "/api/v1/workers.xlsx", "/api/v1/workers.csv"] {
            assert!(page.contains(&format!("formaction=\"{path}\"")), "{path}");
        }
        // Ids are unique and every label names a control: a duplicate id once left the
        // kelurahan filter without a name.
        let values = |attribute: &str| -> Vec<String> {
            page.split(&format!(" {attribute}=\""))
                .skip(1)
                .map(|rest| rest.split('"').next().unwrap().to_owned())
                .collect()
        };
        let ids = values("id");
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
        for target in values("for") {
            let control = page.split(&format!(" id=\"{target}\"")).next().unwrap();
            let tag = control.rsplit('<').next().unwrap();
            assert!(
                ["input", "select", "progress"].iter().any(|t| tag.starts_with(t)),
                "the label for {target} names a <{tag}"
            );
        }
    }

    async fn the_dashboard_speaks_english_when_asked_and_remembers_it(backend) {
        let app = TestApp::new(backend).await;
        let admin = app.admin_token().await;
        let cookie = app.session_cookie(&admin).await;
        let (status, set_cookie, page) = get(&app, "/dasbor.html?lang=en", Some(&cookie)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("<html lang=\"en\">"));
        assert!(page.contains("Progress toward the target") && page.contains("Registrations received"));
        assert!(page.contains("0</span> of 32,051"), "{page}");
        assert!(page.contains("lang=id") && page.contains("Bahasa Indonesia"));
        assert!(set_cookie.contains("lindungi_lang=en"), "{set_cookie}");
        let remembered = format!("{cookie}; lindungi_lang=en");
        let (_, _, page) = get(&app, "/dasbor.html", Some(&remembered)).await;
        assert!(page.contains("<html lang=\"en\">"));
        let (_, _, page) = get(&app, "/dasbor.html", Some(&cookie)).await;
        assert!(page.contains("<html lang=\"id\">") && page.contains("0</span> dari 32.051"));
    }

    async fn the_dashboard_page_and_its_stylesheet_keep_the_strict_policy(backend) {
        let app = TestApp::new(backend).await;
        let (status, headers, css) = text_of(
            app.request(Request::get("/dasbor.css").body(Body::empty()).unwrap()).await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));
        assert!(css.contains(".chart"));
        let (_, headers, page) = text_of(
            app.request(Request::get("/dasbor.html").body(Body::empty()).unwrap()).await,
        )
        .await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"));
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert!(page.contains("<link rel=\"stylesheet\" href=\"/dasbor.css\">"));
        assert!(!page.contains("<script") && !page.contains("style="));
    }

    async fn guessing_tokens_at_the_sign_in_form_is_rate_limited(backend) {
        let app = TestApp::with_config(backend, |c| {
            c.rate_limits.per_address = Bucket { burst: 3, per_second: 0.1 };
        })
        .await;
        let guess = || {
            let mut request = Request::post("/dasbor/masuk")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("token=lnd_adm_guess"))
                .unwrap();
            request
                .extensions_mut()
                .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 9], 40_000))));
            request
        };
        for _ in 0..3 {
            assert_eq!(app.request(guess()).await.status(), StatusCode::UNAUTHORIZED);
        }
        assert_eq!(app.request(guess()).await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
}
