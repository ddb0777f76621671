"""The model article end to end, checked field by field against its hand-checked gold file."""

from corpus_files import SEED_PAGE


def test_seed_metadata(seed_record, seed_gold):
    assert seed_record["title"] == seed_gold["title"]
    assert seed_record["author"] == "Olivia Sanders"
    assert seed_record["published"] == seed_gold["published"]
    assert seed_record["language"].split("-")[0] == "en"
    assert seed_record["source"]["path"] == str(SEED_PAGE)


def test_seed_takeaways_are_the_five_in_order(seed_record, seed_gold):
    assert [t["text"] for t in seed_record["takeaways"]] == seed_gold["takeaways"]


def test_seed_steps_are_numbered_1_to_12_with_exact_titles(seed_record, seed_gold):
    assert [(s["number"], s["title"]) for s in seed_record["steps"]] == [
        (s["number"], s["title"]) for s in seed_gold["steps"]
    ]
    assert seed_record["steps"][1]["title"] == "Give Them Space"
    assert seed_record["steps"][11]["title"] == "Accept the Situation"


def test_seed_attributed_quotes_have_speaker_and_full_text(seed_record, seed_gold):
    attributed = [q for q in seed_record["quotes"] if q["speaker"]]
    fields = ("speaker", "speaker_description", "cue", "text", "section", "step")
    assert [{f: q[f] for f in fields} for q in attributed] == [{f: q[f] for f in fields} for q in seed_gold["quotes"]]


def test_seed_resources(seed_record, seed_gold):
    assert seed_record["resources"] == seed_gold["resources"]


def test_seed_sections_follow_the_headings(seed_record, seed_gold):
    assert [s["heading"] for s in seed_record["sections"]] == seed_gold["sections"]


def test_no_site_chrome_in_any_field(seed_record, seed_gold):
    for phrase in seed_gold["chrome_absent"]:
        for field, value in seed_record.items():
            if field not in ("source", "pipeline", "site_name", "canonical_url", "description"):
                assert phrase not in str(value), f"{phrase!r} found in {field}"
    for phrase in seed_gold["body_must_contain"]:
        assert phrase in seed_record["body_text"]


def test_every_step_has_a_primary_advice_type(seed_record, seed_gold):
    assert [s["types"][0]["type"] for s in seed_record["steps"]] == [s["primary_type"] for s in seed_gold["steps"]]


def test_advice_offsets_point_into_body_text(seed_record):
    assert seed_record["advice"], "the seed article is full of advice"
    for entry in seed_record["advice"]:
        assert seed_record["body_text"][entry["start"] : entry["end"]] == entry["text"]
    forms = {entry["form"] for entry in seed_record["advice"]}
    assert {"directive", "prohibition", "suggestion"} <= forms
