use std::sync::Mutex;

use super::*;

/// A desk that records what the actions asked of it.
struct FakeDesk {
    now: DateTime<Utc>,
    events: Vec<CalendarEvent>,
    /// What `create_meeting` answers with (the new meeting's key, host or not, link).
    created_is_host: bool,
    created_link: Option<String>,
    sync_fails: bool,
    done: Mutex<Vec<String>>,
    notices: Mutex<Vec<Notice>>,
    created: Mutex<Vec<NewMeeting>>,
}

impl FakeDesk {
    fn new() -> Self {
        Self {
            now: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            events: Vec::new(),
            created_is_host: true,
            created_link: Some("https://meeting.zoho.com/join?key=9".to_owned()),
            sync_fails: false,
            done: Mutex::new(Vec::new()),
            notices: Mutex::new(Vec::new()),
            created: Mutex::new(Vec::new()),
        }
    }

    fn record(&self, what: String) {
        self.done.lock().unwrap().push(what);
    }

    fn done(&self) -> Vec<String> {
        self.done.lock().unwrap().clone()
    }

    fn notices(&self) -> Vec<Notice> {
        self.notices.lock().unwrap().clone()
    }
}

fn event(key: &str, start_in_minutes: i64, now: DateTime<Utc>, is_host: bool) -> CalendarEvent {
    let start_ms = (now.timestamp_millis() + start_in_minutes * 60_000) as f64;
    CalendarEvent {
        is_host,
        join_link: Some(format!("https://meeting.zoho.com/join?key={key}")),
        ..CalendarEvent::test_meeting(key, start_ms, start_ms + 1_800_000.0)
    }
}

impl Desk for FakeDesk {
    async fn create_meeting(&self, new: NewMeeting) -> Result<CalendarEvent, AppError> {
        let mut created = event("9", 0, new.start, self.created_is_host);
        created.topic = new.topic.clone();
        created.join_link = self.created_link.clone();
        self.created.lock().unwrap().push(new);
        Ok(created)
    }
    async fn event_link(
        &self,
        _kind: EventKind,
        key: String,
        link: EventLink,
    ) -> Result<String, AppError> {
        Ok(format!("https://meeting.zoho.com/{link:?}/{key}"))
    }
    async fn sync(&self) -> Result<(), AppError> {
        self.record("sync".to_owned());
        if self.sync_fails {
            return Err(AppError::new(ErrorCode::Network, "offline"));
        }
        Ok(())
    }
    async fn events(&self) -> Vec<CalendarEvent> {
        self.events.clone()
    }
    fn open_in_browser(&self, url: &str) -> Result<(), AppError> {
        self.record(format!("open {url}"));
        Ok(())
    }
    fn copy_to_clipboard(&self, text: &str) -> Result<(), AppError> {
        self.record(format!("copy {text}"));
        Ok(())
    }
    fn notify(&self, notice: Notice) {
        self.notices.lock().unwrap().push(notice);
    }
    fn show_quick(&self) -> Result<(), AppError> {
        self.record("show quick".to_owned());
        Ok(())
    }
    fn close_quick(&self) {
        self.record("close quick".to_owned());
    }
    fn show_main(&self) {
        self.record("show main".to_owned());
    }
    async fn sign_in(&self) -> Result<(), AppError> {
        Err(AppError::new(ErrorCode::BrowserFailed, "no browser"))
    }
    async fn sign_out(&self) -> Result<(), AppError> {
        self.record("sign out".to_owned());
        Ok(())
    }
    fn quit(&self) {
        self.record("quit".to_owned());
    }
    fn now(&self) -> DateTime<Utc> {
        self.now
    }
    fn zone(&self) -> Tz {
        Tz::UTC
    }
}

#[tokio::test]
async fn meet_now_creates_copies_and_offers_start_to_the_host() {
    let desk = FakeDesk::new();
    perform(&desk, MenuAction::MeetNow).await.unwrap();
    let created = desk.created.lock().unwrap().clone();
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].topic, "Instant meeting");
    assert_eq!(created[0].start, presets::meet_now(desk.now));
    assert_eq!(created[0].duration_minutes, presets::PRESET_MINUTES);
    assert_eq!(created[0].timezone, "UTC");
    assert_eq!(desk.done(), ["copy https://meeting.zoho.com/join?key=9"]);
    let notices = desk.notices();
    assert_eq!(notices[0].summary, "Meeting ready: join link copied");
    let start = MenuAction::Start(EventKind::Meeting, "9".to_owned());
    assert_eq!(notices[0].actions, vec![(start, "Start")]);
}

#[tokio::test]
async fn meet_in_15_without_a_join_link_is_an_error_after_creating() {
    let mut desk = FakeDesk::new();
    desk.created_link = None;
    let error = perform(&desk, MenuAction::MeetIn15).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::NoLink);
    let created = desk.created.lock().unwrap().clone();
    assert_eq!(created[0].start, presets::in_15_minutes(desk.now));
    assert!(desk.notices().is_empty());
}

