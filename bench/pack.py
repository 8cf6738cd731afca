"""Time to build the full briefing pack (PPTX and PDF) on the bundled data.

    .venv/bin/python -m bench.pack [--runs N]

cold_s: the first build in this process, including Chromium's start;
warm_s: the next builds with the renderer already running (the best of --runs, default 3).
Also the time of one chart image at 1600×900 with a warm renderer, and the pack's size.
Prints JSON. Target: warm_s under 10 s.
"""

from __future__ import annotations

import argparse
import json
import time

import plotly.graph_objects as go

from components.analysis.filters import FilterState, describe
from components.analysis.headlines import as_of
from components.data.loader import data_dir, load_dataset
from components.figures.images import figure_image, images_available
from components.pack import model
from components.pack.build import PACK_TITLE, build_packs, view_slides
from components.sections import context


def build(data, state: FilterState) -> tuple[bytes, bytes, int]:
    """Everything the app does on 'download the pack': the view's slides, sources, PPTX, PDF."""
    ctx = context(data, state)
    slides = view_slides(ctx)
    pptx, pdf = build_packs(
        slides, title=ctx.say(PACK_TITLE),
        filters_text=describe(state, ctx.labels.sectors, ctx.labels.corridors),
        data_date=as_of(data["sources"]), link="http://localhost:8501/overview",
        sources_rows=model.pack_sources(data["sources"], slides))
    return pptx, pdf, len(slides)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm builds to time (best kept)")
    args = parser.parse_args()
    ok, reason = images_available()
    if not ok:
        raise SystemExit(reason)
    data = load_dataset(data_dir())
    state = FilterState()

    start = time.perf_counter()
    pptx, pdf, pictures = build(data, state)
    cold = time.perf_counter() - start

    warm = []
    for _ in range(max(1, args.runs)):
        start = time.perf_counter()
        pptx, pdf, pictures = build(data, state)
        warm.append(time.perf_counter() - start)

    fig = go.Figure(go.Scatter(x=list(range(50)), y=[i * i for i in range(50)], name="a"))
    per_image = []
    for _ in range(5):
        start = time.perf_counter()
        figure_image(fig, title="One chart", source_line="Source: bench")
        per_image.append(time.perf_counter() - start)

    print(json.dumps({
        "cold_s": round(cold, 2), "warm_s": round(min(warm), 2),
        "warm_runs_s": [round(w, 2) for w in warm],
        "image_1600x900_s": round(sorted(per_image)[len(per_image) // 2], 3),
        "pictures": pictures, "pptx_bytes": len(pptx), "pdf_bytes": len(pdf),
        "target_warm_s": 10, "ok": min(warm) < 10,
    }, indent=2))


if __name__ == "__main__":
    main()
