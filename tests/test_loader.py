"""The loader: one test per kind of fault, each asserting file, line, column and message."""

from pathlib import Path

import pandas as pd
import pytest

from components.data.contract import TABLES
from components.data.loader import Dataset, load_dataset
from tests.tiny_dataset import write_table, write_tiny_dataset


def only_errors(data: Dataset):
    return [p for p in data.problems if p.severity == "error"]


def assert_one_error(data: Dataset, file: str, row: int | None, column: str | None,
                     words: str):
    errors = only_errors(data)
    assert len(errors) == 1, [str(p) for p in errors]
    (p,) = errors
    assert (p.file, p.row, p.column) == (file, row, column), str(p)
    assert words in p.message, p.message
    return p


def test_valid_dataset_loads_typed_with_no_problems(tiny_dir: Path):
    data = load_dataset(tiny_dir)
    assert data.problems == []
    flows = data["trade_flows"]
    assert flows["value_usd"].dtype == "Float64"
    assert pd.api.types.is_datetime64_any_dtype(flows["period_start"])
    assert data["statuses"]["rank"].dtype == "Int64"
    assert len(data["deals"]) == 2


def test_missing_file_is_reported_and_other_tables_still_load(tiny_dir: Path):
    (tiny_dir / "people.csv").unlink()
    data = load_dataset(tiny_dir)
    assert_one_error(data, "people.csv", None, None, "missing")
    assert data.broken == {"people"}
    assert data["people"].empty and list(data["people"].columns) == TABLES["people"].column_names
    assert len(data["deals"]) == 2


def test_missing_column(tiny_dir: Path, tiny_rows):
    frame = pd.read_csv(tiny_dir / "deals.csv", dtype=str).drop(columns=["status"])
    frame.to_csv(tiny_dir / "deals.csv", index=False)
    data = load_dataset(tiny_dir)
    assert_one_error(data, "deals.csv", None, "status", "column is missing")


def test_wrong_type_money(tiny_dir: Path, tiny_rows):
    tiny_rows["deals"][1]["value_usd"] = "$500M"
    write_table(tiny_dir, "deals", tiny_rows["deals"])
    data = load_dataset(tiny_dir)
    p = assert_one_error(data, "deals.csv", 3, "value_usd", "plain number of US dollars")
    assert "'$500M'" in p.message
    assert "deals" in data.broken and data.ok("trade_flows", "events")


def test_wrong_type_count(tiny_dir: Path, tiny_rows):
    tiny_rows["agreements"][0]["count"] = "thirty-seven"
    write_table(tiny_dir, "agreements", tiny_rows["agreements"])
    assert_one_error(load_dataset(tiny_dir), "agreements.csv", 2, "count", "whole number")


@pytest.mark.parametrize("bad", ["2026-02-30", "04/02/2026", "2026-2-4", "Feb 2026"])
def test_bad_date(tiny_dir: Path, tiny_rows, bad: str):
    tiny_rows["events"][1]["start_date"] = bad
    write_table(tiny_dir, "events", tiny_rows["events"])
    p = assert_one_error(load_dataset(tiny_dir), "events.csv", 3, "start_date", "real date")
    assert bad in p.message


def test_end_before_start(tiny_dir: Path, tiny_rows):
    tiny_rows["events"][0]["end_date"] = "2026-02-01"
    write_table(tiny_dir, "events", tiny_rows["events"])
    assert_one_error(load_dataset(tiny_dir), "events.csv", 2, "end_date", "before it starts")


def test_unknown_id(tiny_dir: Path, tiny_rows):
    tiny_rows["deals"][0]["sector_id"] = "railway"
    write_table(tiny_dir, "deals", tiny_rows["deals"])
    p = assert_one_error(load_dataset(tiny_dir), "deals.csv", 2, "sector_id", "not a known id")
    assert "sectors.csv" in p.message


def test_unknown_id_in_a_list(tiny_dir: Path, tiny_rows):
    tiny_rows["events"][0]["countries"] = "KAZ;XYZ"
    write_table(tiny_dir, "events", tiny_rows["events"])
    p = assert_one_error(load_dataset(tiny_dir), "events.csv", 2, "countries", "'XYZ'")
    assert "countries.csv" in p.message


def test_unknown_source(tiny_dir: Path, tiny_rows):
    tiny_rows["people"][0]["source_id"] = "nowhere"
    write_table(tiny_dir, "people", tiny_rows["people"])
    assert_one_error(load_dataset(tiny_dir), "people.csv", 2, "source_id", "'nowhere'")


def test_duplicate_id(tiny_dir: Path, tiny_rows):
    tiny_rows["places"][1]["place_id"] = "termez"
    write_table(tiny_dir, "places", tiny_rows["places"])
    data = load_dataset(tiny_dir)
    errors = [p for p in only_errors(data) if p.file == "places.csv"]
    assert {(p.row, p.column) for p in errors} == {(2, "place_id"), (3, "place_id")}
    assert all("duplicate id 'termez'" in p.message for p in errors)


@pytest.mark.parametrize("column,value", [("lat", "91.5"), ("lon", "-200")])
def test_coordinates_out_of_range(tiny_dir: Path, tiny_rows, column: str, value: str):
    tiny_rows["places"][0][column] = value
    write_table(tiny_dir, "places", tiny_rows["places"])
    p = assert_one_error(load_dataset(tiny_dir), "places.csv", 2, column, "allowed value")
    assert value in p.message


def test_non_utf8_bytes(tiny_dir: Path):
    path = tiny_dir / "sources.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"Seed X", b"Seed \xe9X")  # Latin-1 é
    path.write_bytes(b"\n".join(lines))
    data = load_dataset(tiny_dir)
    p = next(p for p in only_errors(data) if p.file == "sources.csv")
    assert (p.row, p.column) == (3, None)
    assert "UTF-8" in p.message and "0xe9" in p.message


