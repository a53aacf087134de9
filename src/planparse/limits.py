"""Per-file limits: how long one PDF may take and how much memory it may use.

A PDF can be built to hang or to eat memory: 10,000 pages of tables, or a 1.2 MB
content stream that inflates to 2.3 GB (a decompression bomb). Each file is read in a
worker process, so a limit can end the file without ending the run:

* time: the parent process kills a worker whose file has run past `timeout` seconds
  (the file's kind is `timeout`);
* memory: the parent samples each worker's resident memory and kills a worker past
  `max_memory_mb` (kind `too_large`); in the worker, RLIMIT_AS caps the address space a
  little above that, so one huge allocation (a bomb inflating in one call) fails with
  MemoryError at once instead of reaching the machine's out-of-memory killer.

The defaults are far above what real plans need (measured: a 500-page text plan takes
40 s and 108 MB; OCR takes about 1.4 s and 210 MB a page, so a 500-page scan ~12 min).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

#: default seconds one file may take: a 500-page scanned plan (~12 min of OCR) fits
DEFAULT_TIMEOUT = 1800.0
#: default resident memory (MB) one file may use: 10x a 500-page plan's peak
DEFAULT_MAX_MEMORY_MB = 2048
#: address space allowed beyond the memory limit for what a process maps but does not
#: fill: shared libraries loaded later (OpenCV, Tesseract), thread stacks, malloc arenas
ADDRESS_SPACE_HEADROOM_MB = 1024
MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Limits per file; None means no limit."""

    timeout: float | None = DEFAULT_TIMEOUT
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB

    def __post_init__(self) -> None:
        if self.timeout is not None and not self.timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds, not {self.timeout}")
        if self.max_memory_mb is not None and self.max_memory_mb <= 0:
            raise ValueError(f"max_memory_mb must be positive, not {self.max_memory_mb}")

    def over_memory(self, rss_bytes: int) -> bool:
        return self.max_memory_mb is not None and rss_bytes > self.max_memory_mb * MB

    def near_memory(self, rss_bytes: int) -> bool:
        """Within a tenth of the limit: a worker killed from outside then (the kernel's
        out-of-memory killer) most likely died of the file's size."""
        return self.max_memory_mb is not None and rss_bytes > 0.9 * self.max_memory_mb * MB


def cap_address_space(limits: Limits) -> None:
    """In a worker: cap the address space at what it maps now plus the memory limit
    plus headroom (a no-op where the platform has no RLIMIT_AS)."""
    if limits.max_memory_mb is None or not sys.platform.startswith("linux"):
        return
    import resource

    mapped = _status_kb("VmSize") * 1024
    cap = mapped + (limits.max_memory_mb + ADDRESS_SPACE_HEADROOM_MB) * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def resident_bytes(pid: int) -> int:
    """A process's resident memory (0 when it cannot be read: gone, or not Linux)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            fields = handle.read().split()
    except OSError:
        return 0
    return int(fields[1]) * os.sysconf("SC_PAGE_SIZE") if len(fields) > 1 else 0


def _status_kb(key: str) -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
