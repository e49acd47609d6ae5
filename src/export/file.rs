//! Where an export goes: a file that appears whole under its name or not at all.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// The directory `path` would be written in, once `path` is known to be a file name in
/// a directory that exists: checked before anything is asked or written.
///
/// # Errors
/// No file name, a directory for `path`, or a missing directory, worded with the path.
pub fn check_target(path: &Path) -> Result<&Path, String> {
    let shown = path.display();
    if path.as_os_str().is_empty() {
        return Err("no file name given".to_owned());
    }
    if path.is_dir() {
        return Err(format!("{shown} is a directory; give a file name"));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "cannot write {shown}: the directory {} does not exist",
            dir.display()
        ))
    }
}

/// A file written under a temporary name in its directory and renamed over `path` by
/// [`AtomicFile::commit`]. Dropped without it (an error, Ctrl-C), the temporary file is
/// removed and `path` is untouched: an interrupted export never leaves half a file.
pub struct AtomicFile {
    path: PathBuf,
    temp: BufWriter<NamedTempFile>,
}

impl AtomicFile {
    /// Creates the temporary file beside `path`.
    ///
    /// # Errors
    /// See [`check_target`]; no right to write there, worded with the path.
    pub fn create(path: &Path) -> Result<Self, String> {
        let dir = check_target(path)?;
        let shown = path.display();
        let name = path
            .file_name()
            .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".part")
            .tempfile_in(dir)
            .map_err(|e| format!("cannot write {shown}: {e}"))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            temp: BufWriter::with_capacity(64 * 1024, temp),
        })
    }

    /// Puts the finished file under its name, replacing any file there.
    ///
    /// # Errors
    /// When flushing or renaming fails (the temporary file is removed).
    pub fn commit(self) -> Result<(), String> {
        let shown = self.path.display().to_string();
        let temp = self
            .temp
            .into_inner()
            .map_err(|e| format!("cannot write {shown}: {}", e.error()))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| format!("cannot write {shown}: {e}"))?;
        let file: File = temp
            .persist(&self.path)
            .map_err(|e| format!("cannot write {shown}: {}", e.error))?;
        drop(file);
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_appears_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"a,b\n").unwrap();
        assert!(!path.exists());
        f.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n");

        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"half").unwrap();
        drop(f);
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn bad_paths_are_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope").join("out.csv");
        let err = AtomicFile::create(&missing).err().unwrap();
        assert!(err.contains("does not exist"), "{err}");
        let err = AtomicFile::create(dir.path()).err().unwrap();
        assert!(err.contains("is a directory"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
