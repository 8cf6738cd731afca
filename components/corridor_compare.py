"""Routes compared: one row per route to the Arabian Sea ports, from the data alone.

Lengths called 'drawn' are geodesic lengths of the lines on the map (straight lines between
sourced places): they understate rail distance, and sit beside the lengths sources state.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from components import formatting as fmt
from components.geometry import path_edges, rail_graph, segment_lines, shortest_path
from components.memo import by_identity
from components.sourcing import source_label


@dataclass(frozen=True)
class RouteSpec:
    """A route and how Kazakh cargo reaches it.

    corridor_id: the route corridor; feeder_id: the corridor bringing Kazakh cargo to its start;
    origin: the Kazakh railhead (place id) distances are measured from.
    """

    corridor_id: str
    feeder_id: str
    origin: str


ROUTES = (
    RouteSpec("trans_afghan", "kz_uz_feeder", "almaty"),
    RouteSpec("western_trans_afghan", "kz_tm_feeder", "zhanaozen"),
)
NETWORK = "pakistan_network"
PORTS = ("karachi", "gwadar")
STATUS_ORDER = ("operational", "under_construction", "planned", "proposed")


def gauge_changes(graph: nx.Graph, path: list[str]) -> list[dict]:
    """Where the gauge changes along a path.

    Returns [{'from_mm', 'to_mm', 'at': place id where the new gauge starts,
              'exact': True when the gauges on both sides of `at` are stated,
              'after': place id where the old gauge was last stated}].
    Segments without a stated gauge are skipped, so a change across them is 'between'.
    """
    changes = []
    last_gauge, last_place, previous_known = None, None, False
    for edge in path_edges(graph, path):
        gauge = edge["gauge_mm"]
        if pd.isna(gauge):
            previous_known = False
            continue
        gauge = int(gauge)
        if last_gauge is not None and gauge != last_gauge:
            changes.append({"from_mm": last_gauge, "to_mm": gauge, "at": edge["from"],
                            "exact": previous_known, "after": last_place})
        last_gauge, last_place, previous_known = gauge, edge["to"], True
    return changes


def _claims(claims: pd.DataFrame, corridor_id: str, metric: str) -> pd.DataFrame:
    rows = claims[(claims["corridor_id"] == corridor_id) & (claims["metric"] == metric)
                  & claims["segment_id"].isna()]
    return rows.sort_values(["date", "claim_id"])


def _claim_text(row: pd.Series | None, show, sources: pd.DataFrame) -> str:
    if row is None:
        return "not stated"
    return f"{show(row['value'], row['qualifier'])} ({source_label(sources, row['source_id'])})"


@by_identity()
def compare_routes(tables: dict[str, pd.DataFrame], all_segments: pd.DataFrame | None = None
                   ) -> pd.DataFrame:
    """The comparison table, one row per route corridor present in `tables['corridors']`.

    tables: the (filtered) dataset; all_segments: the unfiltered segments used for distances from
    Kazakhstan (feeders and Pakistan's network count even when the view shows one corridor).
    Columns (km are drawn geodesic lengths unless 'stated'):
      corridor_id, corridor, drawn_km, stated_km_latest, stated_km_range, km_<status> for each
      status, gauge_changes, border_crossings, cost_low, cost_high, countries, railhead,
      km_to_karachi, km_to_gwadar, source_ids
    """
    places, sources = tables["places"], tables["sources"]
    lines = segment_lines(tables["segments"], places)
    graph = rail_graph(segment_lines(
        all_segments if all_segments is not None else tables["segments"], places))
    names = dict(zip(places["place_id"], places["name"]))
    kinds = dict(zip(places["place_id"], places["kind"]))
    claims = tables["corridor_claims"]
    corridors = tables["corridors"].set_index("corridor_id")
    rows = []
    for spec in ROUTES:
        if spec.corridor_id not in corridors.index:
            continue
        own = lines[lines["corridor_id"] == spec.corridor_id]
        if own.empty:
            continue
        row: dict = {"corridor_id": spec.corridor_id,
                     "corridor": corridors.at[spec.corridor_id, "short_name"],
                     "drawn_km": round(float(own["length_km"].sum()))}
        lengths = _claims(claims, spec.corridor_id, "length_km")
        row["stated_km_latest"] = _claim_text(
            lengths.iloc[-1] if not lengths.empty else None, fmt.length_km, sources)
        row["stated_km_range"] = (f"{lengths['value'].min():,.0f}–{lengths['value'].max():,.0f} km"
                                  f" ({len(lengths)} claims)" if len(lengths) > 1 else "")
        for status in STATUS_ORDER:
            row[f"km_{status}"] = round(float(own.loc[own["status"] == status, "length_km"].sum()))
        stops = [s for stops in own["stops"] for s in stops]
        row["border_crossings"] = ", ".join(
            dict.fromkeys(names[s] for s in stops if kinds.get(s) == "border_crossing"))
        costs = _claims(claims, spec.corridor_id, "cost_usd")
        low = costs.loc[costs["value"].idxmin()] if not costs.empty else None
        high = costs.loc[costs["value"].idxmax()] if not costs.empty else None
        row["cost_low"] = _claim_text(low, fmt.money, sources)
        spread = not costs.empty and costs["value"].min() != costs["value"].max()
        row["cost_high"] = _claim_text(high, fmt.money, sources) if spread else ""
        row["countries"] = corridors.at[spec.corridor_id, "countries"]
        row["railhead"] = names.get(spec.origin, spec.origin)
        allowed = {spec.feeder_id, spec.corridor_id, NETWORK}
        changes_text = ""
        for port in PORTS:
            found = shortest_path(graph, spec.origin, port, allowed)
            row[f"km_to_{port}"] = round(found[1]) if found else None
            if port == "karachi" and found:
                changes_text = "; ".join(describe_change(c, names)
                                         for c in gauge_changes(graph, found[0]))
        row["gauge_changes"] = changes_text or "none stated"
        ids = [*own["source_id"], *lengths["source_id"], *costs["source_id"]]
        row["source_ids"] = ";".join(dict.fromkeys(ids))
        rows.append(row)
    return pd.DataFrame(rows)


def describe_change(change: dict, names: dict[str, str]) -> str:
    """'1,520 → 1,676 mm at Chaman' or '… between Herat and Chaman'."""
    gauges = f"{change['from_mm']:,} → {change['to_mm']:,} mm"
    at = names.get(change["at"], change["at"])
    if change["exact"]:
        return f"{gauges} at {at}"
    return f"{gauges} between {names.get(change['after'], change['after'])} and {at}"


#: bar fill pattern per status: none for what exists, denser marks the less certain it is
STATUS_PATTERN = {"operational": "", "under_construction": "/", "planned": ".",
                  "proposed": "x"}


@by_identity()
def status_figure(compared: pd.DataFrame, status_labels: dict[str, str]):
    """Horizontal stacked bars: each route's drawn km by status (plotly Figure, project template).

    compared: the output of compare_routes. Colours match the map's status colours.
    """
    import plotly.graph_objects as go

    from components.chart_style import TEMPLATE
    from components.corridor_map import STATUS_STYLE

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


def status_summary(compared: pd.DataFrame) -> str:
    """One sentence from the table, e.g. 'Of the Trans-Afghan route's 607 drawn km, 75 km
    (12%) are operational; of the Western Trans-Afghan route's 758 km, 106 km (14%) are.'"""
    parts = []
    for row in compared.itertuples():
        share = row.km_operational / row.drawn_km if row.drawn_km else 0
        parts.append(f"the {row.corridor} route's {row.drawn_km:,} drawn km, "
                     f"{row.km_operational:,} km ({share:.0%}) are operational")
    return ("Of " + "; of ".join(parts) + ".") if parts else ""


@by_identity(maxsize=16)
def route_gauge_changes(segments: pd.DataFrame, places: pd.DataFrame,
                        corridors: tuple[str, ...]) -> list[dict]:
    """Gauge changes (see `gauge_changes`) along each route of `corridors` (ROUTES' corridor
    ids), from its Kazakh railhead to Karachi over its feeder and Pakistan's network."""
    graph = rail_graph(segment_lines(segments, places))
    changes = []
    for spec in ROUTES:
        if spec.corridor_id not in corridors:
            continue
        found = shortest_path(graph, spec.origin, "karachi",
                              {spec.feeder_id, spec.corridor_id, NETWORK})
        if found:
            changes += gauge_changes(graph, found[0])
    return changes
