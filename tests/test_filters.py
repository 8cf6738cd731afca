import datetime as dt

from components.analysis.filters import FilterState, apply_filters, describe
from components.data.loader import load_dataset


def test_no_filter_returns_every_row(tiny_dir):
    tables = load_dataset(tiny_dir).tables
    out = apply_filters(tables, FilterState())
    assert all(len(out[n]) == len(tables[n]) for n in tables)


def test_sector_filter_cuts_rows_with_that_sector_and_implicit_sectors(tiny_dir):
    tables = load_dataset(tiny_dir).tables
    rail = apply_filters(tables, FilterState(sectors=("rail",)))
    assert list(rail["deals"]["deal_id"]) == ["rail_commit"]
    assert list(rail["agreements"]["agreement_id"]) == ["mous_37"]  # 36 has no sectors
    assert rail["trade_flows"].empty  # trade is sector 'trade'
    assert len(rail["corridor_claims"]) == 3  # corridor claims count as rail
    assert rail["people"].empty
    # vocabularies and sources are never filtered
    assert len(rail["sectors"]) == len(tables["sectors"])
    assert len(rail["sources"]) == len(tables["sources"])


def test_sector_filter_is_inclusive_of_several(tiny_dir):
    tables = load_dataset(tiny_dir).tables
    out = apply_filters(tables, FilterState(sectors=("trade", "education")))
    assert len(out["trade_flows"]) == 4 and len(out["people"]) == 1
    assert out["deals"].empty


def test_corridor_filter_only_cuts_tables_with_a_corridor(tiny_dir):
    tables = load_dataset(tiny_dir).tables
    out = apply_filters(tables, FilterState(corridors=("western",)))
    assert list(out["deals"]["deal_id"]) == ["rail_commit"]
    assert out["corridor_claims"].empty and out["segments"].empty
    assert out["events"].empty  # the visit is tagged trans_afghan only
    assert len(out["trade_flows"]) == 4  # no corridor dimension: untouched


def test_date_filter_keeps_overlapping_spans(tiny_dir):
    tables = load_dataset(tiny_dir).tables
    out = apply_filters(tables, FilterState(start=dt.date(2025, 1, 1)))
    # FY2024-25 (Jul 2024–Jun 2025) overlaps 2025; calendar 2023 and 2024 do not
    assert set(out["trade_flows"]["flow_id"]) == {"pk_fy25", "pk_pm"}
    out = apply_filters(tables, FilterState(end=dt.date(2024, 12, 31)))
    assert set(out["trade_flows"]["flow_id"]) == {"kz_2023", "kz_2024", "pk_fy25"}
    out = apply_filters(tables, FilterState(start=dt.date(2026, 2, 4), end=dt.date(2026, 2, 4)))
    assert list(out["events"]["event_id"]) == ["visit"]  # 3–4 Feb overlaps 4 Feb


def test_filters_do_not_modify_their_input(tiny_dir):
    tables = load_dataset(tiny_dir).tables
    before = {n: len(f) for n, f in tables.items()}
    apply_filters(tables, FilterState(sectors=("rail",), start=dt.date(2026, 1, 1)))
    assert {n: len(f) for n, f in tables.items()} == before


def test_describe_in_words():
    state = FilterState(sectors=("rail",), start=dt.date(2025, 1, 1))
    text = describe(state, {"rail": "Railways"}, {})
    assert text == "Sectors: Railways · Corridors: all · Dates: 2025-01-01 – today"
    assert describe(FilterState(), {}, {}) == "Sectors: all · Corridors: all · Dates: all"
