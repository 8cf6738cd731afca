"""The dataset's contract: every table, its columns and what each column may hold.

This module is the single source of truth for table structure. `data/README.md` documents the same
columns for people; `tests/test_docs.py` fails when the two drift apart. Schemas (pandera) and
cross-table checks are built from these specs, so adding a column means adding one `Col` here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

QUALIFIERS = ("exact", "approx", "at_least", "at_most")
#: ISO 4217 codes of the currencies money other than US dollars may be stated in (kept as
#: stated: it enters no dollar total unless a row gives its conversion and the rate's source)
CURRENCIES = ("AFN", "KZT", "PKR", "UZS", "TMT", "CNY", "RUB", "EUR")
PRECISIONS = ("day", "month", "year")
#: A source's kind and the rank it gives what it backs (1 first): official statistics and
#: government, then international organisations, then wire agencies and newspapers (the seed
#: articles are newspaper pieces), then reference works and blogs. Claims about the same thing are
#: ordered by it, and every source named beside a figure carries its rank's name.
SOURCE_KINDS = {"statistics": 1, "government": 1, "international": 2, "agency": 3, "news": 3,
                "seed": 3, "reference": 4, "blog": 4}
RANK_NAMES = {1: "official", 2: "international", 3: "press", 4: "reference"}


@dataclass(frozen=True)
class Col:
    """One column of a table.

    kind is one of:
      id       — this table's own id (lower-case snake_case, unique)
      ref      — an id of another table (`ref` names "table.column")
      refs     — `;`-separated ids of another table
      iso3     — an ISO 3166-1 alpha-3 code listed in countries.csv
      iso3s    — `;`-separated ISO3 codes
      text     — free text, shown as text
      enum     — one of `allowed`
      int      — whole number (nullable Int64)
      number   — real number (nullable Float64)
      date     — ISO 8601 calendar date YYYY-MM-DD (parsed to datetime64 after validation)
    """

    name: str
    kind: str
    required: bool = False
    ref: str | None = None
    allowed: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True)
class Table:
    """A CSV file of the dataset: `name`.csv with `columns`, keyed by `key`."""

    name: str
    key: str
    columns: tuple[Col, ...]
    # (start, end) date columns where end must not come before start
    date_ranges: tuple[tuple[str, str], ...] = ()
    # column holding a status id, and the statuses.csv domain it must belong to
    status: tuple[str, str] | None = None
    description: str = ""
    fact_table: bool = field(default=True)
    # columns whose values together must be unique; default: the key alone
    unique: tuple[str, ...] = ()

    @property
    def precisions(self) -> dict[str, str]:
        """Each date column → the column saying how precisely it is known (day / month / year),
        or, for trade periods, `period_type` (a calendar or fiscal year, part of a year, or a
        statement's date; the page shows `period_label`, never the bounds as days)."""
        names = set(self.column_names)
        out = {}
        for col in self.columns:
            if col.kind != "date":
                continue
            for candidate in (col.name.removesuffix("_date") + "_precision",
                              col.name + "_precision", "date_precision", "period_type"):
                if candidate in names:
                    out[col.name] = candidate
                    break
        return out

    @property
    def unique_columns(self) -> tuple[str, ...]:
        return self.unique or (self.key,)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)


def _sourced() -> tuple[Col, ...]:
    """The two columns every fact row carries."""
    return (
        Col("source_id", "ref", required=True, ref="sources.source_id"),
        Col("quote", "text", required=True),
    )


def _bilateral() -> tuple[Col, ...]:
    """Who reports trade between which pair, and which way: the columns trade figures and
    product shares share."""
    return (
        Col("reporter", "iso3", required=True),
        Col("partner_a", "iso3", required=True),
        Col("partner_b", "iso3", required=True),
        Col("flow", "enum", required=True, allowed=("total", "exports", "imports")),
    )


def _dated() -> tuple[Col, ...]:
    """A required `date` with its `date_precision` (day / month / year)."""
    return (
        Col("date", "date", required=True),
        Col("date_precision", "enum", required=True, allowed=PRECISIONS),
    )


