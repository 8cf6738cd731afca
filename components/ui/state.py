"""The loaded dataset and the view's filters, shared by every page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from components.analysis.filters import EARLIEST, FilterState, apply_filters
from components.analysis.versions import remember
from components.analysis.view_link import data_version
from components.data.contract import TABLES
from components.data.loader import Dataset, data_dir, load_dataset
from components.sections.prepare import prepare

LATEST = dt.date(2030, 12, 31)  # the date filter's far end: targets and plans run to 2030
DEFAULT_DATES = (EARLIEST, LATEST)


def fingerprint(directory: Path) -> tuple:
    """(file, size, mtime) of every table, so an edited file is reloaded."""
    out = []
    for table in TABLES.values():
        p = directory / table.file
        out.append((table.file, *((p.stat().st_size, p.stat().st_mtime_ns) if p.exists()
                                  else (None, None))))
    return tuple(out)


# cache_resource, not cache_data: every session shares one read-only copy of the tables
# instead of unpickling a fresh copy on every rerun (pages never modify them in place)
@st.cache_resource(show_spinner=False, max_entries=4)
def _load(directory: str, fingerprint: tuple) -> Dataset:
    # built once per dataset for every session (sections.prepare), not on each first visit
    return prepare(load_dataset(directory))


#: session_state key of the analyst's own data for this session: {"dir": folder, "name": the
#: uploaded file's name, "kind": "zip" or "workbook", "tables": [tables the upload replaced]}
OWN_DATA = "own_data"


def current_dir() -> Path:
    """This session's data folder: the analyst's upload if any, else the configured one."""
    own = st.session_state.get(OWN_DATA)
    if own and Path(own["dir"]).is_dir():
        return Path(own["dir"])
    return data_dir()


def own_data() -> dict | None:
    """The analyst's upload in use in this session, or None on the bundled data."""
    own = st.session_state.get(OWN_DATA)
    return own if own and Path(own["dir"]).is_dir() else None


def dataset_at(directory: Path) -> Dataset:
    """The dataset of a data folder, shared by every session, cached per file versions."""
    return _load(str(directory), fingerprint(directory))


def dataset() -> Dataset:
    """This session's dataset, cached per directory and file versions."""
    return dataset_at(current_dir())


def filter_state() -> FilterState:
    """The filters as the sidebar widgets (bound to the URL) hold them."""
    dates = st.session_state.get("dates", DEFAULT_DATES) or DEFAULT_DATES
    start = dates[0] if len(dates) > 0 else None
    end = dates[1] if len(dates) > 1 else None
    return FilterState(
        sectors=tuple(st.session_state.get("sector", []) or []),
        corridors=tuple(st.session_state.get("corridor", []) or []),
        start=None if start in (None, EARLIEST) else start,
        end=None if end in (None, LATEST) else end,
        relationship=st.session_state.get("relationship"),
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def _filtered(directory: str, fingerprint: tuple, state: FilterState) -> dict:
    return apply_filters(_load(directory, fingerprint).tables, state)


def view() -> dict:
    """The dataset's tables cut to the current filters (table name → DataFrame)."""
    directory = current_dir()
    return _filtered(str(directory), fingerprint(directory), filter_state())


@st.cache_data(show_spinner=False, max_entries=8)
def _version(directory: str, fingerprint: tuple) -> str:
    # the configured data folder's versions are kept (outside it), once each, so a link made
    # on one of them can later say which of its figures changed; an upload's are not: a link
    # made on one session's own data opens on the bundled data anywhere else
    if Path(directory) == data_dir():
        remember(directory)
    return data_version(directory)


def current_version() -> str:
    """The short content hash of this session's data (cached per file versions)."""
    directory = current_dir()
    return _version(str(directory), fingerprint(directory))
