"""The report as one self-contained HTML page: Jinja2 template, inline CSS, JS and SVG.

Needs the ``report`` extra (Jinja2); without it :func:`render_html` raises
:class:`ReportExtraMissing` with the command that installs it. Nothing is
fetched when the page is viewed: styles, script and charts are in the file.
"""

from __future__ import annotations

from typing import Any

from drugparse.errors import DrugparseError
from drugparse.report.charts import Bar, Segment, bar_chart, stacked_chart

__all__ = ["ReportExtraMissing", "chart_svgs", "render_html", "require_jinja"]

#: Segments of the verification chart: record counts keys, as the legend names them.
_VERIFICATION_SEGMENTS = (
    ("correct", "correct"),
    ("changed", "changed"),
    ("absent", "no marker"),
    ("no_value", "no value"),
)


class ReportExtraMissing(DrugparseError):
    """The HTML report needs Jinja2, from the ``report`` extra."""

    code = "missing_extra"

    def __init__(self) -> None:
        super().__init__(
            "the HTML report needs Jinja2: pip install 'drugparse[report]' "
            "(or use --format json, which needs nothing more)"
        )


def require_jinja() -> Any:
    """The ``jinja2`` module, or :class:`ReportExtraMissing`."""
    try:
        import jinja2
    except ImportError as exc:
        raise ReportExtraMissing() from exc
    return jinja2


def percent(share: float) -> str:
    """``percent(0.0667)`` -> ``'7%'``; never rounds a non-zero share to 0%.

    >>> percent(0.0667), percent(0.001), percent(0.0)
    ('7%', '<1%', '0%')
    """
    if 0 < share < 0.005:
        return "<1%"
    return f"{100 * share:.0f}%"


def code_spans(text: str) -> Any:
    """Escaped text with its `backtick` spans (as the warning codes' descriptions write them)
    as ``<code>``: ``kept in `unmapped` <here>`` -> ``kept in <code>unmapped</code> &lt;here&gt;``.
    """
    from markupsafe import Markup, escape

    parts = str(escape(text)).split("`")
    if len(parts) % 2 == 0:  # an odd number of backticks: leave them as written
        return Markup("`".join(parts))
    return Markup("".join(f"<code>{p}</code>" if n % 2 else p for n, p in enumerate(parts)))


def chart_svgs(report: dict[str, Any]) -> dict[str, str]:
    """Every chart of the report, as SVG markup, by name."""
    coverage = [
        Bar(item["label"], item["share"], f"{percent(item['share'])} ({item['records']})")
        for item in report["coverage"]
    ]
    problems = [
        Bar(item["kind"], item["share"], f"{percent(item['share'])} ({item['records']})")
        for item in report["problems"]
    ]
    verification = [
        (item["label"], [Segment(key, label, item[key]) for key, label in _VERIFICATION_SEGMENTS])
        for item in report["verification"]
    ]
    citations = report["citations"]
    histogram = [
        Bar(item["label"], item["records"], str(item["records"])) for item in citations["histogram"]
    ]
    with_ids = [
        Bar(label, citations[f"share_with_{key}"], f"{percent(citations[f'share_with_{key}'])}")
        for key, label in (("doi", "DOI"), ("pmid", "PMID"), ("doi_or_pmid", "DOI or PMID"))
    ]
    return {
        "coverage": bar_chart("chart-coverage", "Field coverage", coverage, maximum=1.0),
        "problems": bar_chart(
            "chart-problems", "Share of records with each kind of problem", problems, maximum=1.0
        ),
        "verification": stacked_chart(
            "chart-verification", "CheMoBot verification by identifier", verification
        ),
        "citations": bar_chart("chart-citations", "Articles by number of citations", histogram),
        "identifiers": bar_chart(
            "chart-citation-ids", "Share of citations with a DOI or PMID", with_ids, maximum=1.0
        ),
    }


def render_html(report: dict[str, Any]) -> str:
    """The page for a report dict of :func:`drugparse.report.build_report`."""
    jinja2 = require_jinja()
    from markupsafe import Markup

    import drugparse

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("drugparse.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["percent"] = percent
    environment.filters["code_spans"] = code_spans
    charts = {name: Markup(svg) for name, svg in chart_svgs(report).items()}
    kinds = [item["kind"] for item in report["problems"]]
    rows = {kind: [r for r in report["worklist"] if r["kind"] == kind] for kind in kinds}
    template = environment.get_template("report.html.j2")
    page: str = template.render(
        report=report,
        charts=charts,
        rows=rows,
        segments=_VERIFICATION_SEGMENTS,
        version=drugparse.__version__,
    )
    return page
