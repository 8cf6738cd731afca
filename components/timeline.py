"""Events on a timeline: lanes, colours, date precision, links to what events produced. Pure.

Dates: an event known to the day spans start_date … end_date (inclusive); one known only to the
month or year spans that whole month or year, so its imprecision is visible as a wider, paler bar.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go

from components import formatting as fmt
from components.chart_style import TEMPLATE
from components.filters import FilterState, apply_filters
from components.memo import by_identity
from components.sourcing import source_label

# Lanes (top to bottom) and the event types drawn in each. Colours: Okabe–Ito, colour-blind safe.
LANES = (
    ("Visits", ("state_visit", "official_visit", "ministerial_visit", "parliamentary_visit"),
     "#0072B2"),
    ("Summits", ("summit",), "#E69F00"),
    ("Commissions & working groups", ("commission", "working_group"), "#009E73"),
    ("Business forums", ("business_forum",), "#CC79A7"),
    ("Corridor & agreement milestones", ("milestone",), "#D55E00"),
    ("Other", ("diplomatic", "speech", "conference"), "#56B4E9"),
)
LANE_OF = {t: lane for lane, types, _ in LANES for t in types}
COLOUR_OF = {lane: colour for lane, _, colour in LANES}
HELD_STATUSES = ("held",)
DEFAULT_YEARS = 4  # the window the page opens on


def span(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> tuple[pd.Timestamp,
                                                                          pd.Timestamp]:
    """The interval an event occupies: [start, end + 1 day) for day precision, the whole month or
    year otherwise (a month-precision event from 1 Sep is drawn over September)."""
    if precision == "year":
        return pd.Timestamp(start.year, 1, 1), pd.Timestamp(end.year + 1, 1, 1)
    if precision == "month":
        return (pd.Timestamp(start.year, start.month, 1),
                pd.Timestamp(end.year, end.month, 1) + pd.offsets.MonthBegin(1))
    return start, end + pd.Timedelta(days=1)


def when(event: pd.Series) -> str:
    """The event's dates in words at their precision: '3–4 Feb 2026', 'Sep 2025', '2003'."""
    precision = event["date_precision"]
    start, end = event["start_date"], event["end_date"]
    if precision != "day" or start == end:
        text = fmt.date(start, precision)
    elif (start.year, start.month) == (end.year, end.month):
        text = f"{start.day}–{end.day} {end.strftime('%b %Y')}"
    else:
        text = f"{fmt.date(start)} – {fmt.date(end)}"
    if precision in ("month", "year"):
        text += f" (exact date not known; shown across the {precision})"
    return text


def country_pair(cell: object) -> str:
    """'KAZ;PAK' → 'KAZ–PAK' (sorted), for lanes by country."""
    codes = sorted(c for c in str(cell).split(";") if c) if isinstance(cell, str) else []
    return "–".join(codes) if codes else "(no country given)"


@by_identity()
def drawable(events: pd.DataFrame) -> pd.DataFrame:
    """Events to draw: one row per event (other sources' accounts, `same_as`, are left out),
    with lane, colour, span start/end, planned flag and plain-text hover."""
    rows = events[events["same_as"].isna()].copy()
    rows["lane"] = rows["type"].map(LANE_OF).fillna("Other")
    rows["colour"] = rows["lane"].map(COLOUR_OF)
    spans = [span(s, e, p) for s, e, p in
             zip(rows["start_date"], rows["end_date"], rows["date_precision"])]
    rows["x0"] = [a for a, _ in spans]
    rows["x1"] = [b for _, b in spans]
    rows["planned"] = ~rows["status"].isin(HELD_STATUSES)
    return rows.sort_values(["start_date", "event_id"]).reset_index(drop=True)


def hover_text(event: pd.Series, sources: pd.DataFrame, status_labels: dict[str, str]) -> str:
    """Hover for one event; data text is HTML-escaped because plotly renders some HTML tags."""
    parts = [f"<b>{html.escape(str(event['title']))}</b>", html.escape(when(event))]
    if event["status"] not in HELD_STATUSES:
        parts.append(html.escape(status_labels.get(event["status"], event["status"])))
    for label, col in (("Where", "location"), ("Leaders", "leaders")):
        if isinstance(event[col], str):
            parts.append(f"{label}: {html.escape(event[col].replace(';', ', '))}")
    if isinstance(event["summary"], str):
        parts.append(_wrap(html.escape(event["summary"])))
    parts.append(f"Source: {html.escape(source_label(sources, event['source_id']))}")
    return "<br>".join(parts)


