"""What an element's tag, class and id say about it: site chrome, or the article itself."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

CHROME_TAGS = frozenset(("nav", "aside", "footer", "form", "button", "select", "dialog", "menu"))

# Matched against class and id words (split on spaces, dashes and underscores).
_CHROME_WORDS = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|disqus|respond|replies|reply|share|sharing|sharebar|social|"
    r"related|recommended|recommendations|newsletter|subscribe|subscription|signup|cookies?|consent|gdpr|"
    r"promo|promos|advert|advertisement|ads|ad|sponsored|sponsor|sidebar|widget|widgets|breadcrumbs?|"
    r"footer|navbar|nav|menu|popup|modal|banner|outbrain|taboola|tags|tag-list|author-bio|authorbox|"
    r"bio|byline|toolbar|pagination|pager|print|rating|survey|skip|hidden|visually-hidden|sr-only|"
    r"screen-reader-text|more-stories|read-more|readmore|trending|most-popular|paywall|login|signin)"
    r"(?=$|[\s_-])",
    re.IGNORECASE,
)
_ARTICLE_WORDS = re.compile(
    r"(?:^|[\s_-])(?:article|articlebody|article-body|article-content|entry-content|post-content|"
    r"post-body|story-body|story|content|main|text|body|richtext)(?=$|[\s_-])",
    re.IGNORECASE,
)


def class_words(element: HtmlElement) -> str:
    """The class and id of an element, as one string of words."""
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def looks_like_chrome(element: HtmlElement) -> bool:
    """True for navigation, widgets, comments, share bars and other site chrome."""
    if element.tag in CHROME_TAGS:
        return True
    words = class_words(element)
    return bool(words.strip()) and _CHROME_WORDS.search(words) is not None


def looks_like_article(element: HtmlElement) -> bool:
    """True when markup names the element as the article body."""
    if element.get("itemprop") == "articleBody" or element.tag == "article":
        return True
    return _ARTICLE_WORDS.search(class_words(element)) is not None
