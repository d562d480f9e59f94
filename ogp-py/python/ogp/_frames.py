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
