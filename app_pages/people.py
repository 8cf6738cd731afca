"""People & education: students, universities, forums, delegations: each figure with its source."""

import streamlit as st

from components import pages
from components.sections.base import nothing
from components.ui import blocks
from components.ui.frame import context, usable
from components.ui.sections import draw

ctx = context()
st.caption("Single figures are shown as figures, each with the source that states it; where "
           "sources give different figures for the same thing, each is shown.")
if usable(ctx.data, "people"):  # every group reads the people table: said once
    if ctx.view["people"].empty:
        blocks.nothing(nothing("people or education figures"))
    for section in pages.PEOPLE.sections:
        draw(section, ctx)
