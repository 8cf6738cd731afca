"""Relationships: every country pair of the data side by side, each figure with its source."""

from components import pages
from components.ui.frame import context
from components.ui.sections import draw

ctx = context()
for section in pages.RELATIONSHIPS.sections:
    draw(section, ctx)
