"""Fixtures shared by every test (helpers are in tests/support.py)."""

import copy
import os
from pathlib import Path

import pytest

from tests.support import CHROMIUM, DATA
from tests.tiny_dataset import TINY, write_tiny_dataset


@pytest.fixture(scope="session", autouse=True)
def kept_versions(tmp_path_factory) -> Path:
    """Copies of served data versions go to a folder of this run (the servers the e2e tests
    start inherit the variable), never to the user's cache."""
    from components.analysis.versions import VERSIONS_ENV

    folder = tmp_path_factory.mktemp("versions")
    os.environ[VERSIONS_ENV] = str(folder)
    return folder


@pytest.fixture(scope="session")
def data():
    """The bundled dataset, loaded once per session. Shared: tests never change its frames."""
    from components.data.loader import load_dataset

    return load_dataset(DATA)


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """A folder holding the tiny valid dataset."""
    return write_tiny_dataset(tmp_path / "data")


@pytest.fixture
def tiny_rows() -> dict:
    """A deep copy of the tiny dataset's rows, to break before writing."""
    return copy.deepcopy(TINY)


@pytest.fixture(scope="session")
def chromium():
    """Skip without the system Chromium (or kaleido), except in CI, where it is a failure."""
    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"{CHROMIUM} not installed (apt-get install -y chromium)"
    else:
        try:
            import kaleido  # noqa: F401
        except ImportError:
            missing = "kaleido is not installed"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}: .ci/run installs Debian's chromium")
        pytest.skip(missing)
    return CHROMIUM
