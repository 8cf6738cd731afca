"""The Overview's headline figures, computed from (filtered) tables. Pure functions.

Each function returns plain data (dicts/lists of row Series) or None when the view holds nothing
to show; the page decides how to say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from components.analysis import formatting as fmt
from components.analysis.memo import by_identity
from components.analysis.relationships import Relationship
from components.analysis.sourcing import by_rank
from components.analysis.trade import gap, pair_rows


@dataclass(frozen=True)
class TradeFigure:
    """One reporter's latest trade figure against a target.

    label: which series ('<adjective> statistics (calendar year)'); row: the trade_flows row;
    share: value / target (None without a target).
    """

    label: str
    row: pd.Series
    share: float | None


#: The kinds of whole year a reporter's statistics count, in the order the Overview shows them.
ANNUAL = ("calendar_year", "fiscal_year")


def _year_words(period_type: str, row: pd.Series) -> str:
    if period_type == "calendar_year":
        return "calendar year"
    return f"{row['period_start']:%B}–{row['period_end']:%B}"


@by_identity()
def trade_claims(flows: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Every trade_flows row of the pair (all flows and periods), oldest period end first: the
    Overview's table of trade figures. Memoised, so a rerun does not sort again."""
    return pair_rows(flows, a, b).sort_values("period_end")


@by_identity()
def latest_trade(flows: pd.DataFrame, rel: Relationship, target: pd.Series | None
                 ) -> list[TradeFigure]:
    """Each series' latest total-trade row for the relationship, with its share of the target.

    The series, in order: each country's statistics (the partner's, then the other's; each
    kind of year apart: '<adjective> statistics (calendar year)', '<adjective> statistics
    (July–June)'; officials' annual figures apart from statistics), then each country's
    officials' statements of trade now ('Said by <adjective> officials').
    """
    rows = pair_rows(flows, *rel.pair)
    rows = rows[rows["flow"] == "total"]
    series = []
    stats = rows["basis"].isin(["statistics", "computed"])
    for country in (rel.b, rel.a):
        for period_type in ANNUAL:
            mine = (rows["reporter"] == country.iso3) & (rows["period_type"] == period_type)
            for what, kept in (("statistics", mine & stats), ("officials' figures", mine & ~stats)):
                if kept.any():
                    series.append((f"{country.adjective} {what}", period_type, rows[kept]))
    for country in (rel.a, rel.b):
        mine = rows[(rows["reporter"] == country.iso3) & (rows["period_type"] == "stated_current")]
        if not mine.empty:
            series.append((f"Said by {country.adjective} officials", "stated_current", mine))
    out = []
    for label, period_type, mine in series:
        row = mine.sort_values(["period_end", "flow_id"]).iloc[-1]
        if period_type != "stated_current":
            label += f" ({_year_words(period_type, row)})"
        share = (gap(row["value_usd"], target["target_usd"], row["period_end"], None).share
                 if target is not None else None)
        out.append(TradeFigure(label, row, share))
    return out


@by_identity()
def latest_state_visit(events: pd.DataFrame, a: str, b: str) -> pd.Series | None:
    """The latest held state visit between the two countries (an events row), or None."""
    def both(cell: object) -> bool:
        return isinstance(cell, str) and {a, b} <= set(cell.split(";"))
    visits = events[(events["type"] == "state_visit") & (events["status"] == "held")
                    & events["same_as"].isna()
                    & events["countries"].map(both).astype(bool)]
    if visits.empty:
        return None
    return visits.sort_values(["start_date", "event_id"]).iloc[-1]


@by_identity()
def counts_by_claim(agreements: pd.DataFrame, event_id: str) -> list[dict]:
    """The documents signed at an event as each source reports them, largest count first.

    Returns [{'count': 37, 'qualifier': 'exact', 'source_ids': [...], 'rows': DataFrame}, …];
    one entry per distinct (count, qualifier) so that 37 and 36 stand side by side.
    """
    rows = agreements[(agreements["event_id"] == event_id)
                      & (agreements["kind"] == "mou_package")]
    out = []
    for (n, qualifier), group in rows.groupby(["count", "count_qualifier"], sort=False):
        out.append({"count": int(n), "qualifier": qualifier,
                    "source_ids": list(dict.fromkeys(group["source_id"])), "rows": group})
    return sorted(out, key=lambda c: (-len(c["source_ids"]), -c["count"]))


@by_identity()
def event_agreements(agreements: pd.DataFrame, event_id: str) -> pd.DataFrame:
    """Every agreements row of one event (each source's count of each kind of document)."""
    return agreements[agreements["event_id"] == event_id]


def between(deals: pd.DataFrame, countries: tuple[str, str]) -> pd.Series:
    """Which deal claims have one side in each of the two `countries` (ISO3): the party in
    one and the counterparty in the other, either way round. Aligned with `deals`."""
    a, b = countries
    sides = list(zip(deals["party_country"], deals["counterparty_country"]))
    return pd.Series([{x, y} == {a, b} for x, y in sides], index=deals.index, dtype=bool)


