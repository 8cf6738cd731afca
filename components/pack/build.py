"""The briefing pack of a view: the slides of its sections (the same view models the pages
draw), the static corridor map, and the sources, written as PPTX and as PDF."""

from __future__ import annotations

from collections.abc import Sequence

from components import sections as s
from components.analysis.headlines import as_of_text
from components.pack.model import pack_sources, pages
from components.pack.pdf import write_pdf
from components.pack.pptx import write_pptx
from components.sections.base import Context, Section, Slide
from components.sections.timeline import TimelineControls

#: The pack's title, in the relationship's words (`Relationship.words`).
PACK_TITLE = "{name}: trade, corridors and visits"

#: The pack's slides after its title, in order: each section's slide, when it has one (every
#: relationship side by side only when the data holds more than one).
PACK: tuple[Section, ...] = (s.TRADE, s.RELATIONSHIPS, s.DEALS, s.ROUTES, s.ROUTE_COUNTRIES,
                              s.TIMELINE, s.MAP)


def _controls(section: Section, ctx: Context):
    """The page controls a slide is drawn with: the defaults, except that the timeline shows
    the whole history when the date filter is set (the slide has no 'Recent years' button)."""
    if section is s.TIMELINE:
        return TimelineControls(full_history=bool(ctx.filters.start or ctx.filters.end))
    return None


def view_slides(ctx: Context, sections: Sequence[Section] = PACK) -> list[Slide]:
    """The slides of `sections` for the view: a section whose tables failed validation, or
    that has nothing to show in the view, has none."""
    out = []
    for section in sections:
        if section.usable(ctx.data):
            slide = section.view(ctx, _controls(section, ctx)).slide()
            if slide is not None:
                out.append(slide)
    return out


def build_packs(slides: Sequence[Slide], *, title: str, filters_text: str, data_date: object,
                link: str, sources_rows: Sequence[str]) -> tuple[bytes, bytes]:
    """(PPTX bytes, PDF bytes) of one pack, rendering each picture once.

    slides: in order, after the title slide; filters_text: the filters in words
    (filters.describe); data_date: the data's 'as of' date (date or text); link: the URL of
    the view; sources_rows: the sources slide's rows (model.pack_sources). Renders every
    picture with Chromium (figures.images): raises RuntimeError when images are not available.
    """
    laid_out = pages(slides, title=title, filters_text=filters_text, data_date=data_date,
                     link=link, sources_rows=sources_rows)
    return write_pptx(laid_out), write_pdf(laid_out)


def view_pack(ctx: Context, *, link: str, filters_text: str, title: str | None = None
              ) -> tuple[bytes, bytes]:
    """(PPTX, PDF) briefing pack of the view: its slides (`PACK`) and the sources, under a
    title slide with the filters in words, the data's date (its newest source) and the link."""
    slides = view_slides(ctx)
    return build_packs(slides, title=title or ctx.say(PACK_TITLE),
                       filters_text=filters_text, data_date=as_of_text(ctx.sources), link=link,
                       sources_rows=pack_sources(ctx.sources, slides))
