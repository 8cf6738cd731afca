"""Serve a team: N Streamlit replicas on loopback and nginx in front, with sticky sessions.

    python -m deploy.serve --replicas N [--port P] [--address A] [--replica-port Q]
                           [--runtime-dir DIR]
    python3 tasks.py serve --replicas N ...            (the same, after setting up .venv)

Replica i (0-based) listens on 127.0.0.1:(Q + i) (Q defaults to P + 1); nginx listens on
A:P (A defaults to 127.0.0.1: nothing is reachable from another machine unless an address is
given). Every replica gets the same server.cookieSecret ($CORRIDOR_COOKIE_SECRET, else a
secret generated once into DIR/cookie_secret, mode 0600) and the same data folder
($CORRIDOR_DATA_DIR, else the bundled data/). DIR (default .serve/) holds the rendered
nginx.conf, nginx's pid, temp files, access and error logs, and each replica's log.

Health: http://127.0.0.1:<replica port>/_stcore/health for each replica, and
http://A:P/healthz through nginx (200 while any replica answers).

Ctrl-C (SIGINT) or SIGTERM stops the replicas and nginx it started, and nothing else, waits
for them, and exits 0. A replica that dies is reported on stderr (nginx sends its sessions to
the others); when none is left, serve stops nginx and exits 1. Exit 2: nginx is missing, a port
is taken, or something did not start.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy import nginx

ROOT = nginx.ROOT
APP = ROOT / "app.py"
RUNTIME_DIR = ROOT / ".serve"
SECRET_ENV = "CORRIDOR_COOKIE_SECRET"
DATA_ENV = "CORRIDOR_DATA_DIR"  # components/data/loader.py reads it; passed on as it is
DEFAULT_PORT = 8501
LOOPBACK = "127.0.0.1"


class ServeError(Exception):
    """Something the operator can fix; printed without a traceback, exit 2."""


@dataclass
class Replica:
    """One `streamlit run app.py` process."""

    index: int
    port: int
    proc: subprocess.Popen | None = None
    log: Path | None = None
    reported: bool = False  # its death was already said on stderr

    @property
    def address(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"


@dataclass
class Deployment:
    """N replicas and nginx. Use as a context manager, or start() then stop().

    `env` adds variables to every replica's environment (e.g. a Streamlit setting as
    STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL).
    """

    replicas: int = 2
    port: int = DEFAULT_PORT
    address: str = LOOPBACK
    replica_port: int | None = None
    replica_ports: list[int] | None = None  # explicit ports instead of replica_port + i
    runtime_dir: Path = RUNTIME_DIR
    env: dict[str, str] = field(default_factory=dict)
    startup_timeout: float = 180  # seconds for every replica, then nginx, to answer
    nodes: list[Replica] = field(default_factory=list, init=False)
    nginx_proc: subprocess.Popen | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        """The proxy's base URL, as a browser on this machine reaches it."""
        # listening everywhere: reach it on the loopback of the same family
        host = {"0.0.0.0": LOOPBACK, "": LOOPBACK, "::": "::1"}.get(self.address, self.address)
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}{nginx.app_settings().base_path}"

    @property
    def access_log(self) -> Path:
        return self.runtime_dir / "access.log"

    @property
    def conf(self) -> Path:
        return self.runtime_dir / "nginx.conf"

    # --- start -----------------------------------------------------------------------------

    def start(self) -> Deployment:
        if self.replicas < 1:
            raise ServeError("--replicas must be at least 1")
        binary = nginx.find_nginx()
        if binary is None:
            raise ServeError(nginx.INSTALL_HINT)
        self.runtime_dir = Path(self.runtime_dir).resolve()
        first = self.replica_port if self.replica_port is not None else self.port + 1
        ports = self.replica_ports or [first + i for i in range(self.replicas)]
        if len(ports) != self.replicas:
            raise ServeError(f"{self.replicas} replicas but {len(ports)} ports")
        self.nodes = [Replica(i, port) for i, port in enumerate(ports)]
        _check_free(self.address, self.port, "the proxy")
        for r in self.nodes:
            _check_free(LOOPBACK, r.port, f"replica {r.index + 1}")
        nginx.prepare_runtime(self.runtime_dir)
        _check_not_running(self.runtime_dir)
        env = self._replica_env()
        try:
            for r in self.nodes:  # all at once: their imports overlap
                r.log = self.runtime_dir / f"replica-{r.port}.log"
                with open(r.log, "wb") as log:
                    r.proc = subprocess.Popen(
                        [sys.executable, "-m", "streamlit", "run", str(APP),
                         "--server.port", str(r.port), "--server.address", LOOPBACK,
                         "--server.headless", "true", "--server.fileWatcherType", "none",
                         "--server.runOnSave", "false"],
                        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                        stderr=subprocess.STDOUT, start_new_session=True,
                        preexec_fn=_die_with_parent)
            deadline = time.monotonic() + self.startup_timeout
            for r in self.nodes:
                _wait_ok(f"{r.url}/_stcore/health", r.proc, deadline,
                         f"replica {r.index + 1} ({r.url})", r.log)
            self.conf.write_text(nginx.render(
                replicas=[r.address for r in self.nodes], address=self.address,
                port=self.port, runtime_dir=self.runtime_dir), encoding="utf-8")
            ok, said = nginx.check_config(binary, self.runtime_dir, self.conf)
            if not ok:
                raise ServeError(f"nginx refused {self.conf}:\n{said}")
            # nginx's own words before its error log opens (a file: a pipe nobody reads fills)
            with open(self.runtime_dir / "nginx.stderr.log", "wb") as err:
                self.nginx_proc = subprocess.Popen(
                    nginx.command(binary, self.runtime_dir, self.conf), cwd=self.runtime_dir,
                    stdin=subprocess.DEVNULL, stdout=err, stderr=subprocess.STDOUT,
                    start_new_session=True, preexec_fn=_die_with_parent)
            _wait_ok(f"{self.url.removesuffix(nginx.app_settings().base_path)}/healthz",
                     self.nginx_proc, deadline, f"nginx ({self.url})",
                     self.runtime_dir / "error.log")
        except BaseException:
            self.stop()
            raise
        return self

    def _replica_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = cookie_secret(self.runtime_dir)
        if env.get(DATA_ENV):  # one folder for all: an absolute path, whatever their cwd
            env[DATA_ENV] = str(Path(env[DATA_ENV]).resolve())
        env.update(self.env)
        return env

    # --- while running -----------------------------------------------------------------------

    def dead(self) -> list[Replica]:
        """Replicas whose process has exited (and not been reported yet)."""
        return [r for r in self.nodes if r.proc and r.proc.poll() is not None
                and not r.reported]

    def alive(self) -> list[Replica]:
        return [r for r in self.nodes if r.proc and r.proc.poll() is None]

    def stop_replica(self, index: int, timeout: float = 30) -> None:
        """Stop one replica (SIGTERM, then SIGKILL after `timeout` s) and wait for it."""
        _terminate(self.nodes[index].proc, timeout)

    # --- stop --------------------------------------------------------------------------------

    def stop(self, timeout: float = 20) -> None:
        """Stop nginx first (no new requests reach a replica going down), then every replica;
        wait for each. Only the processes this Deployment started are signalled."""
        _terminate(self.nginx_proc, timeout)
        for r in self.nodes:
            if r.proc and r.proc.poll() is None:
                r.proc.terminate()
        for r in self.nodes:
            _terminate(r.proc, timeout)

    def __enter__(self) -> Deployment:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# --- helpers ---------------------------------------------------------------------------------

