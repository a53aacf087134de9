"""Checking planparse JSON files: the JSON Schema plus the record rules it cannot express.

This is what a CI job calls to fail on invalid output: one short line per problem,
whatever the file holds. Hostile input is bounded before the schema sees it: nesting
deeper than a plan's, numbers longer than any coordinate, NaN and Infinity (which JSON
does not have, though Python's parser accepts them) and files too big to be a plan are
problems, never a traceback; ISO dates are checked as calendar dates at every precision.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .schema import json_schema

#: a plan nests 6 levels ($.actions[0].provenance.boxes[0].bbox[0]); deeper is not a plan
MAX_DEPTH = 32
#: digits and signs in one JSON number; a page coordinate needs well under 20
MAX_NUMBER_CHARS = 40
#: a plan of 10,000 pages is some tens of MB of JSON
MAX_FILE_BYTES = 512 * 1024 * 1024
#: a problem's message is cut to this many characters
MESSAGE_CHARS = 160
#: a value quoted in a message is cut to this many characters
VALUE_CHARS = 40
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan file, located by a JSON path."""

    where: str
    message: str

    def line(self, source: str) -> str:
        return f"{source}: {_cut(self.where, MESSAGE_CHARS)}: {self.message}"


class _BadNumber:
    """What the parser puts where JSON holds a number planparse never writes."""

    def __init__(self, text: str, reason: str) -> None:
        self.text, self.reason = text, reason


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema())


