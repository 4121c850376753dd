"""Listening views without a browser: the speak buttons of the reading view, the cards and
the glossary entries; dictation and spelling recorded for the spaced review."""

from __future__ import annotations

import pytest

from dokhae.answers import grade_dictation
from dokhae.progress import ProgressStore
from dokhae.review import missed_cards
from dokhae.session import Session
from dokhae.widgets import Flashcards, ReadingView
from dokhae.widgets.dictation import Dictation, SpellingTest, dictation_html, glossary_words_missed
from dokhae.widgets.speech import Speaker, voice_language


@pytest.fixture
def session(lesson, tmp_path):
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        yield Session(lesson, store=store)


def speakers(widget):
    found = []
    stack = [widget]
    while stack:
        w = stack.pop()
        if isinstance(w, Speaker):
            found.append(w)
        stack.extend(getattr(w, "children", ()))
    return found


def test_speaker_language_label_and_no_voice_message_follow_the_interface():
    speaker = Speaker("협력", "ko", interface="en", rate=0.8)
    assert (speaker.text, speaker.lang, speaker.rate) == ("협력", "ko-KR", 0.8)
    assert speaker.label == "Read aloud"
    assert "Korean voice" in speaker.no_voice_message
    assert "Windows" in speaker.no_voice_message and "macOS" in speaker.no_voice_message
    korean = Speaker("steel", "en", interface="ko")
    assert korean.lang == "en-US"
    assert "영어 음성" in korean.no_voice_message
    assert "dokhae-speak" in korean._dom_classes
    assert [rate for rate, _ in korean.rate_options] == [0.6, 0.8, 1.0]
    with pytest.raises(ValueError, match="'en' or 'ko'"):
        voice_language("fr")


def test_every_sentence_of_the_reading_view_has_a_speak_button(lesson):
    view = ReadingView(lesson, lang="ko")
    view.go(3)
    buttons = [w for w in view.text.children if isinstance(w, Speaker)]
    assert [b.text for b in buttons] == [s.en for s in view.paragraph.sentences]
    assert {b.lang for b in buttons} == {"en-US"}
    assert {b.label for b in buttons} == {"문장 듣기"}
    view.direction.value = "ko"
    buttons = [w for w in view.text.children if isinstance(w, Speaker)]
    assert [b.text for b in buttons] == [s.ko for s in view.paragraph.sentences]
    assert {b.lang for b in buttons} == {"ko-KR"}


def test_the_open_glossary_entry_has_a_speak_button(lesson):
    view = ReadingView(lesson, lang="en")
    view.go(3)
    assert view.gloss_speaker.layout.display == "none"
    term = view.terms[0]
    term.click()
    assert view.gloss_speaker.layout.display is None
    assert view.gloss_speaker.text == view.selected.headword
    assert view.gloss_speaker.label == f"Listen to “{view.selected.headword}”"
    term.click()
    assert view.gloss_speaker.layout.display == "none"


def test_every_card_speaks_its_front_word(lesson):
    cards = Flashcards(lesson, direction="en-ko", order="glossary")
    assert cards.speaker.text == cards.entry.headword and cards.speaker.lang == "en-US"
    cards.go(1)
    assert cards.speaker.text == cards.entries[1].headword
    cards.direction.value = "ko-en"
    assert cards.speaker.text == cards.entry.korean and cards.speaker.lang == "ko-KR"


def test_dictation_grades_records_and_shows_the_marks(session):
    view = Dictation(session, lang="en")
    sentence = view.text
    assert view.speaker.text == sentence and view.speaker.show_rate and view.speaker.rate == 0.8
    words = sentence.split()
    typed = " ".join(words[:2] + words[3:])  # the third word missed
    view.answer.value = typed
    assert view.result is not None and view.result.missed == (words[2],)
    assert "dokhae-dictation-missed" in view.feedback_area.value
    assert 'lang="en"' in view.feedback_area.value
    (attempt,) = session.store.list_attempts()
    assert attempt.exercise == f"dictation:{view.sentence.id}"
    assert attempt.status == "partial"
    view.check()  # the same answer again is not a second attempt
    assert len(session.store.list_attempts()) == 1


