#!/usr/bin/env python3
"""The monthly plan-level series of every plan of a world dataset, three ways, in one run:

(a) pandas — a straightforward, competent implementation of ogp's default progress rules
    (the module doc of ``ogp-core/src/progress/mod.rs``), for what the world generator
    (``benches/src/world.rs``) exercises: the latest counting update on or before each month end,
    partial dates counting from the end of their period, percent / status on the default scale
    / indicator value → percent (clipped to 0–100), withdrawn milestones and commitments left
    out, milestone weights, then the commitment mean with commitment weights; expected
    progress by the ``step`` schedule;
(b) ogp from Python — ``ogp.load`` then ``ds.series(...).to_pandas()`` (every plan at once when
    the API allows it, else plan by plan);
(c) the ``ogp series`` CLI — every plan at once when the CLI allows it, else a sample of plans,
    timed per plan and extrapolated to all (each call loads the file again, as a shell loop
    would);
and, as (d), the Rust library itself (``--bin series`` of ogp-benches: the figures-only
sweep ``progress::series_table``, and, beside it, every result built whole as before).
Last, (e) the peak memory (maximum resident set size) of ``ogp validate`` loading and checking
the JSON file, and the CSV bundle beside it when there is one (``--bundle``), against the
input's bytes.

It checks that pandas and ogp give the same figures (percent and expected, within 1e-9) for
every plan and date, then prints a table of times and ratios to pandas. Exit status 1 when
the figures differ.

    python benches/python/compare.py --plans 100
    python benches/python/compare.py --plans 100 --bundle   # also the bundle's peak memory
    python benches/python/compare.py --json OUT/world.json
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
STATUS_SCALE = {"not_started": 0.0, "limited": 25.0, "substantial": 75.0, "complete": 100.0,
                "no_evidence": 0.0}
TOLERANCE = 1e-9


# --- (a) pandas ----------------------------------------------------------------------------

def resolve_end(s: pd.Series) -> pd.Series:
    """`2025` → 2025-12-31, `2025-03` → 2025-03-31, `2025-03-18` → itself."""
    n = s.str.len()
    out = pd.to_datetime(s.where(n == 10), format="%Y-%m-%d")
    month = n == 7
    out[month] = pd.to_datetime(s[month] + "-01", format="%Y-%m-%d") + pd.offsets.MonthEnd(0)
    year = n == 4
    out[year] = pd.to_datetime(s[year] + "-12-31", format="%Y-%m-%d")
    return out


def resolve_start(s: pd.Series) -> pd.Series:
    """`2025` → 2025-01-01, `2025-03` → 2025-03-01, `2025-03-18` → itself."""
    n = s.str.len()
    full = s.where(n == 10, s.where(n != 7, s + "-01").where(n != 4, s + "-01-01"))
    return pd.to_datetime(full, format="%Y-%m-%d")


def frames(data: dict) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Plans, commitments, milestones and updates (of milestones and of commitments) as
    DataFrames, with dates resolved."""
    plans, commitments, milestones, updates = [], [], [], []
    for p in data.get("plans", []):
        pid = p["id"]
        plans.append((pid, p["start"], p["end"]))
        for c in p.get("commitments", []):
            cid = c["id"]
            commitments.append((pid, cid, c.get("weight", 1.0)))
            for i, u in enumerate(c.get("updates", [])):
                updates.append((cid, i, u["date"], u.get("percent"), u.get("status"),
                                u.get("value")))
            for m in c.get("milestones", []):
                mid = m["id"]
                ind = m.get("indicator") or {}
                milestones.append((cid, mid, m.get("weight", 1.0), m["due"],
                                   ind.get("baseline"), ind.get("target")))
                for i, u in enumerate(m.get("updates", [])):
                    updates.append((mid, i, u["date"], u.get("percent"), u.get("status"),
                                    u.get("value")))
    plans = pd.DataFrame(plans, columns=["plan", "start", "end"])
    plans["start"] = resolve_start(plans["start"])
    plans["end"] = resolve_end(plans["end"])
    commitments = pd.DataFrame(commitments, columns=["plan", "commitment", "cw"])
    milestones = pd.DataFrame(milestones, columns=["commitment", "milestone", "w", "due",
                                                   "baseline", "target"])
    milestones["due"] = resolve_end(milestones["due"])
    updates = pd.DataFrame(updates, columns=["node", "pos", "date", "percent", "status",
                                             "value"])
    updates["end"] = resolve_end(updates["date"])
    return plans, commitments, milestones, updates