#[tokio::test]
async fn event_actions_open_or_copy_the_right_link() {
    let desk = FakeDesk::new();
    let kind = EventKind::Meeting;
    perform(&desk, MenuAction::Start(kind, "1".into()))
        .await
        .unwrap();
    perform(&desk, MenuAction::Join(kind, "2".into()))
        .await
        .unwrap();
    perform(&desk, MenuAction::CopyLink(kind, "3".into()))
        .await
        .unwrap();
    assert_eq!(
        desk.done(),
        [
            "open https://meeting.zoho.com/Start/1",
            "open https://meeting.zoho.com/Join/2",
            "copy https://meeting.zoho.com/Join/3",
        ]
    );
}

#[tokio::test]
async fn a_failed_action_is_reported_as_a_notification() {
    let desk = FakeDesk::new();
    perform_and_report(&desk, MenuAction::SignIn).await;
    assert_eq!(desk.notices(), [Notice::new("zmeet", "no browser")]);
}

#[tokio::test]
async fn join_next_starts_the_hosts_meeting_and_joins_anothers() {
    let mut desk = FakeDesk::new();
    desk.events = vec![
        event("host", 3, desk.now, true),
        event("late", 60, desk.now, false),
    ];
    perform(&desk, MenuAction::JoinNext).await.unwrap();
    assert_eq!(
        desk.done(),
        ["sync", "open https://meeting.zoho.com/Start/host"]
    );
    let mut desk = FakeDesk::new();
    desk.events = vec![event("guest", -5, desk.now, false)];
    perform(&desk, MenuAction::JoinNext).await.unwrap();
    assert_eq!(desk.done()[1], "open https://meeting.zoho.com/Join/guest");
}

#[tokio::test]
async fn join_next_with_nothing_soon_says_when_the_next_is_even_offline() {
    let mut desk = FakeDesk::new();
    desk.sync_fails = true;
    desk.events = vec![event("later", 60, desk.now, false)];
    perform(&desk, MenuAction::JoinNext).await.unwrap();
    let notice = &desk.notices()[0];
    assert_eq!(notice.summary, "No meeting in the next 10 minutes");
    assert!(
        notice.body.starts_with("Next: Topic later, "),
        "{}",
        notice.body
    );
    desk.events.clear();
    perform(&desk, MenuAction::JoinNext).await.unwrap();
    assert_eq!(desk.notices()[1].body, "Nothing else is scheduled.");
}

#[tokio::test]
async fn window_and_session_actions_reach_the_desk() {
    let desk = FakeDesk::new();
    for action in [
        MenuAction::Schedule,
        MenuAction::OpenMain,
        MenuAction::SignOut,
        MenuAction::Quit,
    ] {
        perform(&desk, action).await.unwrap();
    }
    assert_eq!(desk.done(), ["show quick", "show main", "sign out", "quit"]);
}

#[tokio::test]
async fn quick_create_copies_notifies_and_closes_but_keeps_the_window_on_bad_input() {
    let desk = FakeDesk::new();
    let input = EventInput {
        topic: "Planning".to_owned(),
        agenda: String::new(),
        date: "2027-01-15".to_owned(),
        time: "10:30".to_owned(),
        duration_minutes: 45,
        timezone: "Europe/Berlin".to_owned(),
        participants: Vec::new(),
    };
    let created = quick_create(&desk, &input).await.unwrap();
    assert_eq!(created.topic, "Planning");
    assert_eq!(
        desk.done(),
        ["copy https://meeting.zoho.com/join?key=9", "close quick"]
    );
    assert_eq!(
        desk.notices()[0].summary,
        "Meeting scheduled: join link copied"
    );
    let desk = FakeDesk::new();
    let blank = EventInput {
        topic: " ".to_owned(),
        ..input
    };
    let error = quick_create(&desk, &blank).await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("topic"));
    assert!(desk.done().is_empty());
}

#[test]
fn quick_defaults_start_at_the_next_local_half_hour_when_signed_in() {
    let now = DateTime::parse_from_rfc3339("2027-01-15T10:07:00Z")
        .unwrap()
        .to_utc();
    let zone: Tz = "Asia/Kathmandu".parse().unwrap();
    let input = quick_defaults(SignInState::SignedIn, now, zone).unwrap();
    // 10:07 UTC is 15:52 in Kathmandu (UTC+5:45).
    assert_eq!(
        (input.date.as_str(), input.time.as_str()),
        ("2027-01-15", "16:00")
    );
    assert_eq!(input.timezone, "Asia/Kathmandu");
    assert_eq!(input.duration_minutes, presets::PRESET_MINUTES);
    assert!(input.topic.is_empty() && input.participants.is_empty());
    let signed_out = quick_defaults(SignInState::SignedOut, now, zone).unwrap_err();
    assert_eq!(signed_out.code, ErrorCode::SignedOut);
}
