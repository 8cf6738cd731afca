"""The briefing pack's page model, shared by its PPTX and its PDF. Pure.

Pages, in order: a title page (title, the filters in words, the data's date, the link to the
view); one page per slide (sections.base.Slide: its picture from figures.images, with its
source inside and its title above it, at the chart's or the map's size); the sources, as many
pages as they need. Every page has a source footer; its notes carry the sources and the
figures the sources disagree on. All text from the data is set as plain text (python-pptx
runs, fpdf2 cells): nothing is parsed as markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from components.analysis import formatting as fmt
from components.analysis.labels import text_width
from components.analysis.sourcing import source_label, source_title, source_url, source_via
from components.figures.images import figure_image
from components.figures.style import PROJECTOR, for_projector
from components.sections.base import SLIDE_PX, SLIDE_SUMMARY_PX, Slide, join_notes

APP_NAME = "Central–South Asia trade-corridor dashboard"
SLIDE_W_EMU, SLIDE_H_EMU = 12_192_000, 6_858_000  # 16:9, PowerPoint's widescreen
SLIDE_W_IN, SLIDE_H_IN = SLIDE_W_EMU / 914_400, SLIDE_H_EMU / 914_400
MARGIN_IN = 0.5
FOOTER_TOP_IN, FOOTER_H_IN = 6.82, 0.55
# Pictures are rendered at sections.base.SLIDE_PX and `IMAGE_SCALE`× for sharpness.
IMAGE_SCALE = 2
FOOTER_MAX_CHARS = 330
SOURCE_LIST_PT = 11
SOURCE_CHARS_PER_LINE = 150  # at 11 pt across 12.3 in (generous: wraps come early)
SOURCE_LINES_PER_SLIDE = 24  # 5.4 in of 11 pt lines with paragraph spacing
FOOTER_NAME = "Source footer"


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


def _date_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "unknown"
    if isinstance(value, str):
        return value
    return fmt.date(value)


# --- rendering shared by the PPTX and the PDF --------------------------------------------------


@dataclass
class PackPage:
    """One page of the pack, as the PPTX and the PDF lay it out.

    kind: 'title', 'chart', 'map' or 'sources'; title, footer, notes, summary: plain text;
    picture: PNG bytes rendered at picture_px (CSS px, IMAGE_SCALE times over); lines: the
    title page's lines or a sources page's rows; link: the view's address (a hyperlink).
    """

    kind: str
    title: str
    footer: str
    notes: str
    summary: str = ""
    picture: bytes | None = None
    picture_px: tuple[int, int] | None = None
    lines: tuple[str, ...] = ()
    link: str = ""


def pages(slides: Sequence[Slide], *, title: str, filters_text: str, data_date: object,
          link: str, sources_rows: Sequence[str]) -> list[PackPage]:
    """The pack's pages: the title page, one per slide, then the sources (pack_sources' rows)."""
    rows = [clean(r) for r in sources_rows if clean(r).strip()]
    when = _date_text(data_date)
    out = [PackPage(
        kind="title", title=clean(title),
        lines=(clean(filters_text), f"Data as of {when} (the newest source)",
               f"Link to this view: {clean(link)}" if link else "",
               f"Made {fmt.date(dt.date.today())} with the {APP_NAME}"),
        link=clean(link),
        footer=(f"Source: {APP_NAME}, data as of {when}. Every slide names its sources; "
                "all are listed on the last slide."),
        notes=join_notes(
            f"Filters: {clean(filters_text)}", f"Data as of {when}.",
            f"Link to this view: {clean(link)}" if link else "",
            "Each chart slide's notes list its sources and the figures the sources disagree "
            "on; the last slide lists every source cited."))]
    out += [_slide_page(s) for s in slides]
    chunks = paginate_sources(rows) or [["No sources are cited in this view."]]
    for i, chunk in enumerate(chunks, start=1):
        name = "Sources" if len(chunks) == 1 else f"Sources ({i} of {len(chunks)})"
        out.append(PackPage(
            kind="sources", title=name, lines=tuple(chunk),
            footer=(f"Sources: {len(rows)} cited in this pack, listed by publisher; each slide's "
                    "footer and notes name the ones behind it."),
            notes=join_notes(f"{len(rows)} sources are cited in this pack.",
                             "Sources on this slide:", chunk)))
    return out


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


def _slide_page(s: Slide) -> PackPage:
    """A slide's page: its picture across the content area (SLIDE_PX; the map is drawn at that
    size), its footer and notes (the source line first, when the notes do not already hold
    it)."""
    picture, px = slide_picture(s)
    notes = clean(s.notes).strip()
    if clean(s.source_line).strip() and clean(s.source_line).strip() not in notes:
        notes = join_notes(clean(s.source_line), notes)
    return PackPage(kind="map" if s.kind == "map" else "chart", title=clean(s.title),
                summary=clean(s.summary), footer=footer_text(s.source_line),
                notes=notes or footer_text(s.source_line), picture=picture, picture_px=px)


def slide_picture(s: Slide, fmt: str = "png") -> tuple[bytes, tuple[int, int]]:
    """The slide's picture (PNG at IMAGE_SCALE, or SVG) and its size in px: the map at the
    slide's size (it draws its own type), a chart at projector type with a long legend in two
    columns; the source line inside, no title (the slide's stands above it: twice read as a
    mistake; the source stays so that a picture copied out of the deck keeps it)."""
    px = SLIDE_SUMMARY_PX if clean(s.summary) and s.kind != "map" else SLIDE_PX
    figure = s.figure if s.kind == "map" else _two_column_legend(for_projector(s.figure))
    return figure_image(figure, title="", source_line=clean(s.source_line), fmt=fmt,
                        width=px[0], height=px[1], scale=IMAGE_SCALE if fmt == "png" else 1), px


#: a horizontal legend with more entries than this is laid out in two columns on a slide: at
#: projector sizes its long entries went one to a line and took the chart's height
LEGEND_ONE_ROW = 5


def _two_column_legend(fig, width: int = SLIDE_PX[0]):
    """`fig` (a copy, changed in place) with a long horizontal legend in two columns, when
    every entry fits in half the picture's `width` (px) at the legend's type size."""
    names = {t.name for t in fig.data if t.showlegend is not False and t.name}
    size = fig.layout.legend.font.size or PROJECTOR["legend"]
    fits = all(40 + text_width(str(n), size) <= width / 2 - 20 for n in names)
    if fig.layout.legend.orientation == "h" and len(names) > LEGEND_ONE_ROW and fits:
        fig.update_layout(legend_entrywidthmode="fraction", legend_entrywidth=0.5)
    return fig


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
    via = source_via(sources, source_id)
    if via:
        parts.append(f"read via {via}")
    return clean(" — ".join(parts))


def pack_sources(sources: pd.DataFrame, slides: Iterable[Slide]) -> list[str]:
    """The sources slide's rows: every source the slides cite (Slide.source_ids), one row
    each ('Publisher, date — Title — URL'), sorted by publisher."""
    ids = list(dict.fromkeys(sid for s in slides for sid in s.source_ids if isinstance(sid, str)))
    rows = dict.fromkeys(_source_row(sources, sid) for sid in ids)
    return sorted(rows, key=str.casefold)


def _fit(px: tuple[int, int], box_w: float, box_h: float) -> tuple[float, float]:
    ratio = px[0] / px[1]
    return (box_w, box_w / ratio) if box_w / ratio <= box_h else (box_h * ratio, box_h)


def picture_box(page: PackPage) -> tuple[float, float, float, float]:
    """(left, top, width, height) in inches for the page's picture, centred below the title."""
    top = 1.75 if page.summary else 1.2
    box_w, box_h = SLIDE_W_IN - 2 * MARGIN_IN, FOOTER_TOP_IN - 0.1 - top
    w, h = _fit(page.picture_px or (16, 9), box_w, box_h)
    return (SLIDE_W_IN - w) / 2, top, w, h
