"""The sidebar's briefing pack: the current view as a PPTX deck and a PDF, built on click."""

from __future__ import annotations

import threading
from collections import OrderedDict

import streamlit as st

from components.briefing_pack import view_pack
from components.filters import FilterState
from components.images import images_available
from components.loader import Dataset

_built: OrderedDict[tuple, tuple[bytes, bytes]] = OrderedDict()
_lock = threading.Lock()
KEEP = 4  # packs kept in memory, most recent first (each is a few MB)


def _pack(data: Dataset, version: str, state: FilterState, link: str, words: str
          ) -> tuple[bytes, bytes]:
    """Build (or reuse) the pack of a view; PPTX and PDF come from one rendering."""
    key = (version, state, link, words)
    with _lock:
        if key in _built:
            _built.move_to_end(key)
            return _built[key]
    pack = view_pack(data, state, link=link, filters_text=words)
    with _lock:
        _built[key] = pack
        while len(_built) > KEEP:
            _built.popitem(last=False)
    return pack


def pack_panel(data: Dataset, version: str, state: FilterState, link: str, words: str) -> None:
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
    left.download_button("PPTX", lambda: _pack(data, version, state, link, words)[0],
                         "briefing_pack.pptx",
                         "application/vnd.openxmlformats-officedocument.presentationml"
                         ".presentation", key="pack_pptx", icon=":material/slideshow:",
                         on_click="ignore", width="stretch")
    right.download_button("PDF", lambda: _pack(data, version, state, link, words)[1],
                          "briefing_pack.pdf", "application/pdf", key="pack_pdf",
                          icon=":material/picture_as_pdf:", on_click="ignore", width="stretch")
