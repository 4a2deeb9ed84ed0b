"""The app in a real headless Chromium (Debian's, driven by Playwright): upload a seed and see
its items; a screenshot of every page is saved under test-artifacts/ for people to look at."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it in CI)")]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = {"overblik": "Overblik og sammenligning", "soeg": "Søg i dagsordenspunkter", "upload": "Upload et dokument",
         "annoter": "Annotér", "modeller": "Modeller", "punkt": "Punkt"}
DEFAULT_PAGE = "overblik"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_paths):
    from nlp.analyze import Analyzer
    from nlp.ingest import ingest_paths
    from nlp.store import Store

    db = tmp_path_factory.mktemp("browser") / "browser.db"
    url = f"sqlite:///{db}"
    ingest_paths(Store(url), Analyzer(), [seed_paths["000_932393c0f57c64e5"]], show_progress=False)
    port = _free_port()
    env = {**os.environ, "REFERAT_DATABASE_URL": url, "REFERAT_UPLOADS": str(tmp_path_factory.mktemp("uploads"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("the app did not start")
    yield base
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_upload_a_seed_in_a_real_browser(server, browser, seed_paths):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/upload", timeout=120_000)
    page.get_by_text("Upload et dokument").first.wait_for(timeout=120_000)
    page.set_input_files("input[type=file]", str(seed_paths["004_0a840bef393f7ea7"]))
    page.get_by_text("Kommenteret forbrugsrapport 1/6 2012").first.wait_for(timeout=180_000)
    page.get_by_text("Hent JSON").first.wait_for(timeout=60_000)
    # Streamlit draws the item list progressively: wait for the last of the six items
    page.get_by_text("6. Udførerdelens Årsapport 2011").first.wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "upload-analysed.png"), full_page=True)
    assert page.get_by_text("punkter.").first.inner_text().startswith("6 punkter")


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_renders_in_a_real_browser(server, browser, path):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    # the default page lives at the app's root; Streamlit answers its own url path with "Page not found"
    page.goto(f"{server}/{'' if path == DEFAULT_PAGE else path}", timeout=120_000)
    page.get_by_role("heading", name=PAGES[path]).first.wait_for(timeout=120_000)
    page.wait_for_timeout(2500)  # charts draw after the first paint
    page.screenshot(path=str(ARTIFACTS / f"{path}.png"), full_page=True)
    assert page.get_by_text("Traceback").count() == 0
    assert page.get_by_text("Page not found").count() == 0
