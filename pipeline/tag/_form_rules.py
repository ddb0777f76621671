"""The rules that read an advice form off one sentence.

Forms, strongest first: a negated imperative or second-person "should not" is a prohibition; an
imperative main verb is a directive ("try" and "consider" soften it to a suggestion); obligation
and recommendation phrasings ("you need to", "it's important to", "the best thing you can do",
"spending time with others is vital") are suggestions; a question put to the reader (not a tag
question, a verbless fragment, a Title Case heading, a request for advice or a question that sets
up the text) is a question. A label before a colon ("Step 2: Give them space") does not count as
the verb's subject. An imperative about the site itself ("Click the link below", "Read on") is no
advice at all.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipeline.model import AdviceForm
from pipeline.tag._suggestions import gerund_is_important

# How sure each rule is that a sentence with that form is advice; the detector refines these.
RULE_SCORES: dict[AdviceForm, float] = {
    "prohibition": 0.9,
    "directive": 0.85,
    "suggestion": 0.8,
    "question": 0.6,
}

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
PROHIBITIVE_VERBS = frozenset({"avoid", "stop", "quit", "refrain", "resist"})
SOFT_VERBS = frozenset({"try", "consider"})
LABEL_SEPARATORS = frozenset({":", "—", "–", ")", "-"})
# Words after which a base-form verb may start an imperative clause ("If you can, take ...").
CLAUSE_OPENERS = frozenset(
    {",", ";", '"', "“", "(", "and", "or", "but", "so", "then", "instead", "please", "do", "n't", "n’t", "not"}
) | LABEL_SEPARATORS
LEADING_TAGS = frozenset({"RB", "UH", "CC", "``", "''", ",", ":", "-LRB-", "HYPH", "NFP", "LS"})
# What follows a sentence-opening verb the tagger misread as a noun ("Label four boxes", "Stick to it").
OBJECT_STARTS = frozenset({"DT", "PRP$", "PRP", "CD", "RP", "PDT"})
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
MISREAD_VERB_TAGS = frozenset({"NN", "NNP", "NNS", "JJ", "VBN", "VBD"})
PARTICLES = frozenset({"to", "up", "down", "out", "off", "aside", "away", "back"})
NEGATIONS = frozenset({"not", "n't", "n’t", "never"})
TAG_QUESTION_WORDS = frozenset({"right", "ok", "okay", "no", "eh", "huh", "yes", "yeah"})
# A site's calls to action ("Click the link below", "Grab my free guide", "Read on") are imperatives
# about the page, not advice: a navigation verb with a word pointing at the site, or a verb that
# only says to keep reading.
NAVIGATION_VERBS = frozenset({"click", "tap", "download", "subscribe", "grab", "join", "check", "sign", "read", "learn",
                              "visit", "follow", "share", "watch", "listen", "schedule", "book", "register", "enroll"})
SITE_POINTERS = frozenset(
    {"here", "below", "above", "link", "button", "my", "our", "us", "article", "post", "series", "newsletter",
     "ebook", "e-book", "demo", "webinar", "podcast", "episode", "channel", "comments", "instagram", "facebook",
     "twitter", "youtube", "tiktok", "pinterest", "linkedin"}
)
READ_ON = frozenset({("read", "on"), ("keep", "reading"), ("stick", "around"), ("learn", "more"), ("read", "more")})
# A question asking for advice or a verdict ("Should I have?", "Do you think I was wrong?") is the
# writer (or a letter to a columnist) asking, not a question put to the reader.
ASKS_FOR_ADVICE = re.compile(r"\b(?:should i|do you think|am i (?:right|wrong)|how (?:can|do|should) i)\b", re.IGNORECASE)
# Questions that set up what the article says next, not ones the reader is to answer: "Why does
# it seem...?", "So how do you get there?", "Ready to start?", "Sound familiar?".
SETS_UP_THE_TEXT = re.compile(
    r"^\W*(?:(?:and|so|but|or),?\s+)?(?:why\b(?!\s+(?:do|did|are|were|would|should|have|might)\s+you\b)"
    r"|(?:are you\s+)?ready\b|sounds? familiar)"
    r"|\bhow (?:do|can|could|would) you (?!feel\b)",
    re.IGNORECASE,
)


def needs_parse(sentence: Span) -> bool:
    """True when only the parse can tell whether the sentence is imperative.

    A base-form verb opening a clause may be an imperative; when it opens the sentence itself
    (after adverbs or a label) nothing can stand before it as its subject, so the tags settle it.
    """
    if _opening_imperative(sentence) is not None:
        return False
    if _opens_with_noun_before_preposition(sentence):
        return True
    clause_start = True
    for token in sentence:
        if token.is_space:
            continue
        if clause_start and token.tag_ in ("VB", "VBP"):
            return True
        clause_start = token.lower_ in CLAUSE_OPENERS or clause_start and token.tag_ in ("RB", "UH", "CD")
    return False


def sentence_form(
    sentence: Span, suggestion_starts: list[int], parsed: Span | None, verbs: frozenset[str]
) -> AdviceForm | None:
    """The advice form of one sentence, or None when it gives no advice.

    `suggestion_starts` are the token indices where a suggestion phrasing (see _suggestions)
    begins in the sentence; `parsed` is the sentence with a dependency parse, None when the tags
    settle it (see needs_parse); `verbs` are the base forms of English verbs, to catch a
    sentence-opening verb the tagger misread.
    """
    if sentence.text.rstrip().endswith("?"):
        return "question" if _asks_the_reader(sentence) else None
    imperative = _opening_imperative(sentence)
    if imperative is None and parsed is not None:
        imperative = _imperative_form(parsed)
    if imperative is None and _opens_with_misread_verb(sentence, verbs, parsed):
        imperative = "directive"
    if imperative is not None:
        return None if _is_call_to_action(sentence) else imperative
    if suggestion_starts:
        return "prohibition" if _negated_after(sentence.doc[suggestion_starts[0]:], limit=4) else "suggestion"
    return "suggestion" if gerund_is_important(sentence) else None


def rules_out(sentence: Span) -> bool:
    """Whether the rules know the sentence is no advice, whatever a detector says: a question not
    put to the reader (a tag question, a set-up, a request for advice, a heading) or an imperative
    about the site itself (a call to action)."""
    if sentence.text.rstrip().endswith("?"):
        return not _asks_the_reader(sentence)
    return _is_call_to_action(sentence)


def _opening_imperative(sentence: Span) -> AdviceForm | None:
    """The form of a sentence that opens with a base-form verb ("Give them space", "Don't force it")."""
    first = _first_word(sentence)
    if first is None or first.tag_ != "VB" or first.lower_ == "let" and _next_is_us(first):
        return None
    negated = any(token.lower_ in NEGATIONS for token in sentence.doc[sentence.start:first.i])
    verb = first
    if first.lower_ == "do" and first.i + 1 < sentence.end and sentence.doc[first.i + 1].lower_ in NEGATIONS:
        negated = True
        verb = next((token for token in sentence.doc[first.i + 2:sentence.end] if token.tag_ == "VB"), first)
    if negated or verb.lemma_ in PROHIBITIVE_VERBS:
        return "prohibition"
    return "suggestion" if verb.lemma_ in SOFT_VERBS else "directive"


def _imperative_form(parsed: Span) -> AdviceForm | None:
    for verb in _clause_heads(parsed):
        if _is_imperative(verb):
            if _is_negated(verb) or verb.lemma_ in PROHIBITIVE_VERBS:
                return "prohibition"
            return "suggestion" if verb.lemma_ in SOFT_VERBS else "directive"
    return None


def _clause_heads(sentence: Span) -> list[Token]:
    """The root, its coordinated verbs, and a verb opening the sentence ("Remember, ...").

    Verbs coordinated with a root that has a subject or a modal share them ("You check your
    balance and close the app"), so they count only under a root that has neither.
    """
    root = sentence.root
    heads = [root]
    if root.pos_ in ("VERB", "AUX") and not any(child.dep_ in SUBJECT_DEPS or child.tag_ == "MD" for child in root.children):
        heads += [token for token in root.children if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")]
    opening = _first_word(sentence)
    if opening is not None and opening not in heads and opening.pos_ == "VERB":
        heads.append(opening)
    return heads


def _first_word(sentence: Span) -> Token | None:
    """The first token past leading adverbs, punctuation and a label ("Step 2:", "TL;DR:")."""
    start = sentence.start
    label_end = _label_end(sentence)
    if label_end is not None:
        start = label_end + 1
    return next((token for token in sentence.doc[start:sentence.end] if token.tag_ not in LEADING_TAGS), None)


def _label_end(sentence: Span) -> int | None:
    """Where a short leading label ends: a separator among the first four tokens."""
    return next((token.i for token in sentence[:4] if token.text in LABEL_SEPARATORS and token.i > sentence.start), None)


def _is_imperative(verb: Token) -> bool:
    if verb.tag_ not in ("VB", "VBP") or verb.lower_ == "let" and _next_is_us(verb):
        return False
    if verb.tag_ == "VBP" and not _opens_clause(verb):
        return False
    label_end = _label_end(verb.sent) if verb.sent.start < verb.i else None
    for child in verb.children:
        is_label = child.tag_ == "CD" or label_end is not None and child.i < label_end < verb.i
        if child.dep_ in SUBJECT_DEPS and not is_label:
            return False
        if child.dep_ in ("aux", "auxpass") and (child.tag_ == "MD" or child.lower_ == "to"):
            return False
    return True


def _opens_clause(verb: Token) -> bool:
    """True when the verb starts its sentence, adverbs aside, or follows an introductory clause.

    The tagger reads many imperatives as present tense (VBP); a VBP verb after a comma is an
    imperative only when what precedes it hangs off it as an adverbial clause or phrase
    ("If you still struggle, talk to your doctor"), not as a subject.
    """
    for token in reversed(verb.doc[verb.sent.start:verb.i]):
        if token.tag_ in ("RB", "UH") or token.lower_ == "do" or token.lower_ in NEGATIONS:
            continue
        if token.lower_ not in CLAUSE_OPENERS:
            return False
        return any(child.i < verb.i and child.dep_ in ("advcl", "prep", "advmod") for child in verb.children)
    return True


def _opens_with_misread_verb(sentence: Span, verbs: frozenset[str], parsed: Span | None) -> bool:
    """A first word that is a verb the tagger read as a noun or adjective, followed by its object.

    Before a preposition ("Focus on the next step") only the parse can tell the verb from a noun
    ("Research on sleep shows ..."): the verb heads the sentence.
    """
    first = _first_word(sentence)
    if first is None or first.i + 1 >= sentence.end or first.tag_ not in MISREAD_VERB_TAGS:
        return False
    following = sentence.doc[first.i + 1]
    if any(token.tag_ in FINITE_TAGS for token in sentence.doc[first.i + 1:min(first.i + 3, sentence.end)]):
        return False  # "Step 3 is ...": the first word was the subject after all
    if first.lower_ not in verbs:
        return False
    if _is_verb_preposition(following):
        return parsed is not None and parsed.root.i - parsed.start == first.i - sentence.start
    if following.lower_ in ("and", "or") and first.i + 2 < sentence.end:
        return sentence.doc[first.i + 2].tag_ == "VB"  # "Research and compare movers"
    return following.tag_ in OBJECT_STARTS or following.lower_ in PARTICLES


def _opens_with_noun_before_preposition(sentence: Span) -> bool:
    first = _first_word(sentence)
    if first is None or first.i + 1 >= sentence.end or first.tag_ not in MISREAD_VERB_TAGS:
        return False
    return _is_verb_preposition(sentence.doc[first.i + 1])


def _is_verb_preposition(token: Token) -> bool:
    """A preposition a verb may take ("focus on", "look for"); "of" and "that" follow nouns."""
    return token.tag_ == "IN" and token.lower_ not in ("of", "that")


def _is_call_to_action(sentence: Span) -> bool:
    """An imperative about the site itself: "Click the link below", "Grab my guide", "Read on"."""
    lemmas = [token.lemma_.lower() for token in sentence]
    if any(pair in READ_ON for pair in zip(lemmas, lemmas[1:])):
        return True
    return any(lemma in NAVIGATION_VERBS for lemma in lemmas) and any(_points_at_a_site(token) for token in sentence)


def _points_at_a_site(token: Token) -> bool:
    """A word naming the page, the site, its media or a social account ("@name", a URL)."""
    return token.lower_ in SITE_POINTERS or token.text.startswith("@") and len(token.text) > 1 or token.like_url


def _is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ == "never" for child in verb.children)


def _negated_after(tokens: Span, limit: int) -> bool:
    return any(token.dep_ == "neg" or token.lower_ in NEGATIONS for token in tokens[:limit])


def _next_is_us(token: Token) -> bool:
    """Whether "let" is followed by "'s" or "’s": the writer proposing ("Let's dig in"), not advising."""
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in ("'s", "’s")


def _asks_the_reader(question: Span) -> bool:
    """A question with a verb, neither a tag question ("..., isn't it?"), a Title Case heading, a
    request for advice nor one that sets up the text."""
    if ASKS_FOR_ADVICE.search(question.text) or SETS_UP_THE_TEXT.search(question.text):
        return False
    words = [token for token in question if token.is_alpha]
    if not any(token.tag_.startswith("VB") or token.tag_ == "MD" for token in question):
        return False
    capitalised = [token for token in words[1:] if token.is_title and token.lower_ != "i"]
    if len(capitalised) >= 2 and len(capitalised) * 2 >= len(words) - 1:
        return False
    return not _is_tag_question(question)


def _is_tag_question(question: Span) -> bool:
    commas = [token.i for token in question if token.text == ","]
    if not commas:
        return False
    tail = [token for token in question.doc[commas[-1] + 1:question.end] if not token.is_punct]
    if not tail or len(tail) > 3:
        return False
    return tail[0].lower_ in TAG_QUESTION_WORDS or tail[0].tag_ in ("VBZ", "VBP", "VBD", "MD")
