"""Events on a timeline: lanes, colours, date precision, links to what events produced. Pure.

Dates: an event known to the day spans start_date … end_date (inclusive); one known only to the
month or year spans that whole month or year, so its imprecision is visible as a wider, paler bar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.analysis import formatting as fmt
from components.analysis.filters import FilterState, apply_filters
from components.analysis.memo import by_identity
from components.analysis.sourcing import source_line

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

#: Above this many events in the window the chart counts them per period in each lane instead
#: of drawing each one: every drawn event costs about 0.5–1 kB of plotly spec (dates, hover text)
#: and a marker nobody can tell apart from its neighbours once hundreds share a month. The
#: bundled data has 53 events; a bilateral relationship's real history runs to a few hundred.
MAX_DRAWN_EVENTS = 1500
#: Counted windows up to this many years are counted per month, longer ones per quarter: at
#: most ~100–150 bars a lane, each still a few pixels wide on a laptop screen.
MONTHLY_UP_TO_YEARS = 8
#: The Event chooser lists at most this many events (the newest in view): a list of tens of
#: thousands is megabytes on every rerun and cannot be scrolled anyway (typing filters it).
MAX_CHOICES = 1000


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


def spans(starts: pd.Series, ends: pd.Series, precisions: pd.Series
          ) -> tuple[np.ndarray, np.ndarray]:
    """`span` for whole columns at once (arrays of the starts' datetime dtype, aligned with
    them): calling `span` per event was 0.3 s at 53,000 events. Month and year starts come
    from numpy's calendar units (datetime64[M] / [Y] are the first instant of the month/year).
    """
    dtype = starts.dtype
    start, end = starts.to_numpy(), ends.to_numpy()
    month = (precisions == "month").to_numpy()
    year = (precisions == "year").to_numpy()
    x0 = np.where(month, start.astype("datetime64[M]").astype(dtype),
                  np.where(year, start.astype("datetime64[Y]").astype(dtype), start))
    x1 = np.where(month, (end.astype("datetime64[M]") + 1).astype(dtype),
                  np.where(year, (end.astype("datetime64[Y]") + 1).astype(dtype),
                           end + np.timedelta64(1, "D")))
    return x0, x1


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
    rows["x0"], rows["x1"] = spans(rows["start_date"], rows["end_date"],
                                   rows["date_precision"])
    rows["planned"] = ~rows["status"].isin(HELD_STATUSES)
    return rows.sort_values(["start_date", "event_id"]).reset_index(drop=True)


def lane_labels(rows: pd.DataFrame, lanes: str) -> pd.Series:
    """Each row's lane (y category): its type's lane, or its country pair when lanes is
    'countries'. Aligned with `rows`."""
    if lanes == "countries":
        return rows["countries"].map(country_pair)
    return rows["lane"]


def lane_order(ys: pd.Series, lanes: str) -> list[str]:
    """The lanes present, top to bottom: LANES' order, or country pairs alphabetically."""
    if lanes == "countries":
        return sorted(ys.unique())
    present = set(ys)
    return [lane for lane, _, _ in LANES if lane in present]


@dataclass(frozen=True, eq=False)  # holds a frame: compared by identity
class Plan:
    """What the timeline shows for a set of events and a window.

    rows: the drawable events (see `drawable`) the figure covers: all of them when they are at
    most the limit, else those overlapping the window; total: how many drawable events there
    are in all; counted: rows exceed the limit, so the figure counts them per `period`
    ('month' or 'quarter'; None when drawn one by one) instead of drawing each.
    """

    rows: pd.DataFrame
    total: int
    counted: bool
    period: str | None

    @property
    def windowed(self) -> bool:
        """Only the events in the window are in the figure (not the whole history)."""
        return len(self.rows) < self.total


@by_identity()
def plan(events: pd.DataFrame, window: tuple[dt.date, dt.date] | None = None,
         limit: int = MAX_DRAWN_EVENTS) -> Plan:
    """Decide how `events` (the events table, filtered) are drawn in `window` (None: all).

    Up to `limit` drawable events in all: every one (the figure opens on the window and can be
    panned out, as it always has). Otherwise only those overlapping the window count: drawn one
    by one up to `limit`, counted per period beyond it."""
    rows = drawable(events)
    total = len(rows)
    if total <= limit:
        return Plan(rows, total, False, None)
    if window is not None:
        rows = in_window(rows, window)
    if len(rows) <= limit:
        return Plan(rows, total, False, None)
    return Plan(rows, total, True, period_for(rows, window))


