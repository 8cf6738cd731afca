"""The corridor map as a pydeck Deck, built from the data. Pure: no Streamlit.

Offline by default: `map_provider=None` with `map_style` left unset draws no basemap tiles (an
explicit `map_style=None` makes Streamlit fetch Carto's); country outlines come from the bundled
Natural Earth GeoJSON. Tooltips use pydeck's text mode, so text from the data is shown as text,
never as HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from components.analysis import formatting as fmt
from components.analysis import labels as lb
from components.analysis.geometry import lines_of, places_on, segment_lines
from components.analysis.memo import by_identity
from components.analysis.routes import MAP_CENTRE, is_coarse, names_fit, segment_ends
from components.analysis.sourcing import source_label
from components.analysis.viewport import Viewport, fit
from components.analysis.vocabulary import place_names, status_labels
from components.figures.outlines import country_areas, sea_areas
from components.figures.style import CONTEXT_COLOR, GAUGE_COLOR, PLACE_STYLE, STATUS_STYLE

#: The map's size in px that its opening view is fitted to: the Corridors page's map at
#: 1440×900 (a wider window shows more around the same view; see viewport.py).
DECK_PX = (640, 620)
#: Presentation mode's map, on a 1920×1080 screen.
PRESENT_DECK_PX = (1780, 760)
MIN_ZOOM, MAX_ZOOM = 2, 10
COARSE_DECIMALS = 2
COARSE_MAX_ZOOM = 7
GAUGE_RING_PX = 13
#: country names are this much smaller than place names, so the places stand out
COUNTRY_SMALLER_PX = 2
COUNTRY_COLOR = [120, 120, 120]
ROUTE_NAME_COLOR = [0, 90, 70]  # a darker shade of the operational green: a line's name
SEA_COLOR = [205, 224, 240]  # the static map's sea: blue enough to tell from land projected
SEA_NAME_COLOR = [45, 90, 135]  # the static map's sea names: blue on the water, 5.3:1 on it
#: lines (coloured, or grey) beyond this many are not sampled for names to keep off (at 1000×
#: the data they are 10⁵ segments, and names still keep clear of markers and of each other)
LINE_SAMPLE_LIMIT = 2000


class CompactDeck(pdk.Deck):
    """A pydeck Deck whose JSON is compact and made once.

    pydeck indents its JSON (twice the bytes, and Python's slow pure encoder); Streamlit calls
    `to_json()` on every rerun. The deck is memoised (`build_deck`), so reruns with a filter
    state seen before reuse the text. The deck must not be changed after its first `to_json()`.
    """

    def to_json(self) -> str:
        return _compact_json(self)


@by_identity(maxsize=16)
def _compact_json(deck: pdk.Deck) -> str:
    # the same document as pydeck's own to_json(), without indentation
    return json.dumps(deck, sort_keys=True, default=default_serialize, separators=(",", ":"))


def segment_tooltip(seg: dict, status_labels: dict[str, str], sources: pd.DataFrame) -> str:
    """Plain-text hover for a segment: name, status, lengths, cost, gauge, precision, source."""
    names = " – ".join(seg["stop_names"][i] for i in (0, -1))
    parts = [names, f"Status: {status_labels.get(seg['status'], seg['status'])}",
             f"Drawn length: {seg['length_km']:,.0f} km ({seg['geometry_precision']})"]
    if pd.notna(seg.get("stated_length_km")):
        parts.append(f"Stated length: {fmt.length_km(seg['stated_length_km'])}")
    if pd.notna(seg.get("cost_usd")):
        parts.append(f"Cost: {fmt.money(seg['cost_usd'])}")
    parts.append(f"Gauge: {int(seg['gauge_mm']):,} mm" if pd.notna(seg.get("gauge_mm"))
                 else "Gauge: not stated")
    parts.append(f"Source: {source_label(sources, seg['source_id'])}")
    return "\n".join(parts)


def segment_records(lines: pd.DataFrame, places: pd.DataFrame, statuses: pd.DataFrame,
                    sources: pd.DataFrame) -> list[dict]:
    """JSON-ready records for the PathLayer (no shapely objects, rounded coordinates).

    lines: segment_lines() rows of the segments to draw."""
    names = place_names(places)
    labels = status_labels(statuses)
    records = []
    for seg in lines.to_dict("records"):
        seg["stop_names"] = [names[s] for s in seg["stops"]]
        style = STATUS_STYLE.get(seg["status"], {"color": CONTEXT_COLOR, "width": 3,
                                                 "dash": [1, 0]})
        records.append({
            "segment_id": seg["segment_id"], "corridor_id": seg["corridor_id"],
            "status": seg["status"],
            "path": [[round(x, 4), round(y, 4)] for x, y in seg["path"]],
            "color": style["color"], "width": style["width"], "dash": style["dash"],
            "tooltip": segment_tooltip(seg, labels, sources),
        })
    return records


def place_records(places: pd.DataFrame, place_ids: set[str], sources: pd.DataFrame
                  ) -> list[dict]:
    """Markers for the places on the drawn lines, with their hover text."""
    out = []
    for p in places[places["place_id"].isin(place_ids)].to_dict("records"):
        radius, fill, line = PLACE_STYLE.get(p["kind"], PLACE_STYLE["city"])
        kind = p["kind"].replace("_", " ")
        out.append({
            "place_id": p["place_id"], "name": p["name"], "kind": p["kind"],
            "position": [round(float(p["lon"]), 4), round(float(p["lat"]), 4)],
            "radius": radius, "fill": fill, "line": line,
            "tooltip": f"{p['name']} ({kind})\nSource: {source_label(sources, p['source_id'])}",
        })
    return out


#: the room left round the drawn lines, in place-name sizes (top, right, bottom, left): names
#: beside the outermost places, and above the northernmost the name of the country they are in
VIEW_MARGIN_EM = (5, 4.5, 3.5, 4.5)


def open_view(lines: pd.DataFrame, context: pd.DataFrame | None, places: pd.DataFrame,
              size_px: tuple[int, int] = DECK_PX, label_px: int = 14) -> Viewport:
    """Where the map opens: the view fitting every coloured line (else the grey ones, else
    every place) in a map of `size_px`, with room round them for names (VIEW_MARGIN_EM)."""
    points = ([p for path in lines["path"] for p in path]
              or [p for path in (context["path"] if context is not None else []) for p in path]
              or list(zip(places["lon"].astype(float), places["lat"].astype(float)))
              or [MAP_CENTRE])
    return fit(points, *size_px, max_zoom=7,
               margin=tuple(em * label_px for em in VIEW_MARGIN_EM))


@dataclass(frozen=True)
class MapNames:
    """The names a map draws: of places, of the routes beside their lines, of countries and
    of the water (seas, gulfs, bays, oceans)."""

    places: list[lb.Placed]
    routes: list[lb.Placed]
    countries: list[lb.Placed]
    seas: list[lb.Placed] = field(default_factory=list)


def placed_labels(lines: pd.DataFrame, context: pd.DataFrame | None, places: pd.DataFrame,
                  view: Viewport, label_px: int, gauge_changes: list[dict] | None = None, *,
                  outlines: dict | None = None, seas: dict | None = None,
                  name_places: bool = True,
                  route_names: dict[str, str] | None = None,
                  key_places: frozenset[str] = frozenset()) -> MapNames:
    """The names the map draws at its opening view (labels.place, in this order).

    Places: the ends of the coloured segments (waypoints inside a segment, e.g. the Khojak
    tunnel, stay unnamed), `key_places` (the relationship's ports and railheads) first, then
    route ends and ports, each clear of the others, of every marker and of the gauge rings
    (none when not `name_places`). Routes: `route_names`
    (corridor id → name) beside the middle of one of their segments where one fits. Countries:
    the outlines' names, each on a point inside its shape, where they fit clear of all that.
    Seas: the names of `seas` (outlines.load_seas) on their water, clear of everything before."""
    ends = segment_ends(lines) if name_places else set()
    terminal = (lb.route_ends(lines["stops"].str[0], lines["stops"].str[-1], lines["corridor_id"])
                if name_places else ())
    # markers to keep names off: every place on the lines, while they are few enough to draw one
    # by one (a summary map at 1000× the data has 10⁴ dots, and no place names)
    on_lines = places_on(lines) if name_places or len(lines) <= LINE_SAMPLE_LIMIT else set()
    rows = places[places["place_id"].isin(on_lines)]
    ringed = {c["at"] for c in gauge_changes or []}
    candidates, obstacles = [], []
    for p in rows.itertuples():
        x, y = view.to_px(float(p.lon), float(p.lat))
        radius = PLACE_STYLE.get(p.kind, PLACE_STYLE["city"])[0]
        if p.place_id in ringed:  # a name goes outside the gauge ring drawn round its place
            radius = max(radius, GAUGE_RING_PX + 1)
        if p.place_id in ends:
            candidates.append(lb.Candidate(p.place_id, str(p.name), x, y, radius,
                                           lb.rank_of(p.kind, p.place_id in terminal,
                                                      p.place_id in key_places),
                                           beside=p.kind == "border_crossing"))
        else:  # a waypoint's marker: kept clear, not named
            obstacles.append(lb.marker_box(x, y, radius + 1))
    position = dict(zip(places["place_id"], zip(places["lon"], places["lat"])))
    for change in gauge_changes or []:
        if change["at"] in position and change["at"] not in ends:
            x, y = view.to_px(*map(float, position[change["at"]]))
            obstacles.append(lb.marker_box(x, y, GAUGE_RING_PX + 2))
    paths = list(lines["path"]) if len(lines) <= LINE_SAMPLE_LIMIT else []
    if context is not None and len(context) <= LINE_SAMPLE_LIMIT:
        paths += list(context["path"])
    along = lb.line_boxes(paths, view.to_px)
    named = (lb.place(candidates, view.width, view.height, label_px, obstacles=obstacles,
                      lines=along, gap=4) if name_places else [])
    taken = [*obstacles, *(p.box for p in named),
             *(lb.marker_box(c.x, c.y, c.radius + 1) for c in candidates)]
    routes = []
    if name_places and route_names:
        mine = lines[lines["corridor_id"].isin(set(route_names))]
        points = lb.route_points((c, [view.to_px(x, y) for x, y in path])
                                 for c, path in zip(mine["corridor_id"], mine["path"]))
        drawn = list(zip(lines["corridor_id"], lines["path"])) if paths else []
        if context is not None and paths:
            drawn += list(zip(context["corridor_id"], context["path"]))
        routes = lb.place_along([(c, route_names[c], points[c]) for c in route_names
                                 if c in points], view.width, view.height, label_px,
                                obstacles=taken, lines=along,
                                others=lb.other_lines(drawn, route_names, view.to_px, 1))
    taken += [p.box for p in routes]
    # a country's name may not cover a line either: it would read as a place on it
    countries = lb.place_areas(country_areas(outlines, places, lines, view.to_px), view.width,
                               view.height, label_px - COUNTRY_SMALLER_PX,
                               obstacles=[*taken, *along])
    taken += [p.box for p in countries]
    waters = lb.place_areas(sea_areas(seas, view.to_px, view.width, view.height), view.width,
                            view.height, label_px - COUNTRY_SMALLER_PX, obstacles=[*taken, *along])
    return MapNames(named, routes, countries, waters)


def country_records(placed: list[lb.Placed], view: Viewport) -> list[dict]:
    """What the country- and sea-name TextLayers read: where (the box's centre, in degrees)
    and the text."""
    return [{"position": [round(v, 4) for v in view.to_lonlat((p.box[0] + p.box[2]) / 2,
                                                              (p.box[1] + p.box[3]) / 2)],
             "label": p.text} for p in placed]


def route_records(placed: list[lb.Placed], view: Viewport) -> list[dict]:
    """What the route-name TextLayer reads: each name anchored (the side facing its line) at
    the point labels.place chose, back in degrees."""
    out = []
    for p in placed:
        dx, dy = lb.POSITIONS[p.position]
        x = {-1: p.box[2], 0: (p.box[0] + p.box[2]) / 2, 1: p.box[0]}[dx]
        y = {-1: p.box[3], 0: (p.box[1] + p.box[3]) / 2, 1: p.box[1]}[dy]
        out.append({"position": [round(v, 4) for v in view.to_lonlat(x, y)], "label": p.text,
                    "anchor": {-1: "end", 0: "middle", 1: "start"}[dx],
                    "baseline": {-1: "bottom", 0: "center", 1: "top"}[dy]})
    return out


def label_records(placed: list[lb.Placed], places: pd.DataFrame) -> list[dict]:
    """What the TextLayer reads for each placed name: where, the text, and how it is anchored
    (the side of the text facing its marker) and offset, as labels.place chose."""
    position = dict(zip(places["place_id"], zip(places["lon"], places["lat"])))
    out = []
    for p in placed:
        dx, dy = lb.POSITIONS[p.position]
        lon, lat = position[p.key]
        out.append({
            "position": [round(float(lon), 4), round(float(lat), 4)],
            "label": p.text,
            "anchor": {-1: "end", 0: "middle", 1: "start"}[dx],
            "baseline": {-1: "bottom", 0: "center", 1: "top"}[dy],
            "offset": [round(p.offset[0], 1), round(p.offset[1], 1)],
        })
    return out


def gauge_records(changes: list[dict], places: pd.DataFrame) -> list[dict]:
    """Markers where the gauge changes (see corridor_compare.gauge_changes)."""
    at = {c["at"] for c in changes} | {c["after"] for c in changes if not c["exact"]}
    mine = places[places["place_id"].isin(at)]
    pos = {r.place_id: [round(float(r.lon), 4), round(float(r.lat), 4)]
           for r in mine.itertuples()}
    names = place_names(mine)
    out = []
    for c in changes:
        where = (f"at {names[c['at']]}" if c["exact"]
                 else f"between {names[c['after']]} and {names[c['at']]} (exact point not stated)")
        out.append({"position": pos[c["at"]], "place_id": c["at"],
                    "tooltip": f"Gauge change {c['from_mm']:,} → {c['to_mm']:,} mm {where}"})
    return out


@by_identity()
def build_deck(segments: pd.DataFrame, places: pd.DataFrame, statuses: pd.DataFrame,
               sources: pd.DataFrame, *, context_segments: pd.DataFrame | None = None,
               gauge_changes: list[dict] | None = None, outlines: dict | None = None,
               seas: dict | None = None, show_labels: bool = True, online_basemap: bool = False,
               label_px: int = 14, size_px: tuple[int, int] = DECK_PX,
               lines: pd.DataFrame | None = None,
               route_names: dict[str, str] | None = None,
               key_places: frozenset[str] = frozenset()) -> pdk.Deck:
    """The map: outlines, context lines (grey), segments by status, places, gauge changes.

    segments: the segments to draw in colour; context_segments: others drawn faint grey.
    Layer ids (for selections): 'segments', 'places', 'gauge_changes'; above DETAIL_LIMIT
    segments the summary layers 'segment_groups', 'context_groups' and 'place_groups' instead
    (not pickable: choose under "Details for"). label_px: place-name size in pixels (larger
    when projected). size_px: the map's size the opening view is fitted to (open_view), and
    its names placed for. lines: geometry.segment_lines of a table holding every segment drawn
    (the dataset's, made once per dataset: at 1000× the data, making them for each view's
    segments was two seconds of every first visit); default: made from the segments given.
    route_names: corridor id → the name drawn beside its line (the relationship's routes);
    key_places: the places named first (the relationship's ports and railheads).
    """
    every = lines
    lines = segment_lines(segments, places) if every is None else lines_of(every, segments)
    context = None
    if context_segments is not None and not context_segments.empty:
        context = (segment_lines(context_segments, places) if every is None else
                   lines_of(every, context_segments))
    coarse = is_coarse(len(lines) + (0 if context is None else len(context)))
    layers = []
    if outlines:
        x0, y0, x1, y1 = outlines.get("bbox") or (-180, -85, 180, 85)
        layers.append(pdk.Layer(  # water: the outlines' box under the land
            "PolygonLayer", data=[{"polygon": [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]}],
            id="sea", get_polygon="polygon", get_fill_color=SEA_COLOR, stroked=False,
            pickable=False))
        layers.append(pdk.Layer(
            "GeoJsonLayer", data=outlines, id="outlines", stroked=True, filled=True,
            get_fill_color=[238, 238, 232], get_line_color=[160, 160, 160],
            line_width_min_pixels=1, pickable=False))
    if coarse:
        layers += _summary_layers(lines, context, places, statuses, every)
    else:
        layers += _detail_layers(lines, context, places, statuses, sources)
    if gauge_changes:
        layers.append(pdk.Layer(
            "ScatterplotLayer", data=gauge_records(gauge_changes, places), id="gauge_changes",
            get_position="position", get_radius=13, radius_units="'pixels'", filled=False,
            stroked=True, get_line_color=GAUGE_COLOR, line_width_min_pixels=3, pickable=True))
    opening = open_view(lines, context, places, size_px, label_px)
    name_places = show_labels and names_fit(len(segment_ends(lines)))
    names = placed_labels(lines, context, places, opening, label_px, gauge_changes,
                          outlines=outlines, seas=seas if outlines else None,
                          name_places=name_places,
                          route_names=route_names, key_places=key_places)
    if names.countries:
        layers.append(pdk.Layer(
            "TextLayer", data=country_records(names.countries, opening), id="countries",
            get_position="position", get_text="label", get_size=label_px - COUNTRY_SMALLER_PX,
            get_color=COUNTRY_COLOR, font_family="'sans-serif'", font_weight=400,
            outline_width=2, outline_color=[238, 238, 232], font_settings={"sdf": True}))
    if names.seas:
        layers.append(pdk.Layer(
            "TextLayer", data=country_records(names.seas, opening), id="seas",
            get_position="position", get_text="label", get_size=label_px - COUNTRY_SMALLER_PX,
            # upright, not italic as on the static map: a style in font_weight ("italic 400")
            # leaves the layer undrawn
            get_color=SEA_NAME_COLOR, font_family="'sans-serif'", font_weight=400,
            outline_width=2, outline_color=SEA_COLOR, font_settings={"sdf": True}))
    if names.routes:
        layers.append(pdk.Layer(
            "TextLayer", data=route_records(names.routes, opening), id="route_names",
            get_position="position", get_text="label", get_size=label_px,
            get_color=ROUTE_NAME_COLOR, get_text_anchor="anchor",
            get_alignment_baseline="baseline", font_family="'sans-serif'", font_weight=400,
            outline_width=3, outline_color=[255, 255, 255], font_settings={"sdf": True}))
    if name_places:
        layers.append(pdk.Layer(
            "TextLayer", data=label_records(names.places, places), id="labels",
            get_position="position", get_text="label",
            get_size=label_px, get_color=[25, 25, 25], get_pixel_offset="offset",
            get_text_anchor="anchor", get_alignment_baseline="baseline",
            font_family="'sans-serif'", font_weight=600,
            outline_width=3, outline_color=[255, 255, 255], font_settings={"sdf": True}))
    view = pdk.ViewState(longitude=round(opening.longitude, 4),
                         latitude=round(opening.latitude, 4), zoom=opening.zoom,
                         min_zoom=MIN_ZOOM, max_zoom=COARSE_MAX_ZOOM if coarse else MAX_ZOOM)
    if online_basemap:
        return CompactDeck(layers=layers, initial_view_state=view, map_provider="carto",
                           map_style="light", tooltip={"text": "{tooltip}"})
    # map_style must stay unset: an explicit None makes Streamlit fall back to Carto's tiles
    return CompactDeck(layers=layers, initial_view_state=view, map_provider=None,
                       tooltip={"text": "{tooltip}"})


def _detail_layers(lines: pd.DataFrame, context: pd.DataFrame | None, places: pd.DataFrame,
                   statuses: pd.DataFrame, sources: pd.DataFrame) -> list[pdk.Layer]:
    """Every segment and place as its own pickable object, with its hover text."""
    layers = []
    if context is not None:
        grey = segment_records(context, places, statuses, sources)
        for r in grey:
            r["color"], r["width"] = CONTEXT_COLOR, 2
        layers.append(pdk.Layer(
            "PathLayer", data=grey, id="context_segments", get_path="path",
            get_color="color", get_width="width", width_units="'pixels'", pickable=True,
            opacity=0.6))
    layers.append(pdk.Layer(
        "PathLayer", data=segment_records(lines, places, statuses, sources), id="segments",
        get_path="path", get_color="color",
        get_width="width", width_units="'pixels'", width_min_pixels=2, pickable=True,
        cap_rounded=False, joint_rounded=True, auto_highlight=True,
        # deck.gl's PathStyleExtension (bundled with Streamlit): dashes by status
        extensions=[{"@@type": "PathStyleExtension", "dash": True}],
        get_dash_array="dash", dash_justified=True,
        dash_gap_pickable=True))  # hover and click work on the gaps too
    on_lines = places_on(lines)
    layers.append(pdk.Layer(
        "ScatterplotLayer", data=place_records(places, on_lines, sources), id="places",
        get_position="position", get_radius="radius", radius_units="'pixels'",
        get_fill_color="fill", get_line_color="line", stroked=True, line_width_min_pixels=1.5,
        pickable=True))
    return layers


def _summary_layers(lines: pd.DataFrame, context: pd.DataFrame | None, places: pd.DataFrame,
                    statuses: pd.DataFrame, every: pd.DataFrame | None = None
                    ) -> list[pdk.Layer]:
    """One line feature per corridor and status, one point feature per kind of place. every:
    the dataset's lines `lines` and `context` were taken from (their coarse paths are made
    once for it)."""
    coarse = coarse_paths(every) if every is not None else None
    layers = []
    if context is not None:
        layers.append(pdk.Layer(
            "GeoJsonLayer", data=line_groups(context, grey=True, coarse=coarse),
            id="context_groups",
            stroked=True, filled=False, get_line_color=CONTEXT_COLOR, get_line_width=2,
            line_width_units="'pixels'", opacity=0.6, pickable=False))
    layers.append(pdk.Layer(
        "GeoJsonLayer", data=line_groups(lines, coarse=coarse), id="segment_groups",
        stroked=True,
        filled=False, get_line_color="properties.color", get_line_width="properties.width",
        line_width_units="'pixels'", line_width_min_pixels=2, line_joint_rounded=True,
        extensions=[{"@@type": "PathStyleExtension", "dash": True}],
        get_dash_array="properties.dash", dash_justified=True, pickable=False))
    on_lines = places_on(lines)
    layers.append(pdk.Layer(
        "GeoJsonLayer", data=place_groups(places, on_lines), id="place_groups",
        point_type="'circle'", stroked=True, filled=True,
        get_point_radius="properties.radius", point_radius_units="'pixels'",
        get_fill_color="properties.fill", get_line_color="properties.line",
        line_width_min_pixels=1, pickable=False))
    return layers


def _coarse(path) -> tuple[tuple[float, float], ...]:
    """A path's points at COARSE_DECIMALS, repeated points (after rounding) dropped (tuples:
    hashable, and written to JSON as arrays)."""
    out: list[tuple[float, float]] = []
    for x, y in path:
        point = (round(x, COARSE_DECIMALS), round(y, COARSE_DECIMALS))
        if not out or out[-1] != point:
            out.append(point)
    return tuple(out)


@by_identity(maxsize=4)
def coarse_paths(lines: pd.DataFrame) -> pd.Series:
    """Each row's path at COARSE_DECIMALS (`_coarse`), aligned with `lines`' index: made once
    for the dataset's lines (sections.prepare), looked up for every view's summary map."""
    return pd.Series([_coarse(p) for p in lines["path"]], index=lines.index, dtype=object)


def line_groups(lines: pd.DataFrame, grey: bool = False, coarse: pd.Series | None = None
                ) -> dict:
    """GeoJSON: one MultiLineString per (corridor, status) of `lines` (segment_lines rows),
    styled as the status draws (or grey), with the number of segments and drawn km. coarse:
    coarse_paths of the frame `lines` was taken from (default: made here)."""
    features = []
    paths = coarse.loc[lines.index] if coarse is not None else coarse_paths(lines)
    for (corridor, status), group in lines.groupby(["corridor_id", "status"], sort=True):
        style = STATUS_STYLE.get(status, {"color": CONTEXT_COLOR, "width": 3, "dash": [1, 0]})
        # a line drawn twice looks the same as once: identical parts (after rounding) go
        parts = list(dict.fromkeys(p for p in paths.loc[group.index] if len(p) > 1))
        features.append({
            "type": "Feature",
            "geometry": {"type": "MultiLineString", "coordinates": parts},
            "properties": {"corridor_id": corridor, "status": status, "segments": len(group),
                           "km": round(float(group["length_km"].sum())),
                           "color": CONTEXT_COLOR if grey else style["color"],
                           "width": 2 if grey else style["width"], "dash": style["dash"]}})
    return {"type": "FeatureCollection", "features": features}


@by_identity(maxsize=4)
def coarse_points(places: pd.DataFrame) -> pd.Series:
    """Each place's (lon, lat) at COARSE_DECIMALS, aligned with `places`' index (made once per
    places table)."""
    return pd.Series(list(zip(places["lon"].astype(float).round(COARSE_DECIMALS),
                              places["lat"].astype(float).round(COARSE_DECIMALS))),
                     index=places.index, dtype=object)


def place_groups(places: pd.DataFrame, place_ids: set[str]) -> dict:
    """GeoJSON: one MultiPoint per kind of place among `place_ids`, styled as PLACE_STYLE."""
    shown = places[places["place_id"].isin(place_ids)]
    coarse = coarse_points(places)
    features = []
    for kind, group in shown.groupby("kind", sort=True):
        radius, fill, line = PLACE_STYLE.get(kind, PLACE_STYLE["city"])
        points = list(dict.fromkeys(coarse.loc[group.index]))
        features.append({
            "type": "Feature",
            "geometry": {"type": "MultiPoint", "coordinates": points},  # tuples: JSON arrays
            "properties": {"kind": kind, "places": len(group), "radius": radius,
                           "fill": fill, "line": line}})
    return {"type": "FeatureCollection", "features": features}
