"""Bilateral trade against targets: each reporter's annual series, officials' statements, and
the arithmetic of the gap to a target (share, shortfall, growth needed by the deadline).

Pure functions over the `trade_flows` and `trade_targets` tables; money in US dollars.
Each reporter is its own series and no reporter's figure is ever preferred over another's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from components.headlines import current_target, pair_rows
from components.memo import by_identity

#: How the reporters are named on charts and metrics.
REPORTER_ADJECTIVE = {"KAZ": "Kazakh", "PAK": "Pakistani", "UZB": "Uzbek"}

#: What each kind of annual period is called in a series name.
PERIOD_KIND = {"calendar_year": "calendar years", "fiscal_year": "fiscal years (July–June)"}

#: The one line under the chart. Only what the data shows: the sources give no cause for the
#: difference, so none is claimed here.
WHY_REPORTERS_DIFFER = (
    "Each country reports its own figures — Kazakhstan's statistics count calendar years, "
    "Pakistan's State Bank counts July–June fiscal years — and for the same trade they differ "
    "three- to four-fold; neither is picked, each is shown as its own series.")

SECONDS_PER_YEAR = 365.25 * 24 * 3600


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


def series_name(reporter: str, basis: str, period_type: str) -> str:
    """'Kazakh statistics, calendar years' / 'Uzbek officials' figures, calendar years'."""
    who = REPORTER_ADJECTIVE.get(reporter, reporter)
    what = "statistics" if basis in ("statistics", "computed") else "officials' figures"
    return f"{who} {what}, {PERIOD_KIND.get(period_type, period_type)}"


@by_identity()
def annual_series(flows: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Total trade of the pair per whole year, one series per reporter and kind of year.

    Partial years and officials' "at present" figures are left out (see `statements`).
    Returns the trade_flows rows plus `series` (name, as in `series_name`) and `mid` (the
    period's midpoint, where the point is drawn), sorted by series then period.
    Two claims for one year (e.g. $450M and ~$500M for 2025) are both kept.
    """
    rows = pair_rows(flows, a, b)
    rows = rows[(rows["flow"] == "total") & rows["period_type"].isin(list(PERIOD_KIND))]
    if rows.empty:
        return rows.assign(series=pd.Series(dtype=str), mid=pd.Series(dtype="datetime64[ns]"))
    rows = rows.assign(
        series=[series_name(r, s, p) for r, s, p in
                zip(rows["reporter"], rows["basis"], rows["period_type"])],
        mid=rows["period_start"] + (rows["period_end"] - rows["period_start"]) / 2)
    return rows.sort_values(["series", "period_start", "value_usd"]).reset_index(drop=True)


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
    return series[series["period_end"] == latest].sort_values(["reporter", "value_usd"])


@by_identity()
def gaps_by_reporter(flows: pd.DataFrame, targets: pd.DataFrame, a: str, b: str
                     ) -> tuple[pd.Series | None, list[tuple[pd.Series, Gap]]]:
    """The pair's current target and, for each reporter's latest annual figure, its gap.

    Returns (target row or None, [(annual_series row, Gap), …]); the list is empty without a
    target. Years left are counted from the end of the figure's period to the deadline.
    """
    target = current_target(targets, a, b)
    if target is None:
        return None, []
    latest = latest_by_reporter(annual_series(flows, a, b))
    deadline = target["deadline"] if pd.notna(target["deadline"]) else None
    return target, [(row, gap(row["value_usd"], target["target_usd"], row["period_end"],
                              deadline))
                    for _, row in latest.iterrows()]


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
