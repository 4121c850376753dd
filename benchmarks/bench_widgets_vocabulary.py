"""Print the median time of one click in the vocabulary and reading views, in ms.

Budget (DESIGN.md): a widget reacting to a click takes at most 20 ms of Python on a
2-core machine. Measured here without a front end (no comm traffic), over a temporary
progress store, so the figures are the Python work of each callback: rendering the
card, checking and recording an answer, scheduling and saving a review.

Run: python benchmarks/bench_widgets_vocabulary.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from dokhae import load_lesson
from dokhae.progress import ProgressStore
from dokhae.review import make_scheduler
from dokhae.session import Session
from dokhae.widgets.reading import ReadingView
from dokhae.widgets.vocabulary import Flashcards, MatchingGame, ReviewSession, TypedRecall

BUDGET_MS = 20.0
RUNS = 40


def median_ms(action: Callable[[int], object], runs: int = RUNS) -> float:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    lesson = load_lesson("steel-dialogue-2023")
    with (
        tempfile.TemporaryDirectory() as folder,
        ProgressStore(Path(folder) / "progress.sqlite3") as store,
    ):
        session = Session(lesson, store=store)
        cards = Flashcards(session, lang="en")
        recall = TypedRecall(session, lang="en")
        game = MatchingGame(session, lang="en")
        start = datetime(2023, 6, 1, 9, 0, tzinfo=timezone.utc)
        clock = iter(start + timedelta(seconds=i) for i in range(100_000))
        reviews = ReviewSession(
            session,
            now=lambda: next(clock),
            lang="en",
            scheduler=make_scheduler(fuzzing=False),
            daily_new=10_000,
        )
        reading = ReadingView(lesson, lang="en")

        def flip(_: int) -> None:
            cards.flip_button.click()

        def next_card(i: int) -> None:
            (cards.next_button if i % 2 == 0 else cards.previous_button).click()

        def typed_check(i: int) -> None:
            recall.answer.value = f"resumed {i}" if i % 2 else "hiatus"  # a new answer each time
            recall.check_button.click()

        def matching_check(_: int) -> None:
            for pair, choice in zip(game.pairs, game.choices.values()):
                choice.value = pair.right
            game.check_button.click()

        def review_rating(_: int) -> None:
            reviews.show_button.click()
            reviews.rate_buttons["good"].click()

        def reading_next(i: int) -> None:
            reading.go(i % len(reading.pages))

        def reading_first_visit(i: int) -> None:
            reading._cache.clear()  # build the paragraph's words and term buttons anew
            reading.go((i % (len(reading.pages) - 1)) + 1)

        def reading_term(_: int) -> None:
            reading.terms[0].click()

        results = {
            "flashcards: flip": median_ms(flip),
            "flashcards: next / previous": median_ms(next_card),
            "typed recall: check (+ record)": median_ms(typed_check),
            "matching: check a round (+ record)": median_ms(matching_check),
            "review: show + rate (+ save)": median_ms(review_rating),
            "reading: next paragraph (seen before)": median_ms(reading_next),
            "reading: next paragraph (first visit)": median_ms(reading_first_visit),
            "reading: press a term": median_ms(reading_term),
        }
    for name, ms in results.items():
        verdict = "within" if ms <= BUDGET_MS else "OVER"
        print(f"{name:<38} {ms:7.2f} ms   ({verdict} the {BUDGET_MS:g} ms budget)")


if __name__ == "__main__":
    main()
