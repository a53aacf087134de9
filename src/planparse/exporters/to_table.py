"""A readable table for a terminal: one line per action with its key facts."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import ActionPlan
from . import Exporter, register

RAG_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}
#: long texts are cut to this many characters in the table
CELL_CHARS = 90


def _short(text: str | None) -> str:
    if not text:
        return ""
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


def plan_table(plan: ActionPlan) -> Table:
    title = plan.document.title or plan.source.file
    table = Table(title=f"{title} — {len(plan.actions)} actions", show_lines=False, expand=True)
    for name, ratio in (
        ("id", 1),
        ("theme", 3),
        ("action", 6),
        ("status", 2),
        ("rag", 1),
        ("lead", 2),
        ("due", 2),
        ("pages", 1),
    ):
        table.add_column(name, ratio=ratio, overflow="fold")
    for action in plan.actions:
        rag = action.rag or ""
        table.add_row(
            *(
                Text(value)  # plain text: "[appendix b]" is not rich markup
                for value in (
                    action.id or "",
                    _short(action.theme),
                    _short(action.action),
                    action.status or (action.status_raw or ""),
                )
            ),
            Text(rag, style=RAG_STYLE[rag]) if rag else Text(""),
            Text(_short(", ".join(action.lead))),
            Text(action.due or (action.due_raw or "")),
            Text(",".join(str(p) for p in action.provenance.pages)),
        )
    return table


def terminal_console(stream: IO[str]) -> Console:
    """A console on the stream: colour and the terminal's width on a terminal; plain text
    160 characters wide in a file or pipe."""
    is_terminal = hasattr(stream, "isatty") and stream.isatty()
    return Console(
        file=stream,
        width=None if is_terminal else 160,
        force_terminal=is_terminal,
        color_system="auto" if is_terminal else None,
    )


def write_table(plan: ActionPlan, stream: IO[str]) -> None:  # type: ignore[override]
    console = terminal_console(stream)
    console.print(plan_table(plan))
    for warning in plan.warnings:
        console.print(Text(f"warning: {warning.message}"))


register(
    Exporter(
        name="table",
        suffix=".txt",
        binary=False,
        write=write_table,  # type: ignore[arg-type]
        description="a readable table of the actions, for a terminal",
    )
)
