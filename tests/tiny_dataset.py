"""A tiny, valid dataset built in code, for tests that must not depend on the bundled data.

`write_tiny_dataset(path)` writes every table; `TINY` holds the rows so tests can break one cell.
"""

from __future__ import annotations

import csv
from pathlib import Path

from components.data.contract import TABLES

Q = "a quote"
TINY: dict[str, list[dict]] = {
    "sources": [
        {"source_id": "src_a", "title": "Report A", "publisher": "Outlet A",
         "published_date": "2026-02-04", "published_precision": "day",
         "url": "https://example.org/a", "kind": "news", "language": "en"},
        {"source_id": "seed_x", "title": "Seed X", "publisher": "Seed outlet",
         "published_date": "2025-09-01", "published_precision": "month",
         "url": "seeds/x.txt", "kind": "seed", "language": "en"},
    ],
    "sectors": [
        {"sector_id": "trade", "label": "Trade"},
        {"sector_id": "rail", "label": "Railways"},
        {"sector_id": "education", "label": "Education"},
        {"sector_id": "transport", "label": "Transport"},
    ],
    "corridors": [
        {"corridor_id": "trans_afghan", "name": "Trans-Afghan railway",
         "short_name": "Trans-Afghan", "role": "route", "countries": "UZB;AFG;PAK"},
        {"corridor_id": "western", "name": "Western line", "short_name": "Western",
         "role": "route", "countries": "TKM;AFG;PAK"},
    ],
    "countries": [{"iso3": c, "name": n, "adjective": a} for c, n, a in (
        ("KAZ", "Kazakhstan", "Kazakh"), ("PAK", "Pakistan", "Pakistani"),
        ("UZB", "Uzbekistan", "Uzbek"), ("AFG", "Afghanistan", "Afghan"),
        ("TKM", "Turkmenistan", "Turkmen"))],
    "relationships": [
        {"relationship_id": "pak_kaz", "name": "Pakistan–Kazakhstan", "country_a": "PAK",
         "country_b": "KAZ", "cargo_from": "KAZ", "default": "yes"},
    ],
    "relationship_routes": [
        {"route_id": "pak_kaz_trans_afghan", "relationship_id": "pak_kaz",
         "corridor_id": "trans_afghan", "origin": "termez"},
        {"route_id": "pak_kaz_western", "relationship_id": "pak_kaz",
         "corridor_id": "western", "origin": "hairatan"},
    ],
    "statuses": [
        {"status_id": s, "domain": d, "label": s, "rank": str(r)} for s, d, r in (
            ("talks", "deal", 1), ("signed", "deal", 3), ("operational", "segment", 1),
            ("planned", "segment", 3), ("held", "event", 1), ("postponed", "event", 3))
    ],
    "trade_flows": [
        {"flow_id": "kz_2024", "reporter": "KAZ", "partner_a": "KAZ", "partner_b": "PAK",
         "flow": "total", "period_type": "calendar_year", "period_label": "2024",
         "period_start": "2024-01-01", "period_end": "2024-12-31", "value_usd": "53700000",
         "qualifier": "exact", "basis": "statistics", "source_id": "src_a", "quote": Q},
        {"flow_id": "kz_2023", "reporter": "KAZ", "partner_a": "KAZ", "partner_b": "PAK",
         "flow": "total", "period_type": "calendar_year", "period_label": "2023",
         "period_start": "2023-01-01", "period_end": "2023-12-31", "value_usd": "52500000",
         "qualifier": "exact", "basis": "statistics", "source_id": "src_a", "quote": Q},
        {"flow_id": "pk_fy25", "reporter": "PAK", "partner_a": "KAZ", "partner_b": "PAK",
         "flow": "total", "period_type": "fiscal_year", "period_label": "FY2024-25",
         "period_start": "2024-07-01", "period_end": "2025-06-30", "value_usd": "227590000",
         "qualifier": "exact", "basis": "computed", "source_id": "src_a", "quote": Q},
        {"flow_id": "pk_pm", "reporter": "PAK", "partner_a": "KAZ", "partner_b": "PAK",
         "flow": "total", "period_type": "stated_current", "period_label": "Feb 2026",
         "period_start": "2026-02-04", "period_end": "2026-02-04", "value_usd": "250000000",
         "qualifier": "exact", "basis": "statement", "source_id": "src_a", "quote": Q},
    ],
    "trade_targets": [
        {"target_id": "kz_pk_1b", "partner_a": "KAZ", "partner_b": "PAK",
         "target_usd": "1000000000", "kind": "target", "deadline": "2027-02-01",
         "deadline_precision": "month",
         "deadline_text": "within a year", "date_stated": "2026-02-04",
         "date_stated_precision": "day",
         "stated_by": "Prime Minister", "event_id": "visit", "source_id": "src_a", "quote": Q},
    ],
    "trade_shares": [
        {"share_id": "metal", "reporter": "KAZ", "partner_a": "KAZ", "partner_b": "PAK",
         "flow": "total", "product": "Rolled metal products", "share_pct": "56",
         "qualifier": "exact", "period_label": "Dec 2023 (stated)", "date": "2023-12-21",
         "date_precision": "day", "source_id": "src_a", "quote": Q},
    ],
    "deals": [
        {"deal_id": "buses_seed", "deal_key": "buses", "title": "600 electric buses",
         "party": "Falcon EuroBus", "party_country": "KAZ", "counterparty": "Pakistan",
         "counterparty_country": "PAK", "sector_id": "transport",
         "value_usd": "108000000", "value_qualifier": "exact", "quantity": "600",
         "quantity_unit": "electric buses", "status": "signed", "date": "2026-02-04",
         "date_precision": "day", "event_id": "visit", "source_id": "seed_x", "quote": Q},
        {"deal_id": "rail_commit", "deal_key": "herat_rail", "title": "Herat railway",
         "party": "Kazakhstan", "party_country": "KAZ", "counterparty": "Afghanistan",
         "counterparty_country": "AFG", "sector_id": "rail",
         "corridor_id": "western", "value_usd": "500000000", "value_qualifier": "exact",
         "status": "signed", "date": "2025-07-10", "date_precision": "day",
         "source_id": "src_a", "quote": Q},
    ],
    "agreements": [
        {"agreement_id": "mous_37", "event_id": "visit", "title": "MoUs",
         "kind": "mou_package", "count": "37", "count_qualifier": "exact",
         "sectors": "trade;rail", "date": "2026-02-04", "date_precision": "day",
         "source_id": "src_a", "quote": Q},
        {"agreement_id": "mous_36", "event_id": "visit", "title": "MoUs",
         "kind": "mou_package", "count": "36", "count_qualifier": "exact",
         "date": "2026-02-04", "date_precision": "day", "source_id": "seed_x", "quote": Q},
    ],
    "people": [
        {"metric_id": "students_a", "metric": "students", "label": "Pakistani students",
         "value": "1000", "qualifier": "at_least", "unit": "students", "field": "medicine",
         "date": "2025-05-30", "date_precision": "day", "countries": "PAK;KAZ",
         "sector_id": "education", "source_id": "src_a", "quote": Q},
    ],
    "events": [
        {"event_id": "visit", "title": "State visit", "type": "state_visit", "status": "held",
         "start_date": "2026-02-03", "end_date": "2026-02-04", "date_precision": "day",
         "countries": "KAZ;PAK", "location": "Islamabad", "sectors": "trade;rail",
         "corridors": "trans_afghan", "source_id": "src_a", "quote": Q},
        {"event_id": "plan", "title": "Planned visit", "type": "state_visit",
         "status": "postponed", "start_date": "2025-11-01", "end_date": "2025-11-01",
         "date_precision": "month", "countries": "KAZ;PAK", "source_id": "seed_x", "quote": Q},
    ],
    "places": [
        {"place_id": "termez", "name": "Termez", "country": "UZB", "kind": "city",
         "lat": "37.217", "lon": "67.283", "coord_precision": "confirmed",
         "source_id": "src_a", "quote": Q},
        {"place_id": "hairatan", "name": "Hairatan", "country": "AFG",
         "kind": "border_crossing", "lat": "37.2169", "lon": "67.4169",
         "coord_precision": "confirmed", "source_id": "src_a", "quote": Q},
    ],
    "segments": [
        {"segment_id": "termez_hairatan", "corridor_id": "trans_afghan",
         "from_place": "termez", "to_place": "hairatan", "status": "operational",
         "gauge_mm": "1520", "gauge_source_id": "seed_x", "gauge_quote": Q,
         "mode": "rail", "stated_length_km": "10",
         "geometry_precision": "indicative", "source_id": "src_a", "quote": Q},
    ],
    "corridor_claims": [
        {"claim_id": "uap_647", "corridor_id": "trans_afghan", "metric": "length_km",
         "value": "647", "qualifier": "exact", "date": "2025-07-21", "date_precision": "day",
         "source_id": "src_a", "quote": Q},
        {"claim_id": "uap_783", "corridor_id": "trans_afghan", "metric": "length_km",
         "value": "783", "qualifier": "exact", "date": "2024-06-14", "date_precision": "day",
         "source_id": "src_a", "quote": Q},
        {"claim_id": "uap_cost", "corridor_id": "trans_afghan", "metric": "cost_usd",
         "value": "4600000000", "qualifier": "exact", "date": "2025-07-21",
         "date_precision": "day", "source_id": "src_a", "quote": Q},
    ],
    "place_claims": [
        {"claim_id": "termez_throughput", "place_id": "termez", "metric": "throughput_mt",
         "value": "2", "qualifier": "approx", "date": "2025-07-21", "date_precision": "day",
         "source_id": "src_a", "quote": Q},
    ],
}


def write_table(path: Path, name: str, rows: list[dict]) -> None:
    """Write rows to path/name.csv with the table's columns in spec order."""
    columns = TABLES[name].column_names
    with open(path / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


def write_tiny_dataset(path: Path, tables: dict[str, list[dict]] | None = None) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, rows in (tables or TINY).items():
        write_table(path, name, rows)
    return path
