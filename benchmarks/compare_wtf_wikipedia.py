"""Compare drugparse with ``wtf_wikipedia`` (a JavaScript wikitext parser) article by article.

Run from the repository root (dev only; needs node and npm)::

    (cd benchmarks/wtf && npm install)        # wtf_wikipedia into benchmarks/wtf/node_modules
    python benchmarks/compare_wtf_wikipedia.py [--shared ../shared] [--all]

For every article of ``../shared/corpus`` and ``fixtures/`` it prints agreement on infobox
values (each parameter's plain text), the number of citations, the categories, the
section headings and the lead's first sentence; then every disagreement, under the side
that is wrong (``ours wrong``, ``theirs wrong``) or ``convention`` when both readings are
defensible, each with the rule that judged it (``VERDICTS``). A disagreement no rule
knows is listed as ``unjudged``: read it and add a rule. Without node, or without
``benchmarks/wtf/node_modules``, it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mwparserfromhell.wikicode import Wikicode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drugparse.extract.article import read_article  # noqa: E402
from drugparse.extract.infobox import find_infobox  # noqa: E402
from drugparse.extract.references import NOTE_TEMPLATES, collect_citations  # noqa: E402
from drugparse.guards.markup import check_markup, repair  # noqa: E402
from drugparse.normalise.text import plain_text  # noqa: E402
from drugparse.sources.dump import articles as dump_articles  # noqa: E402
from drugparse.tables.cs1 import CITE_TEMPLATES  # noqa: E402
from drugparse.wikitext import param_name, parse_wikitext, template_name  # noqa: E402

WTF = ROOT / "benchmarks" / "wtf"
ASPECTS = ("infobox", "citations", "categories", "sections", "first sentence")


def read_articles(shared: Path, peer: bool) -> list[tuple[str, str]]:
    """(name, wikitext) of every corpus article and fixture; with ``peer``, also every
    namespace-0 page of the peer dumps that is not a redirect."""
    paths = sorted((shared / "corpus").glob("*.wiki")) + sorted((ROOT / "fixtures").glob("*.wiki"))
    articles = [(f"{path.parent.name}/{path.name}", path.read_text("utf-8")) for path in paths]
    if peer:
        for dump in sorted((shared / "peer").glob("*.xml.bz2")):
            for page in dump_articles(dump):
                articles.append((f"{dump.name.split('-')[1]}/{page.title}", page.text))
    return articles


def theirs(articles: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """What wtf_wikipedia reads, through benchmarks/wtf/extract.js (one node process)."""
    lines = "".join(json.dumps({"title": n, "wikitext": t}) + "\n" for n, t in articles)
    result = subprocess.run(
        ["node", str(WTF / "extract.js")],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
        cwd=WTF,
    )
    read = [json.loads(line) for line in result.stdout.splitlines()]
    return {item["title"]: item for item in read}


def ours(name: str, wikitext: str) -> dict[str, Any]:
    """The same five things as drugparse reads them (its pipeline's own stages, so that
    pages without a drug infobox can be compared too)."""
    original, wikitext = wikitext, repair(wikitext)
    code = parse_wikitext(wikitext)
    box = find_infobox(code)
    infobox: dict[str, str] = {}
    if box is not None:
        for parameter in box.parameters:
            value = plain_text(parameter.value)
            if value:
                infobox[parameter.name.lower()] = value
    article = read_article(code, box.template if box is not None else None)
    citations = collect_citations(code, box)
    return {
        "infobox": infobox,
        "citations": len(citations.citations),
        # bibliography entries wtf_wikipedia does not count: plain text, or a wrapper
        # whose name does not start with "cite" ({{IUCN}}, {{EB1911}}, {{MSW3 …}})
        "plain_bibliography": sum(
            c["role"] == "bibliography" and not _counted_by_them(c.get("template"))
            for c in citations.citations
        ),
        # short footnotes {{sfn}}/{{sfnp}}/{{sfnm}} and notes {{efn}}/{{NoteTag}}: wtf_wikipedia
        # counts neither (it does count {{refn}} and {{harvnb}})
        "uncounted_notes": sum(
            c.get("template") in ("sfn", "sfnp", "sfnm") for c in citations.citations
        )
        + _uncounted_notes(code),
        "categories": article.categories,
        "sections": [[s["heading"], s["level"]] for s in article.sections],
        "summary": article.summary or "",
        "warnings": citations.warnings,
        "wikitext": wikitext,
        "original": original,
    }


_UNCOUNTED_NOTES = frozenset(NOTE_TEMPLATES) - {"refn", "#tag:ref"}


def _uncounted_notes(code: Wikicode) -> int:
    """Notes written with {{efn}}/{{NoteTag}} and kin (one per name, as drugparse keeps them)."""
    seen: set[str] = set()
    for template in code.filter_templates(recursive=True):
        if template_name(template) not in _UNCOUNTED_NOTES:
            continue
        name = next((str(p.value).strip() for p in template.params if param_name(p) == "name"), "")
        has_body = any(not p.showkey or param_name(p) == "1" for p in template.params)
        if has_body or name:
            seen.add(name or f"#{len(seen)}")
    return len(seen)


def _counted_by_them(template: str | None) -> bool:
    """wtf_wikipedia counts every template named ``cite …`` or a CS1 name, anywhere."""
    return template is not None and (template.startswith("cite") or template in CITE_TEMPLATES)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


# -- verdicts: (aspect, test(detail) -> bool, side, reason) -------------------------
# Each rule was written after reading the disagreement it judges in the wikitext.
Verdict = tuple[str, Callable[[dict[str, Any]], bool], str, str]


_NAMED_REF_BODY = re.compile(r"<ref\s+name\s*=\s*\"?([^\">/]+?)\"?\s*>", re.I)


def _undefined_refs(d: dict[str, Any]) -> int:
    """Refs used (``<ref name=x/>``) but never defined: drugparse keeps an entry for each."""
    return sum("is used but never defined" in w["message"] for w in d["mine"]["warnings"])


# wtf_wikipedia knows these names only, not the redirects {{cn}} and {{fact}} (IKEA)
_CITATION_NEEDED = re.compile(r"\{\{\s*citation need(?:ed)?\s*[|}]", re.I)


def _citation_needed(d: dict[str, Any]) -> int:
    """``{{citation needed}}`` tags: wtf_wikipedia counts each as a reference."""
    return len(_CITATION_NEEDED.findall(d["mine"]["wikitext"]))


def _ours_only(d: dict[str, Any]) -> int:
    """What drugparse counts and wtf_wikipedia does not (all conventions)."""
    return int(d["mine"]["plain_bibliography"] + d["mine"]["uncounted_notes"])


def _explained(d: dict[str, Any]) -> bool:
    """The count differs by exactly the {{citation needed}} tags they count (theirs wrong)
    plus the plain-text or non-cite bibliography items, short footnotes and {{efn}} notes
    we count (conventions)."""
    same = d["ours"] - _ours_only(d) == d["theirs"] - _citation_needed(d)
    return same and d["ours"] != d["theirs"]


def _repeated_definitions(d: dict[str, Any]) -> int:
    """Named refs written out in full more than once (one footnote on the page)."""
    names = Counter(m.strip() for m in _NAMED_REF_BODY.findall(d["mine"]["wikitext"]))
    return sum(count - 1 for count in names.values())


def _only_references_below(d: dict[str, Any]) -> bool:
    """Their missing sections hold nothing but the reference list (``<references />``)."""
    missing = [h for h, _ in d["ours"] if h not in [t for t, _ in d["theirs"]]]
    text = d["mine"]["wikitext"]
    for heading in missing:
        body = re.split(rf"==\s*{re.escape(heading)}\s*==", text, maxsplit=1)[-1]
        body = re.split(r"\n==", body, maxsplit=1)[0]
        body = re.sub(
            r"<references\s*/>|\{\{\s*reflist[^}]*\}\}|\[\[Category:[^\]]*\]\]|\{\{[^}]*stub\}\}",
            "",
            body,
            flags=re.I,
        )
        if body.strip():
            return False
    return bool(missing)


_DRUG_BOXES = {"drug", "drugbox", "drug box", "infobox drug", "chembox"}
_SHORT_FOOTNOTE = re.compile(r"\{\{\s*(?:sfn|harv|cite|citation)", re.I)
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def _unclosed_box(d: dict[str, Any]) -> bool:
    return any(w["code"] == "unbalanced_markup" for w in check_markup(d["original"]))


def _spacing_only(d: dict[str, Any]) -> bool:
    return (
        d["theirs"] is not None
        and d["ours"] is not None
        and d["ours"].replace(" ", "") == d["theirs"].replace(" ", "")
    )


#: Each rule was written after reading, in the wikitext, the disagreement it judges.
VERDICTS: list[Verdict] = [
    (
        "infobox",
        lambda d: (
            d["theirs"] is None
            and not d["their"]["infobox"]
            and "{{" in d["mine"]["wikitext"][:200]
            and _unclosed_box(d)
        ),
        "theirs wrong",
        "an unclosed infobox is not read by wtf_wikipedia; drugparse closes it where its "
        "parameters end (with an unbalanced_markup warning)",
    ),
    (
        "infobox",
        lambda d: d["theirs"] is None and d["nested"],
        "theirs wrong",
        "a parameter of a Chembox section ({{Chembox Identifiers|...}} written as a value "
        "of the box) is not read by wtf_wikipedia",
    ),
    (
        "infobox",
        lambda d: d["ours"] is not None and d["theirs"] is None and "{{" in d["raw"],
        "theirs wrong",
        "a value written with a template ({{drugs.com|...}}, {{IPAc-en|...}}) is dropped by "
        "wtf_wikipedia",
    ),
    (
        "infobox",
        lambda d: (
            d["ours"] is not None
            and d["theirs"] is not None
            and "{{" in d["raw"]
            and _words(d["theirs"]) != _words(d["ours"])
            and _is_subsequence(_words(d["theirs"]), _words(d["ours"]))
        ),
        "theirs wrong",
        "the text of a template in the value ({{ATC|J07|BD52}}) is missing from wtf_wikipedia's",
    ),
    (
        "infobox",
        lambda d: d["ours"] is None and d["theirs"] is not None and "{{" in d["raw"],
        "ours wrong",
        "a template in the value has no rendering in drugparse",
    ),
    (
        "infobox",
        lambda d: _spacing_only(d) and "<nowiki/>" in d["raw"],
        "theirs wrong",
        "<nowiki/> shows nothing; wtf_wikipedia leaves a space",
    ),
    (
        "infobox",
        lambda d: _spacing_only(d) and bool(re.search(r"-\s*<br\s*/?>", d["raw"])),
        "convention",
        "a line break after a hyphen: drugparse joins the word (a soft break), "
        "wtf_wikipedia puts a space",
    ),
    (
        "infobox",
        _spacing_only,
        "convention",
        "spacing only",
    ),
    (
        "citations",
        lambda d: d["ours"] - d["theirs"] == _undefined_refs(d) > 0,
        "convention",
        "a ref used (<ref name=x/>) but never defined is a citation entry with an "
        "unknown_reference warning in drugparse (the spec: no ref is lost), nothing for "
        "wtf_wikipedia",
    ),
    (
        "citations",
        lambda d: _explained(d) and _ours_only(d) == 0,
        "theirs wrong",
        "a {{citation needed}} tag marks a missing citation; wtf_wikipedia counts each as "
        "a reference",
    ),
    (
        "citations",
        _explained,
        "convention",
        "each item of a Further reading/Bibliography/Sources list written as plain text "
        "or with a wrapper not named cite… ({{IUCN}}, {{EB1911}}) is a citation (role "
        "bibliography) for drugparse, and so is each short footnote ({{sfn}}) and "
        "{{efn}}/{{NoteTag}} note; wtf_wikipedia counts none of them (and counts "
        "{{citation needed}} tags, wrongly)",
    ),
    (
        "citations",
        lambda d: d["theirs"] - d["ours"] == _repeated_definitions(d) > 0,
        "theirs wrong",
        "a named ref written out in full several times is one footnote on the page; "
        "wtf_wikipedia counts each copy",
    ),
    (
        "sections",
        _only_references_below,
        "theirs wrong",
        "a section holding only the reference list (<references />) is a heading on the "
        "page; wtf_wikipedia drops it",
    ),
    (
        "citations",
        lambda d: d["ours"] > d["theirs"] and bool(_SHORT_FOOTNOTE.search(d["mine"]["wikitext"])),
        "convention",
        "short footnotes ({{sfn}}, {{harvnb}}) and full citations outside refs (a Sources "
        "list) are citations for drugparse; wtf_wikipedia counts <ref>s",
    ),
    (
        "first sentence",
        lambda d: (
            _words(d["theirs"]) != _words(d["ours"])
            and _is_subsequence(_words(d["theirs"]), _words(d["ours"]))
        ),
        "theirs wrong",
        "text a template shows (a pronunciation {{IPAc-en}}, a language {{lang-xx}}, a "
        "date) is missing from wtf_wikipedia's sentence",
    ),
    (
        "first sentence",
        lambda d: (
            _is_subsequence(_words(d["ours"]), _words(d["theirs"]))
            and len(_words(d["ours"])) < len(_words(d["theirs"]))
        ),
        "ours wrong",
        "drugparse's sentence lacks words wtf_wikipedia shows",
    ),
    (
        "first sentence",
        lambda d: (
            _words(d["ours"]) == _words(d["theirs"])
            and bool(re.search(r" [),.;:]", d["theirs"]))
            and not re.search(r" [),.;:]", d["ours"])
        ),
        "theirs wrong",
        "a space before a closing bracket or comma where a <ref> or template was removed",
    ),
    (
        "first sentence",
        lambda d: d["theirs"].lstrip().startswith("{{"),
        "theirs wrong",
        "an unclosed infobox ({{Infobox drug with no }}) is read as the lead's text by "
        "wtf_wikipedia; drugparse repairs it",
    ),
]


def judge(aspect: str, detail: dict[str, Any]) -> tuple[str, str]:
    for rule_aspect, test, side, reason in VERDICTS:
        if rule_aspect == aspect and test(detail):
            return side, reason
    return "unjudged", ""


# -- comparing ---------------------------------------------------------------------
def compare_article(
    mine: dict[str, Any], their: dict[str, Any]
) -> tuple[dict[str, tuple[int, int]], list[dict[str, Any]]]:
    """Per aspect (agreeing, compared), and the disagreements."""
    scores: dict[str, tuple[int, int]] = {}
    found: list[dict[str, Any]] = []
    raw, top = _raw_infobox(mine["wikitext"])
    keys = sorted(set(mine["infobox"]) | set(their["infobox"]))
    agree = 0
    for key in keys:
        a, b = mine["infobox"].get(key), their["infobox"].get(key) or None
        if a is not None and b is not None and _same(a, b):
            agree += 1
        else:
            found.append(
                {
                    "aspect": "infobox",
                    "key": key,
                    "ours": a,
                    "theirs": b,
                    "raw": raw.get(key, ""),
                    "nested": key not in top,
                }
            )
    scores["infobox"] = (agree, len(keys))
    drug_box = (their.get("infobox_template") or "").lower() in _DRUG_BOXES
    if not mine["infobox"] and not drug_box:  # a page with no drug infobox
        scores["infobox"] = (0, 0)
        found = [item for item in found if item["aspect"] != "infobox"]
    same = mine["citations"] == their["citations"]
    scores["citations"] = (int(same), 1)
    if not same:
        found.append(
            {"aspect": "citations", "ours": mine["citations"], "theirs": their["citations"]}
        )
    same = mine["categories"] == their["categories"]
    scores["categories"] = (int(same), 1)
    if not same:
        found.append(
            {"aspect": "categories", "ours": mine["categories"], "theirs": their["categories"]}
        )
    same = [h for h, _ in mine["sections"]] == [h for h, _ in their["sections"]]
    scores["sections"] = (int(same), 1)
    if not same:
        found.append({"aspect": "sections", "ours": mine["sections"], "theirs": their["sections"]})
    sentence = their.get("first_sentence") or ""
    summary = " ".join(mine["summary"].split())
    same = summary.startswith(" ".join(sentence.split())) if sentence else not summary
    scores["first sentence"] = (int(same), 1)
    if not same:
        first = _first_sentence(mine["summary"], sentence)
        found.append({"aspect": "first sentence", "ours": first, "theirs": sentence})
    for item in found:
        item["side"], item["reason"] = judge(
            item["aspect"], {**item, "mine": mine, "their": their, "original": mine["original"]}
        )
    return scores, found


def _first_sentence(summary: str, theirs: str) -> str:
    """Our summary's opening, up to the end of the sentence that covers theirs."""
    line = summary.split("\n")[0]
    end = line.find(". ", max(len(theirs) - 20, 0))
    return line if end == -1 else line[: end + 1]


