use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use tempfile::TempDir;

use crate::process::{Guarded, wait_until};
use crate::session_processes::{SESSION_MARKER, processes_in_session, processes_in_session_where};

/// What a [`Session`] should start.
#[derive(Clone, Debug)]
pub struct SessionOptions {
    /// Start an Xvfb display (needed for anything with a window).
    pub display: bool,
    /// Start gnome-keyring's Secret Service, unlocked.
    pub keyring: bool,
}

impl Default for SessionOptions {
    fn default() -> Self {
        Self {
            display: true,
            keyring: true,
        }
    }
}

/// A private, headless login session. See the crate docs.
pub struct Session {
    // Field order is drop order: stop the keyring before its bus, the bus before the display,
    // and remove the home folder last.
    keyring: Option<Guarded>,
    bus: Guarded,
    _display: Option<(Guarded, String)>,
    env: BTreeMap<String, OsString>,
    home: TempDir,
}

const KEYRING_PASSWORD: &str = "zmeet-test-keyring";

impl Session {
    /// Starts a session with a display and an unlocked keyring.
    pub fn start() -> io::Result<Self> {
        Self::start_with(SessionOptions::default())
    }

    pub fn start_with(options: SessionOptions) -> io::Result<Self> {
        let home = tempfile::Builder::new()
            .prefix("zmeet-session-")
            .tempdir()?;
        let mut env = BTreeMap::new();
        for (name, dir) in [
            ("HOME", ""),
            ("XDG_DATA_HOME", ".local/share"),
            ("XDG_CONFIG_HOME", ".config"),
            ("XDG_CACHE_HOME", ".cache"),
            ("XDG_STATE_HOME", ".local/state"),
            ("XDG_RUNTIME_DIR", "runtime"),
        ] {
            let path = home.path().join(dir);
            std::fs::create_dir_all(&path)?;
            env.insert(name.to_owned(), path.into_os_string());
        }
        set_mode_0700(&home.path().join("runtime"))?;
        // The accessibility bus is not started here; without this, GTK warns on every start.
        env.insert("NO_AT_BRIDGE".to_owned(), "1".into());
        // The home folder's unique name marks this session's processes (see `processes_of`).
        env.insert(SESSION_MARKER.to_owned(), session_id(home.path()).into());

        let display = if options.display {
            Some(start_xvfb()?)
        } else {
            None
        };
        if let Some((_, name)) = &display {
            env.insert("DISPLAY".to_owned(), name.into());
        }

        let socket = home.path().join("runtime/bus");
        let mut bus = Guarded::spawn(
            "dbus-daemon",
            Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--nopidfile"])
                .arg(format!("--address=unix:path={}", socket.display()))
                .envs(&env)
                .stdout(Stdio::null())
                // It warns that it may not raise its fd limit when not started by root's
                // system manager; nothing here needs that many.
                .stderr(Stdio::null()),
        )?;
        wait_until("the D-Bus session bus", Duration::from_secs(10), || {
            socket.exists()
        })?;
        bus.ensure_running()?;
        env.insert(
            "DBUS_SESSION_BUS_ADDRESS".to_owned(),
            format!("unix:path={}", socket.display()).into(),
        );

        let mut session = Self {
            keyring: None,
            bus,
            _display: display,
            env,
            home,
        };
        if options.keyring {
            session.keyring = Some(session.start_keyring()?);
        }
        Ok(session)
    }

    fn start_keyring(&self) -> io::Result<Guarded> {
        let mut daemon = Guarded::spawn(
            "gnome-keyring-daemon",
            self.command("gnome-keyring-daemon")
                .args(["--foreground", "--unlock", "--components=secrets"])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )?;
        // --unlock reads the login keyring's password from standard input; in a fresh home
        // it creates the login keyring with it.
        let mut stdin = daemon.child_mut().stdin.take().expect("piped stdin");
        stdin.write_all(KEYRING_PASSWORD.as_bytes())?;
        drop(stdin);
        wait_until(
            "the Secret Service on the session bus",
            Duration::from_secs(15),
            || self.bus_has_name("org.freedesktop.secrets"),
        )?;
        daemon.ensure_running()?;
        Ok(daemon)
    }

