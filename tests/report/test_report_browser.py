"""The report as a person sees it: rendered by a real headless Chromium, its DOM checked after
the page's own script has run, and a screenshot of the seed's page left in output/."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html

from pipeline.report import write_report

from corpus_files import REPO
from report.conftest import HOSTILE_ID

BROWSER = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium on this machine (.ci/run installs Debian's chromium)")
# Headless, offline: no sandbox as root, and none of the background requests a closed network refuses.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--hide-scrollbars",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)


@pytest.fixture(scope="module")
def report(corpus_run, tmp_path_factory) -> Path:
    return write_report(corpus_run, tmp_path_factory.mktemp("report") / "report").index.parent


def _browse(page: Path, profile: Path, *extra: str) -> str:
    done = subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )
    return done.stdout


def _dom(page: Path, profile: Path):
    return html.fromstring(_browse(page, profile, "--dump-dom"))


def _record_page(report: Path, title_start: str) -> Path:
    index = html.parse(str(report / "index.html")).getroot()
    link = next(a for a in index.xpath("//tr//a") if a.text_content().startswith(title_start))
    return report / link.get("href")


def test_browser_shows_every_record_in_the_index(report, tmp_path):
    dom = _dom(report / "index.html", tmp_path)
    rows = dom.xpath('//tr[@class="record-row"]')
    assert len(rows) == 27
    assert dom.xpath('//table[@id="records"]//th[@data-kind]')


def test_browser_shows_the_seed_steps_and_speakers_and_saves_a_screenshot(report, tmp_path):
    page = _record_page(report, "12 Crucial Steps")
    dom = _dom(page, tmp_path / "dom")
    assert [span.text_content() for span in dom.xpath('//span[@class="step-number"]')] == [str(n) for n in range(1, 13)]
    assert [span.text_content() for span in dom.xpath('//span[@class="speaker"]')] == [
        "Helen Fisher", "John Gottman", "Esther Perel"
    ]
    screenshot = REPO / "output" / "report-seed.png"
    screenshot.parent.mkdir(exist_ok=True)
    _browse(page, tmp_path / "shot", f"--screenshot={screenshot}", "--window-size=1300,2600")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_browser_shows_a_pages_script_as_text_and_runs_none_of_it(report, tmp_path):
    page = next(path for path in (report / "records").iterdir() if path.name.startswith(HOSTILE_ID))
    dom = _dom(page, tmp_path)
    assert dom.xpath("//body/@data-pwned") == []
    assert dom.xpath('//h1[@class="record-title"]')[0].text_content().startswith("<script>")
    assert not dom.xpath("//img")
