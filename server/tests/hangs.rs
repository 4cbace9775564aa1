//! Nothing hangs, nothing starves: over real sockets, against the real serving loop, a client
//! that stalls or trickles is cut off within seconds (closed, or answered 408), connections and
//! requests over their caps are answered 503 at once, and the health check keeps answering
//! while a thousand stalled or slow connections are open — on SQLite and PostgreSQL.
//!
//! The limits are shortened here (seconds, not tens of seconds) so each test takes seconds; the
//! defaults and why they are what they are: `server/src/limits.rs`.

mod common;

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use common::{TestApp, both_backends};
use lindungi_server::{config::Config, limits::HttpLimits};
use serde_json::Value;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// A request head for the unauthenticated enrollment route, announcing `length` body bytes.
fn enrollment_head(length: usize) -> String {
    format!(
        "POST /api/v1/devices HTTP/1.1\r\nHost: lindungi\r\nContent-Type: application/json\r\n\
         Content-Length: {length}\r\n\r\n"
    )
}

/// Reads until the server closes the connection (or `limit` passes): what it sent, and when it
/// closed.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Option<Duration>) {
    let started = Instant::now();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let left = limit.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                return (
                    String::from_utf8_lossy(&received).into_owned(),
                    Some(started.elapsed()),
                );
            }
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
            Err(_) => return (String::from_utf8_lossy(&received).into_owned(), None),
        }
    }
}

/// The status code and JSON body of a raw HTTP/1.1 answer.
fn status_and_body(answer: &str) -> (u16, Value) {
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

/// One GET of the health check on a new connection: its status, and how long it took.
async fn health(address: SocketAddr) -> (u16, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: lindungi\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(10)).await;
    (status_and_body(&answer).0, started.elapsed())
}

/// An endpoint with `change` applied to its HTTP limits.
async fn endpoint(backend: common::Backend, change: impl FnOnce(&mut HttpLimits)) -> TestApp {
    TestApp::with_config(backend, |c: &mut Config| change(&mut c.limits)).await
}

