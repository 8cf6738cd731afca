"""One-sentence summaries of what each chart shows, computed from the data it draws."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.analysis import formatting as fmt
from components.analysis.memo import by_identity
from components.analysis.sourcing import source_label
from components.analysis.trade import Gap, LatestClaims, gap


def _who(series: str) -> str:
    """'<adjective> statistics' from '<adjective> statistics, calendar years'."""
    return series.split(",")[0]


def _money_range(low: tuple[pd.Series, Gap], high: tuple[pd.Series, Gap]) -> str:
    """'$43M–$64.4M' for the lowest and highest claims ('$50M' when they are equal)."""
    lo = fmt.money(low[0]["value_usd"], low[0]["qualifier"])
    hi = fmt.money(high[0]["value_usd"], high[0]["qualifier"])
    return lo if lo == hi else f"{lo}–{hi}"


def _share_range(low: Gap, high: Gap) -> str:
    """'4.3%–6.4%' (shares of the target at the two ends; one figure when equal)."""
    lo, hi = fmt.percent(low.share), fmt.percent(high.share)
    return lo if lo == hi else f"{lo}–{hi}"


@by_identity()
def trade_summary(series: pd.DataFrame, groups: list[LatestClaims], target: pd.Series | None,
                  pair_name: str) -> str:
    """e.g. '<pair> trade: <adjective> statistics give $53.7M for 2024 (5.4% of the $1B
    target), <adjective> statistics $227.59M for FY2024-25 (23%).'

    groups: `trade.latest_claims` groups. A year with more claims than cards is one clause
    giving their range and how many there are, so the sentence stays one sentence however
    large the data."""
    if series.empty:
        return f"No annual {pair_name} trade figures in the current filters."
    parts = []
    for group in groups:
        if group.ranged:
            (_, low), (_, high) = group.shown
            share = (f"; {_share_range(low, high)} of the target" if target is not None
                     else "")
            parts.append(f"{_who(group.series)} give {_money_range(*group.shown)} for "
                         f"{group.period_label} ({group.claims:,} claims{share})")
            continue
        for row, g in group.shown:
            share = f" ({fmt.percent(g.share)} of the target)" if target is not None else ""
            value = fmt.money(row["value_usd"], row["qualifier"])
            parts.append(f"{_who(row['series'])} give {value} for {row['period_label']}"
                         f"{share}")
    if not parts:
        latest = series.sort_values("period_end").iloc[-1]
        parts.append(f"the latest figure is {fmt.money(latest['value_usd'])} for "
                     f"{latest['period_label']}")
    target_text = (f" against a {fmt.money(target['target_usd'])} target" if target is not None
                   else "")
    return f"{pair_name} trade{target_text}: " + "; ".join(parts) + "."


@by_identity()
def deals_summary(pipe: pd.DataFrame, sector_labels: dict[str, str]) -> str:
    """e.g. '10 deals in 7 sectors; furthest along: 5 signed.'"""
    if pipe.empty:
        return "No deals in the current filters."
    by_status = pipe.groupby("status_label", sort=False).size()
    top = ", ".join(f"{n:,} {label.lower()}" for label, n in by_status.items())
    busiest = pipe["sector_id"].value_counts()
    n_sectors = pipe["sector_id"].nunique()
    sectors = "1 sector" if n_sectors == 1 else f"{n_sectors:,} sectors"
    deals = "1 deal" if len(pipe) == 1 else f"{len(pipe):,} deals"
    return (f"{deals} in {sectors} ({top}); the most "
            f"deals are in {sector_labels.get(busiest.index[0], busiest.index[0])} "
            f"({busiest.iloc[0]:,}).")


@by_identity()
def sectors_summary(named: pd.DataFrame, sector_labels: dict[str, str], total_sources: int
                    ) -> str:
    if named.empty:
        return "No source lists the sectors of these agreements."
    top = named.iloc[0]
    return (f"{len(named)} sectors are named across {total_sources} sources; "
            f"{sector_labels.get(top['sector_id'], top['sector_id'])} is named most often "
            f"({top['sources']} sources).")


def _needed(values_usd: list[float], period_end: pd.Timestamp, target: pd.Series,
            deadline: pd.Series) -> str:
    """One clause of the growth needed: '+306% a year by Feb 2027' for one value, '+250% to
    +330% a year by Feb 2027' for a range of values (the lowest value needs the most)."""
    when = fmt.date(deadline["deadline"], deadline["deadline_precision"])
    rates = [gap(v, target["target_usd"], period_end, deadline["deadline"]).required_growth
             for v in values_usd]
    if any(r is None for r in rates):
        return f"the {when} deadline leaves no time"
    texts = list(dict.fromkeys(f"+{r:.0%}" for r in sorted(rates)))
    return f"{' to '.join(texts)} a year by {when}"


