use std::io;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// A child process that runs in its own process group and is stopped, with everything it
/// started, when the guard is dropped.
pub struct Guarded {
    name: String,
    child: Child,
}

impl Guarded {
    /// Spawns `command` as the leader of a new process group.
    pub fn spawn(name: &str, command: &mut Command) -> io::Result<Self> {
        use std::os::unix::process::CommandExt;
        let child = command.process_group(0).spawn().map_err(|error| {
            io::Error::new(
                error.kind(),
                format!("cannot start {name}: {error} (is it installed?)"),
            )
        })?;
        Ok(Self {
            name: name.to_owned(),
            child,
        })
    }

    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// The exit status if the process has already ended.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    pub fn child_mut(&mut self) -> &mut Child {
        &mut self.child
    }

    /// Fails with the process's name if it has ended.
    pub fn ensure_running(&mut self) -> io::Result<()> {
        match self.exited() {
            Some(status) => Err(io::Error::other(format!(
                "{} exited early: {status}",
                self.name
            ))),
            None => Ok(()),
        }
    }

    /// Stops the whole process group: SIGTERM, then SIGKILL after a grace period.
    pub fn stop(&mut self) {
        let group = -(self.child.id() as i32);
        // SAFETY: kill(2) with a negative pid signals the process group we created.
        unsafe { libc::kill(group, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if self.exited().is_some() && !group_alive(group) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // SAFETY: as above.
        unsafe { libc::kill(group, libc::SIGKILL) };
        let _ = self.child.wait();
    }
}

fn group_alive(group: i32) -> bool {
    // SAFETY: signal 0 only checks whether any process of the group exists.
    unsafe { libc::kill(group, 0) == 0 }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Polls `ready` every 50 ms until it returns true or `timeout` passes.
pub fn wait_until(
    what: &str,
    timeout: Duration,
    mut ready: impl FnMut() -> bool,
) -> io::Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        if ready() {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("timed out waiting for {what}"),
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