def in_window(rows: pd.DataFrame, window: tuple[dt.date, dt.date]) -> pd.DataFrame:
    """Drawable rows whose span [x0, x1) overlaps the window (both ends' days included)."""
    lo, hi = pd.Timestamp(window[0]), pd.Timestamp(window[1]) + pd.Timedelta(days=1)
    return rows[(rows["x1"] > lo) & (rows["x0"] < hi)]


def period_for(rows: pd.DataFrame, window: tuple[dt.date, dt.date] | None) -> str:
    """'month' when the window (or, with none, the rows' whole span) is at most
    MONTHLY_UP_TO_YEARS long, else 'quarter'."""
    if window is not None:
        lo, hi = pd.Timestamp(window[0]), pd.Timestamp(window[1])
    else:
        lo, hi = rows["x0"].min(), rows["x1"].max()
    return "month" if (hi - lo).days <= MONTHLY_UP_TO_YEARS * 366 else "quarter"


def period_counts(chart: Plan, lanes: str = "type",
                  window: tuple[dt.date, dt.date] | None = None) -> pd.DataFrame:
    """Events per lane, type lane and period, for a counted plan.

    One row per (y, lane, period) holding at least one event: y (the figure's lane: type lane
    or country pair), lane (the type lane, which gives the colour), period (pandas Period),
    start / end (Timestamps: the period is [start, end)), count (events) and planned (of them,
    planned or postponed). An event counts once, in the period of its start, or of the
    window's start when it began before the window, so the counts add up to len(chart.rows).
    """
    rows = chart.rows
    start = rows["x0"] if window is None else rows["x0"].clip(lower=pd.Timestamp(window[0]))
    periods = start.dt.to_period("M" if chart.period == "month" else "Q")
    frame = pd.DataFrame({"y": lane_labels(rows, lanes), "lane": rows["lane"],
                          "period": periods, "planned": rows["planned"]})
    out = (frame.groupby(["y", "lane", "period"], sort=True)
           .agg(count=("planned", "size"), planned=("planned", "sum")).reset_index())
    out["start"] = out["period"].dt.start_time
    out["end"] = (out["period"] + 1).dt.start_time
    return out


def period_label(period: pd.Period) -> str:
    """'Mar 2025' for a month, 'Q1 2025 (Jan–Mar)' for a quarter."""
    if period.freqstr.startswith("M"):
        return period.strftime("%b %Y")
    first = period.asfreq("M", "start").strftime("%b")
    last = period.asfreq("M", "end").strftime("%b")
    return f"Q{period.quarter} {period.year} ({first}–{last})"


def chart_caption(rows: pd.DataFrame, counted: bool) -> str:
    """The line above the chart: how many drawable `rows` (events in view), their years, how
    many are planned, and how to read the chart (markers and bars, or counts)."""
    first, last = rows["start_date"].min(), rows["end_date"].max()
    planned = int(rows["planned"].sum())
    text = f"{len(rows):,} events from {first:%Y} to {last:%Y}"
    if planned:
        text += f", {planned:,} planned or postponed" + ("" if counted else " (open markers)")
    if counted:
        return text + "."
    return (text + ". Bars show how long each lasted; pale wide bars mark events known only to "
            "the month or year. Click an event for its card.")


def counted_note(chart: Plan, full_history: bool) -> str:
    """What the page says above a counted chart: how many events, why they are counted, how to
    see them one by one. full_history: the window is the whole history (else recent years)."""
    narrow = ("choose Recent years or narrow the sidebar's dates" if full_history
              else "narrow the sidebar's dates")
    return (f"{len(chart.rows):,} events in this window: too many to draw one by one, so each "
            f"bar counts a lane's events per {chart.period} (darker: more; hover for the "
            f"count). To see individual events (at most {MAX_DRAWN_EVENTS:,}), {narrow}, choose "
            "an event type or a country above, or narrow the sidebar's sector and corridor "
            "filters.")


def windowed_note(chart: Plan) -> str | None:
    """What the page says when only the window's events are drawn (None when all are)."""
    if chart.counted or not chart.windowed:
        return None
    return (f"The {len(chart.rows):,} events in this window are drawn; the other "
            f"{chart.total - len(chart.rows):,} of the {chart.total:,} in view are not "
            "(Full history counts them all).")


