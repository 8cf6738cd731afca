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
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.analysis import formatting as fmt
from components.analysis.sourcing import source_label, source_title, source_url
from components.figures.images import figure_image

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


def _fit(px: tuple[int, int], box_w: float, box_h: float) -> tuple[float, float]:
    ratio = px[0] / px[1]
    return (box_w, box_w / ratio) if box_w / ratio <= box_h else (box_h * ratio, box_h)


def _picture_box(page: _Page) -> tuple[float, float, float, float]:
    """(left, top, width, height) in inches for the page's picture, centred below the title."""
    top = 1.75 if page.summary else 1.2
    box_w, box_h = SLIDE_W_IN - 2 * MARGIN_IN, FOOTER_TOP_IN - 0.1 - top
    w, h = _fit(page.picture_px or (16, 9), box_w, box_h)
    return (SLIDE_W_IN - w) / 2, top, w, h
