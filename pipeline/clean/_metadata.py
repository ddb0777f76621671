"""Metadata with provenance in order: JSON-LD, OpenGraph and meta tags, microdata, visible page."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from urllib.parse import urlsplit
from typing import Any

from lxml.html import HtmlElement, defs

from pipeline.clean._dates import date_in_text, looks_like_date, to_iso_date
from pipeline.clean._hints import comment_area
from pipeline.clean._jsonld import article_node
from pipeline.clean._text import normalize_text
from pipeline.model import Metadata

_EMAIL = re.compile(r"\S+@\S+\.\w+")
# Names are split at symbols (commas, bars, bullets, "✉"), spaced dashes and "and"; a part that is a role
# ("Staff Writer", "Corresponding author") or a degree ("MD") is no name.
_NAME_SEPARATOR = re.compile(r"\s*(?:[^\w\s.'’-]|\s-\s|\band\b)\s*", re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
_DEGREE = re.compile(r"[A-Z]{2,5}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?")
_ROLE_WORDS = frozenset(
    "author authors writer writers editor editors editorial contributor contributors contributing correspondent"
    " corresponding reporter columnist staff team desk senior guest freelance founder ceo reviewed written the"
    " posted updated published by expert".split()
)
# Words that end a name in a byline: a job, where it is a role ("Liz Kenny Former Bank Consultant").
_ROLES = frozenset(
    "founder co-founder cofounder ceo cto cfo coo director manager coordinator consultant head chief president"
    " lead former specialist strategist analyst officer partner owner editor writer reporter correspondent"
    " contributor columnist expert".split()
)
_TITLES = frozenset(("dr", "mr", "mrs", "ms", "prof"))
_MIN_NAME_WORDS = 2
# "This post was written by", "Analysis by": the name follows.
_CREDIT_PREFIX = re.compile(
    r"^(?:\S+\s+){0,4}?(?:written|posted|authored|reported|analysis|words|story|text|insights|article|post)\s+(?:by|from)\b[\s:]*",
    re.IGNORECASE,
)
_SECOND_CREDIT = re.compile(
    r"\s*\b(?:fact[- ]checked|medically\s+reviewed|reviewed|edited|illustrated|photographs?|photos?)\s+by\b.*$", re.IGNORECASE
)
_RUN_ON = re.compile(r"\s+(?:is|was|has|have|as|i'm|i\s+am)\s.*$", re.IGNORECASE)
_URL = re.compile(r"://|\bwww\.|\.(?:com|org|net)\b", re.IGNORECASE)
# Words a byline runs on into after the name: a role, a month, "Published".
_TRAILERS = frozenset(
    "author authors writer writers editor contributor correspondent reporter columnist expert posted updated published"
    " january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec on at in".split()
)
# Of several <h1>s, the title is the one sharing at least this share of its words with the tagged title.
_TITLE_OVERLAP = 0.5
_TITLE_WORD = re.compile(r"\w+")
_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
_PAGE_SUFFIX = re.compile(r"(?:\.(?:html?|php|aspx?))?(?:\.gz)?$", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(r"[-_+<>]+")
_BY_PREFIX = re.compile(r"^\s*(?:written\s+by|posted\s+by|by)\b[\s:]*", re.IGNORECASE)
_LANGUAGE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z0-9]{2,8}))?")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»·]\s+")
_MAX_AUTHOR_CHARS = 80
_BYLINE_CLASSES = re.compile(r"byline|author", re.IGNORECASE)
_DATE_CLASSES = re.compile(r"date|publish|posted|timestamp", re.IGNORECASE)
_MAX_DATE_CHARS = 60
# The date a page shows with its title sits in a short line (a byline, a dateline) within this
# much text after the title; a date in a sentence of the article is an event's.
_SHOWN_DATE_WINDOW = 400
_MAX_SHOWN_DATE_LINE = 100
# A date so labelled is the last revision's, not the publication's.
_REVISION_LABEL = re.compile(r"\b(?:updated|modified|revised|reviewed|edited|last\s+checked)\b\W*(?:on\W*)?$", re.IGNORECASE)
_REVISION_WORD = re.compile(r"\W*(?:last\s+)?(?:updated|modified|revised|reviewed|edited)\b", re.IGNORECASE)
_REVISION_CLASSES = re.compile(r"updat|modif|revis", re.IGNORECASE)
_NOT_SHOWN = frozenset(("script", "style", "noscript", "template"))
# A start, end or empty tag of an HTML element, by name ("<p>", "</a>", "<br/>"; not the "<T>" of a
# code sample), or a comment: markup a CMS left in a plain-text field.
_MARKUP = re.compile(
    r"<(?:/?(" + "|".join(sorted(defs.tags, key=len, reverse=True)) + r")(?=[\s/>])[^<>]*|!--.*?--)>",
    re.IGNORECASE | re.DOTALL,
)
_SPACING_TAGS = frozenset(defs.block_tags | {"br"})
_BYLINE_SEPARATOR = re.compile(r"\s+[·•|–—-]\s+|\s*\|\s*|,\s+(?=\d)|\s+(?:on|at)\s+(?=\w)")


def extract_metadata(root: HtmlElement, source_name: str = "") -> Metadata:
    """Title, authors, dates, site, canonical URL, language and description of the page.

    A page with no title anywhere (headline, og:title, <h1>, <title>) is titled by its first
    heading, else by the last part of `source_name` (its URL or file name), so a record always has one.
    """
    meta = _meta_tags(root)
    node = article_node(root)
    site_name = _first(meta.get("og:site_name"), _name_of(node.get("publisher")), meta.get("application-name"))
    tagged = [title for title in (_text(node.get("headline")), meta.get("og:title"), meta.get("twitter:title")) if title]
    headline = _shown_headline(root, tagged[0] if tagged else _document_title(root, site_name), site_name)
    return Metadata(
        title=_title(root, headline, tagged, site_name) or _first_heading(root) or _name_title(source_name),
        authors=_authors(root, node, meta, site_name),
        # What the page shows under its title wins over a tag (often stale: a template's or a
        # re-publication's date); microdata and other visible dates only when both give none.
        published=_shown_date(headline)
        or _date(node.get("datePublished"), meta.get("article:published_time"), meta.get("og:published_time"),
                 meta.get("date"), meta.get("pubdate"), meta.get("publish-date"), meta.get("dc.date"))
        or _date(_itemprop(root, "datePublished")) or _date(_visible_time(root)),
        modified=_date(node.get("dateModified"), meta.get("article:modified_time"), meta.get("og:updated_time"))
        or _date(_itemprop(root, "dateModified")),
        site_name=site_name,
        canonical_url=_first(_canonical(root), meta.get("og:url"), _text(node.get("url"))),
        language=_language(root, meta),
        description=_plain(_first(meta.get("description"), meta.get("og:description"), _text(node.get("description")))),
    )


def _meta_tags(root: HtmlElement) -> dict[str, str]:
    tags: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            # Some CMSs escape twice, leaving entities such as &#8216; in the attribute value.
            tags.setdefault(key.strip().lower(), normalize_text(html.unescape(content)))
    return tags


def _first(*values: str | None) -> str | None:
    return next((value for value in values if value), None)


def _plain(text: str | None) -> str | None:
    """A field meant as plain text (a description) whose value holds HTML: its text, as a reader would see it.

    Tags go (a block or line break between two words leaves a space), then the entities they
    held are read: "<p>We <strong>love</strong> it&amp;more</p>" is "We love it&more".
    """
    if not text or not _MARKUP.search(text):
        return text
    spaced = _MARKUP.sub(lambda tag: " " if (tag.group(1) or "").lower() in _SPACING_TAGS else "", text)
    return normalize_text(html.unescape(spaced)) or None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return normalize_text(html.unescape(value)) or None if isinstance(value, str) else None


def _name_of(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _title(root: HtmlElement, headline: HtmlElement | None, tagged: list[str], site_name: str | None) -> str | None:
    """The headline the page shows (its `<h1>`), else the tagged one (JSON-LD, OpenGraph), else `<title>`.

    Tags go stale (a headline rewritten on the page, an SEO variant, a site suffix); the `<h1>` is
    what a reader sees.
    """
    if headline is not None:
        return normalize_text(headline.text_content())
    if not tagged:
        return _document_title(root, site_name)
    return _without_suffix(tagged[0], tagged[1:])


def _shown_headline(root: HtmlElement, reference: str | None, site_name: str | None) -> HtmlElement | None:
    """The page's headline `<h1>`, never the site's logo or name: the only one, or of several the one
    most like `reference` (the tagged title), if it shares half of its words with it."""
    headings = [
        (h1, words) for h1 in root.iter("h1")
        if (text := normalize_text(h1.text_content())) and not _logo(h1, text, site_name) and (words := _title_words(text))
    ]
    if len(headings) == 1:
        return headings[0][0]
    wanted = _title_words(reference)
    if not headings or not wanted:
        return None
    best, words = max(headings, key=lambda heading: _overlap(heading[1], wanted))
    return best if len(words & wanted) >= len(words) * _TITLE_OVERLAP else None


def _logo(h1: HtmlElement, text: str, site_name: str | None) -> bool:
    """An `<h1>` holding the site's name, or a link to its home page."""
    link = h1.find(".//a")
    href = (link.get("href") or "").strip() if link is not None else ""
    home = bool(href) and not href.startswith("#") and urlsplit(href).path.strip("/.") == ""
    return home or bool(site_name and text.casefold() == site_name.casefold())


