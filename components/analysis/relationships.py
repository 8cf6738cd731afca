"""The country pairs the dashboard covers, read from the data (`relationships.csv`,
`relationship_routes.csv` and the words of `countries.csv`), and what each one's view holds.
Pure.

No country is named in code: every title, sentence and slide that speaks of "the pair" takes
its words from a `Relationship` (`words`), and every table a section reads is first cut to the
chosen relationship (`cut`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from components.analysis.memo import by_identity


@dataclass(frozen=True)
class RouteSpec:
    """A route a relationship depends on, and how its cargo reaches it.

    corridor_id: the route corridor; feeder_id: the corridor bringing the cargo to its start
    (None: the cargo starts on the route); origin: the railhead (place id) distances are
    measured from.
    """

    corridor_id: str
    feeder_id: str | None
    origin: str

    def corridors(self, network: str | None) -> set[str]:
        """The corridors a path from the origin to a port may use."""
        return {c for c in (self.feeder_id, self.corridor_id, network) if c}


@dataclass(frozen=True)
class Country:
    """A country as text names it, from countries.csv: ISO3 code, name, adjective ('<adjective>
    statistics') and what its trade statistics are called."""

    iso3: str
    name: str
    adjective: str
    statistics: str


@dataclass(frozen=True)
class Relationship:
    """One country pair the data covers.

    key: its id (URLs, file names); name: as titles write the pair ('A–B'); a, b: its two
    countries; cargo_from: the country whose cargo the routes carry to the ports; network: the
    corridor id of the network the routes reach the ports over (None: none); ports: place ids,
    the first the one gauge changes are counted to; port_names: their names; routes: the routes
    it depends on; description: one sentence (may be empty).
    """

    key: str
    name: str
    a: Country
    b: Country
    cargo_from: Country
    network: str | None = None
    ports: tuple[str, ...] = ()
    port_names: tuple[str, ...] = ()
    routes: tuple[RouteSpec, ...] = ()
    description: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        """The two ISO3 codes, (a, b)."""
        return (self.a.iso3, self.b.iso3)

    @property
    def corridors(self) -> frozenset[str]:
        """Every corridor id its routes use: routes, feeders and the network."""
        ids = {c for r in self.routes for c in (r.corridor_id, r.feeder_id) if c}
        return frozenset(ids | ({self.network} if self.network else set()))

    def country(self, iso3: str) -> Country:
        """One of its two countries by code (else a Country named by the code)."""
        for c in (self.a, self.b, self.cargo_from):
            if c.iso3 == iso3:
                return c
        return Country(iso3, iso3, iso3, f"{iso3} statistics")

    @property
    def words(self) -> dict[str, str]:
        """The words text templates are filled with: {name} the pair ('A–B'), {a} and {b}
        the countries' names, {a_adj}/{b_adj} their adjectives, {origin} and {origin_adj} the
        cargo's country, {ports} 'Karachi and Gwadar' ('the ports' when none is named)."""
        return {"name": self.name, "a": self.a.name, "b": self.b.name,
                "a_adj": self.a.adjective, "b_adj": self.b.adjective,
                "origin": self.cargo_from.name, "origin_adj": self.cargo_from.adjective,
                "ports": and_list(self.port_names) or "the ports"}

    def say(self, template: str) -> str:
        """`template` with this relationship's `words` ('{name} at a glance')."""
        return template.format_map(self.words)


def and_list(items) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = [str(i) for i in items]
    return " and ".join(items) if len(items) < 3 else ", ".join(items[:-1]) + " and " + items[-1]


def countries_of(countries: pd.DataFrame) -> dict[str, Country]:
    """ISO3 → Country from countries.csv; an empty adjective is the name, an empty
    statistics "<name>'s statistics"."""
    out = {}
    for r in countries.itertuples():
        adjective = r.adjective if isinstance(r.adjective, str) else r.name
        stats = r.statistics if isinstance(r.statistics, str) else f"{r.name}'s statistics"
        out[r.iso3] = Country(r.iso3, r.name, adjective, stats)
    return out


def _country(known: Mapping[str, Country], iso3: str) -> Country:
    return known.get(iso3) or Country(iso3, iso3, iso3, f"{iso3} statistics")


@by_identity(maxsize=8)
def relationships_of(tables: Mapping[str, pd.DataFrame]) -> tuple[Relationship, ...]:
    """Every relationship of the data, the default first, then in file order.

    Without usable rows in relationships.csv (an older data folder, or the file failed
    validation) the pairs of trade_targets, else of trade_flows, stand in, in file order,
    without routes: the pages keep working and the validation report says what is missing.
    """
    known = countries_of(tables["countries"])
    rel = tables["relationships"]
    if rel.empty:
        return _derived(tables, known)
    places = dict(zip(tables["places"]["place_id"], tables["places"]["name"]))
    routes = tables["relationship_routes"]
    out = []
    for r in rel.itertuples():
        ports = tuple(p for p in (r.ports.split(";") if isinstance(r.ports, str) else ()) if p)
        mine = routes[routes["relationship_id"] == r.relationship_id]
        out.append(Relationship(
            key=r.relationship_id, name=r.name, a=_country(known, r.country_a),
            b=_country(known, r.country_b), cargo_from=_country(known, r.cargo_from),
            network=r.network if isinstance(r.network, str) else None, ports=ports,
            port_names=tuple(places.get(p, p) for p in ports),
            routes=tuple(RouteSpec(x.corridor_id,
                                   x.feeder_id if isinstance(x.feeder_id, str) else None,
                                   x.origin) for x in mine.itertuples()),
            description=r.description if isinstance(r.description, str) else ""))
    defaults = [i for i, d in enumerate(rel["default"]) if d == "yes"]
    first = defaults[0] if defaults else 0
    return (out[first], *out[:first], *out[first + 1:])


def _derived(tables: Mapping[str, pd.DataFrame], known: Mapping[str, Country]
             ) -> tuple[Relationship, ...]:
    pairs: dict[tuple[str, str], None] = {}
    for name in ("trade_targets", "trade_flows"):
        frame = tables[name]
        pairs |= dict.fromkeys(zip(frame["partner_a"], frame["partner_b"]))
        if pairs:
            break
    out = []
    for x, y in pairs:
        a, b = _country(known, x), _country(known, y)
        out.append(Relationship(key=f"{x}_{y}".lower(), name=f"{a.name}–{b.name}", a=a, b=b,
                                cargo_from=b))
    return tuple(out) or (NONE,)


#: The relationship of a dataset that names no pair at all: the pages say there is nothing.
NONE = Relationship(key="none", name="No relationship",
                    a=Country("", "", "", ""), b=Country("", "", "", ""),
                    cargo_from=Country("", "", "", ""))


def chosen(tables: Mapping[str, pd.DataFrame], key: str | None) -> Relationship:
    """The relationship `key` names, or the default one (unknown or missing key)."""
    every = relationships_of(tables)
    return next((r for r in every if r.key == key), every[0])


# --- what a relationship's view holds ----------------------------------------------------------


def _names_both(cell: object, pair: set[str]) -> bool:
    return isinstance(cell, str) and pair <= set(cell.split(";"))


def _codes(cell: object) -> set[str]:
    return set(cell.split(";")) if isinstance(cell, str) else set()


def _on(cell: object, corridors: frozenset[str]) -> bool:
    return isinstance(cell, str) and bool(set(cell.split(";")) & corridors)


def cut(tables: Mapping[str, pd.DataFrame], rel: Relationship) -> dict[str, pd.DataFrame]:
    """The tables as the relationship's view holds them (documented in data/README.md):

    - trade_flows, trade_targets, trade_shares: the pair's rows (partners in either order);
    - deals: between parties of the two countries, or on one of its corridors;
    - people: rows naming both countries;
    - events: naming both countries, or on one of its corridors; agreements: those signed at
      the events kept (and those tied to no event);
    - but a deal or event on a shared corridor between exactly the two countries of another
      relationship is that relationship's only;
    - everything else (the map's tables, vocabularies, sources) whole.

    Returns a new dict; the input frames are not modified. The relationship NONE (a dataset
    naming no pair) cuts nothing.
    """
    if rel is NONE:
        return dict(tables)
    pair, corridors = set(rel.pair), rel.corridors
    # a row on a shared corridor between the two countries of another relationship (a
    # state visit of that pair which spoke of a shared line) stays in that relationship's
    # view only; one naming more countries (the trilateral Trans-Afghan agreement) is in both
    others = [set(r.pair) for r in relationships_of(tables) if r.key != rel.key]

    def another(countries: set[str]) -> bool:
        return countries != pair and any(o == countries for o in others)

    x, y = rel.pair
    out = dict(tables)
    for name in ("trade_flows", "trade_targets", "trade_shares"):
        f, pa, pb = tables[name], tables[name]["partner_a"], tables[name]["partner_b"]
        mine = ((pa == x) & (pb == y)) | ((pa == y) & (pb == x))
        out[name] = f[mine].reset_index(drop=True)
    deals = tables["deals"]
    keep = [{p, q} == pair or (c in corridors and not another({p, q}))
            for p, q, c in zip(deals["party_country"], deals["counterparty_country"],
                               deals["corridor_id"])]
    out["deals"] = deals[pd.Series(keep, index=deals.index, dtype=bool)].reset_index(drop=True)
    people = tables["people"]
    out["people"] = people[people["countries"].map(
        lambda c: _names_both(c, pair)).astype(bool)].reset_index(drop=True)
    events = tables["events"]
    keep = [_names_both(c, pair) or (_on(k, corridors) and not another(_codes(c)))
            for c, k in zip(events["countries"], events["corridors"])]
    out["events"] = events[pd.Series(keep, index=events.index, dtype=bool)].reset_index(
        drop=True)
    agreements = tables["agreements"]
    out["agreements"] = agreements[agreements["event_id"].isna() | agreements["event_id"].isin(
        set(out["events"]["event_id"]))].reset_index(drop=True)
    return out
