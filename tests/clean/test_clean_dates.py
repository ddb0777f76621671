"""to_iso_date: the dates pages write, as ISO 8601."""

from __future__ import annotations

import pytest

from pipeline.clean._dates import date_in_text, looks_like_date, to_iso_date


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-08-27T04:12:06Z", "2024-08-27"),
        ("2024-08-27T04:12:06+00:00", "2024-08-27"),
        ("2019-11-19T23:30:00-0500", "2019-11-19"),
        ("2024-08-27", "2024-08-27"),
        ("2024-08-27 04:12", "2024-08-27"),
        ("August 27, 2024", "2024-08-27"),
        ("27th August 2024", "2024-08-27"),
        ("Monday, April 12, 2021", "2021-04-12"),
        ("Tue, 27 Aug 2024 04:12:06 GMT", "2024-08-27"),
        ("soon", None),
        ("", None),
    ],
)
def test_dates_become_one_iso_8601_shape_the_day_the_page_states(written, iso):
    assert to_iso_date(written) == iso


def test_date_strings_are_told_from_names():
    assert looks_like_date("08/27/2024")
    assert looks_like_date("August 27, 2024")
    assert not looks_like_date("Olivia Sanders")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Published March 5, 2024 by Lena Berg", ("2024-03-05", 10)),
        ("5th Sept 2023", ("2023-09-05", 0)),
        ("Dec. 5 2024 · 4 min read", ("2024-12-05", 0)),
        ("on 2024-02-30, then 2024-03-01", ("2024-03-01", 20)),
        ("The Mayor 12 2024 plan", None),
    ],
)
def test_the_first_real_date_written_in_a_line_is_found_with_where_it_starts(text, found):
    assert date_in_text(text) == found
