"""Deal pipeline and agreement aggregations."""


from components.analysis.deals import (
    counts_per_event,
    pipeline,
    sector_status_counts,
    sectors_named,
)


def test_pipeline_one_row_per_deal_at_its_furthest_status(data):
    pipe = pipeline(data["deals"], data["statuses"]).set_index("deal_key")
    assert pipe.index.is_unique and len(pipe) == data["deals"]["deal_key"].nunique()
    herat = pipe.loc["kz_torghundi_herat_funding"]  # announced, then signed
    assert herat["status"] == "signed" and herat["claims"] == 2
    buses = pipe.loc["falcon_ebuses"]
    assert (buses["quantity"], buses["quantity_unit"]) == (600, "electric buses")
    assert buses["low_usd"] == buses["high_usd"] == 108e6
    plan = pipe.loc["falcon_buses_2027"]
    assert plan["quantity"] == 2000 and plan["status"] == "announced"
    ranks = list(pipeline(data["deals"], data["statuses"])["rank"])
    assert ranks == sorted(ranks, reverse=True)


def test_sector_status_counts_add_up(data):
    pipe = pipeline(data["deals"], data["statuses"])
    counts = sector_status_counts(pipe)
    assert counts["deals"].sum() == len(pipe)
    assert counts.set_index(["sector_id", "status"]).at[("rail", "signed"), "deals"] == 2


def test_counts_per_event_keep_37_and_36_apart(data):
    per = counts_per_event(data["agreements"])
    visit = per[(per["event_id"] == "tokayev_state_visit_2026") & (per["kind"] == "mou_package")]
    counts = dict(zip(visit["count"], visit["sources"]))
    assert counts[36] == 1 and counts[37] >= 6


def test_sectors_named_counts_distinct_sources(data):
    named = sectors_named(data["agreements"], "tokayev_state_visit_2026").set_index("sector_id")
    assert named.at["rail", "sources"] == len(set(named.at["rail", "source_ids"]))
    assert named["sources"].is_monotonic_decreasing


def test_empty_inputs_give_empty_frames(data):
    empty = data["deals"].iloc[0:0]
    assert pipeline(empty, data["statuses"]).empty
    assert sector_status_counts(pipeline(empty, data["statuses"])).empty
    assert counts_per_event(data["agreements"].iloc[0:0]).empty


# --- The page's tables, built once per filter state -------------------------------------------

def _claims_as_before(deals, sources):
    """The deal-claims table as the page built it on every rerun before it was memoised."""
    import pandas as pd

    from components.analysis import formatting as fmt
    from components.analysis.sourcing import source_label

    claims = deals.assign(
        source=lambda f: [source_label(sources, s) for s in f["source_id"]],
        amount=lambda f: [fmt.money(v, q) if pd.notna(v) else
                          f"{fmt.local_money(lv, c)} (not converted)" if pd.notna(lv) else ""
                          for v, q, lv, c in zip(f["value_usd"], f["value_qualifier"],
                                                 f["local_value"], f["local_currency"])],
        quantity_text=lambda f: [f"{fmt.number(q)} {u}" if pd.notna(q) else ""
                                 for q, u in zip(f["quantity"], f["quantity_unit"])])
    return claims[["title", "party", "counterparty", "amount", "quantity_text", "status",
                   "date", "source", "quote"]]


def _counts_as_before(agreements, events, sources):
    """The agreements-per-event table as the page built it on every rerun before."""
    from components.analysis import formatting as fmt
    from components.analysis.deals import AGREEMENT_KIND_LABEL
    from components.analysis.sourcing import source_label

    per_event = counts_per_event(agreements)
    titles = dict(zip(events["event_id"], events["title"]))
    dates = dict(zip(events["event_id"], events["start_date"]))
    per_event = per_event.assign(
        event=per_event["event_id"].map(titles),
        date=per_event["event_id"].map(dates),
        kind=per_event["kind"].map(lambda k: AGREEMENT_KIND_LABEL.get(k, k)),
        reported=[f"{fmt.count(n, q)} ({k} source{'s' if k > 1 else ''})"
                  for n, q, k in zip(per_event["count"], per_event["count_qualifier"],
                                     per_event["sources"])],
        by=[", ".join(source_label(sources, s) for s in ids) for ids in per_event["source_ids"]],
    ).sort_values(["date", "count"], ascending=[False, False])
    return per_event[["date", "event", "kind", "reported", "by"]]


def test_deal_claims_table_gives_the_rows_it_gave_and_is_built_once(data):
    from pandas.testing import assert_frame_equal

    from components.analysis.deals import deal_claims_table

    table = deal_claims_table(data["deals"], data["sources"])
    assert_frame_equal(table, _claims_as_before(data["deals"], data["sources"]))
    buses = table[table["title"].str.contains("electric buses")].iloc[0]
    assert (buses["amount"], buses["quantity_text"]) == ("$108M", "600 electric buses")
    # money stated in afghanis stays in afghanis, never shown as dollars
    design = table[table["title"] == "Detailed design of the Herat–Kandahar railway"].iloc[0]
    assert (design["amount"], design["quantity_text"]) == ("264M AFN (not converted)",
                                                           "737.5 km of railway to design")
    assert deal_claims_table(data["deals"], data["sources"]) is table  # no per-row work again
    assert list(deal_claims_table(data["deals"].iloc[0:0], data["sources"]).columns) == list(
        table.columns)


def test_agreement_counts_table_gives_the_rows_it_gave_and_is_built_once(data):
    from pandas.testing import assert_frame_equal

    from components.analysis.deals import agreement_counts_table

    args = data["agreements"], data["events"], data["sources"]
    table = agreement_counts_table(*args)
    assert_frame_equal(table, _counts_as_before(*args))
    visit = table[table["event"] == "President Tokayev's state visit to Pakistan"]
    assert {"37 (7 sources)", "36 (1 source)"} <= set(visit["reported"])
    assert agreement_counts_table(*args) is table


def test_pipeline_table_and_source_ids_are_shared_per_pipeline(data):
    from components.analysis.deals import event_source_count, pipeline_source_ids, pipeline_table

    pipe = pipeline(data["deals"], data["statuses"])
    assert pipeline_table(pipe) is pipeline_table(pipe)
    assert list(pipeline_table(pipe).columns) == ["date", "title", "sector_id", "status_label",
                                                  "high_usd"]
    ids = pipeline_source_ids(pipe)
    assert ids is pipeline_source_ids(pipe) and len(ids) == pipe["source_ids"].map(len).sum()
    assert event_source_count(data["agreements"], "tokayev_state_visit_2026") >= 8


def test_sources_per_group_are_distinct_in_first_seen_order():
    import pandas as pd

    from components.analysis.deals import _first_seen_lists

    frame = pd.DataFrame({"k": ["b", "a", "b", "a", None, "b"],
                          "source_id": ["s2", "s1", "s2", "s3", "s9", "s1"]})
    heads, lists = _first_seen_lists(frame, ["k"], "source_id")
    assert list(heads["k"]) == ["b", "a"]  # first seen; the row without a key is left out
    assert lists == [["s2", "s1"], ["s1", "s3"]]
    heads, lists = _first_seen_lists(frame.iloc[0:0], ["k"], "source_id")
    assert heads.empty and lists == []
