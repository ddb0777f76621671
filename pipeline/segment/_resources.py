"""Resources: the reading list under "Recommended Resources", "Further Reading", "Helpful Links".

A list of citations ("References", "Sources", "Works cited") backs the article's claims rather
than recommends reading (docs/segment-labelling.md): it is claimed, so no other finder takes its
entries for steps or quotes, but it gives no resources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.model import Block, Resource
from pipeline.segment._promotions import is_call_to_action

# A count may stand before or after the label, as on collapsible source boxes ("4 Sources", "Sources (4)").
# "Books" alone heads a section about books as often as a reading list: it needs a word before it.
_LABEL = re.compile(
    r"^\s*(?:\d{1,3}\s+)?(?:(?:recommended|suggested|additional|further|more|helpful|useful)\s+)?"
    r"(?:resources|reading|readings|(?<=\s)books|reading\s+list|references|sources|bibliography|works\s+cited"
    r"|citations)"
    r"(?:\s+(?:and|&)\s+(?:resources|references|further\s+reading))?(?:\s*\(\d{1,3}\))?\s*[:.]?\s*$",
    re.IGNORECASE,
)
# A list longer than this under a reading-list label is a directory of links, not recommendations.
_MAX_ENTRIES = 40
# The label of a list of citations alone; "Sources & Further Reading" is a reading list.
_CITATIONS = re.compile(
    r"^\s*(?:\d{1,3}\s+)?(?:references|sources|bibliography|works\s+cited|citations)(?:\s*\(\d{1,3}\))?\s*[:.]?\s*$",
    re.IGNORECASE,
)
# A heading may name its reading list in more words: "Helpful Apps for Travelling in Japan",
# "Resources to Help Plan Your Trip", "My Top 10 Recommended Art Books", "More information".
_HEADING_LABEL = re.compile(
    r"\b(?:recommended|suggested|further|additional|helpful|useful)\s+(?:(?!(?:for|of|to|on|in)\b)[\w'’-]+\s+){0,3}?"
    r"(?:reading|resources|books|apps|tools|links|websites)\b|^(?:more\s+information|resources\s+(?:to|for)\b.*)"
    r"|\b(?:apps|tools|books)\s+(?:and|&)\s+resources\s*$",
    re.IGNORECASE,
)
# A paragraph under a label is an entry while it reads as one: a citation (a year, "by Name") or
# a short line; the first that runs on as prose ends the list.
_ENTRY_WORDS = 15
_CITATION_MARK = re.compile(r"\b(?:1[89]|20)\d{2}\b|\sby\s+[A-Z]")
_INLINE_LABEL = re.compile(
    r"^\s*(?:recommended|suggested|further|additional)\s+(?:reading|resources|books)\s*:\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# Where a reading list's line breaks were lost: "... by Firstname Lastname" (or two such names
# joined by "and") then the next title, which must itself go on to a "by".
_RUN_ON_NAME = r"[A-Z][\w'’\-]+(?:\s[A-Z]\.)*\s[A-Z][\w'’\-]+"
_RUN_ON_BREAK = re.compile(rf"\sby\s{_RUN_ON_NAME}(?:\s(?:and|&)\s{_RUN_ON_NAME})?(?=\s[A-Z][^\n]*?\sby\s)")
_ENTRY_NUMBER = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}[.)])\s+")
_YEAR = r"\((?P<year>\d{4}[a-z]?|n\.\s?d\.)\)"
_APA = re.compile(rf"^(?P<authors>[^()]+?)\s*{_YEAR}\.?\s*(?P<rest>.+)$")
_INVERTED_NAME = re.compile(
    r"^(?P<last>[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?),\s+"
    r"(?P<first>(?:[A-Z][\w'’\-]*\.?\s?)+?(?:,?\s+(?:and|&)\s+[A-Z][^.]*?)?)\.\s+(?P<rest>\S.*)$"
)
_PERSON = r"[A-Z][\w.'’\-]*(?:\s(?:(?:van|von|der|den|de|ten|da|del|la|le|du)\s)*[A-Z][\w.'’\-]*){0,3}"
_BY_AUTHOR = re.compile(
    rf"^(?P<title>.+?),?\s+by\s+(?P<author>{_PERSON}(?:,\s{_PERSON})*(?:,?\s(?:and|&)\s{_PERSON})?)"
    r"(?:\s*\(.*\)|,\s.*|\s+[—–]\s.*|:\s.*|\.\s.*)?\.?$"
)
_AUTHOR_FIRST = re.compile(
    r"^(?P<author>(?:Dr\.\s)?[A-Z][\w'’\-]+(?:\s(?:[A-Z]\.|[A-Z][\w'’\-]+)){1,3}),\s+(?P<rest>\S.*)$"
)
# "Harvard Health Publishing. Understanding the stress response. Harvard Medical School, 2020."
_ORG_WORD = r"(?:[A-Z][\w&'’\-]*|of|for|and|&|on|the)"
_ORGANISATION_FIRST = re.compile(
    rf"^(?P<author>(?!(?:The|A|An)\s)[A-Z][\w&'’\-]*(?:\s{_ORG_WORD}){{0,6}}(?<=[a-z]))\.\s+"
    r"(?P<rest>[^.]+\.\s.*\b(?:1[89]|20)\d{2}\b.*)$"
)
# "Japan Transit Planner- For train schedules", "Japan Travel (by Navitime) - Provides tips": a named
# work, its maker in brackets, then a dash and what it is for.
_DESCRIBED = re.compile(
    r"^(?P<title>[^–—()]{2,80}?)(?:\s*\(by\s+(?P<author>[^)]+)\))?\s*[-–—]\s+(?P<rest>[A-Z].*)$", re.DOTALL
)
_MAX_DESCRIBED_TITLE_WORDS = 8
# A closing remark in brackets after a title: lowercase, a number or a price.
_REMARK = re.compile(r"\s+\((?=[a-z0-9$£€])[^()]*\)\s*$")
_QUOTED_TITLE = re.compile(r"[\"“](?P<title>[^\"”]+?)[,.]?[\"”]")
_TRAILING_PUBLICATION = re.compile(
    r"\s*(?:\([^)]*\d{4}[^)]*\)|\((?:\d+\w*|rev\.|revised|new)\s+ed\.?\).*|\.\s.*|(?<=[?!])\s.*|,\s*\d{4}.*)$",
    re.IGNORECASE,
)


def find_resources(blocks: Sequence[Block]) -> tuple[tuple[Resource, ...], frozenset[int]]:
    """Every entry of every reading list, parsed; and the block indexes the lists occupy, lists
    of citations and directories of more than `_MAX_ENTRIES` links included (they give none).

    A list is the entries under a label heading, or the lines after a label that opens a
    paragraph ("Recommended reading: ...").
    """
    resources: list[Resource] = []
    used: set[int] = set()
    for index, block in enumerate(blocks):
        entries = _labelled_entries(blocks, index)
        if entries is not None:
            if not _CITATIONS.match(block.text) and len(entries) <= _MAX_ENTRIES:
                resources.extend(parse_citation(line) for entry in entries for line in _entry_lines(blocks[entry].text))
            used.update([index, *entries])
            continue
        inline = _INLINE_LABEL.match(block.text) if block.kind == "paragraph" else None
        if inline is not None:
            resources.extend(parse_citation(line) for line in _entry_lines(inline.group("rest")))
            used.add(index)
    return tuple(resources), frozenset(used)


def parse_citation(text: str) -> Resource:
    """Author in natural order, title and subtitle of one reading-list entry, where it allows.

    A typed entry number ("[3] ", "3. ") is read past; the text stays as written.
    """
    text = text.strip()
    entry = _ENTRY_NUMBER.sub("", text)
    for parse in (_parse_apa, _parse_inverted, _parse_by_author, _parse_author_first, _parse_organisation_first,
                  _parse_described):
        parsed = parse(entry)
        if parsed is not None:
            return replace(parsed, text=text)
    title, subtitle = _split_title(entry)
    return Resource(text=text, author=None, title=title, subtitle=subtitle)


def _labelled_entries(blocks: Sequence[Block], index: int) -> list[int] | None:
    """The entries under block `index` when it is a reading list's label, else None.

    A label set as a heading or in bold heads whatever follows; a plain one-line paragraph
    ("4 Sources", a box's toggle text) is a label only over a list, so a body line that happens
    to read "Resources" never turns the paragraphs after it into entries.
    """
    block = blocks[index]
    if block.kind not in ("heading", "paragraph"):
        return None
    if not _LABEL.match(block.text) and not (block.kind == "heading" and _HEADING_LABEL.search(block.text)):
        return None
    entries = _entries_after(blocks, index)
    if block.kind == "heading" or block.emphasis:
        return entries
    listed = bool(entries) and all(blocks[entry].kind == "list_item" for entry in entries)
    return entries if listed else None


def _entries_after(blocks: Sequence[Block], label: int) -> list[int]:
    """The entries under a label: its list items when it has a list (a lead-in or a closing
    paragraph is not an entry), else its paragraphs up to the first that reads as prose; a
    newsletter blurb ends the list."""
    entries = []
    for index in range(label + 1, len(blocks)):
        block = blocks[index]
        if block.kind == "heading" or (block.kind == "paragraph" and block.emphasis) or is_call_to_action(block.text):
            break
        if block.kind == "list_item" and block.level > 1:
            continue
        if block.kind in ("list_item", "paragraph"):
            entries.append(index)
    listed = [index for index in entries if blocks[index].kind == "list_item"]
    if listed:
        return listed
    paragraphs = [index for index in entries if not blocks[index].text.rstrip().endswith(":")]
    prose = next((position for position, index in enumerate(paragraphs) if not _reads_as_entry(blocks[index].text)),
                 len(paragraphs))
    return paragraphs[:prose]


def _reads_as_entry(text: str) -> bool:
    return len(text.split()) <= _ENTRY_WORDS or bool(_CITATION_MARK.search(text))


def _entry_lines(text: str) -> list[str]:
    """The entries of one block: one a line, or, where line breaks were lost, one per "Title by Author" run."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return [entry for line in lines for entry in _run_on_entries(line)]


def _run_on_entries(text: str) -> list[str]:
    """ "A by Jo Lee B: C by Al Ng" -> ["A by Jo Lee", "B: C by Al Ng"]; other text stays whole.

    Only a two-word author followed by a capitalised word is cut after, so a longer name is
    never split: at worst the entries stay joined.
    """
    cuts = [match.end() for match in _RUN_ON_BREAK.finditer(text)]
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[start:end].strip() for start, end in zip(bounds, bounds[1:])]


