"""Deal pipeline and agreement aggregations."""

import pytest

from components.deals import counts_per_event, pipeline, sector_status_counts, sectors_named
from components.loader import load_dataset
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT / "data")


def test_pipeline_one_row_per_deal_at_its_furthest_status(data):
    pipe = pipeline(data["deals"], data["statuses"]).set_index("deal_key")
    assert pipe.index.is_unique and len(pipe) == data["deals"]["deal_key"].nunique()
    herat = pipe.loc["kz_torghundi_herat_funding"]  # announced, then signed
    assert herat["status"] == "signed" and herat["claims"] == 2
    buses = pipe.loc["falcon_ebuses"]
    assert (buses["quantity"], buses["quantity_unit"]) == (600, "electric buses")
    assert buses["low_usd"] == buses["high_usd"] == 108e6
    plan = pipe.loc["falcon_buses_2027"]
    assert plan["quantity"] == 2000 and plan["status"] == "announced"
    ranks = list(pipeline(data["deals"], data["statuses"])["rank"])
    assert ranks == sorted(ranks, reverse=True)


def test_sector_status_counts_add_up(data):
    pipe = pipeline(data["deals"], data["statuses"])
    counts = sector_status_counts(pipe)
    assert counts["deals"].sum() == len(pipe)
    assert counts.set_index(["sector_id", "status"]).at[("rail", "signed"), "deals"] == 2


def test_counts_per_event_keep_37_and_36_apart(data):
    per = counts_per_event(data["agreements"])
    visit = per[(per["event_id"] == "tokayev_state_visit_2026") & (per["kind"] == "mou_package")]
    counts = dict(zip(visit["count"], visit["sources"]))
    assert counts[36] == 1 and counts[37] >= 6


def test_sectors_named_counts_distinct_sources(data):
    named = sectors_named(data["agreements"], "tokayev_state_visit_2026").set_index("sector_id")
    assert named.at["rail", "sources"] == len(set(named.at["rail", "source_ids"]))
    assert named["sources"].is_monotonic_decreasing


def test_empty_inputs_give_empty_frames(data):
    empty = data["deals"].iloc[0:0]
    assert pipeline(empty, data["statuses"]).empty
    assert sector_status_counts(pipeline(empty, data["statuses"])).empty
    assert counts_per_event(data["agreements"].iloc[0:0]).empty
