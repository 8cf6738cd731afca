"""Relationships come from the data: the bundled two, what each one's view holds, what the
validation report says, and every page, screen and slide of a pair the code never mentions."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from components import pages, presentation
from components.analysis.filters import FilterState, apply_filters
from components.analysis.relationships import chosen, relationships_of
from components.data.loader import load_dataset
from components.pack.build import view_slides
from components.sections import RELATIONSHIPS, context
from tests.support import DATA, all_text, copy_data, plain, run_app

# --- the bundled relationships ---------------------------------------------------------------


def test_the_bundled_relationships_default_first(data):
    every = relationships_of(data.tables)
    assert [r.key for r in every] == ["pak_kaz", "pak_uzb"]
    kaz, uzb = every
    assert (kaz.name, kaz.cargo_from.adjective, kaz.port_names) == (
        "Pakistan–Kazakhstan", "Kazakh", ("Karachi", "Gwadar"))
    assert [(r.corridor_id, r.feeder_id, r.origin) for r in kaz.routes] == [
        ("trans_afghan", "kz_uz_feeder", "almaty"),
        ("western_trans_afghan", "kz_tm_feeder", "zhanaozen")]
    assert [(r.corridor_id, r.feeder_id, r.origin) for r in uzb.routes] == [
        ("trans_afghan", None, "termez")]
    assert chosen(data.tables, "pak_uzb") is uzb
    assert chosen(data.tables, "no_such_pair") is kaz  # an unknown id: the default
    assert uzb.say("{name} at a glance; {origin_adj} cargo to {ports}") == (
        "Pakistan–Uzbekistan at a glance; Uzbek cargo to Karachi and Gwadar")


def test_each_view_holds_its_own_relationship(data):
    kaz = apply_filters(data.tables, FilterState())
    uzb = apply_filters(data.tables, FilterState(relationship="pak_uzb"))
    for view, other in ((kaz, "UZB"), (uzb, "KAZ")):
        flows = view["trade_flows"]
        assert not flows.empty and other not in set(flows["partner_a"]) | set(flows["partner_b"])
        assert not view["people"]["countries"].str.contains(other).any()
    # a Kazakh–Pakistani visit on the shared Trans-Afghan corridor is Pakistan–Kazakhstan's only
    assert "tokayev_state_visit_2026" in set(kaz["events"]["event_id"])
    assert "tokayev_state_visit_2026" not in set(uzb["events"]["event_id"])
    # the Trans-Afghan line's own milestones belong to both
    for view in (kaz, uzb):
        assert "hairatan_mazar_opened_2011" in set(view["events"]["event_id"])
    # agreements follow their events
    assert set(uzb["agreements"]["event_id"]) <= set(uzb["events"]["event_id"])
    # the map's tables are whole
    assert uzb["segments"] is data["segments"]


def test_filters_work_inside_a_relationship(data):
    rail = apply_filters(data.tables, FilterState(sectors=("rail",), relationship="pak_uzb"))
    assert rail["trade_flows"].empty  # trade is the Trade sector
    assert not rail["events"].empty
    assert rail["events"]["sectors"].str.contains("rail").all()


def test_the_relationships_side_by_side(data):
    v = RELATIONSHIPS.view(context(data))
    assert [c.name for c in v.columns] == ["Pakistan–Kazakhstan", "Pakistan–Uzbekistan"]
    kaz, uzb = v.columns
    assert kaz.target.startswith("$1B a year") and uzb.target.startswith("$2B a year")
    assert [c.value for c in kaz.trade][:2] == ["$53.7M", "$227.59M"]
    assert uzb.trade[0].label == "Uzbek statistics (calendar year)"
    assert "Needs +105% a year by Feb 2028" in " ".join(uzb.trade[0].lines)
    assert (kaz.visit.value, uzb.visit.value) == ("37", "28")  # the count most sources give
    assert {line.split(":")[0] for line in uzb.visit.lines} == {"28", "30", "29"}
    assert [c.label for c in uzb.routes] == ["Trans-Afghan: operational"]
    assert not kaz.missing and not uzb.missing
    # every figure keeps its source
    assert v.table.frame["source"].str.len().gt(0).all()
    assert v.slide() is not None  # two relationships: the pack sets them side by side
    # the chosen relationship comes first
    chosen_first = RELATIONSHIPS.view(context(data, FilterState(relationship="pak_uzb")))
    assert [c.key for c in chosen_first.columns] == ["pak_uzb", "pak_kaz"]


# --- the validation report -------------------------------------------------------------------


def _problems(folder: Path) -> list[str]:
    return [str(p) for p in load_dataset(folder).problems]


def test_the_report_says_what_a_relationship_lacks(tmp_path):
    def broken(rows):
        rows[0]["country_b"] = rows[0]["country_a"]  # one country twice
        rows[1]["cargo_from"] = "AFG"  # not one of its countries
        rows[1]["default"] = "yes"  # a second default
        return rows

    def routes(rows):
        rows[0]["origin"] = "nowhere"  # a place the data does not hold
        return rows

    problems = _problems(copy_data(tmp_path / "d", {"relationships": broken,
                                                    "relationship_routes": routes}))
    text = "\n".join(problems)
    assert "relationships.csv, line 2, column 'country_b': a relationship needs two different " \
           "countries" in text
    assert "relationships.csv, line 3, column 'cargo_from': 'AFG' is neither of the " \
           "relationship's countries" in text
    assert "more than one relationship is the default" in text
    assert "relationship_routes.csv, line 2, column 'origin': 'nowhere' is not a known id in " \
           "places.csv" in text


def test_a_relationship_without_countries_is_refused(tmp_path):
    def no_countries(rows):
        rows[1]["country_a"] = ""
        return rows

    problems = _problems(copy_data(tmp_path / "d", {"relationships": no_countries}))
    assert any("relationships.csv, line 3, column 'country_a'" in p for p in problems), problems


def test_without_relationships_the_pages_keep_working(monkeypatch, tmp_path):
    folder = copy_data(tmp_path / "d")
    (folder / "relationships.csv").unlink()
    data = load_dataset(folder)
    assert any("relationships.csv" in str(p) and "missing" in str(p) for p in data.problems)
    (rel,) = [r for r in relationships_of(data.tables) if r.key == "kaz_pak"]  # from the targets
    assert rel.name == "Kazakhstan–Pakistan" and not rel.routes
    at = run_app(monkeypatch, folder)
    assert "Kazakhstan–Pakistan at a glance" in [t.value for t in at.title]


# --- a pair the code never mentions ----------------------------------------------------------

#: The bundled data's two countries renamed everywhere (names, adjectives, codes, ids, text):
#: Pakistan → Arcadia (ARC), Kazakhstan → Borduria (BOR). Longer words first.
SWAP = [("Pakistani", "Arcadian"), ("Pakistan", "Arcadia"), ("Kazakhstani", "Bordurian"),
        ("Kazakhstan", "Borduria"), ("Kazakh", "Bordurian"), ("PAK", "ARC"), ("KAZ", "BOR"),
        ("pak_", "arc_"), ("_kaz", "_bor")]
#: Country names the pages may show only when the dataset holds them.
COUNTRY_WORDS = ("Pakistan", "Kazakh", "Uzbek", "Afghan", "Turkmen", "Tajik", "Kyrgyz", "Iran",
                 "China", "Chinese", "Russia", "India", "Türkiye", "Turkey", "Azerbaijan",
                 "Georgia", "Belarus")


def _swapped(folder: Path) -> Path:
    copy_data(folder)
    for path in folder.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        for old, new in SWAP:
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return folder


def _held(folder: Path) -> set[str]:
    countries = load_dataset(folder)["countries"]
    return {w for w in COUNTRY_WORDS
            if any(w.lower() in f"{n} {a}".lower()
                   for n, a in zip(countries["name"], countries["adjective"].fillna("")))}


@pytest.fixture(scope="module")
def arcadia(tmp_path_factory) -> Path:
    return _swapped(tmp_path_factory.mktemp("arcadia") / "data")


def _words_not_held(text: str, held: set[str]) -> list[str]:
    return [w for w in COUNTRY_WORDS if w not in held and re.search(w, text, re.I)]


def test_the_swapped_data_holds_neither_country(arcadia):
    held = _held(arcadia)
    assert "Pakistan" not in held and "Kazakh" not in held and "Uzbek" in held
    data = load_dataset(arcadia)
    assert not [p for p in data.problems if p.severity == "error"], data.problems[:5]
    assert [r.name for r in relationships_of(data.tables)] == ["Arcadia–Borduria",
                                                               "Arcadia–Uzbekistan"]


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda p: p.key)
def test_every_page_speaks_of_the_pair_in_the_data(monkeypatch, arcadia, page):
    at = run_app(monkeypatch, arcadia, page=None if page.default else page.file)
    text = " ".join([all_text(at), *(t.value for t in at.title),
                     *(h.value for h in at.header), *(h.value for h in at.subheader),
                     *(plain(m.label) for m in at.metric)])
    assert not _words_not_held(text, _held(arcadia)), (page.key, _words_not_held(
        text, _held(arcadia)))
    if page in (pages.OVERVIEW, pages.TRADE, pages.RELATIONSHIPS, pages.CORRIDORS):
        assert "Arcadia" in text and "Bordur" in text, page.key
    if page is pages.OVERVIEW:
        assert "Arcadia–Borduria at a glance" in text
        assert "Bordurian statistics (calendar year)" in text


@pytest.mark.parametrize("step", presentation.STEPS, ids=lambda s: s.key)
def test_every_screen_speaks_of_the_pair_in_the_data(monkeypatch, arcadia, step):
    at = run_app(monkeypatch, arcadia, session={"present": True, "step": step.key})
    text = all_text(at)
    assert not _words_not_held(text, _held(arcadia)), (step.key, _words_not_held(
        text, _held(arcadia)))


def test_every_slide_speaks_of_the_pair_in_the_data(arcadia):
    data = load_dataset(arcadia)
    held = _held(arcadia)
    for rel in relationships_of(data.tables):
        ctx = context(data, FilterState(relationship=rel.key))
        slides = view_slides(ctx)
        assert slides, rel.key
        for slide in slides:
            words = " ".join([slide.title, slide.notes, slide.summary or "", slide.source_line,
                              str(slide.figure.layout.title.text or ""),
                              " ".join(str(t.name or "") for t in slide.figure.data)])
            assert not _words_not_held(words, held), (rel.key, slide.title,
                                                      _words_not_held(words, held))
    ctx = context(data)
    assert ctx.say("{name}") == "Arcadia–Borduria"
    assert replace(ctx.filters, relationship="arc_uzb").relationship == "arc_uzb"
    assert [s.title for s in view_slides(ctx)][-1] == \
        "Rail corridors from Borduria to Karachi and Gwadar"


def test_the_bundled_data_is_untouched_by_the_swap():
    assert "Pakistan" in (DATA / "countries.csv").read_text(encoding="utf-8")


def test_one_relationship_hides_the_control(monkeypatch, tiny_dir):
    at = run_app(monkeypatch, tiny_dir)
    assert "Relationship" not in [s.label for s in at.sidebar.selectbox]


def test_two_relationships_show_the_control(monkeypatch):
    at = run_app(monkeypatch, DATA)
    (box,) = [s for s in at.sidebar.selectbox if s.label == "Relationship"]
    assert box.options == ["Pakistan–Kazakhstan", "Pakistan–Uzbekistan"]
    box.set_value("pak_uzb").run()
    assert "Pakistan–Uzbekistan at a glance" in [t.value for t in at.title]