def _title_words(text: str | None) -> set[str]:
    return set(_TITLE_WORD.findall((text or "").casefold()))


def _overlap(words: set[str], wanted: set[str]) -> float:
    return len(words & wanted) / len(words | wanted) if words | wanted else 0.0


def _first_heading(root: HtmlElement) -> str | None:
    return next((text for element in root.iter(*_SUBHEADINGS) if (text := normalize_text(element.text_content()))), None)


def _name_title(name: str) -> str | None:
    """'how-to-rest' of `https://example.org/blog/how-to-rest/` or of `pages/how-to-rest.html.gz`."""
    parts = urlsplit(name) if "://" in name else None
    path = parts.path if parts else name
    stem = PurePosixPath(path.replace("\\", "/").rstrip("/")).name
    stem = _PAGE_SUFFIX.sub("", stem)
    words = normalize_text(_NAME_SEPARATORS.sub(" ", stem))
    return words or (parts.netloc if parts else None) or None


def _without_suffix(title: str, others: list[str]) -> str:
    """`title` without a site or section suffix that another source leaves off ("Title - Site")."""
    for other in others:
        rest = title[len(other) :] if title.startswith(other) else ""
        if rest and _TITLE_SEPARATORS.match(rest):
            return other
    return title


def _document_title(root: HtmlElement, site_name: str | None) -> str | None:
    title = root.find(".//title")
    if title is None:
        return None
    text = normalize_text(title.text_content())
    parts = _TITLE_SEPARATORS.split(text)
    if len(parts) > 1 and (site_name is None or site_name in parts[-1] or len(parts[0]) > len(parts[-1])):
        return parts[0]
    return text or None


