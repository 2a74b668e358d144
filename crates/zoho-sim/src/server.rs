//! The accept loop. axum's `serve` cannot drop a connection mid-request, so each connection
//! is served by hyper directly, and a request can ask for its own connection to be reset
//! (the "connection reset" fault) through a handle put in the request's extensions.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Lets a request kill the TCP connection it arrived on.
#[derive(Clone, Debug)]
pub struct ConnectionKiller(Arc<Notify>);

impl ConnectionKiller {
    pub fn kill(&self) {
        self.0.notify_one();
    }
}

/// Serves `router` on `listener` until `shutdown` turns true; then drops every connection,
/// including ones that a "hang" fault keeps open.
pub async fn serve(listener: TcpListener, router: Router, mut shutdown: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.wait_for(|stop| *stop) => break,
            // Reap finished connections so the set does not grow without bound.
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
        };
        match accepted {
            Ok((stream, _)) => {
                connections.spawn(serve_connection(stream, router.clone()));
            }
            // Out of file descriptors or similar: back off instead of spinning.
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
    connections.shutdown().await;
}

async fn serve_connection(stream: TcpStream, router: Router) {
    let _ = stream.set_nodelay(true);
    // A second handle on the socket, so SO_LINGER can be set to 0 after hyper owns the
    // stream: closing with linger 0 sends RST instead of FIN.
    let Ok(socket_handle) = stream.into_std().and_then(|std_stream| {
        let copy = std_stream.try_clone()?;
        Ok((TcpStream::from_std(std_stream)?, copy))
    }) else {
        return;
    };
    let (stream, raw_copy) = socket_handle;
    let kill = Arc::new(Notify::new());
    let killer = ConnectionKiller(kill.clone());
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(killer.clone());
        router.clone().oneshot(request)
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        _ = kill.notified() => {
            let _ = socket2::SockRef::from(&raw_copy).set_linger(Some(Duration::ZERO));
            // Dropping the connection future and the copy closes the socket with RST.
        }
    }
    drop(raw_copy);
}
