"""Deadlines as periods: an ISO `due` ("2019", "2019-06", "2019-06-30") names a year, a
month or a day, and comparing two deadlines, or a deadline with a date, compares periods."""

from __future__ import annotations

import calendar
import re
from datetime import date

from .models import ISO_DUE_PATTERN

__all__ = ["ISO_DUE_PATTERN", "parse_as_of", "period_end", "period_start"]


def period_start(iso: str) -> date:
    """First day of the period: "2019" -> 2019-01-01, "2019-06" -> 2019-06-01."""
    parts = [int(p) for p in iso.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    return date(year, month, day)


def period_end(iso: str) -> date:
    """Last day of the period: "2019" -> 2019-12-31, "2019-06" -> 2019-06-30. A deadline of
    "June 2019" is met by anything done in June, so it is passed only after the 30th."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], parts[1], parts[2])


def parse_as_of(text: str) -> date:
    """A date given as "2020-03-31", "2020-03" or "2020" (the period's first day); raises
    ValueError for anything else."""
    problem = f"{text!r} is not a date like 2020-03-31 or 2020-03"
    if not re.fullmatch(ISO_DUE_PATTERN, text.strip()):
        raise ValueError(problem)
    try:
        return period_start(text.strip())
    except ValueError:  # 2020-13, 2021-02-30
        raise ValueError(problem) from None
