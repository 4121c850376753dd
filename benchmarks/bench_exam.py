"""Print how long drafting every exam item kind takes for a ~600-word article.

Target (issue 15, DESIGN budgets): under 2 s after the analysers load, on a 2-core machine.

The article is the one of ``bench_authoring.py``: the seed lesson's English text followed
by an original ~320-word news text (ids continuing from the seed's paragraphs). Timing:
``load_analysers()`` once (lemminflect, the contrast pairs, the CBAM reference tables;
printed), then the median of several runs of ``draft_items`` over every kind, with the
per-word and per-sentence caches emptied before each run so that every run analyses
every word again. The kinds drafted and refused are printed too.

    python benchmarks/bench_exam.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_authoring import article, words

RUNS = 5
TARGET_S = 2.0


def main() -> None:
    from dokhae.authoring.exam import (
        ArticleText,
        draft_items,
        grammar,
        load_analysers,
        text,
        vocabulary,
    )
    from dokhae.exam import proofs

    english, korean = article()
    start = time.perf_counter()
    load_analysers()
    print(
        f"{'load_analysers() (lemminflect, contrasts, tables)':<52} {time.perf_counter() - start:8.3f} s"
    )

    caches = (
        grammar._lemmas,
        grammar._inflect,
        grammar._forms,
        text._words,
        vocabulary._contrast_of,
        proofs.content_words,
    )
    times = []
    for seed in range(RUNS):
        for cache in caches:
            cache.cache_clear()
        start = time.perf_counter()
        draft = draft_items(ArticleText.from_sentences(english, dict(korean)), seed=seed)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    label = f"draft_items, all kinds, {words(english)} words"
    print(
        f"{label:<52} {seconds:8.3f} s   (target {TARGET_S:.0f} s: "
        f"{'within' if seconds <= TARGET_S else 'OVER'}; median of {RUNS} seeds, caches emptied)"
    )
    print(f"{'kinds drafted (last seed)':<52} {', '.join(draft.kinds)}")
    for refusal in draft.refused:
        print(f"  refused {refusal.kind}: {refusal.reason}")


if __name__ == "__main__":
    main()
