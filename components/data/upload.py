"""An analyst's own dataset, uploaded as a zip of the CSVs, unpacked safely for one session.

The zip is checked before anything is written: its size, that every entry is one of the expected
table files at the top level (no folders, no `../`; the one exception is the segments'
alignment file, geo/segments.geojson, .gpkg or .kml), and that it does not expand beyond a limit
(entry sizes are declared by the zip and checked again while reading, since a zip can lie).
Accepted tables are written to a fresh folder under the system's temporary directory, never to
the data directory; tables the zip leaves out are copied from the bundled data, so an analyst can
replace one table and keep the rest.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from components.data.alignments import FILES as GEODATA
from components.data.contract import TABLES
from components.data.loader import MAX_FILE_BYTES

MB = 1024 * 1024
#: what a zip may hold: the tables' CSVs at its top, and the segments' alignment file in geo/
EXPECTED = {t.file for t in TABLES.values()} | set(GEODATA)
GEO_FOLDER = "geo/"  # the folder entry zip tools write before geo/segments.geojson


@dataclass(frozen=True)
class Limits:
    """Upper bounds, in bytes: the zip itself, one unpacked table, all tables unpacked."""

    zip_bytes: int = 10 * MB
    file_bytes: int = MAX_FILE_BYTES
    total_bytes: int = 60 * MB


@dataclass
class Unpacked:
    """What a zip held: table file name → bytes, and why it was refused (empty when accepted)."""

    files: dict[str, bytes] = field(default_factory=dict)
    refusals: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refusals and bool(self.files)


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    """Why one zip entry is not acceptable, or None."""
    name = info.filename
    if name in GEODATA:  # the one file in a folder (unpack leaves out the folder's own entry)
        return None
    if "/" in name.rstrip("/") or "\\" in name or name.startswith(("/", "..")) or ".." in name:
        return f"“{name}” has a folder path; put the CSV files at the top of the zip."
    if info.is_dir():
        return f"“{name}” is a folder; put the CSV files at the top of the zip."
    if name not in EXPECTED:
        return (f"“{name}” is not one of the expected files "
                f"({', '.join(sorted(EXPECTED))}).")
    return None


def unpack(blob: bytes, limits: Limits = Limits()) -> Unpacked:
    """Check and read a zip of table CSVs. Nothing is written; refusals say what to fix."""
    out = Unpacked()
    if len(blob) > limits.zip_bytes:
        out.refusals.append(f"The zip is {len(blob) / MB:.1f} MB; the limit is "
                            f"{limits.zip_bytes / MB:.0f} MB.")
        return out
    try:
        archive = zipfile.ZipFile(io.BytesIO(blob))
    except zipfile.BadZipFile:
        out.refusals.append("The file is not a zip archive.")
        return out
    with archive:
        infos = [i for i in archive.infolist() if i.filename != GEO_FOLDER]
        out.refusals += [p for p in map(_entry_problem, infos) if p]
        names = [i.filename for i in infos]
        out.refusals += [f"“{n}” appears more than once." for n in sorted(set(names))
                         if names.count(n) > 1]
        declared = sum(i.file_size for i in infos)
        if declared > limits.total_bytes:
            out.refusals.append(f"The zip expands to {declared / MB:.0f} MB; the limit is "
                                f"{limits.total_bytes / MB:.0f} MB.")
        big = [i.filename for i in infos if i.file_size > limits.file_bytes]
        out.refusals += [f"“{n}” is over {limits.file_bytes / MB:.0f} MB unpacked." for n in big]
        if out.refusals:
            return out
        if not infos:
            out.refusals.append("The zip is empty.")
            return out
        for info in infos:
            try:
                data = _read_capped(archive, info, limits.file_bytes)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as err:
                out.refusals.append(f"“{info.filename}” cannot be read from the zip ({err}).")
                return out
            if data is None:
                out.refusals.append(f"“{info.filename}” expands beyond "
                                    f"{limits.file_bytes / MB:.0f} MB.")
                return out
            out.files[info.filename] = data
    return out


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes | None:
    """The entry's bytes, or None as soon as it yields more than `cap` (a lying header)."""
    with archive.open(info) as f:
        data = f.read(cap + 1)
    return None if len(data) > cap else data


def materialise(files: dict[str, bytes], bundled: Path, root: Path | None = None) -> Path:
    """Write the uploaded tables, plus bundled copies of the ones left out, to a new folder.

    The folder is named by the hash of its whole content (the upload and the bundled copies)
    under `root` (default: the system temp dir), so the same upload on the same bundled data
    maps to the same folder and the loader's cache is reused, and a change to the bundled data
    makes a new folder. Returns its path.
    """
    digest = hashlib.sha256()
    for name in sorted(EXPECTED):
        data = files.get(name)
        if data is None and (bundled / name).exists():
            data = (bundled / name).read_bytes()
        if data is not None:
            digest.update(name.encode() + b"\0" + data + b"\0")
    base = Path(root or tempfile.gettempdir()) / "corridor-uploads"
    folder = base / digest.hexdigest()[:20]
    if folder.exists():
        return folder
    work = Path(tempfile.mkdtemp(prefix="tmp-", dir=_mkdir(base)))
    for name in EXPECTED:
        target = work / name
        target.parent.mkdir(exist_ok=True)  # geo/ for the alignment file
        if name in files:
            target.write_bytes(files[name])
        elif (bundled / name).exists():
            shutil.copyfile(bundled / name, target)
    try:
        work.rename(folder)  # atomic: another session never sees a half-written folder
    except OSError:  # the same upload finished first elsewhere
        shutil.rmtree(work, ignore_errors=True)
    return folder


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
