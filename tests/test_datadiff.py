"""What changed between two versions of the data: tables cell by cell (analysis.datadiff), the
headline figures that move (sections.datadiff), `tasks.py diff`, and the Sources page's panel."""

from __future__ import annotations

import csv
from dataclasses import dataclass

import pandas as pd
import pytest

from components.analysis.datadiff import (
    CELL_COLUMNS,
    COUNT_COLUMNS,
    CSV_COLUMNS,
    DiffError,
    figure_changes,
    table_changes,
)
from components.data.contract import TABLES
from components.data.loader import load_dataset
from components.sections.base import Card
from components.sections.datadiff import (
    HEADLINE_COLUMNS,
    headline_changes,
    headline_figures,
    main,
    section_figures,
)
from components.sections.people import FigureCard
from tests.support import DATA, all_text, copy_data, run_app

FLOW = "kaz_stat_2024_total"  # the Kazakh statistics' 2024 figure, on Overview and Trade
OLD_VALUE, NEW_VALUE = "53700000", "61200000"
HEADLINE = ("Trade against the target", "Kazakh statistics (calendar year)")
ON_TRADE = ("Trade against targets", "Kazakh statistics, 2024")
NEW_SECTOR = {"sector_id": "space", "label": "Space", "description": "Satellites"}
REMOVED_CLAIM = "karachi_capacity_nation_2024"


def _set(rows, key, column, value, id_column="flow_id"):
    for r in rows:
        if r[id_column] == key:
            r[column] = value
    return rows


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """A copy of the bundled data with one trade figure changed, a sector added and a place
    claim removed."""
    return copy_data(tmp_path_factory.mktemp("diff") / "data", {
        "trade_flows": lambda rows: _set(rows, FLOW, "value_usd", NEW_VALUE),
        "sectors": lambda rows: [*rows, NEW_SECTOR],
        "place_claims": lambda rows: [r for r in rows if r["claim_id"] != REMOVED_CLAIM],
    })


@pytest.fixture(scope="module")
def changes(changed):
    return table_changes(DATA, changed)


def _count(changes, table):
    return changes.counts.set_index("table").loc[table]


# --- tables ----------------------------------------------------------------------------------


def test_the_changed_cell_is_found_with_its_source(changes):
    cells = changes.cells
    assert list(cells.columns) == list(CELL_COLUMNS)
    assert cells.to_dict("records") == [{
        "table": "trade_flows", "key": FLOW, "column": "value_usd", "old": OLD_VALUE,
        "new": NEW_VALUE, "source_id": "trend_4079320", "old_source_id": ""}]


def test_counts_per_table(changes):
    assert list(changes.counts.columns) == list(COUNT_COLUMNS)
    assert list(changes.counts["table"]) == list(TABLES)
    flows = _count(changes, "trade_flows")
    assert (flows.added, flows.removed, flows.changed, flows.cells) == (0, 0, 1, 1)
    assert flows.rows_before == flows.rows_after
    sectors = _count(changes, "sectors")
    assert (sectors.added, sectors.removed, sectors.changed) == (1, 0, 0)
    assert sectors.rows_after == sectors.rows_before + 1
    claims = _count(changes, "place_claims")
    assert (claims.added, claims.removed, claims.changed) == (0, 1, 0)
    assert sorted(changes.differs["table"]) == ["place_claims", "sectors", "trade_flows"]
    assert changes.rows.to_dict("records") == [
        {"table": "sectors", "key": "space", "change": "added", "source_id": ""},
        {"table": "place_claims", "key": REMOVED_CLAIM, "change": "removed",
         "source_id": "nation_11nov2024"},
    ]
    assert not changes.empty


def test_the_same_data_has_no_change(tmp_path):
    same = table_changes(DATA, copy_data(tmp_path / "same"))
    assert same.empty and same.cells.empty and same.rows.empty
    assert same.differs.empty
    assert (same.counts[["added", "removed", "changed", "cells"]] == 0).all().all()


def test_cells_are_compared_as_text_and_a_changed_source_is_named(tmp_path):
    copy = copy_data(tmp_path / "data", {"place_claims": lambda rows: _set(
        _set(rows, "karachi_throughput_app_2021", "value", "41.840", "claim_id"),
        "karachi_throughput_app_2021", "source_id", "other_source", "claim_id")})
    cells = table_changes(DATA, copy).cells.set_index("column")
    assert cells.loc["value", ["old", "new"]].tolist() == ["41.84", "41.840"]
    assert cells.loc["value", ["source_id", "old_source_id"]].tolist() == [
        "other_source", "urdupoint_1243045"]


