"""Reading a lesson's parts: the article (its ``id | sentence`` lines in both languages),
the glossary (CSV rows) and the exercises (YAML), each into its model with the line of
every part kept.

Every reader records problems in a :class:`~dokhae.problems.Report` with the file and
line instead of raising, so ``dokhae check`` can show all of them at once. Reading one
file (encodings, NFC, YAML lines, schema errors, draft markers) is :mod:`dokhae.files`;
where lessons live is :mod:`dokhae.sources`; both are importable from here as before.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from .exam.items import EXAM_ITEMS_KEY
from .files import (
    EMPTY_MESSAGE,
    ENGLISH_UNTRANSLATED_MESSAGE,
    EXAM_STUB_MESSAGE,
    STUB_MESSAGE,
    TODO_MESSAGE,
    UNTRANSLATED_MESSAGE,
    LineOf,
    check_schema_version,
    counted_rows,
    decode,
    load_yaml,
    read_text,
    report_todos,
    report_validation_error,
    validate_model,
)
from .lesson import (
    EXERCISES_SCHEMA_VERSION,
    EXERCISES_SCHEMA_VERSIONS,
    STUB_KEY,
    UNTRANSLATED_EN,
    Article,
    ArticleMeta,
    ExerciseBank,
    GlossaryEntry,
    Paragraph,
    Sentence,
    paragraph_of,
    todo_marker,
    todo_what,
)
from .problems import Report
from .sources import LANGUAGES, Sources, content_root, lesson_slugs, shipped_root

__all__ = [
    "EMPTY_MESSAGE",
    "ENGLISH_UNTRANSLATED_MESSAGE",
    "EXAM_STUB_MESSAGE",
    "GLOSSARY_EMPTY_FIXES",
    "GLOSSARY_REQUIRED",
    "KOREAN_TERM_EMPTY_FIXES",
    "LANGUAGES",
    "SENTENCE_ID",
    "STUB_MESSAGE",
    "TODO_MESSAGE",
    "UNTRANSLATED_MESSAGE",
    "Sources",
    "content_root",
    "decode",
    "lesson_slugs",
    "load_article",
    "load_exercises",
    "load_glossary",
    "load_yaml",
    "parse_article_text",
    "read_text",
    "report_todos",
    "report_validation_error",
    "shipped_root",
]

SENTENCE_ID = re.compile(r"^(?:h1|c1|p([1-9]\d*)s([1-9]\d*))$")
_ARTICLE_LINE = re.compile(r"^\s*([^|\s]+)\s*\|\s*(.*?)\s*$")
_DECOMPOSED_HANGUL = re.compile("[\u1100-\u11ff]")

# --------------------------------------------------------------------------- article


@dataclass
class _ArticleText:
    paragraphs: list[list[tuple[str, str, int]]]  # blocks of (id, text, line)


def parse_article_text(path: Path, text: str, report: Report) -> _ArticleText:
    """Split an article file into paragraphs of ``(id, text, line)``, reporting bad lines."""
    blocks: list[list[tuple[str, str, int]]] = [[]]
    in_comment = False
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if in_comment or line.startswith("<!--"):
            in_comment = "-->" not in line
            continue
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        match = _ARTICLE_LINE.match(line)
        if not match:
            report.error(
                path,
                number,
                "",
                "a sentence line must look like 'id | text'",
                "put the sentence id (h1, c1, p1s1, ...), a '|' and the sentence on one line",
                line[:60],
                key="article_line",
            )
            continue
        sid, sentence = match.groups()
        if not SENTENCE_ID.match(sid):
            report.error(
                path,
                number,
                "id",
                "not a sentence id",
                "use h1 (headline), c1 (caption) or p<N>s<M> (paragraph N, sentence M)",
                sid,
                key="sentence_id_format",
            )
            continue
        if not sentence:
            report.error(
                path,
                number,
                sid,
                "the sentence is empty",
                "write the sentence after the '|'",
                key="empty_sentence",
            )
            continue
        blocks[-1].append((sid, sentence, number))
    return _ArticleText([b for b in blocks if b])


def _check_article_structure(path: Path, article: _ArticleText, report: Report) -> dict[str, int]:
    """Ids unique, grouped by paragraph, numbered in order. Returns id -> line of first use."""
    seen: dict[str, int] = {}
    expected_paragraph = 1
    for block in article.paragraphs:
        paragraphs = {paragraph_of(sid) for sid, _, _ in block}
        first_id, _, first_line = block[0]
        if len(paragraphs) > 1:
            report.error(
                path,
                first_line,
                first_id,
                f"one paragraph (block of lines) holds sentences of {', '.join(sorted(paragraphs))}",
                "put a blank line between paragraphs, and give all sentences of a paragraph "
                "the same p<N>",
                key="paragraph_mixed",
                fields={"paragraphs": ", ".join(sorted(paragraphs))},
            )
        for index, (sid, _, number) in enumerate(block, 1):
            if sid in seen:
                report.error(
                    path,
                    number,
                    sid,
                    f"the id is used twice (lines {seen[sid]} and {number})",
                    "every sentence needs its own id; renumber or remove the second line",
                    key="sentence_id_twice",
                    fields={"first": seen[sid], "second": number},
                )
                continue
            seen[sid] = number
            m = SENTENCE_ID.match(sid)
            if m and m.group(1) and len(paragraphs) == 1 and int(m.group(2)) != index:
                report.error(
                    path,
                    number,
                    sid,
                    f"sentence number out of order (expected s{index})",
                    f"number the sentences of a paragraph s1, s2, ...; this one is p{m.group(1)}s{index}",
                    key="sentence_order",
                    fields={"expected": index, "paragraph": m.group(1)},
                )
        head = paragraph_of(first_id)
        if head.startswith("p") and len(paragraphs) == 1:
            if head != f"p{expected_paragraph}":
                report.error(
                    path,
                    first_line,
                    first_id,
                    f"paragraph out of order (expected p{expected_paragraph})",
                    "number the paragraphs p1, p2, ... in the order they appear",
                    key="paragraph_order",
                    fields={"expected": expected_paragraph},
                )
            expected_paragraph = int(head[1:]) + 1
    if "h1" not in seen:
        report.error(
            path,
            None,
            "h1",
            "the headline is missing",
            "add a first line 'h1 | <headline>'",
            key="no_headline",
        )
    return seen


def load_article(sources: Sources, report: Report) -> Article | None:
    """Read lesson.yaml and both article files into an :class:`Article`, checking alignment."""
    meta = None
    loaded = load_yaml(sources.article_meta, report)
    if loaded is not None:
        data, sources.meta_lines = loaded
        if check_schema_version(data, report, sources.article_meta, sources.meta_lines):
            line_of = lambda loc: _line_in(sources.meta_lines, loc)  # noqa: E731
            todos = report_todos(data, report, sources.article_meta, line_of)
            meta = validate_model(
                ArticleMeta, data, report, sources.article_meta, line_of, skip=todos
            )
    texts: dict[str, _ArticleText] = {}
    for lang, path in sources.article.items():
        text = read_text(path, report)
        if text is None:
            continue
        texts[lang] = parse_article_text(path, text, report)
        sources.sentence_lines[lang] = _check_article_structure(path, texts[lang], report)
    _report_untranslated(sources, texts, report)
    if meta is None or len(texts) != len(LANGUAGES):
        return None
    en_ids = sources.sentence_lines["en"]
    ko_ids = sources.sentence_lines["ko"]
    ko_counts: dict[str, list[int]] = {}
    for block in texts["ko"].paragraphs:
        for sid, _, number in block:
            ko_counts.setdefault(sid, []).append(number)
    for sid, line in en_ids.items():
        if sid not in ko_ids:
            report.error(
                sources.article["ko"],
                None,
                sid,
                "this English sentence has no Korean translation",
                f"add a line '{sid} | <Korean>' to paragraph {paragraph_of(sid)} of "
                f"{sources.article['ko'].name} (English on line {line})",
                key="no_korean",
                fields={
                    "sid": sid,
                    "paragraph": paragraph_of(sid),
                    "file": sources.article["ko"].name,
                    "line": line,
                },
            )
        elif len(ko_counts[sid]) > 1:
            report.error(
                sources.article["ko"],
                ko_counts[sid][1],
                sid,
                f"this sentence has {len(ko_counts[sid])} Korean translations "
                f"(lines {', '.join(map(str, ko_counts[sid]))})",
                "keep exactly one Korean line per English sentence; join them or delete one",
                key="korean_twice",
                fields={"n": len(ko_counts[sid]), "lines": ", ".join(map(str, ko_counts[sid]))},
            )
    for sid, line in ko_ids.items():
        if sid not in en_ids:
            report.error(
                sources.article["ko"],
                line,
                sid,
                "there is no English sentence with this id",
                f"correct the id, or add the English sentence to {sources.article['en'].name}",
                key="no_english",
                fields={"file": sources.article["en"].name},
            )
    en_groups = [[sid for sid, _, _ in b] for b in texts["en"].paragraphs]
    ko_groups = [[sid for sid, _, _ in b] for b in texts["ko"].paragraphs]
    if set(en_ids) == set(ko_ids) and en_groups != ko_groups:
        report.error(
            sources.article["ko"],
            None,
            "",
            "the paragraphs differ from the English file",
            "group the Korean sentences in the same paragraphs and order as the English ones",
            key="paragraphs_differ",
        )
    if meta and meta.photo and meta.photo.caption not in en_ids:
        report.error(
            sources.article_meta,
            _line_in(sources.meta_lines, ("photo", "caption")),
            "photo.caption",
            "no sentence with this id in the article",
            "use the id of the caption line (c1)",
            meta.photo.caption,
            key="caption_unknown",
        )
        return None
    if meta and meta.slug != sources.article_meta.parent.name:
        report.error(
            sources.article_meta,
            _line_in(sources.meta_lines, ("slug",)),
            "slug",
            f"does not match the folder name {sources.article_meta.parent.name!r}",
            "make the slug and the folder name the same",
            meta.slug,
            key="slug_folder",
            fields={"folder": sources.article_meta.parent.name},
        )
    # Build the article even when the translation has gaps, so the glossary and the
    # exercises are still checked against it; the errors above keep it from loading.
    ko_text = {sid: text for block in texts["ko"].paragraphs for sid, text, _ in block}
    ko_text = {sid: ko_text.get(sid, "") for sid in en_ids}
    paragraphs = tuple(
        Paragraph(
            id=paragraph_of(block[0][0]),
            sentences=tuple(Sentence(id=sid, en=text, ko=ko_text[sid]) for sid, text, _ in block),
        )
        for block in texts["en"].paragraphs
    )
    return Article(meta=meta, paragraphs=paragraphs)


def _report_untranslated(sources: Sources, texts: dict[str, _ArticleText], report: Report) -> None:
    """A draft's sentences still holding a [TODO] marker: article.ko.md not translated yet,
    or, in a lesson drafted from a Korean article, article.en.md (:data:`UNTRANSLATED_EN`)."""
    lines = {
        lang: {
            sid: (text, number) for block in texts[lang].paragraphs for sid, text, number in block
        }
        for lang in texts
    }
    english, korean = lines.get("en", {}), lines.get("ko", {})

    def shown(text: str) -> str:
        return text if len(text) <= 70 else text[:67] + "..."

    for lang, article in texts.items():
        path = sources.article[lang]
        for block in article.paragraphs:
            for sid, text, number in block:
                marker = todo_marker(text)
                if marker is None:
                    continue
                if lang == "ko" and sid in english:
                    en_text, en_line = english[sid]
                    report.error(
                        path,
                        number,
                        sid,
                        UNTRANSLATED_MESSAGE,
                        f"replace {marker} with the Korean translation of {sid} "
                        f"(article.en.md line {en_line}: {shown(en_text)!r})",
                        marker,
                        key="untranslated",
                        fields={
                            "marker": marker,
                            "sid": sid,
                            "line": en_line,
                            "text": shown(en_text),
                        },
                    )
                elif (
                    lang == "en"
                    and marker == UNTRANSLATED_EN
                    and sid in korean
                    and todo_marker(korean[sid][0]) is None
                ):
                    ko_text, ko_line = korean[sid]
                    report.error(
                        path,
                        number,
                        sid,
                        ENGLISH_UNTRANSLATED_MESSAGE,
                        f"replace {marker} with the English translation of {sid} "
                        f"(article.ko.md line {ko_line}: {shown(ko_text)!r})",
                        marker,
                        key="untranslated_en",
                        fields={
                            "marker": marker,
                            "sid": sid,
                            "line": ko_line,
                            "text": shown(ko_text),
                        },
                    )
                else:
                    report.error(
                        path,
                        number,
                        sid,
                        TODO_MESSAGE,
                        f"replace the marker with {todo_what(marker)}",
                        marker,
                        key="todo",
                        fields={"what": todo_what(marker)},
                    )


def _line_in(lines: dict[tuple, int], loc: tuple) -> int | None:
    for end in range(len(loc), -1, -1):
        if tuple(loc[:end]) in lines:
            return lines[tuple(loc[:end])]
    return None


def _on_line(line: int) -> LineOf:
    """Every value of a CSV row is on the row's line."""
    return lambda loc: line


