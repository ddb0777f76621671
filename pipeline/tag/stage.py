"""The tag stage: advice sentences of an article, the ranked advice types of its steps and
takeaways, and who said each of its quotations (pipeline.tag.attribution).

Body advice comes from paragraphs and list items only: headings and bold pseudo-headings are
labels, figures are captions, resources are titles of books and links, and quotations (blockquotes and every sentence that overlaps a
quote attributed to someone) are someone else's words, attribution included. Step titles and
takeaways are tagged on their own for their types.

A step's types weigh its title as TITLE_WEIGHT sentences, each advice sentence of its body as
one, and each other sentence of its body as STATEMENT_WEIGHT; a step's type score is that type's
share of the step's cue weight, so the scores of a step sum to 1. An advice sentence is typed by
the advice_type_classifier in the context of the heading it sits under (its step's title, else
its section's heading): "Keep it short" under "Talk to Them Calmly" is communication advice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.model import AdviceSentence, Block, Document, Quote, Structure, Tags, TypeScore
from pipeline.tag.attribution import (
    Candidates, attribute_whole_quotations, candidates_by_block, is_whole_quotation, mark, quotes_of)
from pipeline.tag.taxonomy import Taxonomy
from pipeline.tag.type_classifier import HEADING_EXTENSION
from pipeline.tag.types import DEFAULT_SPANS_KEY as CUES_KEY
from pipeline.tag.types import cues_within, sentence_weights, type_weights

TITLE_WEIGHT = 3.0
STATEMENT_WEIGHT = 0.5
BATCH_SIZE = 64


def tag(document: Document, structure: Structure, nlp: Language) -> Tags:
    """The advice sentences of `document` and the ranked types of each step and takeaway."""
    return tag_many([(document, structure)], nlp)[0]


def tag_many(articles: Sequence[tuple[Document, Structure]], nlp: Language) -> list[Tags]:
    """`tag` for several articles, their texts streamed through one nlp.pipe so that batches
    stay full however the text divides between articles, body and headlines."""
    candidates = [candidates_by_block(document, structure) for document, structure in articles]
    whole = attribute_whole_quotations([(document, found) for (document, _), found in zip(articles, candidates)], nlp)
    texts = [_texts(document, structure, found) for (document, structure), found in zip(articles, candidates)]
    triples = (triple for _, article_texts in texts for triple in article_texts)
    docs = iter(nlp.pipe(_docs(triples, nlp), batch_size=BATCH_SIZE))
    return [
        _tags(document, structure, (prose, [next(docs) for _ in article_texts]), found, quotes, nlp)
        for (document, structure), (prose, article_texts), found, quotes in zip(articles, texts, candidates, whole, strict=True)
    ]


def _texts(
    document: Document, structure: Structure, candidates: dict[int, Candidates]
) -> tuple[list[int], list[tuple[str, str | None, Candidates | None]]]:
    """The prose blocks to tag (by index), and the texts to pipe, each with the heading it sits
    under and the quotation candidates it holds among its own words: those blocks, then the headlines."""
    resources = {resource.text for resource in structure.resources}
    prose = [index for index, block in enumerate(document.blocks) if _is_prose(block) and block.text not in resources]
    headlines = [sentence_case(step.title) for step in structure.steps]
    headlines += [takeaway.text for takeaway in structure.takeaways]
    heading_of = _headings(structure)
    own = {index: found for index, found in candidates.items()
           if not is_whole_quotation(document.blocks[index], found)}
    body = [(document.blocks[index].text, heading_of.get(index), own.get(index)) for index in prose]
    return prose, body + [(headline, None, None) for headline in headlines]


def _tags(
    document: Document, structure: Structure, piped: tuple[list[int], list[Doc]],
    candidates: dict[int, Candidates], whole: list[Quote], nlp: Language,
) -> Tags:
    prose, docs = piped
    quotes = tuple(sorted(
        [*whole, *(quote for index, doc in zip(prose, docs) if index in candidates
                   for quote in quotes_of(doc, candidates[index]))], key=lambda quote: quote.start))
    type_tagger = nlp.get_pipe("advice_tagger")
    taxonomy: Taxonomy = type_tagger.taxonomy
    headline_weights = [type_weights(doc.spans[CUES_KEY], taxonomy) for doc in docs[len(prose):]]

    step_of_block = {
        index: step.number for step in structure.steps for index in range(step.first_block, step.last_block + 1)
    }
    step_weights: dict[int, dict[str, float]] = {step.number: {} for step in structure.steps}
    for step, title_weights in zip(structure.steps, headline_weights):
        _add(step_weights[step.number], title_weights, TITLE_WEIGHT)
    advice: list[AdviceSentence] = []
    for index, start, sentence in _body_sentences(document, quotes, zip(prose, docs)):
        step = step_of_block.get(index)
        form = sentence._.advice_form
        if form is not None:
            advice.append(_advice_sentence(sentence, start, step, sentence._.advice_types or ()))
        if step is not None:
            own = sentence_weights(sentence, cues_within(sentence, sentence.doc.spans[CUES_KEY]), taxonomy)
            _add(step_weights[step], own, 1.0 if form is not None else STATEMENT_WEIGHT)
    return Tags(
        advice=tuple(advice),
        step_types={number: _shares(weights, taxonomy) for number, weights in step_weights.items()},
        takeaway_types=tuple(type_tagger.rank(weights) for weights in headline_weights[len(structure.steps):]),
        quotes=quotes,
    )


def _headings(structure: Structure) -> dict[int, str]:
    """The heading each block sits under: its step's title, else its section's heading."""
    heading_of = {
        index: section.heading
        for section in structure.sections
        for index in range(section.first_block, section.last_block + 1)
    }
    for step in structure.steps:
        heading_of.update((index, step.title) for index in range(step.first_block, step.last_block + 1))
    return heading_of


def _docs(texts: Iterable[tuple[str, str | None, Candidates | None]], nlp: Language) -> Iterator[Doc]:
    for text, heading, candidates in texts:
        doc = nlp.make_doc(text)
        doc._.set(HEADING_EXTENSION, heading)
        if candidates is not None:
            mark(doc, candidates)
        yield doc


def _body_sentences(
    document: Document, quotes: Iterable[Quote], block_docs: Iterable[tuple[int, Doc]]
) -> Iterator[tuple[int, int, Span]]:
    """(block index, sentence start in body_text, sentence) for every sentence no quote overlaps."""
    offsets = document.block_offsets()
    quoted = [(quote.start, quote.end) for quote in quotes]
    for index, doc in block_docs:
        for sentence in doc.sents:
            start = offsets[index] + sentence.start_char
            end = offsets[index] + sentence.end_char
            if not any(start < quote_end and quote_start < end for quote_start, quote_end in quoted):
                yield index, start, sentence


def _is_prose(block: Block) -> bool:
    return block.kind in ("paragraph", "list_item") and not block.emphasis


def _advice_sentence(sentence: Span, start: int, step: int | None, types: tuple[TypeScore, ...]) -> AdviceSentence:
    # The sentence's own strongest cue, when its top type is the one listed first.
    evidence = sentence._.advice_evidence
    if evidence is not None and (not types or evidence.label_ != types[0].type):
        evidence = None
    return AdviceSentence(
        text=sentence.text,
        start=start,
        end=start + len(sentence.text),
        form=sentence._.advice_form,
        score=sentence._.advice_score,
        types=types,
        evidence=evidence.text if evidence is not None else None,
        step=step,
    )


def _add(total: dict[str, float], weights: dict[str, float], factor: float) -> None:
    for name, weight in weights.items():
        total[name] = total.get(name, 0.0) + factor * weight


def _shares(weights: dict[str, float], taxonomy: Taxonomy) -> tuple[TypeScore, ...]:
    total = sum(weights.values())
    order = {name: index for index, name in enumerate(taxonomy.names)}
    ranked = sorted(weights.items(), key=lambda item: (-item[1], order[item[0]]))
    return tuple(TypeScore(name, round(weight / total, 4)) for name, weight in ranked if weight > 0)


def sentence_case(title: str) -> str:
    # Title Case makes the tagger read common words as proper nouns, whose lemmas keep their case.
    return title[:1] + title[1:].lower()
