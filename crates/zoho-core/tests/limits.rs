//! Bounded input from the network: a huge body, streamed or only announced, ends in
//! `response_too_large` without the client holding it. One test in its own binary, so the
//! peak memory it reads is this test's alone.

mod common;

use common::*;
use zoho_sim::{FaultConfig, FaultHosts, HugeBodyFault};

/// The process's peak resident memory (`VmHWM`), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM in /proc/self/status");
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("a number of kB");
    kib * 1024
}

const HUGE: u64 = 64 * 1024 * 1024;

#[tokio::test(flavor = "multi_thread")]
async fn huge_and_lying_bodies_are_response_too_large_with_memory_flat() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    let before = peak_rss();

    for lie in [false, true] {
        sim.set_faults(FaultConfig {
            huge_body: Some(HugeBodyFault {
                bytes: HUGE,
                lie,
                hosts: FaultHosts::Meeting,
            }),
            ..FaultConfig::default()
        });
        sim.clear_requests();
        let error = session.current_user().await.unwrap_err();
        assert_eq!(error.code(), "response_too_large", "lie={lie}: {error}");
        assert!(error.to_string().contains("8 MiB"), "{error}");
        // Not a transient failure: asked once, not retried.
        let huge = sim
            .requests()
            .iter()
            .filter(|r| r.fault.as_deref() == Some("huge_body"))
            .count();
        assert_eq!(huge, 1, "lie={lie}");
    }

    // Reading stopped at the cap: the peak grew by far less than the 64 MiB sent (the cap
    // itself is 8 MiB; the margin covers the allocator and the simulator's buffers).
    let grown = peak_rss().saturating_sub(before);
    assert!(
        grown < 24 * 1024 * 1024,
        "peak memory grew by {} MiB",
        grown / (1024 * 1024)
    );

    // Without the fault the same session works again.
    sim.set_faults(FaultConfig::default());
    session.current_user().await.unwrap();
    sim.shutdown().await;
}
