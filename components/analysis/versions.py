"""Copies of the data versions this server has served, so an old link can say what changed.

A shared link records the version of the data it was made on (view_link.data_version: a short
hash of the tables' bytes). When the bundled data is later edited, the link opens on the new
data; to tell its reader which of its figures changed, the server needs the old tables. So the
first time a data folder's version is served, its table files are copied to

    $CORRIDOR_VERSIONS_DIR/<version>/        (default: ~/.cache/corridor-dashboard/versions)

never into the data folder itself. A copy is a few hundred kB (the bundled data is ~0.5 MB with
its geodata). Copies are written whole into a temporary folder and renamed, so a replica
reading a version never sees half of one; several replicas may race to write the same version,
and the first rename wins.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from components.analysis.view_link import data_version
from components.data.alignments import FILES as GEODATA
from components.data.contract import TABLES

VERSIONS_ENV = "CORRIDOR_VERSIONS_DIR"
#: versions kept; when a new one is written, the least recently written beyond this go (a link
#: made on one of those then gets the plain "figures may differ" warning)
MAX_VERSIONS = 100
#: the files a version holds: every table's CSV, and the segments' alignment file if any
FILES = tuple(sorted({t.file for t in TABLES.values()} | set(GEODATA)))


def versions_root() -> Path:
    """Where copies of served versions are kept: $CORRIDOR_VERSIONS_DIR, else the user's cache."""
    env = os.environ.get(VERSIONS_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(cache) / "corridor-dashboard" / "versions"


def remember(directory: str | Path) -> str | None:
    """Keep a copy of the data folder's current version (once per version); return the version.

    Returns None when the copy cannot be written (a read-only home, a full disk): remembering is
    a convenience for old links, never a reason for a page to fail.
    """
    directory = Path(directory)
    version = data_version(directory)
    target = versions_root() / version
    if target.is_dir():
        return version
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
        for name in FILES:
            if (directory / name).exists():
                (work / name).parent.mkdir(exist_ok=True)  # geo/ for the alignment file
                shutil.copyfile(directory / name, work / name)
        try:
            work.rename(target)
        except OSError:  # another replica wrote this version first
            shutil.rmtree(work, ignore_errors=True)
        _prune(target.parent, keep=target)
    except OSError:
        return None
    # the copy is named by the hash of what was read: a file edited during the copy would
    # give a copy whose hash differs from its name; such a copy is dropped, not kept wrong
    if data_version(target) != version:
        shutil.rmtree(target, ignore_errors=True)
        return None
    return version


def _prune(root: Path, keep: Path, limit: int | None = None) -> None:
    """Remove the oldest copies beyond `limit` (default MAX_VERSIONS), never `keep`."""
    limit = MAX_VERSIONS if limit is None else limit
    kept = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[limit:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def folder_of(version: str) -> Path | None:
    """The kept copy of a data version, or None when this server never served it."""
    if not version or not version.isalnum():  # a link's text: never a path
        return None
    folder = versions_root() / version
    return folder if folder.is_dir() else None
