"""Feedback on the mistake made (issue 26): each arithmetic template recognises its common
wrong answers and says which step went wrong; multi-step exercises check named steps;
a multiple-choice distractor that encodes a known confusion explains itself.

The wrong answers are computed here from dokhae.cbam with one step done wrongly (not
copied from any output), so a change in the engine's mistakes or formulas shows.
"""

from __future__ import annotations

import pytest

from dokhae import cbam, i18n
from dokhae.answers import Feedback
from dokhae.arithmetic import check_steps, diagnose, make_exercise, mistake_text, step_names
from dokhae.lesson import Text
from dokhae.progress import ProgressStore
from dokhae.results import check
from dokhae.session import Session, follow_tries
from dokhae.templates import MISTAKES, wrong_answers

BM = cbam.HOT_ROLLED_BF_BOF_BENCHMARK


@pytest.fixture
def session(lesson, tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        yield Session(lesson, store=store)


def mistake_of(session: Session, template_id: str, value: object) -> str | None:
    """The key of the mistake the session's feedback names for ``value``, or None."""
    feedback = session.feedback(template_id, value)
    if feedback.mistake is None:
        return None
    ex = session.exercise(template_id)
    keys = {m.key for mistakes in MISTAKES.values() for m in mistakes} | set(GENERIC)
    found = []
    for key in sorted(keys):
        try:
            if mistake_text(key, ex) == feedback.mistake:
                found.append(key)
        except KeyError:  # a message naming a number this exercise does not have
            continue
    assert len(found) == 1, (feedback.mistake, found)
    return found[0]


GENERIC = ("percent_as_share", "times_100", "divided_by_100", "rounded_answer", "near_miss")
"""The mistakes of any number (arithmetic.diagnose), after the template's own."""


# --------------------------------------------------------------------------- every template


def test_every_calculation_has_its_mistakes_and_every_mistake_a_message(lesson):
    computes = {t.answer.compute for t in lesson.templates.values()}
    assert computes <= set(MISTAKES)
    for compute, mistakes in MISTAKES.items():
        for mistake in mistakes:
            for lang in ("ko", "en"):
                assert i18n.t(
                    f"mistake.{mistake.key}",
                    lang,
                    year=2026,
                    markup="10",
                    factor="97.5",
                    FX_KRW=1416.29,
                ), (compute, mistake.key)


@pytest.mark.parametrize("seed", ["example", 1, "student-7"])
def test_each_templates_mistakes_produce_their_message(lesson, session, seed):
    """For the worked example and for students' own numbers: each listed mistake of each
    template, given as the answer, is judged wrong and named (the first mistake giving
    that number, when two give the same)."""
    checked = 0
    for template in lesson.templates.values():
        ex = session.exercise(template.id) if seed == "example" else make_exercise(template, seed)
        first: dict[float, str] = {}
        for key, wrong in wrong_answers(ex.compute, ex.params):
            if abs(wrong - ex.answer) <= max(
                ex.tolerance.absolute, ex.tolerance.relative * abs(ex.answer), 1e-9
            ):
                continue  # with these numbers the mistake gives the right answer
            expected = first.setdefault(round(wrong, 6), key)
            message = diagnose(ex, wrong)
            assert message is not None, (template.id, key, wrong)
            assert message == mistake_text(expected, ex), (template.id, key, wrong)
            assert str(round(ex.answer, 2)) not in message.en  # the answer is not given away
            checked += 1
    assert checked >= 40


# --------------------------------------------------------------------------- the list


def test_share_instead_of_percent_e04(session):
    phased_out = 1 - cbam.cbam_factor(2030)  # 0.485, a share
    assert mistake_of(session, "e04-free-allocation-phase-out", phased_out) == "percent_as_share"
    factor = cbam.cbam_factor(2030)  # what remains, not what goes
    assert mistake_of(session, "e04-free-allocation-phase-out", factor) == "factor_as_share"
    assert (
        mistake_of(session, "e04-free-allocation-phase-out", 100 * factor)
        == "factor_not_phased_out"
    )


def test_times_100_and_divided_by_100(session):
    emissions = cbam.embedded_emissions(10_000, 2.00)
    assert mistake_of(session, "e05-embedded-emissions", emissions * 100) == "times_100"
    assert mistake_of(session, "e05-embedded-emissions", emissions / 100) == "divided_by_100"


def test_the_other_currency_and_the_exchange_rate_the_wrong_way(session):
    ex = session.exercise("e08-cost-in-krw")
    eur, fx = ex.params["cost_eur"], ex.params["FX_KRW"]
    assert mistake_of(session, "e08-cost-in-krw", eur) == "still_euros"
    assert mistake_of(session, "e08-cost-in-krw", eur / fx) == "fx_wrong_way_to_krw"
    kau = session.exercise("e08-kau-in-eur").params
    assert (
        mistake_of(session, "e08-kau-in-eur", kau["KAU"] * kau["FX_KRW"]) == "fx_wrong_way_to_eur"
    )
    # E12: the full chain answered in euros (the walk-through's 365,362)
    p = session.exercise("e12-korea-full-chain").params
    paid = cbam.carbon_price_paid(p["M"], p["SEE"], p["p"], p["KAU"])
    n = cbam.certificates(
        p["M"], p["SEE"], 2026, BM, deduction=cbam.carbon_price_deduction(paid, p["FX_KRW"], p["P"])
    )
    cost_eur = cbam.certificate_cost(n, p["P"])
    assert mistake_of(session, "e12-korea-full-chain", round(cost_eur)) == "still_euros"
    assert mistake_of(session, "e12-korea-full-chain", n) == "certificates_only"
    no_deduction = cbam.from_eur(
        cbam.certificate_cost(cbam.certificates(p["M"], p["SEE"], 2026, BM), p["P"]), p["FX_KRW"]
    )
    assert mistake_of(session, "e12-korea-full-chain", no_deduction) == "no_deduction"


def test_missing_mark_up_missing_factor_and_rounding_too_early(session):
    p = session.exercise("e09-certificates-after-faa").params
    sefa = cbam.free_allocation_adjustment(p["year"], p["BM"])
    see = cbam.default_see(p["DV"], p["year"])
    assert (
        mistake_of(session, "e09-certificates-after-faa", (p["DV"] - sefa) * p["M"])
        == "missing_markup"
    )
    assert (
        mistake_of(session, "e09-certificates-after-faa", (see - p["BM"]) * p["M"])
        == "missing_cbam_factor"
    )
    assert mistake_of(session, "e09-certificates-after-faa", see * p["M"]) == "no_adjustment"
    early = (round(see, 2) - round(sefa, 2)) * p["M"]
    assert mistake_of(session, "e09-certificates-after-faa", early) == "rounded_early"
    see_ex = session.exercise("e06-default-see")
    assert mistake_of(session, "e06-default-see", see_ex.params["DV"]) == "missing_markup"
    assert mistake_of(session, "e06-default-see", round(see_ex.answer, 1)) == "rounded_answer"
    assert mistake_of(session, "e06-default-see", see_ex.params["DV"] + 0.1) == "markup_added"


def test_a_tuple_from_a_comma_is_named_and_not_a_try(session):
    certificates = (2.12 * 1.1 - 0.975 * 1.370) * 5, 000  # what `* 5,000` makes in Python
    feedback = session.answer("e09-certificates-after-faa", certificates)
    assert feedback.status == "unanswered" and feedback.message_key == "practice.comma_tuple"
    assert "5_000" in feedback.message("ko") and "튜플" in feedback.message("ko")
    assert feedback.expected is None
    assert session.store.list_attempts() == []


# --------------------------------------------------------------------------- steps


def test_named_steps_show_where_the_chain_broke(session):
    ex = session.exercise("e12-korea-full-chain")
    assert step_names(ex)[0] == "n_faa" and step_names(ex)[-1] == "cost_krw"
    p = ex.params
    n_faa = (p["SEE"] - cbam.free_allocation_adjustment(2026, BM)) * p["M"]
    paid = p["p"] * p["SEE"] * p["M"] * p["KAU"]
    wrong_deduction = paid / p["P"]  # not changed into euros
    result = check(
        "e12-korea-full-chain",
        session=session,
        lang="ko",
        n_faa=n_faa,
        deduction=wrong_deduction,
        cost_krw=0,
    )
    assert [(s.name, s.right) for s in result.feedback.steps] == [
        ("n_faa", True),
        ("deduction", False),
        ("cost_krw", False),
    ]
    assert "deduction(공제되는 인증서 수)" in result.feedback.mistake.ko
    assert "✔ n_faa" in repr(result) and "✘ deduction" in repr(result)
    # the answer is the last step; the attempt is recorded with it
    assert session.store.list_attempts()[-1].answer == 0

    right = check_steps(ex, {"n_faa": n_faa, "deduction": paid / p["FX_KRW"] / p["P"]})
    assert all(s.right for s in right)
    only_steps = check("e12-korea-full-chain", session=session, n_faa=f"{n_faa:,.2f}")
    assert only_steps.status == "unanswered" and only_steps.feedback.steps[0].right
    assert len(session.store.list_attempts()) == 1  # steps alone are not an attempt
    unknown = check("e12-korea-full-chain", session=session, nfaa=1)
    assert unknown.status == "unknown" and "n_faa" in repr(unknown)


# --------------------------------------------------------------------------- tries policy


def test_follow_tries_reveals_at_the_last_try_and_gives_the_hints_in_turn():
    hints = (Text(en="one", ko="하나"), Text(en="two", ko="둘"))
    wrong = Feedback("wrong", expected="5")
    first = follow_tries(wrong, wrong_before=0, tries=3, hints=hints)
    assert (first.reveal, first.attempt, first.tries_left, first.hint_number) == (False, 1, 2, 1)
    assert first.next_hint == hints[0]
    second = follow_tries(wrong, wrong_before=1, tries=3, hints=hints)
    assert second.next_hint == hints[1] and not second.reveal
    third = follow_tries(wrong, wrong_before=2, tries=3, hints=hints)
    assert third.reveal and third.next_hint is None and third.tries_left == 0
    assert follow_tries(wrong, wrong_before=0, tries=3, revealed=True).reveal
    right = follow_tries(Feedback("correct", score=1.0), wrong_before=1, tries=3)
    assert right.reveal and right.attempt == 2
    empty = Feedback("unanswered")
    assert follow_tries(empty, wrong_before=5, tries=1) == empty


def test_the_lessons_number_of_tries_is_followed(lesson, tmp_path):
    three = lesson.model_copy(
        update={
            "exercises": lesson.exercises.model_copy(
                update={"practice": lesson.practice.model_copy(update={"tries": 3})}
            )
        }
    )
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        s = Session(three, store=store)
        reveals = [s.answer("main-idea", "d").reveal for _ in range(3)]
    assert reveals == [False, False, True]


# --------------------------------------------------------------------------- distractors


def test_a_distractor_with_why_wrong_explains_itself(lesson, session):
    question = lesson.questions["where-held"]
    busan = next(c for c in question.choices if c.id == "busan")
    assert busan.why_wrong is not None and "사진 설명" in busan.why_wrong.ko
    feedback = session.answer("where-held", "busan")
    assert feedback.status == "wrong" and feedback.mistake == busan.why_wrong
    assert not feedback.reveal and feedback.next_hint == question.hint
    seoul = session.answer("where-held", "seoul")
    assert seoul.status == "wrong" and seoul.mistake is None  # no known confusion
    from dokhae.markup import feedback_html

    page = feedback_html(feedback, "ko", reveal=feedback.reveal)
    assert "dokhae-mistake" in page and "dokhae-expected" not in page and "dokhae-next-hint" in page


def test_the_shipped_why_wrongs_are_on_distractors_only(lesson):
    found = 0
    for question in lesson.questions.values():
        for choice in getattr(question, "choices", ()):
            if getattr(choice, "why_wrong", None) is not None:
                assert choice.id != question.answer, question.id
                found += 1
    assert found >= 5


def test_show_answer_works_for_every_question_type(lesson, session):
    from dokhae.answers import ANSWER_SHOWN, check_question
    from dokhae.session import right_answer

    types = set()
    for question in lesson.questions.values():
        assert check_question(question, right_answer(question)).correct, question.id
        shown = session.show_answer(question.id)
        assert shown.message_key == ANSWER_SHOWN and shown.shows_answer and shown.expected
        assert shown.explanation == question.explanation
        types.add(question.type)
    assert len(types) == 7
    assert session.store.list_attempts() == []
