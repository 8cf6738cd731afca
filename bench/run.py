"""All the benchmarks of issue 8 in one command; writes bench/results.json and bench/RESULTS.md.

    .venv/bin/python -m bench.run            # full: 1×, 100×, 1000×; ≥ 20 runs; 60 s of load
    .venv/bin/python -m bench.run --quick    # a couple of minutes: 1× and 100×, few runs

Steps (each measurement in its own process, one after the other, never in parallel):
 1. synth        seeded datasets at each scale in bench/out/data_<N>x (validated)
 2. server_time  per page, per scale: the app, then the floor (recorded from the app's runs)
 3. browser      Chromium: cold / warm loads and filter changes, app vs floor vs hello world
 4. load         20 websocket sessions changing filters against one server
 5. profile      the slowest page at the largest scale (pyinstrument, written by step 2)
 6. proxy        40 sessions through nginx in front of 1, then 2 replicas (bench.proxy_load)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import shutil
import subprocess
import sys
import time

from bench.common import BENCH, OUT, PAGE_NAMES, ROOT, ratio, run_module

RESULTS_JSON = BENCH / "results.json"
RESULTS_MD = BENCH / "RESULTS.md"

TARGETS = {
    "server_1x_median_ms": 100,
    "server_1x_vs_floor": 1.5,
    "server_1000x_median_ms": 400,
    "map_payload_1000x_bytes": 2_000_000,
    "browser_vs_hello": 1.3,
    "load_p95_ms": 1500,
    "load_errors": 0,
    "load_memory_after_vs_before": 1.10,
    "proxy_p95_ms": 1500,
    "proxy_errors": 0,
}

# budget: seconds of timed runs per page before a slow page stops early; timeout: seconds one
# run may take before it is stopped (the page is then reported as slower than that)
FULL = {"scales": [1, 100, 1000], "runs": 20, "budget": {1: None, 100: 45, 1000: 45},
        "timeout": {1: 120, 100: 60, 1000: 30}, "slow": 5, "profile_scale": 1000,
        "browser": {"warm": 3, "changes": 4},
        "load": {"sessions": 20, "seconds": 60, "after": 20},
        "proxy": {"sessions": 40, "seconds": 60, "replicas": [1, 2]}}
QUICK = {"scales": [1, 100], "runs": 5, "budget": {1: 10, 100: 8},
         "timeout": {1: 60, 100: 15}, "slow": 5, "profile_scale": None,
         "browser": {"warm": 1, "changes": 2},
         "load": {"sessions": 20, "seconds": 10, "after": 5},
         "proxy": {"sessions": 40, "seconds": 10, "replicas": [1, 2]}}


def _git() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return {"commit": git("rev-parse", "--short", "HEAD"),
            "dirty_files": [line[3:] for line in git("status", "--porcelain").splitlines()
                            if not line[3:].startswith("bench/")]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["synth", "server", "browser", "load", "proxy"],
                        help="steps to leave out (their previous results are kept)")
    args = parser.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    OUT.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    started = time.perf_counter()
    results: dict = {
        "command": "python -m bench.run" + (" --quick" if args.quick else ""),
        "mode": "quick" if args.quick else "full",
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": _cpus(),
                    "platform": platform.platform()},
        "git": _git(),
        "config": {k: ({str(s): b for s, b in v.items()} if k in ("budget", "timeout") else v)
                   for k, v in cfg.items()},
        "targets": TARGETS, "steps_s": {},
    }

    def step(name: str):
        t0 = time.perf_counter()
        print(f"== {name}", flush=True)
        return lambda: results["steps_s"].__setitem__(name, round(time.perf_counter() - t0, 1))

    # 1. synthetic data
    if "synth" not in args.skip:
        done = step("synth")
        from bench import synth
        manifests = synth.generate(cfg["scales"])
        results["synth"] = {str(s): _manifest_summary(m) for s, m in manifests.items()}
        done()
    else:
        results["synth"] = previous.get("synth", {})

    # 2. server time per page, app and floor, per scale
    if "server" not in args.skip:
        results["server"] = {}
        for scale in cfg["scales"]:
            done = step(f"server_time {scale}x")
            common = ["--scale", str(scale), "--runs", str(cfg["runs"]), "--slow",
                      str(cfg["slow"]), "--timeout", str(cfg["timeout"][scale])]
            if cfg["budget"].get(scale) is not None:
                common += ["--budget", str(cfg["budget"][scale])]
            profile = []
            if scale == cfg["profile_scale"]:
                # pages that may all be stopped at this scale are ranked by a smaller scale
                hint = _pages_by_median(results["server"])
                profile = ["--profile-slowest", "--profile-pages", *hint[:1]]
            app = run_module("bench.server_time", ["--target", "app", *common, *profile])
            floor = run_module("bench.server_time", ["--target", "floor", *common])
            results["server"][str(scale)] = {"app": app, "floor": floor}
            done()
    else:
        results["server"] = previous.get("server", {})

    # 3. browser
    if "browser" not in args.skip:
        done = step("browser")
        b = cfg["browser"]
        results["browser"] = run_module("bench.browser", ["--scale", "1", "--warm", str(b["warm"]),
                                                          "--changes", str(b["changes"])])
        done()
    else:
        results["browser"] = previous.get("browser", {})

    # 4. load
    if "load" not in args.skip:
        done = step("load")
        ld = cfg["load"]
        results["load"] = run_module("bench.load", [
            "--sessions", str(ld["sessions"]), "--seconds", str(ld["seconds"]),
            "--after", str(ld["after"]), "--scale", "1"])
        done()
    else:
        results["load"] = previous.get("load", {})

    # 6. through nginx, 1 then 2 replicas (run before the profile is summarised; own process)
    if "proxy" not in args.skip:
        done = step("proxy")
        px = cfg["proxy"]
        results["proxy_load"] = run_module("bench.proxy_load", [
            "--sessions", str(px["sessions"]), "--seconds", str(px["seconds"]), "--scale", "1",
            "--replicas", *[str(n) for n in px["replicas"]]])
        done()
    else:
        results["proxy_load"] = previous.get("proxy_load", {})

    # 5. profile of the slowest page at the largest scale (recorded during step 2)
    results["profile"] = _slowest_profile(results, cfg)

    results["total_s"] = round(time.perf_counter() - started, 1)
    results["summary"] = summarise(results)
    RESULTS_JSON.write_text(json.dumps(_slim(results), indent=2, default=str) + "\n")
    (OUT / "results_full.json").write_text(json.dumps(results, indent=2, default=str))
    RESULTS_MD.write_text(render_markdown(results))
    print(f"wrote {RESULTS_JSON.relative_to(ROOT)} and {RESULTS_MD.relative_to(ROOT)} "
          f"in {results['total_s']} s", flush=True)
    return 0


def _pages_by_median(server: dict) -> list[str]:
    """Pages, slowest first, at the largest scale measured so far (for ranking timeouts)."""
    if not server:
        return []
    app = server[max(server, key=int)].get("app", {}).get("pages", {})
    timed = {p: (1 if d.get("timed_out") else 0, d.get("median_ms") or 0)
             for p, d in app.items()}
    return sorted(timed, key=lambda p: timed[p], reverse=True)


def _cpus() -> int | None:
    import os
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def _manifest_summary(m: dict) -> dict:
    v = m.get("validation", {})
    return {"rows": {k: t["rows"] for k, t in m["tables"].items()},
            "bytes": {k: t["bytes"] for k, t in m["tables"].items()},
            "text_shortened_to_fit_20MB": m.get("trimmed", {}),
            "errors": v.get("errors"), "warnings": v.get("warnings"),
            "load_seconds": v.get("load_seconds"), "first_problems": v.get("first_problems")}


def _slowest_profile(results: dict, cfg: dict) -> dict:
    scale = cfg["profile_scale"]
    if scale is None:
        return {"note": "not in --quick"}
    app = results.get("server", {}).get(str(scale), {}).get("app", {})
    slowest = app.get("slowest_page")
    if not slowest:
        return {"note": f"no page measured at {scale}x"}
    page = app["pages"][slowest]
    src = OUT / f"profile_{slowest}_{scale}x.txt"
    dst = OUT / f"profile_{slowest}.txt"
    if src.exists():
        shutil.copyfile(src, dst)
    prof = page.get("profile", {})
    if prof and not prof.get("path"):  # the profiler was missing: the note says so
        return {"note": f"Slowest page at {scale}×: {slowest}; {prof.get('note')}."}
    return {"page": slowest, "scale": scale, "median_ms": page.get("median_ms"),
            "timed_out": bool(page.get("timed_out")), "lower_bound_ms": page.get("lower_bound_ms"),
            "path": str(dst.relative_to(ROOT)) if dst.exists() else None,
            "note": prof.get("note"), "project_hotspots": prof.get("project_hotspots", [])}


# --- summary and markdown ------------------------------------------------------------------

def _ok(value: float | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "pass" if value <= limit else "FAIL"


def summarise(results: dict) -> dict:
    """Per page and scale: ours vs floor; browser ratios; load; payloads — with pass/fail."""
    s: dict = {"server": {}, "payload": {}, "browser": {}, "load": {}}
    for scale, pair in results.get("server", {}).items():
        app, floor = pair.get("app", {}), pair.get("floor", {})
        rows = {}
        for page in PAGE_NAMES:
            a = app.get("pages", {}).get(page, {})
            f = floor.get("pages", {}).get(page, {})
            rows[page] = {
                "ours_median_ms": a.get("median_ms"), "ours_p95_ms": a.get("p95_ms"),
                "ours_runs": a.get("n"), "floor_median_ms": f.get("median_ms"),
                "floor_p95_ms": f.get("p95_ms"), "floor_runs": f.get("n"),
                "ratio_median": ratio(a.get("median_ms"), f.get("median_ms")),
                "ratio_p95": ratio(a.get("p95_ms"), f.get("p95_ms")),
                "page_switch_ms": a.get("page_switch_ms"),
                "relationship_median_ms": (a.get("relationship_switch") or {}).get("median_ms"),
                "relationship_p95_ms": (a.get("relationship_switch") or {}).get("p95_ms"),
                "relationship_runs": (a.get("relationship_switch") or {}).get("n"),
                "stopped_by_budget": bool(a.get("stopped_by_budget")),
                "timed_out": bool(a.get("timed_out")), "lower_bound_ms": a.get("lower_bound_ms"),
                "slow_mode": bool(a.get("slow_mode")),
                "errors": (a.get("errors") or [])[:3] + (f.get("errors") or [])[:3],
            }
            pay = a.get("payload", {})
            s["payload"].setdefault(scale, {})[page] = {
                "map_json_bytes": pay.get("map_json_bytes"),
                "plotly_spec_bytes": pay.get("plotly_spec_bytes"),
                "dataframe_bytes_total": sum(pay.get("dataframe_bytes") or []) or None,
                "element_proto_bytes": pay.get("element_proto_bytes"),
            }
        s["server"][scale] = {"pages": rows, "first_run_s": app.get("first_run_s"),
                              "floor_first_run_s": floor.get("first_run_s"),
                              "errors": (app.get("errors") or []) + (floor.get("errors") or []),
                              "process_error": app.get("error") or floor.get("error")}
    b = results.get("browser", {})
    s["browser"] = {"ratios": b.get("ratios", {}), "error": b.get("error")}
    ld = results.get("load", {})
    s["load"] = {k: ld.get(k) for k in ("sessions", "seconds", "interactions", "latency",
                                        "error_count", "rss_start_bytes", "rss_before_bytes",
                                        "rss_during_peak_bytes", "rss_after_bytes",
                                        "after_vs_before", "error")}
    return s


def _slim(results: dict) -> dict:
    """results.json without the bulky per-run lists and memory samples."""
    slim = json.loads(json.dumps(results, default=str))
    for pair in slim.get("server", {}).values():
        for target in pair.values():
            for page in target.get("pages", {}).values():
                page.pop("times_ms", None)
                page.get("payload", {}).pop("kinds", None)
    slim.get("load", {}).pop("rss_samples", None)
    for run in slim.get("proxy_load", {}).get("runs", {}).values():
        run.pop("rss_samples", None)
        run.pop("active_session_samples", None)
    return slim


def _ms(v: float | None) -> str:
    return "–" if v is None else f"{v:,.0f}" if v >= 100 else f"{v:,.1f}"


def _mb(v: int | None) -> str:
    return "–" if not v else f"{v / 1e6:,.2f} MB" if v >= 1e6 else f"{v / 1e3:,.1f} kB"


def _x(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}×"


def render_markdown(results: dict) -> str:
    s = results["summary"]
    t = TARGETS
    lines = [
        "# Performance benchmarks (issue 8)", "",
        f"Command: `.venv/bin/python -m {results['command'][len('python -m '):]}`"
        f" ({results['mode']} run, {results['started']}, {results['total_s'] / 60:.1f} min, "
        f"{results['machine']['cpus']} CPUs, Python {results['machine']['python']}; "
        f"commit {results['git']['commit']}"
        + (f" with uncommitted changes in {len(results['git']['dirty_files'])} files"
           if results["git"]["dirty_files"] else "") + ").",
        "Raw numbers: `bench/results.json` (per-run times in `bench/out/results_full.json`). "
        "How each figure is measured: `bench/README.md`.", "",
    ]
    # data
    lines += ["## Synthetic data", "",
              "| scale | deals | events | segments | sources | all rows | validation | "
              "text shortened to fit the loader's 20 MB limit |",
              "|---|---|---|---|---|---|---|---|"]
    for scale, m in results.get("synth", {}).items():
        rows = m.get("rows", {})
        trimmed = ", ".join(f"{k} ({v['full_bytes'] / 1e6:.1f} MB at full text → ≤ "
                            f"{v['text_limit_chars']} chars)"
                            for k, v in (m.get("text_shortened_to_fit_20MB") or {}).items())
        lines.append(f"| {scale}× | {rows.get('deals', 0):,} | {rows.get('events', 0):,} | "
                     f"{rows.get('segments', 0):,} | {rows.get('sources', 0):,} | "
                     f"{sum(rows.values()):,} | {m.get('errors')} errors, {m.get('warnings')} "
                     f"warnings ({m.get('load_seconds')} s) | {trimmed or 'none'} |")
    lines.append("")
    # server
    lines += ["## 1. Server time per filter change (AppTest, warm caches)", "",
              f"Targets: 1×: median ≤ {t['server_1x_median_ms']} ms and ≤ "
              f"{t['server_1x_vs_floor']}× the floor; 1000×: median ≤ "
              f"{t['server_1000x_median_ms']} ms.", ""]
    for scale, block in s["server"].items():
        lines += [f"### {scale}×", ""]
        if block.get("process_error"):
            lines += [f"Process error: {block['process_error']}", ""]
        lines += ["| page | ours median | ours p95 | runs | floor median | floor p95 | "
                  "ratio (median) | target | result |", "|---|---|---|---|---|---|---|---|---|"]
        for page, r in block["pages"].items():
            med = r["ours_median_ms"]
            if scale == "1":
                target = f"≤ {t['server_1x_median_ms']} ms, ≤ {t['server_1x_vs_floor']}×"
                res = ("n/a" if med is None else
                       "pass" if med <= t["server_1x_median_ms"] and (r["ratio_median"] or 99)
                       <= t["server_1x_vs_floor"] else "FAIL")
            elif scale == "1000":
                target = f"≤ {t['server_1000x_median_ms']} ms"
                res = _ok(med, t["server_1000x_median_ms"])
            else:
                target, res = "–", "–"
            if r["timed_out"] and med is None:
                res = "FAIL" if scale != "100" else "–"
                lines.append(f"| {page} | > {_ms(r['lower_bound_ms'])} ms (run stopped) | – | 0 |"
                             " – (nothing recorded to draw) | – | – | "
                             f"{target} | {res} |")
                continue
            note = []
            if r["timed_out"]:
                note.append("a later run stopped")
            if r["stopped_by_budget"]:
                note.append("time budget")
            if r["slow_mode"]:
                note.append("2 states")
            runs = f"{r['ours_runs'] or 0}" + (f" ({', '.join(note)})" if note else "")
            if r["errors"]:
                res += " (errors: " + "; ".join(e[:80] for e in r["errors"]) + ")"
            lines.append(f"| {page} | {_ms(med)} ms | {_ms(r['ours_p95_ms'])} ms | {runs} | "
                         f"{_ms(r['floor_median_ms'])} ms | {_ms(r['floor_p95_ms'])} ms | "
                         f"{_x(r['ratio_median'])} | {target} | {res} |")
        switched = {p: r for p, r in block["pages"].items() if r.get("relationship_runs")}
        if switched:
            lines += ["", "Relationship switch (the sidebar's Relationship control, measured as a "
                      "filter change: a run after choosing the next relationship):", "",
                      "| page | median | p95 | runs | target | result |",
                      "|---|---|---|---|---|---|"]
            limit = {"1": t["server_1x_median_ms"], "1000": t["server_1000x_median_ms"]}
            for page, r in switched.items():
                med = r["relationship_median_ms"]
                goal = limit.get(scale)
                lines.append(f"| {page} | {_ms(med)} ms | {_ms(r['relationship_p95_ms'])} ms | "
                             f"{r['relationship_runs']} | "
                             + (f"≤ {goal} ms | {_ok(med, goal)} |" if goal else "– | – |"))
        lines += ["", f"First run (cold: imports and data load): ours "
                      f"{block.get('first_run_s')} s, floor {block.get('floor_first_run_s')} s.",
                  ""]
    # payloads
    lines += ["## 2. Payload sizes (unfiltered page)", "",
              f"Target at 1000×: map payload ≤ {_mb(t['map_payload_1000x_bytes'])}.", "",
              "| scale | page | map JSON | plotly specs | dataframes (Arrow) | all elements |"
              " map target |", "|---|---|---|---|---|---|---|"]
    for scale, pages in s["payload"].items():
        for page, p in pages.items():
            if not (p.get("map_json_bytes") or p.get("plotly_spec_bytes")
                    or p.get("dataframe_bytes_total")):
                continue
            plotly = ", ".join(_mb(b) for b in (p.get("plotly_spec_bytes") or [])) or "–"
            tgt = (_ok(p["map_json_bytes"], t["map_payload_1000x_bytes"])
                   if scale == "1000" and p.get("map_json_bytes") else "")
            lines.append(f"| {scale}× | {page} | {_mb(p.get('map_json_bytes'))} | {plotly} | "
                         f"{_mb(p.get('dataframe_bytes_total'))} | "
                         f"{_mb(p.get('element_proto_bytes'))} | {tgt} |")
    lines.append("")
    # browser
    b = results.get("browser", {})
    lines += ["## 3. Browser (headless Chromium, 1× data)", "",
              f"Target: fully rendered ≤ {t['browser_vs_hello']}× the hello-world app, cold "
              "and warm.", ""]
    if b.get("error"):
        lines += [f"Error: {b['error']}", ""]
    else:
        hello = b.get("hello", {}).get("/", {})
        lines += [f"Hello world: cold {_ms(hello.get('cold_ms'))} ms, warm "
                  f"{_ms(hello.get('warm', {}).get('median_ms'))} ms, filter change "
                  f"{_ms(hello.get('change', {}).get('median_ms'))} ms.", "",
                  "| page | cold | warm (median) | filter change (median) | floor cold / warm /"
                  " change | cold ÷ hello | warm ÷ hello | change ÷ hello | result |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for page, r in b.get("ratios", {}).items():
            a = b.get("app", {}).get(page, {})
            f = b.get("floor", {}).get(page, {})
            res = ("pass" if (r.get("cold_vs_hello") or 99) <= t["browser_vs_hello"]
                   and (r.get("warm_vs_hello") or 99) <= t["browser_vs_hello"] else "FAIL")
            if a.get("errors"):
                res += f" (errors: {'; '.join(a['errors'])[:120]})"
            lines.append(
                f"| {page} | {_ms(a.get('cold_ms'))} ms | "
                f"{_ms(a.get('warm', {}).get('median_ms'))} ms | "
                f"{_ms(a.get('change', {}).get('median_ms'))} ms | "
                f"{_ms(f.get('cold_ms'))} / {_ms(f.get('warm', {}).get('median_ms'))} / "
                f"{_ms(f.get('change', {}).get('median_ms'))} ms | "
                f"{_x(r.get('cold_vs_hello'))} | {_x(r.get('warm_vs_hello'))} | "
                f"{_x(r.get('change_vs_hello'))} | {res} |")
        lines.append("")
    # load
    ld = results.get("load", {})
    lines += ["## 4. Many users (websocket sessions, 1× data)", ""]
    if ld.get("error") and not ld.get("latency"):
        lines += [f"Error: {ld['error']}", ""]
    else:
        lat = ld.get("latency", {})
        before, after = ld.get("rss_before_bytes"), ld.get("rss_after_bytes")
        lines += [
            f"{ld.get('sessions')} sessions for {ld.get('seconds')} s, think time "
            f"U({', '.join(str(x) for x in ld.get('think_s', []))}) s between changes; "
            f"{ld.get('interactions')} filter changes.", "",
            "| measure | value | target | result |", "|---|---|---|---|",
            f"| latency p50 | {_ms(lat.get('median_ms'))} ms | – | – |",
            f"| latency p95 | {_ms(lat.get('p95_ms'))} ms | ≤ {t['load_p95_ms']} ms | "
            f"{_ok(lat.get('p95_ms'), t['load_p95_ms'])} |",
            f"| errors | {ld.get('error_count')} | {t['load_errors']} | "
            f"{_ok(ld.get('error_count'), t['load_errors'])} |",
            f"| server RSS at start / before / peak during / after | "
            f"{_mb(ld.get('rss_start_bytes'))} / {_mb(before)} / "
            f"{_mb(ld.get('rss_during_peak_bytes'))} / {_mb(after)} | after ≤ 1.10 × before | "
            f"{_ok(ld.get('after_vs_before'), t['load_memory_after_vs_before'])} "
            f"({_x(ld.get('after_vs_before'))}) |", ""]
        if ld.get("errors"):
            lines += ["Errors (first 5): " + "; ".join(ld["errors"][:5]), ""]
    # through nginx (bench/proxy_load.py)
    if results.get("proxy_load"):
        from bench.proxy_load import render_markdown as proxy_markdown
        lines += proxy_markdown(results["proxy_load"], t["proxy_p95_ms"])
    # profile
    prof = results.get("profile", {})
    lines += ["## Profile", ""]
    if prof.get("page"):
        speed = (f"median {_ms(prof['median_ms'])} ms" if prof.get("median_ms") is not None
                 else f"over {_ms(prof.get('lower_bound_ms'))} ms per run: stopped")
        lines += [f"Slowest page at {prof['scale']}×: **{prof['page']}** ({speed}). "
                  f"pyinstrument of one more filter change (to the unfiltered view; "
                  f"{prof.get('note')}): `{prof.get('path')}`.", "",
                  "| time | where (function's first line) |", "|---|---|"]
        for h in prof.get("project_hotspots", [])[:8]:
            lines.append(f"| {h['time_s']:.2f} s | `{h['file']}:{h['line']}` {h['function']} |")
        lines.append("")
    else:
        lines += [prof.get("note", "none"), ""]
    lines += [f"Steps (s): {', '.join(f'{k} {v}' for k, v in results['steps_s'].items())}.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
