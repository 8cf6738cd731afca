"""The timeline figures: one bar and marker per event in its lane, or events counted per
period when there are too many to draw. Pure plotly; hover text from data is HTML-escaped."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go

from components.analysis.event_plan import MAX_DRAWN_EVENTS, Plan, period_counts, period_label, plan
from components.analysis.events import (
    COLOUR_OF,
    HELD_STATUSES,
    LANES,
    NOT_HELD,
    lane_labels,
    lane_order,
    when,
)
from components.analysis.memo import by_identity
from components.analysis.sourcing import source_label
from components.analysis.vocabulary import status_labels
from components.figures.style import TEMPLATE


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
                    today: dt.date | None = None, template: str = TEMPLATE,
                    limit: int = MAX_DRAWN_EVENTS) -> go.Figure:
    """The timeline: one horizontal bar per event in its lane, a marker at its start.

    lanes: 'type' (LANES) or 'countries' (country pairs); window: the x range shown at first
    (None: all events); today: where the 'today' line is drawn (default: today).
    Held events: filled markers and solid bars; planned/postponed: open markers, dotted bars.
    Legend: lanes by type are named on the y axis, so it says only what a filled and a hollow
    marker mean (legend-only traces in the KEY group); lanes by country pair also name the
    type colours.
    Month/year precision: the bar covers the month/year, paler. customdata[0] is the event_id.

    At most `limit` events are drawn (see `plan`): up to `limit` events in all, every event;
    more, but at most `limit` in the window, the events in the window; more than `limit` in the
    window, `counts_figure` (events per month or quarter in each lane, no event ids).
    """
    chart = plan(events, window, limit)
    if chart.counted:
        return counts_figure(chart, lanes=lanes, window=window, today=today, template=template)
    rows = chart.rows.copy()  # plan and drawable are memoised: their results are shared
    labels = status_labels(statuses)
    fig = go.Figure()
    rows["y"] = lane_labels(rows, lanes)
    order = lane_order(rows["y"], lanes)
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
                name=lane + (f" ({NOT_HELD})" if planned else ""),
                legendgroup=lane,
                # lanes by type name their colours on the y axis: the legend only says what a
                # hollow marker means (KEY); lanes by country pair need the colours named
                showlegend=lanes == "countries" and not planned,
                marker={"symbol": "circle-open" if planned else "circle", "size": 13,
                        "color": colour, "line": {"width": 2.5, "color": colour}},
                customdata=part[["event_id"]].to_numpy(),
                hovertext=[hover_text(e, sources, labels) for _, e in part.iterrows()],
                hovertemplate="%{hovertext}<extra></extra>",
            ))
    _add_key(fig, held=lanes != "countries",
             not_held=bool(rows["planned"].any()))
    _frame(fig, order, window, today, template)
    return fig


#: the legend group of the entries that say what a marker's fill means (no events of their own)
KEY = "key"
KEY_COLOUR = "#555"


def _add_key(fig: go.Figure, *, held: bool, not_held: bool) -> None:
    """Legend-only entries (no points): '● Held' when the lanes' colours need no legend, and
    '○ Planned, postponed or unconfirmed' when any drawn event is not held."""
    for shown, name, symbol in ((held, "Held", "circle"),
                                (not_held, NOT_HELD.capitalize(), "circle-open")):
        if shown:
            fig.add_trace(go.Scatter(
                x=[None], y=[None], mode="markers", name=name, legendgroup=KEY,
                hoverinfo="skip", hovertext=[""],
                marker={"symbol": symbol, "size": 13, "color": KEY_COLOUR,
                        "line": {"width": 2.5, "color": KEY_COLOUR}}))


def _frame(fig: go.Figure, order: list[str], window: tuple[dt.date, dt.date] | None,
           today: dt.date | None, template: str) -> None:
    """What both kinds of timeline share: the 'today' line, the lanes (`order`, top to bottom,
    80 px each), the initial x range (`window`; None: everything), legend and template."""
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


def counts_figure(chart: Plan, *, lanes: str = "type",
                  window: tuple[dt.date, dt.date] | None = None, today: dt.date | None = None,
                  template: str = TEMPLATE) -> go.Figure:
    """Events per period in each lane, for windows with too many events to draw one by one.

    One horizontal bar per lane and period with events, spanning the period, in its type
    lane's colour, darker the more events it counts (opacity 0.2–1, in proportion to the
    figure's largest count); hover: lane, period and count (plain text, HTML-escaped).
    Lanes by type: one bar a period per lane. Lanes by country pair: within each pair, one
    thin bar per type lane (grouped), so colours keep meaning the type. No customdata: a bar
    is not an event, so clicking one opens no card. Same lanes, window, 'today' line and
    legend as `timeline_figure`.
    """
    counts = period_counts(chart, lanes, window)
    fig = go.Figure()
    top = max(int(counts["count"].max()), 1)
    for lane, _, colour in LANES:
        part = counts[counts["lane"] == lane]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            orientation="h", y=part["y"].tolist(),
            # a bar from its period's start, as long as the period (ms on a date axis)
            base=part["start"].dt.strftime("%Y-%m-%d").tolist(),
            x=((part["end"] - part["start"]) // pd.Timedelta(milliseconds=1)).tolist(),
            name=lane, legendgroup=lane,
            marker={"color": colour, "line": {"width": 0},
                    "opacity": [round(0.2 + 0.8 * c / top, 3) for c in part["count"]]},
            hovertext=[_count_hover(r, lanes) for r in part.itertuples()],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    _frame(fig, lane_order(counts["y"], lanes), window, today, template)
    fig.update_layout(barmode="group" if lanes == "countries" else "overlay", bargap=0.3,
                      bargroupgap=0.05)
    return fig


def _count_hover(row, lanes: str) -> str:
    """'<b>Visits</b><br>Mar 2025: 312 events (4 planned, postponed or unconfirmed)' for one
    count bar;
    lanes by country name the pair and the type lane."""
    head = (f"<b>{html.escape(row.y)}</b> · {html.escape(row.lane)}" if lanes == "countries"
            else f"<b>{html.escape(row.lane)}</b>")
    text = f"{head}<br>{period_label(row.period)}: {row.count:,} event{'s' * (row.count != 1)}"
    if row.planned:
        text += f" ({row.planned:,} {NOT_HELD})"
    return text


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
