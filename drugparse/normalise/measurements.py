"""Measured infobox values: half-life, onset, duration of action, percentages, temperatures,
density. The text is always kept; the numbers read from it are added beside it.

A small grammar, applied wherever a reading can start in the rendered text::

    reading   := prefix* value unit? ( "±" value unit? | range-sep prefix* value unit? )?
    prefix    := approximate ("~", "about", "c.") | bound ("<", "up to", "at least") | "between"
    value     := number ("1,000", "6.5", "−20") | "a"/"an"/"one"... before a unit
    range-sep := "-" | "–" | "—" | "to" | "and" (after "between")

Several readings (``2 h (oral), 30 min (IV)``) are all kept in ``readings``, each with its
qualifier (the words around it); the first gives the value's ``min``/``max``.

>>> duration(parse_wikitext("3.6-10.4 min"), "pharmacokinetics.onset")[0]["max_hours"]
0.173333
>>> half_life, _ = duration(parse_wikitext("12.7 ± 4.3 hours"), "f")
>>> half_life["min"], half_life["max"], half_life["uncertainty"], half_life["unit"]
(12.7, 12.7, 4.3, 'h')
>>> duration(parse_wikitext("<24 hours"), "f")[0]
{'text': '<24 hours', 'max': 24, 'unit': 'h', 'bound': '<', 'max_hours': 24}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mwparserfromhell.wikicode import Wikicode

from drugparse.contract import Record, WarningEntry
from drugparse.errors import warning
from drugparse.normalise.values import is_placeholder, rendered
from drugparse.tables.units import (
    DENSITY_UNITS,
    HOURS_PER_UNIT,
    PERCENT_UNITS,
    TEMPERATURE_UNITS,
    TIME_UNITS,
    to_celsius,
)
from drugparse.wikitext import parse_wikitext  # noqa: F401  (doctest)

__all__ = [
    "Quantity",
    "DURATION",
    "PERCENTAGE",
    "TEMPERATURE",
    "DENSITY",
    "read_measurement",
    "measurement",
    "duration",
    "percentage",
    "temperature",
    "temperature_in",
    "DECOMPOSES",
    "density",
]


#: Only this much of a value is scanned for readings (a 5 MB value is not a measurement).
MAX_SCANNED = 4000


@dataclass(frozen=True)
class Quantity:
    """A kind of measured value: its unit spellings and how it is read.

    ``default_unit``: the unit of a bare number (the template prints it after the value).
    ``canonical``: the name and converter of the bounds in one unit (``hours``), if any.
    ``signed``: whether a leading minus is a sign (temperatures) rather than a dash.
    """

    name: str
    units: dict[str, str]
    default_unit: str | None = None
    canonical: tuple[str, Callable[[float, str], float]] | None = None
    signed: bool = False
    missing: str = "no number with a unit"


def _hours(value: float, unit: str) -> float:
    return value * HOURS_PER_UNIT[unit]


DURATION = Quantity(
    "duration", TIME_UNITS, canonical=("hours", _hours), missing="no duration with a time unit"
)
PERCENTAGE = Quantity("percentage", PERCENT_UNITS, missing="no percentage")
TEMPERATURE = Quantity(
    "temperature",
    TEMPERATURE_UNITS,
    default_unit="°C",
    canonical=("celsius", to_celsius),
    signed=True,
    missing="no temperature",
)
DENSITY = Quantity("density", DENSITY_UNITS, default_unit="g/cm3", missing="no density")

# Words and signs before a value. Longest first where one is a prefix of another.
_APPROXIMATE = re.compile(
    r"(?:~|≈|∼|≃|approximately|approx\.?|about|around|roughly|circa|ca\.?|c\.|nearly|almost)"
    r"(?![^\W\d_])\s*",
    re.IGNORECASE,
)
_BOUNDS: list[tuple[str, str]] = [
    ("<=", "≤"), (">=", "≥"), ("≤", "≤"), ("≥", "≥"), ("⩽", "≤"), ("⩾", "≥"),
    ("<", "<"), (">", ">"),
    ("no more than", "≤"), ("not more than", "≤"), ("up to", "≤"), ("at most", "≤"),
    ("no less than", "≥"), ("not less than", "≥"), ("at least", "≥"),
    ("less than", "<"), ("fewer than", "<"), ("under", "<"), ("below", "<"),
    ("more than", ">"), ("greater than", ">"), ("longer than", ">"), ("over", ">"),
    ("above", ">"), ("in excess of", ">"), ("within", "≤"),
]  # fmt: skip
_NOT_A_LETTER = r"(?![^\W\d_])"  # the word ends here: "over" but not "overdose"
_BOUND = re.compile(
    "(?:"
    + "|".join(
        f"(?P<b{i}>{re.escape(word)}{'' if word[0] in '<>≤≥⩽⩾' else _NOT_A_LETTER})"
        for i, (word, _) in enumerate(_BOUNDS)
    )
    + r")\s*",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"between(?![^\W\d_])\s*", re.IGNORECASE)
# A number starts where no letter, digit, point or slash touches it ("CYP3A4", "t1/2").
_NUMBER = re.compile(
    r"(?<![\w.,/])(?P<sign>[-−–]\s?)?"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+\.\d+|\d+,\d(?![\d,])|\d+|\.\d+"
    r"|(?=[½⅓⅔¼¾⅕⅙⅛]))(?P<fraction>[½⅓⅔¼¾⅕⅙⅛])?"
    r"(?![\d])"
)
#: Vulgar fractions as editors type them: ``½ hour``, ``1½ hours``.
_FRACTIONS = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅙": 1 / 6,
    "⅛": 1 / 8,
}
_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_WORD_NUMBER = re.compile(r"(?<![^\W\d_])(?P<word>[a-z]+)(?![^\W\d_])\s*", re.IGNORECASE)
# "once a day", "per day": a frequency, not a duration of one day.
_NOT_A_COUNT = re.compile(r"(?:once|twice|thrice|times|per|each|every|a|an)\s*$", re.IGNORECASE)
_PLUS_MINUS = re.compile(r"\s*\(?\s*(?:±|\+\s?/\s?[-−]|\+[-−])\s*")
_RANGE = re.compile(r"\s*(?:--|[-‐‑–—‒―−]|to(?![^\W\d_])|through(?![^\W\d_]))\s*", re.IGNORECASE)
_AND = re.compile(r"\s*and(?![^\W\d_])\s*", re.IGNORECASE)
_SPACE = re.compile(r"\s*")
# Gaps between readings: where one reading's qualifier ends and the next one's starts.
_GAP_SEPARATOR = re.compile(r"[,;]\s|;|\s/\s|\s(?:and|or|vs\.?|versus)\s", re.IGNORECASE)
# A bracketed note after a value (``(2.4–3.2)``, ``(IV)``), or the rest of a bracket the value
# ends (``2.4–3.2)``): a unit right after it is the value's.
_TO_BRACKET_END = re.compile(r"\s*(?:\([^()]{0,80}\)|[^()a-zA-Z]{0,40}?\))")
_BRACKET_NOTE = re.compile(r"\s*\([^()]{1,80}\)")
_CLOSING = re.compile(r"\s*\)")
# A bracket of statistics, not a range: ``(n = 12)``, ``(p < 0.05)``.
_STATISTIC = re.compile(r"[=<>≤≥]")
_NEXT_WORD = re.compile(r"\s*([°º℃℉%/µ]|[^\W\d_]+)")
# Words that may follow a bare number without being its unit.
_FREE_WORDS = frozenset(
    {"at", "in", "to", "and", "or", "for", "with", "from", "when", "as", "dec", "decomp",
     "decomposes", "decomposition", "sublimes", "sublimation", "approx", "approximately"}
)  # fmt: skip
DECOMPOSES = re.compile(r"\bdec(?:omp\w*|\.|\b)", re.IGNORECASE)


def _number(text: str) -> float | int:
    value = float(text.replace(",", "") if re.search(r",\d{3}", text) else text.replace(",", "."))
    return int(value) if value.is_integer() else value


def _tidy(value: float) -> float | int:
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


class _Scanner:
    """Reads readings from one rendered item of a value, left to right."""

    def __init__(self, text: str, quantity: Quantity, bare_number: bool = True):
        self.text = text
        self.quantity = quantity
        # A bare number takes the default unit only as the value's first reading:
        # "1.2 at 20 °C" is a density of 1.2 g/cm³, not also one of 20.
        self.bare_number = bare_number and quantity.default_unit is not None
        self.spellings = sorted(quantity.units, key=len, reverse=True)
        self.borrowed: list[tuple[int, int]] = []  # units read for a value before a bracket

    def readings(self) -> list[tuple[int, int, Record]]:
        found: list[tuple[int, int, Record]] = []
        pos, end = 0, min(len(self.text), MAX_SCANNED)
        while pos < end:
            parsed = self._reading(pos)
            if parsed is None:
                pos += 1
                continue
            stop, reading = parsed
            found.append((pos, stop, reading))
            pos, self.bare_number = stop, False
        return self._with_shared_units(found)

    def _with_shared_units(
        self, found: list[tuple[int, int, Record]]
    ) -> list[tuple[int, int, Record]]:
        """``5–6 (adults), 3–4 (children) hours``: a value with a bracketed note and no unit,
        before a reading with one, takes that reading's unit."""
        found = self._bracketed_after(found)
        shared: list[tuple[int, int, Record]] = []
        previous_end = 0
        for start, stop, reading in found:
            pos = previous_end
            while pos < start:
                parsed = self._reading(pos, shared_unit=reading["unit"])
                if parsed is not None and parsed[0] <= start:
                    shared.append((pos, parsed[0], parsed[1]))
                    pos = parsed[0]
                else:
                    pos += 1
            previous_end = stop
        return sorted(found + shared, key=lambda entry: entry[0]) if shared else found

    def _bracketed_after(
        self, found: list[tuple[int, int, Record]]
    ) -> list[tuple[int, int, Record]]:
        """``36 hours (range 20–50)``, ``t½ 5 h (3–7)``: a bare value or range closing a
        bracket opened after a reading is a reading too, in that reading's unit."""
        extra: list[tuple[int, int, Record]] = []
        for index, (_, stop, reading) in enumerate(found):
            end = found[index + 1][0] if index + 1 < len(found) else len(self.text)
            opening = self.text.find("(", stop, end)
            if opening < 0 or ")" in self.text[stop:opening]:
                continue
            pos = opening + 1
            while pos < end:
                parsed = self._reading(pos, shared_unit=reading["unit"], closing=True)
                if parsed is not None and parsed[0] <= end:
                    if not _STATISTIC.search(self.text, opening, parsed[0]):
                        extra.append((pos, parsed[0], parsed[1]))
                    break
                if self.text[pos] in "()":
                    break
                pos += 1
        return sorted(found + extra, key=lambda entry: entry[0]) if extra else found

    # -- grammar -------------------------------------------------------------------

    def _reading(
        self, start: int, shared_unit: str | None = None, closing: bool = False
    ) -> tuple[int, Record] | None:
        if start and self.text[start - 1].isalnum() and self.text[start].isalnum():
            return None  # inside a word
        pos, approximate, bound, between = start, False, None, False
        for _ in range(4):  # "about up to", "~ <": a few prefixes, never a runaway of them
            if match := _APPROXIMATE.match(self.text, pos):
                approximate, pos = True, match.end()
            elif match := _BOUND.match(self.text, pos):
                bound, pos = _BOUNDS[int(str(match.lastgroup)[1:])][1], match.end()
            elif match := _BETWEEN.match(self.text, pos):
                between, pos = True, match.end()
            else:
                break
        first = self._value(pos)
        if first is None:
            return None
        low, low_unit, pos = first
        reading: Record = {}
        high, high_unit = low, low_unit
        if match := _PLUS_MINUS.match(self.text, pos):
            spread = self._value(match.end(), words=False)
            if spread is not None:
                uncertainty, spread_unit, after = spread
                bracket = _CLOSING.match(self.text, after)
                if bracket and "(" in self.text[pos : match.end()]:
                    after = bracket.end()
                    if low_unit is None:  # 12.7 (± 4.3) hours
                        low_unit, after = self._unit(after)
                low_unit = low_unit or spread_unit
                high_unit = low_unit
                reading["uncertainty"] = uncertainty
                pos = after
        else:
            separator = (_AND if between else _RANGE).match(self.text, pos)
            if separator is None and between:
                separator = _RANGE.match(self.text, pos)
            if separator is not None:
                after = separator.end()
                if match := _APPROXIMATE.match(self.text, after):
                    after = match.end()
                words = low_unit is not None or isinstance(low, _WordNumber)
                second = self._value(after, words=words)
                if second is not None:
                    high, high_unit, pos = second
        if low_unit is None and high_unit is None:
            # "2.7 (2.4–3.2) hours", a median and its range: the unit after the brackets
            low_unit = high_unit = self._unit_after_brackets(pos)
        if low_unit is None and high_unit is None and shared_unit is not None:
            if not (_CLOSING if closing else _BRACKET_NOTE).match(self.text, pos):
                return None
            low_unit = high_unit = shared_unit
        if low_unit is None and high_unit is None:
            if not self.bare_number or isinstance(low, _WordNumber) or self._unit_like(pos):
                return None
            low_unit = high_unit = self.quantity.default_unit
        low_unit = low_unit or high_unit
        high_unit = high_unit or low_unit
        assert low_unit is not None and high_unit is not None
        ends = [(float(low), low_unit), (float(high), high_unit)]
        if high_unit != low_unit:
            converted = self._convert(high, high_unit, low_unit)
            if converted is None:  # a range across units that do not convert: its first value
                high, pos, ends[1] = low, self._end_of_value(start), ends[0]
            else:
                high = converted
        if high < low:
            low, high, ends = high, low, ends[::-1]
        reading = {"min": _tidy(low), "max": _tidy(high), "unit": low_unit, **reading}
        self._add_canonical(reading, ends)
        if bound is not None and low == high:
            reading["bound"] = bound
            drop = "max" if bound in (">", "≥") else "min"
            reading = {k: v for k, v in reading.items() if not k.startswith(drop)}
        if approximate:
            reading["approximate"] = True
        return pos, reading

    def _value(self, pos: int, words: bool = True) -> tuple[float, str | None, int] | None:
        """A number and the unit after it: ``(6.5, "h", end)``; a word number needs a unit."""
        match = _NUMBER.match(self.text, pos)
        if match:
            if match["sign"] and not self.quantity.signed:
                return None
            if len(match["digits"]) > 15:
                return None  # not a measurement; and float() would round or overflow
            value: float = _number(match["digits"]) if match["digits"] else 0
            if match["fraction"]:
                value = _tidy(value + _FRACTIONS[match["fraction"]])
            if match["sign"]:
                value = -value
            unit, end = self._unit(match.end())
            return value, unit, end
        match = _WORD_NUMBER.match(self.text, pos) if words else None
        if match and match["word"].lower() in _WORD_NUMBERS:
            frequency = _NOT_A_COUNT.search(self.text, max(0, pos - 12), pos)
            if frequency and match["word"].lower() in ("a", "an"):
                return None
            unit, end = self._unit(match.end())
            if unit is None and (
                match["word"].lower() in ("a", "an") or not self._word_range(match.end())
            ):
                return None
            return _WordNumber(_WORD_NUMBERS[match["word"].lower()]), unit, end
        return None

    def _word_range(self, pos: int) -> bool:
        """Whether a range to a value with a unit follows: ``one to two hours``."""
        separator = _RANGE.match(self.text, pos)
        if separator is None or self.text[pos : separator.end()].strip() in ("-", "‐"):
            return False  # "one-" starts a word ("one-compartment"), not a range
        second = self._value(separator.end())
        return second is not None and second[1] is not None

    def _unit(self, pos: int) -> tuple[str | None, int]:
        space = _SPACE.match(self.text, pos)
        start = space.end() if space else pos
        lowered = self.text[start : start + 24].lower()
        for spelling in self.spellings:
            if lowered.startswith(spelling):
                end = start + len(spelling)
                if spelling[-1].isalnum() and end < len(self.text) and self.text[end].isalnum():
                    continue  # "m" of "months", "h" of "hepatic"
                return self.quantity.units[spelling], end
        return None, pos

    def _unit_after_brackets(self, pos: int) -> str | None:
        """The unit right after the bracket that closes at or after ``pos``, if the text in
        between holds no letters: ``2.7 (2.4–3.2) hours``, ``(2.4–3.2) hours``."""
        match = _TO_BRACKET_END.match(self.text, pos)
        if match is None:
            return None
        unit, end = self._unit(match.end())
        if unit is not None:
            self.borrowed.append((match.end(), end))
        return unit

    def _unit_like(self, pos: int) -> bool:
        """Whether a unit this quantity does not know follows: ``760 mmHg``, ``20 °C``."""
        match = _NEXT_WORD.match(self.text, pos)
        if match is None:
            return False
        word = match.group(1)
        return not word[0].isalpha() or word.lower() not in _FREE_WORDS

    def _end_of_value(self, start: int) -> int:
        match = _NUMBER.search(self.text, start)
        assert match is not None
        return self._unit(match.end())[1]

    def _convert(self, value: float, unit: str, into: str) -> float | None:
        if self.quantity.canonical is None:
            return None
        to_canonical = self.quantity.canonical[1]
        one = to_canonical(1, into) - to_canonical(0, into)
        if not one:
            return None
        return (to_canonical(value, unit) - to_canonical(0, into)) / one

    def _add_canonical(self, reading: Record, ends: list[tuple[float, str]]) -> None:
        """``min_hours``/``max_hours`` (or ``_celsius``), from the values as written."""
        if self.quantity.canonical is None:
            return
        name, convert = self.quantity.canonical
        for bound, (value, unit) in zip(("min", "max"), ends, strict=True):
            reading[f"{bound}_{name}"] = _tidy(convert(value, unit))


