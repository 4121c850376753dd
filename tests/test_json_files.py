"""The JSON files dokhae writes: one model per format, the format/version check in one place."""

from __future__ import annotations

import pytest

from dokhae.homework.files import AnswersFile, Manifest, QuestionsFile, VariantsFile
from dokhae.json_files import FileFormatError, VersionedFile
from dokhae.teacher.key import AnswerKey

MODELS = [Manifest, QuestionsFile, AnswersFile, VariantsFile, AnswerKey]

GOOD = {
    Manifest: {
        "assignment_id": "hw1",
        "student_id": "s1",
        "lesson": "steel",
        "exercises": ["q1"],
        "seed": "ab",
    },
    QuestionsFile: {"questions": [{"id": "q1", "type": "numeric"}]},
    AnswersFile: {"assignment_id": "hw1", "student_id": "s1", "answers": {"q1": {"value": 5}}},
    VariantsFile: {"students": {}},
    AnswerKey: {
        "assignment_id": "hw1",
        "lesson": "steel",
        "exercises": ["q1"],
        "questions": {"q1": {"type": "numeric"}},
        "templates": {},
        "students": {},
    },
}


@pytest.mark.parametrize("model", MODELS)
def test_every_format_round_trips_and_is_checked_by_the_one_base(model):
    assert issubclass(model, VersionedFile) and model.read.__func__ is VersionedFile.read.__func__
    data = {**model.header(), **GOOD[model]}
    read = model.read(data, "f.json")
    assert model.read(read.to_dict(), "f.json") == read
    assert read.to_dict()["format"] == model.FORMAT and read.to_dict()["version"] == 1


@pytest.mark.parametrize("model", MODELS)
def test_a_bad_file_names_the_file_the_field_and_the_fix(model):
    good = {**model.header(), **GOOD[model]}
    cases = [
        ([1, 2], "", "the JSON is not an object"),
        ({**good, "format": "other"}, "format", f"format is 'other', expected {model.FORMAT!r}"),
        ({**good, "version": 2}, "version", "version 2, but this dokhae reads version 1"),
        (
            {k: v for k, v in good.items() if k != next(iter(GOOD[model]))},
            next(iter(GOOD[model])),
            "field required",
        ),
    ]
    for data, field, problem in cases:
        with pytest.raises(FileFormatError) as caught:
            model.read(data, "folder/f.json")
        error = caught.value
        assert (error.file, error.field) == ("folder/f.json", field)
        assert problem in error.problem and str(error).startswith("folder/f.json: ")
        assert error.fix and str(error).endswith(error.fix)
    with pytest.raises(FileFormatError) as newer:
        model.read({**good, "version": 2}, "f.json")
    assert newer.value.fix == "update dokhae (pip install -U dokhae)"


def test_field_paths_point_inside_the_file():
    data = {**AnswersFile.header(), **GOOD[AnswersFile], "answers": {"q 1": {"saved_at": "x"}}}
    with pytest.raises(FileFormatError) as caught:
        AnswersFile.read(data, "answers.json")
    assert caught.value.field == "answers['q 1'].value"
    with pytest.raises(
        FileFormatError, match="assignment_id: string should have at least 1 character"
    ):
        AnswersFile.read({**data, "assignment_id": ""}, "answers.json")
