"""Type stubs of the native module ``ogp._ogp``."""

import datetime
import os
from typing import Any, Dict, Iterator, List, Optional, Union, overload

from typing_extensions import final

__all__ = [
    "Dataset",
    "PlanSummary",
    "PlansProgress",
    "Problem",
    "Progress",
    "Series",
    "__version__",
    "json_schema",
    "load",
    "schema_names",
    "set_max_input_bytes",
]

__version__: str

@final
class Dataset:
    """A dataset: organizations, action plans, committees, grids, calls, events, rotation policies."""

    @classmethod
    def from_json(cls, text: str) -> Dataset: ...
    def to_json(self) -> str: ...
    def write_json(self, path: Union[str, os.PathLike[str]], force: bool = False) -> None: ...
    def write_csv(
        self,
        path: Union[str, os.PathLike[str]],
        redact_people: bool = False,
        spreadsheet_safe: bool = True,
        force: bool = False,
    ) -> None: ...
    def write_xlsx(
        self,
        path: Union[str, os.PathLike[str]],
        redact_people: bool = False,
        force: bool = False,
    ) -> None:
        """Write the dataset as an Excel workbook: one sheet per table, and a README sheet.

        Numbers are number cells; dates are text, so that `2024`, `2024-03` and `2024-03-18`
        keep their precision; text is never written as a formula. The same dataset gives the
        same bytes. `redact_people` leaves out person names. `ogp.load(path)` reads it back.
        """
    def validate(self) -> List[Problem]: ...
    @property
    def plans(self) -> List[PlanSummary]: ...
    def plan_ids(self) -> List[str]: ...
    @property
    def default_language(self) -> str: ...
    @overload
    def progress(
        self,
        plan: str,
        as_of: Union[datetime.date, str, None] = None,
        method: Optional[str] = None,
        schedule: Optional[str] = None,
        by: Optional[str] = None,
        lang: Optional[str] = None,
    ) -> Progress: ...
    @overload
    def progress(
        self,
        plan: None = None,
        as_of: Union[datetime.date, str, None] = None,
        method: Optional[str] = None,
        schedule: Optional[str] = None,
        by: Optional[str] = None,
        lang: Optional[str] = None,
    ) -> Any:
        """Without ``plan``: the only plan's ``Progress``, or, for a dataset of several plans,
        every plan's, a ``PlansProgress`` (typed ``Any`` so that the usual one-plan call keeps
        ``Progress``'s attributes without a cast; name the plan for a ``Progress`` type)."""
    def series(
        self,
        plan: Optional[str] = None,
        every: str = "month",
        start: Union[datetime.date, str, None] = None,
        end: Union[datetime.date, str, None] = None,
        level: str = "plan",
        method: Optional[str] = None,
        schedule: Optional[str] = None,
        lang: Optional[str] = None,
        max_dates: Optional[int] = None,
    ) -> Series: ...
    def committee_report(
        self,
        committee: Optional[str] = None,
        as_of: Union[datetime.date, str, None] = None,
    ) -> Dict[str, Any]: ...
    def rotation(self, event: Optional[str] = None) -> Dict[str, Any]: ...
    def rotation_history(self, policy: Optional[str] = None) -> Dict[str, Any]: ...
    def select(self, call: Optional[str] = None) -> Dict[str, Any]: ...
    def verify_selection(self, published: Union[str, Dict[str, Any]]) -> List[str]: ...
    def _repr_html_(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Progress:
    """A plan's progress on one date, with its derivation."""

    @property
    def plan(self) -> str: ...
    @property
    def percent(self) -> float: ...
    @property
    def expected(self) -> float: ...
    @property
    def status(self) -> str: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def method(self) -> str: ...
    @property
    def schedule(self) -> str: ...
    @property
    def reported(self) -> List[Dict[str, Any]]: ...
    @property
    def commitments(self) -> List[Dict[str, Any]]: ...
    @property
    def groups(self) -> Optional[List[Dict[str, Any]]]: ...
    @property
    def excluded(self) -> List[Dict[str, Any]]: ...
    @property
    def warnings(self) -> List[Problem]: ...
    def explain(self) -> Dict[str, Any]: ...
    def to_dicts(self) -> List[Dict[str, Any]]: ...
    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` (typed ``Any`` so that pandas stays optional)."""
    def _repr_html_(self) -> str: ...

@final
class PlansProgress:
    """The progress of every plan of a dataset on one date, one ``Progress`` per plan."""

    @property
    def plans(self) -> List[str]: ...
    def __getitem__(self, key: Union[int, str], /) -> Progress: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Progress]: ...
    def to_dicts(self) -> List[Dict[str, Any]]: ...
    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame``, one row per plan (typed ``Any`` so that pandas stays optional)."""
    def _repr_html_(self) -> str: ...

@final
class Series:
    """Progress figures on many dates, in long format."""

    def to_dicts(self) -> List[Dict[str, Any]]: ...
    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` (typed ``Any`` so that pandas stays optional)."""
    def __len__(self) -> int: ...

@final
class PlanSummary:
    """A plan's id, title and period."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def start(self) -> datetime.date: ...
    @property
    def end(self) -> datetime.date: ...

@final
class Problem:
    """One thing wrong with the input."""

    @property
    def severity(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def location(self) -> Dict[str, Union[str, int]]: ...

def load(path: Union[str, os.PathLike[str]]) -> Dataset: ...
def json_schema(name: str = "Dataset") -> Dict[str, Any]: ...
def schema_names() -> List[str]: ...
def set_max_input_bytes(limit: int) -> int: ...
