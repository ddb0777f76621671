"""People in a phrase: the capitalised name, the honorific before it, and the words describing them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HONORIFIC = re.compile(
    r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Rev|Sir|Dame|Rabbi|Father|Sister|Rep|Sen|Gov|Gen|Col|Capt|Lt|Sgt|Adm"
    r"|Hon|President|Secretary|Senator|Governor|Mayor|Judge|Justice|Chancellor|Minister|Coach|Pastor|Bishop)\.?$"
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ]*[A-Za-zà-ÿ'’\-]*[a-zà-ÿ]|[A-Z]\.|[A-Z][a-z]?[A-Z][a-z]+)$")
_PARTICLE = re.compile(r"^(?:de|van|von|der|den|ten|ter|da|dos|das|del|della|di|du|la|le|bin|al|ibn|st\.)$")
# Capitalised words that open sentences or name roles, never the first word of a person's name.
_NOT_NAME = frozenset(
    "As The A An In On At But And Or So Yet Now Still Like According When While If Then This That These "
    "Those It Its He She They We You I My Our Your His Her Their One Another Here There Even Also Once "
    "Psychologist Therapist Author Coach Expert Professor Doctor Researcher Writer Counselor Counsellor "
    "Psychiatrist Sociologist Anthropologist Neuroscientist Philosopher Poet Novelist Journalist Founder "
    "Clinical Licensed Relationship Marriage Family Dating Life Harvard Stanford Yale Oxford Every Each Some "
    "Many Most All No Why What How Who Where Which After Before During For From With Without Last Next First "
    "Today Teacher Teachers Step Tip".split()
)
# Capitalised job titles ("Team Leader", "Vice President") that stand before a name, never in it.
_ROLE_WORDS = frozenset(
    "Team Leader Director Manager Chief Officer Executive CEO CFO COO CTO Chair Chairman Chairwoman Spokesperson "
    "Spokesman Spokeswoman Analyst Editor Reporter Correspondent Head Vice Deputy Senior Associate Assistant "
    "General Co-founder Partner Member Commissioner Ambassador Representative Councilman Councilwoman Attorney "
    "Agent Scientist Engineer Astronaut Administrator Captain Superintendent Principal Dean Provost Sheriff "
    "Officer Trooper Lawyer Economist Strategist Adviser Advisor Consultant Designer Producer Actor Actress "
    "Speaker Leader Whip Inc Ltd LLC Corp Co PLC GmbH".split()
)
# A name after one of these is a place or an organisation in a description ("director at Google").
_PREPOSITION = re.compile(r"^(?:of|at|for|in|from|with|on|by|to)$")
_PRONOUN = re.compile(r"^(?:he|she|they)$", re.IGNORECASE)
_LEADING_DISCOURSE = re.compile(r"^(?:(?:as|and|but|so|or|yet|now|still|like|here's how|here is how)(?:\s+|$))+",
                                re.IGNORECASE)
# Words before a name that make them a clause ("When I interviewed"), not a description ("Barista trainer").
_CLAUSE_WORDS = re.compile(r"\b(?:I|we|you|me|us|when|while|after|if|because|since|until|once)\b", re.IGNORECASE)
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
    for position, chunk in enumerate(chunks):
        found = _name_at_end(chunk)
        appositives = chunks[position + 1 :]
        if found is not None and all(_is_appositive(later) for later in appositives):
            return _person(found, appositives)
    return None


def _is_appositive(chunk: str) -> bool:
    """A comma-set description: "an anthropologist", "director for games at Google", "NASA's chief"."""
    first = chunk.split()[0] if chunk.split() else ""
    return (first[:1].islower() or first in ("A", "An", "The") or first.rstrip(".") in _ROLE_WORDS
            or bool(_HONORIFIC.match(first)) or bool(re.search(r"['’]s$", first)))


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


def _inner_particle(words: list[str], index: int) -> bool:
    """True for "ten" in "Corrie ten Boom": a particle with a name after it."""
    return bool(_PARTICLE.match(words[index])) and _name_goes_on(words, index)


def _name_goes_on(words: list[str], end: int) -> bool:
    """True when the name ending before `end` continues: "Corrie" in "Corrie ten Boom"."""
    if end >= len(words):
        return False
    following = words[end]
    if _PARTICLE.match(following):
        return end + 1 < len(words) and bool(_NAME_TOKEN.match(words[end + 1]))
    return bool(_NAME_TOKEN.match(following)) and following not in _NOT_NAME


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
    before = "" if before.lower() in ("a", "an", "the") or _CLAUSE_WORDS.search(before) else before
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
    elif len(name_words) == 1 and start > 0 and words[start - 1][:1].isupper() and not _opens_clause(words, start):
        return None
    if start > 0 and _PREPOSITION.match(words[start - 1]):
        return None
    return " ".join(words[:start]), " ".join(name_words), honorific


def _opens_clause(words: list[str], start: int) -> bool:
    """True for a surname right after the clause's opening word: "As Gottman", "But Perel"."""
    return start == 1 and bool(_LEADING_DISCOURSE.match(words[0]))


def _is_name_word(word: str, after: list[str]) -> bool:
    """True when `word` can stand in a name ending with the words `after` it (three words at most)."""
    if _HONORIFIC.match(word) or word in _NOT_NAME or word in _ROLE_WORDS:
        return False
    if _PARTICLE.match(word):
        return bool(after)
    return bool(_NAME_TOKEN.match(word)) and len(after) < 3


def _words(text: str) -> list[str]:
    return text.split()


def name_runs(words: list[str]) -> list[tuple[int, int, str]]:
    """(first word, word after the last, name) of every name in a clause's words, honorifics left out."""
    runs, index = [], 0
    while index < len(words):
        end = index
        while end < len(words) and (_is_name_word(words[end], []) or (end > index and _inner_particle(words, end))):
            end += 1
        if index == 0 and end > index + 1 and words[0].endswith("ing"):
            index += 1  # a sentence-opening gerund ("Hosting Cook, ...") is not a first name
        if end > index and _NAME_TOKEN.match(words[end - 1]) and not words[end - 1].endswith("."):
            start = index - 1 if index > 0 and _HONORIFIC.match(words[index - 1]) else index
            runs.append((start, end, " ".join(words[max(index, end - 3) : end])))
        index = max(end, index + 1)
    return runs
