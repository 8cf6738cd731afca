"""An analyst's own data: the zip checks, the session-only folder, and the pages on it."""

import io
import zipfile

import pytest

from components.data.loader import load_dataset
from components.data.upload import MB, Limits, materialise, unpack
from tests.support import ROOT, copy_data, metric_values, plain, run_app

TRADE = (ROOT / "data" / "trade_flows.csv").read_bytes()


def zipped(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_zip_of_expected_tables_is_accepted():
    got = unpack(zipped({"trade_flows.csv": TRADE}))
    assert got.ok and got.files == {"trade_flows.csv": TRADE}


@pytest.mark.parametrize(("entries", "says"), [
    ({"../trade_flows.csv": TRADE}, "has a folder path"),
    ({"data/trade_flows.csv": TRADE}, "has a folder path"),
    ({"/etc/trade_flows.csv": TRADE}, "has a folder path"),
    ({"evil.sh": b"rm -rf /"}, "is not one of the expected files"),
    ({"trade_flows.xlsx": b"x"}, "is not one of the expected files"),
    ({}, "The zip is empty."),
])
def test_bad_entries_are_refused_with_a_reason(entries, says):
    got = unpack(zipped(entries))
    assert not got.ok and any(says in r for r in got.refusals), got.refusals
    assert not got.files


def test_size_and_expansion_limits():
    assert "the limit is 1 MB" in unpack(b"0" * (MB + 1), Limits(zip_bytes=MB)).refusals[0]
    bomb = zipped({"trade_flows.csv": b"a" * (5 * MB)})  # compresses to a few kB
    assert len(bomb) < 64 * 1024
    got = unpack(bomb, Limits(file_bytes=MB, total_bytes=2 * MB))
    assert any("expands to 5 MB" in r for r in got.refusals), got.refusals
    assert unpack(b"not a zip").refusals == ["The file is not a zip archive."]


def test_a_zip_that_lies_about_its_sizes_is_stopped_while_reading():
    data = bytearray(zipped({"trade_flows.csv": b"a" * (3 * MB)}))
    # shrink the declared size in the central directory (offset 24 of its header) to 10 bytes
    at = data.rfind(b"PK\x01\x02")
    data[at + 24:at + 28] = (10).to_bytes(4, "little")
    got = unpack(bytes(data), Limits(file_bytes=MB))
    assert not got.ok and not got.files
    assert "“trade_flows.csv” cannot be read from the zip" in got.refusals[0], got.refusals


def test_materialise_writes_outside_the_data_folder_and_fills_in_the_rest(tmp_path):
    own = TRADE.replace(b"53700000", b"99900000")
    folder = materialise({"trade_flows.csv": own}, ROOT / "data", root=tmp_path)
    assert folder.is_relative_to(tmp_path)
    assert (folder / "trade_flows.csv").read_bytes() == own
    assert (folder / "events.csv").read_bytes() == (ROOT / "data" / "events.csv").read_bytes()
    assert (ROOT / "data" / "trade_flows.csv").read_bytes() == TRADE  # untouched
    assert materialise({"trade_flows.csv": own}, ROOT / "data", root=tmp_path) == folder
    assert not load_dataset(folder).broken


def test_a_change_to_the_bundled_data_makes_a_new_folder(tmp_path):
    """The same upload on newer bundled data must not reuse the folder made on the older: it
    would hold the older copies of the tables the zip left out."""
    own = TRADE.replace(b"53700000", b"99900000")
    bundled = copy_data(tmp_path / "bundled")
    first = materialise({"trade_flows.csv": own}, bundled, root=tmp_path / "up")
    (bundled / "countries.csv").write_text(
        (bundled / "countries.csv").read_text(encoding="utf-8").replace("Kazakh,", "Qazaq,"),
        encoding="utf-8")
    second = materialise({"trade_flows.csv": own}, bundled, root=tmp_path / "up")
    assert second != first
    assert "Qazaq" in (second / "countries.csv").read_text(encoding="utf-8")


def test_pages_use_the_sessions_own_data_and_others_keep_the_bundled(monkeypatch, tmp_path):
    own = TRADE.replace(b"53700000", b"99900000")
    folder = materialise({"trade_flows.csv": own}, ROOT / "data", root=tmp_path)
    mine = run_app(monkeypatch, ROOT / "data", page="app_pages/trade.py",
                   session={"own_data": {"dir": str(folder), "name": "mine.zip",
                                         "tables": ["trade_flows"]}})
    assert metric_values(mine)["Kazakh statistics, 2024"] == "$99.9M"
    assert any("Your own data from mine.zip" in plain(i.value) for i in mine.sidebar.info)
    theirs = run_app(monkeypatch, ROOT / "data", page="app_pages/trade.py")
    assert metric_values(theirs)["Kazakh statistics, 2024"] == "$53.7M"
    assert not theirs.sidebar.info