def validate_file(path: Path) -> list[Problem]:
    """Problems of a plan file; a file that cannot be read or parsed is one problem."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return [Problem("$", f"file larger than {MAX_FILE_BYTES >> 20} MB: not a plan")]
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [Problem("$", "no such file")]
    except IsADirectoryError:
        return [Problem("$", "is a directory, not a JSON file")]
    except UnicodeDecodeError as exc:
        return [Problem("$", f"not UTF-8 text (byte {exc.start})")]
    except OSError as exc:
        return [Problem("$", f"cannot read: {exc.strerror or exc}")]
    return validate_text(text)


def validate_text(text: str) -> list[Problem]:
    """Problems of a plan given as JSON text."""
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except RecursionError:
        return [Problem("$", f"nested too deeply to be a plan (more than {MAX_DEPTH} levels)")]
    except json.JSONDecodeError as exc:
        return [Problem("$", f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
    except ValueError as exc:  # anything else the parser refuses
        return [Problem("$", f"not JSON: {_cut(str(exc), MESSAGE_CHARS)}")]
    deep, bad = _scan(data)
    if deep is not None:
        return [Problem(deep, f"nested more than {MAX_DEPTH} levels deep: not a plan")]
    problems = [Problem(where, number.reason) for where, number in bad]
    if bad:
        data = _without_bad_numbers(data)
    flagged = {where for where, _ in bad}
    problems += [p for p in validate_data(data) if p.where not in flagged]
    return sorted(problems, key=lambda p: _order(p.where))


def validate_data(data: Any) -> list[Problem]:
    """Every problem of a parsed plan, in document order."""
    problems = [
        Problem(_path(error.absolute_path), _message(error))
        for error in _validator().iter_errors(data)
    ]
    if isinstance(data, dict):
        problems.extend(_document_rules(data))
        actions = data.get("actions")
        for i, action in enumerate(actions if isinstance(actions, list) else []):
            if isinstance(action, dict):
                problems.extend(_record_rules(action, f"$.actions[{i}]"))
    return sorted(problems, key=lambda p: _order(p.where))


# --------------------------------------------------------------------------- parsing


def _int(text: str) -> int | _BadNumber:
    if len(text) > MAX_NUMBER_CHARS:
        return _BadNumber(text, f"a number of {len(text)} digits is too large")
    return int(text)


def _float(text: str) -> float | _BadNumber:
    if len(text) > MAX_NUMBER_CHARS:
        return _BadNumber(text, f"a number of {len(text)} characters is too large")
    value = float(text)
    if not math.isfinite(value):
        return _BadNumber(text, f"{_cut(text, VALUE_CHARS)} is too large for a number")
    return value


def _constant(name: str) -> _BadNumber:
    return _BadNumber(name, f"{name} is not a JSON number (JSON has no NaN or Infinity)")


def _scan(data: Any) -> tuple[str | None, list[tuple[str, _BadNumber]]]:
    """The path of the first value nested past MAX_DEPTH (or None), and every bad
    number with its path, walking without recursion."""
    bad: list[tuple[str, _BadNumber]] = []
    stack: list[tuple[Any, str, int]] = [(data, "$", 0)]
    while stack:
        value, where, depth = stack.pop()
        if isinstance(value, _BadNumber):
            bad.append((where, value))
            continue
        children = _children(value, where)
        if children and depth >= MAX_DEPTH:
            return where, bad
        stack.extend((child, path, depth + 1) for path, child in reversed(children))
    return None, bad


def _children(value: Any, where: str) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [(_join(where, key), child) for key, child in value.items()]
    if isinstance(value, list):
        return [(f"{where}[{i}]", child) for i, child in enumerate(value)]
    return []


def _without_bad_numbers(value: Any) -> Any:
    """The data with each bad number as None (its problem is reported already). The
    depth is bounded by _scan, so recursion is safe."""
    if isinstance(value, _BadNumber):
        return None
    if isinstance(value, dict):
        return {key: _without_bad_numbers(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_without_bad_numbers(child) for child in value]
    return value


# --------------------------------------------------------------------------- rules


def _record_rules(action: dict[str, Any], where: str) -> list[Problem]:
    """RECORD.md rules beyond the schema: a real calendar date, an action with text."""
    problems = []
    text = action.get("action")
    if isinstance(text, str) and text and not text.strip():
        problems.append(Problem(f"{where}.action", "action text is only whitespace"))
    due = action.get("due")
    if isinstance(due, str) and ISO_DATE.match(due):  # the schema's pattern says the rest
        reason = iso_date_problem(due)
        if reason:
            problems.append(Problem(f"{where}.due", reason))
    return problems


def _document_rules(data: dict[str, Any]) -> list[Problem]:
    document = data.get("document")
    published = document.get("published") if isinstance(document, dict) else None
    reason = iso_date_problem(published) if isinstance(published, str) else None
    return [Problem("$.document.published", reason)] if reason else []


def iso_date_problem(text: str) -> str | None:
    """Why `text` is not an ISO date ("2025-03-31", "2019-06", "2019") on the calendar,
    or None when it is one."""
    found = ISO_DATE.match(text)
    if not found:
        return f"{_quote(text)} is not an ISO date like 2025-03-31, 2019-06 or 2019"
    year, month, day = (int(part) if part else 1 for part in found.groups())
    try:
        date(year, month, day)
    except ValueError:
        return f"{_quote(text)} is not a calendar date"
    return None


# --------------------------------------------------------------------------- messages


def _message(error: ValidationError) -> str:
    """The plain reason in one short line: for a value that may also be null, why the
    value itself fails; values are described, never dumped whole."""
    if error.validator == "anyOf" and error.context:
        specific = [e for e in error.context if e.validator != "type" or e.instance is not None]
        enum = next((e for e in specific if e.validator == "enum"), None)
        if enum is not None:
            choices = ", ".join(map(str, enum.validator_value))
            return _cut(f"{_quote(enum.instance)} is not one of {choices}", MESSAGE_CHARS)
        if specific:
            error = specific[0]
    value = _describe(error.instance)
    expected = error.validator_value
    reasons = {
        "type": f"{value} is not of type {expected!r}",
        "pattern": f"{value} does not match {expected}",
        "minLength": f"{value} is shorter than {expected} character(s)",
        "minimum": f"{value} is less than {expected}",
        "maximum": f"{value} is more than {expected}",
    }
    reason = reasons.get(str(error.validator), error.message)
    return _cut(reason, MESSAGE_CHARS)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return f"an object of {len(value)} key(s)"
    if isinstance(value, list):
        return f"an array of {len(value)} item(s)"
    return _quote(value)


def _quote(value: Any) -> str:
    return _cut(repr(value), VALUE_CHARS)


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _order(where: str) -> list[tuple[int, int | str]]:
    """Sort key for JSON paths with array indexes in numeric order."""
    parts = re.findall(r"\[(\d+)\]|\.([^.\[]+)", where)
    return [(0, int(index)) if index else (1, name) for index, name in parts]


def _path(parts: Any) -> str:
    out = "$"
    for part in parts:
        out = f"{out}[{part}]" if isinstance(part, int) else _join(out, part)
    return out


def _join(where: str, key: str) -> str:
    return f"{where}.{_cut(str(key), VALUE_CHARS)}"
