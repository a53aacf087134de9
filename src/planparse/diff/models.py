"""The diff of two editions of a plan, as Pydantic models: `planparse diff` writes their dump,
and schemas/plan-diff.schema.json is generated from them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models import Action

#: what a change did, per record key (see README, "planparse diff")
ChangeKind = Literal[
    "improved",  # status or RAG moved forward: not_started < in_progress < complete, red > green
    "worsened",  # status or RAG moved back, or status became delayed / deferred / cancelled
    "changed",  # a value changed that has no better or worse (delayed -> deferred, raw text only)
    "added",  # the key had no value and now has one
    "removed",  # the key had a value and now has none
    "slipped",  # the deadline moved later
    "earlier",  # the deadline moved earlier
    "updated",  # the progress text changed
    "moved",  # theme, workstream or objective changed
    "renumbered",  # the printed id changed
    "edited",  # the wording of the action, or another text or list, changed
]
#: a record value as it appears in `changes`
Value = str | list[str] | bool | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanRef(_Model):
    """One of the two editions compared."""

    file: str = Field(description="File name of the PDF the plan was read from.")
    sha256: str = Field(description="SHA-256 of that PDF.")
    title: str | None = Field(description="Document title.")
    published: str | None = Field(description='Publication month, "2020-03".')
    actions: int = Field(description="Number of actions in this edition.", ge=0)


class MatchedAction(_Model):
    """An action found in both editions, with what changed between them."""

    old: Action = Field(description="The action as the old edition prints it.")
    new: Action = Field(description="The action as the new edition prints it.")
    method: Literal["id", "text"] = Field(
        description="How the two were matched: by the same printed id, or by text similarity."
    )
    similarity: float = Field(
        description="Similarity (0-100) of the action texts, with the objectives' counted "
        "for a quarter where both editions have one.",
        ge=0,
        le=100,
    )
    reason: str = Field(description='Why they were matched: "same id 1.4, text similarity 97".')
    changes: dict[str, tuple[Value, Value]] = Field(
        description="Record key -> [old value, new value] for every key whose value changed "
        "(unmapped columns as 'extra.<header>'). Empty when nothing changed."
    )
    kinds: dict[str, ChangeKind] = Field(
        description="Record key -> what the change did. Keys are those of `changes`, except "
        "that `status_raw` and `due_raw` are left to `status` and `due` when those changed."
    )


class DiffSummary(_Model):
    """Counts of actions, for a reader and for `--fail-on`."""

    old_actions: int = Field(description="Actions in the old edition.")
    new_actions: int = Field(description="Actions in the new edition.")
    matched: int = Field(description="Actions found in both editions.")
    matched_by_id: int = Field(description="Of those, matched by their printed id.")
    matched_by_text: int = Field(description="Of those, matched by text similarity.")
    unchanged: int = Field(description="Matched actions with no change at all.")
    changed: int = Field(description="Matched actions with at least one change.")
    added: int = Field(description="Actions only in the new edition.")
    removed: int = Field(description="Actions only in the old edition.")
    improved: int = Field(description="Matched actions whose status or RAG improved.")
    worsened: int = Field(description="Matched actions whose status or RAG worsened.")
    status_improved: int = Field(description="Matched actions whose status improved.")
    status_worsened: int = Field(description="Matched actions whose status worsened.")
    rag_improved: int = Field(description="Matched actions whose RAG improved.")
    rag_worsened: int = Field(description="Matched actions whose RAG worsened.")
    slipped: int = Field(description="Matched actions whose deadline moved later.")
    earlier: int = Field(description="Matched actions whose deadline moved earlier.")
    deadline_added: int = Field(description="Matched actions that gained a deadline.")
    deadline_removed: int = Field(description="Matched actions that lost their deadline.")
    progress_updated: int = Field(description="Matched actions whose progress text changed.")
    progress_not_updated: int = Field(
        description="Matched actions whose progress text is word for word the old one."
    )
    moved: int = Field(description="Matched actions moved to another theme or objective.")
    renumbered: int = Field(description="Matched actions whose printed id changed.")
    edited: int = Field(description="Matched actions whose wording, leads or other text changed.")


class PlanDiff(_Model):
    """What changed between two editions of a plan."""

    planparse_version: str = Field(description="Version of planparse that wrote this.")
    old: PlanRef = Field(description="The earlier edition.")
    new: PlanRef = Field(description="The later edition.")
    summary: DiffSummary
    matched: list[MatchedAction] = Field(
        description="Actions in both editions, in the new edition's order."
    )
    added: list[Action] = Field(description="Actions only in the new edition, in its order.")
    removed: list[Action] = Field(description="Actions only in the old edition, in its order.")
