//! The city staff's dashboard: signing in with an admin token, the figures it shows, names from
//! the field escaped, the English version, and what its page may not contain (script, inline
//! style) — on SQLite and PostgreSQL.

mod common;

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use common::{TestApp, both_backends, submissions, text_of};
use lindungi_server::{auth::cookie_value, config::Bucket, officers};

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

async fn sign_in(app: &TestApp, token: &str, https: bool) -> (StatusCode, String, String) {
    let mut request = Request::post("/dasbor/masuk")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if https {
        request = request.header("x-forwarded-proto", "https");
    }
    let body = format!("token={}", token.replace('+', "%2B"));
    let response = app.request(request.body(Body::from(body)).unwrap()).await;
    let status = response.status();
    let set_cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, set_cookie, location)
}

fn admin_cookie(token: &str) -> String {
    format!("lindungi_admin={}", cookie_value(token))
}

both_backends! {
    async fn the_dashboard_asks_for_the_admin_token_and_signs_in_with_a_strict_cookie(backend) {
        let app = TestApp::new(backend).await;
        let (status, _, page) = get(&app, "/dasbor.html", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(page.contains("<label for=\"token\">Token admin</label>"), "{page}");
        assert!(!page.contains("Registrasi diterima"));

        let (status, set_cookie, _) = sign_in(&app, "lnd_adm_wrong", false).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(set_cookie.is_empty());

        let admin = app.admin_token().await;
        let (status, set_cookie, location) = sign_in(&app, &admin, false).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location, "/dasbor.html");
        assert!(set_cookie.starts_with(&admin_cookie(&admin)), "{set_cookie}");
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));
        assert!(!set_cookie.contains("Secure"), "plain HTTP cannot keep a Secure cookie");
        assert!(!set_cookie.contains(&admin), "the cookie holds the token encoded");
        let (_, set_cookie, _) = sign_in(&app, &admin, true).await;
        assert!(set_cookie.contains("; Secure"), "{set_cookie}");

        let (status, _, page) = get(&app, "/dasbor.html", Some(&admin_cookie(&admin))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Registrasi diterima"));

        // Signing out forgets the cookie; a revoked token signs nobody in.
        let response = app
            .request(Request::post("/dasbor/keluar").body(Body::empty()).unwrap())
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let cleared = response.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(cleared.starts_with("lindungi_admin=;") && cleared.contains("Max-Age=0"));
        sqlx::query("UPDATE admin_tokens SET revoked_at = 1")
            .execute(&app.db().pool)
            .await
            .unwrap();
        let (status, _, _) = get(&app, "/dasbor.html", Some(&admin_cookie(&admin))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
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
        let (status, _, page) = get(&app, "/dasbor.html", Some(&admin_cookie(&admin))).await;
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
        let cookie = admin_cookie(&admin);
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
