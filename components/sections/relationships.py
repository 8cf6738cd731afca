"""Every relationship side by side (the Relationships page, and its slide): for each country
pair of the data, the latest trade by each reporter against its target with the growth each
deadline needs, the documents signed at its latest state visit, its deal value by status, and
the routes it depends on with how much of each is built. Pure.

Each relationship is computed from its own view (the same sector, corridor and date filters,
cut to that relationship), so every figure here is the one its own pages show, with its source.
Money in US dollars; km are drawn lengths (straight lines between sourced places).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from components.analysis import formatting as fmt
from components.analysis import headlines as hl
from components.analysis.relationships import Relationship
from components.analysis.routes import compare_routes
from components.analysis.sourcing import source_label, source_line
from components.analysis.summaries import growth_text
from components.analysis.trade import NO_DEADLINES, current_target, stated_deadlines
from components.figures.relationships import target_share_figure
from components.sections.base import (
    Card,
    Chart,
    Column,
    Context,
    Section,
    Slide,
    Table,
    distinct,
    join_notes,
    nothing,
)
from components.sections.base import context as make_context

#: What a relationship shows where the data holds nothing for one part of the comparison.
NOTHING_YET = "nothing sourced yet"


@dataclass(frozen=True, eq=False)
class RelationshipColumn:
    """One relationship's part of the comparison.

    key, name: the relationship; target: its current trade target in words (None: none
    stated); trade: one card per reporter's latest figure (share of the target, growth each
    deadline needs, source); visit: the documents signed at its latest state visit as each
    source counts them; deals: its deal value by status; routes: one card per route (how much
    of it is built); missing: the parts with nothing sourced yet ('Trade: nothing sourced yet').
    """

    key: str
    name: str
    target: str | None
    trade: tuple[Card, ...]
    visit: Card | None
    deals: Card | None
    routes: tuple[Card, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class RelationshipsCompared:
    """Every relationship side by side.

    columns: one per relationship, the chosen one first; chart: each reporter's latest
    statistics as a share of its relationship's target (None when no relationship has both);
    table: every figure of the comparison with its source, one row per figure (on screen
    and as CSV); source_line: every figure's sources; empty: why there is nothing to compare
    (no relationship has a trade, visit or deal figure in the filters); otherwise every
    relationship is listed, with what it lacks.
    """

    columns: tuple[RelationshipColumn, ...]
    chart: Chart | None
    table: Table
    source_line: str = ""
    empty: str | None = None

    def slide(self) -> Slide | None:
        if self.chart is None or len(self.columns) < 2:
            return None
        return Slide(title="Every relationship against its target", figure=self.chart.figure,
                     source_line=self.chart.source_line, summary=self.chart.summary,
                     notes=join_notes(self.chart.source_line, self.chart.summary, *(
                         f"{c.name}: " + "; ".join(x.label + " " + x.value for x in c.trade)
                         + (f" ({'; '.join(c.missing)})" if c.missing else "")
                         for c in self.columns)),
                     source_ids=distinct(self.chart.source_ids))


TABLE_COLUMNS = {"relationship": "Relationship", "part": "Part", "figure": "Figure",
                 "value": "Value", "detail": "Detail", "source": "Source"}


def _view_of(ctx: Context, rel: Relationship) -> Context:
    """The context of `rel` under the same filters (memoised like every view)."""
    if rel.key == ctx.relationship.key:
        return ctx
    return make_context(ctx.data, replace(ctx.filters, relationship=rel.key), today=ctx.today)


def _trade(c: Context, rel: Relationship, rows: list[dict], ids: list[str]
           ) -> tuple[str | None, tuple[Card, ...], list[dict]]:
    flows, targets, sources = c.view["trade_flows"], c.view["trade_targets"], c.sources
    target = current_target(targets, *rel.pair)
    deadlines = stated_deadlines(targets, target) if target is not None else NO_DEADLINES
    words = None
    if target is not None:
        words = (f"{fmt.money(target['target_usd'])} a year"
                 + (f", {target['deadline_text']}" if isinstance(target["deadline_text"], str)
                    else "")
                 + f" (stated {fmt.date(target['date_stated'], target['date_stated_precision'])}"
                 f"; {source_label(sources, target['source_id'])})")
        ids.append(target["source_id"])
        rows.append({"part": "Target", "figure": "Trade target",
                     "value": fmt.money(target["target_usd"]),
                     "detail": target["deadline_text"] if isinstance(target["deadline_text"],
                                                                     str) else "",
                     "source": source_label(sources, target["source_id"])})
    cards, bars = [], []
    for f in hl.latest_trade(flows, rel, target):
        row = f.row
        share = f" · {fmt.percent(f.share)} of the target" if f.share is not None else ""
        annual = row["period_type"] in ("calendar_year", "fiscal_year")
        growth = growth_text(row, target, deadlines) if annual and target is not None else ""
        source = source_label(sources, row["source_id"])
        cards.append(Card(f.label, fmt.money(row["value_usd"], row["qualifier"]),
                          lines=tuple(x for x in (f"{row['period_label']}{share}", growth,
                                                  source) if x)))
        ids.append(row["source_id"])
        rows.append({"part": "Trade", "figure": f.label,
                     "value": fmt.money(row["value_usd"], row["qualifier"]),
                     "detail": " ".join(x for x in (f"{row['period_label']}{share}", growth) if x),
                     "source": source})
        if f.share is not None and annual and row["basis"] != "statement":
            bars.append({"relationship": rel.name, "series": f.label,
                         "share": f.share, "value": fmt.money(row["value_usd"], row["qualifier"]),
                         "period": row["period_label"],
                         "target": fmt.money(target["target_usd"]), "source": source,
                         "source_id": row["source_id"]})
    return words, tuple(cards), bars


def _visit(c: Context, rel: Relationship, rows: list[dict], ids: list[str]) -> Card | None:
    visit = hl.latest_state_visit(c.data["events"], *rel.pair)
    if visit is None:
        return None
    claims = hl.counts_by_claim(c.view["agreements"], visit["event_id"])
    if not claims:
        return None
    when = fmt.date(visit["start_date"], visit["date_precision"])
    lines = []
    for claim in claims:
        named = "; ".join(source_label(c.sources, s) for s in claim["source_ids"])
        lines.append(f"{fmt.count(claim['count'], claim['qualifier'])}: {named}")
        ids += claim["source_ids"]
        rows.append({"part": "State visit", "figure": f"Documents signed, {visit['title']}",
                     "value": fmt.count(claim["count"], claim["qualifier"]), "detail": when,
                     "source": named})
    main = claims[0]
    return Card(f"{visit['title']}, {when}", fmt.count(main["count"], main["qualifier"]),
                help="The count most sources give; each count is listed with its sources.",
                lines=tuple(lines))


def _deals(c: Context, rel: Relationship, rows: list[dict], ids: list[str]) -> Card | None:
    values = hl.deal_values(c.view["deals"], rel.pair)
    if values.empty:
        return None
    labels = c.labels.statuses
    lines = []
    for status, group in values.groupby("status", sort=False):
        low, high = hl.deal_total(group)
        amount = fmt.money(low) if low == high else f"{fmt.money(low)}–{fmt.money(high)}"
        named = "; ".join(source_label(c.sources, s) for cell in group["source_ids"]
                          for s in cell)
        n = len(group)
        lines.append(f"{labels.get(status, status)}: {amount} ({n} deal{'s' if n > 1 else ''})")
        ids += [s for cell in group["source_ids"] for s in cell]
        rows.append({"part": "Deals", "figure": f"Deal value, {labels.get(status, status)}",
                     "value": amount, "detail": f"{n} deal{'s' if n > 1 else ''}: "
                     + "; ".join(group["title"]), "source": named})
    low, high = hl.deal_total(values)
    total = fmt.money(low) if low == high else f"{fmt.money(low)}–{fmt.money(high)}"
    return Card("Deals with a stated value, added up", total,
                help="Deals between parties of the two countries, each counted once at the "
                     "furthest status any source reports; where sources give different values "
                     "for one deal, the sum is a range.", lines=tuple(lines))


def _routes(c: Context, rel: Relationship, rows: list[dict], ids: list[str]
            ) -> tuple[Card, ...]:
    compared = compare_routes(c.view, rel, all_segments=c.data["segments"])
    cards = []
    for r in compared.itertuples():
        share = r.km_operational / r.drawn_km if r.drawn_km else 0
        cards.append(Card(f"{r.corridor}: operational", f"{share:.0%}",
                          lines=(f"{r.km_operational:,} of {r.drawn_km:,} drawn km "
                                 f"(stated, latest: {r.stated_km_latest})",)))
        ids += [s for s in r.source_ids.split(";") if s]
        rows.append({"part": "Route", "figure": f"{r.corridor}, operational share",
                     "value": f"{share:.0%}",
                     "detail": f"{r.km_operational:,} of {r.drawn_km:,} drawn km",
                     "source": r.stated_km_latest})
    return tuple(cards)


def relationships_compared(ctx: Context) -> RelationshipsCompared:
    columns, rows, bars, ids = [], [], [], []
    chosen = ctx.relationship
    every = [chosen, *(r for r in ctx.relationships if r.key != chosen.key)]
    for rel in every:
        c = _view_of(ctx, rel)
        mine: list[dict] = []
        target, trade, shares = _trade(c, rel, mine, ids)
        visit = _visit(c, rel, mine, ids)
        deals = _deals(c, rel, mine, ids)
        routes = _routes(c, rel, mine, ids)
        missing = tuple(f"{part}: {NOTHING_YET}" for part, got in (
            ("Trade", trade), ("State visit", visit), ("Deals", deals), ("Routes", routes))
            if not got)
        columns.append(RelationshipColumn(rel.key, rel.name, target, trade, visit, deals,
                                          routes, missing))
        rows += [{"relationship": rel.name, **r} for r in mine]
        bars += shares
    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    chart = None
    if bars:
        data = pd.DataFrame(bars)
        bar_ids = list(data["source_id"])
        summary = "Latest whole-year figures as a share of each target: " + "; ".join(
            f"{name} ({group['target'].iloc[0]}): " + ", ".join(
                f"{fmt.percent(b.share)} by {b.series.split(' (')[0]}"
                for b in group.itertuples())
            for name, group in data.groupby("relationship", sort=False)) + "."
        chart = Chart(target_share_figure(data), summary=summary, source_ids=bar_ids,
                      source_line=source_line(ctx.sources, bar_ids),
                      data=data.drop(columns=["source_id"]), filename="relationships_vs_targets",
                      key="relationships_chart")
    dated = any(c.trade or c.visit or c.deals for c in columns)
    return RelationshipsCompared(
        tuple(columns), chart,
        Table(frame, "relationships_compared", {k: Column(v) for k, v in TABLE_COLUMNS.items()}),
        source_line(ctx.sources, ids),
        None if dated else nothing("trade, visit or deal figures for any relationship"))


RELATIONSHIPS = Section("relationships", "Every relationship side by side",
                        ("trade_flows", "trade_targets", "deals", "events", "agreements",
                         "segments", "places", "corridor_claims"), relationships_compared)
