"""Worker processes that die with their parent.

ingest reads files in forked worker processes. When the parent is killed
(`kill -9`, the OOM killer, a closed terminal), a pool's workers would live on as
orphans holding 150-190 MB each. Each worker therefore asks the kernel to kill it
when its parent dies (Linux prctl PR_SET_PDEATHSIG) and, where that is not
available, watches its parent id from a daemon thread.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


def _kernel_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False if unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)
        time.sleep(WATCH_SECONDS)


def die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker when process `parent` ends."""
    if not _kernel_death_signal():
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
