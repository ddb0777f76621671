"""Resources: reading lists parsed into author (natural order), title and subtitle."""

from __future__ import annotations

from pipeline.model import Block, Resource
from pipeline.segment._resources import find_resources, parse_citation


def _parsed(structure) -> list[tuple[str | None, str | None, str | None]]:
    return [(item.author, item.title, item.subtitle) for item in structure.resources]


def test_inverted_name_with_middle_initial(corpus_structure):
    assert _parsed(corpus_structure("mindfulpath-how-to-start-journaling-7-steps"))[0] == (
        "James W. Pennebaker", "Writing to Heal",
        "A Guided Journal for Recovering from Trauma and Emotional Upheaval")


def _entry(text: str) -> tuple[str | None, str | None, str | None]:
    parsed = parse_citation(text)
    return parsed.author, parsed.title, parsed.subtitle


def test_apa_citation_with_many_authors():
    assert _entry("Lieberman, M. D., Eisenberger, N. I., Crockett, M. J., Tom, S. M., Pfeifer, J. H., & Way, B. M. "
                  "(2007). Putting feelings into words: Affect labeling disrupts amygdala activity. Psychological "
                  "Science, 18(5), 421-428.") == (
        "M. D. Lieberman, N. I. Eisenberger, M. J. Crockett, S. M. Tom, J. H. Pfeifer & B. M. Way",
        "Putting feelings into words", "Affect labeling disrupts amygdala activity")
    assert _entry("Burns, D. D. (1980). Feeling good: The new mood therapy. William Morrow.") == (
        "D. D. Burns", "Feeling good", "The new mood therapy")


def test_title_by_several_authors_and_author_comma_title(corpus_structure):
    assert _parsed(corpus_structure("workwise-conflict-at-work-no-n")) == [
        ("Kerry Patterson, Joseph Grenny, Ron McMillan and Al Switzler", "Crucial Conversations",
         "Tools for Talking When Stakes Are High"),
        ("Douglas Stone, Bruce Patton and Sheila Heen", "Difficult Conversations",
         "How to Discuss What Matters Most"),
        ("Kim Scott", "Radical Candor", None),
    ]


def test_inverted_names_with_publisher_and_year_after_the_title():
    assert _entry("Tawwab, Nedra Glover. Set Boundaries, Find Peace: A Guide to Reclaiming Yourself. "
                  "TarcherPerigee, 2021.") == (
        "Nedra Glover Tawwab", "Set Boundaries, Find Peace", "A Guide to Reclaiming Yourself")
    assert _entry("Cloud, Henry, and John Townsend. Boundaries: When to Say Yes, How to Say No to Take Control "
                  "of Your Life. Zondervan, 1992.") == (
        "Henry Cloud and John Townsend", "Boundaries", "When to Say Yes, How to Say No to Take Control of Your Life")


def test_resource_text_is_the_entry_as_written(corpus_structure):
    assert corpus_structure("careercorner-ask-for-a-raise-windows-1252").resources[0].text == (
        "Voss, Chris. Never Split the Difference: Negotiating As If Your Life Depended On It")


def test_quoted_title_after_the_author():
    assert parse_citation('Helen Fisher, "Why We Love," Henry Holt, 2004') == Resource(
        'Helen Fisher, "Why We Love," Henry Holt, 2004', "Helen Fisher", "Why We Love", None)


def test_title_by_author_with_a_name_particle():
    assert parse_citation("The Body Keeps the Score by Bessel van der Kolk").author == "Bessel van der Kolk"


def test_apa_pair_of_authors_with_ampersand():
    parsed = parse_citation("Gottman, J. M., & Silver, N. (1999). The seven principles for making marriage work. Crown.")
    assert (parsed.author, parsed.title, parsed.subtitle) == (
        "J. M. Gottman & N. Silver", "The seven principles for making marriage work", None)


def test_entry_without_an_author_keeps_its_text_as_title():
    assert parse_citation("National Sleep Foundation sleep guidelines") == Resource(
        "National Sleep Foundation sleep guidelines", None, "National Sleep Foundation sleep guidelines", None)


