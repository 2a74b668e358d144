//! The tray menu as data, built from the account's state and the synced events, so it is
//! tested without a tray.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::action::MenuAction;
use super::next_meeting::{NextMeeting, next_meeting, starts_in};
use crate::account::SignInState;
use crate::calendar::{CalendarEvent, EventKind};

/// How many upcoming events the menu lists.
pub const UPCOMING_LIMIT: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub enum MenuEntry {
    Item {
        action: MenuAction,
        label: String,
        enabled: bool,
    },
    /// A line of text that does nothing (a heading or a note).
    Note(String),
    Submenu {
        label: String,
        items: Vec<MenuEntry>,
    },
    Separator,
}

fn item(action: MenuAction, label: impl Into<String>, enabled: bool) -> MenuEntry {
    MenuEntry::Item {
        action,
        label: label.into(),
        enabled,
    }
}

/// The instants `[from_ms, to_ms)` of the events [`build`] can use at `now`: those not yet
/// ended that start before the end of tomorrow on any clock (three days on, a margin for
/// every zone and DST change). The caller hands over only these: the whole synced copy
/// would be cloned for nothing on every minute's tick.
pub fn events_span(now: DateTime<Utc>) -> (f64, f64) {
    let now_ms = now.timestamp_millis() as f64;
    (now_ms, (now + Duration::days(3)).timestamp_millis() as f64)
}

/// Builds the menu. `events` may hold anything synced; only those not yet ended that start
/// before the end of tomorrow (on `zone`'s clock) are listed, earliest first.
pub fn build<Tz: TimeZone>(
    state: SignInState,
    events: &[CalendarEvent],
    now: DateTime<Utc>,
    zone: &Tz,
) -> Vec<MenuEntry>
where
    Tz::Offset: std::fmt::Display,
{
    let signed_in = state == SignInState::SignedIn;
    let mut menu = Vec::new();
    // A meeting running or about to start comes first: one click joins it.
    if signed_in && let NextMeeting::Soon(event) = next_meeting(events, now) {
        let topic: String = event.topic.chars().take(60).collect();
        let label = format!("Join {topic} ({})", starts_in(event, now));
        menu.push(item(MenuAction::JoinNext, label, true));
    }
    menu.extend([
        item(MenuAction::MeetNow, "Meet now", signed_in),
        item(MenuAction::MeetIn15, "Meeting in 15 minutes", signed_in),
        item(MenuAction::Schedule, "Schedule…", signed_in),
        MenuEntry::Separator,
    ]);
    let upcoming = upcoming(events, now, zone);
    if !signed_in {
        menu.push(MenuEntry::Note(match state {
            SignInState::Connecting => "Connecting…".to_owned(),
            SignInState::SigningIn => "Signing in…".to_owned(),
            _ => "Sign in to see your meetings".to_owned(),
        }));
    } else if upcoming.is_empty() {
        menu.push(MenuEntry::Note("Nothing more today or tomorrow".to_owned()));
    } else {
        menu.push(MenuEntry::Note("Next up".to_owned()));
        for event in upcoming {
            menu.push(event_submenu(event, now, zone));
        }
    }
    menu.push(MenuEntry::Separator);
    menu.push(item(MenuAction::OpenMain, "Open zmeet", true));
    menu.push(match state {
        SignInState::SignedIn => item(MenuAction::SignOut, "Sign out", true),
        SignInState::SigningIn | SignInState::Connecting => {
            item(MenuAction::SignIn, "Sign in", false)
        }
        SignInState::SignedOut => item(MenuAction::SignIn, "Sign in", true),
    });
    menu.push(item(MenuAction::Quit, "Quit", true));
    menu
}

fn upcoming<'a, Tz: TimeZone>(
    events: &'a [CalendarEvent],
    now: DateTime<Utc>,
    zone: &Tz,
) -> Vec<&'a CalendarEvent> {
    let today = now.with_timezone(zone).date_naive();
    let day_after_tomorrow = today + Duration::days(2);
    let horizon = zone
        .from_local_datetime(&day_after_tomorrow.and_hms_opt(0, 0, 0).expect("midnight"))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now + Duration::days(2));
    let now_ms = now.timestamp_millis() as f64;
    let horizon_ms = horizon.timestamp_millis() as f64;
    let mut list: Vec<&CalendarEvent> = events
        .iter()
        .filter(|e| e.overlaps(now_ms, horizon_ms))
        .collect();
    list.sort_by(|a, b| a.start_ms.total_cmp(&b.start_ms));
    list.truncate(UPCOMING_LIMIT);
    list
}

