//! The generation rule, with a paused clock: each scenario lays its steps on a timeline
//! (`advance` moves the clock; nothing really sleeps) and checks what the channel says.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::task::JoinHandle;
use tokio::time::advance;

use super::*;

type Conn = Connection<&'static str, String>;
type State = ConnectionState<&'static str, String>;

fn ready(account: &'static str, generation: u64) -> State {
    ConnectionState::Ready {
        account,
        generation,
    }
}

/// Lets every task woken so far run to its next await.
async fn run_woken() {
    for _ in 0..16 {
        tokio::task::yield_now().await;
    }
}

/// Moves the paused clock by `ms` and lets what it woke run.
async fn after_ms(ms: u64) {
    advance(Duration::from_millis(ms)).await;
    run_woken().await;
}

/// A connect as the shell does one: begin, take `took` (a simulator starting, the keyring
/// read, a token refresh), finish with `account`. Returns whether its outcome was taken.
fn spawn_connect(conn: &Arc<Conn>, account: &'static str, took: Duration) -> JoinHandle<bool> {
    let ticket = conn.begin_connect();
    let conn = Arc::clone(conn);
    tokio::spawn(async move {
        tokio::time::sleep(took).await;
        conn.finish(ticket, Outcome::Ready(account))
    })
}

/// A sync as the shell does one: started in the current generation, fetching for `took`,
/// writing its events into `cache` only if that generation is still current.
fn spawn_sync(
    conn: &Arc<Conn>,
    cache: &Arc<Mutex<Vec<&'static str>>>,
    events: Vec<&'static str>,
    took: Duration,
) -> JoinHandle<Option<usize>> {
    let ticket = conn.ticket();
    let (conn, cache) = (Arc::clone(conn), Arc::clone(cache));
    tokio::spawn(async move {
        tokio::time::sleep(took).await;
        conn.write_if_current(&ticket, &cache, |cache| {
            *cache = events;
            cache.len()
        })
        .await
    })
}

/// A connected, signed-in start: Ready("alice") in generation 1.
async fn signed_in() -> Arc<Conn> {
    let conn = Arc::new(Conn::new());
    assert!(conn.finish(conn.begin_connect(), Outcome::Ready("alice")));
    assert_eq!(conn.current(), ready("alice", 1));
    conn
}

/// (a) The start-up connect races a settings save: the save started later, so its account
/// is the one left Ready, whichever connect finishes first; and a waiter is woken once, by
/// the connect that counts.
#[tokio::test(start_paused = true)]
async fn start_up_connect_racing_a_settings_save_ends_with_the_save() {
    // (start-up connect's duration, settings save's duration), the save starting 100 ms in.
    for (start_up_ms, save_ms) in [(3_000, 500), (500, 3_000), (1_000, 1_000)] {
        let conn = Arc::new(Conn::new());
        let waiter = {
            let conn = Arc::clone(&conn);
            tokio::spawn(async move { conn.settled().await })
        };
        let start_up = spawn_connect(&conn, "from start-up", Duration::from_millis(start_up_ms));
        after_ms(100).await;
        let save = spawn_connect(&conn, "from settings", Duration::from_millis(save_ms));
        // Walk the clock past both ends, checking in between that the start-up connect
        // never shows through.
        for _ in 0..40 {
            after_ms(100).await;
            let now = conn.current();
            assert_ne!(now, ready("from start-up", 1), "{start_up_ms}/{save_ms}");
            if !now.is_connecting() {
                assert!(waiter.is_finished(), "the waiter was woken");
            }
        }
        assert!(!start_up.await.unwrap(), "the start-up connect was stale");
        assert!(save.await.unwrap(), "the settings connect counted");
        assert_eq!(conn.current(), ready("from settings", 2));
        assert_eq!(waiter.await.unwrap(), ready("from settings", 2));
    }
}

