"""Naming sources next to the figures they back."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from components.analysis import formatting
from components.data.contract import RANK_NAMES, SOURCE_KINDS

#: the rank of a source id the sources table does not have: after every known rank
UNRANKED = max(RANK_NAMES) + 1


@dataclass
class _Index:
    """Labels, titles and web addresses of one sources table, by source id."""

    frame: weakref.ref
    labels: dict[str, str]
    urls: dict[str, str | None]
    titles: dict[str, str | None]
    vias: dict[str, str | None]
    ranks: dict[str, int]


_indexes: dict[int, _Index] = {}


def _label(row, dates: dict | None = None) -> str:
    """'TASS, 21 Jul 2025 · press': publisher (else title), date where known, rank's name.
    dates: (date, precision) → text already formatted (sources share few dates)."""
    name = row.publisher if pd.notna(row.publisher) else row.title
    if row.kind == "seed":
        name = f"seed article: {name}"
    if pd.notna(row.published_date):
        key = (row.published_date, row.published_precision)
        if dates is None or key not in dates:
            when = formatting.date(row.published_date, row.published_precision)
            if dates is not None:
                dates[key] = when
        else:
            when = dates[key]
        name = f"{name}, {when}"
    return f"{name} · {RANK_NAMES[_rank(row.kind)]}"


def _rank(kind) -> int:
    """The rank of a source kind; a kind the contract does not know (only in hand-built test
    tables: the loader refuses it) ranks last among known sources, as reference."""
    return SOURCE_KINDS.get(kind, max(RANK_NAMES)) if isinstance(kind, str) else max(RANK_NAMES)


def _index(sources: pd.DataFrame) -> _Index:
    """The table's index, built once per table object (tables are read-only once loaded).

    Looking a source up by filtering the table costs O(sources) per call, and pages look up
    one source per plotted point: at 100× the bundled data that was seconds per rerun.
    """
    key = id(sources)
    found = _indexes.get(key)
    if found is not None and found.frame() is sources:
        return found
    labels, urls, titles, vias, ranks, dates = {}, {}, {}, {}, {}, {}
    # plain Python objects, not the frame's Arrow-backed rows: iterating those was most of the
    # 7 s this took at 1000× the data (141,000 sources)
    plain = sources.astype(object).where(sources.notna(), None)
    for row in plain.itertuples(index=False):
        if row.source_id in labels:
            continue  # the first row of a duplicated id wins, as before
        labels[row.source_id] = _label(row, dates)
        titles[row.source_id] = row.title if isinstance(row.title, str) else None
        vias[row.source_id] = _via(row)
        ranks[row.source_id] = _rank(row.kind)
        url = row.url
        urls[row.source_id] = (url if isinstance(url, str)
                               and url.startswith(("http://", "https://")) else None)
    for stale in [k for k, v in _indexes.items() if v.frame() is None]:
        del _indexes[stale]
    found = _indexes[key] = _Index(weakref.ref(sources), labels, urls, titles, vias, ranks)
    return found


def source_label(sources: pd.DataFrame, source_id: str) -> str:
    """'Publisher, 4 Feb 2026' for a source id; the id itself when the source is unknown."""
    label = _index(sources).labels.get(source_id)
    return label if label is not None else f"source {source_id}"


def source_rank(sources: pd.DataFrame, source_id: str) -> int:
    """The source's rank (1 official … 4 reference, see contract.SOURCE_KINDS); UNRANKED for an
    unknown id."""
    return _index(sources).ranks.get(source_id, UNRANKED)


def source_ranks(sources: pd.DataFrame, source_ids: Iterable[str]) -> list[int]:
    """`source_rank` of each id, in order."""
    ranks = _index(sources).ranks
    return [ranks.get(s, UNRANKED) for s in source_ids]


def by_rank(frame: pd.DataFrame, sources: pd.DataFrame, first: tuple[str, ...] = (),
            then: tuple[str, ...] = ()) -> pd.DataFrame:
    """`frame` (rows with a `source_id`) ordered by the `first` columns (what a claim is
    about), then its source's rank (official first), then the `then` columns. Stable: rows
    equal on all of these keep their order."""
    ranked = frame.assign(_rank=source_ranks(sources, frame["source_id"]))
    return (ranked.sort_values([*first, "_rank", *then], kind="stable")
            .drop(columns="_rank"))


def source_labels(sources: pd.DataFrame, source_ids: Iterable[str]) -> list[str]:
    """`source_label` of each id, in order (the index is found once for the whole list)."""
    labels = _index(sources).labels
    return [labels.get(s, f"source {s}") for s in source_ids]


def source_titles(sources: pd.DataFrame) -> dict[str, str | None]:
    """Each source's title by source id (None when it has none; the first row of a duplicated
    id wins). The shared index's own dict: read it, never change it."""
    return _index(sources).titles


