//! List paging against the simulator in each of the four readings of `index` (API.md §2.5,
//! a GAP): the reading is detected, every meeting comes exactly once in the fewest
//! requests, the reading is remembered with the account and re-checked when a list
//! contradicts it, and a list that ends before the server's total says so.

mod common;

use std::collections::HashSet;
use std::time::Instant;

use common::*;
use zoho_core::api::{ListEnd, Shortfall, ShortfallReason};
use zoho_core::{ListType, Listing, PagingReading, ZohoClient};
use zoho_sim::{SimConfig, Simulator};

/// `count` per page (the client's default).
const PAGE: usize = 100;
/// Requests a detection costs.
const PROBES: u32 = 3;

fn reading_config(reading: PagingReading, meetings: usize) -> SimConfig {
    SimConfig {
        meetings,
        webinars: 0,
        list_index_base: reading.first_index(),
        list_index_is_page: reading.index_is_page(),
        ..sim_config()
    }
}

fn stored_keys(sim: &Simulator) -> HashSet<String> {
    sim.meetings()
        .iter()
        .map(|m| m["meetingKey"].to_string())
        .collect()
}

/// Every stored meeting exactly once.
fn assert_exactly_once(listing: &Listing, expected: &HashSet<String>, what: &str) {
    let keys: Vec<&String> = listing.items.iter().map(|m| &m.key).collect();
    let unique: HashSet<String> = keys.iter().map(|k| (*k).clone()).collect();
    assert_eq!(keys.len(), unique.len(), "{what}: duplicates");
    assert_eq!(&unique, expected, "{what}: missing or foreign meetings");
}

/// Lists `sizes` meetings in one reading: first with detection, then (for lists long
/// enough to tell) again with the remembered reading and no probe.
async fn check_reading(reading: PagingReading, sizes: &[usize]) {
    for &size in sizes {
        let what = format!("{reading:?} with {size} meetings");
        let sim = start(reading_config(reading, size)).await;
        let expected = stored_keys(&sim);
        let (client, _) = client(&sim);
        let session = sign_in(&client).await.session;
        sim.clear_requests();
        let started = Instant::now();
        let listing = session.list_meetings(ListType::All).await.unwrap();
        let took = started.elapsed();
        assert_exactly_once(&listing, &expected, &what);
        assert_eq!(listing.end, ListEnd::Complete, "{what}");
        assert_eq!(listing.total, Some(size as u64), "{what}");
        let pages = size.div_ceil(PAGE).max(1) as u32;
        assert_eq!(listing.requests, PROBES + pages, "{what}: fewest requests");
        assert_eq!(
            meeting_requests(&sim.requests()) as u32,
            listing.requests,
            "{what}: the simulator saw the same requests"
        );
        let known = (size >= 2).then_some(reading);
        assert_eq!(listing.reading, known, "{what}");
        assert_eq!(session.paging_reading(), known, "{what}: remembered");
        println!(
            "{what}: {} requests ({PROBES} probes), {took:?}",
            listing.requests
        );
        if known.is_some() {
            sim.clear_requests();
            let again = session.list_meetings(ListType::All).await.unwrap();
            assert_exactly_once(&again, &expected, &what);
            assert_eq!(again.requests, pages, "{what}: no probe once remembered");
        }
        sim.shutdown().await;
    }
}

const SIZES: [usize; 7] = [0, 1, 99, 100, 101, 350, 10_000];

#[tokio::test]
async fn one_based_record_positions() {
    check_reading(PagingReading::RecordsFrom1, &SIZES).await;
}

#[tokio::test]
async fn zero_based_record_positions() {
    check_reading(PagingReading::RecordsFrom0, &SIZES).await;
}

#[tokio::test]
async fn one_based_page_numbers() {
    check_reading(PagingReading::PagesFrom1, &SIZES).await;
}

#[tokio::test]
async fn zero_based_page_numbers() {
    check_reading(PagingReading::PagesFrom0, &SIZES).await;
}

