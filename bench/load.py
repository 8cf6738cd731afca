"""Many users: concurrent sessions changing filters against one server on loopback.

    .venv/bin/python -m bench.load [--sessions 20] [--seconds 60] [--scale 1] [--think 0.5 1.5]

Each session is a websocket client speaking Streamlit's own protocol (the BackMsg/ForwardMsg
protobufs the browser sends and receives), so the measurement is the server's, not a browser's
rendering on the same two CPUs. A session connects, opens one page of the app (sessions are
spread over the six pages), then, until the time is up, changes the sidebar filters to the next
benchmark state (widget states for the Sector and Corridor multiselects, as the browser sends
them), waits for the script to finish, and thinks for U(think) seconds.

Interaction latency: from sending the change to receiving `script_finished`. Errors: an
exception element in the page, a run that does not finish within --timeout, a failed or closed
connection. Memory: the server's RSS (from /proc) at start (before any session), before the
sessions (after one warm-up session visited every page and left), sampled during, and after
they leave (sampled for --after seconds; the server runs with
server.disconnectedSessionTTL=--ttl so it may drop the sessions' state within that window).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import threading
import time
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import (
    APP,
    DATA_ENV,
    FILTER_STATES,
    OUT,
    PAGE_NAMES,
    data_dir,
    rss_bytes,
    serve,
    summary_ms,
    write_json,
)

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


class Session:
    """One websocket client of the app."""

    def __init__(self, url: str, page: str, timeout: float) -> None:
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.page = page
        self.timeout = timeout
        self.ws = None
        self.page_hash = ""
        self.query_string = ""
        self.widget_ids: dict[str, str] = {}
        self.labels: dict[str, dict[str, str]] = {"sector": {}, "corridor": {}}
        self.exceptions: list[str] = []

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        self.ws = await connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                open_timeout=self.timeout, ping_interval=None)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, state: dict[str, list[str]] | None = None) -> float:
        """Send a rerun (with the filters of `state`), wait for the run to end; seconds."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query_string
        cs.page_script_hash = self.page_hash
        cs.page_name = "" if self.page_hash else self.page
        if state is not None:
            for key, ids in state.items():
                if key not in self.widget_ids:
                    continue
                ws = cs.widget_states.widgets.add()
                ws.id = self.widget_ids[key]
                ws.string_array_value.data[:] = [self.labels[key].get(i, i) for i in ids]
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        await asyncio.wait_for(self._until_finished(), self.timeout)
        return time.perf_counter() - t0

    async def _until_finished(self) -> None:
        while True:
            data = await self.ws.recv()
            fm = ForwardMsg()
            fm.ParseFromString(data)
            kind = fm.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":
                self.page_hash = fm.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                self.query_string = fm.page_info_changed.query_string
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                ty = el.WhichOneof("type")
                if ty == "exception":
                    self.exceptions.append(el.exception.message[:200])
                elif ty == "multiselect":
                    key = el.multiselect.id.rsplit("-", 1)[-1]
                    if key in self.labels:
                        self.widget_ids[key] = el.multiselect.id
            elif kind == "script_finished" and fm.script_finished in DONE:
                if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self.exceptions.append("script compile error")
                return


def _labels(scale: int) -> dict[str, dict[str, str]]:
    """Filter option labels (id → label) as the browser sends them."""
    import csv

    folder = data_dir(scale)
    with open(folder / "sectors.csv", encoding="utf-8") as fh:
        sectors = {r["sector_id"]: r["label"] for r in csv.DictReader(fh)}
    with open(folder / "corridors.csv", encoding="utf-8") as fh:
        corridors = {r["corridor_id"]: r["short_name"] for r in csv.DictReader(fh)}
    return {"sector": sectors, "corridor": corridors}


async def _user(i: int, url: str, page: str, deadline: float, think: tuple[float, float],
                timeout: float, labels: dict, out: dict, session=None, on_open=None) -> None:
    """One user: open `page`, then change filters until `deadline`, recording into `out`.
    session: the Session class to use (bench.proxy_load's records its replica); on_open(s):
    called once the page opened with its filter widgets."""
    rng = random.Random(i)
    s = (session or Session)(url, page, timeout)
    s.labels = labels
    try:
        await s.connect()
        out["open"].append(await s.rerun())
        missing = [k for k in ("sector", "corridor") if k not in s.widget_ids]
        if missing:
            out["errors"].append(f"session {i} ({page}): filter widgets not found: {missing}")
            return
        if on_open is not None:
            on_open(s)
        n = i
        while time.monotonic() < deadline:
            n += 1
            state = FILTER_STATES[n % len(FILTER_STATES)]
            try:
                out["latency"].append((page, await s.rerun(state)))
            except TimeoutError:
                out["errors"].append(f"session {i} ({page}): no script_finished in {timeout} s")
                break
            await asyncio.sleep(rng.uniform(*think))  # the user's think time
    except Exception as err:
        out["errors"].append(f"session {i} ({page}): {type(err).__name__}: {err}")
    finally:
        out["errors"] += [f"session {i} ({page}): exception element: {m}" for m in s.exceptions]
        with contextlib.suppress(Exception):
            await s.close()


