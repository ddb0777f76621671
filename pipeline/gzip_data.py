"""Inflating gzip data under a size cap: page files and sitemaps both arrive gzipped."""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"


class GzipProblem(ValueError):
    """Raised when gzip data is corrupt, cut short, or inflates past the cap; the message says which."""


def is_gzip(data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC)


def inflate(data: bytes, limit: int) -> bytes:
    """The inflated bytes, at most `limit` of them.

    Inflates at most one byte past the cap, so a gzip bomb stops there instead of filling memory.
    """
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        content = inflater.decompress(data, limit + 1)
    except zlib.error as error:
        raise GzipProblem(f"corrupt gzip data ({error})") from None
    if len(content) > limit:
        raise GzipProblem(f"inflates to more than {limit} bytes")
    if not inflater.eof:
        raise GzipProblem("truncated gzip data")
    return content
