"""Figure builders: traces, values, axis types; summaries computed from the data."""

import pandas as pd

from components.analysis.deals import pipeline, sector_status_counts, sectors_named
from components.analysis.summaries import deals_summary, trade_summary
from components.analysis.trade import annual_series, latest_claims, statements
from components.figures.style import TEMPLATE
from components.figures.trade import (
    deals_over_time_figure,
    deals_status_figure,
    sectors_named_figure,
    trade_figure,
)
from tests.support import NAMES


def hover(trace, i: int) -> str:
    """The hover text plotly shows for point i (template filled from customdata)."""
    text = trace.hovertemplate
    for k, value in enumerate(trace.customdata[i]):
        text = text.replace(f"%{{customdata[{k}]}}", value)
    return text.removesuffix("<extra></extra>")


def test_trade_figure(data):
    flows, targets = data["trade_flows"], data["trade_targets"]
    series = annual_series(flows, "KAZ", "PAK", NAMES)
    target, groups = latest_claims(flows, targets, "KAZ", "PAK", names=NAMES)
    fig = trade_figure(series, statements(flows, "KAZ", "PAK"), target, data["sources"], "T")
    names = [t.name for t in fig.data]
    assert "Kazakh statistics, calendar years" in names and "Stated by officials" in names
    kaz = next(t for t in fig.data if t.name == "Kazakh statistics, calendar years")
    assert list(kaz.y) == [95.0, 73.5, 52.5, 53.7]  # US$ million
    assert fig.layout.xaxis.type == "date"  # years never read 2,019.5
    assert fig.layout.yaxis.tickformat == ",d"
    assert fig.layout.template.layout.colorway[0] == "#0072B2"
    assert any(s.y0 == 1000 for s in fig.layout.shapes)  # the $1B target line
    assert hover(kaz, 0) == ("<b>$95M</b><br>2021<br>Reported by KAZ (statistics)<br>"
                             "Source: Agenzia Nova, 21 Dec 2023 · press")
    assert kaz.x[0] == "2021-07-02"  # the period's midpoint, as a short date
    text = trade_summary(series, groups, target, "Pakistan–Kazakhstan")
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


def test_every_point_carries_only_what_differs(data):
    """Per point: value, period and source (trade), title, value and sources (deals); the words
    around them are in the trace's template once. At 1000× the data the charts have 8,000–14,000
    points each and their JSON was 2–2.7 MB; these bounds were 191 and 269 bytes a point."""
    flows, sources = data["trade_flows"], data["sources"]
    series, stated = annual_series(flows, "KAZ", "PAK", NAMES), statements(flows, "KAZ", "PAK")
    many = pd.concat([series] * 250, ignore_index=True)
    small = len(trade_figure(series, stated, None, sources, "T").to_json())
    large = len(trade_figure(many, stated, None, sources, "T").to_json())
    assert (large - small) / (len(many) - len(series)) < 110  # bytes per point
    traces = {t.name: t for t in trade_figure(series, stated, None, sources, "T").data}
    kaz = traces["Kazakh statistics, calendar years"]  # one reporter and basis: said once
    assert len(kaz.customdata[0]) == 3 and "Reported by KAZ (statistics)" in kaz.hovertemplate
    # Pakistan's fiscal-year figures mix published and computed statistics: said per point
    pak = traces["Pakistani statistics, fiscal years (July–June)"]
    assert {row[3] for row in pak.customdata} == {"Reported by PAK (statistics)",
                                                  "Reported by PAK (computed)"}

    pipe = pipeline(data["deals"], data["statuses"])
    labels = dict(zip(data["sectors"]["sector_id"], data["sectors"]["label"]))
    more = pd.concat([pipe] * 200, ignore_index=True)
    small = len(deals_over_time_figure(pipe, labels, sources).to_json())
    large = len(deals_over_time_figure(more, labels, sources).to_json())
    assert (large - small) / (len(more) - len(pipe)) < 200


def test_deal_hover_reads_as_before(data):
    pipe = pipeline(data["deals"], data["statuses"])
    labels = dict(zip(data["sectors"]["sector_id"], data["sectors"]["label"]))
    fig = deals_over_time_figure(pipe, labels, data["sources"])
    signed = next(t for t in fig.data if t.name == "Signed")
    i = list(signed.customdata[:, 0]).index("Kazakh funding for the Torghundi–Herat railway")
    # the date is formatted by plotly from x, as fmt.date writes it ('10 Jul 2025')
    assert hover(signed, i) == ("<b>Kazakh funding for the Torghundi–Herat railway</b><br>"
                                "%{x|%-d %b %Y}<br>Signed; value $500M<br>Sources: news Central "
                                "Asia, 7 Jul 2025 · press; News.Az, 14 Jul 2025 · press")
    assert signed.x[i] == "2025-07-10"


def test_count_axes_tick_every_whole_number_only_while_readable(data):
    pipe = pipeline(data["deals"], data["statuses"])
    labels = dict(zip(data["sectors"]["sector_id"], data["sectors"]["label"]))
    counts = sector_status_counts(pipe)
    assert deals_status_figure(counts, labels, data["statuses"]).layout.xaxis.dtick == 1
    many = counts.assign(deals=counts["deals"] * 1000)  # 3,000 deals in one sector
    assert deals_status_figure(many, labels, data["statuses"]).layout.xaxis.dtick is None
