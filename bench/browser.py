"""In the browser: navigation → fully rendered, cold and warm, and filter change → rendered.

    .venv/bin/python -m bench.browser [--scale 1] [--warm 5] [--changes 6] [--json out.json]

Headless Debian Chromium through Playwright (never a downloaded browser), software WebGL so the
pydeck map draws. Three apps in one run, each on its own `streamlit run` server on a free
loopback port: the dashboard (on bench/out/data_<N>x), the floor app (bench/out/floor_<N>x.pkl,
written by server_time's app measurement) and the hello-world app.

- cold: a fresh server (nothing cached, first script run) and a fresh browser context (empty
  HTTP cache); time from `page.goto(url)` to fully rendered.
- warm: the same server and context, `page.goto(url)` again (a new session; server caches and
  browser cache warm); median of `--warm` loads.
- first headline figure: within each cold and warm load, the time until the first metric
  value is drawn in the main area (the Overview's trade figures), beside fully rendered.
- filter change: on the loaded page, open the sidebar's Sector multiselect, then time from
  choosing "Railways" (and Escape) until rendered; alternately from clicking the chip's
  "Remove Railways" button. Median of `--changes`.

"Fully rendered": connected, `data-test-script-state='notRunning'`, at least one element in
the main area, no `[data-testid='stSkeleton']`, no stale element, every plotly chart has drawn
its SVG and every pydeck chart its canvas — checked in the page on every animation frame
(`wait_for_function`, never a sleep). For a change, the server's `script_finished` message for
the rerun must also have arrived on the session's websocket after the click (Playwright sees
the frames): a fast run can go from running to finished within one React render, so the
state attribute alone cannot prove that the rerun happened.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import (
    APP,
    CHROMIUM,
    CHROMIUM_ARGS,
    DATA_ENV,
    FLOOR_APP,
    FLOOR_ENV,
    HELLO_APP,
    OUT,
    PAGES,
    data_dir,
    floor_data_path,
    ratio,
    serve,
    summary_ms,
    write_json,
)

RENDERED = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  const main = document.querySelector("[data-testid='stMain']");
  if (!main || !main.querySelector("[data-testid='stElementContainer']")) return false;
  if (document.querySelector("[data-testid='stElementContainer'][data-stale='true']")) return false;
  for (const c of document.querySelectorAll("[data-testid='stPlotlyChart']")) {
    if (!c.querySelector('.main-svg')) return false;
  }
  for (const d of document.querySelectorAll("[data-testid='stDeckGlJsonChart']")) {
    if (!d.querySelector('canvas')) return false;
  }
  return true;
}"""

TIMEOUT_MS = 120_000

# the first headline figure a reader sees: a metric's value drawn in the main area (the
# Overview's trade figures; pages without metrics report none)
FIRST_FIGURE = """() => !!document.querySelector(
  "[data-testid='stMain'] [data-testid='stMetricValue']")"""


def _rendered(pg) -> None:
    pg.wait_for_function(RENDERED, polling="raf", timeout=TIMEOUT_MS)


def _load(pg, url: str, first: dict | None = None) -> float:
    """Seconds from navigation to fully rendered; `first` (when given) gets 'first_s', the
    seconds until the first headline figure was visible (None on a page without one)."""
    t0 = time.perf_counter()
    pg.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    if first is not None:
        try:  # a page with no metric at all never shows one: give up when it is rendered
            pg.wait_for_function(f"() => ({FIRST_FIGURE})() || ({RENDERED})()", polling="raf",
                                 timeout=TIMEOUT_MS)
            seen = pg.evaluate(FIRST_FIGURE)
        except Exception:  # noqa: BLE001 - a bench records, it does not stop
            seen = False
        first["first_s"] = time.perf_counter() - t0 if seen else None
    _rendered(pg)
    return time.perf_counter() - t0


def _script_finished(payload) -> bool:
    """True for the ForwardMsg that ends a full script run (frames are Streamlit protobufs)."""
    if not isinstance(payload, bytes | bytearray):
        return False
    msg = ForwardMsg()
    try:
        msg.ParseFromString(bytes(payload))
    except Exception:  # not a ForwardMsg
        return False
    return (msg.WhichOneof("type") == "script_finished"
            and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY)


def _change(pg, add: bool) -> float:
    """Choose 'Railways' in the Sector filter (add) or remove its chip again; time from the
    click until the server has finished the rerun and the page is rendered."""
    if add:
        pg.get_by_role("combobox", name="Sector").click()
        target = pg.get_by_role("option", name="Railways", exact=True)
    else:
        target = pg.get_by_role("button", name="Remove Railways")
    target.wait_for(timeout=TIMEOUT_MS)
    ws = pg.bench_socket
    t0 = time.perf_counter()
    with ws.expect_event("framereceived", predicate=_script_finished, timeout=TIMEOUT_MS):
        target.click()
        if add:
            pg.keyboard.press("Escape")
    _rendered(pg)
    return time.perf_counter() - t0