# --------------------------------------------------------------------------- glossary

GLOSSARY_REQUIRED = tuple(name for name, f in GlossaryEntry.model_fields.items() if f.is_required())

GLOSSARY_EMPTY_FIXES = {
    "ko": "the Korean equivalents, the main one first, separated by ';' (재개하다; 다시 시작하다)",
    "definition": "a simple English definition",
    "example_en": "the sentence {sentence_id} (or the part with the word), copied from "
    "article.en.md; `dokhae lesson forms {slug}` fills it once that sentence is translated",
    "example_ko": "the Korean of sentence {sentence_id} (or the matching part), copied from "
    "article.ko.md; `dokhae lesson forms {slug}` fills it once that sentence is translated",
    "level": "the CEFR level, A1-C2",
    "level_source": "'CEFR-J 1.5' or 'Octanove C1/C2 1.0' when the headword is in that list, "
    "otherwise 'estimated'",
    "romanization": "run `dokhae lesson forms {slug}` to fill it from `ko`, or write the Revised "
    "Romanization of the main Korean equivalent (협력 -> hyeomnyeok)",
    "forms": "the forms as they occur in article.en.md, separated by ';' (`dokhae lesson forms "
    "{slug}` finds them from the headword)",
    "headword": "the English dictionary form of the term",
    "sentence_id": "the id of the sentence the example comes from (h1, p1s1, ...)",
}
"""What to write in a glossary cell left empty (a draft leaves the Korean glosses to the teacher)."""