def _growth_sentence(values_usd: list[float], period_end: pd.Timestamp,
                     target: pd.Series | None, deadlines: pd.DataFrame) -> str:
    if target is None or deadlines.empty:
        return "No deadline given to measure the growth needed against."
    parts = [_needed(values_usd, period_end, target, d) for _, d in deadlines.iterrows()]
    return "Needs " + ", or ".join(parts) + "."


@by_identity()
def growth_text(row: pd.Series, target: pd.Series | None, deadlines: pd.DataFrame) -> str:
    """'Needs +306% a year by Feb 2027, or +158% a year by Feb 2028.' for one annual figure
    (an annual_series row), one clause per deadline the sources give (stated_deadlines)."""
    return _growth_sentence([row["value_usd"]], row["period_end"], target, deadlines)


@by_identity()
def growth_range_text(low: pd.Series, high: pd.Series, target: pd.Series | None,
                      deadlines: pd.DataFrame) -> str:
    """As `growth_text` for the range of claims from `low` to `high` (rows of one period):
    'Needs +250% to +330% a year by Feb 2027, or …'."""
    return _growth_sentence([high["value_usd"], low["value_usd"]], low["period_end"], target,
                            deadlines)


@dataclass(frozen=True)
class GapCard:
    """One metric card of the gap to a target, as plain text (the page escapes it).

    label: whose figure for when ('<adjective> statistics, 2024'); value: the figure, or the range
    of the claims ('$43M–$64.4M'); help: how it is computed; lines: the captions under it
    (share and gap, growth needed, source(s), and for a range where the other claims are).
    """

    label: str
    value: str
    help: str
    lines: tuple[str, ...]


CARD_HELP = ("This reporter's latest whole-year figure; the share of the target, the gap to it "
             "and the growth a year that would close it, counted from the end of that year.")
RANGE_HELP = ("This reporter's latest whole year, as several claims give it: the lowest and the "
              "highest. Share, gap and growth needed are given for both, counted from the end "
              "of that year.")


def _claim_card(label: str, row: pd.Series, g: Gap, target: pd.Series,
                deadlines: pd.DataFrame, sources: pd.DataFrame) -> GapCard:
    """A card for one claim: its value, share and gap, growth needed, source."""
    return GapCard(label, fmt.money(row["value_usd"], row["qualifier"]), CARD_HELP, (
        f"{fmt.percent(g.share)} of the target; {fmt.money(g.gap_usd)} short.",
        growth_text(row, target, deadlines),
        source_label(sources, row["source_id"])))


def _range_card(label: str, group: LatestClaims, target: pd.Series, deadlines: pd.DataFrame,
                sources: pd.DataFrame) -> GapCard:
    """A card for many claims of one year: lowest to highest, each end sourced, and where the
    claims between them are."""
    (lo_row, lo), (hi_row, hi) = group.shown
    short = list(dict.fromkeys([fmt.money(hi.gap_usd), fmt.money(lo.gap_usd)]))
    # ranged means more claims than cards (over 2), so there are always others between
    others = group.claims - 2
    return GapCard(label, _money_range(*group.shown), RANGE_HELP, (
        f"{_share_range(lo, hi)} of the target; {'–'.join(short)} short.",
        growth_range_text(lo_row, hi_row, target, deadlines),
        f"Lowest: {source_label(sources, lo_row['source_id'])}; highest: "
        f"{source_label(sources, hi_row['source_id'])}.",
        f"{group.claims:,} claims give a figure for {group.period_label}; the {others:,} "
        "others, each with its source, are in the chart's data (Show data; its CSV has every "
        "row)."))


@by_identity()
def gap_cards(groups: list[LatestClaims], target: pd.Series, deadlines: pd.DataFrame,
              sources: pd.DataFrame) -> list[GapCard]:
    """The cards for `trade.latest_claims` groups: one per shown claim, or one per ranged
    group. At most reporters × MAX_CLAIM_CARDS cards however large the data."""
    cards = []
    for group in groups:
        label = f"{_who(group.series)}, {group.period_label}"
        if group.ranged:
            cards.append(_range_card(label, group, target, deadlines, sources))
        else:
            cards += [_claim_card(label, row, g, target, deadlines, sources)
                      for row, g in group.shown]
    return cards


@by_identity()
def deadline_dispute(deadlines: pd.DataFrame, sources: pd.DataFrame) -> str:
    """'Sources differ on the deadline: Feb 2027 (“within a year”: Arab News, …); Feb 2028 (…).'"""
    parts = [f"{fmt.date(d['deadline'], d['deadline_precision'])} "
             f"(“{' / '.join(d['deadline_texts'])}”: "
             + ", ".join(source_label(sources, s) for s in d["source_ids"]) + ")"
             for _, d in deadlines.iterrows()]
    return "Sources differ on the deadline: " + "; ".join(parts) + "."
