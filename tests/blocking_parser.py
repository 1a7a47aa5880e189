"""A parse function that blocks on cue, so a test interrupts a run at a point it controls.

``drugparse convert --parser tests.blocking_parser:parse`` parses as
``drugparse.parse`` does, except a page holding :data:`BLOCK` (an HTML
comment: it changes no record) waits until the file named by
``DRUGPARSE_TEST_GATE`` exists, after creating ``<gate>.reached`` to say it
got there; a page holding :data:`HANG` never finishes. No clock is involved: the test decides when the run goes on or dies.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import drugparse

BLOCK = "<!-- drugparse test: block here -->"
#: A page holding this never finishes: for ``--page-timeout`` tests.
HANG = "<!-- drugparse test: hang -->"


def parse(wikitext: str, title: str | None = None, **source: Any) -> Any:
    gate = os.environ.get("DRUGPARSE_TEST_GATE")
    if gate and BLOCK in wikitext:
        Path(gate + ".reached").touch()
        while not Path(gate).exists():
            time.sleep(0.01)
    if HANG in wikitext:
        time.sleep(3600)
    return drugparse.parse(wikitext, title, **source)
