"""A problem of a lesson file said in the interface language (what ``dokhae check`` prints).

A :class:`~dokhae.problems.Problem` holds its English words and, for the problems dokhae
knows how to say in other languages, a catalog key and the fields that fill it
(``check.<key>.message``, ``check.<key>.fix``). In English a problem reads as
``str(problem)``; in Korean::

    exercises/steel-dialogue-2023.yaml:12: 오류: main-idea.skill: 허용되지 않는 값입니다 (값: 'mainidea')
        고칠 방법: 다음 중 하나를 쓰세요: 'main_idea', 'detail', ...

A problem without Korean words (a rare pydantic error, a new message) keeps its English
under a Korean lead line that names the file, line and field, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import i18n
from .problems import Problem

__all__ = ["problem_text", "problems_text", "said"]


def said(problem: Problem, language: str | None = None) -> tuple[str, str] | None:
    """``(message, fix)`` of ``problem`` in ``language`` from the catalog; None when the
    catalog has no text for it (no key, or a key it does not know). The fix is
    ``check.<key>.fix``, or ``check.<fix_key>.fix`` when the fields name one (a general
    message with a particular fix: an empty glossary cell and what to write in it)."""
    if not problem.key:
        return None
    texts = i18n.catalog(i18n.get_language() if language is None else language)
    fields = {"field": problem.field, **dict(problem.fields)}
    message = f"check.{problem.key}.message"
    fix = f"check.{fields.pop('fix_key', problem.key)}.fix"
    if message not in texts or fix not in texts:
        return None
    try:
        return i18n.t(message, language, **fields), i18n.t(fix, language, **fields)
    except (KeyError, ValueError, IndexError):  # a field the code did not give
        return None


def _value(problem: Problem, language: str) -> str:
    if problem.value is None:
        return ""
    return " " + i18n.t("check.text.value", language, value=problem.shown_value)


def problem_text(problem: Problem, language: str | None = None) -> str:
    """``problem`` as ``dokhae check`` prints it in ``language`` (default: the current
    interface language): where, severity, field, what is wrong, the bad value, the fix."""
    language = i18n.get_language() if language is None else language
    if language == "en":
        return str(problem)
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    severity = i18n.t(f"check.text.{problem.severity}", language)
    head = f"{where}: {severity}: " + (f"{problem.field}: " if problem.field else "")
    words = said(problem, language)
    if words is not None:
        message, fix = words
        label = i18n.t("check.text.fix", language)
        return f"{head}{message}{_value(problem, language)}\n    {label}: {fix}"
    lead = i18n.t("check.text.english_only", language)
    value = "" if problem.value is None else f" (value: {problem.shown_value})"
    return f"{head}{lead}\n    {problem.message}{value}\n    fix: {problem.fix}"


def problems_text(problems: Iterable[Problem], language: str | None = None) -> str:
    """The problems, each as :func:`problem_text`, one after the other."""
    return "\n".join(problem_text(p, language) for p in problems)
