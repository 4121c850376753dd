"""``dokhae lesson new``: a draft lesson from a news article, for the teacher to complete.

:func:`draft_lesson` writes the five files of a lesson (docs/lesson-format.md)::

    articles/<slug>/lesson.yaml      the metadata given (a [TODO] marker for what was not)
    articles/<slug>/article.en.md    the article cut into sentences with ids (h1, p1s1, ...)
    articles/<slug>/article.ko.md    the teacher's Korean, aligned sentence by sentence,
                                     or a [TODO] marker in place of every sentence
    glossary/<slug>.csv              glossary candidates, hardest first, with their forms,
                                     sentence, level; the Korean glosses left empty
    exercises/<slug>.yaml            what a machine can make honestly (cloze items whose
                                     answer is the word in the text, numeric items on the
                                     figures of the text, a vocabulary matching that
                                     ``dokhae lesson forms`` completes from the glosses) and
                                     stubs for the questions that need judgement

A **Korean article** (``language="ko"``, ``dokhae lesson new --from-korean``), for English
speakers learning Korean, is the mirror image: article.ko.md gets the article cut into
sentences (the same ids), article.en.md the teacher's English aligned with it or a
:data:`~dokhae.lesson.UNTRANSLATED_EN` marker per sentence; the glossary gets Korean terms
(audience ``ko``: the word and its forms from the text, the romanization, the English
headword and definition left empty); the exercises are cloze items on the Korean terms,
numeric items on the figures, a matching of Korean words with their English headwords,
and the same stubs.

Nothing is invented in the other language: the translation comes from the teacher's text
only. Every gap is marked the way ``dokhae check`` reports it (see "drafts" in
:mod:`dokhae.lesson`), so a draft never passes for a ready lesson; ``dokhae lesson status``
lists what is left.

This module reads the input and writes the files; the exercise items are made in
:mod:`dokhae.authoring.items`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, get_args

import yaml

from ..lesson import UNTRANSLATED, UNTRANSLATED_EN, GlossaryEntry, todo_marker
from ..loading import content_root, decode
from ..problems import Report
from ..spreadsheet import write_text_for_excel
from .items import (
    MATCHING_ID,
    MAX_CLOZE,
    MAX_FIGURES,
    cloze_items,
    dump_questions,
    excerpt,
    figure_items,
    id_slug,
    judgement_stubs,
    korean_cloze_items,
    matching_item,
    matching_stub,
    on_text,
    unique_id,
    where,
)
from .segment import SegmentedArticle, segment_article

if TYPE_CHECKING:
    from .align import Alignment, EnglishAlignment

# with the items of a draft (made in .items: MATCHING_ID, MAX_*, cloze_items, dump_questions,
# excerpt, figure_items, judgement_stubs, korean_cloze_items, matching_*), importable from
# here as before
__all__ = [
    "GLOSSARY_COLUMNS",
    "MATCHING_ID",
    "MAX_CLOZE",
    "MAX_FIGURES",
    "SLUG",
    "AuthoringError",
    "DraftResult",
    "cloze_items",
    "draft_lesson",
    "dump_questions",
    "excerpt",
    "figure_items",
    "judgement_stubs",
    "korean_cloze_items",
    "lesson_paths",
    "matching_item",
    "matching_stub",
    "where",
]

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
GLOSSARY_COLUMNS = tuple(GlossaryEntry.model_fields)
"""The glossary columns in the order a draft writes them."""
_PUBLISHED = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$")
_GLOSSARY_POS = get_args(
    GlossaryEntry.model_fields["pos"].annotation
)  # the allowed parts of speech
_KOREAN_POS = {
    "NNG": "noun",
    "NNP": "proper noun",
    "VV": "verb",
    "VA": "adjective",
    "MAG": "adverb",
    "noun": "noun",
    "verb": "verb",
    "adjective": "adjective",
    "adverb": "adverb",
    "proper noun": "proper noun",
    "grammar": "grammar",
    "phrase": "phrase",
}


class AuthoringError(ValueError):
    """A lesson cannot be drafted or completed; the message names the file and the fix."""


@dataclass(frozen=True)
class DraftResult:
    """What :func:`draft_lesson` wrote and what the teacher should know about it."""

    slug: str
    root: Path
    written: tuple[Path, ...]
    sentences: int
    translated: int
    glossary_rows: int
    questions: int
    stubs: int
    alignment_problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    language: str = "en"  # the article's: "ko" for a lesson drafted from a Korean article


def lesson_paths(root: Path, slug: str) -> dict[str, Path]:
    """The files of lesson ``slug`` under the content folder ``root``."""
    folder = root / "articles" / slug
    return {
        "meta": folder / "lesson.yaml",
        "en": folder / "article.en.md",
        "ko": folder / "article.ko.md",
        "glossary": root / "glossary" / f"{slug}.csv",
        "exercises": root / "exercises" / f"{slug}.yaml",
    }


# --------------------------------------------------------------------------- reading the input


def read_article_file(path: Path, what: str) -> tuple[str, list[str]]:
    """The NFC text of ``path`` and the warnings about its encoding.

    Raises:
        AuthoringError: the file is missing, empty, binary or not decodable.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AuthoringError(
            f"{path}: file not found; give the {what} as a plain-text file"
        ) from None
    except IsADirectoryError:
        raise AuthoringError(f"{path}: is a folder; give the {what} as a plain-text file") from None
    except OSError as exc:
        raise AuthoringError(f"{path}: cannot read the file ({exc.strerror})") from None
    if b"\x00" in data:
        raise AuthoringError(
            f"{path}: not a text file (a Word, PDF or other binary document?); copy the {what} "
            "into a plain-text file (.txt, UTF-8) and give that"
        )
    report = Report()
    text = decode(path, data, report)
    if report.errors:
        raise AuthoringError(f"{path}: {report.errors[0].message}; {report.errors[0].fix}")
    if not text.strip():
        raise AuthoringError(f"{path}: the file is empty; paste the {what} into it")
    return text, [f"{path}: {w.message}" for w in report.warnings]


