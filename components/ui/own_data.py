"""The Sources page's panel for trying one's own data, for this session only."""

from __future__ import annotations

import streamlit as st

from components.data.contract import TABLES
from components.data.loader import data_dir
from components.data.upload import EXPECTED, Limits, materialise, unpack
from components.ui.state import OWN_DATA, own_data
from components.ui.text import md_escape

LIMITS = Limits()


def _use_upload() -> None:
    """on_change of the uploader: check the zip; use it for this session if it is acceptable."""
    upload = st.session_state.get("own_zip")
    st.session_state.pop("own_zip_refusals", None)
    if upload is None:
        return
    unpacked = unpack(upload.getvalue(), LIMITS)
    if not unpacked.ok:
        st.session_state["own_zip_refusals"] = (upload.name, unpacked.refusals
                                                or ["The zip holds no table."])
        return
    folder = materialise(unpacked.files, data_dir())
    st.session_state[OWN_DATA] = {
        "dir": str(folder), "name": upload.name,
        "tables": sorted(n.removesuffix(".csv") for n in unpacked.files)}


def _back_to_bundled() -> None:
    st.session_state.pop(OWN_DATA, None)
    st.session_state.pop("own_zip_refusals", None)


def own_data_panel() -> None:
    """Upload a zip of CSVs to use instead of the bundled data, or go back to it."""
    st.header("Try your own data")
    own = own_data()
    if own:
        st.info(md_escape(
            f"This session uses your data from {own['name']}: "
            f"{', '.join(t + '.csv' for t in own['tables'])} from the zip, the other tables "
            "bundled. Nobody else sees it, nothing was written to the data folder, and reloading "
            "the page returns to the bundled data. The "
            "validation report above is for this data."), icon=":material/upload_file:")
        st.button("Back to the bundled data", on_click=_back_to_bundled,
                  icon=":material/undo:", type="primary")
    st.markdown(
        "Upload a zip of CSV files named as the bundled tables (for example `trade_flows.csv`), "
        "with the same columns, at the top of the zip. Tables you leave out are taken from the "
        "bundled data. It is checked with the same validation and used for this session only.")
    st.file_uploader(
        "Zip of CSV tables", type=["zip"], key="own_zip", on_change=_use_upload,
        help=(f"At most {LIMITS.zip_bytes // 2**20} MB zipped, "
              f"{LIMITS.total_bytes // 2**20} MB unpacked; expected names: "
              + ", ".join(sorted(EXPECTED))))
    refused = st.session_state.get("own_zip_refusals")
    if refused:
        name, reasons = refused
        st.error(md_escape(f"{name} was not used:") + "\n\n"
                 + "\n".join(f"- {md_escape(r)}" for r in reasons), icon=":material/block:")
    st.caption(f"{len(TABLES)} tables; see data/README.md for every column.")
