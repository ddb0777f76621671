"""The clean() entry point: page bytes to a Document."""

from __future__ import annotations

from pipeline.clean._decode import decode_html
from pipeline.clean._document import article_blocks
from pipeline.clean._metadata import extract_metadata
from pipeline.clean._parse import parse_html
from pipeline.errors import InputError
from pipeline.model import Document, Page
from pipeline.settings import Settings


def clean(page: Page, settings: Settings) -> Document:
    """Extract metadata and main-content blocks from a page.

    Raises InputError when the bytes are not HTML or exceed `settings.max_page_bytes`,
    NoArticleError when no article text is found.
    """
    name = page.source.name
    if len(page.content) > settings.max_page_bytes:
        raise InputError(name, f"page is larger than {settings.max_page_bytes} bytes")
    root = parse_html(decode_html(page.content, page.encoding), name)
    metadata = extract_metadata(root, name)
    return Document(source=page.source, metadata=metadata, blocks=article_blocks(root, metadata, name, settings.clean))


def main_text(document: Document) -> str:
    """The article's running text, the record's `body_text` (captions and alt text are never blocks)."""
    return document.body_text
