"""Property: whatever a measured infobox value says, the record validates, the reading's
bounds are ordered and its hours agree with its unit. Values are soups of the pieces real
half-lives, percentages and temperatures are made of (numbers, dashes, ±, bounds, units,
qualifiers, ``<br>``, refs)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import drugparse
from drugparse.tables.units import HOURS_PER_UNIT

PIECES = [
    "1", "12.7", "0.5", "1,000", "2,5", "−20", "-", "–", "—", " to ", " and ", "between ",
    "±", "+/-", "(", ")", "<", ">", "≤", "≥", "<=", "up to ", "at least ", "over ", "~",
    "about ", "c. ", "a ", "an ", " h", " hours", "min", " days", " wk", " months", " yr",
    "%", " °C", "°F", " K", " g/cm3", " mmHg", "(IV)", "oral", ", ", "; ", "<br>",
    "<ref>x</ref>", "{{val|6.5|1.4|u=h}}", "{{convert|1|-|2|h}}", "CYP3A4", "t1/2", " ",
]  # fmt: skip
PARAMETERS = [
    "elimination_half-life", "onset", "duration_of_action", "bioavailability",
    "protein_bound", "melting_point", "melting_high", "boiling_point", "density",
]  # fmt: skip
FIELDS = {
    "elimination_half-life": ("pharmacokinetics", "elimination_half_life"),
    "onset": ("pharmacokinetics", "onset"),
    "duration_of_action": ("pharmacokinetics", "duration_of_action"),
}

values = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)


def _check_reading(reading: dict) -> None:
    if "min" in reading and "max" in reading:
        assert reading["min"] <= reading["max"]
    if "min_hours" in reading:
        expected = reading["min"] * HOURS_PER_UNIT[reading["unit"]]
        assert abs(reading["min_hours"] - expected) <= 1e-5 * max(1, abs(expected))


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.sampled_from(PARAMETERS), values)
def test_any_measured_value_gives_a_valid_record(parameter, value):
    record = drugparse.parse(f"{{{{Infobox drug\n| {parameter} = {value}\n}}}}", title="X")
    drugparse.validate(record)
    if parameter in FIELDS:
        section, field = FIELDS[parameter]
        measurement = record.get(section, {}).get(field)
        if measurement is not None:
            _check_reading(measurement)
            for reading in measurement.get("readings", []):
                _check_reading(reading)
