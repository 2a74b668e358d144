//! Fault injection: latency, 5xx, resets, hangs, forced throttle; host filters; the admin
//! endpoint changes them at run time; the dice are seeded.

use std::time::{Duration, Instant};

use zoho_sim::{FaultConfig, FaultHosts, Latency, RateFault, ServerErrorFault, SimConfig};

use crate::common::*;

async fn user_json_status(sim: &zoho_sim::Simulator, token: &str) -> u16 {
    get(sim, "/api/v2/user.json", token).await.0
}

#[tokio::test]
async fn fixed_latency_delays_only_the_chosen_hosts() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    sim.set_faults(FaultConfig {
        latency: Some(Latency::Fixed {
            ms: 300,
            hosts: FaultHosts::Meeting,
        }),
        ..FaultConfig::default()
    });
    let began = Instant::now();
    assert_eq!(user_json_status(&sim, &token).await, 200);
    assert!(began.elapsed() >= Duration::from_millis(300));
    let began = Instant::now();
    refresh(&sim, "us", "1000.x.y").await;
    assert!(
        began.elapsed() < Duration::from_millis(250),
        "accounts host must not be delayed"
    );
}

#[tokio::test]
async fn random_latency_stays_in_its_range() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    sim.set_faults(FaultConfig {
        latency: Some(Latency::Random {
            min_ms: 100,
            max_ms: 200,
            hosts: FaultHosts::All,
        }),
        ..FaultConfig::default()
    });
    for _ in 0..3 {
        let began = Instant::now();
        assert_eq!(user_json_status(&sim, &token).await, 200);
        let elapsed = began.elapsed();
        assert!(
            elapsed >= Duration::from_millis(100) && elapsed < Duration::from_millis(1000),
            "{elapsed:?}"
        );
    }
}

#[tokio::test]
async fn server_errors_follow_the_rate_and_are_repeatable_for_a_seed() {
    let mut sequences = Vec::new();
    for _ in 0..2 {
        let sim = start(SimConfig {
            seed: 7,
            ..config()
        })
        .await;
        let token = login(&sim).await.access;
        sim.set_faults(FaultConfig {
            server_errors: Some(ServerErrorFault {
                rate: 0.5,
                status: 502,
                hosts: FaultHosts::Meeting,
            }),
            ..FaultConfig::default()
        });
        let mut statuses = Vec::new();
        for _ in 0..24 {
            statuses.push(user_json_status(&sim, &token).await);
        }
        assert!(
            statuses
                .iter()
                .all(|status| *status == 200 || *status == 502)
        );
        let failures = statuses.iter().filter(|status| **status == 502).count();
        assert!((4..=20).contains(&failures), "{failures} of 24 at rate 0.5");
        sequences.push(statuses);
    }
    assert_eq!(sequences[0], sequences[1]);
}

#[tokio::test]
async fn rate_one_fails_every_request_and_clearing_restores_service() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    sim.set_faults(FaultConfig {
        server_errors: Some(ServerErrorFault {
            rate: 1.0,
            status: 503,
            hosts: FaultHosts::All,
        }),
        ..FaultConfig::default()
    });
    assert_eq!(user_json_status(&sim, &token).await, 503);
    assert_eq!(refresh(&sim, "us", "1000.x.y").await.0, 503);
    sim.set_faults(FaultConfig::default());
    assert_eq!(user_json_status(&sim, &token).await, 200);
}

#[tokio::test]
async fn resets_drop_the_connection_without_an_answer() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    sim.set_faults(FaultConfig {
        resets: Some(RateFault {
            rate: 1.0,
            hosts: FaultHosts::Meeting,
        }),
        ..FaultConfig::default()
    });
    let url = format!("{}/api/v2/user.json", sim.info().meeting["us"]);
    let result = client()
        .get(&url)
        .header("Authorization", format!("Zoho-oauthtoken {token}"))
        .send()
        .await;
    let error = result.expect_err("a reset connection gives no response");
    assert!(!error.is_timeout(), "{error:?}");
    let record = sim.requests().into_iter().last().unwrap();
    assert_eq!((record.fault.as_deref(), record.status), (Some("reset"), 0));
    // Accounts hosts are untouched.
    assert!(refresh(&sim, "us", "1000.x.y").await.1["error"].is_string());
}

