"""Building pandas DataFrames from columns (pandas is imported only when a frame is asked for)."""

from __future__ import annotations

import importlib

from typing import Any, Dict, List, Sequence

from ogp._errors import MissingDependencyError


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError as err:
        raise MissingDependencyError(
            "to_pandas() needs pandas: pip install pandas (or pip install 'ogp[pandas]')"
        ) from err


def frame(
    columns: Dict[str, List[Any]],
    date_columns: Sequence[str] = (),
    category_columns: Sequence[str] = (),
) -> Any:
    """A DataFrame from one list per column.

    Date columns become ``datetime64``, category columns ``category``, and float lists stay
    ``float64``. The frame is built from the columns at once, never row by row.
    """
    pd = _pandas()
    df = pd.DataFrame(columns)
    for name in date_columns:
        df[name] = pd.to_datetime(df[name])
    for name in category_columns:
        df[name] = df[name].astype("category")
    return df


def series_frame(nodes: Dict[str, List[str]], rows: Dict[str, bytes], statuses: List[str]) -> Any:
    """A series' DataFrame from its columns, as ``Series.to_pandas`` hands them over.

    ``nodes`` holds, once per node, its plan, level, id and title. ``rows`` holds, per row,
    little-endian bytes: ``node`` (uint64, a position in ``nodes``), ``date`` (int64 days
    since 1970-01-01), ``percent`` and ``expected`` (float64), ``status`` (uint8, a position
    in ``statuses``). Nothing is done row by row in Python: each column is one numpy array.
    """
    pd = _pandas()
    np = importlib.import_module("numpy")
    node = np.frombuffer(rows["node"], dtype="<u8").astype(np.intp)

    def per_row(values: List[str]) -> Any:
        return np.asarray(values, dtype=object)[node]

    def categories(values: List[str]) -> Any:
        names, codes = np.unique(np.asarray(values, dtype=object), return_inverse=True)
        return pd.Categorical.from_codes(codes[node], categories=names)

    def numbers(name: str, dtype: str) -> Any:
        return np.frombuffer(rows[name], dtype=dtype).copy()  # writable, like any column

    return pd.DataFrame({
        "plan": categories(nodes["plan"]),
        "date": pd.to_datetime(numbers("date", "<i8"), unit="D"),
        "level": categories(nodes["level"]),
        "id": per_row(nodes["id"]),
        "title": per_row(nodes["title"]),
        "percent": numbers("percent", "<f8"),
        "expected": numbers("expected", "<f8"),
        "status": pd.Categorical.from_codes(numbers("status", "u1"), categories=statuses),
    })
