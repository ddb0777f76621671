import pytest

from pipeline.emit import PipelineInfo, absolute_url, build_record, record_id, slugify
from pipeline.errors import InvalidRecord
from pipeline.model import (
    AdviceSentence,
    Block,
    Document,
    Metadata,
    Quote,
    Resource,
    Section,
    Source,
    Step,
    Structure,
    Tags,
    Takeaway,
    TypeScore,
)
from pipeline.validation import check_record

SHA = "ab" * 32
INFO = PipelineInfo(version="0.1.0", spacy_version="3.8.0", spacy_model="en_core_web_sm", spacy_model_version="3.8.0")


def small_record() -> dict:
    document = Document(
        source=Source(path="page.html", content_sha256=SHA),
        metadata=Metadata(title="Give It Time: 2 Steps", authors=("Ana Ruiz",), published="2024-05-01", language="en"),
        blocks=(
            Block("heading", "Step 1: Wait", level=2),
            Block("paragraph", 'Give them space. As Ana says, "Time heals."'),
        ),
    )
    structure = Structure(
        sections=(Section("Step 1: Wait", 2, 'Give them space. As Ana says, "Time heals."'),),
        takeaways=(Takeaway("Wait."),),
        steps=(Step(1, "Wait", 'Give them space. As Ana says, "Time heals."', None),),
        quotes=(Quote("Time heals.", None, None, None, 1, "Step 1: Wait", 49, 60),),
        resources=(Resource("Ruiz, Ana. Waiting", "Ana Ruiz", "Waiting"),),
    )
    tags = Tags(
        advice=(AdviceSentence("Give them space.", 14, 30, "directive", 0.91234, (TypeScore("patience", 0.8),), "Give", 1),),
        step_types={1: (TypeScore("patience", 0.7),)},
        takeaway_types=((TypeScore("patience", 0.6),),),
        quotes=(Quote("Time heals.", "Ana", None, "says", 1, "Step 1: Wait", 49, 60),),
    )
    return build_record(document, structure, tags, INFO)


def test_record_from_stage_values_meets_the_schema():
    record = small_record()
    check_record(record, "page.html")
    assert record["id"] == "give-it-time-2-steps-abababab"
    assert record["body_text"] == 'Step 1: Wait\n\nGive them space. As Ana says, "Time heals."'
    assert record["body_text"][14:30] == "Give them space."
    assert record["advice"][0] == {
        "text": "Give them space.", "start": 14, "end": 30, "form": "directive",
        "types": [{"type": "patience", "score": 0.8}], "score": 0.9123, "evidence": "Give", "step": 1,
    }
    assert record["steps"][0]["types"] == [{"type": "patience", "score": 0.7}]
    assert record["takeaways"] == [{"text": "Wait.", "types": [{"type": "patience", "score": 0.6}]}]


def test_invalid_record_raises_naming_source_and_pointer():
    record = small_record()
    record["steps"][0]["number"] = -1
    with pytest.raises(InvalidRecord) as raised:
        check_record(record, "page.html")
    assert str(raised.value) == (
        "page.html: invalid record at /steps/0/number: -1 is less than the minimum of 1 (value: -1) (and 3 more)"
    )


def test_slugs_fold_accents_and_punctuation():
    assert slugify("Café: 12 Crucial Steps (Should You?)") == "cafe-12-crucial-steps-should-you"
    assert record_id("", SHA) == "article-abababab"


def test_canonical_urls_are_made_absolute_or_dropped():
    assert absolute_url("/agency", "https://example.org/blog/post") == "https://example.org/agency"
    assert absolute_url("https://example.org/café", None) == "https://example.org/café"
    assert absolute_url("/agency", None) is None
    assert absolute_url("What are the different types of wine?", "https://example.org/") is None
    assert absolute_url("mailto:ana@example.org", None) is None
