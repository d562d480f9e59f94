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

# The codes of the checks a datapackage.json declares (Frictionless' own names).
FRICTIONLESS_CODES = {
    "constraint-error",
    "type-error",
    "primary-key",
    "foreign-key",
    "missing-cell",
    "extra-cell",
    "blank-row",
    "missing-label",
    "extra-label",
    "duplicate-label",
    "encoding-error",
}


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
    problems = json.loads(run.stdout)["problems"]
    ours = {
        (p["location"]["file"], p["code"], p["location"].get("row"))
        for p in problems
        if p["code"] in FRICTIONLESS_CODES
    }
    assert ours == theirs
    # Beyond what Frictionless checks, ogp validates what did read in the same run; a
    # reference to a row that did not read says so.
    follow_on = [p for p in problems if p["code"] not in FRICTIONLESS_CODES]
    assert all("did not read" in p["message"] for p in follow_on if p["code"] == "unknown-reference")
    assert {code for _, code, _ in ours} >= {
        "constraint-error",
        "primary-key",
        "missing-cell",
        "type-error",
        "foreign-key",
        "extra-cell",
    }


def pad(v: str) -> str:
    return v + " "


def lead(v: str) -> str:
    return " " + v


# (name, file, column, row chooser, new value): rows are chosen by a predicate on the row so
# that the edit lands where the column is meaningful (a boolean of a milestone that has an
# indicator). Good edits must be accepted by both tools, bad ones refused by both.
AGREEMENT_CASES: list[tuple[str, str, str, Callable[[str], str]]] = [
    ("id with a trailing space", "organizations.csv", "id", pad),
    ("id with a leading space", "organizations.csv", "id", lead),
    ("word with a trailing space", "plans.csv", "status", pad),
    ("date with a trailing space", "plans.csv", "start", pad),
    ("date with a leading space", "plans.csv", "start", lead),
    ("number with a trailing space", "milestones.csv", "weight", lambda v: (v or "1") + " "),
    ("number with a leading space", "milestones.csv", "weight", lambda v: " " + (v or "1")),
    ("blank number", "milestones.csv", "weight", lambda v: " "),
    ("whole number written 9.0", "committees.csv", "seats/government", lambda v: "9.0"),
    ("whole number with a trailing space", "committees.csv", "seats/government", pad),
    ("country in lower case", "plans.csv", "country", lambda v: v.lower()),
    ("list item with a space", "commitments.csv", "values", lambda v: v.replace(";", "; ") or " x"),
    ("blank list", "commitments.csv", "partners", lambda v: " "),
    ("parent key with a space", "milestones.csv", "commitment", pad),
    ("number with a plus sign", "milestones.csv", "weight", lambda v: "+" + (v or "1")),
    ("number with an exponent", "milestones.csv", "weight", lambda v: (v or "1") + "e0"),
    ("number with a decimal comma", "milestones.csv", "weight", lambda v: (v or "1") + ",5"),
    ("boolean True", "milestones.csv", "indicator/higher_is_better", lambda v: "True"),
    ("boolean 1", "milestones.csv", "indicator/higher_is_better", lambda v: "1"),
    ("boolean yes", "milestones.csv", "indicator/higher_is_better", lambda v: "yes"),
    ("free text with a trailing space", "organizations.csv", "name/en", pad),
]



@pytest.mark.parametrize("case", AGREEMENT_CASES, ids=lambda c: c[0])
def test_ogp_and_frictionless_accept_the_same_cells(
    case: tuple[str, str, str, Callable[[str], str]], tmp_path: pathlib.Path
) -> None:
    _, file, column, change = case
    out = tmp_path / "bundle"
    run = ogp("convert", str(ROOT / "examples" / "morocco-nap3" / "dataset.json"), str(out))
    assert run.returncode == 0, run.stderr

    def apply(rows: list[list[str]]) -> None:
        col = rows[0].index(column)
        # The first row where the cell is meaningful: a boolean of an indicator goes on a
        # milestone that has an indicator; anything else on the first data row.
        unit = rows[0].index("indicator/unit") if "indicator/unit" in rows[0] else None
        target = next(
            (r for r in rows[1:] if unit is None or column != "indicator/higher_is_better" or r[unit]),
            rows[1],
        )
        target[col] = change(target[col])

    edit(out / file, apply)
    report = frictionless.validate(str(out / "datapackage.json"))
    theirs = {(pathlib.Path(t.place).name, e.type) for t in report.tasks for e in t.errors}
    run = ogp("validate", str(out), "--format", "json")
    assert run.returncode in (0, 1), run.stderr
    ours = {
        (p["location"].get("file"), p["code"])
        for p in json.loads(run.stdout)["problems"]
        if p["severity"] == "error" and p["code"] in FRICTIONLESS_CODES
    }
    # The same verdict on the constraints the package declares (other problems, such as a
    # weight that its siblings lack, are ogp's own checks), and nothing Frictionless would not
    # say.
    assert (not ours) == report.valid, (ours, theirs)
    assert ours <= theirs, (ours, theirs)
