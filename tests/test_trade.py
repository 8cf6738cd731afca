"""Trade series and the target arithmetic (gap, required growth)."""

import math

import pandas as pd
import pytest

from components.analysis.trade import (
    MAX_CLAIM_CARDS,
    Gap,
    LatestClaims,
    _kept,
    annual_series,
    current_target,
    gap,
    latest_by_reporter,
    statements,
)
from tests.support import NAMES

# --- the plain definition `latest_claims` is checked against: every claim's gap, then grouped


def gaps_by_reporter(flows, targets, a, b) -> tuple[pd.Series | None, list[tuple[pd.Series, Gap]]]:
    """The pair's current target and, for each reporter's latest annual figure, its gap."""
    target = current_target(targets, a, b)
    if target is None:
        return None, []
    latest = latest_by_reporter(annual_series(flows, a, b, NAMES))
    deadline = target["deadline"] if pd.notna(target["deadline"]) else None
    return target, [(row, gap(row["value_usd"], target["target_usd"], row["period_end"],
                              deadline))
                    for _, row in latest.iterrows()]


def group_gaps(gaps, max_cards: int = MAX_CLAIM_CARDS) -> list[LatestClaims]:
    """(row, Gap) pairs grouped by reporter, series and period (first-seen order; within a
    reporter its statistics before its officials' statements), each group bounded to
    `max_cards` claims or, beyond that, its lowest and highest."""
    groups: dict[tuple[str, str, str], list] = {}
    for row, g in gaps:
        groups.setdefault((row["reporter"], row["series"], row["period_label"]), []).append(
            (row, g))
    out = []
    for (reporter, series, period), pairs in groups.items():
        pairs = sorted(pairs, key=lambda p: p[1].value_usd)  # stable: ties keep their order
        shown = tuple(pairs[i] for i in _kept(len(pairs), max_cards))
        out.append(LatestClaims(reporter, series, period, len(pairs), shown,
                                len(pairs) > max_cards))
    stated = {g.series: all(row["basis"] == "statement" for row, _ in groups[
        (g.reporter, g.series, g.period_label)]) for g in out}
    return sorted(out, key=lambda g: (g.reporter, stated[g.series]))



def test_gap_arithmetic():
    g = gap(250e6, 1e9, pd.Timestamp("2025-02-01"), pd.Timestamp("2027-02-01"))
    assert g.share == pytest.approx(0.25) and g.gap_usd == pytest.approx(750e6)
    assert g.years_left == pytest.approx(2.0, abs=0.01)
    # ×4 in two years is ×2 a year: +100%
    assert g.required_growth == pytest.approx(1.0, abs=0.01)


def test_gap_without_deadline_or_time_left():
    assert gap(250e6, 1e9, pd.Timestamp("2025-01-01"), None).required_growth is None
    late = gap(250e6, 1e9, pd.Timestamp("2028-01-01"), pd.Timestamp("2027-02-01"))
    assert late.required_growth is None and late.years_left < 0
    reached = gap(1.2e9, 1e9, pd.Timestamp("2025-01-01"), pd.Timestamp("2027-01-01"))
    assert reached.gap_usd == 0 and reached.required_growth == 0


def test_annual_series_keeps_reporters_apart_and_drops_partial_years(data):
    series = annual_series(data["trade_flows"], "PAK", "KAZ", NAMES)
    assert set(series["period_type"]) == {"calendar_year", "fiscal_year"}
    names = set(series["series"])
    assert {"Kazakh statistics, calendar years",
            "Pakistani statistics, fiscal years (July–June)"} <= names
    kaz = series[series["series"] == "Kazakh statistics, calendar years"]
    assert list(kaz["period_label"]) == ["2021", "2022", "2023", "2024"]
    assert kaz.set_index("period_label").at["2023", "value_usd"] == 52.5e6
    assert (series["mid"] > series["period_start"]).all()


