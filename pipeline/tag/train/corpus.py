"""Turn the labelled sentence sources into tagged spaCy DocBins for `spacy train`, and read them back.

Two sources feed the advice detector: the Reddit advice corpus (tab-separated, tokenised text,
`DS_Label` 0/1) and our own labelled article sentences (JSON Lines, `text` and `advice`). The
detector reads the tags the tag pipeline's tagger sets, so the DocBins keep the tags of the
configured spaCy model's tagger, and the `advice_pipeline.TaggedCorpus.v1` reader hands them to
training on the predicted side (spaCy's own reader re-tokenises the text, dropping them).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import registry

from pipeline.errors import InputError, ModelError, UnreadablePath
from pipeline.tag.detector import ADVICE_LABEL

READER = "advice_pipeline.TaggedCorpus.v1"
# The page-labelled sets of corpus/labels that train the detector and the type classifier: every
# labelled page, the 100 WCXB real pages included (pages for a final score are kept outside the repo).
PAGE_LABEL_FILES = ("article_sentences.jsonl", "unseen_sentences.jsonl", "real_dev_sentences.jsonl",
                    "real_test_sentences.jsonl", "wcxb_dev_sentences.jsonl", "wcxb_aside_sentences.jsonl")
# What the detector's training docs keep: the tokens and the tags its features read.
_DOC_ATTRS = ["ORTH", "TAG", "SPACY"]
# Everything of the spaCy model but the tagger (and the tok2vec it listens to).
_NOT_THE_TAGGER = ["parser", "ner", "lemmatizer", "attribute_ruler", "senter"]

# The Reddit corpus is Penn-tokenised ("do n't", "I ’ve", "gon na"); undo it so training text
# looks like the article text the detector sees at run time.
_CLITIC = re.compile(r" (n['’]t|['’](?:s|re|ve|ll|d|m)|['’])(?=\W|$)", re.IGNORECASE)
_SPLIT_WORD = re.compile(r"\b(gon|wan|got) (na|ta)\b", re.IGNORECASE)
_SPACE_BEFORE_PUNCT = re.compile(r" ([,.!?;:%)\]}]|\.\.\.)")
_SPACE_AFTER_OPEN = re.compile(r"([(\[{$]) ")


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    """One sentence and whether it gives advice."""

    text: str
    advice: bool


def detokenise(text: str) -> str:
    """Rejoin a Penn-tokenised sentence: "I do n't know ( yet ) ." -> "I don't know (yet)."."""
    text = _CLITIC.sub(r"\1", text.strip())
    text = _SPLIT_WORD.sub(r"\1\2", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACE_AFTER_OPEN.sub(r"\1", text)


def read_reddit_split(path: Path) -> list[LabelledSentence]:
    """Read one `<forum>_<split>.tsv` file of the advice-emnlp2020 corpus."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as error:
        raise UnreadablePath(str(path), f"cannot read: {error.strerror}") from error
    if rows and ("Sentence" not in rows[0] or "DS_Label" not in rows[0]):
        raise InputError(str(path), "lacks the Sentence and DS_Label columns")
    return [LabelledSentence(detokenise(row["Sentence"]), row["DS_Label"] == "1") for row in rows]


def read_article_labels(path: Path) -> list[LabelledSentence]:
    """Read labelled page sentences (JSON Lines with `text` and `advice` 0/1): one file, or the
    PAGE_LABEL_FILES of a directory (corpus/labels)."""
    paths = [path / name for name in PAGE_LABEL_FILES if (path / name).exists()] if path.is_dir() else [path]
    return [LabelledSentence(record["text"], bool(record["advice"])) for p in paths for record in iter_jsonl(p)]


def iter_jsonl(path: Path) -> Iterator[dict]:
    """Yield the objects of a JSON Lines file, skipping blank lines."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise UnreadablePath(str(path), f"cannot read: {error.strerror}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}", f"not JSON ({error.msg})") from error


def load_tagger(spacy_model: str) -> Language:
    """`spacy_model` with only its tagger: the tags the detector reads, as the tag pipeline sets them."""
    try:
        return spacy.load(spacy_model, exclude=_NOT_THE_TAGGER)
    except (OSError, ImportError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ModelError(spacy_model, f"cannot load spaCy model: {reason}") from None


def to_docbin(sentences: Iterable[LabelledSentence], tagger: Language, path: Path) -> int:
    """Write `sentences`, tagged by `tagger`, as a DocBin of docs with an ADVICE cat; return how many."""
    docbin = DocBin(attrs=_DOC_ATTRS, store_user_data=False)
    texts = list(sentences)
    for doc, sentence in zip(tagger.pipe(s.text for s in texts), texts, strict=True):
        doc.cats = {ADVICE_LABEL: float(sentence.advice)}
        docbin.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return len(texts)


@registry.readers(READER)
def create_tagged_corpus_reader(path: Path) -> Callable[[Language], Iterator[Example]]:
    """Read a DocBin written by `to_docbin` as Examples whose predicted docs keep the gold tags.

    path: the .spacy file.
    """

    def read(nlp: Language) -> Iterator[Example]:
        for reference in DocBin().from_disk(path).get_docs(nlp.vocab):
            yield Example(_tagged_copy(reference), reference)

    return read


def _tagged_copy(reference: Doc) -> Doc:
    """The tokens and tags of `reference`, without its cats."""
    return Doc(
        reference.vocab,
        words=[token.text for token in reference],
        spaces=[bool(token.whitespace_) for token in reference],
        tags=[token.tag_ for token in reference],
    )
