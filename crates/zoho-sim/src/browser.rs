//! Stands in for a person in a browser, for tests: opens the consent page, presses Accept or
//! Deny, and returns where the browser is sent (the `Location` of the redirect); or, for
//! the device flow, types the user code on the verification page and approves or denies.

use reqwest::redirect::Policy;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum BrowserError {
    #[error("HTTP request failed: {0}")]
    Http(#[from] reqwest::Error),
    #[error("bad URL: {0}")]
    Url(#[from] url::ParseError),
    /// The accounts host showed an error page instead of the consent page.
    #[error("the accounts host answered {status}: {body}")]
    Status { status: u16, body: String },
    #[error("the page has no consent (or device code) form")]
    NoConsentForm,
    #[error("the consent submission did not redirect")]
    NoRedirect,
}

/// GETs the consent page at `auth_url`, submits Accept, returns the redirect URL.
pub async fn accept(auth_url: &str) -> Result<String, BrowserError> {
    decide(auth_url, "accept").await
}

/// GETs the consent page at `auth_url`, submits Deny, returns the redirect URL.
pub async fn deny(auth_url: &str) -> Result<String, BrowserError> {
    decide(auth_url, "deny").await
}

async fn decide(auth_url: &str, decision: &str) -> Result<String, BrowserError> {
    install_crypto_provider();
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()?;
    let page_url = Url::parse(auth_url)?;
    let response = client.get(page_url.clone()).send().await?;
    let status = response.status().as_u16();
    let page = response.text().await?;
    if status != 200 {
        return Err(BrowserError::Status { status, body: page });
    }
    let consent_id = hidden_value(&page, "consent_id").ok_or(BrowserError::NoConsentForm)?;
    let action = form_action(&page).ok_or(BrowserError::NoConsentForm)?;
    let submit_url = page_url.join(&action)?;
    let response = client
        .post(submit_url)
        .form(&[("consent_id", consent_id.as_str()), ("decision", decision)])
        .send()
        .await?;
    let status = response.status();
    if !status.is_redirection() {
        let body = response.text().await.unwrap_or_default();
        return Err(BrowserError::Status {
            status: status.as_u16(),
            body,
        });
    }
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|location| location.to_str().ok())
        .map(str::to_string)
        .ok_or(BrowserError::NoRedirect)
}

/// Opens the device flow's verification page at `verification_url`, types `user_code`
/// and presses Approve.
pub async fn approve_device(verification_url: &str, user_code: &str) -> Result<(), BrowserError> {
    decide_device(verification_url, user_code, "approve").await
}

/// Like [`approve_device`], pressing Deny.
pub async fn deny_device(verification_url: &str, user_code: &str) -> Result<(), BrowserError> {
    decide_device(verification_url, user_code, "deny").await
}

async fn decide_device(
    verification_url: &str,
    user_code: &str,
    decision: &str,
) -> Result<(), BrowserError> {
    install_crypto_provider();
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()?;
    let page_url = Url::parse(verification_url)?;
    let response = client.get(page_url.clone()).send().await?;
    let status = response.status().as_u16();
    let page = response.text().await?;
    if status != 200 {
        return Err(BrowserError::Status { status, body: page });
    }
    if !page.contains("name=\"user_code\"") {
        return Err(BrowserError::NoConsentForm);
    }
    let action = form_action(&page).ok_or(BrowserError::NoConsentForm)?;
    let response = client
        .post(page_url.join(&action)?)
        .form(&[("user_code", user_code), ("decision", decision)])
        .send()
        .await?;
    let status = response.status().as_u16();
    if status != 200 {
        let body = response.text().await.unwrap_or_default();
        return Err(BrowserError::Status { status, body });
    }
    Ok(())
}

/// The consent page is the simulator's own, so plain string search is enough.
fn hidden_value(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker)? + marker.len();
    let end = page[start..].find('"')? + start;
    Some(page[start..end].to_string())
}

fn form_action(page: &str) -> Option<String> {
    let marker = "action=\"";
    let start = page.find(marker)? + marker.len();
    let end = page[start..].find('"')? + start;
    Some(page[start..end].to_string())
}

/// reqwest is built without a default crypto provider (the workspace's Cargo.toml says
/// why): make ring the process's provider before the first client, as zoho-core does.
fn install_crypto_provider() {
    // An error only means a provider is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
