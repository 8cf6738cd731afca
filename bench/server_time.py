"""Server time per interaction: a full script run after a filter change, warm caches, per page.

    .venv/bin/python -m bench.server_time --target app --scale 1 [--runs 20] [--json out.json]
    .venv/bin/python -m bench.server_time --target floor --scale 1

Drives the script with streamlit.testing.v1.AppTest (Streamlit's own script runner, in this
process). For each page: switch to it, run every benchmark filter state once (warm-up: caches
filled; for the app, each state's page is recorded here for the floor), then time `runs` runs,
each after changing the sidebar's sector/corridor multiselects to the next state in the cycle.
A run's time is the wall time of `AppTest.run()`: the whole script (app.py + the page) plus
AppTest's parsing of what it drew — the same overhead for the app and the floor.

`--target app` also writes the floor's record (bench/out/floor_<N>x.pkl) and each page's payload
sizes (map JSON, plotly specs, dataframes, all element protos). Run each target in its own
process (bench.run does): caches and memory do not leak between measurements.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import importlib.util
import os
import pickle
import sys
import threading
import time
from pathlib import Path

from bench import capture
from bench.common import (
    APP,
    DATA_ENV,
    FILTER_STATES,
    FLOOR_APP,
    FLOOR_ENV,
    PAGES,
    data_dir,
    floor_data_path,
    rss_bytes,
    state_key,
    summary_ms,
    write_json,
)


def _timed_run(at) -> float:
    t0 = time.perf_counter()
    at.run()
    return time.perf_counter() - t0


def measure(target: str, scale: int, runs: int, pages: list[str] | None = None,
            record_floor: bool | None = None, timeout: float = 1800,
            budget_s: float | None = None, slow_s: float = 15.0,
            profile_pages: tuple[str, ...] = (), profile_slowest: bool = False) -> dict:
    """Time every page of `target` ('app' or 'floor') on the data at `scale`."""
    record_floor = (target == "app") if record_floor is None else record_floor
    if target == "app":
        os.environ[DATA_ENV] = str(data_dir(scale))
        script = APP
    else:
        os.environ[FLOOR_ENV] = str(floor_data_path(scale))
        script = FLOOR_APP
    result: dict = {"target": target, "scale": scale, "runs": runs, "budget_s": budget_s,
                    "pages": {}, "errors": []}
    record: dict = {"scale": scale, "pages": [], "views": {}}
    if target == "floor":
        with open(floor_data_path(scale), "rb") as fh:
            record = pickle.load(fh)  # only to know which filter states each page has
    at = capture.new_app_test(script, timeout + 600)  # our own watchdog stops runs first
    try:
        result["first_run_s"] = round(_timed_run(at), 3)  # cold: imports, data load
    except Exception as err:
        result["errors"].append(f"first run: {err!r}")
    result["errors"] += capture.exceptions(at)
    if record_floor:
        sidebar, _ = capture.record(at)
        record.update(_sidebar_record(at, sidebar.get("sidebar", [])))
    cycles: dict[str, list[dict]] = {}
    for url_path, title, _file in PAGES:
        if pages and url_path not in pages:
            continue
        page: dict = {"errors": []}
        if target == "floor" and url_path not in record.get("views", {}):
            page["errors"].append("not recorded: the app's runs of this page were stopped or "
                                  "failed, so the floor has nothing to draw")
            result["pages"][url_path] = page
            print(f"  {target} {scale}x {url_path}: {page['errors'][0]}", flush=True)
            continue
        try:
            cycles[url_path] = _measure_page(at, url_path, title, page, runs, record_floor,
                                             record, target, scale, budget_s, slow_s, timeout)
        except Exception as err:  # the app may be mid-edit: record, go on
            page["errors"].append(f"{type(err).__name__}: {err}")
        result["pages"][url_path] = page
        if page.get("n"):
            print(f"  {target} {scale}x {url_path}: median {page['median_ms']} ms, p95 "
                  f"{page['p95_ms']} ms over {page['n']} runs (page switch "
                  f"{page.get('page_switch_ms')} ms)"
                  + (f" ERRORS {page['errors'][:2]}" if page["errors"] else ""), flush=True)
        else:
            print(f"  {target} {scale}x {url_path}: no timed run: {page['errors'][-1:]}",
                  flush=True)
        if url_path in profile_pages:
            _profile_page(at, url_path, title, cycles.get(url_path, FILTER_STATES), page,
                          scale, timeout, switch_first=False)
    if profile_slowest and result["pages"]:
        slowest = _slowest(result["pages"], profile_pages)
        result["slowest_page"] = slowest
        if slowest and "profile" not in result["pages"][slowest]:
            title = next(t for u, t, _ in PAGES if u == slowest)
            _profile_page(at, slowest, title, cycles.get(slowest, FILTER_STATES),
                          result["pages"][slowest], scale, timeout, switch_first=True)
    result["rss_bytes"] = rss_bytes(os.getpid())
    if record_floor:
        record["pages"] = [(u, t, _icon(at, t)) for u, t, _ in PAGES
                           if u in record["views"]]
        path = floor_data_path(scale)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            pickle.dump(record, fh, protocol=pickle.HIGHEST_PROTOCOL)
        result["floor_record"] = {"path": str(path), "bytes": path.stat().st_size}
    return result


class RunTimeout(Exception):
    """A script run took longer than the per-run limit and was stopped."""


def _stop_script_thread() -> None:
    """Raise Streamlit's StopException inside the running script thread (as st.stop() would),
    at its next Python bytecode: the run ends within milliseconds even in a pandas loop."""
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException

    for th in threading.enumerate():
        if th.name == "ScriptRunner.scriptThread" and th.is_alive() and th.ident:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(th.ident),
                                                       ctypes.py_object(StopException))


def _guarded_run(at, limit_s: float) -> float:
    """Run once; a run longer than `limit_s` is stopped and raises RunTimeout."""
    done = threading.Event()
    fired = threading.Event()

    def watchdog() -> None:
        if not done.wait(limit_s):
            fired.set()
            while not done.wait(0.5):  # repeat in case the first one landed in a handler
                _stop_script_thread()

    dog = threading.Thread(target=watchdog, daemon=True)
    dog.start()
    try:
        took = _timed_run(at)
    finally:
        done.set()
        dog.join()
    if fired.is_set():
        raise RunTimeout(f"a run took over {limit_s:.0f} s (stopped after {took:.0f} s)")
    return took


def _measure_page(at, url_path: str, title: str, page: dict, runs: int,
                  record_floor: bool, record: dict, target: str, scale: int,
                  budget_s: float | None, slow_s: float, timeout: float) -> list[dict]:
    """Switch to the page, warm its filter states, time `runs` filter changes (or fewer when a
    page is so slow that `budget_s` runs out). Returns the filter-state cycle used.

    Slow pages (page switch over `slow_s`) alternate two states instead of five. A run over
    `timeout` is stopped: the page is reported as slower than that and left."""
    capture.RECORD_MEDIA = record_floor
    views: dict[str, list] = {}

    def keep(state: dict) -> None:
        if record_floor:
            tree, _ = capture.record(at)
            views[state_key(state["sector"], state["corridor"])] = tree["main"]
            capture.MEDIA.clear()

    def timed_out(stage: str, err: RunTimeout) -> None:
        page["timed_out"] = True
        page["lower_bound_ms"] = round(timeout * 1000)
        page["errors"].append(f"{stage}: {err}")

    capture.switch_to(at, title)
    if target == "floor":
        recorded = list(record.get("views", {}).get(url_path, {}))
        cycle = [s for s in FILTER_STATES if state_key(s["sector"], s["corridor"]) in recorded]
        if not cycle:
            raise RuntimeError("no recorded view of this page (the app's run failed)")
    else:
        cycle = list(FILTER_STATES)
    times: list[float] = []
    try:
        capture.set_filters(at, cycle[0])
        try:
            switch_s = _guarded_run(at, timeout)
        except RunTimeout as err:
            timed_out("page switch", err)
            return cycle
        page["page_switch_ms"] = round(switch_s * 1000, 1)
        page["errors"] += capture.exceptions(at)
        page["payload"] = _payload(capture.payload_stats(at))  # the unfiltered page
        keep(cycle[0])
        if target == "app" and switch_s > slow_s:
            cycle = cycle[:2]  # a very slow page: alternate two states, both warmed
            page["slow_mode"] = True
        page["states"] = [state_key(s["sector"], s["corridor"]) for s in cycle]
        # warm-up: every other state of the cycle once (the switch warmed the first)
        for state in cycle[1:]:
            capture.set_filters(at, state)
            try:
                page.setdefault("warmup_ms", []).append(
                    round(_guarded_run(at, timeout) * 1000, 1))
            except RunTimeout as err:
                timed_out("warm-up", err)
                return cycle
            page["errors"] += capture.exceptions(at)
            keep(state)
        capture.RECORD_MEDIA = False
        if record_floor:
            record.setdefault("views", {})[url_path] = views  # the unfiltered view first
        gc.collect()
        started = time.perf_counter()
        for i in range(runs):
            capture.set_filters(at, cycle[i % len(cycle)])
            try:
                times.append(_guarded_run(at, timeout))
            except RunTimeout as err:
                timed_out(f"run {i + 1}", err)
                break
            page["errors"] += capture.exceptions(at)
            if budget_s is not None and time.perf_counter() - started > budget_s:
                min_runs = 1 if times[0] > budget_s / 2 else 3
                if len(times) >= min_runs:
                    page["stopped_by_budget"] = True
                    break
    finally:
        capture.RECORD_MEDIA = False
        page["times_ms"] = [round(t * 1000, 1) for t in times]
        page.update(summary_ms(times))
    if target == "app" and not page.get("timed_out") and not page.get("slow_mode"):
        _relationship_switches(at, page, runs, timeout, budget_s)
    return cycle


def _relationship_switches(at, page: dict, runs: int, timeout: float,
                           budget_s: float | None = None) -> None:
    """The Relationship control as a filter change: warm each relationship once, then time
    `runs` script runs (or as many as `budget_s` seconds allow, at least 3), each after
    choosing the next relationship in the cycle (unfiltered sectors, corridors and dates).
    Left out when the data has one relationship (no control)."""
    try:
        box = at.selectbox(key="relationship")
    except KeyError:
        return
    cycle = [box.value] + [k for k in _relationship_ids() if k != box.value]
    if len(cycle) < 2:
        return
    capture.set_filters(at, FILTER_STATES[0])
    times: list[float] = []
    try:
        for i in range(len(cycle) + runs):  # the first pass over the cycle warms it
            at.selectbox(key="relationship").set_value(cycle[(i + 1) % len(cycle)])
            t = _guarded_run(at, timeout)
            page["errors"] += capture.exceptions(at)
            if i >= len(cycle):
                times.append(t)
                if budget_s is not None and sum(times) > budget_s and len(times) >= 3:
                    break
    except RunTimeout as err:
        page["errors"].append(f"relationship switch: {err}")
    finally:
        at.selectbox(key="relationship").set_value(cycle[0])
        _guarded_run(at, timeout)
    page["relationship_switch"] = summary_ms(times)


def _relationship_ids() -> list[str]:
    """The relationship ids of the data the app runs on (its Relationship control's values),
    read from its relationships.csv."""
    import csv

    path = Path(os.environ[DATA_ENV]) / "relationships.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["relationship_id"] for row in csv.DictReader(fh)]


def _profile_page(at, url_path: str, title: str, cycle: list[dict], page: dict,
                  scale: int, timeout: float, switch_first: bool) -> None:
    """Profile one filter change on the page, to the unfiltered view (bounded by `timeout`,
    like every run; a stopped run's profile covers its first `timeout` seconds). Without
    pyinstrument (an optional tool: the `bench` extra) the page says so and the run goes on."""
    if importlib.util.find_spec("pyinstrument") is None:
        note = ("no profile: pyinstrument is not installed (python3 tasks.py bench installs "
                "it)")
        page["profile"] = {"path": None, "note": note, "project_hotspots": []}
        print(f"  {url_path} at {scale}x: {note}", flush=True)
        return
    from bench import profile as prof

    if switch_first:
        capture.switch_to(at, title)
    # from another state to the unfiltered page (the heaviest view)
    other = cycle[1] if len(cycle) > 1 else FILTER_STATES[1]
    capture.set_filters(at, other)
    with contextlib.suppress(RunTimeout):  # the state is set; the profiled change follows
        _guarded_run(at, timeout)
    state = FILTER_STATES[0]
    capture.set_filters(at, state)
    prof.start()
    note = ""
    try:
        took = _guarded_run(at, timeout)
        note = f"wall {took:.2f} s (profiled)"
    except RunTimeout as err:
        note = f"{err} — the profile covers the first {timeout:.0f} s"
    finally:
        sessions = prof.stop()
    header = [f"pyinstrument profile: page {url_path}, data {scale}x, one filter-change run "
              f"(to {state}) with the dataset cached; {note}"]
    out = prof.write(sessions[-1:], header, url_path, scale)
    page["profile"] = {"path": out["profile_path"], "note": note,
                       "project_hotspots": out["project_hotspots"]}
    print(f"  profiled {url_path} at {scale}x: {note} → {out['profile_path']}", flush=True)


def _slowest(pages: dict, hint: tuple[str, ...]) -> str | None:
    """The slowest page: timed-out pages first (ties broken by `hint`, e.g. the order of the
    slowest pages at a smaller scale), then by median."""
    def rank(item: tuple[str, dict]) -> tuple:
        name, page = item
        hinted = -hint.index(name) if name in hint else -len(hint)
        return (bool(page.get("timed_out")), hinted if page.get("timed_out") else 0,
                page.get("median_ms") or 0)
    candidates = [(n, p) for n, p in pages.items() if p.get("n") or p.get("timed_out")]
    return max(candidates, key=rank)[0] if candidates else None


def _icon(at, title: str) -> str | None:
    for info in (at._registered_pages or {}).values():
        if info.get("page_name") == title:
            return info.get("icon") or None
    return None


def _sidebar_record(at, sidebar: list) -> dict:
    """Filter options (id → label) and the date range, for the floor's sidebar."""
    try:  # project code: only in the preparatory step
        from components.ui.state import dataset

        data = dataset()
    except ImportError:
        from components.data.loader import load_dataset

        data = load_dataset()
    sectors = dict(zip(data["sectors"]["sector_id"], data["sectors"]["label"]))
    corridors = dict(zip(data["corridors"]["corridor_id"], data["corridors"]["short_name"]))
    dates = next((n["default"] for n in sidebar if n.get("e") == "date_input"),
                 ["1991-01-01", "2030-12-31"])
    return {"sector_labels": sectors, "corridor_labels": corridors, "dates": dates,
            "sidebar": sidebar}


def _payload(stats: dict) -> dict:
    return {
        "map_json_bytes": sum(stats.get("map_json_bytes", [])) or None,
        "plotly_spec_bytes": stats.get("plotly_spec_bytes", []),
        "dataframe_bytes": stats.get("dataframe_bytes", []),
        "dataframe_rows": stats.get("dataframe_rows", []),
        "download_bytes": stats.get("download_bytes", []),
        "element_proto_bytes": stats.get("proto_bytes", 0),
        "elements": stats.get("elements", 0),
        "kinds": stats.get("kinds", {}),
        "unsupported_in_floor": stats.get("unsupported", []),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=["app", "floor"], required=True)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pages", nargs="*", default=None)
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds of timed runs per page after which a slow page stops "
                             "early (at least 3 runs, or 1 when one run takes half of it)")
    parser.add_argument("--slow", type=float, default=15.0,
                        help="a page whose first run takes longer alternates two filter "
                             "states instead of five (fewer warm-up runs)")
    parser.add_argument("--timeout", type=float, default=1800,
                        help="seconds one script run may take before it is stopped and the "
                             "page reported as slower than that")
    parser.add_argument("--profile-pages", nargs="*", default=[],
                        help="profile one more filter change on these pages (pyinstrument), "
                             "written to bench/out/profile_<page>_<N>x.txt")
    parser.add_argument("--profile-slowest", action="store_true",
                        help="and on the slowest page (timed-out pages ranked by the order of "
                             "--profile-pages)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    result = measure(args.target, args.scale, args.runs, args.pages, budget_s=args.budget,
                     slow_s=args.slow, timeout=args.timeout,
                     profile_pages=tuple(args.profile_pages),
                     profile_slowest=args.profile_slowest)
    result["wall_s"] = round(time.perf_counter() - t0, 1)
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
