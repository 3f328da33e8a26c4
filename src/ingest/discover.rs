//! Walking the input folder: every regular file as a [`SourceFile`], every
//! walk error and special file as a [`Skipped`] entry.

use super::SourceFile;
use crate::record::Skipped;
use std::fs;
use std::io;
use std::path::Path;

/// Every candidate input under `root`, in sorted order, and entries skipped while walking.
///
/// The walk is recursive; the entries of each folder are visited in file-name order,
/// so the result is the same on every run. Symbolic links are followed; a link that
/// loops back to one of its ancestors is reported (not followed) as a [`Skipped`]
/// entry, as is every other walk error (unreadable folder, broken link, ...).
/// Non-regular files (fifos, sockets, devices) are reported as skipped too.
///
/// Every regular file is returned, including hidden files and files with
/// unsupported extensions: [`load`] skips those with a reason, so every input is
/// accounted for. `rel` is the path relative to `root`, `/`-separated; a file name
/// that is not valid UTF-8 is shown lossily in `rel` but still read through `path`.
///
/// If `root` is a file, the result is just that file (with its file name as `rel`).
///
/// # Errors
///
/// An [`io::Error`] naming `root` when it does not exist, cannot be read, or is
/// neither a folder nor a file.
///
/// [`load`]: super::load
pub fn discover(root: &Path) -> io::Result<(Vec<SourceFile>, Vec<Skipped>)> {
    let meta = fs::metadata(root).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("input '{}': {}", root.display(), io_reason(&e)),
        )
    })?;
    if meta.is_file() {
        let rel = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| root.to_string_lossy().into_owned());
        return Ok((
            vec![SourceFile {
                path: root.to_path_buf(),
                rel,
            }],
            Vec::new(),
        ));
    }
    if !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "input '{}' is neither a folder nor a regular file",
                root.display()
            ),
        ));
    }
    // An unreadable root fails the run rather than yielding an empty result.
    fs::read_dir(root).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!(
                "cannot read input folder '{}': {}",
                root.display(),
                io_reason(&e)
            ),
        )
    })?;

    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by(|a, b| a.file_name().cmp(b.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.depth() == 0 {
                    continue;
                }
                let ft = entry.file_type();
                if ft.is_dir() {
                    continue;
                }
                let rel = rel_path(root, entry.path());
                if ft.is_file() {
                    files.push(SourceFile {
                        path: entry.path().to_path_buf(),
                        rel,
                    });
                } else {
                    skipped.push(Skipped {
                        path: rel,
                        line: None,
                        reason: format!("not a regular file ({})", special_kind(&ft)),
                    });
                }
            }
            Err(err) => skipped.push(walk_error(root, &err)),
        }
    }
    Ok((files, skipped))
}

/// `path` relative to `root`, `/`-separated, lossy for non-UTF-8 names.
fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        path.to_string_lossy().into_owned()
    } else {
        parts.join("/")
    }
}

/// Words for a file type that is neither a file nor a folder.
fn special_kind(ft: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "named pipe";
        }
        if ft.is_socket() {
            return "socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "device";
        }
    }
    if ft.is_symlink() {
        return "symbolic link";
    }
    "special file"
}

/// A walk error as a [`Skipped`] entry whose reason says what went wrong where.
fn walk_error(root: &Path, err: &walkdir::Error) -> Skipped {
    let rel = match err.path() {
        Some(p) => rel_path(root, p),
        None => root.to_string_lossy().into_owned(),
    };
    let reason = if let Some(ancestor) = err.loop_ancestor() {
        let target = if ancestor == root {
            "the input folder".to_string()
        } else {
            format!("'{}'", rel_path(root, ancestor))
        };
        format!("symbolic link loop: '{rel}' points back to {target}; not followed")
    } else {
        let detail = match err.io_error() {
            Some(e) => io_reason(e),
            None => err.to_string(),
        };
        match err.path().map(fs::symlink_metadata) {
            Some(Ok(m)) if m.is_dir() => format!("cannot read directory '{rel}': {detail}"),
            Some(Ok(m)) if m.file_type().is_symlink() => {
                format!("broken symbolic link '{rel}': {detail}")
            }
            _ => format!("cannot read '{rel}': {detail}"),
        }
    };
    Skipped {
        path: rel,
        line: None,
        reason,
    }
}

/// An io error worded for a person: "permission denied", "not found", ...
pub(super) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "not found".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            let mut chars = s.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => format!("{:?}", e.kind()),
            }
        }
    }
}
