//! Which processes belong to a [`crate::Session`]: every session puts a marker with its own
//! id into the environment it gives its programs, and children inherit it, so a test counts
//! the app processes of its own session only — not those of a test running beside it, nor
//! ones left over by an earlier run.

use std::path::Path;

/// The environment variable a session marks its processes with; its value is the session id.
pub const SESSION_MARKER: &str = "ZMEET_TEST_SESSION";

/// Ids of the live processes running `program` (a canonical path) whose environment has
/// [`SESSION_MARKER`] set to `session_id`. Zombies have no executable and are left out.
pub fn processes_in_session(program: &Path, session_id: &str) -> Vec<u32> {
    processes_in_session_where(session_id, |exe| exe == program)
}

/// Ids of the live processes marked with `session_id` whose executable satisfies `is_program`.
pub fn processes_in_session_where(
    session_id: &str,
    is_program: impl Fn(&Path) -> bool,
) -> Vec<u32> {
    let wanted = format!("{SESSION_MARKER}={session_id}");
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let pid = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let exe = std::fs::read_link(entry.path().join("exe")).ok()?;
            if !is_program(&exe) {
                return None;
            }
            // Processes of other users cannot be read: they are not ours either.
            let environ = std::fs::read(entry.path().join("environ")).ok()?;
            environ
                .split(|byte| *byte == 0)
                .any(|pair| pair == wanted.as_bytes())
                .then_some(pid)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::process::{Child, Command, Stdio};

    use super::*;

    /// `cat` waiting on its standard input: alive until the test closes it.
    fn waiting_cat(marker: Option<&str>) -> Child {
        let mut command = Command::new("cat");
        command.stdin(Stdio::piped()).stdout(Stdio::null());
        command.env_remove(SESSION_MARKER);
        if let Some(id) = marker {
            command.env(SESSION_MARKER, id);
        }
        let child = command.spawn().expect("start cat");
        // `spawn` can return before the exec is complete (the kernel wakes a vfork parent
        // early): wait until the child is `cat` with its environment in place.
        let me = std::env::current_exe().expect("the test's exe");
        let proc_dir = format!("/proc/{}", child.id());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::fs::read_link(format!("{proc_dir}/exe")).ok().as_ref() == Some(&me)
            || std::fs::read(format!("{proc_dir}/environ")).is_ok_and(|env| env.is_empty())
        {
            assert!(std::time::Instant::now() < deadline, "cat never started");
            std::thread::yield_now();
        }
        child
    }

    #[test]
    fn only_processes_carrying_the_session_marker_count() {
        let id = format!("unit-{}", std::process::id());
        let mut marked = waiting_cat(Some(&id));
        let mut unmarked = waiting_cat(None);
        let mut other = waiting_cat(Some(&format!("{id}-other")));
        let cat = std::fs::read_link(format!("/proc/{}/exe", marked.id())).expect("cat's exe");

        assert_eq!(processes_in_session(&cat, &id), vec![marked.id()]);
        assert_eq!(
            processes_in_session(&cat, &format!("{id}-other")),
            vec![other.id()]
        );
        let sh = std::fs::canonicalize("/bin/sh").expect("sh");
        assert!(processes_in_session(&sh, &id).is_empty(), "other programs");

        for child in [&mut marked, &mut unmarked, &mut other] {
            drop(child.stdin.take());
            child.wait().expect("cat ends");
        }
        assert!(
            processes_in_session(&cat, &id).is_empty(),
            "ended processes are gone"
        );
    }
}