class _WordNumber(int):
    """``a``, ``an``, ``two``...: a number only when a unit follows."""


def read_measurement(items: list[str], quantity: Quantity) -> list[Record]:
    """Every reading of the rendered items of a value, with its text and qualifier.

    >>> read_measurement(["2 h (oral), 30 min (IV)"], DURATION)[1]["qualifier"]
    'IV'
    """
    readings: list[Record] = []
    for item in items:
        scanner = _Scanner(item, quantity, bare_number=not readings)
        found = scanner.readings()
        for start, stop in scanner.borrowed:  # "2.7 (2.4–3.2) hours": "hours" is no qualifier
            item = item[:start] + " " * (stop - start) + item[stop:]
        for index, (start, stop, reading) in enumerate(found):
            before = item[found[index - 1][1] : start] if index else item[:start]
            after = item[stop : found[index + 1][0]] if index + 1 < len(found) else item[stop:]
            prefix = _split_gap(before)[1] if index else before
            suffix = _split_gap(after)[0] if index + 1 < len(found) else after
            entry = {"text": item[start:stop].strip(), **reading}
            qualifier = _qualifier(prefix, suffix)
            if qualifier:
                entry["qualifier"] = qualifier
            readings.append({key: entry[key] for key in _KEY_ORDER if key in entry})
    return readings


