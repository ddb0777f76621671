"""Clean: page bytes to a Document (metadata and the ordered blocks of the main content).

Site-independent: the article is found by where the prose is and what surrounds it, never by a
per-site profile.
"""

from pipeline.clean._api import clean, main_text
from pipeline.clean._batch import clean_each, text_file_name
from pipeline.clean._decode import decode_html
from pipeline.clean._render import FORMATS, SUFFIXES, as_json, markdown, render

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "as_json",
    "clean",
    "clean_each",
    "decode_html",
    "main_text",
    "markdown",
    "render",
    "text_file_name",
]
