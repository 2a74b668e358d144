//! What every Meeting request must pass: a `Zoho-oauthtoken` header with a live token minted
//! by this DC, the scope the endpoint needs, and (for org paths) the user's own zsoid.

use axum::http::{HeaderMap, header};

use super::errors::MeetingError;
use crate::shared::HostCtx;

/// `area` is `meeting`, `webinar` or `manageOrg`; `operation` is `READ`, `CREATE`, …
pub fn check_token(
    ctx: &HostCtx,
    headers: &HeaderMap,
    area: &str,
    operation: &str,
) -> Result<(), MeetingError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Zoho-oauthtoken "))
        .map(str::trim)
        .ok_or(MeetingError::InvalidToken)?;
    let sim = &ctx.sim;
    let now = sim.clock.now();
    let tokens = sim.tokens();
    let grant = tokens
        .live_access(token, now)
        .filter(|grant| grant.dc == ctx.dc)
        .ok_or(MeetingError::InvalidToken)?;
    let wanted = format!("ZohoMeeting.{area}.{operation}");
    let wanted_all = format!("ZohoMeeting.{area}.ALL");
    let granted = grant.scopes.iter().any(|scope| {
        scope.eq_ignore_ascii_case(&wanted) || scope.eq_ignore_ascii_case(&wanted_all)
    });
    if granted {
        Ok(())
    } else {
        Err(MeetingError::ScopeMismatch)
    }
}

pub fn check_org(ctx: &HostCtx, zsoid: &str) -> Result<(), MeetingError> {
    let own = ctx.sim.store().user.zsoid;
    if zsoid.parse::<u64>().ok() == Some(own) {
        Ok(())
    } else {
        Err(MeetingError::UnauthorizedUser)
    }
}
