"""Print the median time of one Check click for each question type, of the arithmetic
view, and of ``dokhae.check(...)``.

Budget (DESIGN.md): a widget reacting to a click takes at most 20 ms of Python on a
2-core machine. A click includes checking, writing the attempt to the progress store
(a SQLite transaction on a temporary file) and rebuilding the feedback HTML. Building a
view and a whole quiz set is printed too, for information.

    python benchmarks/bench_widgets_quiz.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from dokhae.progress import ProgressStore
from dokhae.results import check
from dokhae.session import Session
from dokhae.validation import load_lesson
from dokhae.widgets import ArithmeticView, QuizSet, question_view

RUNS = 51
BUDGET_MS = 20.0

# A question of each type and an answer that is judged (and so recorded).
ANSWERS = {
    "multiple_choice": ("main-idea", lambda v, q: setattr(v.answer_widget, "value", "b")),
    "true_false_not_given": ("tfng-photo", lambda v, q: setattr(v.answer_widget, "value", "false")),
    "cloze": ("cloze-thaw", lambda v, q: setattr(v.answer_widget, "value", "thaw")),
    "matching": (
        "roles-matching",
        lambda v, q: [setattr(v.selects[p.left], "value", p.right) for p in q.pairs],
    ),
    "ordering": ("article-structure", lambda v, q: v.move(v.order[0], +1)),
    "short_text": (
        "name-of-cbam",
        lambda v, q: setattr(v.answer_widget, "value", "carbon border adjustment mechanism"),
    ),
    "numeric": ("hiatus-months", lambda v, q: setattr(v.answer_widget, "value", "54 months")),
}


def median_ms(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    lesson = load_lesson("steel-dialogue-2023")
    with tempfile.TemporaryDirectory() as tmp, ProgressStore(Path(tmp) / "p.sqlite3") as store:
        session = Session(lesson, store=store)
        rows: list[tuple[str, float, bool]] = []
        for qtype, (qid, fill) in ANSWERS.items():
            q = lesson.questions[qid]
            view = question_view(q, session, "ko")
            fill(view, q)
            rows.append((f"click Check: {qtype}", median_ms(view.check_button.click), True))
        arithmetic = ArithmeticView("e09-certificates-after-faa", session, "ko")
        arithmetic.answer_widget.value = "4,981 certificates"
        rows.append(("click Check: arithmetic", median_ms(arithmetic.check_button.click), True))
        hint_view = ArithmeticView("e09-certificates-after-faa", session, "ko")

        def hint_cycle() -> None:
            hint_view.reset()
            hint_view.hint_button.click()

        rows.append(("click hint (arithmetic)", median_ms(hint_cycle), True))
        ordering = question_view("article-structure", session, "ko")
        rows.append(
            (
                "click move down (ordering)",
                median_ms(ordering.down_buttons[0].click),
                True,
            )
        )
        rows.append(
            (
                "check('e09-…', 4981.25) + repr",
                median_ms(
                    lambda: repr(check("e09-certificates-after-faa", 4981.25, session=session))
                ),
                True,
            )
        )
        quiz = QuizSet(session=session, lang="ko")
        first = quiz.views[0]
        first.answer_widget.value = "a"
        rows.append(("click Check in a 40-question set", median_ms(first.check_button.click), True))
        rows.append(("click Retry (40 questions)", median_ms(quiz.retry_button.click, 11), True))
        rows.append(
            (
                "build one MC view",
                median_ms(lambda: question_view("main-idea", session, "ko")),
                False,
            )
        )
        rows.append(
            (
                "build the 40-question set",
                median_ms(lambda: QuizSet(session=session, lang="ko"), 5),
                False,
            )
        )
        print(f"{len(store.list_attempts())} attempts recorded in a temporary store")

    for name, ms, budgeted in rows:
        verdict = ("within" if ms <= BUDGET_MS else "OVER") if budgeted else "info"
        print(f"{name:<38} {ms:8.2f} ms   ({verdict}{' budget 20 ms' if budgeted else ''})")


if __name__ == "__main__":
    main()