    /// Whether a well-known name has an owner on this session's bus.
    pub fn bus_has_name(&self, name: &str) -> bool {
        self.command("dbus-send")
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
            ])
            .arg(format!("string:{name}"))
            .output()
            .map(|out| String::from_utf8_lossy(&out.stdout).contains("boolean true"))
            .unwrap_or(false)
    }

    /// A command that runs inside this session (its HOME, XDG folders, display and bus).
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            command.env("PATH", path);
        }
        command.envs(&self.env);
        command
    }

    /// The session's environment, for a process started some other way.
    pub fn env(&self) -> &BTreeMap<String, OsString> {
        &self.env
    }

    /// The temporary home folder.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// `$XDG_DATA_HOME`.
    pub fn data_home(&self) -> PathBuf {
        self.home.path().join(".local/share")
    }

    /// `$XDG_CONFIG_HOME`.
    pub fn config_home(&self) -> PathBuf {
        self.home.path().join(".config")
    }

    /// Saves a PNG of the whole screen (needs a display).
    pub fn screenshot(&self, path: &Path) -> io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let status = self
            .command("import")
            .args(["-window", "root"])
            .arg(path)
            .status()?;
        if !status.success() {
            return Err(io::Error::other(format!("import failed: {status}")));
        }
        Ok(())
    }

    /// Runs `secret-tool` with `args` in this session and returns its standard output.
    pub fn secret_tool(&self, args: &[&str]) -> io::Result<String> {
        let out = self
            .command("secret-tool")
            .args(args)
            .stdin(Stdio::null())
            .output()?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Presses a key combination (xdotool's syntax, say `ctrl+alt+n`) on this session's X
    /// server, as the keyboard would; panics when xdotool fails (scripts/setup.sh installs it).
    pub fn press_keys(&self, keys: &str) {
        let status = self
            .command("xdotool")
            .args(["key", "--clearmodifiers", keys])
            .status()
            .expect("xdotool (scripts/setup.sh installs it)");
        assert!(status.success(), "xdotool key {keys}: {status}");
    }

    /// This session's id: the value of [`SESSION_MARKER`] in its programs' environment.
    pub fn id(&self) -> String {
        session_id(self.home.path())
    }

    /// Ids of this session's live processes running `program` (any path to it).
    pub fn processes_of(&self, program: &Path) -> Vec<u32> {
        match std::fs::canonicalize(program) {
            Ok(program) => processes_in_session(&program, &self.id()),
            Err(_) => Vec::new(),
        }
    }

    /// Ids of this session's live processes whose executable satisfies `is_program`.
    pub fn processes_where(&self, is_program: impl Fn(&Path) -> bool) -> Vec<u32> {
        processes_in_session_where(&self.id(), is_program)
    }

    /// Whether this session's bus process is still up (for tests of the harness itself).
    pub fn bus_pid(&self) -> u32 {
        self.bus.id()
    }
}

fn session_id(home: &Path) -> String {
    home.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn set_mode_0700(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
}

/// Starts Xvfb on the first free display number from a random base, so parallel sessions
/// do not collide.
fn start_xvfb() -> io::Result<(Guarded, String)> {
    let base = 100 + (std::process::id() % 400);
    for number in base..base + 50 {
        if Path::new(&format!("/tmp/.X{number}-lock")).exists()
            || Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()
        {
            continue;
        }
        let name = format!(":{number}");
        let mut xvfb = Guarded::spawn(
            "Xvfb",
            Command::new("Xvfb")
                .arg(&name)
                .args([
                    "-screen",
                    "0",
                    "1280x800x24",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )?;
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        // Two sessions may pick the same free number at once; the X server that wrote the
        // lock file owns the display, the other one exits. So ours is ready only once its
        // socket exists and the lock names it.
        let ours = xvfb.id();
        let ready = wait_until("Xvfb", Duration::from_secs(10), || {
            xvfb.exited().is_some() || (socket.exists() && display_owner(number) == Some(ours))
        });
        if ready.is_ok() && xvfb.exited().is_none() {
            return Ok((xvfb, name));
        }
    }
    Err(io::Error::other("no free X display number for Xvfb"))
}

/// The process id in display `number`'s lock file (the X server that holds it).
fn display_owner(number: u32) -> Option<u32> {
    std::fs::read_to_string(format!("/tmp/.X{number}-lock"))
        .ok()?
        .trim()
        .parse()
        .ok()
}
