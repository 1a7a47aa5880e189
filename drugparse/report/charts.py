"""Charts as inline SVG, drawn here: horizontal bars and 100% stacked bars.

Every chart of the report is a bar chart, so a few dozen lines of SVG do
what a charting library would, with nothing to load at view time, text
that prints sharp and stays selectable, and colours set by the page's CSS
(classes, not inline fills), so print and dark styles can change them. Each
chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>``; every
bar has a ``<title>`` tooltip with its numbers.

>>> svg = bar_chart("cov", "Field coverage", [Bar("CAS", 0.8, "80% (12)")], maximum=1.0)
>>> svg.startswith('<svg class="chart"') and 'width="240.0"' in svg
True
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

__all__ = ["Bar", "Segment", "bar_chart", "stacked_chart"]

_LABEL_WIDTH = 150
_PLOT_WIDTH = 300
_VALUE_WIDTH = 110
_ROW = 24
_BAR = 16
_TOP = 8


class Bar(NamedTuple):
    """One bar: its label, its length (in the chart's unit) and the text printed after it."""

    label: str
    value: float
    text: str


class Segment(NamedTuple):
    """One part of a stacked bar: ``Segment("changed", "changed", 2)`` (2 records)."""

    key: str
    label: str
    records: int


def _open(chart_id: str, title: str, description: str, height: int) -> list[str]:
    width = _LABEL_WIDTH + _PLOT_WIDTH + _VALUE_WIDTH
    return [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-t {escape(chart_id)}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-d">{escape(description)}</desc>',
    ]


def _label(y: float, text: str) -> str:
    return (
        f'<text class="label" x="{_LABEL_WIDTH - 8}" y="{y:.1f}" text-anchor="end" '
        f'dominant-baseline="middle">{escape(text)}</text>'
    )


def bar_chart(chart_id: str, title: str, bars: list[Bar], *, maximum: float | None = None) -> str:
    """Horizontal bars scaled to ``maximum`` (default: the longest bar)."""
    top = maximum if maximum else max((b.value for b in bars), default=0) or 1
    height = _TOP * 2 + _ROW * max(len(bars), 1)
    summary = "; ".join(f"{b.label}: {b.text}" for b in bars) or "no data"
    parts = _open(chart_id, title, summary, height)
    parts.append(
        f'<line class="axis" x1="{_LABEL_WIDTH}" y1="{_TOP / 2}" '
        f'x2="{_LABEL_WIDTH}" y2="{height - _TOP / 2}"/>'
    )
    for row, bar in enumerate(bars):
        y = _TOP + row * _ROW
        middle = y + _ROW / 2
        width = round(_PLOT_WIDTH * max(0.0, min(bar.value / top, 1.0)), 1)
        parts.append(_label(middle, bar.label))
        parts.append(
            f'<rect class="bar" x="{_LABEL_WIDTH}" y="{y + (_ROW - _BAR) / 2:.1f}" '
            f'width="{width}" height="{_BAR}"><title>{escape(bar.label)}: '
            f"{escape(bar.text)}</title></rect>"
        )
        parts.append(
            f'<text class="value" x="{_LABEL_WIDTH + width + 6}" y="{middle:.1f}" '
            f'dominant-baseline="middle">{escape(bar.text)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def stacked_chart(chart_id: str, title: str, rows: list[tuple[str, list[Segment]]]) -> str:
    """One 100% bar per row, split into segments (CSS class ``seg-<key>``), and a legend."""
    legend_height = _ROW
    height = _TOP * 2 + legend_height + _ROW * max(len(rows), 1)
    described = []
    for label, segments in rows:
        described.append(label + ": " + ", ".join(f"{s.records} {s.label}" for s in segments))
    parts = _open(chart_id, title, "; ".join(described) or "no data", height)
    keys = rows[0][1] if rows else []
    x = float(_LABEL_WIDTH)
    for segment in keys:  # the legend, one swatch per kind of segment
        parts.append(
            f'<rect class="seg-{escape(segment.key)}" x="{x:.1f}" y="{_TOP}" '
            f'width="12" height="12"/>'
        )
        parts.append(
            f'<text class="legend" x="{x + 16:.1f}" y="{_TOP + 6}" '
            f'dominant-baseline="middle">{escape(segment.label)}</text>'
        )
        x += 24 + 7 * len(segment.label)
    for row, (label, segments) in enumerate(rows):
        y = _TOP + legend_height + row * _ROW
        middle = y + _ROW / 2
        parts.append(_label(middle, label))
        total = sum(s.records for s in segments) or 1
        x = float(_LABEL_WIDTH)
        for segment in segments:
            width = _PLOT_WIDTH * segment.records / total
            if segment.records:
                share = f"{100 * segment.records / total:.0f}%"
                parts.append(
                    f'<rect class="seg-{escape(segment.key)}" x="{x:.1f}" '
                    f'y="{y + (_ROW - _BAR) / 2:.1f}" width="{width:.1f}" height="{_BAR}">'
                    f"<title>{escape(label)}: {segment.records} {escape(segment.label)} "
                    f"({share})</title></rect>"
                )
            x += width
        counts = "/".join(str(s.records) for s in segments)
        parts.append(
            f'<text class="value" x="{_LABEL_WIDTH + _PLOT_WIDTH + 6}" y="{middle:.1f}" '
            f'dominant-baseline="middle">{escape(counts)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
