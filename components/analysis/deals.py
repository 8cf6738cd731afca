"""Deals, investments and agreements: pipeline position, sector counts, counts per source."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.analysis import formatting as fmt
from components.analysis.memo import by_identity
from components.analysis.sourcing import source_label, source_labels
from components.analysis.vocabulary import status_labels, status_ranks

#: How each kind of document is named on the page.
AGREEMENT_KIND_LABEL = {
    "mou_package": "Package of agreements and MoUs", "treaty": "Treaty",
    "agreement": "Agreement", "roadmap": "Roadmap", "action_plan": "Action plan",
    "declaration": "Declaration", "protocol": "Protocol",
}


def _first_seen_lists(frame: pd.DataFrame, keys: list[str], column: str
                      ) -> tuple[pd.DataFrame, list[list]]:
    """The distinct `keys` of `frame` in first-seen order (rows with a missing key left out, as
    groupby leaves them), and for each, the distinct values of `column` in first-seen order.

    What `groupby(keys, sort=False)[column].agg(lambda s: list(dict.fromkeys(s)))` gives, with
    no Python call per group: one sort and one split (at 1000× the bundled data, 23,000 groups
    took 0.3 s the other way).
    """
    unique = frame.drop_duplicates([*keys, column])
    codes = unique.groupby(keys, sort=False).ngroup().to_numpy()
    unique, codes = unique[codes >= 0], codes[codes >= 0]
    order = np.argsort(codes, kind="stable")  # groups in first-seen order, rows kept in order
    values = unique[column].to_numpy(dtype=object)[order]
    cuts = np.flatnonzero(np.diff(codes[order])) + 1
    lists = [chunk.tolist() for chunk in np.split(values, cuts)] if len(values) else []
    # ngroup numbers groups in first-seen order (sort=False), as drop_duplicates keeps them
    return unique.drop_duplicates(keys)[keys].reset_index(drop=True), lists


@by_identity()
def pipeline(deals: pd.DataFrame, statuses: pd.DataFrame) -> pd.DataFrame:
    """One row per deal (deal_key) at its furthest reported status.

    Columns: deal_key, title, party, counterparty, sector_id, status, status_label, rank,
    low_usd, high_usd (lowest/highest value claimed; NA when none), quantity, quantity_unit,
    date (of the furthest status), claims (rows), source_ids (list).
    Sorted by rank (furthest along first), then value.
    """
    cols = ["deal_key", "title", "party", "counterparty", "sector_id", "status", "status_label",
            "rank", "low_usd", "high_usd", "quantity", "quantity_unit", "date", "claims",
            "source_ids"]
    if deals.empty:
        return pd.DataFrame(columns=cols)
    rank = status_ranks(statuses, "deal")
    label = status_labels(statuses, "deal")
    rows = deals.assign(rank=deals["status"].map(rank))
    # vectorised: per deal, the claim furthest along (latest on ties) and the value range
    top = (rows.sort_values(["rank", "date"], kind="stable")
           .drop_duplicates("deal_key", keep="last").set_index("deal_key"))
    by_deal = rows.groupby("deal_key", sort=False)
    values = by_deal["value_usd"]
    frame = pd.DataFrame({
        "deal_key": top.index, "title": top["title"].to_numpy(),
        "party": top["party"].to_numpy(), "counterparty": top["counterparty"].to_numpy(),
        "sector_id": top["sector_id"].to_numpy(), "status": top["status"].to_numpy(),
        "status_label": [label.get(s, s) for s in top["status"]],
        "rank": top["rank"].to_numpy(),
        "low_usd": values.min().reindex(top.index).to_numpy(),
        "high_usd": values.max().reindex(top.index).to_numpy(),
        "quantity": top["quantity"].to_numpy(), "quantity_unit": top["quantity_unit"].to_numpy(),
        "date": top["date"].to_numpy(),
        "claims": by_deal.size().reindex(top.index).to_numpy(),
        "source_ids": _source_lists(rows, top.index),
    }, columns=cols)
    return frame.sort_values(["rank", "high_usd"], ascending=False,
                             na_position="last").reset_index(drop=True)


def _source_lists(deals: pd.DataFrame, deal_keys: pd.Index) -> np.ndarray:
    """Each deal's distinct source ids (first-seen order), for `deal_keys` in that order."""
    heads, lists = _first_seen_lists(deals, ["deal_key"], "source_id")
    by_key = pd.Series(lists, index=heads["deal_key"].to_numpy(), dtype=object)
    return by_key.reindex(deal_keys).to_numpy()


@by_identity()
def sector_status_counts(pipe: pd.DataFrame) -> pd.DataFrame:
    """Deals per (sector, status): columns sector_id, status, status_label, rank, deals."""
    if pipe.empty:
        return pd.DataFrame(columns=["sector_id", "status", "status_label", "rank", "deals"])
    return (pipe.groupby(["sector_id", "status", "status_label", "rank"], as_index=False)
            .size().rename(columns={"size": "deals"}))


