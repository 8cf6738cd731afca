"""Routes to the Arabian Sea ports, from the data alone: the comparison table, gauge
changes, and which segments a map colours and names. Pure.

Lengths called 'drawn' are geodesic lengths of the lines on the map (straight lines between
sourced places): they understate rail distance, and sit beside the lengths sources state.
"""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd

from components.analysis import formatting as fmt
from components.analysis.geometry import path_edges, rail_graph, segment_lines, shortest_path
from components.analysis.memo import by_identity
from components.analysis.relationships import Relationship
from components.analysis.sourcing import source_label
from components.analysis.vocabulary import place_names

STATUS_ORDER = ("operational", "under_construction", "planned", "proposed")
#: Where a map of the routes opens (lon, lat in degrees), when the data gives no better place:
#: the middle of the region the bundled routes cross, from the Caspian to the Arabian Sea.
MAP_CENTRE = (64.5, 34.5)


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
def compare_routes(tables: dict[str, pd.DataFrame], rel: Relationship,
                   all_segments: pd.DataFrame | None = None) -> pd.DataFrame:
    """The comparison table, one row per route the relationship depends on (its
    relationship_routes rows, in order) that is present in `tables['corridors']`.

    tables: the (filtered) dataset; all_segments: the unfiltered segments used for distances
    from the origin (feeders and the network count even when the view shows one corridor).
    Columns (km are drawn geodesic lengths unless 'stated'):
      corridor_id, corridor, drawn_km, stated_km_latest, stated_km_range, km_<status> for each
      status, gauge_changes (to the first port), border_crossings, cost_low, cost_high,
      countries, railhead, km_to_<port> for each of the relationship's ports, source_ids
    """
    places, sources = tables["places"], tables["sources"]
    lines = segment_lines(tables["segments"], places)
    graph = rail_graph(segment_lines(
        all_segments if all_segments is not None else tables["segments"], places))
    names = place_names(places)
    kinds = dict(zip(places["place_id"], places["kind"]))
    claims = tables["corridor_claims"]
    corridors = tables["corridors"].set_index("corridor_id")
    rows = []
    for spec in rel.routes:
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
        allowed = spec.corridors(rel.network)
        changes_text = ""
        for i, port in enumerate(rel.ports):
            found = shortest_path(graph, spec.origin, port, allowed)
            row[f"km_to_{port}"] = round(found[1]) if found else None
            if i == 0 and found:
                changes_text = "; ".join(describe_change(c, names)
                                         for c in gauge_changes(graph, found[0]))
        row["gauge_changes"] = changes_text or "none stated"
        ids = [*own["source_id"], *lengths["source_id"], *costs["source_id"]]
        row["source_ids"] = ";".join(dict.fromkeys(ids))
        rows.append(row)
    return pd.DataFrame(rows)


@by_identity()
def routes_of(frame: pd.DataFrame, corridor_ids: tuple[str, ...]) -> pd.DataFrame:
    """The rows of a table with corridor_id (corridors, corridor_claims) on `corridor_ids`
    (memoised: the same frame for the same inputs)."""
    return frame[frame["corridor_id"].isin(corridor_ids)]


def describe_change(change: dict, names: dict[str, str]) -> str:
    """'1,520 → 1,676 mm at Chaman' or '… between Herat and Chaman'."""
    gauges = f"{change['from_mm']:,} → {change['to_mm']:,} mm"
    at = names.get(change["at"], change["at"])
    if change["exact"]:
        return f"{gauges} at {at}"
    return f"{gauges} between {names.get(change['after'], change['after'])} and {at}"


def status_summary(compared: pd.DataFrame) -> str:
    """One sentence from the table, e.g. 'Of the Trans-Afghan route's 658 drawn km, 75 km
    (11%) are operational; of the Western Trans-Afghan route's 758 km, 106 km (14%) are.'"""
    parts = []
    for row in compared.itertuples():
        share = row.km_operational / row.drawn_km if row.drawn_km else 0
        parts.append(f"the {row.corridor} route's {row.drawn_km:,} drawn km, "
                     f"{row.km_operational:,} km ({share:.0%}) are operational")
    return ("Of " + "; of ".join(parts) + ".") if parts else ""


