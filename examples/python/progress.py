"""An analyst's walk-through: Morocco's third plan on 18 March 2025, questioned.

Run from the repository root (after ``tests/run.sh`` or ``pip install ./ogp-py``)::

    python examples/python/progress.py

The milestones and updates of the Morocco example are illustrative (see
examples/morocco-nap3/README.md): the point is the method, not the number.
"""

from __future__ import annotations

import importlib.util
import sys

import ogp


def main() -> int:
    ds = ogp.load("examples/morocco-nap3/dataset.json")
    print(repr(ds))

    # 1. Progress on the day of the committee's 2nd meeting.
    p = ds.progress(as_of="2025-03-18")
    print(f"\n{p.plan} on {p.as_of}: computed {p.percent:.1f}% "
          f"(expected {p.expected:.1f}%, {p.status}, method {p.method})")

    # 2. The figures published about the plan, beside the computed one.
    for r in p.reported:
        where = f" at meeting {r['meeting']}" if r["meeting"] else ""
        print(f"  reported {r['percent']:.0f}% as of {r['as_of']}{where}: "
              f"computed minus reported = {r['difference']:+.1f} points")

    # 3. The same plan by another method: the IRM's share of commitments at high completion.
    share = ds.progress(as_of="2025-03-18", method="completion_share")
    print(f"  completion_share: {share.percent:.1f}% of commitments substantial or complete")

    # 4. How the headline figure was obtained.
    derivation = p.explain()["derivation"]
    print(f"\nderivation: {derivation['percent']}")

    if importlib.util.find_spec("pandas") is None:
        print("\n(pandas is not installed: pip install pandas for the frames below)")
        return 0

    # 5. The commitments as a frame, and those lagging behind their schedule.
    df = p.to_pandas()
    df["gap"] = df["percent"] - df["expected"]
    lagging = df.sort_values("gap").head(3)[["id", "percent", "expected", "gap", "status"]]
    print("\nthe three commitments furthest behind their schedule:")
    print(lagging.to_string(index=False))

    # 6. A quarterly series by theme, in long format, pivoted for a chart.
    series = ds.series(every="quarter", end="2026-03", level="theme").to_pandas()
    wide = series.pivot(index="date", columns="id", values="percent").round(1)
    print("\nprogress by theme, quarter ends:")
    print(wide.tail(4).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
