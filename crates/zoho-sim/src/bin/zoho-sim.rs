//! `zoho-sim`: runs the simulator until SIGINT/SIGTERM. Once every host is listening it
//! prints exactly one JSON line (`SimInfo`) on stdout; everything else goes to stderr.

use std::io::Write;
use std::time::Duration;

use chrono::{DateTime, Utc};
use clap::Parser;
use zoho_sim::{ALL_DCS, FaultConfig, SimConfig, Simulator};

#[derive(Parser, Debug)]
#[command(
    name = "zoho-sim",
    version,
    about = "Local Zoho Accounts + Zoho Meeting simulator"
)]
struct Args {
    /// Base port: admin = PORT, DC i accounts = PORT+1+2i, meeting = PORT+2+2i. 0 = ephemeral.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Seed for demo data and fault dice.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Number of demo meetings.
    #[arg(long, default_value_t = 40)]
    meetings: usize,
    /// Number of demo webinars.
    #[arg(long, default_value_t = 10)]
    webinars: usize,
    /// DCs to serve, comma-separated (us,eu,in,au,jp,ca,sa,uk,cn).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "us,eu,in,au,jp,ca,sa,uk,cn"
    )]
    dc_hosts: Vec<String>,
    /// DC the demo user lives in.
    #[arg(long, default_value = "us")]
    user_dc: String,
    /// Access-token lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    token_lifetime: u64,
    /// Authorization-code lifetime in seconds.
    #[arg(long, default_value_t = 120)]
    code_lifetime: u64,
    /// Legacy token responses: expires_in in milliseconds plus expires_in_sec.
    #[arg(long)]
    legacy_expires_ms: bool,
    /// HTTP status of the token-throttle body (400 or 200).
    #[arg(long, default_value_t = 400)]
    throttle_status: u16,
    /// Extra registered redirect URIs, comma-separated.
    #[arg(long, value_delimiter = ',')]
    redirect_uri: Vec<String>,
    /// Loopback redirect URIs must match exactly, port included.
    #[arg(long)]
    exact_loopback_port: bool,
    /// Reject authorization requests without PKCE.
    #[arg(long)]
    require_pkce: bool,
    /// Index base of list paging (0 or 1).
    #[arg(long, default_value_t = 1)]
    list_index_base: u64,
    /// List `index` counts pages instead of records.
    #[arg(long)]
    list_index_is_page: bool,
    /// Lists end after N records while their `count` still reports every match.
    #[arg(long)]
    list_records_cap: Option<usize>,
    /// Days before the start day the demo sessions are spread over (42 after it).
    #[arg(long, default_value_t = 42)]
    history_days: u32,
    /// Initial faults as JSON (same shape as POST /admin/faults).
    #[arg(long)]
    faults: Option<String>,
    /// Simulated start time (RFC 3339); default now. Fixes the demo data completely.
    #[arg(long)]
    start_time: Option<DateTime<Utc>>,
    /// Do not log requests on stderr.
    #[arg(long)]
    quiet: bool,
    /// Device flow: user-code lifetime in seconds.
    #[arg(long, default_value_t = 300)]
    device_code_lifetime: u64,
    /// Device flow: the `interval` announced, in milliseconds.
    #[arg(long, default_value_t = 5000)]
    device_interval_ms: u64,
    /// Device flow: two polls closer than this (milliseconds) get `slow_down`.
    #[arg(long, default_value_t = 30_000)]
    device_slow_down_ms: u64,
    /// Device flow: `interval` and `expires_in` in seconds instead of milliseconds.
    #[arg(long)]
    device_seconds: bool,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let config = match config_from(args) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("zoho-sim: {message}");
            return std::process::ExitCode::from(2);
        }
    };
    let simulator = match Simulator::start(config).await {
        Ok(simulator) => simulator,
        Err(error) => {
            eprintln!("zoho-sim: cannot start: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let line = serde_json::to_string(simulator.info()).expect("SimInfo serializes");
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{line}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return std::process::ExitCode::FAILURE;
    }
    drop(stdout);
    eprintln!("zoho-sim: ready (admin {})", simulator.info().admin);
    wait_for_signal().await;
    eprintln!("zoho-sim: shutting down");
    simulator.shutdown().await;
    std::process::ExitCode::SUCCESS
}

fn config_from(args: Args) -> Result<SimConfig, String> {
    let faults: FaultConfig = match &args.faults {
        Some(json) => serde_json::from_str(json).map_err(|error| format!("--faults: {error}"))?,
        None => FaultConfig::default(),
    };
    let dcs: Vec<String> = args
        .dc_hosts
        .iter()
        .map(|dc| dc.trim().to_lowercase())
        .collect();
    if let Some(unknown) = dcs.iter().find(|dc| !ALL_DCS.contains(&dc.as_str())) {
        return Err(format!("unknown DC {unknown:?} in --dc-hosts"));
    }
    let config = SimConfig {
        seed: args.seed,
        meetings: args.meetings,
        webinars: args.webinars,
        dcs,
        user_dc: args.user_dc.trim().to_lowercase(),
        base_port: args.port,
        access_token_lifetime: Duration::from_secs(args.token_lifetime),
        code_lifetime: Duration::from_secs(args.code_lifetime),
        legacy_expires_in_ms: args.legacy_expires_ms,
        throttle_http_status: args.throttle_status,
        extra_redirect_uris: args.redirect_uri,
        faults,
        loopback_any_port: !args.exact_loopback_port,
        require_pkce: args.require_pkce,
        list_index_base: args.list_index_base,
        list_index_is_page: args.list_index_is_page,
        start_time: args.start_time,
        log_to_stderr: !args.quiet,
        device_code_lifetime: Duration::from_secs(args.device_code_lifetime),
        device_interval: Duration::from_millis(args.device_interval_ms),
        device_slow_down_under: Duration::from_millis(args.device_slow_down_ms),
        device_times_in_seconds: args.device_seconds,
        list_records_cap: args.list_records_cap,
        history_days: args.history_days,
        ..SimConfig::default()
    };
    config.validate()?;
    Ok(config)
}

#[cfg(unix)]
async fn wait_for_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
}

#[cfg(not(unix))]
async fn wait_for_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
