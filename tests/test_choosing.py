"""One way to say what cannot be chosen, for ``dokhae assign`` and ``dokhae export exam``
(dokhae.teacher.choosing): the place of each choice, close matches, and choices that
exist but cannot be chosen yet."""

from __future__ import annotations

from dokhae.problems import Report
from dokhae.teacher.choosing import report_unknown, wanted


def test_choices_come_from_the_options_and_the_selection_file(tmp_path):
    listing = tmp_path / "pick.txt"
    listing.write_text("# mine\nmain-idea\n\ndetail-1, detail-2\n", encoding="utf-8")
    report = Report()
    ids, groups = wanted(report, ["e01"], ["detail"], listing, group="skill")
    assert ids == [
        ("e01", "exercise", None),
        ("main-idea", str(listing), 2),
        ("detail-1", str(listing), 4),
        ("detail-2", str(listing), 4),
    ]
    assert groups == [("detail", "skill", None)] and report.ok


def test_each_unknown_choice_is_reported_where_it_was_made_with_close_matches():
    report = Report()
    choices = [("main-idee", "exercise", None), ("main-idea", "f.txt", 1), ("zz", "f.txt", 2)]
    report_unknown(
        report,
        choices,
        ["main-idea", "detail"],
        field="exercise",
        message="lesson {lesson!r} has no exercise {value!r}",
        fix="use one of the lesson's ids{suggestion}",
        lesson="steel",
    )
    first, second = report.errors
    assert (first.file, first.line, first.field, first.value) == (
        "exercise",
        None,
        "exercise",
        "main-idee",
    )
    assert first.message == "lesson 'steel' has no exercise 'main-idee'"
    assert first.fix == "use one of the lesson's ids: did you mean main-idea?"
    assert (second.line, second.fix) == (2, "use one of the lesson's ids")


def test_a_choice_that_exists_but_cannot_be_chosen_gets_its_own_message():
    report = Report()
    report_unknown(
        report,
        [("poem", "kind", None), ("insertion-0", "exercise", None)],
        ["blank", "insertion"],
        field="kind",
        message="{value!r} is not an item kind",
        fix="use one of: {known}",
        unavailable={"insertion-0": ("not approved", "review it first")},
    )
    unknown, unavailable = report.errors
    assert (unknown.message, unknown.fix) == (
        "'poem' is not an item kind",
        "use one of: blank, insertion",
    )
    assert (unavailable.message, unavailable.fix) == ("not approved", "review it first")