async def _warm(url: str, timeout: float, labels: dict) -> None:
    """One session visits every page with every filter state, then leaves."""
    for page in PAGE_NAMES:
        s = Session(url, page, timeout)
        s.labels = labels
        await s.connect()
        await s.rerun()
        for state in FILTER_STATES[1:] + FILTER_STATES[:1]:
            await s.rerun(state)
        await s.close()


def _sampler(pid: int, samples: list, stop: threading.Event, every: float) -> None:
    t0 = time.monotonic()
    while not stop.is_set():
        samples.append((round(time.monotonic() - t0, 2), rss_bytes(pid)))
        stop.wait(every)  # a measurement interval, not a wait on the app


def run(sessions: int = 20, seconds: float = 60, scale: int = 1,
        think: tuple[float, float] = (0.5, 1.5), timeout: float = 120, after: float = 20,
        ttl: int = 10) -> dict:
    labels = _labels(scale)
    env = {DATA_ENV: str(data_dir(scale)), "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(ttl)}
    result: dict = {"sessions": sessions, "seconds": seconds, "scale": scale,
                    "think_s": list(think), "disconnected_session_ttl_s": ttl}
    with serve(APP, env, log=OUT / "load_server.log") as (url, proc):
        result["rss_start_bytes"] = rss_bytes(proc.pid)
        asyncio.run(_warm(url, timeout, labels))
        result["rss_before_bytes"] = rss_bytes(proc.pid)
        samples: list = []
        stop = threading.Event()
        sampler = threading.Thread(target=_sampler, args=(proc.pid, samples, stop, 0.5),
                                   daemon=True)
        sampler.start()
        out: dict = {"open": [], "latency": [], "errors": []}
        t0 = time.monotonic()

        async def crowd() -> None:
            deadline = time.monotonic() + seconds
            await asyncio.gather(*[
                _user(i, url, PAGE_NAMES[i % len(PAGE_NAMES)], deadline, think, timeout,
                      labels, out) for i in range(sessions)])

        asyncio.run(crowd())
        left_at = time.monotonic() - t0
        during = [b for t, b in samples if t <= left_at and b]
        # after: keep sampling while the server drops the sessions
        stop_after = time.monotonic() + after
        while time.monotonic() < stop_after:
            stop.wait(0.5)
        stop.set()
        sampler.join()
        after_samples = [b for t, b in samples if t > left_at and b]
        result["rss_during_peak_bytes"] = max(during) if during else None
        result["rss_during_median_bytes"] = sorted(during)[len(during) // 2] if during else None
        result["rss_after_bytes"] = after_samples[-1] if after_samples else rss_bytes(proc.pid)
        result["rss_after_min_bytes"] = min(after_samples) if after_samples else None
        result["rss_samples"] = samples
        result["left_at_s"] = round(left_at, 2)
        lat = [t for _, t in out["latency"]]
        result["interactions"] = len(lat)
        result["latency"] = summary_ms(lat)
        result["latency_by_page"] = {
            page: summary_ms([t for p, t in out["latency"] if p == page]) for page in PAGE_NAMES}
        result["open"] = summary_ms(out["open"])
        result["errors"] = out["errors"]
        result["error_count"] = len(out["errors"])
        before = result["rss_before_bytes"]
        if before and result["rss_after_bytes"]:
            result["after_vs_before"] = round(result["rss_after_bytes"] / before, 3)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 1.5))
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--after", type=float, default=20)
    parser.add_argument("--ttl", type=int, default=10)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    result = run(args.sessions, args.seconds, args.scale, tuple(args.think), args.timeout,
                 args.after, args.ttl)
    write_json(args.json, result)
    return 0 if not result.get("error_count") else 1


if __name__ == "__main__":
    sys.exit(main())
