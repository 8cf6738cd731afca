"""Corridors: each route's stated length and cost (Overview), the corridor map and the routes
compared (Corridors, and their slides). Pure. Lengths in km, money in US dollars; 'drawn'
lengths are geodesic lengths of straight lines between sourced places."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from components.analysis import formatting as fmt
from components.analysis import headlines as hl
from components.analysis.export import to_csv_bytes
from components.analysis.geometry import lines_of, places_on, segment_lines
from components.analysis.relationships import Relationship
from components.analysis.routes import (
    LABEL_LIMIT,
    compare_routes,
    is_coarse,
    map_segments,
    names_fit,
    route_gauge_changes,
    routes_of,
    segment_ends,
    status_summary,
)
from components.analysis.sourcing import source_label, source_line
from components.analysis.vocabulary import place_names
from components.figures.deck import DECK_PX, build_deck
from components.figures.outlines import (
    lines_note,
    load_outlines,
    load_seas,
    outlines_caption,
    outlines_source,
)
from components.figures.routes import status_figure
from components.figures.static_map import draw_static_map, key_places_of
from components.sections.base import (
    MAP_SLIDE_LABEL_PX,
    NOTES_MAX_ITEMS,
    SLIDE_PX,
    Card,
    Claims,
    Column,
    Context,
    Section,
    Slide,
    Table,
    at_most,
    distinct,
    join_notes,
    nothing,
)

MAP_TABLES = ("segments", "places", "corridor_claims", "statuses")
MAP_PX = SLIDE_PX  # the map slide's picture: across the slide, names at ~14 pt


# --- each route's length and cost (Overview) ---------------------------------------------------


@dataclass(frozen=True)
class RouteFigure:
    """One route's latest stated length and cost, each with the range sources give."""

    name: str
    cards: tuple[Card, ...]


@dataclass(frozen=True, eq=False)
class RouteFigures:
    """The routes' latest stated lengths and costs; empty: why there are none; claims: every
    stated length and cost; figure: how much of each route is built (the Corridors page's
    km-by-status chart, the same figure), figure_sources: its source line."""

    routes: tuple[RouteFigure, ...]
    empty: str | None
    claims: Claims
    figure: go.Figure | None = None
    figure_sources: str = ""


def route_figures(ctx: Context) -> RouteFigures:
    claims = ctx.view["corridor_claims"]
    ids = tuple(dict.fromkeys(r.corridor_id for r in ctx.relationship.routes))
    corridors = routes_of(ctx.data["corridors"], ids) if ids else ctx.data["corridors"]
    if ids:
        claims = routes_of(claims, ids)
    routes = []
    for entry in hl.corridor_figures(claims, corridors):
        cards = []
        for key, show in (("length", fmt.length_km), ("cost", fmt.money)):
            row = entry[key]
            if row is None:
                continue
            lo, hi = entry[f"{key}_range"]
            spread = "" if lo == hi else f" (sources range {show(lo)}–{show(hi)})"
            scope = row["scope"] if isinstance(row["scope"], str) else ""
            source = source_label(ctx.sources, row["source_id"])
            cards.append(Card(f"{key.capitalize()}, latest stated",
                              show(row["value"], row["qualifier"]),
                              lines=(f"{scope}{spread} — {source}",)))
        routes.append(RouteFigure(entry["corridor"]["name"], tuple(cards)))
    figure, figure_sources = None, ""
    if {"segments", "places"} <= set(ctx.view) and ctx.data.ok("segments", "places"):
        compared = compare_routes(ctx.view, ctx.relationship, all_segments=ctx.data["segments"])
        if not compared.empty:
            figure = status_figure(compared, dict(ctx.labels.statuses))
            figure_sources = source_line(
                ctx.sources, [i for cell in compared["source_ids"] for i in cell.split(";") if i])
    return RouteFigures(tuple(routes), None if routes else nothing("corridor figures"), Claims(
        "Every stated length and cost", hl.route_claims(claims, ctx.sources), {
            "corridor_id": "Corridor", "metric": "Metric", "value": "Value",
            "qualifier": "Qualifier", "scope": "Scope"}, "route_claims"), figure, figure_sources)


