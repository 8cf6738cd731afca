"""Many users through nginx: the same sessions as bench.load, against 1 and 2 replicas behind
the proxy that `python3 tasks.py serve` runs (deploy/serve.py), in one run.

    .venv/bin/python -m bench.proxy_load [--replicas 1 2] [--sessions 40] [--seconds 60]

Each session is bench.load's websocket client (`bench.load.Session`), opened as a browser
opens the app: first a GET of the page, whose response sets nginx's sticky cookie `st_route`,
then the websocket with that cookie. It changes the sidebar filters until the time is up, with
a think time of U(think) s, as in bench.load.

For each replica count: latency from sending a change to `script_finished` (p50/p95, ms),
errors (as bench.load counts them), and which replica served each session, taken two ways:
nginx's access log (`upstream=` on the session's websocket line, and whether every request of
its cookie went to that one replica) and each replica's own count of active sessions
(`/_stcore/metrics`, sampled during the run). Memory: each replica's RSS after a warm-up
session visited every page (before), sampled every 0.5 s while the sessions run (median and
peak), and the difference divided by the sessions it served: MB per session.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import sys
import threading
import time
import urllib.request
from pathlib import Path

from bench import load
from bench.common import (
    DATA_ENV,
    OUT,
    PAGE_NAMES,
    data_dir,
    free_port,
    rss_bytes,
    summary_ms,
    write_json,
)
from bench.load import Session, _labels, _warm
from deploy import nginx
from deploy.nginx import routes_in_log
from deploy.serve import Deployment, ServeError

ROUTE_COOKIE = "st_route"


class RoutedSession(Session):
    """bench.load's client, connecting as a browser does behind the proxy: the page first
    (nginx answers with the sticky cookie), then the websocket carrying that cookie."""

    def __init__(self, url: str, page: str, timeout: float) -> None:
        super().__init__(url, page, timeout)
        self.base_url = url
        self.route: str | None = None

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        self.route = await asyncio.to_thread(route_cookie, self.base_url, self.timeout)
        self.ws = await connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                open_timeout=self.timeout, ping_interval=None,
                                additional_headers={"Cookie": f"{ROUTE_COOKIE}={self.route}"})


def route_cookie(url: str, timeout: float = 30) -> str:
    """GET the app's page through the proxy; the value of the `st_route` cookie it sets."""
    with urllib.request.urlopen(f"{url}/", timeout=timeout) as resp:
        for header in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == ROUTE_COOKIE:
                return rest.split(";", 1)[0]
    raise RuntimeError(f"{url}/ set no {ROUTE_COOKIE} cookie")


def active_sessions(url: str) -> int | None:
    """A replica's own count of its active sessions (`/_stcore/metrics`)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=5) as resp:
            text = resp.read().decode()
    except OSError:
        return None
    m = re.search(r"^active_sessions (\d+)", text, flags=re.M)
    return int(m[1]) if m else None


async def _user(i: int, url: str, page: str, deadline: float, think: tuple[float, float],
                timeout: float, labels: dict, out: dict) -> None:
    """bench.load's user, through the proxy: also records which replica served the session."""
    def opened(s: RoutedSession) -> None:
        out["routes"][i] = s.route
        out["opened"].add(i)

    await load._user(i, url, page, deadline, think, timeout, labels, out,
                     session=RoutedSession, on_open=opened)


def _sample(d: Deployment, samples: dict, counts: dict, stop: threading.Event) -> None:
    """Every 0.5 s each replica's RSS; every 2 s its active sessions (a measurement interval,
    not a wait on the app)."""
    t0 = time.monotonic()
    tick = 0
    while not stop.is_set():
        t = round(time.monotonic() - t0, 2)
        for r in d.nodes:
            samples[r.address].append((t, rss_bytes(r.proc.pid)))
            if tick % 4 == 0:
                counts[r.address].append((t, active_sessions(r.url)))
        tick += 1
        stop.wait(0.5)


