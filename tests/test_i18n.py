"""Interface text: one catalog per language, one setting."""

from __future__ import annotations

import re
import unicodedata

import pytest

from dokhae import i18n
from dokhae.lesson import Text


@pytest.fixture(autouse=True)
def _restore_language(monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setattr(i18n, "_current", None)


def test_default_is_korean():
    """Does a Korean student learning English see Korean instructions by default?"""
    assert i18n.get_language() == "ko"
    assert i18n.t("button.check") == "확인"


def test_set_language_switches_every_text():
    i18n.set_language("en")
    assert i18n.get_language() == "en"
    assert i18n.t("button.check") == "Check"
    i18n.set_language("ko")
    assert i18n.t("feedback.saved") == "저장되었습니다."


def test_unknown_language_lists_the_choices():
    with pytest.raises(
        ValueError, match=re.escape("unknown language 'fr': choose one of 'ko', 'en'")
    ):
        i18n.set_language("fr")
    assert i18n.get_language() == "ko"


def test_environment_variable_chooses_the_starting_language(monkeypatch):
    monkeypatch.setenv("DOKHAE_LANGUAGE", "en")
    assert i18n.t("button.next") == "Next"
    i18n.set_language("ko")  # an explicit setting wins
    assert i18n.t("button.next") == "다음"


def test_bad_environment_variable_is_named(monkeypatch):
    monkeypatch.setenv("DOKHAE_LANGUAGE", "kr")
    with pytest.raises(
        ValueError,
        match=re.escape("unknown language in $DOKHAE_LANGUAGE 'kr': choose one of 'ko', 'en'"),
    ):
        i18n.get_language()


def test_using_language_restores_the_setting():
    i18n.set_language("ko")
    with i18n.using_language("en"):
        assert i18n.t("review.good") == "Good"
    assert i18n.t("review.good") == "좋음"


def test_fields_are_filled():
    assert i18n.t("score.label", "en", score=3, total=5) == "Score: 3 / 5"
    assert i18n.t("score.label", "ko", score=3, total=5) == "점수: 3 / 5"
    assert i18n.t("progress.position", current=2, total=10) == "2 / 10"
    assert i18n.t("hint.label", "ko", n=2) == "힌트 2"


def test_missing_key_names_the_key():
    with pytest.raises(
        KeyError, match=re.escape("no interface text 'button.fly' in the 'ko' catalog")
    ):
        i18n.t("button.fly")


def test_missing_field_names_the_key_and_the_field():
    with pytest.raises(
        KeyError,
        match=re.escape(
            "interface text 'score.label' needs the field {total}: call t('score.label', total=...)"
        ),
    ):
        i18n.t("score.label", score=3)


def test_text_gives_both_languages():
    assert i18n.text("review.again") == Text(en="Again", ko="다시")
    assert i18n.text("hint.label", n=1)("ko") == "힌트 1"


def test_ratings_and_required_texts():
    """Are the texts the widgets rely on there, with the agreed Korean?"""
    ko = i18n.catalog("ko")
    assert [ko[f"review.{r}"] for r in ("again", "hard", "good", "easy")] == [
        "다시",
        "어려움",
        "좋음",  # as Anki says it (walk-through 14)
        "쉬움",
    ]
    for key in (
        "feedback.correct",
        "feedback.wrong",
        "feedback.partial",
        "feedback.unanswered",
        "feedback.saved",
        "feedback.try_again",
        "button.check",
        "button.next",
        "button.previous",
        "button.flip",
        "button.show_translation",
        "button.hide_translation",
        "button.show_romanization",
        "score.label",
        "progress.position",
        "review.due",
        "review.nothing_due",
        "hint.label",
        "button.next_hint",
        "answer.unit_mismatch",
        "answer.number_format",
        "instruction.matching",
        "instruction.ordering",
        "direction.en_ko",
        "direction.ko_en",
    ):
        assert key in ko, key


QUESTION_TYPES = (
    "multiple_choice",
    "true_false_not_given",
    "cloze",
    "matching",
    "ordering",
    "short_text",
    "numeric",
    "arithmetic",
)
ASSIGNMENT_AND_REPORT_KEYS = (
    *(
        f"assignment.{k}"
        for k in (
            "title",
            "points",
            "for_student",
            "intro",
            "setup",
            "numbers",
            "answer_here",
            "finish",
            "missing",
        )
    ),
    *(f"assignment.how.{kind}" for kind in QUESTION_TYPES),
    *(
        f"report.{k}"
        for k in (
            "students",
            "items",
            "share_correct",
            "total",
            "students_axis",
            "item_axis",
            "title",
        )
    ),
)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_assignment_and_report_texts_are_in_the_catalog(language):
    """Interface text is bilingual from one catalog: the texts of assignment notebooks and
    class reports (once dokhae/teacher/texts.yaml) are catalog keys in both languages."""
    texts = i18n.catalog(language)
    assert [k for k in ASSIGNMENT_AND_REPORT_KEYS if k not in texts] == []
    who = {"name", "student_id", "assignment_id"}
    assert i18n.fields_of(texts["assignment.for_student"]) == who
    assert all(i18n.fields_of(texts[f"assignment.how.{kind}"]) == {"id"} for kind in QUESTION_TYPES)
    assert i18n.fields_of(texts["report.title"]) == {"assignment_id", "students"}


def test_choice_questions_have_their_own_empty_answer_text():
    assert i18n.t("answer.choose_first", "en") == "Choose an answer first."
    assert i18n.t("answer.choose_first", "ko") == "먼저 답을 고르세요."
    assert i18n.t("answer.empty", "en") == "Type an answer first."
    for key in (
        "answer.matching_format",
        "answer.ordering_format",
        "answer.text_expected",
        "quiz.unknown_in_assignment",
    ):
        assert key in i18n.catalog("en") and key in i18n.catalog("ko")


def test_both_catalogs_have_the_same_keys():
    en, ko = set(i18n.catalog("en")), set(i18n.catalog("ko"))
    assert en - ko == set(), "missing in ko.yaml"
    assert ko - en == set(), "missing in en.yaml"


@pytest.mark.parametrize("key", i18n.keys())
def test_both_catalogs_use_the_same_fields(key):
    assert i18n.fields_of(i18n.catalog("en")[key]) == i18n.fields_of(i18n.catalog("ko")[key])


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_catalog_texts_are_clean(language):
    """Is every text non-empty, NFC, trimmed, and filled in by str.format without error?"""
    for key, text in i18n.catalog(language).items():
        assert text and text == text.strip(), key
        assert unicodedata.is_normalized("NFC", text), key
        fields = dict.fromkeys(i18n.fields_of(text), 1)
        text.format(**fields)


def test_korean_catalog_is_korean_and_english_is_english():
    hangul = re.compile(r"[\uac00-\ud7a3]")
    ko, en = i18n.catalog("ko"), i18n.catalog("en")
    untranslated = [k for k in ko if ko[k] == en[k] and not re.fullmatch(r"[\W\d{}_a-z%]*", ko[k])]
    assert untranslated == []
    assert not [k for k, v in en.items() if hangul.search(v) and k != "language.ko"]


def test_korean_fields_are_not_followed_by_particles():
    """A particle after {field} would be wrong for half of the values (을/를, 이/가)."""
    particle = re.compile(r"\}(은|는|이|가|을|를|와|과|으로|로|의|에)(\s|$|[.,!?])")
    assert [k for k, v in i18n.catalog("ko").items() if particle.search(v)] == []


def test_catalog_is_read_only():
    with pytest.raises(TypeError):
        i18n.catalog("en")["button.check"] = "Go"  # type: ignore[index]
