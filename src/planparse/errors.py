"""The exceptions planparse raises. Each carries a one-line message fit for a terminal."""

from __future__ import annotations


class PlanparseError(Exception):
    """Base class: something about the input stops planparse from producing a plan."""

    #: short machine-readable kind, shown in batch summaries
    kind = "error"


class InputError(PlanparseError):
    """The file cannot be read as a PDF (missing, empty, not a PDF, damaged)."""

    kind = "unreadable"


class EncryptedError(InputError):
    """The PDF needs a password that was not given (or the one given is wrong)."""

    kind = "encrypted"


class PagesNotFound(InputError):
    """None of the pages asked for is in the PDF."""

    def __init__(self, message: str, page_count: int) -> None:
        super().__init__(message)
        #: how many pages the PDF has
        self.page_count = page_count


class NoActionTableError(PlanparseError):
    """The PDF opened, but holds no table that maps onto the action-plan record."""

    kind = "no_action_table"


class UsageError(PlanparseError):
    """Options that cannot work together (several inputs and no output folder, a report
    that would overwrite an output): the command line's exit code 2."""

    kind = "usage"
