"""Sources & data: the validation report, every source and every table, your own data."""

from components import pages
from components.ui.frame import context
from components.ui.sections import draw

ctx = context()
for section in pages.SOURCES.sections:
    draw(section, ctx)