def test_statements_and_gaps_by_reporter(data):
    # officials' "at present" figures: the Dec 2023 one (197M, per Pakistani data), 250M, 300M
    assert set(statements(data["trade_flows"], "KAZ", "PAK")["value_usd"]) == {197e6, 250e6, 300e6}
    target, gaps = gaps_by_reporter(data["trade_flows"], data["trade_targets"], "KAZ", "PAK")
    assert target["target_usd"] == 1e9 and target["kind"] == "target"
    by = {row["reporter"]: g for row, g in gaps}
    assert by["KAZ"].share == pytest.approx(0.0537)
    assert by["PAK"].value_usd == 227.59e6
    years = by["KAZ"].years_left
    assert by["KAZ"].required_growth == pytest.approx(math.pow(1e9 / 53.7e6, 1 / years) - 1)


def test_uzbekistan_comparison_keeps_both_2025_claims(data):
    target, gaps = gaps_by_reporter(data["trade_flows"], data["trade_targets"], "PAK", "UZB")
    assert target["target_usd"] == 2e9
    # Pakistan's FY2024-25 (State Bank), Uzbek statistics (CERR) and two officials' figures
    assert sorted(g.value_usd for _, g in gaps) == [142.88e6, 445.9e6, 450e6, 500e6]


def test_sources_that_differ_on_the_deadline_are_both_kept(data):
    from components.analysis.summaries import deadline_dispute, growth_text
    from components.analysis.trade import current_target, stated_deadlines

    target = current_target(data["trade_targets"], "KAZ", "PAK")
    deadlines = stated_deadlines(data["trade_targets"], target)
    assert [d.year for d in deadlines["deadline"]] == [2027, 2028]
    assert set(deadlines.iloc[0]["source_ids"]) == {"arabnews_2631700", "newsdrum_11075881"}
    row = annual_series(data["trade_flows"], "KAZ", "PAK", NAMES).iloc[3]  # Kazakh 2024: $53.7M
    text = growth_text(row, target, deadlines)
    assert text == "Needs +306% a year by Feb 2027, or +158% a year by Feb 2028."
    assert deadline_dispute(deadlines, data["sources"]).startswith(
        "Sources differ on the deadline: Feb 2027 (“within a year / in the next one year”")


# --- Bounded cards: each reporter's latest year, however many claims give it ---------------

def _many_uzbek_claims(flows: pd.DataFrame, n: int) -> pd.DataFrame:
    """The bundled flows plus `n` more claims for Uzbekistan's 2025 ($400M … $400M + n M)."""
    base = flows[(flows["reporter"] == "UZB") & (flows["period_label"] == "2025")].iloc[[0]]
    extra = pd.concat([base] * n, ignore_index=True)
    extra["flow_id"] = [f"extra_{i}" for i in range(n)]
    extra["value_usd"] = pd.array([400e6 + i * 1e6 for i in range(n)], dtype="Float64")
    return pd.concat([flows, extra], ignore_index=True)


def test_latest_claims_keeps_a_card_per_claim_in_the_bundled_data(data):
    from components.analysis.trade import latest_claims

    flows, targets = data["trade_flows"], data["trade_targets"]
    _, groups = latest_claims(flows, targets, "KAZ", "PAK", names=NAMES)
    assert [(g.series, g.period_label, g.claims, g.ranged) for g in groups] == [
        ("Kazakh statistics, calendar years", "2024", 1, False),
        ("Pakistani statistics, fiscal years (July–June)", "FY2024-25", 1, False)]
    target, (_pak, stats, uzb) = latest_claims(flows, targets, "PAK", "UZB", names=NAMES)
    assert target["target_usd"] == 2e9
    assert (stats.series, stats.claims) == ("Uzbek statistics, calendar years", 1)
    assert (uzb.claims, uzb.ranged) == (2, False)
    assert [g.value_usd for _, g in uzb.shown] == [450e6, 500e6]  # both, as before
    assert latest_claims(flows, targets, "PAK", "UZB", names=NAMES)[1][2] is uzb  # memoised


