"""A record as schema.org JSON-LD: what `advice-pipeline run --format jsonld` writes.

The article is an `Article`; its steps a `HowTo` (its `mainEntity`) of `HowToStep`s with
`position`, `name` and `text`; its quotes `Quotation`s (`hasPart`) with a `Person` as
`creator`; its recommended resources `CreativeWork`s it cites (`citation`). The context is
inline (schema.org's vocabulary, URLs as IRIs), so a JSON-LD processor expands it without
fetching anything.
"""

from __future__ import annotations

from typing import Any

SCHEMA_ORG = "https://schema.org/"
CONTEXT = {"@vocab": SCHEMA_ORG, "url": {"@type": "@id"}}


def to_jsonld(record: dict[str, Any]) -> dict[str, Any]:
    """The schema.org JSON-LD document of one (valid) record."""
    url = record["canonical_url"] or record["source"]["url"]
    article = {
        "@context": CONTEXT,
        "@type": "Article",
        "@id": url,
        "url": url,
        "identifier": record["id"],
        "headline": record["title"],
        "author": [_person(name) for name in record["authors"]],
        "datePublished": record["published"],
        "dateModified": record["modified"],
        "inLanguage": record["language"],
        "publisher": _named("Organization", record["site_name"]),
        "description": record["description"],
        "articleBody": record["body_text"],
        "mainEntity": _how_to(record),
        "hasPart": [_quotation(quote) for quote in record["quotes"]],
        "citation": [_citation(resource) for resource in record["resources"]],
    }
    return _without_empty(article)


def _how_to(record: dict[str, Any]) -> dict[str, Any] | None:
    if not record["steps"]:
        return None
    return {
        "@type": "HowTo",
        "name": record["title"],
        "step": [
            {"@type": "HowToStep", "position": step["number"], "name": step["title"], "text": step["text"]}
            for step in record["steps"]
        ],
    }


def _quotation(quote: dict[str, Any]) -> dict[str, Any]:
    creator = _person(quote["speaker"], quote["speaker_description"]) if quote["speaker"] else None
    return _without_empty({"@type": "Quotation", "text": quote["text"], "creator": creator})


def _citation(resource: dict[str, Any]) -> dict[str, Any]:
    return _without_empty({
        "@type": "CreativeWork",
        "name": resource["title"] or resource["text"],
        "alternativeHeadline": resource["subtitle"],
        "author": _person(resource["author"]) if resource["author"] else None,
        "text": resource["text"],
    })


def _person(name: str, description: str | None = None) -> dict[str, Any]:
    return _without_empty({"@type": "Person", "name": name, "description": description})


def _named(kind: str, name: str | None) -> dict[str, Any] | None:
    return {"@type": kind, "name": name} if name else None


def _without_empty(node: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in node.items() if value is not None and value != []}
