"""People and education: student numbers (Overview) and every sourced figure on students,
universities, forums and links, group by group (People & education). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd

from components.analysis import formatting as fmt
from components.analysis import headlines as hl
from components.analysis.sourcing import source_label, source_url
from components.sections.base import Card, Claims, Context, Section, nothing

#: Student figures listed under the Overview's card; the rest are on People & education.
STUDENT_LINES = 5
#: Figure cards per group; more would bury the page (and slow it at scale). Every figure stays
#: in the group's table.
CARDS = 9


# --- students (Overview) -----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class StudentFigures:
    """The newest student figure, and the newest few with their sources.

    card: the newest figure and the lines under it; empty: why there is none; more: how many
    figures are left for the People & education page. The card says what the newest figure
    counts in the data's words (its `label`), then when it was stated; a
    figure below it labelled otherwise says so in its line.
    """

    card: Card | None
    empty: str | None
    more: int = 0


def student_figures(ctx: Context) -> StudentFigures:
    students = hl.student_claims(ctx.view["people"])
    if students.empty:
        return StudentFigures(None, nothing("student figures"))
    top = students.iloc[0]
    heading = str(top["label"])
    lines = tuple(
        f"{fmt.count(row['value'], row['qualifier'])}"
        + (f", mostly {row['field']}" if isinstance(row["field"], str) else "")
        + (f" ({row['label']})" if row["label"] != heading else "")
        + f" — {source_label(ctx.sources, row['source_id'])}"
        for _, row in students.head(STUDENT_LINES).iterrows())
    # the label in the data's words; its date under the figure (a long label beside a date is
    # cut off in a third of a page)
    card = Card(heading, fmt.count(top["value"], top["qualifier"]),
                lines=(f"As stated {fmt.date(top['date'], top['date_precision'])}", *lines))
    return StudentFigures(card, None, max(0, len(students) - STUDENT_LINES))


STUDENT_FIGURES = Section("student_figures", "Students", ("people",), student_figures)


# --- figures by group (People & education) -----------------------------------------------------


@dataclass(frozen=True)
class FigureCard:
    """One sourced figure: what it counts, the value, when (and its main field), the source
    with its quote, the note, and the source's address (None for seed files)."""

    label: str
    value: str
    details: str
    source: str
    quote: str
    note: str | None
    url: str | None


@dataclass(frozen=True, eq=False)
class PeopleGroup:
    """One group's figures: the newest as cards, every one in a table.

    heading: the group's name; cards: the newest CARDS figures; claims: all of them when
    there are more than the cards (None otherwise); empty: the group has no figure in view.
    """

    heading: str
    cards: tuple[FigureCard, ...]
    claims: Claims | None
    empty: bool


#: A unit longer than this would cut the metric's value off in a third of a page ("over 120
#: Uzbek business d…"): the number stands alone and the unit opens the line under it.
UNIT_IN_VALUE = 14


def _card(row: pd.Series, sources: pd.DataFrame) -> FigureCard:
    unit = row["unit"] if isinstance(row["unit"], str) else None
    short = unit is None or len(unit) <= UNIT_IN_VALUE
    details = [] if short else [unit]
    details.append(fmt.date(row["date"], row["date_precision"]))
    if isinstance(row["field"], str):
        details.append(f"mostly {row['field']}")
    return FigureCard(
        label=str(row["label"]),
        value=fmt.count(row["value"], row["qualifier"], unit if short and unit else ""),
        details=" · ".join(details), source=source_label(sources, row["source_id"]),
        quote=str(row["quote"]), note=row["note"] if isinstance(row["note"], str) else None,
        url=source_url(sources, row["source_id"]))


def people_group(ctx: Context, *, key: str, metrics: tuple[str, ...], heading: str
                 ) -> PeopleGroup:
    people = ctx.view["people"]
    rows = people[people["metric"].isin(metrics)].sort_values("date", ascending=False)
    cards = tuple(_card(row, ctx.sources) for _, row in rows.head(CARDS).iterrows())
    claims = Claims(f"All {len(rows):,} figures", rows, {
        "label": "Figure", "value": "Value", "qualifier": "Qualifier", "unit": "Unit",
        "date": "Date"}, f"people_{key}") if len(rows) > CARDS else None
    return PeopleGroup(heading, cards, claims, rows.empty)


def _group(key: str, metrics: tuple[str, ...], heading: str) -> Section:
    return Section(key, heading, ("people",),
                   partial(people_group, key=key, metrics=metrics, heading=heading))


STUDENTS = _group("students", ("students",), "Students")
UNIVERSITIES = _group("universities", ("university_agreements", "universities", "centres"),
                      "Universities and centres")
FORUMS = _group("forums", ("forum_participants", "business_participants"), "Business forums")
LINKS = _group("links", ("delegations", "alumni", "flights_per_week"),
               "Delegations, alumni and links")
GROUPS = (STUDENTS, UNIVERSITIES, FORUMS, LINKS)
