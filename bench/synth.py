"""Seeded synthetic datasets at N× the bundled data, schema-valid, for the benchmarks.

    .venv/bin/python -m bench.synth [--scales 1 100 1000] [--seed 8] [--out bench/out]

Writes `bench/out/data_<N>x/` (every table of `components.tables.TABLES` plus `geo/` copied as
is) and validates each folder with `components.loader.load_dataset` (the summary goes to
`bench/out/data_<N>x/manifest.json`).

How rows are made: replica 0 is the bundled data unchanged (so 1× *is* the bundled data);
replicas 1…N-1 copy every row of every fact table (and of `sources` and `places`) with
  - new unique ids: each id gets the suffix `_x<k>`, and every reference into a replicated table
    (sources, events, places, segments; `deal_key` too) gets the same suffix, so foreign keys
    stay inside the replica and stay valid; references into the vocabularies (sectors,
    corridors, countries, statuses) are kept;
  - perturbed values: money and counts ×U(0.8, 1.2) (integers stay integers, counts ≥ 1),
    coordinates jittered by up to ±0.35°, dates (not trade periods, whose labels name the
    year) shifted by a whole number of years in [-3, 3] so day/month/year precision holds,
    never outside 1991–2030;
  - text kept. The loader refuses a table over `components.loader.MAX_FILE_BYTES` (20 MB): when
    a table at N× would exceed it, the replicas' free-text cells (quotes, notes, summaries…)
    are shortened until the file fits (`--no-fit` writes full text instead; that table then
    fails validation). The manifest lists which tables were shortened and their full size.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import shutil
import sys
import time
import zlib
from pathlib import Path

from components.data.contract import TABLES, Table
from components.data.loader import DEFAULT_DATA_DIR, MAX_FILE_BYTES, load_dataset

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"

#: copied as they are: the vocabularies, and the relationships (the data's scope, not its facts:
#: 1000× the data is 1000× the rows about the same pairs, not 1000 pairs)
VOCABULARIES = {"sectors", "corridors", "countries", "statuses", "relationships",
                "relationship_routes"}
REPLICATED = [name for name in TABLES if name not in VOCABULARIES]
NO_DATE_SHIFT = {"trade_flows", "sources"}  # period labels ('2023', 'FY2024-25') name the year
KEEP_NUMBERS = {("segments", "gauge_mm"), ("trade_targets", "target_usd")}
FIT_MARGIN = 0.97  # aim below the limit


def dataset_dir(scale: int, out: Path = OUT) -> Path:
    return out / f"data_{scale}x"


def _read(directory: Path, table: Table) -> tuple[list[str], list[dict[str, str]]]:
    with open(directory / table.file, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _suffix_ids(cell: str, suffix: str, is_list: bool) -> str:
    if not cell:
        return cell
    if is_list:
        return ";".join(part + suffix for part in cell.split(";") if part)
    return cell + suffix


def _shift_years(text: str, years: int) -> str:
    d = dt.date.fromisoformat(text)
    try:
        return d.replace(year=d.year + years).isoformat()
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28).isoformat()


def _format_number(value: float, like: str) -> str:
    if "." not in like and "e" not in like.lower():
        return str(int(round(value)))
    decimals = len(like.split(".")[1]) if "." in like else 3
    return f"{value:.{max(decimals, 1)}f}"


def _trim(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)].rstrip()
    return cut + "…"


class Replicator:
    """Makes replica k of one table's rows."""

    def __init__(self, table: Table, seed: int):
        self.table = table
        self.seed = seed
        self.id_cols = [c.name for c in table.columns if c.kind == "id"]
        self.ref_cols = [
            (c.name, c.kind == "refs") for c in table.columns
            if c.kind in ("ref", "refs") and c.ref and c.ref.split(".")[0] in REPLICATED
        ]
        self.date_cols = [c.name for c in table.columns if c.kind == "date"]
        self.num_cols = [c for c in table.columns if c.kind in ("int", "number")
                         and (table.name, c.name) not in KEEP_NUMBERS
                         and c.name not in ("lat", "lon")]
        self.text_cols = [c.name for c in table.columns if c.kind == "text"]

    def rows(self, rows: list[dict[str, str]], k: int, text_limit: int | None) -> list[dict]:
        if k == 0:
            return [dict(r) for r in rows]
        rng = random.Random(zlib.crc32(f"{self.seed}:{self.table.name}:{k}".encode()))
        suffix = f"_x{k}"
        out = []
        for row in rows:
            new = dict(row)
            for col in self.id_cols:
                new[col] = _suffix_ids(new.get(col, ""), suffix, False)
            for col, is_list in self.ref_cols:
                new[col] = _suffix_ids(new.get(col, ""), suffix, is_list)
            if self.table.name not in NO_DATE_SHIFT and self.date_cols:
                years = rng.randint(-3, 3)
                dates = {c: new[c] for c in self.date_cols if new.get(c)}
                shifted = {c: _shift_years(v, years) for c, v in dates.items()}
                if all(1991 <= int(v[:4]) <= 2030 for v in shifted.values()):
                    new.update(shifted)
            for col in self.num_cols:
                cell = new.get(col.name, "")
                if not cell:
                    continue
                value = float(cell) * rng.uniform(0.8, 1.2)
                if col.min is not None:
                    value = max(value, col.min)
                if col.kind == "int":
                    new[col.name] = str(max(int(round(value)), int(col.min or 0)))
                else:
                    new[col.name] = _format_number(value, cell)
            if self.table.name == "places":
                lat = min(max(float(row["lat"]) + rng.uniform(-0.35, 0.35), -90), 90)
                lon = min(max(float(row["lon"]) + rng.uniform(-0.35, 0.35), -180), 180)
                new["lat"], new["lon"] = f"{lat:.5f}", f"{lon:.5f}"
            if text_limit is not None:
                for col in self.text_cols:
                    if new.get(col):
                        new[col] = _trim(new[col], text_limit)
            out.append(new)
        return out


