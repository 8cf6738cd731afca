"""The briefing pack: slides, titles, pictures, footers and notes of the PPTX; the PDF's pages,
their footers and their sources; the slides drawn from the same view models as the pages, cut
to the filters."""

import datetime as dt
import io
import re

import plotly.graph_objects as go
import pytest
from pptx.util import Inches

from components import sections as s
from components.analysis.filters import FilterState, describe
from components.analysis.headlines import as_of
from components.figures.style import PROJECTOR
from components.pack import build, model
from components.pack.model import MARGIN_IN
from components.sections import context
from components.sections.base import MAP_SLIDE_LABEL_PX, Slide
from tests.support import png_size

TODAY = dt.date(2026, 3, 1)
LINK = "http://localhost:8501/trade?sector=Railways&dates=2025-01-01&dates=2026-12-31"
TITLE = "Pakistan–Kazakhstan: trade, deals and corridors"
CHARTS = ["Pakistan–Kazakhstan trade against its target", "Every relationship against its target",
          "Deals by sector and status", "Route kilometres by status",
          "Route kilometres by country crossed", "Visits, summits and milestones"]


@pytest.fixture(scope="module")
def ctx(data):
    return context(data, FilterState(), today=TODAY)


@pytest.fixture(scope="module")
def slides(ctx):
    return build.view_slides(ctx)


@pytest.fixture(scope="module")
def map_slide(slides):
    return slides[-1]


@pytest.fixture(scope="module")
def packs(chromium, ctx, slides):
    labels = ctx.labels
    rows = model.pack_sources(ctx.sources, slides)
    pptx, pdf = build.build_packs(
        slides, title=TITLE, filters_text=describe(FilterState(), labels.sectors,
                                                   labels.corridors),
        data_date=as_of(ctx.sources), link=LINK, sources_rows=rows)
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


# --- the slides (no browser) -----------------------------------------------------------------


def test_the_slides_are_the_sections_slides(slides):
    assert [x.title for x in slides] == [*CHARTS,
                                         "Rail corridors from Kazakhstan to Karachi and Gwadar"]
    assert [x.kind for x in slides] == ["chart"] * len(CHARTS) + ["map"]
    for x in slides:
        assert isinstance(x.figure, go.Figure)
        assert x.source_line.startswith(("Source: ", "Sources: "))
        assert x.notes.startswith(x.source_line)
        assert x.source_ids
    trade, every, _, routes, countries, timeline, _ = slides
    assert "Pakistan–Uzbekistan" in every.notes and "22%" in every.summary
    # the km by country: the transit country's share, and the caveat with its measured error
    assert "run through Afghanistan" in countries.summary
    assert "disputed boundaries are not endorsed" in countries.notes
    assert re.search(r"1:110m the border lies \d+–\d+ km from the border crossings",
                     countries.notes)
    # the figures that disagree are in the notes, each with its source
    assert "$53.7M for 2024" in trade.notes and "$227.59M for FY2024-25" in trade.notes
    assert "Sources differ on the deadline: Feb 2027" in trade.notes
    assert "573–783 km" in routes.notes and "~$4.5B" in routes.notes and "$8B" in routes.notes
    assert re.search(r"\b37 \(.*\b36 \(", timeline.notes)


def test_a_slide_draws_the_figure_its_page_draws(ctx, slides):
    """One view model, two renderers: the slide's figure and summary are the page chart's."""
    trade = s.TRADE.view(ctx).pairs[0].chart
    deals = s.DEALS.view(ctx).by_status
    assert slides[0].figure is trade.figure and slides[0].summary == trade.summary
    assert slides[1].figure is s.RELATIONSHIPS.view(ctx).chart.figure
    assert slides[2].figure is deals.figure and slides[2].summary == deals.summary
    assert slides[3].figure is s.ROUTES.view(ctx).figure


def test_the_slides_follow_the_filters(data):
    only = build.view_slides(context(data, FilterState(corridors=("trans_afghan",)),
                                     today=TODAY))
    routes = next(x for x in only if x.title == "Route kilometres by status")
    assert list(routes.figure.data[0].y) == ["Trans-Afghan"]
    education = build.view_slides(context(data, FilterState(sectors=("education",)),
                                          today=TODAY))
    titles = [x.title for x in education]
    assert CHARTS[0] not in titles  # trade is 'Trade'
    assert CHARTS[2] not in titles  # segments are 'Railways'


