"""The Overview's small charts: each headline drawn before it is told. Pure plotly, in the
project template; each is computed once by its section (components.sections) and drawn by the
page, the presentation screen and, where a slide has it, the pack.

- `trade_bars`: each reporter's latest trade as a bar, against the target's line;
- `count_bars`: the documents signed at a visit, by how many sources give each count;
- `value_bars`: the stated deal value by how far the deals have got (status);
- the routes' built share is routes.status_figure, the Corridors page's own chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from components.figures.style import OKABE_ITO, TEMPLATE, plain
from components.figures.trade import SERIES_COLOURS, STATUS_COLOURS, STATUS_PATTERNS

#: A small chart's height, px, for this many bars
BAR_PX, FRAME_PX = 38, 96


def _small(fig: go.Figure, bars: int, x_title: str) -> go.Figure:
    # a small chart in a third of the page: type a size under the full charts'
    fig.update_layout(template=TEMPLATE, height=FRAME_PX + BAR_PX * max(bars, 1),
                      margin={"l": 10, "r": 24, "t": 8, "b": 44}, showlegend=False,
                      bargap=0.3, font_size=14,
                      xaxis={"title": x_title, "rangemode": "tozero", "tickfont_size": 13,
                             "title_font_size": 13},
                      yaxis={"type": "category", "autorange": "reversed", "automargin": True,
                             "tickfont_size": 13})
    return fig


def trade_bars(labels: Sequence[str], values_usd: Sequence[float], texts: Sequence[str],
               reporters: Sequence[int], target_usd: float | None = None,
               target_text: str = "") -> go.Figure:
    """One horizontal bar per series (labels, in US dollars; texts: the values as read), its
    colour the reporter's (reporters: each series' reporter position, as the trade chart
    colours them), and the target as a dashed line with its text."""
    fig = go.Figure(go.Bar(
        y=[plain(x) for x in labels], x=[v / 1e6 for v in values_usd], orientation="h",
        text=[plain(t) for t in texts], textposition="outside", cliponaxis=False,
        marker_color=[SERIES_COLOURS[r % len(SERIES_COLOURS)] for r in reporters],
        hovertemplate="%{y}: %{text}<extra></extra>"))
    _small(fig, len(labels), "US$ million")
    if target_usd:
        fig.add_vline(x=target_usd / 1e6, line_dash="dash", line_color="#555555", line_width=2,
                      annotation_text=plain(target_text), annotation_position="top left",
                      annotation_font_size=13, annotation_xshift=-4)  # clear of the line
        fig.update_xaxes(range=[0, target_usd / 1e6 * 1.08])
    return fig


def count_bars(counts: Sequence[str], sources: Sequence[int]) -> go.Figure:
    """One bar per count a source gives ('37', '~30'), as long as the number of sources that
    give it: the count most sources agree on stands out."""
    fig = go.Figure(go.Bar(
        y=[plain(c) for c in counts], x=list(sources), orientation="h",
        text=[f"{n} source{'s' if n != 1 else ''}" for n in sources], textposition="outside",
        cliponaxis=False, marker_color=OKABE_ITO[0],
        hovertemplate="%{y} documents: %{x} sources<extra></extra>"))
    _small(fig, len(counts), "sources giving each count")
    fig.update_xaxes(dtick=max(1, math.ceil(max(sources, default=1) / 3)),
                     range=[0, max(sources, default=1) * 1.6])
    return fig


def value_bars(statuses: Sequence[str], labels: Sequence[str], low_usd: Sequence[float],
               texts: Sequence[str]) -> go.Figure:
    """One bar per deal status (statuses: ids, for colour and pattern; labels: as read), as
    long as the lowest stated values of its deals added up (texts: the amounts as read, a
    range where sources differ)."""
    fig = go.Figure(go.Bar(
        y=[plain(x) for x in labels], x=[v / 1e6 for v in low_usd], orientation="h",
        text=[plain(t) for t in texts], textposition="outside", cliponaxis=False,
        marker_color=[STATUS_COLOURS.get(s, "#888888") for s in statuses],
        marker_pattern_shape=[STATUS_PATTERNS.get(s, "") for s in statuses],
        hovertemplate="%{y}: %{text}<extra></extra>"))
    _small(fig, len(labels), "US$ million")
    fig.update_xaxes(range=[0, max(low_usd, default=1) / 1e6 * 1.75])
    return fig
