"""A teacher's private bank: graded items the students' package does not have.

A private bank is a YAML file in the teacher's own folder, written exactly like a
lesson's exercises file (``docs/lesson-format.md``: ``schema_version``, ``lesson``,
``questions``, ``templates``), and checked by the same rules (``dokhae check
my-test.yaml``): the questions rest on the named lesson's article, which the students
have; their answers, accepted texts and explanations are only in this file and in the
assignment's key. ``dokhae assign ... --bank my-test.yaml`` takes the items from it.

A question copied from the practice bank (the same prompt) is reported as a warning:
its answer ships with dokhae, so students can look it up.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..lesson import ArithmeticTemplate, Lesson, Question
from ..loading import (
    Sources,
    content_root,
    lesson_slugs,
    load_article,
    load_exercises,
    load_glossary,
    load_yaml,
)
from ..problems import LessonError, Report

__all__ = ["BANK_SUFFIXES", "is_bank_file", "load_bank", "read_bank", "validate_bank"]

BANK_SUFFIXES = (".yaml", ".yml")


def is_bank_file(path: Path | str | None) -> bool:
    """A YAML file that is not part of a content folder (``exercises/<slug>.yaml``)."""
    if path is None:
        return False
    p = Path(path)
    return (
        p.is_file()
        and p.suffix.lower() in BANK_SUFFIXES
        and p.parent.name != "exercises"
        and p.parent.parent.name != "articles"
    )


def read_bank(path: Path | str, report: Report, root: Path | str | None = None) -> Lesson | None:
    """The lesson named by the bank, with the bank's items in place of the practice
    bank; None when there are errors (all of them are in ``report``)."""
    path = Path(path)
    root = content_root() if root is None else Path(root)
    loaded = load_yaml(path, report)
    if loaded is None:
        return None
    data, lines = loaded
    slug = data.get("lesson") if isinstance(data, dict) else None
    slugs = lesson_slugs(root)
    if not isinstance(slug, str) or slug not in slugs:
        problem = (
            "names no lesson"
            if slug is None
            else f"names the lesson {slug!r}, which is not installed"
        )
        report.error(
            path,
            lines.get(("lesson",), lines.get(())),
            "lesson",
            f"a private bank rests on a lesson's article, but this one {problem}",
            "write the slug of a lesson on its own line, e.g.  lesson: "
            + (slugs[0] if slugs else "<slug>")
            + f"  (lessons: {', '.join(slugs) or 'none'})",
            key="bank_no_lesson" if slug is None else "bank_lesson_unknown",
            fields={
                "slug": repr(slug),
                "example": slugs[0] if slugs else "<slug>",
                "lessons": ", ".join(slugs) or "none",
                "fix_key": "bank_lesson",
            },
        )
        return None
    sources = replace(Sources.for_lesson(root, slug), exercises=path)
    errors_before = len(report.errors)
    article = load_article(sources, report)
    glossary = load_glossary(sources, report)
    bank = load_exercises(sources, report)
    if article is not None and bank is not None:
        from ..validation import check_exercises

        check_exercises(slug, article, bank, sources, report)
    if len(report.errors) > errors_before or article is None or glossary is None or bank is None:
        return None
    lesson = Lesson(slug=slug, article=article, glossary=glossary, exercises=bank)
    _report_practice_copies(lesson, sources, report, root)
    return lesson


def _report_practice_copies(lesson: Lesson, sources: Sources, report: Report, root: Path) -> None:
    practice = Report(root=root)
    own = load_exercises(Sources.for_lesson(root, lesson.slug), practice)
    if own is None:
        return
    prompts = {q.prompt.en.strip().casefold(): q.id for q in own.questions}
    prompts |= {t.prompt.en.strip().casefold(): t.id for t in own.templates}
    items: list[tuple[str, int, Question | ArithmeticTemplate]] = [
        ("questions", i, q) for i, q in enumerate(lesson.exercises.questions)
    ]
    items += [("templates", i, t) for i, t in enumerate(lesson.exercises.templates)]
    for group, index, item in items:
        same = prompts.get(item.prompt.en.strip().casefold())
        if same is not None:
            report.warning(
                sources.exercises,
                sources.exercise_line((group, index, "prompt")),
                f"{item.id}.prompt",
                f"the same prompt as the practice item {same!r}, whose answer ships with "
                "dokhae: students can look it up",
                "write a new question for graded work",
                key="bank_practice_copy",
                fields={"same": repr(same)},
            )


def load_bank(path: Path | str, root: Path | str | None = None) -> tuple[Lesson, Report]:
    """:func:`read_bank`, raising :class:`~dokhae.problems.LessonError` on errors.
    Returns the lesson and the report (its warnings)."""
    report = Report(root=Path(path).parent)
    lesson = read_bank(path, report, root)
    if lesson is None:
        raise LessonError(report, what=f"private bank {Path(path).name}")
    return lesson, report


def validate_bank(path: Path | str) -> Report:
    """Every problem of a private bank (what ``dokhae check my-test.yaml`` lists)."""
    report = Report(root=Path(path).parent)
    read_bank(path, report)
    return report
