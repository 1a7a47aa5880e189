"""Durations written in an infobox: half-life, onset, duration of action.

The text is always kept; ``min``, ``max`` and ``unit`` are added when a number
can be read. With several values (``2 h (oral), 30 min (IV)``) the first wins.

>>> duration(parse_wikitext("3.6-10.4 min"), "pharmacokinetics.elimination_half_life")
({'text': '3.6-10.4 min', 'min': 3.6, 'max': 10.4, 'unit': 'min'}, [])
>>> duration(parse_wikitext("~6&nbsp;h"), "f")[0]
{'text': '~6 h', 'min': 6, 'max': 6, 'unit': 'h', 'approximate': True}
"""

from __future__ import annotations

import math
import re

from drugparse.errors import warning
from drugparse.normalize.values import text
from drugparse.wikitext import parse_wikitext  # noqa: F401  (doctest)

__all__ = ["TIME_UNITS", "duration", "read_duration"]

#: Spellings of time units, to the record's unit names (record-format.md: s, min, h, d, wk;
#: months and years follow the same style).
TIME_UNITS: dict[str, str] = {
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min", "m": "min",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "hs": "h",
    "d": "d", "day": "d", "days": "d",
    "wk": "wk", "wks": "wk", "week": "wk", "weeks": "wk",
    "mo": "mo", "month": "mo", "months": "mo",
    "y": "yr", "yr": "yr", "yrs": "yr", "year": "yr", "years": "yr",
}  # fmt: skip

_NUMBER = r"\d+(?:[.,]\d+)?"
_DURATION = re.compile(
    rf"(?P<approx>[~≈∼]|approx(?:imately|\.)?\s|about\s|ca\.?\s|<|>|≤|≥|up to\s)?\s*"
    rf"(?P<low>{_NUMBER})"
    rf"(?:\s*(?:[-–—]|to|and)\s*(?P<high>{_NUMBER}))?"
    r"\s*(?P<unit>[a-zA-Z]+)\b",
    re.IGNORECASE,
)


def _float(number: str) -> float | int:
    value = float(number.replace(",", "."))
    return int(value) if value.is_integer() else value


def read_duration(value: str) -> dict | None:
    """The first ``number [– number] unit`` in a text, or None."""
    for match in _DURATION.finditer(value):
        unit = TIME_UNITS.get(match["unit"].lower())
        if unit is None:
            continue
        low = _float(match["low"])
        high = _float(match["high"]) if match["high"] else low
        if not (math.isfinite(low) and math.isfinite(high)):  # JSON has no Infinity
            continue
        reading = {"min": min(low, high), "max": max(low, high), "unit": unit}
        if match["approx"]:
            reading["approximate"] = True
        return reading
    return None


def duration(code, field: str) -> tuple[dict | None, list[dict]]:
    """``{text, min, max, unit}``; ``{text}`` plus ``unparsed_value`` when no number is read."""
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    reading = read_duration(value)
    if reading is None:
        message = f"no duration with a time unit in {value!r}"
        return {"text": value}, [*warnings, warning("unparsed_value", field, message)]
    return {"text": value, **reading}, warnings
