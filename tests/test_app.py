"""AppTest: every page runs without exception, shows its headline figures, follows the filters,
and a broken table gives a located message on the pages that need it only."""


from tests.support import ROOT, all_text, metric_values, plain, run_app
from tests.tiny_dataset import write_table


def test_overview_shows_headlines_with_sources(monkeypatch, tiny_dir):
    at = run_app(monkeypatch, tiny_dir)
    values = metric_values(at)
    assert values["Kazakh statistics (calendar year)"] == "$53.7M"
    assert values["Pakistani statistics (July–June)"] == "$227.59M"
    # only the deal between the relationship's two countries is added up; the other is named
    assert values["Stated values of 1 deal, added up"] == "$108M"
    assert values["MoUs and agreements signed, 3 Feb 2026"] == "37"
    text = all_text(at)
    assert ("Only deals between parties of Pakistan and Kazakhstan are added up. Not added: "
            "Herat railway ($500M, Kazakhstan–Afghanistan).") in text
    # a seed article is named as such, with its publisher's own casing
    assert "36: reported by 1 source — seed article: Seed outlet, Sep 2025" in text
    assert "5.4% of the target" in text
    assert "Outlet A, 4 Feb 2026" in text  # the source beside the figure
    assert "Data as of 4 Feb 2026" in text


def test_overview_follows_the_sector_filter(monkeypatch, tiny_dir):
    at = run_app(monkeypatch, tiny_dir, sector=["rail"])
    values = metric_values(at)
    assert "Kazakh statistics (calendar year)" not in values
    assert not [label for label in values if label.startswith("Stated values")]
    assert "No deals with a value in the current filters." in all_text(at)
    assert "Not added: Herat railway ($500M, Kazakhstan–Afghanistan)." in all_text(at)
    assert "No trade figures in the current filters." in all_text(at)
    assert "Sectors: Railways" in all_text(at)


def test_overview_follows_the_corridor_filter(monkeypatch, tiny_dir):
    at = run_app(monkeypatch, tiny_dir, corridor=["western"])
    text = all_text(at)
    assert "No corridor figures in the current filters." in text
    assert "Not added: Herat railway ($500M, Kazakhstan–Afghanistan)." in text
    assert "600 electric buses" not in text


def test_sources_page_lists_sources_tables_and_a_clean_report(monkeypatch, tiny_dir):
    at = run_app(monkeypatch, tiny_dir, page="app_pages/sources.py")
    assert any("All 18 tables passed validation" in s.value for s in at.success)
    frames = [d.value for d in at.dataframe]
    ranks = frames[0].set_index("rank")
    assert list(ranks.index) == ["official", "international", "press", "reference"]
    assert ranks.loc["press", "sources"] == 2 and ranks.loc["official", "rows"] == 0
    titles = frames[1]["title"].tolist()
    assert titles == ["Report A", "Seed X"]
    assert frames[1]["rank"].tolist() == ["press", "press"]
    at.selectbox(key="table").set_value("deals").run()
    assert not at.exception
    assert len(at.dataframe[-1].value) == 2
    at.multiselect(key="sector").set_value(["rail"]).run()
    assert len(at.dataframe[-1].value) == 1
    assert any("1 of 2 rows" in c.value for c in at.caption)


def test_broken_table_is_reported_where_needed_and_nowhere_else(monkeypatch, tiny_dir,
                                                                 tiny_rows):
    tiny_rows["deals"][1]["value_usd"] = "five hundred million"
    write_table(tiny_dir, "deals", tiny_rows["deals"])
    at = run_app(monkeypatch, tiny_dir)
    errors = plain(" ".join(e.value for e in at.error))
    assert "deals.csv failed validation" in errors
    assert ("deals.csv, line 3, column 'value_usd': expected a plain number of US dollars"
            in errors)
    # the rest of the Overview still works
    assert metric_values(at)["Kazakh statistics (calendar year)"] == "$53.7M"
    at.switch_page("app_pages/sources.py").run()
    assert not at.exception
    assert "deals.csv" in plain(" ".join(e.value for e in at.error))


