"""Steps: every numbered-series markup on the corpus pages, and the series that are not steps."""

from __future__ import annotations

from pipeline.model import Block
from pipeline.segment._steps import find_steps
from pipeline.segment._numbering import Promise, title_promise
from pipeline.segment._unnumbered import action_lists


def _titles(structure) -> list[tuple[int, str]]:
    return [(step.number, step.title) for step in structure.steps]


def _gold_titles(gold: dict) -> list[tuple[int, str]]:
    return [(step["number"], step["title"]) for step in gold["steps"]]


def test_step_n_colon_headings_lose_their_prefix(corpus_structure, corpus_gold):
    page = "mindfulpath-how-to-start-journaling-7-steps"
    structure = corpus_structure(page)
    assert _titles(structure)[:3] == [(1, "Choose Your Medium"), (2, "Set a Tiny Goal"),
                                      (3, "Anchor It to an Existing Routine")]
    assert _titles(structure) == _gold_titles(corpus_gold(page))


def test_step_n_full_stop_headings_on_a_windows_1252_page(corpus_structure):
    structure = corpus_structure("careercorner-ask-for-a-raise-windows-1252")
    assert _titles(structure) == [(1, "Know Your Number"), (2, "Build Your Case"), (3, "Pick the Right Moment"),
                                  (4, "Make the Ask"), (5, "Plan for Every Answer")]


def test_spelled_out_step_numbers(corpus_structure):
    structure = corpus_structure("substack-morning-routine-step-one")
    assert _titles(structure) == [(1, "Anchor on your wake time"), (2, "Start with one small thing"),
                                  (3, "Get outside light early"), (4, "Prepare the night before")]


def test_bold_paragraph_pseudo_headings_numbered_with_full_stop(corpus_structure, corpus_gold):
    page = "sleepwell-9-ways-to-fall-asleep-faster"
    structure = corpus_structure(page)
    assert _titles(structure)[0] == (1, "Keep the Same Wake-Up Time Every Day")
    assert _titles(structure)[-1] == (9, "Keep Naps Short and Early")
    assert _titles(structure) == _gold_titles(corpus_gold(page))


def test_pseudo_heading_step_ends_at_the_next_bold_label(corpus_structure):
    last = corpus_structure("sleepwell-9-ways-to-fall-asleep-faster").steps[-1]
    assert last.text == ("A twenty-minute nap before 3 p.m. can refresh you. A long nap late in the day steals "
                         "the sleep pressure you need at night.")


def test_hash_numbered_headings_under_a_section(corpus_structure):
    structure = corpus_structure("calmmoney-5-money-habits-hash-headings")
    assert _titles(structure) == [(1, "Hold a Weekly Money Date"), (2, "Build a Small Buffer First"),
                                  (3, "Automate the Boring Parts"), (4, "Give Every Pound a Job"),
                                  (5, "Talk About It")]
    assert {step.section for step in structure.steps} == {"The Habits"}


def test_parenthesis_numbered_headings(corpus_structure, corpus_gold):
    page = "tidyhome-declutter-paren-numbered"
    structure = corpus_structure(page)
    assert _titles(structure)[0] == (1, "Pick One Room and Set a Finish Line")
    assert _titles(structure) == _gold_titles(corpus_gold(page))


def test_tip_n_headings(corpus_structure, corpus_gold):
    page = "healthline-style-anxiety-tips-tip-n"
    structure = corpus_structure(page)
    assert _titles(structure)[1] == (2, "Breathe Out Longer Than You Breathe In")
    assert _titles(structure) == _gold_titles(corpus_gold(page))


def test_no_n_headings(corpus_structure, corpus_gold):
    page = "workwise-conflict-at-work-no-n"
    structure = corpus_structure(page)
    assert _titles(structure)[:2] == [(1, "Address It Early"), (2, "Go Private")]
    assert _titles(structure) == _gold_titles(corpus_gold(page))


def test_headings_inside_ordered_list_items_take_the_item_number(corpus_structure):
    structure = corpus_structure("kindwords-how-to-apologize-ol-headings")
    assert _titles(structure) == [(1, "Say the Words"), (2, "Name What You Did"), (3, "Acknowledge the Impact"),
                                  (4, "Offer to Make It Right"), (5, "Change the Behaviour")]


