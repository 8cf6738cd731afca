"""How the view's rows cite the sources: claims with their sources, and the Sources & data
page's table of sources. Pure.

Kept apart from `sourcing.py` (labels and source lines) because it reads every table of the
view; memoised by table identity, so a rerun with filters seen before counts nothing again (at
1000× the bundled data: 141,000 sources cited by some 300,000 rows).
"""

from __future__ import annotations

import pandas as pd

from components.analysis.memo import by_identity
from components.analysis.sourcing import UNRANKED, source_ranks, source_titles, source_via
from components.data.contract import RANK_NAMES

#: The columns of the sources table as the page shows them, in order.
SOURCE_COLUMNS = ["rank", "title", "publisher", "author", "published_date", "kind", "link",
                  "file", "via", "rows_in_view", "source_id"]


def rank_names(sources: pd.DataFrame, source_ids: pd.Series) -> list[str]:
    """The name of each source's rank ('official' … 'reference'; 'unknown source')."""
    return [RANK_NAMES.get(r, "unknown source") for r in source_ranks(sources, source_ids)]


@by_identity()
def claims_frame(frame: pd.DataFrame, columns: dict[str, str], sources: pd.DataFrame
                 ) -> pd.DataFrame:
    """`frame`'s `columns` (renamed to their labels) plus Source (the source's title, or its id
    when the source is unknown or untitled) and Quote.

    One vectorised lookup per table, not a Python call per row: at 1000× the bundled data
    the per-row lookup was over a second a rerun. Memoised (the same frame for the same
    inputs: callers must not change it)."""
    shown = frame[list(columns)].rename(columns=columns)
    ids = frame["source_id"]
    titles = ids.map(source_titles(sources)).astype(object)
    return shown.assign(Source=titles.where(titles.notna(), ids).to_numpy(),
                        Rank=rank_names(sources, ids), Quote=frame["quote"].to_numpy())


@by_identity(maxsize=8)
def citations(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """Rows citing each source id across `tables` (table name → frame; the sources table itself
    and tables without a source_id left out): a count indexed by source id."""
    cited = [frame["source_id"] for name, frame in tables.items()
             if "source_id" in frame.columns and name != "sources"]
    if not cited:
        return pd.Series(dtype="int64")
    return pd.concat(cited, ignore_index=True).value_counts()


@by_identity(maxsize=8)
def sources_table(sources: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every source with the rows of the view citing it (SOURCE_COLUMNS), official sources
    first (rank order; the table's own order within a rank).

    rank: the name of the source's rank; link: the url when it is a web address (shown as a
    link); file: otherwise (seed articles are files in the repository); via: the copy read
    instead of the original, with the copy's date where it gives one; rows_in_view:
    `citations` (0 when none).
    """
    is_web = sources["url"].str.match(r"^https?://").fillna(False).astype(bool)
    out = sources.assign(
        rows_in_view=sources["source_id"].map(citations(tables)).fillna(0).astype(int),
        link=sources["url"].where(is_web),
        file=sources["url"].where(~is_web),
        via=[source_via(sources, sid) for sid in sources["source_id"]],
        rank=rank_names(sources, sources["source_id"]),
        _rank=source_ranks(sources, sources["source_id"]),
    )
    return out.sort_values("_rank", kind="stable")[SOURCE_COLUMNS].reset_index(drop=True)


@by_identity(maxsize=8)
def figures_by_rank(sources: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """How much of the view rests on each rank of source: one row per rank (1 official …
    4 reference, then unknown sources when rows cite ids the sources table lacks) with
    rank (its name), sources (sources of that rank cited in the view) and rows (rows of the
    view citing them, each fact row a figure or claim). Ranks nothing cites show 0."""
    cited = citations(tables)
    ranks = pd.Series(source_ranks(sources, cited.index), index=cited.index, dtype="int64")
    out = pd.DataFrame({"rank_id": [*RANK_NAMES, UNRANKED]})
    out["rank"] = [RANK_NAMES.get(r, "unknown source") for r in out["rank_id"]]
    out["sources"] = [int((ranks == r).sum()) for r in out["rank_id"]]
    out["rows"] = [int(cited[ranks == r].sum()) for r in out["rank_id"]]
    keep = (out["rank_id"] != UNRANKED) | (out["rows"] > 0)
    return out[keep].drop(columns="rank_id").reset_index(drop=True)