def _authors(root: HtmlElement, node: dict[str, Any], meta: dict[str, str], site_name: str | None) -> tuple[str, ...]:
    # In order of trust; a source is only searched when none before it names a person.
    sources: tuple[Callable[[], list[str | None]], ...] = (
        lambda: _jsonld_authors(node.get("author")),
        lambda: [meta.get("author"), meta.get("article:author"), meta.get("dc.creator"), meta.get("parsely-author")],
        lambda: [_microdata_author(root)],
        lambda: [_visible_byline(root)],
    )
    for candidates in sources:
        names = tuple(dict.fromkeys(
            name for candidate in candidates() for name in _author_names(candidate) if _is_person(name, site_name)
        ))
        if names:
            return names
    return ()


def _jsonld_authors(value: Any) -> list[str | None]:
    entries = value if isinstance(value, list) else [value]
    return [
        _name_of(entry) for entry in entries
        if not (isinstance(entry, dict) and entry.get("@type") == "Organization")
    ]


def _author_names(text: str | None) -> list[str]:
    """The names in a byline or author field, without e-mail addresses, roles, titles, degrees or symbols.

    "✉ Jane Doe jane@example.org ✉Corresponding author" gives ["Jane Doe"]; "Jane Doe, MD and
    John Roe | Staff Writer" gives ["Jane Doe", "John Roe"]; "This post was written by Jane Doe,
    Head of Marketing" and "Jane Doe Former Bank Consultant" give ["Jane Doe"]. A one-word part
    beside full names is their employer ("Jane Doe, Examplia"), and a bio run on after the
    name ("Jane Doe is a ...") or a second credit ("Fact checked by ...") is not the author's.
    """
    text = _SECOND_CREDIT.sub("", _EMAIL.sub(" ", normalize_text(text or "")))
    text = _RUN_ON.sub("", _CREDIT_PREFIX.sub("", _BY_PREFIX.sub("", text), count=1))
    if _URL.search(text):
        return []
    names = [name for part in _NAME_SEPARATOR.split(text) if (name := _name_in_part(_NAME_WORD.findall(part)))]
    if any(" " in name for name in names):
        names = [name for name in names if " " in name]
    return names


