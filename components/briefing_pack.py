"""The briefing pack: a sourced slide deck (PPTX, 16:9) and the same slides as a PDF. Pure.

Slides, in order: a title slide (title, the filters in words, the data's date, the link to the
view); one slide per chart (its picture from images.figure_image, with title and source inside);
the static corridor map (static_map, drawn without WebGL) when given; the sources, as many
slides as they need. Every slide has a source footer (a text box named 'Source footer'); the
speaker notes carry the sources and the figures the sources disagree on. All text from the
data is set as plain text (python-pptx runs, fpdf2 cells): nothing is parsed as markup.

`default_slides(dataset, filter_state)` builds the standard chart slides from the app's figure
builders, cut to the filters as the pages cut them; `map_slide` the map's; `pack_sources` the
rows of the sources slide.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from components import formatting as fmt
from components.filters import FilterState, apply_filters
from components.images import figure_image
from components.sourcing import source_label, source_line, source_title, source_url

APP_NAME = "Central–South Asia trade-corridor dashboard"
SLIDE_W_EMU, SLIDE_H_EMU = 12_192_000, 6_858_000  # 16:9, PowerPoint's widescreen
SLIDE_W_IN, SLIDE_H_IN = SLIDE_W_EMU / 914_400, SLIDE_H_EMU / 914_400
MARGIN_IN = 0.5
FOOTER_TOP_IN, FOOTER_H_IN = 6.82, 0.55
# Pictures are rendered at these CSS px and `IMAGE_SCALE`× for sharpness: at ~96 px an inch on
# the slide, the charts' 15–16 px text reads as 11–12 pt.
CHART_PX = (1180, 536)
MAP_PX = (860, 600)
IMAGE_SCALE = 2
FOOTER_MAX_CHARS = 330
SOURCE_LIST_PT = 11
SOURCE_CHARS_PER_LINE = 150  # at 11 pt across 12.3 in (generous: wraps come early)
SOURCE_LINES_PER_SLIDE = 24  # 5.4 in of 11 pt lines with paragraph spacing
FOOTER_NAME = "Source footer"
PAIR = ("KAZ", "PAK")
FONT_CANDIDATES = (  # a Unicode TTF for the PDF (en dashes, arrows, non-Latin names)
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
)


@dataclass(frozen=True)
class ChartSlide:
    """One chart slide.

    title: the slide's (and the picture's) title; figure: the plotly figure (not modified);
    source_line: 'Sources: …' as shown under the chart (goes into the picture and the footer);
    notes: speaker notes, i.e. the sources and the figures that disagree (plain text);
    summary: an optional one-line message shown under the title;
    source_ids: the sources' ids, for the sources slide (pack_sources).
    """

    title: str
    figure: go.Figure
    source_line: str
    notes: str = ""
    summary: str = ""
    source_ids: tuple[str, ...] = ()


# --- text helpers -----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: object) -> str:
    """Text safe for a slide or PDF: str, without control characters XML cannot hold."""
    return _CONTROL.sub("", "" if text is None else str(text))


def footer_text(line: str, max_chars: int = FOOTER_MAX_CHARS) -> str:
    """A source line short enough for a footer: the last sources give way to 'and N more
    (see notes)' when it is too long. Always mentions 'Source'."""
    line = clean(line).strip() or "Sources: see the speaker notes and the sources slide."
    if not line.lower().startswith("source"):
        line = f"Source: {line}"
    if len(line) <= max_chars:
        return line
    head, _, rest = line.partition(": ")
    items = rest.split("; ")
    for keep in range(len(items) - 1, 0, -1):
        text = f"{head}: " + "; ".join(items[:keep]) + (
            f"; and {len(items) - keep} more (see notes)")
        if len(text) <= max_chars:
            return text
    return line[: max_chars - 1] + "…"


def sourced_line(sources: pd.DataFrame, ids: Iterable[str]) -> str:
    """sourcing.source_line, each label once (several pages of one site read the same)."""
    labels: set[str] = set()
    keep = []
    for sid in ids:
        if isinstance(sid, str):
            label = source_label(sources, sid)
            if label not in labels:
                labels.add(label)
                keep.append(sid)
    return source_line(sources, keep)


def _date_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "unknown"
    if isinstance(value, str):
        return value
    return fmt.date(value)


#: A slide's notes list at most this many disagreements or segments (the bundled data's
#: longest list, the map's segments, has 20); at 1000× the data a list ran to a million
#: characters, which no presenter reads and PowerPoint struggles to open.
NOTES_MAX_ITEMS = 40