def test_ordered_list_continued_with_start_attribute_is_one_series(corpus_structure):
    structure = corpus_structure("familyroots-7-ways-to-set-boundaries-ol-start")
    assert [step.number for step in structure.steps] == [1, 2, 3, 4, 5, 6, 7]
    assert structure.steps[3].title == "Expect pushback"
    assert structure.steps[3].text == ("People who benefited from the old arrangement may test the new one. "
                                       "That doesn't mean the boundary is wrong; it means it's new.")


def test_list_item_title_is_its_first_sentence(corpus_structure):
    structure = corpus_structure("familyroots-7-ways-to-set-boundaries-ol-start")
    assert structure.steps[1].title == 'Use "I" statements'


def test_signs_series_beside_the_steps_is_not_the_steps(corpus_structure, corpus_gold):
    page = "friendfix-repair-friendship-signs-and-steps"
    structure = corpus_structure(page)
    assert _titles(structure)[0] == (1, "Reflect on Your Part")
    assert _titles(structure) == _gold_titles(corpus_gold(page))
    assert {step.section for step in structure.steps} == {"How to Repair It: 6 Steps"}


def test_myths_list_beside_the_how_to_list_is_not_the_steps(corpus_structure, corpus_gold):
    page = "stillpoint-how-to-meditate-list-steps"
    structure = corpus_structure(page)
    assert _titles(structure) == _gold_titles(corpus_gold(page))
    assert structure.steps[1].title == "Set a timer for five minutes so you don't keep checking the clock"


def test_table_of_contents_and_comments_are_not_steps(data_structure):
    structure = data_structure("furniture-inside-article")
    assert _titles(structure) == [(1, "Leave Ten Minutes Earlier"), (2, "Choose One Thing to Listen To"),
                                  (3, "Arrive Before You Arrive")]
    assert structure.steps[-1].last_block == structure.steps[-1].first_block + 1


def test_heading_step_text_is_its_paragraphs_up_to_the_next_step(corpus_structure):
    step = corpus_structure("getitdone-stop-procrastinating-comment-thread").steps[2]
    assert step.text == ("Pick the distraction that costs you the most and put a barrier in front of it for one "
                         "hour: phone in a drawer, a site blocker, headphones on. One barrier you actually use "
                         "beats five you ignore.")


def test_heading_step_ends_at_a_bold_box_label(data_structure):
    last = data_structure("takeaway-boxes").steps[-1]
    assert last.text.split("\n\n") == [
        "A ten-minute walk after eating helps your muscles use the sugar from your meal. It also gets you away "
        "from the desk, which is a small rest in itself.",
        "Summary A short walk after meals can blunt the rise in blood sugar.",
    ]


def test_heading_numbered_by_its_list_markup_joins_typed_numbers(data_structure):
    assert _titles(data_structure("mixed-numbered-headings")) == [
        (1, '"Write it down or it didn\'t happen"'), (2, "Protect the overlap hours"),
        (3, "Meet in person twice a year")]


def test_yoast_how_to_block_items_keep_their_paragraphs(corpus_structure):
    steps = corpus_structure("brewbetter-cold-brew-yoast-howto").steps
    assert [step.title for step in steps] == ["Grind the beans coarsely", "Combine coffee and water",
                                              "Steep for 12 to 18 hours", "Strain and dilute"]
    assert steps[-1].text == ("Strain through a paper filter or a fine cloth. Dilute the concentrate one to one "
                              "with water or milk, and serve over ice.")


def test_partial_bold_tip_paragraphs_beside_the_counted_steps_are_not_steps(corpus_structure):
    assert all(not step.title.startswith("Use beans") for step in
               corpus_structure("brewbetter-cold-brew-yoast-howto").steps)


def test_last_one_line_list_item_does_not_take_the_paragraph_after_the_list(corpus_structure):
    assert corpus_structure("stillpoint-how-to-meditate-list-steps").steps[-1].text == ""


def test_wikihow_bare_number_items_take_the_lead_sentence_of_their_paragraph(data_structure):
    first = data_structure("howto-parts").steps[0]
    assert (first.number, first.title) == (1, "Pick a pot one size larger")
    assert first.text.startswith("A pot about five centimetres wider than the old one")
    assert first.text.endswith("or the roots will sit in water and rot.")


def test_list_item_title_before_a_colon_may_run_to_a_headings_length(corpus_structure):
    structure = corpus_structure("ghost-morning-routine-you-keep")
    steps = structure.steps
    assert _titles(structure)[2:4] == [
        (3, "Stack them onto something you already do"), (4, "Keep the whole thing under 30 minutes")]
    assert steps[3].text.startswith("A short routine survives busy weeks.")


