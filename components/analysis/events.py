"""The events of the timeline: lanes and their colours, the span a date's precision gives an
event, which events the filters keep (through their own tags and their linked items), and what
the data links to an event. Pure. How they are drawn is in event_plan, what is said of them in
event_text, the figures in figures/timeline.

Dates: an event known to the day spans start_date … end_date (inclusive); one known only to the
month or year spans that whole month or year, so its imprecision is visible as a wider, paler bar.
"""

from __future__ import annotations

import datetime as dt

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
#: What the events that are not known to have been held are: drawn as open markers
NOT_HELD = "planned, postponed or unconfirmed"
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
