"""A cheap check of the container selection against its silent failure: furniture picked as the article.

When a page's article is scattered over many small boxes, one compact box of furniture can hold
the most prose in one place and win: a bank's legal disclaimer, a news site's author bio, a box
of related-article teasers. The record is then written from it without any error. So the pick
is checked before it is used: when it holds a small share of the page's prose and reads like
such furniture, it is set aside and the selection runs again without it. The next candidate
is taken only when it is larger and does not read like furniture itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from lxml.html import HtmlElement

from pipeline.clean._hints import chrome_tag, surely_chrome
from pipeline.clean._labels import is_elsewhere_label
from pipeline.clean._walk import RawBlock
from pipeline.settings import CleanSettings

Furniture = Literal["disclaimer", "author_bio", "link_box"]
Selector = Callable[[HtmlElement, list[RawBlock]], list[RawBlock]]

# A block counts as prose, towards the page's and the pick's share, as the selection counts it.
_MIN_PROSE_CHARS = 80
_MAX_PROSE_LINK_SHARE = 0.5
# Phrases of legal notices and disclosures; a disclaimer uses several different ones.
_DISCLAIMER_CUES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\bfor (?:general )?(?:informational|information|educational) purposes\b",
    r"\bnot (?:intended|meant) (?:as|to be|to (?:provide|replace|constitute|substitute))\b",
    r"\b(?:does|do|shall) not constitute\b",
    r"\bshould not be (?:construed|relied|considered|used as)\b",
    r"\bconsult (?:with )?(?:a|an|your) (?:own )?(?:qualified |licensed |independent )?"
    r"(?:professional|advis[eo]r|attorney|lawyer|physician|doctor|tax|financial|healthcare)",
    r"\bmember (?:FDIC|SIPC|FINRA)\b|\bequal housing lender\b",
    r"\bnot (?:FDIC[- ])?insured\b|\bmay lose value\b|\bnot (?:bank[- ])?guaranteed\b",
    r"\b(?:liable|liability|indemnif\w*)\b",
    r"\bwarrant(?:s|y|ies)?\b.{0,40}\b(?:accuracy|completeness)\b|\bmakes? no (?:representations?|warrant)",
    r"\bterms (?:of (?:use|service)|and conditions)\b",
    r"\ball rights reserved\b|\bcopyright\b|©",
    r"\btrademarks?\b",
    r"\bsubject to change\b|\bwithout (?:prior )?notice\b",
    r"\bpast performance\b",
    r"\b(?:is|are) not responsible for\b",
    r"\bthird[- ]part(?:y|ies)\b",
    r"\baffiliates?\b",
    r"\b(?:receive|earn)s? (?:a )?(?:commission|compensation)\b",
))
# What a short biography says of its subject: who they are, what they wrote, where they live.
_BIO_CUES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\b(?:is|was) an? (?:[\w-]+ ){0,4}(?:writer|journalist|reporter|editor|author|contributor|columnist"
    r"|correspondent|blogger|freelancer|producer|photographer|critic)\b",
    r"\b(?:has|have) (?:been )?(?:written|writing|covered|covering|contributed|reported|reporting)\b",
    r"\b(?:his|her|their) (?:work|writing|articles|reporting|stories) (?:has|have)\b",
    r"\bfollow (?:him|her|them)\b|\bwrite to (?:him|her|them)\b",
    r"\blives (?:in|with|on)\b",
    r"\b(?:graduated|studied \w+ at|holds an? (?:\w+ )?degree|earned (?:an?|her|his|their) (?:\w+ )?degree)\b",
    r"\b(?:joined|writes for|writes about|reports on)\b",
))
_MIN_CUES = 3
# A box of teasers: most of its headings are links to other pages.
_MIN_LINKED_HEADINGS = 3
_LINKED_HEADING_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class PickCheck:
    """What the self-check makes of the blocks the selection picked."""

    share: float
    """The pick's prose over the page's prose outside chrome, 0..1; over all the page's prose when
    that share is already not small."""
    looks_like: Furniture | None
    """The furniture a pick with a small share reads like; None when it reads like an article or
    its share is not small (then it is not read)."""
    doubtful: bool
    """Both a small share and furniture: the selection should look again without it."""


def check_pick(picked: list[RawBlock], blocks: list[RawBlock], settings: CleanSettings) -> PickCheck:
    """Judge `picked` (the selection's blocks) against `blocks` (every block of the page).

    The share comes first and the reading only for a small one, so on most pages the check
    costs two sums.
    """
    picked_prose = _prose(picked)
    share = picked_prose / (_prose(blocks) or 1.0)
    if share < settings.recheck_max_share:
        share = picked_prose / (_page_prose(blocks) or 1.0)
    share = min(share, 1.0)
    looks_like = _furniture(picked) if share < settings.recheck_max_share else None
    return PickCheck(share, looks_like, looks_like is not None)


def checked_selection(body: HtmlElement, blocks: list[RawBlock], select: Selector, settings: CleanSettings) -> list[RawBlock]:
    """`select`'s blocks, unless they are doubtful furniture and the page holds a larger article elsewhere.

    Each round sets the doubtful pick's holder aside and selects again from the rest; the new pick
    wins when it holds `recheck_min_gain` times the prose and is not furniture itself.
    """
    picked = select(body, blocks)
    for _ in range(settings.recheck_rounds):
        if not check_pick(picked, blocks, settings).doubtful:
            break
        holder = _holder(picked)
        if holder is None or holder is body:
            break
        rest = [block for block in blocks if holder not in block.ancestors]
        other = select(body, rest)
        if _prose(other) < settings.recheck_min_gain * _prose(picked) or _furniture(other) is not None:
            break
        picked, blocks = other, rest
    return picked


def _furniture(picked: list[RawBlock]) -> Furniture | None:
    if not picked:
        return None
    text = " ".join(block.text for block in picked)
    if sum(1 for cue in _DISCLAIMER_CUES if cue.search(text)) >= _MIN_CUES:
        return "disclaimer"
    if sum(1 for cue in _BIO_CUES if cue.search(text)) >= _MIN_CUES:
        return "author_bio"
    headings = [block for block in picked if block.kind == "heading"]
    linked = sum(1 for block in headings if block.link_chars > block.chars * _LINKED_HEADING_SHARE)
    if linked >= _MIN_LINKED_HEADINGS and linked >= _LINKED_HEADING_SHARE * len(headings):
        return "link_box"
    return "link_box" if is_elsewhere_label(picked[0].text) else None


def _holder(picked: list[RawBlock]) -> HtmlElement | None:
    """The innermost element holding every picked block."""
    common = picked[0].ancestors if picked else ()
    for block in picked[1:]:
        length = next((index for index, (a, b) in enumerate(zip(common, block.ancestors)) if a is not b),
                      min(len(common), len(block.ancestors)))
        common = common[:length]
    return common[-1] if common else None


def _prose_chars(block: RawBlock) -> int:
    if block.kind in ("heading", "figure") or block.chars < _MIN_PROSE_CHARS:
        return 0
    if block.link_chars > block.chars * _MAX_PROSE_LINK_SHARE:
        return 0
    return block.chars - block.link_chars


def _prose(blocks: list[RawBlock]) -> float:
    return float(sum(_prose_chars(block) for block in blocks))


def _page_prose(blocks: list[RawBlock]) -> float:
    """The page's prose outside what the markup or class names mark as chrome (menus, comments, ads)."""
    chrome = cache(lambda element: chrome_tag(element) or surely_chrome(element))
    return float(sum(
        _prose_chars(block) for block in blocks
        if not any(chrome(element) for element in block.ancestors)
    ))
