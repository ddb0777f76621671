"""What an element's tag, class and id say about it: site chrome, or the article itself.

Class and id tokens are cut into words (at dashes, underscores and camelCase humps), so
`comment-list`, `commentList` and `comments_area` all say "comment". Tokens that state a
condition (`has-comments`, `modal-enabled`), a topic (`category-advertising`) or a style
(`overflow-hidden`) say nothing about the element's role and are skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

_CHROME_TAGS = frozenset(("nav", "aside", "footer", "dialog", "menu"))

# Words that mark an element as never the article, however much text it holds.
_SURELY_CHROME = frozenset(
    "comment comments commentlist disqus respond reply replies share sharing sharebar sharetools social"
    " related recommended recommendations recirc recirculation newsletter subscribe subscription signup"
    " cookie cookies consent gdpr promo promos advert advertisement advertising ads ad sponsored sponsor"
    " outbrain taboola popup modal trending popular".split()
)
# Words that mark small boxes as chrome; a wrapper of most of the page may carry them as layout.
_LIKELY_CHROME = frozenset(
    "sidebar widget widgets footer nav navbar navigation menu breadcrumb breadcrumbs masthead banner tags"
    " tag byline author bio meta toolbar pagination pager print rating skip hidden login signin"
    " caption credit credits kicker eyebrow dek standfirst date dateline timestamp".split()
) | _SURELY_CHROME
_AD_WORDS = frozenset(("ad", "ads", "advert", "advertisement", "advertising"))
_COMMENT_WORDS = frozenset(("comment", "comments", "commentlist", "respond", "reply", "replies", "disqus"))
_BODY_OWNERS = frozenset(("article", "post", "entry", "story"))
_BODY_PARTS = frozenset(("body", "content", "text"))
_HIDDEN_TOKENS = frozenset(("sr-only", "visually-hidden", "screen-reader-text", "screen-reader-only"))
_CONDITION_PREFIXES = ("has-", "has_", "no-", "no_", "is-", "is_", "with-", "show-", "hide-")
# Utility classes state a style (`overflow-hidden` clips, it does not hide), not a role.
_STYLE_PREFIXES = ("overflow-", "overflow_")
_CONDITION_SUFFIXES = ("-enabled", "-disabled", "-open", "-active", "-visible", "-loaded")
# Taxonomy classes (WordPress `category-*`, `tag-*`) name the article's topics, not a role.
_TAXONOMY_PREFIXES = ("category-", "tag-", "tags-", "topic-", "section-", "format-", "type-", "status-")
_MAX_ROLE_WORDS = 4
_ATOMIC_MIN_TOKENS = 4
_ATOMIC_MAX_CHARS = 3
_GENERATED_ID = re.compile(r"[0-9a-f]*[0-9][0-9a-f]*")
# Chrome words run together with others in one lowercase token ("relatedposts", "commentlist").
_CHROME_INSIDE = re.compile(r"related|comments?(?!ary)|newsletter|sidebar|widget|cookie|disqus|outbrain|taboola")
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_SEGMENT = re.compile(r"[-_]")
_DIGIT = re.compile(r"\d")


def _words(element: HtmlElement) -> frozenset[str]:
    return _role_words(element.get("class") or "", element.get("id") or "")


# Pages repeat a few class names over many elements, and every element is asked about more than once.
@lru_cache(maxsize=4096)
def _role_words(class_attribute: str, id_attribute: str) -> frozenset[str]:
    words: set[str] = set()
    classes = class_attribute.split()
    # Atomic or generated CSS ("ab co ij ad") and hex ids ("ad41") are letters, not words.
    if len(classes) >= _ATOMIC_MIN_TOKENS and all(len(token) <= _ATOMIC_MAX_CHARS for token in classes):
        classes = []
    for token in [*classes, *id_attribute.split()]:
        lowered = token.lower()
        if lowered.startswith(_CONDITION_PREFIXES + _TAXONOMY_PREFIXES + _STYLE_PREFIXES) or lowered.endswith(_CONDITION_SUFFIXES):
            continue
        if _GENERATED_ID.fullmatch(lowered):
            continue
        if lowered in _HIDDEN_TOKENS:
            words.add("hidden")
        # Parts holding a digit are generated ("element-5f18ad9", "col-100"), whatever letters they show.
        token = "-".join(part for part in _SEGMENT.split(token) if not _DIGIT.search(part))
        lowered = token.lower()
        token_words = _WORD.findall(token)
        if len(token_words) <= _MAX_ROLE_WORDS:
            words.update(word.lower() for word in token_words)
            words.update(_CHROME_INSIDE.findall(lowered))
    return frozenset(words)


def chrome_tag(element: HtmlElement) -> bool:
    """Navigation, asides, footers and dialogs, as the markup declares them."""
    return element.tag in _CHROME_TAGS


def surely_chrome(element: HtmlElement) -> bool:
    """Classed as comments, share bars, related links, newsletter and cookie boxes, ads."""
    return not _words(element).isdisjoint(_SURELY_CHROME)


def ad_slot_only(element: HtmlElement) -> bool:
    """Classed as chrome by ad words alone (`body-ad-wrapper`): a wrapper that makes room for ads."""
    chrome_words = _words(element) & _SURELY_CHROME
    return bool(chrome_words) and chrome_words <= _AD_WORDS


def comment_area(element: HtmlElement) -> bool:
    """Classed as comments or a reply form."""
    return not _words(element).isdisjoint(_COMMENT_WORDS)


def titled_as_chrome(element: HtmlElement) -> bool:
    """A box whose first child is a heading classed as chrome ("relatedpoststitle", "widget-title")."""
    first = element[0] if len(element) else None
    return first is not None and first.tag in _HEADING_TAGS and likely_chrome(first)


def likely_chrome(element: HtmlElement) -> bool:
    """Classed as sidebars, widgets, bylines, tags and other small boxes around the article."""
    return element.tag == "header" or not _words(element).isdisjoint(_LIKELY_CHROME)


def is_heading(element: HtmlElement) -> bool:
    """An `<h1>` to `<h6>`."""
    return element.tag in _HEADING_TAGS


def named_as_body(element: HtmlElement) -> bool:
    """Classed as the article's or post's body or content (`articleBody`, `entry-content`, `post__body`)."""
    words = _words(element)
    return not words.isdisjoint(_BODY_OWNERS) and not words.isdisjoint(_BODY_PARTS)


def is_article_body(element: HtmlElement) -> bool:
    """True when the markup itself names the element as the article body."""
    return element.get("itemprop") == "articleBody"
