"""How the timeline draws a set of events: each one, only the window's, or counted per month
or quarter in each lane when there are too many to tell apart. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from components.analysis.events import drawable, lane_labels
from components.analysis.memo import by_identity

#: Above this many events in the window the chart counts them per period in each lane instead
#: of drawing each one: every drawn event costs about 0.5–1 kB of plotly spec (dates, hover text)
#: and a marker nobody can tell apart from its neighbours once hundreds share a month. The
#: bundled data has 53 events; a bilateral relationship's real history runs to a few hundred.
MAX_DRAWN_EVENTS = 1500
#: Counted windows up to this many years are counted per month, longer ones per quarter: at
#: most ~100–150 bars a lane, each still a few pixels wide on a laptop screen.
MONTHLY_UP_TO_YEARS = 8


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
    planned, postponed or unconfirmed). An event counts once, in the period of its start, or of the
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
