"""The report's HTML pages: the index of a run, a page per record, and a comparison of two runs.

Functions here turn records (plain dicts) into HTML strings and nothing else; writing files is
`pipeline.report.write_report`'s job. Every value taken from a record is escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlsplit

from pipeline.report._article import render_article

_METADATA_FIELDS = ("title", "author", "published", "modified", "language", "site_name", "canonical_url", "description")
_COMPARED_FIELDS = ("title", "author", "published", "language", "site_name", "steps", "takeaways", "quotes", "resources", "advice")


@dataclass(frozen=True, slots=True)
class Legend:
    """The advice types in taxonomy order, each with its CSS class and one-line definition."""

    types: tuple[tuple[str, str, str], ...]

    @property
    def css_class(self) -> dict[str, str]:
        return {name: css for name, css, _ in self.types}

    def html(self) -> str:
        items = "".join(
            f'<li><mark class="advice {css}">{escape(name.replace("_", " "))}</mark> {escape(definition)}</li>'
            for name, css, definition in self.types
        )
        return f'<section class="legend"><h2>Advice types</h2><ul>{items}</ul></section>'


@dataclass(frozen=True, slots=True)
class IndexRow:
    """What the index shows of one record, and the pages it links to; small, so an index of
    many thousands of records fits in memory where the records would not."""

    title: str
    site: str
    date: str
    counts: tuple[int, int, int, int]
    type_counts: tuple[tuple[str, int], ...]
    page: str
    compare_page: str | None = None
    changed: tuple[str, ...] = ()

    @classmethod
    def of(cls, record: dict[str, Any], page: str, compare_page: str | None = None, changed: tuple[str, ...] = ()) -> IndexRow:
        primary = Counter(entry["type"] for advice in record.get("advice") or [] for entry in (advice.get("types") or [])[:1])
        return cls(
            title=record.get("title") or "(untitled)",
            site=site_of(record),
            date=(record.get("published") or "")[:10],
            counts=tuple(len(record.get(name) or []) for name in ("steps", "takeaways", "quotes", "advice")),
            type_counts=tuple(primary.most_common()),
            page=page,
            compare_page=compare_page,
            changed=changed,
        )


def page(title: str, body: str, *, depth: int = 0) -> str:
    """A whole HTML document around `body`, linking the stylesheet and script beside the report."""
    up = "../" * depth
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width\"><title>{escape(title)}</title>"
        f'<link rel="stylesheet" href="{up}assets/report.css"></head>'
        f'<body>{body}<script src="{up}assets/report.js"></script></body></html>\n'
    )


def index_page(rows: list[IndexRow], errors: list[dict[str, Any]], summary: dict[str, Any] | None, legend: Legend) -> str:
    """The run's index: a sortable, filterable table of records, the failed inputs and the summary."""
    comparing = any(row.compare_page for row in rows)
    body = (
        f"<header><h1>advice-pipeline report</h1><p>{len(rows)} records, {len(errors)} failed inputs</p></header>"
        + _summary_html(summary)
        + '<p class="filters"><input id="filter" type="search" placeholder="Filter records" aria-label="Filter records">'
        + (' <label><input id="only-changed" type="checkbox"> only changed</label>' if comparing else "")
        + "</p>"
        + _records_table(rows, legend, comparing)
        + _errors_html(errors)
        + legend.html()
    )
    return page("advice-pipeline report", body)


def record_page(record: dict[str, Any], legend: Legend) -> str:
    """One record as a reader would see its article, with the extracted structure beside it."""
    body = (
        '<p class="nav"><a href="../index.html">← all records</a></p>'
        f'<header><h1 class="record-title">{escape(record.get("title") or "(untitled)")}</h1></header>'
        '<div class="record">'
        f'<article class="article">{_takeaways_box(record)}{render_article(record, legend.css_class)}</article>'
        f'<aside class="panel">{_metadata_html(record)}{_steps_html(record)}{_quotes_html(record)}'
        f"{_resources_html(record)}{_type_counts_html(record, legend)}{legend.html()}</aside>"
        "</div>"
    )
    return page(record.get("title") or "record", body, depth=1)


