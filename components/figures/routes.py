"""The routes-compared charts: each route's drawn kilometres by status, and by country crossed.
Pure plotly."""

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
    return _km_bars_layout(fig, len(compared), 170)


def _km_bars_layout(fig: go.Figure, n_routes: int, room_px: int) -> go.Figure:
    """What both km charts share: stacked bars a route each (first at the top), km on x, the
    legend above; `room_px` for the legend and axes, 70 px a route."""
    fig.update_layout(template=TEMPLATE, barmode="stack", height=room_px + 70 * n_routes,
                      xaxis={"title": "km (drawn, straight lines between places)",
                             "tickformat": ",d"},
                      yaxis={"type": "category", "autorange": "reversed"},
                      legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                              "traceorder": "normal"})
    return fig


#: a colour per country crossed, in the order the routes meet them: muted, so as not to read as
#: the status colours (which the patterns here stand for)
COUNTRY_COLOURS = ("#6f8fa8", "#b08a63", "#7f9e7a", "#9b7aa0", "#a86f6f", "#8c8c8c",
                   "#5f9ea0", "#b0a060")


@by_identity()
def country_figure(by_country: pd.DataFrame, route_names: dict[str, str],
                   status_labels: dict[str, str]) -> go.Figure:
    """Horizontal stacked bars: each route's drawn km in each country it crosses, a colour per
    country (in the order the route meets them) and, within a country, a pattern per status
    (as in status_figure: none for operational, denser the less certain).

    by_country: crossings.route_countries rows (corridor_id, iso3, country, km_<status>, km,
    share); route_names: corridor id → the name on the axis. Hover: route, country, status,
    km and the country's share of the route.
    """
    fig = go.Figure()
    # stacked in the order the routes meet the countries: a country's place along its route
    # (the railhead's country first), ties in the order the table first names them
    at = by_country.groupby("corridor_id", sort=False).cumcount()
    order = (pd.DataFrame({"country": by_country["country"], "at": at})
             .groupby("country", sort=False)["at"].min().sort_values(kind="stable"))
    colour = {c: COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)] for i, c in enumerate(order.index)}
    routes = [route_names.get(c, c) for c in by_country["corridor_id"]]
    frame = by_country.assign(route=routes)
    for country in colour:
        mine = frame[frame["country"] == country]
        for status in STATUS_ORDER:
            km = mine.get(f"km_{status}")
            if km is None or not (km > 0).any():
                continue
            label = status_labels.get(status, status)
            fig.add_trace(go.Bar(
                y=mine["route"], x=km.round(0), orientation="h", name=country,
                legendgroup=country, showlegend=False, marker_color=colour[country],
                marker_pattern={"shape": STATUS_PATTERN[status], "fillmode": "overlay",
                                "fgcolor": "white", "solidity": 0.35},
                customdata=[[f"{s:.0%}"] for s in mine["share"]],
                hovertemplate=f"%{{y}}: %{{x:,}} km in {country}, {label.lower()} "
                              "(the country's whole share of the route: %{customdata[0]})"
                              "<extra></extra>"))
    # the legend: a swatch per country, then what each pattern means (no bars of their own)
    for country, c in colour.items():
        fig.add_trace(go.Bar(y=[None], x=[None], orientation="h", name=country,
                             legendgroup=country, marker_color=c, hoverinfo="skip"))
    for status in STATUS_ORDER:
        if (by_country.get(f"km_{status}", pd.Series(dtype=float)) > 0).any():
            fig.add_trace(go.Bar(
                y=[None], x=[None], orientation="h", name=status_labels.get(status, status),
                marker_color="#9a9a9a", hoverinfo="skip",
                marker_pattern={"shape": STATUS_PATTERN[status], "fillmode": "overlay",
                                "fgcolor": "white", "solidity": 0.35}))
    return _km_bars_layout(fig, len(dict.fromkeys(routes)), 190)