#[tokio::test]
async fn webinars_and_every_list_type_page_the_same_way() {
    let sim = start(SimConfig {
        meetings: 260,
        webinars: 230,
        list_index_base: 0,
        list_index_is_page: true,
        ..sim_config()
    })
    .await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    let webinars = session.list_webinars(ListType::All).await.unwrap();
    assert_eq!(webinars.items.len(), sim.webinars().len());
    assert_eq!(webinars.reading, Some(PagingReading::PagesFrom0));
    let upcoming = session.list_meetings(ListType::Upcoming).await.unwrap();
    let past = session.list_meetings(ListType::Past).await.unwrap();
    for listing in [&upcoming, &past] {
        assert_eq!(listing.end, ListEnd::Complete);
        assert_eq!(listing.total, Some(listing.items.len() as u64));
    }
    let mut both: Vec<String> = upcoming
        .items
        .iter()
        .chain(&past.items)
        .map(|m| m.key.clone())
        .collect();
    both.sort();
    both.dedup();
    assert_eq!(
        both.len(),
        260,
        "upcoming and past together are all of them"
    );
    for listing in [webinars, upcoming, past] {
        assert!(!listing.items.is_empty());
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn pages_ending_before_the_reported_total_are_a_shortfall_not_a_silent_end() {
    let sim = start(SimConfig {
        meetings: 500,
        webinars: 0,
        list_records_cap: Some(300),
        ..sim_config()
    })
    .await;
    let (client, store) = client(&sim);
    let session = sign_in(&client).await.session;
    let listing = session.list_meetings(ListType::All).await.unwrap();
    let expected = Shortfall {
        fetched: 300,
        total: Some(500),
        reason: ShortfallReason::EndedBeforeTotal,
    };
    assert_eq!(listing.shortfall(), Some(&expected));
    assert_eq!(listing.items.len(), 300);
    assert_eq!(
        expected.to_string(),
        "fetched 300 of 500 (the server's pages ended before the total it reported)"
    );
    // Again in the same session: the reading was confirmed by this session's probes, so
    // the shortfall is the server's; reported again, without new probes.
    let again = session.list_meetings(ListType::All).await.unwrap();
    assert_eq!(again.shortfall(), Some(&expected));
    assert_eq!(again.requests, 4);
    // A restored session only has the kept reading: the shortfall makes it check the
    // reading (same answer), and the shortfall stands.
    let restored = ZohoClient::new(client_config(&sim), store)
        .unwrap()
        .restore()
        .await
        .unwrap()
        .unwrap();
    let checked = restored.list_meetings(ListType::All).await.unwrap();
    assert_eq!(checked.shortfall(), Some(&expected));
    assert_eq!(checked.requests, 4 + PROBES);
    assert!(
        checked.notes.iter().any(|n| n.contains("checking again")),
        "{:?}",
        checked.notes
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn the_safety_limit_is_a_shortfall_too() {
    let sim = start(reading_config(PagingReading::RecordsFrom1, 350)).await;
    let mut config = client_config(&sim);
    config.paging.max_pages = 2;
    let (client, _) = client_with(config);
    let session = sign_in(&client).await.session;
    let listing = session.list_meetings(ListType::All).await.unwrap();
    assert_eq!(
        listing.shortfall(),
        Some(&Shortfall {
            fetched: 200,
            total: Some(350),
            reason: ShortfallReason::SafetyLimit,
        })
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn the_reading_is_kept_with_the_account_and_checked_again_when_contradicted() {
    let sim = start(reading_config(PagingReading::RecordsFrom1, 350)).await;
    let expected = stored_keys(&sim);
    let (client, store) = client(&sim);
    let session = sign_in(&client).await.session;
    session.list_meetings(ListType::All).await.unwrap();
    let server = session.account().meeting_server.clone();
    let accounts = client.account_store();
    // Kept next to the account for its Meeting host.
    assert_eq!(
        accounts.paging_reading(&server).await.unwrap(),
        Some(PagingReading::RecordsFrom1)
    );

    // A restored session starts with the kept reading: no probe.
    let restored = ZohoClient::new(client_config(&sim), store.clone())
        .unwrap()
        .restore()
        .await
        .unwrap()
        .unwrap();
    sim.clear_requests();
    let listing = restored.list_meetings(ListType::All).await.unwrap();
    assert_exactly_once(&listing, &expected, "restored");
    assert_eq!(listing.requests, 4);

    // A wrong kept reading (as if the server changed): the first page that repeats sessions
    // stops paging, the reading is detected again, and the list is fetched whole.
    for wrong in [PagingReading::PagesFrom1, PagingReading::RecordsFrom0] {
        accounts.save_paging_reading(&server, wrong).await.unwrap();
        let restored = ZohoClient::new(client_config(&sim), store.clone())
            .unwrap()
            .restore()
            .await
            .unwrap()
            .unwrap();
        let listing = restored.list_meetings(ListType::All).await.unwrap();
        assert_exactly_once(&listing, &expected, &format!("kept {wrong:?}"));
        assert_eq!(listing.end, ListEnd::Complete);
        assert_eq!(listing.reading, Some(PagingReading::RecordsFrom1));
        assert!(
            listing.notes.iter().any(|n| n.contains("checking again")),
            "{:?}",
            listing.notes
        );
        assert_eq!(
            accounts.paging_reading(&server).await.unwrap(),
            Some(PagingReading::RecordsFrom1),
            "the corrected reading is kept"
        );
    }
    // Signing out forgets it with the account.
    client.sign_out(Some(&restored)).await.unwrap();
    assert_eq!(accounts.paging_reading(&server).await.unwrap(), None);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_newest_first_list_stops_at_the_instant_asked_for() {
    // The simulator's clock runs in real time from its start. On the real clock a meeting
    // could end while the past list is paged: the list grows by one at its head, every
    // page after shifts, and the pages end one short of the total (seen once under load).
    // Every simulated session starts on a whole or half hour in zones whole or half hours
    // from UTC and lasts a multiple of 15 minutes, so none ends between quarter hours: a
    // start 7.5 minutes past one leaves the test that long before any session can end.
    let start_time =
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 2, 15, 7, 30).unwrap();
    let sim = start(SimConfig {
        start_time: Some(start_time),
        ..reading_config(PagingReading::PagesFrom1, 10_000)
    })
    .await;
    let quiet_until = start_time + chrono::TimeDelta::seconds(7 * 60);
    let ends = sim.meetings().into_iter().map(|m| {
        let m = zoho_core::Meeting::from_map(m.as_object().unwrap().clone()).unwrap();
        m.end.unwrap()
    });
    assert!(
        ends.into_iter()
            .all(|end| end <= start_time || end >= quiet_until),
        "a simulated meeting ends while the test runs"
    );
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    let whole = session.list_meetings(ListType::Past).await.unwrap();
    assert_eq!(whole.end, ListEnd::Complete);
    let since = sim.now() - chrono::TimeDelta::days(7);
    sim.clear_requests();
    let recent = session
        .list_meetings_since(ListType::Past, since)
        .await
        .unwrap();
    assert_eq!(recent.end, ListEnd::ReachedSince);
    // A page asked for ahead and not needed is counted too.
    assert_eq!(meeting_requests(&sim.requests()) as u32, recent.requests);
    assert!(
        recent.requests < whole.requests / 2,
        "{} vs {}",
        recent.requests,
        whole.requests
    );
    // Everything that started since then is there.
    let wanted: HashSet<&String> = whole
        .items
        .iter()
        .filter(|m| m.start.is_some_and(|s| s >= since))
        .map(|m| &m.key)
        .collect();
    let got: HashSet<&String> = recent.items.iter().map(|m| &m.key).collect();
    assert!(!wanted.is_empty() && wanted.is_subset(&got));
    assert!(sim.now() < quiet_until, "the test outran its quiet window");
    sim.shutdown().await;
}

/// What a sync costs, in requests and time, for 1,000 and 10,000 meetings spread over three
/// years of history and six weeks ahead, in each reading: the whole `all` list, and what
/// the app syncs (every upcoming meeting, then the past back to a month view's first day).
/// Run by `bench/paging.sh` (release build); prints a Markdown table.
#[tokio::test]
#[ignore = "a measurement, run by bench/paging.sh"]
async fn sync_cost_table() {
    // A line of its own: the test runner's "test … " prefix ends the line before.
    println!();
    println!("| meetings | reading | whole list: requests | time | app sync: requests | time |");
    println!("|---|---|---|---|---|---|");
    for size in [1_000, 10_000] {
        for reading in PagingReading::ALL {
            let sim = start(SimConfig {
                history_days: 3 * 365,
                ..reading_config(reading, size)
            })
            .await;
            let (client, _) = client(&sim);
            let session = sign_in(&client).await.session;
            // Cold: the detection's probes are part of the first list.
            let started = Instant::now();
            let whole = session.list_meetings(ListType::All).await.unwrap();
            let whole_took = started.elapsed();
            assert_eq!(whole.items.len(), size);
            let since = sim.now() - chrono::TimeDelta::days(36);
            let started = Instant::now();
            let upcoming = session.list_meetings(ListType::Upcoming).await.unwrap();
            let past = session
                .list_meetings_since(ListType::Past, since)
                .await
                .unwrap();
            let app_took = started.elapsed();
            assert_eq!(past.end, ListEnd::ReachedSince);
            println!(
                "| {size} | {} | {} (3 probes + {}) | {:.0} ms | {} | {:.0} ms |",
                reading.describe(),
                whole.requests,
                whole.requests - PROBES,
                whole_took.as_secs_f64() * 1000.0,
                upcoming.requests + past.requests,
                app_took.as_secs_f64() * 1000.0,
            );
            sim.shutdown().await;
        }
    }
}