KOREAN_TERM_EMPTY_FIXES = {
    "headword": "the English meaning of {ko} as a dictionary form, best the word your English "
    "translation uses (`dokhae lesson forms {slug}` then finds its forms)",
    "level": "the CEFR level of the English headword, A1-C2 (`dokhae lesson forms {slug}` fills it "
    "when the CEFR lists know the headword)",
}
"""The same for a Korean term for English speakers (``audience: ko``), where the English side
is the teacher's to write."""


def load_glossary(sources: Sources, report: Report) -> tuple[GlossaryEntry, ...] | None:
    """Read the glossary CSV; each row becomes a :class:`GlossaryEntry`."""
    path = sources.glossary
    text = read_text(path, report)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        report.error(
            path,
            1,
            "",
            "the file is empty",
            "start with the header row (see docs/lesson-format.md)",
            key="csv_empty",
        )
        return None
    header = [h.strip() for h in header]
    known = set(GlossaryEntry.model_fields)
    problems_before = len(report.errors)
    for column in GLOSSARY_REQUIRED:
        if column not in header:
            report.error(
                path,
                1,
                column,
                "required column is missing from the header row",
                f"add a column named '{column}'",
                key="column_missing",
                fields={"column": column},
            )
    for column in header:
        if column not in known:
            report.error(
                path,
                1,
                column,
                "unknown column",
                "remove it or correct its name; the columns are: "
                + ", ".join(GlossaryEntry.model_fields),
                column,
                key="column_unknown",
                fields={"columns": ", ".join(GlossaryEntry.model_fields)},
            )
    if len(report.errors) > problems_before:
        return None
    entries: list[GlossaryEntry] = []
    sources.glossary_lines = []
    fix = "check for a stray comma; quote cells that contain commas"
    for start, row in counted_rows(reader, len(header), report, path, fix, key="row_cells"):
        record = {k: v.strip() for k, v in zip(header, row) if v.strip() or k in GLOSSARY_REQUIRED}
        todos = report_todos(record, report, path, _on_line(start))
        sentence_id = record.get("sentence_id") or "<sentence_id>"
        korean_term = record.get("audience") == "ko"
        fixes = {
            k: v.format(
                slug=path.stem,
                sentence_id=sentence_id,
                ko=(record.get("ko") or "the Korean term").split(";")[0].strip(),
            )
            for k, v in {
                **GLOSSARY_EMPTY_FIXES,
                **(KOREAN_TERM_EMPTY_FIXES if korean_term else {}),
            }.items()
        }
        entry = validate_model(
            GlossaryEntry,
            record,
            report,
            path,
            _on_line(start),
            skip=todos,
            empty_fixes=fixes,
            empty_keys={
                name: f"glossary_empty{'_korean_term' if korean_term and name in KOREAN_TERM_EMPTY_FIXES else ''}.{name}"
                for name in fixes
            },
            empty_fields={
                "slug": path.stem,
                "sentence_id": sentence_id,
                "ko": (record.get("ko") or "").split(";")[0].strip(),
                "example": "재개하다; 다시 시작하다",
                "romanized": "협력 -> hyeomnyeok",
            },
        )
        if entry is not None:
            entries.append(entry)
            sources.glossary_lines.append(start)
    if not entries and report.ok:
        report.error(
            path,
            2,
            "",
            "the glossary has no entries",
            "add one row per term",
            key="glossary_no_entries",
        )
    return tuple(entries)


