"""Attribution frames: who a quotation is given to by the words around its marks.

Before the quote: "X said," / "As X puts it," / "According to X,"; after it: "..., says X",
"..., X said", "... — X"; and the short line under a blockquote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Block
from pipeline.segment._people import Person, is_pronoun, person_ending, person_starting

_VERBS = (
    r"says|said|say|writes|wrote|explains|explained|notes|noted|adds|added|argues|argued|observes|observed"
    r"|recalls|recalled|warns|warned|advises|advised|suggests|suggested|insists|insisted|claims|claimed"
    r"|states|stated|asks|asked|remarks|remarked|quips|quipped|declares|declared|stresses|stressed"
    r"|emphasizes|emphasized|emphasises|emphasised|continues|continued|shares|shared|recommends|recommended"
    r"|agrees|agreed|reports|reported"
    r"|(?:tells|told) (?:me|us|readers|reporters)|reminds us|reminded us|points out|pointed out"
    r"|puts it|put it|sums it up|summed it up"
)
# Verbs that follow their subject but would name the listener, not the speaker, if read before it.
_SUBJECT_VERBS = (
    _VERBS + r"|tells|told|reminds|reminded|replies|replied|answers|answered|admits|admitted|concludes"
    r"|concluded|urges|urged|cautions|cautioned|jokes|joked|likes to say|liked to say|likes to remind"
)
_MANNER = r"(?:\s+it)?(?:\s+(?:best|well|simply|plainly|bluntly|perfectly|succinctly|beautifully|nicely|this way))?"
# "puts it this way in his newsletter:" - a short place or occasion may sit between cue and colon;
# it may end in a quoted title ("writes in her book "Title," "...""), which is no quotation of its own.
_OCCASION = (
    r"(?:\s+(?:in|on|at|during|for)\s+"
    r"(?:[^,:\"“”]{1,40}?(?=\s*[,:])|[^,:\"“”]{0,40}?[\"“][^\"“”]{1,80}[\"”]))?"
)
_CUE_BEFORE = re.compile(rf"\s(?P<cue>{_VERBS}){_MANNER}{_OCCASION}(?:\s+that)?\s*[,:]?\s*$")
# "X told The Morning Post:" - the listener a "told" names before the quote is a publication or a person.
_TOLD_BEFORE = re.compile(
    r"\s(?P<cue>told|tells)\s+(?:the\s+)?[A-Z][\w'’.&\-]*(?:\s+[A-Z][\w'’.&\-]*){0,3}\s*[,:]\s*$"
)
_SOURCE_BEFORE = re.compile(r"(?:^|\s)(?P<cue>according to|in the words of)\s+(?P<who>.+?)\s*[,:]?\s*$", re.I)
_CUE_AFTER = re.compile(rf"^\s*(?P<cue>{_VERBS}|according to)\s+(?P<who>.+)$", re.DOTALL)
_SUBJECT_AFTER = re.compile(rf"^\s*(?:as\s+)?(?P<who>[^\"“”]{{1,120}}?)\s+(?P<cue>{_SUBJECT_VERBS})\b", re.I)
# A frame whose speaker is the writer or the reader ("I asked:", "you might say,", "Try asking,",
# "ask something like"): the quote is their own words or a line to try, and a sentence after it
# ("He admitted ...") is no cue for it. No comma or sentence end may lie between frame and quote.
_OWN_WORDS_BEFORE = re.compile(
    r"(?:\b(?:I|[Ww]e|[Yy]ou)(?:\s+(?:might|could|can|may|should|would|will|then|just|simply|finally|first|once|gently))*"
    r"\s+(?:ask|asked|say|said|tell|told|write|wrote|reply|replied|answer|answered|respond|responded"
    r"|text|texted|add|added|explain|explained|try|tried)"
    r"|(?:^|[,;:—–]\s*|\b(?:then|instead|just|simply|gently|first|or)\s+)(?:[Tt]ry|[Aa]sk|[Ss]ay))\b"
    r"(?:\s+(?:asking|saying|something|things|like))*"
    r"[^\"“”.!?,;]{0,40}[,:]?\s*$"
)
# The sentence after a quotation that ends its own sentence may name who said it: "So says Jane
# Doe.", "That's the advice of Jane Doe, ...", "Jane Doe, a therapist, explains why."
_CUE_NEXT = re.compile(rf"^(?:so\s+)?(?P<cue>{_VERBS})\s+(?P<who>[A-Z].*)$", re.DOTALL | re.IGNORECASE)
_WORDS_OF = re.compile(
    r"^(?:that|this|those|these|such)(?:['’]s|\s+(?:is|are|was|were))\s+(?:the\s+|a\s+)?(?:\w+\s+)?"
    r"(?P<cue>words|advice|view|take|motto|rule|mantra|philosophy|tip)\s+of\s+(?P<who>.+)$",
    re.DOTALL | re.IGNORECASE,
)
_SENTENCE_CLOSED = re.compile(r"[\"”’']?[.!?]?[\"”’']?\s+(?=\S)")
_DASH_AFTER = re.compile(r"^\s*(?:[—–―]|--?|~)\s*(?P<who>\S.*)$", re.DOTALL)
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|Rev|vs|etc|e\.g|i\.e|No)|\b[A-Z])\.$")
_MAX_ATTRIBUTION = 160


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a quotation is given to, the cue that gives it, and where the frame ends in the text."""

    person: Person
    cue: str
    end: int


def attribution(text: str, start: int, end: int) -> Attribution | None:
    """The frame around the quotation at text[start:end], before it if there is one, else after it."""
    opening = _sentence_start(text, start - 1)
    lead = text[opening : start - 1]
    if _OWN_WORDS_BEFORE.search(lead):
        return None
    found = _attribution_before(lead, end) or _attribution_after(text, start, end)
    return found if found is not None else _attribution_next(text, start, end)


