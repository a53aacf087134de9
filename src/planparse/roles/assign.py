"""Stage 4: a role (record key) for every column of a logical table, from its header and
its content weighed together; and which tables are action tables.

The header proposes (`roles.header`); the content confirms or overrules (`roles.content`):
a blank or unknown header takes the role its cells show (ids, deadlines, status words,
RAG colours, owners), and a header contradicted by its cells (a "Progress" column of
status words, a column of "Q2FY18" dates under any free-text name) gives way. Each
column keeps the source of its role and a reason: "header"; "content" (ids, deadlines,
status words, RAG colours: closed vocabularies a column's cells show beyond doubt);
"position" (an unlabelled column of text or names, placed by where it sits and how it
reads); "structure" (a card's title). Records carry all but the header-read ones in
provenance.

An action table has an action column and at least one other typed column (owner,
deadline, status, RAG, progress) over its rows: risk registers, budget tables, KPI grids
and contact lists have no action column and are left out, whatever their other headers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..settings import DEFAULTS, RolesSettings, Settings
from ..stitch import LogicalTable, Row
from ..text import normalise_label
from .content import Profile, profile
from .header import MULTI_COLUMN_KEYS, NOT_RECORD_KEYS, ColumnMatch, best_matches

#: keys whose columns hold free text, which a column's cells may show to be something else
FREE_TEXT_KEYS = frozenset({"progress", "description", "evidence", "success_measure"})
#: keys whose columns hold words: a column of figures under such a name is a count
TEXT_KEYS = FREE_TEXT_KEYS | {"action", "objective"}
#: keys that, beside an action column, make a table an action plan
TYPED_KEYS = frozenset({"lead", "due_raw", "status", "rag", "progress"})
#: what each content kind makes a column whose header names no key
CONTENT_KEYS = {"id": "id", "date": "due_raw", "status": "status", "rag": "rag", "colour": "rag"}


@dataclass(frozen=True)
class Role:
    key: str | None
    source: str
    reason: str


@dataclass(frozen=True)
class Decision:
    """Whether a table is an action table, and why (for the no-action-table message)."""

    action_table: bool
    reason: str


def assign_roles(table: LogicalTable, settings: Settings = DEFAULTS) -> LogicalTable:
    """The table with every column's key, source and reason filled in."""
    labels = table.labels
    cfg = settings.roles
    matches = best_matches(labels, cfg)
    profiles = [column_profile(table, i, settings) for i in range(len(labels))]
    roles = [
        _first_role(table, i, label, match, prof)
        for i, (label, match, prof) in enumerate(zip(labels, matches, profiles, strict=True))
    ]
    roles = _unique(roles)
    roles = _card_fields(table, roles, cfg)
    roles = _place_text_columns(roles, labels, profiles)
    roles = _fallback_action(roles, profiles)
    roles = _row_level_status(roles, profiles, cfg)
    columns = [
        replace(col, key=role.key, source=role.source, reason=role.reason)
        for col, role in zip(table.columns, roles, strict=True)
    ]
    return replace(table, columns=columns)


def column_profile(table: LogicalTable, index: int, settings: Settings) -> Profile:
    """The content profile of one column over the table's data rows. In a table without
    rules, a line that only goes on with a cell's text (a tentative row that does not
    begin new text in this column) is part of the cell above, not a cell of its own."""
    cells = []
    spans: dict[int, int] = {}
    data = [
        r
        for r in table.rows
        if r.kind == "data" and (r.opens is None or index in r.opens or not r.values[index])
    ]
    for row in data:
        cell = row.cells[index] if index < len(row.cells) else None
        if cell is not None:
            spans[id(cell)] = spans.get(id(cell), 0) + 1
    for row in data:
        cell = row.cells[index] if index < len(row.cells) else None
        owns = index < len(row.owns) and row.owns[index]
        text = row.values[index] if index < len(row.values) and (owns or cell is None) else ""
        fill = cell.fill if cell is not None else None
        cells.append((text, fill, spans.get(id(cell), 1) if cell is not None else 1))
    return profile(cells, settings.roles, settings.colours)


