"""The briefing pack of a view: its standard slides, cut to the filters as the pages cut them,
then the PPTX and the PDF of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go

from components.analysis import formatting as fmt
from components.analysis.filters import FilterState, apply_filters
from components.analysis.sourcing import source_label, source_line
from components.pack.model import (
    CLAIMS_PER_LINE,
    MAP_PX,
    NOTES_MAX_ITEMS,
    TRADE_WHERE,
    ChartSlide,
    _at_most,
    _join_notes,
    _pages,
    pack_sources,
)
from components.pack.pdf import _pdf
from components.pack.pptx import _pptx

PAIR = ("KAZ", "PAK")


def sourced_line(sources: pd.DataFrame, ids: Iterable[str]) -> str:
    """sourcing.source_line, each label once (several pages of one site read the same)."""
    labels: set[str] = set()
    keep = []
    for sid in ids:
        if isinstance(sid, str):
            label = source_label(sources, sid)
            if label not in labels:
                labels.add(label)
                keep.append(sid)
    return source_line(sources, keep)


def build_packs(slides: Sequence[ChartSlide], *, title: str, filters_text: str,
                data_date: object, link: str, sources_rows: Sequence[str] | pd.DataFrame,
                map_fig: go.Figure | ChartSlide | None = None) -> tuple[bytes, bytes]:
    """(PPTX bytes, PDF bytes) of one pack, rendering each picture once; arguments as
    build_pack."""
    pages = _pages(slides, title=title, filters_text=filters_text, data_date=data_date,
                   link=link, sources_rows=sources_rows, map_fig=map_fig)
    return _pptx(pages), _pdf(pages)


# --- the standard slides -------------------------------------------------------------------


def _tables(dataset, state: FilterState | None) -> dict[str, pd.DataFrame]:
    tables = dataset.tables if hasattr(dataset, "tables") else dict(dataset)
    return apply_filters(tables, state or FilterState())


def _ok(dataset, *names: str) -> bool:
    return dataset.ok(*names) if hasattr(dataset, "ok") else True


def default_slides(dataset, filter_state: FilterState | None = None, *,
                   today: dt.date | None = None) -> list[ChartSlide]:
    """The standard chart slides for the view, in briefing order: Pakistan–Kazakhstan trade
    against its target, deals by sector and status, routes' km by status, the timeline.

    dataset: a loader.Dataset (or table name → DataFrame); filter_state: the view's filters,
    applied as the pages apply them (components.filters.apply_filters). A slide whose tables
    failed validation or hold nothing in the view is left out. today: where the timeline's
    'today' line and its recent-years window end (default: today).
    """
    data = dataset
    tables = _tables(dataset, filter_state)
    state = filter_state or FilterState()
    out = []
    for build in (_trade_slide, _deals_slide, _routes_slide, _timeline_slide):
        slide = build(data, tables, state, today or dt.date.today())
        if slide is not None:
            out.append(slide)
    return out


def _labels(data) -> tuple[dict[str, str], dict[str, str]]:
    sectors = data["sectors"]
    statuses = data["statuses"]
    seg = statuses[statuses["domain"] == "segment"]
    return dict(zip(sectors["sector_id"], sectors["label"])), dict(zip(seg["status_id"],
                                                                       seg["label"]))


def _trade_slide(data, tables, state, today) -> ChartSlide | None:
    from components.analysis.summaries import deadline_dispute, growth_text, trade_summary
    from components.analysis.trade import (
        NO_DEADLINES,
        WHY_REPORTERS_DIFFER,
        annual_series,
        chart_source_ids,
        latest_claims,
        stated_deadlines,
        statements,
    )
    from components.figures.trade import trade_figure

    if not _ok(data, "trade_flows", "trade_targets"):
        return None
    a, b = PAIR
    name = "Pakistan–Kazakhstan"
    flows, targets, sources = tables["trade_flows"], tables["trade_targets"], data["sources"]
    series = annual_series(flows, a, b)
    stated = statements(flows, a, b)
    if series.empty and stated.empty:
        return None
    # the claims the Trade page's cards show (each claim, or the two ends of many)
    target, groups = latest_claims(flows, targets, a, b)
    deadlines = stated_deadlines(targets, target) if target is not None else NO_DEADLINES
    ids = chart_source_ids(series, stated, target, deadlines)
    title = f"{name} trade against its target"
    fig = trade_figure(series, stated, target, sources, title, deadlines)
    line = sourced_line(sources, ids)
    disagree = []
    for row, _gap in (pair for group in groups for pair in group.shown):
        disagree.append(
            f"{row['series']}: {fmt.money(row['value_usd'], row['qualifier'])} for "
            f"{row['period_label']} ({source_label(sources, row['source_id'])}). "
            f"{growth_text(row, target, deadlines)}")
    for (series_name, period), group in series.groupby(["series", "period_label"], sort=False):
        if group["value_usd"].nunique() > 1:
            named = group.head(CLAIMS_PER_LINE)
            claims = "; ".join(f"{fmt.money(v, q)} ({source_label(sources, s)})" for v, q, s in
                               zip(named["value_usd"], named["qualifier"], named["source_id"]))
            if len(group) > len(named):
                claims += f"; … and {len(group) - len(named):,} more"
            disagree.append(f"{series_name}, {period}: sources differ: {claims}.")
    for _, row in stated.iterrows():
        disagree.append(
            f"Stated by officials: {fmt.money(row['value_usd'], row['qualifier'])} "
            f"({row['period_label']}; {source_label(sources, row['source_id'])}).")
    if len(deadlines) > 1:
        disagree.append(deadline_dispute(deadlines, sources))
    summary = trade_summary(series, groups, target, name)
    notes = _join_notes(line, summary, "Figures the sources disagree on:",
                        _at_most(disagree, TRADE_WHERE), WHY_REPORTERS_DIFFER)
    return ChartSlide(title=title, figure=fig, source_line=line, notes=notes, summary=summary,
                      source_ids=tuple(dict.fromkeys(i for i in ids if isinstance(i, str))))


def _deals_slide(data, tables, state, today) -> ChartSlide | None:
    from components.analysis.deals import pipeline, sector_status_counts
    from components.analysis.summaries import deals_summary
    from components.figures.trade import deals_status_figure

    if not _ok(data, "deals", "statuses"):
        return None
    sector_labels, _ = _labels(data)
    sources = data["sources"]
    pipe = pipeline(tables["deals"], data["statuses"])
    if pipe.empty:
        return None
    fig = deals_status_figure(sector_status_counts(pipe), sector_labels, data["statuses"])
    ids = [s for cell in pipe["source_ids"] for s in cell]
    line = sourced_line(sources, ids)
    disagree = []
    for _, row in pipe.iterrows():
        if pd.notna(row["low_usd"]) and row["low_usd"] != row["high_usd"]:
            disagree.append(
                f"{row['title']}: {fmt.money(row['low_usd'])} to {fmt.money(row['high_usd'])} "
                f"across {row['claims']} claims ("
                + "; ".join(source_label(sources, s) for s in row["source_ids"]) + ").")
    summary = deals_summary(pipe, sector_labels)
    notes = _join_notes(
        line, summary, "Each deal is counted once, at the furthest status any source reports.",
        "Values the sources disagree on:" if disagree else
        "No deal in this view has values that differ between sources.",
        _at_most(disagree, TRADE_WHERE))
    return ChartSlide(title="Deals by sector and status", figure=fig, source_line=line,
                      notes=notes, summary=summary, source_ids=tuple(dict.fromkeys(ids)))


def _routes_slide(data, tables, state, today) -> ChartSlide | None:
    from components.analysis.routes import compare_routes, status_summary
    from components.figures.routes import status_figure

    if not _ok(data, "segments", "places", "corridor_claims", "statuses"):
        return None
    _, status_labels = _labels(data)
    compared = compare_routes(tables, all_segments=data["segments"])
    if compared.empty:
        return None
    fig = status_figure(compared, status_labels)
    ids = [i for cell in compared["source_ids"] for i in cell.split(";") if i]
    line = sourced_line(data["sources"], ids)
    disagree = []
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
        disagree.append("; ".join(parts) + ".")
    summary = status_summary(compared)
    notes = _join_notes(line, summary, "Lengths and costs as each source gives them:",
                        _at_most(disagree, "the app's Corridors page compares every route"),
                        "Drawn lengths follow straight lines between places with sourced "
                        "coordinates, so they understate rail distance.")
    return ChartSlide(title="Route kilometres by status", figure=fig, source_line=line,
                      notes=notes, summary=summary, source_ids=tuple(dict.fromkeys(ids)))


def _timeline_slide(data, tables, state, today) -> ChartSlide | None:
    from components.analysis import headlines as hl
    from components.analysis.events import default_window, drawable, events_in_view
    from components.figures.timeline import timeline_figure

    if not _ok(data, "events"):
        return None
    events = events_in_view(data["events"], tables, state)
    shown = drawable(events)
    if shown.empty:
        return None
    sources = data["sources"]
    window = None if (state.start or state.end) else default_window(today)
    fig = timeline_figure(events, sources, data["statuses"], window=window, today=today)
    if window is not None:
        lo, hi = pd.Timestamp(window[0]), pd.Timestamp(window[1])
        in_window = shown[(shown["x1"] >= lo) & (shown["x0"] <= hi)]
    else:
        in_window = shown
    in_window = in_window if not in_window.empty else shown
    ids = list(in_window["source_id"])
    line = sourced_line(sources, ids)
    accounts = events[events["same_as"].notna() & events["same_as"].isin(in_window["event_id"])]
    titles = dict(zip(events["event_id"], events["title"]))
    disagree = [
        f"{titles.get(r['same_as'], r['same_as'])}: also told by "
        f"{source_label(sources, r['source_id'])} as “{r['title']}”, "
        f"{fmt.date(r['start_date'], r['date_precision'])}."
        for _, r in accounts.iterrows()]
    visit = hl.latest_state_visit(data["events"], *PAIR)
    if visit is not None and visit["event_id"] in set(in_window["event_id"]):
        claims = hl.counts_by_claim(tables["agreements"], visit["event_id"])
        if len(claims) > 1:
            disagree.append(
                f"Documents signed at {visit['title']}, as each source counts them: "
                + "; ".join(f"{fmt.count(c['count'], c['qualifier'])} ("
                            + ", ".join(source_label(sources, s) for s in c["source_ids"]) + ")"
                            for c in claims) + ".")
        ids += [s for c in claims for s in c["source_ids"]]
    first, last = in_window["start_date"].min(), in_window["end_date"].max()
    summary = (f"{len(in_window)} events from {first:%b %Y} to {last:%b %Y}"
               + (" (the last four years; the full history is in the app)"
                  if window is not None else "") + ".")
    notes = _join_notes(line, summary,
                        "Accounts and counts that differ between sources:" if disagree else "",
                        _at_most(disagree, "the app's Timeline page lists every event"))
    return ChartSlide(title="Visits, summits and milestones", figure=fig, source_line=line,
                      notes=notes, summary=summary,
                      source_ids=tuple(dict.fromkeys(i for i in ids if isinstance(i, str))))


def map_slide(dataset, filter_state: FilterState | None = None) -> ChartSlide | None:
    """The static corridor map of the view as a slide: the corridors the filters select (all
    route, feeder and network corridors when none is chosen), sourced by its segments and
    places. None when the map's tables failed validation."""
    from components.analysis.geometry import segment_lines
    from components.analysis.routes import names_fit, segment_ends
    from components.figures.static_map import CAPTION, INDICATIVE, static_map_figure

    if not _ok(dataset, "segments", "places", "statuses"):
        return None
    state = filter_state or FilterState()
    tables = _tables(dataset, state)
    corridor_ids = state.corridors or None
    # coloured: the view's segments; grey: every other segment of the data
    fig = static_map_figure(dataset, corridor_ids, segments=tables["segments"],
                            width=MAP_PX[0], height=MAP_PX[1])
    segs = tables["segments"]
    if corridor_ids:
        segs = segs[segs["corridor_id"].isin(corridor_ids)]
    else:
        roles = dict(zip(tables["corridors"]["corridor_id"], tables["corridors"]["role"]))
        segs = segs[segs["corridor_id"].map(roles).ne("context")]
    all_lines = segment_lines(dataset["segments"], dataset["places"])  # memoised, as the map's
    drawn = all_lines[all_lines["segment_id"].isin(set(segs["segment_id"]))]
    stops = {p for path in drawn["stops"] for p in path}
    places = tables["places"][tables["places"]["place_id"].isin(stops)]
    ids = [*segs["source_id"], *places["source_id"]]
    line = sourced_line(tables["sources"], ids)
    line = (line + "; " if line else "Sources: ") + "country outlines: Natural Earth"
    names = dict(zip(tables["places"]["place_id"], tables["places"]["name"]))
    labels = dict(zip(tables["statuses"]["status_id"], tables["statuses"]["label"]))
    per_segment = [
        f"{names.get(r['from_place'], r['from_place'])} – {names.get(r['to_place'], r['to_place'])}"
        f": {labels.get(r['status'], r['status'])}"
        + (f", stated {fmt.length_km(r['stated_length_km'])}"
           if pd.notna(r["stated_length_km"]) else "")
        + (f", cost {fmt.money(r['cost_usd'])}" if pd.notna(r["cost_usd"]) else "")
        + f" ({source_label(tables['sources'], r['source_id'])})"
        for _, r in segs.head(NOTES_MAX_ITEMS).iterrows()]
    ends = len(segment_ends(segs))
    unnamed = ("" if names_fit(ends) else f"Places are not named on this map: {ends:,} segment "
               "ends are too many to label legibly.")
    notes = _join_notes(line, CAPTION, INDICATIVE, unnamed, "Segments as drawn:",
                        _at_most(per_segment, "segments.csv of the data has them all",
                                 total=len(segs)),
                        "The routes' stated lengths and costs, where sources differ, are in the "
                        "notes of the route kilometres slide.")
    return ChartSlide(title="Rail corridors from Kazakhstan to the Arabian Sea", figure=fig,
                      source_line=line, notes=notes,
                      source_ids=tuple(dict.fromkeys(i for i in ids if isinstance(i, str))))


def view_pack(dataset, filter_state: FilterState | None, *, link: str, filters_text: str,
              title: str = "Pakistan–Kazakhstan: trade, corridors and visits"
              ) -> tuple[bytes, bytes]:
    """(PPTX, PDF) briefing pack of the view: the standard chart slides, the static corridor
    map, and the sources, under a title slide with the filters in words, the data's date (its
    newest source) and the link to the view."""
    from components.analysis.headlines import as_of

    slides = default_slides(dataset, filter_state)
    mapped = map_slide(dataset, filter_state)
    cited = [*slides, mapped] if mapped is not None else slides
    return build_packs(slides, title=title, filters_text=filters_text,
                       data_date=as_of(dataset["sources"]), link=link,
                       sources_rows=pack_sources(dataset["sources"], cited), map_fig=mapped)
