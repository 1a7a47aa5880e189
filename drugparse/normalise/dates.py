"""Citation Style 1 dates to ISO 8601: ``parse_date("15 August 2008")`` -> ``"2008-08-15"``.

Every form CS1 accepts (Help:Citation Style 1 § Dates, Module:Citation/CS1/Date_validation)
has a reading, as precise as the text:

============================  ==========================
``2008-08-15``                ``2008-08-15``
``15 August 2008``            ``2008-08-15``
``August 15, 2008``           ``2008-08-15``
``Aug 2008``, ``August 2008`` ``2008-08``
``2008``, ``2008a``           ``2008`` (the letter only tells same-author works apart)
``Spring 2008``               ``2008-21`` (ISO 8601-2 / EDTF season codes 21-24)
``First Quarter 2008``        ``2008-33`` (ISO 8601-2 quarter codes 33-36)
``Christmas 2008``            ``2008-12-25``
``2008–2009``                 ``2008/2009`` (ISO 8601 interval)
``July–August 2008``          ``2008-07/2008-08``
``15–17 August 2008``         ``2008-08-15/2008-08-17``
``c. 1900``                   ``1900`` (the approximation stays in ``date_text``)
``n.d.``, ``31 February 2008`` ``None``
============================  ==========================

Seasons: ISO 8601-2's codes were chosen over a month or a bare year because they say
exactly what the source says; a reader wanting a year takes the first four digits.
Hyphens and spaced dashes are accepted where CS1 wants an en dash: the value is the
same, and ``date_text`` keeps the original.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

__all__ = ["parse_date", "is_undated", "MONTHS", "SEASONS", "QUARTERS"]

#: Month names and the abbreviations CS1 accepts (``Sept`` too), lower case -> number.
MONTHS: dict[str, int] = {
    **{calendar.month_name[m].lower(): m for m in range(1, 13)},
    **{calendar.month_abbr[m].lower(): m for m in range(1, 13)},
    "sept": 9,
}

#: Seasons -> ISO 8601-2 season codes (northern-hemisphere names, as CS1 uses them).
SEASONS: dict[str, int] = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}

#: Quarters -> ISO 8601-2 quarter codes.
QUARTERS: dict[str, int] = {
    "first quarter": 33,
    "second quarter": 34,
    "third quarter": 35,
    "fourth quarter": 36,
}

#: Named days CS1 accepts, as (month, day).
NAMED_DAYS: dict[str, tuple[int, int]] = {"christmas": (12, 25)}

_UNDATED = frozenset({"n.d.", "nd", "n.d", "no date", "undated"})
_APPROXIMATE = re.compile(r"^(?:c\.|ca\.|circa\b|c(?= ?\d))\s*", re.IGNORECASE)
_DASH = r"\s*[–—−-]\s*"
_YEAR = r"(\d{3,4})[a-z]?"  # CS1 allows a disambiguation letter after the year
_MONTH = r"([A-Za-z]+)\.?"
_DAY = r"(\d{1,2})"

_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "iso"),
    (re.compile(rf"^{_DAY} {_MONTH},? {_YEAR}$"), "dmy"),
    (re.compile(rf"^{_MONTH} {_DAY}, ?{_YEAR}$"), "mdy"),
    (re.compile(rf"^{_MONTH},? {_YEAR}$"), "my"),
    (re.compile(rf"^{_YEAR}$"), "y"),
    (re.compile(rf"^{_YEAR}{_DASH}{_YEAR}$"), "y-y"),
    (re.compile(rf"^{_MONTH}{_DASH}{_MONTH} {_YEAR}$"), "m-m y"),
    (re.compile(rf"^{_MONTH} {_YEAR}{_DASH}{_MONTH} {_YEAR}$"), "my-my"),
    (re.compile(rf"^{_DAY}{_DASH}{_DAY} {_MONTH} {_YEAR}$"), "d-d m y"),
    (re.compile(rf"^{_MONTH} {_DAY}{_DASH}{_DAY}, ?{_YEAR}$"), "m d-d y"),
    (re.compile(rf"^{_DAY} {_MONTH}{_DASH}{_DAY} {_MONTH} {_YEAR}$"), "d m-d m y"),
    (re.compile(rf"^{_MONTH} {_DAY}{_DASH}{_MONTH} {_DAY}, ?{_YEAR}$"), "m d-m d y"),
    (re.compile(rf"^{_DAY} {_MONTH} {_YEAR}{_DASH}{_DAY} {_MONTH} {_YEAR}$"), "dmy-dmy"),
    (re.compile(rf"^{_MONTH} {_DAY}, ?{_YEAR}{_DASH}{_MONTH} {_DAY}, ?{_YEAR}$"), "mdy-mdy"),
    (re.compile(rf"^([A-Za-z]+(?: [Qq]uarter)?) {_YEAR}$"), "named"),
    (re.compile(rf"^([A-Za-z]+){_DASH}([A-Za-z]+) {_YEAR}$"), "season-season"),
    (re.compile(rf"^([A-Za-z]+) {_YEAR}{_DASH}{_YEAR}$"), "season y-y"),
]


def parse_date(text: str) -> str | None:
    """ISO 8601 reading of a CS1 date: ``"August 15, 2008"`` -> ``"2008-08-15"``; else None."""
    text = _clean(text)
    if not text or is_undated(text):
        return None
    for pattern, form in _FORMS:
        match = pattern.match(text)
        iso = _READERS[form](*match.groups()) if match else None
        if iso:
            return iso
    return None


def is_undated(text: str) -> bool:
    """CS1's way of saying a source has no date: ``"n.d."`` -> True."""
    return _clean(text).lower() in _UNDATED


