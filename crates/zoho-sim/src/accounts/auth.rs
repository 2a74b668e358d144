//! `GET /oauth/v2/auth` (validate, show consent) and the consent form's submission, which
//! redirects to the client with `code`, `state`, `location` and `accounts-server` of the
//! user's DC, or with `error=access_denied` (a GAP: Zoho's deny redirect is undocumented).

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use url::Url;

use super::consent_page;
use super::pkce::parse_method;
use super::redirect_uri::is_registered;
use super::tokens::{Challenge, PendingConsent};
use crate::shared::HostCtx;

pub async fn authorize(
    State(ctx): State<HostCtx>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let sim = &ctx.sim;
    let config = &sim.config;
    let get = |name: &str| {
        params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };

    if get("client_id") != Some(config.client_id.as_str()) {
        return error_page("Invalid Client", "The client_id is not registered.");
    }
    let Some(redirect_uri) = get("redirect_uri") else {
        return error_page("Invalid Redirect Uri", "redirect_uri is missing.");
    };
    if !is_registered(
        redirect_uri,
        &sim.info.redirect_uris,
        config.loopback_any_port,
    ) {
        return error_page(
            "Invalid Redirect Uri",
            "Redirect URI passed does not match with the one configured.",
        );
    }
    if get("response_type") != Some("code") {
        return error_page("Invalid Response Type", "response_type must be code.");
    }
    // Zoho documents comma-separated scopes; some public clients send spaces. Take both.
    let scopes: Vec<String> = get("scope")
        .unwrap_or_default()
        .split([',', ' '])
        .filter(|scope| !scope.is_empty())
        .map(str::to_string)
        .collect();
    if scopes.is_empty() {
        return error_page("Invalid Scope", "At least one scope is required.");
    }
    let challenge = match get("code_challenge") {
        Some(value) => match parse_method(get("code_challenge_method")) {
            Some(method) => Some(Challenge {
                method,
                value: value.to_string(),
            }),
            None => return error_page("Invalid Code Challenge Method", "Use S256 or plain."),
        },
        None if config.require_pkce => {
            return error_page("Code Challenge Required", "code_challenge is required.");
        }
        None => None,
    };
    let consent = PendingConsent {
        client_id: config.client_id.clone(),
        redirect_uri: redirect_uri.to_string(),
        scopes: scopes.clone(),
        state: get("state").map(str::to_string),
        challenge,
        offline: get("access_type") == Some("offline"),
        prompt_consent: get("prompt") == Some("consent"),
    };
    let consent_id = sim.tokens().add_consent(consent);
    let email = sim.store().user.email.clone();
    Html(consent_page::consent(&consent_id, "zmeet", &scopes, &email)).into_response()
}

#[derive(Deserialize)]
pub struct Decision {
    consent_id: String,
    decision: String,
}

pub async fn decide(State(ctx): State<HostCtx>, Form(form): Form<Decision>) -> Response {
    let sim = &ctx.sim;
    let Some(consent) = sim.tokens().take_consent(&form.consent_id) else {
        return error_page(
            "Invalid Request",
            "This consent request is unknown or already answered.",
        );
    };
    let Ok(mut target) = Url::parse(&consent.redirect_uri) else {
        return error_page("Invalid Redirect Uri", "The redirect URI cannot be parsed.");
    };
    let state = consent.state.clone();
    {
        let mut query = target.query_pairs_mut();
        if form.decision == "accept" {
            let user_dc = sim.config.user_dc.clone();
            let code = sim
                .tokens()
                .issue_code(consent, &user_dc, sim.clock.now(), &sim.config);
            query.append_pair("code", &code);
            if let Some(state) = &state {
                query.append_pair("state", state);
            }
            query.append_pair("location", &user_dc);
            query.append_pair("accounts-server", &sim.info.accounts[&user_dc]);
        } else {
            query.append_pair("error", "access_denied");
            if let Some(state) = &state {
                query.append_pair("state", state);
            }
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, target.to_string())]).into_response()
}

fn error_page(title: &str, detail: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Html(consent_page::error(title, detail)),
    )
        .into_response()
}
