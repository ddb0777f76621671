"""Extracting pages in batches: what a long run keeps in memory."""

from pipeline import extraction
from pipeline.extraction import extract_pages, prepare
from pipeline.settings import Settings
from pipeline.sources import read_page
from pipeline.tag import load_nlp
from pipeline.timing import StageClock

from corpus_files import CORPUS

PAGES = [
    CORPUS / "stillpoint-how-to-meditate-list-steps.html",
    CORPUS / "careercorner-ask-for-a-raise-windows-1252.html",
    CORPUS / "friendfix-repair-friendship-signs-and-steps.html",
]


def extract(paths, settings):
    pages = [read_page(str(path), settings) for path in paths]
    return extract_pages(pages, settings, [StageClock() for _ in pages])


def test_batches_tagged_in_a_memory_zone_leave_the_vocab_as_it_was_and_the_records_unchanged(monkeypatch):
    settings = Settings()
    prepare(settings)
    vocab = load_nlp(settings).vocab
    monkeypatch.setattr(extraction, "WARM_LEXEMES", 10**9)  # no zone: every new word stays
    outside = extract(PAGES[:1], settings)
    monkeypatch.setattr(extraction, "WARM_LEXEMES", 0)
    before = len(vocab.strings)
    inside = extract(PAGES, settings)
    assert len(vocab.strings) == before
    assert inside[0] == outside[0]
    assert [record["title"] for record in inside] == [
        "How to Meditate: A Beginner's Guide",
        "How to Ask for a Raise: A 5-Step Plan",
        "How to Repair a Broken Friendship in 6 Steps",
    ]