# The schema's order of a reading's keys (the record is ordered again by the schema).
_KEY_ORDER = (
    "text", "min", "max", "unit", "uncertainty", "bound", "approximate", "qualifier",
    "min_hours", "max_hours", "min_celsius", "max_celsius",
)  # fmt: skip


def _split_gap(gap: str) -> tuple[str, str]:
    """The text between two readings: ``(suffix of the first, prefix of the second)``.

    It splits at the first separator outside brackets (``, `` ``; `` `` and ``), else at
    a bracket left open (``24 h (range 14–41 h)``: "range" is about the second reading).
    """
    opened: list[int] = []
    for match in re.finditer(r"[()\[\]]|" + _GAP_SEPARATOR.pattern, gap, re.IGNORECASE):
        token = match.group()
        if token in "([":
            opened.append(match.start())
        elif token in ")]":
            if opened:
                opened.pop()
        elif not opened:
            return gap[: match.start()], gap[match.end() :]
    if opened:
        return gap[: opened[0]], gap[opened[0] :]
    return gap, ""


_QUALIFIER_TRIM = " \t,;:()[]=–—-/"


def _qualifier(prefix: str, suffix: str) -> str | None:
    parts = [p.strip(_QUALIFIER_TRIM) for p in (prefix, suffix)]
    parts = [re.sub(r"^(?:in|for|and|or)\s+(?=\S)", "", p) if p else p for p in parts]
    text = ", ".join(p.strip(_QUALIFIER_TRIM) for p in parts if p.strip(_QUALIFIER_TRIM))
    return text or None