#[tokio::test]
async fn hangs_never_answer() {
    let sim = start(config()).await;
    sim.set_faults(FaultConfig {
        hangs: Some(RateFault {
            rate: 1.0,
            hosts: FaultHosts::Accounts,
        }),
        ..FaultConfig::default()
    });
    let quick = reqwest::Client::builder()
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let error = quick
        .post(format!("{}/oauth/v2/token", sim.info().accounts["us"]))
        .send()
        .await
        .expect_err("no answer");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(
        sim.requests().last().unwrap().fault.as_deref(),
        Some("hang")
    );
    sim.shutdown().await; // must not wait for the hung request
}

#[tokio::test]
async fn forced_throttle_answers_every_token_request_with_the_throttle_body() {
    let sim = start(config()).await;
    let refresh_token = login(&sim).await.refresh.unwrap();
    sim.set_faults(FaultConfig {
        force_token_throttle: true,
        ..FaultConfig::default()
    });
    let (status, body) = refresh(&sim, "us", &refresh_token).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("Access Denied"))
    );
    sim.set_faults(FaultConfig::default());
    assert!(refresh(&sim, "us", &refresh_token).await.1["access_token"].is_string());
}

#[tokio::test]
async fn faults_set_at_start_apply_from_the_first_request() {
    let sim = start(SimConfig {
        faults: FaultConfig {
            server_errors: Some(ServerErrorFault {
                rate: 1.0,
                status: 500,
                hosts: FaultHosts::Accounts,
            }),
            ..FaultConfig::default()
        },
        ..config()
    })
    .await;
    assert_eq!(refresh(&sim, "us", "1000.x.y").await.0, 500);
}

#[tokio::test]
async fn admin_endpoint_changes_faults_at_run_time() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let admin_url = &sim.info().admin;
    let set = client()
        .post(format!("{admin_url}/admin/faults"))
        .json(&serde_json::json!({ "server_errors": { "rate": 1.0, "status": 504, "hosts": "meeting" } }))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 204);
    assert_eq!(user_json_status(&sim, &token).await, 504);
    let current: FaultConfig = admin(&sim, reqwest::Method::GET, "/admin/faults", None).await;
    assert_eq!(current.server_errors.unwrap().status, 504);
    // The admin host itself is never faulted.
    client()
        .post(format!("{admin_url}/admin/faults"))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(user_json_status(&sim, &token).await, 200);
}

#[tokio::test]
async fn a_suspended_simulator_refuses_connections_and_resumes_with_its_state() {
    let mut sim = start(config()).await;
    let token = login(&sim).await.access;
    let url = format!("{}/api/v2/user.json", sim.info().meeting["us"]);
    sim.suspend().await;
    let refused = client()
        .get(&url)
        .header("Authorization", format!("Zoho-oauthtoken {token}"))
        .send()
        .await
        .expect_err("nothing listens while suspended");
    assert!(refused.is_connect(), "{refused}");
    sim.resume().await.expect("the same ports are free again");
    // Same ports, same tokens: the access token from before still works.
    assert_eq!(user_json_status(&sim, &token).await, 200);
}

#[tokio::test]
async fn a_targeted_fault_resets_the_nth_request_or_answers_nothing_after_handling_it() {
    use zoho_sim::{TargetedAction, TargetedFault};
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let before = sim.meetings().len();
    sim.set_faults(FaultConfig {
        targeted: vec![TargetedFault {
            method: Some("POST".into()),
            path_suffix: "/sessions.json".into(),
            nth: 1,
            times: 1,
            action: TargetedAction::ResetAfterHandling,
        }],
        ..FaultConfig::default()
    });
    let body = serde_json::json!({"session": {"topic": "Lost answer",
        "startTime": "Dec 1, 2031 10:00 AM", "timezone": "UTC", "duration": 1_800_000}});
    let url = format!("{}{}/sessions.json", sim.info().meeting["us"], org(&sim));
    let lost = client()
        .post(&url)
        .header("Authorization", format!("Zoho-oauthtoken {token}"))
        .json(&body)
        .send()
        .await;
    if let Ok(answer) = lost {
        panic!(
            "an answer arrived: {} {}",
            answer.status(),
            answer.text().await.unwrap()
        );
    }
    let logged = sim
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.method == "POST")
        .unwrap();
    assert_eq!(logged.fault.as_deref(), Some("reset_after_handling"));
    assert_eq!(logged.status, 201, "the create was handled");
    assert_eq!(
        sim.meetings().len(),
        before + 1,
        "and the meeting was stored"
    );
}
