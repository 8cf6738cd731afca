"""What the timeline says in words: the line above the chart, why events are counted or only
the window's drawn, and the Event chooser's options and text. Pure."""

from __future__ import annotations

import pandas as pd

from components.analysis.event_plan import MAX_DRAWN_EVENTS, Plan
from components.analysis.events import NOT_HELD
from components.analysis.memo import by_identity

#: The Event chooser lists at most this many events (the newest in view): a list of tens of
#: thousands is megabytes on every rerun and cannot be scrolled anyway (typing filters it).
MAX_CHOICES = 1000


def chart_caption(rows: pd.DataFrame, counted: bool) -> str:
    """The line above the chart: how many drawable `rows` (events in view), their years, how
    many are planned, and how to read the chart (markers and bars, or counts)."""
    first, last = rows["start_date"].min(), rows["end_date"].max()
    planned = int(rows["planned"].sum())
    text = f"{len(rows):,} events from {first:%Y} to {last:%Y}"
    if planned:
        text += f", {planned:,} {NOT_HELD}" + ("" if counted else " (open markers)")
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
