"""What every session reads of a dataset, built once when the dataset is loaded, not on the
first visit of each page (at 1000× the bundled data the Corridors page's first visit was
11 s, most of it this). Pure: no Streamlit; the app's loader calls `prepare` inside its
shared cache, so all sessions on a dataset find these built.

Each part is memoised by the identity of the dataset's tables (components.analysis.memo and
sourcing's index): preparing only calls them once, and pages later get the same objects.
"""

from __future__ import annotations

from components.analysis.crossings import segment_countries
from components.analysis.geometry import rail_graph, segment_lines
from components.analysis.routes import is_coarse
from components.analysis.sourcing import source_labels
from components.data.loader import Dataset
from components.figures.deck import coarse_paths, coarse_points
from components.figures.outlines import country_points, load_outlines, load_seas, sea_points


def prepare(data: Dataset) -> Dataset:
    """Build the dataset's source index (every source's label, rank, title), its segments'
    lines, rail network and km by country crossed (and, when the map draws summaries, their
    coarse paths and points), and where each country and sea may be named on a map. Returns
    `data`."""
    if "sources" in data.tables:
        source_labels(data["sources"], ())
    if {"segments", "places"} <= set(data.tables) and data.ok("segments", "places"):
        lines = segment_lines(data["segments"], data["places"])
        rail_graph(lines)
        segment_countries(lines, data["places"], load_outlines())  # km by country crossed
        if is_coarse(len(lines)):  # the map draws summaries: their coarse paths and points
            coarse_paths(lines)
            coarse_points(data["places"])
    country_points(load_outlines())
    sea_points(load_seas())
    return data
