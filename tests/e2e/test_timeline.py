"""End-to-end: the timeline draws in Chromium and clicking an event opens its card."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_offline, screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def test_timeline_click_opens_the_event_card(server, page):
    page.goto(f"{server}/timeline")
    wait_for_app(page, "Visits, summits and milestones")
    points = page.locator(".js-plotly-plot .scatterlayer .trace path.point")
    expect(points.nth(10)).to_be_attached()  # more than ten events drawn
    screenshot(page, "timeline")
    hint = page.get_by_text("to see its summary, participants", exact=False)
    expect(hint).to_have_count(1)
    points.last.click(force=True)
    hint.wait_for(state="detached", timeout=30_000)
    wait_for_app(page, "Visits, summits and milestones")
    # the card: the event's own source line and its quote
    page.get_by_text("Source: ", exact=False).first.wait_for(timeout=30_000)
    screenshot(page, "timeline_selected")
    assert_offline(page)
