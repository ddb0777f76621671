"""The typed values the stages hand to each other.

clean -> Document, segment -> Structure, tag -> Tags; emit turns them into a record dict.
This module imports nothing of the project, so every stage can depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "quote", "figure"]
AdviceForm = Literal["directive", "prohibition", "suggestion", "question"]

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a page came from: a URL or a path, and the hash of its raw bytes."""

    content_sha256: str
    url: str | None = None
    path: str | None = None
    # What a library caller calls a page that has neither URL nor path; only for messages.
    label: str | None = None

    @property
    def name(self) -> str:
        """The URL, path or caller's label, for messages."""
        return self.url or self.path or self.label or "<html>"


@dataclass(frozen=True, slots=True)
class Page:
    """Raw bytes of one page, as read from disk or fetched."""

    source: Source
    content: bytes
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the main content, in reading order.

    `level` is the heading level (1-6) for headings and the nesting depth (1 = top level) for
    list items; 0 otherwise. `number` is a list item's ordinal as rendered (honouring `start=`
    and `value=`); `list_id` groups the items of one list. A heading that opens a list item (a
    step written as `<li><h3>`) carries that item's `ordered`, `number` and `list_id` too.
    `emphasis` marks a paragraph whose whole text is bold, the usual pseudo-heading.
    """

    kind: BlockKind
    text: str
    level: int = 0
    ordered: bool = False
    number: int | None = None
    list_id: int | None = None
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the page says about the article."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    description: str | None = None

    @property
    def author(self) -> str | None:
        return ", ".join(self.authors) if self.authors else None


@dataclass(frozen=True, slots=True)
class Document:
    """The cleaned article: metadata and the ordered blocks of its main content."""

    source: Source
    metadata: Metadata
    blocks: tuple[Block, ...]

    @property
    def body_text(self) -> str:
        return BLOCK_SEPARATOR.join(block.text for block in self.blocks)

    def block_offsets(self) -> list[int]:
        """Start offset of each block's text inside `body_text`."""
        offsets, position = [], 0
        for block in self.blocks:
            offsets.append(position)
            position += len(block.text) + len(BLOCK_SEPARATOR)
        return offsets


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    level: int
    text: str
    first_block: int = 0
    last_block: int = 0


@dataclass(frozen=True, slots=True)
class Step:
    number: int
    title: str
    text: str
    section: str | None = None
    first_block: int = 0
    last_block: int = 0


@dataclass(frozen=True, slots=True)
class Takeaway:
    text: str
    block: int = 0


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and, when the text says so, who said it.

    `start` and `end` are character offsets of the quoted text inside `body_text`. The segment
    stage finds candidates (no speaker yet); the tag stage attributes them.
    """

    text: str
    speaker: str | None
    speaker_description: str | None
    cue: str | None
    step: int | None
    section: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Resource:
    text: str
    author: str | None = None
    title: str | None = None
    subtitle: str | None = None


@dataclass(frozen=True, slots=True)
class Structure:
    """What the segmenter found in a Document."""

    sections: tuple[Section, ...] = ()
    takeaways: tuple[Takeaway, ...] = ()
    steps: tuple[Step, ...] = ()
    # Quotation candidates from the marks and markup; Tags.quotes are the attributed ones.
    quotes: tuple[Quote, ...] = ()
    resources: tuple[Resource, ...] = ()


@dataclass(frozen=True, slots=True)
class TypeScore:
    type: str
    score: float


@dataclass(frozen=True, slots=True)
class AdviceSentence:
    """One sentence of advice; `start`/`end` are offsets into `body_text`."""

    text: str
    start: int
    end: int
    form: AdviceForm
    score: float
    types: tuple[TypeScore, ...] = ()
    evidence: str | None = None
    step: int | None = None


@dataclass(frozen=True, slots=True)
class Tags:
    """What the tagger found: advice sentences, ranked types per step and takeaway, and the
    quotes it could attribute to someone."""

    advice: tuple[AdviceSentence, ...] = ()
    step_types: dict[int, tuple[TypeScore, ...]] = field(default_factory=dict)
    takeaway_types: tuple[tuple[TypeScore, ...], ...] = ()
    quotes: tuple[Quote, ...] = ()
