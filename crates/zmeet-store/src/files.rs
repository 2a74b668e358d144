//! Where a store lives and how its directory and file are created private to the user.

use std::fs::{DirBuilder, OpenOptions, Permissions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The database file of the account named by `key` in `dir`. The key may hold anything
/// (hosts, ids); the file name is a hash of it, so it never shapes a path.
pub fn database_path(dir: &Path, key: &str) -> PathBuf {
    let digest = Sha256::digest(key.as_bytes());
    let name: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("calendar-{name}.sqlite3"))
}

/// Creates `dir` (and its parents) and makes it 0700, then creates the database file 0600
/// before SQLite opens it; SQLite gives its WAL and shared-memory files the same mode.
pub(crate) fn prepare(dir: &Path, file: &Path) -> std::io::Result<()> {
    DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    // An existing directory keeps its mode through create(); tighten it.
    std::fs::set_permissions(dir, Permissions::from_mode(0o700))?;
    OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(file)?;
    std::fs::set_permissions(file, Permissions::from_mode(0o600))?;
    Ok(())
}

/// The database and the files SQLite keeps beside it.
pub(crate) fn all_files(file: &Path) -> [PathBuf; 3] {
    let with = |suffix: &str| {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [file.to_path_buf(), with("-wal"), with("-shm")]
}
