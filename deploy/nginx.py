"""The nginx side of `serve`: find Debian's nginx, fill in deploy/nginx.conf.template, check it.

Nothing here starts a process except `check_config` (`nginx -t`); deploy/serve.py runs them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
TEMPLATE = DEPLOY / "nginx.conf.template"
APP_CONFIG = ROOT / ".streamlit" / "config.toml"
#: Streamlit's own default for server.maxUploadSize, in MB, when config.toml does not set it
STREAMLIT_MAX_UPLOAD_MB = 200
#: where Debian puts nginx (/usr/sbin is not on every user's PATH)
NGINX_PLACES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
NGINX_ENV = "NGINX"
INSTALL_HINT = ("nginx is not installed. Install Debian's package with\n"
                "    apt-get install -y nginx\n"
                "(as root; nginx then lives in /usr/sbin/nginx), or set NGINX=/path/to/nginx.")
FIELD = re.compile(r"\{\{ *([a-z_]+) *\}\}")


@dataclass(frozen=True)
class AppSettings:
    """What the proxy must agree on with the app's .streamlit/config.toml."""

    max_upload_mb: int  # server.maxUploadSize, MB (Streamlit's MB are 2**20 bytes)
    base_path: str  # server.baseUrlPath as a URL prefix: "" or "/name"


def app_settings(config: Path = APP_CONFIG) -> AppSettings:
    """server.maxUploadSize and server.baseUrlPath from the app's config.toml (Streamlit's
    defaults where it sets neither)."""
    server = {}
    if config.exists():
        server = tomllib.loads(config.read_text(encoding="utf-8")).get("server", {})
    base = str(server.get("baseUrlPath", "")).strip("/")
    return AppSettings(max_upload_mb=int(server.get("maxUploadSize", STREAMLIT_MAX_UPLOAD_MB)),
                       base_path=f"/{base}" if base else "")


def listen_address(address: str, port: int) -> str:
    """nginx's `listen` value: host:port, an IPv6 host in brackets."""
    host = f"[{address}]" if ":" in address and not address.startswith("[") else address
    return f"{host}:{port}"


def render(*, replicas: list[str], address: str, port: int, runtime_dir: Path,
           settings: AppSettings | None = None, template: Path = TEMPLATE) -> str:
    """The nginx configuration for `replicas` ("host:port" each) behind `address`:`port`.

    Every path in it is inside `runtime_dir` (absolute). Raises ValueError on an empty
    replica list or a field of the template that is not filled in.
    """
    if not replicas:
        raise ValueError("at least one replica is needed")
    settings = settings or app_settings()
    values = {
        "runtime_dir": str(Path(runtime_dir).resolve()),
        # max_fails=1: one refused connection takes a stopped replica out of the hash for
        # fail_timeout, so reconnecting sessions are not sent to it again meanwhile
        "upstream_servers": "\n".join(f"        server {r} max_fails=1 fail_timeout=5s;"
                                      for r in replicas),
        "listen": listen_address(address, port),
        "max_upload_mb": str(settings.max_upload_mb),
        "client_max_body_size": f"{settings.max_upload_mb + 1}m",
        "base_path": settings.base_path,
    }
    text = template.read_text(encoding="utf-8")
    unknown = sorted(set(FIELD.findall(text)) - values.keys())
    if unknown:
        raise ValueError(f"{template.name}: fields with no value: {unknown}")
    return FIELD.sub(lambda m: values[m.group(1)], text)


def find_nginx() -> str | None:
    """The nginx binary: $NGINX if set (and nothing else then), else on PATH, else where Debian
    installs it. None when there is none."""
    if NGINX_ENV in os.environ:
        path = os.environ[NGINX_ENV]
        return path if path and os.access(path, os.X_OK) else None
    found = shutil.which("nginx")
    if found:
        return found
    return next((p for p in NGINX_PLACES if os.access(p, os.X_OK)), None)


def prepare_runtime(runtime_dir: Path) -> None:
    """The runtime dir (private: 0700) and the temp folders nginx insists on having. The
    configuration never writes to them (no request or response is buffered to disk), so
    nginx's workers, unprivileged when it starts as root, need no access to the dir."""
    runtime_dir.mkdir(parents=True, exist_ok=True)
    runtime_dir.chmod(0o700)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (runtime_dir / "tmp" / name).mkdir(parents=True, exist_ok=True)


def command(nginx: str, runtime_dir: Path, conf: Path) -> list[str]:
    """The command line that runs (or, with -t added, tests) `conf` in `runtime_dir`."""
    runtime_dir = Path(runtime_dir).resolve()
    # -e: the error log from the very start, before the config's own error_log is read (the
    # built-in default would be /var/log/nginx/error.log on some builds)
    return [nginx, "-p", f"{runtime_dir}/", "-c", str(Path(conf).resolve()),
            "-e", str(runtime_dir / "error.log")]


def check_config(nginx: str, runtime_dir: Path, conf: Path) -> tuple[bool, str]:
    """`nginx -t` on `conf`: (accepted, nginx's own words)."""
    prepare_runtime(Path(runtime_dir))
    proc = subprocess.run([*command(nginx, runtime_dir, conf), "-t", "-q"],
                          capture_output=True, text=True, timeout=30)
    return proc.returncode == 0, (proc.stderr + proc.stdout).strip()


# one line of the template's `routed` log_format
LOG_LINE = re.compile(r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) \d+ '
                      r"upstream=(?P<upstream>.+?) route=(?P<route>\S+)")


def routes_in_log(log: Path) -> dict[str, dict]:
    """Who served whom, from the access log the template writes: per sticky cookie value
    (`route`), "requests": [(method, path, status, replica)] in order, "upstreams": the set of
    replicas that answered them, "stream": the replica of its last websocket (nginx logs a
    websocket when it closes). /healthz is left out. Where nginx tried a replica that refused
    and then the next, the replica is the one that answered (the last of `a, b`)."""
    routes: dict[str, dict] = {}
    if not Path(log).exists():
        return routes
    for line in Path(log).read_text(errors="replace").splitlines():
        m = LOG_LINE.search(line)
        if not m or m["path"] == "/healthz":
            continue
        replica = m["upstream"].split(",")[-1].strip()
        r = routes.setdefault(m["route"], {"requests": [], "upstreams": set(), "stream": None})
        r["requests"].append((m["method"], m["path"], int(m["status"]), replica))
        r["upstreams"].add(replica)
        if m["path"].split("?")[0].endswith("/_stcore/stream"):
            r["stream"] = replica
    return routes
