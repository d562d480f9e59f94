"""The hostile corpus (``tests/fixtures/hostile/manifest.json``) through the ``ogp`` module.

Every case of the manifest is run here through its Python counterpart (``ogp.load``, then
``validate``, ``progress``, ``series``, ``write_*`` or ``verify_selection``), each in a child
interpreter with a time limit, so that a hang is a failure naming the case rather than a stuck
suite. ``ogp-cli/tests/cli_hostile.rs`` runs the same cases through the ``ogp`` command.

The exception must match the CLI's exit code. The rule is the one the code already follows
(``ogp-cli/src/cmd.rs`` ``outcome`` and ``main``; ``ogp-py/src/errors.rs`` ``to_py``): a core
``Error::Parse`` or ``Error::Invalid`` is printed as problems with exit 1, and is raised as
:class:`ogp.ParseError` or :class:`ogp.ValidationError`; every other core error (``Io``,
``Exists``, ``Argument``, ``NotFound``) is exit 2, raised as :class:`ogp.FileError` (and its
:class:`ogp.OutputExistsError`), :class:`ogp.ArgumentError` or :class:`ogp.NotFoundError`.
``ogp validate`` reports rather than refuses, and so does ``Dataset.validate()``: there, exit 1
is a returned problem of severity ``error``, and exit 0 none. A panic (``PanicException``) is
never acceptable.

Run directly (``python test_hostile.py CASE INPUT OUT``), this file is the child: it runs one
case and prints its outcome as JSON.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
from typing import Any, Dict, List, Optional, Union

import pytest

HOSTILE = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "hostile"

#: Seconds a case may take, preparing excluded (the CLI test allows the same).
TIME_LIMIT = 20.0

#: The Python exception classes that stand for each exit code of the CLI.
CLASSES_OF_EXIT = {
    1: ("ParseError", "ValidationError"),
    2: ("FileError", "ArgumentError", "NotFoundError"),
}

Case = Dict[str, Any]
Content = Union[str, Dict[str, Any]]


def manifest() -> List[Case]:
    """The cases of the manifest, in order."""
    with open(HOSTILE / "manifest.json", encoding="utf-8") as f:
        cases: List[Case] = json.load(f)["cases"]
    return cases


def text_of(content: Content) -> str:
    """A content of the manifest as text: a string, or ``{"repeat": [[text, count], ...]}``."""
    if isinstance(content, str):
        return content
    return "".join(part * int(count) for part, count in content["repeat"])


def encoded(text: str, encoding: Optional[str]) -> bytes:
    """``text`` in ``encoding`` (``utf-8`` when absent; ``utf-16-le`` has no BOM of its own)."""
    return text.encode(encoding or "utf-8")


def make_special(path: pathlib.Path, kind: str) -> None:
    """Puts a FIFO, a folder or a dangling symbolic link at ``path`` (made at test time: git
    cannot hold a FIFO, and a dangling link in the tree would trouble other tools)."""
    if path.exists() or path.is_symlink():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling-link":
        os.symlink(path.parent / "no-such-file.csv", path)
    else:
        raise AssertionError(f"unknown special file kind {kind!r}")


def prepare(case: Case, work: pathlib.Path) -> pathlib.Path:
    """Builds the input of ``case`` in ``work`` (or finds it in the corpus) and returns its
    path. Every recipe of the manifest is implemented here and in ``cli_hostile.rs``."""
    spec: Dict[str, Any] = case["input"]
    if "file" in spec:
        return HOSTILE / str(spec["file"])
    if "special" in spec and "bundle" not in spec:
        target = work / str(spec["as"])
        make_special(target, spec["special"])
        return target
    target = work / str(spec["as"])
    if "edit" in spec:
        text = (HOSTILE / spec["edit"]).read_text(encoding="utf-8")
        for old, new in spec["replace"]:
            assert old in text, f"{case['name']}: {old!r} is not in {spec['edit']}"
            text = text.replace(old, text_of(new), 1)
        target.write_bytes(encoded(text, spec.get("encoding")))
    elif "repeat" in spec:
        target.write_bytes(encoded(text_of(spec), spec.get("encoding")))
    elif "truncate" in spec:
        target.write_bytes((HOSTILE / spec["truncate"]).read_bytes()[: spec["bytes"]])
    elif "workbook" in spec:
        import ogp

        whole = work / "whole.xlsx"
        ogp.load(HOSTILE / spec["workbook"]).write_xlsx(whole)
        target.write_bytes(whole.read_bytes()[: spec["bytes"]])
    elif "bundle" in spec:
        shutil.copytree(HOSTILE / spec["bundle"], target)
        for name in spec.get("remove", []):
            (target / name).unlink()
        for name, content in spec.get("files", {}).items():
            if isinstance(content, dict) and "content" in content:
                data = encoded(text_of(content["content"]), content.get("encoding"))
            else:
                data = encoded(text_of(content), None)
            (target / name).write_bytes(data)
        for name, kind in spec.get("special", {}).items():
            make_special(target / name, kind)
    else:
        raise AssertionError(f"{case['name']}: unknown input recipe {sorted(spec)}")
    return target


def problem_line(path: str, severity: str, code: str, message: str, loc: Dict[str, Any]) -> str:
    """A problem as the CLI prints it (``ogp-cli/src/out.rs`` ``problem_line``), so that one
    expected location (``/plans/0/start``, ``row 3``, ``updates!C5``, ``line 2, column 7``)
    reads the same in both suites."""
    field = f", column {json.dumps(loc['field'])}" if "field" in loc else ""
    place = "/" if loc.get("pointer") == "" else str(loc.get("pointer", ""))
    if "row" in loc:
        place = f"row {loc['row']}{field}"
    if "sheet" in loc and "cell" in loc:
        place = f"{loc['sheet']}!{loc['cell']}{field}"
    elif "sheet" in loc:
        place = str(loc["sheet"]) if not place else f"{loc['sheet']} {place}"
    position = ""
    if "line" in loc:
        position = f"line {loc['line']}"
        if "column" in loc:
            position += f", column {loc['column']}"
    head = f"{loc.get('file', path)}: {severity}[{code}]"
    if place and position:
        return f"{head} {place}: {message} ({position})"
    if place or position:
        return f"{head} {place or position}: {message}"
    return f"{head}: {message}"


def run_child(case: Case, input_path: str, out: str) -> Dict[str, Any]:
    """Runs one case through the module (in the child) and describes the outcome: the
    exception raised (its class and bases), and the text to look for the message and the
    location in (the exception, each problem as the CLI prints it, or the result)."""
    import ogp

    call: Dict[str, Any] = case["python"]
    kind = call["call"]
    lines: List[str] = []
    errors = 0

    def add_problems(problems: List[Any]) -> int:
        count = 0
        for p in problems:
            lines.append(problem_line(input_path, p.severity, p.code, p.message, p.location))
            count += p.severity == "error"
        return count

    try:
        if kind == "verify_selection":
            ds = ogp.load(HOSTILE / call["dataset"])
            text = pathlib.Path(input_path).read_text(encoding="utf-8")
            lines.extend(ds.verify_selection(text))
        else:
            ds = ogp.load(input_path)
            if kind == "validate":
                errors = add_problems(ds.validate())
            elif kind == "progress":
                p = ds.progress(plan=call.get("plan"), as_of=call["as_of"])
                lines.extend(json.dumps(row, default=str) for row in p.to_dicts())
            elif kind == "series":
                s = ds.series(
                    level=call.get("level", "plan"), start=call.get("start"), end=call.get("end")
                )
                lines.extend(json.dumps(row, default=str) for row in s.to_dicts())
            elif kind in ("write_csv", "write_json", "write_xlsx"):
                getattr(ds, kind)(os.path.join(out, call["out"]))
                lines.append(f"wrote {os.path.join(out, call['out'])}")
            elif kind != "load":
                raise AssertionError(f"unknown python call {kind!r}")
    except BaseException as e:  # a panic (PanicException) is a BaseException: report it too
        lines.extend(str(e).splitlines())
        if isinstance(e, (ogp.ParseError, ogp.ValidationError)):
            add_problems(e.problems)
        return {
            "raised": type(e).__name__,
            "classes": [c.__name__ for c in type(e).__mro__],
            "lines": lines,
            "errors": errors,
        }
    return {"raised": None, "classes": [], "lines": lines, "errors": errors}


CASES = manifest()


def test_the_manifest_has_at_least_sixty_distinct_cases() -> None:
    """The corpus is as large as issue #10 asks, and each case has a unique name."""
    names = [c["name"] for c in CASES]
    assert len(names) >= 60, len(names)
    assert len(set(names)) == len(names), "case names repeat"


