//! What the CLI test files share: the repository root and running the built `ogp`.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// Runs the built `ogp` with `args`, from the repository root.
pub fn ogp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ogp"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

/// A fresh folder in the temporary directory, named after the test file and the test
/// (`ogp-cli-<file>-<name>-<pid>`), removed when dropped.
pub struct Temp(pub PathBuf);

impl Temp {
    /// A new, empty folder.
    pub fn new(file: &str, name: &str) -> Temp {
        let p = std::env::temp_dir().join(format!("ogp-cli-{file}-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Temp(p)
    }

    /// The path of `name` inside the folder, as text.
    pub fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_owned()
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