def _name_in_part(words: list[str]) -> str | None:
    """The name a part of a byline starts with; None for a part that is a role ("Co-Founder", "Head of Sales")."""
    while words and words[0].casefold() in _ROLE_WORDS:
        words.pop(0)
    end = next((index for index, word in enumerate(words) if _ends_name(index, word.casefold().rstrip("."))), None)
    if end is not None and end < _MIN_NAME_WORDS:
        return None
    words = words[:end]
    while words and (words[-1].casefold() in _TRAILERS or (len(words) > 2 and _DEGREE.fullmatch(words[-1]))):
        words.pop()
    return " ".join(words) if words and not _DEGREE.fullmatch(" ".join(words)) else None


def _ends_name(index: int, word: str) -> bool:
    """A role ends a name wherever it stands; a title ("Dr.") only after one (a name given twice)."""
    return word in _ROLES or (index >= _MIN_NAME_WORDS and word in _TITLES)


def _is_person(name: str, site_name: str | None) -> bool:
    if not name or len(name) > _MAX_AUTHOR_CHARS or name.startswith(("http://", "https://", "/")):
        return False
    if site_name and name.casefold() == site_name.casefold():
        return False
    return not looks_like_date(name) and any(char.isalpha() for char in name)


def _microdata_author(root: HtmlElement) -> str | None:
    for element in root.xpath('//*[@itemprop="author"]'):
        named = element.xpath('.//*[@itemprop="name"]')
        holder = named[0] if named else element
        text = holder.get("content") or _spaced_text(holder)
        if text and text.strip():
            return text
    return None


def _visible_byline(root: HtmlElement) -> str | None:
    """The name in an element classed as byline or author, or after a lone 'By' in the page.

    Comment threads and reply forms are skipped: there "author" is a commenter or a name field.
    """
    for element in root.iter("a", "span", "div", "p", "strong", "address"):
        if element.get("rel") == "author" or _BYLINE_CLASSES.search(element.get("class") or ""):
            name = _name_in(element)
        elif element.text and _BY_PREFIX.fullmatch(element.text) and len(element):
            name = _spaced_text(element[0])
        else:
            continue
        if name and not _in_comment_area(element):
            return name
    return None


def _in_comment_area(element: HtmlElement) -> bool:
    """Inside a form or a comment, where 'author' means a commenter or a name field."""
    return comment_area(element) or any(
        ancestor.tag == "form" or comment_area(ancestor) for ancestor in element.iterancestors()
    )


