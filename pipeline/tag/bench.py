"""Tagging throughput: words per second of tag() on the corpus articles, beside the full spaCy model.

`make bench-tag` runs `python -m pipeline.tag.bench` pinned to one core. Both figures come from
the same run, because the machine is shared and absolute speeds drift from run to run: the full
model (every component, nlp.pipe over the same block texts) is the yardstick. Words are
whitespace-separated tokens of each article's body_text.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from pipeline.clean import clean
from pipeline.model import Document, Structure
from pipeline.segment import segment
from pipeline.settings import Settings
from pipeline.sources import iter_source_paths, read_page
from pipeline.tag.nlp import load_nlp
from pipeline.tag.stage import tag


def main(argv: list[str] | None = None) -> None:
    """Print the words/s of the tag stage and of the full model on the pages under --corpus."""
    options = _options(argv)
    settings = Settings.from_env()
    articles = _articles(options.corpus, settings)
    words = sum(len(document.body_text.split()) for document, _ in articles) * options.repeat
    nlp = load_nlp(settings)
    full = spacy.load(settings.spacy_model)
    texts = [block.text for document, _ in articles for block in document.blocks]

    def run_tag() -> None:
        for document, structure in articles:
            tag(document, structure, nlp)

    def run_full() -> None:
        for _ in full.pipe(texts, batch_size=64):
            pass

    tag_seconds = _best_of(run_tag, options.repeat)
    full_seconds = _best_of(run_full, options.repeat)
    print(f"{len(articles)} articles, {words // options.repeat} words, best of {options.repeat} runs, one process")
    print(f"tag stage ({' '.join(nlp.pipe_names)}): {words / options.repeat / tag_seconds:,.0f} words/s")
    print(f"full {settings.spacy_model} ({' '.join(full.pipe_names)}): {words / options.repeat / full_seconds:,.0f} words/s")
    print(f"ratio: {full_seconds / tag_seconds:.2f}x")


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pipeline.tag.bench", description=main.__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="directory of .html pages")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the fastest counts")
    return parser.parse_args(argv)


def _articles(corpus: Path, settings: Settings) -> list[tuple[Document, Structure]]:
    documents = [clean(read_page(path, settings), settings) for path in iter_source_paths((str(corpus),))]
    return [(document, segment(document)) for document in documents]


def _best_of(run: Callable[[], None], repeat: int) -> float:
    run()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return min(timings)


if __name__ == "__main__":
    main()