# --------------------------------------------------------------------------- helpers


def _translated(text: str | None) -> bool:
    return bool(text and text.strip()) and todo_marker(text) is None


# --------------------------------------------------------------------------- glossary


def _candidate_rows(candidates: Sequence, korean: dict[str, str], taken: set[str]) -> list[dict]:
    rows = []
    for c in candidates:
        ko_sentence = korean.get(c.sentence_id, "")
        rows.append(
            {
                "id": unique_id(id_slug(c.headword), taken),
                "headword": c.headword,
                "forms": "; ".join(dict.fromkeys(c.forms)),
                "pos": c.pos
                if c.pos in _GLOSSARY_POS or todo_marker(c.pos)
                else "",  # marker: the teacher decides
                "ko": "",
                "ko_forms": "",
                "definition": "",
                "example_en": c.sentence,
                "example_ko": ko_sentence if _translated(ko_sentence) else "",
                "sentence_id": c.sentence_id,
                "level": c.level or "",
                "level_source": c.level_source or "",
            }
        )
    return rows


def _korean_rows(candidates: Sequence, english: dict[str, str], taken: set[str]) -> list[dict]:
    """Korean terms for English speakers (audience ``ko``): the lemma and forms are the
    teacher's own Korean; the English headword and definition are left to the teacher."""
    rows = []
    for k in candidates:
        romanization = getattr(k, "romanization", "") or ""
        rows.append(
            {
                "id": unique_id(
                    ("grammar-" if getattr(k, "pos", "") == "grammar" else "ko-")
                    + id_slug(romanization, "term"),
                    taken,
                ),
                "headword": "",
                "forms": "",
                "pos": _KOREAN_POS.get(getattr(k, "pos", ""), ""),
                "ko": k.lemma,
                "ko_forms": "; ".join(dict.fromkeys(k.forms)),
                "definition": "",
                "example_en": english.get(k.sentence_id, ""),
                "example_ko": k.sentence,
                "sentence_id": k.sentence_id,
                "level": "",
                "level_source": "",
                "romanization": romanization,
                "audience": "ko",
            }
        )
    return rows