def _wrap(text: str, width: int = 70) -> str:
    """Break already-escaped text into <br>-separated lines of about `width` characters."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(lines)


@by_identity()
def timeline_figure(events: pd.DataFrame, sources: pd.DataFrame, statuses: pd.DataFrame,
                    *, lanes: str = "type", window: tuple[dt.date, dt.date] | None = None,
                    today: dt.date | None = None, template: str = TEMPLATE) -> go.Figure:
    """The timeline: one horizontal bar per event in its lane, a marker at its start.

    lanes: 'type' (LANES) or 'countries' (country pairs); window: the x range shown at first
    (None: all events); today: where the 'today' line is drawn (default: today).
    Held events: filled markers and solid bars; planned/postponed: open markers, dotted bars.
    Month/year precision: the bar covers the month/year, paler. customdata[0] is the event_id.
    """
    rows = drawable(events).copy()  # drawable is memoised: its result is shared
    labels = dict(zip(statuses["status_id"], statuses["label"]))
    fig = go.Figure()
    if lanes == "countries":
        rows["y"] = rows["countries"].map(country_pair)
        order = sorted(rows["y"].unique())
    else:
        rows["y"] = rows["lane"]
        order = [lane for lane, _, _ in LANES if lane in set(rows["y"])]
    for lane in [lane for lane, _, _ in LANES]:
        mine = rows[rows["lane"] == lane]
        if mine.empty:
            continue
        colour = COLOUR_OF[lane]
        for planned in (False, True):
            part = mine[mine["planned"] == planned]
            if part.empty:
                continue
            _add_bars(fig, part, colour, planned)
            fig.add_trace(go.Scatter(
                x=part["start_date"], y=part["y"], mode="markers",
                name=lane + (" (planned / postponed)" if planned else ""),
                legendgroup=lane,
                marker={"symbol": "circle-open" if planned else "circle", "size": 13,
                        "color": colour, "line": {"width": 2.5, "color": colour}},
                customdata=part[["event_id"]].to_numpy(),
                hovertext=[hover_text(e, sources, labels) for _, e in part.iterrows()],
                hovertemplate="%{hovertext}<extra></extra>",
            ))
    today = today or dt.date.today()
    fig.add_shape(type="line", x0=today, x1=today, yref="paper", y0=0, y1=1,
                  line={"color": "#444", "width": 1.5, "dash": "dash"})
    fig.add_annotation(x=today, yref="paper", y=1.02, text="today", showarrow=False,
                       font={"size": 13, "color": "#444"})
    fig.update_layout(
        template=template, height=max(360, 80 * len(order) + 160), hovermode="closest",
        hoverlabel={"align": "left"},
        legend={"orientation": "h", "y": -0.15},
        xaxis={"type": "date", "title": None,
               "range": list(window) if window else None},
        yaxis={"type": "category", "categoryorder": "array",
               "categoryarray": list(reversed(order)), "title": None, "automargin": True},
    )
    return fig


def _add_bars(fig: go.Figure, part: pd.DataFrame, colour: str, planned: bool) -> None:
    """Duration bars as thick line segments (None-separated), pale for imprecise dates."""
    for precise in (True, False):
        sel = part[(part["date_precision"] == "day") == precise]
        if sel.empty:
            continue
        xs, ys = [], []
        for r in sel.itertuples():
            xs += [r.x0, r.x1, None]
            ys += [r.y, r.y, None]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
            line={"color": colour, "width": 10 if precise else 16,
                  "dash": "dot" if planned else "solid"},
            opacity=1.0 if precise else 0.35,
        ))


def default_window(today: dt.date | None = None, years: int = DEFAULT_YEARS
                   ) -> tuple[dt.date, dt.date]:
    """The last `years` years up to six months after today."""
    today = today or dt.date.today()
    return (dt.date(today.year - years, today.month, 1), today + dt.timedelta(days=183))


def linked_items(event_id: str, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """What the data links to an event (by event_id, never by matching text):
    deals, agreements, people figures, trade targets, and other sources' accounts of it."""
    out = {}
    for name in ("deals", "agreements", "people", "trade_targets"):
        frame = tables[name]
        out[name] = frame[frame["event_id"] == event_id]
    events = tables["events"]
    out["accounts"] = events[events["same_as"] == event_id]
    return out


def event_corridor_tags(events: pd.DataFrame) -> pd.Series:
    """Each event's corridors as a list (for cards)."""
    return events["corridors"].fillna("").map(lambda c: [x for x in c.split(";") if x])


@by_identity()
def events_in_view(events: pd.DataFrame, view: dict[str, pd.DataFrame],
                   state: FilterState) -> pd.DataFrame:
    """Events for the current filters: those passing on their own tags (view['events']) plus
    those whose linked deals, agreements, people figures or targets pass (the link is the data's
    event_id), all within the date range. `events` is the unfiltered table.
    Other sources' accounts (same_as) follow the event they describe."""
    ids = set(view["events"]["event_id"])
    for name in ("deals", "agreements", "people", "trade_targets"):
        ids |= set(view[name]["event_id"].dropna())
    ids |= set(events.loc[events["event_id"].isin(ids), "same_as"].dropna())
    keep = events["event_id"].isin(ids) | events["same_as"].isin(ids)
    dates_only = FilterState(start=state.start, end=state.end)
    return apply_filters({"events": events[keep]}, dates_only)["events"]


@by_identity()
def page_filter(events: pd.DataFrame, lanes: list[str], countries: list[str]) -> pd.DataFrame:
    """The page's own filters: lanes (see LANES; empty = all) and countries (ISO3; an event
    matches when it involves any of them; empty = all)."""
    keep = pd.Series(True, index=events.index)
    if lanes:
        keep &= events["type"].map(LANE_OF).isin(lanes)
    if countries:
        wanted = set(countries)
        keep &= events["countries"].fillna("").map(lambda c: bool(set(c.split(";")) & wanted))
    return events[keep.astype(bool)]
