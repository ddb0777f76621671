"""Reading the number and title off a numbered line: "Step 3: Title", "3. Title", "#3 Title", "No. 3"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.segment._actions import is_action

_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER = r"(?P<number>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\b"
_SEPARATOR = r"(?:\s*[:.)|\-–—]\s*|\s+)"
# Nouns that name the items of a numbered series when written before the number ("Tip 3:").
SERIES_NOUNS = (
    "step|stage|phase|tip|way|rule|idea|strategy|habit|lesson|hack|sign|reason|mistake|myth|secret"
    "|method|technique|exercise|trick|thing|day|red flag|symptom|benefit"
)
# Every noun a series may be named by, steps or not; a title's count of anything else is of things.
SERIES_NOUN_SET = frozenset(SERIES_NOUNS.split("|"))
# Nouns of series whose items are things to do.
STEP_NOUNS = frozenset(("step", "stage", "phase", "tip", "way", "rule", "idea", "strategy", "habit", "hack",
                        "method", "technique", "exercise", "trick", "thing", "lesson", "secret", "day",
                        "stretch", "pose", "move", "workout", "practice", "swap", "change", "principle"))


def _title_count(nouns: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?P<count>\d{{1,3}}|{'|'.join(_NUMBER_WORDS)})(?:\s+|-)(?:[\w'’-]+\s+){{0,3}}?"
        rf"(?P<noun>{nouns})(?:e?s)?\b",
        re.IGNORECASE,
    )


# "12 Crucial Steps", "Top Nine Financial Tips", "A 5-Step Guide": the count of items an article's
# title promises; "5 Mistakes and Tips" promises tips, a series of things to do, before mistakes;
# "The 5 Most Epic Espresso Machines" promises machines, things that are no series of actions.
_TITLE_COUNTS = (_title_count("|".join(sorted(STEP_NOUNS))), _title_count(SERIES_NOUNS),
                 _title_count(r"(?!(?:this|has|was|does|yes)\b)[a-z][a-z'’-]+[a-rt-z](?<!u)s"))
_KEYWORD = re.compile(rf"^(?P<noun>{SERIES_NOUNS})\s*(?:#|no\.)?\s*{_NUMBER}{_SEPARATOR}(?P<title>\S.*)$", re.I)
_HASH = re.compile(r"^#\s?(?P<number>\d{1,3})\b\s*[:.)\-–—]?\s*(?P<title>\S.*)$")
_NO = re.compile(r"^(?:no\.|number)\s*(?P<number>\d{1,3})\b\s*[:.)\-–—]?\s*(?P<title>\S.*)$", re.I)
_DOTTED = re.compile(r"^(?P<number>\d{1,3})\s*(?:[.)]\s+|\s*[:\-–—]\s+)(?P<title>\S.*)$")
_SENTENCE_END = re.compile(r"(?<=[^\s.][.!?])\s+(?=\S)")
_LABEL_END = re.compile(r"(?<=[^\s.]):\s+(?=\S)|\s+[–—]\s+|\s+-\s+")
# A colon or dash ends a lead only after a short label ("Be patient: ..."), not inside a long sentence;
# a longer label up to a heading's length counts when a new sentence starts after it.
_MAX_LABEL_WORDS = 6
_MAX_HEADING_WORDS = 10
# A bold lead-in without its own full stop ("<b>1. Shop your pantry first</b> Before you ...") loses
# its bold in the cleaned text; it ended where a lowercase word meets a word that opens sentences.
_SENTENCE_OPENERS = (
    "The|This|That|These|Those|It|It’s|It's|You|You’ll|You'll|Your|We|They|If|When|Before|After|Most|Many|A|An"
    "|In|On|At|For|Try|Don’t|Don't|Do|Not|No|Even|Just|So|But|Then|There|Here|What|Why|How|Every|Each|Some"
    "|Once|Instead|While|Start|Make|Keep"
)
_LOST_BOLD_END = re.compile(rf"(?<!\S)[a-z][\w’'\-]*[\w’'\")](?P<gap>\s+)(?=(?:{_SENTENCE_OPENERS})\s)")


@dataclass(frozen=True, slots=True)
class Numbered:
    """A line that starts a numbered item: its number, the title after the prefix, how it was written."""

    number: int
    title: str
    family: str
    noun: str | None = None


@dataclass(frozen=True, slots=True)
class Promise:
    """How many items of what kind a title promises: "7 Ways to ..." -> 7, "way"."""

    count: int
    noun: str


def title_promise(title: str | None) -> Promise | None:
    """The count and noun of the series an article's title promises, or None."""
    match = next((found for pattern in _TITLE_COUNTS if (found := pattern.search(title or ""))), None)
    return Promise(_to_int(match.group("count")), _singular(match.group("noun").lower())) if match else None


