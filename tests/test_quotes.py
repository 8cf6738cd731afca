"""Figures held against their quotes (components.data.quotes): the bundled data passes, and each
kind of mismatch a reader would catch is reported with its file, line and column."""

from __future__ import annotations

import pytest

from components.data.check import main
from components.data.loader import load_dataset
from components.data.quotes import figures, found, mentions, quote_problems
from tests.support import copy_data


def test_every_bundled_figure_is_in_its_quote(data):
    problems = quote_problems(data)
    assert [str(p) for p in problems] == []
    # the checks do read the data: every numeric kind is among the figures checked
    kinds = {f.kind for f in figures(data)}
    assert {"money", "local_money", "count", "km", "mm", "degrees", "tonnes", "days",
            "m", "percent"} <= kinds
    assert {f.file for f in figures(data)} >= {"corridor_claims.csv", "place_claims.csv"}
    assert len(figures(data)) > 200


@pytest.mark.parametrize("value, kind, quote", [
    (53_700_000, "money", "worth $53.7 million"),
    (4_600_000_000, "money", "estimated at USD 4.6 bln"),
    (1_000_000_000, "money", "trade to US$1 billion"),
    (264_000_000, "local_money", "a contract worth 264 million Afghanis"),
    (37, "count", "signed 37 memoranda"),
    (8, "count", "eight (08) Memoranda of Understanding"),
    (647, "km", "will be 647 km long"),
    (1520, "mm", "use 1 520 mm broad gauge"),
    (1676, "mm", "Pakistan Railways' 1676 mm gauge"),
    (15, "tonnes", "may reach 15 - 20 mln metric tons by 2040"),
    (3, "tonnes", "originally 3 to 5 million metric tons of cargos"),
    (113, "km", "a strategic 113–120 km rail"),
    (35, "days", "reduced from 35 to 3-5 days"),
    (37.2242, "degrees", "37°13′27″N 67°18′E"),
    (14.5, "m", "reclaim the original operational 14.5m depth"),
    (11.12, "m", "as against 11.12 meters of Karachi Port"),
    (188.8, "km", "Section Route Length, km … 3 Farah – Zaranj – Ghor Ghori 188.8"),  # table row
    (41.84, "tonnes", "KPT handled 41.840 million tonnes of cargo"),
])
def test_a_figure_is_found_as_quotes_write_it(value, kind, quote):
    assert found(value, kind, quote)


@pytest.mark.parametrize("value, kind, quote", [
    (53_700_000, "money", "worth 53.7 million"),            # no currency: not dollars
    (5_370_000, "money", "worth $53.7 million"),            # scale off by ten
    (500_000_000, "money", "$500,000 for the study"),       # thousands, not millions
    (647, "km", "647 people attended"),                     # not a length
    (1520, "mm", "built in 1520"),                          # a year, not a gauge
    (30, "count", "signed 37 memoranda"),
    (15, "tonnes", "15 wagons a day"),
    (14.5, "m", "14.5 million tonnes"),                    # not a depth
    (188.8, "km", "3 Farah – Zaranj – Ghor Ghori 188.8"),   # a table row without its header
    (120, "km", "Length, km 120 … 3 Farah 188.8"),           # a number before the '…' is header
])
def test_a_figure_the_quote_does_not_give_is_not_found(value, kind, quote):
    assert not found(value, kind, quote)


def test_computed_rows_may_be_the_sum_of_two_quoted_figures():
    quote = "exports of $150 million and imports of $200 million"
    assert not found(350_000_000, "money", quote)
    assert found(350_000_000, "money", quote, computed=True)


def test_mentions_reads_digit_groups_and_decimal_commas():
    assert [m.value for m in mentions("1,000 and 53,7 and 1 520")] == [1000, 53.7, 1520]


def _check(tmp_path, **rewrite):
    return load_dataset(copy_data(tmp_path / "data", rewrite))


def _set(key, value, **fields):
    def change(rows):
        for row in rows:
            if row[key] == value:
                row.update(fields)
        return rows
    return change


def test_a_changed_figure_is_reported_with_its_line_and_column(tmp_path):
    data = _check(tmp_path, deals=_set("deal_id", "falcon_ebuses_baq", value_usd="180000000"))
    problems = [str(p) for p in quote_problems(data)]
    assert problems == ["deals.csv, line 3, column 'value_usd': 180,000,000 US dollars is not "
                        "in the row's quote (as a sum in dollars: '$53.7 million', "
                        "'USD 4.6 bln')"]


def test_a_dollar_figure_quoted_in_another_currency_is_reported(tmp_path):
    quote = "a contract worth 264 million Afghanis"
    data = _check(tmp_path, deals=_set("deal_id", "herat_kandahar_design",
                                       value_usd="264000000", local_value="",
                                       local_currency="", quote=quote))
    problems = [str(p) for p in quote_problems(data)]
    assert any("the quote names another currency ('Afghanis')" in p for p in problems)


