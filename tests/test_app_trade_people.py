"""AppTest: Trade & deals and People & education pages, with filters that empty them."""

import json

from tests.support import ROOT, all_text, copy_data, metric_values, plain, run_app


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_trade_page_shows_both_reporters_and_the_target(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page="app_pages/trade.py")
    values = metric_values(at)
    assert values["Kazakh statistics, 2024"] == "$53.7M"
    # the default relationship's only: Uzbekistan's figures are in its own view
    assert [plain(m.value) for m in at.metric
            if plain(m.label) == "Pakistani statistics, FY2024-25"] == ["$227.59M"]
    assert not [m for m in at.metric if "Uzbek" in m.label]
    text = all_text(at)
    assert "5.4% of the target; $946.3M short." in text
    assert "Needs +306% a year by Feb 2027, or +158% a year by Feb 2028." in text
    assert "Sources differ on the deadline: Feb 2027" in text
    assert "Why the lines differ" in text
    assert len(charts(at)) == 4  # the trade chart, two deal charts, the sectors chart
    assert "56%" in [str(v) for v in next(d.value for d in at.dataframe
                                          if "Product group" in d.value.columns)["Share"]]
    tables = [d.value for d in at.dataframe]
    reported = next(t for t in tables if "reported" in t.columns)
    visit = reported[reported["event"] == "President Tokayev's state visit to Pakistan"]
    assert {"37 (7 sources)", "36 (1 source)"} <= set(visit["reported"])


def test_trade_page_of_another_relationship(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page="app_pages/trade.py",
                 session={"relationship": "pak_uzb"})
    # Uzbekistan's 2025: the statistics (CERR) and both officials' claims keep a card each
    assert [plain(m.value) for m in at.metric if "Uzbek" in m.label] == ["$445.9M", "~$450M",
                                                                       "~$500M"]
    assert [plain(m.value) for m in at.metric
            if plain(m.label) == "Pakistani statistics, FY2024-25"] == ["$142.88M"]
    assert not [m for m in at.metric if "Kazakh" in m.label]
    text = all_text(at)
    assert "Pakistan–Uzbekistan trade" in text and "Kazakh statistics" not in text


def test_trade_page_filter_that_empties_charts(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page="app_pages/trade.py", sector=["education"])
    text = plain(" ".join(i.value for i in at.info))
    assert "No Pakistan–Kazakhstan trade figures in the current filters." in text
    assert "No deals in the current filters." in text
    # what is left is the state visit's agreements that name Education among their sectors
    (only,) = charts(at)
    assert "Education" in only["data"][0]["y"]
    assert ("Sectors of the agreements: President Tokayev's state visit to Pakistan"
            in [plain(h.value) for h in at.subheader])


def test_people_page_shows_sourced_student_figures(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page="app_pages/people.py")
    values = [plain(m.value) for m in at.metric]
    assert "over 1,000 students" in values and "~1,000 students" in values
    text = all_text(at)
    assert "mostly medicine" in text and "Source: Business Recorder, 30 May 2025" in text
    assert not at.get("plotly_chart")  # single figures are figures, not one-point charts


def test_people_page_empty_filter(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page="app_pages/people.py", sector=["rail"])
    assert "No people or education figures in the current filters." in plain(
        " ".join(i.value for i in at.info))


def test_every_table_on_the_trade_page_has_its_csv(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page="app_pages/trade.py")
    labels = [b.proto.label for b in at.get("download_button")]
    # product shares, deal claims, agreement counts
    assert labels.count("Download as shown (CSV)") == 3
    # each chart's "Show data" draws its table and CSV once opened
    assert [e.label for e in at.expander].count("Show data") == 4
    for key in ("pak_kaz_trade", "deals_status", "deals_time", "sectors"):
        at.session_state[f"{key}_data"] = True
    at.run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("Download as shown (CSV)") == 7


def _with_many_uzbek_claims(folder, n: int):
    """The bundled data with `n` more claims for Uzbekistan's 2025 trade ($400M, $401M, …)."""
    def more(rows):
        base = next(r for r in rows if r["reporter"] == "UZB" and r["period_label"] == "2025")
        return rows + [dict(base, flow_id=f"extra_{i}", value_usd=str(400_000_000 + i * 1_000_000))
                       for i in range(n)]
    return copy_data(folder, {"trade_flows": more})


def test_many_claims_for_one_year_are_one_card_with_their_range(monkeypatch, tmp_path):
    at = run_app(monkeypatch, _with_many_uzbek_claims(tmp_path / "data", 50),
                 page="app_pages/trade.py", session={"relationship": "pak_uzb"})
    uzbek = [m for m in at.metric if "Uzbek" in m.label]
    assert [plain(m.value) for m in uzbek] == ["$445.9M", "~$400M–~$500M"]  # not 53 cards
    assert len(at.metric) == 3  # Pakistani statistics; Uzbek statistics, Uzbek officials
    text = all_text(at)
    assert ("Lowest: A News, 5 Feb 2026 · press; highest: news Central Asia, 6 Feb 2026 · "
            "press.") in text
    assert ("52 claims give a figure for 2025; the 50 others, each with its source, are in "
            "the chart's data (Show data; its CSV has every row).") in text
    assert "Uzbek officials' figures give ~$400M–~$500M for 2025 (52 claims;" in text
