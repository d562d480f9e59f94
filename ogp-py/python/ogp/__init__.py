"""Open government action plans and the committees that steer them.

Load a dataset (a ``.json`` file), check it, and compute on it::

    import ogp

    ds = ogp.load("examples/morocco-nap3/dataset.json")
    problems = ds.validate()
    p = ds.progress(as_of="2025-03-18")  # every plan's, when the dataset has several
    print(p.percent, p.reported)         # computed, and the published figures beside it
    p.to_pandas()                        # one row per commitment
    ds.series(every="quarter", level="theme").to_pandas()

Every error is an :class:`ogp.OgpError`. The heavy lifting is done by the Rust crate
``ogp-core``; this package converts arguments and results.
"""

from __future__ import annotations

from ogp._errors import (
    ArgumentError,
    FileError,
    OutputExistsError,
    MissingDependencyError,
    NotFoundError,
    OgpError,
    ParseError,
    ValidationError,
)
from ogp._ogp import (
    Dataset,
    PlanSummary,
    PlansProgress,
    Problem,
    Progress,
    Series,
    __version__,
    json_schema,
    load,
    schema_names,
    set_max_input_bytes,
)

__all__ = [
    "ArgumentError",
    "Dataset",
    "FileError",
    "OutputExistsError",
    "MissingDependencyError",
    "NotFoundError",
    "OgpError",
    "ParseError",
    "PlanSummary",
    "PlansProgress",
    "Problem",
    "Progress",
    "Series",
    "ValidationError",
    "__version__",
    "json_schema",
    "load",
    "schema_names",
    "set_max_input_bytes",
]
