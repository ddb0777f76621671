import json

import pytest

from pipeline.errors import UsageError
from pipeline.validation import validate_paths


def test_valid_records_in_json_and_jsonl_files_report_no_problems(tmp_path, seed_record):
    (tmp_path / "one.json").write_text(json.dumps(seed_record, indent=2))
    (tmp_path / "many.jsonl").write_text(json.dumps(seed_record) + "\n\n" + json.dumps(seed_record) + "\n")
    report = validate_paths([str(tmp_path)])
    assert (report.files, report.records, report.problems, report.exit_code) == (2, 3, (), 0)


def test_problems_name_file_line_pointer_and_message(tmp_path, seed_record):
    broken = dict(seed_record, steps=[dict(seed_record["steps"][0], number="one")])
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(seed_record) + "\n" + json.dumps(broken) + "\n{not json\n")
    report = validate_paths([str(path)])
    assert [str(problem) for problem in report.problems] == [
        f"{path}:2: /steps/0/number: 'one' is not of type 'integer'",
        f"{path}:3: /: not JSON: Expecting property name enclosed in double quotes (column 2)",
    ]
    assert report.exit_code == 1
    assert report.summary() == "3 records in 1 file: 1 valid, 2 invalid"


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as raised:
        validate_paths([str(tmp_path / "nope.json")])
    assert raised.value.exit_code == 2
