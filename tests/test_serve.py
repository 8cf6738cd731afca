"""`python3 tasks.py serve`: the nginx configuration it renders, and the command itself (start,
health through the proxy, loopback only, a replica's death said on stderr, Ctrl-C stops every
process it started and exits 0; no nginx: exit 2 with how to install it).

Without nginx the tests that need it are skipped, and fail when $CI is set (.ci/run installs it).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

from deploy import nginx
from deploy.serve import Deployment, cookie_secret, parse
from tests.support import ROOT

REPLICAS = ["127.0.0.1:9101", "127.0.0.1:9102"]


# --- helpers shared with tests/e2e/test_serve.py ---------------------------------------------

def nginx_or_skip() -> str:
    """The nginx binary; without one, skip (or fail in CI, which installs it)."""
    found = nginx.find_nginx()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs Debian's nginx")
        pytest.skip("nginx not installed (apt-get install -y nginx)")
    return found


def free_ports(n: int) -> list[int]:
    """`n` loopback ports free right now (each bound to port 0 and released)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def free_run(n: int) -> int:
    """The first of `n` consecutive loopback ports free right now."""
    for _ in range(50):
        (first,) = free_ports(1)
        try:
            with contextlib.ExitStack() as stack:
                for port in range(first, first + n):
                    s = stack.enter_context(socket.socket())
                    s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError(f"no {n} consecutive free ports")


