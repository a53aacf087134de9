"""What changed between two editions of one action: record key -> [old, new], and what each
change did (status worsened, deadline slipped, progress updated...).

Values are compared as a reader reads them: spacing, quote and dash styles do not count, and a
status or deadline printed differently but meaning the same ("Ongoing" / "On-going", "March
2022" / "Mar 2022") is no change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from typing import Any

from ..deadlines import period_end
from ..models import RECORD_KEYS, Action
from .models import ChangeKind, Value

#: statuses in the order an action moves through them
STATUS_RANK = {"not_started": 0, "in_progress": 1, "complete": 2}
#: statuses that say the action is off track: moving to one is worse, leaving one is better
OFF_TRACK = frozenset({"delayed", "deferred", "cancelled"})
#: RAG, from good to bad
RAG_RANK = {"green": 0, "amber": 1, "red": 2}

#: what a change of each plain key is called
KIND_OF_KEY: dict[str, ChangeKind] = {
    "id": "renumbered",
    "theme": "moved",
    "workstream": "moved",
    "objective": "moved",
    "action": "edited",
    "description": "edited",
    "lead": "edited",
    "partners": "edited",
    "evidence": "edited",
    "success_measure": "edited",
    "new": "edited",
}

Changes = dict[str, tuple[Value, Value]]
Kinds = dict[str, ChangeKind]


def compare_actions(
    old: Action, new: Action, shared_columns: Collection[str] = ()
) -> tuple[Changes, Kinds]:
    """Every record key whose value changed, and what each change did. Unmapped columns
    (`extra`) are compared only under headers both editions print."""
    changes: Changes = {}
    kinds: Kinds = {}
    for key, kind in KIND_OF_KEY.items():
        before, after = getattr(old, key), getattr(new, key)
        if not same(before, after):
            changes[key], kinds[key] = (before, after), kind
    _compare_status(old, new, changes, kinds)
    _compare_rag(old, new, changes, kinds)
    _compare_due(old, new, changes, kinds)
    _compare_progress(old, new, changes, kinds)
    for header in shared_columns:
        before, after = old.extra.get(header), new.extra.get(header)
        if not same(before, after):
            changes[f"extra.{header}"], kinds[f"extra.{header}"] = (before, after), "edited"
    return _in_record_order(changes), _in_record_order(kinds)


def same(before: Any, after: Any) -> bool:
    """Whether two record values read the same (lists in any order)."""
    if isinstance(before, list) or isinstance(after, list):
        return sorted(map(readable, before or [])) == sorted(map(readable, after or []))
    if isinstance(before, str) or isinstance(after, str):
        return readable(before) == readable(after)
    return bool(before == after)


def readable(text: str | None) -> str:
    """Text as a reader compares it: Unicode forms, quote and dash styles, spacing unified."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"[‘’‚′]", "'", text)
    text = re.sub(r"[“”„″]", '"', text)
    text = re.sub(r"[‐‑‒–—]", "-", text)
    return " ".join(text.split())


def status_kind(before: str, after: str) -> ChangeKind:
    """not_started < in_progress < complete; becoming delayed / deferred / cancelled is worse,
    leaving them better, and moving among them neither."""
    if before in OFF_TRACK and after in OFF_TRACK:
        return "changed"
    if after in OFF_TRACK:
        return "worsened"
    if before in OFF_TRACK:
        return "improved"
    return "improved" if STATUS_RANK[after] > STATUS_RANK[before] else "worsened"


def _compare_status(old: Action, new: Action, changes: Changes, kinds: Kinds) -> None:
    _compare_read_value("status", "status_raw", old, new, changes, kinds, _status_change)


def _status_change(before: str, after: str) -> ChangeKind | None:
    return None if before == after else status_kind(before, after)


def _compare_rag(old: Action, new: Action, changes: Changes, kinds: Kinds) -> None:
    if old.rag == new.rag:
        return
    changes["rag"] = (old.rag, new.rag)
    if old.rag and new.rag:
        kinds["rag"] = "worsened" if RAG_RANK[new.rag] > RAG_RANK[old.rag] else "improved"
    else:
        kinds["rag"] = "added" if new.rag else "removed"


def _compare_due(old: Action, new: Action, changes: Changes, kinds: Kinds) -> None:
    _compare_read_value("due", "due_raw", old, new, changes, kinds, _due_change)


def _due_change(before: str, after: str) -> ChangeKind | None:
    """Deadlines compare by the last day they allow: "June 2019" and "30 June 2019" agree."""
    first, last = period_end(before), period_end(after)
    if first == last:
        return None
    return "slipped" if last > first else "earlier"


def _compare_read_value(
    key: str,
    raw_key: str,
    old: Action,
    new: Action,
    changes: Changes,
    kinds: Kinds,
    change_of: Callable[[str, str], ChangeKind | None],
) -> None:
    """A value read from printed text (status from status_raw, due from due_raw): compared
    by meaning where both editions have one, the printed text going along with the change;
    by the printed text where neither reads as a value ("Ongoing" -> "TBC" as a deadline)."""
    before, after = getattr(old, key), getattr(new, key)
    raw_before, raw_after = getattr(old, raw_key), getattr(new, raw_key)
    if before and after:
        kind = change_of(before, after)
    elif before != after:
        kind = "added" if after else "removed"
    else:
        if not same(raw_before, raw_after):
            changes[raw_key] = (raw_before, raw_after)
            kinds[raw_key] = _presence_kind(raw_before, raw_after)
        return
    if kind is not None:
        kinds[key], changes[key] = kind, (before, after)
        if not same(raw_before, raw_after):  # the printed text goes along, for the reader
            changes[raw_key] = (raw_before, raw_after)


def _compare_progress(old: Action, new: Action, changes: Changes, kinds: Kinds) -> None:
    if not same(old.progress, new.progress):
        changes["progress"] = (old.progress, new.progress)
        kinds["progress"] = "updated"


def _presence_kind(before: object, after: object) -> ChangeKind:
    if not before:
        return "added"
    if not after:
        return "removed"
    return "changed"


def _in_record_order(mapping: dict[str, Any]) -> dict[str, Any]:
    order = {key: i for i, key in enumerate(RECORD_KEYS)}
    return dict(sorted(mapping.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