def _first_role(
    table: LogicalTable, index: int, label: str, match: ColumnMatch, prof: Profile
) -> Role:
    if table.kind == "card" and table.titled and index == 0:
        return Role("action", "structure", "the title of each card")
    kind = prof.kind
    if match.key in TEXT_KEYS and kind == "number":
        return Role(None, "content", f"column {label!r} holds figures, not {match.key} text")
    if match.key in ("objective", "theme") and kind == "code":
        why = f"column {label!r} holds category codes, not {match.key} text"
        return Role("workstream", "content", why)
    if match.key is not None:
        if match.key in FREE_TEXT_KEYS and kind in ("status", "date", "rag", "colour"):
            key = CONTENT_KEYS[kind]
            return Role(key, "content", f"column {label!r} holds {_kind_name(kind)}")
        return Role(match.key, "header", f"header {label!r}")
    if normalise_label(label) in NOT_RECORD_KEYS:
        return Role(None, "header", f"header {label!r} names no record key")
    if kind in CONTENT_KEYS:
        where = f"column {label!r}" if label else f"unlabelled column {index + 1}"
        return Role(CONTENT_KEYS[kind], "content", f"{where} holds {_kind_name(kind)}")
    if not label and kind == "owner":
        return Role("lead", "position", f"unlabelled column {index + 1} holds names of owners")
    return Role(None, "header" if label else "content", "")


def _kind_name(kind: str) -> str:
    return {
        "id": "identifiers",
        "date": "deadlines",
        "status": "status words",
        "rag": "RAG ratings",
        "colour": "RAG colours",
    }[kind]


def _unique(roles: list[Role]) -> list[Role]:
    """Each key (but status, RAG and progress) on one column: a header's claim beats
    the content's, and the first column wins among equals."""
    out = list(roles)
    for key in {r.key for r in roles if r.key and r.key not in MULTI_COLUMN_KEYS}:
        holders = [i for i, r in enumerate(roles) if r.key == key]
        keep = next((i for i in holders if roles[i].source != "content"), holders[0])
        for i in holders:
            if i != keep:
                out[i] = Role(None, roles[i].source, f"{key} is read from another column")
    return out


def _card_fields(table: LogicalTable, roles: list[Role], cfg: RolesSettings) -> list[Role]:
    """In cards with a title, the title names the action; a field headed as the action
    ("Task", "Action") describes it."""
    if not (table.kind == "card" and table.titled):
        return roles
    keys = [r.key for r in roles]
    out = list(roles)
    for i, match in enumerate(best_matches(table.labels, cfg)):
        if i and match.key == "action" and "description" not in keys:
            why = f"header {table.labels[i]!r}: a titled card's action field describes it"
            out[i] = Role("description", "structure", why)
            keys[i] = "description"
    return out


def _place_text_columns(
    roles: list[Role], labels: Sequence[str], profiles: Sequence[Profile]
) -> list[Role]:
    """Unlabelled text columns: with no action column, the first one holding text is
    the action; left of the action column, one is the objective (its id printed inside,
    "1.1 Delivering ..."); right of it, a long narrative is the progress."""
    out = list(roles)
    keys = [r.key for r in out]
    blank = [
        i
        for i, label in enumerate(labels)
        if not label.strip()
        and out[i].key is None
        and profiles[i].kind in ("text", "narrative", "leading_id")
    ]
    if "action" not in keys and blank:
        first = blank.pop(0)
        out[first] = Role("action", "position", f"unlabelled column {first + 1} holds text")
        keys[first] = "action"
    action = keys.index("action") if "action" in keys else None
    for i in blank:
        if action is not None and i < action and "objective" not in keys:
            why = "holds the objective of the actions beside it"
            out[i] = Role("objective", "position", f"unlabelled column {i + 1} {why}")
            keys[i] = "objective"
        elif (
            action is not None
            and i > action
            and "progress" not in keys
            and profiles[i].kind == "narrative"
        ):
            out[i] = Role("progress", "position", f"unlabelled column {i + 1} holds narrative")
            keys[i] = "progress"
    return out


