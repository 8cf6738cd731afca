"""The Overview shows before it tells: each headline's small chart is computed by its section
from the same figures as its cards, with its own source line, and drawn on the page."""

import html

import pytest

from components import sections as s
from components.analysis.filters import FilterState
from components.sections.base import context
from tests.support import ROOT, plain, run_app


@pytest.fixture(params=["pak_kaz", "pak_uzb"])
def ctx(request, data):
    return context(data, FilterState(relationship=request.param))


def test_trade_is_drawn_as_bars_against_the_target(ctx):
    v = s.HEADLINE_TRADE.view(ctx)
    (bars,) = v.figure.data
    # one bar per card, in order, as long as its figure (text from data is escaped for plotly)
    assert [html.unescape(y) for y in bars.y] == [c.label for c in v.cards]
    assert [html.unescape(t) for t in bars.text] == [c.value for c in v.cards]
    assert [round(x, 2) for x in bars.x] == [float(c.value.lstrip("~$").rstrip("M"))
                                             for c in v.cards]
    assert [sh for sh in v.figure.layout.shapes if sh.line.dash == "dash"]  # the target
    assert v.figure_sources.startswith("Sources: ")


def test_the_target_line_is_at_the_target(data):
    v = s.HEADLINE_TRADE.view(context(data))
    (target,) = [sh for sh in v.figure.layout.shapes if sh.line.dash == "dash"]
    assert target.x0 == 1000  # $1B, in US$ million
    assert "Target $1B" in {a.text for a in v.figure.layout.annotations}


def test_documents_signed_are_drawn_by_how_many_sources_give_each_count(data):
    v = s.VISIT_AGREEMENTS.view(context(data))
    (bars,) = v.figure.data
    assert list(bars.y)[0] == v.card.value == "37"  # the count most sources give, first
    assert list(bars.x)[0] == max(bars.x) == 7
    assert v.figure_sources.startswith("Sources: ")


def test_deal_values_are_drawn_by_status_and_add_up_to_the_card(data):
    v = s.DEAL_VALUES.view(context(data))
    (bars,) = v.figure.data
    assert set(bars.y) == {"Signed", "Announced"}
    assert sum(bars.x) == pytest.approx(528)  # $528M, in US$ million: the card's total
    assert v.card.value == "$528M"


def test_how_much_of_each_route_is_built_is_the_corridors_chart(data):
    ctx = context(data)
    v = s.ROUTE_FIGURES.view(ctx)
    assert v.figure is s.ROUTES.view(ctx).figure  # computed once, drawn twice
    assert {t.name for t in v.figure.data} >= {"Operational", "Planned"}


def test_the_overview_draws_the_charts_with_their_sources(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data")
    charts = at.get("plotly_chart")
    assert len(charts) == 4
    captions = [plain(c.value) for c in at.caption]
    assert sum(c.startswith("Sources: ") for c in captions) >= 4
