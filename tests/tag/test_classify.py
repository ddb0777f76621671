"""classify_lines() and the classify command: one JSON result per input line, in order."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.tag import classify_lines

LINES = ["Give them space.\n", "\n", "The sky is blue.\n", "Is it really what you want?"]


def test_one_result_per_line_with_blank_lines_kept(rules_nlp):
    results = list(classify_lines(LINES, rules_nlp))
    assert results == [
        {"text": "Give them space.", "advice": True, "score": 0.85, "form": "directive",
         "types": [{"type": "space_and_distance", "score": 0.8232}]},
        {"text": "", "advice": False, "score": 0.0, "form": None, "types": []},
        {"text": "The sky is blue.", "advice": False, "score": 0.0, "form": None, "types": []},
        {"text": "Is it really what you want?", "advice": True, "score": 0.6, "form": "question",
         "types": [{"type": "self_reflection", "score": 0.5}]},
    ]


def test_line_of_several_sentences_takes_its_strongest_advice(rules_nlp):
    [result] = classify_lines(["Breakups hurt. Don't force it."], rules_nlp)
    assert (result["advice"], result["form"], result["score"]) == (True, "prohibition", 0.9)


def test_a_question_about_someone_else_is_evaluation(rules_nlp):
    [result] = classify_lines(["Were they kind to you?"], rules_nlp)
    assert (result["form"], result["types"]) == ("question", [{"type": "evaluation", "score": 0.5}])


def test_detector_probability_enters_the_score(nlp):
    [result] = classify_lines(["Give them space."], nlp)
    probability = next(nlp("Give them space.").sents)._.advice_probability
    assert result["score"] == round(0.5 * 0.85 + 0.5 * probability, 4)


def test_classify_command_writes_a_json_line_per_stdin_line():
    result = CliRunner().invoke(cli, ["classify", "-"], input="".join(LINES))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [json.loads(line)["advice"] for line in lines] == [True, False, False, True]
    assert json.loads(lines[1])["text"] == ""


def test_classify_command_reads_a_file(tmp_path):
    path = tmp_path / "sentences.txt"
    path.write_text("Don't force it.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["classify", str(path)])
    assert (result.exit_code, json.loads(result.stdout)["form"]) == (0, "prohibition")


def test_classify_command_with_an_unknown_model_fails_with_one_line():
    result = CliRunner().invoke(cli, ["classify", "--model", "no_such_model_xyz", "-"], input="Hi.\n")
    assert result.exit_code == 2  # a model that cannot load is a usage error
    assert result.stderr.startswith("error: no_such_model_xyz: cannot load spaCy model: [E050]")


def test_classify_command_keeps_one_line_per_line_through_bad_bytes(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 time.\nDon't force it.\n".encode("latin-1"))
    result = CliRunner().invoke(cli, ["classify", str(path)])
    assert result.exit_code == 0
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["Caf\ufffd time.", "Don't force it."]


def test_a_title_case_headline_is_read_in_sentence_case_and_returned_as_given(rules_nlp):
    [result] = classify_lines(["2. Research and Compare Moving Companies"], rules_nlp)
    assert (result["text"], result["advice"], result["form"]) == ("2. Research and Compare Moving Companies", True,
                                                                   "directive")


def test_suggestions_that_are_no_imperative(rules_nlp):
    lines = ["You can also browse online reviews to compare companies.", "Parents should talk with their pediatrician.",
             "We recommend checking the label first.", "It is also advisable to keep receipts."]
    assert [result["form"] for result in classify_lines(lines, rules_nlp)] == ["suggestion"] * 4
