"""A plan from either a PDF (extracted) or a planparse JSON file (read back), with the PDF it
came from when that is at hand, for the commands that take either: diff and report."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .errors import InputError
from .extract import extract
from .models import ActionPlan
from .ocr import OcrMode
from .pages import file_sha256


@dataclass(frozen=True)
class LoadedPlan:
    """A plan, the file it was loaded from, and its PDF if it can be found."""

    plan: ActionPlan
    path: Path
    #: the PDF the plan was read from (its SHA-256 checked), or None
    pdf: Path | None
    #: why there is no PDF, in one line for a reader; None when there is one
    pdf_missing: str | None = None


def is_plan_json(path: Path) -> bool:
    """A .json file, or any file whose first character is "{" (a PDF starts "%PDF")."""
    if path.suffix.lower() == ".json":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(64).lstrip()[:1] == b"{"
    except OSError:
        return False


def load_plan(
    path: str | os.PathLike[str],
    *,
    pdf_dir: Path | None = None,
    password: str | None = None,
    ocr: OcrMode = "auto",
) -> LoadedPlan:
    """The plan in a PDF or planparse JSON file. For JSON, its PDF (named by source.file) is
    looked for in `pdf_dir`, then beside the JSON. Raises InputError (and the errors of
    planparse.extract for a PDF)."""
    path = Path(path)
    if not is_plan_json(path):
        return LoadedPlan(extract(path, password=password, ocr=ocr), path, path)
    plan = read_plan_json(path)
    pdf, missing = find_source_pdf(plan, path, pdf_dir)
    return LoadedPlan(plan, path, pdf, missing)


def read_plan_json(path: Path) -> ActionPlan:
    """A planparse JSON file as an ActionPlan; InputError in one line when it is not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    try:
        return ActionPlan.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the file"
        raise InputError(f"{path}: not a planparse JSON file ({where}: {first['msg']})") from None


def find_source_pdf(
    plan: ActionPlan, json_path: Path, pdf_dir: Path | None
) -> tuple[Path | None, str | None]:
    """The PDF a JSON plan was read from, checked by SHA-256; else None and why."""
    name = Path(plan.source.file).name
    folders = [pdf_dir] if pdf_dir is not None else []
    folders.append(json_path.parent)
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            if file_sha256(candidate) == plan.source.sha256:
                return candidate, None
            return (
                None,
                f"{candidate} is not the PDF {json_path.name} was read from (SHA-256 differs)",
            )
    where = " or ".join(str(f) for f in folders)
    return None, f"the PDF {name} was not found in {where} (give its folder with --pdf-dir)"