@by_identity()
def event_choices(rows: pd.DataFrame, limit: int = MAX_CHOICES) -> dict[str, str]:
    """The Event chooser's options: event_id → 'dd Mon YYYY — title' for the newest `limit` of
    `rows` (drawable events, oldest first, as `drawable` sorts them), in that order.

    The label is also what the URL carries (`?event=`), so its format must not change: links
    made before would stop opening their card. Built in one vectorised pass, once per view."""
    newest = rows.tail(limit)
    return dict(zip(newest["event_id"], _choice_labels(newest)))


def _choice_labels(rows: pd.DataFrame) -> pd.Series:
    """'03 Feb 2026 — State visit' for each row (start date and title)."""
    return rows["start_date"].dt.strftime("%d %b %Y") + " — " + rows["title"].astype(str)


def choices_with(rows: pd.DataFrame, chosen: str | None, limit: int = MAX_CHOICES
                 ) -> dict[str, str]:
    """`event_choices` plus the chosen event (an event_id) when it is in `rows` but older
    than the newest `limit`, first (the options stay oldest first), so a link to it or a click
    on it still opens its card. A chosen event not in `rows` is left out, as it always was."""
    options = event_choices(rows, limit)
    if chosen is None or chosen in options:
        return options
    match = rows[rows["event_id"] == chosen]
    if match.empty:
        return options
    return {chosen: _choice_labels(match.head(1)).iloc[0], **options}


def event_for_label(rows: pd.DataFrame, label: str | None) -> str | None:
    """The event_id whose chooser label is `label` (as a link's `?event=` carries it), or None.

    Only needed on a link's first run, before the chooser has put the id in the session."""
    if not label:
        return None
    day, _, title = label.partition(" — ")
    try:
        start = pd.to_datetime(day, format="%d %b %Y")
    except ValueError:
        return None
    match = rows[(rows["start_date"] == start) & (rows["title"] == title)]
    return None if match.empty else match["event_id"].iloc[0]


def chooser_text(rows: int, counted: bool, limit: int = MAX_CHOICES) -> tuple[str, str | None]:
    """The Event chooser's placeholder and help for `rows` events in view (help None when
    every event is listed). counted: the chart counts events, so none can be clicked."""
    if rows <= limit:
        return "Click an event, or choose one here", None
    placeholder = (f"Choose one of the newest {limit:,} events here" if counted
                   else f"Click an event, or choose one of the newest {limit:,} here")
    return placeholder, (f"Lists the newest {limit:,} of the {rows:,} events in view (type to "
                         "search them). To reach older ones, narrow the filters above or in "
                         "the sidebar.")


@by_identity(maxsize=4)
def countries_present(events: pd.DataFrame) -> list[str]:
    """Every ISO3 code in any event's `countries` cell (';'-separated), sorted: the Country
    filter's options. Joined once and split once instead of a set built per cell."""
    return sorted(set(";".join(events["countries"].dropna()).split(";")))


@by_identity()
def events_source_line(sources: pd.DataFrame, rows: pd.DataFrame) -> str:
    """The source line of `rows` (events): `source_line` of their distinct source ids, in
    first-seen order, once per view (not a pass over every event's source on each rerun)."""
    return source_line(sources, rows["source_id"].dropna().unique().tolist())


#: The columns of the page's "Show data" table.
DATA_COLUMNS = ["start_date", "end_date", "date_precision", "title", "type", "status",
                "location", "leaders", "source_id"]


@by_identity()
def data_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The "Show data" table of drawable `rows`: DATA_COLUMNS, in the rows' order."""
    return rows[DATA_COLUMNS]


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
    ids |= set(events.loc[_member(events["event_id"], ids), "same_as"].dropna())
    keep = _member(events["event_id"], ids) | _member(events["same_as"], ids)
    dates_only = FilterState(start=state.start, end=state.end)
    return apply_filters({"events": events[keep]}, dates_only)["events"]


def _member(column: pd.Series, wanted: set) -> np.ndarray:
    """column.isin(wanted) as a bool array (missing values: False). Set lookups: pandas' isin
    on Arrow-backed strings turns each wanted value into a pyarrow scalar first, 0.13 s a call
    for 53,000 ids."""
    return np.fromiter((v in wanted for v in column.tolist()), dtype=bool, count=len(column))


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
