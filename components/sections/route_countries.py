"""Kilometres by country crossed (Corridors, and its slide): how much of each route the
relationship depends on runs through each country, by status. Pure. Lengths in km of the
drawn lines (geodesic, straight between sourced places)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.analysis.crossings import border_offsets, route_countries, segment_countries
from components.analysis.export import to_csv_bytes
from components.analysis.geometry import segment_lines
from components.analysis.routes import STATUS_ORDER
from components.analysis.sourcing import source_line
from components.figures.outlines import load_outlines, outlines_source
from components.figures.routes import country_figure
from components.sections.base import (
    Column,
    Context,
    Section,
    Slide,
    Table,
    distinct,
    join_notes,
    nothing,
)

#: what the numbers rest on, and what they cannot say (with the border error measured)
CAVEAT = ("Kilometres by country: each leg of a line between places in one country (by the "
          "data's own places) is counted there; a leg from a border crossing is counted in "
          "the next country, one between a border's two posts half on each side, and one "
          "between two cities either side of a border is split where Natural Earth's 1:110m "
          "border cuts it. Boundaries are de facto and disputed boundaries are not endorsed. "
          "At 1:110m the border lies {lo:,.0f}–{hi:,.0f} km from the border crossings on these "
          "lines ({worst}: {worst_km:,.0f} km), so a country's kilometres near a border can "
          "shift by about that much.")
CAVEAT_PLAIN = ("Kilometres by country follow the data's places and, between two cities either "
                "side of a border, Natural Earth's 1:110m border. Boundaries are de facto and "
                "disputed boundaries are not endorsed.")


@dataclass(frozen=True, eq=False)
class RouteCountries:
    """Each route's km in each country it crosses.

    empty: why there is none; table: one row per route and country, km by status, total and
    share; figure: the stacked bars; summary: the share in the transit country of each route,
    in words; caveat: how the km are split and the outlines' measured border error;
    source_line / source_ids: the segments' sources and the outlines; csv: the table as shown.
    """

    empty: str | None
    table: Table | None = None
    figure: go.Figure | None = None
    summary: str = ""
    caveat: str = ""
    source_line: str = ""
    source_ids: tuple[str, ...] = ()
    csv: bytes = b""

    def slide(self) -> Slide | None:
        if self.figure is None:
            return None
        return Slide(title="Route kilometres by country crossed", figure=self.figure,
                     source_line=self.source_line, summary=self.summary,
                     notes=join_notes(self.source_line, self.summary, self.caveat),
                     source_ids=self.source_ids)


def by_country_columns(status_labels: dict[str, str]) -> dict[str, Column | str]:
    """The table's headings: route, country, a km column per status, total and share."""
    out: dict[str, Column | str] = {"route": "Route", "country": "Country"}
    for s in STATUS_ORDER:
        out[f"km_{s}"] = Column(f"{status_labels.get(s, s)} (km)", kind="number", format="%d")
    out["km"] = Column("Total (km)", kind="number", format="%d")
    out["share_pct"] = Column("Share of the route (%)", kind="number", format="%d")
    return out


def route_countries_view(ctx: Context) -> RouteCountries:
    rel, data = ctx.relationship, ctx.data
    ids = tuple(dict.fromkeys(r.corridor_id for r in rel.routes))
    outlines = load_outlines()
    # made once per dataset (prepare): every segment's km by country; the view's are kept
    every = segment_countries(segment_lines(data["segments"], data["places"]), data["places"],
                              outlines)
    shown = set(ctx.view["segments"]["segment_id"])
    mine = every[every["segment_id"].isin(shown)]
    by_country = route_countries(mine, ids, STATUS_ORDER)
    if by_country.empty:
        return RouteCountries(nothing("route to the ports"))
    short = data["corridors"].set_index("corridor_id")["short_name"].to_dict()
    names = {c: str(short.get(c) or c) for c in ids}
    labels = dict(ctx.labels.statuses)
    frame = by_country.assign(route=[names[c] for c in by_country["corridor_id"]],
                              share_pct=(by_country["share"] * 100).round(0))
    for column in [f"km_{s}" for s in STATUS_ORDER] + ["km"]:
        frame[column] = frame[column].round(0)
    shown_frame = frame[["route", "country", *(f"km_{s}" for s in STATUS_ORDER), "km",
                         "share_pct"]]
    segs = ctx.view["segments"]
    source_ids = distinct(segs[segs["corridor_id"].isin(ids)]["source_id"])
    line = source_line(ctx.sources, source_ids)
    line = ((line + "; " if line else "Sources: ")
            + f"country outlines: {outlines_source(outlines)}")
    return RouteCountries(
        None, Table(shown_frame, f"{rel.key}_route_km_by_country", by_country_columns(labels)),
        figure=country_figure(by_country, names, labels),
        summary=_summary(by_country, names, labels, (rel.a.iso3, rel.b.iso3)), caveat=_caveat(ctx),
        source_line=line, source_ids=source_ids, csv=to_csv_bytes(shown_frame))


def _summary(by_country: pd.DataFrame, names: dict[str, str], labels: dict[str, str],
             pair: tuple[str, ...]) -> str:
    """'Of the Trans-Afghan route's 658 drawn km, 530 km (81%) run through Afghanistan, 467
    km of them planned; …': for each route, the transit country it crosses most (neither of
    the relationship's `pair`; else the country it crosses most), and the status most of that
    is in."""
    parts = []
    for corridor, rows in by_country.groupby("corridor_id", sort=False):
        transit = rows[~rows["iso3"].isin(pair)]
        row = (transit if not transit.empty else rows).sort_values("km").iloc[-1]
        most = max(STATUS_ORDER, key=lambda s: row[f"km_{s}"])
        parts.append(f"of the {names[corridor]} route's {rows['km'].sum():,.0f} drawn km, "
                     f"{row['km']:,.0f} km ({row['share']:.0%}) run through {row['country']}, "
                     f"{row[f'km_{most}']:,.0f} km of them {labels.get(most, most).lower()}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""


def _caveat(ctx: Context) -> str:
    """CAVEAT with the outlines' border error measured at the crossings the lines pass."""
    data = ctx.data
    offsets = border_offsets(segment_lines(data["segments"], data["places"]), data["places"],
                             load_outlines())
    if offsets.empty:
        return CAVEAT_PLAIN
    worst = offsets.iloc[-1]
    return CAVEAT.format(lo=offsets["km"].min(), hi=offsets["km"].max(), worst=worst["name"],
                         worst_km=worst["km"])


ROUTE_COUNTRIES = Section("route_countries", "Kilometres by country crossed",
                          ("segments", "places", "statuses"), route_countries_view)