ROUTE_FIGURES = Section("route_figures", "The routes' lengths and costs",
                        ("corridor_claims", "corridors"), route_figures)


# --- the corridor map (Corridors, and the pack) ------------------------------------------------


@dataclass(frozen=True)
class MapControls:
    """The map's own controls: statuses drawn in colour (empty: all), place names, the other
    corridors in grey, the web basemap (off: no request leaves the machine), the size of
    place names in px (larger when projected) and the map's size in px (its opening view is
    fitted to it, and its names placed for it)."""

    statuses: tuple[str, ...] = ()
    show_labels: bool = True
    show_context: bool = True
    online_basemap: bool = False
    label_px: int = 14
    size_px: tuple[int, int] = DECK_PX


@dataclass(frozen=True, eq=False)
class CorridorMap:
    """The corridor map of the view, and what to say under it.

    segments, places, statuses, sources: the data's tables the map draws from (every segment:
    the coloured and the grey ones);
    coloured: the segments drawn by status (the view's, context corridors only when chosen);
    grey: every other segment of the data; gauge_changes: where the gauge changes on the
    drawn routes' way to the first port; empty: why no segment is coloured; captions: the
    lines under the map (why lines are summarised or names left out, then the outlines'
    attribution);
    notes: the slide's speaker notes; source_ids: the segments' and places' sources;
    title: the slide's title, in the relationship's words; route_names: corridor id → the
    name drawn beside the route's line; key_places: the places both maps name first (the
    relationship's ports and railheads).
    """

    segments: pd.DataFrame
    places: pd.DataFrame
    statuses: pd.DataFrame
    sources: pd.DataFrame
    controls: MapControls
    coloured: pd.DataFrame
    grey: pd.DataFrame
    gauge_changes: list[dict]
    empty: str | None
    captions: tuple[str, ...]
    notes: str
    source_ids: tuple[str, ...]
    source_line: str
    title: str = "Rail corridors"
    route_names: dict[str, str] | None = None
    key_places: frozenset[str] = frozenset()

    @property
    def drawn(self) -> int:
        """Segments on the map: coloured, and grey when the other corridors are shown."""
        return len(self.coloured) + (len(self.grey) if self.controls.show_context else 0)

    def deck(self) -> pdk.Deck:
        """The map as the page draws it (pydeck, WebGL; memoised)."""
        c = self.controls
        return build_deck(
            self.coloured, self.places, self.statuses, self.sources,
            context_segments=self.grey if c.show_context else None,
            gauge_changes=self.gauge_changes, outlines=load_outlines(), seas=load_seas(),
            show_labels=c.show_labels, online_basemap=c.online_basemap, label_px=c.label_px,
            size_px=c.size_px, lines=segment_lines(self.segments, self.places),
            route_names=self.route_names, key_places=self.key_places)

    def figure(self, width: int = MAP_PX[0], height: int = MAP_PX[1],
               label_px: int = 14) -> go.Figure:
        """The map without WebGL, for images and slides (plotly SVG traces, fully offline),
        `width`×`height` px with names at `label_px`."""
        c = self.controls
        return draw_static_map(
            self.coloured, self.grey if c.show_context else None, self.places,
            self.statuses, self.sources, gauge_changes=self.gauge_changes,
            show_labels=c.show_labels, width=width, height=height,
            lines=segment_lines(self.segments, self.places), route_names=self.route_names,
            label_px=label_px, key_places=self.key_places)

    def slide(self) -> Slide:
        return Slide(title=self.title, figure=self.figure(label_px=MAP_SLIDE_LABEL_PX),
                     source_line=self.source_line,
                     notes=self.notes, source_ids=self.source_ids, kind="map")


