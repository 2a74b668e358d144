use super::*;
use zoho_core::store::MemoryStore;

const PASTED: &str = r#"{"accounts":{"us":"http://127.0.0.1:4001"},
    "meeting":{"us":"http://127.0.0.1:4002"},"client_id":"1000.SIM","client_secret":"s3cret"}"#;

fn service(dir: &tempfile::TempDir) -> (SettingsService, Arc<MemoryStore>) {
    let keyring = Arc::new(MemoryStore::new());
    let path = dir.path().join("settings.json");
    (SettingsService::new(path, keyring.clone(), None), keyring)
}

fn pasted_endpoints() -> Endpoints {
    EndpointOverride::parse(PASTED)
        .unwrap()
        .endpoints()
        .unwrap()
}

#[tokio::test]
async fn a_pasted_secret_goes_to_the_keyring_of_its_endpoints_never_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (service, _) = service(&dir);
    let settings = Settings {
        endpoints: Some(format!("  {PASTED}  ")),
        ..Settings::default()
    };
    let saved = service.save(settings, None, false, None).await.unwrap();
    assert!(saved.reconnect);
    let file = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(!file.contains("s3cret"), "{file}");
    let stored = service.store_for(&pasted_endpoints()).client_secret().await;
    assert_eq!(stored.unwrap().unwrap().expose(), "s3cret");
    let view = service.view().await.unwrap();
    assert!(view.client_secret_stored);
    assert!(!view.settings.endpoints.unwrap().contains("s3cret"));
}

#[tokio::test]
async fn a_typed_secret_is_trimmed_and_stored_for_the_selected_endpoints() {
    let dir = tempfile::tempdir().unwrap();
    let (service, _) = service(&dir);
    let settings = Settings {
        client_id: Some(" 1000.ABC ".to_owned()),
        ..Settings::default()
    };
    let saved = service
        .save(settings, Some("  typed ".to_owned()), false, None)
        .await
        .unwrap();
    assert_eq!(saved.settings.client_id.as_deref(), Some("1000.ABC"));
    let stored = service.store_for(&Endpoints::zoho()).client_secret().await;
    assert_eq!(stored.unwrap().unwrap().expose(), "typed");
}

#[tokio::test]
async fn bad_input_names_its_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (service, _) = service(&dir);
    let secret = Some("two words".to_owned());
    let error = service
        .save(Settings::default(), secret, false, None)
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("clientSecret"));
    let settings = Settings {
        endpoints: Some("{not json".to_owned()),
        ..Settings::default()
    };
    let error = service.save(settings, None, false, None).await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("endpoints"));
    assert!(!dir.path().join("settings.json").exists());
}

#[tokio::test]
async fn only_a_change_of_account_asks_for_a_new_connection() {
    let dir = tempfile::tempdir().unwrap();
    let (service, _) = service(&dir);
    service
        .save(Settings::default(), None, false, None)
        .await
        .unwrap();
    let dark = Settings {
        theme: Theme::Dark,
        ..Settings::default()
    };
    let saved = service.save(dark, None, false, None).await.unwrap();
    assert!(!saved.reconnect);
    assert_eq!(service.theme(), Theme::Dark);
    let eu = Settings {
        data_centre: "eu".to_owned(),
        ..Settings::default()
    };
    assert!(service.save(eu, None, false, None).await.unwrap().reconnect);
}

#[test]
fn switching_endpoints_while_signed_in_needs_confirmation() {
    let other = pasted_endpoints();
    let error = refuse_silent_switch(Some("zoho"), true, &other).unwrap_err();
    assert_eq!(error.code, ErrorCode::SwitchNotConfirmed);
    assert!(error.message.contains("127.0.0.1"), "{}", error.message);
    assert!(refuse_silent_switch(Some("zoho"), false, &other).is_ok());
    assert!(refuse_silent_switch(None, true, &other).is_ok());
    let same = other.namespace();
    assert!(refuse_silent_switch(Some(&same), true, &other).is_ok());
}

#[tokio::test]
async fn demo_mode_drops_the_client_and_endpoints_only() {
    let dir = tempfile::tempdir().unwrap();
    let (service, _) = service(&dir);
    let settings = Settings {
        client_id: Some("1000.ABC".to_owned()),
        reminder_minutes: 12,
        endpoints: Some(PASTED.to_owned()),
        ..Settings::default()
    };
    service.save(settings, None, true, None).await.unwrap();
    service.use_demo_mode().unwrap();
    let after = service.load().unwrap();
    assert_eq!((after.client_id, after.endpoints), (None, None));
    assert_eq!(after.reminder_minutes, 12);
}

#[tokio::test]
async fn a_secret_left_in_the_file_moves_to_the_keyring() {
    let dir = tempfile::tempdir().unwrap();
    let (service, _) = service(&dir);
    let mut old = Settings {
        endpoints: Some(PASTED.to_owned()),
        ..Settings::default()
    };
    old.save(&dir.path().join("settings.json")).unwrap();
    service.move_pasted_secret(&mut old).await;
    assert!(!old.endpoints.as_deref().unwrap().contains("s3cret"));
    let file = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(!file.contains("s3cret"), "{file}");
    let stored = service.store_for(&pasted_endpoints()).client_secret().await;
    assert_eq!(stored.unwrap().unwrap().expose(), "s3cret");
}
