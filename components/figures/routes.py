"""The routes-compared chart: each route's drawn kilometres by status. Pure plotly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.analysis.memo import by_identity
from components.analysis.routes import STATUS_ORDER
from components.figures.style import STATUS_STYLE, TEMPLATE

#: bar fill pattern per status: none for what exists, denser marks the less certain it is
STATUS_PATTERN = {"operational": "", "under_construction": "/", "planned": ".",
                  "proposed": "x"}


@by_identity()
def status_figure(compared: pd.DataFrame, status_labels: dict[str, str]) -> go.Figure:
    """Horizontal stacked bars: each route's drawn km by status (project template).

    compared: the output of routes.compare_routes; status_labels: status_id → label. Colours
    and patterns match the map's status styles.
    """
    fig = go.Figure()
    for status in STATUS_ORDER:
        r, g, b = STATUS_STYLE[status]["color"]
        fig.add_trace(go.Bar(
            y=compared["corridor"], x=compared[f"km_{status}"], orientation="h",
            name=status_labels.get(status, status), marker_color=f"rgb({r},{g},{b})",
            # a pattern per status too, so the bars read without colour (like the map's dashes)
            marker_pattern={"shape": STATUS_PATTERN[status], "fillmode": "overlay",
                            "fgcolor": "white", "solidity": 0.35},
            hovertemplate="%{y}: %{x:,} km " + status_labels.get(status, status).lower()
                          + "<extra></extra>"))
    fig.update_layout(template=TEMPLATE, barmode="stack", height=170 + 70 * len(compared),
                      xaxis={"title": "km (drawn, straight lines between places)",
                             "tickformat": ",d"},
                      yaxis={"type": "category", "autorange": "reversed"},
                      legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                              "traceorder": "normal"})
    return fig
