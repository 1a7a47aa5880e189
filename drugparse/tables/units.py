"""Units of the measured infobox values: spellings, the record's unit names, conversions.

Sources:

- Time: SI Brochure, 9th edition (BIPM 2019), Table 8 (non-SI units accepted for use
  with the SI): 1 min = 60 s, 1 h = 3600 s, 1 d = 86 400 s. The week is 7 d (ISO 8601).
  Month and year have no fixed length; the record uses the Julian year of astronomy
  (365.25 d, the year of the IAU Style Manual) and a month of one twelfth of it
  (730.5 h), so that ``6 months`` and ``0.5 years`` compare equal.
- Temperature: SI Brochure §2.3.1 (t/°C = T/K − 273.15) and NIST SP 811 §B.8
  (t/°F = 1.8 t/°C + 32).
- Density: the units as written are kept (1 g/mL = 1 g/cm³ exactly: the litre is 1 dm³,
  SI Brochure Table 8); a bare number is in g/cm³, the unit both templates print.
- Spellings: what English Wikipedia's drug infoboxes write (``hrs``, ``h``, ``hours``,
  ``°C``, ``℃``, ``g/cm<sup>3</sup>``), the record-format unit names (``s, min, h, d,
  wk``; months and years in the same style: ``mo``, ``yr``).

Spellings are compared in lower case, except those in ``CASE_SENSITIVE`` (``K`` is
kelvin, ``k`` is not a unit).
"""

from __future__ import annotations

__all__ = [
    "TIME_UNITS",
    "HOURS_PER_UNIT",
    "PERCENT_UNITS",
    "TEMPERATURE_UNITS",
    "DENSITY_UNITS",
    "to_celsius",
]

#: Spellings of time units, to the record's unit names.
TIME_UNITS: dict[str, str] = {
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min", "m": "min",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "hs": "h", "hrs.": "h",
    "d": "d", "day": "d", "days": "d",
    "wk": "wk", "wks": "wk", "week": "wk", "weeks": "wk",
    "mo": "mo", "mos": "mo", "month": "mo", "months": "mo",
    "y": "yr", "yr": "yr", "yrs": "yr", "year": "yr", "years": "yr",
}  # fmt: skip

#: Hours in one of each time unit (see the module docstring for month and year).
HOURS_PER_UNIT: dict[str, float] = {
    "s": 1 / 3600,
    "min": 1 / 60,
    "h": 1,
    "d": 24,
    "wk": 168,
    "mo": 730.5,
    "yr": 8766,
}

#: Spellings of a percentage (bioavailability, protein binding).
PERCENT_UNITS: dict[str, str] = {"%": "%", "percent": "%", "per cent": "%", "pc": "%"}

#: Spellings of temperature units. ``C``, ``F`` and ``K`` alone are what ``{{convert|169|C}}``
#: renders to.
TEMPERATURE_UNITS: dict[str, str] = {
    "°c": "°C", "℃": "°C", "° c": "°C", "ºc": "°C", "deg c": "°C", "degc": "°C",
    "degrees c": "°C", "degrees celsius": "°C", "celsius": "°C", "c": "°C",
    "°f": "°F", "℉": "°F", "° f": "°F", "ºf": "°F", "deg f": "°F", "degf": "°F",
    "degrees f": "°F", "degrees fahrenheit": "°F", "fahrenheit": "°F", "f": "°F",
    "k": "K", "kelvin": "K", "kelvins": "K", "°k": "K",
}  # fmt: skip

#: Spellings of density units (the record writes cm³ as ``cm3``).
DENSITY_UNITS: dict[str, str] = {
    "g/cm3": "g/cm3", "g/cm³": "g/cm3", "g cm−3": "g/cm3", "g cm-3": "g/cm3",
    "g·cm−3": "g/cm3", "g·cm-3": "g/cm3", "g/cc": "g/cm3", "g/ml": "g/mL",
    "kg/m3": "kg/m3", "kg/m³": "kg/m3", "kg m−3": "kg/m3", "kg·m−3": "kg/m3",
    "g/l": "g/L", "g/dm3": "g/L", "kg/l": "kg/L", "kg/dm3": "kg/L",
}  # fmt: skip


def to_celsius(value: float, unit: str) -> float:
    """``to_celsius(451, "°F")`` -> ``232.78`` (rounded to 0.01)."""
    if unit == "K":
        return round(value - 273.15, 2)
    if unit == "°F":
        return round((value - 32) / 1.8, 2)
    return value
