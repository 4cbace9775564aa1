//! Serving over TCP: hyper's HTTP/1 connection builder around [`crate::app`], with the
//! connection-level limits of [`crate::limits`] that `axum::serve` cannot set — a deadline for
//! the request head (a client trickling its headers is closed), a cap on the head's size and on
//! open connections — and a graceful stop on Ctrl-C or SIGTERM that lets requests in flight
//! finish, within [`SHUTDOWN_GRACE`].
//!
//! HTTP/1.1 only: the proxy in front speaks it to the endpoint (Caddy's default), and so do
//! browsers over plain HTTP on loopback.

use std::{convert::Infallible, future::Future, net::SocketAddr, time::Duration};

use axum::{extract::Request, http::StatusCode};
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use std::sync::Arc;
use tokio::{
    io::AsyncWriteExt,
    net::{TcpListener, TcpStream},
    sync::Semaphore,
};
use tower::{Service, ServiceExt};

use crate::{
    AppState, app,
    limits::{MAX_HEADER_BYTES, OVERLOAD_RETRY_AFTER_SECS, SHUTDOWN_GRACE},
};

/// How long the accept loop pauses after the operating system refuses a connection (out of
/// file descriptors, say) before it tries again: long enough not to spin, short enough that
/// nobody notices once descriptors are free again.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);
/// How long a connection refused for load is given to take its 503.
const REFUSAL_WRITE_TIMEOUT: Duration = Duration::from_secs(1);

/// Binds the configured address and serves until Ctrl-C or SIGTERM.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    let listener = TcpListener::bind(state.config.bind).await?;
    let url = format!("http://{}", listener.local_addr()?);
    tracing::info!(%url, "listening");
    println!("Lindungi is running: open {url}");
    serve_on(listener, state, shutdown_signal()).await
}

/// Serves on `listener` until `stop` completes, then lets the requests in flight finish (at
/// most [`SHUTDOWN_GRACE`]).
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    stop: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let limits = state.config.limits;
    // With the peer address: the client's address is worked out from it (crate::proxy).
    let mut make_service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_header_size(MAX_HEADER_BYTES)
        .keep_alive(true);
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!(%error, "a connection could not be accepted");
                    tokio::time::sleep(ACCEPT_PAUSE).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tracing::warn!("connection refused: too many open");
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = unwrap_infallible(make_service.call(peer).await);
        let hyper_service = hyper::service::service_fn(move |request: Request<Incoming>| {
            service.clone().oneshot(request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), hyper_service));
        tokio::spawn(async move {
            // A client that went away, or was cut off by a timeout, is no error of ours.
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended");
            }
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("stopping: finishing the requests in flight");
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("stopped with requests still in flight");
    }
    Ok(())
}

/// Answers a connection over the cap with a 503 and closes it, without reading its request: a
/// clear "try again shortly" (the app retries, a proxy tries the other endpoint) instead of a
/// connection left waiting in the queue.
async fn refuse(mut stream: TcpStream) {
    let body = serde_json::to_string(&domain::wire::ApiError {
        code: domain::wire::api_error_code::OVERLOADED.to_owned(),
        message: format!(
            "The endpoint has as many connections open as it allows; retry after \
             {OVERLOAD_RETRY_AFTER_SECS} s."
        ),
    })
    .expect("an error body serializes");
    let status = StatusCode::SERVICE_UNAVAILABLE;
    let response = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\nretry-after: \
         {OVERLOAD_RETRY_AFTER_SECS}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        status.as_u16(),
        status.canonical_reason().unwrap_or_default(),
        body.len()
    );
    let _ = tokio::time::timeout(REFUSAL_WRITE_TIMEOUT, async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await
    })
    .await;
}

fn unwrap_infallible<T>(result: Result<T, Infallible>) -> T {
    match result {
        Ok(value) => value,
        Err(never) => match never {},
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
