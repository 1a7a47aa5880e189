"""Parse stage and the wikitext -> plain text renderer."""

from __future__ import annotations

import pytest

from drugparse.normalise.text import plain_text, render, text_items
from drugparse.wikitext import page_title, parse_wikitext, template_name


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("un[[glycosylate]]d", "unglycosylated"),
        (
            "[[Analog (chemistry)|analogue]] of β-[[glucocerebrosidase]]",
            "analogue of β-glucocerebrosidase",
        ),
        ("a <!-- hidden --> b", "a b"),
        ("'''bold''' and ''italic''", "bold and italic"),
        ("10''H''-phenothiazine", "10H-phenothiazine"),
        ("1&nbsp;mg&ndash;2&amp;3", "1 mg–2&3"),
        ("x<ref>note</ref> y<ref name=a/>", "x y"),
        ("{{nowrap|25 mg}}", "25 mg"),
        ("{{abbr|IM|intramuscular}}", "IM"),
        ("{{convert|10|mg}}", "10 mg"),
        ("H{{sub|2}}O", "H2O"),
        ("[[File:X.png|thumb|caption]]text", "text"),
        ("[[Category:Drugs]]kept", "kept"),
        ("[[:Category:Drugs]]", "Category:Drugs"),
        ("[http://example.org Example site]", "Example site"),
        ("a{{cn|date=May 2020}}.", "a."),
        ("  spaced\n\n   out  ", "spaced out"),
        ("{{lang|fr|médicament}}", "médicament"),
    ],
)
def test_plain_text(wikitext, expected):
    assert plain_text(wikitext) == expected


@pytest.mark.parametrize(
    ("wikitext", "items"),
    [
        ("A<br>B<br />C", ["A", "B", "C"]),
        ("{{ubl|A|B}}", ["A", "B"]),
        ("{{unbulleted list|A|[[B]]}}", ["A", "B"]),
        ("{{plainlist|\n* A\n* B\n}}", ["A", "B"]),
        ("* A\n* B", ["A", "B"]),
        ("10-[3-(4-methylpiperazin-1-yl)propyl]-<br/>2-(trifluoromethyl)", None),
    ],
)
def test_list_items(wikitext, items):
    if items is None:  # a line broken after a hyphen joins without a space
        assert plain_text(wikitext) == "10-[3-(4-methylpiperazin-1-yl)propyl]-2-(trifluoromethyl)"
    else:
        assert text_items(wikitext) == items


def test_unknown_template_is_reported_not_silently_dropped():
    result = render("x {{some unknown template|1}} y")
    assert result.text == "x y"
    assert result.unrendered == ["some unknown template"]


def test_skip_style_tags_keeps_templates_that_bold_crosses():
    # mwparserfromhell issue #40: without skip_style_tags the template can vanish.
    code = parse_wikitext("'''a {{drugs.com|monograph|x}} b")
    assert [template_name(t) for t in code.filter_templates()] == ["drugs.com"]


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Infobox_drug", "infobox drug"),
        (" drugbox <!-- x -->\n", "drugbox"),
        ("Infobox  Drug", "infobox drug"),
    ],
)
def test_template_name_folding(raw, folded):
    assert template_name(parse_wikitext("{{" + raw + "}}").filter_templates()[0]) == folded


def test_page_title_normalisation():
    assert page_title(" taliglucerase_alfa ") == "Taliglucerase alfa"
    assert page_title(":Category:X") == "Category:X"
