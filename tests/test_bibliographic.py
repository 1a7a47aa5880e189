"""Bibliographic identifiers (drugparse.normalise.bibliographic)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drugparse.normalise.bibliographic import (
    IDENTIFIER_NORMALIZERS,
    isbn_check_digit,
    issn_check_digit,
    normalise_identifier,
)
from drugparse.tables.cs1 import IDENTIFIER_KEYS


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("doi", "10.1073/pnas.75.8.3970", "10.1073/pnas.75.8.3970"),
        ("doi", "10.1056/NEJMp0908496", "10.1056/nejmp0908496"),
        ("doi", "doi:10.1056/NEJMp0908496", "10.1056/nejmp0908496"),
        ("doi", "https://doi.org/10.1016/j.ymgme.2006.09.003", "10.1016/j.ymgme.2006.09.003"),
        ("doi", "http://dx.doi.org/10.1000/182", "10.1000/182"),
        ("pmid", "18627336", "18627336"),
        ("pmid", " 29293 ", "29293"),
        ("pmc", "392911", "PMC392911"),
        ("pmc", "PMC392911", "PMC392911"),
        ("pmc", "PMCPMC392911", "PMC392911"),
        ("isbn", "978-0-306-40615-7", "9780306406157"),
        ("isbn", "0 306 40615 2", "0306406152"),
        ("isbn", "0-8044-2957-x", "080442957X"),
        ("issn", "0027-8424", "0027-8424"),  # PNAS
        ("issn", "00278424", "0027-8424"),
        ("eissn", "1091-6490", "1091-6490"),  # PNAS online
        ("issn", "2434-561x", "2434-561X"),
        ("arxiv", "arXiv:1501.00001", "1501.00001"),
        ("arxiv", "hep-th/9901001v2", "hep-th/9901001v2"),
        ("biorxiv", "10.1101/078733", "10.1101/078733"),
        ("bibcode", "1974AJ.....79..819H", "1974AJ.....79..819H"),
        ("citeseerx", "10.1.1.176.341", "10.1.1.176.341"),
        ("jstor", "2631089", "2631089"),
        ("oclc", "ocm04605396", "4605396"),
        ("s2cid", "4345045", "4345045"),
        ("hdl", "hdl:2027/mdp.39015077587742", "2027/mdp.39015077587742"),
        ("zbl", "0472.53010", "0472.53010"),
        ("mr", "MR0123456", "123456"),
        ("osti", "4367507", "4367507"),
        ("ssrn", "1234567", "1234567"),
        ("lccn", "n78-890351", "n78890351"),
        ("lccn", "85-2", "85000002"),
        ("asin", "b000mh3v34", "B000MH3V34"),
        ("ol", "7030731M", "OL7030731M"),
        ("rfc", "3986", "3986"),
        ("pmc_embargo_date", "1 January 2030", "2030-01-01"),
        ("id", "  Report no. 5 ", "Report no. 5"),
    ],
)
def test_valid_identifiers_normalise(key, text, value):
    assert normalise_identifier(key, text) == (value, [])


@pytest.mark.parametrize(
    ("key", "text", "code"),
    [
        ("doi", "10.1000", "invalid_format"),
        ("doi", "11.1000/abc", "invalid_format"),
        ("doi", "10.1000/abc.", "invalid_format"),
        ("pmid", "PMC392911", "invalid_format"),
        ("pmid", "0", "invalid_format"),
        ("pmid", "999999999", "invalid_format"),
        ("pmc", "39a2911", "invalid_format"),
        ("isbn", "978-0-306-40615-8", "invalid_checksum"),
        ("isbn", "0-306-40615-3", "invalid_checksum"),
        ("isbn", "12345", "invalid_format"),
        ("isbn", "977-0-306-40615-7", "invalid_format"),  # 13 digits must start 978/979
        ("issn", "0027-8425", "invalid_checksum"),
        ("issn", "27-8424", "invalid_format"),
        ("arxiv", "1501.1", "invalid_format"),
        ("bibcode", "1974AJ", "invalid_format"),
        ("oclc", "abc", "invalid_format"),
        ("hdl", "nohandle", "invalid_format"),
        ("s2cid", "12a", "invalid_format"),
        ("pmc_embargo_date", "someday", "unparsed_date"),
    ],
)
def test_invalid_identifiers_are_kept_as_written_with_a_warning(key, text, code):
    value, warnings = normalise_identifier(key, f" {text} ")
    assert value == text
    assert [w["code"] for w in warnings] == [code]
    assert warnings[0]["field"] == f"identifiers.{key}"


def test_every_identifier_key_has_a_normaliser():
    assert set(IDENTIFIER_NORMALIZERS) == set(IDENTIFIER_KEYS)


def test_known_check_digits():
    assert isbn_check_digit("030640615") == "2"
    assert isbn_check_digit("978030640615") == "7"
    assert issn_check_digit("0027842") == "4"
    assert issn_check_digit("2434561") == "X"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_isbn10_round_trip(body):
    isbn = body + isbn_check_digit(body)
    assert normalise_identifier("isbn", f"{isbn[:1]}-{isbn[1:4]}-{isbn[4:]}") == (isbn, [])
    wrong = "0" if isbn[-1] != "0" else "1"
    assert normalise_identifier("isbn", isbn[:-1] + wrong)[1][0]["code"] == "invalid_checksum"


@given(st.sampled_from(["978", "979"]), st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_isbn13_round_trip(prefix, body):
    isbn = prefix + body + isbn_check_digit(prefix + body)
    assert normalise_identifier("isbn", isbn) == (isbn, [])
    wrong = str((int(isbn[-1]) + 1) % 10)
    assert normalise_identifier("isbn", isbn[:-1] + wrong)[1][0]["code"] == "invalid_checksum"


@given(st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_issn_round_trip(body):
    issn = f"{body[:4]}-{body[4:]}{issn_check_digit(body)}"
    assert normalise_identifier("issn", issn.replace("-", "")) == (issn, [])
    wrong = "0" if issn[-1] != "0" else "1"
    assert normalise_identifier("issn", issn[:-1] + wrong)[1][0]["code"] == "invalid_checksum"
