"""Tag: which sentences of an article give advice, in what form, and of which types.

load_nlp(settings) builds the spaCy pipeline once per process; tag(document, structure, nlp)
tags one article; classify_lines(lines, nlp) tags free text, one result per line. The spaCy
components `advice_form` and `advice_tagger` are registered as factories through entry points.
"""

from pipeline.tag.classify import classify_lines
from pipeline.tag.nlp import load_nlp
from pipeline.tag.stage import tag, tag_many

__all__ = ["classify_lines", "load_nlp", "tag", "tag_many"]