def test_many_claims_for_one_year_become_one_range(data):
    from components.analysis.trade import MAX_CLAIM_CARDS, latest_claims

    flows = _many_uzbek_claims(data["trade_flows"], 50)
    _, (_pak, _stats, uzb) = latest_claims(flows, data["trade_targets"], "PAK", "UZB", names=NAMES)
    assert uzb.claims == 52 and uzb.ranged and MAX_CLAIM_CARDS < 52
    (low, lo), (high, hi) = uzb.shown  # only the two ends are kept
    assert (lo.value_usd, hi.value_usd) == (400e6, 500e6)
    assert low["value_usd"] == 400e6 and high["source_id"] == "newscentralasia_20260206"
    assert lo.required_growth > hi.required_growth


def test_group_gaps_bounds_by_max_cards(data):
    _, gaps = gaps_by_reporter(data["trade_flows"], data["trade_targets"], "PAK", "UZB")
    pak, stats, officials = group_gaps(gaps, max_cards=1)  # one card per series
    assert not pak.ranged and not stats.ranged
    assert officials.ranged and officials.claims == 2
    assert [g.value_usd for _, g in officials.shown] == [450e6, 500e6]


def test_gap_cards_read_as_before_in_the_bundled_data(data):
    from components.analysis.summaries import gap_cards
    from components.analysis.trade import latest_claims, stated_deadlines

    flows, targets = data["trade_flows"], data["trade_targets"]
    target, groups = latest_claims(flows, targets, "KAZ", "PAK", names=NAMES)
    cards = gap_cards(groups, target, stated_deadlines(targets, target), data["sources"])
    kaz = cards[0]
    assert (kaz.label, kaz.value) == ("Kazakh statistics, 2024", "$53.7M")
    assert kaz.lines[:2] == ("5.4% of the target; $946.3M short.",
                             "Needs +306% a year by Feb 2027, or +158% a year by Feb 2028.")
    assert kaz.lines[2] == "Trend News Agency, 11 Aug 2025 · press"
    target = current_target(targets, "PAK", "UZB")
    _, groups = latest_claims(flows, targets, "PAK", "UZB", names=NAMES)
    uzb = gap_cards(groups, target, stated_deadlines(targets, target), data["sources"])
    assert [(c.label, c.value) for c in uzb] == [("Pakistani statistics, FY2024-25", "$142.88M"),
                                                ("Uzbek statistics, 2025", "$445.9M"),
                                                ("Uzbek officials' figures, 2025", "~$450M"),
                                                ("Uzbek officials' figures, 2025", "~$500M")]


def test_a_range_card_names_both_ends_and_where_the_others_are(data):
    from components.analysis.summaries import gap_cards, growth_text, trade_summary
    from components.analysis.trade import latest_claims, stated_deadlines

    flows, targets = _many_uzbek_claims(data["trade_flows"], 50), data["trade_targets"]
    target, groups = latest_claims(flows, targets, "PAK", "UZB", names=NAMES)
    deadlines = stated_deadlines(targets, target)
    _pak_card, stats_card, card = gap_cards(groups, target, deadlines, data["sources"])
    assert (stats_card.label, stats_card.value) == ("Uzbek statistics, 2025", "$445.9M")
    assert (card.label, card.value) == ("Uzbek officials' figures, 2025", "~$400M–~$500M")
    share, growth, ends, others = card.lines
    assert share == "20%–25% of the target; $1.5B–$1.6B short."
    (low, _), (high, _) = groups[2].shown
    assert growth.startswith("Needs +") and " to +" in growth
    # the two ends of the range are the two single figures' growth
    lo_rate = growth_text(low, target, deadlines).split(" a year")[0].removeprefix("Needs ")
    hi_rate = growth_text(high, target, deadlines).split(" a year")[0].removeprefix("Needs ")
    assert growth.startswith(f"Needs {hi_rate} to {lo_rate} a year")
    assert ends == ("Lowest: A News, 5 Feb 2026 · press; highest: news Central Asia, "
                    "6 Feb 2026 · press.")
    assert others.startswith("52 claims give a figure for 2025; the 50 others")
    series = annual_series(flows, "PAK", "UZB", NAMES)
    text = trade_summary(series, groups, target, "Pakistan–Uzbekistan")
    assert text == ("Pakistan–Uzbekistan trade against a $2B target: Pakistani statistics give "
                    "$142.88M for FY2024-25 (7.1% of the target); Uzbek statistics give $445.9M "
                    "for 2025 (22% of the target); Uzbek officials' figures give ~$400M–~$500M "
                    "for 2025 (52 claims; 20%–25% of the target).")
    # gaps_by_reporter's (row, Gap) pairs, grouped by group_gaps, read the same
    _, gaps = gaps_by_reporter(flows, targets, "PAK", "UZB")
    assert len(gaps) == 54  # the 52 officials' claims, the CERR and State Bank figures
    assert trade_summary(series, group_gaps(gaps), target, "Pakistan–Uzbekistan") == text