# --------------------------------------------------------------------------- exercises


def load_exercises(sources: Sources, report: Report) -> ExerciseBank | None:
    """Read the exercises YAML into an :class:`ExerciseBank`."""
    loaded = load_yaml(sources.exercises, report)
    if loaded is None:
        return None
    data, sources.exercise_lines = loaded
    if not check_schema_version(
        data, report, sources.exercises, sources.exercise_lines, EXERCISES_SCHEMA_VERSIONS
    ):
        return None
    if not _exam_items_versioned(data, sources, report):
        return None
    data, kept = _set_stubs_aside(data, sources, report)
    found = Report(root=report.root)
    without_stubs = _report_exam_stubs(data, sources, report)
    todos = report_todos(without_stubs, found, sources.exercises, sources.exercise_line)
    bank = validate_model(
        ExerciseBank, data, found, sources.exercises, sources.exercise_line, skip=todos
    )
    for problem in found.problems:  # name the questions by their place in the file
        m = re.match(r"questions\[(\d+)\]", problem.field)
        if m and kept is not None and int(m.group(1)) < len(kept):
            problem = replace(
                problem, field=f"questions[{kept[int(m.group(1))]}]" + problem.field[m.end() :]
            )
        report.problems.append(problem)
    if bank is None and found.errors:
        bank = _valid_part(data, sources)
    return bank


