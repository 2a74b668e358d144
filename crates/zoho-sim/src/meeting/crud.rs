//! List, get, create, edit and delete, shared by meetings (`sessions`) and webinars: the two
//! differ only in path, scope area and a few body fields.

use std::collections::HashMap;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::body::{parse_change, session_object};
use super::errors::{MeetingError, Validation};
use super::format::{Shape, render_session};
use super::guard::{check_org, check_token};
use super::list::ListQuery;
use crate::shared::HostCtx;
use crate::store::{Participant, SessionKind, StoredSession};

/// Used when a create request has no `duration` (GAP).
const DEFAULT_DURATION_MS: i64 = 3_600_000;

#[derive(Clone, Copy)]
pub struct Family {
    pub kind: SessionKind,
    /// Scope area: `meeting` or `webinar`.
    pub area: &'static str,
}

pub type Outcome = Result<Response, MeetingError>;

pub fn list(
    ctx: &HostCtx,
    family: Family,
    headers: &HeaderMap,
    zsoid: &str,
    params: &HashMap<String, String>,
) -> Outcome {
    check_token(ctx, headers, family.area, "READ")?;
    check_org(ctx, zsoid)?;
    let sim = &ctx.sim;
    let query = ListQuery::parse(params, &sim.config)?;
    let now = sim.clock.now();
    let store = sim.store();
    let (total, page) = query.run(&store, family.kind, now);
    let items: Vec<Value> = page
        .into_iter()
        .map(|session| render_session(&store, session, Shape::ListItem, now, false))
        .collect();
    Ok(axum::Json(json!({ "session": items, "count": total })).into_response())
}

pub fn get(
    ctx: &HostCtx,
    family: Family,
    headers: &HeaderMap,
    zsoid: &str,
    key_file: &str,
) -> Outcome {
    check_token(ctx, headers, family.area, "READ")?;
    check_org(ctx, zsoid)?;
    let key = parse_key(key_file)?;
    let sim = &ctx.sim;
    let store = sim.store();
    let session = find(&store.sessions, key, family.kind)?;
    let body = render_session(
        &store,
        session,
        Shape::Get,
        sim.clock.now(),
        sim.config.get_includes_participants,
    );
    Ok(axum::Json(json!({ "session": body })).into_response())
}

pub fn create(
    ctx: &HostCtx,
    family: Family,
    headers: &HeaderMap,
    zsoid: &str,
    body: &[u8],
) -> Outcome {
    check_token(ctx, headers, family.area, "CREATE")?;
    check_org(ctx, zsoid)?;
    let fields = session_object(body)?;
    let change = parse_change(&fields, None)?;
    let topic = change
        .topic
        .ok_or(MeetingError::Invalid(Validation::Topic))?;
    let start = change
        .start
        .ok_or(MeetingError::Invalid(Validation::StartTime))?;
    let sim = &ctx.sim;
    let mut store = sim.store();
    let presenter = change.presenter.unwrap_or(store.user.zuid);
    if presenter != store.user.zuid {
        return Err(MeetingError::Invalid(Validation::Presenter));
    }
    let key = store.new_key();
    let (pwd, encrypt_pwd) = store.new_password(key);
    let participants = change
        .participant_emails
        .unwrap_or_default()
        .into_iter()
        .map(|email| Participant {
            id: store.new_participant_id(),
            email,
        })
        .collect();
    let session = StoredSession {
        key,
        kind: family.kind,
        topic,
        agenda: change.agenda.unwrap_or_default(),
        presenter_zuid: presenter,
        start,
        duration_ms: change.duration_ms.unwrap_or(DEFAULT_DURATION_MS),
        timezone: change.timezone.unwrap_or_else(|| "UTC".into()),
        participants,
        pwd,
        encrypt_pwd,
        sys_id: store.new_sys_id(),
        embed_token: store.new_embed_token(),
    };
    let rendered = render_session(&store, &session, Shape::Create, sim.clock.now(), true);
    store.sessions.insert(key, session);
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({ "session": rendered })),
    )
        .into_response())
}

pub fn edit(
    ctx: &HostCtx,
    family: Family,
    headers: &HeaderMap,
    zsoid: &str,
    key_file: &str,
    body: &[u8],
) -> Outcome {
    check_token(ctx, headers, family.area, "UPDATE")?;
    check_org(ctx, zsoid)?;
    let key = parse_key(key_file)?;
    let sim = &ctx.sim;
    let mut store = sim.store();
    let current_zone = find(&store.sessions, key, family.kind)?.timezone.clone();
    let fields = session_object(body)?;
    let change = parse_change(&fields, Some(&current_zone))?;
    if change
        .presenter
        .is_some_and(|presenter| presenter != store.user.zuid)
    {
        return Err(MeetingError::Invalid(Validation::Presenter));
    }
    let new_participants = change.participant_emails.map(|emails| {
        emails
            .into_iter()
            .map(|email| Participant {
                id: store.new_participant_id(),
                email,
            })
            .collect::<Vec<_>>()
    });
    let session = store
        .sessions
        .get_mut(&key)
        .ok_or(MeetingError::InvalidKey)?;
    if let Some(topic) = change.topic {
        session.topic = topic;
    }
    if let Some(agenda) = change.agenda {
        session.agenda = agenda;
    }
    if let Some(start) = change.start {
        session.start = start;
    }
    if let Some(duration) = change.duration_ms {
        session.duration_ms = duration;
    }
    // GAP: a new zone without a new startTime keeps the instant and only changes how it is shown.
    if let Some(timezone) = change.timezone {
        session.timezone = timezone;
    }
    if let Some(participants) = new_participants {
        session.participants = participants;
    }
    let session = store.sessions[&key].clone();
    let rendered = render_session(
        &store,
        &session,
        Shape::Edit,
        sim.clock.now(),
        sim.config.get_includes_participants,
    );
    Ok(axum::Json(json!({ "session": rendered })).into_response())
}

pub fn delete(
    ctx: &HostCtx,
    family: Family,
    headers: &HeaderMap,
    zsoid: &str,
    key_file: &str,
) -> Outcome {
    check_token(ctx, headers, family.area, "DELETE")?;
    check_org(ctx, zsoid)?;
    let key = parse_key(key_file)?;
    let mut store = ctx.sim.store();
    find(&store.sessions, key, family.kind)?;
    store.sessions.remove(&key);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `1234567890.json` → 1234567890. Anything else is an unknown key (4000).
fn parse_key(key_file: &str) -> Result<u64, MeetingError> {
    key_file
        .strip_suffix(".json")
        .and_then(|key| key.parse().ok())
        .ok_or(MeetingError::InvalidKey)
}

fn find(
    sessions: &std::collections::BTreeMap<u64, StoredSession>,
    key: u64,
    kind: SessionKind,
) -> Result<&StoredSession, MeetingError> {
    sessions
        .get(&key)
        .filter(|session| session.kind == kind)
        .ok_or(MeetingError::InvalidKey)
}

pub fn respond(outcome: Outcome) -> Response {
    outcome.unwrap_or_else(IntoResponse::into_response)
}