def glossary_csv(rows: Sequence[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=GLOSSARY_COLUMNS, lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in GLOSSARY_COLUMNS})
    return out.getvalue()


# --------------------------------------------------------------------------- the files


def _article_file(lines: list[list[tuple[str, str]]], comment: str) -> str:
    out = [comment]
    for paragraph in lines:
        out += [f"{sid} | {text}" for sid, text in paragraph]
        out.append("")
    return "\n".join(out)


def _meta_yaml(
    slug: str,
    source: Path,
    article: SegmentedArticle,
    *,
    outlet: str | None,
    published: str | None,
    source_url: str | None,
    agency: str | None,
    language: str = "en",
) -> str:
    data: dict[str, object] = {
        "schema_version": 1,
        "slug": slug,
        "outlet": outlet
        or (
            "[TODO: the newspaper or site, e.g. The Korea Herald]"
            if language == "en"
            else "[TODO: the newspaper or site, e.g. 연합뉴스]"
        ),
    }
    agency = agency or (article.dateline.agency if article.dateline else None)
    if agency:
        data["agency"] = agency
    if article.byline:
        data["byline"] = article.byline
    data["published"] = published or "[TODO: the date published, YYYY-MM-DD]"
    data["source_url"] = source_url or "[TODO: the address of the article, https://...]"
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    dateline = (
        f"\n# The article's dateline was: {article.dateline.text}" if article.dateline else ""
    )
    original = (
        ""
        if language == "en"
        else "\n# The article is Korean (article.ko.md); article.en.md is its English translation."
    )
    return (
        f"# Lesson metadata, drafted by `dokhae lesson new` from {source.name}. Check every value;"
        f"\n# replace each [TODO: ...] marker.{original}{dateline}\n"
        "# Optional: photo: {caption: c1, credit: {en: ..., ko: ...}}, translation: {en: ..., ko: ...},"
        "\n# topic: {en: ..., ko: ...} (see docs/lesson-format.md).\n" + body
    )


def _exercises_yaml(slug: str, source: Path, questions: Sequence[dict], language: str) -> str:
    made = (
        "cloze items on glossary words (the answer is the word as it\n"
        "# stands in the article), numeric items on the figures of the text, and a vocabulary matching\n"
        f"# that `dokhae lesson forms {slug}` fills from the glossary's Korean glosses.\n"
        if language == "en"
        else "cloze items on the Korean glossary terms (the answer is the\n"
        "# Korean word as it stands in the article), numeric items on the figures of the text, and a\n"
        f"# vocabulary matching that `dokhae lesson forms {slug}` fills from the glossary's English\n"
        "# headwords.\n"
    )
    return (
        f"# Exercises for the lesson {slug}, drafted by `dokhae lesson new` from {source.name}.\n"
        "#\n"
        f"# Made by the machine (check them): {made}"
        "# Stubs (a `todo:` line) are questions that need your judgement: write them and delete the\n"
        f"# `todo:` line, or delete the whole question. `dokhae lesson status {slug}` lists what is left.\n"
        f"schema_version: 1\nlesson: {slug}\n\nquestions:\n" + dump_questions(questions)
    )


@dataclass(frozen=True)
class _Draft:
    """The files of a draft (by key of :func:`lesson_paths`) and what the result reports."""

    files: dict[str, str]
    sentences: int
    translated: int
    glossary_rows: int
    questions: int
    stubs: int
    problems: tuple[str, ...]
    warnings: list[str]


