"""The floor: a bare Streamlit app drawing what each page of the dashboard draws, from a record.

    BENCH_FLOOR_DATA=bench/out/floor_1x.pkl streamlit run bench/floor_app.py

No project code: the record (written by `bench/server_time.py --target app` while it runs the
real app through AppTest, with `bench/capture.py`) holds, for every page and every benchmark
filter state, the page's element tree with its data ready to draw — markdown text, metric
values, dataframes, plotly figure specs, the pydeck JSON, download bytes, widget options. This
script only lays it out again with the same Streamlit commands: the same navigation (six pages
at the top), the same sidebar filters (bound to the URL), the same blocks (columns, bordered
containers, expanders), the same kinds and numbers of elements with the same payloads. What it
costs is what Streamlit itself needs to draw the page; the dashboard's time above it is its own
work.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle

import plotly.graph_objects as go
import streamlit as st

PLOTLY_SELECTION = {0: "points", 1: "box", 2: "lasso"}


class PrecomputedDeck:
    """Stands in for a pydeck.Deck: Streamlit asks it for its JSON and tooltip only."""

    layers = None
    mapbox_key = None
    width = None
    deck_widget = None

    def __init__(self, spec: str, tooltip: str | None) -> None:
        self._spec = spec
        self._tooltip = json.loads(tooltip) if tooltip else None

    def to_json(self) -> str:
        return self._spec


def _prepare(nodes: list) -> None:
    """Turn recorded specs into the objects Streamlit takes (once, when the record loads)."""
    for node in nodes:
        if "b" in node:
            kids = node["children"]
            for group in (kids if node["b"] == "columns" else [kids]):
                _prepare(group)
        elif node["e"] == "plotly":
            node["fig"] = go.Figure(json.loads(node["spec"]))
        elif node["e"] == "deck":
            node["deck"] = PrecomputedDeck(node["json"], node["tooltip"])


@st.cache_resource(show_spinner=False)
def load(path: str) -> dict:
    with open(path, "rb") as fh:
        record = pickle.load(fh)
    for views in record["views"].values():
        for view in views.values():
            _prepare(view)
    _prepare(record["sidebar"])
    return record


def draw(nodes: list, pages: dict) -> None:
    for node in nodes:
        kind = node.get("b")
        if kind == "columns":
            cols = st.columns(node["weights"], vertical_alignment=node["valign"],
                              border=node["border"])
            for col, kids in zip(cols, node["children"]):
                with col:
                    draw(kids, pages)
            continue
        if kind == "container":
            with st.container(border=node["border"], horizontal=node["horizontal"],
                              height="stretch" if node["stretch"] else "content"):
                draw(node["children"], pages)
            continue
        if kind == "popover":
            with st.popover(node["label"]):
                draw(node["children"], pages)
            continue
        if kind == "expander":
            with st.expander(node["label"], expanded=node["expanded"]):
                draw(node["children"], pages)
            continue
        e = node["e"]
        if e == "title":
            st.title(node["body"], help=node["help"])
        elif e == "header":
            st.header(node["body"], help=node["help"])
        elif e == "subheader":
            st.subheader(node["body"], help=node["help"])
        elif e == "markdown":
            st.markdown(node["body"], help=node["help"])
        elif e == "caption":
            st.caption(node["body"], help=node["help"])
        elif e == "metric":
            st.metric(node["label"], node["value"], delta=node["delta"], help=node["help"],
                      label_visibility="collapsed" if node["collapsed"] else "visible")
        elif e == "dataframe":
            st.dataframe(node["df"], hide_index=True, width="stretch")
        elif e == "plotly":
            selection = [PLOTLY_SELECTION[m] for m in node["selection_mode"]]
            st.plotly_chart(node["fig"], theme=node["theme"], width="stretch",
                            config=node["config"], key=node["key"],
                            on_select="rerun" if node["select"] else "ignore",
                            **({"selection_mode": selection} if node["select"] else {}))
        elif e == "deck":
            st.pydeck_chart(node["deck"], key=node["key"], height=node["height"] or 500,
                            on_select="rerun" if node["select"] else "ignore",
                            selection_mode="single-object")
        elif e == "html":
            st.html(node["body"])
        elif e == "text":
            st.text(node["body"])
        elif e == "alert":
            getattr(st, node["kind"])(node["body"], icon=node["icon"])
        elif e == "download":
            st.download_button(node["label"], node["data"], node["file_name"], node["mime"],
                               key=node["key"], icon=node["icon"])
        elif e == "link_button":
            st.link_button(node["label"], node["url"], icon=node["icon"])
        elif e == "page_link":
            target = pages.get(node["page"])
            if target is not None:
                st.page_link(target, label=node["label"], icon=node["icon"])
        elif e == "multiselect":
            st.multiselect(node["label"], node["options"], default=node["default"],
                           key=node["key"], placeholder=node["placeholder"])
        elif e == "toggle":
            st.toggle(node["label"], value=node["value"], key=node["key"], help=node["help"])
        elif e == "checkbox":
            st.checkbox(node["label"], value=node["value"], key=node["key"], help=node["help"])
        elif e == "segmented":
            st.segmented_control(node["label"], node["options"], default=node["default"],
                                 key=node["key"])
        elif e == "code":
            st.code(node["body"], language=node["language"])
        elif e == "file_uploader":
            st.file_uploader(node["label"], type=node["type"], key=node["key"],
                             help=node["help"], accept_multiple_files=node["multiple"])
        elif e == "selectbox":
            st.selectbox(node["label"], node["options"], index=node["index"], key=node["key"])
        else:
            st.empty()


def sidebar(record: dict, pages: dict) -> str:
    """The sidebar as the dashboard drew it (recorded), with the shared filters as real,
    URL-bound widgets over the data's ids; returns the key of the view they select."""
    sectors, corridors = record["sector_labels"], record["corridor_labels"]
    first, last = (dt.date.fromisoformat(d) for d in record["dates"])
    with st.sidebar:
        for node in record["sidebar"]:
            key = node.get("key")
            if key == "sector":
                st.multiselect(node["label"], options=list(sectors),
                               format_func=lambda s: sectors.get(s, s), key="sector",
                               bind="query-params", placeholder=node["placeholder"])
            elif key == "corridor":
                st.multiselect(node["label"], options=list(corridors),
                               format_func=lambda c: corridors.get(c, c), key="corridor",
                               bind="query-params", placeholder=node["placeholder"])
            elif key == "dates":
                st.date_input(node["label"], value=(first, last), min_value=first,
                              max_value=last, key="dates", bind="query-params",
                              format="YYYY-MM-DD")
            else:
                draw([node], pages)
    sector = st.session_state.get("sector") or []
    corridor = st.session_state.get("corridor") or []
    return "sector=" + ",".join(sector) + "|corridor=" + ",".join(corridor)


def main() -> None:
    st.set_page_config(page_title="Floor", layout="wide", initial_sidebar_state="expanded")
    record = load(os.environ["BENCH_FLOOR_DATA"])
    pages: dict = {}
    view_key = ""

    def page_function(url_path: str):
        def show() -> None:
            views = record["views"][url_path]
            tree = views.get(view_key)
            if tree is None:  # a filter state the record lacks: draw the unfiltered page
                tree = views[next(iter(views))]
            draw(tree, pages)
        show.__name__ = f"floor_{url_path}"
        return show

    for i, (url_path, title, icon) in enumerate(record["pages"]):
        pages[url_path] = st.Page(page_function(url_path), title=title, icon=icon,
                                  url_path=url_path, default=i == 0)
    view_key = sidebar(record, pages)
    st.navigation(list(pages.values()), position="top").run()


main()
