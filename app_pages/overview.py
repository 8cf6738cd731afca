"""Overview: the headline figures, each with its source and date, responding to the filters."""

import streamlit as st

from components import pages
from components.ui.frame import context, shows
from components.ui.sections import draw

ctx = context()
trade, visit, deals, students, routes, latest = pages.OVERVIEW.sections

draw(trade, ctx)
if any(shows(s) for s in (visit, deals, students)):  # side by side, as tall as the tallest
    for column, section in zip(st.columns(3), (visit, deals, students)):
        with column:
            draw(section, ctx)
draw(routes, ctx)
draw(latest, ctx)
