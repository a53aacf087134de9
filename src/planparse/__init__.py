"""planparse: action-plan tables in council PDFs -> clean, validated records.

>>> import planparse
>>> plan = planparse.extract("plan.pdf")
>>> plan.actions[0].action
"""

from __future__ import annotations

from .diff import PlanDiff, diff_plans
from .errors import EncryptedError, InputError, NoActionTableError, PlanparseError
from .extract import extract
from .inputs import load_plan
from .models import Action, ActionPlan, Document, PlanWarning, Provenance, Source
from .ocr import OcrUnavailable
from .settings import Settings
from .version import __version__

__all__ = [
    "Action",
    "ActionPlan",
    "Document",
    "EncryptedError",
    "InputError",
    "NoActionTableError",
    "OcrUnavailable",
    "PlanDiff",
    "PlanWarning",
    "PlanparseError",
    "Provenance",
    "Settings",
    "Source",
    "__version__",
    "diff_plans",
    "extract",
    "load_plan",
]