def draft_lesson(
    slug: str,
    source: Path | str,
    *,
    root: Path | str | None = None,
    language: str = "en",
    korean: Path | str | None = None,
    english: Path | str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    source_url: str | None = None,
    agency: str | None = None,
    limit: int = 20,
    korean_limit: int = 0,
    force: bool = False,
) -> DraftResult:
    """Write a draft lesson ``slug`` from the article in ``source``.

    Args:
        slug: the lesson's name: lower-case words joined by ``-``.
        source: the article as a text file (headline on the first line unless ``title``
            is given; paragraphs separated by blank lines).
        root: the content folder (default: :func:`dokhae.loading.content_root`).
        language: the language of ``source``: ``"en"`` (an English article, for Korean
            students; the default) or ``"ko"`` (a Korean article, for English speakers
            learning Korean: its sentences get the ids, article.en.md the English).
        korean: with an English article, the teacher's Korean translation as a text file,
            aligned sentence by sentence; without it every Korean sentence is a [TODO]
            marker.
        english: with a Korean article, the teacher's English translation, aligned the
            same way; without it every English sentence is a [TODO] marker
            (:data:`~dokhae.lesson.UNTRANSLATED_EN`).
        title, outlet, published, source_url, agency: the metadata (``published`` as
            YYYY-MM-DD or ISO date-time; what is not given becomes a [TODO] marker).
        limit: how many glossary candidates of the article to write (hardest first):
            English words, or Korean terms (audience ``ko``) for a Korean article.
        korean_limit: how many Korean terms (for English speakers) to add when an English
            article comes with its Korean text; none unless asked (0, the default): a
            lesson for Korean students has no use for them (issue 24).
        force: replace the files of an existing lesson.

    Raises:
        AuthoringError: a bad slug, date or language, a translation in the wrong language
            for the article, an existing lesson (without ``force``), an unreadable, empty
            or binary input file.
    """
    if language not in ("en", "ko"):
        raise AuthoringError(
            f"bad article language {language!r}: 'en' (an English article) or "
            "'ko' (a Korean article)"
        )
    if language == "en" and english is not None:
        raise AuthoringError(
            "an English translation goes with a Korean article (--from-korean); "
            "give the translation of an English article as --korean"
        )
    if language == "ko" and korean is not None:
        raise AuthoringError(
            "a Korean translation goes with an English article (--from); give the "
            "translation of a Korean article as --english"
        )
    if not SLUG.match(slug or ""):
        raise AuthoringError(
            f"bad lesson name {slug!r}: use lower-case letters, digits and '-' "
            "(for example cbam-steel-2026)"
        )
    if published and not _PUBLISHED.match(published):
        raise AuthoringError(
            f"bad date {published!r}: write it as YYYY-MM-DD (or 2023-05-31T10:14:00+09:00)"
        )
    if source_url and not re.match(r"^https?://", source_url):
        raise AuthoringError(
            f"bad source address {source_url!r}: give the article's address, https://..."
        )
    root = content_root() if root is None else Path(root)
    paths = lesson_paths(root, slug)
    existing = [p for p in paths.values() if p.exists()]
    if existing and not force:
        shown = ", ".join(str(p) for p in existing)
        raise AuthoringError(
            f"lesson {slug!r} exists already ({shown}); choose another name, or pass "
            "--force to replace its files"
        )
    source = Path(source)
    meta = {"outlet": outlet, "published": published, "source_url": source_url, "agency": agency}
    if language == "ko":
        draft = _draft_from_korean(
            slug,
            source,
            None if english is None else Path(english),
            title=title,
            limit=limit,
            meta=meta,
        )
    else:
        draft = _draft_from_english(
            slug,
            source,
            None if korean is None else Path(korean),
            title=title,
            limit=limit,
            korean_limit=korean_limit,
            meta=meta,
        )
    written = []
    for key, content in draft.files.items():
        path = paths[key]
        path.parent.mkdir(parents=True, exist_ok=True)
        if key == "glossary":  # with a byte-order mark, so that Excel opens the Korean
            write_text_for_excel(path, content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
        written.append(path)
    return DraftResult(
        slug=slug,
        root=root,
        written=tuple(written),
        sentences=draft.sentences,
        translated=draft.translated,
        glossary_rows=draft.glossary_rows,
        questions=draft.questions,
        stubs=draft.stubs,
        alignment_problems=draft.problems,
        warnings=tuple(draft.warnings),
        language=language,
    )


def hangul_share(text: str) -> float:
    """The share of Hangul among the letters of ``text`` (0.0 when it has no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(
        1
        for c in letters
        if "\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f"
    ) / len(letters)


def _check_article_language(source: Path, text: str, what: str) -> None:
    """Refuse an article in the other language than the option it was given with."""
    share = hangul_share(text)
    if what.startswith("English") and share > 0.5:
        raise AuthoringError(
            f"{source} is written in Korean ({share:.0%} of its letters are Hangul), "
            f"not English; draft a lesson from a Korean article with "
            f"--from-korean {source}"
        )
    if what.startswith("Korean") and share < 0.05:
        raise AuthoringError(
            f"{source} has almost no Korean in it; draft a lesson from an English "
            f"article with --from {source}"
        )


def _segmented(
    source: Path,
    what: str,
    segment: Callable[..., SegmentedArticle],
    title: str | None,
) -> tuple[SegmentedArticle, list[str]]:
    """The article file ``source`` read and cut into sentences by ``segment``, and the
    reading warnings; a text that cannot be cut is refused naming the file."""
    text, warnings = read_article_file(source, what)
    _check_article_language(source, text, what)
    try:
        return segment(text, title=title), warnings
    except ValueError as exc:
        raise AuthoringError(
            f"{source}: {exc}; the first line should be the headline, followed by the paragraphs"
        ) from None


def _aligned(
    path: Path | None,
    what: str,
    align: Callable[[list[list[tuple[str, str]]], str], Alignment | EnglishAlignment],
    groups: list[list[tuple[str, str]]],
    warnings: list[str],
) -> tuple[dict[str, str], tuple[str, ...]]:
    """The teacher's translation file ``path`` (None: none given) aligned by ``align`` with
    the article's sentence ids: the translated sentences by id, and the alignment's
    problems. Reading warnings are added to ``warnings``."""
    if path is None:
        return {}, ()
    raw, read_warnings = read_article_file(path, what)
    warnings += read_warnings
    alignment = align(groups, raw)
    return (
        {sid: text for sid, text in alignment.translation.items() if _translated(text)},
        tuple(alignment.problems),
    )


def _draft_from_english(
    slug: str,
    source: Path,
    korean: Path | None,
    *,
    title: str | None,
    limit: int,
    korean_limit: int,
    meta: dict,
) -> _Draft:
    article, warnings = _segmented(source, "English article", segment_article, title)
    sentences = article.sentences()
    groups = article.paragraph_ids()
    english = dict(sentences)

    from .align import align_korean

    korean_text, problems = _aligned(korean, "Korean translation", align_korean, groups, warnings)

    from .english import english_candidates

    candidates = english_candidates(sentences, limit=limit)
    taken: set[str] = set()
    rows = _candidate_rows(candidates, korean_text, taken)
    if korean_text and korean_limit > 0:
        from .korean import korean_candidates

        ko_sentences = [(sid, korean_text[sid]) for sid, _ in sentences if sid in korean_text]
        rows += _korean_rows(korean_candidates(ko_sentences, limit=korean_limit), english, taken)

    made = cloze_items(candidates) + figure_items(sentences)
    stubs = judgement_stubs([sid for sid, _ in sentences])
    matching = matching_stub(slug, [c.sentence_id for c in candidates[:6]], list(english))

    ko_lines = [[(sid, korean_text.get(sid, UNTRANSLATED)) for sid, _ in group] for group in groups]
    return _finished(
        slug,
        source,
        meta=_meta_yaml(slug, source, article, **meta),
        en=_article_file(
            groups,
            (
                f"<!-- The English article, drafted by `dokhae lesson new` from {source.name}: one sentence\n"
                '     per line as "id | text"; a blank line ends a paragraph. Check where the sentences were\n'
                "     cut; if you join or split one, renumber the ids here and in article.ko.md. -->"
            ),
        ),
        ko=_article_file(
            ko_lines,
            (
                '<!-- 한국어 번역: 한 줄에 한 문장("id | 문장"), id는 article.en.md와 같습니다.\n'
                f"     The Korean translation, the same ids as article.en.md. Replace every {UNTRANSLATED}\n"
                "     with the Korean sentence. -->"
            ),
        ),
        language="en",
        rows=rows,
        made=made,
        stubs=stubs,
        matching=matching,
        sentences=len(sentences),
        translated=len(korean_text),
        problems=problems,
        warnings=warnings,
    )


def _draft_from_korean(
    slug: str, source: Path, english: Path | None, *, title: str | None, limit: int, meta: dict
) -> _Draft:
    """A lesson for English speakers learning Korean: the Korean article keeps the ids;
    article.en.md holds the teacher's English (aligned) or a marker per sentence."""
    from .segment import segment_korean_article

    article, warnings = _segmented(source, "Korean article", segment_korean_article, title)
    sentences = article.sentences()
    groups = article.paragraph_ids()
    order = [sid for sid, _ in sentences]

    from .align import align_english

    english_text, problems = _aligned(
        english, "English translation", align_english, groups, warnings
    )

    from .korean import grammar_candidates, korean_candidates

    candidates = korean_candidates(sentences, limit=limit) if limit > 0 else []
    taken: set[str] = set()
    rows = _korean_rows(candidates, english_text, taken)
    rows += _korean_rows(grammar_candidates(sentences), english_text, taken)  # -다고 밝히다 …

    made = korean_cloze_items(candidates) + figure_items(sentences, language="ko")
    stubs = judgement_stubs(order)
    matching = matching_stub(slug, [c.sentence_id for c in candidates[:6]], order, language="ko")

    en_lines = [
        [(sid, english_text.get(sid, UNTRANSLATED_EN)) for sid, _ in group] for group in groups
    ]
    return _finished(
        slug,
        source,
        meta=_meta_yaml(slug, source, article, **meta, language="ko"),
        en=_article_file(
            en_lines,
            (
                f"<!-- The English translation of the Korean article (article.ko.md), the same ids: one\n"
                f'     sentence per line as "id | text". Replace every {UNTRANSLATED_EN}\n'
                "     with the English sentence.\n"
                '     영어 번역: 한 줄에 한 문장("id | 문장"), id는 article.ko.md와 같습니다. -->'
            ),
        ),
        ko=_article_file(
            groups,
            (
                f"<!-- 한국어 기사 원문, `dokhae lesson new`가 {source.name}에서 만든 초안: 한 줄에 한 문장\n"
                '     ("id | 문장"), 빈 줄은 문단의 끝입니다. 문장이 나뉜 곳을 확인하세요; 문장을 합치거나\n'
                "     나누면 여기와 article.en.md의 id를 함께 고치세요.\n"
                f"     The Korean article, drafted from {source.name}; if you join or split a sentence,\n"
                "     renumber the ids here and in article.en.md. -->"
            ),
        ),
        language="ko",
        rows=rows,
        made=made,
        stubs=stubs,
        matching=matching,
        sentences=len(sentences),
        translated=len(english_text),
        problems=problems,
        warnings=warnings,
    )


def _finished(
    slug: str,
    source: Path,
    *,
    meta: str,
    en: str,
    ko: str,
    language: str,
    rows: list,
    made: list,
    stubs: list,
    matching: dict,
    sentences: int,
    translated: int,
    problems: tuple[str, ...],
    warnings: list[str],
) -> _Draft:
    """The draft's files and counts: the first judgement stub, the items made, the
    matching stub, then the other stubs. The items made are on sentences of the article's
    text (``language``) and test it (``tests:``); the stubs are for the teacher to write on
    the facts, which either text gives (``both``, the default)."""
    questions = [stubs[0], *(on_text(item, language) for item in made), matching, *stubs[1:]]
    files = {
        "meta": meta,
        "en": en,
        "ko": ko,
        "glossary": glossary_csv(rows),
        "exercises": _exercises_yaml(slug, source, questions, language),
    }
    return _Draft(
        files,
        sentences=sentences,
        translated=translated,
        glossary_rows=len(rows),
        questions=len(made),
        stubs=len(stubs) + 1,
        problems=problems,
        warnings=warnings,
    )
