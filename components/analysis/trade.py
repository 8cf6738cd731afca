"""Bilateral trade against targets: each reporter's annual series, officials' statements, and
the arithmetic of the gap to a target (share, shortfall, growth needed by the deadline).

Pure functions over the `trade_flows` and `trade_targets` tables; money in US dollars.
Each reporter is its own series and no reporter's figure is ever preferred over another's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from components.analysis.memo import by_identity
from components.analysis.relationships import Relationship

#: What each kind of annual period is called in a series name (a fiscal year's months are
#: added from the rows: `period_kind`).
PERIOD_KIND = {"calendar_year": "calendar years", "fiscal_year": "fiscal years"}

SECONDS_PER_YEAR = 365.25 * 24 * 3600

#: A reporter's latest year is drawn as one card per claim up to this many claims, and beyond it
#: as one card giving the claims' range. The bundled data has at most two claims for one year
#: (Uzbekistan 2025: $450M and ~$500M), so each keeps its own card there; at 1000× the data a
#: year has 1,000 claims, and 1,000 cards side by side were unreadable and 1.6 s of a rerun.
MAX_CLAIM_CARDS = 3


@dataclass(frozen=True)
class Gap:
    """How far one figure is from a target.

    value_usd, target_usd, gap_usd: US dollars (gap is 0 once the target is reached);
    share: value / target (0.25 = a quarter of the way);
    years_left: from the end of the figure's period to the deadline (None without a deadline;
    negative when the deadline has passed);
    required_growth: compound annual growth that closes the gap by the deadline (1.0 = +100% a
    year); 0 when reached; None without a deadline or with no time left.
    """

    value_usd: float
    target_usd: float
    share: float
    gap_usd: float
    years_left: float | None
    required_growth: float | None


def gap(value_usd: float, target_usd: float, as_of: pd.Timestamp,
        deadline: pd.Timestamp | None) -> Gap:
    """The gap from value_usd (measured up to `as_of`) to target_usd by `deadline`."""
    value, target = float(value_usd), float(target_usd)
    short = max(target - value, 0.0)
    years = None
    if deadline is not None and not pd.isna(deadline):
        years = (pd.Timestamp(deadline) - pd.Timestamp(as_of)).total_seconds() / SECONDS_PER_YEAR
    if short == 0:
        growth = 0.0
    elif years is None or years <= 0 or value <= 0:
        growth = None
    else:
        growth = math.pow(target / value, 1 / years) - 1
    return Gap(value, target, value / target, short, years, growth)


@by_identity()
def pair_rows(frame: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Rows of a table with partner_a/partner_b about the pair (a, b), in either order (and
    written in either order)."""
    pa, pb = frame["partner_a"], frame["partner_b"]
    return frame[((pa == a) & (pb == b)) | ((pa == b) & (pb == a))]


@by_identity()
def current_target(targets: pd.DataFrame, a: str, b: str) -> pd.Series | None:
    """The most recently stated trade target of a pair (a trade_targets row), or None.

    Estimates of potential trade (kind 'potential') are not targets and are left out.
    """
    rows = pair_rows(targets, a, b)
    rows = rows[rows["kind"] == "target"]
    if rows.empty:
        return None
    return rows.sort_values(["date_stated", "target_id"]).iloc[-1]


def period_kind(period_type: str, start: pd.Timestamp | None = None,
                end: pd.Timestamp | None = None) -> str:
    """'calendar years', or 'fiscal years (July–June)' with the months of one such period."""
    kind = PERIOD_KIND.get(period_type, period_type)
    if period_type == "fiscal_year" and start is not None and end is not None \
            and not (pd.isna(start) or pd.isna(end)):
        kind += f" ({pd.Timestamp(start):%B}–{pd.Timestamp(end):%B})"
    return kind


def series_name(reporter: str, basis: str, period_type: str,
                names: Mapping[str, str] | None = None, kind: str | None = None) -> str:
    """'<adjective> statistics, calendar years' / '<adjective> officials' figures, calendar years'.
    names: ISO3 → adjective (default: the code); kind: the period's words (`period_kind`)."""
    who = (names or {}).get(reporter, reporter)
    what = "statistics" if basis in ("statistics", "computed") else "officials' figures"
    return f"{who} {what}, {kind or PERIOD_KIND.get(period_type, period_type)}"


