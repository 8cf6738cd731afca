"""Corridors: the offline map of the relationship's routes to the ports, and the routes compared."""

from components import pages
from components.ui.frame import context, usable
from components.ui.sections import draw

ctx = context()
corridor_map, routes = pages.CORRIDORS.sections
if usable(ctx.data, *corridor_map.needs):  # both read the same tables: said once
    draw(corridor_map, ctx)
    draw(routes, ctx)
