"""Deals: the stated values added up (Overview) and deals by sector, status and time with every
deal claim (Trade & deals, and its slide). Pure. Money in US dollars."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.analysis import formatting as fmt
from components.analysis import headlines as hl
from components.analysis.deals import (
    deal_claims_table,
    pipeline,
    pipeline_source_ids,
    pipeline_table,
    sector_status_counts,
)
from components.analysis.sourcing import (
    NAMED_BESIDE,
    name_sources,
    source_label,
    source_line,
    source_rank,
)
from components.analysis.summaries import deals_summary
from components.figures.overview import value_bars
from components.figures.trade import deals_over_time_figure, deals_status_figure
from components.sections.base import (
    Card,
    Chart,
    Claims,
    Column,
    Context,
    Section,
    Slide,
    Table,
    at_most,
    distinct,
    join_notes,
    nothing,
)
from components.sections.trade import TRADE_WHERE

#: Deals listed under the Overview's total, largest first (every claim is in the box below).
LISTED_DEALS = 4


# --- deal values (Overview) --------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DealValues:
    """The dollar values stated for the relationship's own deals, added up (a range where
    sources differ on a deal).

    card: the total, and the largest deals each with its value and sources; left_out: which
    deals with a stated value the total does not count, and why (other parties, or a value in
    another currency that no sourced rate converts); empty: why there is no total; claims:
    every deal claim, for the box under it; figure: the value by status
    (figures.overview.value_bars), figure_sources: its source line.
    """

    card: Card | None
    empty: str | None
    claims: Claims | None
    left_out: str | None = None
    figure: go.Figure | None = None
    figure_sources: str = ""


def _amount(low: float, high: float) -> str:
    return fmt.money(low) if low == high else f"{fmt.money(low)}–{fmt.money(high)}"


def deal_values(ctx: Context) -> DealValues:
    deals, sources = ctx.view["deals"], ctx.sources
    pair = ctx.relationship.pair
    values = hl.deal_values(deals, pair)
    left_out = _left_out(hl.deals_left_out(deals, pair), ctx)
    if values.empty:
        return DealValues(None, nothing("deals with a value"), None, left_out)
    low, high = hl.deal_total(values)
    n = fmt.count(len(values), unit="deal" if len(values) == 1 else "deals")
    lines = tuple(
        f"{_amount(d['low_usd'], d['high_usd'])} — {d['title']} ({d['status']}); "
        + name_sources(sources, d["source_ids"], limit=NAMED_BESIDE)
        for _, d in values.head(LISTED_DEALS).iterrows())
    card = Card(f"Stated values of {n}, added up", _amount(low, high),
                help="Deals between parties of the two countries, each counted once; where "
                     "sources give different values for one deal, the sum is shown as a range.",
                lines=lines)
    claims = Claims("All deal claims", deals, {
        "title": "Deal", "party": "Party", "value_usd": "US$",
        "local_value": "Value in another currency", "local_currency": "Currency",
        "quantity": "Quantity", "quantity_unit": "Unit", "status": "Status"}, "deal_claims")
    return DealValues(card, None, claims, left_out, _by_status(values, ctx),
                      source_line(sources, [s for ids in values["source_ids"] for s in ids]))


def _by_status(values: pd.DataFrame, ctx: Context) -> go.Figure:
    """The valued deals' lowest and highest values added up per status, furthest along
    first (the statuses' rank order)."""
    labels = ctx.labels.statuses
    statuses = ctx.data["statuses"]
    deal_statuses = statuses[statuses["domain"] == "deal"].sort_values("rank")
    order = [s for s in deal_statuses["status_id"] if s in set(values["status"])]
    order += [s for s in dict.fromkeys(values["status"]) if s not in order]
    sums = values.groupby("status")[["low_usd", "high_usd"]].sum()
    order = order[::-1]  # delivered (the furthest along) at the top
    return value_bars(order, [labels.get(s, s) for s in order],
                      [float(sums.at[s, "low_usd"]) for s in order],
                      [_amount(sums.at[s, "low_usd"], sums.at[s, "high_usd"]) for s in order])


def _left_out(rows: pd.DataFrame, ctx: Context) -> str | None:
    """'Only deals between parties of <one country> and <the other> are added up; not added:
    …' (the pair's names from countries.csv)."""
    names = dict(zip(ctx.data["countries"]["iso3"], ctx.data["countries"]["name"]))
    pair = ctx.say("{a} and {b}")
    if rows.empty:
        return None
    items = []
    for r in rows.itertuples():
        if r.why == "another currency":
            items.append(f"{r.title} ({fmt.local_money(r.local_value, r.local_currency)}, "
                         "not converted to dollars)")
        else:
            sides = "–".join(names.get(c, c) for c in (r.party_country, r.counterparty_country)
                             if isinstance(c, str))
            items.append(f"{r.title} ({fmt.money(r.value_usd)}, {sides})")
    return (f"Only deals between parties of {pair} are added up. Not added: "
            + "; ".join(items) + ".")


DEAL_VALUES = Section("deal_values", "Deals with a stated value", ("deals",), deal_values)


# --- deals and investments (Trade & deals, and the pack) ---------------------------------------


@dataclass(frozen=True, eq=False)
class Deals:
    """Deals by sector and status, over time, and every claim.

    empty: why there are none; by_status: the sector × status chart (also the slide's);
    over_time: each deal at its date and furthest status; claims: every deal claim as listed;
    notes: the values sources disagree on, for the slide.
    """

    empty: str | None
    by_status: Chart | None = None
    over_time: Chart | None = None
    claims: Table | None = None
    notes: str = ""

    def slide(self) -> Slide | None:
        if self.by_status is None:
            return None
        return Slide(title="Deals by sector and status", figure=self.by_status.figure,
                     source_line=self.by_status.source_line, notes=self.notes,
                     summary=self.by_status.summary,
                     source_ids=distinct(self.by_status.source_ids))


CLAIM_COLUMNS = {"title": "Deal", "party": "Party", "counterparty": "Counterparty",
                 "amount": "Value", "quantity_text": "Quantity", "status": "Status",
                 "date": Column("Date", kind="date", format="YYYY-MM-DD"),
                 "source": "Source", "quote": "Quote"}


def deals(ctx: Context) -> Deals:
    sources, sector_labels = ctx.sources, ctx.labels.sectors
    pipe = pipeline(ctx.view["deals"], ctx.data["statuses"])
    if pipe.empty:
        return Deals(nothing("deals"))
    counts = sector_status_counts(pipe)
    ids = pipeline_source_ids(pipe)
    line = source_line(sources, ids)
    summary = deals_summary(pipe, sector_labels)
    by_status = Chart(deals_status_figure(counts, sector_labels, ctx.data["statuses"]),
                      summary=summary, source_ids=ids, source_line=line, data=counts,
                      filename="deals_by_sector_and_status", key="deals_status")
    over_time = Chart(
        deals_over_time_figure(pipe, sector_labels, sources),
        summary=(f"Deals dated from {pipe['date'].min():%b %Y} to "
                 f"{pipe['date'].max():%b %Y}, each at its furthest reported status."),
        source_ids=ids, source_line=line, data=pipeline_table(pipe),
        filename="deals_over_time", key="deals_time")
    disagree = _disagreements(pipe, sources)
    notes = join_notes(
        line, summary, "Each deal is counted once, at the furthest status any source reports.",
        "Values the sources disagree on:" if disagree else
        "No deal in this view has values that differ between sources.",
        at_most(disagree, TRADE_WHERE))
    return Deals(None, by_status, over_time,
                 Table(deal_claims_table(ctx.view["deals"], sources), "deal_claims",
                       CLAIM_COLUMNS), notes)


def _disagreements(pipe: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """Each deal whose sources give different values: lowest to highest, and who says so."""
    return [f"{row['title']}: {fmt.money(row['low_usd'])} to {fmt.money(row['high_usd'])} "
            f"across {row['claims']} claims ("
            + "; ".join(source_label(sources, s) for s in
                        sorted(row["source_ids"], key=lambda s: source_rank(sources, s)))
            + ")."
            for _, row in pipe.iterrows()
            if pd.notna(row["low_usd"]) and row["low_usd"] != row["high_usd"]]


DEALS = Section("deals", "Deals and investments", ("deals", "statuses"), deals)
