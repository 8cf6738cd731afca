import pandas as pd

from components.analysis import formatting as fmt
from components.analysis.export import to_csv_bytes
from components.ui.text import md_escape


def test_money():
    assert fmt.money(108_000_000) == "$108M"
    assert fmt.money(4_600_000_000, "approx") == "~$4.6B"
    assert fmt.money(219_120_000) == "$219.12M"
    assert fmt.money(1_000_000_000) == "$1B"
    assert fmt.money(None) == "—"


def test_counts_dates_percent():
    assert fmt.count(1000, "at_least", "students") == "over 1,000 students"
    assert fmt.count(2000, "at_most") == "up to 2,000"
    assert fmt.date("2025-09-01", "month") == "Sep 2025"
    assert fmt.date("2003-01-01", "year") == "2003"
    assert fmt.date("2026-02-04") == "4 Feb 2026"
    assert fmt.percent(0.25) == "25%" and fmt.percent(0.0537) == "5.4%"


def test_csv_export_neutralises_formulas_but_not_numbers():
    frame = pd.DataFrame({"text": ["=HYPERLINK(\"x\")", "+1", "@a", "-b", "fine"],
                          "n": [-1.5, 2.0, 3.0, 4.0, 5.0]})
    text = to_csv_bytes(frame).decode()
    assert "'=HYPERLINK" in text and "'+1" in text and "'@a" in text and "'-b" in text
    assert "\nfine," in text and "-1.5" in text and "'-1.5" not in text


def test_markdown_escape_shows_links_and_dollars_literally():
    assert md_escape("$108M and $4.6B") == r"\$108M and \$4\.6B"
    assert md_escape("[x](javascript:alert(1))") == r"\[x\]\(javascript:alert\(1\)\)"


def test_corridor_claims_read_aloud():
    assert fmt.claim("cost_usd", 4.6e9) == "$4.6B"
    assert fmt.claim("length_km", 647) == "647 km"
    assert fmt.claim("capacity_mt_per_year", 3, "at_most") == "up to 3 Mt a year"
    assert fmt.claim("transit_days", 5) == "5 days"


def test_place_claims_read_aloud():
    assert fmt.claim("depth_m", 14.5) == "14.5 m deep"
    assert fmt.claim("cargo_share_pct", 42, "at_least") == "over 42% of cargo"
    assert fmt.claim("throughput_mt", 41.84) == "41.84 Mt handled"
