"""Timeline: visits, summits, commissions, forums and milestones since 1991, and their outcomes."""

from components import pages
from components.ui.frame import context
from components.ui.sections import draw

ctx = context()
for section in pages.TIMELINE.sections:
    draw(section, ctx)
