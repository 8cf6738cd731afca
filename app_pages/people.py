"""People & education: students, universities, forums, delegations: each figure with its source."""

import streamlit as st

from components.analysis import formatting as fmt
from components.analysis.filters import describe, label_maps
from components.analysis.sourcing import source_label, source_url
from components.ui.blocks import broken_notice, claims_table, nothing
from components.ui.present import page_title, shows
from components.ui.state import dataset, filter_state, view
from components.ui.text import md_escape

CARDS = 9  # figure cards per group; more would bury the page (and slow it at scale)

# (section, metrics, heading), in display order
GROUPS = (
    ("students", ("students",), "Students"),
    ("universities", ("university_agreements", "universities", "centres"),
     "Universities and centres"),
    ("forums", ("forum_participants", "business_participants"), "Business forums"),
    ("links", ("delegations", "alumni", "flights_per_week"), "Delegations, alumni and links"),
)

data = dataset()
tables = view()
state = filter_state()
sources = data["sources"]
sector_labels, corridor_labels = label_maps(data["sectors"], data["corridors"])

page_title("People & education")
st.caption(md_escape(describe(state, sector_labels, corridor_labels)))
st.caption("Single figures are shown as figures, each with the source that states it; where "
           "sources give different figures for the same thing, each is shown.")


def figure_card(row) -> None:
    """One sourced figure: value, what it counts, when, and the source with its quote."""
    with st.container(border=True):
        st.markdown(f"**{md_escape(row['label'])}**")
        st.metric(md_escape(row["label"]), fmt.count(row["value"], row["qualifier"], row["unit"]),
                  label_visibility="collapsed")
        details = [fmt.date(row["date"], row["date_precision"])]
        if isinstance(row["field"], str):
            details.append(f"mostly {row['field']}")
        st.caption(md_escape(" · ".join(details)))
        st.caption(md_escape(f"Source: {source_label(sources, row['source_id'])}"))
        st.text(f"“{row['quote']}”")
        if isinstance(row["note"], str):
            st.caption(md_escape(f"Note: {row['note']}"))
        url = source_url(sources, row["source_id"])
        if url:
            st.link_button("Open source", url, icon=":material/open_in_new:")


if broken_notice(data, "people"):
    people = tables["people"]
    if people.empty:
        nothing("people or education figures")
    for section, metrics, heading in GROUPS:
        rows = people[people["metric"].isin(metrics)].sort_values("date", ascending=False)
        if rows.empty or not shows(section):
            continue
        st.subheader(heading)
        cards = rows.head(CARDS)  # the newest as cards; every figure stays in the table below
        cols = st.columns(min(3, len(cards)))
        for i, (_, row) in enumerate(cards.iterrows()):
            with cols[i % len(cols)]:
                figure_card(row)
        if len(rows) > CARDS:
            with st.expander(f"All {len(rows):,} figures"):
                claims_table(rows, {"label": "Figure", "value": "Value", "qualifier": "Qualifier",
                                    "unit": "Unit", "date": "Date"}, sources,
                             filename=f"people_{section}")
