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
