"""The server keeps a copy of every data version it served, outside the data folder."""

import shutil

from components.analysis import versions
from components.analysis.view_link import data_version


def test_a_served_version_is_kept_once_and_found_by_its_link_version(tmp_path, monkeypatch):
    monkeypatch.setenv(versions.VERSIONS_ENV, str(tmp_path / "kept"))
    data = tmp_path / "data"
    shutil.copytree("data", data)
    before = sorted(p.name for p in data.rglob("*"))
    old = versions.remember(data)
    assert old == data_version(data)
    assert versions.remember(data) == old  # the second time copies nothing new
    kept = versions.folder_of(old)
    assert kept is not None and kept.parent == tmp_path / "kept"
    assert data_version(kept) == old  # the copy is the version it is named for
    assert (kept / "geo" / "segments.geojson").exists() == (data / "geo/segments.geojson").exists()
    # editing the data makes a new version; the old one stays
    flows = data / "trade_flows.csv"
    flows.write_text(flows.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    new = versions.remember(data)
    assert new != old and versions.folder_of(new) and versions.folder_of(old)
    assert sorted(p.name for p in data.rglob("*")) == before  # nothing written into data/


def test_a_version_never_seen_or_shaped_like_a_path_is_not_found(tmp_path, monkeypatch):
    monkeypatch.setenv(versions.VERSIONS_ENV, str(tmp_path))
    (tmp_path / "outside").mkdir()
    assert versions.folder_of("deadbeef") is None
    assert versions.folder_of("../outside") is None
    assert versions.folder_of("") is None


def test_a_cache_that_cannot_be_written_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(versions.VERSIONS_ENV, str(blocker / "versions"))
    assert versions.remember("data") is None


def test_only_the_latest_versions_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv(versions.VERSIONS_ENV, str(tmp_path / "kept"))
    monkeypatch.setattr(versions, "MAX_VERSIONS", 2)
    data = tmp_path / "data"
    shutil.copytree("data", data)
    flows = data / "trade_flows.csv"
    seen = []
    for _ in range(3):  # three versions, one after another
        seen.append(versions.remember(data))
        flows.write_text(flows.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert versions.folder_of(seen[0]) is None  # the oldest went
    assert versions.folder_of(seen[1]) and versions.folder_of(seen[2])
