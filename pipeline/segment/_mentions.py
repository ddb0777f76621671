"""Whom "he said" and a bare surname point to: the people the article named before the quote."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.segment._people import name_runs

_SPEECH_VERB = re.compile(
    r"^(?:says|said|told|tells|writes|wrote|explains|explained|adds|added|notes|noted|asks|asked|recalls|recalled"
    r"|argues|argued|warns|warned|continues|continued|testified|testifies)$"
)
_DISCOURSE = frozenset("Yet But And So Still Meanwhile However Then Now Later Instead".split())
_SOFT_PUNCTUATION = "'’\""
_CLAUSE_END = re.compile(r"[,;:!?)”\"]$|(?<![A-Z])(?<!Dr)(?<!Mr|Ms|St)(?<!Mrs)\.$")
_CLAUSE_START = re.compile(r"^[(“\"]")
_ABBREVIATIONS = frozenset(("Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Jr.", "Sr."))
_SENTENCE_END = re.compile(r"[.!?][)”\"’]*$")


@dataclass(frozen=True, slots=True)
class _Clause:
    """The names of one clause, in order; `opens` when the clause starts a sentence."""

    names: tuple[str, ...]
    speakers: tuple[str, ...]
    opens: bool


class PeopleIndex:
    """The first full name the article gives each surname, and the block it is given in.

    Articles name a person in full once, then by surname ("Gottman says"); the first mention is
    the one to widen a surname to.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._first: dict[str, tuple[int, str]] | None = None

    def widen(self, name: str, block: int, prefix: str) -> str:
        """`name` in full when the article named it in full before `prefix` of `block`: by surname
        ("Gottman"), or by a given name that only one of the people named in full has ("Dan")."""
        if " " in name:
            return name
        first = self._first_mentions().get(name)
        if first is None or first[0] > block:
            return name
        if first[0] < block or any(first[1] in clause.names for clause in _clauses_of(prefix)):
            return first[1]
        return name

    def _first_mentions(self) -> dict[str, tuple[int, str]]:
        """Surname, and unambiguous given name, -> (block, full name) of the first full mention;
        read once, when first needed. A surname wins over a given name spelled the same."""
        if self._first is None:
            surnames: dict[str, tuple[int, str]] = {}
            given: dict[str, set[tuple[int, str]]] = {}
            for block, text in enumerate(self._texts):
                for clause in _clauses_of(text):
                    for name in clause.names:
                        if " " in name:
                            surnames.setdefault(name.rsplit(" ", 1)[1], (block, name))
                            given.setdefault(name.split(" ", 1)[0], set()).add((block, name))
            unique = {first: min(mentions) for first, mentions in given.items()
                      if len({full for _, full in mentions}) == 1}
            self._first = {**unique, **surnames}
        return self._first


def referent(context: str, widen: Callable[[str], str]) -> str | None:
    """The person a pronoun cue refers to: the last speaker or sentence subject `context` names.

    A clause's speaker ("said Buser", even a surname never given in full) comes first; else, in
    a clause that opens a sentence, its first name that widens to a full name ("Sleep
    researcher Andrew Ng explained", "Netanyahu visited ...").
    """
    clauses = _clauses_of(context)
    for clause in reversed(clauses):
        if clause.speakers:
            return widen(clause.speakers[-1])
        for name in clause.names if clause.opens else ():
            full = widen(name)
            if " " in full:
                return full
    return next((name for clause in reversed(clauses) for name in reversed(clause.names) if " " in name), None)


def _clauses_of(text: str) -> list[_Clause]:
    clauses = []
    for words, opens in _clauses(text):
        runs = name_runs(words)
        speakers = tuple(name for start, end, name in runs if _next_to_speech_verb(words, start, end))
        clauses.append(_Clause(tuple(name for _, _, name in runs), speakers, opens))
    return clauses


def _next_to_speech_verb(words: list[str], start: int, end: int) -> bool:
    """True for a name just before or after "said" ("Buser said", "says Buser")."""
    after = end < len(words) and bool(_SPEECH_VERB.match(words[end]))
    return after or (start > 0 and bool(_SPEECH_VERB.match(words[start - 1])))


def _clauses(text: str) -> list[tuple[list[str], bool]]:
    """The text's words cut at punctuation into clauses, with whether each clause opens a sentence."""
    clauses: list[tuple[list[str], bool]] = []
    current: list[str] = []
    opens_sentence = True
    for token in text.split():
        if _CLAUSE_START.match(token) and current:
            clauses.append((current, opens_sentence))
            current, opens_sentence = [], False
        word = _bare_word(token)
        if word:
            current.append(word)
        if _CLAUSE_END.search(token):
            clauses.append((current, opens_sentence))
            current, opens_sentence = [], bool(_SENTENCE_END.search(token))
    return [*clauses, (current, opens_sentence)] if current else clauses


def _bare_word(token: str) -> str:
    """The token without quotation marks, clause punctuation or a possessive 's."""
    word = token.strip("(“”\"),;:!?").rstrip(_SOFT_PUNCTUATION)
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word if _keeps_full_stop(word) else word.rstrip(".")


def _keeps_full_stop(word: str) -> bool:
    return word in _ABBREVIATIONS or (len(word) == 2 and word[0].isupper() and word[1] == ".")
