import copy
from pathlib import Path

import pytest

from tests.tiny_dataset import TINY, write_tiny_dataset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """A folder holding the tiny valid dataset."""
    return write_tiny_dataset(tmp_path / "data")


@pytest.fixture
def tiny_rows() -> dict:
    """A deep copy of the tiny dataset's rows, to break before writing."""
    return copy.deepcopy(TINY)