def _clean(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").split())
    return _APPROXIMATE.sub("", text)


def _ymd(year: str, month: int | None, day: str | int | None = None) -> str | None:
    y = int(year)
    if month is None or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{y:04d}-{month:02d}"
    d = int(day)
    if not 1 <= d <= calendar.monthrange(y, month)[1]:
        return None  # 31 February is no date at all
    return f"{y:04d}-{month:02d}-{d:02d}"


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower())


def _interval(start: str | None, end: str | None) -> str | None:
    if start is None or end is None or start >= end:
        return None  # CS1 rejects ranges that run backwards or are empty
    return f"{start}/{end}"


def _iso(y: str, m: str, d: str) -> str | None:
    return _ymd(y, int(m), d)


def _dmy(d: str, m: str, y: str) -> str | None:
    return _ymd(y, _month(m), d)


def _mdy(m: str, d: str, y: str) -> str | None:
    return _ymd(y, _month(m), d)


def _my(m: str, y: str) -> str | None:
    return _ymd(y, _month(m))


def _y(y: str) -> str:
    return f"{int(y):04d}"


def _y_y(y1: str, y2: str) -> str | None:
    return _interval(_y(y1), _y(y2))


def _m_m_y(m1: str, m2: str, y: str) -> str | None:
    return _interval(_my(m1, y), _my(m2, y))


def _my_my(m1: str, y1: str, m2: str, y2: str) -> str | None:
    return _interval(_my(m1, y1), _my(m2, y2))


def _d_d_m_y(d1: str, d2: str, m: str, y: str) -> str | None:
    return _interval(_dmy(d1, m, y), _dmy(d2, m, y))


def _m_d_d_y(m: str, d1: str, d2: str, y: str) -> str | None:
    return _interval(_mdy(m, d1, y), _mdy(m, d2, y))


def _d_m_d_m_y(d1: str, m1: str, d2: str, m2: str, y: str) -> str | None:
    return _interval(_dmy(d1, m1, y), _dmy(d2, m2, y))


def _m_d_m_d_y(m1: str, d1: str, m2: str, d2: str, y: str) -> str | None:
    return _interval(_mdy(m1, d1, y), _mdy(m2, d2, y))


def _dmy_dmy(d1: str, m1: str, y1: str, d2: str, m2: str, y2: str) -> str | None:
    return _interval(_dmy(d1, m1, y1), _dmy(d2, m2, y2))


def _mdy_mdy(m1: str, d1: str, y1: str, m2: str, d2: str, y2: str) -> str | None:
    return _interval(_mdy(m1, d1, y1), _mdy(m2, d2, y2))


def _named(name: str, y: str) -> str | None:
    """``Spring 2008`` -> ``2008-21``; ``Christmas 2008`` -> ``2008-12-25``."""
    key = name.lower()
    if key in SEASONS:
        return f"{int(y):04d}-{SEASONS[key]}"
    if key in QUARTERS:
        return f"{int(y):04d}-{QUARTERS[key]}"
    if key in NAMED_DAYS:
        month, day = NAMED_DAYS[key]
        return _ymd(y, month, day)
    return None


def _season_season(s1: str, s2: str, y: str) -> str | None:
    if s1.lower() not in SEASONS or s2.lower() not in SEASONS:
        return None
    return _interval(_named(s1, y), _named(s2, y))


def _season_y_y(season: str, y1: str, y2: str) -> str | None:
    """``Winter 2008–2009``: one season across the turn of a year, read as the years."""
    if season.lower() not in SEASONS or int(y2) != int(y1) + 1:
        return None
    return _y_y(y1, y2)


# The arity of each reader is the group count of its form's pattern.
_READERS: dict[str, Callable[..., str | None]] = {
    "iso": _iso,
    "dmy": _dmy,
    "mdy": _mdy,
    "my": _my,
    "y": _y,
    "y-y": _y_y,
    "m-m y": _m_m_y,
    "my-my": _my_my,
    "d-d m y": _d_d_m_y,
    "m d-d y": _m_d_d_y,
    "d m-d m y": _d_m_d_m_y,
    "m d-m d y": _m_d_m_d_y,
    "dmy-dmy": _dmy_dmy,
    "mdy-mdy": _mdy_mdy,
    "named": _named,
    "season-season": _season_season,
    "season y-y": _season_y_y,
}
