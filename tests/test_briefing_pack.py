"""The briefing pack: slides, titles, pictures, footers and notes of the PPTX; the PDF's pages;
the standard slides cut to the filters."""

import datetime as dt
import io
import re

import plotly.graph_objects as go
import pytest

from components.analysis.filters import FilterState, describe, label_maps
from components.analysis.headlines import as_of
from components.data.loader import load_dataset
from components.pack import build, model, pptx
from tests.conftest import ROOT
from tests.test_images import png_size

TODAY = dt.date(2026, 3, 1)
LINK = "http://localhost:8501/trade?sector=Railways&dates=2025-01-01&dates=2026-12-31"
TITLE = "Pakistan–Kazakhstan: trade, deals and corridors"


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def slides(data):
    return build.default_slides(data, FilterState(), today=TODAY)


@pytest.fixture(scope="module")
def map_slide(data):
    return build.map_slide(data, FilterState())


@pytest.fixture(scope="module")
def packs(chromium, data, slides, map_slide):
    sector_labels, corridor_labels = label_maps(data["sectors"], data["corridors"])
    rows = model.pack_sources(data["sources"], [*slides, map_slide])
    pptx, pdf = build.build_packs(
        slides, title=TITLE, filters_text=describe(FilterState(), sector_labels, corridor_labels),
        data_date=as_of(data["sources"]), link=LINK, sources_rows=rows, map_fig=map_slide)
    return pptx, pdf, rows


@pytest.fixture(scope="module")
def deck(packs):
    from pptx import Presentation

    return Presentation(io.BytesIO(packs[0]))


def footer(slide) -> str:
    boxes = [s for s in slide.shapes if s.name == model.FOOTER_NAME]
    assert len(boxes) == 1
    return boxes[0].text_frame.text


def pictures(slide) -> list:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


# --- the standard slides (no browser) ------------------------------------------------------------


def test_default_slides(slides):
    assert [s.title for s in slides] == [
        "Pakistan–Kazakhstan trade against its target", "Deals by sector and status",
        "Route kilometres by status", "Visits, summits and milestones"]
    for s in slides:
        assert isinstance(s.figure, go.Figure)
        assert s.source_line.startswith(("Source: ", "Sources: "))
        assert s.notes.startswith(s.source_line)
        assert s.source_ids
    trade, _, routes, timeline = slides
    # the figures that disagree are in the notes, each with its source
    assert "$53.7M for 2024" in trade.notes and "$227.59M for FY2024-25" in trade.notes
    assert "Sources differ on the deadline: Feb 2027" in trade.notes
    assert "573–783 km" in routes.notes and "$4.6B" in routes.notes and "$8B" in routes.notes
    assert re.search(r"\b37 \(.*\b36 \(", timeline.notes)


def test_default_slides_follow_the_filters(data):
    only = build.default_slides(data, FilterState(corridors=("trans_afghan",)), today=TODAY)
    routes = next(s for s in only if s.title == "Route kilometres by status")
    assert list(routes.figure.data[0].y) == ["Trans-Afghan"]
    education = build.default_slides(data, FilterState(sectors=("education",)), today=TODAY)
    titles = [s.title for s in education]
    assert "Pakistan–Kazakhstan trade against its target" not in titles  # trade is 'Trade'
    assert "Route kilometres by status" not in titles  # segments are 'Railways'


def test_map_slide_is_sourced(map_slide):
    assert map_slide.title.startswith("Rail corridors")
    assert map_slide.source_line.endswith("country outlines: Natural Earth")
    assert "disputed boundaries are not endorsed" in map_slide.notes
    assert {t.type for t in map_slide.figure.data} == {"scatter"}


def test_footer_text_is_short_and_sourced():
    line = "Sources: " + "; ".join(f"Outlet {i}, 4 Feb 2026" for i in range(40))
    text = model.footer_text(line, max_chars=200)
    assert len(text) <= 200 and text.startswith("Sources: Outlet 0")
    assert re.search(r"and \d+ more \(see notes\)$", text)
    assert model.footer_text("Arab News").startswith("Source: ")