def test_byte_order_mark_is_a_warning_and_the_table_loads(tiny_dir: Path):
    path = tiny_dir / "countries.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    data = load_dataset(tiny_dir)
    assert only_errors(data) == []
    assert [p.file for p in data.problems] == ["countries.csv"]
    assert "byte-order mark" in data.problems[0].message
    assert "KAZ" in set(data["countries"]["iso3"])


def test_extra_column_is_a_warning_and_dropped(tiny_dir: Path):
    frame = pd.read_csv(tiny_dir / "sectors.csv", dtype=str).assign(colour="red")
    frame.to_csv(tiny_dir / "sectors.csv", index=False)
    data = load_dataset(tiny_dir)
    assert only_errors(data) == []
    (p,) = data.problems
    assert (p.file, p.column, p.severity) == ("sectors.csv", "colour", "warning")
    assert "colour" not in data["sectors"].columns


def test_ragged_row(tiny_dir: Path):
    path = tiny_dir / "countries.csv"
    path.write_text(path.read_text() + "ZZZ,Nowhere,extra\n", encoding="utf-8")
    p = next(p for p in only_errors(load_dataset(tiny_dir)) if p.file == "countries.csv")
    assert p.row == 7 and "3 cells" in p.message


def test_empty_file(tiny_dir: Path):
    (tiny_dir / "segments.csv").write_text("", encoding="utf-8")
    assert_one_error(load_dataset(tiny_dir), "segments.csv", None, None, "empty")


def test_not_allowed_value(tiny_dir: Path, tiny_rows):
    tiny_rows["trade_flows"][0]["period_type"] = "year"
    write_table(tiny_dir, "trade_flows", tiny_rows["trade_flows"])
    p = assert_one_error(load_dataset(tiny_dir), "trade_flows.csv", 2, "period_type",
                         "not allowed")
    assert "calendar_year" in p.message


def test_status_of_the_wrong_domain(tiny_dir: Path, tiny_rows):
    tiny_rows["segments"][0]["status"] = "signed"
    write_table(tiny_dir, "segments", tiny_rows["segments"])
    assert_one_error(load_dataset(tiny_dir), "segments.csv", 2, "status", "another kind")


def test_required_cell_empty(tiny_dir: Path, tiny_rows):
    tiny_rows["trade_flows"][2]["quote"] = ""
    write_table(tiny_dir, "trade_flows", tiny_rows["trade_flows"])
    assert_one_error(load_dataset(tiny_dir), "trade_flows.csv", 4, "quote", "empty")


def test_quantity_needs_a_unit(tiny_dir: Path, tiny_rows):
    tiny_rows["deals"][0]["quantity_unit"] = ""
    write_table(tiny_dir, "deals", tiny_rows["deals"])
    assert_one_error(load_dataset(tiny_dir), "deals.csv", 2, "quantity_unit", "unit")


def test_quoted_newline_keeps_line_numbers_right(tiny_dir: Path, tiny_rows):
    tiny_rows["sources"][0]["title"] = "Two\nlines"
    tiny_rows["sources"][1]["kind"] = "rumour"
    write_table(tiny_dir, "sources", tiny_rows["sources"])
    assert_one_error(load_dataset(tiny_dir), "sources.csv", 4, "kind", "not allowed")


def test_missing_folder_reports_every_file(tmp_path: Path):
    data = load_dataset(tmp_path / "nope")
    assert data.broken == set(TABLES)


def test_data_dir_follows_the_environment(monkeypatch, tmp_path: Path):
    from components.data.loader import DEFAULT_DATA_DIR, data_dir
    monkeypatch.delenv("CORRIDOR_DATA_DIR", raising=False)
    assert data_dir() == DEFAULT_DATA_DIR
    monkeypatch.setenv("CORRIDOR_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path


def test_loading_is_pure(tiny_dir: Path):
    """Loading twice gives equal frames (no hidden state) and writes nothing."""
    before = sorted(p.name for p in tiny_dir.iterdir())
    a, b = load_dataset(tiny_dir), load_dataset(tiny_dir)
    assert all(a[n].equals(b[n]) for n in TABLES)
    assert sorted(p.name for p in tiny_dir.iterdir()) == before


def test_write_tiny_dataset_roundtrip(tmp_path: Path):
    assert load_dataset(write_tiny_dataset(tmp_path)).problems == []


def test_status_ids_may_repeat_across_domains_but_not_within_one(tiny_dir, tiny_rows):
    tiny_rows["statuses"].append({"status_id": "signed", "domain": "segment", "label": "x",
                                  "rank": "9"})
    write_table(tiny_dir, "statuses", tiny_rows["statuses"])
    assert only_errors(load_dataset(tiny_dir)) == []
    tiny_rows["statuses"].append({"status_id": "signed", "domain": "deal", "label": "y",
                                  "rank": "9"})
    write_table(tiny_dir, "statuses", tiny_rows["statuses"])
    data = load_dataset(tiny_dir)
    errors = only_errors(data)
    assert [(p.row, p.column) for p in errors] == [(3, "status_id"), (9, "status_id")]
    assert "same domain and status_id" in errors[0].message


def test_event_same_as_must_name_another_known_event(tiny_dir, tiny_rows):
    tiny_rows["events"][1]["same_as"] = "plan"
    write_table(tiny_dir, "events", tiny_rows["events"])
    assert_one_error(load_dataset(tiny_dir), "events.csv", 3, "same_as", "itself")
    tiny_rows["events"][1]["same_as"] = "nothing"
    write_table(tiny_dir, "events", tiny_rows["events"])
    assert_one_error(load_dataset(tiny_dir), "events.csv", 3, "same_as", "not a known id")