def _errors(pg) -> int:
    return pg.locator("[data-testid='stException']").count()


def measure_target(browser, name: str, script: Path, env: dict, paths: list[tuple[str, str]],
                   warm: int, changes: int) -> dict:
    out: dict = {}
    for path, label in paths:
        row: dict = {"label": label, "errors": []}
        log = OUT / f"browser_{name}_{path or 'root'}.log"
        try:
            with serve(script, env, log=log) as (url, _proc):
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                pg = context.new_page()

                def track(ws, pg=pg) -> None:
                    if "/_stcore/stream" in ws.url:
                        pg.bench_socket = ws  # the session's websocket (new on every load)

                pg.on("websocket", track)
                # the default page lives at "/": "/overview" opens "Page not found" first
                full = f"{url}/{'' if path == PAGES[0][0] else path}"
                first: dict = {}
                row["cold_ms"] = round(_load(pg, full, first) * 1000, 1)
                row["cold_first_figure_ms"] = (round(first["first_s"] * 1000, 1)
                                               if first.get("first_s") is not None else None)
                warm_times, warm_first = [], []
                for _ in range(warm):
                    warm_times.append(_load(pg, full, first))
                    if first.get("first_s") is not None:
                        warm_first.append(first["first_s"])
                row["warm"] = summary_ms(warm_times)
                row["warm_first_figure"] = summary_ms(warm_first) if warm_first else None
                change_times = [_change(pg, add=i % 2 == 0) for i in range(changes)]
                row["change"] = summary_ms(change_times)
                row["exceptions_on_page"] = _errors(pg)
                context.close()
        except Exception as err:  # record and go on to the next page
            row["errors"].append(f"{type(err).__name__}: {str(err)[:300]}")
        out[path or "/"] = row
        print(f"  browser {name} /{path}: cold {row.get('cold_ms')} ms (first figure "
              f"{row.get('cold_first_figure_ms')} ms), warm "
              f"{row.get('warm', {}).get('median_ms')} ms (first figure "
              f"{(row.get('warm_first_figure') or {}).get('median_ms')} ms), change "
              f"{row.get('change', {}).get('median_ms')} ms"
              + (f" ERRORS {row['errors']}" if row["errors"] else ""), flush=True)
    return out


def run(scale: int = 1, warm: int = 5, changes: int = 6, pages: list[str] | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        return {"error": f"{CHROMIUM} is missing (apt-get install -y chromium)"}
    chosen = [(u, t) for u, t, _ in PAGES if not pages or u in pages]
    result: dict = {"scale": scale, "warm_loads": warm, "filter_changes": changes}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            result["hello"] = measure_target(browser, "hello", HELLO_APP, {}, [("", "Hello")],
                                             warm, changes)
            result["app"] = measure_target(browser, "app", APP,
                                           {DATA_ENV: str(data_dir(scale))}, chosen, warm,
                                           changes)
            if floor_data_path(scale).exists():
                result["floor"] = measure_target(
                    browser, "floor", FLOOR_APP, {FLOOR_ENV: str(floor_data_path(scale))},
                    chosen, warm, changes)
        finally:
            browser.close()
    hello = result["hello"]["/"]
    ratios = {}
    for path, _title in chosen:
        ours = result["app"].get(path, {})
        floor = result.get("floor", {}).get(path, {})
        ratios[path] = {
            "cold_vs_hello": ratio(ours.get("cold_ms"), hello.get("cold_ms")),
            "warm_vs_hello": ratio(ours.get("warm", {}).get("median_ms"),
                                   hello.get("warm", {}).get("median_ms")),
            "change_vs_hello": ratio(ours.get("change", {}).get("median_ms"),
                                     hello.get("change", {}).get("median_ms")),
            "cold_vs_floor": ratio(ours.get("cold_ms"), floor.get("cold_ms")),
            "warm_vs_floor": ratio(ours.get("warm", {}).get("median_ms"),
                                   floor.get("warm", {}).get("median_ms")),
            "change_vs_floor": ratio(ours.get("change", {}).get("median_ms"),
                                     floor.get("change", {}).get("median_ms")),
        }
    result["ratios"] = ratios
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--changes", type=int, default=6)
    parser.add_argument("--pages", nargs="*", default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    result = run(args.scale, args.warm, args.changes, args.pages)
    result["wall_s"] = round(time.perf_counter() - t0, 1)
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
