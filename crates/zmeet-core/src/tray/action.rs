//! Every tray menu action as a typed value. Menu item ids are derived from it and parsed
//! back, so no id string is written anywhere else.

use std::fmt;
use std::str::FromStr;

use crate::calendar::EventKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuAction {
    /// An instant meeting starting now for 30 minutes.
    MeetNow,
    /// A meeting starting in 15 minutes.
    MeetIn15,
    /// Opens the quick-create window.
    Schedule,
    Start(EventKind, String),
    Join(EventKind, String),
    CopyLink(EventKind, String),
    OpenMain,
    SignIn,
    SignOut,
    Quit,
    /// Joins the meeting running now or starting soon (see `next_meeting`); with none,
    /// says when the next one is.
    JoinNext,
}

impl fmt::Display for MenuAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let event = |f: &mut fmt::Formatter<'_>, verb: &str, kind: &EventKind, key: &str| {
            write!(f, "event:{verb}:{}:{key}", kind_name(*kind))
        };
        match self {
            MenuAction::MeetNow => f.write_str("meet-now"),
            MenuAction::MeetIn15 => f.write_str("meet-in-15"),
            MenuAction::Schedule => f.write_str("schedule"),
            MenuAction::Start(kind, key) => event(f, "start", kind, key),
            MenuAction::Join(kind, key) => event(f, "join", kind, key),
            MenuAction::CopyLink(kind, key) => event(f, "copy", kind, key),
            MenuAction::OpenMain => f.write_str("open"),
            MenuAction::SignIn => f.write_str("sign-in"),
            MenuAction::SignOut => f.write_str("sign-out"),
            MenuAction::Quit => f.write_str("quit"),
            MenuAction::JoinNext => f.write_str("join-next"),
        }
    }
}

fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Meeting => "meeting",
        EventKind::Webinar => "webinar",
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct UnknownAction(pub String);

impl FromStr for MenuAction {
    type Err = UnknownAction;

    fn from_str(id: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownAction(id.to_owned());
        Ok(match id {
            "meet-now" => MenuAction::MeetNow,
            "meet-in-15" => MenuAction::MeetIn15,
            "schedule" => MenuAction::Schedule,
            "open" => MenuAction::OpenMain,
            "sign-in" => MenuAction::SignIn,
            "sign-out" => MenuAction::SignOut,
            "quit" => MenuAction::Quit,
            "join-next" => MenuAction::JoinNext,
            _ => {
                let mut parts = id.splitn(4, ':');
                let (Some("event"), Some(verb), Some(kind), Some(key)) =
                    (parts.next(), parts.next(), parts.next(), parts.next())
                else {
                    return Err(unknown());
                };
                let kind = match kind {
                    "meeting" => EventKind::Meeting,
                    "webinar" => EventKind::Webinar,
                    _ => return Err(unknown()),
                };
                if key.is_empty() {
                    return Err(unknown());
                }
                let key = key.to_owned();
                match verb {
                    "start" => MenuAction::Start(kind, key),
                    "join" => MenuAction::Join(kind, key),
                    "copy" => MenuAction::CopyLink(kind, key),
                    _ => return Err(unknown()),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_survives_the_round_trip_through_its_id() {
        let actions = [
            MenuAction::MeetNow,
            MenuAction::MeetIn15,
            MenuAction::Schedule,
            MenuAction::Start(EventKind::Meeting, "1169128522".into()),
            MenuAction::Join(EventKind::Webinar, "77:88".into()),
            MenuAction::CopyLink(EventKind::Meeting, "k".into()),
            MenuAction::OpenMain,
            MenuAction::SignIn,
            MenuAction::SignOut,
            MenuAction::Quit,
            MenuAction::JoinNext,
        ];
        let mut ids = std::collections::HashSet::new();
        for action in actions {
            let id = action.to_string();
            assert!(ids.insert(id.clone()), "duplicate id {id}");
            assert_eq!(id.parse::<MenuAction>(), Ok(action));
        }
    }

    #[test]
    fn unknown_ids_are_refused() {
        for id in [
            "",
            "meet",
            "event:join:meeting:",
            "event:dance:meeting:1",
            "event:join:party:1",
        ] {
            assert!(id.parse::<MenuAction>().is_err(), "{id}");
        }
    }
}
