"""The `quote_attributor` spaCy component: who said each quotation a doc's candidates mark.

The segment stage finds quotation candidates from markup and quotation marks; the tag stage
hands each paragraph that holds one (with the paragraph before and after it) to this component
as a doc whose `doc.spans[candidates_key]` are the quoted words. Only such docs are parsed: the
component runs the pipeline's disabled NER and parser on them, by name, and leaves every other
doc untouched, so the cost is paid for quotations alone.

A quotation is attributed, in this order, by
- a speech verb (the lexicon, by lemma) in its own sentence or in a lead-in sentence ending in a
  colon: the verb's subject, or the object of "according to" / "in the words of";
- a dash after it ("... — Jane Doe"), or a short line naming someone after a blockquote;
- a speech verb in the sentence after a quotation that is a sentence of its own ("So says X.",
  "X, a coach, explains why.", "That's the advice of X.");
- the frame of the quotation just before it, when only that frame lies between them
  ("A," she said. "B." is one quotation of two pieces).
The speaker is a named entity (PERSON, ORG, ...) or a run of proper nouns. "He", "she" and
"they" are resolved to the nearest entity before them that fits (a person for he and she),
sentence subjects first; a one-word name is widened to the full name the doc, or the article
text before it (`Doc._.quote_context`), gave first. Its description is what the page says about
them next to the name: the words before it in its noun phrase, an honorific, appositives.
A quotation whose frame speaks in the first or second person ("I asked", "you might say",
"Try saying") is the writer's or the reader's words, and one with no named speaker is left out:
none is invented.

The attributed quotations go to `doc.spans[spans_key]`, each span running from its first
piece to its last, with `Span._.quote_pieces` (the candidate spans it joins), `Span._.speaker`,
`Span._.speaker_description` and `Span._.cue`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import srsly
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path, minibatch

DEFAULT_CANDIDATES_KEY = "quote_candidates"
DEFAULT_SPANS_KEY = "quotes"
CONTEXT_EXTENSION = "quote_context"
# What joins the blocks of a context text: the article's own block separator.
BLOCK_BREAK = "\n\n"
# The components a snippet of context goes through for tags and lemmas (when the pipeline has them).
_TAGGING = ("tok2vec", "tagger", "senter", "attribute_ruler", "lemmatizer")
# How far back (characters) the text before a doc is searched for whom a pronoun means.
_PRONOUN_REACH = 400
# Speech verbs by lemma; two words name a verb and the particle or object it needs ("put it").
DEFAULT_SPEECH_VERBS = (
    "say", "write", "explain", "note", "add", "argue", "observe", "recall", "warn", "advise", "suggest",
    "insist", "claim", "state", "ask", "remark", "quip", "declare", "stress", "emphasize", "emphasise",
    "continue", "share", "recommend", "agree", "report", "tell", "remind", "reply", "answer", "admit",
    "conclude", "urge", "caution", "joke", "comment", "mention", "acknowledge", "concede", "exclaim",
    "assert", "affirm", "confirm", "elaborate", "reveal", "predict", "counsel", "tweet", "muse",
    "summarize", "summarise", "put it", "point out", "sum up",
)
# Labels of entities that can speak; dates, numbers and quantities cannot.
DEFAULT_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW")
# Nouns that, with "of", give a quotation to whoever follows: "in the words of", "the advice of".
_WORDS_OF = frozenset({"words", "advice", "view", "take", "motto", "rule", "mantra", "philosophy", "tip"})
_HONORIFICS = frozenset(
    "dr dr. prof prof. professor mr mr. mrs mrs. ms ms. mx mx. rev rev. sir dame rabbi father sister".split())
_PRONOUN_LABELS = {"he": ("PERSON",), "she": ("PERSON",), "they": ("PERSON", "ORG")}
_OWN_VOICE = frozenset({"i", "we", "you"})
# Job titles a name's entity or run of capitals may start with ("Founder Ric Scalzo"): no part of the name.
_ROLE_WORDS = frozenset(
    "founder co-founder cofounder president vice ceo cfo coo cto cmo director manager planner lead owner chief "
    "editor designer coach officer chair chairman chairwoman head senior principal partner executive pastor "
    "senator governor mayor doctor nurse therapist chef author writer reporter spokesperson spokesman "
    "spokeswoman analyst consultant instructor trainer teacher researcher scientist expert".split())
_PARTICLES = frozenset("de van von der den ten ter da dos das del della di du la le bin al ibn".split())
_DASHES = frozenset({"—", "–", "―", "-", "--", "~"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_WORD = r"(?<![\w’'-]){}(?![\w’'-])"
# How far a lead line after a blockquote may run and still be an attribution line ("— Name, role").
_MAX_LINE_TOKENS = 24
# How many words after a name and its comma may describe them.
_MAX_DESCRIPTION = 30

for _name in ("quote_pieces", "speaker", "speaker_description", "cue"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension(CONTEXT_EXTENSION):
    Doc.set_extension(CONTEXT_EXTENSION, default="")


@dataclass(frozen=True, slots=True)
class _Attribution:
    speaker: str
    description: str | None
    cue: str | None
    # The token the frame turns on (the cue verb), to tell whether a next piece continues it.
    anchor: int


# A frame that speaks in the writer's or reader's voice: the quotation is no one else's.
_OWN_WORDS = object()


@Language.factory(
    "quote_attributor",
    assigns=["doc.spans", "span._.speaker", "span._.speaker_description", "span._.cue", "span._.quote_pieces"],
    requires=["token.lemma", "token.pos"],
    default_config={
        "candidates_key": DEFAULT_CANDIDATES_KEY,
        "spans_key": DEFAULT_SPANS_KEY,
        "speech_verbs": list(DEFAULT_SPEECH_VERBS),
        "speaker_labels": list(DEFAULT_SPEAKER_LABELS),
        "parser": "parser",
        "ner": "ner",
    },
)
def make_quote_attributor(
    nlp: Language,
    name: str,
    *,
    candidates_key: str,
    spans_key: str,
    speech_verbs: list[str],
    speaker_labels: list[str],
    parser: str | None,
    ner: str | None,
) -> QuoteAttributor:
    """Create a QuoteAttributor.

    candidates_key (str): The key in doc.spans of the quotation candidates (the quoted words).
    spans_key (str): The key in doc.spans the attributed quotations are written to.
    speech_verbs (List[str]): Lemmas of the verbs that give a quotation to their subject; two
        words name a verb with the particle or object it needs ("point out", "put it").
    speaker_labels (List[str]): Entity labels that can be a speaker.
    parser (Optional[str]): The (typically disabled) parser component run on docs with candidates;
        None when docs arrive parsed.
    ner (Optional[str]): The (typically disabled or excluded) entity recognizer run on docs with
        candidates; None when docs arrive with entities.
    """
    return QuoteAttributor(nlp, name, candidates_key=candidates_key, spans_key=spans_key,
                           speech_verbs=speech_verbs, speaker_labels=speaker_labels, parser=parser, ner=ner)


class QuoteAttributor:
    """Gives each quotation candidate its speaker, the speaker's description and the cue."""

    def __init__(
        self,
        nlp: Language,
        name: str = "quote_attributor",
        *,
        candidates_key: str = DEFAULT_CANDIDATES_KEY,
        spans_key: str = DEFAULT_SPANS_KEY,
        speech_verbs: Iterable[str] = DEFAULT_SPEECH_VERBS,
        speaker_labels: Iterable[str] = DEFAULT_SPEAKER_LABELS,
        parser: str | None = "parser",
        ner: str | None = "ner",
    ) -> None:
        """Initialize the component.

        nlp (Language): The pipeline the component belongs to; it holds the parser and NER.
        name (str): The component's name in the pipeline.
        candidates_key (str): The key in doc.spans of the quotation candidates.
        spans_key (str): The key in doc.spans the attributed quotations are written to.
        speech_verbs (Iterable[str]): The speech-verb lexicon, by lemma.
        speaker_labels (Iterable[str]): Entity labels that can be a speaker.
        parser (Optional[str]): The parser component to run on docs with candidates.
        ner (Optional[str]): The entity recognizer to run on docs with candidates.
        """
        self.nlp = nlp
        self.name = name
        self.candidates_key = candidates_key
        self.spans_key = spans_key
        self.speaker_labels = frozenset(speaker_labels)
        self.parser = parser
        self.ner = ner
        self.speech_verbs: tuple[str, ...] = ()
        self._verbs: dict[str, str | None] = {}
        self.set_speech_verbs(speech_verbs)

    def set_speech_verbs(self, speech_verbs: Iterable[str]) -> None:
        """Replace the lexicon: lemmas, or a lemma and the word it needs ("put it")."""
        self.speech_verbs = tuple(dict.fromkeys(speech_verbs))
        self._verbs = {}
        for entry in self.speech_verbs:
            lemma, _, needs = entry.partition(" ")
            self._verbs[lemma] = needs or None

    def __call__(self, doc: Doc) -> Doc:
        """Attribute the candidates of `doc` (a doc without any is returned as it came).

        The NER and the parser run on a copy of the sentences around the candidates (from the
        sentence before the first to the sentence after the last), with the doc's tags, lemmas
        and tensor, so the doc itself keeps its own sentences and annotation.
        """
        return self._attribute([doc])[0]

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Attribute the candidates of a stream of docs, the copies of a batch parsed together."""
        for docs in minibatch(stream, size=batch_size):
            yield from self._attribute(list(docs))

    def _attribute(self, docs: list[Doc]) -> list[Doc]:
        jobs = [(doc, self._work(doc)) for doc in docs if self.candidates_key in doc.spans and doc.spans[self.candidates_key]]
        works = [work for _, (work, _) in jobs]
        if works and self.ner is not None:
            works = list(self.nlp.get_pipe(self.ner).pipe(works))
        if works and self.parser is not None and not works[0].has_annotation("DEP"):
            works = list(self.nlp.get_pipe(self.parser).pipe(works))
        for (doc, (_, start)), work in zip(jobs, works, strict=True):
            found = self._attributed(work, list(work.spans[self.candidates_key]))
            doc.spans[self.spans_key] = [_moved(doc, span, start) for span in found]
        return docs

    def _work(self, doc: Doc) -> tuple[Doc, int]:
        """The copy to annotate and attribute in, and where it starts in `doc`."""
        candidates = sorted(doc.spans[self.candidates_key], key=lambda span: span.start)
        start, end = self._around(doc, candidates)
        work = _copy(doc, start, end)
        work._.set(CONTEXT_EXTENSION, doc._.get(CONTEXT_EXTENSION) + BLOCK_BREAK + doc[:start].text)
        work.spans[self.candidates_key] = [work[span.start - start : span.end - start] for span in candidates]
        return work, start

    def _around(self, doc: Doc, candidates: list[Span]) -> tuple[int, int]:
        """The tokens the attribution needs parsed: the candidates' sentences, the sentence
        before when it leads in with a colon, a pronoun there needs its person, or no speech verb
        lies beside the quotations, and the sentence after in that last case."""
        first, last = doc[candidates[0].start].sent, doc[candidates[-1].end - 1].sent
        inside = {token.i for span in candidates for token in span}
        frame = [token for token in doc[first.start : last.end] if token.i not in inside]
        cued = any(token.lemma_.lower() in self._verbs or token.lower_ in ("according", *_WORDS_OF) for token in frame)
        pronoun = any(token.lower_ in _PRONOUN_LABELS for token in frame)
        before, after = _previous_sentence(doc, first), _next_sentence(doc, last)
        if before is not None and cued and not pronoun and _lead_in(doc, first) is None:
            before = None
        return (before or first).start, (last if cued or after is None else after).end

    def _quoted(self, doc: Doc) -> set[int]:
        """Tokens inside quotation marks or candidates: no one is named there for a pronoun."""
        inside = {token.i for span in doc.spans[self.candidates_key] for token in span}
        opened = False
        for token in doc:
            if token.is_quote and token.text in "“”\"":
                opened = token.text == "“" or (token.text == '"' and not opened)
            elif opened:
                inside.add(token.i)
        return inside


    def _attributed(self, doc: Doc, candidates: list[Span]) -> Iterator[Span]:
        inside = {token.i for span in candidates for token in span}
        pending: list[Span] = []
        found: _Attribution | None = None
        for candidate in candidates:
            if _is_title(candidate):
                continue
            attribution = self._attribution(doc, candidate, inside)
            same = attribution is None or isinstance(attribution, _Attribution) and found is not None \
                and attribution.anchor == found.anchor
            if same and found is not None and self._continues(doc, pending[-1], candidate, found):
                pending.append(candidate)
                continue
            if found is not None:
                yield _quotation(doc, pending, found)
            pending, found = [candidate], attribution if isinstance(attribution, _Attribution) else None
        if found is not None:
            yield _quotation(doc, pending, found)

    def _attribution(self, doc: Doc, quote: Span, inside: set[int]) -> _Attribution | object | None:
        """The attribution of one candidate, _OWN_WORDS for the writer's or reader's, or None."""
        frame = self._frame(doc, quote, inside)
        if frame is not None:
            return frame
        return self._dash_after(doc, quote) or self._next_sentence(doc, quote, inside)

    def _frame(self, doc: Doc, quote: Span, inside: set[int]) -> _Attribution | object | None:
        """The speech verb nearest the quotation in its own sentences (or a lead-in ending in a
        colon), outside every quotation, and whom it gives the words to."""
        first, last = doc[quote.start].sent, doc[quote.end - 1].sent
        tokens = [token for token in doc[first.start : last.end] if token.i not in inside]
        lead = _lead_in(doc, first)
        if lead is not None:
            tokens = [token for token in lead if token.i not in inside] + tokens
        cues = sorted((token for token in tokens if self._is_cue(token)),
                      key=lambda token: min(abs(token.i - quote.start), abs(token.i - quote.end)))
        before = [cue for cue in cues if cue.i < quote.start]
        if before and self._own_voice(doc, max(before, key=lambda cue: cue.i)):
            return _OWN_WORDS
        for cue in cues:
            found = self._given_by(doc, cue, quote.start)
            if found is not None:
                return found
        return None

    def _is_cue(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if token.lower_ == "according" or (token.lower_ in _WORDS_OF and _of_object(token) is not None):
            return True
        if lemma not in self._verbs or token.pos_ not in ("VERB", "AUX", "NOUN"):
            return False
        needs = self._verbs[lemma]
        if token.pos_ == "NOUN" and not any(child.dep_ in _SUBJECTS for child in token.children) \
                and self._adjacent_name(token.doc, token) is None:
            return False
        return needs is None or any(child.lower_ == needs for child in token.children)

    def _given_by(self, doc: Doc, cue: Token, before: int) -> _Attribution | object | None:
        """Whom the cue gives the quotation to: the object of "according to" and "the words of",
        else the speech verb's subject."""
        if cue.lower_ == "according":
            to = next((child for child in cue.children if child.lower_ == "to"), None)
            speaker = next((child for child in to.children if child.dep_ == "pobj"), None) if to else None
            return self._speaker(doc, speaker, "according to", cue.i, before) if speaker is not None else None
        if cue.lower_ in _WORDS_OF:
            phrase = doc[cue.left_edge.i : cue.i + 2].text if cue.left_edge.i < cue.i else f"{cue.text} of"
            return self._speaker(doc, _of_object(cue), phrase, cue.i, before)
        subjects = _subjects(cue)
        if not subjects:
            adjacent = self._adjacent_name(doc, cue)
            if adjacent is not None:
                # A frame the parse missed: "As Scientific American reports", "says Jane Doe".
                return self._speaker(doc, adjacent, self._cue_text(cue), cue.i, before)
            return _OWN_WORDS if _is_imperative(cue) else None
        if any(subject.lower_ in _OWN_VOICE for subject in subjects):
            return _OWN_WORDS
        found = (self._speaker(doc, subject, self._cue_text(cue), cue.i, before) for subject in subjects)
        return next((attribution for attribution in found if attribution is not None), None)

    def _cue_text(self, cue: Token) -> str:
        return _cue_text(cue, self._verbs.get(cue.lemma_.lower()))

    def _adjacent_name(self, doc: Doc, cue: Token) -> Token | None:
        """The last word of a name right before the cue, or the first of one right after it."""
        if cue.i > 0:
            span = self._name_span(doc, doc[cue.i - 1])
            if span is not None and span.end == cue.i:
                return span.root
        if cue.i + 1 < len(doc):
            span = self._name_span(doc, doc[cue.i + 1])
            if span is not None and span.start == cue.i + 1:
                return span.root
        return None

    def _own_voice(self, doc: Doc, cue: Token) -> bool:
        """True for a frame in the writer's or the reader's voice: "I asked", "you might say",
        "Try asking", "Say"."""
        subjects = _subjects(cue)
        if subjects:
            return any(subject.lower_ in _OWN_VOICE for subject in subjects)
        if self._adjacent_name(doc, cue) is not None:
            return False
        return _is_imperative(cue) or (cue.dep_ in ("xcomp", "ccomp", "conj") and _is_imperative(cue.head))

    def _speaker(self, doc: Doc, head: Token, cue: str | None, anchor: int, before: int) -> _Attribution | None:
        """The named speaker `head` stands for, with their description; None for no name."""
        if head.lower_ in _PRONOUN_LABELS:
            found = self._antecedent(doc, head, min(head.i, before))
            return _Attribution(found[0], found[1], cue, anchor) if found else None
        named = self._named(doc, head)
        if named is None:
            return None
        name, description = named
        if " " not in name:
            wider, widened_description = self._widen(doc, name, head.i)
            if wider != name:
                name, description = wider, description or widened_description
        return _Attribution(name, description, cue, anchor)

    def _named(self, doc: Doc, head: Token) -> tuple[str, str | None] | None:
        """The name the phrase headed by `head` gives, and the words about them in it."""
        own = self._name_span(doc, head)
        heads = list(own) if own is not None else [head]
        appositive = next((child for token in heads for child in token.children
                           if child.dep_ == "appos" and self._name_span(doc, child)), None)
        if appositive is not None and (own is None or _prefer_appositive(own, self._name_span(doc, appositive))):
            # "the charity's founder, Amara Osei" / "says Co-Founder, Stephanie Özcan"
            span = self._name_span(doc, appositive)
            role = doc[head.left_edge.i : head.i + 1].text
            return _clean_name(span), _joined([role, _description(span)])
        if own is None:
            return None
        return _clean_name(own), _description(own)

    def _name_span(self, doc: Doc, token: Token) -> Span | None:
        """The entity (of a speaker label) or run of proper nouns `token` stands in, taking in
        the rest of a hyphenated name ("Malvik-Ash") and particles ("Corrie ten Boom")."""
        entity = token.ent_type_ in self.speaker_labels
        if entity:
            span = next(entity for entity in doc.ents if entity.start <= token.i < entity.end)
            start, end = span.start, span.end
        elif _is_name_word(token):
            start, end = token.i, token.i + 1
        else:
            return None
        # An entity is the model's call; only a run of proper nouns grows by its neighbours.
        while start > 0 and (not entity and _is_name_word(doc[start - 1]) or _joins_name(doc, start - 1, start - 2)):
            start -= 1
        while end < len(doc) and (not entity and _is_name_word(doc[end]) or _joins_name(doc, end, end + 1)):
            end += 1
        # A name never runs over a paragraph break.
        breaks = [position for position in range(start, end) if doc[position].is_space]
        if breaks and breaks[0] <= token.i:
            return None
        return doc[start : breaks[0]] if breaks else doc[start:end]

    def _antecedent(self, doc: Doc, pronoun: Token, before: int) -> tuple[str, str | None] | None:
        """Whom "he", "she" or "they" refers to: the nearest fitting entity before it, a
        sentence's subject first; widened to the full name given first."""
        mentions = self._mentions(doc, before)
        labels = _PRONOUN_LABELS[pronoun.lower_]
        ranked = sorted(mentions, key=lambda mention: (mention[1] not in labels and mention[1] != "",
                                                       mention[0].root.dep_ not in _SUBJECTS, -mention[0].start))
        for span, _ in ranked:
            name = _clean_name(span)
            description = _description(span)
            if " " not in name:
                wider, widened_description = self._widen(doc, name, span.start)
                return wider, description or widened_description
            return name, description
        return self._named_before(doc, labels)

    def _named_before(self, doc: Doc, labels: tuple[str, ...]) -> tuple[str, str | None] | None:
        """The last fitting entity of the text just before the doc (`Doc._.quote_context`, the
        article up to here), when the doc names no one a pronoun can refer to."""
        context: str = doc._.get(CONTEXT_EXTENSION) or ""
        tail = context[-_PRONOUN_REACH:]
        if not tail.strip() or self.ner is None:
            return None
        entities = [entity for entity in self._tagged(tail).ents
                    if entity.label_ in labels and _clean_name(entity)]
        if not entities:
            return None
        name = _clean_name(entities[-1])
        return self._widen(doc, name, 0) if " " not in name else (name, None)

    def _mentions(self, doc: Doc, before: int) -> list[tuple[Span, str]]:
        """The names before `before` ((span, entity label or "" for a run of proper nouns))
        that could be someone a pronoun refers to: no entity of a label that cannot speak."""
        mentions: dict[int, tuple[Span, str]] = {}
        quoted = self._quoted(doc)
        for token in doc[:before]:
            span = self._name_span(doc, token) if token.i not in quoted else None
            if span is not None and span.end <= before and _clean_name(span):
                mentions.setdefault(span.start, (span, token.ent_type_ if token.ent_type_ else ""))
        return list(mentions.values())

    def _widen(self, doc: Doc, name: str, before: int) -> tuple[str, str | None]:
        """The full name a one-word name stands for: the first longer entity holding it in the
        doc before `before`, else in the article text before the doc; else the name itself."""
        context: str = doc._.get(CONTEXT_EXTENSION) or ""
        match = re.search(_WORD.format(re.escape(name)), context)
        if match is not None and self.ner is not None:
            start = max(context.rfind(". ", 0, match.start()) + 1, context.rfind("\n", 0, match.start()) + 1, 0)
            sentence = self._tagged(context[start : match.end() + 200])
            found = self._fullest(sentence.ents, name)
            if found is not None:
                return _clean_name(found), _description(found)
        found = self._fullest([entity for entity in doc.ents if entity.end <= before], name)
        return (_clean_name(found), _description(found)) if found is not None else (name, None)

    def _tagged(self, text: str) -> Doc:
        """A doc of a snippet of context with tags, lemmas and entities (no parse)."""
        doc = self.nlp.make_doc(text)
        for name in (*_TAGGING, self.ner):
            if name is not None and name in self.nlp.component_names:
                doc = self.nlp.get_pipe(name)(doc)
        return doc

    def _fullest(self, entities: Iterable[Span], name: str) -> Span | None:
        """The first entity that gives `name` in full: a person whose name ends or starts with it,
        else any speaker entity holding it."""
        fitting = [entity for entity in entities if entity.label_ in self.speaker_labels
                   and " " in _clean_name(entity) and name in _clean_name(entity).split()]
        people = [entity for entity in fitting if entity.label_ == "PERSON"]
        return (people or fitting or [None])[0]

    def _dash_after(self, doc: Doc, quote: Span) -> _Attribution | None:
        """A dash and a name right after the quotation, or a short line naming someone after it."""
        position = quote.end
        while position < len(doc) and (doc[position].is_quote or doc[position].is_space
                                       or doc[position].text in ".,!?"):
            position += 1
        if position >= len(doc):
            return None
        dashed = doc[position].text in _DASHES
        start = position + 1 if dashed else position
        if not dashed and not (_fills_block(doc, quote) and _line_after_block(doc, quote, position)):
            return None
        line_end = _line_end(doc, start)
        if start >= line_end or line_end - start > _MAX_LINE_TOKENS or any(
                token.pos_ in ("VERB", "AUX") or token.text == ":" for token in doc[start:line_end]):
            return None
        while start < line_end and doc[start].lower_ in _HONORIFICS:
            start += 1
        span = self._name_span(doc, doc[start]) if start < line_end else None
        if span is None or span.start != start:
            return None
        rest = doc[span.end : line_end].text.strip(" ,;")
        description = _joined([_honorific(span), rest]) if rest or _honorific(span) else None
        return _Attribution(_clean_name(span), description, "—", span.start)

    def _next_sentence(self, doc: Doc, quote: Span, inside: set[int]) -> _Attribution | None:
        """A quotation that is a sentence of its own may be given by the sentence after it."""
        sentence = doc[quote.end - 1].sent
        if doc[quote.start].sent.start < quote.start - 1 and any(
                not token.is_punct and not token.is_space for token in doc[doc[quote.start].sent.start : quote.start]):
            return None
        following = _next_sentence(doc, sentence)
        if following is None or any(token.i in inside or token.is_quote for token in following):
            return None
        for token in following:
            if self._is_cue(token):
                found = self._given_by(doc, token, quote.start)
                if isinstance(found, _Attribution):
                    return found
        return None

    def _continues(self, doc: Doc, previous: Span, quote: Span, found: _Attribution) -> bool:
        """True when only the previous quotation's frame lies between it and `quote`."""
        between = [token for token in doc[previous.end : quote.start]
                   if not (token.is_punct or token.is_space or token.is_quote)]
        if not between or not previous.end <= found.anchor < quote.start:
            return False
        frame = doc[found.anchor].sent
        return all(frame.start <= token.i < frame.end for token in between)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the lexicon and labels to a directory."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", self._cfg())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuoteAttributor:
        """Read the lexicon and labels to_disk wrote."""
        self._load(srsly.read_json(ensure_path(path) / "cfg.json"))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The lexicon and labels as bytes."""
        return srsly.json_dumps(self._cfg()).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuoteAttributor:
        """Read the lexicon and labels to_bytes wrote."""
        self._load(srsly.json_loads(data))
        return self

    def _cfg(self) -> dict[str, Any]:
        return {"speech_verbs": list(self.speech_verbs), "speaker_labels": sorted(self.speaker_labels)}

    def _load(self, cfg: dict[str, Any]) -> None:
        self.set_speech_verbs(cfg["speech_verbs"])
        self.speaker_labels = frozenset(cfg["speaker_labels"])


def _prefer_appositive(own: Span, appositive: Span) -> bool:
    """True when the appositive names the speaker better: a person beside a role or an
    organisation ("Maxi Moving's Vice President, Ivan Cheptenari"), a full name beside one word."""
    if appositive.root.ent_type_ == "PERSON" and own.root.ent_type_ != "PERSON":
        return True
    return " " not in own.text and " " in appositive.text


def _is_title(quote: Span) -> bool:
    """True for a quoted title ("Ask Like You Mean It"): every word that is no stop word capitalised."""
    words = [token for token in quote if not (token.is_punct or token.is_space or token.is_stop)]
    return bool(words) and all(token.is_title or not token.is_alpha for token in words)


def _is_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.lower_ not in _HONORIFICS


def _joins_name(doc: Doc, position: int, beyond: int) -> bool:
    """True for a hyphen inside a name ("Malvik-Ash") or a particle between two of its words
    ("ten" in "Corrie ten Boom"), with a capitalised word at `beyond`."""
    if not 0 <= beyond < len(doc) or not doc[beyond].text[:1].isupper():
        return False
    token = doc[position]
    if token.text == "-":
        return not token.whitespace_ and not doc[min(position, beyond)].whitespace_
    return token.lower_ in _PARTICLES and doc[beyond].pos_ == "PROPN"


def _copy(doc: Doc, start: int, end: int) -> Doc:
    """doc[start:end] as a doc of its own with the tags, lemmas, sentences and tensor the NER and
    the parser read (leaner than Span.as_doc, which copies every span group and extension)."""
    attributes = [TAG, POS, MORPH, LEMMA]
    attributes += [HEAD, DEP] if doc.has_annotation("DEP") else [SENT_START] if doc.has_annotation("SENT_START") else []
    tokens = doc[start:end]
    copy = Doc(doc.vocab, words=[token.text for token in tokens], spaces=[bool(token.whitespace_) for token in tokens])
    copy.from_array(attributes, doc.to_array(attributes)[start:end])
    if doc.tensor is not None and len(doc.tensor) == len(doc):
        copy.tensor = doc.tensor[start:end]
    return copy


def _moved(doc: Doc, span: Span, offset: int) -> Span:
    """The copy's attributed span as the same span of `doc`."""
    moved = doc[span.start + offset : span.end + offset]
    moved._.quote_pieces = tuple(doc[piece.start + offset : piece.end + offset] for piece in span._.quote_pieces)
    moved._.speaker = span._.speaker
    moved._.speaker_description = span._.speaker_description
    moved._.cue = span._.cue
    return moved