def test_pages_survive_a_missing_data_folder(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "missing")  # no exception: said plainly
    errors = plain(" ".join(e.value for e in at.error))
    assert "Not shown: trade_flows.csv, trade_targets.csv failed validation" in errors
    assert "trade_flows.csv: file is missing from the data folder" in errors
    at.switch_page("app_pages/sources.py").run()
    assert not at.exception
    report = plain(at.error[0].value)
    assert report.startswith("18 error(s) in agreements.csv, corridor_claims.csv")
    problems = at.dataframe[0].value
    assert set(problems["problem"]) == {"file is missing from the data folder"}
    assert len(problems) == 18


def test_overview_on_the_bundled_data(monkeypatch):
    """The real data: the headline figures an analyst needs, with a source beside each."""
    at = run_app(monkeypatch, ROOT / "data")
    values = metric_values(at)
    assert values["Kazakh statistics (calendar year)"] == "$53.7M"
    assert values["Said by Pakistani officials"] == "$250M"
    assert "37" in " ".join(values.values())
    text = all_text(at)
    assert "Target: $1B a year" in text
    assert "of the target" in text
    at.multiselect(key="sector").set_value(["education"]).run()
    assert not at.exception
    assert "Kazakh statistics (calendar year)" not in metric_values(at)


def test_sources_page_shows_at_most_a_thousand_sources_and_downloads_all(monkeypatch, tmp_path,
                                                                         tiny_rows):
    from tests.tiny_dataset import write_tiny_dataset

    extra = tiny_rows["sources"][0]
    tiny_rows["sources"] += [dict(extra, source_id=f"more_{i}", title=f"More {i}")
                             for i in range(1200)]
    at = run_app(monkeypatch, write_tiny_dataset(tmp_path / "d", tiny_rows),
                 page="app_pages/sources.py")
    sources = at.dataframe[1].value
    assert len(sources) == 1000 and list(sources.columns)[:3] == ["rank", "title", "publisher"]
    assert sources.set_index("source_id").at["src_a", "rows_in_view"] > 0
    captions = [c.value for c in at.caption]
    assert "The first 1,000 of 1,202 rows are shown; the CSV below has all 1,202." in captions
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download all 1,202 rows (CSV)" in labels


def test_overview_lists_the_newest_student_figures_and_links_to_the_rest(monkeypatch, tmp_path,
                                                                        tiny_rows):
    from tests.tiny_dataset import write_tiny_dataset

    first = tiny_rows["people"][0]
    tiny_rows["people"] += [dict(first, metric_id=f"students_{i}", value=str(900 + i),
                                 date=f"2024-0{i + 1}-01") for i in range(8)]
    at = run_app(monkeypatch, write_tiny_dataset(tmp_path / "d", tiny_rows))
    listed = [c.value for c in at.caption if "mostly medicine —" in c.value]
    assert len(listed) == 5  # the newest five of nine
    assert plain(listed[0]).startswith("over 1,000, mostly medicine")
    links = [e.proto.label for e in at.get("page_link")]
    assert "4 more student figures, each with its source: People & education" in links


def test_overview_claims_tables_are_built_once_opened(monkeypatch, tiny_dir):
    at = run_app(monkeypatch, tiny_dir)
    assert not at.dataframe  # closed: no table built or sent on a filter change
    assert "All deal claims" in [e.label for e in at.expander]
    at.session_state["overview_deal_claims"] = True
    at.run()
    (deals,) = [d.value for d in at.dataframe]
    assert list(deals.columns) == ["Deal", "Party", "US$", "Value in another currency",
                                   "Currency", "Quantity", "Unit", "Status", "Source", "Rank",
                                   "Quote"]
    assert len(deals) == 2 and "Report A" in set(deals["Source"])