def test_bold_numbered_lead_in_paragraphs_title_ends_at_the_first_sentence(corpus_structure):
    structure = corpus_structure("blogger-cut-grocery-bill")
    assert _titles(structure)[:2] == [(1, "Shop your pantry first"), (2, "Plan meals around what's on sale")]
    assert [step.number for step in structure.steps] == list(range(1, 9))


def test_numbering_that_restarts_under_part_headings_is_one_series_numbered_in_page_order(data_structure):
    structure = data_structure("howto-parts")
    assert [(step.number, step.title, step.section) for step in structure.steps] == [
        (1, "Pick a pot one size larger", "Part 1 of 2: Getting Ready"),
        (2, "Water the plant the day before", "Part 1 of 2: Getting Ready"),
        (3, "Tip the plant out gently", "Part 2 of 2: Moving the Plant"),
        (4, "Loosen the root ball", "Part 2 of 2: Moving the Plant"),
        (5, "Settle it at the same depth", "Part 2 of 2: Moving the Plant"),
    ]


def test_last_numbered_paragraph_step_keeps_no_more_blocks_than_the_others(corpus_structure):
    last = corpus_structure("blogger-cut-grocery-bill").steps[-1]
    assert (last.number, last.title) == (8, "Track what you throw away")
    assert last.text.endswith("planning a \"use it up\" dinner every Friday.")


def test_list_item_repeating_its_number_as_a_badge_loses_it():
    blocks = [Block("list_item", f"{number} Title {number}. Text.", level=1, ordered=True, number=number, list_id=1)
              for number in (1, 2, 3)]
    assert [(step.number, step.title, step.text) for step in find_steps(blocks, None, frozenset())] == [
        (1, "Title 1", "Text."), (2, "Title 2", "Text."), (3, "Title 3", "Text.")]


def test_unnumbered_headings_are_the_steps_a_four_tips_title_promises(data_structure):
    structure = data_structure("tips-unnumbered-headings")
    assert _titles(structure) == [(1, "One in, one out"), (2, "The two-minute sweep?"), (3, "A home for cables"),
                                  (4, "50% paper, 50% screen")]
    assert structure.steps[0].text.startswith("Whenever a new notebook")


def test_action_headings_of_a_timeline_are_one_series_across_its_stages(data_structure):
    structure = data_structure("checklist-action-headings")
    assert _titles(structure) == [(1, "Set a Budget"), (2, "Book the Removal Company"),
                                  (3, "Start Packing the Spare Room"), (4, "Tell the Bank and Your Employer"),
                                  (5, "Read the Meters")]


def test_numbered_lines_of_one_paragraph_are_steps_titled_by_their_first_sentence(data_structure):
    structure = data_structure("numbered-lines-and-instructions")
    assert _titles(structure) == [(1, "Use a jar with a wide mouth"), (2, "Make sure the lid seals well"),
                                  (3, "You can use any milk you like")]
    assert structure.steps[2].text == "Oat milk makes it creamier."


def test_bulleted_list_under_instructions_is_a_series_numbered_by_position(data_document):
    blocks = data_document("numbered-lines-and-instructions").blocks
    (series,) = action_lists(blocks, frozenset(), None)
    assert [(item.number, item.title) for item in series] == [
        (1, "Stir the oats, milk and yoghurt together in the jar"),
        (2, "Close the lid and leave it in the fridge overnight"),
        (3, "Top with fruit in the morning!")]


def test_a_list_of_benefits_and_an_outline_numbered_from_five_are_not_steps(data_structure):
    structure = data_structure("benefits-list-and-outline")
    assert _titles(structure) == [(1, "Walk ten minutes after lunch"), (2, "Add five minutes each week"),
                                  (3, "Take the stairs whenever you can")]


def test_headings_numbered_with_one_number_skipped_stay_one_series_numbered_1_to_n():
    blocks = [Block("heading", f"{number}. Do thing {number}", level=2) for number in (1, 2, 3, 5, 6)]
    steps = find_steps(blocks, None, frozenset())
    assert [(step.number, step.title) for step in steps] == [
        (1, "Do thing 1"), (2, "Do thing 2"), (3, "Do thing 3"), (4, "Do thing 5"), (5, "Do thing 6")]