SOURCES = Table(
    "sources", "source_id", (
        Col("source_id", "id", required=True),
        Col("title", "text", required=True),
        Col("publisher", "text"),
        Col("author", "text"),
        Col("published_date", "date"),
        Col("published_precision", "enum", allowed=PRECISIONS),
        Col("url", "text", required=True),
        Col("kind", "enum", required=True, allowed=tuple(SOURCE_KINDS)),
        Col("language", "text"),
        # a copy read instead of the original work (a mirror of Wikipedia, a syndicated wire)
        Col("via", "text"),
        Col("via_date", "date"),
        Col("via_precision", "enum", allowed=PRECISIONS),
    ),
    description="Every source the data cites.", fact_table=False,
)

SECTORS = Table(
    "sectors", "sector_id", (
        Col("sector_id", "id", required=True),
        Col("label", "text", required=True),
        Col("description", "text"),
    ),
    description="Sector vocabulary.", fact_table=False,
)

CORRIDORS = Table(
    "corridors", "corridor_id", (
        Col("corridor_id", "id", required=True),
        Col("name", "text", required=True),
        Col("short_name", "text", required=True),
        Col("role", "enum", required=True, allowed=("route", "feeder", "network", "context")),
        Col("countries", "iso3s"),
        Col("description", "text"),
    ),
    description="Corridor vocabulary.", fact_table=False,
)

COUNTRIES = Table(
    "countries", "iso3", (
        Col("iso3", "iso3", required=True),
        Col("name", "text", required=True),
        # the words text about a country needs: '<adjective> statistics', '<adjective> students'
        Col("adjective", "text"),
        # what its trade statistics are called, where it helps ("<country>'s State Bank")
        Col("statistics", "text"),
    ),
    description="Countries (ISO 3166-1 alpha-3).", fact_table=False,
)

RELATIONSHIPS = Table(
    "relationships", "relationship_id", (
        Col("relationship_id", "id", required=True),
        Col("name", "text", required=True),
        Col("country_a", "iso3", required=True),
        Col("country_b", "iso3", required=True),
        # the country whose cargo the routes carry to the sea ports
        Col("cargo_from", "iso3", required=True),
        # the network the routes reach the ports over, and the ports distances are measured to
        Col("network", "ref", ref="corridors.corridor_id"),
        Col("ports", "refs", ref="places.place_id"),
        Col("default", "enum", allowed=("yes", "no")),
        Col("description", "text"),
    ),
    description="The country pairs the dashboard covers; one of them opens by default.",
    fact_table=False,
)

RELATIONSHIP_ROUTES = Table(
    "relationship_routes", "route_id", (
        Col("route_id", "id", required=True),
        Col("relationship_id", "ref", required=True, ref="relationships.relationship_id"),
        Col("corridor_id", "ref", required=True, ref="corridors.corridor_id"),
        # the corridor that brings the cargo to the route's start (none: it starts there)
        Col("feeder_id", "ref", ref="corridors.corridor_id"),
        # the railhead distances are measured from
        Col("origin", "ref", required=True, ref="places.place_id"),
    ),
    description="The routes each relationship depends on, and where its cargo sets out.",
    fact_table=False,
)

STATUSES = Table(
    "statuses", "status_id", (
        Col("status_id", "id", required=True),
        Col("domain", "enum", required=True, allowed=("deal", "segment", "event")),
        Col("label", "text", required=True),
        Col("rank", "int", required=True, min=1),
        Col("description", "text"),
    ),
    # one id may serve several domains ('under_construction' for deals and segments)
    unique=("domain", "status_id"),
    description="Status vocabularies of deals, segments and events.", fact_table=False,
)

TRADE_FLOWS = Table(
    "trade_flows", "flow_id", (
        Col("flow_id", "id", required=True),
        *_bilateral(),
        Col("period_type", "enum", required=True,
            allowed=("calendar_year", "fiscal_year", "partial_year", "stated_current")),
        Col("period_label", "text", required=True),
        Col("period_start", "date", required=True),
        Col("period_end", "date", required=True),
        Col("value_usd", "number", required=True, min=0),
        Col("qualifier", "enum", required=True, allowed=QUALIFIERS),
        Col("basis", "enum", required=True, allowed=("statistics", "statement", "computed")),
        *_sourced(),
        Col("note", "text"),
    ),
    date_ranges=(("period_start", "period_end"),),
    description="Bilateral trade, one row per claim; each reporter is its own series.",
)

