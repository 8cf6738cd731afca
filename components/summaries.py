"""One-sentence summaries of what each chart shows, computed from the data it draws."""

from __future__ import annotations

import pandas as pd

from components import formatting as fmt
from components.memo import by_identity
from components.sourcing import source_label
from components.trade import gap


@by_identity()
def trade_summary(series: pd.DataFrame, gaps: list, target: pd.Series | None,
                  pair_name: str) -> str:
    """e.g. 'Pakistan–Kazakhstan trade: Kazakh statistics give $53.7M for 2024 (5.4% of the
    $1B target), Pakistani statistics $227.59M for FY2024-25 (23%).'"""
    if series.empty:
        return f"No annual {pair_name} trade figures in the current filters."
    parts = []
    for row, g in gaps:
        share = f" ({fmt.percent(g.share)} of the target)" if target is not None else ""
        value = fmt.money(row["value_usd"], row["qualifier"])
        parts.append(f"{row['series'].split(',')[0]} give {value} for {row['period_label']}"
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
    top = ", ".join(f"{n} {label.lower()}" for label, n in by_status.items())
    busiest = pipe["sector_id"].value_counts()
    n_sectors = pipe["sector_id"].nunique()
    sectors = "1 sector" if n_sectors == 1 else f"{n_sectors} sectors"
    deals = "1 deal" if len(pipe) == 1 else f"{len(pipe)} deals"
    return (f"{deals} in {sectors} ({top}); the most "
            f"deals are in {sector_labels.get(busiest.index[0], busiest.index[0])} "
            f"({busiest.iloc[0]}).")


@by_identity()
def sectors_summary(named: pd.DataFrame, sector_labels: dict[str, str], total_sources: int
                    ) -> str:
    if named.empty:
        return "No source lists the sectors of these agreements."
    top = named.iloc[0]
    return (f"{len(named)} sectors are named across {total_sources} sources; "
            f"{sector_labels.get(top['sector_id'], top['sector_id'])} is named most often "
            f"({top['sources']} sources).")


@by_identity()
def growth_text(row: pd.Series, target: pd.Series | None, deadlines: pd.DataFrame) -> str:
    """'Needs +306% a year by Feb 2027, or +158% a year by Feb 2028.' for one annual figure
    (an annual_series row), one clause per deadline the sources give (stated_deadlines)."""
    if target is None or deadlines.empty:
        return "No deadline given to measure the growth needed against."
    parts = []
    for _, d in deadlines.iterrows():
        g = gap(row["value_usd"], target["target_usd"], row["period_end"], d["deadline"])
        when = fmt.date(d["deadline"], d["deadline_precision"])
        if g.required_growth is None:
            parts.append(f"the {when} deadline leaves no time")
        else:
            parts.append(f"+{g.required_growth:.0%} a year by {when}")
    return "Needs " + ", or ".join(parts) + "."


@by_identity()
def deadline_dispute(deadlines: pd.DataFrame, sources: pd.DataFrame) -> str:
    """'Sources differ on the deadline: Feb 2027 (“within a year”: Arab News, …); Feb 2028 (…).'"""
    parts = [f"{fmt.date(d['deadline'], d['deadline_precision'])} "
             f"(“{' / '.join(d['deadline_texts'])}”: "
             + ", ".join(source_label(sources, s) for s in d["source_ids"]) + ")"
             for _, d in deadlines.iterrows()]
    return "Sources differ on the deadline: " + "; ".join(parts) + "."