def test_paragraphs_opening_on_imperatives_after_a_lead_in_are_steps(data_structure):
    structure = data_structure("paragraph-steps-after-lead-in")
    assert _titles(structure) == [(1, "Start with meals you already love"), (2, "Try one meat-free day a week"),
                                  (3, "Stock a few easy proteins")]
    assert structure.steps[2].text == "Tins of beans, tofu and eggs turn any leftovers into a meal."


def test_bold_lead_then_line_break_is_the_title_and_the_rest_is_the_text(data_structure):
    structure = data_structure("bold-lead-br")
    assert _titles(structure) == [(1, "Don't Give in to the Taper Madness"), (2, "Start Slower Than You Think"),
                                  (3, "Eat Before You Are Hungry")]
    assert structure.steps[0].text.startswith("The last three weeks feel lazy. That is the point:")


def test_step_labels_on_lines_of_their_own_title_the_paragraph_after_them(data_structure):
    structure = data_structure("step-labels-in-text")
    assert _titles(structure) == [(1, "Lay out your kit on Thursday"), (2, "Go to bed early on Friday"),
                                  (3, "Eat a breakfast you have tested")]
    assert structure.steps[2].text == "Race morning is no time for a new cereal."


def test_a_series_of_hundreds_is_a_catalogue_not_steps():
    blocks = [Block("list_item", f"Item {n}", level=1, ordered=True, number=n, list_id=1) for n in range(1, 201)]
    assert find_steps(blocks, None, frozenset()) == ()


def test_bold_lines_are_the_steps_a_three_ways_title_promises(data_structure):
    structure = data_structure("tips-bold-lines")
    assert _titles(structure) == [(1, "Give everything a tray"), (2, "Empty it on the first of the month"),
                                  (3, "Keep a spare bag for receipts")]
    assert structure.steps[1].text == "Tip the whole drawer onto the desk once a month and put back only what you used."


def test_a_ranked_list_of_products_is_not_steps_but_the_how_to_under_it_is(data_structure):
    structure = data_structure("ranked-products")
    assert _titles(structure) == [(1, "Fill it halfway with equal parts water and vinegar"),
                                  (2, "Boil it and leave it for an hour"), (3, "Rinse it twice before you use it again")]


def test_a_list_of_as_many_benefits_as_the_title_promises_is_not_steps(data_structure):
    structure = data_structure("benefits-title")
    assert _titles(structure) == [(1, "Stand with your feet hip-width apart"),
                                  (2, "Reach up slowly and hold for ten breaths"), (3, "Fold forward and let your arms hang")]


def test_a_title_promising_mistakes_and_tips_promises_tips():
    assert title_promise("How to Make a Good Game: 5 Mistakes and Tips to Avoid") == Promise(5, "tip")
    assert title_promise("Top Nine Financial Tips for Working Adults") == Promise(9, "tip")
    assert title_promise("10 Benefits of Meditation") == Promise(10, "benefit")


def test_a_title_counts_hyphenated_steps_and_things_that_are_not_steps():
    assert title_promise("How to Go Solar: A 5-Step Expert Guide") == Promise(5, "step")
    assert title_promise("The 5 Most Epic Espresso Machines Under $500") == Promise(5, "machines")
    assert title_promise("7 Delicious Recipes to Try Tonight") == Promise(7, "recipes")


def test_a_title_counting_plural_step_nouns_promises_steps():
    assert title_promise("6 Strategies to Cope With Stress") == Promise(6, "strategy")
    assert title_promise("5 Stretches for a Stiff Back") == Promise(5, "stretch")


def test_a_next_steps_section_is_no_stage_of_the_series():
    blocks = [Block("heading", "How to Repot a Plant", level=2),
              *[Block("heading", f"{number}. {title}", level=3)
                for number, title in enumerate(("Water it", "Tip it out", "Settle it"), 1)],
              Block("heading", "Next Steps", level=2),
              Block("list_item", "Download our plant guide", level=1, list_id=1),
              Block("list_item", "Book a consultation", level=1, list_id=1)]
    assert [step.title for step in find_steps(blocks, None, frozenset())] == ["Water it", "Tip it out", "Settle it"]


def test_numbered_products_a_title_counts_and_question_or_topic_headings_are_not_steps(data_structure):
    assert data_structure("product-roundup").steps == ()