def test_a_section_whose_table_failed_validation_has_no_slide(data):
    from components.data.problems import Problem
    from tests.support import with_tables

    broken = with_tables(data)
    broken.problems.append(Problem("deals.csv", 2, "value_usd", "not a number"))
    titles = [x.title for x in build.view_slides(context(broken, today=TODAY))]
    assert "Deals by sector and status" not in titles and CHARTS[0] in titles


def test_map_slide_is_sourced(map_slide):
    from components.figures.outlines import load_outlines, outlines_source

    assert map_slide.title.startswith("Rail corridors")
    assert map_slide.source_line.endswith(
        f"country outlines and sea names: {outlines_source(load_outlines())}")
    assert "disputed boundaries are not endorsed" in map_slide.notes
    assert {t.type for t in map_slide.figure.data} == {"scatter"}


def test_footer_text_is_short_and_sourced():
    line = "Sources: " + "; ".join(f"Outlet {i}, 4 Feb 2026" for i in range(40))
    text = model.footer_text(line, max_chars=200)
    assert len(text) <= 200 and text.startswith("Sources: Outlet 0")
    assert re.search(r"and \d+ more \(see notes\)$", text)
    assert model.footer_text("Arab News").startswith("Source: ")


# --- the PPTX --------------------------------------------------------------------------------


def test_pptx_slides_titles_and_size(deck, packs, slides):
    rows = packs[2]
    n_sources = len(model.paginate_sources(rows))
    assert len(deck.slides) == 1 + len(slides) + n_sources
    assert deck.slide_width * 9 == deck.slide_height * 16  # 16:9
    titles = [x.shapes.title.text for x in deck.slides]
    assert titles[0] == TITLE
    assert titles[1:1 + len(slides)] == [x.title for x in slides]
    assert all(t.startswith("Sources") for t in titles[1 + len(slides):])


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
    for slide, made in zip(list(deck.slides)[1:1 + len(slides)], slides):
        pics = pictures(slide)
        assert len(pics) == 1
        assert pics[0].name == ("Map" if made.kind == "map" else "Chart")
        assert pics[0].image.content_type == "image/png"
        w, h = png_size(pics[0].image.blob)
        assert w >= 2 * 1180 and h >= 2 * 476  # rendered at twice the CSS size
        # the picture sits between the title and the footer, inside the slide
        assert pics[0].top + pics[0].height <= deck.slide_height
        assert pics[0].left >= 0 and pics[0].left + pics[0].width <= deck.slide_width
        # and fills the content area: the slide's width inside its margins
        content = deck.slide_width - 2 * Inches(MARGIN_IN)
        assert pics[0].width >= 0.97 * content
        # type legible from the back of a room: the smallest chart type (ticks and legend at
        # projector sizes; the map's names) is at least 14 pt on the slide
        pt_per_px = (pics[0].width / 12_700) / (w / 2)
        smallest = MAP_SLIDE_LABEL_PX if made.kind == "map" else min(PROJECTOR.values())
        assert smallest * pt_per_px >= 14


