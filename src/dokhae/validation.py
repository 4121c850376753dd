"""The rules behind ``dokhae check``: a lesson's parts must agree with each other.

``loading`` checks each file on its own (syntax, encoding, schema). This module checks
what needs more than one file: glossary forms occur in the article, references point to
sentences that exist, answers are among the choices, ids are unique, levels match the
CEFR lists. All problems are gathered before anything is raised.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .exam.items import EXAM_ITEMS_KEY
from .exam.proofs import problems as proof_problems
from .files import LineOf
from .lesson import (
    BLANK,
    ArithmeticTemplate,
    Article,
    Cloze,
    ExerciseBank,
    GlossaryEntry,
    Lesson,
    Matching,
    MultipleChoice,
    Ordering,
    Sentence,
)
from .loading import (
    Sources,
    content_root,
    lesson_slugs,
    load_article,
    load_exercises,
    load_glossary,
)
from .problems import LessonError, Report
from .templates import example_problems, template_problems


def load_lesson(slug: str | None = None, root: Path | str | None = None) -> Lesson:
    """Load and check one lesson; raise :class:`LessonError` listing every problem.

    Args:
        slug: the lesson's folder name under ``articles/``; the first lesson when omitted.
        root: the folder holding ``articles/``, ``glossary/`` and ``exercises/``
            (default: :func:`dokhae.loading.content_root`).
    """
    root = content_root() if root is None else Path(root)
    if slug is None:
        slugs = lesson_slugs(root)
        if not slugs:
            raise FileNotFoundError(
                f"no lessons under {root / 'articles'} (expected <slug>/lesson.yaml)"
            )
        slug = slugs[0]
    report = Report(root=root)
    lesson = _read_lesson(root, slug, report, wordlists=False)
    if lesson is None:
        raise LessonError(report, what=f"lesson {slug!r}")
    return lesson


def validate(path: Path | str | None = None) -> Report:
    """Check every lesson under ``path`` (a content folder), or one lesson.

    ``path`` may be a content folder (holding ``articles/``), a lesson folder
    ``articles/<slug>``, its glossary or exercises file, or a lesson slug. (A teacher's
    private bank, a YAML file elsewhere, is checked by :func:`dokhae.teacher.bank.validate_bank`;
    ``dokhae check`` sends it there.)
    """
    root, slugs = lessons_at(path)
    report = Report(root=root)
    if not slugs:
        report.error(
            root / "articles",
            None,
            "",
            "no lessons found",
            "a lesson is articles/<slug>/lesson.yaml with its article, glossary and exercises files",
            key="no_lessons",
        )
    for slug in slugs:
        _read_lesson(root, slug, report, wordlists=True)
    return report


def lessons_at(path: Path | str | None = None) -> tuple[Path, list[str]]:
    """The content folder and the lessons :func:`validate` checks for ``path``."""
    if path is None:
        root = content_root()
        return root, lesson_slugs(root)
    p = Path(path)
    if p.is_dir() and (p / "articles").is_dir():
        return p, lesson_slugs(p)
    if p.is_dir() and p.parent.name == "articles":
        return p.parent.parent, [p.name]
    if p.is_file() and p.parent.name in ("glossary", "exercises"):
        return p.parent.parent, [p.stem]
    if p.is_file() and p.parent.parent.name == "articles":
        return p.parent.parent.parent, [p.parent.name]
    root = content_root()
    return root, [str(path)]


_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _read_lesson(root: Path, slug: str, report: Report, *, wordlists: bool) -> Lesson | None:
    if not _SLUG.match(slug):  # "../x" would read files outside the content folder
        report.error(
            root / "articles",
            None,
            "",
            f"{slug!r} is not a lesson name",
            "give a lesson name of lower-case letters, digits and '-' (e.g. "
            "steel-dialogue-2023), or the path of a lesson's folder or file",
            slug,
            key="not_a_lesson_name",
            fields={"slug": slug},
        )
        return None
    sources = Sources.for_lesson(root, slug)
    if not sources.article_meta.parent.is_dir():
        report.error(
            sources.article_meta.parent,
            None,
            "",
            f"no lesson called {slug!r}",
            "give the folder of a lesson, or one of: " + ", ".join(lesson_slugs(root)),
            key="no_lesson",
            fields={"slug": slug, "lessons": ", ".join(lesson_slugs(root))},
        )
        return None
    errors_before = len(report.errors)
    article = load_article(sources, report)
    glossary = load_glossary(sources, report)
    exercises = load_exercises(sources, report)
    if article is not None and glossary is not None:
        check_glossary(article, glossary, sources, report, wordlists=wordlists)
    if article is not None and exercises is not None:
        check_exercises(slug, article, exercises, sources, report)
    if (
        len(report.errors) > errors_before
        or article is None
        or glossary is None
        or exercises is None
    ):
        return None
    return Lesson(slug=slug, article=article, glossary=glossary, exercises=exercises)


# --------------------------------------------------------------------------- glossary


def form_pattern(form: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for an English form."""
    return re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", re.IGNORECASE)


