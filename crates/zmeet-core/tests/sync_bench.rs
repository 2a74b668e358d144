//! Not a functional test: the sync benchmark that `bench/sync.sh` runs (ignored by the test runner).
//!
//! A full sync of `N` meetings from the simulator (three years of history and its weeks
//! ahead, on loopback) by the app's own path: a fresh signed-in zoho-core session (so the
//! paging detection's probes are included, as on a first sync), `EventCache::fetch` over all
//! of the past (upcoming then past, meetings and webinars at the same time) and
//! `EventCache::replace` into a real SQLite store, against the same pages fetched by a
//! minimal client: one reqwest client, the same list requests in the same order and
//! concurrency, each body parsed to JSON values and its sessions counted (to know the last
//! page), which is the least a client that uses the answer must do. The same minimal client
//! that only scans the bytes for the sessions' key field (no JSON parsing at all) is timed
//! too, as the floor of what HTTP alone costs. Each app run then syncs once more on the same
//! session and store (a re-sync, as the background loop's: the paging reading is known, so
//! no probes, and the write replaces the rows the first sync stored). Runs alternate app,
//! raw (JSON), raw (bytes), app, … on one simulator; min/median/max per side.

use std::sync::Arc;
use std::time::{Duration, Instant};

use zmeet_store::Store;
use zoho_core::store::MemoryStore;
use zoho_core::{Endpoints, RedirectKind, Secret, ZohoClient, ZohoConfig};
use zoho_sim::{HostKind, SimConfig, Simulator};

use zmeet_core::calendar::EventCache;

const RUNS_ENV: &str = "ZMEET_SYNC_RUNS";
const SIZES_ENV: &str = "ZMEET_SYNC_SIZES";
/// The app's list page size (zoho-core's default).
const PAGE: usize = 100;

/// One timed app sync.
struct AppRun {
    took: Duration,
    /// Of which the store write.
    wrote: Duration,
    requests: usize,
    loaded: usize,
}

/// The app's first sync of a fresh session, then its re-sync on the same session and store.
async fn app_sync(sim: &Simulator, dir: &std::path::Path, run: usize) -> (AppRun, AppRun) {
    let info = sim.info();
    let mut config = ZohoConfig::new(&info.client_id, Some(Secret::new(&info.client_secret)));
    config.endpoints = Endpoints::from_maps(&info.accounts, &info.meeting).unwrap();
    let client = ZohoClient::new(config, Arc::new(MemoryStore::new())).unwrap();
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    let session = client
        .complete_sign_in(&pending, &callback)
        .await
        .unwrap()
        .session;
    let store = Arc::new(Store::open(dir, &format!("bench-{run}")).unwrap());
    let mut cache = EventCache::default();
    cache.attach(store, Vec::new(), None, Some(0.0));
    let since_ms = (sim.now() - chrono::TimeDelta::days(4 * 365)).timestamp_millis() as f64;
    let mut sync = async || {
        sim.clear_requests();
        let started = Instant::now();
        let synced = EventCache::fetch(&session, since_ms).await.unwrap();
        let writing = Instant::now();
        let loaded = cache.replace(synced, Instant::now());
        let (took, wrote) = (started.elapsed(), writing.elapsed());
        AppRun {
            took,
            wrote,
            requests: meeting_requests(sim),
            loaded,
        }
    };
    let first = sync().await;
    let again = sync().await;
    (first, again)
}

/// What the minimal client does with a body.
#[derive(Clone, Copy)]
enum Read {
    /// Parses it to `serde_json::Value`s and counts the `session` array.
    Json,
    /// Counts the sessions' key field in the bytes, parsing nothing.
    Bytes,
}

/// The same list requests, raw: upcoming (meetings and webinars at once), then the past.
async fn raw_sync(
    sim: &Simulator,
    http: &reqwest::Client,
    token: &str,
    read: Read,
) -> (Duration, usize, usize) {
    let info = sim.info();
    let base = format!("{}/api/v2/{}", info.meeting[&info.user.dc], info.user.zsoid);
    let config = sim.config();
    sim.clear_requests();
    let started = Instant::now();
    let (meetings_url, webinars_url) = (
        format!("{base}/sessions.json"),
        format!("{base}/webinar.json"),
    );
    let mut sessions = 0;
    for list in ["upcoming", "past"] {
        let (meetings, webinars) = tokio::join!(
            raw_list(http, token, &meetings_url, list, config, read),
            raw_list(http, token, &webinars_url, list, config, read),
        );
        sessions += meetings + webinars;
    }
    (started.elapsed(), meeting_requests(sim), sessions)
}

