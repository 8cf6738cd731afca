"""Every relationship against its target: each reporter's latest annual figure as a share of
the relationship's target, one row of bars per relationship. Pure plotly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.analysis.memo import by_identity
from components.figures.style import OKABE_ITO, TEMPLATE, plain


@by_identity()
def target_share_figure(bars: pd.DataFrame) -> go.Figure:
    """Horizontal grouped bars (project template): x the share of the target reached (1.0 =
    the target), y the relationship, one trace per series ('<adjective> statistics (calendar
    year)'), a line at the target.

    bars: one row per figure with relationship, series, share (fraction), value, period,
    target and source (text, shown on hover). Relationships keep their order of first appearance.
    """
    fig = go.Figure()
    order = list(dict.fromkeys(bars["relationship"]))
    for i, (series, group) in enumerate(bars.groupby("series", sort=False)):
        fig.add_trace(go.Bar(
            y=[plain(r) for r in group["relationship"]], x=group["share"].to_numpy(float),
            orientation="h", name=plain(series), marker_color=OKABE_ITO[i % len(OKABE_ITO)],
            text=[f"{s:.0%}" for s in group["share"]], textposition="outside",
            customdata=list(zip(*(group[c].map(plain) for c in
                                  ("value", "period", "target", "source")))),
            hovertemplate=("%{y}: %{customdata[0]} for %{customdata[1]}, %{x:.1%} of the "
                           "%{customdata[2]} target<br>%{customdata[3]}<extra>"
                           + plain(series) + "</extra>")))
    fig.add_vline(x=1, line={"color": "#444", "dash": "dash", "width": 2},
                  annotation_text="target", annotation_position="bottom right")
    top = max(1.1, float(bars["share"].max()) * 1.15) if not bars.empty else 1.1
    fig.update_layout(
        template=TEMPLATE, barmode="group", height=220 + 90 * len(order),
        xaxis={"title": "share of the relationship's target reached (latest whole year)",
               "tickformat": ".0%", "range": [0, top]},
        yaxis={"type": "category", "categoryorder": "array",
               "categoryarray": [plain(r) for r in order], "autorange": "reversed"},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    return fig