def _singular(noun: str) -> str:
    """A series noun in the singular when a plural of it was read whole ("strategies"), else as read."""
    forms = (noun[:-3] + "y", noun[:-2], noun[:-1]) if noun.endswith("ies") else (noun[:-2], noun[:-1])
    return next((form for form in forms if form in STEP_NOUNS or form in SERIES_NOUN_SET), noun)


def read_numbered(text: str) -> Numbered | None:
    """The number and title of a numbered line, or None when the line carries no number prefix."""
    keyword = _KEYWORD.match(text)
    if keyword:
        noun = keyword.group("noun").lower()
        return Numbered(_to_int(keyword.group("number")), keyword.group("title"), f"keyword:{noun}", noun)
    for family, pattern in (("hash", _HASH), ("no", _NO), ("dotted", _DOTTED)):
        match = pattern.match(text)
        if match:
            return Numbered(int(match.group("number")), match.group("title"), family)
    return None


def split_lead(text: str) -> tuple[str, str]:
    """The lead of a paragraph-long item and the rest: its first line when a line break ends a
    heading-length lead (`<li><b>Title</b><br>text`), else its first sentence or a short label
    before a colon."""
    first_line, newline, after = text.partition("\n")
    if newline and after.strip() and len(first_line.split()) <= _MAX_HEADING_WORDS:
        return first_line.strip(), after.strip()
    sentence = _SENTENCE_END.search(text)
    label = _LABEL_END.search(text)
    if _is_label(text, label) and (sentence is None or label.start() < sentence.start()):
        return text[: label.start()], text[label.end() :]
    lead, rest = (text, "") if sentence is None else (text[: sentence.start()], text[sentence.end() :])
    if len(lead.split()) > _MAX_HEADING_WORDS:
        lost_bold = _LOST_BOLD_END.search(lead)
        if lost_bold is not None and len(lead[: lost_bold.start("gap")].split()) <= _MAX_HEADING_WORDS:
            return text[: lost_bold.start("gap")], text[lost_bold.end("gap") :]
    return lead, rest


def _is_label(text: str, label: re.Match[str] | None) -> bool:
    """True when the text before `label` is a title: "Be patient: ...", or "Keep it under 30 minutes: A ...".

    Not when the sentence goes on in lowercase after a dash ("Pick dates - check with guests
    first"), nor when one word only qualifies the action after it ("Optional: Have an engagement party")."""
    if label is None or (text[label.end()].islower() and ":" not in label.group()):
        return False
    words = len(text[: label.start()].split())
    if words == 1 and is_action(text[label.end() :]) and not is_action(text[: label.start()]):
        return False
    return words <= _MAX_LABEL_WORDS or (words <= _MAX_HEADING_WORDS and text[label.end()].isupper())


def clean_title(title: str) -> str:
    """A title without the trailing full stop or colon its markup gave it, nor a permalink "#" or "¶"."""
    return re.sub(r"\s+[#¶]$", "", title.strip()).rstrip(":.").strip()


def _to_int(number: str) -> int:
    return int(number) if number.isdigit() else _NUMBER_WORDS[number.lower()]
