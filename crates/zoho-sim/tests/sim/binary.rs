//! The `zoho-sim` binary's contract: exactly one JSON line (SimInfo) on stdout once ready,
//! usable with no other knowledge, clean exit on SIGTERM, no secrets on stderr.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::Command;
use zoho_sim::{SimInfo, browser};

use crate::common::{client, json_of, redirect_params};

#[tokio::test]
async fn binary_prints_one_json_line_and_serves_what_it_names() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zoho-sim"))
        .args([
            "--port",
            "0",
            "--seed",
            "7",
            "--meetings",
            "5",
            "--webinars",
            "2",
        ])
        .args([
            "--dc-hosts",
            "us,eu",
            "--user-dc",
            "eu",
            "--token-lifetime",
            "100",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("binary starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    tokio::time::timeout(Duration::from_secs(30), stdout.read_line(&mut line))
        .await
        .expect("ready line in time")
        .unwrap();
    let info: SimInfo = serde_json::from_str(line.trim_end()).expect("the line is SimInfo JSON");
    assert_eq!(info.accounts.keys().collect::<Vec<_>>(), ["eu", "us"]);
    assert_eq!(info.meeting.keys().collect::<Vec<_>>(), ["eu", "us"]);
    assert!(
        info.redirect_uris
            .contains(&"dev.zmeet.desktop:/oauth/callback".to_string())
    );
    assert!(
        info.redirect_uris
            .contains(&"http://127.0.0.1/callback".to_string())
    );
    assert_eq!(info.user.dc, "eu");
    assert!(
        info.accounts["us"].starts_with("http://127.0.0.1:") && !info.accounts["us"].ends_with('/')
    );

    // Use it with nothing but the line: start at US, land in EU.
    let redirect = "http://127.0.0.1:40000/callback";
    let auth = format!(
        "{}/oauth/v2/auth?client_id={}&response_type=code&access_type=offline&redirect_uri={redirect}&scope=ZohoMeeting.manageOrg.READ,ZohoMeeting.meeting.READ",
        info.accounts["us"], info.client_id
    );
    let params = redirect_params(&browser::accept(&auth).await.unwrap());
    let accounts_server = &params["accounts-server"];
    assert_eq!(accounts_server, &info.accounts["eu"]);
    let response = client()
        .post(format!("{accounts_server}/oauth/v2/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", &info.client_id),
            ("client_secret", &info.client_secret),
            ("redirect_uri", redirect),
            ("code", &params["code"]),
        ])
        .send()
        .await
        .unwrap();
    let (_, tokens) = json_of(response).await;
    assert_eq!(tokens["expires_in"], 100);
    let access = tokens["access_token"].as_str().unwrap().to_string();
    let refresh_token = tokens["refresh_token"].as_str().unwrap().to_string();
    let response = client()
        .get(format!(
            "{}/api/v2/{}/sessions.json?listtype=all&index=1&count=50",
            info.meeting["eu"], info.user.zsoid
        ))
        .header("Authorization", format!("Zoho-oauthtoken {access}"))
        .send()
        .await
        .unwrap();
    let (status, list) = json_of(response).await;
    assert_eq!((status, list["count"].as_u64()), (200, Some(5)));

    let terminated = std::process::Command::new("kill")
        .args(["-TERM", &child.id().unwrap().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());
    let exit = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("exits")
        .unwrap();
    assert!(exit.success(), "{exit:?}");

    let mut rest = String::new();
    stdout.read_to_string(&mut rest).await.unwrap();
    assert_eq!(rest, "", "stdout must hold exactly one line");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .await
        .unwrap();
    assert!(
        stderr.contains("/oauth/v2/token"),
        "requests are logged on stderr: {stderr}"
    );
    for secret in [
        &access,
        &refresh_token,
        &params["code"],
        &info.client_secret,
    ] {
        assert!(!stderr.contains(secret.as_str()), "stderr leaks a secret");
    }
}

#[tokio::test]
async fn binary_rejects_unknown_dcs_with_a_usage_error() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_zoho-sim"))
        .args(["--dc-hosts", "us,mars"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("mars"));
}