def test_apa_entries_keep_the_ampersand_as_written():
    assert _entry("Vantongeren, P., & Lusk, M. (2022). Sorted: A Room-by-Room Guide for the Chronically "
                  "Overwhelmed. Bramblegate Press.") == (
        "P. Vantongeren & M. Lusk", "Sorted", "A Room-by-Room Guide for the Chronically Overwhelmed")


def test_journal_article_title_and_subtitle_end_before_the_journal():
    assert _entry("Halloway-Finch, W. (2021). Unfinished business: How household clutter shapes attention and "
                  "mood. Journal of Domestic Environments, 14(3), 201–219.") == (
        "W. Halloway-Finch", "Unfinished business", "How household clutter shapes attention and mood")


def test_a_references_list_of_citations_is_claimed_but_gives_no_resources(corpus_structure):
    for page in ("tidynest-declutter-when-overwhelmed", "familyroots-7-ways-to-set-boundaries-ol-start",
                 "healthline-style-anxiety-tips-tip-n"):
        assert corpus_structure(page).resources == ()
    blocks = [Block("heading", "References", level=2),
              Block("list_item", "Quill, R. (2022). The Clock Inside. Harrowby House.", level=1, list_id=1)]
    assert find_resources(blocks) == ((), frozenset({0, 1}))


def test_lead_in_and_newsletter_paragraphs_around_a_reading_list_are_not_entries(corpus_structure):
    assert _parsed(corpus_structure("medium-habits-rebuilt-my-focus")) == [
        ("Corin Maddox", "Deep Hours", None),
        ("Sabine Okoro-Lind", "The Unhurried Mind", "Notes on Attention in a Loud World"),
        ("Fennimore Blake and Ada Wrenfield", "Quiet Work", None),
    ]


def test_inline_label_reading_list_whose_line_breaks_were_lost(corpus_structure):
    assert _parsed(corpus_structure("blogger-cut-grocery-bill")) == [
        ("Wilhelmina Strand", "The Thrifty Kitchen", None),
        ("Augustin Pellew", "Feed Five on Fifty", "Real Meals on a Real Budget"),
    ]


def test_inline_label_reading_list_one_entry_a_line():
    resources, used = find_resources([Block("paragraph", "Further reading:\nDeep Hours by Corin Maddox\nQuiet Work")])
    assert [(item.author, item.title) for item in resources] == [("Corin Maddox", "Deep Hours"), (None, "Quiet Work")]
    assert used == frozenset({0})


def test_organisation_author_and_edition_left_out_of_the_title():
    parsed = parse_citation("American Psychological Association. (2020). Publication manual of the American "
                            "Psychological Association (7th ed.). APA.")
    assert (parsed.author, parsed.title, parsed.subtitle) == (
        "American Psychological Association", "Publication manual of the American Psychological Association", None)


def test_question_title_keeps_its_question_mark():
    parsed = parse_citation("National Sleep Foundation. (2021). How much sleep do we really need? Retrieved online.")
    assert (parsed.author, parsed.title) == ("National Sleep Foundation", "How much sleep do we really need?")


def test_run_on_reading_list_with_a_pair_of_authors_and_a_middle_initial():
    text = ("Recommended reading: The Unhurried Morning by Mara Ellison and Tobiah Grunwald "
            "The Coffee Handbook by Ted R. Lingle Deep Hours by Corin Maddox")
    resources, _ = find_resources([Block("paragraph", text)])
    assert [(item.author, item.title) for item in resources] == [
        ("Mara Ellison and Tobiah Grunwald", "The Unhurried Morning"), ("Ted R. Lingle", "The Coffee Handbook"),
        ("Corin Maddox", "Deep Hours")]


def test_organisation_named_first_in_an_mla_style_entry():
    parsed = parse_citation(
        "Harvard Health Publishing. Understanding the stress response. Harvard Medical School, 2020.")
    assert (parsed.author, parsed.title) == ("Harvard Health Publishing", "Understanding the stress response")


def test_title_by_author_then_a_dash_and_a_comment():
    parsed = parse_citation("Deep Work by Cal Newport — the best book I know on focus.")
    assert (parsed.author, parsed.title, parsed.subtitle) == ("Cal Newport", "Deep Work", None)


