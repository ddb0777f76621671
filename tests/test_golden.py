"""The corpus pages' records against their checked-in golden copies: any change must be on purpose."""

import json

import pytest

from pipeline.validation import validate_record

from golden_records import GOLDEN_CORPUS, REGENERATE, corpus_pages, differences, golden_path, record_of, serialise

PAGES = corpus_pages()


def test_every_corpus_page_has_a_golden_record_and_no_other_is_kept():
    assert sorted(GOLDEN_CORPUS.glob("*.json")) == sorted(golden_path(page) for page in PAGES), (
        f"golden records and corpus pages differ; run `{REGENERATE}` and commit the result"
    )


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_the_record_of_each_corpus_page_is_unchanged(page):
    golden_text = golden_path(page).read_text(encoding="utf-8")
    golden = json.loads(golden_text)
    fresh = record_of(page)
    changes = list(differences(golden, fresh))
    assert not changes, (
        f"the record of {page.name} changed at {len(changes)} places, first:\n  " + "\n  ".join(changes[:8])
        + f"\nIf the change is intended, run `{REGENERATE}`, check `git diff tests/golden/` and say why in the commit."
    )
    assert serialise(fresh) == golden_text, f"same values but different serialisation; run `{REGENERATE}`"


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_each_golden_record_meets_the_contract(page):
    assert validate_record(json.loads(golden_path(page).read_text(encoding="utf-8"))) == []
