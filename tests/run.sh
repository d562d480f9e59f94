#!/usr/bin/env bash
# Builds everything and runs every test suite: the README's second command; .ci/run calls it.
# Needs only the Rust toolchain and Python 3 with pip: it creates a local virtual environment
# (.venv) and installs what the Python suite needs into it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test (Rust unit, integration and doc tests)"
cargo test --workspace --locked

step "cargo doc (broken links and rustdoc warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked -q

step "the README's main command"
cargo run --release --locked -q -p ogp-cli -- progress examples/morocco-nap3/dataset.json --as-of 2025-03-18
cargo run --release --locked -q -p ogp-cli -- validate examples/morocco-nap3/dataset.json

step "the Rust examples"
cargo run --locked -q -p ogp-core --example check -- examples/morocco-nap3/dataset.json >/dev/null

step "Python: virtual environment in .venv"
venv=$root/.venv
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv"; then
    # Debian's python3 keeps venv in its own package.
    apt-get update -qq && apt-get install -y -qq python3-venv
    python3 -m venv "$venv"
  fi
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check \
  "maturin>=1.9.4,<2" "pytest>=7" "pandas>=1.5" "mypy>=1.10" "frictionless>=5.10" "openpyxl>=3.1"

step "Python: build the extension into the venv (maturin develop --release)"
(cd ogp-py && VIRTUAL_ENV=$venv "$venv/bin/maturin" develop --release --locked -q)

step "Python: pytest"
"$venv/bin/python" -m pytest tests/python -q

step "Python: stubs (mypy stubtest, mypy --strict on the package and tests)"
"$venv/bin/python" -m mypy.stubtest ogp
"$venv/bin/python" -m mypy --strict ogp-py/python/ogp tests/python examples/python

step "Python: pip install ./ogp-py into a fresh venv, and the one-line check"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
python3 -m venv "$fresh/venv"
"$fresh/venv/bin/python" -m pip install -q --disable-pip-version-check ./ogp-py
percent=$("$fresh/venv/bin/python" -c "import ogp; print(ogp.load('examples/morocco-nap3/dataset.json').progress(as_of='2025-03-18').percent)")
echo "ogp.load(...).progress(as_of='2025-03-18').percent = $percent"
"$fresh/venv/bin/python" -c "import sys; float(sys.argv[1])" "$percent"

echo
echo "tests/run.sh: all suites passed"
