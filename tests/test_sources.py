import gzip
import io

import pytest

from pipeline.errors import InputError
from pipeline.settings import Settings
from pipeline.sources import iter_source_paths, read_page

from corpus_files import DATA, SEED_PAGE


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.html", "empty file"),
        ("blank.html", "empty file"),
        ("binary.html", "binary file, not HTML"),
        ("truncated.html.gz", "truncated gzip data"),
        ("missing.html", "no such file"),
    ],
)
def test_unreadable_page_files_raise_input_error_with_reason(name, reason):
    path = str(DATA / "bad" / name)
    with pytest.raises(InputError) as raised:
        read_page(path, Settings())
    assert str(raised.value) == f"{path}: {reason}"


def test_gzip_page_reads_as_its_decompressed_bytes(tmp_path):
    plain = SEED_PAGE.read_bytes()
    packed = tmp_path / "seed.html.gz"
    packed.write_bytes(gzip.compress(plain))
    page = read_page(str(packed), Settings())
    assert page.content == plain
    assert page.source.content_sha256 == read_page(str(SEED_PAGE), Settings()).source.content_sha256


def test_page_over_the_size_limit_is_refused(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>x</p>" * 200_000)
    with pytest.raises(InputError, match="larger than the 1 MiB page limit"):
        read_page(str(big), Settings(max_page_bytes=1024 * 1024))


def test_directories_expand_to_sorted_page_files_only(tmp_path):
    (tmp_path / "b.html").write_text("<p>b</p>")
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(b"<p>a</p>"))
    (tmp_path / "a.gold.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.htm").write_text("<p>c</p>")
    assert list(iter_source_paths([str(tmp_path)])) == [
        str(tmp_path / "a.html.gz"),
        str(tmp_path / "b.html"),
        str(tmp_path / "sub" / "c.htm"),
    ]


def test_dash_reads_sources_from_stdin_skipping_blank_lines():
    stdin = io.StringIO("one.html\n\n  https://example.org/a  \n")
    assert list(iter_source_paths(["-", "two.html"], stdin=stdin)) == [
        "one.html",
        "https://example.org/a",
        "two.html",
    ]
