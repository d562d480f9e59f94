#!/usr/bin/env bash
# Builds everything and runs every test suite. The README's second command; .ci/run calls it.
# Works on a fresh machine with the Rust toolchain and Python 3 + pip.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

step "the README's main command"
cargo run --release --locked -q -p ogp-cli -- progress examples/morocco-nap3/dataset.json --as-of 2025-03-18
cargo run --release --locked -q -p ogp-cli -- validate examples/morocco-nap3/dataset.json

step "the Rust examples"
cargo run --locked -q -p ogp-core --example check -- examples/morocco-nap3/dataset.json >/dev/null

echo
echo "tests/run.sh: all suites passed"
