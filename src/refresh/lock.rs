//! `OUT/.lock`: keeps a second run out of an output folder while one writes in it.

use super::LOCK;
use anyhow::{bail, Context as _, Result};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// `OUT/.lock`, holding the owner's pid; removed when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    content: String,
}

impl Lock {
    /// Take the lock of the output folder `dir`, or fail with a message naming
    /// the run that holds it. A lock whose process is gone is taken over with a
    /// warning on stderr.
    pub fn acquire(dir: &Path) -> Result<Lock> {
        let path = dir.join(LOCK);
        let me = std::process::id();
        let content = format!("{me}\n");
        for _ in 0..8 {
            match create_with(&path, dir, &content) {
                Ok(()) => return Ok(Lock { path, content }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("cannot create the lock file {}", path.display()))
                }
            }
            let held = match fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("cannot read the lock file {}", path.display()))
                }
            };
            let pid = held.trim().parse::<u32>().ok();
            if let Some(pid) = pid.filter(|&p| p != me && alive(p)) {
                bail!(
                    "output folder '{}' is in use by another pressmine run (pid {pid}); \
                     wait for it to finish (its lock file is {})",
                    dir.display(),
                    path.display()
                );
            }
            // Stale: move it aside, and make sure what was moved is what was read
            // (another run may have taken it over in between).
            let aside = dir.join(format!("{LOCK}.stale.{me}"));
            match fs::rename(&path, &aside) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!("cannot take over the lock file {}", path.display())
                    })
                }
            }
            let moved = fs::read_to_string(&aside).unwrap_or_default();
            if moved != held {
                // Someone else's fresh lock: put it back unless another one appeared.
                if fs::hard_link(&aside, &path).is_err() {
                    let _ = fs::rename(&aside, &path);
                }
                let _ = fs::remove_file(&aside);
                continue;
            }
            let _ = fs::remove_file(&aside);
            match pid {
                Some(pid) => eprintln!(
                    "pressmine: warning: taking over the lock {} left by pid {pid}, which is no longer running",
                    path.display()
                ),
                None => eprintln!(
                    "pressmine: warning: taking over the lock {}, which names no process ({:?})",
                    path.display(),
                    held.trim()
                ),
            }
        }
        bail!(
            "cannot take the lock {}: other runs keep taking it",
            path.display()
        )
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if fs::read_to_string(&self.path).is_ok_and(|t| t == self.content) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Create `path` holding `content`, atomically: fails with `AlreadyExists` when it
/// exists, and is never seen half-written (a hard link of a complete file).
fn create_with(path: &Path, dir: &Path, content: &str) -> io::Result<()> {
    let tmp = dir.join(format!("{LOCK}.new.{}", std::process::id()));
    fs::write(&tmp, content)?;
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links: create-new, then write.
        Err(_) => {
            use std::io::Write;
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            f.write_all(content.as_bytes())?;
            f.sync_all()
        }
    }
}

/// True when process `pid` is running (or when that cannot be told).
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}
