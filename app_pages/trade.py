"""Trade & deals: trade against targets (both reporters), deals by sector and status, agreements."""

from components import pages
from components.ui.frame import context
from components.ui.sections import draw

ctx = context()
for section in pages.TRADE.sections:
    draw(section, ctx)
