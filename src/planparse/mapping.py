"""Header cells -> canonical record keys, by a synonym table plus fuzzy matching.

The synonyms are the column names seen in real council plans (RECORD.md and the seed
documents) and their common variants. A header matches a key exactly, through a
parenthesised hint ("What does success look like? (objective)"), by containing a
synonym as whole words ("Lead officer(s)" contains "lead officer"), or by a close
fuzzy match that survives typos and OCR noise ("Timefrarne").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .text import phrases

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
        "directorate | topic | work area | programme | strand | shared outcome"
    ),
    "objective": phrases(
        "objective | objectives | what does success look like (objective) | strategic "
        "objective | aim | aims | goal | goals | desired outcome | key objective | strategic "
        "aim | outcome | outcomes sought | axes d evaluation"
    ),
    "action": phrases(
        "action | actions | strategy | strategies | action required | actions required | "
        "key actions | key action | "
        "activity | activities | activity or intervention | intervention | interventions | "
        "task | tasks | what will we look at (scope work package) | what will we do | what we "
        "will do | how will we do it | what we have committed to | detailed action | strategy "
        "description | recommendation | recommendations | next steps | potential next steps | "
        "deliverable | deliverables | actions to be taken | proposed action | planned action "
        "| commitment | commitments | areas for development | areas for improvement | "
        "suggested actions | key recommendations | improvement actions | recommended actions | "
        "how we will do it | how we will achieve this"
    ),
    "description": phrases(
        "does what | description | detail | details | action detail | action description | "
        "how | how will this be achieved | scope | what this involves"
    ),
    "progress": phrases(
        "progress | progress update | comments on progress | update | latest update | "
        "progress to date | commentary | comments | comment | notes | position | current "
        "position | progress comments | progress made | what will we deliver or produce to "
        "ensure success (product) | explanation | government response | response | update on "
        "progress | progress report | narrative | actions taken | achievements"
    ),
    "status": phrases(
        "status | current status | progress status | delivery status | action status | state "
        "| completion status | status of action"
    ),
    "rag": phrases(
        "rag | rag status | rag rating | progress rag | rag progress | rag rated progress | "
        "current outcome assessment | "
        "rating | assessment | rag assessment | traffic light | rag rated | overall rag | red "
        "amber green"
    ),
    "lead": phrases(
        "who | lead | action by | actioned by | lead officer | lead officers | "
        "lead organisation | lead agency | led by "
        "| owner | owners | action owner | responsible | responsibility | responsible officer "
        "| responsible party | responsible person | accountable | accountable officer | lead "
        "partner | lead service | lead department | by whom | lead person | lead team | "
        "responsables | responsible lead"
    ),
    "partners": phrases(
        "with who | with whom | partners | partner | partner agency | partner agencies | key "
        "partners | partners involved | which partners are involved | supporting partners | "
        "support from | stakeholders | other partners | in partnership with | supported by | "
        "key stakeholders | delivery partners"
    ),
    "due_raw": phrases(
        "timeframe | time frame | timescale | timescales | time scale | by when | when | "
        "deadline | due | due date | target date | completion date | date | target completion "
        "date | timeline | implementation timeline | by | end date | delivery date | "
        "echeancier | target completion | date due | timing"
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

#: headers that look like a record key's but are not it ("Start date" is no deadline)
NOT_RECORD_KEYS = frozenset(
    phrases(
        "start date | start | date added | date raised | date opened | date created | "
        "last updated | date updated | date of update | review date | date reviewed | "
        "date of reporting | reporting date | date reported"
    )
)
#: keys more than one column may feed; their values are routed by content
MULTI_COLUMN_KEYS = frozenset({"status", "rag"})
#: a header cell maps to a key at or above this score (0-100)
MIN_HEADER_SCORE = 80.0
#: a synonym found inside a longer header must make up at least this share of its words
MIN_SYNONYM_COVERAGE = 0.3
#: a fuzzy (typo / OCR) match needs at least this rapidfuzz ratio
FUZZY_RATIO = 84.0

#: glyphs that text layers and OCR produce for spreadsheet filter buttons
FILTER_GLYPHS = "▼▾▽▿⯆⏷↓⇣×✕¥٧⌄ˇ⋁∨\u25bc\U0001f5d6\U0001f896"
GLYPH_RUN = re.compile(f"[{re.escape(FILTER_GLYPHS)}]+")
#: a lone v/V/Y token at the end of a label is an OCR'd filter arrow
_TRAILING_ARROW = re.compile(r"(?:\s+[vVY])+\s*$")


def strip_glyph_junk(text: str) -> str:
    """A header label without filter-arrow glyphs (and without a lone trailing 'v')."""
    cleaned = GLYPH_RUN.sub(" ", text)
    cleaned = _TRAILING_ARROW.sub("", cleaned)
    return " ".join(cleaned.split())


def normalise_header(text: str) -> str:
    """Header text reduced to lowercase words: accents, punctuation and filter glyphs gone."""
    text = strip_glyph_junk(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[^a-z0-9#()]+", " ", text)
    text = re.sub(r"\(\s*", "(", re.sub(r"\s*\)", ")", text))
    return " ".join(text.split())


_NORMALISED = {
    key: tuple(normalise_header(s) for s in synonyms) for key, synonyms in SYNONYMS.items()
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
    """What one header cell was taken to mean."""

    key: str | None
    score: float


@lru_cache(maxsize=8192)
def score_header(text: str) -> ColumnMatch:
    """The best record key for one header cell text: an exact synonym, a synonym making
    up enough of its words, or a close fuzzy match (earlier synonyms win ties)."""
    label = normalise_header(text)
    if not label or len(label) > 2 * MAX_LABEL_CHARS:
        return ColumnMatch(None, 0.0)
    hint = _parenthesised_hint(label)
    if hint:
        return hint
    bare = label.replace("(", "").replace(")", "")
    if bare in NOT_RECORD_KEYS:
        return ColumnMatch(None, 0.0)
    exact = _EXACT.get(bare)
    if exact is not None:
        return ColumnMatch(exact.key, 100.0)
    words = label.replace("(", " ").replace(")", " ").split()
    scored: list[tuple[float, int, str]] = []
    for i, word in enumerate(words):
        for syn in _BY_FIRST_WORD.get(word, ()):
            n = len(syn.words)
            if n >= MIN_SYNONYM_COVERAGE * len(words) and tuple(words[i : i + n]) == syn.words:
                # containment: the more of the header the synonym explains, the better
                scored.append((80.0 + 19.0 * n / len(words), -syn.order, syn.key))
    for _, ratio, index in process.extract(
        bare, _FUZZY_BARE, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO, limit=None
    ):
        synonym = _FUZZY[index]
        if len(synonym.words) == len(words):  # a typo, not a missing word ("Priority No")
            scored.append((ratio - 2.0, -synonym.order, synonym.key))
    if not scored:
        return ColumnMatch(None, 0.0)
    score, _, key = max(scored)
    return ColumnMatch(key, score) if score >= MIN_HEADER_SCORE else ColumnMatch(None, score)


def _parenthesised_hint(label: str) -> ColumnMatch | None:
    """'What does success look like? (objective)': the bracketed word names the key."""
    for inner in re.findall(r"\(([^()]+)\)", label):
        for key, synonyms in _NORMALISED.items():
            if inner in synonyms and key != "id":
                return ColumnMatch(key, 99.0)
    return None


def map_columns(labels: Sequence[str]) -> list[str | None]:
    """Assign record keys to header labels, each key to its best column only
    (except status/rag, which several columns may feed)."""
    matches = [score_header(label) for label in labels]
    keys: list[str | None] = [m.key for m in matches]
    best_for: dict[str, int] = {}
    for i, match in enumerate(matches):
        if match.key is None or match.key in MULTI_COLUMN_KEYS:
            continue
        held = best_for.get(match.key)
        if held is None or match.score > matches[held].score:
            if held is not None:
                keys[held] = None
            best_for[match.key] = i
        else:
            keys[i] = None
    if "action" not in keys and "description" in keys:
        # a table describing its actions in a "Description" column has no other action text
        keys[keys.index("description")] = "action"
    return keys


#: a header row maps at least this share of its non-empty cells onto record keys
MIN_HEADER_SHARE = 0.5
#: ... or, in a wide table (costs, funding, notes beside the plan's columns), this many
#: keys and this share
WIDE_HEADER_KEYS = 3
MIN_WIDE_HEADER_SHARE = 0.3
#: a styled header this narrow may name only its action column ("What we have committed
#: to | Strategies / plans in place to deliver")
MAX_SMALL_HEADER = 3
#: header labels are short: a longer cell is data
MAX_LABEL_CHARS = 80


def header_score(labels: Sequence[str], *, styled: bool = False) -> float:
    """How much a row of cell texts looks like an action-table header (0 when it does not).

    Two labels must map onto record keys, and half of all the labels (in a wide table,
    three including the action, and 30%); a styled row (bold or shaded) of at most
    MAX_SMALL_HEADER labels may get by with one, when that one names the action."""
    filled = [t for t in labels if t.strip()]
    if len(filled) < 2:
        return 0.0
    keys = [
        k
        for k, label in zip(map_columns(labels), labels, strict=True)
        if k and len(label) <= MAX_LABEL_CHARS
    ]
    share = len(keys) / len(filled)
    small_anchor = styled and keys == ["action"] and len(filled) <= MAX_SMALL_HEADER
    wide = len(keys) >= WIDE_HEADER_KEYS and share >= MIN_WIDE_HEADER_SHARE and "action" in keys
    if not wide and ((len(keys) < 2 and not small_anchor) or share < MIN_HEADER_SHARE):
        return 0.0
    return share + 0.01 * len(keys)
