"""Shared pieces of the benchmarks: paths, pages, filter states, servers, statistics, memory."""

from __future__ import annotations

import contextlib
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from components.figures.images import CHROMIUM  # noqa: F401 -- Debian's, named once
from components.pages import PAGES as REGISTRY

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
APP = ROOT / "app.py"
FLOOR_APP = BENCH / "floor_app.py"
HELLO_APP = BENCH / "hello_app.py"
CHROMIUM_ARGS = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
                 "--disable-background-networking"]
DATA_ENV = "CORRIDOR_DATA_DIR"
FLOOR_ENV = "BENCH_FLOOR_DATA"

# (url path, title, page file relative to app.py): the app's navigation, from its registry
PAGES = [(p.key, p.title, p.file) for p in REGISTRY]
PAGE_NAMES = [p[0] for p in PAGES]

# The filter changes every measurement cycles through: each differs from the one before it
# (and the last from the first). Values are the data's ids; labels in the browser.
FILTER_STATES: list[dict[str, list[str]]] = [
    {"sector": [], "corridor": []},
    {"sector": ["rail"], "corridor": []},
    {"sector": ["rail"], "corridor": ["trans_afghan"]},
    {"sector": ["trade", "transport"], "corridor": []},
    {"sector": [], "corridor": ["western_trans_afghan"]},
]


def state_key(sector, corridor) -> str:
    """A filter state as a string key (used by the floor app to find its precomputed page)."""
    return "sector=" + ",".join(sector or []) + "|corridor=" + ",".join(corridor or [])


def data_dir(scale: int) -> Path:
    return OUT / f"data_{scale}x"


def floor_data_path(scale: int) -> Path:
    return OUT / f"floor_{scale}x.pkl"


# --- statistics ------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) — p95 of 20 runs is the 19th smallest."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summary_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    if not ms:
        return {"n": 0}
    return {"n": len(ms), "median_ms": round(statistics.median(ms), 1),
            "p95_ms": round(percentile(ms, 95), 1), "min_ms": round(min(ms), 1),
            "max_ms": round(max(ms), 1), "mean_ms": round(statistics.fmean(ms), 1)}


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or not b or a != a or b != b:
        return None
    return round(a / b, 2)


# --- servers ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    """Poll the server's health endpoint until it answers (or the server dies)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"streamlit exited with {proc.returncode}: {err[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)  # polling the server's own readiness endpoint
    raise TimeoutError(f"streamlit at {url} did not start")


@contextlib.contextmanager
def serve(script: Path, env: dict[str, str] | None = None, log: Path | None = None):
    """Run `streamlit run script` on a free loopback port; yield (base URL, Popen)."""
    port = free_port()
    full_env = dict(os.environ)
    full_env.update(env or {})
    stderr = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", "--server.runOnSave", "false"],
        cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            stderr.close()


# --- memory ----------------------------------------------------------------------------------

def rss_bytes(pid: int) -> int | None:
    """Resident set size of a process, from /proc (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


# --- subprocess with JSON result ---------------------------------------------------------------

def run_module(module: str, args: list[str], env: dict[str, str] | None = None,
               timeout: float | None = None) -> dict:
    """Run `python -m module args` (its own process: fresh caches, own memory); it writes its
    result as JSON to the path given after --json. Returns that JSON."""
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"_{module.rsplit('.', 1)[-1]}_{os.getpid()}_{time.monotonic_ns()}.json"
    full_env = dict(os.environ)
    full_env.update(env or {})
    cmd = [sys.executable, "-m", module, *args, "--json", str(out)]
    print("+", " ".join(cmd[1:]), flush=True)
    proc = subprocess.run(cmd, cwd=ROOT, env=full_env, timeout=timeout)
    if not out.exists():
        return {"error": f"{module} exited with {proc.returncode} and wrote no result"}
    result = json.loads(out.read_text())
    out.unlink()
    if proc.returncode:
        result.setdefault("error", f"{module} exited with {proc.returncode}")
    return result


def write_json(path: Path | None, data: dict) -> None:
    if path is None:
        print(json.dumps(data, indent=2, default=str))
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str))