def measurement(
    code: Wikicode, field: str, quantity: Quantity
) -> tuple[Record | None, list[WarningEntry]]:
    """``{text, min, max, unit, ...}`` from the first reading, ``readings`` when several;
    ``{text}`` plus ``unparsed_value`` when none."""
    result, warnings = rendered(code, field)
    value = result.text
    if not value or is_placeholder(value, field):
        return None, warnings
    readings = read_measurement(result.items, quantity)
    if not readings:
        if is_placeholder(value):  # "None", "Nil" where they are a statement: data, no number
            return {"text": value}, warnings
        message = f"{quantity.missing} in {value!r}"
        return {"text": value}, [*warnings, warning("unparsed_value", field, message)]
    first = {k: v for k, v in readings[0].items() if k != "text"}
    record: Record = {"text": value, **first}
    if quantity.name == "temperature" and DECOMPOSES.search(value):
        record["decomposes"] = True
    if len(readings) > 1:
        record["readings"] = readings
    return record, warnings


def duration(code: Wikicode, field: str) -> tuple[Record | None, list[WarningEntry]]:
    """Half-life, onset, duration of action: time units, bounds also in hours."""
    return measurement(code, field, DURATION)


def percentage(code: Wikicode, field: str) -> tuple[Record | None, list[WarningEntry]]:
    """Bioavailability, protein binding: ``95–99%``."""
    return measurement(code, field, PERCENTAGE)


def temperature(code: Wikicode, field: str) -> tuple[Record | None, list[WarningEntry]]:
    """Melting and boiling point: °C unless the value says otherwise; bounds also in °C."""
    return measurement(code, field, TEMPERATURE)


def temperature_in(
    unit: str,
) -> Callable[[Wikicode, str], tuple[Record | None, list[WarningEntry]]]:
    """A temperature normaliser whose bare numbers are in ``unit`` (Chembox ``MeltingPtK``)."""
    quantity = Quantity(
        "temperature", TEMPERATURE_UNITS, unit, TEMPERATURE.canonical, True, TEMPERATURE.missing
    )

    def normalise(code: Wikicode, field: str) -> tuple[Record | None, list[WarningEntry]]:
        return measurement(code, field, quantity)

    normalise.__name__ = f"temperature_in_{unit.strip('°')}"
    return normalise


def density(code: Wikicode, field: str) -> tuple[Record | None, list[WarningEntry]]:
    """Density: g/cm³ unless the value says otherwise."""
    return measurement(code, field, DENSITY)