def test_statuses_are_matched_by_domain_and_id(tmp_path):
    copy = copy_data(tmp_path / "data", {"statuses": lambda rows: [
        {**r, "label": "Built"} if (r["domain"], r["status_id"]) == ("segment", "operational")
        else r for r in rows]})
    cells = table_changes(DATA, copy).cells
    assert cells[["key", "column", "new"]].values.tolist() == [
        ["segment/operational", "label", "Built"]]


def test_a_missing_table_counts_as_every_row_removed_or_added(tmp_path):
    copy = copy_data(tmp_path / "data")
    (copy / "trade_shares.csv").unlink()
    gone = _count(table_changes(DATA, copy), "trade_shares")
    assert gone.removed == gone.rows_before > 0 and gone.rows_after == 0
    assert "missing in the new folder" in gone.note
    came = _count(table_changes(copy, DATA), "trade_shares")
    assert came.added == came.rows_after > 0 and "missing in the old folder" in came.note


def test_rows_with_a_repeated_key_are_compared_as_a_multiset(tmp_path):
    def twice(rows):
        return [*rows, {**rows[0], "label": "Energy again"}]

    changes = table_changes(DATA, copy_data(tmp_path / "data", {"sectors": twice}))
    sectors = _count(changes, "sectors")
    assert (sectors.added, sectors.removed, sectors.changed) == (1, 0, 0)
    assert "compared as rows" in sectors.note
    assert changes.cells.empty


def test_a_missing_folder_is_a_diff_error(tmp_path):
    with pytest.raises(DiffError, match="no such folder"):
        table_changes(DATA, tmp_path / "nowhere")


# --- headline figures ------------------------------------------------------------------------


def test_headline_figures_walk_every_section(data):
    figures = headline_figures(data)
    assert figures[HEADLINE] == "$53.7M"
    assert figures[ON_TRADE] == "$53.7M"
    sections = {s for s, _ in figures}
    # cards and figure cards alike, sections with the same title told apart by their id
    assert {"Students (student_figures)", "Students (students)",
            "The routes' lengths and costs"} <= sections
    route_labels = [f for s, f in figures if s == "The routes' lengths and costs"]
    assert len(route_labels) == len(set(route_labels)) >= 4
    assert any(" · Length, latest stated" in f for f in route_labels)


def test_labels_alike_are_told_apart_by_what_they_are_about():
    @dataclass(frozen=True)
    class Route:
        name: str
        cards: tuple

    @dataclass(frozen=True)
    class View:
        routes: list
        more: dict

    fig = FigureCard("Students", "~1,000", "", "", "", None, None)
    view = View([Route("A", (Card("Length", "1 km"),)), Route("B", (Card("Length", "2 km"),))],
                {"x": fig, "y": (fig, Card("Other", "3"))})
    assert section_figures(view) == {"A · Length": "1 km", "B · Length": "2 km",
                                     "Students": "~1,000", "Students (2)": "~1,000",
                                     "Other": "3"}


def test_the_trade_figure_moves(data, changed):
    moved = headline_changes(data, load_dataset(changed))
    assert list(moved.columns) == list(HEADLINE_COLUMNS)
    rows = moved.set_index(["section", "figure"])
    assert rows.loc[HEADLINE, ["before", "after"]].tolist() == ["$53.7M", "$61.2M"]
    assert rows.loc[ON_TRADE, ["before", "after"]].tolist() == ["$53.7M", "$61.2M"]
    assert set(moved["relationship"]) == {"Pakistan–Kazakhstan"}


def test_nothing_moves_on_the_same_data(data):
    assert headline_changes(data, data).empty


def test_a_broken_table_hides_its_figures_without_failing(data, tmp_path):
    copy = copy_data(tmp_path / "data", {"trade_flows": lambda rows: _set(
        rows, FLOW, "value_usd", "lots")})
    broken = load_dataset(copy)
    assert "trade_flows" in broken.broken
    figures = headline_figures(broken)
    assert HEADLINE not in figures and figures  # the other sections still count
    moved = headline_changes(data, broken).set_index(["section", "figure"])
    assert moved.loc[HEADLINE, "before"] == "$53.7M"
    assert moved.loc[HEADLINE, "after"] is None


