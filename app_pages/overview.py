"""Overview: the headline figures, each with its source and date, responding to the filters."""

import streamlit as st

from components.analysis import formatting as fmt
from components.analysis import headlines as hl
from components.analysis.filters import describe, label_maps
from components.analysis.sourcing import source_label
from components.analysis.summaries import deadline_dispute, named_sources
from components.analysis.trade import WHY_REPORTERS_DIFFER, stated_deadlines
from components.ui.blocks import broken_notice, claims_table, nothing, opened, sourced_caption
from components.ui.event_card import latest_list
from components.ui.present import page_title, shows
from components.ui.state import dataset, filter_state, view
from components.ui.text import md_escape

PAIR = ("KAZ", "PAK")
STUDENT_LINES = 5  # student figures listed under the card; the rest are on People & education

data = dataset()
tables = view()
sources = data["sources"]
state = filter_state()

page_title("Pakistan–Kazakhstan at a glance")
as_of = hl.as_of(sources)
sector_labels, corridor_labels = label_maps(data["sectors"], data["corridors"])
st.caption(md_escape(
    f"Data as of {fmt.date(as_of) if as_of else 'unknown'} (newest source) · "
    f"{describe(state, sector_labels, corridor_labels)}"))


def lazy_claims(label: str, key: str, frame, columns: dict[str, str]) -> None:
    """The claims behind a headline in an expander whose table (and CSV) is built and sent only
    once it is opened (a rerun): at 1000× the data these four tables were most of a filter
    change's work and payload, for tables an analyst opens now and then."""
    if box := opened(label, f"overview_{key}"):
        with box:
            claims_table(frame, columns, sources, filename=key)


# --- Trade against the target ------------------------------------------------------------
if shows("trade"):
    with st.container(border=True):
        st.subheader("Trade against the target")
        if broken_notice(data, "trade_flows", "trade_targets"):
            target = hl.current_target(tables["trade_targets"], *PAIR)
            figures = hl.latest_trade(tables["trade_flows"], *PAIR, target)
            if target is not None:
                deadline = (target["deadline_text"] if isinstance(target["deadline_text"], str)
                            else "no deadline given")
                st.markdown(md_escape(
                    f"Target: {fmt.money(target['target_usd'])} a year, {deadline} — stated "
                    f"{fmt.date(target['date_stated'])} by {target['stated_by']}"))
                sourced_caption(sources, [target["source_id"]])
                deadlines = stated_deadlines(tables["trade_targets"], target)
                if len(deadlines) > 1:
                    st.caption(md_escape(deadline_dispute(deadlines, sources)))
            if not figures:
                nothing("trade figures")
            else:
                cols = st.columns(len(figures))
                for col, fig in zip(cols, figures):
                    row = fig.row
                    with col:
                        st.metric(md_escape(fig.label),
                                  fmt.money(row["value_usd"], row["qualifier"]))
                        share = (f" · {fmt.percent(fig.share)} of the target"
                                 if fig.share is not None else "")
                        st.caption(md_escape(f"{row['period_label']}{share}"))
                        st.caption(md_escape(source_label(sources, row["source_id"])))
                st.caption("Why the figures differ: " + WHY_REPORTERS_DIFFER)
            pair_flows = hl.trade_claims(tables["trade_flows"], *PAIR)
            if not pair_flows.empty:
                lazy_claims(f"All {len(pair_flows):,} Pakistan–Kazakhstan trade figures",
                            "trade_claims", pair_flows, {
                                "reporter": "Reporter", "period_label": "Period",
                                "flow": "Flow", "value_usd": "US$", "qualifier": "Qualifier",
                                "basis": "Basis"})