@by_identity()
def deal_values(deals: pd.DataFrame, countries: tuple[str, str] | None = None) -> pd.DataFrame:
    """One row per deal (deal_key) with a value stated in US dollars: the lowest and highest
    value claimed. countries: only deals between parties of these two (see `between`).

    Columns: deal_key, title, sector_id, status, low_usd, high_usd, claims, source_ids.
    Sorted by high_usd, largest first. Claims about one deal are never added together, and
    values stated in another currency (local_value) are never converted here.
    """
    valued = deals[deals["value_usd"].notna()]
    if countries is not None:
        valued = valued[between(valued, countries)]
    if valued.empty:
        return pd.DataFrame(columns=["deal_key", "title", "sector_id", "status", "low_usd",
                                     "high_usd", "claims", "source_ids"])
    grouped = valued.sort_values("date").groupby("deal_key", sort=False).agg(
        title=("title", "last"), sector_id=("sector_id", "last"), status=("status", "last"),
        low_usd=("value_usd", "min"), high_usd=("value_usd", "max"),
        claims=("deal_id", "count"),
        source_ids=("source_id", lambda s: list(dict.fromkeys(s))),
    ).reset_index()
    return grouped.sort_values("high_usd", ascending=False).reset_index(drop=True)


@by_identity()
def deals_left_out(deals: pd.DataFrame, countries: tuple[str, str]) -> pd.DataFrame:
    """The deals with a stated value that `deal_values(deals, countries)` does not add up: one
    row per deal (its latest claim), with why — 'other parties' (not between the two
    countries) or 'another currency' (a value stated only in local_currency).

    Columns: deal_key, title, party_country, counterparty_country, value_usd, local_value,
    local_currency, why. Largest dollar value first, then the others in table order.
    """
    valued = deals[deals["value_usd"].notna() | deals["local_value"].notna()]
    counted = set(deal_values(deals, countries)["deal_key"])
    rows = valued[~valued["deal_key"].isin(counted)].sort_values("date")
    rows = rows.drop_duplicates("deal_key", keep="last")
    why = ["another currency" if pd.isna(v) else "other parties" for v in rows["value_usd"]]
    out = rows.assign(why=why)[["deal_key", "title", "party_country", "counterparty_country",
                                "value_usd", "local_value", "local_currency", "why"]]
    return out.sort_values("value_usd", ascending=False, na_position="last").reset_index(
        drop=True)


def deal_total(values: pd.DataFrame) -> tuple[float, float]:
    """(sum of lowest, sum of highest) claimed values over distinct deals, in US dollars."""
    return float(values["low_usd"].sum()), float(values["high_usd"].sum())


@by_identity()
def student_claims(people: pd.DataFrame) -> pd.DataFrame:
    """Claims of the number of students (people rows of metric 'students'; the view has cut
    them to the relationship's), newest first."""
    rows = people[people["metric"] == "students"]
    return rows.sort_values(["date", "metric_id"], ascending=[False, True]).reset_index(drop=True)


@by_identity()
def corridor_figures(claims: pd.DataFrame, corridors: pd.DataFrame) -> list[dict]:
    """For each route corridor (role 'route'): its latest-stated length and cost and their range.

    Returns [{'corridor': corridors row, 'length': row|None, 'cost': row|None,
              'length_range': (lo, hi)|None, 'cost_range': (lo, hi)|None, 'claims': int}].
    Only whole-corridor claims count (claims tied to one segment are left out).
    """
    out = []
    whole = claims[claims["segment_id"].isna()]
    for _, corridor in corridors[corridors["role"] == "route"].iterrows():
        mine = whole[whole["corridor_id"] == corridor["corridor_id"]]
        entry = {"corridor": corridor, "claims": len(mine)}
        for metric, key in (("length_km", "length"), ("cost_usd", "cost")):
            rows = mine[mine["metric"] == metric].sort_values(["date", "claim_id"])
            entry[key] = rows.iloc[-1] if not rows.empty else None
            entry[f"{key}_range"] = ((rows["value"].min(), rows["value"].max())
                                     if not rows.empty else None)
        if entry["length"] is not None or entry["cost"] is not None:
            out.append(entry)
    return out


#: The corridor figures the Overview lists in full (the cards show the latest of each).
ROUTE_METRICS = ("length_km", "cost_usd")


@by_identity()
def route_claims(claims: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every stated length and cost (corridor_claims rows), by corridor, metric, its source's
    rank (official first), then date."""
    rows = claims[claims["metric"].isin(ROUTE_METRICS)]
    return by_rank(rows, sources, first=("corridor_id", "metric"), then=("date",))


def as_of(sources: pd.DataFrame) -> dt.date | None:
    """The data's 'as of' date: the publication date of its newest source."""
    dates = sources["published_date"].dropna()
    return dates.max().date() if not dates.empty else None


def as_of_text(sources: pd.DataFrame) -> str:
    """`as_of` in words at the newest source's own date precision ('13 May 2026', or
    'May 2026' when that source gives only the month); 'unknown' without dated sources."""
    dated = sources[sources["published_date"].notna()]
    if dated.empty:
        return "unknown"
    newest = dated.sort_values("published_date", kind="stable").iloc[-1]
    return fmt.date(newest["published_date"], newest["published_precision"])


@by_identity()
def latest_events(events: pd.DataFrame, n: int = 5, today: dt.date | None = None
                  ) -> pd.DataFrame:
    """The n most recent events that have started by `today` (default: today), newest first.

    Other sources' accounts of an event (rows with `same_as`) are not listed again.
    """
    today = today or dt.date.today()
    past = events[(events["start_date"] <= pd.Timestamp(today)) & events["same_as"].isna()]
    return past.sort_values(["start_date", "event_id"], ascending=False).head(n)
