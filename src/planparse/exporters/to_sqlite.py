"""SQLite: one database for any number of plans, ready for sqlite-utils and Datasette.

Tables keyed by the PDF's SHA-256: `documents` (one row per PDF), `actions` (one row per
record, every RECORD.md key a column, lists and `extra` as JSON, provenance flattened),
`warnings`, `table_repairs` and `dropped` (text left out on purpose). Writing a plan
replaces every row of its PDF, so running a file again never duplicates it. `read_plans`
gives the plans back exactly as written.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import IO, Any

from ..models import RECORD_KEYS, Action, ActionPlan
from . import Exporter, register

#: record keys holding lists, stored as JSON arrays
LIST_KEYS = ("lead", "partners")

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    pages INTEGER NOT NULL,
    planparse_version TEXT NOT NULL,
    title TEXT,
    organisation TEXT,
    period TEXT,
    published TEXT,
    columns TEXT NOT NULL,
    action_count INTEGER NOT NULL,
    warning_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS actions (
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    position INTEGER NOT NULL,
    "id" TEXT,
    theme TEXT,
    workstream TEXT,
    objective TEXT,
    "action" TEXT NOT NULL,
    description TEXT,
    progress TEXT,
    status TEXT,
    status_raw TEXT,
    rag TEXT,
    lead TEXT NOT NULL,
    partners TEXT NOT NULL,
    due_raw TEXT,
    due TEXT,
    evidence TEXT,
    success_measure TEXT,
    new INTEGER,
    extra TEXT NOT NULL,
    pages TEXT NOT NULL,
    boxes TEXT NOT NULL,
    table_index INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    repairs TEXT NOT NULL,
    rag_source TEXT,
    ocr INTEGER NOT NULL,
    ocr_confidence REAL,
    roles_from_content TEXT NOT NULL,
    PRIMARY KEY (sha256, position)
);
CREATE TABLE IF NOT EXISTS warnings (
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    page INTEGER,
    bbox TEXT,
    PRIMARY KEY (sha256, position)
);
CREATE TABLE IF NOT EXISTS table_repairs (
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    position INTEGER NOT NULL,
    repair TEXT NOT NULL,
    table_index INTEGER NOT NULL,
    pages TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (sha256, position)
);
CREATE TABLE IF NOT EXISTS dropped (
    sha256 TEXT NOT NULL REFERENCES documents(sha256),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    page INTEGER NOT NULL,
    words INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (sha256, position)
);
"""

ACTION_COLUMNS = (
    "sha256",
    "position",
    *RECORD_KEYS,
    "extra",
    "pages",
    "boxes",
    "table_index",
    "strategy",
    "repairs",
    "rag_source",
    "ocr",
    "ocr_confidence",
    "roles_from_content",
)


def store_plans(connection: sqlite3.Connection, plans: Iterable[ActionPlan]) -> None:
    """Write plans in one transaction, each replacing the rows of its PDF."""
    connection.executescript(SCHEMA)
    connection.execute("BEGIN IMMEDIATE")
    try:
        for plan in plans:
            _store_plan(connection, plan)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _store_plan(connection: sqlite3.Connection, plan: ActionPlan) -> None:
    key = plan.source.sha256
    connection.execute("DELETE FROM dropped WHERE sha256 = ?", (key,))
    connection.execute("DELETE FROM table_repairs WHERE sha256 = ?", (key,))
    connection.execute("DELETE FROM warnings WHERE sha256 = ?", (key,))
    connection.execute("DELETE FROM actions WHERE sha256 = ?", (key,))
    connection.execute("DELETE FROM documents WHERE sha256 = ?", (key,))
    connection.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            plan.source.file,
            plan.source.pages,
            plan.planparse_version,
            plan.document.title,
            plan.document.organisation,
            plan.document.period,
            plan.document.published,
            _json(plan.columns),
            len(plan.actions),
            len(plan.warnings),
        ),
    )
    names = ", ".join(f'"{c}"' for c in ACTION_COLUMNS)
    marks = ", ".join("?" for _ in ACTION_COLUMNS)
    connection.executemany(
        f"INSERT INTO actions ({names}) VALUES ({marks})",
        (_action_row(key, i, a) for i, a in enumerate(plan.actions)),
    )
    connection.executemany(
        "INSERT INTO warnings VALUES (?, ?, ?, ?, ?, ?)",
        (
            (key, i, w.code, w.message, w.page, None if w.bbox is None else _json(w.bbox))
            for i, w in enumerate(plan.warnings)
        ),
    )
    connection.executemany(
        "INSERT INTO table_repairs VALUES (?, ?, ?, ?, ?, ?)",
        (
            (key, i, r.repair, r.table, _json(r.pages), r.detail)
            for i, r in enumerate(plan.table_repairs)
        ),
    )
    connection.executemany(
        "INSERT INTO dropped VALUES (?, ?, ?, ?, ?, ?)",
        ((key, i, d.kind, d.page, d.words, d.text) for i, d in enumerate(plan.dropped)),
    )


