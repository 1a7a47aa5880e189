"""Pre-filter: every way a drug infobox can be named passes; other pages mostly do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from drugparse.sources.prefilter import INFOBOX_NAMES, mentions_drug_infobox, name_positions


@pytest.mark.parametrize(
    "text",
    [
        "{{Infobox drug\n| CAS_number = 1 }}",
        "{{infobox drug|x=1}}",
        "{{Infobox_Drug}}",
        "{{ Infobox   drug }}",
        "{{Drugbox}}",
        "{{drugbox",
        "{{Drug box}}",
        "{{Drug_box}}",
        "{{Chembox | ImageFile = x.png }}",
        "{{Infobox drugs}}",
        "{{Infobox medication}}",
        "{{Infobox<!-- why -->drug}}",
        "{{Infobox &lt;!-- escaped in a dump --&gt; drug}}",
        "{{Drug<!--\n-->box}}",
        "{{#unlinkedwikibase:id=Q2736873}}{{Drugbox",
        "{{DRUGBOX}}",
    ],
)
def test_drug_infobox_names_pass(text):
    assert mentions_drug_infobox(text)
    assert mentions_drug_infobox(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "{{Infobox person | name = Ada }}",
        "{{Taxobox}} {{Navbox}} {{Userbox}} {{Infobox}}",
        "A box of drugs.",
        "{{Infobox disease}} drugs are used",
        "",
    ],
)
def test_other_pages_do_not(text):
    assert not mentions_drug_infobox(text)


def test_every_name_of_the_table_passes_itself():
    for name in INFOBOX_NAMES:
        assert mentions_drug_infobox("{{" + name + "}}"), name
        assert mentions_drug_infobox("{{" + name.replace(" ", "_").title() + "}}"), name


def test_the_parser_template_names_are_covered():
    infobox_drug = pytest.importorskip("drugparse.tables.infobox_drug")
    for name in infobox_drug.TEMPLATE_NAMES:
        assert mentions_drug_infobox("{{" + name + "|x=1}}"), name


def test_positions_point_at_the_anchor():
    low = b"{{chembox}} {{userbox}} {{drug &lt;!-- --&gt;box}}"
    assert list(name_positions(low)) == [6, 45]
    assert list(name_positions(low, 10)) == [45]
    assert list(name_positions(low, 0, 40)) == [6]


def test_a_comment_that_never_closes_is_bounded():
    text = "{{Infobox <!-- " + "x" * 100_000 + " box"
    assert not mentions_drug_infobox(text)


def test_window_shortcut_agrees_with_the_walk_past_comments():
    # Anchors with plain letters around them are read from a window in one go;
    # the result must be what the letter-by-letter walk (which skips comments) says.
    import random

    from drugparse.sources import prefilter

    pieces = [
        b"box",
        b"info",
        b"drug",
        b"chem",
        b"medication",
        b" ",
        b"_",
        b"\n",
        b"a",
        b"{{",
        b"|",
        b"settlement ",
        b"  " * 10,
        b"<!-- x -->",
        b"&lt;!--y--&gt;",
        b"-",
        b"&lt;!--",
        b"-->",
    ]
    rng = random.Random(5)
    shortcuts = 0
    for _ in range(4000):
        low = b"".join(rng.choices(pieces, [8] * 13 + [1] * 5, k=rng.randint(20, 90)))
        anchor = low.find(b"box")
        while anchor >= 0:
            shortcuts += prefilter._plain_letters_around(low, anchor) is not None
            before = prefilter._letters_before(low, anchor, prefilter._MAX_BEFORE)
            after = prefilter._letters_after(low, anchor + 3, prefilter._MAX_AFTER)
            walked = any(before.endswith(b) and after.startswith(a) for b, a in prefilter._AROUND)
            assert prefilter._is_name(low, anchor) == walked, (low, anchor)
            anchor = low.find(b"box", anchor + 1)
    assert shortcuts > 1000  # the shortcut was tried, not only the walk


WATER = "{{Chembox\n| Name = Water\n| Section1 = {{Chembox Identifiers\n| CASNo = 7732-18-5\n}}\n}}"


@pytest.mark.parametrize(
    ("text", "candidate"),
    [
        (WATER, False),  # a chemical: a Chembox and no drug parameter
        (WATER.replace("| CASNo", "| DrugBank = DB09145\n| CASNo"), True),
        (
            WATER.replace(
                "}}\n}}", "}}\n| Section6 = {{Chembox Pharmacology\n| ATCCODE_PREFIX = V07\n}}\n}}"
            ),
            True,
        ),
        (WATER + "\n{{Infobox drug\n| CAS_number = 7732-18-5\n}}", True),  # a drug name too
        ("{{Infobox drug}}", True),  # a drug infobox needs no evidence
        ("{{Drugchembox | Legal_US = OTC }}", True),  # a Chembox redirect, with evidence
        ("{{Drugchembox | CASNo = 50-78-2 }}", False),
    ],
)
def test_a_chembox_page_needs_drug_evidence(text, candidate):
    from drugparse.sources.prefilter import could_be_drug_page

    assert mentions_drug_infobox(text)
    assert could_be_drug_page(text) is candidate


def test_the_dump_scan_skips_a_chembox_without_drug_evidence():
    from drugparse.sources.dump import scan_block

    def page(title: str, text: str, page_id: int) -> bytes:
        body = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return (
            f"<page><title>{title}</title><ns>0</ns><id>{page_id}</id><revision><id>1</id>"
            f"<text>{body}</text></revision></page>"
        ).encode()

    caffeine = (Path(__file__).parent.parent / "fixtures" / "caffeine-chembox.wiki").read_text()
    scan = scan_block(page("Water", WATER, 1) + page("Caffeine", caffeine, 2))
    assert scan.pages_read == 2 and [p.title for p in scan.candidates] == ["Caffeine"]