def test_figure_changes_list_appearing_and_disappearing_figures():
    moved = figure_changes({("s", "a"): "1", ("s", "b"): "2"}, {("s", "a"): "1",
                                                                ("s", "c"): "3"})
    assert moved.values.tolist() == [["s", "c", None, "3"], ["s", "b", "2", None]]


# --- the command line ------------------------------------------------------------------------


def test_the_command_line_prints_the_change_and_writes_the_csv(changed, tmp_path, capsys):
    out = tmp_path / "changes.csv"
    assert main([str(DATA), str(changed), "--csv", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (f"trade_flows {FLOW} value_usd: {OLD_VALUE} → {NEW_VALUE} (trend_4079320)"
            in printed)
    assert "trade_flows: 65 → 65 rows: +0 -0 ~1; 1 cells" in printed
    assert "+ sectors space" in printed
    assert f"- place_claims {REMOVED_CLAIM} (nation_11nov2024)" in printed
    assert f"{HEADLINE[0]} · {HEADLINE[1]}: $53.7M → $61.2M" in printed
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0] == {"table": "trade_flows", "key": FLOW, "change": "changed",
                       "column": "value_usd", "old": OLD_VALUE, "new": NEW_VALUE,
                       "source_id": "trend_4079320", "old_source_id": ""}
    assert [(r["table"], r["change"]) for r in rows[1:]] == [
        ("sectors", "added"), ("place_claims", "removed")]
    headlines = pd.read_csv(tmp_path / "changes_headlines.csv", dtype=str)
    assert list(headlines.columns) == list(HEADLINE_COLUMNS)
    row = headlines[(headlines["section"] == HEADLINE[0])
                    & (headlines["figure"] == HEADLINE[1])]
    assert row[["before", "after"]].values.tolist() == [["$53.7M", "$61.2M"]]


def test_the_command_line_says_when_nothing_changed(capsys):
    assert main([str(DATA), str(DATA)]) == 0
    printed = capsys.readouterr().out
    assert "The tables are the same, cell for cell." in printed
    assert "No headline figure moves." in printed


@pytest.mark.parametrize("args, says", [
    (["NOWHERE", str(DATA)], "NOWHERE: no such folder"),
    ([str(DATA)], "give two data folders, not 1"),
    ([str(DATA), str(DATA / "README.md")], "README.md: not a folder"),
    ([str(DATA), str(DATA / "seeds")], "seeds: holds none of the data's tables"),
    ([str(DATA), str(DATA), "--wat"], "unknown option --wat"),
    ([str(DATA), str(DATA), "--csv"], "--csv needs a file name"),
])
def test_bad_arguments_exit_2_with_a_message(args, says, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert says in err and "usage:" in err and "Traceback" not in err


def test_tasks_py_runs_the_diff():
    from tasks import __doc__ as help_text

    assert "python3 tasks.py diff DIR_A DIR_B [--csv FILE]" in help_text


# --- the Sources page ------------------------------------------------------------------------


def test_the_sources_page_shows_what_own_data_changes(monkeypatch, changed):
    own = {"own_data": {"dir": str(changed), "name": "mine.zip",
                        "tables": ["trade_flows", "sectors", "place_claims"]}}
    at = run_app(monkeypatch, DATA, page="app_pages/sources.py", session=own)
    assert "What your data changes" in [s.value for s in at.subheader]
    frames = [d.value for d in at.dataframe]
    cells = next(f for f in frames if "old_source_id" in f.columns)
    assert cells[["key", "old", "new"]].values.tolist() == [[FLOW, OLD_VALUE, NEW_VALUE]]
    figures = next(f for f in frames if "before" in f.columns)
    assert ["Trade against the target", "Kazakh statistics (calendar year)", "$53.7M",
            "$61.2M"] in figures.values.tolist()
    assert "**Headline figures that move** (Pakistan–Kazakhstan, 3)" in all_text(at)


def test_the_sources_page_has_no_diff_on_the_bundled_data(monkeypatch):
    at = run_app(monkeypatch, DATA, page="app_pages/sources.py")
    assert "What your data changes" not in [s.value for s in at.subheader]
