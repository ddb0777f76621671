"""People in a phrase: the capitalised name, the honorific before it, and the words describing them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HONORIFIC = re.compile(r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Rev|Sir|Dame|Rabbi|Father|Sister)\.?$")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ]*[A-Za-zà-ÿ'’\-]*[a-zà-ÿ]|[A-Z]\.|[A-Z][a-z]?[A-Z][a-z]+)$")
_PARTICLE = re.compile(r"^(?:de|van|von|der|den|ten|ter|da|dos|das|del|della|di|du|la|le|bin|al|ibn|st\.)$")
# Capitalised words that open sentences or name roles, never the first word of a person's name.
_NOT_NAME = frozenset(
    "As The A An In On At But And Or So Yet Now Still Like According When While If Then This That These "
    "Those It Its He She They We You I My Our Your His Her Their One Another Here There Even Also Once "
    "Psychologist Therapist Author Coach Expert Professor Doctor Researcher Writer Counselor Counsellor "
    "Psychiatrist Sociologist Anthropologist Neuroscientist Philosopher Poet Novelist Journalist Founder "
    "Clinical Licensed Relationship Marriage Family Dating Life Harvard Stanford Yale Oxford".split()
)
_PRONOUN = re.compile(r"^(?:he|she|they)$", re.IGNORECASE)
_LEADING_DISCOURSE = re.compile(r"^(?:(?:as|and|but|so|or|yet|now|still|like|here's how|here is how)(?:\s+|$))+",
                                re.IGNORECASE)
_TRAILING_PUNCTUATION = " ,;:.!?"
_ADVERB = re.compile(r"^(?:[a-z]+ly|once|also|has|have|had|often|always|even|then|later|best|well|again)$")


@dataclass(frozen=True, slots=True)
class Person:
    """A named person and what the phrase naming them says about them."""

    name: str
    description: str | None


def is_pronoun(word: str) -> bool:
    """True for the subject pronouns a quote's cue may carry instead of a name ("she says")."""
    return bool(_PRONOUN.match(word))


def person_ending(phrase: str) -> Person | None:
    """The person a phrase ends with, with the words before the name as description.

    "As the famous relationship expert Dr. John Gottman" -> John Gottman, "Dr., the famous
    relationship expert". The phrase may end in appositives set off by commas:
    "Dr. Helen Fisher, an anthropologist and expert on love" -> Helen Fisher, "Dr., an
    anthropologist and expert on love".
    """
    chunks = [chunk.strip() for chunk in phrase.strip(_TRAILING_PUNCTUATION).split(",")]
    chunks[-1] = _without_adverbs(chunks[-1])
    if not chunks[-1] and len(chunks) > 1:
        chunks.pop()
    appositives: list[str] = []
    while chunks:
        chunk = chunks.pop()
        found = _name_at_end(chunk)
        if found is not None:
            return _person(found, appositives)
        if not chunk or chunk[0].isupper() and chunk.split()[0] not in ("A", "An", "The"):
            return None
        appositives.insert(0, chunk)
    return None


def person_starting(phrase: str) -> Person | None:
    """The person a phrase starts with: "Dr. Jane Smith, a therapist in Ohio" or "psychologist Guy Winch".

    A name inside a longer clause ("Corrie ten Boom in a line often shared") counts when it has
    two words or an honorific; the appositive after a comma counts only when the name ends the clause.
    """
    head, _, tail = phrase.strip(_TRAILING_PUNCTUATION).partition(",")
    words = _words(head)
    for end in range(1, len(words) + 1):
        found = _name_at_end(" ".join(words[:end]))
        if found is None or _name_goes_on(words, end):
            continue
        if end == len(words):
            appositive = tail.strip(_TRAILING_PUNCTUATION)
            return _person(found, [appositive] if appositive else [])
        if len(found[1].split()) >= 2 or found[2]:
            return _person(found, [])
    return None


def _name_goes_on(words: list[str], end: int) -> bool:
    """True when the name ending before `end` continues: "Corrie" in "Corrie ten Boom"."""
    if end >= len(words):
        return False
    following = words[end]
    if _PARTICLE.match(following):
        return end + 1 < len(words) and bool(_NAME_TOKEN.match(words[end + 1]))
    return bool(_NAME_TOKEN.match(following)) and following not in _NOT_NAME


def last_person_mentioned(text: str) -> str | None:
    """The last name of two or more words in `text` (whom a following "she says" refers to)."""
    words = _words(re.sub(r"[,;:!?()“”\"]|\.(?=\s|$)(?<!\b[A-Z]\.)(?<!\bDr\.)", " ", text))
    for end in range(len(words), 0, -1):
        found = _name_at_end(" ".join(words[:end]))
        if found is not None and len(found[1].split()) >= 2:
            return found[1]
    return None


def _without_adverbs(chunk: str) -> str:
    """The chunk without the one or two lowercase words between a speaker and the cue ("once")."""
    words = _words(chunk)
    tail = 0
    while tail < min(2, len(words)) and _ADVERB.match(words[len(words) - 1 - tail]):
        tail += 1
    if tail == 0:
        return chunk
    if tail < len(words) and _name_at_end(" ".join(words[: len(words) - tail])) is None:
        return chunk
    return " ".join(words[: len(words) - tail])


def _person(found: tuple[str, str, str], appositives: list[str]) -> Person:
    before, name, honorific = found
    before = _LEADING_DISCOURSE.sub("", before).strip(_TRAILING_PUNCTUATION)
    parts = [part for part in (honorific, before, *appositives) if part]
    return Person(name=name, description=", ".join(parts) or None)


def _name_at_end(chunk: str) -> tuple[str, str, str] | None:
    """(words before the name, the name, its honorific) when `chunk` ends with a name."""
    words = _words(chunk)
    start = len(words)
    while start > 0 and _is_name_word(words[start - 1], words[start:]):
        start -= 1
    name_words = words[start:]
    while name_words and _PARTICLE.match(name_words[0]):
        name_words, start = name_words[1:], start + 1
    if not name_words or not _NAME_TOKEN.match(name_words[-1]) or name_words[-1].endswith("."):
        return None
    honorific = ""
    if start > 0 and _HONORIFIC.match(words[start - 1]):
        honorific, start = words[start - 1], start - 1
    elif len(name_words) == 1 and start > 0 and words[start - 1][:1].isupper():
        return None
    return " ".join(words[:start]), " ".join(name_words), honorific


def _is_name_word(word: str, after: list[str]) -> bool:
    if _HONORIFIC.match(word) or word in _NOT_NAME:
        return False
    if _PARTICLE.match(word):
        return bool(after)
    return bool(_NAME_TOKEN.match(word)) and len(after) < 4


def _words(text: str) -> list[str]:
    return text.split()