def compared_view(record: dict[str, Any]) -> dict[str, Any]:
    """The fields a comparison shows, each as a plain value or a list of one line per item."""
    return {name: _comparable(record, name) for name in _COMPARED_FIELDS}


def compare_page(before: dict[str, Any], after: dict[str, Any] | None, changed: tuple[str, ...]) -> str:
    """Two runs' views (`compared_view`) of one page side by side, the fields that differ marked."""
    rows = "".join(
        f'<tr class="{"changed" if name in changed else "same"}"><th>{escape(name)}</th>'
        f"<td>{_view_html(before[name])}</td><td>{_view_html(after[name]) if after else '<em>not in the other run</em>'}</td></tr>"
        for name in _COMPARED_FIELDS
    )
    title = before["title"] or "(untitled)"
    body = (
        '<p class="nav"><a href="../index.html">← all records</a></p>'
        f"<h1>{escape(title)}</h1>"
        f"<p>{len(changed)} of {len(_COMPARED_FIELDS)} fields changed</p>"
        f'<table class="compare"><thead><tr><th>field</th><th>this run</th><th>other run</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    return page(f"compare: {title}", body, depth=1)


def changed_fields(before: dict[str, Any], after: dict[str, Any] | None) -> tuple[str, ...]:
    """The compared fields whose values differ between two views of one page."""
    if after is None:
        return _COMPARED_FIELDS
    return tuple(name for name in _COMPARED_FIELDS if before[name] != after[name])


def site_of(record: dict[str, Any]) -> str:
    """The site a record came from: its site name, else the host of its URL."""
    if record.get("site_name"):
        return record["site_name"]
    url = record.get("canonical_url") or (record.get("source") or {}).get("url") or ""
    return urlsplit(url).hostname or ""


def _records_table(rows: list[IndexRow], legend: Legend, comparing: bool) -> str:
    head = "".join(
        f'<th data-kind="{kind}" tabindex="0">{name}</th>'
        for name, kind in (("Title", "text"), ("Site", "text"), ("Date", "text"), ("Steps", "number"),
                           ("Takeaways", "number"), ("Quotes", "number"), ("Advice", "number"), ("Advice by type", "text"))
    ) + ('<th data-kind="number" tabindex="0">Changed</th>' if comparing else "")
    body = "".join(_record_row(row, legend, comparing) for row in rows)
    return f'<table id="records" class="records"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _record_row(row: IndexRow, legend: Legend, comparing: bool) -> str:
    classes = legend.css_class
    chips = " ".join(
        f'<mark class="advice {classes.get(name, "type-none")}">{escape(name.replace("_", " "))} {count}</mark>'
        for name, count in row.type_counts
    )
    cells = [f'<a href="{escape(row.page)}">{escape(row.title)}</a>', escape(row.site), escape(row.date), *map(str, row.counts), chips]
    if comparing:
        link = f'<a href="{escape(row.compare_page)}">{len(row.changed)}</a>' if row.compare_page else "0"
        cells.append(link)
    changed = f' data-changed="{len(row.changed)}"'
    return f"<tr class=\"record-row\"{changed}>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _summary_html(summary: dict[str, Any] | None) -> str:
    if not summary:
        return ""
    items = "".join(f"<dt>{escape(str(key))}</dt><dd>{escape(_plain(value))}</dd>" for key, value in summary.items())
    return f'<section class="summary" id="run-summary"><h2>Run summary</h2><dl>{items}</dl></section>'


def _errors_html(errors: list[dict[str, Any]]) -> str:
    if not errors:
        return '<section class="errors"><h2>Failed inputs</h2><p>None.</p></section>'
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(_plain(error.get(key)))}</td>" for key in ("source", "stage", "error_type", "message")) + "</tr>"
        for error in errors
    )
    return (
        '<section class="errors"><h2>Failed inputs</h2><table id="errors"><thead><tr><th>Input</th><th>Stage</th>'
        f"<th>Error</th><th>Reason</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _takeaways_box(record: dict[str, Any]) -> str:
    """A box of the takeaways, for a record whose takeaways the body does not show (those in the
    body are boxed where they stand)."""
    body = record.get("body_text") or ""
    if all((item.get("text") or "") in body for item in record.get("takeaways") or []):
        return ""
    items = "".join(f"<li>{escape(item.get('text') or '')}</li>" for item in record.get("takeaways") or [])
    return f'<section class="takeaways-box"><h2>Key takeaways</h2><ul>{items}</ul></section>' if items else ""


def _metadata_html(record: dict[str, Any]) -> str:
    provenance = record.get("provenance") or {}
    source = record.get("source") or {}
    rows = [("source", source.get("url") or source.get("path"), "the input")]
    rows += [(name, record.get(name), provenance.get(name, "the page's metadata")) for name in _METADATA_FIELDS]
    items = "".join(
        f'<dt>{escape(name)}</dt><dd>{escape(_plain(value))} <span class="from">from {escape(_plain(origin))}</span></dd>'
        for name, value, origin in rows
    )
    return f'<section class="metadata"><h2>Metadata</h2><dl>{items}</dl></section>'


def _steps_html(record: dict[str, Any]) -> str:
    items = "".join(
        f'<li class="step" value="{int(step.get("number") or 0)}">{escape(step.get("title") or "")}</li>'
        for step in record.get("steps") or []
    )
    return f'<section class="steps"><h2>Steps</h2><ol>{items}</ol></section>' if items else ""


def _quotes_html(record: dict[str, Any]) -> str:
    items = "".join(
        f'<li><span class="speaker">{escape(quote.get("speaker") or "unattributed")}</span>'
        + (f' <span class="description">({escape(quote["speaker_description"])})</span>' if quote.get("speaker_description") else "")
        + (f' <span class="quote-cue">{escape(quote["cue"])}</span>' if quote.get("cue") else "")
        + f': <q>{escape(quote.get("text") or "")}</q></li>'
        for quote in record.get("quotes") or []
    )
    return f'<section class="quotes"><h2>Quotes</h2><ul>{items}</ul></section>' if items else ""


def _resources_html(record: dict[str, Any]) -> str:
    items = "".join(f"<li>{escape(resource.get('text') or '')}</li>" for resource in record.get("resources") or [])
    return f'<section class="resources"><h2>Resources</h2><ul>{items}</ul></section>' if items else ""


def _type_counts_html(record: dict[str, Any], legend: Legend) -> str:
    counts = Counter(entry["type"] for advice in record.get("advice") or [] for entry in advice.get("types") or [])
    untyped = sum(1 for advice in record.get("advice") or [] if not advice.get("types"))
    items = "".join(
        f'<li><mark class="advice {legend.css_class.get(name, "type-none")}">{escape(name.replace("_", " "))}</mark> {count}</li>'
        for name, count in counts.most_common()
    ) + (f'<li><mark class="advice type-none">no type</mark> {untyped}</li>' if untyped else "")
    total = len(record.get("advice") or [])
    return f'<section class="type-counts"><h2>Advice: {total} sentences</h2><ul>{items}</ul></section>'


def _view_html(value: Any) -> str:
    if isinstance(value, list):
        return "<ol>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ol>"
    return escape(_plain(value))


def _comparable(record: dict[str, Any], name: str) -> Any:
    value = record.get(name)
    return [_item_text(name, item) for item in value] if isinstance(value, list) else value


def _item_text(name: str, item: Any) -> str:
    if not isinstance(item, dict):
        return _plain(item)
    if name == "steps":
        return f"{item.get('number')}. {item.get('title')}"
    if name == "quotes":
        return f"{item.get('speaker') or 'unattributed'}: {item.get('text')}"
    if name == "advice":
        types = ", ".join(entry["type"] for entry in item.get("types") or [])
        return f"{item.get('text')} [{item.get('form')}; {types or 'no type'}]"
    return _plain(item.get("text"))


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_plain(inner)}" for key, inner in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_plain(inner) for inner in value)
    return str(value)


def legend_from(types: Iterable[tuple[str, str]]) -> Legend:
    """The legend for types given as (name, definition), in order; classes type-0, type-1, ..."""
    return Legend(tuple((name, f"type-{position}", definition) for position, (name, definition) in enumerate(types)))