def _parse_apa(text: str) -> Resource | None:
    match = _APA.match(text)
    if match is None:
        return None
    title, subtitle = _split_title(_quoted_or_first_sentence(match.group("rest")))
    return Resource(text=text, author=_natural_names(match.group("authors")), title=title, subtitle=subtitle)


def _parse_inverted(text: str) -> Resource | None:
    match = _INVERTED_NAME.match(text)
    if match is None:
        return None
    first = re.sub(r"(?<=\b[A-Z])$", ".", match.group("first").strip())
    author = _natural_names(f"{match.group('last')}, {first}")
    title, subtitle = _split_title(_quoted_or_first_sentence(match.group("rest")))
    return Resource(text=text, author=author, title=title, subtitle=subtitle)


def _parse_by_author(text: str) -> Resource | None:
    match = _BY_AUTHOR.match(text)
    if match is None:
        return None
    title, subtitle = _split_title(match.group("title").strip(" \"“”"))
    return Resource(text=text, author=match.group("author").strip(), title=title, subtitle=subtitle)


def _parse_author_first(text: str) -> Resource | None:
    match = _AUTHOR_FIRST.match(text)
    if match is None:
        return None
    title, subtitle = _split_title(_quoted_or_first_sentence(match.group("rest")))
    return Resource(text=text, author=match.group("author"), title=title, subtitle=subtitle)