def _raw_infobox(wikitext: str) -> tuple[dict[str, str], set[str]]:
    """The box's parameters as written (Chembox sections flattened), and the names of
    those written in the box itself."""
    box = find_infobox(parse_wikitext(wikitext))
    if box is None:
        return {}, set()
    top = {str(p.name).strip().lower() for p in box.template.params}
    return {p.name.lower(): str(p.value).strip() for p in box.parameters}, top


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--all", action="store_true", help="also list convention differences")
    parser.add_argument(
        "--peer", action="store_true", help="also the real pages of ../shared/peer (no infobox)"
    )
    options = parser.parse_args(argv)
    if shutil.which("node") is None or not (WTF / "node_modules" / "wtf_wikipedia").is_dir():
        print("skipped: needs node and `npm install` in benchmarks/wtf (see this file's docstring)")
        return 0
    articles = read_articles(options.shared, options.peer)
    read = theirs(articles)
    totals: dict[str, list[int]] = {aspect: [0, 0] for aspect in ASPECTS}
    sides: Counter[str] = Counter()
    listing: dict[str, list[str]] = {}
    print(f"{'article':38} " + " ".join(f"{a:>14}" for a in ASPECTS))
    print(f"{'':38} " + " ".join(f"{'agree/compared':>14}" for _ in ASPECTS))
    for name, wikitext in articles:
        scores, found = compare_article(ours(name, wikitext), read[name])
        cells = []
        for aspect in ASPECTS:
            agree, compared = scores[aspect]
            totals[aspect][0] += agree
            totals[aspect][1] += compared
            cells.append(f"{agree:>6}/{compared:<7}")
        print(f"{name[:38]:38} " + " ".join(f"{c:>14}" for c in cells))
        for item in found:
            sides[item["side"]] += 1
            shown = {k: item[k] for k in ("key", "ours", "theirs") if k in item}
            line = f"  {name} {item['aspect']}: {json.dumps(shown, ensure_ascii=False)}"
            if item["reason"]:
                line += f"\n      ({item['reason']})"
            listing.setdefault(item["side"], []).append(line)
    print(f"{'total':38} " + " ".join(f"{t[0]:>6}/{t[1]:<7}" for t in totals.values()))
    print("rates: " + ", ".join(f"{a} {t[0] / t[1]:.1%}" for a, t in totals.items() if t[1]))
    print("disagreements: " + ", ".join(f"{side} {n}" for side, n in sorted(sides.items())))
    for side in ("ours wrong", "unjudged", "theirs wrong", "convention"):
        if side in listing and (options.all or side != "convention"):
            print(f"\n## {side} ({len(listing[side])})")
            print("\n".join(listing[side]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
