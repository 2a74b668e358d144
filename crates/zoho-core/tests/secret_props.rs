//! Property: for any secret value, the `Debug` (plain and pretty) and `Serialize` forms of
//! every public type that holds one never contain it.

use proptest::prelude::*;
use zoho_core::oauth::authorize::AcceptedCallback;
use zoho_core::oauth::callback::parse_callback;
use zoho_core::oauth::token_endpoint::{GrantKind, parse_token_response};
use zoho_core::{DataCenter, Secret, ZohoConfig};

const DEEP: &str = "dev.zmeet.desktop:/oauth/callback";

/// Secret-looking values: long enough that finding one by chance in other text is not a
/// worry, in the alphabet Zoho's tokens and codes use.
fn secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{6}\\.[A-Za-z0-9]{10,40}"
}

fn assert_hidden(shown: &str, secrets: &[&str]) -> Result<(), TestCaseError> {
    for secret in secrets {
        prop_assert!(!shown.contains(secret), "leaked {secret:?} in {shown}");
    }
    Ok(())
}

fn debug_both<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}\n{value:#?}")
}

proptest! {
    #[test]
    fn the_secret_wrapper(value in secret()) {
        let wrapped = Secret::new(value.clone());
        let shown = format!(
            "{}\n{wrapped}\n{}",
            debug_both(&wrapped),
            serde_json::to_string(&wrapped).unwrap()
        );
        assert_hidden(&shown, &[&value])?;
        prop_assert_eq!(wrapped.expose(), value.as_str());
    }

    #[test]
    fn callbacks(code in secret(), state in secret()) {
        let url = format!("{DEEP}?code={code}&state={state}&location=eu");
        let params = parse_callback(&url, DEEP).unwrap();
        assert_hidden(&debug_both(&params), &[&code, &state])?;
        let accepted = AcceptedCallback { code: Secret::new(code.clone()), dc: DataCenter::Eu };
        assert_hidden(&debug_both(&accepted), &[&code])?;
    }

    #[test]
    fn token_grants(access in secret(), refresh in secret()) {
        let body = format!(
            r#"{{"access_token":"{access}","refresh_token":"{refresh}","expires_in":3600}}"#
        );
        let grant = parse_token_response(200, &body, GrantKind::AuthorizationCode, Default::default())
            .unwrap();
        assert_hidden(&debug_both(&grant), &[&access, &refresh])?;
    }

    #[test]
    fn meetings_and_webinars(start in secret(), embed in secret(), password in secret()) {
        let body = serde_json::json!({"session": {
            "meetingKey": 1,
            "startLink": format!("https://meeting.zoho.com/meeting-start?key=1&s={start}"),
            "meetingEmbedUrl": format!("https://meeting.zoho.com/embed?t={embed}"),
            "pwd": password,
        }});
        let meeting = zoho_core::model::sessions_of(body).unwrap().remove(0);
        let shown = format!("{}\n{}", debug_both(&meeting), serde_json::to_string(&meeting).unwrap());
        assert_hidden(&shown, &[&start, &embed, &password])?;
    }

    #[test]
    fn client_configuration(client_secret in secret()) {
        let config = ZohoConfig::new("1000.CLIENT", Some(Secret::new(client_secret.clone())));
        assert_hidden(&debug_both(&config), &[&client_secret])?;
    }
}
