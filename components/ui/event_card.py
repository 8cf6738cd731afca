"""The card of one event: what it was, who took part, and what the data links to it."""

from __future__ import annotations

import streamlit as st

from components.analysis.events import linked_items, when
from components.analysis.sourcing import source_label, source_url
from components.analysis.vocabulary import corridor_names, status_labels
from components.data.loader import Dataset
from components.ui.blocks import claims_table, source_block
from components.ui.text import md_escape


def event_card(event_id: str, data: Dataset) -> None:
    """Summary, participants, outcomes and linked deals/agreements/figures, each sourced."""
    events = data["events"]
    match = events[events["event_id"] == event_id]
    if match.empty:
        st.info("That event is not in the data.")
        return
    ev = match.iloc[0]
    statuses = status_labels(data["statuses"])
    st.subheader(md_escape(ev["title"]))
    meta = [when(ev), statuses.get(ev["status"], ev["status"])]
    if isinstance(ev["location"], str):
        meta.append(ev["location"])
    st.caption(md_escape(" · ".join(meta)))
    if isinstance(ev["leaders"], str):
        st.markdown(md_escape("Participants: " + ev["leaders"].replace(";", ", ")))
    if isinstance(ev["summary"], str):
        st.markdown(md_escape(ev["summary"]))
    sources = data["sources"]
    source_block(source_label(sources, ev["source_id"]), ev["quote"],
                 source_url(sources, ev["source_id"]))
    links = linked_items(event_id, data.tables)
    if not links["accounts"].empty:
        st.markdown("**Other sources' accounts of this event**")
        accounts = links["accounts"].assign(
            dates=lambda f: [when(r) for _, r in f.iterrows()])
        claims_table(accounts, {"title": "As reported", "dates": "Dates"}, sources)
    outcomes = [
        ("agreements", "Agreements signed", {"title": "Agreement", "count": "Documents",
                                             "count_qualifier": "Qualifier"}),
        ("deals", "Deals", {"title": "Deal", "party": "Party", "value_usd": "US$",
                            "quantity": "Quantity", "quantity_unit": "Unit",
                            "status": "Status"}),
        ("people", "People figures", {"label": "Figure", "value": "Value", "unit": "Unit"}),
        ("trade_targets", "Trade targets stated", {"target_usd": "Target US$",
                                                   "deadline_text": "Deadline",
                                                   "stated_by": "Stated by"}),
    ]
    produced = False
    for name, heading, columns in outcomes:
        frame = links[name]
        if frame.empty:
            continue
        produced = True
        st.markdown(f"**{heading}** ({len(frame)})")
        claims_table(frame, columns, sources)
    if not produced:
        st.caption("The data links no deals, agreements or figures to this event.")
    if isinstance(ev["corridors"], str):
        names = corridor_names(data["corridors"])
        st.caption(md_escape("Corridors: " + ", ".join(
            names.get(c, c) for c in ev["corridors"].split(";"))))
