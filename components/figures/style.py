"""The project's one plotly template: colour-blind-safe, legible when projected, exports as seen.

`import streamlit` switches plotly's default template to one with placeholder colours (exported
images come out black), so every figure names this template explicitly and is drawn with
`st.plotly_chart(..., theme=None)`.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE = "corridor"

# Okabe & Ito (2008), safe for the common colour-vision deficiencies
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442",
             "#000000"]
TEXT = "#1b1f24"
GRID = "#e3e6ea"
FONT = "Source Sans Pro, Arial, sans-serif"  # Streamlit's bundled font; no web font is fetched


def _register() -> None:
    pio.templates[TEMPLATE] = go.layout.Template(layout=go.Layout(
        font={"family": FONT, "size": 16, "color": TEXT},
        title={"font": {"size": 20}, "x": 0, "xanchor": "left"},
        colorway=OKABE_ITO,
        paper_bgcolor="white", plot_bgcolor="white",
        xaxis={"gridcolor": GRID, "linecolor": "#9aa0a6", "ticks": "outside",
               "tickfont": {"size": 15}, "automargin": True, "zeroline": False},
        yaxis={"gridcolor": GRID, "linecolor": "#9aa0a6", "tickfont": {"size": 15},
               "automargin": True, "zeroline": False},
        legend={"font": {"size": 15}, "bgcolor": "rgba(255,255,255,0.8)"},
        hoverlabel={"font": {"size": 15, "family": FONT}, "bgcolor": "white"},
        margin={"l": 10, "r": 20, "t": 50, "b": 40},
    ))


_register()


def plain(text: object) -> str:
    """Data text made safe for plotly hover and labels (plotly renders a subset of HTML)."""
    return html.escape(str(text))


#: type sizes (px) for a projected screen: read from the back of a room at 1920×1080
PROJECTOR = {"font": 22, "title": 28, "ticks": 20, "legend": 20}


def for_projector(fig: go.Figure) -> go.Figure:
    """A copy of `fig` with larger type throughout (axes, legend, title, annotations)."""
    out = go.Figure(fig)
    out.update_layout(font_size=PROJECTOR["font"], title_font_size=PROJECTOR["title"],
                      legend_font_size=PROJECTOR["legend"], hoverlabel_font_size=PROJECTOR["font"])
    out.update_xaxes(tickfont_size=PROJECTOR["ticks"], title_font_size=PROJECTOR["font"])
    out.update_yaxes(tickfont_size=PROJECTOR["ticks"], title_font_size=PROJECTOR["font"])
    out.update_annotations(font_size=PROJECTOR["font"])
    if out.layout.height:
        out.update_layout(height=int(out.layout.height * 1.25))
    return out


# Okabe–Ito colours (colour-blind safe), RGB; width in pixels says the same thing a second way
# and dash (in line widths: [dash, gap]) a third, so colour is never the only carrier of status
STATUS_STYLE = {
    "operational": {"color": [0, 158, 115], "width": 6, "dash": [1, 0]},
    "under_construction": {"color": [230, 159, 0], "width": 6, "dash": [3, 1.5]},
    "planned": {"color": [0, 114, 178], "width": 4, "dash": [2, 2]},
    "proposed": {"color": [204, 121, 167], "width": 3, "dash": [1, 2.5]},
}
CONTEXT_COLOR = [150, 150, 150]
PLACE_STYLE = {  # radius px, fill, outline
    "port": (8, [0, 60, 110], [255, 255, 255]),
    "city": (5, [60, 60, 60], [255, 255, 255]),
    "border_crossing": (6, [255, 255, 255], [20, 20, 20]),
    "junction": (4, [60, 60, 60], [255, 255, 255]),
    "station": (4, [60, 60, 60], [255, 255, 255]),
}
GAUGE_COLOR = [213, 94, 0]
