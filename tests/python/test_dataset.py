"""Loading, writing, validating and describing datasets from Python."""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import pathlib

import pytest

import ogp


def test_load_and_describe(morocco_path: pathlib.Path) -> None:
    ds = ogp.load(morocco_path)
    assert ds.plan_ids() == ["ma-nap3"]
    (plan,) = ds.plans
    assert plan.id == "ma-nap3"
    assert plan.start == datetime.date(2024, 1, 1)
    assert plan.end == datetime.date(2027, 12, 31)
    assert isinstance(plan.title, str) and plan.title
    assert ds.default_language == "fr"
    assert "ma-nap3" in repr(ds)
    assert "PlanSummary(id=\"ma-nap3\"" in repr(plan)


def test_load_accepts_str_paths(morocco_path: pathlib.Path) -> None:
    assert ogp.load(str(morocco_path)) == ogp.load(morocco_path)


def test_json_round_trip_is_exact(morocco_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    ds = ogp.load(morocco_path)
    text = ds.to_json()
    assert text == morocco_path.read_text(encoding="utf-8")  # the example is canonical
    again = ogp.Dataset.from_json(text)
    assert again == ds
    out = tmp_path / "copy.json"
    ds.write_json(out)
    assert out.read_text(encoding="utf-8") == text


def test_csv_bundle_round_trip(morocco_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    ds = ogp.load(morocco_path)
    bundle = tmp_path / "bundle"
    ds.write_csv(bundle)
    assert (bundle / "datapackage.json").exists()
    assert (bundle / "commitments.csv").exists()
    assert ogp.load(bundle) == ds
    assert ogp.load(str(bundle)).to_json() == ds.to_json()


def test_csv_bundle_errors_name_file_row_and_column(
    morocco_path: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    bundle = tmp_path / "bundle"
    ogp.load(morocco_path).write_csv(bundle)
    path = bundle / "plans.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("start")] = "01/01/2024"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with pytest.raises(ogp.ParseError) as info:
        ogp.load(bundle)
    loc = info.value.location
    assert (pathlib.Path(str(loc["file"])).name, loc["row"], loc["field"]) == ("plans.csv", 2, "start")


def test_nothing_is_overwritten_without_force(
    morocco_path: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    ds = ogp.load(morocco_path)
    target = tmp_path / "out.json"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ogp.OutputExistsError) as caught:
        ds.write_json(target)
    assert isinstance(caught.value, FileExistsError)
    assert isinstance(caught.value, ogp.FileError)
    assert caught.value.filename == str(target)
    assert "force=True" in str(caught.value)
    assert target.read_text(encoding="utf-8") == "keep me"
    ds.write_json(target, force=True)
    assert ogp.load(target) == ds

    bundle = tmp_path / "bundle"
    ds.write_csv(bundle)
    before = (bundle / "plans.csv").read_bytes()
    with pytest.raises(ogp.OutputExistsError):
        ds.write_csv(bundle)
    with pytest.raises(ogp.OutputExistsError):
        ds.write_xlsx(tmp_path / "out.json")
    assert (bundle / "plans.csv").read_bytes() == before
    ds.write_csv(bundle, force=True)
    assert ogp.load(bundle) == ds


def test_redacted_bundle_has_no_names(sample_path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    bundle = tmp_path / "redacted"
    ogp.load(sample_path).write_csv(bundle, redact_people=True)
    text = "".join(p.read_text(encoding="utf-8") for p in bundle.glob("*.csv"))
    assert "Invited expert" not in text
    assert "Invited expert" in sample_path.read_text(encoding="utf-8")


def test_validate_returns_problems() -> None:
    ds = ogp.Dataset.from_json(
        json.dumps(
            {
                "schema_version": "1",
                "organizations": [
                    {"id": "a", "name": "A", "sector": "government"},
                    {"id": "a", "name": "B", "sector": "government", "parent": "zz"},
                ],
            }
        )
    )
    problems = ds.validate()
    assert [(p.severity, p.code, p.location["pointer"]) for p in problems] == [
        ("error", "duplicate-id", "/organizations/1/id"),
        ("error", "unknown-reference", "/organizations/1/parent"),
    ]
    assert "duplicate-id" in str(problems[0])
    assert "Problem(severity=" in repr(problems[0])


def test_valid_example_has_no_problem(morocco_path: pathlib.Path) -> None:
    assert ogp.load(morocco_path).validate() == []


def test_parse_error_carries_every_problem() -> None:
    text = '{\n  "schema_version": "1",\n  "organizations": [{"id": "b c", "name": "B", "sector": "gov"}]\n}'
    with pytest.raises(ogp.ParseError) as info:
        ogp.Dataset.from_json(text)
    err = info.value
    assert isinstance(err, ogp.OgpError)
    assert [(p.code, p.location["pointer"]) for p in err.problems] == [
        ("bad-id", "/organizations/0/id"),
        ("invalid-value", "/organizations/0/sector"),
    ]
    assert err.location == {"pointer": "/organizations/0/id", "line": 3, "column": 22}


def test_syntax_error_has_line_and_column() -> None:
    with pytest.raises(ogp.ParseError) as info:
        ogp.Dataset.from_json('{"schema_version": "1",}')
    assert info.value.problems[0].code == "json-syntax"
    assert info.value.location["line"] == 1


def test_file_errors_are_oserrors(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(ogp.FileError) as info:
        ogp.load(missing)
    assert isinstance(info.value, OSError)
    assert isinstance(info.value, ogp.OgpError)
    assert info.value.filename == str(missing)
    assert info.value.errno == 2


def test_parse_error_from_file_names_the_file(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1", "plans": 3}', encoding="utf-8")
    with pytest.raises(ogp.ParseError) as info:
        ogp.load(bad)
    assert info.value.location["file"] == str(bad)
    assert info.value.problems[0].code == "type-error"


def test_json_schema() -> None:
    schema = ogp.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Dataset"
    assert "ActionPlan" in ogp.schema_names()
    assert ogp.json_schema("Organization")["title"] == "Organization"
    with pytest.raises(ogp.NotFoundError) as info:
        ogp.json_schema("Nope")
    assert isinstance(info.value, KeyError)
    assert "Dataset" in str(info.value)


def test_committed_schema_matches(root: pathlib.Path) -> None:
    committed = json.loads((root / "schemas" / "dataset.schema.json").read_text(encoding="utf-8"))
    assert ogp.json_schema("Dataset") == committed


def test_version() -> None:
    assert isinstance(ogp.__version__, str) and ogp.__version__.count(".") == 2


def test_every_public_object_has_a_docstring() -> None:
    missing = []
    for name in ogp.__all__:
        obj = getattr(ogp, name)
        if name == "__version__":
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if isinstance(obj, type):
            for attr, member in vars(obj).items():
                if attr.startswith("_") or not callable(member) and not hasattr(member, "__get__"):
                    continue
                if not (getattr(member, "__doc__", None) or "").strip():
                    missing.append(f"{name}.{attr}")
    assert missing == []


def test_committee_report(morocco_path: pathlib.Path) -> None:
    ds = ogp.load(morocco_path)
    r = ds.committee_report(as_of="2026-03-01")
    assert r["committee"] == "ma-nap3-steering"
    assert r["as_of"] == datetime.date(2026, 3, 1)
    assert [(s["sector"], s["filled"], s["seats"]) for s in r["seats"]][:2] == [
        ("government", 8, 9),
        ("civil_society", 8, 9),
    ]
    gaps = [g for g in r["interval"]["gaps"] if g["over"]]
    assert [(g["from"], g["to"]) for g in gaps] == [("ma-nap3-steering-m2", "ma-nap3-steering-2026-02-03")]
    assert "meeting-interval" in {p["code"] for p in r["problems"]}
    with pytest.raises(ogp.NotFoundError):
        ds.committee_report(committee="nope")


def test_rotation(sample_path: pathlib.Path, root: pathlib.Path) -> None:
    ds = ogp.load(sample_path)
    r = ds.rotation()  # the only undecided event: zz-ev-2
    assert r["event"] == "zz-ev-2"
    assert r["proposed"] == ["zz-ms-youth"]  # zz-ms-access served at zz-ev-1; cooldown 1
    access = [m for m in r["pool"] if m["membership"] == "zz-ms-access"]
    assert access and access[0]["status"] == "excluded"
    first = ds.rotation("zz-ev-1")
    assert first["matches_decision"] is False
    h = ds.rotation_history()
    assert h["policy"] == "zz-rotation"
    example = ogp.load(root / "examples" / "rotation" / "dataset.json")
    assert example.rotation("ex-ev-2026-05")["proposed"] == ["ex-ms-sahara", "ex-ms-access"]
    with pytest.raises(ogp.NotFoundError):
        ds.rotation("nope")


def test_select_and_verify(sample_path: pathlib.Path, root: pathlib.Path) -> None:
    ds = ogp.load(sample_path)
    audit = ds.select()
    assert audit["call"] == "zz-call-2026"
    selected = [c["id"] for c in audit["candidates"] if c["selected"]]
    assert selected == ["cand-access"]  # cand-youth is at the term limit
    access = [c for c in audit["candidates"] if c["id"] == "cand-access"][0]
    assert access["total"] == pytest.approx(69.333, abs=1e-3)
    assert ds.verify_selection(audit) == []
    assert ds.verify_selection(json.dumps(audit)) == []
    tampered = dict(audit, fingerprint="0000000000000000")
    assert ds.verify_selection(tampered) != []
    example = ogp.load(root / "examples" / "selection" / "dataset.json")
    assert sum(1 for c in example.select()["candidates"] if c["selected"]) == 5
    with pytest.raises(ogp.NotFoundError):
        ds.select("nope")


def test_anyone_can_recompute_the_fingerprint(root: pathlib.Path) -> None:
    """The audit's fingerprint is SHA-256 of a canonical JSON that needs only json and hashlib.

    The form is ogp_core::selection's section 9: the call with candidates and evaluators in id
    order, conflicts sorted, scores in (candidate, evaluator, criterion) order; then
    [call, grid, max_consecutive_terms] as compact JSON with keys sorted.
    """
    path = root / "examples" / "selection" / "dataset.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    call = dict(data["calls"][0])
    grid = next(g for g in data["grids"] if g["id"] == call["grid"])
    committee = next(c for c in data["committees"] if c["id"] == call["committee"])
    call["candidates"] = sorted(call["candidates"], key=lambda c: str(c["id"]))
    call["evaluators"] = sorted(
        (dict(e, conflicts=sorted(e["conflicts"])) if "conflicts" in e else e
         for e in call["evaluators"]),
        key=lambda e: str(e["id"]),
    )
    call["scores"] = sorted(
        call["scores"],
        key=lambda s: (str(s["candidate"]), str(s["evaluator"]), str(s["criterion"])),
    )
    canonical = json.dumps(
        [call, grid, committee.get("max_consecutive_terms")],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert ogp.load(path).select()["fingerprint"] == expected


def test_a_file_over_the_input_limit_is_refused_before_it_is_read(
    sample_path: pathlib.Path,
) -> None:
    """set_max_input_bytes bounds what load() reads; the CLI's --max-input-mb is the same."""
    before = ogp.set_max_input_bytes(100)
    try:
        with pytest.raises(ogp.ArgumentError, match="more than the 100"):
            ogp.load(sample_path)
    finally:
        assert ogp.set_max_input_bytes(before) == 100
    assert ogp.load(sample_path).plans
