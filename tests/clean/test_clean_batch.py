"""clean_each and text_file_name: many pages, one outcome each."""

from __future__ import annotations

from pathlib import Path

from pipeline.clean import clean_each, text_file_name
from pipeline.errors import InputError, NoArticleError
from pipeline.model import Page
from pipeline.settings import Settings

CLEAN_DATA = Path(__file__).resolve().parents[1] / "data" / "clean"


def test_each_page_gives_a_document_or_its_error_and_the_batch_goes_on(page_from):
    def read(path: str) -> Page:
        if path == "missing.html":
            raise InputError(path, "no such file")
        return page_from((CLEAN_DATA / path).read_bytes(), path)

    outcomes = list(clean_each(["missing.html", "no-article.html", "banners.html"], read, Settings()))
    assert [path for path, _ in outcomes] == ["missing.html", "no-article.html", "banners.html"]
    assert str(outcomes[0][1]) == "missing.html: no such file"
    assert isinstance(outcomes[1][1], NoArticleError)
    assert outcomes[2][1].metadata.title == "Five Ways to Sleep Better Tonight"


def test_text_file_name_drops_html_and_gz_suffixes():
    assert text_file_name("corpus/a-page.html") == "a-page.txt"
    assert text_file_name("/x/b.html.gz") == "b.txt"
    assert text_file_name("c.HTM") == "c.txt"
    assert text_file_name("d.xhtml") == "d.txt"
    assert text_file_name("notes.md") == "notes.md.txt"