TRADE_TARGETS = Table(
    "trade_targets", "target_id", (
        Col("target_id", "id", required=True),
        Col("partner_a", "iso3", required=True),
        Col("partner_b", "iso3", required=True),
        Col("target_usd", "number", required=True, min=1),
        Col("kind", "enum", required=True, allowed=("target", "potential")),
        Col("deadline", "date"),
        Col("deadline_precision", "enum", allowed=PRECISIONS),
        Col("deadline_text", "text"),
        Col("date_stated", "date", required=True),
        Col("date_stated_precision", "enum", required=True, allowed=PRECISIONS),
        Col("stated_by", "text"),
        Col("event_id", "ref", ref="events.event_id"),
        *_sourced(),
    ),
    description="Trade targets leaders have stated.",
)

TRADE_SHARES = Table(
    "trade_shares", "share_id", (
        Col("share_id", "id", required=True),
        *_bilateral(),
        Col("product", "text", required=True),
        Col("share_pct", "number", required=True, min=0, max=100),
        Col("qualifier", "enum", required=True, allowed=QUALIFIERS),
        Col("period_label", "text", required=True),
        *_dated(),
        *_sourced(),
        Col("note", "text"),
    ),
    description="What is traded: a product group's share of a pair's trade, one row per claim.",
)

DEALS = Table(
    "deals", "deal_id", (
        Col("deal_id", "id", required=True),
        Col("deal_key", "id", required=True),
        Col("title", "text", required=True),
        Col("party", "text", required=True),
        Col("party_country", "iso3"),
        Col("counterparty", "text"),
        Col("counterparty_country", "iso3"),
        Col("sector_id", "ref", required=True, ref="sectors.sector_id"),
        Col("corridor_id", "ref", ref="corridors.corridor_id"),
        Col("value_usd", "number", min=0),
        Col("value_qualifier", "enum", allowed=QUALIFIERS),
        Col("local_value", "number", min=0),
        Col("local_currency", "enum", allowed=CURRENCIES),
        Col("quantity", "number", min=0),
        Col("quantity_unit", "text"),
        Col("status", "ref", required=True, ref="statuses.status_id"),
        *_dated(),
        Col("event_id", "ref", ref="events.event_id"),
        *_sourced(),
        Col("note", "text"),
    ),
    status=("status", "deal"),
    description="Deals and investments, one row per claim.",
)

AGREEMENTS = Table(
    "agreements", "agreement_id", (
        Col("agreement_id", "id", required=True),
        Col("event_id", "ref", ref="events.event_id"),
        Col("title", "text", required=True),
        Col("kind", "enum", required=True, allowed=(
            "mou_package", "treaty", "agreement", "roadmap", "action_plan", "declaration",
            "protocol")),
        Col("count", "int", required=True, min=1),
        Col("count_qualifier", "enum", required=True, allowed=QUALIFIERS),
        Col("sectors", "refs", ref="sectors.sector_id"),
        *_dated(),
        *_sourced(),
        Col("note", "text"),
    ),
    description="MoUs, treaties, roadmaps and declarations, one row per claim.",
)

PEOPLE = Table(
    "people", "metric_id", (
        Col("metric_id", "id", required=True),
        Col("metric", "enum", required=True, allowed=(
            "students", "university_agreements", "universities", "forum_participants",
            "business_participants", "delegations", "alumni", "flights_per_week", "centres")),
        Col("label", "text", required=True),
        Col("value", "int", required=True, min=0),
        Col("qualifier", "enum", required=True, allowed=QUALIFIERS),
        Col("unit", "text", required=True),
        Col("field", "text"),
        *_dated(),
        Col("countries", "iso3s"),
        Col("event_id", "ref", ref="events.event_id"),
        Col("sector_id", "ref", ref="sectors.sector_id"),
        *_sourced(),
        Col("note", "text"),
    ),
    description="Education and people-to-people figures, one row per claim.",
)

