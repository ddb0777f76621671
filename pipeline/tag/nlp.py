"""Loading the spaCy pipeline the tag stage runs: the configured model, trimmed, plus our components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from pipeline.errors import ModelError
from pipeline.settings import Settings
from pipeline.tag import forms, types  # noqa: F401  (registers the factories without entry points)

# Named entities and the NER-only pipes cost half the model's time and no rule reads them.
UNUSED_COMPONENTS = ("ner", "senter")


def load_nlp(settings: Settings) -> Language:
    """The tagging pipeline for `settings.spacy_model`, loaded once per process and model name."""
    return _load(settings.spacy_model)


@cache
def _load(model_name: str) -> Language:
    try:
        nlp = spacy.load(model_name, exclude=list(UNUSED_COMPONENTS))
    except (OSError, ImportError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ModelError(model_name, f"cannot load spaCy model: {reason}") from None
    if "parser" not in nlp.pipe_names:
        raise ModelError(model_name, "the model has no dependency parser, which advice forms are read from")
    nlp.add_pipe("advice_form")
    nlp.add_pipe("advice_tagger")
    return nlp
