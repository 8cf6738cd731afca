"""Tables and source lines stay readable and bounded however large the data."""

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.analysis.sourcing import MAX_NAMED, source_line


def _sources(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "source_id": [f"s{i}" for i in range(n)], "kind": "news",
        "title": [f"T{i}" for i in range(n)],
        "publisher": [f"Outlet {i}" for i in range(n)], "published_date": pd.NaT,
        "published_precision": "day", "url": None})


def test_a_source_line_names_at_most_max_named_sources_and_counts_the_rest():
    sources = _sources(MAX_NAMED + 25)
    line = source_line(sources, list(sources["source_id"]) * 2)
    assert line.startswith("Sources: Outlet 0 · press; Outlet 1 · press;")
    assert f"Outlet {MAX_NAMED - 1} · press;" in line and f"Outlet {MAX_NAMED} ·" not in line
    assert line.endswith("… and 25 more sources (each row of the data names its own)")
    few = source_line(sources, ["s3", "s1", "s3"])
    assert few == "Sources: Outlet 3 · press; Outlet 1 · press"


def _table_app(rows: int) -> AppTest:
    def script(rows):
        import pandas as pd

        from components.ui.blocks import table
        table(pd.DataFrame({"n": range(rows)}), "numbers", {"n": "Number"})

    return AppTest.from_function(script, kwargs={"rows": rows}).run()


def test_a_long_table_shows_its_first_rows_and_downloads_all_of_them():
    at = _table_app(1500)
    assert len(at.dataframe[0].value) == 1000
    assert "The first 1,000 of 1,500 rows are shown; the CSV below has all 1,500." in [
        c.value for c in at.caption]
    button = at.get("download_button")[0]
    assert button.proto.label == "Download all 1,500 rows (CSV)"


def test_a_short_table_is_shown_whole():
    at = _table_app(20)
    assert len(at.dataframe[0].value) == 20 and not at.caption
    assert at.get("download_button")[0].proto.label == "Download as shown (CSV)"


def test_claims_frame_names_each_source_by_title_and_keeps_unknown_ids():
    from components.analysis.citations import claims_frame

    claims = pd.DataFrame({"figure": ["$1B", "$2B"], "source_id": ["s1", "nope"],
                           "quote": ["one", "two"]})
    out = claims_frame(claims, {"figure": "Figure"}, _sources(3))
    assert list(out.columns) == ["Figure", "Source", "Rank", "Quote"]
    assert list(out["Source"]) == ["T1", "nope"] and list(out["Quote"]) == ["one", "two"]
    assert list(out["Rank"]) == ["press", "unknown source"]


def test_sources_with_the_same_label_are_named_once():
    sources = _sources(3).assign(publisher=["Outlet A", "Outlet A", "Outlet B"])
    assert source_line(sources, ["s0", "s1", "s2"]) == "Sources: Outlet A · press; Outlet B · press"
