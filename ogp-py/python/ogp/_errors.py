"""The exceptions of the ``ogp`` package.

Every exception raised by ``ogp`` is an :class:`OgpError`. The native module raises these
classes; they are plain Python so that they can also be standard exceptions (a
:class:`NotFoundError` is a ``KeyError``, an :class:`ArgumentError` a ``ValueError``, a
:class:`FileError` an ``OSError``).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Union


class OgpError(Exception):
    """Base class of every error raised by ``ogp``."""


class ParseError(OgpError):
    """The input is not a valid dataset (bad JSON, wrong types, unknown fields, bad ids or dates).

    ``problems`` lists every problem found; ``location`` is the first one's location (a dict
    with some of ``file``, ``pointer``, ``line``, ``column``, ``row``, ``field``).
    """

    def __init__(
        self,
        message: str,
        problems: Optional[List[Any]] = None,
        location: Optional[Dict[str, Union[str, int]]] = None,
    ) -> None:
        super().__init__(message)
        self.problems: List[Any] = list(problems or [])
        self.location: Dict[str, Union[str, int]] = dict(location or {})


class ValidationError(OgpError):
    """The dataset loaded but has validation errors, so it cannot be computed on.

    ``problems`` lists every problem (errors and warnings), sorted by location.
    """

    def __init__(self, message: str, problems: Optional[List[Any]] = None) -> None:
        super().__init__(message)
        self.problems: List[Any] = list(problems or [])


class NotFoundError(OgpError, KeyError):
    """Something named by id (a plan, a schema) does not exist. Also a ``KeyError``."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key

    def __str__(self) -> str:
        # KeyError would show the repr of its argument; show the message as written.
        return str(self.args[0]) if self.args else ""


class ArgumentError(OgpError, ValueError):
    """An argument the operation cannot use (a method name, a date). Also a ``ValueError``."""


class FileError(OgpError, OSError):
    """Reading or writing a file failed. Also an ``OSError`` (``errno``, ``filename`` set)."""


class OutputExistsError(FileError, FileExistsError):
    """A write was refused: its target exists and is not empty, and ``force=True`` was not
    given. Nothing was written. Also a ``FileExistsError``."""


class MissingDependencyError(OgpError, ImportError):
    """An optional dependency (pandas) is needed and missing. Also an ``ImportError``."""


__all__ = [
    "OgpError",
    "ParseError",
    "ValidationError",
    "NotFoundError",
    "ArgumentError",
    "FileError",
    "OutputExistsError",
    "MissingDependencyError",
]
