"""How good are the glossary candidates of `dokhae lesson new` on articles it was not tuned on?

For each evaluation article in ``benchmarks/drafts/`` (original news texts with a
teacher's list of terms written before the tool was run on them, see the README there):

* recall at 20 and at 40: the share of the teacher's terms among the first 20 / 40
  candidates. A candidate matches a term when their words have a lemma in common one by
  one (``embedded emission`` matches ``embedded emissions``), its headword or one of the
  ``also`` headwords the teacher accepts;
* parts of speech among the first 40 candidates: stated right, stated wrong, or left to
  the teacher with a ``[TODO: ...]`` marker (allowed). The right part of speech comes from
  the teacher's list, else from ``<slug>.pos.csv`` (the other single words proposed,
  judged by hand after the run); a word in neither is counted as "not judged".

Then the seed lesson (steel-dialogue-2023): recall at 40 and 60 of its hand-made
glossary (English headwords, audience en/both). The shipped expression list holds none
of that glossary's terms (a test says so), so this is the figure "without its own
expressions".

    python benchmarks/bench_drafts.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from dokhae.authoring.english import english_candidates, load_analysers
from dokhae.authoring.segment import segment_article
from dokhae.lesson import todo_marker

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "benchmarks" / "drafts"
SEED = "steel-dialogue-2023"
TARGET = 0.80


def _lemmas(word: str) -> set[str]:
    from lemminflect import getAllLemmas

    out = {word}
    for lemmas in getAllLemmas(word).values():
        out.update(lemmas)
    return out


def same_term(a: str, b: str) -> bool:
    """Same words up to inflection: each word pair shares a lemma."""
    wa, wb = a.lower().replace("-", " ").split(), b.lower().replace("-", " ").split()
    return len(wa) == len(wb) and all(_lemmas(x) & _lemmas(y) for x, y in zip(wa, wb))


def read_terms(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["names"] = [row["headword"]] + [
            a.strip() for a in (row.get("also") or "").split(";") if a.strip()
        ]
    return rows


def read_pos(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {row["headword"].lower(): row["pos"] for row in csv.DictReader(f)}


def recall(candidates, terms, top: int) -> tuple[int, list[str]]:
    heads = [c.headword for c in candidates[:top]]
    missed = [
        t["headword"] for t in terms if not any(same_term(h, n) for h in heads for n in t["names"])
    ]
    return len(terms) - len(missed), missed


def pos_check(candidates, terms, judged: dict[str, str]):
    right, wrong, marked, unjudged = 0, [], [], []
    for c in candidates:
        if todo_marker(c.pos):
            marked.append(c.headword)
            continue
        multiword = " " in c.headword or "-" in c.headword
        gold = next(
            (
                t["pos"]
                for t in terms
                if c.headword.lower() == t["headword"].lower()
                or (multiword and same_term(c.headword, t["headword"]))
            ),
            None,
        )
        gold = gold or judged.get(c.headword.lower())
        if gold is None:
            unjudged.append(c.headword)
        elif c.pos in gold.split("|") or (
            gold == "noun" and c.pos == "proper noun" and c.headword[0].isupper()
        ):
            # a .pos.csv cell may accept two (noun|adjective); a capitalised name is a proper noun
            right += 1
        else:
            wrong.append(f"{c.headword} ({c.pos}, should be {gold})")
    return right, wrong, marked, unjudged


def article_sentences(path: Path) -> list[tuple[str, str]]:
    return segment_article(path.read_text(encoding="utf-8")).sentences()


def main() -> int:
    load_analysers()
    ok = True
    for text in sorted(DRAFTS.glob("*.txt")):
        slug = text.stem
        terms = read_terms(DRAFTS / f"{slug}.terms.csv")
        candidates = english_candidates(article_sentences(text))
        found20, _ = recall(candidates, terms, 20)
        found40, missed = recall(candidates, terms, 40)
        right, wrong, marked, unjudged = pos_check(
            candidates[:40], terms, read_pos(DRAFTS / f"{slug}.pos.csv")
        )
        ok &= found40 / len(terms) >= TARGET and not wrong
        print(
            f"{slug}: {len(terms)} terms; recall@20 {found20}/{len(terms)} = {found20 / len(terms):.0%}, "
            f"recall@40 {found40}/{len(terms)} = {found40 / len(terms):.0%}"
        )
        print(f"  missed at 40: {', '.join(missed) or '-'}")
        print(
            f"  parts of speech in the top 40: {right} right, {len(wrong)} wrong, {len(marked)} left to the "
            f"teacher, {len(unjudged)} not judged"
        )
        for label, items in (
            ("wrong", wrong),
            ("left to the teacher", marked),
            ("not judged", unjudged),
        ):
            if items:
                print(f"    {label}: {'; '.join(items)}")
    from dokhae.validation import load_lesson

    lesson = load_lesson(SEED)
    seed = [(s.id, s.en) for p in lesson.article.paragraphs for s in p.sentences]
    with (ROOT / "glossary" / f"{SEED}.csv").open(encoding="utf-8") as f:
        wanted = [
            {"headword": r["headword"], "names": [r["headword"]], "pos": r["pos"]}
            for r in csv.DictReader(f)
            if r["audience"] in ("en", "both")
        ]
    candidates = english_candidates(seed)
    for top in (40, 60):
        found, missed = recall(candidates, wanted, top)
        print(
            f"seed {SEED} without its own expressions: recall@{top} {found}/{len(wanted)} = "
            f"{found / len(wanted):.0%}; missed: {', '.join(missed)}"
        )
    right, wrong, marked, _ = pos_check(candidates[:60], wanted, {})
    print(
        f"  parts of speech of the seed's glossary words in the top 60: {right} right, {len(wrong)} wrong, "
        f"{len(marked)} left to the teacher" + (f"; wrong: {'; '.join(wrong)}" if wrong else "")
    )
    print(
        "target met"
        if ok
        else f"TARGET NOT MET (recall@40 >= {TARGET:.0%} and no wrong part of speech)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
