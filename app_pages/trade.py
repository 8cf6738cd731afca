"""Trade & deals: trade against targets (both reporters), deals by sector and status, agreements."""

import pandas as pd
import streamlit as st

from components import formatting as fmt
from components.deals import (
    AGREEMENT_KIND_LABEL,
    counts_per_event,
    pipeline,
    sector_status_counts,
    sectors_named,
)
from components.filters import describe, label_maps
from components.headlines import latest_state_visit
from components.sourcing import source_label
from components.summaries import (
    deadline_dispute,
    deals_summary,
    growth_text,
    sectors_summary,
    trade_summary,
)
from components.trade import (
    WHY_REPORTERS_DIFFER,
    annual_series,
    gaps_by_reporter,
    stated_deadlines,
    statements,
)
from components.trade_figures import (
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
    target, gaps = gaps_by_reporter(flows, targets, a, b)
    if series.empty and stated.empty:
        nothing(f"{name} trade figures")
        return False
    deadlines = (stated_deadlines(targets, target) if target is not None
                 else pd.DataFrame(columns=["deadline"]))
    if gaps:
        cols = st.columns(len(gaps))
        for col, (row, g) in zip(cols, gaps):
            with col:
                st.metric(md_escape(f"{row['series'].split(',')[0]}, {row['period_label']}"),
                          fmt.money(row["value_usd"], row["qualifier"]),
                          help="This reporter's latest whole-year figure; the share of the "
                               "target, the gap to it and the growth a year that would close "
                               "it, counted from the end of that year.")
                st.caption(md_escape(f"{fmt.percent(g.share)} of the target; "
                                     f"{fmt.money(g.gap_usd)} short."))
                st.caption(md_escape(growth_text(row, target, deadlines)))
                st.caption(md_escape(source_label(sources, row["source_id"])))
        if len(deadlines) > 1:
            st.caption(md_escape(deadline_dispute(deadlines, sources)))
    ids = [*series["source_id"], *stated["source_id"]]
    if target is not None:
        ids.append(target["source_id"])
        ids += [s for cell in deadlines["source_ids"] for s in cell]
    chart(trade_figure(series, stated, target, sources, f"{name} trade against its target",
                       deadlines),
          summary=trade_summary(series, gaps, target, name), sources=sources, source_ids=ids,
          data=series[["series", "period_label", "value_usd", "qualifier", "basis",
                       "source_id", "quote"]],
          filename=f"{key}_trade_vs_target", key=f"{key}_trade")
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
            ids = [s for cell in pipe["source_ids"] for s in cell]
            chart(deals_status_figure(counts, sector_labels, data["statuses"]),
                  summary=deals_summary(pipe, sector_labels), sources=sources, source_ids=ids,
                  data=counts, filename="deals_by_sector_and_status", key="deals_status")
            st.subheader("Over time")
            chart(deals_over_time_figure(pipe, sector_labels, sources),
                  summary=(f"Deals dated from {pipe['date'].min():%b %Y} to "
                           f"{pipe['date'].max():%b %Y}, each at its furthest reported status."),
                  sources=sources, source_ids=ids,
                  data=pipe[["date", "title", "sector_id", "status_label", "high_usd"]],
                  filename="deals_over_time", key="deals_time")
            st.subheader("Every deal claim")
            claims = tables["deals"].assign(
                source=lambda f: [source_label(sources, s) for s in f["source_id"]],
                amount=lambda f: [fmt.money(v, q) if pd.notna(v) else ""
                                  for v, q in zip(f["value_usd"], f["value_qualifier"])],
                quantity_text=lambda f: [f"{q:,.0f} {u}" if pd.notna(q) else ""
                                         for q, u in zip(f["quantity"], f["quantity_unit"])])
            table(
                claims[["title", "party", "counterparty", "amount", "quantity_text", "status",
                        "date", "source", "quote"]], "deal_claims",
                column_config={"title": "Deal", "party": "Party", "counterparty": "Counterparty",
                               "amount": "Value", "quantity_text": "Quantity", "status": "Status",
                               "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
                               "source": "Source", "quote": "Quote"})

if shows("agreements"):
    st.header("Agreements")
    if broken_notice(data, "agreements", "events"):
        agreements = tables["agreements"]
        if agreements.empty:
            nothing("agreements")
        else:
            per_event = counts_per_event(agreements)
            titles = dict(zip(data["events"]["event_id"], data["events"]["title"]))
            dates = dict(zip(data["events"]["event_id"], data["events"]["start_date"]))
            per_event = per_event.assign(
                event=per_event["event_id"].map(titles),
                date=per_event["event_id"].map(dates),
                kind=per_event["kind"].map(lambda k: AGREEMENT_KIND_LABEL.get(k, k)),
                reported=[f"{fmt.count(n, q)} ({k} source{'s' if k > 1 else ''})"
                          for n, q, k in zip(per_event["count"], per_event["count_qualifier"],
                                             per_event["sources"])],
                by=[", ".join(source_label(sources, s) for s in ids)
                    for ids in per_event["source_ids"]],
            ).sort_values(["date", "count"], ascending=[False, False])
            st.markdown("Documents signed at each event, as each source counts them:")
            table(per_event[["date", "event", "kind", "reported", "by"]], "agreement_counts",
                  column_config={"date": st.column_config.DateColumn("Date",
                                                                     format="YYYY-MM-DD"),
                                 "event": "Event", "kind": "Kind",
                                 "reported": "Count as reported", "by": "Reported by"})
            visit = latest_state_visit(data["events"], "KAZ", "PAK")
            if visit is not None:
                named = sectors_named(agreements, visit["event_id"])
                n_sources = agreements.loc[agreements["event_id"] == visit["event_id"],
                                           "source_id"].nunique()
                st.subheader(md_escape(f"Sectors of the agreements: {visit['title']}"))
                if named.empty:
                    nothing("sector lists for these agreements")
                else:
                    chart(sectors_named_figure(named, sector_labels, sources),
                          summary=sectors_summary(named, sector_labels, n_sources),
                          sources=sources,
                          source_ids=[s for ids in named["source_ids"] for s in ids],
                          data=named, filename="state_visit_agreement_sectors", key="sectors")
