"""What the report shows, computed from plans: headline counts, chart data, overdue actions,
the rows of the action table, and the diff of two editions. Pure functions of the records;
the template only lays them out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..deadlines import period_end, period_start
from ..diff import PlanDiff
from ..diff.formats import RAW_OF, shows_edits, text_edits
from ..models import Action, ActionPlan
from .charts import Category, Chart, stacked_bars

STATUSES = (
    Category("complete", "Complete", "#2e7d32"),
    Category("in_progress", "In progress", "#1565c0"),
    Category("not_started", "Not started", "#9e9e9e"),
    Category("delayed", "Delayed", "#ef6c00"),
    Category("deferred", "Deferred", "#8d6e63"),
    Category("cancelled", "Cancelled", "#424242"),
    Category(None, "No status", "#e0e0e0"),
)
RAGS = (
    Category("red", "Red", "#c62828"),
    Category("amber", "Amber", "#f9a825"),
    Category("green", "Green", "#2e7d32"),
    Category(None, "No RAG", "#e0e0e0"),
)
STATUS_LABEL = {c.key: c.label for c in STATUSES}
#: statuses under which a passed deadline is no longer owed
DONE = frozenset({"complete", "cancelled"})


@dataclass(frozen=True)
class Row:
    """One action as the report's table shows it."""

    number: int
    action: Action
    pages: str
    overdue: bool
    crop: str

    @property
    def status_slug(self) -> str:
        return self.action.status or "none"

    @property
    def rag_slug(self) -> str:
        return self.action.rag or "none"

    @property
    def status_label(self) -> str:
        return STATUS_LABEL[self.action.status]


@dataclass(frozen=True)
class Headline:
    label: str
    count: int
    slug: str


@dataclass(frozen=True)
class PlanView:
    """One plan's section of the report."""

    anchor: str
    plan: ActionPlan
    as_of: date | None
    as_of_source: str
    headlines: tuple[Headline, ...]
    charts: tuple[Chart, ...]
    rows: tuple[Row, ...]
    overdue: tuple[Row, ...]
    crops_note: str | None


@dataclass(frozen=True)
class ChangeLine:
    """One change of an action: whole values, or for long texts the words edited."""

    key: str
    kind: str
    before: str
    after: str
    edits: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ChangedAction:
    old_id: str
    new_id: str
    action: str
    reason: str
    lines: tuple[ChangeLine, ...]


@dataclass(frozen=True)
class DiffView:
    """The comparison of two editions that leads the report."""

    diff: PlanDiff
    headlines: tuple[Headline, ...]
    changed: tuple[ChangedAction, ...]


def is_overdue(action: Action, as_of: date | None) -> bool:
    """A deadline whose whole period ended before `as_of`, on an action not complete (nor
    cancelled: a cancelled action owes nothing)."""
    if as_of is None or not action.due or action.status in DONE:
        return False
    return period_end(action.due) < as_of


def plan_as_of(plan: ActionPlan, given: date | None) -> tuple[date | None, str]:
    """The date overdue is judged at, and where it came from: --as-of, else the first day of
    the plan's publication month (a deadline in that month may yet be met)."""
    if given is not None:
        return given, "--as-of"
    if plan.document.published:
        return period_start(plan.document.published), "the plan's publication month"
    return None, "no date: the plan states none; give one with --as-of"


def plan_view(
    plan: ActionPlan,
    anchor: str,
    *,
    as_of: date | None,
    crops: Sequence[str] | None,
    crops_note: str | None,
) -> PlanView:
    when, source = plan_as_of(plan, as_of)
    rows = tuple(
        Row(
            number=i + 1,
            action=action,
            pages=", ".join(str(p) for p in action.provenance.pages),
            overdue=is_overdue(action, when),
            crop=crops[i] if crops else "",
        )
        for i, action in enumerate(plan.actions)
    )
    return PlanView(
        anchor=anchor,
        plan=plan,
        as_of=when,
        as_of_source=source,
        headlines=plan_headlines(plan, rows),
        charts=plan_charts(plan),
        rows=rows,
        overdue=tuple(r for r in rows if r.overdue),
        crops_note=crops_note,
    )


def plan_headlines(plan: ActionPlan, rows: Sequence[Row]) -> tuple[Headline, ...]:
    statuses = Counter(a.status for a in plan.actions)
    rags = Counter(a.rag for a in plan.actions)
    off_track = sum(statuses[s] for s in ("delayed", "deferred", "cancelled"))
    return (
        Headline("actions", len(plan.actions), "actions"),
        Headline("complete", statuses["complete"], "complete"),
        Headline("in progress", statuses["in_progress"], "in_progress"),
        Headline("not started", statuses["not_started"], "not_started"),
        Headline("off track", off_track, "off_track"),
        Headline("overdue", sum(r.overdue for r in rows), "overdue"),
        Headline("red", rags["red"], "red"),
        Headline("amber", rags["amber"], "amber"),
        Headline("green", rags["green"], "green"),
    )


def plan_charts(plan: ActionPlan) -> tuple[Chart, ...]:
    """Status and RAG by theme, themes in the order the plan prints them; by objective when
    the plan has no themes."""
    field = chart_grouping(plan)
    groups: dict[str, list[Action]] = {}
    for action in plan.actions:
        groups.setdefault(getattr(action, field) or f"(no {field})", []).append(action)
    status_groups = [(g, Counter[str | None](a.status for a in acts)) for g, acts in groups.items()]
    rag_groups = [(g, Counter[str | None](a.rag for a in acts)) for g, acts in groups.items()]
    return (
        stacked_bars("status", f"Status by {field}", status_groups, STATUSES),
        stacked_bars("rag", f"RAG by {field}", rag_groups, RAGS),
    )


def chart_grouping(plan: ActionPlan) -> str:
    """The record key the charts group by: theme, else objective."""
    if any(a.theme for a in plan.actions) or not any(a.objective for a in plan.actions):
        return "theme"
    return "objective"


def diff_view(diff: PlanDiff) -> DiffView:
    s = diff.summary
    headlines = (
        Headline("matched", s.matched, "matched"),
        Headline("changed", s.changed, "changed"),
        Headline("worsened", s.worsened, "worsened"),
        Headline("improved", s.improved, "improved"),
        Headline("deadline slipped", s.slipped, "slipped"),
        Headline("added", s.added, "added"),
        Headline("removed", s.removed, "removed"),
        Headline("progress not updated", s.progress_not_updated, "progress_not_updated"),
    )
    changed = tuple(
        ChangedAction(
            old_id=m.old.id or "",
            new_id=m.new.id or "",
            action=m.new.action,
            reason=m.reason,
            lines=tuple(_change_line(key, kind, m.changes) for key, kind in m.kinds.items()),
        )
        for m in diff.matched
        if m.changes
    )
    return DiffView(diff, headlines, changed)


def _change_line(key: str, kind: str, changes: dict) -> ChangeLine:
    """A status or deadline shows the text as printed when the edition changed it."""
    before, after = changes.get(RAW_OF.get(key, ""), changes[key])
    edits: tuple[tuple[str, str], ...] = ()
    if shows_edits(before, after):
        edits = tuple(text_edits(before, after))
    elif isinstance(before, list) or isinstance(after, list):  # leads, partners: items in, out
        edits = tuple(("-", i) for i in before or [] if i not in (after or [])) + tuple(
            ("+", i) for i in after or [] if i not in (before or [])
        )
    return ChangeLine(key, kind, _text(before), _text(after), edits)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)
