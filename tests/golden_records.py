"""Golden records: the record of every corpus page, checked in under tests/golden/corpus/.

tests/test_golden.py fails when a page's record changes; when the change is intended,
`make golden` (this module run as a script) writes them all again, and the commit says why.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus_files import CORPUS, REPO

GOLDEN_CORPUS = REPO / "tests" / "golden" / "corpus"
REGENERATE = "make golden"


def corpus_pages() -> list[Path]:
    """The corpus pages that have golden records: every page file at the top of corpus/."""
    from pipeline.sources import is_page_file

    return sorted(path for path in CORPUS.iterdir() if path.is_file() and is_page_file(path))


def golden_path(page: Path) -> Path:
    return GOLDEN_CORPUS / (page.name.split(".")[0] + ".json")


def record_of(page: Path) -> dict[str, Any]:
    """The page's record as `advice-pipeline run corpus/` makes it from the checkout's root."""
    from pipeline.extraction import extract_page
    from pipeline.settings import Settings
    from pipeline.sources import read_page

    settings = Settings()
    here = Path.cwd()
    os.chdir(REPO)
    try:
        return extract_page(read_page(str(page.relative_to(REPO)), settings), settings)
    finally:
        os.chdir(here)


def serialise(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def differences(golden: Any, fresh: Any, at: str = "") -> Iterator[str]:
    """JSON pointers (with both values, cut short) where two records differ, in document order."""
    if isinstance(golden, dict) and isinstance(fresh, dict):
        for key in list(golden) + [key for key in fresh if key not in golden]:
            yield from differences(golden.get(key, "<absent>"), fresh.get(key, "<absent>"), f"{at}/{key}")
    elif isinstance(golden, list) and isinstance(fresh, list) and len(golden) == len(fresh):
        for index, (old, new) in enumerate(zip(golden, fresh, strict=True)):
            yield from differences(old, new, f"{at}/{index}")
    elif golden != fresh:
        yield f"{at or '/'}: was {_short(golden)}, now {_short(fresh)}"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 70 else text[:69] + "…"


def main() -> int:
    GOLDEN_CORPUS.mkdir(parents=True, exist_ok=True)
    wanted = {golden_path(page) for page in corpus_pages()}
    for stale in set(GOLDEN_CORPUS.glob("*.json")) - wanted:
        stale.unlink()
        print(f"removed {stale.relative_to(REPO)}", file=sys.stderr)
    for page in corpus_pages():
        path = golden_path(page)
        text = serialise(record_of(page))
        changed = not path.exists() or path.read_text(encoding="utf-8") != text
        path.write_text(text, encoding="utf-8")
        print(f"{'wrote' if changed else 'same '} {path.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