fn event_submenu<Tz: TimeZone>(event: &CalendarEvent, now: DateTime<Utc>, zone: &Tz) -> MenuEntry
where
    Tz::Offset: std::fmt::Display,
{
    let start = DateTime::from_timestamp_millis(event.start_ms as i64)
        .unwrap_or(now)
        .with_timezone(zone);
    let is_today = start.date_naive() == now.with_timezone(zone).date_naive();
    let when = if event.start_ms <= now.timestamp_millis() as f64 {
        "Now".to_owned()
    } else if is_today {
        start.format("%H:%M").to_string()
    } else {
        start.format("Tomorrow %H:%M").to_string()
    };
    let kind = match event.kind {
        EventKind::Meeting => "",
        EventKind::Webinar => " (webinar)",
    };
    let topic: String = event.topic.chars().take(60).collect();
    let mut items = Vec::new();
    if event.is_host {
        items.push(item(
            MenuAction::Start(event.kind, event.key.clone()),
            "Start",
            true,
        ));
    }
    let has_link = event.join_link.is_some();
    items.push(item(
        MenuAction::Join(event.kind, event.key.clone()),
        "Join",
        has_link,
    ));
    items.push(item(
        MenuAction::CopyLink(event.kind, event.key.clone()),
        "Copy link",
        has_link,
    ));
    MenuEntry::Submenu {
        label: format!("{when}  {topic}{kind}"),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn event(key: &str, start: &str, minutes: i64, host: bool, kind: EventKind) -> CalendarEvent {
        let start = utc(start);
        CalendarEvent {
            kind,
            timezone: "Europe/Berlin".into(),
            is_host: host,
            join_link: Some(format!("https://meeting.example/join?key={key}")),
            ..CalendarEvent::test_meeting(
                key,
                start.timestamp_millis() as f64,
                (start + Duration::minutes(minutes)).timestamp_millis() as f64,
            )
        }
    }

    fn labels(menu: &[MenuEntry]) -> Vec<String> {
        menu.iter()
            .map(|entry| match entry {
                MenuEntry::Item { label, .. }
                | MenuEntry::Note(label)
                | MenuEntry::Submenu { label, .. } => label.clone(),
                MenuEntry::Separator => "---".into(),
            })
            .collect()
    }

    #[test]
    fn the_events_span_holds_every_event_the_menu_can_use() {
        let now = utc("2026-11-28T22:30:00Z");
        let events: Vec<CalendarEvent> = (-48..120)
            .map(|hour| {
                let start = now + Duration::hours(hour) + Duration::minutes(7);
                let start = start.to_rfc3339();
                event(
                    &format!("e{hour}"),
                    &start,
                    60,
                    hour % 2 == 0,
                    EventKind::Meeting,
                )
            })
            .collect();
        let (from_ms, to_ms) = events_span(now);
        let spanned: Vec<CalendarEvent> = (events.iter())
            .filter(|e| e.overlaps(from_ms, to_ms))
            .cloned()
            .collect();
        assert!(spanned.len() < events.len());
        for zone in [
            chrono_tz::Pacific::Kiritimati,
            Berlin,
            chrono_tz::Pacific::Pago_Pago,
        ] {
            for state in [SignInState::SignedIn, SignInState::SignedOut] {
                assert_eq!(
                    build(state, &spanned, now, &zone),
                    build(state, &events, now, &zone)
                );
            }
        }
    }

    #[test]
    fn lists_the_next_five_of_today_and_tomorrow_in_local_time() {
        // Now: Saturday 28 Nov 2026, 10:00 in Berlin (09:00 UTC).
        let now = utc("2026-11-28T09:00:00Z");
        let events = vec![
            event("past", "2026-11-28T07:00:00Z", 60, true, EventKind::Meeting),
            event(
                "running",
                "2026-11-28T08:30:00Z",
                60,
                true,
                EventKind::Meeting,
            ),
            event(
                "later",
                "2026-11-28T13:00:00Z",
                30,
                false,
                EventKind::Meeting,
            ),
            event("web", "2026-11-28T15:00:00Z", 60, true, EventKind::Webinar),
            event(
                "tomorrow",
                "2026-11-29T08:00:00Z",
                30,
                true,
                EventKind::Meeting,
            ),
            event(
                "late-tomorrow",
                "2026-11-29T22:30:00Z",
                30,
                true,
                EventKind::Meeting,
            ),
            // Monday 00:30 in Berlin: the day after tomorrow, not listed.
            event(
                "monday",
                "2026-11-29T23:30:00Z",
                30,
                true,
                EventKind::Meeting,
            ),
        ];
        let menu = build(SignInState::SignedIn, &events, now, &Berlin);
        let labels = labels(&menu);
        // The running meeting is also the first item, to join it (see the next test).
        assert_eq!(labels[0], "Join Topic running (now)");
        let listed: Vec<&String> = labels.iter().filter(|l| l.contains("  Topic")).collect();
        assert_eq!(
            listed,
            [
                "Now  Topic running",
                "14:00  Topic later",
                "16:00  Topic web (webinar)",
                "Tomorrow 09:00  Topic tomorrow",
                "Tomorrow 23:30  Topic late-tomorrow",
            ]
        );
        assert_eq!(labels.last().unwrap(), "Quit");
        assert!(labels.contains(&"Sign out".to_owned()));
    }

    #[test]
    fn start_only_for_the_host_and_join_copy_for_everyone() {
        let now = utc("2026-11-28T09:00:00Z");
        let events = vec![
            event("mine", "2026-11-28T10:00:00Z", 30, true, EventKind::Meeting),
            event(
                "theirs",
                "2026-11-28T11:00:00Z",
                30,
                false,
                EventKind::Meeting,
            ),
        ];
        let menu = build(SignInState::SignedIn, &events, now, &Berlin);
        let submenus: Vec<&Vec<MenuEntry>> = menu
            .iter()
            .filter_map(|e| match e {
                MenuEntry::Submenu { items, .. } => Some(items),
                _ => None,
            })
            .collect();
        assert_eq!(labels(submenus[0]), ["Start", "Join", "Copy link"]);
        assert_eq!(labels(submenus[1]), ["Join", "Copy link"]);
        assert_eq!(
            submenus[0][0],
            item(
                MenuAction::Start(EventKind::Meeting, "mine".into()),
                "Start",
                true
            )
        );
    }

    #[test]
    fn signed_out_offers_sign_in_and_disables_creating() {
        let menu = build(
            SignInState::SignedOut,
            &[],
            utc("2026-11-28T09:00:00Z"),
            &Berlin,
        );
        assert_eq!(menu[0], item(MenuAction::MeetNow, "Meet now", false));
        assert!(menu.contains(&item(MenuAction::SignIn, "Sign in", true)));
        assert!(menu.contains(&MenuEntry::Note("Sign in to see your meetings".into())));
        assert!(menu.contains(&item(MenuAction::OpenMain, "Open zmeet", true)));
    }

    #[test]
    fn a_meeting_about_to_start_becomes_the_first_item() {
        let now = utc("2026-11-28T09:00:00Z");
        let events = vec![
            event(
                "soon",
                "2026-11-28T09:03:00Z",
                30,
                false,
                EventKind::Meeting,
            ),
            event(
                "later",
                "2026-11-28T13:00:00Z",
                30,
                true,
                EventKind::Meeting,
            ),
        ];
        let menu = build(SignInState::SignedIn, &events, now, &Berlin);
        assert_eq!(
            menu[0],
            item(MenuAction::JoinNext, "Join Topic soon (in 3 min)", true)
        );
        assert_eq!(menu[1], item(MenuAction::MeetNow, "Meet now", true));

        // Nothing within ten minutes: the menu starts with Meet now, as before.
        let later_only = &events[1..];
        let menu = build(SignInState::SignedIn, later_only, now, &Berlin);
        assert_eq!(menu[0], item(MenuAction::MeetNow, "Meet now", true));
        // Signed out, nothing can be joined.
        let menu = build(SignInState::SignedOut, &events, now, &Berlin);
        assert_eq!(menu[0], item(MenuAction::MeetNow, "Meet now", false));
    }

    #[test]
    fn an_empty_day_says_so() {
        let menu = build(
            SignInState::SignedIn,
            &[],
            utc("2026-11-28T09:00:00Z"),
            &Berlin,
        );
        assert!(menu.contains(&MenuEntry::Note("Nothing more today or tomorrow".into())));
    }
}
