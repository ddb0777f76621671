"""Suggestion phrasings: obligation and recommendation wording that makes a sentence advice.

"You need to", "you can also", "parents should", "it's important to", "the best thing you can do",
"one of the most reliable ways", "your job is to", "I encourage you to", "we recommend" are matched by a spaCy Matcher on the tagged doc (no
parse needed); a gerund subject judged important ("Spending time with others is vital") by a
token scan, since the Matcher cannot say "a gerund opens the clause".
"""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Span
from spacy.vocab import Vocab

IMPORTANT = frozenset({"important", "essential", "crucial", "vital", "necessary", "key", "critical", "helpful"})

_ADVERBS = {"TAG": {"IN": ["RB", "RBR", "RBS"]}, "OP": "*"}
_MODAL = {"TAG": "MD", "OP": "?"}
_IT_IS = [{"LOWER": "it"}, _MODAL, {"LEMMA": "be"}, _ADVERBS]
_GOOD_TO = ["important", "essential", "crucial", "vital", "necessary", "wise", "helpful", "key", "critical",
            "best", "better", "okay", "ok", "healthy", "smart", "good", "advisable", "recommended", "acceptable",
            "worthwhile", "useful", "beneficial"]
_BEST = ["best", "healthiest", "smartest", "wisest", "first", "easiest", "simplest"]
_MOST = ["important", "effective", "helpful", "powerful", "reliable", "useful", "valuable"]
# Adverbs that may stand between "you can" and its verb ("You can also browse reviews").
_ALSO = ["also", "always", "even", "then", "still", "easily", "simply", "just", "often", "usually"]
_YOU_CAN = [{"LOWER": {"IN": ["can", "could"]}}, {"LOWER": {"IN": _ALSO}, "OP": "?"}, {"TAG": "VB"}]
_THINGS = ["thing", "things", "way", "ways", "step", "steps", "choice", "option", "approach", "move", "tool"]
# "is" or "are", not "was": a past choice is a story, not a recommendation.
_IS = {"LEMMA": "be", "TAG": {"IN": ["VBZ", "VBP"]}}
_GOOD = ["good", "great", "excellent", "ideal", "smart", "better", "best", "wise", "safe", "solid"]
_CHOICES = ["option", "options", "choice", "choices", "idea", "bet", "pick", "alternative", "alternatives"]
# Who else may be told what they need to do: "parents need to be consistent", "we need to eat less".
_GROUPS = ["we", "people", "everyone", "everybody", "adults", "parents", "kids", "children", "students", "families",
           "travelers", "travellers", "beginners", "owners", "buyers", "readers"]