def update_figures(updates: pd.DataFrame, milestones: pd.DataFrame) -> pd.DataFrame:
    """Each update's percent by §2 (withdrawn first, then percent, status, indicator value),
    and the month end from which it counts."""
    ind = milestones.set_index("milestone")[["baseline", "target"]]
    u = updates.join(ind, on="node")
    from_value = ((u["value"] - u["baseline"]) / (u["target"] - u["baseline"]) * 100).clip(0, 100)
    pct = u["percent"].astype(float)
    pct = pct.fillna(u["status"].map(STATUS_SCALE)).fillna(from_value).fillna(0.0)
    return pd.DataFrame({
        "node": u["node"], "end": u["end"], "pos": u["pos"], "pct": pct,
        "withdrawn": u["status"] == "withdrawn",
        "month": u["end"] + pd.offsets.MonthEnd(0),
    })


def latest(grid: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """For each (node, date) of `grid`, the latest counting update's figures: the one counting
    from the latest day ≤ date, and of those the later in its list."""
    f = figures.sort_values(["node", "end", "pos"], kind="stable")
    f = f.drop_duplicates(["node", "month"], keep="last").sort_values("month", kind="stable")
    g = grid.sort_values("date", kind="stable")
    out = pd.merge_asof(g, f[["node", "month", "pct", "withdrawn"]], left_on="date",
                        right_on="month", by="node", direction="backward")
    out["pct"] = out["pct"].fillna(0.0)
    out["withdrawn"] = out["withdrawn"].astype("boolean").fillna(False).astype(bool)
    return out


def pandas_series(data: dict) -> tuple[pd.DataFrame, float, float]:
    """The series of every plan: columns plan, date, percent, expected; with the seconds spent
    building the frames and computing."""
    t0 = time.perf_counter()
    plans, commitments, milestones, updates = frames(data)
    t1 = time.perf_counter()
    dates = pd.concat(
        [pd.DataFrame({"plan": p, "date": pd.date_range(s, e, freq="ME")})
         for p, s, e in plans.itertuples(index=False)],
        ignore_index=True,
    )
    figures = update_figures(updates, milestones)
    ms = milestones.merge(commitments[["plan", "commitment"]], on="commitment")
    grid = ms.merge(dates, on="plan").rename(columns={"milestone": "node"})
    m = latest(grid, figures)
    m["expected"] = np.where(m["date"] >= m["due"], 100.0, 0.0)
    counted = m[~m["withdrawn"]]
    counted = counted.assign(wp=counted["w"] * counted["pct"],
                             we=counted["w"] * counted["expected"])
    c = counted.groupby(["commitment", "date"], sort=False)[["wp", "we", "w"]].sum()
    c = c.assign(P=c["wp"] / c["w"], E=c["we"] / c["w"]).reset_index()
    # A commitment is withdrawn by its own latest counting update, or when no milestone counts.
    cgrid = commitments.merge(dates, on="plan").rename(columns={"commitment": "node"})
    own = latest(cgrid, figures).rename(columns={"node": "commitment"})
    own = own[~own["withdrawn"]][["plan", "commitment", "cw", "date"]]
    c = own.merge(c[["commitment", "date", "P", "E"]], on=["commitment", "date"])
    c = c.assign(cp=c["cw"] * c["P"], ce=c["cw"] * c["E"])
    p = c.groupby(["plan", "date"], sort=False)[["cp", "ce", "cw"]].sum()
    p = p.assign(percent=p["cp"] / p["cw"], expected=p["ce"] / p["cw"]).reset_index()
    out = dates.merge(p[["plan", "date", "percent", "expected"]], on=["plan", "date"],
                      how="left").fillna({"percent": 0.0, "expected": 0.0})
    t2 = time.perf_counter()
    return out, t1 - t0, t2 - t1


# --- (b) ogp from Python -------------------------------------------------------------------

def ogp_series(path: Path) -> tuple[pd.DataFrame, float, float, str]:
    import ogp

    t0 = time.perf_counter()
    ds = ogp.load(str(path))
    t1 = time.perf_counter()
    how = "every plan in one call"
    try:
        df = ds.series(every="month").to_pandas()
        if df["id"].nunique() < len(ds.plan_ids()):
            raise ValueError("one plan only")
    except Exception:
        how = "one call per plan"
        df = pd.concat([ds.series(plan=p, every="month").to_pandas() for p in ds.plan_ids()],
                       ignore_index=True)
    t2 = time.perf_counter()
    return df, t1 - t0, t2 - t1, how


# --- (c) the CLI ---------------------------------------------------------------------------

def ogp_binary() -> Path:
    exe = ROOT / "target" / "release" / "ogp"
    if not exe.exists():
        subprocess.run(["cargo", "build", "--release", "-p", "ogp-cli"], cwd=ROOT, check=True)
    return exe


def cli_series(path: Path, plans: list[str], sample: int) -> tuple[pd.DataFrame, float, str]:
    """The CLI's figures and its (extrapolated) seconds for every plan."""
    exe = ogp_binary()
    t0 = time.perf_counter()
    run = subprocess.run([exe, "series", path, "--format", "csv"], capture_output=True)
    t = time.perf_counter() - t0
    if run.returncode == 0:
        df = pd.read_csv(io.BytesIO(run.stdout))
        if df["id"].nunique() == len(plans):
            return df, t, "every plan in one call"
    step = max(1, len(plans) // sample)
    chosen = plans[::step][:sample]
    parts, spent = [], 0.0
    for p in chosen:
        t0 = time.perf_counter()
        run = subprocess.run([exe, "series", path, "--plan", p, "--format", "csv"],
                             capture_output=True, check=True)
        spent += time.perf_counter() - t0
        parts.append(pd.read_csv(io.BytesIO(run.stdout)))
    how = (f"{len(chosen)} plans timed, {spent / len(chosen):.2f} s each, "
           f"× {len(plans)} plans")
    return pd.concat(parts, ignore_index=True), spent / len(chosen) * len(plans), how


# --- (d) Rust ------------------------------------------------------------------------------

def rust_series(path: Path) -> dict:
    run = subprocess.run(["cargo", "run", "--quiet", "--release", "-p", "ogp-benches", "--bin",
                          "series", "--", str(path)], cwd=ROOT, capture_output=True, check=True)
    return json.loads(run.stdout)


# --- checking and reporting ----------------------------------------------------------------

def compare(expected: pd.DataFrame, got: pd.DataFrame, what: str, every_plan: bool) -> int:
    """Rows where `got` (ogp's long format: date, id, percent, expected) differs from pandas by
    more than the tolerance, or is missing; prints the first few."""
    # Plan-level rows: the node's id is the plan's (ogp also has a `plan` column).
    g = got.drop(columns=["plan"], errors="ignore").rename(columns={"id": "plan"})
    g = g[["plan", "date", "percent", "expected"]].copy()
    g["date"] = pd.to_datetime(g["date"])
    e = expected if every_plan else expected[expected["plan"].isin(g["plan"])]
    j = e.merge(g, on=["plan", "date"], how="outer", suffixes=("_pandas", "_ogp"),
                indicator=True)
    bad = (j["_merge"] != "both") | \
        ((j["percent_pandas"] - j["percent_ogp"]).abs() > TOLERANCE) | \
        ((j["expected_pandas"] - j["expected_ogp"]).abs() > TOLERANCE)
    n = int(bad.sum())
    print(f"check {what}: {len(j) - n} of {len(j)} figures equal within {TOLERANCE:g}"
          + ("" if n == 0 else f", {n} differ:"))
    if n:
        print(j[bad].head(10).to_string())
    return n


def generate(plans: int, out: Path, bundle: bool) -> Path:
    only = [] if bundle else ["--json-only"]
    subprocess.run(["cargo", "run", "--quiet", "--release", "-p", "ogp-benches", "--bin", "gen",
                    "--", "--plans", str(plans), "--commitments", "20", "--milestones", "5",
                    "--updates", "25", "--seed", "1", *only, str(out)],
                   cwd=ROOT, check=True)
    return out / "world.json"


# --- (e) peak memory -----------------------------------------------------------------------

def peak_rss(cmd: list[str]) -> tuple[float, int]:
    """The seconds and the peak resident set size (bytes) of one run of `cmd`, measured by
    GNU time (``/usr/bin/time -f %M``). Not by this process's ``wait4``: a child forked from
    this large process would count the pages it shared with it before its ``exec``."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".txt") as report:
        t0 = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, *cmd],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        t = time.perf_counter() - t0
        kilobytes = int(report.read().split()[-1])
    return t, kilobytes * 1024


def input_bytes(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size


def memory_rows(path: Path) -> list[tuple[str, Path, float, int, int]]:
    """`ogp validate` (load and check) on the JSON file and on the bundle beside it."""
    exe = str(ogp_binary())
    out = []
    for what, p in [("JSON", path), ("CSV bundle", path.parent / "bundle")]:
        if p.exists():
            t, rss = peak_rss([exe, "validate", str(p)])
            out.append((f"`ogp validate`, {what}", p, t, rss, input_bytes(p)))
    load = "import sys, ogp; ogp.load(sys.argv[1])"
    t, rss = peak_rss([sys.executable, "-c", load, str(path)])
    out.append(("Python `ogp.load`, JSON (with the interpreter)", path, t, rss, input_bytes(path)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--plans", type=int, default=100,
                     help="generate a world of N plans × 20 × 5 × 25 (default 100)")
    src.add_argument("--json", type=Path, help="use this dataset instead")
    ap.add_argument("--out", type=Path, default=ROOT / "target" / "world",
                    help="where --plans writes the dataset (default target/world/N)")
    ap.add_argument("--cli-sample", type=int, default=5,
                    help="plans timed with the CLI when it needs one call per plan")
    ap.add_argument("--skip", action="append", default=[], choices=["cli", "rust", "memory"],
                    help="leave an instrument out")
    ap.add_argument("--bundle", action="store_true",
                    help="--plans also writes the CSV bundle (for its peak memory)")
    args = ap.parse_args()
    path = args.json or generate(args.plans, args.out / str(args.plans), args.bundle)
    print(f"dataset: {path} ({os.path.getsize(path) / 1e6:.0f} MB)")

    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    t_json = time.perf_counter() - t0
    want, t_frames, t_compute = pandas_series(data)
    n_updates = sum(len(m.get("updates", [])) for p in data["plans"]
                    for c in p.get("commitments", []) for m in c.get("milestones", []))
    plans = [p["id"] for p in data["plans"]]
    del data
    t_pandas = t_json + t_frames + t_compute
    print(f"{len(plans)} plans, {n_updates} milestone updates, {len(want)} plan-months")

    got, t_load, t_series, how = ogp_series(path)
    bad = compare(want, got, f"ogp Python ({how})", every_plan=True)
    rows = [
        ("pandas: json.load + DataFrames", t_json + t_frames, ""),
        ("pandas: series of every plan", t_compute, ""),
        ("pandas: total", t_pandas, ""),
        ("ogp Python: ogp.load", t_load, ""),
        ("ogp Python: series + to_pandas", t_series, how),
        ("ogp Python: total", t_load + t_series, ""),
    ]
    if "cli" not in args.skip:
        cli, t_cli, how = cli_series(path, plans, args.cli_sample)
        bad += compare(want, cli, f"ogp CLI ({how})", every_plan=False)
        rows.append(("ogp CLI: series of every plan", t_cli, how))
    if "rust" not in args.skip:
        r = rust_series(path)
        rows += [("Rust: read + Dataset::from_json", r["read_s"] + r["parse_s"], ""),
                 ("Rust: Checked::new (validation)", r["check_s"], ""),
                 ("Rust: series_of_every_plan", r["series_s"],
                  f"{r['figures']} figures, figures-only sweep"),
                 ("Rust: total", r["load_s"] + r["series_s"], ""),
                 ("Rust: the series with every result built whole (before)",
                  r["series_full_s"], "series_of_plans, Detail::Figures"),
                 ("Rust: total with it", r["load_s"] + r["series_full_s"], "")]

    print()
    print(f"| {len(plans)} plans × 20 × 5 × 25 | seconds | × pandas total | "
          "pandas total ÷ this | note |")
    print("|---|---|---|---|---|")
    for name, t, note in rows:
        print(f"| {name} | {t:.2f} | {t / t_pandas:.2f} | {t_pandas / t:.2f} | {note} |")
    print(f"\ncompute only (pandas series {t_compute:.2f} s ÷ this):")
    for name, t, _ in rows:
        if "series" in name and "total" not in name and "CLI" not in name:
            print(f"  {name}: {t:.3f} s, {t_compute / t:.1f}×")
    if "memory" not in args.skip:
        print("\n| peak memory (load and check) | input | peak RSS | ÷ input | seconds |")
        print("|---|---|---|---|---|")
        for what, p, t, rss, size in memory_rows(path):
            print(f"| {what} ({p.name}) | {size / 1e6:.0f} MB | {rss / 1e6:.0f} MB | "
                  f"{rss / size:.2f}× | {t:.2f} |")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
