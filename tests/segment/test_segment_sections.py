"""Sections: each heading with the text of the blocks it governs."""

from __future__ import annotations


def test_section_text_is_its_blocks_joined_by_blank_lines(corpus_structure):
    section = corpus_structure("enotalone-12-crucial-steps-to-get-your-ex-back").sections[-1]
    assert section.heading == "Recommended Resources"
    assert section.level == 2
    assert section.text.split("\n\n") == [
        "Fisher, Helen. Why We Love: The Nature and Chemistry of Romantic Love",
        "Gottman, John. The Seven Principles for Making Marriage Work",
        "Perel, Esther. The State of Affairs: Rethinking Infidelity",
    ]


def test_subsection_runs_to_the_next_heading_of_its_level(corpus_structure):
    sections = {section.heading: section for section in corpus_structure("calmmoney-5-money-habits-hash-headings").sections}
    habits, first, talk = sections["The Habits"], sections["#1 Hold a Weekly Money Date"], sections["#5 Talk About It"]
    assert habits.last_block == sections["The Bottom Line"].first_block - 1
    assert first.last_block == first.first_block + 1
    assert talk.last_block == habits.last_block


def test_heading_that_repeats_the_title_opens_no_section(corpus_structure):
    structure = corpus_structure("sleepwell-9-ways-to-fall-asleep-faster")
    assert structure.sections == ()
    assert [quote.section for quote in structure.quotes] == [None, None]