def _csv_text(header: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _estimate(rep: Replicator, header: list[str], rows: list[dict], scale: int,
              text_limit: int | None) -> int:
    """Bytes of the table at `scale`, from replica 0 and a sample replica."""
    base = len(_csv_text(header, rows).encode())
    if scale == 1:
        return base
    sample_k = scale - 1  # the longest suffix
    body = _csv_text(header, rep.rows(rows, sample_k, text_limit)).encode()
    header_bytes = len((",".join(header) + "\n").encode())
    return base + (len(body) - header_bytes) * (scale - 1)


def write_dataset(scale: int, seed: int = 8, out: Path = OUT, fit: bool = True,
                  source: Path = DEFAULT_DATA_DIR, limit: int = MAX_FILE_BYTES) -> dict:
    """Write data_<scale>x/ and return its manifest (row counts, bytes, trimmed tables)."""
    target = dataset_dir(scale, out)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    manifest: dict = {"scale": scale, "seed": seed, "directory": str(target), "tables": {},
                      "trimmed": {}, "limit_bytes": limit}
    for name, table in TABLES.items():
        header, rows = _read(source, table)
        if name in VOCABULARIES:
            shutil.copyfile(source / table.file, target / table.file)
            manifest["tables"][name] = {"rows": len(rows),
                                        "bytes": (target / table.file).stat().st_size}
            continue
        rep = Replicator(table, seed)
        text_limit = None
        full = _estimate(rep, header, rows, scale, None)
        if fit and full > limit * FIT_MARGIN:
            for candidate in (160, 120, 100, 80, 60, 48, 40, 32, 24, 16):
                if _estimate(rep, header, rows, scale, candidate) <= limit * FIT_MARGIN:
                    text_limit = candidate
                    break
            else:
                text_limit = 8
            manifest["trimmed"][name] = {"full_bytes": full, "text_limit_chars": text_limit}
        with open(target / table.file, "w", encoding="utf-8", newline="") as fh:
            fh.write(_csv_text(header, rows))
            for k in range(1, scale):
                text = _csv_text(header, rep.rows(rows, k, text_limit))
                fh.write(text.split("\n", 1)[1])
        manifest["tables"][name] = {"rows": len(rows) * scale,
                                    "bytes": (target / table.file).stat().st_size}
    shutil.copytree(source / "geo", target / "geo")
    return manifest


def validate(directory: Path) -> dict:
    """Load the folder as the app does; count errors and warnings."""
    t0 = time.perf_counter()
    data = load_dataset(directory)
    seconds = time.perf_counter() - t0
    errors = [p for p in data.problems if p.severity == "error"]
    warnings = [p for p in data.problems if p.severity == "warning"]
    return {
        "load_seconds": round(seconds, 2),
        "errors": len(errors),
        "warnings": len(warnings),
        "first_problems": [str(p) for p in data.problems[:10]],
        "broken_tables": sorted(data.broken),
        "rows_loaded": {name: len(frame) for name, frame in data.tables.items()},
    }


def generate(scales: list[int], seed: int = 8, out: Path = OUT, fit: bool = True,
             check: bool = True) -> dict[int, dict]:
    results = {}
    for scale in scales:
        t0 = time.perf_counter()
        manifest = write_dataset(scale, seed, out, fit)
        manifest["write_seconds"] = round(time.perf_counter() - t0, 2)
        if check:
            manifest["validation"] = validate(dataset_dir(scale, out))
        (dataset_dir(scale, out) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        results[scale] = manifest
        v = manifest.get("validation", {})
        print(f"data_{scale}x: {sum(t['rows'] for t in manifest['tables'].values()):,} rows, "
              f"{sum(t['bytes'] for t in manifest['tables'].values()) / 1e6:.1f} MB, "
              f"written in {manifest['write_seconds']} s; "
              f"validation: {v.get('errors', '?')} errors, {v.get('warnings', '?')} warnings "
              f"({v.get('load_seconds', '?')} s); shortened text in: "
              f"{', '.join(manifest['trimmed']) or 'none'}", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-fit", action="store_true",
                        help="keep full text even when a table exceeds the loader's size limit")
    parser.add_argument("--no-check", action="store_true", help="skip validation")
    args = parser.parse_args(argv)
    results = generate(args.scales, args.seed, args.out, fit=not args.no_fit,
                       check=not args.no_check)
    bad = [s for s, m in results.items() if m.get("validation", {}).get("errors")]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