#: One note line names at most this many of a period's differing claims (then counts the rest).
CLAIMS_PER_LINE = 10

TRADE_WHERE = "the app's Trade & deals page lists every figure and claim"


def _at_most(items: Sequence[str], where: str, total: int | None = None,
             limit: int = NOTES_MAX_ITEMS) -> list[str]:
    """The first `limit` of `items`, then '… and N more ({where}).' when `total` (default
    len(items)) is larger. `where` says where the reader finds every one."""
    total = len(items) if total is None else total
    kept = list(items[:limit])
    if total > len(kept):
        kept.append(f"… and {total - len(kept):,} more ({where}).")
    return kept


def _join_notes(*parts: str | Iterable[str]) -> str:
    lines: list[str] = []
    for part in parts:
        if isinstance(part, str):
            if part.strip():
                lines.append(part.strip())
        else:
            lines.extend(p.strip() for p in part if p and p.strip())
    return "\n".join(lines)


# --- rendering shared by the PPTX and the PDF --------------------------------------------------


@dataclass
class _Page:
    kind: str  # 'title', 'chart', 'map', 'sources'
    title: str
    footer: str
    notes: str
    summary: str = ""
    picture: bytes | None = None
    picture_px: tuple[int, int] | None = None
    lines: tuple[str, ...] = ()
    link: str = ""


def _pages(slides: Sequence[ChartSlide], *, title: str, filters_text: str, data_date: object,
           link: str, sources_rows: Sequence[str] | pd.DataFrame,
           map_fig: go.Figure | ChartSlide | None) -> list[_Page]:
    rows = _rows(sources_rows)
    when = _date_text(data_date)
    pages = [_Page(
        kind="title", title=clean(title),
        lines=(clean(filters_text), f"Data as of {when} (the newest source)",
               f"Link to this view: {clean(link)}" if link else "",
               f"Made {fmt.date(dt.date.today())} with the {APP_NAME}"),
        link=clean(link),
        footer=(f"Source: {APP_NAME}, data as of {when}. Every slide names its sources; "
                "all are listed on the last slide."),
        notes=_join_notes(
            f"Filters: {clean(filters_text)}", f"Data as of {when}.",
            f"Link to this view: {clean(link)}" if link else "",
            "Each chart slide's notes list its sources and the figures the sources disagree "
            "on; the last slide lists every source cited."))]
    for s in slides:
        pages.append(_chart_page(s, "chart", CHART_PX))
    if map_fig is not None:
        if isinstance(map_fig, go.Figure):
            map_fig = ChartSlide(
                title="Rail corridors from Kazakhstan to the Arabian Sea", figure=map_fig,
                source_line="Sources: places and route segments as listed on the sources "
                            "slide; country outlines: Natural Earth (public domain)",
                notes="Boundaries are de facto and approximate; disputed boundaries are not "
                      "endorsed. Lines are indicative: straight lines between places with "
                      "sourced coordinates.")
        pages.append(_chart_page(map_fig, "map", MAP_PX))
    chunks = paginate_sources(rows) or [["No sources are cited in this view."]]
    for i, chunk in enumerate(chunks, start=1):
        name = "Sources" if len(chunks) == 1 else f"Sources ({i} of {len(chunks)})"
        pages.append(_Page(
            kind="sources", title=name, lines=tuple(chunk),
            footer=(f"Sources: {len(rows)} cited in this pack, listed by publisher; each slide's "
                    "footer and notes name the ones behind it."),
            notes=_join_notes(f"{len(rows)} sources are cited in this pack.",
                              "Sources on this slide:", chunk)))
    return pages


