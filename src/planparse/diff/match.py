"""Matching the actions of two editions of a plan one to one.

By printed id where ids are stable; otherwise by the similarity of the action text (and the
objective's), so reworded actions still match. Deterministic: the same two plans always give
the same pairs, and every pair says why it was made.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ..models import Action

#: two actions are the same action by text alone when their similarity reaches this; in the
#: dev corpus two different actions of one plan reach 75 (and once 92: boilerplate US goals),
#: while an edited action keeps 80 or more
TEXT_MIN = 65.0
#: a same-id pair is refused when either action has a counterpart this much more similar
#: (the id now names another action: the plan was renumbered)
ID_DOUBT_MARGIN = 10.0
#: weight of the objective's similarity where both actions have one
OBJECTIVE_WEIGHT = 0.25
#: ids are stable when at least this share of the ids printed once in each edition name
#: actions of similar text; below it the "ids" are row numbers that shift as rows come and
#: go, and actions are matched by text alone
ID_STABLE_SHARE = 0.5


@dataclass(frozen=True)
class Pair:
    """Two actions matched: their indexes in the old and new plan, how, and why."""

    old: int
    new: int
    method: str
    similarity: float
    reason: str


def match_actions(old: Sequence[Action], new: Sequence[Action]) -> list[Pair]:
    """One-to-one pairs of old and new actions, ordered by the new plan."""
    scores = similarity_matrix(old, new)
    pairs = _id_pairs(old, new, scores)
    taken_old = {p.old for p in pairs}
    taken_new = {p.new for p in pairs}
    rest_old = [i for i in range(len(old)) if i not in taken_old]
    rest_new = [j for j in range(len(new)) if j not in taken_new]
    for i, j in _greedy(scores, rest_old, rest_new, floor=TEXT_MIN):
        score = float(scores[i, j])
        pairs.append(Pair(i, j, "text", score, f"text similarity {score:.0f}"))
    return sorted(pairs, key=lambda p: p.new)


def similarity_matrix(old: Sequence[Action], new: Sequence[Action]) -> np.ndarray:
    """Similarity 0-100 of every old action with every new one."""
    if not old or not new:
        return np.zeros((len(old), len(new)))
    actions = cdist(
        [comparable(a.action) for a in old], [comparable(a.action) for a in new], scorer=fuzz.ratio
    )
    objectives = cdist(
        [comparable(a.objective) for a in old],
        [comparable(a.objective) for a in new],
        scorer=fuzz.ratio,
    )
    both = np.outer([bool(a.objective) for a in old], [bool(a.objective) for a in new])
    blended = (1 - OBJECTIVE_WEIGHT) * actions + OBJECTIVE_WEIGHT * objectives
    return np.round(np.where(both, blended, actions), 3)


def comparable(text: str | None) -> str:
    """Text reduced to what a reader compares: case, punctuation and spacing dropped."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def id_key(value: str | None) -> str | None:
    """An id as compared: "1.1", "1.1." and " 1.1 " are one id."""
    if not value:
        return None
    key = " ".join(value.split()).casefold().rstrip(".:)")
    return key or None


def _id_pairs(old: Sequence[Action], new: Sequence[Action], scores: np.ndarray) -> list[Pair]:
    """Pairs under the same printed id. A unique id pairs its two actions unless the text says
    the id now belongs to another action; rows sharing an id pair by text within the id."""
    old_ids = _groups(old)
    new_ids = _groups(new)
    if not ids_stable(old_ids, new_ids, scores):
        return []
    pairs: list[Pair] = []
    for key, old_rows in old_ids.items():
        new_rows = new_ids.get(key)
        if not new_rows:
            continue
        # a unique id is evidence enough; rows sharing an id need the text to agree too
        unique = len(old_rows) == 1 and len(new_rows) == 1
        for i, j in _greedy(scores, old_rows, new_rows, floor=0.0 if unique else TEXT_MIN):
            score = float(scores[i, j])
            if not _better_elsewhere(scores, i, j):
                label = old[i].id
                pairs.append(
                    Pair(i, j, "id", score, f"same id {label}, text similarity {score:.0f}")
                )
    return pairs


def ids_stable(
    old_ids: dict[str, list[int]], new_ids: dict[str, list[int]], scores: np.ndarray
) -> bool:
    """Whether an id printed once in each edition mostly names the same action in both."""
    unique = [
        (rows[0], new_ids[key][0])
        for key, rows in old_ids.items()
        if len(rows) == 1 and len(new_ids.get(key, ())) == 1
    ]
    if not unique:
        return True  # only shared ids: each is checked by text within its group
    agreeing = sum(1 for i, j in unique if scores[i, j] >= TEXT_MIN)
    return agreeing >= ID_STABLE_SHARE * len(unique)


def _groups(actions: Sequence[Action]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for index, action in enumerate(actions):
        key = id_key(action.id)
        if key is not None:
            groups[key].append(index)
    return groups


def _better_elsewhere(scores: np.ndarray, i: int, j: int) -> bool:
    """Whether old action i or new action j has a clearly better text counterpart."""
    bar = max(TEXT_MIN, float(scores[i, j]) + ID_DOUBT_MARGIN)
    return bool((scores[i, :] >= bar).any() or (scores[:, j] >= bar).any())


def _greedy(
    scores: np.ndarray, rows: Iterable[int], cols: Iterable[int], *, floor: float
) -> list[tuple[int, int]]:
    """Best pairs first, each action used once, none under `floor`. Ties go to the pair whose
    positions in the two plans agree best, then to document order."""
    rows, cols = list(rows), list(cols)
    if not rows or not cols:
        return []
    n_old, n_new = scores.shape
    candidates = sorted(
        (-float(scores[i, j]), abs(i / n_old - j / n_new), i, j)
        for i in rows
        for j in cols
        if scores[i, j] >= floor
    )
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    chosen = []
    for _, _, i, j in candidates:
        if i not in used_rows and j not in used_cols:
            used_rows.add(i)
            used_cols.add(j)
            chosen.append((i, j))
    return chosen