def test_a_seed_quote_not_in_the_seed_article_is_reported(tmp_path):
    # the figures still match; the words are not the seed's
    data = _check(tmp_path, deals=_set("deal_id", "falcon_ebuses_seed004",
                                       quote="Falcon will supply 600 electric buses worth "
                                             "$108 million"))
    problems = [str(p) for p in quote_problems(data)]
    assert any("column 'quote': not word for word in the seed article" in p
               for p in problems), problems


def test_a_source_no_row_cites_is_reported(tmp_path):
    def extra(rows):
        return [*rows, {**rows[0], "source_id": "orphan_source", "title": "Never cited"}]
    data = _check(tmp_path, sources=extra)
    problems = [str(p) for p in quote_problems(data)]
    assert problems == [f"sources.csv, line {len(data['sources']) + 1}, column 'source_id': "
                        "'orphan_source' is cited by no row"]


def test_a_gauge_needs_its_own_source(tmp_path):
    data = _check(tmp_path, segments=_set("segment_id", "hairatan_mazar", gauge_source_id="",
                                          gauge_quote=""))
    errors = [str(p) for p in data.problems if p.severity == "error"]
    assert any("segments.csv" in p and "column 'gauge_source_id': a gauge needs its own "
               "source and quote" in p for p in errors), errors


def test_the_check_command_counts_the_figures_it_found(capsys):
    assert main(["data"]) == 0
    out = capsys.readouterr().out
    n = len(figures(load_dataset("data")))
    assert f"{n} of {n} figures found in their quotes" in out
    assert "0 warnings" in out


# --- source ranks ------------------------------------------------------------------------------


def test_every_source_label_carries_its_rank(data):
    from components.analysis.sourcing import source_label, source_rank

    sources = data["sources"]
    for sid, kind in zip(sources["source_id"], sources["kind"]):
        label = source_label(sources, sid)
        assert label.endswith((" · official", " · international", " · press", " · reference"))
        assert source_rank(sources, sid) == {"statistics": 1, "government": 1,
                                             "international": 2, "agency": 3, "news": 3,
                                             "seed": 3, "reference": 4, "blog": 4}[kind]
    assert source_label(sources, "pid_21636").endswith(" · official")
    assert source_label(sources, "tass_1992107").endswith(" · press")


def test_claims_about_one_thing_are_listed_official_first(data):
    from components.analysis.sourcing import by_rank

    claims = data["corridor_claims"].head(6).assign(
        corridor_id="c", metric="length_km",
        source_id=["tass_1992107", "wikipedia_khojak", "pid_21636", "tass_1992107",
                   "pid_21636", "wikipedia_khojak"])
    ordered = by_rank(claims, data["sources"], first=("metric",))
    assert list(ordered["source_id"]) == ["pid_21636", "pid_21636", "tass_1992107",
                                          "tass_1992107", "wikipedia_khojak", "wikipedia_khojak"]


def test_the_sources_page_counts_rows_by_rank(data):
    from components.analysis.citations import citations, figures_by_rank

    tables = {n: data[n] for n in data.tables}
    ranks = figures_by_rank(data["sources"], tables).set_index("rank")
    assert list(ranks.index) == ["official", "international", "press", "reference"]
    assert ranks["rows"].sum() == citations(tables).sum()  # every citing row in one rank
    assert ranks.loc["press", "rows"] > ranks.loc["official", "rows"] > 0
    kinds = data["sources"].set_index("source_id")["kind"]
    cited = citations(tables)
    official = cited[kinds.reindex(cited.index).isin(["statistics", "government"])]
    assert ranks.loc["official", "rows"] == official.sum()


# --- dates and their precision ------------------------------------------------------------------


def test_every_date_column_has_its_precision():
    from components.data.contract import TABLES

    for table in TABLES.values():
        dates = [c.name for c in table.columns if c.kind == "date"]
        assert set(table.precisions) == set(dates), table.name


@pytest.mark.parametrize("table, key, column", [
    ("trade_targets", "pak_kaz_1b_seed004", "date_stated_precision"),
    ("sources", "tass_1992107", "published_precision"),
    ("deals", "falcon_ebuses_baq", "date_precision"),
])
def test_a_date_without_its_precision_is_an_error(tmp_path, table, key, column):
    from components.data.contract import TABLES

    data = _check(tmp_path, **{table: _set(TABLES[table].key, key, **{column: ""})})
    assert any(p.file == f"{table}.csv" and p.column == column and p.severity == "error"
               for p in data.problems), [str(p) for p in data.problems]


def test_the_bundled_seed_files_are_the_project_seeds():
    """data/seeds/ holds the seed articles word for word (the seed check reads them there, so a
    fresh clone checks itself); where the project's shared folder is at hand, they match it."""
    from tests.support import DATA, ROOT

    shared = ROOT.parent / "shared" / "seeds"
    bundled = sorted(p.name for p in (DATA / "seeds").glob("*.txt"))
    assert len(bundled) == 2
    if not shared.is_dir():
        pytest.skip("the project's shared folder is not beside this clone")
    assert bundled == sorted(p.name for p in shared.glob("*.txt"))
    for name in bundled:
        assert (DATA / "seeds" / name).read_bytes() == (shared / name).read_bytes()
