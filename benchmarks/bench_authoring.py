"""Print how long glossary candidate extraction takes for a ~600-word article.

Target (issue 8): under 5 s once the analysers are loaded, on a 2-core machine.

The article is the seed lesson's English text (steel-dialogue-2023, 290 words) followed
by an original ~320-word news text written for this benchmark (a central-bank decision
and a heat wave; not from any source), ids continuing from the seed's paragraphs. Timing:
``load_analysers()`` once (printed), then the median of several runs of
``english_candidates`` with the per-word caches emptied before each run, so every run
looks every word up again. The seed's recall@60 against its hand-made glossary is
printed too. When the Korean module exists (``dokhae.authoring.korean``), its
``korean_candidates`` is timed on the seed's Korean translation after its analyser is
loaded (median of the same number of runs, its caches left as they are).

    python benchmarks/bench_authoring.py
"""

from __future__ import annotations

import csv
import re
import statistics
import time
from pathlib import Path

from dokhae.validation import load_lesson

RUNS = 5
TARGET_S = 5.0
TOP = 60
LESSON = "steel-dialogue-2023"
ROOT = Path(__file__).resolve().parents[1]

HEADLINE = "Bank of Korea holds rates steady as exports stay sluggish"

# One paragraph per block; sentences are split after . ! or ? before a capital letter.
EXTRA = """
The Bank of Korea (BOK) kept its benchmark interest rate unchanged on Thursday, as
policymakers weighed sluggish exports against stubborn inflation. Officials said the central
bank would step up its monitoring of household debt, which has ballooned amid a rebound in
housing prices. The decision came a day after the government vowed to shore up chipmakers
hit by U.S. export controls. Apartment prices in Seoul shot up last year, and economists
expect the rate to stay on hold until inflation eases toward the 2 percent target. Governor
Rhee Chang-yong told reporters that the board had ruled out a cut for now, adding that
household debt remained a source of concern.

Several board members, however, argued that a prolonged freeze could weigh on consumer
spending and dampen the recovery of small businesses. Analysts said the central bank was
walking a tightrope between curbing debt and supporting growth, and that a cut was unlikely
before the autumn.

Meanwhile, the country sweltered under an early heat wave that pushed electricity demand to
a record high on Monday. The state-run power utility urged households and factories to cut
back on air conditioning during the afternoon peak, warning that reserves had dwindled to
their lowest level in a decade. Farmers in the southern provinces reported that crops had
withered after weeks without rain, and some towns began rationing water. The interior
ministry set up an emergency task force and pledged to compensate those whose livelihoods
were hurt by the drought.

Climate scientists cautioned that such extremes would become more frequent unless emissions
were curbed, and urged the government to phase out coal-fired plants faster than planned.
Environmental groups welcomed the pledge but said the budget earmarked for adaptation fell
short of what vulnerable communities needed. Opposition lawmakers, for their part, called
for an inquiry into why warnings issued last spring had gone unheeded.
"""


def article() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(seed + extra English sentences, the seed's Korean sentences)."""
    lesson = load_lesson(LESSON)
    sentences = [s for p in lesson.article.paragraphs for s in p.sentences]
    english = [(s.id, s.en) for s in sentences]
    korean = [(s.id, s.ko) for s in sentences]
    first = len(lesson.article.paragraphs) + 1
    english.append((f"p{first}s1", HEADLINE))
    for n, paragraph in enumerate(EXTRA.strip().split("\n\n"), start=first + 1):
        for m, sentence in enumerate(
            re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(paragraph.split())), start=1
        ):
            english.append((f"p{n}s{m}", sentence))
    return english, korean


def words(sentences: list[tuple[str, str]]) -> int:
    return sum(len(re.findall(r"\w+(?:[-']\w+)*", text)) for _, text in sentences)


def timed(fn, *args, clear=()) -> float:
    times = []
    for _ in range(RUNS):
        for cache in clear:
            cache.cache_clear()
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from dokhae.authoring import english

    english_sentences, korean_sentences = article()
    start = time.perf_counter()
    english.load_analysers()
    print(
        f"{'load_analysers() (lemminflect, wordfreq, lists)':<52} {time.perf_counter() - start:8.3f} s"
    )

    caches = (english._zipf, english._all_lemmas, english._lemmas_of)
    seconds = timed(english.english_candidates, english_sentences, clear=caches)
    count = len(english.english_candidates(english_sentences))
    label = f"english_candidates, {words(english_sentences)} words"
    print(
        f"{label:<52} {seconds:8.3f} s   ({count} candidates; target {TARGET_S:.0f} s: "
        f"{'within' if seconds <= TARGET_S else 'OVER'}; median of {RUNS}, word caches emptied)"
    )

    seed = english_sentences[: len(korean_sentences)]
    with (ROOT / "glossary" / f"{LESSON}.csv").open(encoding="utf-8") as f:
        wanted = {
            row["headword"].lower()
            for row in csv.DictReader(f)
            if row["audience"] in ("en", "both")
        }
    top = {c.headword.lower() for c in english.english_candidates(seed, limit=TOP)}
    found = wanted & top
    print(
        f"{f'seed recall@{TOP} (English headwords, audience en/both)':<52} {len(found):4d}/{len(wanted)}"
        f" = {len(found) / len(wanted):.1%}   missed: {', '.join(sorted(wanted - top))}"
    )

    try:
        from dokhae.authoring import korean
    except ImportError:
        print("korean_candidates: dokhae.authoring.korean not available, not timed")
        return
    try:
        start = time.perf_counter()
        warm = getattr(korean, "load_analysers", None) or getattr(korean, "analyser", None)
        if warm is not None:
            warm()
        korean.korean_candidates(korean_sentences)
        print(f"{'Korean analysers loaded + first call':<52} {time.perf_counter() - start:8.3f} s")
        seconds = timed(korean.korean_candidates, korean_sentences)
    except Exception as e:  # another engineer's module, possibly unfinished: report, don't crash
        print(f"korean_candidates failed: {type(e).__name__}: {e}")
        return
    label = f"korean_candidates, seed translation ({len(korean_sentences)} sentences)"
    print(f"{label:<52} {seconds:8.3f} s   (median of {RUNS})")


if __name__ == "__main__":
    main()
