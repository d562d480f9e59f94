"""Excel workbooks from Python, checked against a real spreadsheet library (openpyxl).

- A workbook written by another program, with real date cells and numbers, loads and
  validates; its mistakes are located at their sheet and cell.
- JSON -> .xlsx -> JSON gives the same document.
- The template workbook has its drop-down lists and frozen heading rows.

Needs the `openpyxl` package (tests/run.sh installs it) and the `ogp` binary (built by cargo
when missing; `OGP_BIN` overrides).
"""

from __future__ import annotations

import datetime
import importlib
import json
import pathlib
import subprocess
from typing import Any, Dict, List, Sequence

import pytest
from conftest import ogp_binary

import ogp

openpyxl: Any = importlib.import_module("openpyxl")


def add_sheet(wb: Any, name: str, rows: Sequence[Sequence[Any]]) -> None:
    ws = wb.create_sheet(name)
    for row in rows:
        ws.append(list(row))


def people_made(path: pathlib.Path, lead: str = "gov", update_date: Any = None) -> None:
    """A workbook typed the way people type: real dates, years and percents as numbers."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    add_sheet(wb, "dataset", [["schema_version", "default_language"], ["1", "en"]])
    add_sheet(wb, "organizations", [["id", "name", "sector"], ["gov", "Government", "government"]])
    add_sheet(
        wb,
        "plans",
        [
            ["id", "country", "level", "title", "start", "end", "status"],
            ["p", "ZZ", "national", "Plan", 2024, 2025, "implementation"],
        ],
    )
    add_sheet(
        wb,
        "commitments",
        [
            ["plan", "id", "title", "lead", "start", "end", "weight"],
            ["p", "c1", "Open data", lead, datetime.date(2024, 1, 15), datetime.datetime(2025, 6, 30), 12.5],
        ],
    )
    add_sheet(
        wb,
        "updates",
        [
            ["target", "date", "percent", "status", "source"],
            ["c1", update_date or datetime.date(2024, 6, 30), 40, "limited", "committee"],
            ["c1", "2024-12", 62.5, "substantial", "committee"],
        ],
    )
    wb.save(path)


def test_a_workbook_from_another_program_loads_with_its_real_cells(tmp_path: pathlib.Path) -> None:
    book = tmp_path / "made.xlsx"
    people_made(book)
    ds = ogp.load(book)
    assert ds.validate() == []
    doc = json.loads(ds.to_json())
    plan = doc["plans"][0]
    assert (plan["start"], plan["end"]) == ("2024", "2025")
    c = plan["commitments"][0]
    assert (c["start"], c["end"], c["weight"]) == ("2024-01-15", "2025-06-30", 12.5)
    assert [(u["date"], u["percent"]) for u in c["updates"]] == [("2024-06-30", 40), ("2024-12", 62.5)]


def test_mistakes_in_a_workbook_name_their_sheet_and_cell(tmp_path: pathlib.Path) -> None:
    book = tmp_path / "bad.xlsx"
    people_made(book, update_date="18/03/2025")
    with pytest.raises(ogp.ParseError) as info:
        ogp.load(book)
    loc = info.value.location
    assert (loc["file"], loc["sheet"], loc["cell"], loc["row"], loc["field"]) == (
        str(book),
        "updates",
        "B2",
        2,
        "date",
    )
    assert "write 2025-03-18" in info.value.problems[0].message
    assert "updates" in str(info.value.problems[0]) and "B2" in str(info.value.problems[0])


def test_an_error_cell_is_located(tmp_path: pathlib.Path) -> None:
    book = tmp_path / "ref.xlsx"
    people_made(book, update_date="#REF!")
    with pytest.raises(ogp.ParseError) as info:
        ogp.load(book)
    assert [(p.code, p.location["cell"], p.message) for p in info.value.problems] == [
        ("type-error", "B2", "the cell holds the error #REF!, not a value; put the value in it"),
    ]


def test_validation_problems_are_located_by_the_cli(tmp_path: pathlib.Path) -> None:
    book = tmp_path / "lead.xlsx"
    people_made(book, lead="nobody")
    out = subprocess.run(
        [ogp_binary(), "validate", str(book), "--format", "json"], capture_output=True, text=True
    )
    assert out.returncode == 1, out.stderr
    problems: List[Dict[str, Any]] = json.loads(out.stdout)["problems"]
    assert [(p["code"], p["location"]["sheet"], p["location"]["cell"]) for p in problems] == [
        ("unknown-reference", "commitments", "D2"),
    ]


def test_json_to_xlsx_to_json_is_exact(sample_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    ds = ogp.load(sample_path)
    book = tmp_path / "sample.xlsx"
    ds.write_xlsx(book)
    back = ogp.load(book)
    assert back == ds
    assert back.to_json() == ds.to_json()
    again = tmp_path / "again.xlsx"
    back.write_xlsx(str(again))
    assert again.read_bytes() == book.read_bytes()
    # openpyxl reads what ogp wrote: numbers as numbers, dates as text.
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[0] == "README"
    updates = wb["updates"]
    heading = [c.value for c in updates[1]]
    percents = [r[heading.index("percent")] for r in updates.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(p, (int, float)) for p in percents)
    dates = [r[heading.index("date")] for r in updates.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(d, str) for d in dates)


def test_redacted_workbook_has_no_names(sample_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    ds = ogp.load(sample_path)
    book = tmp_path / "redacted.xlsx"
    ds.write_xlsx(book, redact_people=True)
    assert "Invited expert" in ds.to_json()
    assert "Invited expert" not in ogp.load(book).to_json()


def drop_downs(ws: Any) -> Dict[str, List[str]]:
    """The drop-down lists of a sheet, by column heading."""
    heading = [c.value for c in ws[1]]
    out: Dict[str, List[str]] = {}
    for dv in ws.data_validations.dataValidation:
        assert dv.type == "list"
        col = str(dv.sqref).split(":")[0].rstrip("0123456789")
        index = openpyxl.utils.column_index_from_string(col) - 1
        out[heading[index]] = dv.formula1.strip('"').split(",")
    return out


def test_the_template_workbook_has_drop_downs_and_frozen_headings(tmp_path: pathlib.Path) -> None:
    book = tmp_path / "t.xlsx"
    out = subprocess.run(
        [ogp_binary(), "template", str(book), "--languages", "ar,fr"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[:3] == ["README", "dataset", "organizations"]
    assert "updates" in wb.sheetnames and "events" in wb.sheetnames
    plans = wb["plans"]
    assert plans.freeze_panes == "A2"
    lists = drop_downs(plans)
    assert lists["level"] == ["national", "local"]
    assert lists["status"] == ["drafting", "implementation", "completed", "withdrawn"]
    updates = drop_downs(wb["updates"])
    assert updates["status"] == ["no_evidence", "not_started", "limited", "substantial", "complete", "withdrawn"]
    for name in wb.sheetnames[1:]:
        assert wb[name].freeze_panes == "A2", name
    commitments = wb["commitments"]
    heading = [c.value for c in commitments[1]]
    assert heading[:6] == ["plan", "id", "ogp_id", "number", "title/ar", "title/fr"]
    required = [c.value for c in commitments[1] if c.fill.fgColor.rgb not in (None, "00000000")]
    assert "plan" in required and "id" in required and "ogp_id" not in required
    dataset = [[c.value for c in row] for row in wb["dataset"].iter_rows()]
    assert dataset == [["schema_version", "default_language"], ["1", "ar"]]
    readme = " ".join(str(c.value) for row in wb["README"].iter_rows() for c in row if c.value)
    assert "ogp validate" in readme and "commitments" in readme
    assert ogp.load(book).validate() == []
