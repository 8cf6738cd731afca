"""Figure builders: traces, values, axis types; summaries computed from the data."""

import pytest

from components.chart_style import TEMPLATE
from components.deals import pipeline, sector_status_counts, sectors_named
from components.loader import load_dataset
from components.summaries import deals_summary, trade_summary
from components.trade import annual_series, gaps_by_reporter, statements
from components.trade_figures import (
    deals_over_time_figure,
    deals_status_figure,
    sectors_named_figure,
    trade_figure,
)
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT / "data")


def test_trade_figure(data):
    flows, targets = data["trade_flows"], data["trade_targets"]
    series = annual_series(flows, "KAZ", "PAK")
    target, gaps = gaps_by_reporter(flows, targets, "KAZ", "PAK")
    fig = trade_figure(series, statements(flows, "KAZ", "PAK"), target, data["sources"], "T")
    names = [t.name for t in fig.data]
    assert "Kazakh statistics, calendar years" in names and "Stated by officials" in names
    kaz = next(t for t in fig.data if t.name == "Kazakh statistics, calendar years")
    assert list(kaz.y) == [95.0, 73.5, 52.5, 53.7]  # US$ million
    assert fig.layout.xaxis.type == "date"  # years never read 2,019.5
    assert fig.layout.yaxis.tickformat == ",d"
    assert fig.layout.template.layout.colorway[0] == "#0072B2"
    assert any(s.y0 == 1000 for s in fig.layout.shapes)  # the $1B target line
    assert "Source: " in kaz.hovertext[0] and "2021" in kaz.hovertext[0]
    text = trade_summary(series, gaps, target, "Pakistan–Kazakhstan")
    assert text.startswith("Pakistan–Kazakhstan trade against a $1B target: Kazakh statistics "
                           "give $53.7M for 2024 (5.4% of the target)")


def test_deal_figures(data):
    pipe = pipeline(data["deals"], data["statuses"])
    labels = dict(zip(data["sectors"]["sector_id"], data["sectors"]["label"]))
    fig = deals_status_figure(sector_status_counts(pipe), labels, data["statuses"])
    assert [t.name for t in fig.data][:3] == ["Talks", "Announced", "Signed"]
    assert fig.layout.barmode == "stack"
    assert sum(sum(t.x) for t in fig.data) == len(pipe)
    over = deals_over_time_figure(pipe, labels, data["sources"])
    assert over.layout.xaxis.type == "date"
    assert sum(len(t.x) for t in over.data) == len(pipe)
    assert deals_summary(pipe, labels).startswith(f"{len(pipe)} deals in ")


def test_sectors_figure(data):
    named = sectors_named(data["agreements"], "tokayev_state_visit_2026")
    labels = dict(zip(data["sectors"]["sector_id"], data["sectors"]["label"]))
    fig = sectors_named_figure(named, labels, data["sources"])
    assert list(fig.data[0].x) == sorted(named["sources"])
    assert fig.layout.template is not None and TEMPLATE == "corridor"


def test_deal_status_is_not_carried_by_colour_alone(data):
    pipe = pipeline(data["deals"], data["statuses"])
    labels = dict(zip(data["sectors"]["sector_id"], data["sectors"]["label"]))
    bars = deals_status_figure(sector_status_counts(pipe), labels, data["statuses"])
    patterns = [t.marker.pattern.shape for t in bars.data]
    assert len(set(patterns)) == len(patterns)
    points = deals_over_time_figure(pipe, labels, data["sources"])
    symbols = [t.marker.symbol for t in points.data]
    assert len(set(symbols)) == len(symbols) == pipe["status"].nunique()
