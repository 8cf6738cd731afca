#!/usr/bin/env python3
"""Write what every view of the app shows, as plain text, so a refactor can be checked against it.

    .venv/bin/python scripts/snapshot_views.py OUT.json [--pack]

For each page (in normal mode, with every lazy expander closed and then opened, under a few
filter states) and for each presentation screen, the element tree AppTest sees: each element's
type and its protobuf fields (widget ids left out; charts' specs and maps' JSON included). With
--pack, the briefing pack of the unfiltered and of a filtered view: every slide's shape texts,
picture names and speaker notes. Compare two snapshots with `diff` after `python -m json.tool`,
or with scripts/snapshot_views.py --compare A.json B.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# expanders drawn only once opened (blocks.opened): their session keys
LAZY = ["overview_trade_claims", "overview_agreement_claims", "overview_deal_claims",
        "overview_route_claims", "pak_kaz_trade_data", "pak_uzb_trade_data",
        "deals_status_data", "deals_time_data", "sectors_data", "timeline_data"]
FILTERS = [{}, {"sector": ["rail"]}, {"sector": ["rail"], "corridor": ["trans_afghan"]},
           {"sector": ["trade", "transport"]}, {"corridor": ["western_trans_afghan"]}]
VOLATILE = {"id", "deferredFileId", "formId", "fragmentId", "url", "deltaPath", "scriptRunId",
            "dataframeId"}


def _clean(value):
    """A proto dict without the fields that change from run to run."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in sorted(value.items()) if k not in VOLATILE}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _nodes(block, depth=0) -> list[str]:
    from google.protobuf.json_format import MessageToDict

    out = []
    for child in block.children.values():
        proto = getattr(child, "proto", None)
        fields = _clean(MessageToDict(proto)) if proto is not None else {}
        out.append("  " * depth + f"{child.type} {json.dumps(fields, sort_keys=True)}")
        if getattr(child, "children", None):
            out += _nodes(child, depth + 1)
    return out


def _tree(at) -> list[str]:
    return ["[main]", *_nodes(at.main), "[sidebar]", *_nodes(at.sidebar)]


def present_views() -> dict[str, list[str]]:
    from streamlit.testing.v1 import AppTest

    out = {}
    for key, file in _steps():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["present"] = True
        at.session_state["step"] = key
        at.run()
        at.switch_page(file).run()
        out[f"present|{key}"] = _tree(at)
    return out


def _steps() -> list[tuple[str, str]]:
    """(step key, page file) of the presentation sequence, wherever it lives."""
    from components.presentation import STEPS

    if not isinstance(STEPS[0].page, str):  # pages by reference, not by name
        return [(s.key, s.page.file) for s in STEPS]
    from bench.common import PAGES
    files = {p[0]: p[2] for p in PAGES}
    return [(s.key, files[s.page]) for s in STEPS]


def pack() -> dict[str, list[str]]:
    from pptx import Presentation

    from components.analysis.filters import FilterState
    from components.data.loader import load_dataset
    from components.pack.build import view_pack
    from components.sections import context

    data = load_dataset(ROOT / "data")
    out = {}
    for name, state in (("all", FilterState()),
                        ("rail_ta", FilterState(sectors=("rail",), corridors=("trans_afghan",)))):
        pptx, _pdf = view_pack(context(data, state), link="http://x/", filters_text="FILTERS")
        deck = Presentation(io.BytesIO(pptx))
        lines = []
        for i, slide in enumerate(deck.slides):
            lines.append(f"--- slide {i}")
            for shape in slide.shapes:
                text = shape.text_frame.text if shape.has_text_frame else ""
                lines.append(f"{shape.name}: {text}")
            lines.append("notes: " + slide.notes_slide.notes_text_frame.text)
        out[f"pack|{name}"] = lines
    return out


