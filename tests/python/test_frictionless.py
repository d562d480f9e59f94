"""The CSV bundle against the real `frictionless` package (from PyPI).

- Every bundle that `ogp` writes (the committed example bundles, and the JSON examples and
  format sample converted by `ogp convert`) is valid for `frictionless validate`.
- On a deliberately broken bundle, `frictionless` and `ogp validate` report the same codes on
  the same rows of the same files.

Needs the `frictionless` package (tests/run.sh installs it) and the `ogp` binary (built by
cargo when missing; `OGP_BIN` overrides).
"""

from __future__ import annotations

import csv
import importlib
import json
import pathlib
import shutil
import subprocess
from typing import Any, Callable, List

import pytest
from conftest import ogp_binary

frictionless: Any = importlib.import_module("frictionless")

ROOT = pathlib.Path(__file__).resolve().parents[2]


def ogp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ogp_binary(), *args], capture_output=True, text=True, check=False)


def frictionless_errors(bundle: pathlib.Path) -> set[tuple[str, str, int | None]]:
    report = frictionless.validate(str(bundle / "datapackage.json"))
    found = set()
    for task in report.tasks:
        name = pathlib.Path(task.place).name
        for e in task.errors:
            found.add((name, e.type, getattr(e, "row_number", None)))
    return found


def json_sources() -> list[pathlib.Path]:
    paths = sorted(ROOT.glob("examples/*/dataset.json"))
    sample = ROOT / "tests" / "fixtures" / "format-sample.json"
    if sample.exists():
        paths.append(sample)
    return paths


@pytest.mark.parametrize("bundle", sorted(ROOT.glob("examples/*/bundle")), ids=lambda p: p.parent.name)
def test_committed_bundles_are_valid(bundle: pathlib.Path) -> None:
    report = frictionless.validate(str(bundle / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("source", json_sources(), ids=lambda p: p.parent.name + "/" + p.name)
def test_exported_bundles_are_valid(source: pathlib.Path, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "bundle"
    run = ogp("convert", str(source), str(out))
    assert run.returncode == 0, run.stderr
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def edit(path: pathlib.Path, change: Callable[[List[List[str]]], None]) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    change(rows)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_broken_bundle_same_codes_and_rows(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "broken"
    run = ogp("convert", str(ROOT / "tests" / "fixtures" / "format-sample.json"), str(out))
    assert run.returncode == 0, run.stderr

    def orgs(rows: list[list[str]]) -> None:
        sector = rows[0].index("sector")
        rows[2][sector] = "ngo"  # constraint-error (enum), row 3
        rows.append(list(rows[1]))  # primary-key: row 1's id again, row 6
        rows[3] = rows[3][:2]  # missing-cell(s), row 4

    def milestones(rows: list[list[str]]) -> None:
        weight = rows[0].index("weight")
        rows[1][weight] = "heavy"  # type-error, row 2
        rows[2][0] = "zz-c9"  # foreign-key, row 3
        rows[3].append("extra")  # extra-cell, row 4

    edit(out / "organizations.csv", orgs)
    edit(out / "milestones.csv", milestones)

    theirs = frictionless_errors(out)
    run = ogp("validate", str(out), "--format", "json")
    assert run.returncode == 1, run.stdout + run.stderr
    ours = {
        (p["location"]["file"], p["code"], p["location"].get("row"))
        for p in json.loads(run.stdout)["problems"]
    }
    assert ours == theirs
    assert {code for _, code, _ in ours} >= {
        "constraint-error",
        "primary-key",
        "missing-cell",
        "type-error",
        "foreign-key",
        "extra-cell",
    }
