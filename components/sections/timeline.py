"""Events: the latest few (Overview) and the timeline of visits, summits, commissions, forums and
milestones since 1991 (Timeline, and its slide). Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.analysis import formatting as fmt
from components.analysis import headlines as hl
from components.analysis.event_plan import Plan, plan
from components.analysis.event_text import chart_caption, counted_note, windowed_note
from components.analysis.events import (
    data_rows,
    default_window,
    drawable,
    events_in_view,
    events_source_line,
    page_filter,
)
from components.analysis.sourcing import source_label, source_line
from components.figures.timeline import timeline_figure
from components.sections.base import (
    Context,
    Section,
    Slide,
    at_most,
    distinct,
    join_notes,
    nothing,
)

#: Events the Overview lists, newest first.
LATEST = 5


# --- the latest events (Overview) --------------------------------------------------------------


@dataclass(frozen=True)
class EventLine:
    """One event as a line: 'date — title (place)' and its source."""

    text: str
    source: str


@dataclass(frozen=True)
class LatestEvents:
    """The newest events that have started (other sources' accounts not listed twice);
    empty: why there are none."""

    events: tuple[EventLine, ...]
    empty: str | None


def latest_events(ctx: Context) -> LatestEvents:
    rows = hl.latest_events(ctx.view["events"], LATEST, ctx.today)
    lines = tuple(
        EventLine(f"{fmt.date(ev['start_date'], ev['date_precision'])} — {ev['title']}"
                  + (f" ({ev['location']})" if isinstance(ev["location"], str) else ""),
                  source_label(ctx.sources, ev["source_id"]))
        for _, ev in rows.iterrows())
    return LatestEvents(lines, None if lines else nothing("events"))


LATEST_EVENTS = Section("latest_events", "Latest events", ("events",), latest_events)


# --- the timeline (Timeline, and the pack) -----------------------------------------------------


@dataclass(frozen=True)
class TimelineControls:
    """The page's own controls: event types (lane names; empty: all), countries (ISO3; empty:
    all), the whole history or the recent years, and lanes by 'type' or by 'countries'."""

    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    full_history: bool = False
    lanes: str = "type"


TITLE = "Visits, summits and milestones"


@dataclass(frozen=True, eq=False)
class Timeline:
    """The events of the view on a timeline.

    events: the events in view (the filters through each event's own tags and its linked
    items, then the page's controls); shown: those drawn (one row per event); chart: how they
    are drawn (each, or counted per period); figure: the timeline; window: the dates it opens
    on (None: all); caption: the line above it; note: why events are counted, or that only the
    window's are drawn ('info' when counted); source_line: the drawn events' sources; data:
    the 'Show data' table; empty: why nothing is drawn. For the slide: summary (how many
    events from when to when), window_line (the sources of the events in the window), notes
    (with the accounts and counts that differ) and source_ids.
    """

    events: pd.DataFrame
    shown: pd.DataFrame
    empty: str | None
    chart: Plan | None = None
    figure: go.Figure | None = None
    window: tuple[dt.date, dt.date] | None = None
    caption: str = ""
    note: str | None = None
    source_line: str = ""
    data: pd.DataFrame | None = None
    summary: str = ""
    window_line: str = ""
    notes: str = ""
    source_ids: tuple[str, ...] = ()

    def slide(self) -> Slide | None:
        if self.figure is None:
            return None
        return Slide(title=TITLE, figure=self.figure, source_line=self.window_line,
                     notes=self.notes, summary=self.summary, source_ids=self.source_ids)


def timeline(ctx: Context, controls: TimelineControls = TimelineControls()) -> Timeline:
    events = events_in_view(ctx.data["events"], ctx.view, ctx.filters)
    events = page_filter(events, list(controls.types), list(controls.countries))
    shown = drawable(events)
    if shown.empty:
        return Timeline(events, shown, "No events in the current filters.")
    window = None if controls.full_history else default_window(ctx.today)
    chart = plan(events, window)
    fig = timeline_figure(events, ctx.sources, ctx.data["statuses"], lanes=controls.lanes,
                          window=window, today=ctx.today)
    note = counted_note(chart, controls.full_history) if chart.counted else windowed_note(chart)
    summary, line, notes, ids = _slide_text(ctx, events, shown, window)
    return Timeline(
        events, shown, None, chart, fig, window, chart_caption(shown, chart.counted), note,
        events_source_line(ctx.sources, shown), data_rows(shown), summary, line, notes, ids)


def _slide_text(ctx: Context, events: pd.DataFrame, shown: pd.DataFrame,
                window: tuple[dt.date, dt.date] | None) -> tuple[str, str, str, tuple[str, ...]]:
    """The slide's summary, source line, notes and source ids: the events in the
    window, the accounts that differ from them, and the documents each source counts at the
    relationship's latest state visit when that is in the window."""
    sources = ctx.sources
    if window is not None:
        lo, hi = pd.Timestamp(window[0]), pd.Timestamp(window[1])
        in_window = shown[(shown["x1"] >= lo) & (shown["x0"] <= hi)]
    else:
        in_window = shown
    in_window = in_window if not in_window.empty else shown
    ids = list(in_window["source_id"])
    line = source_line(sources, ids)
    accounts = events[events["same_as"].notna() & events["same_as"].isin(in_window["event_id"])]
    titles = dict(zip(events["event_id"], events["title"]))
    disagree = [
        f"{titles.get(r['same_as'], r['same_as'])}: also told by "
        f"{source_label(sources, r['source_id'])} as “{r['title']}”, "
        f"{fmt.date(r['start_date'], r['date_precision'])}."
        for _, r in accounts.iterrows()]
    visit = hl.latest_state_visit(ctx.data["events"], *ctx.relationship.pair)
    if visit is not None and visit["event_id"] in set(in_window["event_id"]):
        claims = hl.counts_by_claim(ctx.view["agreements"], visit["event_id"])
        if len(claims) > 1:
            disagree.append(
                f"Documents signed at {visit['title']}, as each source counts them: "
                + "; ".join(f"{fmt.count(c['count'], c['qualifier'])} ("
                            + ", ".join(source_label(sources, s) for s in c["source_ids"])
                            + ")" for c in claims) + ".")
        ids += [s for c in claims for s in c["source_ids"]]
    first, last = in_window["start_date"].min(), in_window["end_date"].max()
    summary = (f"{len(in_window)} events from {first:%b %Y} to {last:%b %Y}"
               + (" (the last four years; the full history is in the app)"
                  if window is not None else "") + ".")
    notes = join_notes(line, summary,
                       "Accounts and counts that differ between sources:" if disagree else "",
                       at_most(disagree, "the app's Timeline page lists every event"))
    return summary, line, notes, distinct(ids)


TIMELINE = Section("timeline", TITLE, ("events",), timeline)
