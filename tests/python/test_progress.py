"""Progress and series from Python: the figures, their derivation, frames, and the CLI's agreement."""

from __future__ import annotations

import csv
import datetime
import json
import signal
import pathlib
import subprocess
import sys
import time

import pytest
from conftest import ROOT, ogp_binary

import ogp

ROOT = pathlib.Path(__file__).resolve().parents[2]
D = datetime.date(2025, 3, 18)


def test_worked_example_of_the_design(sample_path: pathlib.Path) -> None:
    ds = ogp.load(sample_path)
    p = ds.progress(as_of=D)
    assert p.plan == "zz-nap1"
    assert p.as_of == D
    assert p.method == "commitment_mean"
    assert p.schedule == "step"
    assert p.percent == pytest.approx(41.875)
    assert p.expected == pytest.approx(12.5)
    assert p.status == "on_track"
    c1, c2 = p.commitments
    assert (c1["id"], c1["percent"], c1["expected"], c1["weight"]) == ("zz-c1", 43.75, 25.0, 0.5)
    assert c2["percent"] == pytest.approx(40.0)
    assert [m["percent"] for m in c1["milestones"]] == [100.0, 25.0]
    assert ds.progress(as_of=D, method="milestone_mean").percent == pytest.approx(43.0)
    linear = ds.progress(as_of=D, schedule="linear")
    assert linear.expected == pytest.approx(67.793, abs=1e-3)
    assert ds.progress(as_of="2024-12-30").percent == pytest.approx(12.5)


def test_reported_figures_beside_the_computed_one(sample_path: pathlib.Path) -> None:
    p = ogp.load(sample_path).progress(as_of="2025-03-18")
    last = p.reported[-1]
    assert last["as_of"] == D
    assert last["percent"] == 40.0
    assert last["meeting"] == "zz-meeting-2"
    assert last["difference"] == pytest.approx(1.875)


def test_morocco_reports_29_percent_beside_the_computed_figure(morocco_path: pathlib.Path) -> None:
    p = ogp.load(morocco_path).progress(as_of="2025-03-18")
    stated = [r for r in p.reported if r["meeting"] is not None]
    assert [r["percent"] for r in stated] == [29.0]
    assert stated[0]["difference"] == pytest.approx(p.percent - 29.0)
    assert 0.0 <= p.percent <= 100.0


@pytest.mark.parametrize("as_of", [D, "2025-03-18", datetime.datetime(2025, 3, 18, 17, 5)])
def test_dates_as_date_datetime_or_string(sample_path: pathlib.Path, as_of: object) -> None:
    assert ogp.load(sample_path).progress(as_of=as_of).as_of == D  # type: ignore[call-overload]


def test_partial_dates_mean_their_last_day(sample_path: pathlib.Path) -> None:
    ds = ogp.load(sample_path)
    assert ds.progress(as_of="2025-03").as_of == datetime.date(2025, 3, 31)
    assert ds.progress(as_of="2025").as_of == datetime.date(2025, 12, 31)


def test_bad_arguments(sample_path: pathlib.Path) -> None:
    ds = ogp.load(sample_path)
    with pytest.raises(ogp.ArgumentError) as info:
        ds.progress(as_of="18/03/2025")
    assert isinstance(info.value, ValueError)
    with pytest.raises(ogp.ArgumentError):
        ds.progress(as_of=D, method="average")
    with pytest.raises(ogp.ArgumentError):
        ds.progress(as_of=D, by="colour")
    with pytest.raises(TypeError):
        ds.progress(as_of=20250318)  # type: ignore[call-overload]
    with pytest.raises(ogp.NotFoundError) as nf:
        ds.progress(plan="nope", as_of=D)
    assert isinstance(nf.value, KeyError)
    assert "zz-nap1" in str(nf.value)


def test_validation_errors_give_no_number() -> None:
    ds = ogp.Dataset.from_json(
        json.dumps(
            {
                "schema_version": "1",
                "plans": [
                    {
                        "id": "p",
                        "country": "ZZ",
                        "level": "national",
                        "title": "P",
                        "start": "2024",
                        "end": "2025",
                        "status": "implementation",
                        "commitments": [
                            {"id": "c", "title": "C", "lead": "nobody", "start": "2024", "end": "2025"}
                        ],
                    }
                ],
            }
        )
    )
    with pytest.raises(ogp.ValidationError) as info:
        ds.progress(as_of=D)
    assert [p.code for p in info.value.problems] == ["unknown-reference"]


