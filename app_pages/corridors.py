"""Corridors: the offline map of the relationship's routes to the ports, the routes compared,
and their kilometres by country crossed."""

from components import pages
from components.ui.frame import context, usable
from components.ui.sections import draw

ctx = context()
corridor_map, *rest = pages.CORRIDORS.sections
if usable(ctx.data, *corridor_map.needs):  # all read the same tables: said once
    draw(corridor_map, ctx)
    for section in rest:
        draw(section, ctx)
