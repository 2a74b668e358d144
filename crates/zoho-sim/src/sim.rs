//! Starting, steering and stopping a simulator: every host on its own 127.0.0.1 port.

use std::collections::BTreeMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use chrono::{DateTime, Utc};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::SimClock;
use crate::config::SimConfig;
use crate::data::seed::{SeedSpec, generate};
use crate::faults::{FaultConfig, FaultState};
use crate::info::{GrantedTokens, SimInfo, SimUser};
use crate::log::{HostKind, RequestLog, RequestRecord};
use crate::middleware::{faults_and_log, not_found};
use crate::server::serve;
use crate::shared::{HostCtx, Shared};
use crate::store::SessionKind;
use crate::{accounts, admin, meeting};

/// A running simulator. Dropping it stops the servers too; `shutdown` also waits for them.
pub struct Simulator {
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    servers: Vec<JoinHandle<()>>,
}

impl Simulator {
    /// Binds every host on 127.0.0.1 (one port per host) and starts serving.
    pub async fn start(config: SimConfig) -> io::Result<Simulator> {
        config
            .validate()
            .map_err(|message| io::Error::new(io::ErrorKind::InvalidInput, message))?;
        let admin_listener = if config.admin_api {
            Some(bind(config.base_port, 0).await?)
        } else {
            None
        };
        let mut dc_listeners = Vec::new();
        for (index, dc) in config.dcs.iter().enumerate() {
            let accounts = bind(config.base_port, 1 + 2 * index as u16).await?;
            let meeting = bind(config.base_port, 2 + 2 * index as u16).await?;
            dc_listeners.push((dc.clone(), accounts, meeting));
        }

        let clock = SimClock::new(config.start_time);
        let store = generate(&SeedSpec {
            seed: config.seed,
            meetings: config.meetings,
            webinars: config.webinars,
            dc: config.user_dc.clone(),
            origin: clock.origin(),
            history_days: config.history_days,
        });
        let mut accounts_urls = BTreeMap::new();
        let mut meeting_urls = BTreeMap::new();
        for (dc, accounts, meeting) in &dc_listeners {
            accounts_urls.insert(dc.clone(), base_url(accounts)?);
            meeting_urls.insert(dc.clone(), base_url(meeting)?);
        }
        let info = SimInfo {
            accounts: accounts_urls,
            meeting: meeting_urls,
            admin: match &admin_listener {
                Some(listener) => base_url(listener)?,
                None => String::new(),
            },
            client_id: config.client_id.clone(),
            client_secret: config.client_secret.clone(),
            redirect_uris: config.redirect_uris(),
            user: SimUser {
                zsoid: store.user.zsoid.to_string(),
                zuid: store.user.zuid.to_string(),
                email: store.user.email.clone(),
                display_name: store.user.display_name(),
                dc: config.user_dc.clone(),
            },
        };
        let shared = Arc::new(Shared {
            faults: Mutex::new(FaultState::new(config.faults.clone(), config.seed)),
            config,
            info,
            clock,
            tokens: Mutex::default(),
            store: Mutex::new(store),
            log: RequestLog::default(),
        });

        let mut listeners = Vec::new();
        if let Some(listener) = admin_listener {
            listeners.push((listener, String::new(), HostKind::Admin));
        }
        for (dc, accounts, meeting) in dc_listeners {
            listeners.push((accounts, dc.clone(), HostKind::Accounts));
            listeners.push((meeting, dc, HostKind::Meeting));
        }
        let (stop, servers) = serve_hosts(&shared, listeners);
        Ok(Simulator {
            shared,
            stop,
            servers,
        })
    }

    pub fn info(&self) -> &SimInfo {
        &self.shared.info
    }

    pub fn config(&self) -> &SimConfig {
        &self.shared.config
    }

