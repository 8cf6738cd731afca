"""End-to-end: a dataset with one alignment draws that segment along its course in real
Chromium (the pixels of its colour lie on the course, not on the straight chord), and the
segment's card says the line is traced."""

import io
import json
import math
import shutil

import pytest
from PIL import Image
from playwright.sync_api import expect

from components.data.loader import load_dataset
from components.figures.style import STATUS_STYLE
from components.sections.base import context
from components.sections.corridors import corridor_map
from tests.e2e.conftest import choose, screenshot, serve, wait_for_app
from tests.e2e.test_corridors import until
from tests.support import ROOT

pytestmark = pytest.mark.e2e

HERAT, KANDAHAR = (62.20306, 34.34194), (65.71588, 31.62068)
COURSE = [HERAT, (62.13, 33.26), (62.10, 32.37), (64.36, 31.59), KANDAHAR]


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("aligned") / "data"
    shutil.copytree(ROOT / "data", folder)
    (folder / "geo" / "segments.geojson").write_text(json.dumps({
        "type": "FeatureCollection", "features": [{
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [list(p) for p in COURSE]},
            "properties": {"segment_id": "herat_kandahar", "source_id": "railwaygazette_69806",
                           "precision": "traced"}}]}), encoding="utf-8")
    return folder


def _pixel(view, lon, lat, width, height):
    scale = 512 * 2 ** view.zoom

    def merc(lo, la):
        return ((lo + 180) / 360 * scale,
                (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2
                * scale)

    cx, cy = merc(view.longitude, view.latitude)
    x, y = merc(lon, lat)
    return width / 2 + x - cx, height / 2 + y - cy


def _planned_near(image, x, y, r=10) -> int:
    """Pixels of the planned lines' colour within r px of (x, y)."""
    want = STATUS_STYLE["planned"]["color"]
    near = 0
    for i in range(int(x) - r, int(x) + r + 1):
        for j in range(int(y) - r, int(y) + r + 1):
            if 0 <= i < image.width and 0 <= j < image.height:
                p = image.getpixel((i, j))
                near += sum(abs(a - b) for a, b in zip(p, want)) < 60
    return near


def test_an_aligned_segment_is_drawn_along_its_course_and_says_so(aligned, page):
    view = corridor_map(context(load_dataset(aligned))).deck().initial_view_state
    with serve(aligned) as url:
        page.goto(f"{url}/corridors")
        wait_for_app(page, "Rail routes from Kazakhstan to Karachi and Gwadar")
        canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
        canvas.wait_for()
        box = canvas.bounding_box()
        on_course = _pixel(view, (62.10 + 64.36) / 2, (32.37 + 31.59) / 2,
                           box["width"], box["height"])
        on_chord = _pixel(view, (HERAT[0] + KANDAHAR[0]) / 2, (HERAT[1] + KANDAHAR[1]) / 2,
                          box["width"], box["height"])

        def shot():
            return Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")

        # the course is drawn (the map draws asynchronously: wait until its colour is there)
        image = until(lambda: (lambda im: im if _planned_near(im, *on_course) else None)(shot()))
        assert image is not None, "no planned line along the course"
        assert _planned_near(image, *on_chord) == 0, "a straight line is drawn on the chord"
        screenshot(page, "corridors_aligned")
        # the legend says which lines are straight and which follow an alignment
        expect(page.get_by_text("straight: between sourced places; bent: traced alignment")
               ).to_be_visible()
        choose(page, "Details for", "Herat–Kandahar")
        expect(page.get_by_text("Line drawn: traced alignment", exact=False)).to_be_visible()
        screenshot(page, "corridors_aligned_card")
