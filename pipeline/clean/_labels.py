"""What a box's visible title says about it: the article's own summary or sources, whatever its markup.

Pages put their takeaways in an `<aside>` or a box classed like a widget, and their sources in
a box after the body; its title ("Key Points", "TL;DR", "4 Sources") is a surer sign of what
it holds than its tag or class.
"""

from __future__ import annotations

import re

# A title stands alone on its line, or ends at a colon or dash.
_LABEL_END = r"[\W_]*(?:[:\-\u2013\u2014]|[\n\u2028]|$)"
_SUMMARY_LABEL = re.compile(
    r"[\W_]*(?:the\s+)?(?:key\s+(?:points?|takeaways?|facts|lessons|findings)|takeaways?|at\s+a\s+glance"
    r"|in\s+(?:short|brief|a\s+nutshell)|tl\s*;?\s*dr|summary|article\s+summary|bottom\s+line"
    r"|things\s+(?:you\s+should|to)\s+know|what\s+you\s+need\s+to\s+know|quick\s+facts)"
    + _LABEL_END,
    re.IGNORECASE,
)
# A count may come first ("4 Sources").
_SOURCES_LABEL = re.compile(
    r"[\W_]*(?:\d+\s+)?(?:(?:article\s+)?sources|references|further\s+reading|bibliography|works\s+cited"
    r"|citations|sources\s+(?:and|&)\s+further\s+reading)"
    + _LABEL_END,
    re.IGNORECASE,
)


# Boxes of links to other pages, or about the author rather than the subject, titled as such.
_ELSEWHERE_LABEL = re.compile(
    r"[\W_]*(?:(?:more|other)\s+(?:to\s+read|stories|articles|posts|news|reading|from|in|like\s+this)|read\s+(?:next|more|also)"
    r"|(?:you|we\s+think\s+you)\s+(?:may|might|will|would)\s+(?:also\s+)?(?:like|enjoy|be\s+interested)|also\s+read|see\s+also"
    r"|related(?:\s+\w+)?|recommended(?:\s+\w+)?|(?:most\s+)?popular(?:\s+\w+)?|trending(?:\s+\w+)?|up\s+next|keep\s+reading"
    r"|latest\s+(?:stories|articles|posts|news)|recent\s+(?:stories|articles|posts)"
    r"|about\s+(?:the\s+authors?|this\s+(?:article|author)|me|us)|author\s+(?:bio|profile)|meet\s+the\s+author)"
    + _LABEL_END,
    re.IGNORECASE,
)


def is_elsewhere_label(text: str) -> bool:
    """True when a box's first line names it as links elsewhere or the author's bio ("More to read", "About the author")."""
    return _ELSEWHERE_LABEL.match(text.lstrip()) is not None


def is_summary_label(text: str) -> bool:
    """True when a box's first line names it as the article's summary ("Key Points", "TL;DR:")."""
    return _SUMMARY_LABEL.match(text.lstrip()) is not None


def is_sources_label(text: str) -> bool:
    """True when a box's first line names it as the article's sources ("4 Sources", "References")."""
    return _SOURCES_LABEL.match(text.lstrip()) is not None