/// (b) A sync that started while signed in and finishes after sign-out writes nothing
/// and does not bring back Ready; a sync of the new generation does write.
#[tokio::test(start_paused = true)]
async fn a_sync_finishing_after_sign_out_writes_nothing() {
    let conn = signed_in().await;
    let cache = Arc::new(Mutex::new(vec!["stored"]));
    let sync = spawn_sync(
        &conn,
        &cache,
        vec!["alice's 1", "alice's 2"],
        Duration::from_secs(2),
    );
    after_ms(500).await;
    // Signing out as the shell does: end the generation, then clear the cache.
    conn.sign_out();
    cache.lock().await.clear();
    after_ms(2_000).await;
    assert!(sync.is_finished());
    assert_eq!(sync.await.unwrap(), None, "the stale sync wrote");
    assert!(cache.lock().await.is_empty(), "{:?}", cache.lock().await);
    assert_eq!(conn.current(), ConnectionState::SignedOut);
    // Zoho answering the stale sync's call with "signed out" changes nothing either.
    assert!(!conn.session_lost(&Ticket { generation: 1 }));
    assert_eq!(conn.generation(), 2);

    // Signed in again: a sync of the new generation lands.
    let seen = conn.ticket();
    let connect = conn.reconnect_after(&seen).expect("nothing newer");
    assert!(conn.finish(connect, Outcome::Ready("alice")));
    let sync = spawn_sync(&conn, &cache, vec!["alice's 3"], Duration::from_secs(1));
    after_ms(1_500).await;
    assert_eq!(sync.await.unwrap(), Some(1));
    assert_eq!(*cache.lock().await, ["alice's 3"]);
}

/// (c) Sign-out while a token refresh is under way ends SignedOut: neither the refreshed
/// call's answer nor the connect (or sign-in) the refresh belonged to bring Ready back.
#[tokio::test(start_paused = true)]
async fn sign_out_during_a_token_refresh_ends_signed_out() {
    // A call needing a refresh, started while signed in; Zoho answers after 2 s that the
    // session is gone (the sign-out revoked it).
    let conn = signed_in().await;
    let call = {
        let (conn, ticket) = (Arc::clone(&conn), conn.ticket());
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            conn.session_lost(&ticket)
        })
    };
    after_ms(500).await;
    conn.sign_out();
    after_ms(2_000).await;
    assert!(!call.await.unwrap(), "a stale answer counted");
    assert_eq!(conn.current(), ConnectionState::SignedOut);
    assert_eq!(conn.generation(), 2, "a stale answer started a generation");

    // The refresh succeeds instead, and its caller would go on as a completed sign-in does.
    let conn = signed_in().await;
    let refresh = {
        let (conn, ticket) = (Arc::clone(&conn), conn.ticket());
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            match conn.reconnect_after(&ticket) {
                Some(connect) => conn.finish(connect, Outcome::Ready("alice")),
                None => false,
            }
        })
    };
    after_ms(500).await;
    conn.sign_out();
    after_ms(2_000).await;
    assert!(!refresh.await.unwrap(), "the refresh brought Ready back");
    assert_eq!(conn.current(), ConnectionState::SignedOut);

    // A connect whose keyring restore refreshes the token: sign-out while it runs wins.
    let conn = Arc::new(Conn::new());
    let connect = spawn_connect(&conn, "alice", Duration::from_secs(2));
    after_ms(500).await;
    conn.sign_out();
    after_ms(2_000).await;
    assert!(!connect.await.unwrap());
    assert_eq!(conn.current(), ConnectionState::SignedOut);
}

/// Waiting code is woken by the channel: `ready()` sleeps through Connecting and
/// SignedOut and a stale finish, and wakes on the Ready that counts.
#[tokio::test(start_paused = true)]
async fn waiters_wake_on_the_state_that_counts() {
    let conn = Arc::new(Conn::new());
    let waiter = {
        let conn = Arc::clone(&conn);
        tokio::spawn(async move { conn.ready().await })
    };
    let first = conn.begin_connect();
    assert!(conn.finish(first, Outcome::SignedOut));
    run_woken().await;
    assert!(!waiter.is_finished(), "woke on SignedOut");
    let stale = conn.begin_connect();
    let fresh = conn.begin_connect();
    assert!(!conn.finish(stale, Outcome::Ready("old")));
    run_woken().await;
    assert!(!waiter.is_finished(), "woke on a stale finish");
    assert!(conn.finish(fresh, Outcome::Ready("new")));
    let (account, ticket) = waiter.await.unwrap();
    assert_eq!((account, ticket.generation()), ("new", 3));
    assert!(conn.is_current(&ticket));
}