@by_identity(maxsize=16)
def route_gauge_changes(segments: pd.DataFrame, places: pd.DataFrame,
                        corridors: tuple[str, ...], rel: Relationship) -> list[dict]:
    """Gauge changes (see `gauge_changes`) along each of the relationship's routes whose
    corridor is in `corridors`, from its origin to the first port over its feeder and the
    network."""
    graph = rail_graph(segment_lines(segments, places))
    changes = []
    for spec in rel.routes:
        if spec.corridor_id not in corridors or not rel.ports:
            continue
        found = shortest_path(graph, spec.origin, rel.ports[0], spec.corridors(rel.network))
        if found:
            changes += gauge_changes(graph, found[0])
    return changes


# At scale the map draws summaries, not every object: above DETAIL_LIMIT segments on the map
# (coloured and grey together) each corridor's segments of one status become one line feature,
# and each kind of place one point feature, with coordinates to COARSE_DECIMALS (0.01° ≈ 1.1 km,
# about one pixel at COARSE_MAX_ZOOM, the deepest zoom the summary map allows, and a tenth of a
# pixel at the opening zoom: the eye cannot tell). At 1000× the bundled data that keeps the map's
# JSON under 2 MB instead of 42 MB. Bundled and realistic data stay far below the limit.
DETAIL_LIMIT = 2000
#: More place names than this overlap into an unreadable mass at the opening zoom: none is drawn.
LABEL_LIMIT = 80


def is_coarse(n_segments: int) -> bool:
    """Whether a map of `n_segments` drawn segments shows summaries (see DETAIL_LIMIT)."""
    return n_segments > DETAIL_LIMIT


def segment_ends(segments: pd.DataFrame) -> set[str]:
    """The place ids at either end of `segments`: the places a map names (waypoints inside a
    segment, e.g. the Khojak tunnel, are marked but not named)."""
    return set(segments["from_place"]) | set(segments["to_place"])


def names_fit(n_ends: int) -> bool:
    """Whether `n_ends` place names can be drawn (see LABEL_LIMIT)."""
    return n_ends <= LABEL_LIMIT


@by_identity()
def map_segments(view: pd.DataFrame, every: pd.DataFrame, corridors: pd.DataFrame,
                 chosen_corridors: tuple[str, ...], statuses: tuple[str, ...],
                 focus: frozenset[str] = frozenset()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(segments drawn in colour, segments drawn grey) for the map.

    view: the filtered segments; every: all segments; focus: the relationship's corridors
    (routes, feeders, network): only they are coloured, unless chosen in the corridor filter.
    Without a focus, every corridor but the context ones (corridors of role 'context')
    is coloured. `statuses` (when given) keeps only segments of those statuses in colour.
    Everything not in colour is grey.
    """
    if focus:
        ours = view["corridor_id"].isin(focus)
    else:
        roles = dict(zip(corridors["corridor_id"], corridors["role"]))
        ours = ~view["corridor_id"].map(roles).eq("context")
    coloured = view[ours | view["corridor_id"].isin(chosen_corridors)]
    if statuses:
        coloured = coloured[coloured["status"].isin(statuses)]
    grey = every[~every["segment_id"].isin(set(coloured["segment_id"]))]
    return coloured, grey


@by_identity()
def detail_options(segments: pd.DataFrame, places: pd.DataFrame, status_labels: dict[str, str]
                   ) -> dict[str, str]:
    """What the map's "Details for" chooser offers: 'segment:<id>' → 'From–To (Status)' for
    `segments`, and 'place:<id>' → name for the places at their ends."""
    names = place_names(places)
    options = {f"segment:{r.segment_id}": f"{names.get(r.from_place, r.from_place)}–"
               f"{names.get(r.to_place, r.to_place)} "
               f"({status_labels.get(r.status, r.status)})"
               for r in segments.itertuples()}
    ends = dict.fromkeys([*segments["from_place"], *segments["to_place"]])
    options |= {f"place:{pid}": names[pid] for pid in ends if pid in names}
    return options


#: The "Details for" chooser lists at most this many lines and places (a selectbox of tens of
#: thousands of options is megabytes sent on every rerun, and nobody scrolls it).
OPTION_LIMIT = 2000


def capped_options(options: dict[str, str], keep: str | None, limit: int = OPTION_LIMIT
                   ) -> tuple[dict[str, str], int]:
    """(the first `limit` options, plus `keep` when it is an option left out; how many were
    left out). Options keep their order (segments first, then places)."""
    if len(options) <= limit:
        return options, 0
    shown = dict(itertools.islice(options.items(), limit))
    if keep in options and keep not in shown:
        shown[keep] = options[keep]
    return shown, len(options) - len(shown)
