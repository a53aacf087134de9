"""Log records of the PDF libraries, captured instead of printed.

pdfminer reports a damaged page by logging, up to thousands of lines for one file
("Cannot render horizontal string because /b'NaN' is not a valid int, float or bytes."),
and with no handler configured Python prints each WARNING to stderr as it is. planparse
listens on the libraries' loggers while it reads: the records of a page tell it what was
lost on that page (`pages.py` turns them into the page's warnings), and the records of
a file are kept, counted by message, for `--verbose`.

Listening does not change the libraries' loggers: records still reach any handlers a
program has configured. A handler of planparse's own on those loggers means Python's
last-resort printing to stderr no longer fires. Captures belong to the thread that opened
them, so threads extracting different files keep their records apart.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

#: the loggers listened to: the PDF and image libraries, and Python warnings
#: (`logging.captureWarnings` sends those to "py.warnings")
THIRD_PARTY_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2", "PIL", "camelot", "py.warnings")
#: a message shown with --verbose is cut to this many characters
MESSAGE_CHARS = 200


@dataclass(eq=False)  # captures are told apart by identity, never by their contents
class LogCapture:
    """The records of one capture, counted by (logger, message template)."""

    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    #: the first formatted message of each (logger, template)
    first: dict[tuple[str, str], str] = field(default_factory=dict)
    #: the highest level seen per (logger, template)
    levels: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, record: logging.LogRecord) -> None:
        key = (record.name, str(record.msg))
        if key not in self.counts:
            self.counts[key] = 0
            self.first[key] = _one_line(record)
            self.levels[key] = record.levelno
        self.counts[key] += 1

    def total(self, *, min_level: int = logging.WARNING, prefixes: tuple[str, ...] = ()) -> int:
        """How many records at `min_level` or above came from loggers under `prefixes`."""
        return sum(
            count
            for key, count in self.counts.items()
            if self.levels[key] >= min_level and _under(key[0], prefixes)
        )

    def first_message(self, prefixes: tuple[str, ...], min_level: int = logging.WARNING) -> str:
        """The first message at `min_level` or above from loggers under `prefixes`."""
        for key, message in self.first.items():
            if self.levels[key] >= min_level and _under(key[0], prefixes):
                return message
        return ""

    def lines(self) -> list[str]:
        """One line per distinct message, in the order first seen, with its count."""
        out = []
        for key, message in self.first.items():
            count = self.counts[key]
            level = logging.getLevelName(self.levels[key]).lower()
            times = f" (x{count})" if count > 1 else ""
            out.append(f"{key[0]}: {level}: {message}{times}")
        return out


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return not prefixes or any(name == p or name.startswith(p + ".") for p in prefixes)


def _one_line(record: logging.LogRecord) -> str:
    try:
        text = record.getMessage()
    except Exception:  # a record whose arguments do not fit its template
        text = str(record.msg)
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


class _Router(logging.Handler):
    """One handler on each third-party logger: hands a record to the captures open in
    the thread that logged it."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.local = threading.local()

    def open_captures(self) -> list[LogCapture]:
        stack: list[LogCapture] | None = getattr(self.local, "stack", None)
        if stack is None:
            stack = self.local.stack = []
        return stack

    def emit(self, record: logging.LogRecord) -> None:
        for capture in getattr(self.local, "stack", ()):
            capture.add(record)

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # a capture never prints, not even its own failures


_ROUTER = _Router()
_LOCK = threading.Lock()
_users = 0


@contextmanager
def capture_logs() -> Iterator[LogCapture]:
    """Capture the PDF libraries' log records in this thread while the block runs.

    Captures nest: a record goes to every capture open in the thread, so a page's capture
    and its file's capture both see it."""
    global _users
    with _LOCK:
        if _users == 0:
            for name in THIRD_PARTY_LOGGERS:
                logging.getLogger(name).addHandler(_ROUTER)
        _users += 1
    capture = LogCapture()
    stack = _ROUTER.open_captures()
    stack.append(capture)
    try:
        yield capture
    finally:
        del stack[next(i for i, c in enumerate(stack) if c is capture)]
        with _LOCK:
            _users -= 1
            if _users == 0:
                for name in THIRD_PARTY_LOGGERS:
                    logging.getLogger(name).removeHandler(_ROUTER)
