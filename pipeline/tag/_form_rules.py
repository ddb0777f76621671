"""The rules that read an advice form off one parsed sentence.

Forms, strongest first: a negated imperative or second-person "should not" is a prohibition; an
imperative main verb is a directive ("try" and "consider" soften it to a suggestion); obligation
and recommendation phrasings ("you need to", "it's important to", "the best thing you can do")
are suggestions; a question that addresses the reader and is not a tag question is a question.
"""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from pipeline.model import AdviceForm

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
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
# Words after which a base-form verb may start an imperative clause ("If you can, take ...").
CLAUSE_OPENERS = frozenset(
    {",", ";", ":", "—", "–", "-", "(", '"', "“", "and", "or", "but", "so", "then", "instead", "please", "do", "n't",
     "not"}
)

_ADVERBS = {"TAG": {"IN": ["RB", "RBR", "RBS"]}, "OP": "*"}
_MODAL = {"TAG": "MD", "OP": "?"}
_IMPORTANT = ["important", "essential", "crucial", "vital", "necessary", "wise", "helpful", "key", "critical",
              "best", "better", "okay", "ok", "healthy", "smart", "good"]
_BEST = ["best", "healthiest", "smartest", "wisest", "first"]
_THINGS = ["thing", "things", "way", "ways", "step", "steps", "choice", "option", "approach", "move"]

SUGGESTION_PATTERNS: dict[str, list[list[dict]]] = {
    "you_should": [
        [{"LOWER": "you"}, _ADVERBS, {"LOWER": {"IN": ["should", "must", "ought"]}}],
        [{"LOWER": "your"}, {"IS_ALPHA": True, "OP": "{1,3}"}, {"LOWER": {"IN": ["should", "must"]}}],
    ],
    "you_need_to": [
        [{"LOWER": "you"}, _MODAL, _ADVERBS, {"LEMMA": {"IN": ["need", "have"]}}, {"LOWER": "to"}],
        [{"LOWER": "you"}, {"LOWER": {"IN": ["might", "may", "'ll", "will"]}}, {"LEMMA": "want"}, {"LOWER": "to"}],
        [{"LOWER": "you"}, {"LOWER": {"IN": ["can", "could", "might"]}}, {"LEMMA": {"IN": ["try", "consider"]}}],
    ],
    "it_is_important": [
        [{"LOWER": "it"}, _MODAL, {"LEMMA": "be"}, _ADVERBS, {"LOWER": {"IN": _IMPORTANT}}, {"LOWER": "to"}],
        [{"LOWER": "it"}, _MODAL, {"LEMMA": "be"}, _ADVERBS, {"LOWER": "worth"}, {"TAG": "VBG"}],
        [{"LOWER": "it"}, _MODAL, {"LEMMA": "be"}, _ADVERBS, {"LOWER": "a"}, {"LOWER": "good"}, {"LOWER": "idea"}],
        [{"LOWER": "it"}, _MODAL, {"LEMMA": "be"}, _ADVERBS, {"LOWER": "time"}, {"LOWER": "to"}],
    ],
    "best_way": [
        [{"LOWER": "the"}, {"LOWER": {"IN": _BEST}}, {"LOWER": {"IN": _THINGS}}],
        [{"LOWER": "the"}, {"LOWER": "most"}, {"LOWER": {"IN": ["important", "effective", "helpful"]}},
         {"LOWER": {"IN": _THINGS}}],
        [{"LOWER": "the"}, {"LOWER": "key"}, {"LOWER": "here", "OP": "?"}, {"LEMMA": "be"}, {"LOWER": "to"}],
    ],
    "i_recommend": [
        [{"LOWER": "i"}, {"LEMMA": {"IN": ["want", "encourage", "urge", "recommend", "suggest", "advise"]}},
         {"LOWER": "you", "OP": "?"}],
    ],
}


def suggestion_matcher(vocab: Vocab) -> Matcher:
    """A Matcher holding every suggestion phrasing, keyed by the names above."""
    matcher = Matcher(vocab)
    for name, patterns in SUGGESTION_PATTERNS.items():
        matcher.add(name, patterns)
    return matcher


def may_be_imperative(sentence: Span) -> bool:
    """True when a base-form verb opens a clause: only then can the parse find an imperative."""
    previous: Token | None = None
    for token in sentence:
        if token.is_space:
            continue
        if token.tag_ in ("VB", "VBP") and (
            previous is None or previous.lower_ in CLAUSE_OPENERS or previous.tag_ in ("RB", "UH")
        ):
            return True
        previous = token
    return False


def sentence_form(sentence: Span, suggestion_starts: list[int], parsed: Span | None) -> AdviceForm | None:
    """The advice form of one sentence, or None when it gives no advice.

    `suggestion_starts` are the token indices where a suggestion phrasing begins in the sentence;
    `parsed` is the sentence with a dependency parse, None when it cannot be imperative.
    """
    if sentence.text.rstrip().endswith("?"):
        return "question" if _asks_the_reader(sentence) else None
    if parsed is not None:
        for verb in _clause_heads(parsed):
            if _is_imperative(verb):
                if _is_negated(verb) or verb.lemma_ in PROHIBITIVE_VERBS:
                    return "prohibition"
                return "suggestion" if verb.lemma_ in SOFT_VERBS else "directive"
    for start in suggestion_starts:
        if _negated_after(sentence.doc[start:], limit=4):
            return "prohibition"
        return "suggestion"
    return None


def _clause_heads(sentence: Span) -> list[Token]:
    root = sentence.root
    return [root, *(token for token in root.children if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))]


def _is_imperative(verb: Token) -> bool:
    if verb.tag_ not in ("VB", "VBP") or verb.lower_ == "let" and _next_is(verb, "'s"):
        return False
    if verb.tag_ == "VBP" and not _starts_clause(verb):
        return False
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return False
        if child.dep_ in ("aux", "auxpass") and (child.tag_ == "MD" or child.lower_ == "to"):
            return False
    return True


def _starts_clause(verb: Token) -> bool:
    """True when only adverbs, interjections or punctuation come before the verb in its clause."""
    return all(token.pos_ in ("ADV", "INTJ", "PUNCT", "CCONJ", "AUX", "PART") for token in verb.doc[verb.left_edge.i:verb.i])


def _is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ == "never" for child in verb.children)


def _negated_after(tokens: Span, limit: int) -> bool:
    return any(token.dep_ == "neg" or token.lower_ in ("not", "n't", "never") for token in tokens[:limit])


def _next_is(token: Token, text: str) -> bool:
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == text


def _asks_the_reader(question: Span) -> bool:
    """A question to the reader names them and is not a tag question ("..., isn't it?")."""
    words = [token for token in question if not token.is_punct]
    if not any(token.lower_ in SECOND_PERSON for token in words):
        return False
    commas = [token.i for token in question if token.text == ","]
    return not commas or question.end - commas[-1] > 5