def corridor_map(ctx: Context, controls: MapControls = MapControls()) -> CorridorMap:
    data = ctx.data
    rel = ctx.relationship
    coloured, grey = map_segments(ctx.view["segments"], data["segments"], data["corridors"],
                                  ctx.filters.corridors, controls.statuses, rel.corridors)
    changes = route_gauge_changes(data["segments"], data["places"],
                                  tuple(sorted(set(coloured["corridor_id"]))), rel)
    outlines = load_outlines()
    drawn = len(coloured) + (len(grey) if controls.show_context else 0)
    ends = len(segment_ends(coloured))
    captions = []
    if is_coarse(drawn):
        captions.append(
            f"{drawn:,} segments: too many to draw one by one, so each corridor's segments of "
            "one status are drawn as one line and places as dots, without hover or click. "
            "Choose a line or place under “Details for”, or narrow the filters.")
    elif controls.show_labels and not names_fit(ends):
        captions.append(f"Place names are not drawn: more than {LABEL_LIMIT} would overlap.")
    captions.append(f"{outlines_caption(outlines, load_seas())} {lines_note(coloured)}".strip())
    # sources: the coloured segments' and the places on their lines
    # the dataset's lines (made once per dataset), and the coloured ones, as the deck takes them
    stops = places_on(lines_of(segment_lines(data["segments"], data["places"]), coloured))
    places = ctx.view["places"]
    ids = [*coloured["source_id"], *places[places["place_id"].isin(stops)]["source_id"]]
    if "alignment_source_id" in coloured:  # the courses drawn along their alignments
        ids += [i for i in coloured["alignment_source_id"] if isinstance(i, str)]
    line = source_line(ctx.sources, ids)
    line = ((line + "; " if line else "Sources: ")
            + f"country outlines and sea names: {outlines_source(outlines)}")
    return CorridorMap(
        data["segments"], data["places"], data["statuses"], ctx.sources, controls, coloured,
        grey, changes, nothing("route segments") if coloured.empty else None, tuple(captions),
        _map_notes(ctx, coloured, line, outlines, ends), distinct(ids), line,
        ctx.say(MAP_TITLE), route_names(ctx), key_places_of(rel))


def route_names(ctx: Context) -> dict[str, str]:
    """The relationship's routes by corridor id → short name: the names drawn beside their
    lines on both maps."""
    short = ctx.data["corridors"].set_index("corridor_id")["short_name"].to_dict()
    return {r.corridor_id: str(short.get(r.corridor_id) or r.corridor_id)
            for r in ctx.relationship.routes}


#: The map slide's title, in the relationship's words.
MAP_TITLE = "Rail corridors from {origin} to {ports}"


def _map_notes(ctx: Context, segs: pd.DataFrame, line: str, outlines: dict | None,
               ends: int) -> str:
    """The map slide's notes: its sources, the caveats, and each segment as drawn."""
    names = place_names(ctx.view["places"])
    labels = ctx.labels.statuses
    per_segment = [
        f"{names.get(r['from_place'], r['from_place'])} – {names.get(r['to_place'], r['to_place'])}"
        f": {labels.get(r['status'], r['status'])}"
        + (f", stated {fmt.length_km(r['stated_length_km'])}"
           if pd.notna(r["stated_length_km"]) else "")
        + (f", cost {fmt.money(r['cost_usd'])}" if pd.notna(r["cost_usd"]) else "")
        + f" ({source_label(ctx.sources, r['source_id'])})"
        for _, r in segs.head(NOTES_MAX_ITEMS).iterrows()]
    unnamed = ("" if names_fit(ends) else f"Places are not named on this map: {ends:,} segment "
               "ends are too many to label legibly.")
    return join_notes(line, outlines_caption(outlines, load_seas()), lines_note(segs), unnamed,
                      "Segments as drawn:",
                      at_most(per_segment, "segments.csv of the data has them all",
                              total=len(segs)),
                      "The routes' stated lengths and costs, where sources differ, are in the "
                      "notes of the route kilometres slide.")


MAP = Section("map", "The rail routes by status", MAP_TABLES, corridor_map)


# --- routes compared (Corridors, and the pack) -------------------------------------------------