def test_timeline_items_keep_the_note_after_a_dash_and_a_qualifier_before_a_colon(data_structure):
    assert _titles(data_structure("wedding-timeline-dashes")) == [
        (1, "Pick potential wedding dates - check with important guests to avoid clashes"),
        (2, "Optional: Have an engagement party!"), (3, "Book photographer"),
        (4, "Send save the date cards - important if you're getting married abroad"),
        (5, "Grooms: Go for a final fitting and pick up your outfit"), (6, "Order the cake")]


def test_stage_sections_naming_steps_join_the_numbered_series_between_them(data_structure):
    structure = data_structure("stage-sections")
    assert _titles(structure) == [(1, "Find the Studs"), (2, "Gather the Tools"), (3, "Mount the Bracket"),
                                  (4, "Slide the Shelf On"), (5, "Fix the Set Screws"), (6, "Check It After a Week"),
                                  (7, "Dust It Monthly")]
    assert [step.section for step in structure.steps[1:3]] == ["Preparation Steps", "Installation Process"]


def test_every_stage_of_a_timeline_gives_its_actions_as_headings_or_list_items(data_structure):
    structure = data_structure("timeline-stage-lists")
    assert _titles(structure) == [(1, "Book the Removal Company"), (2, "Start Clearing the Loft"),
                                  (3, "Tell Your Bank Your New Address"), (4, "Order Boxes"), (5, "Defrost the freezer"),
                                  (6, "Pack a bag of essentials for the first night"),
                                  (7, "Read the meters and take photos of them"), (8, "Strip the beds"),
                                  (9, "Put the kettle and mugs in the essentials box")]


def test_a_procedure_given_twice_is_one_series_and_bold_labels_title_every_item(data_structure):
    structure = data_structure("two-setups")
    assert _titles(structure) == [(1, "Unbox the mic"), (2, "Plug in the cable"), (3, "Headphones"),
                                  (4, "Clamp the boom arm"), (5, "Mount the mic"), (6, "Headphones")]
    assert structure.steps[5].text == "Plug them into the front of the mixer."


def test_items_that_open_on_a_label_before_a_dash_are_titled_by_it(data_structure):
    structure = data_structure("labelled-dash-steps")
    assert _titles(structure) == [(1, "Autolyse"), (2, "Incorporate active starter and salt"),
                                  (3, "Bulk fermentation"), (4, "Shape and rest")]
    assert structure.steps[0].text == "Combine the flour and water and leave them for an hour."


def _how_to(number_heading: str, titles: tuple[str, ...], level: int = 2) -> list[Block]:
    return [Block("heading", number_heading, level=level),
            *[Block("paragraph", f"{number}. {title}.") for number, title in enumerate(titles, 1)]]


def test_a_ranking_page_or_a_counted_heading_keeps_its_how_to_lists_apart():
    blocks = [*_how_to("How to set up the kit", ("Unbox it", "Plug it in", "Turn it on")),
              *_how_to("How to put the studio together", ("Clamp the arm", "Mount the mic", "Tidy the cables"))]
    joined = [step.title for step in find_steps(blocks, "My Podcast Gear", frozenset())]
    assert joined == ["Unbox it", "Plug it in", "Turn it on", "Clamp the arm", "Mount the mic", "Tidy the cables"]
    assert len(find_steps(blocks, "The 10 Best Podcast Mics", frozenset())) == 3
    counted = [*_how_to("How to set up the kit", ("Unbox it", "Plug it in", "Turn it on")),
               *_how_to("4 steps to get more out of it", ("Clamp the arm", "Mount the mic", "Tidy the cables", "Test"))]
    assert [step.title for step in find_steps(counted, None, frozenset())][0] == "Clamp the arm"
    assert len(find_steps(counted, None, frozenset())) == 4


def test_principles_are_a_series_a_title_may_promise():
    assert title_promise("Making AI work: 7 principles for safer adoption") == Promise(7, "principle")


def test_headings_on_the_ing_form_of_actions_are_the_steps_of_a_step_by_step_guide(data_structure):
    assert _titles(data_structure("gerund-headings")) == [
        (1, "Choosing a Spot"), (2, "Preparing the Soil"), (3, "Planting the Seedlings"), (4, "Watering Wisely")]


def test_headings_on_the_ing_form_are_no_steps_where_the_title_promises_no_how_to():
    blocks = [Block("heading", text, level=2) for text in ("Choosing a Spot", "Preparing the Soil", "Planting Day")]
    assert find_steps(blocks, "My Herb Garden Year", frozenset()) == ()
    assert len(find_steps(blocks, "How to Start a Herb Garden", frozenset())) == 3
