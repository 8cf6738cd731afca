"""End-to-end: a link reproduces the exact view; presentation mode at projector size."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_offline, choose, screenshot, serve, wait_for_app
from tests.support import ROOT

pytestmark = pytest.mark.e2e


def test_link_to_this_view_reproduces_it_in_a_new_browser(server, browser, page):
    page.goto(f"{server}/timeline")
    wait_for_app(page, "Visits, summits and milestones")
    choose(page, "Sector", "Railways")
    page.get_by_text("Full history").click()
    wait_for_app(page, "Visits, summits and milestones")
    choose(page, "Event", "Trilateral framework agreement on the Trans-Afghan railway")
    heading = "Trilateral framework agreement on the Trans-Afghan railway feasibility study"
    page.get_by_role("heading", name=heading).wait_for()  # the event's card
    page.get_by_role("button", name="Link to this view").click()
    link = page.locator("[data-testid='stCode'] code").inner_text().strip()
    assert link.startswith(f"{server}/timeline?") and "data=" in link, link

    other = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    other.goto(link)
    wait_for_app(other, "Visits, summits and milestones")
    other.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']",
                  has_text="Railways").wait_for()  # the sector filter
    other.get_by_text("Sectors: Railways").wait_for()  # and the page applies it
    other.get_by_role("heading", name=heading).wait_for()  # the same card
    assert other.get_by_role("radio", name="Full history").get_attribute(
        "aria-checked") == "true"  # the same window
    expect(other.get_by_text("another version of the data")).to_have_count(0)
    other.context.close()


def test_a_link_made_on_older_data_says_which_of_its_figures_changed(tmp_path, browser):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with serve(data) as url:
        page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
        page.goto(f"{url}/trade")
        wait_for_app(page, "Trade & deals")
        page.get_by_role("button", name="Link to this view").click()
        link = page.locator("[data-testid='stCode'] code").inner_text().strip()
        # the data is edited while the server runs (the server reloads it): one trade figure
        flows = data / "trade_flows.csv"
        flows.write_bytes(flows.read_bytes().replace(b"53700000", b"99900000"))
        page.goto(link)
        wait_for_app(page, "Trade & deals")
        notice = page.locator("[data-testid='stAlert']", has_text="This link was made on")
        notice.wait_for()
        # three figures moved; the Trade page's own one is listed first
        expect(notice).to_contain_text("3 of its headline figures changed, 1 of them on this "
                                       "page (listed first)")
        expect(notice.locator("li").first).to_have_text(
            "Trade against targets · Kazakh statistics, 2024: $53.7M → $99.9M")
        screenshot(page, "old_link_changes")
        # a link of the current version says nothing
        page.get_by_role("button", name="Link to this view").click()
        page.goto(page.locator("[data-testid='stCode'] code").inner_text().strip())
        wait_for_app(page, "Trade & deals")
        expect(page.get_by_text("This link was made on")).to_have_count(0)
        page.context.close()


def test_presentation_mode_at_projector_size(server, browser):
    pg = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    hosts = set()
    pg.on("request", lambda r: hosts.add(r.url.split("/")[2].split(":")[0]))
    pg.goto(f"{server}/?present=true")
    wait_for_app(pg, "Pakistan–Kazakhstan at a glance")
    pg.locator("[data-testid='stSidebar']").wait_for(state="hidden")  # no chrome
    pg.get_by_role("button", name="Next").wait_for()
    screenshot(pg, "present_1_headlines")
    for expected in ("What the ties hold", "Rail routes from Kazakhstan to Karachi and Gwadar"):
        pg.get_by_role("button", name="Next").click()
        wait_for_app(pg, expected)
    assert "/corridors" in pg.url and "present=true" in pg.url
    pg.locator("canvas").first.wait_for()
    screenshot(pg, "present_3_map")
    # the map is the screen: at least 75% of its width, and none of the page's map controls
    box = pg.locator("[data-testid='stDeckGlJsonChart']").first.bounding_box()
    assert box["width"] >= 0.75 * 1920, box
    main = pg.locator("[data-testid='stMain']")
    for control in ("stMultiSelect", "stCheckbox", "stSelectbox"):
        expect(main.locator(f"[data-testid='{control}']")).to_have_count(0)
    expect(main.get_by_text("Web basemap")).to_have_count(0)
    pg.get_by_role("button", name="Exit").click()
    pg.locator("[data-testid='stSidebar']").wait_for(state="visible")
    assert_offline(pg, hosts)
    pg.context.close()


def test_briefing_pack_and_chart_image_download_from_the_page(server, page):
    from pptx import Presentation
    from pptx.util import Emu

    page.goto(f"{server}/trade?sector=Railways")
    wait_for_app(page, "Trade & deals")
    with page.expect_download(timeout=120_000) as got:
        page.get_by_role("button", name="PPTX").click()
    deck = Presentation(got.value.path())
    texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)
             for s in deck.slides]
    assert "Sectors: Railways" in texts[0] and f"{server}/trade?" in texts[0]
    assert len(deck.slides) >= 4
    assert all("Source" in t for t in texts[1:]), texts  # every slide's source footer
    assert deck.slide_width > Emu(0)
    with page.expect_download(timeout=60_000) as img:
        page.get_by_role("button", name="Image (PNG)").first.click()
    data = Path(img.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1600  # width from the PNG header
