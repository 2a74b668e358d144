//! In-memory stand-ins for the shell, for the services' unit tests.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

use super::{AppCore, AppEvent, BoxFuture, Desktop, EventSink};
use crate::error::AppError;
use crate::settings::Settings;

/// Keeps every event, and wakes whoever waits for the next one.
#[derive(Default)]
pub struct RecordedEvents {
    events: Mutex<Vec<AppEvent>>,
    arrived: Notify,
}

impl EventSink for RecordedEvents {
    fn emit(&self, event: AppEvent) {
        self.events.lock().unwrap().push(event);
        self.arrived.notify_waiters();
    }
}

impl RecordedEvents {
    pub fn take(&self) -> Vec<AppEvent> {
        std::mem::take(&mut *self.events.lock().unwrap())
    }

    /// Waits until an event that `wanted` accepts has been emitted (now or before).
    pub async fn wait_for(&self, wanted: impl Fn(&AppEvent) -> bool) {
        loop {
            let arrived = self.arrived.notified();
            if self.events.lock().unwrap().iter().any(&wanted) {
                return;
            }
            arrived.await;
        }
    }
}

/// A desktop in a temporary directory: settings there (none: the demo), links opened
/// recorded.
pub struct FakeDesktop {
    pub dir: tempfile::TempDir,
    pub opened: Mutex<Vec<(String, Option<String>)>>,
    pub windows_shown: Mutex<u32>,
}

impl Desktop for FakeDesktop {
    fn settings_path(&self) -> Result<PathBuf, AppError> {
        Ok(self.dir.path().join("settings.json"))
    }

    fn tidy_settings<'a>(&'a self, _settings: &'a mut Settings) -> BoxFuture<'a, ()> {
        Box::pin(async {})
    }

    fn data_dir(&self) -> Result<PathBuf, String> {
        Ok(self.dir.path().join("data"))
    }

    fn open_url(&self, url: &str, program: Option<String>) -> Result<(), String> {
        self.opened.lock().unwrap().push((url.to_owned(), program));
        Ok(())
    }

    fn show_main_window(&self) {
        *self.windows_shown.lock().unwrap() += 1;
    }
}

/// A core over the fakes, with its own data directory.
pub fn core() -> (Arc<AppCore>, Arc<RecordedEvents>, Arc<FakeDesktop>) {
    let desktop = Arc::new(FakeDesktop {
        dir: tempfile::tempdir().unwrap(),
        opened: Mutex::default(),
        windows_shown: Mutex::default(),
    });
    core_in(desktop)
}

/// A core over the fakes, on `desktop`'s files (a second run of the app).
pub fn core_in(desktop: Arc<FakeDesktop>) -> (Arc<AppCore>, Arc<RecordedEvents>, Arc<FakeDesktop>) {
    let events = Arc::new(RecordedEvents::default());
    let core = AppCore::new(
        Arc::clone(&events) as Arc<dyn EventSink>,
        Arc::clone(&desktop) as Arc<dyn Desktop>,
        "zmeet-core-services-test",
    );
    (Arc::new(core), events, desktop)
}
