"""Every tuning threshold of the pipeline, in one typed settings object grouped by stage.

`Settings()` holds the measured defaults (the corpus figures in README.md were measured
with them). A run changes any of them per call: `planparse.extract(path,
settings=Settings.from_overrides({"stream.max_body_gap": 3.0}))`, or on the command line
`--set stream.max_body_gap=3` and `--config planparse.toml`. The object travels through
the pipeline explicitly: each stage takes the group it needs. Vocabularies (the header
synonyms, the status words) are not settings: they live, documented, beside the code
that reads them.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ReadingSettings:
    """PDF -> words, rules and fills."""

    #: words break where the gap between characters exceeds this share of the font size
    word_gap_ratio: float = 0.15
    #: a filled rectangle thinner than this (points) is a ruling line drawn as a bar
    rule_max_thickness: float = 2.0
    #: segments shorter than this (points) are glyph parts or ticks, not ruling lines
    rule_min_length: float = 3.0
    #: a glyph whose origin lies this far (points) outside its clip box is hidden
    clip_tolerance: float = 1.0


@dataclass(frozen=True)
class LatticeSettings:
    """Ruled tables and tables of shaded cells."""

    #: rules this close (points) across their length are one line
    snap_tolerance: float = 2.0
    #: collinear segments with gaps up to this (points) are one line
    join_tolerance: float = 3.0
    #: a horizontal and a vertical rule this close (points) touch
    touch_tolerance: float = 3.0
    #: a grid border exists where rules cover at least this share of it
    border_coverage: float = 0.5
    #: a fill is a cell's shading when it covers at least this share of the cell
    fill_coverage: float = 0.5
    #: grid positions narrower/shorter than this (points) are slivers from doubled rules
    min_grid_step: float = 2.5
    #: words of separate cells stand at least this many font sizes apart
    column_gap: float = 0.5
    #: a grid of shaded cells has at least this share of its area shaded
    min_shaded_share: float = 0.7
    #: a fill larger than this share of the page is a background, not a cell
    max_cell_fill_share: float = 0.5
    #: a ruled grid with at most this many rows may hide its rows in tall cells
    max_degenerate_rows: int = 3
    #: under "auto", camelot's lattice looks at a text page with no table found whose
    #: images cover this share of it (rules drawn as pictures) ...
    camelot_image_share: float = 0.1
    #: ... and carry at least this share of its words (docs/finders.md)
    camelot_words_on_images: float = 0.5


@dataclass(frozen=True)
class StructureSettings:
    """The shape of a raw table: header rows, record cards, boxes of items."""

    #: how many leading grid rows of a table are searched for its header row
    header_search_rows: int = 4
    #: a header label is at most this long (characters, words)
    max_label_chars: int = 80
    max_label_words: int = 12
    #: an unstyled header's labels are shorter still
    max_plain_label_words: int = 6
    max_plain_label_chars: int = 40
    #: a column of figures under a plain label: this share of its cells hold digits
    figures_share: float = 0.8
    #: a card's labels are short ...
    max_card_label_words: int = 7
    max_card_label_chars: int = 60
    #: ... down a column of at most this share of the card's width
    max_label_column_share: float = 0.45
    #: a box's columns are this close in width (share of the widest) ...
    box_width_spread: float = 0.2
    #: ... and at most this many
    max_box_columns: int = 3
    #: colours are compared on a scale of this many steps per channel
    shade_steps: int = 20


@dataclass(frozen=True)
class StreamSettings:
    """Tables without ruling lines."""

    #: a header is at most this many lines deep
    max_header_lines: int = 4
    #: words in a header band closer than this share of the font size are one label
    header_word_gap: float = 0.9
    #: a header label is at most this many characters
    max_label_chars: int = 80
    #: a rule this many line heights under a plain-type band rules it off as a header
    header_rule_gap: float = 1.0
    #: a shaded band at least this share of the table's width is a full-width row
    full_width_share: float = 0.9
    #: a shaded band holding more lines than this is a background, not a section row
    max_band_lines: float = 3.5
    #: a vertical gap above this many line heights ends the table
    max_body_gap: float = 2.2
    #: a gap above this many line heights before a line marks a new row on its own
    row_gap: float = 0.75
    #: a word starts in a column when it starts this close (points) to the column's label
    column_align: float = 3.0
    #: a body line with less than this share of its words inside the table is not its
    min_inside_share: float = 0.8


@dataclass(frozen=True)
class StitchSettings:
    """Raw tables across pages -> logical tables; page furniture."""

    #: two headers are the same when their normalised labels agree this well (0-100)
    same_header_ratio: float = 85.0
    #: a column boundary lines up with another within this share of the table width
    column_align_tolerance: float = 0.02
    #: lines repeated on at least this share of pages are running headers/footers
    furniture_page_share: float = 0.5
    #: a line repeated on this many pages, always within the page's top or bottom
    #: margin (this share of its height), is a running header or footer
    margin_repeats: int = 3
    margin_share: float = 0.12
    #: a block of text between tables longer than this (characters) is prose
    max_heading_chars: int = 250


@dataclass(frozen=True)
class RolesSettings:
    """Column roles from header and content; the action-table decision."""

    #: a header label maps to a key at or above this score (0-100)
    min_header_score: float = 80.0
    #: a synonym found inside a longer label must make up at least this share of it
    min_synonym_coverage: float = 0.3
    #: a fuzzy (typo / OCR) match needs at least this rapidfuzz ratio
    fuzzy_ratio: float = 84.0
    #: a content kind describes a column when this share of its printed cells show it
    kind_share: float = 0.7
    #: a narrative column averages at least this many words per cell
    narrative_words: float = 25.0
    #: a grouping (merged) column's printed cells mostly span several rows
    grouping_share: float = 0.5
    #: a table headed by its actions with at most this many columns is an action list
    max_list_columns: int = 3
    #: a legend of ratings has at most this many rows
    max_legend_rows: int = 8


@dataclass(frozen=True)
class ContextSettings:
    """Headings and statements around tables."""

    #: a heading longer than this (characters) is prose, not a theme
    max_theme_chars: int = 250
    #: a title runs to at most this many words; a longer block is a statement
    max_title_words: int = 20
    #: a label heading ("Objective 1:") has at most this many words
    max_label_words: int = 3
    #: a caption stands this many of its own heights above its table at most ...
    caption_gap: float = 4.0
    #: ... centred on it within this share of the table's width
    caption_centre: float = 0.05


@dataclass(frozen=True)
class OcrSettings:
    """Scanned pages."""

    #: a page with fewer words than this, mostly covered by images, is scanned
    scan_max_words: int = 5
    #: ... images covering at least this share of it
    scan_min_image_share: float = 0.3
    #: a page with images covering that share is a searchable scan, read by OCR under
    #: `--ocr auto`, when at least this share of its text is drawn invisible
    searchable_invisible_share: float = 0.5
    #: pages are rendered at this resolution for Tesseract. Measured on the dev scans
    #: (150 dpi, tilted): 200 dpi scores 0.990 at 1.4 s/page, 300 dpi 0.991 at 2.0 s/page,
    #: 150 dpi 0.966
    dpi: int = 200
    #: a page whose words are mostly under this many pixels high at `dpi` (5-point
    #: print) is read again at the resolution that makes them `target_word_height`
    #: pixels, at most `max_dpi`
    min_word_height: float = 15.0
    target_word_height: float = 22.0
    max_dpi: int = 400
    #: words read with a confidence (0-100) under this are read again, and reported
    low_confidence: float = 50.0
    #: straightening is skipped below this angle (degrees)
    min_skew: float = 0.05
    #: a drawn line is at least this long, as a share of the page's width / height
    line_share: float = 1 / 40
    #: ... and this many grey levels (0-255) darker than its surroundings: a faint grey
    #: rule is, the edge of a light grey fill (about 20) is not
    rule_contrast: int = 25
    #: a shaded region is at least this big (points)
    min_fill_width: float = 12.0
    min_fill_height: float = 6.0
    #: a shaded region's own pixels (before closing over its text) cover this share of it
    min_tint_share: float = 0.5
    #: a word more than this many typical word heights tall is read again as a block of
    #: lines (Tesseract reads a column of list numbers as one tall word)
    tall_word_lines: float = 2.0
    #: type size from a text line's box height (Tesseract's boxes: ascender to descender)
    line_to_size: float = 0.8
    #: a word is bold when its ink covers this much more of its box than a typical word
    bold_ink_ratio: float = 1.3


@dataclass(frozen=True)
class ColourSettings:
    """Fill colours as RAG ratings."""

    #: channels above this (0-1) on every component count as white paper
    near_white: float = 0.96
    #: below this saturation a fill is grey: a header band, not a rating
    rag_min_saturation: float = 0.15
    #: below this brightness a fill is too dark to be a rating
    rag_min_value: float = 0.35


@dataclass(frozen=True)
class Settings:
    """Every tuning threshold, grouped by the stage that uses it."""

    reading: ReadingSettings = field(default_factory=ReadingSettings)
    lattice: LatticeSettings = field(default_factory=LatticeSettings)
    structure: StructureSettings = field(default_factory=StructureSettings)
    stream: StreamSettings = field(default_factory=StreamSettings)
    stitch: StitchSettings = field(default_factory=StitchSettings)
    roles: RolesSettings = field(default_factory=RolesSettings)
    context: ContextSettings = field(default_factory=ContextSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    colours: ColourSettings = field(default_factory=ColourSettings)

    @classmethod
    def from_overrides(cls, overrides: Mapping[str, Any], base: Settings | None = None) -> Settings:
        """Settings with `{"group.name": value}` overrides applied; values are converted to
        the setting's type. Raises ValueError naming the setting for an unknown name or a
        value of the wrong kind."""
        settings = base or cls()
        for dotted, value in overrides.items():
            settings = settings._with(dotted, value)
        return settings

    @classmethod
    def from_toml(cls, path: Path, base: Settings | None = None) -> Settings:
        """Settings from a TOML file of `[group]` tables ("[stream]\\nmax_body_gap = 3")."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: cannot read settings ({exc})") from None
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not valid TOML ({exc})") from None
        flat: dict[str, Any] = {}
        for group, values in data.items():
            if not isinstance(values, dict):
                raise ValueError(f"{path}: {group!r} is not a [group] of settings")
            flat.update({f"{group}.{name}": value for name, value in values.items()})
        return cls.from_overrides(flat, base)

    def _with(self, dotted: str, value: Any) -> Settings:
        group_name, _, name = dotted.partition(".")
        groups = {f.name for f in fields(self)}
        if group_name not in groups:
            known_groups = ", ".join(sorted(groups))
            raise ValueError(f"unknown settings group {group_name!r}; known: {known_groups}")
        group = getattr(self, group_name)
        known = {f.name: f for f in fields(group)}
        if name not in known:
            raise ValueError(
                f"unknown setting {dotted!r}; {group_name} has: {', '.join(sorted(known))}"
            )
        converted = _convert(dotted, value, type(getattr(group, name)))
        return replace(self, **{group_name: replace(group, **{name: converted})})

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return dataclasses.asdict(self)


def _convert(dotted: str, value: Any, kind: type) -> Any:
    """A setting's value as its type: "6" -> 6.0 for a float setting; no bools for numbers."""
    if isinstance(value, bool):
        raise ValueError(f"{dotted}: expected a number, got {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{dotted}: expected a number, got {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        raise ValueError(f"{dotted}: expected a finite number of 0 or more, got {value!r}")
    if kind is int:
        if not number.is_integer():
            raise ValueError(f"{dotted}: expected a whole number, got {value!r}")
        return int(number)
    return number


DEFAULTS = Settings()