def wait_until(predicate, timeout: float, what: str):
    """Poll `predicate` (a state of the processes or of a log) until it returns a true value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)  # polling state, not waiting on a guess
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def http_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except OSError:
        return None


def block(text: str, header: str) -> str:
    """The body of the nginx block that starts with `header` (e.g. "upstream streamlit")."""
    start = text.index(header + " {") + len(header) + 2
    depth, i = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
    return text[start:i - 1]


def directives(body: str) -> list[str]:
    """The directives of a block, comments dropped, whitespace collapsed."""
    lines = (re.sub(r"\s+", " ", ln.split("#", 1)[0]).strip() for ln in body.splitlines())
    return [ln.rstrip(";") for ln in lines if ln]


# --- the rendered configuration --------------------------------------------------------------

@pytest.fixture
def conf(tmp_path) -> str:
    return nginx.render(replicas=REPLICAS, address="127.0.0.1", port=9100,
                        runtime_dir=tmp_path)


def test_config_lists_every_replica_and_hashes_the_sticky_cookie(conf):
    upstream = directives(block(conf, "upstream streamlit"))
    assert [d for d in upstream if d.startswith("server ")] == [
        f"server {r} max_fails=1 fail_timeout=5s" for r in REPLICAS]
    assert "hash $st_route consistent" in upstream
    assert "map $cookie_st_route $st_route" in conf
    assert '"" $request_id' in directives(block(conf, "map $cookie_st_route $st_route"))
    server = directives(block(conf, "server"))
    assert 'add_header Set-Cookie "st_route=$st_route; Path=/; HttpOnly; SameSite=Lax" always' \
        in server
    assert "listen 127.0.0.1:9100" in server


def test_config_upgrades_the_websocket_and_keeps_it_open(conf):
    stream = directives(block(conf, "location /_stcore/stream"))
    for d in ("proxy_pass http://streamlit", "proxy_http_version 1.1",
              "proxy_set_header Upgrade $http_upgrade",
              "proxy_set_header Connection $connection_upgrade", "proxy_buffering off",
              "proxy_read_timeout 86400s", "proxy_send_timeout 86400s",
              "proxy_set_header Host $http_host"):
        assert d in stream, d
    assert directives(block(conf, "map $http_upgrade $connection_upgrade")) == [
        "default upgrade", "'' close"]
    server = directives(block(conf, "server"))
    assert "proxy_read_timeout 86400s" in server and "proxy_http_version 1.1" in server


def test_config_body_size_follows_the_apps_upload_limit(conf):
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    mb = config["server"]["maxUploadSize"]
    server = directives(block(conf, "server"))
    assert f"client_max_body_size {mb + 1}m" in server
    # nothing buffered to disk: nginx's unprivileged workers may not reach the runtime dir
    assert "proxy_request_buffering off" in server and "proxy_max_temp_file_size 0" in server
    other = nginx.render(replicas=REPLICAS, address="127.0.0.1", port=9100,
                         runtime_dir=Path("/tmp/x"),
                         settings=nginx.AppSettings(max_upload_mb=25, base_path=""))
    assert "client_max_body_size 26m;" in other


def test_config_keeps_every_path_in_the_runtime_dir(conf, tmp_path):
    assert "{{" not in conf and "}}" not in conf
    settings = " ".join(directives(conf))  # comments left out
    assert "/etc/" not in settings and "/var/" not in settings and "include " not in settings
    paths = re.findall(r"^\s*(?:pid|error_log|access_log|\w+_temp_path) (\S+)", conf, re.M)
    assert len(paths) == 8, paths
    assert all(p.startswith(str(tmp_path.resolve())) for p in paths), paths
    assert "daemon off" in directives(conf)


def test_config_health_through_the_proxy_and_base_url_path(conf):
    assert directives(block(conf, "location = /healthz"))[0] == (
        "proxy_pass http://streamlit/_stcore/health")
    based = nginx.render(replicas=REPLICAS, address="127.0.0.1", port=9100,
                         runtime_dir=Path("/tmp/x"),
                         settings=nginx.AppSettings(max_upload_mb=10, base_path="/team"))
    assert "location /team/_stcore/stream {" in based
    assert "location /team/ {" in based
    assert "proxy_pass http://streamlit/team/_stcore/health;" in based


def test_app_settings_are_read_from_config_toml(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[server]\nmaxUploadSize = 25\nbaseUrlPath = "/team/"\n')
    assert nginx.app_settings(cfg) == nginx.AppSettings(max_upload_mb=25, base_path="/team")
    assert nginx.app_settings(tmp_path / "none.toml") == nginx.AppSettings(200, "")
    assert nginx.app_settings().max_upload_mb == 10  # the app's own .streamlit/config.toml


def test_only_loopback_unless_an_address_is_given():
    assert parse([]).address == "127.0.0.1" and Deployment().address == "127.0.0.1"
    assert parse(["--address", "0.0.0.0"]).address == "0.0.0.0"
    assert nginx.listen_address("::", 80) == "[::]:80"
    with pytest.raises(ValueError):
        nginx.render(replicas=[], address="127.0.0.1", port=1, runtime_dir=Path("/tmp/x"))


def test_nginx_accepts_the_rendered_config(tmp_path, conf):
    binary = nginx_or_skip()
    path = tmp_path / "nginx.conf"
    path.write_text(conf)
    ok, said = nginx.check_config(binary, tmp_path, path)
    assert ok, said
    broken = tmp_path / "broken.conf"
    broken.write_text(conf.replace("proxy_buffering off;", "proxy_buffering sideways;"))
    assert not nginx.check_config(binary, tmp_path, broken)[0]  # the check can fail


def test_cookie_secret_from_env_or_a_private_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CORRIDOR_COOKIE_SECRET", "from-env")
    assert cookie_secret(tmp_path) == "from-env"
    monkeypatch.delenv("CORRIDOR_COOKIE_SECRET")
    first = cookie_secret(tmp_path)
    assert len(first) == 64 and cookie_secret(tmp_path) == first  # made once, then kept
    assert (tmp_path / "cookie_secret").stat().st_mode & 0o777 == 0o600


def test_routes_in_log_reads_the_access_log(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        '127.0.0.1 [x] "GET / HTTP/1.1" 200 7863 upstream=127.0.0.1:1 route=aa rt=0.005\n'
        '127.0.0.1 [x] "GET /healthz HTTP/1.1" 200 2 upstream=127.0.0.1:2 route=bb rt=0.001\n'
        '127.0.0.1 [x] "GET /_stcore/stream HTTP/1.1" 101 9 upstream=127.0.0.1:2, '
        '127.0.0.1:1 route=aa rt=9.0\n')
    routes = nginx.routes_in_log(log)
    assert set(routes) == {"aa"}
    assert routes["aa"]["upstreams"] == {"127.0.0.1:1"} and routes["aa"]["stream"] == \
        "127.0.0.1:1"


# --- the command -----------------------------------------------------------------------------

def test_without_nginx_serve_says_how_to_install_it_and_exits_2(tmp_path):
    env = dict(os.environ, NGINX="")  # $NGINX set and empty: look nowhere else
    proc = subprocess.run([sys.executable, "-m", "deploy.serve", "--replicas", "1",
                           "--runtime-dir", str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "apt-get install -y nginx" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def _children(pid: int) -> list[int]:
    """Direct children of `pid` (Linux /proc)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _alive(pid: int) -> bool:
    """Running (a zombie, exited but not yet reaped by its parent, does not count)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _listening(ports: set[int]) -> set[tuple[str, int]]:
    """(local address in hex, port) of every TCP socket listening on one of `ports`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                addr, port = local.split(":")
                if state == "0A" and int(port, 16) in ports:  # 0A: LISTEN
                    found.add((addr, int(port, 16)))
    return found


