//! Seeded demo data: repeatable, realistic spread, size knob.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use zoho_sim::SimConfig;

use crate::common::*;

#[tokio::test]
async fn same_seed_gives_the_same_data_and_another_seed_different_data() {
    let first = start(SimConfig {
        seed: 11,
        ..config()
    })
    .await;
    let again = start(SimConfig {
        seed: 11,
        ..config()
    })
    .await;
    let other = start(SimConfig {
        seed: 12,
        ..config()
    })
    .await;
    assert_eq!(first.meetings(), again.meetings());
    assert_eq!(first.webinars(), again.webinars());
    assert_eq!(first.info().user, again.info().user);
    assert_ne!(first.meetings(), other.meetings());
}

#[tokio::test]
async fn default_data_is_forty_meetings_and_ten_webinars_over_twelve_weeks() {
    let sim = start(config()).await;
    let meetings = sim.meetings();
    assert_eq!((meetings.len(), sim.webinars().len()), (40, 10));
    let zones: HashSet<&str> = meetings
        .iter()
        .map(|m| m["timezone"].as_str().unwrap())
        .collect();
    assert!(zones.len() >= 4, "{zones:?}");
    let topics: HashSet<&str> = meetings
        .iter()
        .map(|m| m["topic"].as_str().unwrap())
        .collect();
    assert!(topics.len() >= 15, "{topics:?}");
    assert!(
        meetings
            .iter()
            .all(|m| !m["participants"].as_array().unwrap().is_empty())
    );
    assert!(
        meetings
            .iter()
            .all(|m| m["presenterEmail"] == sim.info().user.email)
    );
    // Every start lies within six weeks (plus a day) of the start instant.
    let origin = fixed_start();
    for meeting in &meetings {
        let text = meeting["startTime"].as_str().unwrap();
        let zone: chrono_tz::Tz = meeting["timezone"].as_str().unwrap().parse().unwrap();
        let wall = text.rsplit_once(' ').unwrap().0;
        let naive = chrono::NaiveDateTime::parse_from_str(wall, "%b %d, %Y %I:%M %p").unwrap();
        let start: DateTime<Utc> = naive
            .and_local_timezone(zone)
            .earliest()
            .unwrap()
            .with_timezone(&Utc);
        assert!((start - origin).num_days().abs() <= 43, "{text}");
    }
    let keys: HashSet<u64> = meetings
        .iter()
        .map(|m| m["meetingKey"].as_u64().unwrap())
        .collect();
    assert_eq!(keys.len(), 40);
}

#[tokio::test]
async fn size_knob_builds_thousands_of_meetings_quickly() {
    let began = Instant::now();
    let sim = start(SimConfig {
        meetings: 20_000,
        webinars: 1_000,
        ..config()
    })
    .await;
    assert!(
        began.elapsed() < Duration::from_secs(10),
        "{:?}",
        began.elapsed()
    );
    let token = login(&sim).await.access;
    let (_, body) = get(
        &sim,
        &format!(
            "{}/sessions.json?listtype=all&index=1&count=1000",
            org(&sim)
        ),
        &token,
    )
    .await;
    assert_eq!(body["count"], 20_000);
    assert_eq!(body["session"].as_array().unwrap().len(), 1000);
    assert_eq!(sim.webinars().len(), 1000);
}
