"""Loading the spaCy pipeline the tag stage runs: the configured model, trimmed, plus our components.

The model's senter splits sentences, its parser (disabled) parses only the sentences advice_form
asks for, and its AttributeRuler is swapped for the indexed one; quote_attributor runs the parser and
the (disabled) NER on the paragraphs that hold quotations; then advice_detector sets each
sentence's probability, advice_form decides advice and form from its rules and that probability,
advice_tagger marks the taxonomy's cues and ranks the types of headlines, and
advice_type_classifier types each advice sentence.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer

from pipeline.errors import ModelError
from pipeline.settings import Settings
from pipeline.tag import accurate as accurate_detection
from pipeline.tag import attribute_index, detector, forms, quotes, type_classifier, types  # noqa: F401  (registers the factories)

# Named entities cost half the model's time: the NER stays off, and quote_attributor runs it on
# the paragraphs that hold quotations only.
OFF_COMPONENTS = ("ner",)
# Lemmas the lemmatizer remembers by (word, tag, morphology); spaCy's own cache keeps every new
# word of a long run, this one starts again when full.
LEMMA_CACHE_SIZE = 20_000


def load_nlp(settings: Settings, *, typed: bool = True) -> Language:
    """The tagging pipeline for `settings.spacy_model` (with the accurate detector when
    `settings.accurate`), loaded once per process for each combination.

    `typed=False` leaves out the type classifier: the pipeline its training runs sentences through.
    """
    return _load(settings.spacy_model, settings.accurate, typed)


@cache
def _load(model_name: str, accurate: bool, typed: bool) -> Language:
    try:
        nlp = spacy.load(model_name, disable=list(OFF_COMPONENTS))
    except (OSError, ImportError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ModelError(model_name, f"cannot load spaCy model: {reason}") from None
    if "parser" not in nlp.pipe_names:
        raise ModelError(model_name, "the model has no dependency parser, which advice forms are read from")
    _index_attribute_rules(nlp)
    _bound_lemma_cache(nlp)
    parser = _parse_on_demand(nlp)
    nlp.add_pipe("quote_attributor", config={
        "parser": parser, "ner": "ner" if "ner" in nlp.component_names else None})
    try:
        nlp.add_pipe("advice_detector")
    except (OSError, ValueError) as error:
        raise ModelError("pipeline/tag/data/advice_detector", f"cannot load the advice detector: {error}") from None
    if accurate:
        accurate_detection.encoder()  # fail here, with the install hint, not on the first page
        nlp.add_pipe("advice_detector_accurate", after="advice_detector")
    nlp.add_pipe("advice_form", config={"parser": parser})
    nlp.add_pipe("advice_tagger")
    if not typed:
        return nlp
    try:
        nlp.add_pipe("advice_type_classifier")
    except (OSError, ValueError) as error:
        raise ModelError(str(type_classifier.PACKAGED_MODEL), f"cannot load the type classifier: {error}") from None
    return nlp


def _parse_on_demand(nlp: Language) -> str | None:
    """Let the senter split sentences and the parser see only candidates, when the model has a senter."""
    if "senter" not in nlp.component_names:
        return None
    nlp.enable_pipe("senter")
    nlp.disable_pipe("parser")
    return "parser"


class BoundedCache(dict):
    """A dict that empties itself before it would grow past `size` entries."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __setitem__(self, key: object, value: object) -> None:
        if len(self) >= self.size:
            self.clear()
        super().__setitem__(key, value)


def _bound_lemma_cache(nlp: Language) -> None:
    for _, component in nlp.components:
        if isinstance(component, Lemmatizer):
            component.cache = BoundedCache(LEMMA_CACHE_SIZE)


def _index_attribute_rules(nlp: Language) -> None:
    """Swap the AttributeRuler for the indexed one that applies the same rules in a third of the time."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    rules = nlp.get_pipe("attribute_ruler").patterns
    nlp.replace_pipe("attribute_ruler", "indexed_attribute_ruler").add_patterns(with_typographic_apostrophes(rules))


def with_typographic_apostrophes(rules: list[dict]) -> list[dict]:
    """The rules, each one-token rule on a clitic with "'" also given for "’".

    Web pages mostly write "it’s", "you’ll", "don’t"; the model's rules name only the typewriter
    apostrophe, so without the copies "’s" and "’ll" keep lemmas that no advice rule recognises.
    """
    copies = []
    for rule in rules:
        typographic = [[_typographic(token) for token in pattern] for pattern in rule["patterns"]]
        if typographic != rule["patterns"]:
            copies.append({**rule, "patterns": typographic})
    return rules + copies


def _typographic(token: dict) -> dict:
    lower = token.get("LOWER")
    if isinstance(lower, str) and "'" in lower:
        return {**token, "LOWER": lower.replace("'", "’")}
    if isinstance(lower, dict) and any("'" in value for value in lower.get("IN", ())):
        return {**token, "LOWER": {**lower, "IN": [value.replace("'", "’") for value in lower["IN"]]}}
    return token