    /// The request log, oldest first.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.log.snapshot()
    }

    pub fn clear_requests(&self) {
        self.shared.log.clear();
    }

    /// Replaces the faults in force (and restarts their seeded dice).
    pub fn set_faults(&self, faults: FaultConfig) {
        self.shared.set_faults(faults);
    }

    pub fn faults(&self) -> FaultConfig {
        self.shared.current_faults()
    }

    /// Moves simulated "now" forward (code, token and throttle-window expiry, list types).
    pub fn advance_clock(&self, by: Duration) {
        self.shared.advance_clock(by);
    }

    /// Simulated "now".
    pub fn now(&self) -> DateTime<Utc> {
        self.shared.clock.now()
    }

    pub fn expire_all_access_tokens(&self) {
        self.shared.expire_all_access_tokens();
    }

    /// Revokes a refresh token and its access tokens (an access token works too). `false`
    /// when the token is unknown.
    pub fn revoke_refresh_token(&self, token: &str) -> bool {
        self.shared.revoke_token(token)
    }

    /// Tokens as if the demo user had accepted consent for `scopes` with
    /// `access_type=offline` and the code had been exchanged: for demo mode, where no browser
    /// is involved. Subject to the same limits as tokens from the HTTP flow.
    pub fn grant_tokens(&self, scopes: &[&str]) -> GrantedTokens {
        let shared = &self.shared;
        let config = &shared.config;
        let dc = config.user_dc.clone();
        let scopes: Vec<String> = scopes.iter().map(|scope| scope.to_string()).collect();
        let now = shared.clock.now();
        let mut tokens = shared.tokens();
        let refresh_token =
            tokens.create_refresh_token(&config.client_id, &dc, &scopes, config.max_refresh_tokens);
        let access_token =
            tokens.mint_access_token(&dc, &scopes, Some(&refresh_token), now, config);
        GrantedTokens {
            access_token,
            refresh_token,
            expires_in: config.access_token_lifetime.as_secs(),
            accounts_server: shared.info.accounts[&dc].clone(),
            meeting_server: shared.info.meeting[&dc].clone(),
            location: dc,
        }
    }

    /// Approves the device sign-in showing `user_code`, as the person would on the
    /// verification page; `false` when no live, unanswered one has that code.
    pub fn approve_device(&self, user_code: &str) -> bool {
        self.shared.decide_device(user_code, true)
    }

    /// Denies the device sign-in showing `user_code`.
    pub fn deny_device(&self, user_code: &str) -> bool {
        self.shared.decide_device(user_code, false)
    }

    /// Every secret the simulator has handed out (authorization codes, refresh and access
    /// tokens, device codes) plus the client secret: for tests that check none leaked into
    /// a log. Kept apart from the request log, which never holds them.
    pub fn issued_secrets(&self) -> Vec<String> {
        let mut secrets = self.shared.tokens().issued();
        secrets.push(self.shared.config.client_secret.clone());
        secrets
    }

    /// Live refresh tokens (all clients).
    pub fn refresh_token_count(&self) -> usize {
        self.shared.tokens().refresh_token_count()
    }

    /// Whether `token` is a refresh token this simulator issued and has not revoked.
    pub fn refresh_token_is_live(&self, token: &str) -> bool {
        self.shared.tokens().has_refresh_token(token)
    }

    /// Stored meetings as the inner `session` objects of "get" bodies, in start order
    /// (participants included).
    pub fn meetings(&self) -> Vec<Value> {
        self.shared.sessions_as_json(SessionKind::Meeting)
    }

    pub fn webinars(&self) -> Vec<Value> {
        self.shared.sessions_as_json(SessionKind::Webinar)
    }

    /// Stops listening on every port (connections are refused, open ones dropped) while
    /// keeping all state: users, tokens, meetings, faults, the log. [`Simulator::resume`]
    /// listens again on the same ports — a Zoho that went away and came back.
    pub async fn suspend(&mut self) {
        let _ = self.stop.send(true);
        for server in std::mem::take(&mut self.servers) {
            let _ = server.await;
        }
    }

    /// Listens again, on the same ports, after [`Simulator::suspend`].
    pub async fn resume(&mut self) -> io::Result<()> {
        let info = &self.shared.info;
        let mut listeners = Vec::new();
        // No admin host when the simulator was started without its admin API.
        if !info.admin.is_empty() {
            listeners.push((rebind(&info.admin).await?, String::new(), HostKind::Admin));
        }
        for (dc, url) in &info.accounts {
            listeners.push((rebind(url).await?, dc.clone(), HostKind::Accounts));
        }
        for (dc, url) in &info.meeting {
            listeners.push((rebind(url).await?, dc.clone(), HostKind::Meeting));
        }
        let (stop, servers) = serve_hosts(&self.shared, listeners);
        self.stop = stop;
        self.servers = servers;
        Ok(())
    }

    /// Stops every host, dropping open connections, and waits until they are gone.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        for server in std::mem::take(&mut self.servers) {
            let _ = server.await;
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Serves each listener as its kind of host, until the returned sender says stop.
fn serve_hosts(
    shared: &Arc<Shared>,
    listeners: Vec<(TcpListener, String, HostKind)>,
) -> (watch::Sender<bool>, Vec<JoinHandle<()>>) {
    let (stop, stopped) = watch::channel(false);
    let servers = listeners
        .into_iter()
        .map(|(listener, dc, kind)| {
            let ctx = HostCtx {
                sim: shared.clone(),
                dc,
                kind,
            };
            let routes = match kind {
                HostKind::Accounts => accounts::router(),
                HostKind::Meeting => meeting::router(),
                HostKind::Admin => admin::router(),
            };
            let router: Router = routes
                .fallback(not_found)
                .layer(axum::middleware::from_fn_with_state(
                    ctx.clone(),
                    faults_and_log,
                ))
                .with_state(ctx);
            tokio::spawn(serve(listener, router, stopped.clone()))
        })
        .collect();
    (stop, servers)
}

/// Binds the port of a base URL this simulator served before.
async fn rebind(url: &str) -> io::Result<TcpListener> {
    let port = url
        .rsplit(':')
        .next()
        .and_then(|port| port.parse::<u16>().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, format!("no port in {url}")))?;
    TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await
}

async fn bind(base_port: u16, offset: u16) -> io::Result<TcpListener> {
    let port = if base_port == 0 {
        0
    } else {
        base_port.checked_add(offset).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "base port too high for all hosts",
            )
        })?
    };
    TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await
}

fn base_url(listener: &TcpListener) -> io::Result<String> {
    Ok(format!("http://{}", listener.local_addr()?))
}
