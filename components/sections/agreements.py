"""Agreements: the documents signed at the latest state visit as each source counts them
(Overview), and at every event with the sectors sources name (Trade & deals). Pure."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from components.analysis import formatting as fmt
from components.analysis import headlines as hl
from components.analysis.deals import agreement_counts_table, event_source_count, sectors_named
from components.analysis.sourcing import NAMED_BESIDE, name_sources, source_line
from components.analysis.summaries import sectors_summary
from components.figures.overview import count_bars
from components.figures.trade import sectors_named_figure
from components.sections.base import (
    Card,
    Chart,
    Claims,
    Column,
    Context,
    Section,
    Table,
    nothing,
)

AGREEMENT_TABLES = ("agreements", "events")


# --- at the state visit (Overview) -------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class VisitAgreements:
    """The documents signed at the relationship's latest state visit.

    card: the count most sources give, with the visit's title and each count with the sources
    reporting it; empty: why there is none; claims: each source's count, for the box under it;
    figure: each count as a bar as long as the number of sources giving it
    (figures.overview.count_bars), figure_sources: its source line.
    """

    card: Card | None
    empty: str | None
    claims: Claims | None
    figure: go.Figure | None = None
    figure_sources: str = ""


def visit_agreements(ctx: Context) -> VisitAgreements:
    visit = hl.latest_state_visit(ctx.data["events"], *ctx.relationship.pair)
    agreements = ctx.view["agreements"]
    claims = hl.counts_by_claim(agreements, visit["event_id"]) if visit is not None else []
    if not claims:
        return VisitAgreements(None, nothing("agreement counts for the state visit"), None)
    main = claims[0]
    lines = [visit["title"]]
    for c in claims:
        n = len(c["source_ids"])
        lines.append(f"{fmt.count(c['count'], c['qualifier'])}: reported by {n:,} "
                     f"source{'s' if n > 1 else ''} — "
                     + name_sources(ctx.sources, c["source_ids"], limit=NAMED_BESIDE))
    when = fmt.date(visit["start_date"], visit["date_precision"])
    card = Card(f"MoUs and agreements signed, {when}",
                fmt.count(main["count"], main["qualifier"]),
                help="The count most sources give; other counts are listed below.",
                lines=tuple(lines))
    figure = count_bars([fmt.count(c["count"], c["qualifier"]) for c in claims],
                        [len(c["source_ids"]) for c in claims])
    return VisitAgreements(card, None, Claims(
        "Each source's count", hl.event_agreements(agreements, visit["event_id"]),
        {"title": "Agreement", "count": "Count", "count_qualifier": "Qualifier"},
        "agreement_claims"), figure,
        source_line(ctx.sources, [s for c in claims for s in c["source_ids"]]))


VISIT_AGREEMENTS = Section("visit_agreements", "Agreements at the state visit",
                           AGREEMENT_TABLES, visit_agreements)


# --- at every event (Trade & deals) ------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Agreements:
    """The documents signed at each event as each source counts them (37 vs 36 stand side by
    side), and the sectors the sources name for the latest state visit's agreements.

    empty: why there are none; counts: one row per event, kind and count; sectors_heading:
    the line above the sectors (None without a state visit); sectors_empty: why no sectors
    are charted; sectors: how many sources name each sector.
    """

    empty: str | None
    counts: Table | None = None
    sectors_heading: str | None = None
    sectors_empty: str | None = None
    sectors: Chart | None = None


COUNT_COLUMNS = {"date": Column("Date", kind="date", format="YYYY-MM-DD"), "event": "Event",
                 "kind": "Kind", "reported": "Count as reported", "by": "Reported by"}


def agreements(ctx: Context) -> Agreements:
    rows, sources = ctx.view["agreements"], ctx.sources
    if rows.empty:
        return Agreements(nothing("agreements"))
    counts = Table(agreement_counts_table(rows, ctx.data["events"], sources),
                   "agreement_counts", COUNT_COLUMNS)
    visit = hl.latest_state_visit(ctx.data["events"], *ctx.relationship.pair)
    if visit is None:
        return Agreements(None, counts)
    heading = f"Sectors of the agreements: {visit['title']}"
    named = sectors_named(rows, visit["event_id"])
    if named.empty:
        return Agreements(None, counts, heading, nothing("sector lists for these agreements"))
    ids = [s for cell in named["source_ids"] for s in cell]
    chart = Chart(
        sectors_named_figure(named, ctx.labels.sectors, sources),
        summary=sectors_summary(named, ctx.labels.sectors,
                                event_source_count(rows, visit["event_id"])),
        source_ids=ids, source_line=source_line(sources, ids), data=named,
        filename="state_visit_agreement_sectors", key="sectors")
    return Agreements(None, counts, heading, None, chart)


AGREEMENTS = Section("agreements", "Agreements", AGREEMENT_TABLES, agreements)
