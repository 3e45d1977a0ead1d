"""The garbage collector paused while blocks are built and packed (see ``collector_paused``)."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector off for a while (as it was before, after).

    Building blocks allocates hundreds of thousands of dicts and lists on a large document, and every so
    often that makes the collector walk every object alive, most of them markdown-it-py's tokens, which
    the request holds: on a 10 MB document, two such walks cost more than a second, a third of the
    format's own time. The blocks hold no reference cycles, so reference counting frees them anyway."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
