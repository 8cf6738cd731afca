"""End-to-end: Trade & deals and People & education draw in Chromium, offline; screenshots."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_offline, screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def test_trade_page_draws_its_charts(server, page):
    page.goto(f"{server}/trade")
    wait_for_app(page, "Trade & deals")
    plots = page.locator(".js-plotly-plot")
    expect(plots).to_have_count(4)  # the trade chart, two deal charts, the agreements' sectors
    # the target line's label is drawn inside the first chart
    assert "Target $1B by Feb 2027 or Feb 2028" in plots.first.inner_text()
    page.get_by_text("Why the lines differ", exact=False).wait_for()
    screenshot(page, "trade")
    assert_offline(page)


def test_people_page_shows_figures_not_charts(server, page):
    page.goto(f"{server}/people")
    wait_for_app(page, "People & education")
    page.get_by_text("over 1,000 students").first.wait_for()
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    screenshot(page, "people")
    assert_offline(page)