def _quotation(doc: Doc, pieces: list[Span], found: _Attribution) -> Span:
    span = doc[pieces[0].start : pieces[-1].end]
    span._.quote_pieces = tuple(pieces)
    span._.speaker = found.speaker
    span._.speaker_description = found.description
    span._.cue = found.cue
    return span


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects, or those of the verb it hangs from ("likes to remind", "said and
    added"); names first, as a parse may give "scientist" and "Walker" both as subjects."""
    token = verb
    for _ in range(3):
        subjects = [child for child in token.children if child.dep_ in _SUBJECTS]
        if subjects:
            return sorted(subjects, key=lambda subject: (subject.ent_type_ != "PERSON", subject.pos_ != "PROPN"))
        if token.dep_ not in ("xcomp", "conj") or token.head is token:
            return []
        token = token.head
    return []


def _is_imperative(verb: Token) -> bool:
    """True for a bare base-form verb opening its clause: "Say:", "Try asking"."""
    return verb.tag_ == "VB" and not any(child.dep_ in ("aux", "mark") for child in verb.children)


def _of_object(noun: Token) -> Token | None:
    of = next((child for child in noun.children if child.lower_ == "of"), None)
    return next((child for child in of.children if child.dep_ == "pobj"), None) if of is not None else None


def _cue_text(verb: Token, needs: str | None = None) -> str:
    """The verb with the verb it hangs from, its particle, the object it needs or the listener it is
    said to: "likes to remind", "points out", "puts it", "told me"."""
    words = [verb]
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB" and 0 < verb.i - verb.head.i <= 2:
        words += list(verb.doc[verb.head.i : verb.i])
    words += [child for child in verb.rights if child.dep_ == "prt" or child.lower_ == needs
              or (child.dep_ in ("dobj", "dative") and child.lower_ in ("me", "us"))]
    return " ".join(token.text for token in sorted(words, key=lambda token: token.i))


def _lead_in(doc: Doc, sentence: Span) -> Span | None:
    """The sentence before, when it ends in a colon that hands over to this one."""
    previous = _previous_sentence(doc, sentence)
    if previous is None:
        return None
    last = next((token for token in reversed(previous) if not token.is_space), None)
    return previous if last is not None and last.text == ":" else None


def _previous_sentence(doc: Doc, sentence: Span) -> Span | None:
    position = sentence.start - 1
    while position >= 0 and doc[position].is_space:
        position -= 1
    return doc[position].sent if position >= 0 else None


def _next_sentence(doc: Doc, sentence: Span) -> Span | None:
    position = sentence.end
    while position < len(doc) and doc[position].is_space:
        position += 1
    return doc[position].sent if position < len(doc) else None


def _line_after_block(doc: Doc, quote: Span, position: int) -> bool:
    """True when `position` opens the paragraph right after one the quotation ends."""
    return any("\n" in token.text for token in doc[quote.end : position] if token.is_space)


def _fills_block(doc: Doc, quote: Span) -> bool:
    """True when nothing but marks and punctuation stand beside the quotation in its paragraph."""
    start, end = quote.start, quote.end
    while start > 0 and not (doc[start - 1].is_space and "\n" in doc[start - 1].text):
        start -= 1
        if not doc[start].is_punct:
            return False
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        if not doc[end].is_punct:
            return False
        end += 1
    return True


def _line_end(doc: Doc, start: int) -> int:
    position = start
    while position < len(doc) and not ("\n" in doc[position].text and doc[position].is_space):
        position += 1
    return position


def _clean_name(span: Span) -> str:
    """The name without a leading article or honorific, a trailing possessive or punctuation."""
    tokens = list(span)
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].lower_ in _HONORIFICS
                      or tokens[0].lower_ in _ROLE_WORDS or tokens[0].text in ("-", "and")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct and tokens[-1].text != "."):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return span.doc[tokens[0].i : tokens[-1].i + 1].text


