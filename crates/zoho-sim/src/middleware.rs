//! The layer every host runs requests through: injects the configured faults, then writes
//! the request log entry (path without query, grant type, status).

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::faults::{FaultAction, TargetedAction};
use crate::log::{AnswerSeen, GrantTypeSeen, HostKind, RequestRecord};
use crate::server::ConnectionKiller;
use crate::shared::HostCtx;

pub async fn faults_and_log(State(ctx): State<HostCtx>, request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let at = ctx.sim.clock.now().to_rfc3339();
    let record = |status: u16, grant_type: Option<String>, fault: Option<&str>| RequestRecord {
        dc: if ctx.kind == HostKind::Admin {
            String::new()
        } else {
            ctx.dc.clone()
        },
        host: ctx.kind,
        method: method.clone(),
        path: path.clone(),
        grant_type,
        status,
        fault: fault.map(str::to_string),
        at: at.clone(),
        answer: None,
    };

    let targeted = ctx.sim.faults().decide_targeted(ctx.kind, &method, &path);
    let (delay, action) = match targeted {
        Some(TargetedAction::Reset) => (std::time::Duration::ZERO, FaultAction::Reset),
        _ => ctx.sim.faults().decide(ctx.kind),
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match action {
        FaultAction::Proceed => {}
        FaultAction::ServerError(status) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            finish(&ctx, record(status.as_u16(), None, Some("server_error")));
            let body = json!({ "error": { "code": status.as_u16(), "message": "Simulated server error" } });
            return (status, axum::Json(body)).into_response();
        }
        FaultAction::Reset => {
            finish(&ctx, record(0, None, Some("reset")));
            if let Some(killer) = request.extensions().get::<ConnectionKiller>() {
                killer.kill();
            }
            // The connection task drops this request; never answer it.
            std::future::pending::<()>().await;
        }
        FaultAction::Hang => {
            finish(&ctx, record(0, None, Some("hang")));
            std::future::pending::<()>().await;
        }
        FaultAction::HugeBody { bytes, lie } => {
            finish(&ctx, record(200, None, Some("huge_body")));
            return huge_body(bytes, lie);
        }
    }

    let killer = request.extensions().get::<ConnectionKiller>().cloned();
    let response = next.run(request).await;
    if targeted == Some(TargetedAction::ResetAfterHandling) {
        // The status logged is the one the client never received.
        let handled = response.status().as_u16();
        finish(&ctx, record(handled, None, Some("reset_after_handling")));
        if let Some(killer) = killer {
            killer.kill();
        }
        std::future::pending::<()>().await;
    }
    let grant_type = response
        .extensions()
        .get::<GrantTypeSeen>()
        .map(|seen| seen.0.clone());
    let mut entry = record(response.status().as_u16(), grant_type, None);
    entry.answer = response
        .extensions()
        .get::<AnswerSeen>()
        .map(|seen| seen.0.clone());
    finish(&ctx, entry);
    response
}

fn finish(ctx: &HostCtx, record: RequestRecord) {
    if ctx.sim.config.log_to_stderr {
        eprintln!(
            "zoho-sim {:?} {} {} {} -> {}{}",
            record.host,
            record.dc,
            record.method,
            record.path,
            record.status,
            record
                .fault
                .as_deref()
                .map(|fault| format!(" ({fault})"))
                .unwrap_or_default()
        );
    }
    ctx.sim.log.push(record);
}

/// A body of `bytes` spaces, made chunk by chunk as it is sent (the simulator's memory stays
/// flat too); or, with `lie`, a `Content-Length` of `bytes` over two bytes and then silence.
fn huge_body(bytes: u64, lie: bool) -> Response {
    use axum::body::{Body, Bytes};
    use axum::http::header;
    use futures_util::StreamExt;
    const CHUNK: usize = 64 * 1024;
    static SPACES: [u8; CHUNK] = [b' '; CHUNK];
    if lie {
        return Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, bytes)
            // A stream that never ends, so the server neither checks the length nor
            // aborts before the headers are out; the client hangs up.
            .body(Body::from_stream(
                futures_util::stream::iter([Ok::<_, std::convert::Infallible>(
                    Bytes::from_static(b"{}"),
                )])
                .chain(futures_util::stream::pending()),
            ))
            .expect("static response");
    }
    let full_chunks = bytes / CHUNK as u64;
    let rest = (bytes % CHUNK as u64) as usize;
    let chunks = (0..full_chunks)
        .map(|_| Bytes::from_static(&SPACES))
        .chain((rest > 0).then(|| Bytes::from_static(&SPACES[..rest])))
        .map(Ok::<_, std::convert::Infallible>);
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .expect("static response")
}

/// 404 for paths no Zoho host serves (GAP: the real body is unknown).
pub async fn not_found() -> Response {
    let body = json!({ "error": { "code": 404, "message": "URL_NOT_FOUND" } });
    (StatusCode::NOT_FOUND, axum::Json(body)).into_response()
}