def test_trade_summary_keeps_each_claim_of_the_bundled_data(data):
    from components.analysis.summaries import trade_summary
    from components.analysis.trade import latest_claims

    flows, targets = data["trade_flows"], data["trade_targets"]
    target, groups = latest_claims(flows, targets, "PAK", "UZB", names=NAMES)
    text = trade_summary(annual_series(flows, "PAK", "UZB", NAMES), groups, target, "P–U")
    assert text.endswith("figures give ~$450M for 2025 (22% of the target); Uzbek officials' "
                         "figures give ~$500M for 2025 (25% of the target).")


def test_name_sources_names_a_few_and_counts_the_rest(data):
    from components.analysis.sourcing import NAMED_BESIDE, name_sources, source_label

    ids = list(data["sources"]["source_id"][:14])
    labels = list(dict.fromkeys(source_label(data["sources"], i) for i in ids))
    text = name_sources(data["sources"], ids + ids[:3], limit=NAMED_BESIDE)
    assert text.split("; ")[:NAMED_BESIDE] == labels[:NAMED_BESIDE]
    assert text.endswith(f"; … and {len(labels) - NAMED_BESIDE} more")
    assert name_sources(data["sources"], ids[:2]).count(";") == 1
    # two ids with one label are named once
    twin = data["sources"].iloc[[0]].assign(source_id="twin")
    both = pd.concat([data["sources"], twin], ignore_index=True)
    assert name_sources(both, [ids[0], "twin"]) == source_label(both, ids[0])


def test_latest_claims_are_the_grouped_gaps_computed_for_the_shown_claims_only(data):
    from components.analysis.trade import latest_claims

    def shown(groups):
        return [(g.series, g.period_label, g.claims, g.ranged,
                 [(row["flow_id"], gp) for row, gp in g.shown]) for g in groups]

    for flows in (data["trade_flows"], _many_uzbek_claims(data["trade_flows"], 50)):
        for pair in (("KAZ", "PAK"), ("PAK", "UZB")):
            _, gaps = gaps_by_reporter(flows, data["trade_targets"], *pair)
            _, groups = latest_claims(flows, data["trade_targets"], *pair, names=NAMES)
            assert shown(groups) == shown(group_gaps(gaps))


def test_a_target_known_to_the_month_is_shown_to_the_month(data):
    from components.sections import HEADLINE_TRADE, context

    targets = data["trade_targets"]
    only = targets[targets["target_id"] == "pak_kaz_1b_seed004"]  # the seed: Feb 2026
    line = HEADLINE_TRADE.view(context(data, view={**data.tables, "trade_targets": only})).target
    assert "stated Feb 2026 by" in line and "1 Feb 2026" not in line
