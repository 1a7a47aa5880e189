"""CS1 dates to ISO 8601 (drugparse.normalise.dates)."""

import pytest

from drugparse.normalise.dates import is_undated, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2008-08-15", "2008-08-15"),
        ("15 August 2008", "2008-08-15"),
        ("August 15, 2008", "2008-08-15"),
        ("Aug 2008", "2008-08"),
        ("Sept 2008", "2008-09"),
        ("August 2008", "2008-08"),
        ("2008", "2008"),
        ("2008a", "2008"),
        ("August 2008b", "2008-08"),
        ("Spring 2008", "2008-21"),
        ("Autumn 2008", "2008-23"),
        ("Fall 2008", "2008-23"),
        ("Winter 2008", "2008-24"),
        ("Third Quarter 2008", "2008-35"),
        ("Christmas 2008", "2008-12-25"),
        ("2008–2009", "2008/2009"),
        ("2008-2009", "2008/2009"),
        ("July–August 2008", "2008-07/2008-08"),
        ("December 2008 – January 2009", "2008-12/2009-01"),
        ("15–17 August 2008", "2008-08-15/2008-08-17"),
        ("August 15–17, 2008", "2008-08-15/2008-08-17"),
        ("15 July – 17 August 2008", "2008-07-15/2008-08-17"),
        ("July 15 – August 17, 2008", "2008-07-15/2008-08-17"),
        ("30 December 2008 – 2 January 2009", "2008-12-30/2009-01-02"),
        ("Spring–Summer 2008", "2008-21/2008-22"),
        ("Winter 2008–2009", "2008/2009"),
        ("c. 1900", "1900"),
        ("circa 1900", "1900"),
        ("29 February 2008", "2008-02-29"),
        # the imiglucerase references
        ("November 12, 2009", "2009-11-12"),
        ("June 17, 2009", "2009-06-17"),
        ("February 2007", "2007-02"),
        ("  August\u00a01978 ", "1978-08"),
    ],
)
def test_cs1_date_forms(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "n.d.",
        "nd",
        "",
        "31 February 2008",
        "29 February 2007",
        "2008-13-01",
        "Smarch 2008",
        "2009–2008",  # runs backwards
        "17–15 August 2008",
        "2008-09",  # CS1 reads YYYY-MM as nothing: it could be a year range
        "last Tuesday",
    ],
)
def test_no_iso_reading(text):
    assert parse_date(text) is None


def test_undated_is_told_apart_from_unparseable():
    assert is_undated("n.d.")
    assert not is_undated("31 February 2008")
