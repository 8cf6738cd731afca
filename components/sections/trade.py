"""Trade: the headline figures against the target (Overview) and trade against its targets by
each reporter's statistics (Trade & deals, and its slide). Pure.

Money is in US dollars; each reporter is its own series and no reporter's figure is preferred.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.analysis import formatting as fmt
from components.analysis import headlines as hl
from components.analysis.relationships import Relationship
from components.analysis.sourcing import by_rank, source_label, source_line
from components.analysis.summaries import (
    deadline_dispute,
    gap_cards,
    growth_text,
    trade_summary,
)
from components.analysis.trade import (
    NO_DEADLINES,
    adjectives,
    annual_series,
    chart_source_ids,
    current_target,
    latest_claims,
    series_table,
    stated_deadlines,
    statements,
    why_reporters_differ,
)
from components.figures.overview import trade_bars
from components.figures.trade import trade_figure
from components.sections.base import (
    CLAIMS_PER_LINE,
    Card,
    Chart,
    Claims,
    Context,
    Section,
    Slide,
    at_most,
    distinct,
    join_notes,
    nothing,
)

TRADE_TABLES = ("trade_flows", "trade_targets")

#: Where the trade slide's notes send the reader for every figure and claim.
TRADE_WHERE = "the app's Trade & deals page lists every figure and claim"


# --- headline trade (Overview) -----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class HeadlineTrade:
    """Trade now against the target, each reporter's latest figure side by side.

    target: 'Target: $1B a year, within a year — stated 4 Feb 2026 by …' (None without a
    target); target_sources: its source line; deadlines: the sources' disagreement on the
    deadline (None when they agree); cards: one per series (each country's statistics, then
    officials' statements); empty: why there are none; why: why the reporters differ
    (under the cards; '' when there is nothing to compare); claims: every trade figure of the
    relationship, for the box under them; figure: the cards as bars against the target's
    line (figures.overview.trade_bars; None without figures), figure_sources: its source line.
    """

    target: str | None
    target_sources: str
    deadlines: str | None
    cards: tuple[Card, ...]
    empty: str | None
    why: str
    claims: Claims | None
    figure: go.Figure | None = None
    figure_sources: str = ""


def headline_trade(ctx: Context) -> HeadlineTrade:
    flows, targets, sources = ctx.view["trade_flows"], ctx.view["trade_targets"], ctx.sources
    rel = ctx.relationship
    target = current_target(targets, *rel.pair)
    figures = hl.latest_trade(flows, rel, target)
    line = dispute = None
    target_sources = ""
    if target is not None:
        deadline = (target["deadline_text"] if isinstance(target["deadline_text"], str)
                    else "no deadline given")
        line = (f"Target: {fmt.money(target['target_usd'])} a year, {deadline} — stated "
                f"{fmt.date(target['date_stated'], target['date_stated_precision'])} by "
                f"{target['stated_by']}")
        target_sources = source_line(sources, [target["source_id"]])
        deadlines = stated_deadlines(targets, target)
        dispute = deadline_dispute(deadlines, sources) if len(deadlines) > 1 else None
    cards = tuple(
        Card(f.label, fmt.money(f.row["value_usd"], f.row["qualifier"]), lines=(
            f"{f.row['period_label']}"
            + (f" · {fmt.percent(f.share)} of the target" if f.share is not None else ""),
            source_label(sources, f.row["source_id"])))
        for f in figures)
    rows = hl.trade_claims(flows, *rel.pair)
    claims = None if rows.empty else Claims(
        f"All {len(rows):,} {rel.name} trade figures", rows,
        {"reporter": "Reporter", "period_label": "Period", "flow": "Flow",
         "value_usd": "US$", "qualifier": "Qualifier", "basis": "Basis"}, "trade_claims")
    order = (rel.b.iso3, rel.a.iso3)  # the trade chart's colour order
    figure = trade_bars(
        [f.label for f in figures], [float(f.row["value_usd"]) for f in figures],
        [c.value for c in cards],
        [order.index(f.row["reporter"]) if f.row["reporter"] in order else 2 for f in figures],
        float(target["target_usd"]) if target is not None else None,
        f"Target {fmt.money(target['target_usd'])}" if target is not None else "",
    ) if figures else None
    return HeadlineTrade(
        target=line, target_sources=target_sources,
        deadlines=dispute, cards=cards, empty=None if cards else nothing("trade figures"),
        why=_why(annual_series(flows, *rel.pair, adjectives(rel)), rel, "figures"),
        claims=claims, figure=figure,
        figure_sources=source_line(sources, [f.row["source_id"] for f in figures]
                                   + ([target["source_id"]] if target is not None else [])))


def _why(series: pd.DataFrame, rel: Relationship, what: str) -> str:
    """'Why the <what> differ: …' (see `why_reporters_differ`), or ''."""
    why = why_reporters_differ(series, rel)
    return f"Why the {what} differ: {why}" if why else ""


HEADLINE_TRADE = Section("headline_trade", "Trade against the target", TRADE_TABLES,
                         headline_trade)


# --- trade against target (Trade & deals, and the pack) ----------------------------------------


@dataclass(frozen=True, eq=False)
class PairTrade:
    """One relationship's trade against its target.

    pair: whose trade; heading: the line above it (None: the section's title heads it);
    empty: why nothing is drawn; cards: the gap to the target of each
    reporter's latest year (one per claim, or the range of many); deadlines: the sources'
    disagreement on the deadline (None when they agree); chart: the series against the target;
    notes: the figures the sources disagree on, for the slide's speaker notes.
    """

    pair: Relationship
    heading: str | None
    empty: str | None
    cards: tuple[Card, ...] = ()
    deadlines: str | None = None
    chart: Chart | None = None
    notes: str = ""

    def slide(self) -> Slide | None:
        if self.chart is None:
            return None
        return Slide(title=self.title,
                     figure=self.chart.figure, source_line=self.chart.source_line,
                     notes=self.notes, summary=self.chart.summary,
                     source_ids=distinct(self.chart.source_ids))

    @property
    def title(self) -> str:
        return f"{self.pair.name} trade against its target"


@dataclass(frozen=True, eq=False)
class TradeVsTarget:
    """Trade against the target of the chosen relationship (the Relationships page sets every
    relationship side by side).

    pairs: the relationship's trade (one; a tuple, so that a page may set more side by side);
    why: why the reporters' lines differ (under the chart, when it is drawn; '' when there is
    nothing to compare).
    """

    pairs: tuple[PairTrade, ...]
    why: str

    def slide(self) -> Slide | None:
        return self.pairs[0].slide()


def _pair_trade(ctx: Context, pair: Relationship, heading: str | None) -> PairTrade:
    flows, targets, sources = ctx.view["trade_flows"], ctx.view["trade_targets"], ctx.sources
    names = adjectives(pair)
    series = annual_series(flows, *pair.pair, names)
    stated = statements(flows, *pair.pair)
    target, groups = latest_claims(flows, targets, *pair.pair, names=names)
    if series.empty and stated.empty:
        return PairTrade(pair, heading, nothing(f"{pair.name} trade figures"))
    deadlines = stated_deadlines(targets, target) if target is not None else NO_DEADLINES
    cards = gap_cards(groups, target, deadlines, sources) if target is not None else []
    ids = chart_source_ids(series, stated, target, deadlines)
    title = f"{pair.name} trade against its target"
    summary = trade_summary(series, groups, target, pair.name)
    line = source_line(sources, ids)
    chart = Chart(
        figure=trade_figure(series, stated, target, sources, title, deadlines,
                            reporters=(pair.b.iso3, pair.a.iso3)),
        summary=summary, source_ids=ids, source_line=line, data=series_table(series),
        filename=f"{pair.key}_trade_vs_target", key=f"{pair.key}_trade")
    dispute = deadline_dispute(deadlines, sources) if len(deadlines) > 1 else None
    why = why_reporters_differ(series, pair)
    return PairTrade(
        pair, heading, None,
        cards=tuple(Card(c.label, c.value, c.help, c.lines) for c in cards),
        deadlines=dispute if cards else None, chart=chart,
        notes=join_notes(line, summary, "Figures the sources disagree on:",
                         at_most(_disagreements(series, stated, groups, target, deadlines,
                                                sources, dispute), TRADE_WHERE),
                         why))


def _disagreements(series: pd.DataFrame, stated: pd.DataFrame, groups: list, target,
                   deadlines: pd.DataFrame, sources: pd.DataFrame, dispute: str | None
                   ) -> list[str]:
    """The notes' list: each card's claim and the growth it needs, every period whose sources
    give different figures, officials' statements, and the deadlines when they differ."""
    out = []
    for row, _gap in (pair for group in groups for pair in group.shown):
        out.append(
            f"{row['series']}: {fmt.money(row['value_usd'], row['qualifier'])} for "
            f"{row['period_label']} ({source_label(sources, row['source_id'])}). "
            f"{growth_text(row, target, deadlines)}")
    for (series_name, period), group in series.groupby(["series", "period_label"], sort=False):
        if group["value_usd"].nunique() > 1:
            named = by_rank(group, sources).head(CLAIMS_PER_LINE)
            claims = "; ".join(f"{fmt.money(v, q)} ({source_label(sources, s)})" for v, q, s in
                               zip(named["value_usd"], named["qualifier"], named["source_id"]))
            if len(group) > len(named):
                claims += f"; … and {len(group) - len(named):,} more"
            out.append(f"{series_name}, {period}: sources differ: {claims}.")
    for _, row in stated.iterrows():
        out.append(
            f"Stated by officials: {fmt.money(row['value_usd'], row['qualifier'])} "
            f"({row['period_label']}; {source_label(sources, row['source_id'])}).")
    if dispute:
        out.append(dispute)
    return out


def trade_vs_target(ctx: Context) -> TradeVsTarget:
    rel = ctx.relationship
    trade = _pair_trade(ctx, rel, None)
    series = annual_series(ctx.view["trade_flows"], *rel.pair, adjectives(rel))
    return TradeVsTarget((trade,), _why(series, rel, "lines"))


TRADE = Section("trade", "Trade against targets", TRADE_TABLES, trade_vs_target)


# --- what is traded (Trade & deals) ------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class TradeShares:
    """What is traded: each product group's share of the relationship's trade, as each source
    states it, official sources first, newest first.

    empty: why there is none; claims: the shares with their source, rank and quote.
    """

    empty: str | None
    claims: Claims | None = None


SHARE_COLUMNS = {"product": "Product group", "share": "Share", "flow": "Of", "who": "Whose figure",
                 "period_label": "Period"}


def trade_shares(ctx: Context) -> TradeShares:
    rows = ctx.view["trade_shares"]
    if rows.empty:
        return TradeShares(nothing("product shares of the trade"))
    rel = ctx.relationship
    flows = {"total": "all trade", "exports": "the reporter's exports",
             "imports": "the reporter's imports"}
    shown = by_rank(rows, ctx.sources, then=("date",)).assign(
        share=lambda f: [fmt.share_text(v, q) for v, q in zip(f["share_pct"], f["qualifier"])],
        flow=lambda f: f["flow"].map(flows),
        who=lambda f: [rel.country(r).adjective for r in f["reporter"]])
    return TradeShares(None, Claims(f"{len(rows):,} product shares of {rel.name} trade", shown,
                                    SHARE_COLUMNS, f"{rel.key}_trade_shares"))


TRADE_SHARES = Section("trade_shares", "What is traded", ("trade_shares",), trade_shares)
