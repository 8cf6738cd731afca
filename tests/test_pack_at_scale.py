"""The briefing pack stays readable and quick to build however large the data: speaker notes
list a bounded number of items and say how many more; the static map names places only while
there are few; the sources slide finds each cited source without a scan of the table."""

import pandas as pd

from components import sections as s
from components.analysis.routes import DETAIL_LIMIT, LABEL_LIMIT
from components.figures.static_map import static_map_figure
from components.pack import model
from components.sections import context
from components.sections.base import CLAIMS_PER_LINE, NOTES_MAX_ITEMS, at_most
from tests.support import with_tables


def _map_slide(data):
    return s.MAP.view(context(data)).slide()


def _replicated(data, copies: int):
    """The bundled tables with `copies` extra copies of every segment and place (new ids, the
    copies' places 0.01° apart), so the map has many segments and many segment ends."""
    tables = data.tables
    segs, places = [tables["segments"]], [tables["places"]]
    for k in range(1, copies + 1):
        p = tables["places"].copy()
        p["place_id"] = p["place_id"] + f"_x{k}"
        p["lat"] = p["lat"] + 0.01 * k
        places.append(p)
        seg = tables["segments"].copy()
        seg["segment_id"] = seg["segment_id"] + f"_x{k}"
        seg["from_place"] = seg["from_place"] + f"_x{k}"
        seg["to_place"] = seg["to_place"] + f"_x{k}"
        seg["via"] = seg["via"].map(
            lambda v, k=k: ";".join(f"{i}_x{k}" for i in v.split(";")) if isinstance(v, str)
            and v else v)
        segs.append(seg)
    return with_tables(data, segments=pd.concat(segs, ignore_index=True),
                       places=pd.concat(places, ignore_index=True))


def test_at_most_keeps_the_first_items_and_counts_the_rest():
    items = [f"item {i}" for i in range(NOTES_MAX_ITEMS + 7)]
    kept = at_most(items, "the app lists them all")
    assert kept[:-1] == items[: NOTES_MAX_ITEMS]
    assert kept[-1] == "… and 7 more (the app lists them all)."
    assert at_most(items[:3], "x") == items[:3]
    # a list built only as far as it is shown still counts everything
    assert at_most(items[:2], "x", total=5, limit=2)[-1] == "… and 3 more (x)."


def test_the_map_slide_notes_list_a_bounded_number_of_segments(data):
    tables = _replicated(data, 4)
    n = len(tables["segments"])
    assert n > NOTES_MAX_ITEMS
    notes = _map_slide(tables).notes.splitlines()
    start = notes.index("Segments as drawn:") + 1
    listed = [line for line in notes[start:] if " – " in line]
    assert len(listed) == NOTES_MAX_ITEMS
    assert any(line.startswith("Places are not named on this map: ") for line in notes)
    more = [line for line in notes if line.startswith("… and ")]
    assert len(more) == 1 and "segments.csv of the data has them all" in more[0]
    # the count is of the view's (non-context) segments beyond the ones listed
    assert int(more[0].split()[2].replace(",", "")) > 0


def test_the_bundled_map_slide_lists_every_segment(data):
    notes = _map_slide(data).notes
    assert "… and " not in notes
    assert "segments.csv" not in notes
    assert "Places are not named" not in notes


def _labelled(fig) -> list[str]:
    return [t for tr in fig.data if tr.mode and "text" in tr.mode
            and tr.name not in ("Countries", "Seas") for t in (tr.text or ()) if t]


def test_the_static_map_names_places_only_while_they_are_few(data):
    few = static_map_figure(data)
    assert "Herat" in _labelled(few)
    tables = _replicated(data, 4)
    ends = set(tables["segments"]["from_place"]) | set(tables["segments"]["to_place"])
    assert len(ends) > LABEL_LIMIT
    many = static_map_figure(tables)
    assert _labelled(many) == []
    # places are still drawn, as markers
    assert any(tr.mode == "markers" for tr in many.data)


def test_the_static_map_drops_per_point_hover_text_beyond_the_detail_limit(data):
    few = static_map_figure(data)
    status_traces = [tr for tr in few.data if tr.name == "Operational"]
    assert status_traces and any(status_traces[0].hovertext)
    copies = DETAIL_LIMIT // len(data["segments"]) + 1
    many = static_map_figure(_replicated(data, copies))
    status_traces = [tr for tr in many.data if tr.name == "Operational"]
    assert status_traces and status_traces[0].hovertext is None
    assert status_traces[0].hoverinfo == "skip"


def test_the_sources_slide_rows_name_label_title_and_address(data):
    slide = _map_slide(data)
    rows = model.pack_sources(data["sources"], [slide])
    sources = data["sources"].drop_duplicates("source_id").set_index("source_id")
    urls = [sources.loc[s, "url"] for s in slide.source_ids
            if not isinstance(sources.loc[s, "via"], str)]
    url = next(u for u in urls if isinstance(u, str) and u.startswith("http"))
    assert any(row.endswith(url) for row in rows)
    # a source read through a copy names the original, then the copy
    assert ("Wikipedia · reference — Hairatan (Wikipedia) — "
            "https://en.wikipedia.org/wiki/Hairatan — read "
            "via goodnames.eth.limo, a copy of the article: "
            "https://goodnames.eth.limo/wiki/Hairatan.html") in rows


def test_the_trade_slide_notes_name_a_bounded_number_of_differing_claims(data):
    flows = data["trade_flows"]
    base = flows[(flows["reporter"] == "KAZ") & (flows["period_label"] == "2024")].iloc[[0]]
    extra = pd.concat([base] * 60, ignore_index=True)
    extra["flow_id"] = [f"extra_{i}" for i in range(60)]
    extra["value_usd"] = pd.array([50e6 + i * 1e6 for i in range(60)], dtype="Float64")
    more = with_tables(data, trade_flows=pd.concat([flows, extra], ignore_index=True))
    slide = s.TRADE.view(context(more)).slide()
    assert slide.title.endswith("trade against its target")
    [line] = [n for n in slide.notes.splitlines()
              if n.startswith("Kazakh statistics, calendar years, 2024: sources differ:")]
    assert line.count(" (") == CLAIMS_PER_LINE  # one '(source)' per named claim
    assert line.endswith(f"; … and {61 - CLAIMS_PER_LINE} more.")
    # the 61 claims of 2024 are one ranged card: its two ends are listed, not every claim
    assert sum(n.startswith("Kazakh statistics, calendar years: ") for n in
               slide.notes.splitlines()) == 2
    assert "61 claims" in slide.summary
