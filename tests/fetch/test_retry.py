"""Retry-After parsing and backoff with jitter."""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest

from pipeline.fetch._retry import backoff_seconds, retry_after_seconds

NOW = datetime(2026, 11, 28, 2, 0, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Sat, 28 Nov 2026 02:01:30 GMT", 90.0),
        ("Sat, 28 Nov 2026 01:00:00 GMT", 0.0),
        ("soon", None),
        ("-5", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(header, seconds):
    assert retry_after_seconds(header, NOW) == seconds


def test_backoff_doubles_within_jitter_and_stops_at_the_cap():
    rng = random.Random(7)
    waits = [backoff_seconds(attempt, base=0.5, cap=4.0, rng=rng) for attempt in range(6)]

    steps = [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    assert all(step / 2 <= wait <= step for wait, step in zip(waits, steps))


def test_backoff_jitter_spreads_clients_that_failed_together():
    waits = {backoff_seconds(3, base=0.5, cap=30.0, rng=random.Random(seed)) for seed in range(5)}

    assert len(waits) == 5