def test_sources_and_further_reading_heading_with_an_ampersand():
    resources, used = find_resources([Block("heading", "Sources & Further Reading", level=2),
                                      Block("list_item", "Deep Hours by Corin Maddox", level=1, list_id=1)])
    assert [(item.author, item.title) for item in resources] == [("Corin Maddox", "Deep Hours")]
    assert used == frozenset({0, 1})


def test_typed_entry_number_is_read_past_but_kept_in_the_text():
    parsed = parse_citation("[2] Walker, M. (2017). Why we sleep: Unlocking the power of sleep. Scribner.")
    assert parsed == Resource("[2] Walker, M. (2017). Why we sleep: Unlocking the power of sleep. Scribner.",
                              "M. Walker", "Why we sleep", "Unlocking the power of sleep")


def test_counted_source_box_of_citations_is_claimed_over_its_note_but_gives_no_resources():
    blocks = [Block("paragraph", "4 Sources"),
              Block("paragraph", "We use only peer-reviewed studies to support the facts within our articles."),
              Block("list_item", "Quill, R. (2022). The Clock Inside: Your Circadian Rhythm. Harrowby House.",
                    level=1, list_id=1),
              Block("list_item", "Deep Hours by Corin Maddox", level=1, list_id=1)]
    assert find_resources(blocks) == ((), frozenset({0, 2, 3}))


def test_counted_reading_list_label_over_a_list():
    blocks = [Block("paragraph", "Further reading (2)"),
              Block("list_item", "Quill, R. (2022). The Clock Inside: Your Circadian Rhythm. Harrowby House.",
                    level=1, list_id=1),
              Block("list_item", "Deep Hours by Corin Maddox", level=1, list_id=1)]
    resources, used = find_resources(blocks)
    assert [(item.author, item.title) for item in resources] == [("R. Quill", "The Clock Inside"),
                                                                  ("Corin Maddox", "Deep Hours")]
    assert used == frozenset({0, 1, 2})


def test_count_after_a_label_heading():
    resources, _ = find_resources([Block("heading", "Recommended books (1)", level=2),
                                   Block("list_item", "Deep Hours by Corin Maddox", level=1, list_id=1)])
    assert [item.title for item in resources] == ["Deep Hours"]


def test_plain_label_line_over_paragraphs_heads_no_reading_list():
    resources, used = find_resources([Block("paragraph", "Resources"),
                                      Block("paragraph", "Money is tight for most families this year.")])
    assert (resources, used) == ((), frozenset())


def test_app_named_with_its_maker_and_what_it_is_for():
    assert parse_citation("Japan Travel (by Navitime)- Provides travel tips and short articles") == Resource(
        "Japan Travel (by Navitime)- Provides travel tips and short articles", "Navitime", "Japan Travel", None)
    assert parse_citation("Japan Transit Planner - For train schedules, routes, and fares.").title == (
        "Japan Transit Planner")


def test_heading_naming_helpful_apps_heads_a_reading_list_and_prose_under_a_label_is_none(data_structure):
    resources = data_structure("reading-list-labels").resources
    assert [(item.author, item.title) for item in resources] == [
        (None, "Carris Metropolitana"), ("Lisbon City Council", "Lisboa Move")]


def test_a_closing_remark_in_brackets_is_not_part_of_the_title_but_a_name_in_brackets_is():
    assert parse_citation("Duolingo Japanese (awesome app to practice with)").title == "Duolingo Japanese"
    assert parse_citation("Universal Travel Adapter (3 for $10)").title == "Universal Travel Adapter"
    assert parse_citation("JR East (East Japan Railway Company)").title == "JR East (East Japan Railway Company)"


def test_a_books_section_of_a_packing_guide_and_a_costs_heading_are_no_reading_lists():
    for heading in ("Books", "Additional Costs for Apps"):
        blocks = [Block("heading", heading, level=2),
                  Block("list_item", "Pack them in small boxes.", level=1, list_id=1)]
        assert find_resources(blocks) == ((), frozenset())


def test_a_directory_of_links_under_a_resources_label_gives_no_resources():
    blocks = [Block("heading", "Resources", level=2),
              *[Block("list_item", f"Free course {number}", level=1, list_id=1) for number in range(1, 61)]]
    resources, used = find_resources(blocks)
    assert resources == () and used == frozenset(range(61))