# --- the PPTX ------------------------------------------------------------------------------------


def test_pptx_slides_titles_and_size(deck, packs, slides, map_slide):
    rows = packs[2]
    n_sources = len(model.paginate_sources(rows))
    assert len(deck.slides) == 1 + len(slides) + 1 + n_sources
    assert deck.slide_width * 9 == deck.slide_height * 16  # 16:9
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == TITLE
    assert titles[1:1 + len(slides)] == [s.title for s in slides]
    assert titles[1 + len(slides)] == map_slide.title
    assert all(t.startswith("Sources") for t in titles[2 + len(slides):])


def test_title_slide_has_filters_date_and_link(deck):
    first = deck.slides[0]
    body = first.placeholders[1].text_frame
    text = body.text
    assert "Sectors: all · Corridors: all · Dates: all" in text
    assert re.search(r"Data as of \d{1,2} \w{3} \d{4}", text)
    assert LINK in text
    links = [r.hyperlink.address for p in body.paragraphs for r in p.runs if r.hyperlink.address]
    assert links == [LINK]


def test_chart_and_map_slides_hold_pictures(deck, slides):
    for slide in list(deck.slides)[1:2 + len(slides)]:
        pics = pictures(slide)
        assert len(pics) == 1
        assert pics[0].image.content_type == "image/png"
        w, h = png_size(pics[0].image.blob)
        assert w >= 1600 and h >= 1000  # rendered at twice the CSS size
        # the picture sits between the title and the footer, inside the slide
        assert pics[0].top + pics[0].height <= deck.slide_height
        assert pics[0].left >= 0 and pics[0].left + pics[0].width <= deck.slide_width


def test_every_slide_has_a_source_footer_and_notes(deck, slides):
    for i, slide in enumerate(deck.slides):
        assert "Source" in footer(slide), i
        assert slide.has_notes_slide
        assert slide.notes_slide.notes_text_frame.text.strip(), i
    for slide, chart in zip(list(deck.slides)[1:], slides):
        assert footer(slide) == model.footer_text(chart.source_line)
        assert slide.notes_slide.notes_text_frame.text == chart.notes


def test_sources_slides_list_every_cited_source(deck, packs, slides):
    rows = packs[2]
    listed = [p.text for s in deck.slides if s.shapes.title.text.startswith("Sources")
              for shape in s.shapes if shape.name == "Source list"
              for p in shape.text_frame.paragraphs]
    assert listed == rows
    assert any("https://www.arabnews.pk/" in r for r in rows)


# --- the PDF -------------------------------------------------------------------------------------


def test_pdf_has_one_page_per_slide(deck, packs):
    pdf = packs[1]
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(deck.slides)


# --- text goes in as text ----------------------------------------------------------------------


def test_text_from_data_stays_plain(chromium):
    from pptx import Presentation

    slide = model.ChartSlide(
        title="<b>Rail & ports</b> =1+1", figure=go.Figure(go.Bar(x=["a"], y=[1])),
        source_line="Source: Outlet <i>A</i>", notes="Notes\x07 with a bell\nand two lines")
    data = pptx.build_pack([slide], title="T <script>", filters_text="Sectors: all",
                         data_date="Feb 2026", link="not a url", sources_rows=["A — B"])
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == 3
    assert deck.slides[0].shapes.title.text == "T <script>"
    assert deck.slides[1].shapes.title.text == "<b>Rail & ports</b> =1+1"
    assert footer(deck.slides[1]) == "Source: Outlet <i>A</i>"
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    assert "\x07" not in notes and "Notes with a bell" in notes
    body = deck.slides[0].placeholders[1].text_frame
    assert not [r for p in body.paragraphs for r in p.runs if r.hyperlink.address]
