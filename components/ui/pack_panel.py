"""The sidebar's briefing pack: the current view as a PPTX deck and a PDF, built on click."""

from __future__ import annotations

import streamlit as st

from components.analysis.memo import by_identity
from components.figures.images import images_available
from components.pack.build import view_pack
from components.sections.base import Context


@by_identity(maxsize=4)  # a pack is a few MB; the data are compared by identity
def _pack(ctx: Context, version: str, link: str, words: str) -> tuple[bytes, bytes]:
    """The pack of a view, built once per (data, filters, link); PPTX and PDF from one
    rendering. `version` keys the data's content as well as its object."""
    return view_pack(ctx, link=link, filters_text=words)


def pack_panel(ctx: Context, version: str, link: str, words: str) -> None:
    """Two buttons: the briefing pack of this view as PowerPoint and as PDF."""
    st.subheader("Briefing pack")
    available, reason = images_available()
    if not available:
        st.caption(reason)
        return
    st.caption("This view's charts, the corridor map, the sources and the link, every slide "
               "with its source footer; speaker notes carry the figures sources disagree on. "
               "Takes a few seconds.")
    left, right = st.columns(2)
    left.download_button("PPTX", lambda: _pack(ctx, version, link, words)[0],
                         "briefing_pack.pptx",
                         "application/vnd.openxmlformats-officedocument.presentationml"
                         ".presentation", key="pack_pptx", icon=":material/slideshow:",
                         on_click="ignore", width="stretch")
    right.download_button("PDF", lambda: _pack(ctx, version, link, words)[1],
                          "briefing_pack.pdf", "application/pdf", key="pack_pdf",
                          icon=":material/picture_as_pdf:", on_click="ignore", width="stretch")
