"""Reading the labelled sentence sources and undoing the Reddit corpus's tokenisation."""

from __future__ import annotations

import shutil

import pytest
from corpus_files import DATA

from pipeline.errors import InputError, ModelError
from pipeline.settings import Settings
from pipeline.tag.detector import ADVICE_LABEL
from pipeline.tag.train.corpus import (
    LabelledSentence,
    create_tagged_corpus_reader,
    detokenise,
    load_tagger,
    read_article_labels,
    read_reddit_split,
    to_docbin,
)
from pipeline.tag.train.types import label_files

REDDIT = DATA / "tag" / "reddit"


@pytest.mark.parametrize(
    ("tokenised", "text"),
    [
        ("I do n't know ( yet ) .", "I don't know (yet)."),
        ("They ’re gon na do it , I ’ve heard !", "They’re gonna do it, I’ve heard!"),
        ("Is n't it 80 % ?", "Isn't it 80%?"),
        ("It 's my mom 's car ...", "It's my mom's car..."),
    ],
)
def test_detokenise_rejoins_clitics_and_punctuation(tokenised: str, text: str) -> None:
    assert detokenise(tokenised) == text


def test_reddit_split_reads_ds_label_and_detokenised_sentence() -> None:
    sentences = read_reddit_split(REDDIT / "needadvice_dev.tsv")
    assert len(sentences) == 12
    assert sum(sentence.advice for sentence in sentences) == 6
    assert all(" ." not in sentence.text for sentence in sentences)


def test_reddit_split_without_the_label_columns_is_refused(tmp_path) -> None:
    split = tmp_path / "needadvice_dev.tsv"
    split.write_text("ID\tText\nx\thello\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks the Sentence and DS_Label columns"):
        read_reddit_split(split)


def test_article_labels_keep_text_and_advice() -> None:
    assert read_article_labels(DATA / "tag" / "article_sentences_sample.jsonl")[:2] == [
        LabelledSentence("Give your ex some space for a few weeks.", True),
        LabelledSentence("Don't text them every day.", True),
    ]


def test_article_labels_name_the_line_that_is_not_json(tmp_path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text('{"text": "a", "advice": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.jsonl:2: not JSON"):
        read_article_labels(labels)


def test_tagged_corpus_hands_training_the_tags_on_the_predicted_side(tmp_path) -> None:
    tagger = load_tagger(Settings().spacy_model)
    sentences = [LabelledSentence("Give them space.", True), LabelledSentence("I went home.", False)]
    assert to_docbin(sentences, tagger, tmp_path / "train.spacy") == 2

    examples = list(create_tagged_corpus_reader(tmp_path / "train.spacy")(tagger))

    assert [[token.tag_ for token in example.predicted] for example in examples] == [
        ["VB", "PRP", "NN", "."],
        ["PRP", "VBD", "RB", "."],
    ]
    assert [example.reference.cats for example in examples] == [{ADVICE_LABEL: 1.0}, {ADVICE_LABEL: 0.0}]
    assert [example.predicted.cats for example in examples] == [{}, {}]


def test_unknown_spacy_model_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="cannot load spaCy model"):
        load_tagger("no_such_model_xyz")


def test_a_labels_directory_gives_every_page_set(tmp_path) -> None:
    labels = tmp_path / "labels"
    shutil.copytree(DATA / "tag" / "labels", labels)
    (labels / "wcxb_aside_sentences.jsonl").write_text(
        '{"text": "Pack a stove.", "source": "wcxb-dev-articles/9", "heading": "Gear", "advice": 1, '
        '"form": "directive", "types": ["practical"]}\n',
        encoding="utf-8",
    )
    sentences = read_article_labels(labels)
    assert len(sentences) == 9 and sentences[-1] == LabelledSentence("Pack a stove.", True)
    assert [path.name for path in label_files(labels)] == [
        "article_sentences.jsonl", "wcxb_dev_sentences.jsonl", "wcxb_aside_sentences.jsonl"]