/// Pages through one list until a short page; returns how many sessions came.
async fn raw_list(
    http: &reqwest::Client,
    token: &str,
    url: &str,
    list: &str,
    config: &SimConfig,
    read: Read,
) -> usize {
    let mut index = config.list_index_base as usize;
    let mut total = 0;
    loop {
        let body = http
            .get(url)
            .query(&[
                ("listtype", list),
                ("index", &index.to_string()),
                ("count", &PAGE.to_string()),
            ])
            .header("Authorization", format!("Zoho-oauthtoken {token}"))
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let received = match read {
            Read::Json => json_sessions(&body),
            Read::Bytes => count_sessions(&body),
        };
        total += received;
        if received < PAGE {
            return total;
        }
        index += if config.list_index_is_page { 1 } else { PAGE };
    }
}

/// Sessions in a list body parsed to JSON values.
fn json_sessions(body: &[u8]) -> usize {
    let body: serde_json::Value = serde_json::from_slice(body).unwrap();
    body["session"].as_array().map_or(0, Vec::len)
}

/// Sessions in a list body, by their key field: no JSON parsing.
fn count_sessions(body: &[u8]) -> usize {
    const KEY: &[u8] = b"\"meetingKey\":";
    body.windows(KEY.len()).filter(|w| *w == KEY).count()
}

fn meeting_requests(sim: &Simulator) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.host == HostKind::Meeting)
        .count()
}

fn summary(times: &mut [Duration]) -> (f64, f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: bench/sync.sh runs it"]
async fn sync_against_raw_http() {
    let runs: usize = std::env::var(RUNS_ENV)
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(9);
    let dir = tempfile::tempdir().unwrap();
    zoho_core::tls::install_crypto_provider();
    let http = reqwest::Client::new();
    // `ZMEET_SYNC_SIZES=1000` (comma-separated) runs some sizes only, for profiling.
    let sizes: Vec<usize> = std::env::var(SIZES_ENV)
        .ok()
        .map(|sizes| {
            sizes
                .split(',')
                .filter_map(|s| s.trim().parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![1_000, 10_000]);
    for size in sizes {
        let sim = Simulator::start(SimConfig {
            meetings: size,
            webinars: 0,
            history_days: 3 * 365,
            ..SimConfig::default()
        })
        .await
        .unwrap();
        // A fresh token for each raw run, untimed: every app run signs in anew, and the
        // simulator keeps only the newest refresh tokens (and their access tokens).
        let token = || {
            sim.grant_tokens(&["ZohoMeeting.meeting.READ", "ZohoMeeting.webinar.READ"])
                .access_token
        };
        // One untimed round each: the simulator's and the store's first-use costs.
        app_sync(&sim, dir.path(), usize::MAX).await;
        raw_sync(&sim, &http, &token(), Read::Json).await;
        raw_sync(&sim, &http, &token(), Read::Bytes).await;
        let (mut app, mut raw, mut bytes, mut store) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut resync = Vec::new();
        let (mut app_requests, mut resync_requests, mut raw_requests) = (0, 0, 0);
        for run in 0..runs {
            let (first, again) = app_sync(&sim, dir.path(), run).await;
            assert_eq!((first.loaded, again.loaded), (size, size));
            app.push(first.took);
            store.push(first.wrote);
            app_requests = first.requests;
            resync.push(again.took);
            resync_requests = again.requests;
            let (took, requests, sessions) = raw_sync(&sim, &http, &token(), Read::Json).await;
            assert_eq!(sessions, size);
            raw.push(took);
            raw_requests = requests;
            let (took, requests, sessions) = raw_sync(&sim, &http, &token(), Read::Bytes).await;
            assert_eq!((sessions, requests), (size, raw_requests));
            bytes.push(took);
        }
        let (app_min, app_median, app_max) = summary(&mut app);
        let (raw_min, raw_median, raw_max) = summary(&mut raw);
        let (bytes_min, bytes_median, bytes_max) = summary(&mut bytes);
        let (_, store_median, _) = summary(&mut store);
        let (resync_min, resync_median, resync_max) = summary(&mut resync);
        println!(
            "SYNC {size} app {app_min:.1} {app_median:.1} {app_max:.1} requests {app_requests} \
             raw {raw_min:.1} {raw_median:.1} {raw_max:.1} requests {raw_requests} \
             ratio {:.2} runs {runs} store-write-median {store_median:.1} \
             raw-bytes {bytes_min:.1} {bytes_median:.1} {bytes_max:.1} ratio-bytes {:.2} \
             resync {resync_min:.1} {resync_median:.1} {resync_max:.1} requests {resync_requests} \
             ratio-resync {:.2}",
            app_median / raw_median,
            app_median / bytes_median,
            resync_median / raw_median
        );
        sim.shutdown().await;
    }
}