def _action_row(key: str, position: int, action: Action) -> tuple[Any, ...]:
    record = [
        _json(getattr(action, k)) if k in LIST_KEYS else getattr(action, k) for k in RECORD_KEYS
    ]
    p = action.provenance
    return (
        key,
        position,
        *record,
        _json(action.extra),
        _json(p.pages),
        _json([box.model_dump(mode="json") for box in p.boxes]),
        p.table,
        p.strategy,
        _json(p.repairs),
        p.rag_source,
        int(p.ocr),
        p.ocr_confidence,
        _json(p.roles_from_content),
    )


def read_plans(connection: sqlite3.Connection) -> list[ActionPlan]:
    """Every plan in the database, rebuilt from its rows, ordered by file name."""
    connection.row_factory = sqlite3.Row
    documents = connection.execute("SELECT * FROM documents ORDER BY file, sha256").fetchall()
    return [_read_plan(connection, doc) for doc in documents]


def _read_plan(connection: sqlite3.Connection, doc: sqlite3.Row) -> ActionPlan:
    key = doc["sha256"]
    actions = connection.execute(
        "SELECT * FROM actions WHERE sha256 = ? ORDER BY position", (key,)
    ).fetchall()
    warnings = connection.execute(
        "SELECT code, message, page, bbox FROM warnings WHERE sha256 = ? ORDER BY position",
        (key,),
    ).fetchall()
    dropped = connection.execute(
        "SELECT kind, page, words, text FROM dropped WHERE sha256 = ? ORDER BY position", (key,)
    ).fetchall()
    repairs = connection.execute(
        "SELECT repair, table_index, pages, detail FROM table_repairs WHERE sha256 = ? "
        "ORDER BY position",
        (key,),
    ).fetchall()
    return ActionPlan.model_validate(
        {
            "planparse_version": doc["planparse_version"],
            "source": {"file": doc["file"], "sha256": key, "pages": doc["pages"]},
            "document": {k: doc[k] for k in ("title", "organisation", "period", "published")},
            "columns": json.loads(doc["columns"]),
            "actions": [_read_action(row) for row in actions],
            "warnings": [
                {**dict(w), "bbox": None if w["bbox"] is None else json.loads(w["bbox"])}
                for w in warnings
            ],
            "table_repairs": [
                {
                    "repair": r["repair"],
                    "table": r["table_index"],
                    "pages": json.loads(r["pages"]),
                    "detail": r["detail"],
                }
                for r in repairs
            ],
            "dropped": [dict(d) for d in dropped],
        }
    )


def _read_action(row: sqlite3.Row) -> dict[str, Any]:
    record = {k: json.loads(row[k]) if k in LIST_KEYS else row[k] for k in RECORD_KEYS}
    record["new"] = None if row["new"] is None else bool(row["new"])
    record["extra"] = json.loads(row["extra"])
    record["provenance"] = {
        "pages": json.loads(row["pages"]),
        "boxes": json.loads(row["boxes"]),
        "table": row["table_index"],
        "strategy": row["strategy"],
        "repairs": json.loads(row["repairs"]),
        "rag_source": row["rag_source"],
        "ocr": bool(row["ocr"]),
        "ocr_confidence": row["ocr_confidence"],
        "roles_from_content": json.loads(row["roles_from_content"]),
    }
    return record


def write_database(target: Path, plans: Iterable[ActionPlan]) -> None:
    """Add plans to the database at `target`, replacing their PDFs' rows. A new database is
    built beside the target and renamed into place; an existing one changes in a single
    transaction, so a failure leaves it as it was."""
    if target.exists():
        with _connect(target) as connection:
            store_plans(connection, plans)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(temp, 0o666 & ~mask)  # mkstemp makes 0600; a database gets the usual mode
    try:
        with _connect(Path(temp)) as connection:
            store_plans(connection, plans)
        os.replace(temp, target)
    finally:
        Path(temp).unlink(missing_ok=True)


def _connect(path: Path) -> closing[sqlite3.Connection]:
    """A connection in autocommit mode (transactions are explicit), closed on leaving."""
    return closing(sqlite3.connect(path, isolation_level=None))


def write_sqlite(plan: ActionPlan, stream: IO[bytes]) -> None:  # type: ignore[override]
    """The registry's writer: a database holding this one plan, as bytes on the stream."""
    with tempfile.TemporaryDirectory(prefix="planparse-") as folder:
        path = Path(folder) / "plan.db"
        write_database(path, [plan])
        with path.open("rb") as handle:
            shutil.copyfileobj(handle, stream)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


register(
    Exporter(
        name="sqlite",
        suffix=".db",
        binary=True,
        write=write_sqlite,  # type: ignore[arg-type]
        description="one SQLite database for a whole batch: documents, actions, warnings",
        combined=True,
    )
)