EVENTS = Table(
    "events", "event_id", (
        Col("event_id", "id", required=True),
        Col("title", "text", required=True),
        # another source's account of an event already in the table: drawn once, listed in its card
        Col("same_as", "ref", ref="events.event_id"),
        Col("type", "enum", required=True, allowed=(
            "state_visit", "official_visit", "ministerial_visit", "parliamentary_visit",
            "summit", "commission", "working_group", "business_forum", "milestone",
            "diplomatic", "speech", "conference")),
        Col("status", "ref", required=True, ref="statuses.status_id"),
        Col("start_date", "date", required=True),
        Col("end_date", "date", required=True),
        Col("date_precision", "enum", required=True, allowed=PRECISIONS),
        Col("countries", "iso3s"),
        Col("location", "text"),
        Col("leaders", "text"),
        Col("summary", "text"),
        Col("sectors", "refs", ref="sectors.sector_id"),
        Col("corridors", "refs", ref="corridors.corridor_id"),
        *_sourced(),
    ),
    date_ranges=(("start_date", "end_date"),),
    status=("status", "event"),
    description="Visits, summits, commissions, forums and milestones.",
)

PLACES = Table(
    "places", "place_id", (
        Col("place_id", "id", required=True),
        Col("name", "text", required=True),
        Col("alt_names", "text"),
        Col("country", "iso3", required=True),
        Col("kind", "enum", required=True,
            allowed=("city", "port", "border_crossing", "junction", "station")),
        Col("lat", "number", required=True, min=-90, max=90),
        Col("lon", "number", required=True, min=-180, max=180),
        Col("coord_precision", "enum", required=True, allowed=("confirmed", "estimate")),
        *_sourced(),
    ),
    description="Places with WGS84 coordinates.",
)

SEGMENTS = Table(
    "segments", "segment_id", (
        Col("segment_id", "id", required=True),
        Col("corridor_id", "ref", required=True, ref="corridors.corridor_id"),
        Col("from_place", "ref", required=True, ref="places.place_id"),
        Col("to_place", "ref", required=True, ref="places.place_id"),
        Col("via", "refs", ref="places.place_id"),
        Col("status", "ref", required=True, ref="statuses.status_id"),
        Col("gauge_mm", "int", min=1),
        # the gauge has its own source: the row's source_id backs the segment, and few sources
        # that describe a line's status or route also state its gauge
        Col("gauge_source_id", "ref", ref="sources.source_id"),
        Col("gauge_quote", "text"),
        Col("mode", "enum", required=True, allowed=("rail", "road", "sea")),
        Col("stated_length_km", "number", min=0),
        Col("cost_usd", "number", min=0),
        Col("geometry_precision", "enum", required=True,
            allowed=("surveyed", "traced", "indicative")),
        *_sourced(),
        Col("note", "text"),
    ),
    status=("status", "segment"),
    description="Route segments between places.",
)

CORRIDOR_CLAIMS = Table(
    "corridor_claims", "claim_id", (
        Col("claim_id", "id", required=True),
        Col("corridor_id", "ref", required=True, ref="corridors.corridor_id"),
        Col("segment_id", "ref", ref="segments.segment_id"),
        Col("metric", "enum", required=True,
            allowed=("length_km", "cost_usd", "capacity_mt_per_year", "volume_mt",
                     "transit_days", "speed_kmh", "traffic_share_pct")),
        Col("value", "number", required=True, min=0),
        Col("qualifier", "enum", required=True, allowed=QUALIFIERS),
        Col("scope", "text"),
        *_dated(),
        *_sourced(),
    ),
    description="Stated lengths, costs and capacities, one row per claim.",
)

PLACE_CLAIMS = Table(
    "place_claims", "claim_id", (
        Col("claim_id", "id", required=True),
        Col("place_id", "ref", required=True, ref="places.place_id"),
        Col("metric", "enum", required=True,
            allowed=("depth_m", "cargo_share_pct", "capacity_mt_per_year", "throughput_mt")),
        Col("value", "number", required=True, min=0),
        Col("qualifier", "enum", required=True, allowed=QUALIFIERS),
        Col("scope", "text"),
        *_dated(),
        *_sourced(),
    ),
    description="Stated depths, cargo shares, capacities and throughput of a place (a port), "
                "one row per claim.",
)

TABLES: dict[str, Table] = {t.name: t for t in (
    SOURCES, SECTORS, CORRIDORS, COUNTRIES, STATUSES, TRADE_FLOWS, TRADE_TARGETS, TRADE_SHARES,
    DEALS,
    AGREEMENTS, PEOPLE, EVENTS, PLACES, SEGMENTS, CORRIDOR_CLAIMS, PLACE_CLAIMS, RELATIONSHIPS,
    RELATIONSHIP_ROUTES,
)}