def _unescaped(line: str) -> str:
    """A snapshot line without markdown escapes (the JSON holds them as two backslashes)."""
    return line.replace("\\\\", "")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?")
    parser.add_argument("--pack", action="store_true")
    parser.add_argument("--compare", nargs=2)
    parser.add_argument("--plain", action="store_true",
                        help="with --compare: text as the reader sees it (markdown escapes "
                             "removed)")
    args = parser.parse_args()
    if args.compare:
        a, b = (json.loads(Path(p).read_text()) for p in args.compare)
        if args.plain:
            a, b = ({k: [_unescaped(line) for line in v] for k, v in x.items()} for x in (a, b))
        differ = 0
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                differ += 1
                print(f"DIFFERS: {key}")
                import difflib
                for line in list(difflib.unified_diff(a.get(key, []), b.get(key, []),
                                                      lineterm="", n=0))[:40]:
                    print("   ", line[:400])
        print(f"{differ} of {len(set(a) | set(b))} views differ")
        return 1 if differ else 0
    result = {**views_safe(), **present_views(), **extra_views()}
    if args.pack:
        result.update(pack())
    Path(args.out).write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(f"{len(result)} views written to {args.out}")
    return 0


def views_safe() -> dict[str, list[str]]:
    from streamlit.testing.v1 import AppTest

    from bench.common import PAGES

    os.environ.setdefault("CORRIDOR_DATA_DIR", str(ROOT / "data"))
    out: dict[str, list[str]] = {}
    for url_path, _, file in PAGES:
        for i, filters in enumerate(FILTERS):
            for opened in (False, True):
                at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
                for key, value in filters.items():
                    at.session_state[key] = value
                if opened:
                    for key in LAZY:
                        at.session_state[key] = True
                at.run()
                at.switch_page(file).run()
                assert not at.exception, [e.message for e in at.exception]
                out[f"{url_path}|filters{i}|{'open' if opened else 'closed'}"] = _tree(at)
    return out


def _run(data_dir: Path, file: str | None, session: dict) -> list[str]:
    from streamlit.testing.v1 import AppTest

    os.environ["CORRIDOR_DATA_DIR"] = str(data_dir)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    if file:
        at.switch_page(file).run()
    assert not at.exception, [e.message for e in at.exception]
    return _tree(at)


def extra_views() -> dict[str, list[str]]:
    """Selections (a map line and place, a timeline event), a broken table, the tiny dataset."""
    import shutil
    import tempfile

    from tests.tiny_dataset import write_tiny_dataset

    bundled = ROOT / "data"
    out = {
        "corridors|segment": _run(bundled, "app_pages/corridors.py",
                                  {"detail": "segment:termez_hairatan"}),
        "corridors|place": _run(bundled, "app_pages/corridors.py", {"detail": "place:herat"}),
        "timeline|event": _run(bundled, "app_pages/timeline.py",
                               {"event": "tokayev_state_visit_2026"}),
        "timeline|full": _run(bundled, "app_pages/timeline.py",
                              {"window": "Full history", "lanes": "Countries"}),
    }
    # a fixed folder, so that the Sources page's "Data folder" line is the same every time
    tmp = Path(tempfile.gettempdir()) / "snapshot_views"
    shutil.rmtree(tmp, ignore_errors=True)
    broken = Path(tmp) / "broken"
    shutil.copytree(bundled, broken)
    deals = broken / "deals.csv"
    lines = deals.read_text().splitlines(keepends=True)
    head = lines[0].split(",")
    cells = lines[1].split(",")
    cells[head.index("date")] = "not a date"
    deals.write_text(lines[0] + ",".join(cells) + "".join(lines[2:]))
    (broken / "events.csv").write_text("event_id\n")
    for file in ("app_pages/overview.py", "app_pages/trade.py", "app_pages/timeline.py",
                 "app_pages/sources.py"):
        out[f"broken|{file}"] = _run(broken, file, {})
    tiny = write_tiny_dataset(Path(tmp) / "tiny")
    for file in ("app_pages/overview.py", "app_pages/trade.py", "app_pages/people.py",
                 "app_pages/corridors.py", "app_pages/timeline.py"):
        out[f"tiny|{file}"] = _run(tiny, file, {})
    os.environ["CORRIDOR_DATA_DIR"] = str(bundled)
    return out


if __name__ == "__main__":
    sys.exit(main())
