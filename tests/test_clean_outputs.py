"""`clean -o DIR` as users meet it: pages whose names collide, and an output that fills up."""

import gzip
import resource
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import cli

from corpus_files import CORPUS, REPO

PAGES = ("enotalone-12-crucial-steps-to-get-your-ex-back", "howfolk-start-journaling", "sleepwell-9-ways-to-fall-asleep-faster")


def same_named_pages(folder: Path) -> list[Path]:
    """a/page.html, b/page.html, b/page.htm and b/page.html.gz: four pages, one file name."""
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    pages = [folder / "a" / "page.html", folder / "b" / "page.html", folder / "b" / "page.htm"]
    for page, name in zip(pages, PAGES):
        shutil.copy(CORPUS / f"{name}.html", page)
    gzipped = folder / "b" / "page.html.gz"
    gzipped.write_bytes(gzip.compress((CORPUS / "kettleworks-how-to-ask-for-a-raise.html").read_bytes()))
    return [*pages, gzipped]


def test_pages_with_one_name_each_keep_their_text(tmp_path):
    pages = same_named_pages(tmp_path)
    out = tmp_path / "texts"
    result = CliRunner().invoke(cli, ["clean", *map(str, pages), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    texts = sorted(path.read_text() for path in out.iterdir())
    assert len(texts) == 4
    expected = sorted(
        CliRunner().invoke(cli, ["clean", str(page)]).stdout for page in pages
    )
    assert texts == expected


def test_a_full_disk_stops_clean_with_one_message_and_no_torn_file(tmp_path):
    pages = same_named_pages(tmp_path)
    out = tmp_path / "texts"
    limit = 20_000  # bytes: the first page's text fits, the seed's does not
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "clean", str(pages[1]), str(pages[0]), str(pages[2]), "-o", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
    )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {out}/page") and lines[0].endswith(": cannot write: File too large")
    assert [path.name for path in out.iterdir()] == ["page.txt"]
    assert (out / "page.txt").read_text() == CliRunner().invoke(cli, ["clean", str(pages[1])]).stdout
