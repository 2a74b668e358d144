//! The Meeting API against the simulator: user, meetings and webinars CRUD, paging cost,
//! error mapping, injected faults.

mod common;

use std::time::Duration;

use chrono::{TimeZone, Timelike, Utc};
use common::*;
use zoho_core::{Error, ListType, MeetingPatch, NewMeeting, ZohoClient};
use zoho_sim::{FaultConfig, FaultHosts, RateFault, ServerErrorFault, SimConfig};

fn new_meeting(topic: &str) -> NewMeeting {
    NewMeeting {
        topic: topic.into(),
        agenda: Some("Agenda".into()),
        start: Utc.with_ymd_and_hms(2031, 3, 9, 6, 30, 0).unwrap(),
        duration_minutes: 45,
        timezone: "America/New_York".into(),
        participants: vec!["guest@example.com".into()],
        presenter: None,
    }
}

#[tokio::test]
async fn meeting_crud_round_trip() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    let before = session.list_meetings(ListType::All).await.unwrap().items;
    assert_eq!(before.len(), sim.meetings().len());

    let created = session
        .create_meeting(&new_meeting("Planning"))
        .await
        .unwrap();
    assert_eq!(created.topic.as_deref(), Some("Planning"));
    assert_eq!(created.start, Some(new_meeting("x").start));
    assert_eq!(created.duration_ms, Some(45 * 60_000));
    assert_eq!(
        created.presenter.as_deref(),
        Some(sim.info().user.zuid.as_str())
    );
    assert!(
        sim.requests()
            .iter()
            .any(|r| r.method == "POST" && r.status == 201)
    );

    let fetched = session.get_meeting(&created.key).await.unwrap();
    assert_eq!(fetched.key, created.key);
    assert_eq!(fetched.start, created.start);

    let new_start = Utc.with_ymd_and_hms(2031, 3, 10, 7, 0, 0).unwrap();
    let patch = MeetingPatch {
        topic: Some("Planning v2".into()),
        start: Some(new_start),
        timezone: Some("Asia/Calcutta".into()),
        ..Default::default()
    };
    let edited = session.edit_meeting(&created.key, &patch).await.unwrap();
    assert_eq!(edited.topic.as_deref(), Some("Planning v2"));
    assert_eq!(edited.start, Some(new_start));
    let after_edit = session.get_meeting(&created.key).await.unwrap();
    assert_eq!(after_edit.topic.as_deref(), Some("Planning v2"));
    assert_eq!(after_edit.start.map(|s| s.minute()), Some(0));

    session.delete_meeting(&created.key).await.unwrap();
    assert!(
        sim.requests()
            .iter()
            .any(|r| r.method == "DELETE" && r.status == 204)
    );
    let err = session.get_meeting(&created.key).await.unwrap_err();
    assert!(matches!(err, Error::NotFound), "{err:?}");
    let err = session.delete_meeting(&created.key).await.unwrap_err();
    assert!(matches!(err, Error::NotFound), "{err:?}");
    assert_eq!(
        session
            .list_meetings(ListType::All)
            .await
            .unwrap()
            .items
            .len(),
        before.len()
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn webinar_crud_round_trip() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    let listed = session.list_webinars(ListType::All).await.unwrap().items;
    assert_eq!(listed.len(), sim.webinars().len());
    let created = session
        .create_webinar(&new_meeting("Launch"))
        .await
        .unwrap();
    assert!(
        sim.requests()
            .iter()
            .any(|r| r.path.ends_with("/webinar.json") && r.status == 201)
    );
    let fetched = session.get_webinar(&created.key).await.unwrap();
    assert_eq!(fetched.topic.as_deref(), Some("Launch"));
    let patch = MeetingPatch {
        duration_minutes: Some(90),
        ..Default::default()
    };
    let edited = session.edit_webinar(&created.key, &patch).await.unwrap();
    assert_eq!(edited.duration_ms, Some(90 * 60_000));
    session.delete_webinar(&created.key).await.unwrap();
    assert_eq!(
        session.get_webinar(&created.key).await.unwrap_err().code(),
        "not_found"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn list_types_partition_the_meetings() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    let all = session.list_meetings(ListType::All).await.unwrap().items;
    let upcoming = session
        .list_meetings(ListType::Upcoming)
        .await
        .unwrap()
        .items;
    let past = session.list_meetings(ListType::Past).await.unwrap().items;
    let today = session.list_meetings(ListType::Today).await.unwrap().items;
    assert_eq!(upcoming.len() + past.len(), all.len());
    assert!(today.len() <= all.len());
    assert!(
        all.iter()
            .all(|m| m.start.is_some() && m.timezone.is_some())
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn syncing_1000_meetings_costs_at_most_1_2x_the_raw_fetches() {
    let sim = start(SimConfig {
        meetings: 1000,
        ..sim_config()
    })
    .await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    // The paging reading is detected once per endpoint set (3 small probes), then
    // remembered: this sync's cost is the pages alone.
    session.list_webinars(ListType::All).await.unwrap();
    assert!(session.paging_reading().is_some());
    sim.clear_requests();
    let all = session.list_meetings(ListType::All).await.unwrap().items;
    assert_eq!(all.len(), 1000);
    let mut keys: Vec<_> = all.iter().map(|m| m.key.clone()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 1000, "no duplicates, none missing");
    let raw_fetches = 1000usize.div_ceil(100);
    let made = sim.requests().len();
    assert!(
        made as f64 <= 1.2 * raw_fetches as f64,
        "{made} requests for {raw_fetches} pages"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn paging_works_with_page_numbers_and_zero_base() {
    let sim = start(SimConfig {
        meetings: 23,
        list_index_base: 0,
        list_index_is_page: true,
        ..sim_config()
    })
    .await;
    let mut config = client_config(&sim);
    config.paging.first_index = 0;
    config.paging.index_is_page = true;
    config.paging.page_size = 5;
    // Told, not detected.
    config.paging.detect = false;
    let (client, _) = client_with(config);
    let session = sign_in(&client).await.session;
    let all = session.list_meetings(ListType::All).await.unwrap().items;
    assert_eq!(all.len(), 23);
    sim.shutdown().await;
}

#[tokio::test]
async fn invalid_input_is_refused_before_any_request() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    sim.clear_requests();
    let mut bad = new_meeting("");
    let err = session.create_meeting(&bad).await.unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, .. } if field == "topic"),
        "{err:?}"
    );
    bad = new_meeting("ok");
    bad.timezone = "Atlantis/Capital".into();
    assert_eq!(
        session.create_meeting(&bad).await.unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        session.get_meeting("../user").await.unwrap_err().code(),
        "invalid_input"
    );
    assert!(sim.requests().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn server_side_validation_errors_keep_their_details() {
    // The simulator rejects a presenter that is not the user (a GAP choice): the error is
    // typed with Zoho's code and key.
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    let mut meeting = new_meeting("Someone else presents");
    meeting.presenter = Some("not-a-zuid".into());
    let err = session.create_meeting(&meeting).await.unwrap_err();
    match err {
        Error::Api { status, code, .. } => {
            assert_eq!(status, 400);
            assert!(code.is_some());
        }
        other => panic!("{other:?}"),
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn another_organisation_is_forbidden() {
    let sim = start(sim_config()).await;
    let (client, store) = client(&sim);
    sign_in(&client).await;
    // Tamper with the stored zsoid: the Meeting host answers 3001.
    let account = client.account_store().account().await.unwrap().unwrap();
    let mut other = account.clone();
    other.zsoid = "999".into();
    let token = client
        .account_store()
        .refresh_token()
        .await
        .unwrap()
        .unwrap();
    client.account_store().save(&other, &token).await.unwrap();
    let session = ZohoClient::new(client_config(&sim), store)
        .unwrap()
        .restore()
        .await
        .unwrap()
        .unwrap();
    let err = session.list_meetings(ListType::All).await.unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn transient_server_errors_and_resets_end_in_success() {
    let sim = start(SimConfig {
        meetings: 150,
        ..sim_config()
    })
    .await;
    let mut config = client_config(&sim);
    config.http.retries = 4;
    let (client, _) = client_with(config);
    let session = sign_in(&client).await.session;
    sim.set_faults(FaultConfig {
        server_errors: Some(ServerErrorFault {
            rate: 0.3,
            status: 503,
            hosts: FaultHosts::All,
        }),
        resets: Some(RateFault {
            rate: 0.1,
            hosts: FaultHosts::All,
        }),
        ..FaultConfig::default()
    });
    sim.expire_all_access_tokens();
    let mut successes = 0;
    for _ in 0..5 {
        // Each outcome is a success or a typed error; with retries nearly all succeed.
        match session.list_meetings(ListType::All).await {
            Ok(list) => {
                assert_eq!(list.items.len(), 150);
                successes += 1;
            }
            Err(e) => assert!(["network", "api_error"].contains(&e.code()), "{e:?}"),
        }
    }
    assert!(successes >= 3, "{successes} of 5");
    sim.shutdown().await;
}

#[tokio::test]
async fn hangs_end_in_a_network_timeout_and_5xx_without_retries_in_api_error() {
    let sim = start(sim_config()).await;
    let mut config = client_config(&sim);
    config.http.timeout = Duration::from_millis(400);
    config.http.retries = 0;
    let (client, _) = client_with(config);
    let session = sign_in(&client).await.session;
    sim.set_faults(FaultConfig {
        hangs: Some(RateFault {
            rate: 1.0,
            hosts: FaultHosts::Meeting,
        }),
        ..FaultConfig::default()
    });
    let err = session.current_user().await.unwrap_err();
    assert!(matches!(err, Error::Network(_)), "{err:?}");
    sim.set_faults(FaultConfig {
        server_errors: Some(ServerErrorFault {
            rate: 1.0,
            status: 500,
            hosts: FaultHosts::Meeting,
        }),
        ..FaultConfig::default()
    });
    let err = session.current_user().await.unwrap_err();
    assert!(matches!(err, Error::Api { status: 500, .. }), "{err:?}");
    sim.set_faults(FaultConfig::default());
    session.current_user().await.unwrap();
    sim.shutdown().await;
}

#[tokio::test]
async fn a_closed_port_is_a_network_error() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    sim.shutdown().await;
    let err = session.list_meetings(ListType::All).await.unwrap_err();
    assert!(matches!(err, Error::Network(_)), "{err:?}");
}

#[tokio::test]
async fn an_html_page_instead_of_json_is_unexpected_response() {
    let stub = stub::serve(200, "text/html", "<html>maintenance</html>").await;
    let mut endpoints = zoho_core::Endpoints::empty();
    endpoints
        .set(zoho_core::DataCenter::Us, &stub.base, &stub.base)
        .unwrap();
    let mut config = zoho_core::ZohoConfig::new("id", Some(zoho_core::Secret::new("s")));
    config.endpoints = endpoints;
    config.http = fast_http();
    let (client, _) = client_with(config);
    let pending = client
        .begin_sign_in(zoho_core::RedirectKind::DeepLink)
        .await
        .unwrap();
    let state = pending
        .authorization_url()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let callback = format!("dev.zmeet.desktop:/oauth/callback?code=c&state={state}&location=us");
    let err = client
        .complete_sign_in(&pending, &callback)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::UnexpectedResponse { status: 200, .. }),
        "{err:?}"
    );
}