def _fallback_action(roles: list[Role], profiles: Sequence[Profile]) -> list[Role]:
    """A table with no action column names its actions another way: in a "Description"
    column, or in a text column whose items are numbered ("L1 (Avenue) tree
    initiative" under "Measures")."""
    keys = [r.key for r in roles]
    if "action" in keys:
        return roles
    out = list(roles)
    if "description" in keys:
        i = keys.index("description")
        why = f"{roles[i].reason}: no action column, so the actions"
    else:
        numbered = [
            i
            for i, r in enumerate(roles)
            if r.key in FREE_TEXT_KEYS and profiles[i].kind == "leading_id"
        ]
        if not numbered:
            return roles
        i = numbered[0]
        why = f"{roles[i].reason}, numbered items: no action column, so the actions"
    out[i] = Role("action", "position", why)
    return out


def _row_level_status(
    roles: list[Role], profiles: Sequence[Profile], cfg: RolesSettings
) -> list[Role]:
    """Of several status or RAG columns, one merged down over groups of rows ("Goal
    Health" beside "Initiative Health") rates the group, not the row: it is left out
    when a column rates each row."""
    rated = [i for i, r in enumerate(roles) if r.key in ("status", "rag")]
    grouping = [i for i in rated if profiles[i].merged >= cfg.grouping_share]
    if not grouping or len(grouping) == len(rated):
        return roles
    out = list(roles)
    for i in grouping:
        out[i] = Role(None, roles[i].source, "rates a group of rows, not each row")
    return out


def decide(table: LogicalTable, settings: Settings = DEFAULTS) -> Decision:
    """Whether the table (with roles assigned) is an action table: an action column, and
    at least one owner, deadline, status, RAG or progress column named by its header or
    shown beyond doubt by its cells. A narrow table (at most three columns) whose header
    names its action column is a list of actions on its own. A table with no header
    needs two kinds of column its cells type (a deadline and a status, an id and a RAG
    rating): a legend or a caption grid has one. Figures beside text make a KPI, budget
    or data table, unless the header names the action column."""
    data = [r for r in table.rows if r.kind == "data" and r.text]
    if not data:
        return Decision(False, "no rows")
    columns = table.columns
    if table.kind == "box":
        if set(table.keys) == {"action"}:
            return Decision(True, "a box of actions")
        return Decision(False, f"a box titled {table.labels[0]!r}, not of actions")
    keys = set(table.keys)
    if "action" not in keys and "objective" not in keys:
        return Decision(False, "no action column")
    named = any(c.key in ("action", "objective") and c.source == "header" for c in columns)
    cfg = settings.roles
    figures = any(column_profile(table, i, settings).kind == "number" for i in range(len(columns)))
    if figures and not named and table.kind != "card":
        return Decision(False, "figures beside text: a KPI, budget or data table")
    typed = {c.key for c in columns if c.key and c.source in ("header", "content")} & TYPED_KEYS
    if not any(c.label.strip() for c in columns):
        shown = {
            c.key for c in columns if c.key and c.source == "content" and "colours" not in c.reason
        }
        if len(shown) < 2 or not typed or len(data) < 2:
            return Decision(False, "no header, and too little its cells show to read it")
    named_action = any(c.key == "action" and c.source == "header" for c in columns)
    if not typed and named_action and len(columns) <= cfg.max_list_columns and len(data) >= 2:
        return Decision(True, "a narrow table headed by its actions")
    if not typed:
        return Decision(False, "an action column but no owner, deadline, status or progress")
    if typed <= {"status", "rag"} and _legend(table, data, cfg):
        return Decision(False, "a legend: each status once, with what it means")
    return Decision(True, "action column with " + ", ".join(sorted(typed)))


def _legend(table: LogicalTable, data: Sequence[Row], cfg: RolesSettings) -> bool:
    """A key to the plan's ratings: a few rows, each naming a different status or RAG."""
    if len(data) > cfg.max_legend_rows:
        return False
    rated = [i for i, key in enumerate(table.keys) if key in ("status", "rag")]
    for i in rated:
        values = [r.values[i].strip().casefold() for r in data if r.values[i].strip()]
        if len(values) == len(data) and len(set(values)) == len(values):
            return True
    return False
