//! Builds the demo org from a seed: the same seed and start day always give the same user
//! and sessions, spread over the six weeks (or `history_days`) before the start day and the
//! six weeks after it.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::topics::{
    AGENDAS, DURATIONS_MIN, EXTERNAL_DOMAINS, FIRST_NAMES, LAST_NAMES, MEETING_TOPICS, ORG_NAMES,
    TEAMS, TIME_ZONES, WEBINAR_TOPICS,
};
use crate::store::{DemoUser, Participant, SessionKind, Store, StoredSession};

/// How far before and after the start day sessions are spread.
const SPREAD_DAYS: i64 = 42;

pub struct SeedSpec {
    pub seed: u64,
    pub meetings: usize,
    pub webinars: usize,
    pub dc: String,
    /// Sessions are laid out around the UTC day containing this instant.
    pub origin: DateTime<Utc>,
    /// Days before the origin that sessions are spread over (after it: always 42).
    pub history_days: u32,
}

pub fn generate(spec: &SeedSpec) -> Store {
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let user = demo_user(&mut rng);
    let mut store = Store {
        user,
        dc: spec.dc.clone(),
        sessions: BTreeMap::new(),
        rng: rng.clone(),
    };
    let anchor = spec.origin.date_naive();
    for kind in [
        (SessionKind::Meeting, spec.meetings),
        (SessionKind::Webinar, spec.webinars),
    ] {
        for _ in 0..kind.1 {
            let session = demo_session(&mut store, kind.0, anchor, i64::from(spec.history_days));
            store.sessions.insert(session.key, session);
        }
    }
    store
}

fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

fn demo_user(rng: &mut StdRng) -> DemoUser {
    let first_name = pick(rng, FIRST_NAMES).to_string();
    let last_name = pick(rng, LAST_NAMES).to_string();
    let org_name = pick(rng, ORG_NAMES).to_string();
    let org_domain = format!(
        "{}.example",
        org_name
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-")
    );
    DemoUser {
        zsoid: rng.random_range(10_000_000..100_000_000),
        zuid: rng.random_range(10_000_000..100_000_000),
        email: format!(
            "{}.{}@{org_domain}",
            first_name.to_lowercase(),
            last_name.to_lowercase()
        ),
        first_name,
        last_name,
        org_name,
        org_domain,
    }
}

fn demo_session(
    store: &mut Store,
    kind: SessionKind,
    anchor: chrono::NaiveDate,
    history_days: i64,
) -> StoredSession {
    let rng = &mut store.rng;
    let day_offset = rng.random_range(-history_days..=SPREAD_DAYS);
    let timezone = pick(rng, TIME_ZONES).to_string();
    let hour = rng.random_range(8..=17);
    let minute = if rng.random_bool(0.5) { 0 } else { 30 };
    let duration_min = pick_duration(rng, kind);
    let team = pick(rng, TEAMS);
    let topics = if kind == SessionKind::Meeting {
        MEETING_TOPICS
    } else {
        WEBINAR_TOPICS
    };
    let topic = pick(rng, topics).replace("{team}", team);
    let agenda = pick(rng, AGENDAS).to_string();
    let participant_count = if kind == SessionKind::Meeting {
        rng.random_range(1..=6)
    } else {
        rng.random_range(3..=12)
    };
    let emails: Vec<String> = (0..participant_count)
        .map(|_| participant_email(store))
        .collect();

    let day = if day_offset >= 0 {
        anchor.checked_add_days(Days::new(day_offset as u64))
    } else {
        anchor.checked_sub_days(Days::new(day_offset.unsigned_abs()))
    }
    .expect("date in range");
    let local = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time"));
    let zone: Tz = timezone.parse().expect("listed zones parse");
    // 08:00–17:30 never falls in a DST gap in the listed zones; fall back to UTC regardless.
    let start = zone
        .from_local_datetime(&local)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local));

    let key = store.new_key();
    let (pwd, encrypt_pwd) = store.new_password(key);
    let participants = emails
        .into_iter()
        .map(|email| Participant {
            id: store.new_participant_id(),
            email,
        })
        .collect();
    StoredSession {
        key,
        kind,
        topic,
        agenda,
        presenter_zuid: store.user.zuid,
        start,
        duration_ms: duration_min * 60_000,
        timezone,
        participants,
        pwd,
        encrypt_pwd,
        sys_id: store.new_sys_id(),
        embed_token: store.new_embed_token(),
    }
}

fn pick_duration(rng: &mut StdRng, kind: SessionKind) -> i64 {
    match kind {
        SessionKind::Meeting => DURATIONS_MIN[rng.random_range(0..DURATIONS_MIN.len())],
        SessionKind::Webinar => [45, 60, 90][rng.random_range(0..3)],
    }
}

/// A colleague at the org's domain most of the time, sometimes an outside guest.
fn participant_email(store: &mut Store) -> String {
    let rng = &mut store.rng;
    let first = pick(rng, FIRST_NAMES).to_lowercase();
    let last = pick(rng, LAST_NAMES).to_lowercase();
    if rng.random_bool(0.7) {
        format!("{first}.{last}@{}", store.user.org_domain)
    } else {
        format!("{first}@{}", pick(rng, EXTERNAL_DOMAINS))
    }
}
