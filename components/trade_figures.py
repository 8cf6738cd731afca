"""Plotly figures for the Trade & deals page. Pure builders returning go.Figure.

Every figure uses the project template; hover text from data is HTML-escaped (chart_style.plain);
money is plotted in US$ million so axes read 250, 1,000 (never 2.5e8).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import formatting as fmt
from components.chart_style import OKABE_ITO, TEMPLATE, plain
from components.memo import by_identity
from components.sourcing import source_label

SERIES_COLOURS = {"KAZ": OKABE_ITO[0], "PAK": OKABE_ITO[2], "UZB": OKABE_ITO[1]}
STATUS_COLOURS = {"talks": "#BBBBBB", "announced": OKABE_ITO[5], "signed": OKABE_ITO[0],
                  "financed": OKABE_ITO[2], "under_construction": OKABE_ITO[1],
                  "delivered": OKABE_ITO[4]}
# status is also carried by bar pattern and marker shape, so colour is never the only carrier
STATUS_PATTERNS = {"talks": "", "announced": ".", "signed": "/", "financed": "\\",
                   "under_construction": "x", "delivered": "+"}
STATUS_SYMBOLS = {"talks": "circle-open", "announced": "diamond", "signed": "circle",
                  "financed": "square", "under_construction": "triangle-up",
                  "delivered": "star"}


def _hover(row: pd.Series, sources: pd.DataFrame, value: str) -> str:
    return "<br>".join([
        f"<b>{plain(value)}</b>", plain(row["period_label"]),
        plain(f"Reported by {row['reporter']} ({row['basis']})"),
        plain(f"Source: {source_label(sources, row['source_id'])}")])


@by_identity()
def trade_figure(series: pd.DataFrame, stated: pd.DataFrame, target: pd.Series | None,
                 sources: pd.DataFrame, title: str,
                 deadlines: pd.DataFrame | None = None) -> go.Figure:
    """Turnover over time, one line per reporter, statements as diamonds, target as a line.

    series: trade.annual_series rows; stated: trade.statements rows; target: a trade_targets row;
    deadlines: trade.stated_deadlines rows, each drawn as a marker on the target line (sources
    may give more than one). x: dates (each annual figure at its period's midpoint); y: US$ million.
    """
    fig = go.Figure()
    for name, group in series.groupby("series", sort=False):
        reporter = group["reporter"].iloc[0]
        calendar = "calendar" in name
        fig.add_trace(go.Scatter(
            x=group["mid"], y=group["value_usd"] / 1e6, mode="lines+markers", name=plain(name),
            line={"color": SERIES_COLOURS.get(reporter, OKABE_ITO[3]), "width": 3,
                  "dash": "solid" if calendar else "dash"},
            marker={"size": 10, "symbol": "circle" if calendar else "square"},
            hovertext=[_hover(r, sources, fmt.money(r["value_usd"], r["qualifier"]))
                       for _, r in group.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>"))
    if not stated.empty:
        fig.add_trace(go.Scatter(
            x=stated["period_start"], y=stated["value_usd"] / 1e6, mode="markers",
            name="Stated by officials", marker={"size": 14, "symbol": "diamond",
                                                "color": OKABE_ITO[4]},
            hovertext=[_hover(r, sources, fmt.money(r["value_usd"], r["qualifier"]))
                       for _, r in stated.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>"))
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
                      xaxis={"title": "Deals", "tickformat": ",d", "dtick": 1},
                      yaxis={"type": "category"},
                      legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                              "traceorder": "normal"})
    return fig


@by_identity()
def deals_over_time_figure(pipe: pd.DataFrame, sector_labels: dict[str, str],
                           sources: pd.DataFrame) -> go.Figure:
    """Each deal at the date of its furthest status, by sector; marker colour = status."""
    fig = go.Figure()
    for status, group in pipe.groupby("status", sort=False):
        fig.add_trace(go.Scatter(
            x=group["date"], y=[sector_labels.get(s, s) for s in group["sector_id"]],
            mode="markers", name=plain(group["status_label"].iloc[0]),
            marker={"size": 14, "color": STATUS_COLOURS.get(status, "#999"),
                    "symbol": STATUS_SYMBOLS.get(status, "circle"),
                    "line": {"width": 1.5, "color": STATUS_COLOURS.get(status, "#333")
                             if status == "talks" else "#333"}},
            hovertext=["<br>".join([
                f"<b>{plain(r['title'])}</b>", plain(fmt.date(r["date"])),
                plain(f"{r['status_label']}; value "
                      f"{fmt.money(r['high_usd']) if pd.notna(r['high_usd']) else 'not stated'}"),
                plain("Sources: " + "; ".join(source_label(sources, s)
                                              for s in r["source_ids"]))])
                for _, r in group.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>"))
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
                             "dtick": 1}, yaxis={"type": "category"})
    return fig