def _honorific(span: Span) -> str | None:
    doc = span.doc
    first = span.start
    for token in (doc[first], doc[first - 1] if first > 0 else None):
        if token is not None and token.lower_ in _HONORIFICS:
            return token.text
    return None


def _description(name: Span) -> str | None:
    """What the page says of the person next to their name: an honorific, the words before it in
    its noun phrase ("the sleep scientist", "my friend"), and what follows it after a comma and
    hangs from it in the parse (appositives, "who ..." clauses)."""
    return _joined([_honorific(name), _words_before(name), _words_after(name)])


def _words_before(name: Span) -> str | None:
    doc = name.doc
    start = name.start
    while start > 0 and doc[start - 1].lower_ in _HONORIFICS:
        start -= 1
    end = start
    opening = doc[name.start].sent.start if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else 0
    while start > opening and _describes(doc[start - 1]):
        start -= 1
    while start < end and doc[start].pos_ == "DET" and doc[start].lower_ in ("a", "an"):
        start += 1
    return doc[start:end].text if any(token.pos_ in ("NOUN", "ADJ", "PROPN") for token in doc[start:end]) else None


def _describes(token: Token) -> bool:
    """True for a word of a noun phrase before a name: "the", "famous", "sleep", "expert", "our",
    "frugal-living", "registered", "author and"."""
    if token.tag_ == "HYPH":
        return not token.whitespace_
    if token.is_quote or token.is_punct or token.is_space:
        return False
    if token.pos_ == "CCONJ":
        return token.i > 0 and token.doc[token.i - 1].pos_ in ("NOUN", "ADJ")
    return token.pos_ in ("NOUN", "ADJ", "DET", "NUM") or token.tag_ in ("PRP$", "POS") \
        or token.dep_ in ("amod", "compound", "poss") or (token.pos_ == "PROPN" and token.lower_ not in _HONORIFICS)


def _words_after(name: Span) -> str | None:
    doc = name.doc
    if name.end >= len(doc) or doc[name.end].text != ",":
        return None
    stop = min(max(token.right_edge.i for token in name) + 1, doc[name.start].sent.end, name.end + _MAX_DESCRIPTION)
    words = []
    for token in doc[name.end + 1 : stop]:
        if token.is_quote or token.is_space:
            break
        words.append(token)
    return doc[words[0].i : words[-1].i + 1].text.strip(" ,;:.") if words else None


def _joined(parts: list[str | None]) -> str | None:
    """The parts joined by commas, each once: a part another part holds is left out."""
    stripped = [part.strip(" ,") for part in parts if part and part.strip(" ,")]
    kept = [part for position, part in enumerate(stripped)
            if not any(part in other and (part != other or earlier < position)
                       for earlier, other in enumerate(stripped) if earlier != position)]
    return ", ".join(kept) or None