def test_serve_runs_replicas_behind_nginx_and_ctrl_c_stops_them_all(tmp_path):
    nginx_or_skip()
    first = free_run(2)  # the replicas' ports follow one another
    port = next(p for p in iter(lambda: free_ports(1)[0], None) if p not in (first, first + 1))
    proc = subprocess.Popen(
        [sys.executable, "-m", "deploy.serve", "--replicas", "2", "--port", str(port),
         "--replica-port", str(first), "--runtime-dir", str(tmp_path)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out: list[str] = []
    err: list[str] = []
    readers = [threading.Thread(target=lambda s, acc: acc.extend(iter(s.readline, "")),
                                args=(pipe, acc), daemon=True)
               for pipe, acc in ((proc.stdout, out), (proc.stderr, err))]
    for t in readers:
        t.start()
    try:
        wait_until(lambda: any("Ctrl-C stops" in ln for ln in out) or proc.poll() is not None,
                   180, "serve to start")
        assert proc.poll() is None, "".join(err)
        assert f"Serving http://127.0.0.1:{port}" in "".join(out)
        assert http_status(f"http://127.0.0.1:{port}/healthz") == 200
        for p in (first, first + 1):
            assert http_status(f"http://127.0.0.1:{p}/_stcore/health") == 200
        # nothing listens beyond loopback: 0100007F is 127.0.0.1 in /proc's byte order
        assert _listening({port, first, first + 1}) == {
            ("0100007F", port), ("0100007F", first), ("0100007F", first + 1)}
        children = _children(proc.pid)
        assert len(children) == 3  # two replicas and nginx's master
        workers = [w for c in children for w in _children(c)]
        started = children + workers

        victim = next(c for c in children if f"{first}" in Path(
            f"/proc/{c}/cmdline").read_text().replace("\0", " "))
        os.kill(victim, signal.SIGKILL)
        wait_until(lambda: any("replica 1" in ln and "exited" in ln for ln in err), 30,
                   "serve to say that replica 1 died")
        assert http_status(f"http://127.0.0.1:{port}/healthz") == 200  # the other answers

        proc.send_signal(signal.SIGINT)  # Ctrl-C
        assert proc.wait(timeout=60) == 0
        assert [p for p in started if _alive(p)] == []
        for t in readers:
            t.join(timeout=10)  # the pipes close when serve exits
        assert "Stopped nginx and 2 replicas" in "".join(out)
        assert "Traceback" not in "".join(err)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
