"""What every session reads of a dataset, built once when the dataset is loaded, not on the
first visit of each page (at 1000× the bundled data the Corridors page's first visit was
11 s, most of it this). Pure: no Streamlit; the app's loader calls `prepare` inside its
shared cache, so all sessions on a dataset find these built.

Each part is memoised by the identity of the dataset's tables (components.analysis.memo and
sourcing's index): preparing only calls them once, and pages later get the same objects.
"""

from __future__ import annotations

from components.analysis.geometry import rail_graph, segment_lines
from components.analysis.sourcing import source_labels
from components.data.loader import Dataset
from components.figures.outlines import country_points, load_outlines


def prepare(data: Dataset) -> Dataset:
    """Build the dataset's source index (every source's label, rank, title), its segments'
    lines and rail network, and where each country may be named on a map. Returns `data`."""
    if "sources" in data.tables:
        source_labels(data["sources"], ())
    if {"segments", "places"} <= set(data.tables) and data.ok("segments", "places"):
        rail_graph(segment_lines(data["segments"], data["places"]))
    country_points(load_outlines())
    return data