SUGGESTION_PATTERNS: dict[str, list[list[dict]]] = {
    "you_should": [
        [{"LOWER": "you"}, _ADVERBS, {"LOWER": {"IN": ["should", "must", "ought"]}}],
        [{"LOWER": "your"}, {"IS_ALPHA": True, "OP": "{1,3}"}, {"LOWER": {"IN": ["should", "must"]}}],
    ],
    "you_need_to": [
        [{"LOWER": "you"}, _MODAL, _ADVERBS, {"LEMMA": {"IN": ["need", "have"]}}, {"LOWER": "to"}],
        [{"LOWER": "you"}, {"NORM": {"IN": ["might", "may", "will"]}}, {"LEMMA": "want"}, {"LOWER": "to"}],
        [{"LOWER": "you"}, {"LOWER": {"IN": ["can", "could", "might"]}}, {"LEMMA": {"IN": ["try", "consider"]}}],
        [{"LOWER": "you"}, {"NORM": {"IN": ["will", "might", "may"]}}, {"LEMMA": "need"}],
    ],
    # Only where "you" opens a clause: "the pain you can go through" describes.
    "you_can": [
        [{"IS_SENT_START": True, "LOWER": "you"}, *_YOU_CAN],
        [{"LOWER": {"IN": [",", ";", ":", "and", "but", "so", "then", "or", "also"]}}, {"LOWER": "you"}, *_YOU_CAN],
    ],
    "others_should": [
        [{"TAG": {"IN": ["NNS", "NNPS"]}}, {"LOWER": {"IN": ["should", "must"]}}, {"LOWER": {"NOT_IN": ["have"]}}],
        [{"LOWER": {"IN": ["everyone", "everybody", "anyone", "one"]}}, {"LOWER": "should"}],
        [{"LOWER": {"IN": _GROUPS}}, _ADVERBS, {"LEMMA": {"IN": ["need", "have"]}, "TAG": {"IN": ["VBP", "VBZ"]}},
         {"LOWER": "to"}],
    ],
    "it_is_important": [
        [*_IT_IS, {"LOWER": {"IN": _GOOD_TO}}, {"LOWER": "to"}],
        [*_IT_IS, {"LOWER": "worth"}, {"TAG": "VBG"}],
        [*_IT_IS, {"LOWER": "a"}, {"LOWER": "good"}, {"LOWER": "idea"}],
        [*_IT_IS, {"LOWER": "the", "OP": "?"}, {"LOWER": {"IN": ["perfect", "right", "good", "best"]}, "OP": "?"},
         {"LOWER": "time"}, {"LOWER": "to"}],
    ],
    "best_way": [
        [{"LOWER": "the"}, {"LOWER": {"IN": _BEST}}, {"LOWER": {"IN": _THINGS}}],
        [{"LOWER": "the"}, {"LOWER": "most"}, {"LOWER": {"IN": _MOST}}, {"LOWER": {"IN": _THINGS}}],
        [{"LOWER": "the"}, {"LOWER": {"IN": ["key", "secret", "trick", "goal", "aim"]}}, {"LOWER": "here", "OP": "?"},
         {"LEMMA": "be"}],
        [{"LOWER": "your"}, {"LOWER": {"IN": ["job", "goal", "task", "aim", "priority"]}}, {"LEMMA": "be"},
         {"LOWER": "to"}],
        [{"LEMMA": "work"}, {"LOWER": {"IN": ["best", "better"]}}],
        # "A rail pass is a good option if...", "Canned salmon is another great choice."
        [_IS, _ADVERBS, {"LOWER": {"IN": ["a", "an", "another", "the", "your"]}}, _ADVERBS,
         {"LOWER": {"IN": _GOOD}}, {"LOWER": {"IN": _CHOICES}}],
        [_IS, _ADVERBS, {"LOWER": "all", "OP": "?"}, {"LOWER": {"IN": _GOOD}}, {"LOWER": {"IN": _CHOICES}}],
    ],
    "i_recommend": [
        [{"LOWER": "i"}, {"LEMMA": {"IN": ["want", "encourage", "urge", "recommend", "suggest", "advise"]}},
         {"LOWER": "you", "OP": "?"}],
        [{"LOWER": {"IN": ["i", "we"]}}, _ADVERBS, {"LEMMA": {"IN": ["recommend", "suggest", "advise", "encourage", "urge"]}}],
    ],
}


def suggestion_matcher(vocab: Vocab) -> Matcher:
    """A Matcher holding every suggestion phrasing, keyed by the names above."""
    matcher = Matcher(vocab)
    for name, patterns in SUGGESTION_PATTERNS.items():
        matcher.add(name, patterns)
    return matcher


def gerund_is_important(sentence: Span) -> bool:
    """A gerund subject judged important: "Spending time with others is vital for healing"."""
    tokens = list(sentence)
    opens_with_gerund = any(
        token.tag_ == "VBG" and (index == 0 or tokens[index - 1].text == ",") for index, token in enumerate(tokens)
    )
    if not opens_with_gerund:
        return False
    for index, token in enumerate(tokens):
        if token.lemma_ == "be":
            window = tokens[index + 1:index + 5]
            return any(word.lower_ in IMPORTANT for word in window)
    return False
