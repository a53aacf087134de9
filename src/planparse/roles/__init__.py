"""Stage 4: what each column of a logical table means, and which tables are action tables.

`header` reads a column's label against the action-plan vocabulary, `content` reads what
its cells hold, `assign` weighs the two and decides.
"""

from .assign import Decision, assign_roles, decide

__all__ = ["Decision", "assign_roles", "decide"]
