//! The device flow's verification page: the person (already signed in to the simulator as
//! its one user) types the user code the app shows and presses Approve or Deny.
//! `browser::approve_device` / `deny_device` rely on the form's names.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::consent_page::{error, escape};
use crate::shared::HostCtx;

/// `GET /oauth/v3/device[?user_code=…]`: the form, pre-filled when a code is given.
pub async fn page(
    State(ctx): State<HostCtx>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let email = ctx.sim.store().user.email.clone();
    let code = params.get("user_code").map(String::as_str).unwrap_or("");
    let code: String = code.chars().take(32).collect();
    Html(format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Zoho Accounts (simulator) - Device sign-in</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:3rem auto}}input{{font-size:1.5rem;letter-spacing:.2em}}button{{padding:.5rem 1.5rem;margin:1rem 1rem 0 0}}</style>
</head><body>
<h1>Sign in a device</h1>
<p>Signed in as <strong>{email}</strong>. Enter the code the device shows.</p>
<form method="post" action="/oauth/v3/device/approve">
<label for="user_code">Code</label>
<input id="user_code" name="user_code" value="{code}" autocomplete="off" required>
<div><button type="submit" name="decision" value="approve" id="approve">Approve</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button></div>
</form>
</body></html>
"#,
        email = escape(&email),
        code = escape(&code),
    ))
    .into_response()
}

#[derive(Deserialize)]
pub struct DeviceDecision {
    user_code: String,
    decision: String,
}

/// `POST /oauth/v3/device/approve`: records the answer; 400 for an unknown, expired or
/// already answered code.
pub async fn decide(State(ctx): State<HostCtx>, Form(form): Form<DeviceDecision>) -> Response {
    let sim = &ctx.sim;
    let approve = match form.decision.as_str() {
        "approve" => true,
        "deny" => false,
        _ => return bad("Invalid Request", "decision must be approve or deny."),
    };
    let now = sim.clock.now();
    if !sim.tokens().devices.decide(&form.user_code, approve, now) {
        return bad(
            "Invalid Code",
            "This code is unknown, has expired or was already answered.",
        );
    }
    let message = if approve {
        "Approved. You can return to your device."
    } else {
        "Denied. The device was not signed in."
    };
    Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Device sign-in</title></head>\
         <body><h1 id=\"result\">{message}</h1></body></html>\n"
    ))
    .into_response()
}

fn bad(title: &str, detail: &str) -> Response {
    (StatusCode::BAD_REQUEST, Html(error(title, detail))).into_response()
}
