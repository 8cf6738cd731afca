"""Figures held against the sentences quoted for them. Warnings, not errors: each names the file,
line and column, and what the quote does not say.

- Every numeric cell is found in its row's quote: the same number, with its unit words —
  million / billion (or M, bn, млн, milioni …) for money, km for lengths, tonnes for freight,
  days, mm for gauges, degrees for coordinates — or, for a row whose basis is `computed`, as the
  sum of figures its quote gives.
  A count of 1 may be one document the quote names in the singular ('signed a Joint
  Declaration'); a count the quote lists rather than numbers says so in its note ('Counted: …').
- A figure in a column of US dollars (`*_usd`, or a `cost_usd` claim) is not quoted in another
  currency (afghanis, tenge, rupees, som, manat).
- A seed article's quote is found word for word in the seed file (`…` or `...` may join parts).
- Every source is cited by at least one row.

`python3 tasks.py check DIR` runs them on any folder; the tests run them on the bundled data and
expect none. The app does not run them on each load: they read every quote.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from components.data.contract import TABLES
from components.data.loader import Dataset
from components.data.problems import Problem

# --- numbers as quotes write them -----------------------------------------------------------

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12}
_SCALES = [  # (pattern after the number, multiplier)
    (r"(?:billion|bln|bn|b|миллиард\w*|млрд|miliard\w*)\b", 1e9),
    (r"(?:million|mln|mn|m|миллион\w*|млн|milion\w*)\b", 1e6),
    (r"(?:thousand|тыс\w*|mila)\b", 1e3),
]
# 1,000 · 53.7 · 53,7 (a decimal comma) · 737·5 (a middle dot) · 1 520
_NUMBER = re.compile(
    r"(?<![\w.,·])(\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+"
    r"(?:[.,·]\d+)?)")
_WORD_NUMBER = re.compile(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b",
                          re.IGNORECASE)


_RANGE_REST = re.compile(r"^\s*(?:-|‑|–|—|to)\s*\d+(?:[.,·]\d+)?(?:\s*(?:-|–)\s*\d+(?:[.,·]\d+)?)?")


@dataclass(frozen=True)
class Mention:
    """A number in a quote: its value, the same times the scale word that follows it (or
    None), and the text just after it (where its unit words are)."""

    value: float
    scaled: float | None
    after: str
    before: str


def _to_float(text: str) -> float:
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(,\d{3})+", text) or re.fullmatch(r"\d{1,3}( \d{3})+", text):
        return float(text.replace(",", "").replace(" ", ""))
    return float(text.replace(",", ".").replace("·", "."))


def mentions(quote: str) -> list[Mention]:
    """Every number a quote gives, digits or words ('twenty million', 'eight (08)')."""
    out = []
    spans = [(m.start(), m.end(), _to_float(m.group(1))) for m in _NUMBER.finditer(quote)]
    spans += [(m.start(), m.end(), float(_WORDS[m.group(1).lower()]))
              for m in _WORD_NUMBER.finditer(quote)]
    for start, end, value in spans:
        # a range ('15 - 20 mln', '3 to 5 million', '113–120 km', 'from 35 to 3-5 days') puts
        # its unit after the last number: read the unit words after the range
        after = _RANGE_REST.sub("", quote[end:end + 60])[:40]
        scaled = None
        for pattern, factor in _SCALES:
            if re.match(r"\s*(?:" + pattern + ")", after, re.IGNORECASE):
                scaled = value * factor
                break
        out.append(Mention(value, scaled, after.lower(), quote[max(0, start - 12):start].lower()))
    return out


# --- what each numeric column means ---------------------------------------------------------

_UNIT = {  # unit words that must follow the number (regex on the text after it)
    "km": r"^\s*(?:-|‑)?\s*(?:km|kilomet|км|chilometr)",
    "mm": r"^\s*(?:mm|millimet)",
    "days": r"^\s*(?:[–-]\s*\d+\s*)?(?:days?|дн|giorni)",
    "tonnes": r"ton|тонн|т\b",
    "kmh": r"^\s*(?:-|‑)?\s*(?:km/h|kmph|km per hour|kilomet\w* per hour)",
    "percent": r"^\s*(?:%|per\s?cent)",
    "m": r"^\s*(?:m\b|met(?:er|re)s?\b)",
}
#: A quoted table row takes its unit from the table's header, quoted before it and joined by
#: '…' ('Section Route Length, km … 3 Farah – Zaranj – Ghor Ghori 188.8'): after such a header
#: a bare number counts as that unit.
_HEADER_UNIT = {"km": re.compile(r"\b(?:length|distance)s?,?\s*\(?km\)?\s.*?(?:…|\.\.\.)(.*)$",
                                 re.IGNORECASE | re.DOTALL)}
_MONEY_WORDS = re.compile(r"\$|usd|us\$|dollar|доллар|dollari|долл", re.IGNORECASE)
_OTHER_CURRENCY = re.compile(r"\bafghanis?\b|\bafn\b|tenge|\bkzt\b|rupee|\bpkr\b|\bsom\b|\buzs\b|"
                             r"manat|\btmt\b|тенге|сум\b", re.IGNORECASE)

# (table, column) → kind of figure; for the claims tables (CLAIMS) the metric decides
COLUMNS = {
    ("trade_flows", "value_usd"): "money",
    ("trade_targets", "target_usd"): "money",
    ("trade_shares", "share_pct"): "percent",
    ("deals", "value_usd"): "money",
    ("deals", "local_value"): "local_money",
    ("deals", "quantity"): "count",
    ("agreements", "count"): "count",
    ("people", "value"): "count",
    ("segments", "stated_length_km"): "km",
    ("segments", "cost_usd"): "money",
    ("segments", "gauge_mm"): "mm",
    ("places", "lat"): "degrees",
    ("places", "lon"): "degrees",
}
#: tables of claims: (table, column) whose kind of figure its row's `metric` gives
CLAIMS = (("corridor_claims", "value"), ("place_claims", "value"))
#: figures backed by a quote other than the row's own `quote`
QUOTE_OF = {("segments", "gauge_mm"): "gauge_quote"}
METRIC_KIND = {"length_km": "km", "cost_usd": "money", "capacity_mt_per_year": "tonnes",
               "volume_mt": "tonnes", "transit_days": "days", "speed_kmh": "kmh",
               "traffic_share_pct": "percent", "depth_m": "m", "cargo_share_pct": "percent",
               "throughput_mt": "tonnes"}


def _close(a: float, b: float, rel: float = 0.005) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def found(value: float, kind: str, quote: str, computed: bool = False) -> bool:
    """Whether `value` (in the column's own unit: US dollars, km, million tonnes, days, …) is
    in `quote` with its unit words."""
    ms = mentions(quote)
    if kind in ("money", "local_money"):
        candidates = [m.scaled if m.scaled is not None else m.value for m in ms]
        if kind == "money" and not _MONEY_WORDS.search(quote):
            return False
    elif kind == "tonnes":  # million tonnes: '2.7 million tons', '6 mln metric tons'
        candidates = [m.scaled / 1e6 for m in ms if m.scaled is not None
                      and re.search(_UNIT["tonnes"], m.after)]
        candidates += [m.value for m in ms if re.search(r"^\s*(?:mt\b|million)", m.after)]
    elif kind in _UNIT:
        candidates = [m.value for m in ms if re.search(_UNIT[kind], m.after)]
        header = _HEADER_UNIT.get(kind) and _HEADER_UNIT[kind].search(quote)
        if header:
            candidates += [m.value for m in mentions(header.group(1))]
    elif kind == "degrees":
        candidates = _degrees(quote)
        return any(abs(c - value) < 0.01 for c in candidates)
    else:  # counts: the number itself
        candidates = [m.value for m in ms]
    if any(_close(c, value) for c in candidates):
        return True
    if computed:  # a documented sum of the figures the quote gives
        return any(_close(a + b, value, 0.001) for i, a in enumerate(candidates)
                   for b in candidates[i + 1:])
    return False


_DMS = re.compile(r"(\d{1,3})°\s*(?:(\d{1,2})[′']\s*)?(?:(\d{1,2}(?:\.\d+)?)[″\"]\s*)?"
                  r"([NSEWLO])?")
_DECIMAL_DEG = re.compile(r"(\d{1,3}\.\d+)\s*°?\s*([NSEWLO])?")


def _degrees(quote: str) -> list[float]:
    """Coordinates a quote gives, in decimal degrees (sign dropped: places are N and E)."""
    out = [float(m.group(1)) for m in _DECIMAL_DEG.finditer(quote)]
    for m in _DMS.finditer(quote):
        deg, minutes, seconds = m.group(1), m.group(2), m.group(3)
        out.append(float(deg) + float(minutes or 0) / 60 + float(seconds or 0) / 3600)
    return out


# --- the checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One numeric cell and the quote that backs it."""

    file: str
    line: int
    column: str
    value: float
    kind: str | None
    quote: str
    row: dict


def figures(data: Dataset) -> list[Figure]:
    """Every numeric cell of the dataset that a quote backs (see COLUMNS)."""
    out = []
    for (name, column), kind in [*COLUMNS.items(), *((claim, None) for claim in CLAIMS)]:
        frame = data.tables.get(name)
        if frame is None or frame.empty or column not in frame.columns:
            continue
        for i, row in enumerate(frame.to_dict("records")):
            value = row[column]
            if value is None or pd.isna(value):
                continue
            out.append(Figure(
                TABLES[name].file, data.line(name, i), column, float(value),
                METRIC_KIND.get(row.get("metric")) if kind is None else kind,
                str(row.get(QUOTE_OF.get((name, column), "quote")) or ""), row))
    return out


def figure_problems(data: Dataset) -> list[Problem]:
    """Each numeric cell that its quote does not give, and each dollar figure quoted in
    another currency."""
    problems = []
    for f in figures(data):
        computed = f.row.get("basis") == "computed"
        if f.kind == "count" and _counted(f.value, f.quote, str(f.row.get("note") or "")):
            pass
        elif not found(f.value, f.kind, f.quote, computed):
            problems.append(Problem(
                f.file, f.line, f.column,
                f"{_shown(f.value, f.kind)} is not in the row's quote{_unit_hint(f.kind)}",
                severity="warning"))
        if f.kind == "money" and _OTHER_CURRENCY.search(f.quote):
            problems.append(Problem(
                f.file, f.line, f.column,
                f"the quote names another currency ('{_OTHER_CURRENCY.search(f.quote)[0]}'): "
                "keep the value as stated (local_value, local_currency), not in US dollars",
                severity="warning"))
    return problems


# one document named in the singular: 'signed a Joint Declaration', 'a transit trade agreement'
_ONE_DOCUMENT = re.compile(r"\b(?:agreement|declaration|treaty|road ?map|plan|protocol|memorandum|"
                           r"mou|framework|route)\b", re.IGNORECASE)


def _counted(value: float, quote: str, note: str) -> bool:
    """A count the quote gives without a numeral: one document it names in the singular, or a
    count the note says was made ('Counted: the three centres the quote names')."""
    return (value == 1 and bool(_ONE_DOCUMENT.search(quote))) or note.startswith("Counted:")


def _shown(value: float, kind: str | None) -> str:
    v = float(value)
    text = f"{v:,.0f}" if v.is_integer() else f"{v:,}"
    return {"money": f"{text} US dollars", "km": f"{text} km", "tonnes": f"{text} Mt",
            "days": f"{text} days", "mm": f"{text} mm", "degrees": f"{text}°",
            "m": f"{text} m", "percent": f"{text}%", "kmh": f"{text} km/h"}.get(kind, text)


def _unit_hint(kind: str | None) -> str:
    return {"money": " (as a sum in dollars: '$53.7 million', 'USD 4.6 bln')",
            "km": " followed by 'km'", "tonnes": " as million tonnes",
            "days": " followed by 'days'", "mm": " followed by 'mm'",
            "degrees": " as coordinates", "m": " followed by 'm' or 'metres'",
            "percent": " followed by '%' or 'per cent'"}.get(kind, "")


def seed_problems(data: Dataset) -> list[Problem]:
    """Each quote of a seed article that is not word for word in the seed file (its parts,
    where `…` or `...` joins them; whitespace folded). A seed's `url` is a path inside the data
    folder (`seeds/004_….txt`)."""
    sources = data.tables.get("sources")
    if sources is None or sources.empty:
        return []
    root = Path(data.directory).resolve()
    texts = {}
    for sid, url, kind in zip(sources["source_id"], sources["url"], sources["kind"]):
        if kind != "seed":
            continue
        path = (root / str(url)).resolve()
        inside = path.is_relative_to(root) and path.is_file()
        texts[sid] = _folded(path.read_text(encoding="utf-8")) if inside else None
    problems = []
    for name, frame in data.tables.items():
        if name == "sources" or "source_id" not in frame.columns or frame.empty:
            continue
        file = TABLES[name].file
        for i, (sid, quote) in enumerate(zip(frame["source_id"], frame["quote"])):
            if sid not in texts:
                continue
            if texts[sid] is None:
                problems.append(Problem(file, data.line(name, i), "source_id",
                                        f"the seed article of '{sid}' is not in the data "
                                        "folder (its url names a file under it)",
                                        severity="warning"))
                continue
            parts = [p for p in re.split(r"\s*(?:…|\.\.\.)\s*", _folded(str(quote))) if p]
            missing = [p for p in parts if p not in texts[sid]]
            if missing:
                problems.append(Problem(
                    file, data.line(name, i), "quote",
                    f"not word for word in the seed article: '{missing[0][:60]}'",
                    severity="warning"))
    return problems


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def citation_problems(data: Dataset) -> list[Problem]:
    """Each source no row cites (by `source_id` or `gauge_source_id`)."""
    sources = data.tables.get("sources")
    if sources is None or sources.empty:
        return []
    cited = set()
    for name, frame in data.tables.items():
        for column in ("source_id", "gauge_source_id"):
            if name != "sources" and column in frame.columns:
                cited |= set(frame[column].dropna())
    return [Problem("sources.csv", data.line("sources", i), "source_id",
                    f"'{sid}' is cited by no row", severity="warning")
            for i, sid in enumerate(sources["source_id"]) if sid not in cited]


def quote_problems(data: Dataset) -> list[Problem]:
    """Every check of this module on a dataset's valid tables (broken tables are empty)."""
    return [*figure_problems(data), *seed_problems(data), *citation_problems(data)]
