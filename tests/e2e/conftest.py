"""A fresh Streamlit server and a headless Chromium (the system's, never a downloaded one), and
the helpers every end-to-end test uses: wait for the app's run by its own state attributes (never
by sleeping), pick an option, and check that nothing left the machine."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.support import CHROMIUM, LOCAL, ROOT

OUT = ROOT / "test-output"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Poll the server's health endpoint until it answers (or the server dies)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # polling the server's own readiness, not waiting on the app
    raise TimeoutError("streamlit did not start")


@contextlib.contextmanager
def serve(data_dir: Path | None = None):
    """Run a fresh server on a free port (on `data_dir` if given); yield its base URL."""
    port = _free_port()
    env = dict(os.environ)  # CORRIDOR_DATA_DIR, when set, is passed on
    if data_dir is not None:
        env["CORRIDOR_DATA_DIR"] = str(data_dir)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def server():
    """A fresh server on the bundled data; no request has reached it yet."""
    with serve() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            # software WebGL (SwiftShader) so the pydeck map draws without a GPU
            args=["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that records every host it requests, to prove nothing leaves the machine."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = context.new_page()
    pg.requested_hosts = set()
    pg.on("request", lambda r: pg.requested_hosts.add(r.url.split("/")[2].split(":")[0]
                                                      if "://" in r.url else r.url))
    yield pg
    context.close()


def wait_for_app(pg, heading: str) -> None:
    """Wait until the app is connected, shows `heading`, has finished its run and has no
    placeholder left (as Streamlit's own e2e suite waits: by the app's state attributes)."""
    app = pg.locator("[data-testid='stApp']")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=60_000)
    expect(pg.get_by_role("heading", name=heading).first).to_be_visible(timeout=60_000)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)
    expect(pg.locator("[data-testid='stSkeleton']")).to_have_count(0, timeout=60_000)


def choose(pg, label: str, option: str) -> None:
    """Pick `option` in the select box or multiselect labelled `label`, and wait for the run.

    A rerun still under way from the previous control can redraw the list under the pointer,
    so a pick that did not land is tried again (at most three times).
    """
    widget = pg.locator("[data-testid='stMultiSelect'], [data-testid='stSelectbox']",
                        has=pg.locator("label").get_by_text(label, exact=True)).first
    for attempt in range(3):
        try:
            widget.locator("input").click()
            pg.keyboard.type(option)  # long lists are virtualised: filter, then take the match
            pg.get_by_role("option", name=option, exact=False).first.click(timeout=5_000)
            break
        except PlaywrightTimeout:
            pg.keyboard.press("Escape")
            if attempt == 2:
                raise
    if widget.get_attribute("data-testid") == "stMultiSelect":
        pg.keyboard.press("Escape")  # a multiselect stays open for more choices
    expect(pg.locator("[data-testid='stApp']")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=60_000)


def assert_offline(pg, hosts: set[str] | None = None) -> None:
    """No request of this page (or of `hosts`, when the test records them itself) left the
    machine: every host asked is the app's own."""
    asked = pg.requested_hosts if hosts is None else hosts
    assert asked <= LOCAL, asked


def screenshot(pg, name: str) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session", autouse=True)
def _clean_output():
    # with pytest-xdist every worker runs this fixture: only the first one cleans, so that no
    # worker removes another's screenshots
    if os.environ.get("PYTEST_XDIST_WORKER", "gw0") == "gw0" and OUT.exists():
        shutil.rmtree(OUT, ignore_errors=True)
