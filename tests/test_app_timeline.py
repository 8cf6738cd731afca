"""AppTest: the Timeline page draws every event in view and follows shared and page filters."""

import datetime as dt
import json

from streamlit.testing.v1 import AppTest

from components.analysis.event_plan import MAX_DRAWN_EVENTS
from components.analysis.event_text import MAX_CHOICES
from components.analysis.events import LANES
from tests.support import APP, ROOT, plain, run_app
from tests.tiny_dataset import TINY, write_tiny_dataset

PAGE = "app_pages/timeline.py"


def drawn_ids(at) -> set[str]:
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    return {c[0] for t in spec["data"] if t.get("mode") == "markers"
            for c in t.get("customdata", [])}


def test_timeline_draws_events(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    ids = drawn_ids(at)
    assert {"pak_recognises_kaz_1991", "tokayev_state_visit_2026"} <= ids
    assert "tokayev_state_visit_2026_seed004" not in ids  # one mark per event
    assert "Sources: " in plain(" ".join(c.value for c in at.caption))


def test_page_and_shared_filters_change_what_is_drawn(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    everything = drawn_ids(at)
    at.multiselect(key="types").set_value(["Summits"]).run()
    summits = drawn_ids(at)
    assert summits and summits < everything and "sco_samarkand_2022" in summits
    at = run_app(monkeypatch, ROOT / "data", page=PAGE, corridor=["western_trans_afghan"])
    western = drawn_ids(at)
    assert "nurtleu_kabul_2025" in western and "sco_samarkand_2022" not in western


def test_a_filter_that_matches_nothing_says_so(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    at.multiselect(key="countries").set_value(["IRN"]).run()
    at.multiselect(key="types").set_value(["Business forums"]).run()
    assert not at.exception
    assert "No events in the current filters." in plain(" ".join(i.value for i in at.info))


def test_choosing_an_event_opens_its_card(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    assert "to see its summary, participants" in plain(" ".join(m.value for m in at.markdown))
    at.selectbox(key="event").set_value("tokayev_state_visit_2026").run()
    text = plain(" ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption))
    assert "to see its summary, participants" not in text
    assert "Participants: Kassym-Jomart Tokayev, Shehbaz Sharif" in text


def many_events_dir(tmp_path, n: int):
    """The tiny dataset with `n` held events over the last three years (so all fall in the
    window the page opens on), of every type in turn, plus one in 2001."""
    today = dt.date.today()
    types = [t for _, lane_types, _ in LANES for t in lane_types]
    events = [{"event_id": f"ev{i:05d}", "title": f"Meeting {i}", "type": types[i % len(types)],
               "status": "held", "start_date": (day := today - dt.timedelta(days=i % 1000)),
               "end_date": day, "date_precision": "day", "countries": "KAZ;PAK",
               "source_id": "src_a", "quote": "a quote"} for i in range(n)]
    events.append({"event_id": "old_one", "title": "An old visit", "type": "state_visit",
                   "status": "held", "start_date": "2001-05-02", "end_date": "2001-05-02",
                   "date_precision": "day", "countries": "KAZ;PAK", "location": "Astana",
                   "source_id": "src_a", "quote": "a quote"})
    return write_tiny_dataset(tmp_path / "data", {**TINY, "events": events})


def test_too_many_events_are_counted_and_the_chooser_is_capped(monkeypatch, tmp_path):
    n = MAX_DRAWN_EVENTS + 100
    at = run_app(monkeypatch, many_events_dir(tmp_path, n), page=PAGE)
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    assert {t["type"] for t in spec["data"]} == {"bar"} and not drawn_ids(at)
    assert len(chart.proto.spec) < 100_000
    # the page says how many, and how to see them one by one, above the chart
    (note,) = at.info
    assert plain(note.value).startswith(
        f"{n:,} events in this window: too many to draw one by one")
    assert "narrow the sidebar's dates" in plain(note.value)
    assert f"{n + 1:,} events from 2001 to {dt.date.today():%Y}." in plain(
        " ".join(c.value for c in at.caption))
    (chooser,) = at.selectbox
    assert len(chooser.options) == MAX_CHOICES and "old_one" not in chooser.options
    assert f"newest {MAX_CHOICES:,} of the {n + 1:,} events" in chooser.help
    # bars are not events: the chooser is the way to a card
    assert "**Choose an event** above to see" in plain(" ".join(m.value for m in at.markdown))
    # "Show data" draws once opened: the first 1,000 rows on screen, every row in the CSV
    assert not at.dataframe
    at.session_state["timeline_data"] = True
    at.run()
    assert len(at.dataframe[0].value) == 1000
    # full history: counted per quarter
    at.button_group(key="window").set_value("Full history").run()
    assert f"{n + 1:,} events in this window" in plain(at.info[0].value)
    assert "per quarter" in plain(at.info[0].value)


def test_a_link_to_an_event_older_than_the_chooser_lists_still_opens_it(monkeypatch, tmp_path):
    monkeypatch.setenv("CORRIDOR_DATA_DIR", str(many_events_dir(tmp_path, MAX_CHOICES + 20)))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGE)
    at.query_params["event"] = "02 May 2001 — An old visit"
    at.run()
    assert not at.exception
    assert at.selectbox(key="event").value == "old_one"
    assert "Astana" in plain(" ".join(c.value for c in at.caption))
    assert len(at.selectbox(key="event").options) == MAX_CHOICES + 1
