"""The bundled dataset: valid, sourced, and holding every figure of the two seed articles."""

import pandas as pd
import pytest

from tests.support import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"

#: hosts of copies the data's sources were read through: never named as a publisher or title
COPY_HOSTS = ("goodnames.eth.limo", "osmarks", "cryer.org.uk", "eudic.net", "xcv.wiki",
              "sco.wikipedia.org", "wikimili", "worddisk", "wikiclassic", "pinocchiopedia",
              "clateway", "wikiwand", "richxsearch", "ipfs", "fanyv88", "liu233w", "alquds",
              "uncensored-wiki", "theinfolist", "wikisum", "full avante", "newsdrum",
              "turkey news gazette", "menafn", "mirror")


def test_bundled_data_has_no_errors(data):
    errors = [str(p) for p in data.problems if p.severity == "error"]
    assert errors == []


def test_every_fact_row_has_a_source_and_quote(data):
    for name, frame in data.tables.items():
        if "source_id" in frame.columns and name != "sources":
            assert frame["source_id"].notna().all(), name
            assert frame["quote"].str.len().gt(5).all(), name


def test_sources_name_the_original_work_not_the_copy_that_was_read(data):
    sources = data["sources"]
    for column in ("publisher", "title"):
        named = [(sid, text) for sid, text in zip(sources["source_id"], sources[column])
                 if isinstance(text, str) and any(h in text.lower() for h in COPY_HOSTS)]
        assert named == [], column
    # where a copy was read, the source says which one
    copies = sources[sources["via"].notna()]
    assert len(copies) >= 30
    hosts = [u.split("/")[2] for u in sources["url"] if u.startswith("http")]
    assert not [h for h in hosts if any(c in h for c in ("osmarks", "goodnames", "cryer"))]


def seed_rows(data, table: str) -> pd.DataFrame:
    seeds = set(data["sources"].loc[data["sources"]["kind"] == "seed", "source_id"])
    frame = data[table]
    return frame[frame["source_id"].isin(seeds)]


def test_both_seed_articles_are_sources(data):
    urls = set(data["sources"].loc[data["sources"]["kind"] == "seed", "url"])
    assert urls == {"seeds/000_9dc1b02c6a8ded7f.txt", "seeds/004_7338fb32ef9b3710.txt"}


@pytest.mark.parametrize("table,column,value", [
    ("trade_targets", "target_usd", 1_000_000_000),     # $1B Pak–Kaz target
    ("trade_targets", "target_usd", 2_000_000_000),     # $2B Pak–Uzb target
    ("deals", "value_usd", 108_000_000),                # 600 e-buses
    ("deals", "quantity", 600),
    ("deals", "quantity", 2000),                        # up to 2,000 buses by 2027–28
    ("deals", "value_usd", 20_000_000),                 # Alaman Group gold
    ("deals", "value_usd", 200_000_000),                # contracts signed in one day
    ("agreements", "count", 37),                        # 37 MoUs
    ("people", "value", 1000),                          # nearly 1,000 students
    ("people", "value", 500),                           # forum participants
    ("people", "value", 150),                           # Kazakh businessmen
    ("people", "value", 20),                            # 20 Pakistani institutions
    ("people", "value", 100),                           # over 100 delegations
    ("corridor_claims", "value", 7_000_000_000),        # ~$7B railway
])
def test_seed_figures_are_in_the_data_with_the_seed_as_source(data, table, column, value):
    assert value in set(seed_rows(data, table)[column].dropna()), (table, column, value)


def test_disagreeing_counts_are_kept_apart(data):
    counts = set(data["agreements"]["count"])
    assert {36, 37} <= counts


def test_both_reporters_are_separate_series(data):
    flows = data["trade_flows"]
    kaz_pak = flows[(flows["partner_a"] == "KAZ") & (flows["partner_b"] == "PAK")]
    assert {"KAZ", "PAK"} <= set(kaz_pak["reporter"])
    assert {"calendar_year", "fiscal_year"} <= set(kaz_pak["period_type"])
