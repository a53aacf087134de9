"""Header labels -> record keys: the action-plan vocabulary and fuzzy matching.

The synonyms are column names of action plans, progress reports and delivery plans from
many publishers (UK councils, police and government; US federal and city plans; Open
Government Partnership templates) and their common variants. Each entry is a general
name for the column, never one document's phrase. A label matches a key exactly,
through a parenthesised hint ("What does success look like? (objective)"), by
containing a synonym as whole words ("Lead officer(s)" contains "lead officer"), or by
a close fuzzy match that survives typos and OCR noise ("Timefrarne").

This is one half of a column's role; `roles.content` reads the other half from what the
column holds, and `roles.assign` weighs the two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..settings import DEFAULTS, RolesSettings
from ..text import normalise_label, phrases

#: the record keys a column can map onto, with the header texts that name them ("|" between)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": phrases(
        "id | ref | ref no | reference | reference no | no | number | item | item no | action "
        "no | action number | action ref | action id | unique id | strategy no | strategy "
        "number | objective no | priority no | code | measure id | rec no | recommendation no "
        "| #"
    ),
    "theme": phrases(
        "theme | themes | priority area | strategic priority | section | outcome area | "
        "key theme | strategic theme | pillar"
    ),
    "workstream": phrases(
        "lead area | workstream | work stream | area | service area | category | sector | "
        "directorate | topic | work area | programme | program | strand | focus area | "
        "project | process or project | project or process | work package"
    ),
    "objective": phrases(
        "objective | objectives | strategic objective | aim | aims | goal | goals | "
        "desired outcome | key objective | main objective | strategic aim | outcome | "
        "outcomes sought | goal description"
    ),
    "action": phrases(
        "action | actions | strategy | strategies | action required | actions required | "
        "key actions | key action | activity | activities | activity or intervention | "
        "key activity | key activities | intervention | interventions | task | tasks | "
        "what will we look at (scope work package) | what will we do | what we will do | "
        "how will we do it | how we will do it | how we will achieve this | detailed action "
        "| recommendation | recommendations | next steps | potential next steps | "
        "deliverable | deliverables | key deliverables | actions to be taken | proposed "
        "action | planned action | commitment | commitments | areas for development | areas "
        "for improvement | suggested actions | key recommendations | improvement actions | "
        "recommended actions | milestone | milestones | key milestone | key milestones | "
        "initiative | initiatives | key initiatives | committed to | we will"
    ),
    "description": phrases(
        "does what | description | detail | details | action detail | action description | "
        "how | how will this be achieved | scope | what this involves | brief description"
    ),
    "progress": phrases(
        "progress | progress update | comments on progress | update | latest update | "
        "progress to date | commentary | comments | comment | notes | position | current "
        "position | progress comments | progress made | what will we deliver or produce to "
        "ensure success (product) | explanation | response | update on progress | progress "
        "report | narrative | actions taken | achievements | progress description | "
        "description of results | results | work outstanding | recent actions | change from "
        "last quarter | change since last quarter | change since last update | change from "
        "last update | progress since last update"
    ),
    "status": phrases(
        "status | current status | progress status | delivery status | action status | state "
        "| completion status | status of action | completion level | level of completion | "
        "initiative health | project health | programme health | program health | overall "
        "health | action health | milestone status"
    ),
    "rag": phrases(
        "rag | rag status | rag rating | progress rag | rag progress | rag rated progress | "
        "current outcome assessment | rating | assessment | rag assessment | traffic light | "
        "rag rated | overall rag | red amber green | brag | brag status | rag rag"
    ),
    "lead": phrases(
        "who | lead | lead officer | lead officers | lead organisation | lead organization | "
        "lead agency | led by | owner | owners | owned by | action owner | responsible | "
        "responsibility | responsible officer | responsible party | responsible person | "
        "accountable | accountable officer | lead partner | lead service | lead department | "
        "by whom | lead person | lead team | responsible lead | lead government actors | "
        "lead actors | sro | senior responsible owner | senior responsible officer | "
        "delivery lead | accountable lead | milestone owner"
    ),
    "partners": phrases(
        "with who | with whom | partners | partner | partner agency | partner agencies | key "
        "partners | partners involved | which partners are involved | supporting partners | "
        "support from | stakeholders | other partners | in partnership with | supported by | "
        "key stakeholders | delivery partners | other actors | other actors involved | "
        "contributors | contributing agencies"
    ),
    "due_raw": phrases(
        "timeframe | time frame | timescale | timescales | time scale | by when | when | "
        "deadline | due | due date | target date | completion date | date | target completion "
        "date | timeline | implementation timeline | by | end date | delivery date | target "
        "completion | date due | timing | milestone due date | target end date | planned "
        "completion | planned completion date"
    ),
    "evidence": phrases(
        "evidence | evidence audit | evidence of completion | source of evidence | evidence "
        "of delivery | output | outputs"
    ),
    "success_measure": phrases(
        "success measure | success measures | success measure or service user experience | "
        "measure of success | measures of success | how will we measure success | what does "
        "success look like | kpi | kpis | performance measure | performance measures | "
        "performance indicator | performance indicators | outcome measure | outcome measures "
        "| measure | measures | indicator | indicators | success criteria | expected outcome "
        "| expected outcomes | outcomes | impact"
    ),
    "new": phrases(
        "new | new this rp | new this period | new action | new this year | new for this "
        "period | new this reporting period"
    ),
}

#: names that fit a key less well than its own names: they take the key only when no
#: column of the table has one of its own names ("Actioned by" is the owner only when no
#: "Owner" column is printed beside it)
SECONDARY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "lead": phrases("action by | actioned by | delivered by | who will deliver"),
}

#: headers that look like a record key's but are not it ("Start date" is no deadline)
NOT_RECORD_KEYS = frozenset(
    phrases(
        "start date | start | date added | date raised | date opened | date created | "
        "last updated | date updated | date of update | review date | date reviewed | "
        "date of reporting | reporting date | date reported | percent complete | "
        "percent progress | goal percent progress | initiative percent progress | "
        "goal health | risks | risk | budget | cost | costs | funding | date signed | date of "
        "award | award date | date approved | approval date | date published | publication "
        "date | effective date | notice date | date received | received"
    )
)
#: keys more than one column may feed: status and RAG columns are routed by content;
#: two progress columns ("Progress", "Work outstanding") are read in order, joined
MULTI_COLUMN_KEYS = frozenset({"status", "rag", "progress"})
#: the score of a secondary name: below any primary match of the same key
SECONDARY_SCORE = 81.0
#: header labels are short: a longer cell is data
MAX_LABEL_CHARS = 80


_NORMALISED = {
    key: tuple(normalise_label(s) for s in synonyms) for key, synonyms in SYNONYMS.items()
}
_SECONDARY = {
    normalise_label(s): key for key, synonyms in SECONDARY_SYNONYMS.items() for s in synonyms
}


@dataclass(frozen=True, slots=True)
class _Synonym:
    order: int
    key: str
    bare: str  # without brackets
    words: tuple[str, ...]


_SYNONYMS = [
    _Synonym(i, key, bare, tuple(bare.split()))
    for i, (key, bare) in enumerate(
        (key, syn.replace("(", "").replace(")", ""))
        for key, synonyms in _NORMALISED.items()
        for syn in synonyms
    )
]
_EXACT: dict[str, _Synonym] = {}
_BY_FIRST_WORD: dict[str, list[_Synonym]] = {}
for _syn in _SYNONYMS:
    _EXACT.setdefault(_syn.bare, _syn)
    if _syn.words:
        _BY_FIRST_WORD.setdefault(_syn.words[0], []).append(_syn)
_FUZZY = [syn for syn in _SYNONYMS if len(syn.bare) >= 4]
_FUZZY_BARE = [syn.bare for syn in _FUZZY]


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    """What one header label was taken to mean, and how surely (0-100)."""

    key: str | None
    score: float


def score_header(text: str, cfg: RolesSettings = DEFAULTS.roles) -> ColumnMatch:
    """The best record key for one header label (see `header_candidates`)."""
    candidates = header_candidates(text, cfg)
    return candidates[0] if candidates else ColumnMatch(None, 0.0)


@lru_cache(maxsize=8192)
def header_candidates(text: str, cfg: RolesSettings) -> tuple[ColumnMatch, ...]:
    """The record keys a header label may name, best first: an exact synonym, synonyms
    making up enough of its words, close fuzzy matches (earlier synonyms win ties).
    "Initiative Health" names an action and a status; the table decides which."""
    label = normalise_label(text)
    if not label or len(label) > 2 * MAX_LABEL_CHARS:
        return ()
    hint = _parenthesised_hint(label)
    if hint:
        return (hint,)
    bare = label.replace("(", "").replace(")", "")
    if bare in NOT_RECORD_KEYS:
        return ()
    exact = _EXACT.get(bare)
    if exact is not None:
        return (ColumnMatch(exact.key, 100.0),)
    if bare in _SECONDARY:
        return (ColumnMatch(_SECONDARY[bare], SECONDARY_SCORE),)
    words = label.replace("(", " ").replace(")", " ").split()
    scored: list[tuple[float, int, str]] = []
    for i, word in enumerate(words):
        for syn in _BY_FIRST_WORD.get(word, ()):
            n = len(syn.words)
            if n >= cfg.min_synonym_coverage * len(words) and tuple(words[i : i + n]) == syn.words:
                # containment: the more of the header the synonym explains, the better
                scored.append((80.0 + 19.0 * n / len(words), -syn.order, syn.key))
    for _, ratio, index in process.extract(
        bare, _FUZZY_BARE, scorer=fuzz.ratio, score_cutoff=cfg.fuzzy_ratio, limit=None
    ):
        synonym = _FUZZY[index]
        if len(synonym.words) == len(words):  # a typo, not a missing word ("Priority No")
            scored.append((ratio - 2.0, -synonym.order, synonym.key))
    out: dict[str, ColumnMatch] = {}
    for score, _, key in sorted(scored, reverse=True):
        if score >= cfg.min_header_score and key not in out:
            out[key] = ColumnMatch(key, score)
    return tuple(out.values())


def _parenthesised_hint(label: str) -> ColumnMatch | None:
    """'What does success look like? (objective)': the bracketed word names the key."""
    for inner in re.findall(r"\(([^()]+)\)", label):
        for key, synonyms in _NORMALISED.items():
            if inner in synonyms and key != "id":
                return ColumnMatch(key, 99.0)
    return None


def map_columns(labels: Sequence[str], cfg: RolesSettings = DEFAULTS.roles) -> list[str | None]:
    """Assign record keys to header labels, each key to its best column only
    (except status/rag, which several columns may feed)."""
    return [m.key for m in best_matches(labels, cfg)]


def best_matches(labels: Sequence[str], cfg: RolesSettings) -> list[ColumnMatch]:
    """Each label's key, every key (but status and RAG, which several columns may feed)
    given to the label that names it best, ties to the leftmost; a label whose best key
    went to a better column takes its next one ("Initiative Health" beside "Initiative"
    is the status)."""
    claims = sorted(
        (
            (-match.score, rank, i, match)
            for i, label in enumerate(labels)
            for rank, match in enumerate(header_candidates(label, cfg))
        ),
        key=lambda claim: claim[:3],
    )
    out: list[ColumnMatch] = [ColumnMatch(None, 0.0)] * len(labels)
    taken: set[str] = set()
    for _, _, i, match in claims:
        if out[i].key is not None or match.key is None:
            continue
        if match.key in taken and match.key not in MULTI_COLUMN_KEYS:
            continue
        out[i] = match
        taken.add(match.key)
    return out
