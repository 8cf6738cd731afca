"""Sections, pages and the sequence agree: every section is drawn by one page and has a renderer,
every page script exists, every view model is computed once per view, and a view that leaves
nothing says why."""

import dataclasses
import datetime as dt

import pytest

from components import sections as s
from components.analysis.filters import FilterState
from components.pack.build import PACK
from components.pages import PAGES, page_of
from components.presentation import STEPS
from components.sections import context
from tests.support import ROOT

TODAY = dt.date(2026, 3, 1)


def test_every_section_is_on_exactly_one_page():
    on_pages = [x for p in PAGES for x in p.sections]
    assert sorted(x.key for x in on_pages) == sorted(x.key for x in s.ALL)
    assert len({x.key for x in s.ALL}) == len(s.ALL)
    for section in s.ALL:
        assert page_of(section).sections.count(section) == 1


def test_every_section_has_a_renderer():
    from components.ui.sections import RENDERERS

    assert set(RENDERERS) == set(s.ALL)


def test_every_page_script_exists_and_keys_are_unique():
    assert len({p.key for p in PAGES}) == len(PAGES) == len({p.title for p in PAGES})
    assert [p.default for p in PAGES].count(True) == 1
    for p in PAGES:
        assert (ROOT / p.file).is_file(), p.file
        assert p.caption in ("filters", "as_of", "folder")


def test_the_sequence_and_the_pack_name_sections_the_registry_knows():
    assert {x for step in STEPS for x in step.sections} <= set(s.ALL)
    assert set(PACK) <= set(s.ALL)


@pytest.mark.parametrize("section", s.ALL, ids=lambda x: x.key)
def test_every_view_model_is_computed_once_per_view(data, section):
    ctx = context(data, today=TODAY)
    first = section.view(ctx)
    assert section.view(ctx) is first
    # a new Context for the same data, filters and day finds the same view model
    assert section.view(context(data, today=TODAY, view=ctx.view)) is first
    assert dataclasses.is_dataclass(first)


@pytest.mark.parametrize("section", s.ALL, ids=lambda x: x.key)
def test_a_view_with_nothing_in_it_says_why(data, section):
    # no source is dated before 1991: every dated table is empty in this view
    ctx = context(data, FilterState(start=dt.date(1980, 1, 1), end=dt.date(1980, 12, 31)),
                  today=TODAY)
    v = section.view(ctx)
    if section in (s.SOURCES, s.ROUTE_FIGURES, s.MAP, s.ROUTES, s.ROUTE_COUNTRIES):
        return  # undated tables (sources, segments) keep what they show
    empty = getattr(v, "empty", None)
    if section is s.TRADE:
        empty = v.pairs[0].empty
    if isinstance(empty, bool):  # a People group is left out when empty
        assert empty
    else:
        assert empty and empty.endswith("in the current filters."), empty


def test_the_pack_sections_each_give_a_slide_on_the_bundled_data(data):
    ctx = context(data, today=TODAY)
    for section in PACK:
        slide = section.view(ctx).slide()
        assert slide is not None and slide.title and slide.source_ids, section.key
