import datetime as dt

import pandas as pd
import pytest

from components.analysis import headlines as hl
from components.analysis.filters import FilterState, apply_filters
from components.analysis.relationships import chosen
from components.analysis.trade import current_target, gap
from components.data.loader import load_dataset


@pytest.fixture
def tables(tiny_dir):
    return load_dataset(tiny_dir).tables


def test_target_arithmetic():
    quarter = gap(250e6, 1e9, pd.Timestamp("2025-12-31"), None)
    assert quarter.share == pytest.approx(0.25) and quarter.gap_usd == pytest.approx(750e6)
    assert gap(1.2e9, 1e9, pd.Timestamp("2025-12-31"), None).gap_usd == 0.0


def test_latest_trade_keeps_each_reporter_as_its_own_series(tables):
    target = current_target(tables["trade_targets"], "PAK", "KAZ")
    assert target["target_usd"] == 1e9
    figures = hl.latest_trade(tables["trade_flows"], chosen(tables, None), target)
    by_label = {f.label: f for f in figures}
    kaz = by_label["Kazakh statistics (calendar year)"]
    assert kaz.row["period_label"] == "2024" and kaz.row["value_usd"] == 53.7e6
    assert kaz.share == pytest.approx(0.0537)
    pak = by_label["Pakistani statistics (July–June)"]
    assert pak.row["value_usd"] == 227.59e6
    assert by_label["Said by Pakistani officials"].share == pytest.approx(0.25)
    assert list(by_label) == ["Kazakh statistics (calendar year)",
                              "Pakistani statistics (July–June)", "Said by Pakistani officials"]


def test_agreement_counts_keep_disagreeing_sources_apart(tables):
    visit = hl.latest_state_visit(tables["events"], "PAK", "KAZ")
    assert visit["event_id"] == "visit"  # the held visit, not the postponed plan
    claims = hl.counts_by_claim(tables["agreements"], "visit")
    assert [(c["count"], c["source_ids"]) for c in claims] == [(37, ["src_a"]), (36, ["seed_x"])]


def test_deal_values_never_add_claims_of_one_deal(tables, tiny_rows, tmp_path):
    from tests.tiny_dataset import write_tiny_dataset
    tiny_rows["deals"].append(dict(tiny_rows["deals"][0], deal_id="buses_other",
                                   value_usd="120000000", source_id="src_a"))
    data = load_dataset(write_tiny_dataset(tmp_path / "d", tiny_rows))
    values = hl.deal_values(data["deals"])
    buses = values.set_index("deal_key").loc["buses"]
    assert (buses["low_usd"], buses["high_usd"], buses["claims"]) == (108e6, 120e6, 2)
    assert hl.deal_total(values) == (608e6, 620e6)


def test_only_the_relationships_own_deals_are_added_up(data):
    pair = ("KAZ", "PAK")
    values = hl.deal_values(data["deals"], pair)
    assert set(values["deal_key"]) == {"falcon_ebuses", "alaman_gold_gb",
                                       "forum_contracts_karachi_2025",
                                       "forum_contracts_islamabad_2026"}
    assert hl.deal_total(values) == (528e6, 528e6)
    left = hl.deals_left_out(data["deals"], pair).set_index("deal_key")
    assert left.at["kz_torghundi_herat_funding", "why"] == "other parties"
    assert left.at["torghundi_dry_port", "why"] == "other parties"
    # afghanis are never added to dollars
    design = left.loc["herat_kandahar_design"]
    assert (design["why"], design["local_value"], design["local_currency"]) == (
        "another currency", 264e6, "AFN")
    assert "herat_kandahar_design" not in set(hl.deal_values(data["deals"])["deal_key"])


def test_student_claims_newest_first(tables):
    rows = hl.student_claims(tables["people"])
    assert list(rows["value"]) == [1000]


def test_corridor_figures_latest_and_range(tables):
    (entry,) = hl.corridor_figures(tables["corridor_claims"], tables["corridors"])
    assert entry["length"]["value"] == 647  # stated 2025, newer than 783 (2024)
    assert entry["length_range"] == (647, 783)
    assert entry["cost"]["value"] == 4.6e9


def test_headlines_follow_the_filters(tables):
    rail = apply_filters(tables, FilterState(sectors=("rail",)))
    assert hl.latest_trade(rail["trade_flows"], chosen(tables, None), None) == []
    assert hl.deal_total(hl.deal_values(rail["deals"])) == (500e6, 500e6)


def test_as_of_and_latest_events(tables):
    assert hl.as_of(tables["sources"]) == dt.date(2026, 2, 4)
    latest = hl.latest_events(tables["events"], today=dt.date(2026, 1, 1))
    assert list(latest["event_id"]) == ["plan"]


def test_a_potential_estimate_is_never_the_current_target(tiny_rows, tmp_path):
    from tests.tiny_dataset import write_tiny_dataset
    tiny_rows["trade_targets"].append(dict(tiny_rows["trade_targets"][0], target_id="potential",
                                           kind="potential", target_usd="14000000000",
                                           date_stated="2026-03-01"))
    data = load_dataset(write_tiny_dataset(tmp_path / "d", tiny_rows))
    assert current_target(data["trade_targets"], "KAZ", "PAK")["target_usd"] == 1e9


def test_the_overviews_tables_are_sorted_once_per_filter_state(tables):
    claims = hl.trade_claims(tables["trade_flows"], "PAK", "KAZ")
    assert list(claims["flow_id"]) == ["kz_2023", "kz_2024", "pk_fy25", "pk_pm"]
    assert hl.trade_claims(tables["trade_flows"], "PAK", "KAZ") is claims  # memoised
    routes = hl.route_claims(tables["corridor_claims"], tables["sources"])
    assert list(routes["claim_id"]) == ["uap_cost", "uap_783", "uap_647"]
    assert hl.route_claims(tables["corridor_claims"], tables["sources"]) is routes
    visit = hl.event_agreements(tables["agreements"], "visit")
    assert list(visit["agreement_id"]) == ["mous_37", "mous_36"]
    assert hl.event_agreements(tables["agreements"], "visit") is visit
