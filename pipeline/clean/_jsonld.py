"""The article node of a page's JSON-LD, whatever graph or list shape it comes in."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

ARTICLE_TYPES = frozenset(
    ("Article", "NewsArticle", "BlogPosting", "HowTo", "Report", "ScholarlyArticle", "TechArticle",
     "AnalysisNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "Review", "SocialMediaPosting",
     "LiveBlogPosting", "MedicalWebPage", "WebPage")
)


def article_node(root: HtmlElement) -> dict[str, Any]:
    """The first JSON-LD node typed as an article (a WebPage only when nothing better is there)."""
    fallback: dict[str, Any] = {}
    for node in _nodes(root):
        types = node.get("@type")
        names = set(types) if isinstance(types, list) else {types}
        if names & ARTICLE_TYPES - {"WebPage"}:
            return node
        if "WebPage" in names and not fallback:
            fallback = node
    return fallback


def _nodes(root: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().removeprefix("<![CDATA[").removesuffix("]]>"))
        except ValueError:
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    pending = [data]
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending[:0] = item
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if graph is not None:
                pending[:0] = graph if isinstance(graph, list) else [graph]