def _name_in(byline: HtmlElement) -> str:
    """A byline's link text (the author's page), else its text up to a date or separator."""
    link = next(byline.iter("a"), None)
    text = normalize_text(_spaced_text(link if link is not None else byline))
    return _BYLINE_SEPARATOR.split(_BY_PREFIX.sub("", text), maxsplit=1)[0]


def _spaced_text(element: HtmlElement) -> str:
    """The element's text with its pieces apart: "Jane Doe" and "June 3" in sibling spans are two words."""
    return " ".join(element.itertext())


def _itemprop(root: HtmlElement, name: str) -> str | None:
    for element in root.xpath(f'//*[@itemprop="{name}"]'):
        value = element.get("content") or element.get("datetime") or element.text_content()
        if value and value.strip():
            return value
    return None


def _shown_date(title: HtmlElement | None) -> str | None:
    """The publication date the page shows with its title: in a `<time>` or a short line (a byline,
    "Published March 5, 2024") within the first few hundred characters after the headline `<h1>`.

    A date labelled as a revision ("Updated on ...", `class="updated"`) is passed over.
    """
    if title is None:
        return None
    seen, before = 0, ""
    for element, text in _shown_after(title):
        if element is not None:
            found = to_iso_date(element.get("datetime"))
            if found and not _revision(element, before):
                return found
            continue
        if len(text) <= _MAX_SHOWN_DATE_LINE and (dated := date_in_text(text)):
            label = text[: dated[1]] if text[: dated[1]].strip() else before
            if not _REVISION_LABEL.search(label):
                return dated[0]
        seen += len(text)
        if seen > _SHOWN_DATE_WINDOW:
            return None
        before = text
    return None


def _revision(time: HtmlElement, before: str) -> bool:
    """A `<time>` labelled as a revision: by the text before it, its own ("Updated: May 6"), or its class."""
    own = normalize_text(time.text_content())
    return bool(
        _REVISION_LABEL.search(before) or _REVISION_WORD.match(own) or _REVISION_CLASSES.search(time.get("class") or "")
    )


def _shown_after(title: HtmlElement) -> Iterator[tuple[HtmlElement | None, str]]:
    """What follows `title` in reading order: (a `<time>`, "") for each time element, (None, text) for each piece of text."""
    if title.tail and title.tail.strip():
        yield None, title.tail.strip()
    element: HtmlElement | None = title
    while element is not None:
        for sibling in element.itersiblings():
            if not isinstance(sibling.tag, str) or sibling.tag in _NOT_SHOWN:
                continue
            for node in sibling.iter():
                if not isinstance(node.tag, str) or node.tag in _NOT_SHOWN:
                    continue
                if node.tag == "time" and node.get("datetime"):
                    yield node, ""
                for text in (node.text, node.tail if node is not sibling else None):
                    if text and text.strip():
                        yield None, text.strip()
            if sibling.tail and sibling.tail.strip():
                yield None, sibling.tail.strip()
        element = element.getparent()


def _visible_time(root: HtmlElement) -> str | None:
    """The first <time>, else the first short element classed as a date whose text is one."""
    for element in root.iter("time"):
        value = element.get("datetime") or element.text_content()
        if value and value.strip():
            return value
    for element in root.iter("span", "div", "p", "h2", "h3", "h4", "abbr"):
        if _DATE_CLASSES.search(element.get("class") or ""):
            text = normalize_text(element.text_content())
            if len(text) <= _MAX_DATE_CHARS and to_iso_date(text):
                return text
    return None


def _date(*values: Any) -> str | None:
    for value in values:
        iso = to_iso_date(value if isinstance(value, str) else None)
        if iso:
            return iso
    return None


def _canonical(root: HtmlElement) -> str | None:
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return link.get("href").strip()
    return None


def _language(root: HtmlElement, meta: dict[str, str]) -> str | None:
    for value in (root.get("lang"), root.get("xml:lang"), meta.get("content-language"), meta.get("og:locale")):
        match = _LANGUAGE.match((value or "").strip())
        if match:
            language, region = match.group(1).lower(), match.group(2)
            if region:
                return f"{language}-{region.upper() if len(region) == 2 else region}"
            return language
    return None
