"""Trade series and the target arithmetic (gap, required growth)."""

import math

import pandas as pd
import pytest

from components.loader import load_dataset
from components.trade import annual_series, gap, gaps_by_reporter, statements
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT / "data")


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
    series = annual_series(data["trade_flows"], "PAK", "KAZ")
    assert set(series["period_type"]) == {"calendar_year", "fiscal_year"}
    names = set(series["series"])
    assert {"Kazakh statistics, calendar years",
            "Pakistani statistics, fiscal years (July–June)"} <= names
    kaz = series[series["series"] == "Kazakh statistics, calendar years"]
    assert list(kaz["period_label"]) == ["2021", "2022", "2023", "2024"]
    assert kaz.set_index("period_label").at["2023", "value_usd"] == 52.5e6
    assert (series["mid"] > series["period_start"]).all()


def test_statements_and_gaps_by_reporter(data):
    assert set(statements(data["trade_flows"], "KAZ", "PAK")["value_usd"]) == {250e6, 300e6}
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
    assert sorted(g.value_usd for _, g in gaps) == [450e6, 500e6]


def test_sources_that_differ_on_the_deadline_are_both_kept(data):
    from components.headlines import current_target
    from components.summaries import deadline_dispute, growth_text
    from components.trade import stated_deadlines

    target = current_target(data["trade_targets"], "KAZ", "PAK")
    deadlines = stated_deadlines(data["trade_targets"], target)
    assert [d.year for d in deadlines["deadline"]] == [2027, 2028]
    assert set(deadlines.iloc[0]["source_ids"]) == {"arabnews_2631700", "newsdrum_11075881"}
    row = annual_series(data["trade_flows"], "KAZ", "PAK").iloc[3]  # Kazakh 2024: $53.7M
    text = growth_text(row, target, deadlines)
    assert text == "Needs +306% a year by Feb 2027, or +158% a year by Feb 2028."
    assert deadline_dispute(deadlines, data["sources"]).startswith(
        "Sources differ on the deadline: Feb 2027 (“within a year / in the next one year”")
