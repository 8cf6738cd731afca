"""Documentation stays in step with the code (a test fails when something is undocumented)."""

import re

from components.data.contract import TABLES
from tests.support import ROOT


def test_every_table_and_column_is_documented_in_data_readme():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for table in TABLES.values():
        heading = f"### `{table.file}`"
        assert heading in text, f"{table.file} has no section in data/README.md"
        section = text.split(heading, 1)[1].split("\n### ", 1)[0]
        documented = set(re.findall(r"^\| ([a-z_0-9, ]+) \|", section, flags=re.M))
        names = {n.strip() for cell in documented for n in cell.split(",")}
        names |= {"source_id", "quote", "note"} if "| source_id, quote" in section else set()
        missing = [c for c in table.column_names if c not in names]
        assert not missing, f"{table.file}: columns not documented: {missing}"


def test_readme_gives_the_two_commands_and_the_check():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("python3 tasks.py run", "python3 tasks.py test",
                    "python3 tasks.py check", "CORRIDOR_DATA_DIR", "app_pages/"):
        assert command in text, command


def test_ci_runs_the_readme_test_command():
    assert "python3 tasks.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
