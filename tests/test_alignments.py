"""Alignments: a geodata file beside the tables draws a segment along its course; its length is
that course's geodesic length; every bad feature gets a located message and the rest keep
working; the upload takes the file."""

import io
import json
import shutil
import zipfile

import geopandas as gpd
import pytest
from pyproj import Geod
from shapely.geometry import LineString

from components.analysis.crossings import segment_countries
from components.analysis.geometry import segment_lines
from components.data.loader import load_dataset
from components.data.upload import materialise, unpack
from components.figures.outlines import lines_note, load_outlines
from tests.support import ROOT

GEOD = Geod(ellps="WGS84")
HERAT, KANDAHAR = (62.20306, 34.34194), (65.71588, 31.62068)
#: a made-up course for Herat–Kandahar by the south-west (Shindand, Farah, Lashkar Gah's way)
COURSE = [HERAT, (62.13, 33.26), (62.10, 32.37), (64.36, 31.59), KANDAHAR]
SOURCE = "railwaygazette_69806"  # any source of the bundled data


def _feature(segment_id, coords, source_id=SOURCE, precision="traced", geometry=None):
    """A GeoJSON feature: a LineString of `coords`, else `geometry` (None: no geometry)."""
    geom = ({"type": "LineString", "coordinates": [list(c) for c in coords]}
            if coords is not None else geometry)
    return {"type": "Feature", "geometry": geom,
            "properties": {"segment_id": segment_id, "source_id": source_id,
                           "precision": precision}}