def check_glossary(
    article: Article,
    glossary: Sequence[GlossaryEntry],
    sources: Sources,
    report: Report,
    *,
    wordlists: bool,
) -> None:
    path = sources.glossary
    sentences = article.sentences
    english = "\n".join(s.en for s in sentences.values())
    korean = "\n".join(s.ko for s in sentences.values())
    seen: dict[str, int] = {}
    for entry, line in zip(glossary, sources.glossary_lines):
        if entry.id in seen:
            report.error(
                path,
                line,
                "id",
                f"duplicate id (first used on line {seen[entry.id]})",
                "give every row its own id",
                entry.id,
                key="duplicate_glossary_id",
                fields={"first": seen[entry.id]},
            )
        seen.setdefault(entry.id, line)
        if entry.pos == "grammar":
            check_grammar_entry(entry, path, line, report)
        check_pronunciation(entry, path, line, report)
        check_notes(entry, path, line, report)
        for form in entry.forms:
            if not form_pattern(form).search(english):
                report.error(
                    path,
                    line,
                    "forms",
                    "this form does not occur in the English article",
                    "write the form exactly as it appears in article.en.md, or remove it",
                    form,
                    key="form_not_in_article",
                )
        for form in entry.ko_forms:
            if form not in korean:
                report.error(
                    path,
                    line,
                    "ko_forms",
                    "this form does not occur in the Korean translation",
                    "write the form exactly as it appears in article.ko.md (without particles), "
                    "or remove it",
                    form,
                    key="ko_form_not_in_translation",
                )
        for sid in entry.ko_sentences:
            if sid not in sentences or not any(
                form in sentences[sid].ko for form in entry.ko_forms
            ):
                report.error(
                    path,
                    line,
                    "ko_sentences",
                    "no ko_forms of this entry occur in this sentence"
                    if sid in sentences
                    else "no sentence with this id in the article",
                    "list only the ids of sentences whose Korean contains one of ko_forms",
                    sid,
                    key="ko_sentence_without_form" if sid in sentences else "ko_sentence_unknown",
                    fields={"fix_key": "ko_sentence_without_form"},
                )
        if entry.ko_sentences and entry.sentence_id not in entry.ko_sentences:
            report.error(
                path,
                line,
                "ko_sentences",
                "the example's sentence is missing from the list",
                f"add {entry.sentence_id}, or leave ko_sentences empty",
                "; ".join(entry.ko_sentences),
                key="ko_sentences_without_example",
                fields={"sentence_id": entry.sentence_id},
            )
        sentence = sentences.get(entry.sentence_id)
        if sentence is None:
            report.error(
                path,
                line,
                "sentence_id",
                "no sentence with this id in the article",
                "use an id from article.en.md (h1, c1, p1s1, ...)",
                entry.sentence_id,
                key="glossary_sentence_unknown",
            )
            continue
        if entry.example_en not in sentence.en:
            report.error(
                path,
                line,
                "example_en",
                f"not found in sentence {entry.sentence_id}",
                "copy the sentence (or part of it) exactly from article.en.md",
                entry.example_en,
                key="example_en_not_found",
                fields={"sentence_id": entry.sentence_id},
            )
        elif not any(form_pattern(f).search(entry.example_en) for f in entry.forms):
            report.warning(
                path,
                line,
                "example_en",
                "the example contains none of the entry's forms",
                "pick the sentence where the word occurs",
                entry.example_en,
                key="example_without_form",
            )
        if entry.example_ko not in sentence.ko:
            report.error(
                path,
                line,
                "example_ko",
                f"not found in sentence {entry.sentence_id}",
                "copy the Korean sentence (or part of it) exactly from article.ko.md",
                entry.example_ko,
                key="example_ko_not_found",
                fields={"sentence_id": entry.sentence_id},
            )
    if wordlists:
        check_levels(glossary, sources, report)