#[test]
fn every_connect_and_sign_out_starts_a_generation() {
    let conn = Conn::new();
    assert_eq!(conn.generation(), 0);
    assert!(conn.current().is_connecting());
    let connect = conn.begin_connect();
    assert_eq!((connect.generation(), conn.generation()), (1, 1));
    assert!(conn.finish(connect, Outcome::Ready("a")));
    assert_eq!(conn.generation(), 1, "finishing is not a new generation");
    assert_eq!(conn.sign_out().generation(), 2);
    let seen = conn.ticket();
    assert_eq!(conn.reconnect_after(&seen).unwrap().generation(), 3);
    assert!(conn.current().is_connecting());
}

#[test]
fn a_stale_connect_changes_nothing_and_wakes_nobody() {
    let conn = Conn::new();
    let old = conn.begin_connect();
    let new = conn.begin_connect();
    assert!(conn.finish(new, Outcome::Failed("bad settings".into())));
    let mut receiver = conn.subscribe();
    receiver.mark_unchanged();
    for outcome in [
        Outcome::Ready("late"),
        Outcome::SignedOut,
        Outcome::Failed("late".into()),
    ] {
        let old_again = ConnectTicket {
            generation: old.generation(),
        };
        assert!(!conn.finish(old_again, outcome));
    }
    assert!(!conn.finish(old, Outcome::Ready("late")));
    assert!(
        !receiver.has_changed().unwrap(),
        "a stale finish woke a waiter"
    );
    assert_eq!(
        conn.current(),
        ConnectionState::Failed("bad settings".into())
    );
}

#[test]
fn sign_out_makes_every_earlier_ticket_stale() {
    let conn = Conn::new();
    let connect = conn.begin_connect();
    let guard = connect.guard();
    let sync = conn.ticket();
    assert!(conn.is_current(&guard) && conn.is_current(&sync));
    conn.sign_out();
    assert!(!conn.is_current(&guard) && !conn.is_current(&sync));
    assert!(!conn.finish(connect, Outcome::Ready("late")));
    assert!(conn.reconnect_after(&sync).is_none());
    assert!(!conn.session_lost(&sync));
    assert_eq!(conn.current(), ConnectionState::SignedOut);
}

#[test]
fn session_lost_counts_for_the_current_generation_only() {
    let conn = Conn::new();
    assert!(conn.finish(conn.begin_connect(), Outcome::Ready("a")));
    let ticket = conn.ticket();
    assert!(conn.session_lost(&ticket));
    assert_eq!(conn.current(), ConnectionState::SignedOut);
    assert_eq!(conn.generation(), 2);
    // The same answer arriving twice (two calls failing) counts once.
    assert!(!conn.session_lost(&ticket));
    assert_eq!(conn.generation(), 2);
}

#[test]
fn ready_always_carries_the_current_generation() {
    let conn = Conn::new();
    for n in 1..=5 {
        let connect = conn.begin_connect();
        assert!(conn.finish(connect, Outcome::Ready("a")));
        assert_eq!(conn.current(), ready("a", n));
        assert_eq!(conn.current(), ready("a", conn.generation()));
    }
}

#[tokio::test]
async fn write_if_current_skips_stale_writers() {
    let conn = Conn::new();
    let data = Mutex::new(0);
    let before = conn.ticket();
    assert_eq!(
        conn.write_if_current(&before, &data, |n| *n += 1).await,
        Some(())
    );
    let _ = conn.begin_connect();
    assert_eq!(
        conn.write_if_current(&before, &data, |n| *n += 1).await,
        None
    );
    assert_eq!(*data.lock().await, 1);
}
