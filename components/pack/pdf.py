"""The briefing pack as a PDF (fpdf2), one 16:9 page a slide. Text goes in as plain cells."""

from __future__ import annotations

import io
from pathlib import Path

from components.pack.model import (
    APP_NAME,
    FOOTER_TOP_IN,
    MARGIN_IN,
    SLIDE_H_IN,
    SLIDE_W_IN,
    SOURCE_LIST_PT,
    PackPage,
    clean,
    picture_box,
)

FONT_CANDIDATES = (  # a Unicode TTF for the PDF (en dashes, arrows, non-Latin names)
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
)




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


def write_pdf(pages: list[PackPage]) -> bytes:
    """The pages as a PDF, one 16:9 page each (speaker notes have no place on a PDF page: the
    footers name each page's sources and the last page(s) list them all), its bytes."""
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
                left, top, w, h = picture_box(page)
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