#: The routes-compared table's columns as the page shows them; the relationship's words and its
#: ports' columns are added by `route_columns`.
ROUTE_COLUMNS = {
    "corridor": "Route",
    "drawn_km": Column("Drawn length (km)", kind="number", format="%d",
                       help="Geodesic length of the route's lines on the map (straight between "
                            "sourced places): shorter than the rail distance."),
    "stated_km_latest": "Stated length, latest",
    "stated_km_range": "Stated lengths, range",
    "km_operational": Column("Operational (km)", kind="number", format="%d"),
    "km_under_construction": Column("Under construction (km)", kind="number", format="%d"),
    "km_planned": Column("Planned (km)", kind="number", format="%d"),
    "km_proposed": Column("Proposed (km)", kind="number", format="%d"),
    "gauge_changes": "Gauge changes",
    "border_crossings": "Border crossings",
    "cost_low": "Cost, lowest estimate",
    "cost_high": "Cost, highest estimate",
    "countries": "Countries",
    "railhead": "From",
}
HOW_DRAWN = ("Drawn lengths follow straight lines between places with sourced coordinates, so "
             "they understate rail distance; stated lengths are as each source gives them. "
             "Distances from {origin} run from each route's {origin_adj} railhead (through "
             "the feeder that brings the cargo to the route, where there is one) and the "
             "network to the ports. Border crossings without sourced coordinates are named in "
             "the segments' notes.")


def route_columns(rel: Relationship) -> dict[str, Column | str]:
    """ROUTE_COLUMNS in the relationship's words, with one 'To <port> (km, drawn)' column for
    each of its ports."""
    out = dict(ROUTE_COLUMNS)
    if rel.port_names:
        out["gauge_changes"] = f"Gauge changes (to {rel.port_names[0]})"
    out["railhead"] = f"From ({rel.cargo_from.adjective} railhead)"
    for port, name in zip(rel.ports, rel.port_names):
        out[f"km_to_{port}"] = Column(f"To {name} (km, drawn)", kind="number", format="%d")
    return out


@dataclass(frozen=True, eq=False)
class RoutesCompared:
    """Each route to the ports side by side.

    empty: why there is none; table: one row per route; how: how the lengths are drawn;
    source_line: the rows' sources; summary: the share of each route in operation; figure:
    km by status; csv: the comparison as downloaded; notes: lengths and costs as each source
    gives them, for the slide.
    """

    empty: str | None
    table: Table | None = None
    how: str = ""
    source_ids: tuple[str, ...] = ()
    source_line: str = ""
    summary: str = ""
    figure: go.Figure | None = None
    csv: bytes = b""
    notes: str = ""

    def slide(self) -> Slide | None:
        if self.figure is None:
            return None
        return Slide(title="Route kilometres by status", figure=self.figure,
                     source_line=self.source_line, notes=self.notes, summary=self.summary,
                     source_ids=self.source_ids)


def routes_compared(ctx: Context) -> RoutesCompared:
    rel = ctx.relationship
    compared = compare_routes(ctx.view, rel, all_segments=ctx.data["segments"])
    if compared.empty:
        return RoutesCompared(nothing("route to the ports"))
    ids = [i for cell in compared["source_ids"] for i in cell.split(";") if i]
    line = source_line(ctx.sources, ids)
    summary = status_summary(compared)
    notes = join_notes(line, summary, "Lengths and costs as each source gives them:",
                       at_most(_route_lines(compared),
                               "the app's Corridors page compares every route"),
                       "Drawn lengths follow straight lines between places with sourced "
                       "coordinates, so they understate rail distance.")
    return RoutesCompared(
        None, Table(compared.drop(columns=["corridor_id", "source_ids"]),
                    f"{rel.key}_routes_compared", route_columns(rel)),
        how=ctx.say(HOW_DRAWN), source_ids=distinct(ids), source_line=line, summary=summary,
        figure=status_figure(compared, dict(ctx.labels.statuses)),
        csv=to_csv_bytes(compared), notes=notes)


def _route_lines(compared: pd.DataFrame) -> list[str]:
    out = []
    for row in compared.itertuples():
        parts = [f"{row.corridor}: drawn {row.drawn_km:,} km (straight lines between places); "
                 f"stated, latest: {row.stated_km_latest}"]
        if row.stated_km_range:
            parts.append(f"stated lengths range {row.stated_km_range}")
        if row.cost_high:
            parts.append(f"cost from {row.cost_low} to {row.cost_high}")
        elif row.cost_low != "not stated":
            parts.append(f"cost {row.cost_low}")
        parts.append(f"gauge changes: {row.gauge_changes}")
        out.append("; ".join(parts) + ".")
    return out


ROUTES = Section("routes", "Routes compared", MAP_TABLES, routes_compared)