def _parse_organisation_first(text: str) -> Resource | None:
    match = _ORGANISATION_FIRST.match(text)
    if match is None or len(match.group("author").split()) < 2:
        return None
    title, subtitle = _split_title(_quoted_or_first_sentence(match.group("rest")))
    return Resource(text=text, author=match.group("author"), title=title, subtitle=subtitle)


def _parse_described(text: str) -> Resource | None:
    match = _DESCRIBED.match(text)
    if match is None or len(match.group("title").split()) > _MAX_DESCRIBED_TITLE_WORDS:
        return None
    author = match.group("author").strip() if match.group("author") else None
    return Resource(text=text, author=author, title=match.group("title").strip(), subtitle=None)


def _natural_names(authors: str) -> str:
    """"Fisher, Helen" -> "Helen Fisher"; "Lee, A., Gray, B., & Silver, N." -> "A. Lee, B. Gray & N. Silver".

    The last two names are joined by the word the citation uses ("&" or "and").
    """
    people = re.split(r",?\s+(?:and|&)\s+|(?<=\.),\s+(?=[A-Z][\w'’\-]+,)", authors.strip(" ,"))
    names = []
    for person in (_drop_full_stop(part.strip(" ,")) for part in people):
        if "," in person:
            last, first = (piece.strip() for piece in person.split(",", 1))
            person = f"{first} {last}"
        names.append(person)
    joiner = " & " if re.search(r"\s&\s", authors) else " and "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]


def _drop_full_stop(name: str) -> str:
    """Drop a sentence's full stop but keep an initial's ("Silver." -> "Silver", "J. M." stays)."""
    return re.sub(r"(?<=\w\w)\.$", "", name)


def _quoted_or_first_sentence(rest: str) -> str:
    quoted = _QUOTED_TITLE.search(rest)
    if quoted:
        return quoted.group("title")
    return _TRAILING_PUBLICATION.sub("", rest.strip()).rstrip(".")


def _split_title(title: str) -> tuple[str, str | None]:
    """Title and subtitle, without a closing remark in brackets ("Duolingo (awesome app to practice
    with)", "Travel Adapter (3 for $10)"); a name in brackets stays ("JR East (East Japan Railway)")."""
    title = _REMARK.sub("", title)
    head, colon, tail = title.partition(": ")
    if colon and tail.strip():
        return head.strip(), tail.strip().rstrip(".")
    return title.strip().rstrip("."), None
