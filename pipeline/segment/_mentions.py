"""Whom "he said" and a bare surname point to: the people the article named before the quote."""

from __future__ import annotations

import re
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
_SENTENCE_END = re.compile(r"[.!?][)”\"’]*$")


@dataclass(frozen=True, slots=True)
class _Clause:
    """The names of one clause, in order; `opens` when the clause starts a sentence."""

    names: tuple[str, ...]
    speakers: tuple[str, ...]
    opens: bool


def referent(context: str, history: str) -> str | None:
    """The person a pronoun cue refers to: the last speaker or sentence subject `context` names.

    A clause's speaker ("said Buser", even a surname never given in full) comes first; else, in a clause that opens a sentence, its
    first name that resolves to a full name ("Sleep researcher Andrew Ng explained", "Netanyahu
    visited ..."). `history` is the article before the quote, where surnames are widened.
    """
    clauses = _clauses_of(context)
    for clause in reversed(clauses):
        if clause.speakers:
            return full_name(clause.speakers[-1], history)
        for name in clause.names if clause.opens else ():
            full = full_name(name, history)
            if " " in full:
                return full
    return next((name for clause in reversed(clauses) for name in reversed(clause.names) if " " in name), None)


def full_name(name: str, history: str) -> str:
    """A surname alone ("Gottman") widened to the first full name ending in it in `history`.

    The first mention is where articles give a person's full name; later ones shorten it.
    """
    if " " in name:
        return name
    for clause in _clauses_of(history):
        for candidate in clause.names:
            if candidate.endswith(" " + name):
                return candidate
    return name


def _clauses_of(text: str) -> list[_Clause]:
    clauses = []
    for words, opens in _clauses(text):
        runs = name_runs(words)
        speakers = tuple(
            name for start, end, name in runs
            if (end < len(words) and _SPEECH_VERB.match(words[end])) or (start > 0 and _SPEECH_VERB.match(words[start - 1]))
        )
        clauses.append(_Clause(tuple(name for _, _, name in runs), speakers, opens))
    return clauses


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
    word = re.sub(r"['’]s$", "", word)
    return word if _keeps_full_stop(word) else word.rstrip(".")


def _keeps_full_stop(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.|Dr\.|Mr\.|Mrs\.|Ms\.|St\.|Jr\.|Sr\.", word))
