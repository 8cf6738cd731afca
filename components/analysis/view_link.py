"""Links that reproduce a view: the address, and the version of the data it was made on."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from components.data.contract import TABLES

#: the query parameter that carries the data version
VERSION_PARAM = "data"


def data_version(directory: str | Path) -> str:
    """A short hash (8 hex digits) of the content of the data directory's tables.

    Changes when any table's bytes change (or a table appears or goes); file times do not count.
    """
    digest = hashlib.sha256()
    for table in sorted(TABLES.values(), key=lambda t: t.file):
        path = Path(directory) / table.file
        digest.update(table.file.encode() + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()[:8]


def share_url(app_url: str, page: str, params: list[tuple[str, str]], version: str,
              base_path: str = "") -> str:
    """The link to a view: the app's address, the page, its parameters and the data version.

    app_url: any address of the app as the browser sees it (only scheme, host and port are
    used); page: the page's url_path ('' for the default page); params: (key, value) pairs in
    order, repeated keys allowed; any earlier data version is replaced by `version`;
    base_path: the server's `server.baseUrlPath`, when the app is served below the root.
    """
    parts = urlsplit(app_url)
    kept = [(k, v) for k, v in params if k != VERSION_PARAM] + [(VERSION_PARAM, version)]
    prefix = "/".join(p for p in (base_path.strip("/"), page) if p)
    return f"{parts.scheme}://{parts.netloc}/{prefix}?{urlencode(kept)}"