@by_identity()
def counts_per_event(agreements: pd.DataFrame) -> pd.DataFrame:
    """For each event and kind of document, the count each source reports.

    Columns: event_id, kind, count, count_qualifier, sources (number), source_ids (list).
    Rows for one event with different counts (37 vs 36) stay apart.
    """
    cols = ["event_id", "kind", "count", "count_qualifier", "sources", "source_ids"]
    rows = agreements[agreements["event_id"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    grouped, lists = _first_seen_lists(rows, ["event_id", "kind", "count", "count_qualifier"],
                                       "source_id")
    grouped["source_ids"] = pd.Series(lists, dtype=object)
    grouped["sources"] = grouped["source_ids"].map(len)
    return grouped[cols]


@by_identity()
def event_source_count(agreements: pd.DataFrame, event_id: str) -> int:
    """How many distinct sources report agreements signed at `event_id`."""
    return int(agreements.loc[agreements["event_id"] == event_id, "source_id"].nunique())


@by_identity()
def sectors_named(agreements: pd.DataFrame, event_id: str) -> pd.DataFrame:
    """How many sources name each sector among an event's agreements.

    Columns: sector_id, sources (number of distinct sources naming it), source_ids.
    Only rows that list sectors count; sorted by sources, most first.
    """
    rows = agreements[(agreements["event_id"] == event_id) & agreements["sectors"].notna()]
    pairs = [(sector, src) for cell, src in zip(rows["sectors"], rows["source_id"])
             for sector in cell.split(";")]
    if not pairs:
        return pd.DataFrame(columns=["sector_id", "sources", "source_ids"])
    frame = pd.DataFrame(pairs, columns=["sector_id", "source_id"]).drop_duplicates()
    out = frame.groupby("sector_id", as_index=False).agg(
        sources=("source_id", "nunique"), source_ids=("source_id", list))
    return out.sort_values(["sources", "sector_id"], ascending=[False, True]).reset_index(
        drop=True)


@by_identity()
def deal_claims_table(deals: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every deal claim as the page lists it, one row per `deals` row, in its order.

    Columns: title, party, counterparty, amount (money text: dollars, or the stated currency
    marked as not converted; '' when not stated), quantity_text ('737.5 km', '' when not
    stated), status, date, source (its label), quote.
    Memoised by table identity: the per-row formatting runs once per filter state, not on every
    rerun (at 1000× the bundled data, 14,000 rows).
    """
    cols = ["title", "party", "counterparty", "amount", "quantity_text", "status", "date",
            "source", "quote"]
    if deals.empty:
        return pd.DataFrame(columns=cols)
    amount = [fmt.money(v, q) if pd.notna(v) else
              f"{fmt.local_money(lv, c)} (not converted)" if pd.notna(lv) else ""
              for v, q, lv, c in zip(deals["value_usd"], deals["value_qualifier"],
                                     deals["local_value"], deals["local_currency"])]
    quantity = [f"{fmt.number(q)} {u}" if pd.notna(q) else ""
                for q, u in zip(deals["quantity"], deals["quantity_unit"])]
    return deals.assign(amount=amount, quantity_text=quantity,
                        source=source_labels(sources, deals["source_id"]))[cols]


@by_identity()
def agreement_counts_table(agreements: pd.DataFrame, events: pd.DataFrame,
                           sources: pd.DataFrame) -> pd.DataFrame:
    """The documents signed at each event as each source counts them, as the page lists them.

    One row per `counts_per_event` row. Columns: date (the event's start), event (its title),
    kind (AGREEMENT_KIND_LABEL), reported ('37 (7 sources)'), by (the sources' labels);
    newest event first, then the larger count. Memoised by table identity.
    """
    cols = ["date", "event", "kind", "reported", "by"]
    per_event = counts_per_event(agreements)
    if per_event.empty:
        return pd.DataFrame(columns=cols)
    # the last row of a repeated event id wins, as a dict built over the table would
    known = events.drop_duplicates("event_id", keep="last").set_index("event_id")
    reported = [f"{fmt.count(n, q)} ({k} source{'s' if k > 1 else ''})"
                for n, q, k in zip(per_event["count"], per_event["count_qualifier"],
                                   per_event["sources"])]
    by = [", ".join(source_label(sources, s) for s in ids) for ids in per_event["source_ids"]]
    return per_event.assign(
        event=per_event["event_id"].map(known["title"]),
        date=per_event["event_id"].map(known["start_date"]),
        kind=per_event["kind"].map(lambda k: AGREEMENT_KIND_LABEL.get(k, k)),
        reported=reported, by=by,
    ).sort_values(["date", "count"], ascending=[False, False])[cols]


@by_identity()
def pipeline_table(pipe: pd.DataFrame) -> pd.DataFrame:
    """The deals-over-time chart's data: date, title, sector_id, status_label, high_usd of each
    `pipeline` row. The same frame object for the same pipeline."""
    return pipe[["date", "title", "sector_id", "status_label", "high_usd"]]


@by_identity()
def pipeline_source_ids(pipe: pd.DataFrame) -> list[str]:
    """Every source id behind the pipeline's deals, deal by deal (repeats kept)."""
    return [s for cell in pipe["source_ids"] for s in cell]
