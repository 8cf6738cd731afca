"""The Sources page's panel for trying one's own data, for this session only: a zip of CSVs or
an Excel workbook, one uploader for both."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.data.contract import TABLES
from components.data.loader import data_dir
from components.data.upload import EXPECTED, Limits, materialise, unpack
from components.data.workbook_upload import (
    MAX_ROWS,
    is_workbook,
    materialise_workbook,
    open_workbook,
)
from components.ui.state import OWN_DATA, own_data
from components.ui.text import md_escape

LIMITS = Limits()
#: what the uploader takes: .xlsm, .xls and .xlsb too, so that they reach our own refusal
#: (macros, an old or a binary workbook: save it as .xlsx) instead of the browser's
UPLOAD_TYPES = ["zip", "xlsx", "xlsm", "xls", "xlsb"]


def accept(name: str, blob: bytes, bundled: Path,
           root: Path | None = None) -> tuple[dict | None, list[str]]:
    """An upload checked and, when acceptable, written to a session folder: (the OWN_DATA
    entry, no refusals) or (None, why not). A workbook by its name or content, else a zip."""
    workbook = is_workbook(blob, name)
    unpacked = open_workbook(blob, name, LIMITS) if workbook else unpack(blob, LIMITS)
    if not unpacked.ok:
        return None, unpacked.refusals or [
            "The workbook holds no table sheet." if workbook else "The zip holds no table."]
    folder = (materialise_workbook if workbook else materialise)(unpacked.files, bundled, root)
    return {"dir": str(folder), "name": name, "kind": "workbook" if workbook else "zip",
            "tables": sorted(n.removesuffix(".csv") for n in unpacked.files)}, []


def _use_upload() -> None:
    """on_change of the uploader: check the upload; use it for this session if acceptable."""
    upload = st.session_state.get("own_zip")
    st.session_state.pop("own_zip_refusals", None)
    if upload is None:
        return
    own, refusals = accept(upload.name, upload.getvalue(), data_dir())
    if own is None:
        st.session_state["own_zip_refusals"] = (upload.name, refusals)
        return
    st.session_state[OWN_DATA] = own


def _back_to_bundled() -> None:
    st.session_state.pop(OWN_DATA, None)
    st.session_state.pop("own_zip_refusals", None)


def uploaded_tables(own: dict, listed: int = 4) -> str:
    """The tables an upload (an OWN_DATA entry) replaced, in words: 'all 18 sheets' for a
    whole workbook or zip, else their names ('sheets trade_flows, deals'; 'trade_flows.csv'),
    or their number past `listed` of them ('7 sheets')."""
    tables, workbook = own["tables"], own.get("kind") == "workbook"
    kind = "sheets" if workbook else "tables"
    if len(tables) == len(TABLES):
        return f"all {len(tables)} {kind}"
    if len(tables) > listed:
        return f"{len(tables)} {kind}"
    return (f"sheets {', '.join(tables)}" if workbook
            else ", ".join(t + ".csv" for t in tables))


def own_data_panel() -> None:
    """Upload a zip of CSVs or a workbook to use instead of the bundled data, or go back."""
    st.header("Try your own data")
    own = own_data()
    if own:
        workbook = own.get("kind") == "workbook"
        whole = len(own["tables"]) == len(TABLES)
        used = (f"{uploaded_tables(own)} from "
                + ("it" if whole else "the workbook" if workbook else "the zip")
                + ("" if whole else ", the other tables bundled"))
        st.info(md_escape(
            f"This session uses your data from {own['name']}: {used}. "
            "Nobody else sees it, nothing was written to the data folder, and reloading "
            "the page returns to the bundled data. The validation report above is for this "
            "data" + (", by sheet and row." if workbook else ".")),
            icon=":material/upload_file:")
        st.button("Back to the bundled data", on_click=_back_to_bundled,
                  icon=":material/undo:", type="primary")
    st.markdown(
        "Upload a zip of CSV files named as the bundled tables (for example `trade_flows.csv`), "
        "with the same columns, at the top of the zip; or an Excel workbook (.xlsx) with a "
        "sheet per table, named as the table, its column names in row 1 (the workbook "
        "downloaded below is one). Tables you leave out are taken from the bundled data. It "
        "is checked with the same validation and used for this session only.")
    st.file_uploader(
        "Zip of CSV tables, or an Excel workbook", type=UPLOAD_TYPES, key="own_zip",
        on_change=_use_upload,
        help=(f"At most {LIMITS.zip_bytes // 2**20} MB uploaded, "
              f"{LIMITS.total_bytes // 2**20} MB unpacked. A zip holds "
              + ", ".join(sorted(EXPECTED))
              + f". A workbook (.xlsx, not .xls, .xlsb or macro-enabled) holds sheets named as "
              f"the tables, at most {MAX_ROWS:,} rows each, with values, not formulas or "
              "merged cells, and dates as dates (or text yyyy-mm-dd); README and Lists "
              "sheets are ignored."))
    refused = st.session_state.get("own_zip_refusals")
    if refused:
        name, reasons = refused
        st.error(md_escape(f"{name} was not used:") + "\n\n"
                 + "\n".join(f"- {md_escape(r)}" for r in reasons), icon=":material/block:")
    st.caption(f"{len(TABLES)} tables; see data/README.md for every column.")
