"""Two editions of a plan compared: which actions match, what changed, what was added and
removed. `diff_plans(old, new)` -> PlanDiff; formats.py writes it as JSON, CSV or a table."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import ActionPlan
from ..version import __version__
from .changes import compare_actions
from .match import match_actions
from .models import ChangeKind, DiffSummary, MatchedAction, PlanDiff, PlanRef

#: names `--fail-on` takes: the summary's counts of changes
FAIL_ON_NAMES: tuple[str, ...] = (
    "added",
    "removed",
    "changed",
    "improved",
    "worsened",
    "status_improved",
    "status_worsened",
    "rag_improved",
    "rag_worsened",
    "slipped",
    "earlier",
    "deadline_added",
    "deadline_removed",
    "progress_updated",
    "progress_not_updated",
    "moved",
    "renumbered",
    "edited",
)

__all__ = [
    "FAIL_ON_NAMES",
    "ChangeKind",
    "DiffSummary",
    "MatchedAction",
    "PlanDiff",
    "PlanRef",
    "diff_plans",
    "fail_on_hits",
]


def diff_plans(old: ActionPlan, new: ActionPlan) -> PlanDiff:
    """Match the actions of two editions one to one and say what changed."""
    shared = _extra_headers(old) & _extra_headers(new)
    matched = []
    for pair in match_actions(old.actions, new.actions):
        before, after = old.actions[pair.old], new.actions[pair.new]
        changes, kinds = compare_actions(before, after, sorted(shared))
        matched.append(
            MatchedAction(
                old=before,
                new=after,
                method=pair.method,  # type: ignore[arg-type]
                similarity=round(pair.similarity, 1),
                reason=pair.reason,
                changes=changes,
                kinds=kinds,
            )
        )
    used_old = {id(m.old) for m in matched}
    used_new = {id(m.new) for m in matched}
    added = [a for a in new.actions if id(a) not in used_new]
    removed = [a for a in old.actions if id(a) not in used_old]
    return PlanDiff(
        planparse_version=__version__,
        old=_ref(old),
        new=_ref(new),
        summary=summarise(old, new, matched, added, removed),
        matched=matched,
        added=added,
        removed=removed,
    )


def summarise(
    old: ActionPlan,
    new: ActionPlan,
    matched: list[MatchedAction],
    added: list,
    removed: list,
) -> DiffSummary:
    def count(key: str, *kinds: ChangeKind) -> int:
        return sum(1 for m in matched if m.kinds.get(key) in kinds)

    def count_any(keys: Iterable[str], *kinds: ChangeKind) -> int:
        return sum(1 for m in matched if any(m.kinds.get(k) in kinds for k in keys))

    return DiffSummary(
        old_actions=len(old.actions),
        new_actions=len(new.actions),
        matched=len(matched),
        matched_by_id=sum(1 for m in matched if m.method == "id"),
        matched_by_text=sum(1 for m in matched if m.method == "text"),
        unchanged=sum(1 for m in matched if not m.changes),
        changed=sum(1 for m in matched if m.changes),
        added=len(added),
        removed=len(removed),
        improved=count_any(("status", "rag"), "improved"),
        worsened=count_any(("status", "rag"), "worsened"),
        status_improved=count("status", "improved"),
        status_worsened=count("status", "worsened"),
        rag_improved=count("rag", "improved"),
        rag_worsened=count("rag", "worsened"),
        slipped=count("due", "slipped"),
        earlier=count("due", "earlier"),
        deadline_added=count("due", "added"),
        deadline_removed=count("due", "removed"),
        progress_updated=count("progress", "updated"),
        progress_not_updated=sum(
            1 for m in matched if m.old.progress and "progress" not in m.changes
        ),
        moved=count_any(("theme", "workstream", "objective"), "moved"),
        renumbered=count("id", "renumbered"),
        edited=sum(1 for m in matched if "edited" in m.kinds.values()),
    )


def fail_on_hits(diff: PlanDiff, names: Iterable[str]) -> dict[str, int]:
    """The `--fail-on` names with a count above zero in the diff's summary."""
    counts = diff.summary.model_dump()
    return {name: counts[name] for name in names if counts[name] > 0}


def _extra_headers(plan: ActionPlan) -> set[str]:
    return {header for action in plan.actions for header in action.extra}


def _ref(plan: ActionPlan) -> PlanRef:
    return PlanRef(
        file=plan.source.file,
        sha256=plan.source.sha256,
        title=plan.document.title,
        published=plan.document.published,
        actions=len(plan.actions),
    )
