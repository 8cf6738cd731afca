"""What a section is, what it is computed from, and the parts its view model is made of. Pure.

A section is one part of the dashboard (headline trade, trade against target, deals, the
corridor map, the timeline, …). It is computed once, from a `Context`, into a plain view model:
frozen dataclasses of text, numbers, frames and figures, with nothing of Streamlit in them.
Three renderers draw the same view model: the page (`components.ui.sections`), the presentation
screen (the page's renderers with projector type, one screen's sections only) and the slide
(`Slide`, which `components.pack` turns into PPTX and PDF pages). So the page and the pack
cannot disagree.

Text in a view model is plain text, never markdown or HTML: the renderers escape it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components.analysis.filters import FilterState, apply_filters
from components.analysis.memo import by_identity
from components.analysis.relationships import Relationship, chosen, relationships_of
from components.analysis.vocabulary import corridor_names, sector_labels, status_labels
from components.data.loader import Dataset

# --- what a section is computed from -----------------------------------------------------------


@dataclass(frozen=True)
class Labels:
    """Ids in words, from the vocabularies of the data.

    sectors: sector_id → label ('rail' → 'Railways'); corridors: corridor_id → short name;
    statuses: status_id → label, every domain; segment_statuses: the segment domain's, in
    rank order (the map's Status filter offers them in that order).
    """

    sectors: Mapping[str, str]
    corridors: Mapping[str, str]
    statuses: Mapping[str, str]
    segment_statuses: Mapping[str, str]


@by_identity(maxsize=8)
def labels_of(data: Dataset) -> Labels:
    """The dataset's `Labels`, built once per loaded dataset."""
    return Labels(sectors=sector_labels(data["sectors"]),
                  corridors=corridor_names(data["corridors"]),
                  statuses=status_labels(data["statuses"]),
                  segment_statuses=status_labels(data["statuses"], "segment"))


@dataclass(frozen=True, eq=False)
class Context:
    """Everything a section is computed from.

    data: the loaded dataset (every table unfiltered, and its problems); view: the tables cut
    to the filters (table name → DataFrame); filters: the sidebar's FilterState; labels: ids in
    words; today: the day the view is drawn (the timeline's 'today' line and window).
    Frames are shared and read-only: sections never change them.
    """

    data: Dataset
    view: Mapping[str, pd.DataFrame]
    filters: FilterState
    labels: Labels
    today: dt.date

    @property
    def sources(self) -> pd.DataFrame:
        return self.data["sources"]

    @property
    def relationship(self) -> Relationship:
        """The relationship the view is about (the filters' choice, else the default)."""
        return chosen(self.data.tables, self.filters.relationship)

    @property
    def relationships(self) -> tuple[Relationship, ...]:
        """Every relationship of the data, the default first."""
        return relationships_of(self.data.tables)

    def say(self, template: str) -> str:
        """`template` in the relationship's words ('{name} at a glance'; see
        `Relationship.words`)."""
        return self.relationship.say(template)

    def memo_key(self) -> tuple:
        """What a memoised section result depends on (analysis.memo compares frames by
        identity): a rerun with the same data, view and filters finds its view model again."""
        return (self.data, self.view, self.filters, self.today)


def context(data: Dataset, filters: FilterState | None = None, *,
            view: Mapping[str, pd.DataFrame] | None = None,
            today: dt.date | None = None) -> Context:
    """A Context of `data` under `filters` (default: none). view: the tables already cut to
    the filters, when the caller has them (the app caches them per filter state)."""
    filters = filters or FilterState()
    return Context(data=data, view=view if view is not None else _cut(data, filters),
                   filters=filters, labels=labels_of(data), today=today or dt.date.today())


@by_identity(maxsize=16)
def _cut(data: Dataset, filters: FilterState) -> dict[str, pd.DataFrame]:
    return apply_filters(data.tables, filters)


# --- what a section is -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Section:
    """One part of the dashboard.

    key: its id (for tests and the benchmark; never shown); title: what it is called;
    needs: the tables it reads (when one failed validation the section is not computed, and
    the page says which file is wrong); compute: Context (and the section's page controls,
    when it has any) → its view model.
    """

    key: str
    title: str
    needs: tuple[str, ...]
    compute: Callable[..., Any]

    def view(self, ctx: Context, controls: Any = None) -> Any:
        """The view model for `ctx` (memoised: the same context and controls give the same
        object). controls: the section's page controls (None: its defaults)."""
        return _view(self, ctx, controls)

    def usable(self, data: Dataset) -> bool:
        """Whether every table the section needs passed validation."""
        return data.ok(*self.needs)


@by_identity(maxsize=128)
def _view(section: Section, ctx: Context, controls: Any) -> Any:
    return section.compute(ctx) if controls is None else section.compute(ctx, controls)


# --- the parts of a view model -----------------------------------------------------------------


def nothing(what: str) -> str:
    """The sentence a view model gives when the filters leave nothing of `what`."""
    return f"No {what} in the current filters."


@dataclass(frozen=True)
class Card:
    """One figure, as a metric: its label, the value as text, a help text, and the lines under
    it (share, source, …)."""

    label: str
    value: str
    help: str | None = None
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    """How a table's column is shown: its heading, and for kind 'number', 'date' or 'link' the
    format (e.g. '%d', 'YYYY-MM-DD'), a help text and a width ('medium', 'large')."""

    label: str
    kind: str = "text"
    format: str | None = None
    help: str | None = None
    width: str | None = None


@dataclass(frozen=True, eq=False)
class Table:
    """A table as shown, and downloaded as shown.

    frame: the rows; filename: the CSV's name without extension; columns: column → heading
    (or Column), for the columns that are renamed or formatted.
    """

    frame: pd.DataFrame
    filename: str
    columns: Mapping[str, Column | str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Claims:
    """Rows that each make a claim, shown with their source and quote (citations.claims_frame).

    label: what the box holding them is called ('All deal claims'); frame: the rows;
    columns: column → heading for the columns shown before Source and Quote; filename: the
    CSV's name without extension.
    """

    label: str
    frame: pd.DataFrame
    columns: Mapping[str, str]
    filename: str = "figures"


@dataclass(frozen=True, eq=False)
class Chart:
    """A chart as the analyst needs it.

    figure: the plotly figure (project template; shared: never changed in place); summary: the
    one line above it; source_line: 'Sources: …' of source_ids; data: the table behind it
    ('Show data'); filename: the downloads' name without extension; key: its element key;
    image_title: the title inside exported images (None: the figure's own, else the summary).
    """

    figure: go.Figure
    summary: str
    source_ids: Sequence[str]
    source_line: str
    data: pd.DataFrame
    filename: str
    key: str
    image_title: str | None = None


#: A slide's picture in CSS px: across the content area of a 16:9 slide (12.1 in, so ~97 px an
#: inch) and down the area under the title (SLIDE_SUMMARY_PX: under the title and a summary
#: line). Its type is drawn at projector sizes (figures.style.PROJECTOR: 20–22 px, 15–16 pt
#: on the slide; the map's names at MAP_SLIDE_LABEL_PX).
SLIDE_PX = (1180, 528)
SLIDE_SUMMARY_PX = (1180, 476)
#: place names on the map slide, px (~14 pt at SLIDE_PX across the slide)
MAP_SLIDE_LABEL_PX = 19


@dataclass(frozen=True)
class Slide:
    """A section on a slide of the briefing pack.

    title: the slide's (and the picture's) title; figure: the plotly figure (not modified);
    source_line: 'Sources: …' (into the picture and the footer); notes: speaker notes, the
    sources and the figures that disagree (plain text); summary: the one line under the title;
    source_ids: for the sources slide; kind: 'chart', or 'map' (drawn at the map's size).
    """

    title: str
    figure: go.Figure
    source_line: str
    notes: str = ""
    summary: str = ""
    source_ids: tuple[str, ...] = ()
    kind: str = "chart"


# --- speaker notes -----------------------------------------------------------------------------

#: A slide's notes list at most this many disagreements or segments (the bundled data's
#: longest list, the map's segments, has 20); at 1000× the data a list ran to a million
#: characters, which no presenter reads and PowerPoint struggles to open.
NOTES_MAX_ITEMS = 40

#: One note line names at most this many of a period's differing claims (then counts the rest).
CLAIMS_PER_LINE = 10


def at_most(items: Sequence[str], where: str, total: int | None = None,
            limit: int = NOTES_MAX_ITEMS) -> list[str]:
    """The first `limit` of `items`, then '… and N more ({where}).' when `total` (default
    len(items)) is larger. `where` says where the reader finds every one."""
    total = len(items) if total is None else total
    kept = list(items[:limit])
    if total > len(kept):
        kept.append(f"… and {total - len(kept):,} more ({where}).")
    return kept


def join_notes(*parts: str | Iterable[str]) -> str:
    """Speaker notes from lines and lists of lines, blank ones left out, one line each."""
    lines: list[str] = []
    for part in parts:
        if isinstance(part, str):
            if part.strip():
                lines.append(part.strip())
        else:
            lines.extend(p.strip() for p in part if p and p.strip())
    return "\n".join(lines)


def distinct(ids: Iterable[object]) -> tuple[str, ...]:
    """The source ids among `ids`, each once, in first-seen order (missing ones left out)."""
    return tuple(dict.fromkeys(i for i in ids if isinstance(i, str)))
