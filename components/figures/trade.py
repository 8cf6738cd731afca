"""Plotly figures for the Trade & deals page. Pure builders returning go.Figure.

Every figure uses the project template; hover text from data is HTML-escaped (chart_style.plain);
money is plotted in US$ million so axes read 250, 1,000 (never 2.5e8).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.analysis import formatting as fmt
from components.analysis.memo import by_identity
from components.analysis.sourcing import source_label, source_labels
from components.figures.style import OKABE_ITO, TEMPLATE, plain

#: Reporters' colours, in the order the caller names the reporters (the relationship's partner,
#: then the other country), then any other reporter in code order.
SERIES_COLOURS = (OKABE_ITO[0], OKABE_ITO[2], OKABE_ITO[1], OKABE_ITO[3], OKABE_ITO[5])
STATUS_COLOURS = {"talks": "#BBBBBB", "announced": OKABE_ITO[5], "signed": OKABE_ITO[0],
                  "financed": OKABE_ITO[2], "under_construction": OKABE_ITO[1],
                  "delivered": OKABE_ITO[4]}
# status is also carried by bar pattern and marker shape, so colour is never the only carrier
STATUS_PATTERNS = {"talks": "", "announced": ".", "signed": "/", "financed": "\\",
                   "under_construction": "x", "delivered": "+"}
STATUS_SYMBOLS = {"talks": "circle-open", "announced": "diamond", "signed": "circle",
                  "financed": "square", "under_construction": "triangle-up",
                  "delivered": "star"}


#: Up to this many on an axis of counts, every whole number gets a tick; beyond it plotly picks
#: (a tick per deal at 1000× the data was 3,000 labels drawn over each other).
WHOLE_TICKS = 12


def _whole_ticks(top: float) -> int | None:
    """The dtick of an axis of counts reaching `top`: 1 (no 0.5 deals) while that is readable,
    else None (plotly's own spacing, whole numbers by the axis' ',d' format)."""
    return 1 if top <= WHOLE_TICKS else None


def _literal(text: object) -> str:
    """Data text written into a hovertemplate: escaped as HTML, and '%{' (which plotly would
    read as a placeholder) written as an entity."""
    return plain(text).replace("%{", "%&#123;")


def _dates(values: pd.Series) -> list[str]:
    """Dates as plotly reads them, as short as exact: '2024-07-01', or '2024-07-01 12:00' for a
    midpoint that falls at noon (an ISO timestamp with microseconds is 2.5× longer, per point)."""
    ts = pd.to_datetime(values)
    days = ts.dt.strftime("%Y-%m-%d")
    if (ts == ts.dt.normalize()).all():
        return days.tolist()
    return ts.dt.strftime("%Y-%m-%d %H:%M").where(ts != ts.dt.normalize(), days).tolist()


def _reading_points(rows: pd.DataFrame, sources: pd.DataFrame) -> tuple[np.ndarray, str]:
    """Hover for trade figures: (customdata, hovertemplate).

    Per point only what differs from point to point — value, period, source (and who reported
    it, when that differs within the trace) — in customdata (n × 3 or n × 4, escaped text); the
    words around them are written once in the trace's template. At 1000× the data a trace has
    thousands of points, and the repeated words were over half of the chart's JSON.
    """
    values = [plain(fmt.money(v, q)) for v, q in zip(rows["value_usd"], rows["qualifier"])]
    columns = [values, [plain(p) for p in rows["period_label"]],
               [plain(label) for label in source_labels(sources, rows["source_id"])]]
    who = [f"Reported by {r} ({b})" for r, b in zip(rows["reporter"], rows["basis"])]
    if len(set(who)) == 1:
        said = _literal(who[0])
    else:
        columns.append([plain(w) for w in who])
        said = "%{customdata[3]}"
    template = ("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>" + said
                + "<br>Source: %{customdata[2]}<extra></extra>")
    return np.array(columns, dtype=object).T, template


@by_identity()
def trade_figure(series: pd.DataFrame, stated: pd.DataFrame, target: pd.Series | None,
                 sources: pd.DataFrame, title: str,
                 deadlines: pd.DataFrame | None = None,
                 reporters: tuple[str, ...] = ()) -> go.Figure:
    """Turnover over time, one line per reporter, statements as diamonds, target as a line.

    series: trade.annual_series rows; stated: trade.statements rows; target: a trade_targets row;
    deadlines: trade.stated_deadlines rows, each drawn as a marker on the target line (sources
    may give more than one). x: dates (each annual figure at its period's midpoint); y: US$ million.
    Hover: the value, period, who reported it, source. reporters: ISO3 codes in colour order
    (SERIES_COLOURS), so that a country keeps its colour from one relationship to the next.
    """
    fig = go.Figure()
    order = [*reporters, *sorted(set(series["reporter"]) - set(reporters))]
    colour = {r: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, r in enumerate(order)}
    for name, group in series.groupby("series", sort=False):
        reporter = group["reporter"].iloc[0]
        calendar = "calendar" in name
        # a reporter's officials' figures share its colour but not its statistics' line: dotted,
        # with open diamonds, so the two series of one country stay apart where they overlap
        stated_only = bool((group["basis"] == "statement").all())
        dash = "dot" if stated_only else "solid" if calendar else "dash"
        symbol = "diamond-open" if stated_only else "circle" if calendar else "square"
        customdata, template = _reading_points(group, sources)
        fig.add_trace(go.Scatter(
            x=_dates(group["mid"]), y=(group["value_usd"] / 1e6).to_numpy(float),
            mode="lines+markers", name=plain(name),
            line={"color": colour[reporter], "width": 3,
                  "dash": dash},
            marker={"size": 12 if stated_only else 10, "symbol": symbol},
            customdata=customdata, hovertemplate=template))
    if not stated.empty:
        customdata, template = _reading_points(stated, sources)
        fig.add_trace(go.Scatter(
            x=_dates(stated["period_start"]), y=(stated["value_usd"] / 1e6).to_numpy(float),
            mode="markers", name="Stated by officials",
            marker={"size": 14, "symbol": "diamond", "color": OKABE_ITO[4]},
            customdata=customdata, hovertemplate=template))
    if target is not None:
        _draw_target(fig, target, sources, deadlines)
    fig.update_layout(template=TEMPLATE, title=plain(title), height=460,
                      xaxis={"type": "date", "title": None},
                      yaxis={"title": "US$ million", "tickformat": ",d", "rangemode": "tozero"},
                      legend={"orientation": "h", "y": -0.18})
    return fig


def _draw_target(fig: go.Figure, target: pd.Series, sources: pd.DataFrame,
                 deadlines: pd.DataFrame | None) -> None:
    """The target as a dotted line, labelled, with one ✕ per deadline the sources give."""
    y = target["target_usd"] / 1e6
    if deadlines is None or deadlines.empty:
        deadlines = pd.DataFrame([{"deadline": target["deadline"],
                                   "deadline_precision": target["deadline_precision"],
                                   "deadline_texts": [target["deadline_text"]],
                                   "source_ids": [target["source_id"]]}])
        deadlines = deadlines[deadlines["deadline"].notna()]
    whens = [fmt.date(d, p) for d, p in zip(deadlines["deadline"],
                                             deadlines["deadline_precision"])]
    label = f"Target {fmt.money(target['target_usd'])}"
    label += f" by {' or '.join(whens)}" if whens else " (no deadline given)"
    fig.add_hline(y=y, line={"color": "#444", "dash": "dot", "width": 2})
    fig.add_annotation(xref="paper", x=0, y=y, yshift=12, text=plain(label), showarrow=False,
                       xanchor="left", font={"size": 15, "color": "#444"})
    if deadlines.empty:
        return
    fig.add_trace(go.Scatter(
        x=list(deadlines["deadline"]), y=[y] * len(deadlines), mode="markers",
        name="Target deadline", marker={"size": 14, "symbol": "x", "color": "#444"},
        hovertext=[plain(f"Target {fmt.money(target['target_usd'])} by {when} "
                         f"(“{' / '.join(t for t in texts if isinstance(t, str))}”); "
                         "sources: " + "; ".join(source_label(sources, s) for s in ids))
                   for when, texts, ids in zip(whens, deadlines["deadline_texts"],
                                               deadlines["source_ids"])],
        hovertemplate="%{hovertext}<extra></extra>"))


@by_identity()
def deals_status_figure(counts: pd.DataFrame, sector_labels: dict[str, str],
                        statuses: pd.DataFrame) -> go.Figure:
    """Deals per sector, stacked by status in pipeline order (talks → delivered)."""
    deal_status = statuses[statuses["domain"] == "deal"].sort_values("rank")
    totals = counts.groupby("sector_id")["deals"].sum().sort_values()
    labels = [sector_labels.get(s, s) for s in totals.index]
    fig = go.Figure()
    for status, label in zip(deal_status["status_id"], deal_status["label"]):
        mine = counts[counts["status"] == status].set_index("sector_id")["deals"]
        fig.add_trace(go.Bar(
            y=labels, x=[int(mine.get(s, 0)) for s in totals.index], orientation="h",
            name=plain(label), marker_color=STATUS_COLOURS.get(status, "#999"),
            marker_pattern={"shape": STATUS_PATTERNS.get(status, ""), "fillmode": "overlay",
                            "fgcolor": "white", "solidity": 0.35},
            hovertemplate="%{y}: %{x} deal(s) " + plain(label.lower()) + "<extra></extra>"))
    fig.update_layout(template=TEMPLATE, barmode="stack", height=140 + 38 * len(labels),
                      xaxis={"title": "Deals", "tickformat": ",d",
                             "dtick": _whole_ticks(totals.max() if len(totals) else 0)},
                      yaxis={"type": "category"},
                      legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                              "traceorder": "normal"})
    return fig


@by_identity()
def deals_over_time_figure(pipe: pd.DataFrame, sector_labels: dict[str, str],
                           sources: pd.DataFrame) -> go.Figure:
    """Each deal at the date of its furthest status, by sector; marker colour = status.

    Hover: title, date, status and value, sources. Per point only the title, value and sources
    travel (customdata); the date is read from x and the status, one per trace, is in the
    template.
    """
    fig = go.Figure()
    for status, group in pipe.groupby("status", sort=False):
        label = group["status_label"].iloc[0]
        values = [fmt.money(v) if pd.notna(v) else "not stated" for v in group["high_usd"]]
        names = [plain("; ".join(source_label(sources, s) for s in ids))
                 for ids in group["source_ids"]]
        customdata = np.array([[plain(t) for t in group["title"]], [plain(v) for v in values],
                               names], dtype=object).T
        fig.add_trace(go.Scatter(
            x=_dates(group["date"]), y=[sector_labels.get(s, s) for s in group["sector_id"]],
            mode="markers", name=plain(label),
            marker={"size": 14, "color": STATUS_COLOURS.get(status, "#999"),
                    "symbol": STATUS_SYMBOLS.get(status, "circle"),
                    "line": {"width": 1.5, "color": STATUS_COLOURS.get(status, "#333")
                             if status == "talks" else "#333"}},
            customdata=customdata,
            # '%-d %b %Y' is fmt.date's '10 Jul 2022', formatted by plotly from x
            hovertemplate=("<b>%{customdata[0]}</b><br>%{x|%-d %b %Y}<br>"
                           + _literal(label)
                           + "; value %{customdata[1]}<br>Sources: %{customdata[2]}"
                           "<extra></extra>")))
    fig.update_layout(template=TEMPLATE, height=160 + 40 * pipe["sector_id"].nunique(),
                      xaxis={"type": "date", "title": None}, yaxis={"type": "category"},
                      legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    return fig


@by_identity()
def sectors_named_figure(named: pd.DataFrame, sector_labels: dict[str, str],
                         sources: pd.DataFrame) -> go.Figure:
    """How many sources name each sector among an event's agreements (bars)."""
    named = named.sort_values("sources")
    fig = go.Figure(go.Bar(
        y=[sector_labels.get(s, s) for s in named["sector_id"]], x=named["sources"],
        orientation="h", marker_color=OKABE_ITO[0],
        hovertext=[plain("; ".join(source_label(sources, s) for s in ids))
                   for ids in named["source_ids"]],
        hovertemplate="%{y}: named by %{x} source(s)<br>%{hovertext}<extra></extra>"))
    fig.update_layout(template=TEMPLATE, height=120 + 30 * len(named),
                      xaxis={"title": "Sources naming the sector", "tickformat": ",d",
                             "dtick": _whole_ticks(named["sources"].max() if len(named) else 0)},
                      yaxis={"type": "category"})
    return fig
