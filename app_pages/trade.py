"""Trade & deals: trade against targets (both reporters), deals by sector and status, agreements."""

import streamlit as st

from components.analysis.deals import (
    agreement_counts_table,
    deal_claims_table,
    event_source_count,
    pipeline,
    pipeline_source_ids,
    pipeline_table,
    sector_status_counts,
    sectors_named,
)
from components.analysis.filters import describe, label_maps
from components.analysis.headlines import latest_state_visit
from components.analysis.summaries import (
    deadline_dispute,
    deals_summary,
    gap_cards,
    sectors_summary,
    trade_summary,
)
from components.analysis.trade import (
    NO_DEADLINES,
    WHY_REPORTERS_DIFFER,
    annual_series,
    chart_source_ids,
    latest_claims,
    series_table,
    stated_deadlines,
    statements,
)
from components.figures.trade import (
    deals_over_time_figure,
    deals_status_figure,
    sectors_named_figure,
    trade_figure,
)
from components.ui.blocks import broken_notice, nothing, table
from components.ui.charts import chart
from components.ui.present import page_title, shows
from components.ui.state import dataset, filter_state, view
from components.ui.text import md_escape

data = dataset()
tables = view()
state = filter_state()
sources = data["sources"]
sector_labels, corridor_labels = label_maps(data["sectors"], data["corridors"])

page_title("Trade & deals")
st.caption(md_escape(describe(state, sector_labels, corridor_labels)))


def trade_block(a: str, b: str, name: str, key: str) -> bool:
    """One pair's trade chart and its gaps to target. False when the view holds no figures."""
    flows, targets = tables["trade_flows"], tables["trade_targets"]
    series = annual_series(flows, a, b)
    stated = statements(flows, a, b)
    target, groups = latest_claims(flows, targets, a, b)
    if series.empty and stated.empty:
        nothing(f"{name} trade figures")
        return False
    deadlines = stated_deadlines(targets, target) if target is not None else NO_DEADLINES
    # one card per claim of each reporter's latest year, or its range when there are many
    cards = gap_cards(groups, target, deadlines, sources) if target is not None else []
    if cards:
        for col, card in zip(st.columns(len(cards)), cards):
            with col:
                # the value is markdown too: a range of approximate figures ('~$360M–~$599M')
                # would otherwise be struck through
                st.metric(md_escape(card.label), md_escape(card.value), help=card.help)
                for line in card.lines:
                    st.caption(md_escape(line))
        if len(deadlines) > 1:
            st.caption(md_escape(deadline_dispute(deadlines, sources)))
    chart(trade_figure(series, stated, target, sources, f"{name} trade against its target",
                       deadlines),
          summary=trade_summary(series, groups, target, name), sources=sources,
          source_ids=chart_source_ids(series, stated, target, deadlines),
          data=series_table(series), filename=f"{key}_trade_vs_target", key=f"{key}_trade")
    return True


if shows("trade"):
    st.header("Trade against targets")
    if broken_notice(data, "trade_flows", "trade_targets"):
        if trade_block("KAZ", "PAK", "Pakistan–Kazakhstan", "pak_kaz"):
            st.caption("Why the lines differ: " + WHY_REPORTERS_DIFFER)
        st.subheader("Comparison: Pakistan–Uzbekistan")
        trade_block("PAK", "UZB", "Pakistan–Uzbekistan", "pak_uzb")

if shows("deals"):
    st.header("Deals and investments")
    if broken_notice(data, "deals", "statuses"):
        pipe = pipeline(tables["deals"], data["statuses"])
        if pipe.empty:
            nothing("deals")
        else:
            counts = sector_status_counts(pipe)
            ids = pipeline_source_ids(pipe)
            chart(deals_status_figure(counts, sector_labels, data["statuses"]),
                  summary=deals_summary(pipe, sector_labels), sources=sources, source_ids=ids,
                  data=counts, filename="deals_by_sector_and_status", key="deals_status")
            st.subheader("Over time")
            chart(deals_over_time_figure(pipe, sector_labels, sources),
                  summary=(f"Deals dated from {pipe['date'].min():%b %Y} to "
                           f"{pipe['date'].max():%b %Y}, each at its furthest reported status."),
                  sources=sources, source_ids=ids, data=pipeline_table(pipe),
                  filename="deals_over_time", key="deals_time")
            st.subheader("Every deal claim")
            table(deal_claims_table(tables["deals"], sources), "deal_claims",
                  column_config={"title": "Deal", "party": "Party", "counterparty": "Counterparty",
                                 "amount": "Value", "quantity_text": "Quantity",
                                 "status": "Status",
                                 "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
                                 "source": "Source", "quote": "Quote"})

if shows("agreements"):
    st.header("Agreements")
    if broken_notice(data, "agreements", "events"):
        agreements = tables["agreements"]
        if agreements.empty:
            nothing("agreements")
        else:
            st.markdown("Documents signed at each event, as each source counts them:")
            table(agreement_counts_table(agreements, data["events"], sources),
                  "agreement_counts",
                  column_config={"date": st.column_config.DateColumn("Date",
                                                                     format="YYYY-MM-DD"),
                                 "event": "Event", "kind": "Kind",
                                 "reported": "Count as reported", "by": "Reported by"})
            visit = latest_state_visit(data["events"], "KAZ", "PAK")
            if visit is not None:
                named = sectors_named(agreements, visit["event_id"])
                n_sources = event_source_count(agreements, visit["event_id"])
                st.subheader(md_escape(f"Sectors of the agreements: {visit['title']}"))
                if named.empty:
                    nothing("sector lists for these agreements")
                else:
                    chart(sectors_named_figure(named, sector_labels, sources),
                          summary=sectors_summary(named, sector_labels, n_sources),
                          sources=sources,
                          source_ids=[s for ids in named["source_ids"] for s in ids],
                          data=named, filename="state_visit_agreement_sectors", key="sectors")