# --- Agreements, deals, students -----------------------------------------------------------
if shows("agreements"):
    left, middle, right = st.columns(3)

    with left, st.container(border=True, height="stretch"):
        st.subheader("Agreements at the state visit")
        if broken_notice(data, "agreements", "events"):
            visit = hl.latest_state_visit(data["events"], *PAIR)
            claims = hl.counts_by_claim(tables["agreements"], visit["event_id"]) if (
                visit is not None) else []
            if not claims:
                nothing("agreement counts for the state visit")
            else:
                main, others = claims[0], claims[1:]
                st.metric(f"MoUs and agreements signed, {fmt.date(visit['start_date'])}",
                          fmt.count(main["count"], main["qualifier"]),
                          help="The count most sources give; other counts are listed below.")
                st.caption(md_escape(visit["title"]))
                for c in claims:
                    n = len(c["source_ids"])
                    st.caption(md_escape(
                        f"{fmt.count(c['count'], c['qualifier'])}: reported by {n:,} "
                        f"source{'s' if n > 1 else ''} — "
                        + named_sources(sources, c["source_ids"])))
                lazy_claims("Each source's count", "agreement_claims",
                            hl.event_agreements(tables["agreements"], visit["event_id"]), {
                                "title": "Agreement", "count": "Count",
                                "count_qualifier": "Qualifier"})

    with middle, st.container(border=True, height="stretch"):
        st.subheader("Deals with a stated value")
        if broken_notice(data, "deals"):
            values = hl.deal_values(tables["deals"])
            if values.empty:
                nothing("deals with a value")
            else:
                low, high = hl.deal_total(values)
                total = fmt.money(low) if low == high else f"{fmt.money(low)}–{fmt.money(high)}"
                deals = fmt.count(len(values), unit="deal" if len(values) == 1 else "deals")
                st.metric(f"Stated values of {deals}, added up", total,
                          help="Each deal counted once; where sources give different values "
                               "for one deal, the sum is shown as a range.")
                for _, deal in values.head(4).iterrows():
                    amount = (fmt.money(deal["low_usd"]) if deal["low_usd"] == deal["high_usd"]
                              else f"{fmt.money(deal['low_usd'])}–{fmt.money(deal['high_usd'])}")
                    st.caption(md_escape(
                        f"{amount} — {deal['title']} ({deal['status']}); "
                        + named_sources(sources, deal["source_ids"])))
                lazy_claims("All deal claims", "deal_claims", tables["deals"], {
                    "title": "Deal", "party": "Party", "value_usd": "US$",
                    "quantity": "Quantity", "quantity_unit": "Unit", "status": "Status"})

    with right, st.container(border=True, height="stretch"):
        st.subheader("Pakistani students in Kazakhstan")
        if broken_notice(data, "people"):
            students = hl.student_claims(tables["people"])
            if students.empty:
                nothing("student figures")
            else:
                top = students.iloc[0]
                st.metric(md_escape(f"As stated {fmt.date(top['date'], top['date_precision'])}"),
                          fmt.count(top["value"], top["qualifier"]))
                # the newest few; at 1000× the data there were 2,000, one caption each
                for _, row in students.head(STUDENT_LINES).iterrows():
                    field = f", mostly {row['field']}" if isinstance(row["field"], str) else ""
                    st.caption(md_escape(
                        f"{fmt.count(row['value'], row['qualifier'])}{field} — "
                        f"{source_label(sources, row['source_id'])}"))
                if len(students) > STUDENT_LINES:
                    more = len(students) - STUDENT_LINES
                    st.page_link("app_pages/people.py", icon=":material/school:",
                                 label=f"{more:,} more student figure{'s' if more > 1 else ''}, "
                                       "each with its source: People & education")

# --- Corridors ------------------------------------------------------------------------------
if shows("routes"):
    with st.container(border=True):
        st.subheader("Rail routes to the Arabian Sea ports")
        if broken_notice(data, "corridor_claims", "corridors"):
            routes = hl.corridor_figures(tables["corridor_claims"], data["corridors"])
            if not routes:
                nothing("corridor figures")
            else:
                cols = st.columns(len(routes))
                for col, entry in zip(cols, routes):
                    with col:
                        st.markdown(f"**{md_escape(entry['corridor']['name'])}**")
                        for key, show in (("length", fmt.length_km), ("cost", fmt.money)):
                            row = entry[key]
                            if row is None:
                                continue
                            lo, hi = entry[f"{key}_range"]
                            spread = "" if lo == hi else f" (sources range {show(lo)}–{show(hi)})"
                            st.metric(f"{key.capitalize()}, latest stated",
                                      show(row["value"], row["qualifier"]))
                            scope = row["scope"] if isinstance(row["scope"], str) else ""
                            st.caption(md_escape(
                                f"{scope}{spread} — {source_label(sources, row['source_id'])}"))
                lazy_claims("Every stated length and cost", "route_claims",
                            hl.route_claims(tables["corridor_claims"]), {
                                "corridor_id": "Corridor", "metric": "Metric",
                                "value": "Value", "qualifier": "Qualifier", "scope": "Scope"})

# --- Latest events --------------------------------------------------------------------------
if shows("latest"):
    with st.container(border=True):
        st.subheader("Latest events")
        if broken_notice(data, "events"):
            latest_list(tables["events"], sources)
            st.page_link("app_pages/timeline.py", label="All events on the timeline",
                         icon=":material/timeline:")