def test_a_slides_picture_keeps_its_parts_apart(chromium, slides):
    """Each chart slide's picture as Chromium lays out its SVG: the legend, the plot's axis
    (ticks and title) and the source line do not overlap, and no title is drawn inside (the
    slide has it). At projector type the axis title used to run into the source line."""
    from playwright.sync_api import sync_playwright

    charts = [s for s in slides if s.kind != "map"]
    assert charts
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        page = browser.new_page()
        for made in charts:
            svg, (w, h) = model.slide_picture(made, fmt="svg")
            page.set_viewport_size({"width": w, "height": h})
            page.set_content(f"<html><body style='margin:0'>{svg.decode()}</body></html>")
            boxes = page.evaluate("""() => {
                const box = el => { const r = el.getBoundingClientRect();
                                    return [r.left, r.top, r.right, r.bottom]; };
                const all = sel => [...document.querySelectorAll(sel)]
                    .filter(e => e.textContent.trim()).map(box);
                const notes = [...document.querySelectorAll('g.annotation text')]
                    .filter(e => e.textContent.trim());
                return {legend: all('g.legend g.traces text'),
                        xaxis: all('g.xtick text, g.g-xtitle text'),
                        source: notes.map(box), sourceText: notes.map(e => e.textContent),
                        title: all('g.g-gtitle text')};
            }""")
            assert boxes["title"] == [], made.title
            source = [b for b, t in zip(boxes["source"], boxes["sourceText"])
                      if t.startswith("Source")]
            assert source, made.title
            for group in ("legend", "xaxis"):
                for a in boxes[group]:
                    for b in source:
                        assert a[3] <= b[1] or a[1] >= b[3] or a[2] <= b[0] or a[0] >= b[2], \
                            f"{made.title}: the {group} runs into the source line"
            assert all(b[3] <= h for b in source), made.title
        browser.close()


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
    listed = [p.text for x in deck.slides if x.shapes.title.text.startswith("Sources")
              for shape in x.shapes if shape.name == "Source list"
              for p in shape.text_frame.paragraphs]
    assert listed == rows
    assert any("https://www.arabnews.pk/" in r for r in rows)
    cited = {sid for x in slides for sid in x.source_ids}
    assert len(rows) <= len(cited)  # one row a source; ids of one source make one row


# --- the PDF ---------------------------------------------------------------------------------


def test_pdf_pages_carry_the_slides_titles_footers_and_sources(deck, packs, slides):
    from pypdf import PdfReader

    pdf = packs[1]
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(deck.slides)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert TITLE in texts[0] and "Data as of" in texts[0]
    for text, made in zip(texts[1:], slides):
        assert made.title in text
        # the footer names the slide's first source, as the PPTX's does
        first = model.footer_text(made.source_line).split(": ", 1)[1].split("; ")[0]
        assert " ".join(first.split()) in text, (made.title, first)
    listed = " ".join(texts[1 + len(slides):])
    for row in packs[2]:
        assert " ".join(row.split())[:60] in listed


# --- text goes in as text --------------------------------------------------------------------


def test_text_from_data_stays_plain(chromium):
    from pptx import Presentation

    slide = Slide(
        title="<b>Rail & ports</b> =1+1", figure=go.Figure(go.Bar(x=["a"], y=[1])),
        source_line="Source: Outlet <i>A</i>", notes="Notes\x07 with a bell\nand two lines")
    data, _pdf = build.build_packs([slide], title="T <script>", filters_text="Sectors: all",
                                   data_date="Feb 2026", link="not a url",
                                   sources_rows=["A — B"])
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == 3
    assert deck.slides[0].shapes.title.text == "T <script>"
    assert deck.slides[1].shapes.title.text == "<b>Rail & ports</b> =1+1"
    assert footer(deck.slides[1]) == "Source: Outlet <i>A</i>"
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    assert "\x07" not in notes and "Notes with a bell" in notes
    body = deck.slides[0].placeholders[1].text_frame
    assert not [r for p in body.paragraphs for r in p.runs if r.hyperlink.address]


def test_the_pack_of_another_relationship(chromium, data):
    """The pack follows the Relationship control: its title, trade slide and map slide speak of
    Pakistan–Uzbekistan, and nothing of the default relationship's trade is in it."""
    from pptx import Presentation

    ctx = context(data, FilterState(relationship="pak_uzb"), today=TODAY)
    pptx, pdf = build.view_pack(ctx, link=LINK, filters_text="Sectors: all")
    deck = Presentation(io.BytesIO(pptx))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == "Pakistan–Uzbekistan: trade, corridors and visits"
    assert "Pakistan–Uzbekistan trade against its target" in titles
    assert "Rail corridors from Uzbekistan to Karachi and Gwadar" in titles
    trade = deck.slides[titles.index("Pakistan–Uzbekistan trade against its target")]
    notes = trade.notes_slide.notes_text_frame.text
    assert "Kazakh statistics" not in notes and "Uzbek statistics" in notes
    # every relationship side by side: the chosen one first
    every = deck.slides[titles.index("Every relationship against its target")]
    text = every.notes_slide.notes_text_frame.text
    assert text.index("Pakistan–Uzbekistan") < text.index("Pakistan–Kazakhstan")
    assert pdf.startswith(b"%PDF")