def test_every_case_without_a_python_counterpart_says_why() -> None:
    """Only commands the module has no function for (``ogp import``) go without a Python run,
    and each such case says so in the manifest."""
    for c in CASES:
        if c["python"]["call"] == "none":
            assert c["args"][0] == "import", c["name"]
            assert c["python"].get("why"), c["name"]


@pytest.mark.parametrize(
    "case", [c for c in CASES if c["python"]["call"] != "none"], ids=lambda c: str(c["name"])
)
def test_hostile_case_through_python(case: Case, tmp_path: pathlib.Path) -> None:
    """The case raises the exception class of the CLI's exit code (or, for ``validate``,
    returns errors exactly when the CLI exits 1), naming the location, within the time
    limit, and never panics."""
    name = case["name"]
    out = tmp_path / "out"
    out.mkdir()
    input_path = prepare(case, tmp_path)
    try:
        child = subprocess.run(
            [sys.executable, __file__, json.dumps(case), str(input_path), str(out)],
            capture_output=True,
            timeout=TIME_LIMIT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: still running after {TIME_LIMIT} s (a hang)")
    stderr = child.stderr.decode("utf-8", "replace")
    assert child.returncode == 0, f"{name}: the child failed: {stderr[-2000:]}"
    outcome: Dict[str, Any] = json.loads(child.stdout)
    raised: Optional[str] = outcome["raised"]
    classes: List[str] = outcome["classes"]
    lines: List[str] = outcome["lines"]
    shown = "\n".join(line[:300] for line in lines[:40])
    assert raised != "PanicException", f"{name}: panicked:\n{shown}"
    if raised is not None:
        assert "OgpError" in classes, f"{name}: {raised} is not an ogp.OgpError:\n{shown}"

    expected = case["exit"] if isinstance(case["exit"], list) else [case["exit"]]
    reported_errors = case["python"]["call"] == "validate" and outcome["errors"] > 0
    if raised is None and reported_errors:
        got = 1
    elif raised is None:
        got = 0
    else:
        got = next((code for code, names in CLASSES_OF_EXIT.items() if raised in names), -1)
        if got == -1:
            got = next(
                (code for code, names in CLASSES_OF_EXIT.items() if set(names) & set(classes)),
                -1,
            )
    assert got in expected, (
        f"{name}: expected the outcome of exit {expected} "
        f"({[CLASSES_OF_EXIT.get(e, 'no exception') for e in expected]}), "
        f"got {raised or 'no exception'} ({outcome['errors']} errors):\n{shown}"
    )

    message: str = case["message"]
    location = case["location"]
    parts: List[str] = location if isinstance(location, list) else [location]
    if got != 0:
        assert lines, f"{name}: no message at all"
    assert any(message in line and all(p in line for p in parts) for line in lines), (
        f"{name}: no line names both {message!r} and {parts!r}:\n{shown}"
    )


if __name__ == "__main__":
    print(json.dumps(run_child(json.loads(sys.argv[1]), sys.argv[2], sys.argv[3])))
