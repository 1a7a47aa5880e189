"""A data-quality report for the editors who keep drug articles: worklists, counts, charts.

``drugparse report RECORDS -o report.html`` (or ``--format json``). In Python::

    >>> from drugparse.report import build_report
    >>> build_report([{"title": "Aspirin", "identifiers": {"cas": "50-78-2"}}])["summary"]
    {'pages_read': None, 'records': 1, 'failed_pages': 0, 'records_with_problems': 0, \
'share_with_problems': 0.0}

:func:`build_report` is pure (records in, a JSON-ready dict out);
:func:`render_html` turns that dict into one self-contained page and needs
the ``report`` extra (Jinja2).
"""

from typing import Any

from drugparse.report.model import ReportBuilder, build_report

__all__ = ["ReportBuilder", "build_report", "render_html"]


def render_html(report: dict[str, Any]) -> str:
    """The HTML page of a report dict; needs Jinja2 (``pip install 'drugparse[report]'``)."""
    from drugparse.report.html import render_html as render

    return render(report)
