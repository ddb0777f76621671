"""The record as Python types: what `pipeline.extract` returns, for type checkers and readers.

The schema in schemas/article/ stays the one statement of the record's shape; these TypedDicts
restate it for Python, and tests/test_record_types.py holds the two equal (every field, its
JSON type, whether it may be null, whether it is required, the form and pipeline-name values).
Advice types are plain strings here: the taxonomy, not the type checker, names them.
"""

from typing import Literal, NotRequired, TypedDict

AdviceFormName = Literal["directive", "prohibition", "suggestion", "question"]


class RankedType(TypedDict):
    """An advice type and its score, highest first in every list of them."""

    type: str
    score: float


class RecordSource(TypedDict):
    """Where the page came from and the SHA-256 of its bytes."""

    url: str | None
    path: str | None
    content_sha256: str


class RecordSection(TypedDict):
    heading: str
    level: int
    text: str


class RecordTakeaway(TypedDict):
    text: str
    types: list[RankedType]


class RecordStep(TypedDict):
    number: int
    title: str
    text: str
    section: str | None
    types: list[RankedType]


class RecordQuote(TypedDict):
    text: str
    speaker: str | None
    speaker_description: str | None
    cue: str | None
    step: int | None
    section: str | None


class RecordResource(TypedDict):
    text: str
    author: str | None
    title: str | None
    subtitle: str | None


class RecordAdvice(TypedDict):
    """One advice sentence: its span of body_text, form, types and score."""

    text: str
    start: int
    end: int
    form: AdviceFormName
    types: list[RankedType]
    score: float
    evidence: NotRequired[str | None]
    step: int | None


class RecordPipeline(TypedDict):
    """What made the record."""

    name: Literal["advice-pipeline"]
    version: str
    spacy_version: str
    spacy_model: str
    spacy_model_version: str


class ArticleRecord(TypedDict):
    """One article's record, as schemas/article/ defines it."""

    schema_version: str
    id: str
    source: RecordSource
    title: str
    author: str | None
    authors: list[str]
    published: str | None
    modified: str | None
    language: str | None
    site_name: str | None
    canonical_url: str | None
    description: str | None
    body_text: str
    sections: list[RecordSection]
    takeaways: list[RecordTakeaway]
    steps: list[RecordStep]
    quotes: list[RecordQuote]
    resources: list[RecordResource]
    advice: list[RecordAdvice]
    pipeline: RecordPipeline
