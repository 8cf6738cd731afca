"""Deals, investments and agreements: pipeline position, sector counts, counts per source."""

from __future__ import annotations

import pandas as pd

from components.memo import by_identity

#: How each kind of document is named on the page.
AGREEMENT_KIND_LABEL = {
    "mou_package": "Package of agreements and MoUs", "treaty": "Treaty",
    "agreement": "Agreement", "roadmap": "Roadmap", "action_plan": "Action plan",
    "declaration": "Declaration", "protocol": "Protocol",
}


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
    deal_status = statuses[statuses["domain"] == "deal"]
    rank = dict(zip(deal_status["status_id"], deal_status["rank"]))
    label = dict(zip(deal_status["status_id"], deal_status["label"]))
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
        "source_ids": by_deal["source_id"].agg(lambda s: list(dict.fromkeys(s)))
        .reindex(top.index).to_numpy(),
    }, columns=cols)
    return frame.sort_values(["rank", "high_usd"], ascending=False,
                             na_position="last").reset_index(drop=True)


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
    grouped = rows.groupby(["event_id", "kind", "count", "count_qualifier"], as_index=False,
                           sort=False).agg(source_ids=("source_id",
                                                       lambda s: list(dict.fromkeys(s))))
    grouped["sources"] = grouped["source_ids"].map(len)
    return grouped[cols]


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
