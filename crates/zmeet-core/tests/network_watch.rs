//! The network watch on a real D-Bus: a private bus (dbus-daemon, from the test harness)
//! where the test plays NetworkManager, owning its name and sending its signals.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use test_harness::{Session, SessionOptions};
use tokio::sync::mpsc;
use zbus::zvariant::Value;
use zmeet_core::network_watch::{Bus, NETWORK_MANAGER, NetworkBack, NetworkWatch, watch};

const PATH: &str = "/org/freedesktop/NetworkManager";
/// Generous: the machine running the tests may be busy.
const WAIT: Duration = Duration::from_secs(20);

fn private_bus() -> (Session, String) {
    let session = Session::start_with(SessionOptions {
        display: false,
        keyring: false,
    })
    .expect("a private D-Bus");
    let address = session.env()["DBUS_SESSION_BUS_ADDRESS"]
        .to_str()
        .unwrap()
        .to_owned();
    (session, address)
}

async fn connect(address: &str) -> zbus::Connection {
    zbus::connection::Builder::address(address)
        .unwrap()
        .build()
        .await
        .expect("connect to the private bus")
}

/// A connection that owns NetworkManager's name, as NetworkManager does.
async fn network_manager(address: &str) -> zbus::Connection {
    let connection = connect(address).await;
    connection
        .request_name(NETWORK_MANAGER)
        .await
        .expect("own NetworkManager's name");
    connection
}

async fn state_changed(from: &zbus::Connection, state: u32) {
    from.emit_signal(None::<()>, PATH, NETWORK_MANAGER, "StateChanged", &(state,))
        .await
        .unwrap();
}

async fn property_changed(from: &zbus::Connection, name: &str, value: u32) {
    let changed = HashMap::from([(name, Value::from(value))]);
    from.emit_signal(
        None::<()>,
        PATH,
        "org.freedesktop.DBus.Properties",
        "PropertiesChanged",
        &(NETWORK_MANAGER, changed, Vec::<String>::new()),
    )
    .await
    .unwrap();
}

/// Waits until the bus has routed everything `from` sent so far (a call is answered after
/// the messages sent before it).
async fn flushed(from: &zbus::Connection) {
    zbus::fdo::DBusProxy::new(from)
        .await
        .unwrap()
        .get_id()
        .await
        .unwrap();
}

async fn next_back(watch: &mut NetworkWatch) -> NetworkBack {
    tokio::time::timeout(WAIT, watch.network_back())
        .await
        .expect("NetworkManager's signal reached the watch")
        .expect("the bus is still there")
}

#[tokio::test]
async fn networkmanagers_connected_signals_are_seen_and_the_others_ignored() {
    let (_session, address) = private_bus();
    let nm = network_manager(&address).await;
    let mut watch = NetworkWatch::connect(Bus::Address(&address))
        .await
        .expect("connect")
        .expect("NetworkManager is on the bus");

    // A client that is not NetworkManager cannot say the network is back.
    let impostor = connect(&address).await;
    state_changed(&impostor, 70).await;
    flushed(&impostor).await;
    // Disconnected says nothing either; connected (site) does.
    state_changed(&nm, 20).await;
    state_changed(&nm, 60).await;
    assert_eq!(next_back(&mut watch).await, NetworkBack::State(60));

    // The same through its properties: limited connectivity no, full yes.
    property_changed(&nm, "Connectivity", 3).await;
    property_changed(&nm, "Connectivity", 4).await;
    assert_eq!(next_back(&mut watch).await, NetworkBack::Connectivity(4));
    property_changed(&nm, "State", 70).await;
    assert_eq!(next_back(&mut watch).await, NetworkBack::State(70));
}

#[tokio::test]
async fn the_watch_calls_back_when_networkmanager_says_the_network_is_back() {
    let (session, address) = private_bus();
    let nm = network_manager(&address).await;
    let (back, mut backs) = mpsc::unbounded_channel();
    let watching = {
        let address = address.clone();
        tokio::spawn(async move {
            watch(Bus::Address(&address), WAIT, move || {
                back.send(()).unwrap();
            })
            .await
        })
    };
    // The watch subscribes in its own time and says nothing when it has: the signal is
    // sent again until the callback comes (bounded by WAIT).
    let deadline = Instant::now() + WAIT;
    loop {
        state_changed(&nm, 70).await;
        match tokio::time::timeout(Duration::from_millis(200), backs.recv()).await {
            Ok(Some(())) => break,
            Ok(None) => panic!("the watch ended: {:?}", watching.await),
            Err(_) => assert!(Instant::now() < deadline, "the watch never called back"),
        }
    }
    // Once subscribed, each connected signal calls back once.
    while backs.try_recv().is_ok() {}
    state_changed(&nm, 20).await;
    property_changed(&nm, "Connectivity", 4).await;
    tokio::time::timeout(WAIT, backs.recv())
        .await
        .expect("called back")
        .unwrap();
    // The watch ends when the bus goes away.
    drop(session);
    tokio::time::timeout(WAIT, watching)
        .await
        .expect("the watch ends with its bus")
        .unwrap();
}

#[tokio::test]
async fn without_networkmanager_on_the_bus_the_watch_gives_up() {
    let (_session, address) = private_bus();
    assert!(
        NetworkWatch::connect(Bus::Address(&address))
            .await
            .unwrap()
            .is_none()
    );
    let called = std::sync::atomic::AtomicBool::new(false);
    tokio::time::timeout(
        WAIT,
        watch(Bus::Address(&address), WAIT, || {
            called.store(true, std::sync::atomic::Ordering::SeqCst)
        }),
    )
    .await
    .expect("the watch returns at once");
    assert!(!called.into_inner());
}

#[tokio::test]
async fn without_a_bus_the_watch_gives_up_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let address = format!("unix:path={}", dir.path().join("no-bus").display());
    let started = Instant::now();
    watch(Bus::Address(&address), WAIT, || panic!("no bus, no signal")).await;
    assert!(
        started.elapsed() < WAIT,
        "a missing socket fails at once, without waiting for the timeout"
    );
}

#[tokio::test]
async fn a_bus_that_never_answers_is_given_up_after_the_timeout() {
    // A socket that accepts connections and never speaks: the handshake would hang.
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("silent-bus");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let held = std::thread::spawn(move || listener.accept().map(|(stream, _)| stream));
    let address = format!("unix:path={}", socket.display());
    let timeout = Duration::from_millis(500);
    tokio::time::timeout(
        WAIT,
        watch(Bus::Address(&address), timeout, || panic!("no signal")),
    )
    .await
    .expect("the watch gives up after its connect timeout");
    // The connection was made (and then abandoned), so it was the timeout that ended it.
    assert!(held.join().unwrap().is_ok());
}