def check_grammar_entry(entry: GlossaryEntry, path: Path, line: int, report: Report) -> None:
    """A grammar pattern (pos ``grammar``: -다고 밝히다, N년 만에) explains the Korean text
    to learners of Korean: it is for audience ``ko`` and names where it stands in the
    Korean text (``ko_forms``), or it would never be shown."""
    if entry.audience != "ko":
        report.error(
            path,
            line,
            "audience",
            "a grammar pattern explains the Korean text, for learners of Korean",
            "set audience to ko",
            entry.audience,
            key="grammar_audience",
        )
    if not entry.ko_forms:
        report.error(
            path,
            line,
            "ko_forms",
            "a grammar pattern needs the text it stands for in the Korean article",
            "write the ending or expression as it appears in article.ko.md (다고, 5년 만에)",
            "",
            key="grammar_ko_forms",
            fields={"example": "다고, 5년 만에"},
        )


_PRONUNCIATION = re.compile(r"\[~?[가-힣]+(?: [가-힣]+)*(?:/~?[가-힣]+(?: [가-힣]+)*)*\]")
"""``[정녜]``, ``[소늘 맏짭따]``, ``[노늬/노니]`` (an allowed second pronunciation after ``/``)."""
_PRONUNCIATION_EXAMPLE = "정례 [정녜]"
_SECOND_PRONUNCIATION = "[노늬/노니]"


def _syllables(text: str) -> int:
    return sum(1 for ch in text if "가" <= ch <= "힣")


def check_pronunciation(entry: GlossaryEntry, path: Path, line: int, report: Report) -> None:
    """The ``pronunciation`` cell: the standard pronunciation of the main Korean
    equivalent in Hangul between brackets, as many syllables as the word (a sound change
    never adds or drops one), and only where it differs from the spelling."""
    said = entry.pronunciation
    if not said:
        return
    word = entry.korean
    if not _PRONUNCIATION.fullmatch(said):
        report.error(
            path,
            line,
            "pronunciation",
            "not a pronunciation in Hangul between brackets",
            f"write how {word} is said in Hangul between square brackets, as a dictionary "
            f"does ({_PRONUNCIATION_EXAMPLE}; an allowed second one after '/': "
            f"{_SECOND_PRONUNCIATION}), or leave the cell empty",
            said,
            key="pronunciation_form",
            fields={
                "word": word,
                "example": _PRONUNCIATION_EXAMPLE,
                "second": _SECOND_PRONUNCIATION,
            },
        )
        return
    if not all("가" <= ch <= "힣" or ch in " ~" for ch in word):
        return  # a pattern (-다고 밝히다, N년 만에) is not one word to say
    for alternative in said[1:-1].split("/"):
        if _syllables(alternative) != _syllables(word):
            report.error(
                path,
                line,
                "pronunciation",
                f"{alternative!r} has {_syllables(alternative)} syllables, the main Korean "
                f"equivalent {word!r} {_syllables(word)}: a sound change keeps the syllables",
                f"write the pronunciation of {word} (the first of ko), or correct ko",
                said,
                key="pronunciation_syllables",
                fields={
                    "said": repr(alternative),
                    "count": _syllables(alternative),
                    "word": repr(word),
                    "syllables": _syllables(word),
                    "korean": word,
                },
            )
            return
    spelt = word.replace("~", "").split()
    if said[1:-1].split("/")[0].replace("~", "").split() == spelt:
        report.warning(
            path,
            line,
            "pronunciation",
            f"the same as the spelling of {word!r}",
            "leave the cell empty: the pronunciation is shown only where it differs",
            said,
            key="pronunciation_spelling",
            fields={"word": repr(word)},
        )


