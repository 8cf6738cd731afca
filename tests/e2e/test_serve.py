"""End-to-end through nginx with two replicas (`python3 tasks.py serve`), in Chromium: a
session's upload, pack download and websocket all reach its one replica, whichever it started
on; stopping a replica leaves the other's sessions untouched and sends its own to the live one.

Which replica served a session is read from nginx's access log (deploy/nginx.py:
routes_in_log), keyed by the session's sticky cookie.
"""

from __future__ import annotations

import secrets
import urllib.request

import pytest
from playwright.sync_api import expect

from deploy.nginx import routes_in_log
from deploy.serve import Deployment
from tests.e2e.conftest import choose, screenshot, wait_for_app
from tests.e2e.test_own_data import TRADE, upload, zipped
from tests.test_serve import free_ports, nginx_or_skip, wait_until

pytestmark = pytest.mark.e2e
OVERVIEW = "Pakistan–Kazakhstan at a glance"


def deployment(runtime_dir) -> Deployment:
    port, *replicas = free_ports(3)
    return Deployment(replicas=2, port=port, replica_ports=replicas, runtime_dir=runtime_dir)


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    """Two fresh replicas behind nginx, for the whole module."""
    nginx_or_skip()
    with deployment(tmp_path_factory.mktemp("serve")) as d:
        yield d


def route_of(pg) -> str:
    """The browser context's sticky cookie (HttpOnly: read from the context, not the page)."""
    return next(c["value"] for c in pg.context.cookies() if c["name"] == "st_route")


def replica_of(d: Deployment, pg) -> str:
    """The one replica ("127.0.0.1:port") every request of this page's browser has reached."""
    served = routes_in_log(d.access_log)[route_of(pg)]["upstreams"]
    assert len(served) == 1, served
    return next(iter(served))


def routes_to_each_replica(d: Deployment) -> dict[str, str]:
    """A sticky-cookie value that nginx hashes to each replica ({"127.0.0.1:port": value}),
    found by asking /_stcore/health through the proxy with random values and reading the
    access log (with two replicas, 40 misses in a row would be 2**-39)."""
    found: dict[str, str] = {}
    for _ in range(40):
        value = secrets.token_hex(16)
        req = urllib.request.Request(f"{d.url}/_stcore/health",
                                     headers={"Cookie": f"st_route={value}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.status == 200
        where = wait_until(lambda v=value: (routes_in_log(d.access_log).get(v) or {}).get(
            "upstreams"), 10, "the probe's log line")
        found.setdefault(next(iter(where)), value)
        if len(found) == len(d.nodes):
            return found
    raise AssertionError(f"routes reached only {sorted(found)}")


def on_each_replica(d: Deployment, browser, path: str, heading: str) -> dict:
    """One browser session per replica ({"127.0.0.1:port": page}) opened at `path`, each
    starting with a cookie that nginx routes to its replica (as if an earlier visit had set
    it); checked in the log: every request of the page so far reached that replica."""
    sessions = {}
    for where, value in routes_to_each_replica(d).items():
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        host = d.url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)[0]
        context.add_cookies([{"name": "st_route", "value": value, "domain": host,
                              "path": "/", "httpOnly": True, "sameSite": "Lax"}])
        pg = context.new_page()
        pg.goto(f"{d.url}{path}")
        wait_for_app(pg, heading)
        assert replica_of(d, pg) == where
        sessions[where] = pg
    return sessions


def watch_connection(pg) -> None:
    """Record in the page every change of the app's connection state (window.__states)."""
    pg.evaluate("""() => {
        window.__states = [];
        const app = document.querySelector("[data-testid='stApp']");
        new MutationObserver(() => window.__states.push(
            app.getAttribute('data-test-connection-state'))).observe(
            app, {attributes: true, attributeFilter: ['data-test-connection-state']});
    }""")


def assert_no_error(pg) -> None:
    expect(pg.locator("[data-testid='stException']")).to_have_count(0)
    expect(pg.get_by_text("Traceback")).to_have_count(0)
    expect(pg.get_by_text("Connection error")).to_have_count(0)


def test_upload_and_pack_work_through_the_proxy_on_either_replica(team, browser):
    from pptx import Presentation

    sessions = on_each_replica(team, browser, "/sources", "Sources & data")
    blob = zipped({"trade_flows.csv": TRADE.replace(b"53700000", b"99900000")})
    for where, pg in sessions.items():
        upload(pg, "mine.zip", blob)
        pg.get_by_text("This session uses your data from mine.zip").wait_for()
        with pg.expect_download(timeout=120_000) as got:
            pg.get_by_role("button", name="PPTX").click()
        deck = Presentation(got.value.path())
        assert len(deck.slides) >= 4
        screenshot(pg, f"serve_upload_{where.rsplit(':', 1)[1]}")
        route = route_of(pg)
        pg.context.close()
        # nginx writes a websocket's line when it closes
        entry = wait_until(lambda r=route: (routes_in_log(team.access_log).get(r) or {}).get(
            "stream") and routes_in_log(team.access_log)[r], 30, "the websocket's log line")
        assert entry["upstreams"] == {where}, entry["upstreams"]
        kinds = {(m, p.split("/")[1] if p.startswith("/media") else p.split("/")[2], s)
                 for m, p, s, _ in entry["requests"] if p.startswith(("/_stcore/", "/media/"))}
        assert ("PUT", "upload_file", 204) in kinds, kinds  # the zip reached its replica
        assert ("GET", "media", 200) in kinds, kinds  # and the pack came from it
        assert ("GET", "stream", 101) in kinds, kinds  # as did the websocket


def test_stopping_a_replica_moves_only_its_sessions_and_they_reload(browser, tmp_path):
    nginx_or_skip()
    with deployment(tmp_path) as d:
        sessions = on_each_replica(d, browser, "/", OVERVIEW)
        survivor, victim = sessions[d.nodes[0].address], sessions[d.nodes[1].address]
        for pg in (survivor, victim):
            watch_connection(pg)

        d.stop_replica(1)
        # the victim's websocket closes; it reconnects through nginx to the live replica
        victim.wait_for_function("window.__states.some(s => s !== 'CONNECTED')",
                                 timeout=30_000)
        wait_for_app(victim, OVERVIEW)
        assert_no_error(victim)
        choose(victim, "Sector", "Railways")  # its new session answers
        victim.get_by_text("Sectors: Railways").first.wait_for()
        assert_no_error(victim)
        screenshot(victim, "serve_after_failover")
        # its old websocket was logged when the replica closed it; everything since went to
        # the survivor
        live, dead = d.nodes[0].address, d.nodes[1].address
        requests = routes_in_log(d.access_log)[route_of(victim)]["requests"]
        old = max(i for i, (_, path, _, where) in enumerate(requests)
                  if path.startswith("/_stcore/stream") and where == dead)
        assert requests[old + 1:], requests
        assert {where for *_, where in requests[old + 1:]} == {live}, requests[old + 1:]

        choose(survivor, "Sector", "Railways")  # the other replica's session carries on
        survivor.get_by_text("Sectors: Railways").first.wait_for()
        assert survivor.evaluate("window.__states") == []  # never left CONNECTED
        assert_no_error(survivor)
        for pg in (survivor, victim):
            pg.context.close()
