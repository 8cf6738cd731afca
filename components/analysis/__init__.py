"""Pure analysis of the loaded tables: filters, sources, trade, deals, routes and geometry,
the events of the timeline, formatting and exports. Imports only `components.data`."""
