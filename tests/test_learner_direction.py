"""A learner of Korean chooses once in 00-start-here; every notebook follows (issue 25).

The choice (who is learning: ``"en"`` a Korean student of English, ``"ko"`` a learner
of Korean) and the interface language are saved in the progress store. Each notebook's
widget cell, run alone in a new kernel (as in tests/test_cells_alone.py), then reads,
drills and reviews in that direction.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dokhae
from dokhae import i18n, learner
from dokhae import session as session_module
from dokhae.progress import ProgressStore
from dokhae.widgets import LearnerChooser
from test_cells_alone import run_alone

ROOT = Path(__file__).resolve().parents[1]


def cell_with(notebook: str, code: str) -> str:
    cells = json.loads(next(ROOT.glob(f"notebooks/{notebook}-*.ipynb")).read_text("utf-8"))
    (source,) = [
        "".join(c["source"])
        for c in cells["cells"]
        if c["cell_type"] == "code" and code in "".join(c["source"])
    ]
    return source


def new_kernel(monkeypatch) -> None:
    """What a new kernel starts with: no session, no language set, nothing read yet."""
    monkeypatch.setattr(session_module, "_current", None)
    monkeypatch.setattr(i18n, "_current", None)
    learner._languages_read.clear()


@pytest.fixture
def learner_of_korean(monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)
    new_kernel(monkeypatch)
    chooser = run_alone(cell_with("00", "LearnerChooser"))
    assert isinstance(chooser, LearnerChooser) and chooser.direction.value == "en"
    chooser.direction.value = "ko"  # the clicks of 00-start-here
    chooser.language.value = "en"
    assert "Saved" in chooser.feedback.value
    new_kernel(monkeypatch)
    yield
    learner._languages_read.clear()


def test_the_choice_is_saved_in_the_progress_store(learner_of_korean):
    with ProgressStore() as store:
        assert store.setting("direction") == "ko" and store.setting("language") == "en"
    assert dokhae.chosen_direction() == "ko"
    assert dokhae.get_language() == "en"  # a new kernel opens in the saved language
    assert dokhae.start().direction == "ko"


def test_01_reads_the_korean_text(learner_of_korean):
    view = run_alone(cell_with("01", "ReadingView()"))
    assert view.direction.value == "ko" and "dokhae-text-ko" in view.text._dom_classes
    assert view.lang == "en" and view.translation_toggle.description == "Show translation"
    assert view.direction.layout.display == "none"  # no whole-article switch


def test_02_drills_korean_first(learner_of_korean):
    cards = run_alone(cell_with("02", "Flashcards()"))
    assert cards.direction.value == "ko-en"  # the Korean word on the front
    assert {e.audience for e in cards.entries} <= {"ko", "both"}
    assert run_alone(cell_with("02", "Flashcards(reverse=True)")).direction.value == "en-ko"
    game = run_alone(cell_with("02", "MatchingGame()"))
    korean = {e.korean for e in game.rounds[0]}
    assert {p.left for p in game.pairs} == korean  # Korean words, English meanings
    recall = run_alone(cell_with("02", "TypedRecall()"))
    assert recall.direction == "en-ko" and recall.exercise_id.startswith("vocab-ko:")
    review = run_alone(cell_with("02", "ReviewSession()"))
    assert review.cards[0].endswith(":ko-en")  # review starts Korean → English
    half = len(review.cards) // 2
    assert all(c.endswith(":ko-en") for c in review.cards[:half])


def test_05_reviews_in_the_same_direction(learner_of_korean):
    review = run_alone(cell_with("05", "ReviewSession()"))
    assert review.cards[0].endswith(":ko-en") and review.lang == "en"


def test_a_korean_student_keeps_the_english_path(monkeypatch):
    """Nothing chosen: the default, a Korean student of English, as before."""
    new_kernel(monkeypatch)
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)
    assert dokhae.chosen_direction() == "en" and dokhae.get_language() == "ko"
    assert run_alone(cell_with("01", "ReadingView()")).direction.value == "en"
    assert run_alone(cell_with("02", "Flashcards()")).direction.value == "en-ko"
    assert run_alone(cell_with("02", "TypedRecall()")).direction == "ko-en"
    assert run_alone(cell_with("02", "ReviewSession()")).cards[0].endswith(":en-ko")


def test_an_unknown_direction_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown direction 'fr'"):
        dokhae.choose_direction("fr")
    with pytest.raises(ValueError, match="unknown language"):
        dokhae.choose_language("fr")


def test_asking_for_the_language_creates_no_progress_file(tmp_path, monkeypatch):
    """The teacher's commands ask for the language too: reading the saved choice must not
    make a progress file where there is none."""
    path = tmp_path / "none" / "progress.sqlite3"
    monkeypatch.setenv("DOKHAE_PROGRESS", str(path))
    new_kernel(monkeypatch)
    assert dokhae.get_language() in ("ko", "en") and not path.exists()


def test_the_session_of_this_kernel_follows_a_new_choice(tmp_path):
    """A choice made after the session started holds at once for its store, not for
    another learner's store."""
    session = dokhae.start("steel-dialogue-2023")
    assert session.direction == "en"
    with ProgressStore(tmp_path / "other.sqlite3") as other:
        dokhae.choose_direction("ko", other)
    assert session.direction == "en"
    dokhae.choose_direction("ko")
    assert session.direction == "ko" and dokhae.chosen_direction() == "ko"
