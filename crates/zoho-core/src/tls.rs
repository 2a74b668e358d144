//! TLS for every HTTP client: rustls with the ring crypto provider. reqwest's default,
//! aws-lc-rs, brings 1.4 MiB of C code into the app's binary for the same protocols and
//! cipher suites Zoho's hosts offer; reqwest is built without a provider
//! (`rustls-no-provider`) and uses the process's default, installed here.

/// Makes ring the process's rustls crypto provider. Idempotent and cheap: call it before
/// building any `reqwest::Client` (zoho-core's own clients do).
pub fn install_crypto_provider() {
    // An error only means a provider is installed already (this one or a test's).
    let _ = rustls::crypto::ring::default_provider().install_default();
}