def _valid_part(data: dict, sources: Sources) -> ExerciseBank | None:
    """The bank of the questions and templates that are valid on their own, when others
    have schema errors (already reported): ``dokhae check`` then checks these against the
    article too, so one bad question hides no other problem of the file. The lesson is not
    loaded all the same (its errors stop it). None when the file's top level is wrong."""
    kept: dict[str, list[int]] = {}
    for group in ("questions", "templates", EXAM_ITEMS_KEY):
        items = data.get(group, [])
        if not isinstance(items, list):
            return None
        kept[group] = [i for i, item in enumerate(items) if _valid_alone(data, group, item)]
    part = {
        **data,
        **{group: [data[group][i] for i in kept[group]] for group in kept if group in data},
    }
    try:
        bank = ExerciseBank.model_validate(part)
    except ValidationError:
        return None
    new_index = {
        group: {old: new for new, old in enumerate(indices)} for group, indices in kept.items()
    }
    sources.exercise_lines = _renumbered(sources.exercise_lines, new_index)
    return bank


def _exam_items_versioned(data: dict, sources: Sources, report: Report) -> bool:
    """``exam_items:`` came with version 2 of the exercises file: an older file must say so."""
    if EXAM_ITEMS_KEY not in data or data.get("schema_version") == EXERCISES_SCHEMA_VERSION:
        return True
    report.error(
        sources.exercises,
        sources.exercise_line(("schema_version",)),
        "schema_version",
        f"`{EXAM_ITEMS_KEY}:` needs version {EXERCISES_SCHEMA_VERSION} of the exercises file",
        f"set `schema_version: {EXERCISES_SCHEMA_VERSION}` (the rest of the file stays as it is)",
        data.get("schema_version"),
        key="exam_items_version",
        fields={"key": EXAM_ITEMS_KEY, "version": EXERCISES_SCHEMA_VERSION},
    )
    return False