def test_a_glossary_word_misspelt_in_dictation_comes_first_in_review(session, lesson):
    view = Dictation(session, lang="ko")
    view.go(next(i for i, s in enumerate(view.sentences) if "dialogue" in s.en))
    typed = view.text.replace("dialogue", "dialoge")
    view.answer.value = typed
    assert ("dialogue", "dialoge") in [(r.strip(".,"), g) for r, g in view.result.misspelt]
    spelt = [a for a in session.store.list_attempts() if a.exercise.startswith("spell:")]
    assert [(a.exercise, a.answer, a.status) for a in spelt] == [
        ("spell:dialogue", "dialoge", "wrong")
    ]
    assert missed_cards(session.store, lesson.slug)[0] == "dialogue:ko-en"


def test_words_not_typed_are_not_counted_as_misspelt(lesson):
    sentence = next(s for p in lesson.article.body for s in p.sentences if "dialogue" in s.en)
    result = grade_dictation(sentence.en.split()[0], sentence.en)
    assert glossary_words_missed(result, lesson.glossary, "en", sentence.id) == []


def test_spelling_test_records_and_feeds_the_review(session, lesson):
    view = SpellingTest(session, lang="en", audience="en")
    assert view.speaker.text == view.entry.headword
    entry = view.entry
    view.answer.value = entry.headword.upper()
    assert view.feedback.correct
    view.go(1)
    wrong = view.entry
    view.answer.value = wrong.headword[:-1] + ("x" if wrong.headword[-1] != "x" else "y")
    assert not view.feedback.correct
    exercises = [(a.exercise, a.status) for a in session.store.list_attempts()]
    assert exercises == [(f"spell:{entry.id}", "correct"), (f"spell:{wrong.id}", "wrong")]
    assert f"{wrong.id}:ko-en" in missed_cards(session.store, lesson.slug)


def test_dictation_html_escapes_and_lists_every_kind():
    result = grade_dictation("<b>탄소국경</b> 제도 다시", "탄소 국경 조정 제도")
    html = dictation_html(result, "ko", "ko")
    assert "<b>탄소국경" not in html and "&lt;b&gt;" in html
    assert "빠뜨린 단어" in html and "더 쓴 단어" in html
    assert 'lang="ko"' in html


def test_fallbacks_are_bilingual(session):
    assert "받아쓰기" in repr(Dictation(session)) and "dictation" in repr(Dictation(session))
    assert "spelling" in repr(SpellingTest(session))


def test_progress_tables_name_a_dictation_by_its_sentence(lesson):
    from dokhae.tables import exercise_label

    sentence = lesson.article.body[0].sentences[0]
    assert exercise_label(lesson, f"dictation:{sentence.id}", "en").startswith(sentence.en[:20])
    assert exercise_label(lesson, f"dictation-ko:{sentence.id}", "ko").startswith(sentence.ko[:10])


def test_every_view_shares_one_keyboard_guard(lesson):
    from dokhae.widgets.keys import KeyboardGuard

    reading, cards = ReadingView(lesson), Flashcards(lesson)
    assert isinstance(reading.keyboard, KeyboardGuard)
    assert reading.keyboard is cards.keyboard  # one model per kernel
    assert reading.keyboard.layout.display == "none"
    assert reading.keyboard not in reading.content
    assert "select, input[type=radio]" in KeyboardGuard._esm


def test_choosers_without_a_description_name_their_list(lesson, session):
    from dokhae.widgets import QuizSet

    groups = QuizSet.by_paragraph_groups(lesson, session=session, lang="en")
    assert groups.select.description or groups.select.tooltip == "Choose a group of paragraphs"
    skills = QuizSet.skill_chooser(lesson, "inference", session=session, lang="en")
    assert skills.select.description  # named by its visible label, no tooltip needed
    assert skills.select.tooltip is None
