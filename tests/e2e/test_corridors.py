"""End-to-end: the corridor map is drawn offline in real Chromium, and a click opens details."""

import io
import math
import re
import time

import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from components.data.loader import load_dataset
from components.sections.base import context
from components.sections.corridors import corridor_map
from tests.e2e.conftest import assert_offline, screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def until(check, timeout: float = 30.0):
    """Retry `check` until it returns a truthy value (the map draws asynchronously)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result


def canvas_colours(page) -> int:
    png = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.screenshot()
    image = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 200))
    return len(image.getcolors(maxcolors=200 * 200))


def opening_view():
    """Where the Corridors page's map opens on the bundled data (fitted to its routes)."""
    return corridor_map(context(load_dataset("data"))).deck().initial_view_state


def project(lon: float, lat: float, width: float, height: float) -> tuple[float, float]:
    """Web Mercator pixel of (lon, lat) in a deck of the given size, at its opening view."""
    view = opening_view()
    scale = 512 * 2 ** view.zoom

    def merc(lo, la):
        x = (lo + 180) / 360 * scale
        y = (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2 * scale
        return x, y

    cx, cy = merc(view.longitude, view.latitude)
    x, y = merc(lon, lat)
    return width / 2 + x - cx, height / 2 + y - cy


def longest_leg(segment_id: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """The two (lon, lat) vertices of the longest leg of a segment's path as the deck draws it."""
    deck = corridor_map(context(load_dataset("data"))).deck()
    (row,) = [row for layer in deck.layers if layer.id == "segments"
              for row in layer.data if row["segment_id"] == segment_id]
    legs = list(zip(row["path"], row["path"][1:]))
    return max(legs, key=lambda leg: math.dist(*leg))


def test_map_is_drawn_offline_and_a_segment_opens_its_details(server, page):
    page.goto(f"{server}/corridors")
    wait_for_app(page, "Rail routes from Kazakhstan to Karachi and Gwadar")
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for()
    # drawn, not blank: outlines, lines of four colours, markers and labels
    assert until(lambda: canvas_colours(page) > 40), "the map canvas stayed blank"
    screenshot(page, "corridors")
    # click the middle of the longest leg of the Herat–Kandahar line as the deck draws it (the
    # line bends through its waypoints, so the middle of its two ends is off the line); deck.gl
    # may not pick yet on the first frames after it draws (a click then selects nothing, and
    # the app does not rerun), so a click that opened no card is made again, at most three
    # times, each time waiting on the app
    start, end = longest_leg("herat_kandahar")
    # the card's heading names every stop the line is drawn through, Herat first, Kandahar last
    heading = page.get_by_role("heading", name=re.compile(r"^Herat – (.+ – )?Kandahar$"))
    for attempt in range(3):
        box = canvas.bounding_box()  # where the canvas is now (the page may have scrolled)
        (x0, y0), (x1, y1) = (project(*point, box["width"], box["height"])
                              for point in (start, end))
        page.mouse.click(box["x"] + (x0 + x1) / 2, box["y"] + (y0 + y1) / 2)
        try:
            heading.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    expect(page.get_by_text("Figures the sources give for this corridor")).to_have_count(1)
    screenshot(page, "corridors_selected")
    assert_offline(page)