def adjectives(rel: Relationship) -> dict[str, str]:
    """ISO3 → adjective of the relationship's countries, for `series_name`."""
    return {c.iso3: c.adjective for c in (rel.a, rel.b, rel.cargo_from)}


@by_identity()
def annual_series(flows: pd.DataFrame, a: str, b: str,
                  names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Total trade of the pair per whole year, one series per reporter and kind of year.

    names: ISO3 → adjective, for the series' names (default: the codes).
    Partial years and officials' "at present" figures are left out (see `statements`).
    Returns the trade_flows rows plus `series` (name, as in `series_name`) and `mid` (the
    period's midpoint, where the point is drawn), sorted by series then period.
    Two claims for one year (e.g. $450M and ~$500M for 2025) are both kept.
    """
    rows = pair_rows(flows, a, b)
    rows = rows[(rows["flow"] == "total") & rows["period_type"].isin(list(PERIOD_KIND))]
    if rows.empty:
        return rows.assign(series=pd.Series(dtype=str), mid=pd.Series(dtype="datetime64[ns]"))
    # a reporter's kind of year is named by the months of its first such period
    first = rows.drop_duplicates(["reporter", "period_type"])
    kinds = {(r, p): period_kind(p, s, e) for r, p, s, e in zip(
        first["reporter"], first["period_type"], first["period_start"], first["period_end"])}
    rows = rows.assign(
        series=[series_name(r, s, p, names, kinds[(r, p)]) for r, s, p in
                zip(rows["reporter"], rows["basis"], rows["period_type"])],
        mid=rows["period_start"] + (rows["period_end"] - rows["period_start"]) / 2)
    return rows.sort_values(["series", "period_start", "value_usd"]).reset_index(drop=True)


@by_identity()
def why_reporters_differ(series: pd.DataFrame, rel: Relationship) -> str:
    """The one line under the trade chart: whose statistics count which years, and how far
    their latest annual figures are apart, from `annual_series` rows. Only what the data
    shows: the sources give no cause for the difference, so none is claimed. '' without
    statistics."""
    stats = series[series["basis"].isin(["statistics", "computed"])]
    if stats.empty:
        return ""
    latest = stats.sort_values("period_end").groupby("reporter", sort=False).tail(1)
    counts = [f"{rel.country(r).statistics}: {period_kind(p, s, e)}" for r, p, s, e in
              zip(latest["reporter"], latest["period_type"], latest["period_start"],
                  latest["period_end"])]
    if len(latest) < 2:
        return (f"Only one country's statistics are in view ({counts[0]}); officials' "
                "figures are shown apart from them.")
    low, high = latest["value_usd"].min(), latest["value_usd"].max()
    apart = f"{high / low:.1f}-fold" if low > 0 else "widely"
    return (f"Each country reports its own figures ({'; '.join(counts)}), and their latest "
            f"annual figures differ {apart}; neither is picked, each is shown as its own "
            "series.")


@by_identity()
def statements(flows: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Officials' statements of current total trade ("$250 million at present"), by date."""
    rows = pair_rows(flows, a, b)
    rows = rows[(rows["flow"] == "total") & (rows["period_type"] == "stated_current")]
    return rows.sort_values(["period_start", "flow_id"]).reset_index(drop=True)


def latest_by_reporter(series: pd.DataFrame) -> pd.DataFrame:
    """Each reporter's rows for its latest whole period (all claims for that period)."""
    if series.empty:
        return series
    latest = series.groupby("reporter")["period_end"].transform("max")
    # stable, so claims of equal value keep the series' order wherever they are listed
    return series[series["period_end"] == latest].sort_values(["reporter", "value_usd"],
                                                              kind="stable")


#: `stated_deadlines` without a target: no deadline. One shared, read-only frame, so that figures
#: memoised on it are found again on the next rerun.
NO_DEADLINES = pd.DataFrame(columns=["deadline", "deadline_precision", "deadline_texts",
                                     "source_ids"])


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, so memo keys stay cheap
class LatestClaims:
    """One reporter's claims for its latest whole period (one series), as the page shows them.

    reporter, series (name, as in `series_name`), period_label: whose figure and for when;
    claims: how many rows give a figure for that period;
    shown: ((annual_series row, Gap), …), lowest value first: every claim when there are at
    most the cards allowed, else only the lowest and the highest (ranged=True; the rest are in
    the chart's data table).
    """

    reporter: str
    series: str
    period_label: str
    claims: int
    shown: tuple[tuple[pd.Series, Gap], ...]
    ranged: bool


def _kept(claims: int, max_cards: int) -> tuple[int, ...]:
    """Positions of the claims a card shows, of `claims` sorted by value: every one up to
    `max_cards`, else the lowest and the highest."""
    return (0, claims - 1) if claims > max_cards else tuple(range(claims))


@by_identity()
def latest_claims(flows: pd.DataFrame, targets: pd.DataFrame, a: str, b: str,
                  max_cards: int = MAX_CLAIM_CARDS, names: Mapping[str, str] | None = None
                  ) -> tuple[pd.Series | None, list[LatestClaims]]:
    """The pair's current target and each reporter's latest annual claims, bounded for cards.

    Returns (target row or None, [LatestClaims, …]): each reporter's claims for its latest
    whole period (latest_by_reporter), a Gap computed only for the claims shown (at 1000× the
    data, 2 of 1,000 a reporter); the list is empty without a target. At most reporters ×
    max_cards claims are shown however large the data. names: as for `annual_series`.
    """
    target = current_target(targets, a, b)
    if target is None:
        return None, []
    deadline = target["deadline"] if pd.notna(target["deadline"]) else None

    def pair(row: pd.Series) -> tuple[pd.Series, Gap]:
        return row, gap(row["value_usd"], target["target_usd"], row["period_end"], deadline)

    latest = latest_by_reporter(annual_series(flows, a, b, names))  # by reporter, then value
    out, official = [], []
    for (reporter, series, period), rows in latest.groupby(
            ["reporter", "series", "period_label"], sort=False):
        shown = tuple(pair(rows.iloc[i]) for i in _kept(len(rows), max_cards))
        out.append(LatestClaims(reporter, series, period, len(rows), shown,
                                len(rows) > max_cards))
        official.append(bool((rows["basis"] != "statement").all()))
    # within a reporter, its statistics before its officials' figures, whatever their values
    order = sorted(range(len(out)), key=lambda i: (out[i].reporter, not official[i]))
    return target, [out[i] for i in order]


@by_identity()
def series_table(series: pd.DataFrame) -> pd.DataFrame:
    """The chart's data table: `annual_series` rows, the columns an analyst checks (series,
    period_label, value_usd, qualifier, basis, source_id, quote). Memoised so that a rerun with
    the same filters passes the very same frame on (no copy of up to 10,000s of rows)."""
    return series[["series", "period_label", "value_usd", "qualifier", "basis", "source_id",
                   "quote"]]


@by_identity()
def chart_source_ids(series: pd.DataFrame, stated: pd.DataFrame, target: pd.Series | None,
                     deadlines: pd.DataFrame) -> list[str]:
    """Every source id the trade chart draws from (series, statements, target, deadlines), in
    order, repeats included; the same list object for the same inputs."""
    ids = [*series["source_id"], *stated["source_id"]]
    if target is not None:
        ids.append(target["source_id"])
        ids += [s for cell in deadlines["source_ids"] for s in cell]
    return ids


@by_identity()
def stated_deadlines(targets: pd.DataFrame, target: pd.Series, window_days: int = 31
                     ) -> pd.DataFrame:
    """The deadlines sources give for the current target when they disagree on it.

    The same round of statements (stated within `window_days` of `target`'s date, same pair and
    amount) may put the deadline a year or two away ("within a year" vs "within the next two
    years"); each distinct deadline is kept with the words used and the sources saying it.
    Returns columns deadline, deadline_precision, deadline_texts (list), source_ids (list),
    sorted by deadline; empty when no source gives a date.
    """
    cols = ["deadline", "deadline_precision", "deadline_texts", "source_ids"]
    rows = pair_rows(targets, target["partner_a"], target["partner_b"])
    stated = pd.Timestamp(target["date_stated"])
    rows = rows[(rows["kind"] == "target") & (rows["target_usd"] == target["target_usd"])
                & rows["deadline"].notna()
                & ((rows["date_stated"] - stated).abs() <= pd.Timedelta(days=window_days))]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = rows.groupby(["deadline", "deadline_precision"], as_index=False).agg(
        deadline_texts=("deadline_text", lambda s: list(dict.fromkeys(s.dropna()))),
        source_ids=("source_id", lambda s: list(dict.fromkeys(s))))
    return out.sort_values("deadline").reset_index(drop=True)[cols]