def source_title(sources: pd.DataFrame, source_id: str) -> str | None:
    """The source's title, or None when it has none or the id is unknown."""
    return _index(sources).titles.get(source_id)


def _via(row) -> str | None:
    """The copy read instead of the original, with the copy's own date where it gives one."""
    via = getattr(row, "via", None)
    if not isinstance(via, str) or not via:
        return None
    when = getattr(row, "via_date", None)
    if when is None or pd.isna(when):
        return via
    return f"{via} (copy of {formatting.date(when, getattr(row, 'via_precision', None))})"


def source_via(sources: pd.DataFrame, source_id: str) -> str | None:
    """The copy that was read instead of the source's original work, or None (the original
    was read, or the id is unknown)."""
    return _index(sources).vias.get(source_id)


def source_url(sources: pd.DataFrame, source_id: str) -> str | None:
    """The source's web address, or None for seed files and unknown ids."""
    return _index(sources).urls.get(source_id)


#: A source line names at most this many sources (the most any bundled chart has is 47); at
#: scale, a line naming tens of thousands would be megabytes of caption nobody reads.
MAX_NAMED = 50


#: Sources named one by one in a line beside a figure on the Overview; beyond it the rest are
#: counted, so a caption stays a line however many sources agree. The bundled data's most is 7
#: (the 37 agreements of the 2026 state visit), all named.
NAMED_BESIDE = 10


def _distinct_labels(sources: pd.DataFrame, source_ids: Iterable[str]) -> list[str]:
    """The labels of `source_ids`, each once, in first-seen order (missing values skipped)."""
    ids = dict.fromkeys(sid for sid in source_ids if isinstance(sid, str))
    return list(dict.fromkeys(source_labels(sources, ids)))


def _named(labels: list[str], limit: int, more: str) -> str:
    text = "; ".join(labels[:limit])
    if len(labels) > limit:
        text += "; " + more.format(n=len(labels) - limit)
    return text


def name_sources(sources: pd.DataFrame, source_ids: Iterable[str], limit: int = MAX_NAMED,
                 more: str = "… and {n:,} more") -> str:
    """'A, 4 Feb 2026; B, May 2025': the sources of `source_ids` by label, each once (ids
    repeated, or two sources with one label, e.g. one outlet on one day, are named once), in
    first-seen order; beyond `limit` labels the first `limit` and then `more` with {n}, how
    many are left. '' when no id is a source id (missing values are skipped)."""
    return _named(_distinct_labels(sources, source_ids), limit, more)


def source_line(sources: pd.DataFrame, source_ids: Iterable[str], limit: int = MAX_NAMED) -> str:
    """'Sources: A, 4 Feb 2026; B, May 2025' (`name_sources`), 'Source: …' for one, '' for
    none. Beyond `limit`: '… and N more sources (each row of the data names its own)'."""
    labels = _distinct_labels(sources, source_ids)
    if not labels:
        return ""
    word = "Source" if len(labels) == 1 else "Sources"
    return f"{word}: " + _named(labels, limit,
                                "… and {n:,} more sources (each row of the data names its own)")
