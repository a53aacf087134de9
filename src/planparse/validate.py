"""Checking planparse JSON files: the JSON Schema plus the record rules it cannot express.

This is what a CI job calls to fail on invalid output: one line per problem.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .schema import json_schema


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan file, located by a JSON path."""

    where: str
    message: str

    def line(self, source: str) -> str:
        return f"{source}: {self.where}: {self.message}"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema())


def validate_data(data: Any) -> list[Problem]:
    """Every problem of a parsed plan, in document order."""
    problems = [
        Problem(_path(error.absolute_path), _message(error))
        for error in _validator().iter_errors(data)
    ]
    actions = data.get("actions") if isinstance(data, dict) else None
    for i, action in enumerate(actions if isinstance(actions, list) else []):
        if isinstance(action, dict):
            problems.extend(_record_rules(action, f"$.actions[{i}]"))
    return sorted(problems, key=lambda p: _order(p.where))


def _message(error: ValidationError) -> str:
    """The plain reason: for a value that may also be null, why the value itself fails."""
    if error.validator == "anyOf" and error.context:
        specific = [e for e in error.context if e.validator != "type" or e.instance is not None]
        enum = next((e for e in specific if e.validator == "enum"), None)
        if enum is not None:
            return f"{enum.instance!r} is not one of {', '.join(map(str, enum.validator_value))}"
        if specific:
            return specific[0].message
    return error.message


def _order(where: str) -> list[tuple[int, int | str]]:
    """Sort key for JSON paths with array indexes in numeric order."""
    parts = re.findall(r"\[(\d+)\]|\.([^.\[]+)", where)
    return [(0, int(index)) if index else (1, name) for index, name in parts]


def _record_rules(action: dict[str, Any], where: str) -> list[Problem]:
    """RECORD.md rules beyond the schema: a real calendar date, an action with text."""
    problems = []
    text = action.get("action")
    if isinstance(text, str) and text and not text.strip():
        problems.append(Problem(f"{where}.action", "action text is only whitespace"))
    due = action.get("due")
    if isinstance(due, str) and len(due) == 10:
        try:
            date.fromisoformat(due)
        except ValueError:
            problems.append(Problem(f"{where}.due", f"{due!r} is not a calendar date"))
    return problems


def validate_file(path: Path) -> list[Problem]:
    """Problems of a plan file; an unreadable file is one problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [Problem("$", "no such file")]
    except IsADirectoryError:
        return [Problem("$", "is a directory, not a JSON file")]
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem("$", f"cannot read: {exc}")]
    except json.JSONDecodeError as exc:
        return [Problem("$", f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
    return validate_data(data)


def _path(parts: Any) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
