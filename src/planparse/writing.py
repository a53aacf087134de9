"""Writing outputs: atomically, so a failed or killed writer never leaves a half-written file.

Outputs go to a temporary file beside the target (`.<name>.<random>.part`) and are renamed
into place only when complete; a writer that is killed (a worker past its limits) leaves
its temporary file, which `remove_temp_files` clears.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, cast

from .exporters import get_exporter
from .models import ActionPlan


@contextmanager
def atomic_output(target: Path, binary: bool) -> Iterator[IO[str] | IO[bytes]]:
    """Write to a temporary file beside the target, renamed into place only on success."""
    if target.parent.exists() and not target.parent.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target.parent))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
    try:
        mode = "wb" if binary else "w"
        kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as handle:  # type: ignore[call-overload]
            yield handle
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_temp_files(target: Path | None) -> None:
    """Remove what `atomic_output` left for `target` when its writer was killed."""
    if target is None or not target.parent.is_dir():
        return
    for leftover in target.parent.glob(f".{target.name}.*.part"):
        leftover.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_plan(plan: ActionPlan, format_name: str, target: Path | None) -> None:
    """Write a plan in a format to a file, or to standard output when `target` is None."""
    exporter = get_exporter(format_name)
    if target is None:
        stream = sys.stdout.buffer if exporter.binary else sys.stdout
        exporter.write(plan, stream)
        stream.flush()
        return
    with atomic_output(target, exporter.binary) as handle:
        exporter.write(plan, handle)


def write_text(target: Path, text: str) -> None:
    """Write a text file atomically."""
    with atomic_output(target, binary=True) as handle:
        cast(IO[bytes], handle).write(text.encode("utf-8"))
