"""What the tests share: the bundled data and copies of it, running the app in AppTest and
reading what it shows, images' sizes and colours, and the e2e tests' constants.

Fixtures live in conftest.py (`data`: the bundled dataset, loaded once per session); helpers
here are plain functions, importable from any test.
"""

from __future__ import annotations

import csv
import io
import shutil
import struct
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from components.data.loader import Dataset
from components.figures.images import CHROMIUM  # noqa: F401 -- the tests' browser, named once

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
APP = ROOT / "app.py"
#: the bundled countries' adjectives, as `trade.adjectives` gives them for a relationship
NAMES = {"KAZ": "Kazakh", "PAK": "Pakistani", "UZB": "Uzbek"}
#: the hosts a page may ask: the app's own (anything else is a request leaving the machine)
LOCAL = {"127.0.0.1", "localhost"}


# --- data ------------------------------------------------------------------------------------


def with_tables(data: Dataset, **tables: pd.DataFrame) -> Dataset:
    """`data` with some tables replaced (the others shared), for a test that needs more rows
    than the bundled data has."""
    return Dataset(tables={**data.tables, **tables}, problems=list(data.problems),
                   directory=data.directory)


def copy_data(folder: Path, rewrite: dict[str, Callable[[list[dict]], list[dict]]] | None = None
              ) -> Path:
    """The bundled data copied to `folder`, each table named in `rewrite` passed through its
    function (rows as dicts of text, as csv reads them; the columns stay the first row's)."""
    shutil.copytree(DATA, folder)
    for table, change in (rewrite or {}).items():
        path = folder / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            columns, rows = reader.fieldnames, list(reader)
        rows = change(rows)
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return folder


# --- the app in AppTest ----------------------------------------------------------------------


def run_app(monkeypatch, data_dir: Path, page: str | None = None,
            session: dict | None = None, **widgets):
    """The app on `data_dir`, run once (then on `page`, a file as in components.pages, and with
    the sidebar's multiselects set to `widgets`), with no exception."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CORRIDOR_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    for key, value in widgets.items():
        at.multiselect(key=key).set_value(value).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def plain(text: str) -> str:
    """Markdown text as the reader sees it (the app escapes data text)."""
    return text.replace("\\", "")


def metric_values(at) -> dict[str, str]:
    """Each metric's label → value, as read."""
    return {plain(m.label): plain(m.value) for m in at.metric}


def all_text(at) -> str:
    """Every markdown, caption, error and info line of the page, as read."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in at.error] + [i.value for i in at.info]
    return plain("\n".join(parts))


# --- images ----------------------------------------------------------------------------------


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) of a PNG, read from its header."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def distinct_colours(png: bytes) -> int:
    """How many colours a PNG uses (a blank image uses one)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        colours = im.convert("RGB").getcolors(maxcolors=1 << 22)
    return len(colours)


def corner_pixel(png: bytes) -> tuple[int, int, int]:
    """The colour of a PNG's pixel at (3, 3), inside its top-left corner."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        return im.convert("RGB").getpixel((3, 3))