def one(replicas: int, sessions: int, seconds: float, scale: int, think: tuple[float, float],
        timeout: float, ttl: int) -> dict:
    """`sessions` sessions for `seconds` s through nginx in front of `replicas` replicas."""
    if not (data_dir(scale) / "sectors.csv").exists():  # run alone, before bench.run's synth
        from bench import synth
        synth.generate([scale], check=False)
    labels = _labels(scale)
    runtime = OUT / f"proxy_{replicas}_replicas"
    shutil.rmtree(runtime, ignore_errors=True)  # a fresh access log for this run
    d = Deployment(replicas=replicas, port=free_port(),
                   replica_ports=[free_port() for _ in range(replicas)], runtime_dir=runtime,
                   env={DATA_ENV: str(data_dir(scale)),
                        "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(ttl)})
    result: dict = {"replicas": replicas, "sessions": sessions, "seconds": seconds,
                    "scale": scale, "think_s": list(think), "access_log": str(d.access_log)}
    with d:
        for r in d.nodes:  # warm each replica's caches directly, as bench.load does
            asyncio.run(_warm(r.url, timeout, labels))
        before = {r.address: rss_bytes(r.proc.pid) for r in d.nodes}
        samples = {r.address: [] for r in d.nodes}
        counts = {r.address: [] for r in d.nodes}
        stop = threading.Event()
        sampler = threading.Thread(target=_sample, args=(d, samples, counts, stop), daemon=True)
        sampler.start()
        out: dict = {"open": [], "latency": [], "errors": [], "routes": {}, "opened": set()}

        async def crowd() -> None:
            deadline = time.monotonic() + seconds
            await asyncio.gather(*[
                _user(i, d.url, PAGE_NAMES[i % len(PAGE_NAMES)], deadline, think, timeout,
                      labels, out) for i in range(sessions)])

        asyncio.run(crowd())
        stop.set()
        sampler.join()
    # nginx has stopped: every websocket's line is in the log now
    logged = routes_in_log(d.access_log)
    served: dict[str, int] = {r.address: 0 for r in d.nodes}
    unrouted, split = 0, []
    for i, route in out["routes"].items():
        entry = logged.get(route)
        if not entry or not entry["stream"]:
            unrouted += 1
            continue
        served[entry["stream"]] = served.get(entry["stream"], 0) + 1
        if len(entry["upstreams"]) > 1:
            split.append(f"session {i}: {sorted(entry['upstreams'])}")
    per_replica = {}
    for r in d.nodes:
        rss = [b for _, b in samples[r.address] if b]
        median = sorted(rss)[len(rss) // 2] if rss else None
        peak = max(rss) if rss else None
        seen = max((c for _, c in counts[r.address] if c is not None), default=None)
        n = served.get(r.address, 0)
        per_replica[r.address] = {
            "sessions_from_access_log": n, "active_sessions_peak_from_metrics": seen,
            "rss_before_bytes": before[r.address], "rss_during_median_bytes": median,
            "rss_during_peak_bytes": peak,
            "mb_per_session_median": (round((median - before[r.address]) / n / 1e6, 2)
                                      if n and median and before[r.address] else None),
            "mb_per_session_peak": (round((peak - before[r.address]) / n / 1e6, 2)
                                    if n and peak and before[r.address] else None)}
    lat = [t for _, t in out["latency"]]
    result.update({
        "interactions": len(lat), "latency": summary_ms(lat), "open": summary_ms(out["open"]),
        "latency_by_page": {p: summary_ms([t for q, t in out["latency"] if q == p])
                            for p in PAGE_NAMES},
        "sessions_opened": len(out["opened"]),
        "errors": out["errors"], "error_count": len(out["errors"]),
        "spread": [per_replica[a]["sessions_from_access_log"] for a in per_replica],
        "per_replica": per_replica, "sessions_not_in_log": unrouted,
        "sessions_split_over_replicas": split,
        "rss_samples": {a: s for a, s in samples.items()},
        "active_session_samples": counts})
    return result


def run(replica_counts: list[int], sessions: int = 40, seconds: float = 60, scale: int = 1,
        think: tuple[float, float] = (0.5, 1.5), timeout: float = 120, ttl: int = 10) -> dict:
    """One run per replica count, one after the other (never in parallel: 2 CPUs)."""
    if nginx.find_nginx() is None:
        return {"error": nginx.INSTALL_HINT.replace("\n", " ")}
    result: dict = {"runs": {}}
    for n in replica_counts:
        print(f"-- {n} replica(s) behind nginx: {sessions} sessions, {seconds:g} s", flush=True)
        try:
            result["runs"][str(n)] = one(n, sessions, seconds, scale, think, timeout, ttl)
        except ServeError as err:
            result["runs"][str(n)] = {"error": str(err)}
    result["error_count"] = sum(r.get("error_count", 1) for r in result["runs"].values())
    return result


def _mb(v: float | None) -> str:
    return "–" if v is None else f"{v / 1e6:,.0f} MB"


def _ms(v: float | None) -> str:
    return "–" if v is None else f"{v:,.0f}"


def render_markdown(result: dict, p95_target_ms: float = 1500) -> list[str]:
    """The RESULTS.md section: 1 and 2 replicas side by side."""
    lines = ["## 5. Many users through nginx (`python3 tasks.py serve`, 1× data)", ""]
    if result.get("error") and not result.get("runs"):
        return lines + [f"Error: {result['error']}", ""]
    runs = result.get("runs", {})
    first = next(iter(runs.values()), {})
    lines += [f"{first.get('sessions')} websocket sessions for {first.get('seconds')} s "
              "through nginx (sticky cookie), think time U("
              + ", ".join(str(x) for x in first.get("think_s", [])) + f") s; target p95 ≤ "
              f"{p95_target_ms:,.0f} ms, 0 errors. Sessions per replica from nginx's access "
              "log (the replica of each session's websocket).", "",
              "| replicas | filter changes | p50 | p95 | errors | sessions per replica | "
              "every request of a session on its replica | RSS before → median during, per "
              "replica | MB per session | result |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for n, r in runs.items():
        if r.get("error") and not r.get("latency"):
            lines.append(f"| {n} | error: {r['error'][:200]} |  |  |  |  |  |  |  |  |")
            continue
        lat = r.get("latency", {})
        reps = r.get("per_replica", {}).values()
        rss = "; ".join(f"{_mb(p['rss_before_bytes'])} → {_mb(p['rss_during_median_bytes'])}"
                        for p in reps)
        per = ", ".join("–" if p["mb_per_session_median"] is None
                        else f"{p['mb_per_session_median']:.2f}" for p in reps)
        ok = (lat.get("p95_ms") or 1e9) <= p95_target_ms and not r.get("error_count")
        sticky = ("yes" if not r.get("sessions_split_over_replicas")
                  and not r.get("sessions_not_in_log") else
                  f"no ({len(r.get('sessions_split_over_replicas', []))} split, "
                  f"{r.get('sessions_not_in_log')} not logged)")
        lines.append(f"| {n} | {r.get('interactions')} | {_ms(lat.get('median_ms'))} ms | "
                     f"{_ms(lat.get('p95_ms'))} ms | {r.get('error_count')} | "
                     f"{' / '.join(str(x) for x in r.get('spread', []))} | {sticky} | {rss} | "
                     f"{per} | {'pass' if ok else 'FAIL'} |")
    errors = [e for r in runs.values() for e in r.get("errors", [])]
    if errors:
        lines += ["", "Errors (first 5): " + "; ".join(errors[:5])]
    return lines + [""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 1.5))
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--ttl", type=int, default=10)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    result = run(args.replicas, args.sessions, args.seconds, args.scale, tuple(args.think),
                 args.timeout, args.ttl)
    if args.json is None:
        print("\n".join(render_markdown(result)))
    write_json(args.json, result)
    return 0 if not result.get("error_count") and not result.get("error") else 1


if __name__ == "__main__":
    sys.exit(main())
