"""The briefing pack as a PowerPoint deck (python-pptx, 16:9). Text is set as runs: never
parsed as markup."""

from __future__ import annotations

import io
from collections.abc import Sequence

from components.pack.model import (
    APP_NAME,
    FOOTER_H_IN,
    FOOTER_NAME,
    FOOTER_TOP_IN,
    MARGIN_IN,
    SLIDE_H_EMU,
    SLIDE_W_EMU,
    SLIDE_W_IN,
    SOURCE_LIST_PT,
    PackPage,
    clean,
    picture_box,
)


def write_pptx(pages: list[PackPage]) -> bytes:
    """The pages as a PowerPoint deck (16:9), its bytes."""
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


def _pptx_common(slide, page: PackPage) -> None:
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


def _pptx_title(prs, page: PackPage) -> None:
    from pptx.enum.text import PP_ALIGN

    slide = prs.slides.add_slide(prs.slide_layouts[0])
    _slide_title(slide, page.title, top=1.7, height=1.5, size=36)
    sub = slide.placeholders[1]
    _place(sub, MARGIN_IN, 3.4, SLIDE_W_IN - 2 * MARGIN_IN, 2.6)
    _set_text(sub.text_frame, page.lines, 18, color=(60, 64, 70), link=page.link)
    for para in sub.text_frame.paragraphs:
        para.alignment = PP_ALIGN.LEFT
    _pptx_common(slide, page)


def _pptx_chart(prs, page: PackPage) -> None:
    from pptx.util import Inches

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _slide_title(slide, page.title)
    if page.summary:
        box = slide.shapes.add_textbox(Inches(MARGIN_IN), Inches(1.05),
                                       Inches(SLIDE_W_IN - 2 * MARGIN_IN), Inches(0.65))
        box.name = "Summary"
        _set_text(box.text_frame, [page.summary], 14, color=(60, 64, 70))
    left, top, w, h = picture_box(page)
    pic = slide.shapes.add_picture(io.BytesIO(page.picture), Inches(left), Inches(top),
                                   Inches(w), Inches(h))
    pic.name = "Chart" if page.kind == "chart" else "Map"
    _pptx_common(slide, page)


def _pptx_sources(prs, page: PackPage) -> None:
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
