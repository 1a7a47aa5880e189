"""Count the templates real pages use: the measure behind ``drugparse/tables/templates.py``.

    python tools/count_templates.py [--top N] [--unknown]

Reads ``../shared/corpus/*.wiki``, ``fixtures/*.wiki`` and the namespace-0, non-redirect
pages of ``../shared/peer/*.xml.bz2``; counts every template at any depth (names folded
as drugparse folds them) and says how drugparse treats each: ``rendered`` (a registry
row), ``silent``, ``citation`` (Citation Style 1, read by extract/cite.py), ``citation
wrapper`` and ``ref notice`` (rows of tables/ref_templates.py, read in refs), ``end``
(end-of-article kinds), ``infobox``, ``parser function`` or ``UNKNOWN`` (an ``unrendered_template``
warning wherever it appears).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from mwparserfromhell.nodes import Heading, Node, Template
from mwparserfromhell.wikicode import Wikicode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drugparse.extract.infobox import INFOBOX_KINDS  # noqa: E402
from drugparse.sources.dump import articles  # noqa: E402
from drugparse.tables.cs1 import CITE_TEMPLATES  # noqa: E402
from drugparse.tables.ref_templates import (  # noqa: E402
    LICENCE_TEMPLATES,
    NOTICE_TEMPLATES,
    WRAPPER_TEMPLATES,
)
from drugparse.tables.templates import (  # noqa: E402
    END_OF_ARTICLE,
    end_of_article_kind,
    template_kind,
)
from drugparse.wikitext import parse_wikitext, template_name, templates_and_links  # noqa: E402

SHARED = ROOT.parent / "shared"


def sources() -> Iterator[tuple[str, str, str]]:
    """(source, title, wikitext) of every page counted."""
    for path in sorted((SHARED / "corpus").glob("*.wiki")):
        yield "corpus", path.stem, path.read_text("utf-8")
    for path in sorted((ROOT / "fixtures").glob("*.wiki")):
        yield "fixtures", path.stem, path.read_text("utf-8")
    for path in sorted((SHARED / "peer").glob("*.xml.bz2")):
        for page in articles(path):
            yield path.name.split("-")[1], page.title or "", page.text


def _last_section_templates(code: Wikicode) -> list[Template]:
    """Templates at the top level of the page's last section (where navboxes stand)."""
    last: list[Node] = []
    for node in code.nodes:
        if isinstance(node, Heading):
            last = []
        else:
            last.append(node)
    return [node for node in last if isinstance(node, Template)]


def classify(name: str) -> str:
    if name in CITE_TEMPLATES:
        return "citation"
    if name in WRAPPER_TEMPLATES:
        return "citation wrapper"
    if name in LICENCE_TEMPLATES or name in NOTICE_TEMPLATES:
        return "ref notice"
    if name.startswith("#") or ":" in name:
        return "parser function"
    kind = template_kind(name)
    if kind is not None:
        return kind
    if any(name in infobox.names for infobox in INFOBOX_KINDS.values()) or name.startswith(
        ("chembox ", "infobox", "taxobox", "automatic taxobox")
    ):
        return "infobox"
    if name in END_OF_ARTICLE or end_of_article_kind(name) in ("stub",):
        return f"end: {end_of_article_kind(name)}"
    return "UNKNOWN"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=0, help="list only the N most used")
    parser.add_argument("--unknown", action="store_true", help="list only UNKNOWN names")
    options = parser.parse_args()
    uses: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    trailing: Counter[str] = Counter()  # uses standing alone in the last section
    page_count: Counter[str] = Counter()
    for source, _title, text in sources():
        page_count[source] += 1
        code = parse_wikitext(text)
        templates, _ = templates_and_links(code)
        trailing.update(template_name(t) for t in _last_section_templates(code))
        names = [template_name(t) for t in templates]
        uses.update(names)
        pages.update(set(names))
        per_source.update(f"{source}\t{n}" for n in set(names))

    def kind_of(name: str) -> str:
        kind = classify(name)
        if kind == "UNKNOWN" and trailing[name] == uses[name]:
            return "end: navbox by position"  # only ever alone at the end of a page
        return kind

    by_kind: Counter[str] = Counter()
    by_kind_uses: Counter[str] = Counter()
    for name, count in uses.items():
        by_kind[kind_of(name)] += 1
        by_kind_uses[kind_of(name)] += count
    print("pages:", dict(page_count))
    print(f"distinct templates: {len(uses)}, uses: {sum(uses.values())}")
    for kind in sorted(by_kind):
        print(f"  {kind}: {by_kind[kind]} names, {by_kind_uses[kind]} uses")
    rows = uses.most_common(options.top or None)
    print(f"\n{'uses':>6} {'pages':>5}  kind             name")
    for name, count in rows:
        kind = kind_of(name)
        if options.unknown and kind != "UNKNOWN":
            continue
        print(f"{count:6} {pages[name]:5}  {kind:16} {name}")


if __name__ == "__main__":
    main()
