//! Demo mode: the built-in Zoho simulator, signed in through the same OAuth code path the
//! real app uses (the simulator's consent page is accepted in-process instead of by a
//! person in a browser).

use std::sync::Arc;

use zoho_core::store::MemoryStore;
use zoho_core::{Endpoints, RedirectKind, Secret, Session, ZohoClient, ZohoConfig};
use zoho_sim::{SimConfig, Simulator};

use crate::error::{AppError, ErrorCode};

/// The demo data never changes between runs, so screenshots and first impressions match.
const DEMO_SEED: u64 = 2026;

pub struct Demo {
    pub simulator: Simulator,
    pub client: ZohoClient,
    pub session: Session,
}

pub async fn start() -> Result<Demo, AppError> {
    let config = SimConfig {
        seed: DEMO_SEED,
        // Zoho's documented get body has no participants (a GAP); the demo shows them.
        get_includes_participants: true,
        // Nothing else on the machine may change the demo's faults, clock or tokens.
        admin_api: false,
        ..SimConfig::default()
    };
    let simulator = Simulator::start(config).await.map_err(|error| {
        AppError::new(
            ErrorCode::DemoFailed,
            format!("cannot start the demo simulator: {error}"),
        )
    })?;
    let info = simulator.info().clone();
    let endpoints = Endpoints::from_maps(&info.accounts, &info.meeting)?;
    let mut config = ZohoConfig::new(
        info.client_id.clone(),
        Some(Secret::new(info.client_secret.clone())),
    );
    config.endpoints = endpoints;
    // Demo tokens are worthless outside this run, so they stay in memory, not the keyring.
    let client = ZohoClient::new(config, Arc::new(MemoryStore::new()))?;
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await?;
    let redirect = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .map_err(|error| {
            AppError::new(
                ErrorCode::DemoFailed,
                format!("the demo sign-in failed: {error}"),
            )
        })?;
    let signed_in = client.complete_sign_in(&pending, &redirect).await?;
    Ok(Demo {
        simulator,
        client,
        session: signed_in.session,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_demo_signs_in_through_oauth_and_lists_the_seeded_events() {
        let demo = start().await.unwrap();
        let user = demo.simulator.info().user.clone();
        assert_eq!(demo.session.account().zuid, user.zuid);
        assert_eq!(
            demo.session.account().email.as_deref(),
            Some(user.email.as_str())
        );
        let meetings = demo
            .session
            .list_meetings(zoho_core::ListType::All)
            .await
            .unwrap()
            .items;
        let webinars = demo
            .session
            .list_webinars(zoho_core::ListType::All)
            .await
            .unwrap()
            .items;
        assert_eq!(meetings.len(), demo.simulator.meetings().len());
        assert_eq!(webinars.len(), demo.simulator.webinars().len());
        assert!(meetings.len() >= 30 && !webinars.is_empty());
        // The sign-in went through the simulator's token endpoint exactly once.
        let token_requests = demo
            .simulator
            .requests()
            .iter()
            .filter(|r| r.path == "/oauth/v2/token")
            .count();
        assert_eq!(token_requests, 1);
        // The admin API is not served.
        assert!(demo.simulator.info().admin.is_empty());
    }
}