def _attribution_before(lead: str, close: int) -> Attribution | None:
    source = _SOURCE_BEFORE.search(lead)
    if source:
        person = person_starting(source.group("who"))
        return Attribution(person, source.group("cue").lower(), close + 1) if person else None
    cue = _CUE_BEFORE.search(lead) or _TOLD_BEFORE.search(lead)
    if cue is None:
        return None
    subject = lead[: cue.start()]
    words = subject.split()
    if words and is_pronoun(words[-1]):
        return Attribution(Person(words[-1], None), cue.group("cue"), close + 1)
    person = person_ending(subject)
    return Attribution(person, cue.group("cue"), close + 1) if person else None


def _attribution_after(text: str, start: int, end: int) -> Attribution | None:
    stop = sentence_end(text, end + 1)
    after = text[end + 1 : stop]
    dash = _DASH_AFTER.match(after)
    if dash:
        person = person_starting(dash.group("who"))
        return Attribution(person, "—", stop) if person else None
    inner = text[start:end].rstrip()
    if not (inner.endswith((",", "?", "!", "—", "–")) or after.startswith(",")):
        return None
    after = after.lstrip(" ,")
    cue = _CUE_AFTER.match(after)
    if cue:
        person = _named_after_cue(cue.group("who"))
        return Attribution(person, cue.group("cue"), stop) if person else None
    subject = _SUBJECT_AFTER.match(after)
    if subject is None:
        return None
    who = subject.group("who")
    if is_pronoun(who):
        return Attribution(Person(who, None), subject.group("cue"), stop)
    person = person_ending(who)
    return Attribution(person, subject.group("cue"), stop) if person else None


def _attribution_next(text: str, start: int, end: int) -> Attribution | None:
    """The speaker a quotation that is a sentence of its own is given by the next sentence, when
    that sentence quotes nothing itself: "So says X.", "That's the advice of X.", "X, a coach,
    explains". A quoted title inside a sentence ("He read "Title." X said nothing.") is not one."""
    if text[_sentence_start(text, start - 1) : start - 1].strip():
        return None
    gap = _SENTENCE_CLOSED.match(text, end + 1) if end < len(text) else None
    if gap is None or not text[start:end].rstrip().endswith((".", "!", "?")) and "." not in text[end : gap.end()]:
        return None
    stop = sentence_end(text, gap.end())
    sentence = text[gap.end() : stop].strip()
    if any(mark in sentence for mark in "“”\""):
        return None
    cue = _CUE_NEXT.match(sentence) or _WORDS_OF.match(sentence)
    if cue is not None:
        person = person_starting(cue.group("who"))
        return Attribution(person, cue.group("cue").lower(), stop) if person else None
    subject = _SUBJECT_AFTER.match(sentence)
    if subject is None:
        return None
    who = subject.group("who")
    person = Person(who, None) if is_pronoun(who) else person_ending(who)
    return Attribution(person, subject.group("cue"), stop) if person else None


def lead_in(text: str) -> Attribution | None:
    """The frame a paragraph ending in a colon sets up for the blockquote after it: "As Dr. Jane
    Smith puts it:", "She explains:"."""
    text = text.rstrip()
    if not text.endswith(":"):
        return None
    return _attribution_before(text[_sentence_start(text, len(text)) :], len(text))


def _named_after_cue(who: str) -> Person | None:
    """The person after "says": "Dr. Jane Smith, a therapist", or "the charity's founder, Amara Osei"."""
    person = person_starting(who)
    if person is not None:
        return person
    role, comma, rest = who.partition(",")
    words = role.split()
    if not comma or not words or not (words[0][0].islower() or words[0] in ("The", "A", "An")):
        return None
    named = person_starting(rest)
    if named is None:
        return None
    return Person(named.name, ", ".join(part for part in (role.strip(), named.description) if part))


def attribution_line(block: Block) -> Person | None:
    """The person a short line after a blockquote names: "— Name, role" (a paragraph, or a
    <figcaption> kept as a figure), or a <cite> kept as a quote block."""
    if len(block.text) > _MAX_ATTRIBUTION or sentence_end(block.text, 0) < len(block.text) - 1:
        return None
    line = _DASH_AFTER.match(block.text)
    if line and block.kind in ("paragraph", "quote", "figure"):
        return person_starting(line.group("who"))
    return person_starting(block.text) if block.kind == "quote" else None


def _sentence_start(text: str, position: int) -> int:
    for match in reversed(list(re.finditer(r"[.!?][\"”’)]?\s+", text[:position]))):
        if not _ABBREVIATION.search(text[: match.start() + 1]):
            return match.end()
    return 0


def sentence_end(text: str, position: int) -> int:
    """Index just after the sentence that runs on from `position` (abbreviations do not end it)."""
    for match in re.finditer(r"[.!?](?=\s|$)", text[position:]):
        stop = position + match.end()
        if not _ABBREVIATION.search(text[:stop]):
            return stop
    return len(text)


def describe(name: str, text: str) -> str | None:
    """What `text` says of `name` where it last introduced them in full: "Professional organiser
    Keiko Sato, who has cleared hundreds of homes, ..." -> "Professional organiser, who has ..."."""
    at = text.rfind(name)
    if at < 0:
        return None
    end = at + len(name)
    appositive = re.match(r",\s+(?P<words>[a-z][^,.;:]*),", text[end:])
    phrase = text[_sentence_start(text, at) : end] + (f", {appositive.group('words')}" if appositive else "")
    person = person_ending(phrase)
    return person.description if person is not None and person.name == name else None

