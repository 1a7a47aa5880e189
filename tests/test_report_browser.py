"""The report page in a real browser: Debian's headless Chromium, driven over DevTools.

Skips cleanly where Chromium is not installed (``.ci/run`` installs it).
The records are the fixtures': ``broken-page.wiki`` leaves five
``unbalanced_markup`` warnings, on lines 1, 5, 7, 7 and 11.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import drugparse
from drugparse.report import build_report, render_html

from .chromium import Chromium, chromium_binary
from .conftest import FIXTURES

pytest.importorskip("jinja2")
pytestmark = pytest.mark.skipif(chromium_binary() is None, reason="chromium is not installed")

ROWS = "Array.from(document.querySelectorAll('#kind-{kind} tbody tr'))"
VISIBLE = ROWS + ".filter(r => !r.hidden).map(r => r.cells[{column}].textContent.trim())"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    records = [
        drugparse.parse(path.read_text("utf-8"), path.stem.capitalize())
        for path in sorted(FIXTURES.glob("*.wiki"))
    ]
    page = tmp_path_factory.mktemp("browser") / "report.html"
    page.write_text(render_html(build_report(records, pages_read=6)), "utf-8")
    with Chromium(width=1200, height=900) as chromium:
        chromium.open(page.as_uri())
        yield chromium


def visible(browser: Chromium, kind: str, column: int) -> list[str]:
    rows: list[str] = browser.evaluate(VISIBLE.format(kind=kind, column=column))
    return rows


def test_loads_with_no_console_error_and_no_request_out(browser: Chromium) -> None:
    assert browser.errors() == []
    assert browser.evaluate("document.title") == "Drug articles: data-quality report"
    requested = browser.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)"
    )  # styles, script and charts are inline: nothing is fetched
    assert requested == []


def test_charts_render_as_non_empty_svg(browser: Chromium) -> None:
    charts: list[dict[str, Any]] = browser.evaluate(
        """Array.from(document.querySelectorAll('svg.chart')).map(svg => ({
            id: svg.id,
            width: svg.getBoundingClientRect().width,
            bars: Array.from(svg.querySelectorAll('rect')).filter(r => r.getBBox().width > 0).length,
        }))"""
    )
    assert [c["id"] for c in charts] == [
        "chart-coverage",
        "chart-problems",
        "chart-verification",
        "chart-citations",
        "chart-citation-ids",
    ]
    assert all(c["width"] > 200 and c["bars"] > 0 for c in charts), charts


def test_a_column_sorts_from_the_keyboard_both_ways(browser: Chromium) -> None:
    messages = visible(browser, "unbalanced_markup", 3)
    assert [m.split(":")[0] for m in messages] == [
        "line 1",
        "line 5",
        "line 7",
        "line 7",
        "line 11",
    ]
    header = "#kind-unbalanced_markup th:nth-child(4)"
    browser.evaluate(f"document.querySelector('{header} button').focus()")
    browser.press("Enter")
    assert browser.evaluate(f"document.querySelector('{header}').getAttribute('aria-sort')") == (
        "ascending"
    )
    ascending = [m.split(":")[0] for m in visible(browser, "unbalanced_markup", 3)]
    assert ascending == ["line 1", "line 5", "line 7", "line 7", "line 11"]  # 11 after 7
    browser.press(" ")  # a button answers to space too
    assert browser.evaluate(f"document.querySelector('{header}').getAttribute('aria-sort')") == (
        "descending"
    )
    descending = [m.split(":")[0] for m in visible(browser, "unbalanced_markup", 3)]
    assert descending == ["line 11", "line 7", "line 7", "line 5", "line 1"]
    first = "#kind-unbalanced_markup th:nth-child(1)"
    assert browser.evaluate(f"document.querySelector('{first}').getAttribute('aria-sort')") == (
        "none"
    )


def test_filter_and_kind_select_hide_rows_and_say_how_many_are_shown(browser: Chromium) -> None:
    # 13 rows: Broken-page 8 (its half-life 'about a day' reads as 1 d now), Imiglucerase 3
    # (changed marks), Amoxicillin 1, Measles 1.
    assert browser.evaluate("document.getElementById('shown').textContent") == "13 of 13 rows shown"
    assert browser.evaluate("document.getElementById('filters').hidden") is False
    browser.evaluate("document.getElementById('filter').focus()")
    browser.type_text("measles")
    assert browser.evaluate("document.getElementById('shown').textContent") == "1 of 13 rows shown"
    assert kinds_shown(browser) == ["unparsed_value"]
    assert visible(browser, "unparsed_value", 1) == ["pharmacokinetics.duration_of_action"]
    for words, shown in (("broken page", 8), ("page broken", 8), ("broken measles", 0)):
        # every word must match, anywhere in the row ("Broken-page" holds both)
        set_control(browser, "filter", words, "input")
        assert browser.evaluate("document.getElementById('shown').textContent") == (
            f"{shown} of 13 rows shown"
        )
    set_control(browser, "filter", "", "input")
    set_control(browser, "kind", "unknown_reference", "change")
    assert kinds_shown(browser) == ["unknown_reference"]
    assert visible(browser, "unknown_reference", 1) == ["citations.missing"]
    set_control(browser, "kind", "", "change")
    assert browser.evaluate("document.getElementById('shown').textContent") == "13 of 13 rows shown"


def set_control(browser: Chromium, name: str, value: str, event: str) -> None:
    """A form control set as a user would leave it, and the event the page listens for."""
    browser.evaluate(
        f"{{ const c = document.getElementById('{name}'); c.value = '{value}';"
        f" c.dispatchEvent(new Event('{event}')); }}"
    )


def kinds_shown(browser: Chromium) -> list[str]:
    kinds: list[str] = browser.evaluate(
        "Array.from(document.querySelectorAll('section.kind')).filter(s => !s.hidden)"
        ".map(s => s.dataset.kind)"
    )
    return kinds


def test_keyboard_reaches_the_skip_link_first_and_print_hides_the_controls(
    browser: Chromium,
) -> None:
    assert browser.url is not None
    browser.open(browser.url)  # a fresh page: focus starts at the top
    browser.press("Tab")
    assert browser.evaluate("document.activeElement.className") == "skip"
    browser.call("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        display = browser.evaluate("getComputedStyle(document.getElementById('filters')).display")
        assert display == "none"
    finally:
        browser.call("Emulation.setEmulatedMedia", {"media": ""})


def test_screenshot_of_the_page(browser: Chromium, tmp_path: Path) -> None:
    browser.screenshot(tmp_path / "page.png", full_height=1200)
    data = (tmp_path / "page.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