def cookie_secret(runtime_dir: Path) -> str:
    """$CORRIDOR_COOKIE_SECRET, else the secret in runtime_dir/cookie_secret, made once (32
    random bytes as hex, file mode 0600) so that a restart keeps signed cookies valid."""
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    path = Path(runtime_dir) / "cookie_secret"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    path.chmod(0o600)
    return path.read_text().strip()


def _die_with_parent() -> None:
    """In the child, before exec (Linux): get SIGTERM if serve itself is killed, even by
    SIGKILL, so that no replica or nginx outlives it."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _check_free(address: str, port: int, what: str) -> None:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family) as s:
        try:
            s.bind((address, port))
        except OSError as err:
            raise ServeError(f"port {port} on {address} for {what} is not free ({err.strerror})"
                             "; choose others with --port / --replica-port") from None


def _check_not_running(runtime_dir: Path) -> None:
    pid_file = runtime_dir / "nginx.pid"
    with contextlib.suppress(OSError, ValueError):
        pid = int(pid_file.read_text().strip())
        os.kill(pid, 0)  # only asks whether it exists
        raise ServeError(f"nginx (pid {pid}) already runs from {runtime_dir}: stop that serve, "
                         "or pass another --runtime-dir")


def _wait_ok(url: str, proc: subprocess.Popen, deadline: float, what: str, log: Path) -> None:
    """Poll `url` until it answers 200; ServeError when `proc` exits or time runs out."""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServeError(f"{what} exited with {proc.returncode} while starting; "
                             f"{log}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # polling the server's own readiness endpoint
    raise ServeError(f"{what} did not answer {url} in time; {log}:\n{_tail(log)}")


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _terminate(proc: subprocess.Popen | None, timeout: float) -> None:
    if proc is None or proc.poll() is not None:
        if proc is not None:
            proc.wait()
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --- command line ----------------------------------------------------------------------------

def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python3 tasks.py serve",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--replicas", type=int, default=2, help="app servers (default 2)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"nginx's port (default {DEFAULT_PORT})")
    p.add_argument("--address", default=LOOPBACK,
                   help="nginx's address (default 127.0.0.1; 0.0.0.0 for every interface)")
    p.add_argument("--replica-port", type=int, default=None,
                   help="first replica's port, the others follow (default: --port + 1)")
    p.add_argument("--runtime-dir", type=Path, default=RUNTIME_DIR,
                   help="config, pid, logs and temp files (default .serve/)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    stop = threading.Event()
    signals = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        signals[sig] = signal.signal(sig, lambda *_: stop.set())
    d = Deployment(replicas=args.replicas, port=args.port, address=args.address,
                   replica_port=args.replica_port, runtime_dir=args.runtime_dir)
    try:
        try:
            d.start()
        except ServeError as err:
            print(f"serve: {err}", file=sys.stderr)
            return 2
        if stop.is_set():  # Ctrl-C while starting: start() has finished, stop cleanly
            return 0
        n = len(d.nodes)
        print(f"Serving {d.url} (nginx, pid {d.nginx_proc.pid}, in front of {n} "
              f"replica{'s' if n > 1 else ''})", flush=True)
        for r in d.nodes:
            print(f"  replica {r.index + 1}: {r.url} (pid {r.proc.pid}; health "
                  f"{r.url}/_stcore/health; log {r.log})", flush=True)
        base = d.url.removesuffix(nginx.app_settings().base_path)
        print(f"  through the proxy: health {base}/healthz; logs {d.runtime_dir}/access.log, "
              "error.log\nCtrl-C stops them all.", flush=True)
        code = _watch(d, stop)
        d.stop()
        print(f"Stopped nginx and {n} replica{'s' if n > 1 else ''}; nothing else was "
              "touched.", flush=True)
        return code
    finally:
        d.stop()  # again on an error or a second Ctrl-C: stopping what is stopped is a no-op
        for sig, old in signals.items():
            signal.signal(sig, old)


def _watch(d: Deployment, stop: threading.Event) -> int:
    """Until Ctrl-C / SIGTERM: say on stderr when a replica or nginx dies. Returns the exit
    code: 0 when stopped by a signal, 1 when nginx or every replica has died."""
    while not stop.wait(0.5):  # a supervision interval, polling the children's state
        for r in d.dead():
            r.reported = True
            print(f"serve: replica {r.index + 1} ({r.url}, pid {r.proc.pid}) exited with "
                  f"{r.proc.returncode}; nginx sends its sessions to the "
                  f"{len(d.alive())} left. Its log, {r.log}:\n{_tail(r.log, 5)}",
                  file=sys.stderr, flush=True)
        if not d.alive():
            print("serve: no replica left; stopping nginx", file=sys.stderr, flush=True)
            return 1
        if d.nginx_proc.poll() is not None:
            print(f"serve: nginx exited with {d.nginx_proc.returncode}; "
                  f"{d.runtime_dir / 'error.log'}:\n{_tail(d.runtime_dir / 'error.log', 5)}\n"
                  "Stopping the replicas.",
                  file=sys.stderr, flush=True)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