def _folder(tmp_path, features, name="segments.geojson"):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    (folder / "geo").mkdir(exist_ok=True)
    (folder / "geo" / name).write_text(json.dumps(
        {"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return folder


def _messages(data):
    return [str(p) for p in data.problems if p.file.startswith("geo/")]


def test_an_alignment_is_drawn_and_measured_along_its_course(tmp_path):
    data = load_dataset(_folder(tmp_path, [_feature("herat_kandahar", COURSE)]))
    assert _messages(data) == []
    lines = segment_lines(data["segments"], data["places"]).set_index("segment_id")
    seg = lines.loc["herat_kandahar"]
    assert seg["path"] == [list(p) for p in COURSE]
    assert seg["geometry_precision"] == "traced"
    # its length is the course's geodesic length (hand-made: the sum of its legs)
    expected = sum(GEOD.inv(*a, *b)[2] for a, b in zip(COURSE, COURSE[1:])) / 1000
    assert seg["length_km"] == pytest.approx(expected, rel=0.005)
    straight = GEOD.inv(*HERAT, *KANDAHAR)[2] / 1000
    assert seg["length_km"] > straight * 1.2
    # the other segments stay straight between their places
    assert lines.loc["kandahar_spin_boldak", "geometry_precision"] == "indicative"
    assert len(lines.loc["kandahar_spin_boldak", "path"]) == 2
    # the map says which lines follow alignments, and the km by country follow the course
    assert lines_note(data["segments"]).startswith("1 of the ")
    km = segment_countries(segment_lines(data["segments"], data["places"]), data["places"],
                           load_outlines())
    assert km[km["segment_id"] == "herat_kandahar"]["km"].sum() == pytest.approx(expected)


def test_a_course_drawn_the_other_way_round_is_turned(tmp_path):
    data = load_dataset(_folder(tmp_path, [_feature("herat_kandahar", COURSE[::-1])]))
    lines = segment_lines(data["segments"], data["places"]).set_index("segment_id")
    assert lines.loc["herat_kandahar", "path"][0] == list(HERAT)


@pytest.mark.parametrize("feature, column, said", [
    (_feature("no_such_segment", COURSE), "segment_id", "names no segment of segments.csv"),
    (_feature("herat_kandahar", COURSE, source_id="nobody"), "source_id",
     "source_id 'nobody' is not in sources.csv"),
    (_feature("herat_kandahar", COURSE, precision="guessed"), "precision",
     "precision 'guessed' is not one of surveyed, traced, indicative"),
    (_feature("herat_kandahar", None, geometry={"type": "Point", "coordinates": [62, 33]}),
     None, "is a Point, not one line"),
    (_feature("herat_kandahar", None, geometry=None), None, "has no geometry"),
    (_feature("herat_kandahar", [(lat, lon) for lon, lat in COURSE]), None,
     "lies outside the region the map covers"),
    (_feature("herat_kandahar", [(62.2, 35.5), (65.7, 31.6)]), None,
     "its ends lie 128 km from the segment's places (herat, kandahar); at most 25 km"),
])
def test_each_bad_feature_is_named_and_the_rest_keep_working(tmp_path, feature, column, said):
    good = _feature("torghundi_herat", [(62.283, 35.25), (62.25, 34.8), HERAT])
    data = load_dataset(_folder(tmp_path, [good, feature]))
    (message,) = _messages(data)
    assert message.startswith("geo/segments.geojson")
    assert "feature 1" in message and said in message
    assert message.endswith("it is not used (the segment stays a straight line)")
    assert next(p for p in data.problems if p.file.startswith("geo/")).column == column
    lines = segment_lines(data["segments"], data["places"]).set_index("segment_id")
    assert lines.loc["torghundi_herat", "geometry_precision"] == "traced"
    assert lines.loc["herat_kandahar", "geometry_precision"] == "indicative"
    assert data.ok("segments")  # the table itself is untouched


def test_a_segment_with_two_features_is_drawn_straight(tmp_path):
    data = load_dataset(_folder(tmp_path, [_feature("herat_kandahar", COURSE),
                                           _feature("herat_kandahar", COURSE)]))
    said = _messages(data)
    assert len(said) == 2 and all("one of several features for this segment" in m
                                  for m in said)


def test_a_file_in_another_crs_is_reprojected_and_one_without_is_refused(tmp_path):
    folder = _folder(tmp_path, [])
    (folder / "geo" / "segments.geojson").unlink()
    line = gpd.GeoDataFrame({"segment_id": ["herat_kandahar"], "source_id": [SOURCE],
                             "precision": ["surveyed"]},
                            geometry=[LineString(COURSE)], crs="EPSG:4326")
    line.to_crs("EPSG:32642").to_file(folder / "geo" / "segments.gpkg")  # UTM zone 42N
    data = load_dataset(folder)
    assert _messages(data) == []
    seg = segment_lines(data["segments"], data["places"]).set_index("segment_id").loc[
        "herat_kandahar"]
    assert seg["path"][0] == pytest.approx(list(HERAT), abs=1e-5)
    assert seg["geometry_precision"] == "surveyed"
    (folder / "geo" / "segments.gpkg").unlink()
    with pytest.warns(UserWarning, match="crs"):  # pyogrio says what this test means to do
        line.set_crs(None, allow_override=True).to_file(folder / "geo" / "segments.gpkg")
    (message,) = _messages(load_dataset(folder))
    assert "declares no coordinate reference system" in message


def test_a_file_that_is_not_geodata_is_reported(tmp_path):
    folder = _folder(tmp_path, [])
    (folder / "geo" / "segments.geojson").write_text("<html>not geodata</html>")
    (message,) = _messages(load_dataset(folder))
    assert message.startswith("geo/segments.geojson: cannot be read as geodata")


def test_the_upload_takes_the_alignment_file(tmp_path):
    feature = json.dumps({"type": "FeatureCollection",
                          "features": [_feature("herat_kandahar", COURSE)]}).encode()
    blob = io.BytesIO()
    with zipfile.ZipFile(blob, "w") as z:
        z.writestr("geo/", b"")
        z.writestr("geo/segments.geojson", feature)
    got = unpack(blob.getvalue())
    assert got.ok and set(got.files) == {"geo/segments.geojson"}
    folder = materialise(got.files, ROOT / "data", root=tmp_path)
    data = load_dataset(folder)
    lines = segment_lines(data["segments"], data["places"]).set_index("segment_id")
    assert lines.loc["herat_kandahar", "geometry_precision"] == "traced"
    # any other path in a folder is still refused
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("geo/other.geojson", feature)
    assert "has a folder path" in unpack(other.getvalue()).refusals[0]
