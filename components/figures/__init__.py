"""Figures drawn from the analysis: the plotly template and charts, the pydeck map, the static
map for images and slides, and server-side images. Pure: no Streamlit."""