def check_notes(entry: GlossaryEntry, path: Path, line: int, report: Report) -> None:
    """Each note reaches the reader of its word: ``notes`` readers of the English text,
    ``ko_notes`` readers of the Korean text (learners of Korean, who see the rows of
    audience ``ko`` and ``both``)."""
    if entry.pos == "grammar":
        if entry.ko_notes:
            report.warning(
                path,
                line,
                "ko_notes",
                "a grammar pattern shows its Korean explanation from notes, not ko_notes",
                "move the text into notes (the Korean explanation of the pattern)",
                entry.ko_notes,
                key="grammar_ko_notes",
            )
        return
    if entry.ko_notes and entry.audience == "en":
        report.warning(
            path,
            line,
            "ko_notes",
            "a note for learners of Korean on a row they never see (audience en)",
            "set audience to both, or move the note to notes if it is about the English word",
            entry.ko_notes,
            key="ko_notes_unseen",
        )
    if entry.notes and entry.audience == "ko" and not entry.ko_notes:
        report.warning(
            path,
            line,
            "notes",
            "a row for learners of Korean (audience ko) with a note only readers of the "
            "English text see",
            "if the note is about the Korean word, move it to a ko_notes column (a glossary "
            "from before ko_notes keeps such notes in notes)",
            entry.notes,
            key="notes_unseen",
        )


POS_IN_LISTS = {
    "noun": {"noun"},
    "verb": {"verb", "be-verb", "do-verb", "have-verb"},
    "adjective": {"adjective"},
    "adverb": {"adverb"},
    "preposition": {"preposition"},
    "conjunction": {"conjunction"},
}