def paginate_sources(rows: Sequence[str]) -> list[list[str]]:
    """The source rows split into slides: as many as fit the list's box at 11 pt (by
    estimated wrapped lines)."""
    pages: list[list[str]] = []
    current: list[str] = []
    used = 0
    for row in rows:
        lines = max(1, -(-len(row) // SOURCE_CHARS_PER_LINE))
        if current and used + lines > SOURCE_LINES_PER_SLIDE:
            pages.append(current)
            current, used = [], 0
        current.append(row)
        used += lines
    if current:
        pages.append(current)
    return pages


def _chart_page(s: ChartSlide, kind: str, px: tuple[int, int]) -> _Page:
    picture = figure_image(s.figure, title=clean(s.title), source_line=clean(s.source_line),
                           fmt="png", width=px[0], height=px[1], scale=IMAGE_SCALE)
    notes = clean(s.notes).strip()
    if clean(s.source_line).strip() and clean(s.source_line).strip() not in notes:
        notes = _join_notes(clean(s.source_line), notes)
    return _Page(kind=kind, title=clean(s.title), summary=clean(s.summary),
                 footer=footer_text(s.source_line), notes=notes or footer_text(s.source_line),
                 picture=picture, picture_px=px)


def _rows(sources_rows: Sequence[str] | pd.DataFrame) -> list[str]:
    if isinstance(sources_rows, pd.DataFrame):
        return [_source_row(sources_rows, sid) for sid in sources_rows["source_id"]]
    return [clean(r) for r in sources_rows if clean(r).strip()]


def _source_row(sources: pd.DataFrame, source_id: str) -> str:
    """'Publisher, 4 Feb 2026 — Title — https://…' for one source (looked up in the sources'
    index: a pack at 1000× the data cites ~100,000 ids)."""
    parts = [source_label(sources, source_id)]
    title = source_title(sources, source_id)
    if title and title not in parts[0]:
        parts.append(title)
    url = source_url(sources, source_id)
    if url:
        parts.append(url)
    return clean(" — ".join(parts))


def pack_sources(sources: pd.DataFrame, slides: Iterable[ChartSlide]) -> list[str]:
    """The sources slide's rows: every source the slides cite (ChartSlide.source_ids), one row
    each ('Publisher, date — Title — URL'), sorted by publisher."""
    ids = list(dict.fromkeys(sid for s in slides for sid in s.source_ids if isinstance(sid, str)))
    rows = dict.fromkeys(_source_row(sources, sid) for sid in ids)
    return sorted(rows, key=str.casefold)


# --- PPTX --------------------------------------------------------------------------------------


def build_pack(slides: Sequence[ChartSlide], *, title: str, filters_text: str,
               data_date: object, link: str, sources_rows: Sequence[str] | pd.DataFrame,
               map_fig: go.Figure | ChartSlide | None = None) -> bytes:
    """The briefing pack as PPTX bytes (16:9).

    slides: the chart slides, in order; title: the pack's title; filters_text: the filters in
    words (filters.describe); data_date: the data's 'as of' date (date or text); link: the URL
    of the view; sources_rows: the sources slide's rows (pack_sources), or a sources table
    (one row per source); map_fig: the static map (static_map.static_map_figure), as a figure
    or as a ChartSlide with its own title, source line and notes (map_slide).
    Renders every picture with Chromium (images.figure_image): raises RuntimeError when images
    are not available.
    """
    pages = _pages(slides, title=title, filters_text=filters_text, data_date=data_date,
                   link=link, sources_rows=sources_rows, map_fig=map_fig)
    return _pptx(pages)


def _pptx(pages: list[_Page]) -> bytes:
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_W_EMU), Emu(SLIDE_H_EMU)
    prs.core_properties.title = pages[0].title
    prs.core_properties.author = APP_NAME
    for page in pages:
        if page.kind == "title":
            _pptx_title(prs, page)
        elif page.kind == "sources":
            _pptx_sources(prs, page)
        else:
            _pptx_chart(prs, page)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _set_text(frame, lines: Sequence[str], size_pt: float, *, bold: bool = False,
              color: tuple[int, int, int] = (27, 31, 36), link: str = "") -> None:
    """Plain text, one paragraph per line (runs: never parsed as markup)."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    frame.clear()
    frame.word_wrap = True
    lines = [clean(x) for x in lines if x is not None and clean(x) != ""] or [""]
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size_pt)
        run.font.bold = bold
        run.font.color.rgb = RGBColor(*color)
        if link and link in line and link.startswith(("http://", "https://")):
            run.hyperlink.address = link


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    from pptx.util import Inches

    shape.left, shape.top = Inches(left), Inches(top)
    shape.width, shape.height = Inches(width), Inches(height)


def _pptx_common(slide, page: _Page) -> None:
    """Footer text box and speaker notes, on every slide."""
    from pptx.util import Inches

    box = slide.shapes.add_textbox(Inches(MARGIN_IN), Inches(FOOTER_TOP_IN),
                                   Inches(SLIDE_W_IN - 2 * MARGIN_IN), Inches(FOOTER_H_IN))
    box.name = FOOTER_NAME
    _set_text(box.text_frame, [page.footer], 10.5, color=(80, 84, 90))
    slide.notes_slide.notes_text_frame.text = clean(page.notes) or page.footer


def _slide_title(slide, text: str, top: float = 0.3, height: float = 0.8,
                 size: float = 28) -> None:
    shape = slide.shapes.title
    _place(shape, MARGIN_IN, top, SLIDE_W_IN - 2 * MARGIN_IN, height)
    _set_text(shape.text_frame, [text], size, bold=True)
    from pptx.enum.text import PP_ALIGN

    shape.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def _pptx_title(prs, page: _Page) -> None:
    from pptx.enum.text import PP_ALIGN

    slide = prs.slides.add_slide(prs.slide_layouts[0])
    _slide_title(slide, page.title, top=1.7, height=1.5, size=36)
    sub = slide.placeholders[1]
    _place(sub, MARGIN_IN, 3.4, SLIDE_W_IN - 2 * MARGIN_IN, 2.6)
    _set_text(sub.text_frame, page.lines, 18, color=(60, 64, 70), link=page.link)
    for para in sub.text_frame.paragraphs:
        para.alignment = PP_ALIGN.LEFT
    _pptx_common(slide, page)


def _fit(px: tuple[int, int], box_w: float, box_h: float) -> tuple[float, float]:
    ratio = px[0] / px[1]
    return (box_w, box_w / ratio) if box_w / ratio <= box_h else (box_h * ratio, box_h)


def _picture_box(page: _Page) -> tuple[float, float, float, float]:
    """(left, top, width, height) in inches for the page's picture, centred below the title."""
    top = 1.75 if page.summary else 1.2
    box_w, box_h = SLIDE_W_IN - 2 * MARGIN_IN, FOOTER_TOP_IN - 0.1 - top
    w, h = _fit(page.picture_px or (16, 9), box_w, box_h)
    return (SLIDE_W_IN - w) / 2, top, w, h


def _pptx_chart(prs, page: _Page) -> None:
    from pptx.util import Inches

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _slide_title(slide, page.title)
    if page.summary:
        box = slide.shapes.add_textbox(Inches(MARGIN_IN), Inches(1.05),
                                       Inches(SLIDE_W_IN - 2 * MARGIN_IN), Inches(0.65))
        box.name = "Summary"
        _set_text(box.text_frame, [page.summary], 14, color=(60, 64, 70))
    left, top, w, h = _picture_box(page)
    pic = slide.shapes.add_picture(io.BytesIO(page.picture), Inches(left), Inches(top),
                                   Inches(w), Inches(h))
    pic.name = "Chart" if page.kind == "chart" else "Map"
    _pptx_common(slide, page)


def _pptx_sources(prs, page: _Page) -> None:
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _slide_title(slide, page.title)
    box = slide.shapes.add_textbox(Inches(MARGIN_IN), Inches(1.15),
                                   Inches(SLIDE_W_IN - 2 * MARGIN_IN), Inches(5.6))
    box.name = "Source list"
    _set_text(box.text_frame, page.lines, SOURCE_LIST_PT, color=(40, 44, 50))
    for para in box.text_frame.paragraphs:
        para.space_after = Pt(3)
    _pptx_common(slide, page)


# --- PDF ---------------------------------------------------------------------------------------


def build_pack_pdf(slides: Sequence[ChartSlide], *, title: str, filters_text: str,
                   data_date: object, link: str, sources_rows: Sequence[str] | pd.DataFrame,
                   map_fig: go.Figure | ChartSlide | None = None) -> bytes:
    """The same pack as a PDF (fpdf2), one 16:9 page per slide; arguments as build_pack.

    Speaker notes have no place on a PDF page: the footers name each page's sources and the
    last page(s) list them all.
    """
    pages = _pages(slides, title=title, filters_text=filters_text, data_date=data_date,
                   link=link, sources_rows=sources_rows, map_fig=map_fig)
    return _pdf(pages)


def build_packs(slides: Sequence[ChartSlide], *, title: str, filters_text: str,
                data_date: object, link: str, sources_rows: Sequence[str] | pd.DataFrame,
                map_fig: go.Figure | ChartSlide | None = None) -> tuple[bytes, bytes]:
    """(PPTX bytes, PDF bytes) of one pack, rendering each picture once; arguments as
    build_pack."""
    pages = _pages(slides, title=title, filters_text=filters_text, data_date=data_date,
                   link=link, sources_rows=sources_rows, map_fig=map_fig)
    return _pptx(pages), _pdf(pages)


class _PdfFonts:
    def __init__(self, pdf) -> None:
        self.family, self.unicode = "helvetica", False
        for regular, bold in FONT_CANDIDATES:
            if Path(regular).is_file() and Path(bold).is_file():
                pdf.add_font("Sans", "", regular)
                pdf.add_font("Sans", "B", bold)
                self.family, self.unicode = "Sans", True
                break

    def text(self, s: str) -> str:
        s = clean(s)
        if self.unicode:
            return s
        for a, b in (("–", "-"), ("—", "-"), ("→", "->"), ("“", '"'), ("”", '"'),
                     ("‘", "'"), ("’", "'"), ("…", "..."), ("·", "-")):
            s = s.replace(a, b)
        return s.encode("latin-1", "replace").decode("latin-1")


def _cell(pdf, width: float, height: float, text: str, link: str = "") -> None:
    """Plain text (never markdown) wrapped to `width`, the cursor back at the left margin."""
    from fpdf.enums import XPos, YPos

    pdf.multi_cell(width, height, text, link=link, align="L", new_x=XPos.LMARGIN,
                   new_y=YPos.NEXT)  # ragged right: justified long URLs leave wide gaps


def _pdf(pages: list[_Page]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape", unit="in", format=(SLIDE_H_IN, SLIDE_W_IN))
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_IN, MARGIN_IN, MARGIN_IN)
    fonts = _PdfFonts(pdf)
    pdf.set_title(fonts.text(pages[0].title))
    pdf.set_creator(APP_NAME)
    width = SLIDE_W_IN - 2 * MARGIN_IN
    for page in pages:
        pdf.add_page()
        if page.kind == "title":
            pdf.set_xy(MARGIN_IN, 1.9)
            pdf.set_font(fonts.family, "B", 32)
            _cell(pdf, width, 0.55, fonts.text(page.title))
            pdf.set_xy(MARGIN_IN, 3.5)
            pdf.set_font(fonts.family, "", 16)
            pdf.set_text_color(60, 64, 70)
            for line in (x for x in page.lines if x):
                link = page.link if page.link and page.link in line and page.link.startswith(
                    ("http://", "https://")) else ""
                _cell(pdf, width, 0.32, fonts.text(line), link=link)
                pdf.ln(0.08)
        else:
            pdf.set_xy(MARGIN_IN, 0.35)
            pdf.set_font(fonts.family, "B", 24)
            pdf.set_text_color(27, 31, 36)
            _cell(pdf, width, 0.45, fonts.text(page.title))
            if page.summary:
                pdf.set_xy(MARGIN_IN, 1.1)
                pdf.set_font(fonts.family, "", 13)
                pdf.set_text_color(60, 64, 70)
                _cell(pdf, width, 0.25, fonts.text(page.summary))
            if page.picture is not None:
                left, top, w, h = _picture_box(page)
                pdf.image(io.BytesIO(page.picture), x=left, y=top, w=w, h=h)
            else:
                pdf.set_xy(MARGIN_IN, 1.2)
                pdf.set_font(fonts.family, "", SOURCE_LIST_PT - 1)
                pdf.set_text_color(40, 44, 50)
                for line in page.lines:
                    _cell(pdf, width, 0.19, fonts.text(line))
                    pdf.ln(0.04)
        pdf.set_xy(MARGIN_IN, FOOTER_TOP_IN)
        pdf.set_font(fonts.family, "", 9.5)
        pdf.set_text_color(80, 84, 90)
        _cell(pdf, width, 0.17, fonts.text(page.footer))
        pdf.set_text_color(27, 31, 36)
    return bytes(pdf.output())


# --- the standard slides -------------------------------------------------------------------


def _tables(dataset, state: FilterState | None) -> dict[str, pd.DataFrame]:
    tables = dataset.tables if hasattr(dataset, "tables") else dict(dataset)
    return apply_filters(tables, state or FilterState())


def _ok(dataset, *names: str) -> bool:
    return dataset.ok(*names) if hasattr(dataset, "ok") else True


def default_slides(dataset, filter_state: FilterState | None = None, *,
                   today: dt.date | None = None) -> list[ChartSlide]:
    """The standard chart slides for the view, in briefing order: Pakistan–Kazakhstan trade
    against its target, deals by sector and status, routes' km by status, the timeline.

    dataset: a loader.Dataset (or table name → DataFrame); filter_state: the view's filters,
    applied as the pages apply them (components.filters.apply_filters). A slide whose tables
    failed validation or hold nothing in the view is left out. today: where the timeline's
    'today' line and its recent-years window end (default: today).
    """
    data = dataset
    tables = _tables(dataset, filter_state)
    state = filter_state or FilterState()
    out = []
    for build in (_trade_slide, _deals_slide, _routes_slide, _timeline_slide):
        slide = build(data, tables, state, today or dt.date.today())
        if slide is not None:
            out.append(slide)
    return out


def _labels(data) -> tuple[dict[str, str], dict[str, str]]:
    sectors = data["sectors"]
    statuses = data["statuses"]
    seg = statuses[statuses["domain"] == "segment"]
    return dict(zip(sectors["sector_id"], sectors["label"])), dict(zip(seg["status_id"],
                                                                       seg["label"]))


def _trade_slide(data, tables, state, today) -> ChartSlide | None:
    from components.summaries import deadline_dispute, growth_text, trade_summary
    from components.trade import (
        NO_DEADLINES,
        WHY_REPORTERS_DIFFER,
        annual_series,
        chart_source_ids,
        latest_claims,
        stated_deadlines,
        statements,
    )
    from components.trade_figures import trade_figure

    if not _ok(data, "trade_flows", "trade_targets"):
        return None
    a, b = PAIR
    name = "Pakistan–Kazakhstan"
    flows, targets, sources = tables["trade_flows"], tables["trade_targets"], data["sources"]
    series = annual_series(flows, a, b)
    stated = statements(flows, a, b)
    if series.empty and stated.empty:
        return None
    # the claims the Trade page's cards show (each claim, or the two ends of many)
    target, groups = latest_claims(flows, targets, a, b)
    deadlines = stated_deadlines(targets, target) if target is not None else NO_DEADLINES
    ids = chart_source_ids(series, stated, target, deadlines)
    title = f"{name} trade against its target"
    fig = trade_figure(series, stated, target, sources, title, deadlines)
    line = sourced_line(sources, ids)
    disagree = []
    for row, _gap in (pair for group in groups for pair in group.shown):
        disagree.append(
            f"{row['series']}: {fmt.money(row['value_usd'], row['qualifier'])} for "
            f"{row['period_label']} ({source_label(sources, row['source_id'])}). "
            f"{growth_text(row, target, deadlines)}")
    for (series_name, period), group in series.groupby(["series", "period_label"], sort=False):
        if group["value_usd"].nunique() > 1:
            named = group.head(CLAIMS_PER_LINE)
            claims = "; ".join(f"{fmt.money(v, q)} ({source_label(sources, s)})" for v, q, s in
                               zip(named["value_usd"], named["qualifier"], named["source_id"]))
            if len(group) > len(named):
                claims += f"; … and {len(group) - len(named):,} more"
            disagree.append(f"{series_name}, {period}: sources differ: {claims}.")
    for _, row in stated.iterrows():
        disagree.append(
            f"Stated by officials: {fmt.money(row['value_usd'], row['qualifier'])} "
            f"({row['period_label']}; {source_label(sources, row['source_id'])}).")
    if len(deadlines) > 1:
        disagree.append(deadline_dispute(deadlines, sources))
    summary = trade_summary(series, groups, target, name)
    notes = _join_notes(line, summary, "Figures the sources disagree on:",
                        _at_most(disagree, TRADE_WHERE), WHY_REPORTERS_DIFFER)
    return ChartSlide(title=title, figure=fig, source_line=line, notes=notes, summary=summary,
                      source_ids=tuple(dict.fromkeys(i for i in ids if isinstance(i, str))))


def _deals_slide(data, tables, state, today) -> ChartSlide | None:
    from components.deals import pipeline, sector_status_counts
    from components.summaries import deals_summary
    from components.trade_figures import deals_status_figure

    if not _ok(data, "deals", "statuses"):
        return None
    sector_labels, _ = _labels(data)
    sources = data["sources"]
    pipe = pipeline(tables["deals"], data["statuses"])
    if pipe.empty:
        return None
    fig = deals_status_figure(sector_status_counts(pipe), sector_labels, data["statuses"])
    ids = [s for cell in pipe["source_ids"] for s in cell]
    line = sourced_line(sources, ids)
    disagree = []
    for _, row in pipe.iterrows():
        if pd.notna(row["low_usd"]) and row["low_usd"] != row["high_usd"]:
            disagree.append(
                f"{row['title']}: {fmt.money(row['low_usd'])} to {fmt.money(row['high_usd'])} "
                f"across {row['claims']} claims ("
                + "; ".join(source_label(sources, s) for s in row["source_ids"]) + ").")
    summary = deals_summary(pipe, sector_labels)
    notes = _join_notes(
        line, summary, "Each deal is counted once, at the furthest status any source reports.",
        "Values the sources disagree on:" if disagree else
        "No deal in this view has values that differ between sources.",
        _at_most(disagree, TRADE_WHERE))
    return ChartSlide(title="Deals by sector and status", figure=fig, source_line=line,
                      notes=notes, summary=summary, source_ids=tuple(dict.fromkeys(ids)))


def _routes_slide(data, tables, state, today) -> ChartSlide | None:
    from components.corridor_compare import compare_routes, status_figure, status_summary

    if not _ok(data, "segments", "places", "corridor_claims", "statuses"):
        return None
    _, status_labels = _labels(data)
    compared = compare_routes(tables, all_segments=data["segments"])
    if compared.empty:
        return None
    fig = status_figure(compared, status_labels)
    ids = [i for cell in compared["source_ids"] for i in cell.split(";") if i]
    line = sourced_line(data["sources"], ids)
    disagree = []
    for row in compared.itertuples():
        parts = [f"{row.corridor}: drawn {row.drawn_km:,} km (straight lines between places); "
                 f"stated, latest: {row.stated_km_latest}"]
        if row.stated_km_range:
            parts.append(f"stated lengths range {row.stated_km_range}")
        if row.cost_high:
            parts.append(f"cost from {row.cost_low} to {row.cost_high}")
        elif row.cost_low != "not stated":
            parts.append(f"cost {row.cost_low}")
        parts.append(f"gauge changes: {row.gauge_changes}")
        disagree.append("; ".join(parts) + ".")
    summary = status_summary(compared)
    notes = _join_notes(line, summary, "Lengths and costs as each source gives them:",
                        _at_most(disagree, "the app's Corridors page compares every route"),
                        "Drawn lengths follow straight lines between places with sourced "
                        "coordinates, so they understate rail distance.")
    return ChartSlide(title="Route kilometres by status", figure=fig, source_line=line,
                      notes=notes, summary=summary, source_ids=tuple(dict.fromkeys(ids)))


def _timeline_slide(data, tables, state, today) -> ChartSlide | None:
    from components import headlines as hl
    from components.timeline import default_window, drawable, events_in_view, timeline_figure

    if not _ok(data, "events"):
        return None
    events = events_in_view(data["events"], tables, state)
    shown = drawable(events)
    if shown.empty:
        return None
    sources = data["sources"]
    window = None if (state.start or state.end) else default_window(today)
    fig = timeline_figure(events, sources, data["statuses"], window=window, today=today)
    if window is not None:
        lo, hi = pd.Timestamp(window[0]), pd.Timestamp(window[1])
        in_window = shown[(shown["x1"] >= lo) & (shown["x0"] <= hi)]
    else:
        in_window = shown
    in_window = in_window if not in_window.empty else shown
    ids = list(in_window["source_id"])
    line = sourced_line(sources, ids)
    accounts = events[events["same_as"].notna() & events["same_as"].isin(in_window["event_id"])]
    titles = dict(zip(events["event_id"], events["title"]))
    disagree = [
        f"{titles.get(r['same_as'], r['same_as'])}: also told by "
        f"{source_label(sources, r['source_id'])} as “{r['title']}”, "
        f"{fmt.date(r['start_date'], r['date_precision'])}."
        for _, r in accounts.iterrows()]
    visit = hl.latest_state_visit(data["events"], *PAIR)
    if visit is not None and visit["event_id"] in set(in_window["event_id"]):
        claims = hl.counts_by_claim(tables["agreements"], visit["event_id"])
        if len(claims) > 1:
            disagree.append(
                f"Documents signed at {visit['title']}, as each source counts them: "
                + "; ".join(f"{fmt.count(c['count'], c['qualifier'])} ("
                            + ", ".join(source_label(sources, s) for s in c["source_ids"]) + ")"
                            for c in claims) + ".")
        ids += [s for c in claims for s in c["source_ids"]]
    first, last = in_window["start_date"].min(), in_window["end_date"].max()
    summary = (f"{len(in_window)} events from {first:%b %Y} to {last:%b %Y}"
               + (" (the last four years; the full history is in the app)"
                  if window is not None else "") + ".")
    notes = _join_notes(line, summary,
                        "Accounts and counts that differ between sources:" if disagree else "",
                        _at_most(disagree, "the app's Timeline page lists every event"))
    return ChartSlide(title="Visits, summits and milestones", figure=fig, source_line=line,
                      notes=notes, summary=summary,
                      source_ids=tuple(dict.fromkeys(i for i in ids if isinstance(i, str))))


def map_slide(dataset, filter_state: FilterState | None = None) -> ChartSlide | None:
    """The static corridor map of the view as a slide: the corridors the filters select (all
    route, feeder and network corridors when none is chosen), sourced by its segments and
    places. None when the map's tables failed validation."""
    from components.corridor_map import names_fit, segment_ends
    from components.geometry import segment_lines
    from components.static_map import CAPTION, INDICATIVE, static_map_figure

    if not _ok(dataset, "segments", "places", "statuses"):
        return None
    state = filter_state or FilterState()
    tables = _tables(dataset, state)
    corridor_ids = state.corridors or None
    # coloured: the view's segments; grey: every other segment of the data
    fig = static_map_figure(dataset, corridor_ids, segments=tables["segments"],
                            width=MAP_PX[0], height=MAP_PX[1])
    segs = tables["segments"]
    if corridor_ids:
        segs = segs[segs["corridor_id"].isin(corridor_ids)]
    else:
        roles = dict(zip(tables["corridors"]["corridor_id"], tables["corridors"]["role"]))
        segs = segs[segs["corridor_id"].map(roles).ne("context")]
    all_lines = segment_lines(dataset["segments"], dataset["places"])  # memoised, as the map's
    drawn = all_lines[all_lines["segment_id"].isin(set(segs["segment_id"]))]
    stops = {p for path in drawn["stops"] for p in path}
    places = tables["places"][tables["places"]["place_id"].isin(stops)]
    ids = [*segs["source_id"], *places["source_id"]]
    line = sourced_line(tables["sources"], ids)
    line = (line + "; " if line else "Sources: ") + "country outlines: Natural Earth"
    names = dict(zip(tables["places"]["place_id"], tables["places"]["name"]))
    labels = dict(zip(tables["statuses"]["status_id"], tables["statuses"]["label"]))
    per_segment = [
        f"{names.get(r['from_place'], r['from_place'])} – {names.get(r['to_place'], r['to_place'])}"
        f": {labels.get(r['status'], r['status'])}"
        + (f", stated {fmt.length_km(r['stated_length_km'])}"
           if pd.notna(r["stated_length_km"]) else "")
        + (f", cost {fmt.money(r['cost_usd'])}" if pd.notna(r["cost_usd"]) else "")
        + f" ({source_label(tables['sources'], r['source_id'])})"
        for _, r in segs.head(NOTES_MAX_ITEMS).iterrows()]
    ends = len(segment_ends(segs))
    unnamed = ("" if names_fit(ends) else f"Places are not named on this map: {ends:,} segment "
               "ends are too many to label legibly.")
    notes = _join_notes(line, CAPTION, INDICATIVE, unnamed, "Segments as drawn:",
                        _at_most(per_segment, "segments.csv of the data has them all",
                                 total=len(segs)),
                        "The routes' stated lengths and costs, where sources differ, are in the "
                        "notes of the route kilometres slide.")
    return ChartSlide(title="Rail corridors from Kazakhstan to the Arabian Sea", figure=fig,
                      source_line=line, notes=notes,
                      source_ids=tuple(dict.fromkeys(i for i in ids if isinstance(i, str))))


def view_pack(dataset, filter_state: FilterState | None, *, link: str, filters_text: str,
              title: str = "Pakistan–Kazakhstan: trade, corridors and visits"
              ) -> tuple[bytes, bytes]:
    """(PPTX, PDF) briefing pack of the view: the standard chart slides, the static corridor
    map, and the sources, under a title slide with the filters in words, the data's date (its
    newest source) and the link to the view."""
    from components.headlines import as_of

    slides = default_slides(dataset, filter_state)
    mapped = map_slide(dataset, filter_state)
    cited = [*slides, mapped] if mapped is not None else slides
    return build_packs(slides, title=title, filters_text=filters_text,
                       data_date=as_of(dataset["sources"]), link=link,
                       sources_rows=pack_sources(dataset["sources"], cited), map_fig=mapped)