def _report_exam_stubs(data: dict, sources: Sources, report: Report) -> dict:
    """Report each exam item still a stub (a ``todo:`` key) once, as an error; return ``data``
    with the stubs blanked, so that their ``[TODO: ...]`` texts are not reported again.

    Stubs stay in the bank (``dokhae exam review`` shows them); they are validated like any
    item, and a lesson with one does not load until the teacher has written it.
    """
    items = data.get(EXAM_ITEMS_KEY)
    if not isinstance(items, list):
        return data
    blanked = []
    for index, item in enumerate(items):
        if not (isinstance(item, dict) and STUB_KEY in item):
            blanked.append(item)
            continue
        blanked.append({})
        name = str(item.get("id") or f"{EXAM_ITEMS_KEY}[{index}]")
        todo = str(item.get(STUB_KEY) or "").strip()
        report.error(
            sources.exercises,
            sources.exercise_line((EXAM_ITEMS_KEY, index, STUB_KEY)),
            f"{name}.{STUB_KEY}",
            f"{EXAM_STUB_MESSAGE}: {todo}" if todo else EXAM_STUB_MESSAGE,
            f"write what it asks for in place of each [TODO: ...], then delete its `{STUB_KEY}:` "
            "line and approve it with `dokhae exam review` (or delete the whole item)",
            key="exam_stub" if todo else "exam_stub_bare",
            fields={"todo": todo, "stub": STUB_KEY},
        )
    return {**data, EXAM_ITEMS_KEY: blanked}


def _valid_alone(data: dict, group: str, item: object) -> bool:
    try:
        ExerciseBank.model_validate(
            {
                "schema_version": data.get("schema_version"),
                "lesson": data.get("lesson"),
                group: [item],
            }
        )
    except ValidationError:
        return False
    return True


def _renumbered(lines: dict[tuple, int], new_index: dict[str, dict[int, int]]) -> dict[tuple, int]:
    """The lines of the YAML nodes with the items of each group numbered as kept; the lines
    of items left out are dropped."""
    out: dict[tuple, int] = {}
    for key, line in lines.items():
        if len(key) >= 2 and key[0] in new_index and isinstance(key[1], int):
            if key[1] not in new_index[key[0]]:
                continue
            key = (key[0], new_index[key[0]][key[1]], *key[2:])
        out[key] = line
    return out


def _set_stubs_aside(data: dict, sources: Sources, report: Report) -> tuple[dict, list[int] | None]:
    """Report the stub questions (a ``todo:`` key) and leave them out of the bank.

    The other questions are checked as usual; ``sources.exercise_lines`` is renumbered so
    that their lines stay right. Returns the data without stubs and, when there were
    stubs, the index in the file of every question kept.
    """
    questions = data.get("questions")
    if not isinstance(questions, list) or not any(
        isinstance(q, dict) and STUB_KEY in q for q in questions
    ):
        return data, None
    path = sources.exercises
    kept: list[int] = []
    for index, question in enumerate(questions):
        if not (isinstance(question, dict) and STUB_KEY in question):
            kept.append(index)
            continue
        name = str(question.get("id") or f"questions[{index}]")
        todo = str(question.get(STUB_KEY) or "").strip()
        report.error(
            path,
            sources.exercise_line(("questions", index)),
            f"{name}.{STUB_KEY}",
            f"{STUB_MESSAGE}: {todo}" if todo else STUB_MESSAGE,
            f"write the question, then delete its `{STUB_KEY}:` line (or delete the whole question)",
            key="stub" if todo else "stub_bare",
            fields={"todo": todo, "stub": STUB_KEY},
        )
    sources.exercise_lines = _renumbered(
        sources.exercise_lines, {"questions": {old: new for new, old in enumerate(kept)}}
    )
    return {**data, "questions": [questions[i] for i in kept]}, kept