@lru_cache(maxsize=1)
def wordlist_levels() -> dict[str, dict[tuple[str, str], str]]:
    """``{source: {(headword, pos): level}}`` from the shipped CEFR-J and Octanove lists."""
    folder = resources.files("dokhae") / "data" / "wordlists"
    lists = {
        "CEFR-J 1.5": "cefrj-vocabulary-profile-1.5.csv",
        "Octanove C1/C2 1.0": "octanove-vocabulary-profile-c1c2-1.0.csv",
    }
    out: dict[str, dict[tuple[str, str], str]] = {}
    for source, name in lists.items():
        table: dict[tuple[str, str], str] = {}
        with (folder / name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for word in row["headword"].split("/"):
                    table.setdefault(
                        (word.strip().lower(), row["pos"].strip()), row["CEFR"].strip()
                    )
        out[source] = table
    return out


def listed_level(headword: str, pos: str) -> tuple[str, str] | None:
    """``(level, source)`` of a headword with this part of speech in the CEFR lists, if listed."""
    for source, table in wordlist_levels().items():
        for list_pos in POS_IN_LISTS.get(pos, ()):
            level = table.get((headword.lower(), list_pos))
            if level:
                return level, source
    return None


def check_levels(glossary: Sequence[GlossaryEntry], sources: Sources, report: Report) -> None:
    for entry, line in zip(glossary, sources.glossary_lines):
        listed = listed_level(entry.headword, entry.pos)
        if entry.level_source == "estimated":
            if listed:
                report.warning(
                    sources.glossary,
                    line,
                    "level_source",
                    f"'{entry.headword}' ({entry.pos}) is listed in {listed[1]} as {listed[0]}",
                    f"set level to {listed[0]} and level_source to '{listed[1]}'",
                    "estimated",
                    key="level_listed",
                    fields={
                        "headword": entry.headword,
                        "pos": entry.pos,
                        "source": listed[1],
                        "level": listed[0],
                    },
                )
        elif listed is None or listed[1] != entry.level_source:
            report.error(
                sources.glossary,
                line,
                "level_source",
                f"'{entry.headword}' ({entry.pos}) is not in {entry.level_source}",
                f"use '{listed[1]}'" if listed else "set level_source to 'estimated'",
                entry.level_source,
                key="level_not_listed",
                fields={
                    "headword": entry.headword,
                    "pos": entry.pos,
                    "source": entry.level_source,
                    "listed": listed[1] if listed else "",
                    "fix_key": "level_not_listed" if listed else "level_estimated",
                },
            )
        elif listed[0] != entry.level:
            report.error(
                sources.glossary,
                line,
                "level",
                f"{entry.level_source} lists '{entry.headword}' ({entry.pos}) as {listed[0]}",
                f"set level to {listed[0]}",
                entry.level,
                key="level_wrong",
                fields={
                    "headword": entry.headword,
                    "pos": entry.pos,
                    "source": entry.level_source,
                    "level": listed[0],
                },
            )


# --------------------------------------------------------------------------- exercises


def check_exercises(
    slug: str, article: Article, bank: ExerciseBank, sources: Sources, report: Report
) -> None:
    path = sources.exercises
    line = sources.exercise_line
    if bank.lesson != slug:
        report.error(
            path,
            line(("lesson",)),
            "lesson",
            f"does not match the file name ({slug})",
            f"set `lesson: {slug}`",
            bank.lesson,
            key="lesson_slug",
            fields={"slug": slug},
        )
    sentences = article.sentences
    seen: dict[str, int | None] = {}
    items: list[tuple[str, int, Any]] = [("questions", i, q) for i, q in enumerate(bank.questions)]
    items += [("templates", i, t) for i, t in enumerate(bank.templates)]
    items += [(EXAM_ITEMS_KEY, i, e) for i, e in enumerate(bank.exam_items)]
    for group, index, item in items:
        where = (group, index)
        if item.id in seen:
            report.error(
                path,
                line(where + ("id",)),
                f"{group}[{index}].id",
                f"duplicate id (first used on line {seen[item.id]})",
                "give every question, template and exam item its own id",
                item.id,
                key="duplicate_exercise_id",
                fields={"first": seen[item.id]},
            )
        seen.setdefault(item.id, line(where + ("id",)))
    for index, q in enumerate(bank.questions):
        at = ("questions", index)
        name = f"{q.id}"
        for k, sid in enumerate(q.sentences):
            if sid not in sentences:
                report.error(
                    path,
                    line(at + ("sentences", k)),
                    f"{name}.sentences",
                    "no sentence with this id in the article",
                    "use ids from article.en.md (h1, c1, p1s1, ...)",
                    sid,
                    key="exercise_sentence_unknown",
                )
        if isinstance(q, MultipleChoice):
            ids = [c.id for c in q.choices]
            if len(set(ids)) != len(ids):
                report.error(
                    path,
                    line(at + ("choices",)),
                    f"{name}.choices",
                    "two choices have the same id",
                    "give each choice its own id (a, b, c, ...)",
                    key="choice_ids_repeated",
                )
            if q.answer not in ids:
                report.error(
                    path,
                    line(at + ("answer",)),
                    f"{name}.answer",
                    "the answer is not among the choices",
                    "set answer to one of the choice ids: " + ", ".join(ids),
                    q.answer,
                    key="answer_not_a_choice",
                    fields={"ids": ", ".join(ids)},
                )
            for k, choice in enumerate(q.choices):
                if choice.id == q.answer and choice.why_wrong is not None:
                    report.error(
                        path,
                        line(at + ("choices", k, "why_wrong")),
                        f"{name}.choices.why_wrong",
                        "the right answer has a why_wrong (shown only for a wrong choice)",
                        "move the text to the distractor it explains, or into the "
                        "question's explanation",
                        choice.id,
                        key="why_wrong_on_answer",
                    )
        elif isinstance(q, Ordering):
            ids = [c.id for c in q.items]
            if sorted(q.answer) != sorted(ids) or len(set(ids)) != len(ids):
                report.error(
                    path,
                    line(at + ("answer",)),
                    f"{name}.answer",
                    "the answer must list every item id exactly once",
                    "list the ids " + ", ".join(ids) + " in the right order",
                    list(q.answer),
                    key="ordering_answer",
                    fields={"ids": ", ".join(ids)},
                )
        elif isinstance(q, Matching):
            for side in ("left", "right"):
                values = [getattr(p, side) for p in q.pairs]
                if len(set(values)) != len(values):
                    report.error(
                        path,
                        line(at + ("pairs",)),
                        f"{name}.pairs",
                        f"two pairs have the same {side} side",
                        "make every side unique",
                        key="matching_side_repeated",
                        fields={"side": side},
                    )
        elif isinstance(q, Cloze):
            _check_cloze(q, at, sentences, path, line, report)
    for index, t in enumerate(bank.templates):
        _check_template(t, ("templates", index), path, line, report)
    check_exam_items(slug, article, bank, path, line, report)


def check_exam_items(
    slug: str, article: Article, bank: ExerciseBank, path: Path, line: LineOf, report: Report
) -> None:
    """Each exam item's passage is the article's, and its key is proven again here
    (:func:`dokhae.exam.proofs.problems`, never trusting the generator); items no teacher
    has decided on are warnings (students see only approved ones). Stubs were reported
    as errors when the file was read."""
    sentences = {sid: s.en for sid, s in article.sentences.items()}
    for index, item in enumerate(bank.exam_items):
        at = (EXAM_ITEMS_KEY, index)
        missing = [(k, sid) for k, sid in enumerate(item.passage) if sid not in sentences]
        for k, sid in missing:
            report.error(
                path,
                line(at + ("passage", k)),
                f"{item.id}.passage",
                "no sentence with this id in the article",
                "use ids from article.en.md (h1, p1s1, ...), in reading order",
                sid,
                key="exam_passage_unknown",
            )
        if not missing:
            for problem in proof_problems(item, sentences):
                report.error(
                    path,
                    line(at + ("key",)) if hasattr(item, "key") else line(at),
                    f"{item.id}.proof",
                    f"the key is not proven: {problem}",
                    "correct the item (`dokhae exam review "
                    f"{slug}` prints it with its proof), or delete it and draft it again with "
                    f"`dokhae exam draft {slug} --kinds {item.kind}`",
                    key="exam_not_proven",
                    fields={"problem": problem, "slug": slug, "kind": item.kind},
                )
        if item.status.state == "draft" and not item.todo:
            report.warning(
                path,
                line(at + ("status",)),
                f"{item.id}.status",
                "exam item not approved yet: students do not see it",
                f"review it with `dokhae exam review {slug}` (approve or reject it)",
                key="exam_draft",
                fields={"slug": slug},
            )


def _check_cloze(
    q: Cloze,
    at: tuple,
    sentences: Mapping[str, Sentence],
    path: Path,
    line: LineOf,
    report: Report,
) -> None:
    if q.text.count(BLANK) != 1:
        report.error(
            path,
            line(at + ("text",)),
            f"{q.id}.text",
            f"a cloze text needs exactly one {BLANK}",
            f"replace the missing word with {BLANK}",
            q.text,
            key="cloze_blank",
            fields={"blank": BLANK},
        )
        return
    filled = q.text.replace(BLANK, q.answer)
    cited = [sentences[s] for s in q.sentences if s in sentences]
    if not any(filled in s.en or filled in s.ko for s in cited):
        report.error(
            path,
            line(at + ("answer",)),
            f"{q.id}.answer",
            "the text with the answer filled in is not in the cited sentence(s)",
            "copy the sentence from the article and make the answer the exact form in the text",
            q.answer,
            key="cloze_not_in_sentence",
        )
    elif q.tests != "both" and not any(filled in getattr(s, q.tests) for s in cited):
        text = {"en": "English article (article.en.md)", "ko": "Korean text (article.ko.md)"}
        other = "ko" if q.tests == "en" else "en"
        report.error(
            path,
            line(at + ("tests",)),
            f"{q.id}.tests",
            f"the question tests the {text[q.tests]}, but its sentence is from the {text[other]}",
            f"set `tests: {other}` (or `both`), or copy the sentence from the {text[q.tests]}",
            q.tests,
            key=f"cloze_tests_{q.tests}",
        )
    if q.choices and q.answer not in q.choices:
        report.error(
            path,
            line(at + ("choices",)),
            f"{q.id}.choices",
            "the answer is not in the word bank",
            "add the answer to choices",
            q.answer,
            key="cloze_answer_not_in_choices",
        )


def _check_template(
    t: ArithmeticTemplate, at: tuple, path: Path, line: LineOf, report: Report
) -> None:
    """The rules of :mod:`dokhae.templates`, each problem with its line; the example
    values only when the template's structure is right."""
    for problem in template_problems(t) or example_problems(t):
        report.error(
            path,
            line(at + problem.where),
            f"{t.id}.{problem.field}",
            problem.message,
            problem.fix,
            problem.value,
            key=problem.key,
            fields=dict(problem.fields),
        )
