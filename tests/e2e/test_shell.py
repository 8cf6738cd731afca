"""End-to-end in real Chromium: deep links, page switches, filters in the URL, reloads."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_offline, choose, screenshot, wait_for_app

pytestmark = pytest.mark.e2e



def sector_chips(pg) -> list[str]:
    """The sector filter's selected values as the user sees them."""
    combo = pg.get_by_role("combobox", name="Sector")
    combo.wait_for()
    box = pg.locator("[data-testid='stMultiSelectTagsContainer']").filter(has=combo)
    return box.locator("[data-tag]").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))")


def test_first_request_deep_link_runs_the_shell_with_filters(server, page):
    """The server's very first request is a deep link with filters (the `pages/` trap)."""
    page.goto(f"{server}/sources?sector=Railways&corridor=Trans-Afghan")
    wait_for_app(page, "Sources & data")
    assert page.get_by_role("heading", name="Filters").is_visible()
    assert sector_chips(page) == ["Railways"]
    expect(page.get_by_text("Page not found")).to_have_count(0)
    assert page.url.endswith("/sources?sector=Railways&corridor=Trans-Afghan"), page.url
    screenshot(page, "deep_link_sources_rail")
    assert_offline(page)


def test_links_may_name_sectors_by_id(server, page):
    page.goto(f"{server}/sources?sector=rail")
    wait_for_app(page, "Sources & data")
    assert sector_chips(page) == ["Railways"]


def test_switch_pages_change_filter_reload(server, page):
    page.goto(server)
    wait_for_app(page, "Pakistan–Kazakhstan at a glance")
    screenshot(page, "overview")
    # switch page with the top navigation
    page.get_by_role("link", name="Sources & data").click()
    page.wait_for_url(re.compile(r"/sources"))
    wait_for_app(page, "Sources & data")
    # change a filter: choose the Education sector
    page.get_by_role("combobox", name="Sector").click()
    page.get_by_role("option", name="Education").click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"sector=Education"))
    wait_for_app(page, "Sources & data")
    assert sector_chips(page) == ["Education"]
    # the filter survives a switch back to the Overview
    page.get_by_role("link", name="Overview").click()
    page.wait_for_url(re.compile(r"/overview\?sector=Education|/\?sector=Education"))
    wait_for_app(page, "Pakistan–Kazakhstan at a glance")
    assert sector_chips(page) == ["Education"]
    expect(page.get_by_text("Sectors: Education")).to_have_count(1)
    # reload the URL: the same view comes back
    url = page.url
    page.goto(url)
    wait_for_app(page, "Pakistan–Kazakhstan at a glance")
    assert sector_chips(page) == ["Education"]
    expect(page.get_by_text("No trade figures in the current filters.")).to_have_count(1)
    screenshot(page, "overview_education")
    assert_offline(page)


@pytest.mark.parametrize("value", ["pak_uzb", "Pakistan–Uzbekistan"])
def test_a_link_opens_a_relationship_cold(server, page, value):
    """`?relationship=` by id or by name opens that relationship on a fresh session, and the
    link the app writes keeps it."""
    page.goto(f"{server}/trade?relationship={value}")
    wait_for_app(page, "Trade & deals")
    expect(page.get_by_text("Pakistan–Uzbekistan trade against its target").first).to_be_visible()
    expect(page.get_by_text("Kazakh statistics", exact=False)).to_have_count(0)
    page.get_by_role("link", name="Overview").click()
    wait_for_app(page, "Pakistan–Uzbekistan at a glance")
    # the link to this view carries the relationship, whichever way the link named it
    page.get_by_role("button", name="Link to this view").click()
    link = page.locator("[data-testid='stCode']").inner_text()
    assert "relationship=pak_uzb" in link or "relationship=Pakistan" in link, link
    page.goto(link)
    wait_for_app(page, "Pakistan–Uzbekistan at a glance")
    screenshot(page, "relationship_pak_uzb_overview")
    assert_offline(page)


def test_the_relationship_control_switches_every_page(server, page):
    page.goto(f"{server}/corridors")
    wait_for_app(page, "Rail routes from Kazakhstan to Karachi and Gwadar")
    choose(page, "Relationship", "Pakistan–Uzbekistan")
    wait_for_app(page, "Rail routes from Uzbekistan to Karachi and Gwadar")
    expect(page.get_by_text("Distances from Uzbekistan run from each route's Uzbek railhead",
                            exact=False)).to_have_count(1)
    screenshot(page, "relationship_pak_uzb_corridors")
    assert_offline(page)
