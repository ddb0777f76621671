"""Train the advice detector from its config and the labelled sentences, and save it.

The Reddit train splits (plus our article sentences) train the model; the pooled Reddit dev
splits choose the checkpoint (by AUC) and then the threshold (by advice-class F1). The test
splits are never read here. Every sentence is tagged first by the tagger of the configured spaCy
model, the one the tag pipeline runs before the detector, because the detector reads the tags.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as train_loop
from spacy.util import load_config

from pipeline.settings import Settings
from pipeline.tag import detector
from pipeline.tag.train.corpus import (
    LabelledSentence,
    create_tagged_corpus_reader,
    load_tagger,
    read_article_labels,
    read_reddit_split,
    to_docbin,
)
from pipeline.tag.train.thresholds import best_threshold

CONFIG = Path(__file__).parent / "detector.cfg"
FORUMS = ("needadvice", "askparents")
# Our article sentences are few beside the Reddit ones and closer to what the pipeline tags.
ARTICLE_WEIGHT = 3


@dataclass(frozen=True, slots=True)
class TrainingResult:
    """What a training run produced: where the component went and how it did on dev."""

    output: Path
    threshold: float
    dev_f1: float
    train_sentences: int
    dev_sentences: int


def train_detector(
    data_dir: Path,
    output: Path,
    settings: Settings,
    *,
    labels: Path | None = None,
    config: Path = CONFIG,
    max_steps: int | None = None,
) -> TrainingResult:
    """Train on `data_dir`'s Reddit splits (+ `labels`) and write the component to `output`."""
    train, dev = training_sets(data_dir, labels)
    nlp, dev_f1 = fit(train, dev, settings, config=config, max_steps=max_steps)
    component = nlp.get_pipe("advice_detector")
    if output.exists():
        shutil.rmtree(output)
    component.to_disk(output, exclude=["vocab"])
    return TrainingResult(output, component.threshold, dev_f1, len(train), len(dev))


def reddit_sentences(data_dir: Path) -> tuple[list[LabelledSentence], list[LabelledSentence]]:
    """The train and the dev sentences of both forums of the Reddit advice corpus."""
    splits = {
        split: [s for forum in FORUMS for s in read_reddit_split(data_dir / f"{forum}_{split}.tsv")]
        for split in ("train", "dev")
    }
    return splits["train"], splits["dev"]


def training_sets(
    data_dir: Path, labels: Path | None = None
) -> tuple[list[LabelledSentence], list[LabelledSentence]]:
    """The Reddit train splits plus `labels` (ARTICLE_WEIGHT times over), and the Reddit dev splits."""
    train, dev = reddit_sentences(data_dir)
    if labels is not None:
        train += read_article_labels(labels) * ARTICLE_WEIGHT
    return train, dev


def fit(
    train: list[LabelledSentence],
    dev: list[LabelledSentence],
    settings: Settings,
    *,
    config: Path = CONFIG,
    max_steps: int | None = None,
) -> tuple[Language, float]:
    """Train a detector on `train` tagged by `settings.spacy_model`'s tagger; keep the checkpoint
    with the best dev AUC, set the dev-best threshold.

    Returns the trained pipeline (the detector alone) and the advice F1 on `dev` at the chosen threshold.
    """
    overrides = {} if max_steps is None else {"training.max_steps": max_steps}
    tagger = load_tagger(settings.spacy_model)
    with tempfile.TemporaryDirectory(prefix="advice-detector-") as scratch:
        workdir = Path(scratch)
        to_docbin(train, tagger, workdir / "train.spacy")
        to_docbin(dev, tagger, workdir / "dev.spacy")
        paths = {"paths.train": str(workdir / "train.spacy"), "paths.dev": str(workdir / "dev.spacy")}
        nlp = init_nlp(load_config(config, overrides={**paths, **overrides}, interpolate=False))
        (workdir / "model").mkdir()
        train_loop(nlp, workdir / "model", stdout=_Quiet(), stderr=_Quiet())
        nlp = spacy.load(workdir / "model" / "model-best")
        tagged_dev = [example.predicted for example in create_tagged_corpus_reader(workdir / "dev.spacy")(nlp)]
    probabilities = [doc.cats[detector.ADVICE_LABEL] for doc in nlp.get_pipe("advice_detector").pipe(tagged_dev)]
    threshold, dev_f1 = best_threshold([s.advice for s in dev], probabilities)
    nlp.get_pipe("advice_detector").cfg["threshold"] = threshold
    return nlp, dev_f1


class _Quiet:
    """A write-only sink for the training loop's console table."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        return None
