"""Shared fixtures of the Python suite."""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def ogp_binary() -> str:
    """The `ogp` CLI: `OGP_BIN`, else the release build (built here when missing)."""
    env = os.environ.get("OGP_BIN")
    if env:
        return env
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    binary = target / "release" / "ogp"
    if not binary.exists():
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "ogp-cli"], cwd=ROOT, check=True)
    return str(binary)


@pytest.fixture()
def root() -> pathlib.Path:
    """The repository's root folder."""
    return ROOT


@pytest.fixture()
def morocco_path() -> pathlib.Path:
    """The Morocco NAP3 example dataset."""
    return ROOT / "examples" / "morocco-nap3" / "dataset.json"


@pytest.fixture()
def sample_path() -> pathlib.Path:
    """The fictional format sample (plan zz-nap1), whose figures DESIGN.md works out by hand."""
    return ROOT / "tests" / "fixtures" / "format-sample.json"