def test_before_the_plan_starts_everything_is_not_started(sample_path: pathlib.Path) -> None:
    p = ogp.load(sample_path).progress(as_of="2023-06-30")
    assert p.percent == 0.0 and p.status == "not_started"
    assert {c["status"] for c in p.commitments} == {"not_started"}


def test_groups_and_explain(sample_path: pathlib.Path) -> None:
    p = ogp.load(sample_path).progress(as_of=D, by="theme")
    assert p.groups is not None
    assert [(g["key"], g["percent"]) for g in p.groups] == [("zz-t1", 43.75), ("zz-t2", 40.0)]
    assert ogp.load(sample_path).progress(as_of=D).groups is None
    tree = p.explain()
    assert tree["derivation"]["rule"] == "commitment_mean"
    terms = tree["derivation"]["terms"]
    assert [(t["id"], t["normalised_weight"]) for t in terms] == [("zz-c1", 0.5), ("zz-c2", 0.5)]
    m2 = tree["commitments"][0]["milestones"][1]
    assert m2["from"]["field"] == "status"
    assert m2["from"]["counts_from"] == datetime.date(2024, 12, 31)
    assert m2["from"]["date"] == "2024-12"  # as written
    assert tree["groups"][0]["key"] == "zz-t1"


def test_to_dicts_and_pandas(sample_path: pathlib.Path) -> None:
    p = ogp.load(sample_path).progress(as_of=D, lang="fr")
    rows = p.to_dicts()
    assert rows[0]["title"] == "Ouvrir le budget"  # French where it exists
    assert rows[1]["title"] == "Publish court decisions"  # else the default language
    assert "milestones" not in rows[0]
    df = p.to_pandas()
    assert list(df["id"]) == ["zz-c1", "zz-c2"]
    assert str(df["percent"].dtype) == "float64"
    assert str(df["expected"].dtype) == "float64"
    assert str(df["status"].dtype) == "category"
    assert str(df["end"].dtype).startswith("datetime64")


def test_series_equals_pointwise_and_frames(sample_path: pathlib.Path) -> None:
    ds = ogp.load(sample_path)
    s = ds.series(every="quarter", start="2024-01", end="2025-12", level="commitment")
    rows = s.to_dicts()
    assert len(s) == len(rows) == 8 * 2
    for row in rows:
        p = ds.progress(as_of=row["date"])
        (c,) = [c for c in p.commitments if c["id"] == row["id"]]
        assert (row["percent"], row["expected"], row["status"]) == (
            c["percent"],
            c["expected"],
            c["status"],
        )
    df = s.to_pandas()
    assert list(df.columns) == [
        "plan", "date", "level", "id", "title", "percent", "expected", "status"
    ]
    assert str(df["date"].dtype).startswith("datetime64")
    assert str(df["percent"].dtype) == "float64"
    assert df["date"].iloc[0].date() == datetime.date(2024, 3, 31)
    plan_rows = ds.series(every="month", start="2025-01", end="2025-03").to_dicts()
    assert [r["date"] for r in plan_rows] == [
        datetime.date(2025, 1, 31),
        datetime.date(2025, 2, 28),
        datetime.date(2025, 3, 31),
    ]
    with pytest.raises(ogp.ArgumentError):
        ds.series(every="week")


