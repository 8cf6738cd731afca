"""Profile one page's filter-change runs with pyinstrument (in the script runner's thread).

    .venv/bin/python -m bench.profile --page corridors --scale 1000 [--runs 2]

Like server_time: AppTest, switch to the page, warm every benchmark filter state (or the first
`--states` of them), then profile `--runs` filter-change runs. AppTest runs the script in its
own thread, so the profiler is started and stopped inside that thread around each run; the
runs' sessions are combined. Writes bench/out/profile_<page>.txt: pyinstrument's call tree,
then the hottest lines by self time (file:line function), the same list as JSON with --json.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from pyinstrument import Profiler
from pyinstrument.session import Session

from bench import capture
from bench.common import APP, DATA_ENV, FILTER_STATES, OUT, PAGES, ROOT, data_dir, write_json

SESSIONS: list[Session] = []
PROFILING = False


def _patch_runner() -> None:
    from streamlit.runtime.scriptrunner import script_runner as sr

    original = sr.ScriptRunner._run_script
    if getattr(original, "_bench", False):
        return

    def _run_script(self, rerun_data):
        if not PROFILING:
            return original(self, rerun_data)
        profiler = Profiler(interval=0.001, async_mode="disabled")
        profiler.start()
        try:
            return original(self, rerun_data)
        finally:
            profiler.stop()
            SESSIONS.append(profiler.last_session)

    _run_script._bench = True
    sr.ScriptRunner._run_script = _run_script


def _short(path: str | None) -> str:
    if not path:
        return "?"
    for base in (str(ROOT) + "/", str(Path(sys.prefix)) + "/lib/"):
        if path.startswith(base):
            path = path[len(base):]
    marker = "site-packages/"
    return path.split(marker, 1)[1] if marker in path else path


def _is_self(frame) -> bool:
    return frame.file_path is None and (frame.function or "").startswith("[")


def hotspots(session: Session, limit: int = 25, project_only: bool = False) -> list[dict]:
    """Lines with the most self time (time in that frame, not in its callees)."""
    root = session.root_frame()
    totals: dict[tuple, float] = {}

    def visit(frame) -> None:
        key = (frame.file_path, frame.line_no, frame.function)
        # pyinstrument files a frame's own time under a synthetic '[self]' child
        self_time = frame.time - sum(c.time for c in frame.children)
        self_time += sum(c.time for c in frame.children if _is_self(c))
        totals[key] = totals.get(key, 0.0) + self_time
        for c in frame.children:
            if not _is_self(c):
                visit(c)

    if root is not None:
        visit(root)
    rows = [{"file": _short(f), "line": ln, "function": fn, "self_s": round(t, 3)}
            for (f, ln, fn), t in totals.items()
            if not project_only or (f or "").startswith(str(ROOT))]
    rows.sort(key=lambda r: -r["self_s"])
    return rows[:limit]


def project_hotspots(session: Session, limit: int = 25) -> list[dict]:
    """Project lines (app.py, app_pages/, components/) by total time spent under them,
    counting each call stack once (the deepest project frame on it gets its time)."""
    root = session.root_frame()
    totals: dict[tuple, float] = {}

    def visit(frame, owner) -> None:
        path = frame.file_path or ""
        mine = path.startswith(str(ROOT)) and "/.venv/" not in path and "/bench/" not in path
        current = (path, frame.line_no, frame.function) if mine else owner
        child_time = sum(c.time for c in frame.children)
        if current is not None:
            totals[current] = totals.get(current, 0.0) + frame.time - child_time
        for c in frame.children:
            visit(c, current)

    if root is not None:
        visit(root, None)
    rows = [{"file": _short(f), "line": ln, "function": fn, "time_s": round(t, 3)}
            for (f, ln, fn), t in totals.items()]
    rows.sort(key=lambda r: -r["time_s"])
    return rows[:limit]


def profile_path(page: str, scale: int) -> Path:
    return OUT / f"profile_{page}_{scale}x.txt"


def _report(sessions: list[Session], header: list[str], path: Path) -> dict:
    session = sessions[0]
    for s in sessions[1:]:
        session = Session.combine(session, s)
    profiler = Profiler()
    profiler._last_session = session
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    hot = hotspots(session)
    proj = project_hotspots(session)
    lines = [*header, "",
             "== Project functions by time spent in them or in library code they call "
             "(file:line is the function's first line) ==",
             *[f"{r['time_s']:9.3f}s  {r['file']}:{r['line']}  {r['function']}" for r in proj],
             "", "== Hottest functions by self time (any code) ==",
             *[f"{r['self_s']:9.3f}s  {r['file']}:{r['line']}  {r['function']}" for r in hot],
             "", "== Call tree ==", text]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines))
    return {"profile_path": str(path), "project_hotspots": proj[:10], "hotspots": hot[:10]}


def start() -> None:
    """Profile every script run from now on (each run's session is kept)."""
    global PROFILING
    _patch_runner()
    SESSIONS.clear()
    PROFILING = True


def stop() -> list[Session]:
    global PROFILING
    PROFILING = False
    return list(SESSIONS)


def write(sessions: list[Session], header: list[str], page: str, scale: int) -> dict:
    return _report(sessions, header, profile_path(page, scale))


def profile_next_run(at, states: list[dict], page: str, scale: int,
                     runs: int = 1) -> dict:
    """Profile the next `runs` filter changes (to states[0], states[1], …) of an AppTest
    already warmed on `page` with those states."""
    start()
    wall = []
    try:
        for i in range(runs):
            capture.set_filters(at, states[i % len(states)])
            t0 = time.perf_counter()
            at.run()
            wall.append(time.perf_counter() - t0)
    finally:
        sessions = stop()
    header = [f"pyinstrument profile: page {page}, data {scale}x, {runs} filter-change run(s) "
              f"with warm caches, to {states[:runs]}; wall {', '.join(f'{w:.2f}s' for w in wall)} "
              "(profiled)", f"errors: {capture.exceptions(at)}"]
    out = write(sessions, header, page, scale)
    out["wall_s"] = [round(w, 3) for w in wall]
    return out


def profile(page: str, scale: int, runs: int, states: int, timeout: float = 1800) -> dict:
    os.environ[DATA_ENV] = str(data_dir(scale))
    title = next(t for u, t, _ in PAGES if u == page)
    cycle = FILTER_STATES[:max(states, 2)]
    at = capture.new_app_test(APP, timeout)
    at.run()
    capture.switch_to(at, title)
    capture.set_filters(at, cycle[0])
    at.run()
    for state in cycle[1:] + cycle[:1]:
        capture.set_filters(at, state)
        at.run()
    result = profile_next_run(at, cycle[1:] + cycle[:1], page, scale, runs)
    result.update({"page": page, "scale": scale, "runs": runs})
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", required=True)
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--states", type=int, default=2,
                        help="how many of the benchmark filter states to cycle through")
    parser.add_argument("--timeout", type=float, default=1800, help="per script run, seconds")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    write_json(args.json, profile(args.page, args.scale, args.runs, args.states, args.timeout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
