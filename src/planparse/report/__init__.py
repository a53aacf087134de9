"""`planparse report`: one self-contained HTML file for one or more plans.

Jinja2 with autoescaping renders the page (plan text is untrusted input); the charts are
inline SVG laid out in Python (charts.py); row pictures are cut from the PDF (crops.py) and
embedded as data: URIs; the little script that sorts and filters the table is inline and the
only one the page's Content-Security-Policy lets run. Nothing is fetched from a network.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..diff import diff_plans
from ..inputs import LoadedPlan
from ..version import __version__
from .crops import row_crops
from .views import DiffView, PlanView, diff_view, plan_view

__all__ = ["render_report"]


def render_report(
    plans: Sequence[LoadedPlan],
    *,
    as_of: date | None = None,
    compare: bool | None = None,
    crops: bool = True,
) -> str:
    """The report's HTML. With `compare` (default: when there are exactly two plans) each
    plan is compared with the one before it, and the comparisons lead the page. `as_of`
    judges overdue deadlines (default: each plan's publication month). `crops` False leaves
    out the pictures of rows."""
    if compare is None:
        compare = len(plans) == 2
    diffs: list[DiffView] = []
    if compare:
        diffs = [diff_view(diff_plans(a.plan, b.plan)) for a, b in pairwise(plans)]
    views = [_plan_view(loaded, i, as_of=as_of, crops=crops) for i, loaded in enumerate(plans)]
    script = _asset("report.js")
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            plans=views,
            diffs=diffs,
            version=__version__,
            style=Markup(_asset("report.css")),  # our own file, never plan text
            script=Markup(script),  # our own file, never plan text
            script_hash=_csp_hash(script),
        )
    )


def _plan_view(loaded: LoadedPlan, index: int, *, as_of: date | None, crops: bool) -> PlanView:
    pictures, note = None, loaded.pdf_missing
    if crops and loaded.pdf is not None:
        pictures = row_crops(loaded.pdf, loaded.plan.actions)
    elif not crops:
        note = "row pictures left out (--no-crops)"
    return plan_view(loaded.plan, f"plan-{index + 1}", as_of=as_of, crops=pictures, crops_note=note)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("planparse.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["short"] = _short
    return environment


def _asset(name: str) -> str:
    return files("planparse.report").joinpath("templates", name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    """The CSP source that lets exactly this inline script run, and no other."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _short(text: str | None, limit: int = 160) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"