def test_python_equals_the_cli(morocco_path: pathlib.Path) -> None:
    out = subprocess.run(
        [
            ogp_binary(),
            "progress",
            str(morocco_path),
            "--as-of",
            "2025-03-18",
            "--by",
            "theme",
            "--format",
            "json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    cli = json.loads(out.stdout)
    p = ogp.load(morocco_path).progress(as_of="2025-03-18", by="theme")
    assert (p.percent, p.expected, p.status) == (cli["percent"], cli["expected"], cli["status"])
    assert [(c["id"], c["percent"], c["expected"], c["status"]) for c in p.commitments] == [
        (c["id"], c["percent"], c["expected"], c["status"]) for c in cli["commitments"]
    ]
    assert [r["difference"] for r in p.reported] == [r["difference"] for r in cli["reported"]]
    assert p.groups is not None
    assert [(g["key"], g["percent"]) for g in p.groups] == [
        (g["key"], g["percent"]) for g in cli["groups"]
    ]
    explained = p.explain()
    assert explained["derivation"]["percent"] == cli["derivation"]["percent"]


def test_repr_and_html_escape_text() -> None:
    ds = ogp.Dataset.from_json(
        json.dumps(
            {
                "schema_version": "1",
                "default_language": "ar",
                "organizations": [{"id": "m", "name": "وزارة", "sector": "government"}],
                "plans": [
                    {
                        "id": "p",
                        "country": "MA",
                        "level": "national",
                        "title": "<script>alert(1)</script> خطة",
                        "start": "2024",
                        "end": "2025",
                        "status": "implementation",
                        "commitments": [
                            {"id": "c", "title": "الشفافية & <b>", "lead": "m", "start": "2024", "end": "2025"}
                        ],
                    }
                ],
            }
        )
    )
    html = ds._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'dir="auto"' in html
    p = ds.progress(as_of="2024-06-30")
    phtml = p._repr_html_()
    assert "الشفافية &amp; &lt;b&gt;" in phtml
    assert 'dir="auto"' in phtml
    assert repr(p).startswith("<ogp.Progress p on 2024-06-30")
    assert "1 plans (p)" in repr(ds)


def test_missing_pandas_is_a_clear_error(
    sample_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    real_import = importlib.import_module

    def no_pandas(name: str, package: "str | None" = None) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", no_pandas)
    p = ogp.load(sample_path).progress(as_of=D)
    with pytest.raises(ogp.MissingDependencyError) as info:
        p.to_pandas()
    assert isinstance(info.value, ImportError)
    assert "pip install pandas" in str(info.value)


def test_walkthrough_example_runs() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "python" / "progress.py")],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "29" in out.stdout and "computed" in out.stdout


def test_series_of_every_plan_equals_each_plan_alone(tmp_path: pathlib.Path) -> None:
    # The OGP database fixture (several countries and a local plan), imported by the CLI.
    out = tmp_path / "world.json"
    run = subprocess.run(
        [
            ogp_binary(),
            "import",
            "ogp-sheet",
            str(ROOT / "tests" / "fixtures" / "ogp-database" / "commitments.csv"),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    ds = ogp.load(out)
    assert len(ds.plans) >= 3
    every = ds.series(level="commitment").to_pandas()
    assert set(every["plan"].astype(str)) == {p.id for p in ds.plans}
    for plan in ds.plan_ids():
        alone = ds.series(plan=plan, level="commitment").to_pandas()
        together = every[every["plan"] == plan].reset_index(drop=True)
        assert together.astype(str).equals(alone.astype(str)), plan


def test_bundle_problems_are_located_by_file_row_and_column(
    morocco_path: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    bundle = tmp_path / "bundle"
    ogp.load(morocco_path).write_csv(bundle)
    path = bundle / "milestones.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("lead")] = "nobody"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    ds = ogp.load(bundle)
    (problem,) = [p for p in ds.validate() if p.severity == "error"]
    assert problem.code == "unknown-reference"
    assert problem.location["file"] == "milestones.csv"
    assert problem.location["row"] == 2
    assert problem.location["field"] == "lead"
    with pytest.raises(ogp.ValidationError) as caught:
        ds.progress(as_of="2025-03-18")
    located = caught.value.problems[0].location
    assert (located["file"], located["row"], located["field"]) == ("milestones.csv", 2, "lead")


def test_a_series_over_max_dates_is_refused_at_once(sample_path: pathlib.Path) -> None:
    """A range of 120,000 month ends raises at once, naming the limit and how to raise it."""
    ds = ogp.load(sample_path)
    with pytest.raises(ogp.ArgumentError, match="max_dates="):
        ds.series(start="0001", end="9999")
    with pytest.raises(ogp.ArgumentError, match="limit of 3"):
        ds.series(max_dates=3)
    assert len(ds.series(max_dates=24).to_pandas()) == 24


def many_plans(plans: int, years: int = 2, start: int = 2024) -> str:
    """A valid dataset of `plans` plans (two themes, three commitments of three milestones
    each, updates every few months) over `years` years, as JSON text."""
    end = start + years - 1

    def milestone(p: int, c: int, m: int) -> dict[str, object]:
        updates = [
            {"date": f"{y}-{(p + c + m + k) % 12 + 1:02d}", "percent": (25 * k + 10 * m) % 101,
             "source": "self_assessment"}
            for k, y in enumerate(range(start, end + 1, max(1, years // 3)))
        ]
        return {"id": f"p{p}-c{c}-m{m}", "title": f"M {m}", "due": f"{start + m % years}-12",
                "updates": updates}

    def commitment(p: int, c: int) -> dict[str, object]:
        return {"id": f"p{p}-c{c}", "title": f"C {c}", "lead": "min", "theme": f"p{p}-t{c % 2}",
                "start": str(start), "end": str(end),
                "milestones": [milestone(p, c, m) for m in range(3)]}

    return json.dumps({
        "schema_version": "1",
        "organizations": [{"id": "min", "name": "Ministry", "sector": "government"}],
        "plans": [
            {"id": f"p{p}", "country": "ZZ", "level": "national", "title": f"Plan {p}",
             "start": str(start), "end": str(end), "status": "implementation",
             "themes": [{"id": f"p{p}-t{t}", "title": f"T {t}"} for t in range(2)],
             "commitments": [commitment(p, c) for c in range(3)]}
            for p in range(plans)
        ],
    })


def test_progress_without_a_plan_gives_every_plan() -> None:
    ds = ogp.Dataset.from_json(many_plans(5))
    every = ds.progress(as_of="2025-03-31", by="theme")
    assert isinstance(every, ogp.PlansProgress)
    assert len(every) == 5 and every.plans == ds.plan_ids()
    for p in every:
        alone = ds.progress(plan=p.plan, as_of="2025-03-31", by="theme")
        assert p.explain() == alone.explain()
    assert every["p3"].plan == every[3].plan == every[-2].plan == "p3"
    with pytest.raises(KeyError):
        every["nope"]
    with pytest.raises(IndexError):
        every[5]
    rows = every.to_dicts()
    assert [(r["plan"], r["percent"], r["status"]) for r in rows] == [
        (p.plan, p.percent, p.status) for p in every
    ]
    df = every.to_pandas()
    assert list(df["plan"]) == ds.plan_ids()
    assert list(df["percent"]) == [p.percent for p in every]
    assert str(df["as_of"].dtype).startswith("datetime64")
    assert str(df["status"].dtype) == "category"
    # One plan: its Progress, as before.
    one = ogp.Dataset.from_json(many_plans(1)).progress(as_of="2025-03-31")
    assert isinstance(one, ogp.Progress)


def test_series_frame_equals_its_rows() -> None:
    ds = ogp.Dataset.from_json(many_plans(3))
    for level in ["plan", "theme", "commitment"]:
        s = ds.series(level=level)
        rows = s.to_dicts()
        df = s.to_pandas()
        assert len(df) == len(rows) == len(s)
        assert [(str(r.plan), r.date.date(), r.level, r.id, r.title, r.percent, r.expected,
                 r.status) for r in df.itertuples()] == [tuple(r.values()) for r in rows]


INTERRUPTED = """
import sys
import ogp

ds = ogp.load(sys.argv[1])
print("computing", flush=True)
result = None
try:
    result = ds.series(level="theme")
except KeyboardInterrupt:
    print("interrupted during the call" if result is None else "interrupted after it")
    sys.exit(3)
print("finished")
"""


def test_ctrl_c_interrupts_a_long_series(tmp_path: pathlib.Path) -> None:
    # About 2,000 plans × 480 month ends, each with its theme roll-ups: many seconds of work,
    # interrupted right after it starts.
    path = tmp_path / "many.json"
    path.write_text(many_plans(2000, years=40, start=2000), encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "computing"
    time.sleep(0.5)  # into the call (without the checks, it would run to its end first)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=600)
    assert child.returncode == 3, err
    assert out.strip() == "interrupted during the call"