both_backends! {
    async fn a_client_that_stalls_in_its_request_head_is_closed_within_the_header_timeout(backend) {
        let app = endpoint(backend, |l| l.header_read_timeout = Duration::from_secs(1)).await;
        let served = app.serve().await;
        // Half a head, then nothing; and a connection that never says a word.
        let mut half = TcpStream::connect(served.address).await.unwrap();
        half.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: lind").await.unwrap();
        let mut silent = TcpStream::connect(served.address).await.unwrap();
        for stream in [&mut half, &mut silent] {
            let (answer, closed) = read_until_closed(stream, Duration::from_secs(5)).await;
            let closed = closed.expect("the stalled connection is closed");
            assert!(closed < Duration::from_secs(3), "closed after {closed:?}");
            assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 408"), "{answer}");
        }
        // A kept-alive connection that sits idle is closed the same way.
        let mut idle = TcpStream::connect(served.address).await.unwrap();
        idle.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: lindungi\r\n\r\n").await.unwrap();
        let (answer, closed) = read_until_closed(&mut idle, Duration::from_secs(5)).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(closed.is_some_and(|c| c < Duration::from_secs(3)), "{closed:?}");
    }

    async fn a_request_head_larger_than_the_limit_is_refused(backend) {
        let app = TestApp::new(backend).await;
        let served = app.serve().await;
        let mut stream = TcpStream::connect(served.address).await.unwrap();
        let cookie = "x".repeat(lindungi_server::limits::MAX_HEADER_BYTES);
        let head = format!("GET /api/v1/health HTTP/1.1\r\nHost: lindungi\r\nCookie: {cookie}\r\n\r\n");
        let _ = stream.write_all(head.as_bytes()).await;
        let (answer, closed) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
        assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
        assert!(closed.is_some());
    }

    async fn a_body_that_stops_arriving_is_answered_408(backend) {
        let app = endpoint(backend, |l| l.body_idle_timeout = Duration::from_secs(1)).await;
        let served = app.serve().await;
        let mut stream = TcpStream::connect(served.address).await.unwrap();
        stream.write_all(enrollment_head(200).as_bytes()).await.unwrap();
        stream.write_all(b"{\"enrollment_code\":").await.unwrap();
        let started = Instant::now();
        let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
        let (status, body) = status_and_body(&answer);
        assert_eq!(status, 408, "{answer}");
        assert_eq!(body["code"], "timeout", "{answer}");
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    }

    async fn a_body_that_trickles_past_the_read_deadline_is_answered_408(backend) {
        let app = endpoint(backend, |l| {
            l.body_idle_timeout = Duration::from_secs(1);
            l.body_read_timeout = Duration::from_secs(2);
        })
        .await;
        let served = app.serve().await;
        let mut stream = TcpStream::connect(served.address).await.unwrap();
        stream.write_all(enrollment_head(1_000).as_bytes()).await.unwrap();
        let started = Instant::now();
        // One byte every 300 ms: never idle for a second, never done.
        let writer = async {
            for _ in 0..30 {
                if stream.write_all(b" ").await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
        };
        let _ = tokio::time::timeout(Duration::from_millis(2_700), writer).await;
        let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
        let (status, body) = status_and_body(&answer);
        assert_eq!((status, body["code"].as_str()), (408, Some("timeout")), "{answer}");
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    }

    async fn a_request_that_takes_longer_than_the_request_timeout_is_answered_408(backend) {
        // The body's own deadlines are far; the whole request's is a second.
        let app = endpoint(backend, |l| l.request_timeout = Duration::from_secs(1)).await;
        let served = app.serve().await;
        let mut stream = TcpStream::connect(served.address).await.unwrap();
        stream.write_all(enrollment_head(1_000).as_bytes()).await.unwrap();
        let started = Instant::now();
        let trickle = async {
            loop {
                if stream.write_all(b" ").await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        };
        let _ = tokio::time::timeout(Duration::from_millis(1_500), trickle).await;
        let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
        let (status, body) = status_and_body(&answer);
        assert_eq!((status, body["code"].as_str()), (408, Some("timeout")), "{answer}");
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    }

    async fn connections_over_the_cap_are_answered_503_at_once(backend) {
        let app = endpoint(backend, |l| l.max_connections = 10).await;
        let served = app.serve().await;
        let mut open = Vec::new();
        for _ in 0..10 {
            let mut stream = TcpStream::connect(served.address).await.unwrap();
            stream.write_all(b"GET /api/v1/health HTTP/1.1\r\n").await.unwrap();
            open.push(stream);
        }
        // Let the server take them all before the eleventh comes.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let mut extra = TcpStream::connect(served.address).await.unwrap();
        let started = Instant::now();
        let (answer, closed) = read_until_closed(&mut extra, Duration::from_secs(5)).await;
        let (status, body) = status_and_body(&answer);
        assert_eq!(status, 503, "{answer}");
        assert_eq!(body["code"], "overloaded");
        assert!(answer.to_ascii_lowercase().contains("retry-after: 5"), "{answer}");
        assert!(closed.is_some() && started.elapsed() < Duration::from_secs(1));
        // A connection that ends frees its place.
        drop(open.pop());
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(health(served.address).await.0, 200);
    }

    async fn requests_over_the_cap_are_answered_503_at_once(backend) {
        let app = endpoint(backend, |l| l.max_concurrent_requests = 3).await;
        let served = app.serve().await;
        // Three enrollments whose bodies are on their way, slowly: three requests in flight.
        let mut slow = Vec::new();
        for _ in 0..3 {
            let mut stream = TcpStream::connect(served.address).await.unwrap();
            stream.write_all(enrollment_head(100).as_bytes()).await.unwrap();
            stream.write_all(b"{").await.unwrap();
            slow.push(stream);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        let mut stream = TcpStream::connect(served.address).await.unwrap();
        stream
            .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: lindungi\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
        let (status, body) = status_and_body(&answer);
        assert_eq!((status, body["code"].as_str()), (503, Some("overloaded")), "{answer}");
        assert!(answer.to_ascii_lowercase().contains("retry-after: 5"), "{answer}");
        // When they are done, the next request is served.
        drop(slow);
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(health(served.address).await.0, 200);
    }

    async fn health_keeps_answering_while_a_thousand_stalled_or_slow_connections_are_open(backend) {
        let timeout = Duration::from_secs(4);
        let app = TestApp::with_config(backend, |c| {
            c.limits.header_read_timeout = timeout;
            c.limits.body_idle_timeout = timeout;
            // One phone's token sends 250 of the slow batches: its rate limit is not under test.
            c.rate_limits.per_token.burst = 1_000;
        })
        .await;
        let device = app.enroll("Petugas Lambat").await;
        let batch_head = format!(
            "POST /api/v1/registrations/batch HTTP/1.1\r\nHost: lindungi\r\nAuthorization: Bearer {}\r\n\
             Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n",
            device.token
        );
        let served = app.serve().await;
        let started = Instant::now();
        let mut stalled = Vec::with_capacity(1_000);
        for i in 0..1_000 {
            let mut stream = TcpStream::connect(served.address).await.unwrap();
            match i % 4 {
                // Connected, and not a word.
                0 => {}
                // Half a request head.
                1 => stream.write_all(b"POST /api/v1/devices HTTP/1.1\r\nHost: lin").await.unwrap(),
                // An enrollment (no token needed) whose body stops.
                2 => {
                    stream.write_all(enrollment_head(300).as_bytes()).await.unwrap();
                    stream.write_all(b"{\"enrollment_code\":\"AB").await.unwrap();
                }
                // A phone's batch whose body stops after its first bytes.
                _ => {
                    stream.write_all(batch_head.as_bytes()).await.unwrap();
                    stream.write_all(b"{\"registrations\":[").await.unwrap();
                }
            }
            stalled.push(stream);
        }
        let opened = started.elapsed();
        // The health check answers, promptly, again and again.
        let mut slowest = Duration::ZERO;
        for _ in 0..20 {
            let (status, took) = health(served.address).await;
            assert_eq!(status, 200);
            slowest = slowest.max(took);
        }
        // Meanwhile every one of the thousand was open, and had been answered nothing.
        let mut byte = [0u8; 1];
        let still_open = stalled
            .iter()
            .filter(|s| matches!(s.try_read(&mut byte), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock))
            .count();
        assert!(
            started.elapsed() < timeout,
            "the test was too slow to see the connections open ({:?})",
            started.elapsed()
        );
        assert_eq!(still_open, 1_000);
        assert!(slowest < Duration::from_secs(1), "a health check took {slowest:?}");
        // Each is cut off within seconds of its timeout: closed, or answered 408 and closed.
        for stream in &mut stalled {
            let (answer, closed) = read_until_closed(stream, timeout * 3).await;
            assert!(closed.is_some(), "a stalled connection stayed open");
            assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 408"), "{answer}");
        }
        let all_closed = started.elapsed();
        eprintln!(
            "{backend:?}: 1,000 stalled connections opened in {opened:?}; slowest of 20 health \
             checks {slowest:?}; the last was cut off {all_closed:?} after the first opened \
             (timeouts {timeout:?})"
        );
        assert!(all_closed < timeout * 3, "closed only after {all_closed:?}");
        assert_eq!(health(served.address).await.0, 200);
    }

    async fn a_stopping_endpoint_finishes_the_request_in_flight(backend) {
        let app = TestApp::new(backend).await;
        let officer = lindungi_server::officers::create_officer(app.db(), "Petugas Satu", 7, false, app.now())
            .await
            .unwrap();
        let mut served = app.serve().await;
        let body = serde_json::json!({ "enrollment_code": officer.code, "device_name": "HP" }).to_string();
        let mut stream = TcpStream::connect(served.address).await.unwrap();
        stream.write_all(enrollment_head(body.len()).as_bytes()).await.unwrap();
        stream.write_all(&body.as_bytes()[..10]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        // SIGTERM arrives mid-request: no new connection is taken …
        served.signal_stop();
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(TcpStream::connect(served.address).await.is_err(), "the listener is closed");
        assert!(!served.is_stopped(), "it waits for the request in flight");
        // … and the one in flight is answered.
        stream.write_all(&body.as_bytes()[10..]).await.unwrap();
        let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
        assert_eq!(status_and_body(&answer).0, 201, "{answer}");
        served.stop().await;
    }
}
