"""Exporters: one registry, one module per format. A new format is one new module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from ..models import ActionPlan


@dataclass(frozen=True)
class Exporter:
    """Writes a plan to a stream in one format."""

    name: str
    suffix: str
    #: True when the format is bytes (the stream must be opened in binary mode)
    binary: bool
    write: Callable[[ActionPlan, IO[str] | IO[bytes]], None]
    description: str = ""
    #: True when one output file holds every input of a batch (`-o plans.db`), updated in
    #: place by planparse.database rather than written once per input
    combined: bool = False


EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    if exporter.name in EXPORTERS:
        raise ValueError(f"an exporter named {exporter.name!r} is already registered")
    EXPORTERS[exporter.name] = exporter
    return exporter


def get_exporter(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        known = ", ".join(sorted(EXPORTERS))
        raise ValueError(f"unknown format {name!r}; known formats: {known}") from None


def exporter_for_suffix(suffix: str) -> Exporter | None:
    """The exporter whose file suffix is `suffix` (".csv"), if any."""
    for exporter in EXPORTERS.values():
        if exporter.suffix == suffix.lower():
            return exporter
    return None


# importing the format modules registers them
from . import to_csv, to_json, to_sqlite, to_table, to_xlsx  # noqa: E402

__all__ = [
    "EXPORTERS",
    "Exporter",
    "exporter_for_suffix",
    "get_exporter",
    "register",
    "to_csv",
    "to_json",
    "to_sqlite",
    "to_table",
    "to_xlsx",
]
