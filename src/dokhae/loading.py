"""Reading lesson files: encodings, NFC, article lines, CSV rows and YAML with line numbers.

Every reader records problems in a :class:`~dokhae.problems.Report` with the file and
line instead of raising, so ``dokhae check`` can show all of them at once.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .lesson import (
    SCHEMA_VERSION,
    STUB_KEY,
    UNTRANSLATED_EN,
    Article,
    ArticleMeta,
    ExerciseBank,
    GlossaryEntry,
    Paragraph,
    Sentence,
    todo_marker,
    todo_what,
)
from .problems import Report

LANGUAGES = ("en", "ko")
SENTENCE_ID = re.compile(r"^(?:h1|c1|p([1-9]\d*)s([1-9]\d*))$")
_ARTICLE_LINE = re.compile(r"^\s*([^|\s]+)\s*\|\s*(.*?)\s*$")
_DECOMPOSED_HANGUL = re.compile("[\u1100-\u11ff]")

# The messages of the problems a draft lesson has (see "drafts" in lesson.py);
# ``dokhae lesson status`` sorts the problems of ``dokhae check`` by them.
UNTRANSLATED_MESSAGE = "the Korean translation of this sentence is not written yet"
ENGLISH_UNTRANSLATED_MESSAGE = "the English translation of this sentence is not written yet"
TODO_MESSAGE = "not written yet (a [TODO] marker of the draft)"
STUB_MESSAGE = "draft question, not written yet"
EMPTY_MESSAGE = "empty required value"


# --------------------------------------------------------------------------- text


def decode(path: Path, data: bytes, report: Report) -> str:
    """Decode a file's bytes to NFC text, telling the teacher what was done.

    UTF-8 with or without a byte-order mark is read silently. A file Excel saved in the
    Korean ANSI code page (CP949, a superset of EUC-KR) is read correctly with a warning.
    Decomposed Hangul (NFD, as macOS sometimes writes it) is normalised with a warning.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_legacy(path, data, exc, report)
        if text is None:
            return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        lines = [i for i, line in enumerate(text.split("\n"), 1)
                 if unicodedata.normalize("NFC", line) != line]
        shown = ", ".join(map(str, lines[:8])) + (", ..." if len(lines) > 8 else "")
        kind = "decomposed Hangul (NFD)" if _DECOMPOSED_HANGUL.search(text) else "text not in NFC form"
        report.warning(
            path, lines[0] if lines else None, "",
            f"{kind} on line(s) {shown}; dokhae read it as composed text (NFC)",
            "nothing is lost, but save the file again from an editor that writes composed "
            "Hangul (NFC) so that search and other tools match it too",
        )
    return nfc


def _decode_legacy(path: Path, data: bytes, exc: UnicodeDecodeError, report: Report) -> str | None:
    from charset_normalizer import from_bytes  # only needed for files that are not UTF-8

    best = from_bytes(data).best()
    candidates = ["cp949"]
    if best is not None and best.encoding not in candidates:
        candidates.append(best.encoding)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "cp949":
            report.warning(
                path, None, "",
                "saved as CP949/EUC-KR (Excel's Korean 'CSV' format), not UTF-8; dokhae read it correctly",
                "in Excel choose File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)' so every "
                "program reads the Korean the same way",
            )
        else:
            report.warning(
                path, None, "", f"saved in the {encoding} encoding, not UTF-8; dokhae read it as {encoding}",
                "save the file as UTF-8",
            )
        return text
    line = data[: exc.start].count(b"\n") + 1
    report.error(
        path, line, "", "the file is not UTF-8 text and its encoding could not be recognised",
        "save it as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')",
    )
    return None


def read_text(path: Path, report: Report) -> str | None:
    """The NFC text of ``path``, or None (with an error) when it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        report.error(path, None, "", "file not found", f"create {path.name} (see docs/lesson-format.md)")
        return None
    except OSError as exc:
        report.error(path, None, "", f"cannot read the file: {exc.strerror}", "check the file's permissions")
        return None
    return decode(path, data, report)


# --------------------------------------------------------------------------- where things are


@dataclass
class Sources:
    """Where each part of a lesson came from, so later checks can name file and line."""

    article_meta: Path
    article: dict[str, Path]
    glossary: Path
    exercises: Path
    sentence_lines: dict[str, dict[str, int]] = field(default_factory=dict)
    glossary_lines: list[int] = field(default_factory=list)
    exercise_lines: dict[tuple, int] = field(default_factory=dict)
    meta_lines: dict[tuple, int] = field(default_factory=dict)

    @classmethod
    def for_lesson(cls, root: Path, slug: str) -> Sources:
        folder = root / "articles" / slug
        return cls(
            article_meta=folder / "lesson.yaml",
            article={lang: folder / f"article.{lang}.md" for lang in LANGUAGES},
            glossary=root / "glossary" / f"{slug}.csv",
            exercises=root / "exercises" / f"{slug}.yaml",
        )

    def exercise_line(self, path: tuple) -> int | None:
        """The line of the deepest known YAML node on ``path``."""
        for end in range(len(path), -1, -1):
            line = self.exercise_lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


# --------------------------------------------------------------------------- YAML


def load_yaml(path: Path, report: Report) -> tuple[Any, dict[tuple, int]] | None:
    """Parse a YAML file; return the data and the line of every node, keyed by its path."""
    text = read_text(path, report)
    if text is None:
        return None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        report.error(path, line, "", f"YAML syntax error: {problem}",
                     "check the indentation, the ':' after each key and the quotes on that line "
                     "(a value containing ': ' or starting with a quote needs quotes around it)")
        return None
    except yaml.YAMLError as exc:
        report.error(path, None, "", f"YAML error: {exc}", "fix the YAML syntax")
        return None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return data, lines


def _record_lines(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _record_lines(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines)


# --------------------------------------------------------------------------- pydantic errors


def _data_path(data: Any, loc: tuple) -> tuple:
    """Drop the entries pydantic adds to ``loc`` that are not in the data (union tags)."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and path and part not in node:
            # a union tag ("multiple_choice") or a missing field: keep missing fields only
            continue
    return tuple(path)


def _field_name(loc: tuple) -> str:
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += ("." if name else "") + str(part)
    return name


_FIXES = {
    "missing": "add the field `{last}`",
    "extra_forbidden": "remove `{last}` or correct its spelling (see docs/lesson-format.md for the fields)",
    "string_too_short": "fill in `{last}`; it must not be empty",
    "too_short": "give at least one value for `{last}`",
    "literal_error": "use one of the allowed values",
    "string_pattern_mismatch": "use lower-case letters, digits and '-' (ids), or the format in docs/lesson-format.md",
    "union_tag_invalid": "set `type` to one of the question types in docs/lesson-format.md",
    "union_tag_not_found": "add `type:` (multiple_choice, true_false_not_given, cloze, matching, ordering, short_text, numeric)",
}


def report_validation_error(exc: ValidationError, data: Any, report: Report, path: Path,
                            line_of, field_prefix: str = "",
                            empty_fixes: Mapping[str, str] | None = None) -> None:
    """Turn every pydantic error into a Problem with file, line, field, value and fix.

    ``empty_fixes`` tells, per field name, what to write in a field left empty (a draft's
    glossary cells); other fields get the general fix of the error's kind.
    """
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        data_loc = _data_path(data, loc)
        missing = err["type"] == "missing"
        field_loc = loc if missing else data_loc or loc
        last = str(field_loc[-1]) if field_loc else ""
        message = err["msg"]
        fix = _FIXES.get(err["type"], "correct the value as the message says").format(last=last)
        empty = not missing and err.get("input") in ("", (), []) and err["type"] in (
            "string_too_short", "too_short", "literal_error")
        if empty:
            message = EMPTY_MESSAGE
            if err["type"] == "literal_error":
                fix = f"fill in `{last}` with one of the allowed values"
        elif missing:
            message = "required but missing"
        elif err["type"] == "extra_forbidden":
            message = "unknown field"
        if (empty or missing) and empty_fixes and last in empty_fixes:
            fix = f"fill in `{last}`: {empty_fixes[last]}"
        value = None if missing or empty else err.get("input")
        if isinstance(value, (dict, list)):
            value = None
        report.error(path, line_of(data_loc), field_prefix + _field_name(field_loc), message, fix, value)


def _validate(model: type[BaseModel], data: Any, report: Report, path: Path, line_of,
              field_prefix: str = "", *, skip: frozenset[str] = frozenset(),
              empty_fixes: Mapping[str, str] | None = None) -> Any:
    """Validate ``data``; report every error except those on the fields in ``skip`` (and
    inside them), which were reported already (draft markers)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found = Report(root=report.root)
        report_validation_error(exc, data, found, path, line_of, field_prefix, empty_fixes)
        for problem in found.problems:
            if not any(problem.field == f or problem.field.startswith((f + ".", f + "["))
                       for f in skip):
                report.problems.append(problem)
        return None


# --------------------------------------------------------------------------- draft markers


def _leaves(data: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text of a YAML/CSV record with its path."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, loc + (index,))


def report_todos(data: Any, report: Report, path: Path, line_of, field_prefix: str = "",
                 *, fix: str = "replace the marker with {what}") -> frozenset[str]:
    """Report every ``[TODO: ...]`` marker left in ``data``; return the fields holding one."""
    fields = set()
    for loc, text in _leaves(data):
        marker = todo_marker(text)
        if marker is None:
            continue
        name = field_prefix + _field_name(loc)
        fields.add(name)
        report.error(path, line_of(loc), name, TODO_MESSAGE, fix.format(what=todo_what(marker)), marker)
    return frozenset(fields)


def _check_schema_version(data: Any, report: Report, path: Path, lines: dict[tuple, int]) -> bool:
    if not isinstance(data, dict):
        report.error(path, 1, "", "the file must be a YAML mapping (key: value lines)",
                     "start the file with `schema_version: 1`")
        return False
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        report.error(path, lines.get(("schema_version",), 1), "schema_version",
                     "missing" if version is None else f"this dokhae reads version {SCHEMA_VERSION}",
                     f"set `schema_version: {SCHEMA_VERSION}` (and update the file to that format)",
                     version)
        return False
    return True


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
            report.error(path, number, "", "a sentence line must look like 'id | text'",
                         "put the sentence id (h1, c1, p1s1, ...), a '|' and the sentence on one line",
                         line[:60])
            continue
        sid, sentence = match.groups()
        if not SENTENCE_ID.match(sid):
            report.error(path, number, "id", "not a sentence id",
                         "use h1 (headline), c1 (caption) or p<N>s<M> (paragraph N, sentence M)", sid)
            continue
        if not sentence:
            report.error(path, number, sid, "the sentence is empty", "write the sentence after the '|'")
            continue
        blocks[-1].append((sid, sentence, number))
    return _ArticleText([b for b in blocks if b])


def _paragraph_of(sid: str) -> str:
    m = SENTENCE_ID.match(sid)
    return f"p{m.group(1)}" if m and m.group(1) else sid


def _check_article_structure(path: Path, article: _ArticleText, report: Report) -> dict[str, int]:
    """Ids unique, grouped by paragraph, numbered in order. Returns id -> line of first use."""
    seen: dict[str, int] = {}
    expected_paragraph = 1
    for block in article.paragraphs:
        paragraphs = {_paragraph_of(sid) for sid, _, _ in block}
        first_id, _, first_line = block[0]
        if len(paragraphs) > 1:
            report.error(path, first_line, first_id,
                         f"one paragraph (block of lines) holds sentences of {', '.join(sorted(paragraphs))}",
                         "put a blank line between paragraphs, and give all sentences of a paragraph "
                         "the same p<N>")
        for index, (sid, _, number) in enumerate(block, 1):
            if sid in seen:
                report.error(path, number, sid, f"the id is used twice (lines {seen[sid]} and {number})",
                             "every sentence needs its own id; renumber or remove the second line")
                continue
            seen[sid] = number
            m = SENTENCE_ID.match(sid)
            if m and m.group(1) and len(paragraphs) == 1 and int(m.group(2)) != index:
                report.error(path, number, sid, f"sentence number out of order (expected s{index})",
                             f"number the sentences of a paragraph s1, s2, ...; this one is p{m.group(1)}s{index}")
        head = _paragraph_of(first_id)
        if head.startswith("p") and len(paragraphs) == 1:
            if head != f"p{expected_paragraph}":
                report.error(path, first_line, first_id,
                             f"paragraph out of order (expected p{expected_paragraph})",
                             "number the paragraphs p1, p2, ... in the order they appear")
            expected_paragraph = int(head[1:]) + 1
    if "h1" not in seen:
        report.error(path, None, "h1", "the headline is missing", "add a first line 'h1 | <headline>'")
    return seen


def load_article(sources: Sources, report: Report) -> Article | None:
    """Read lesson.yaml and both article files into an :class:`Article`, checking alignment."""
    meta = None
    loaded = load_yaml(sources.article_meta, report)
    if loaded is not None:
        data, sources.meta_lines = loaded
        if _check_schema_version(data, report, sources.article_meta, sources.meta_lines):
            line_of = lambda loc: _line_in(sources.meta_lines, loc)  # noqa: E731
            todos = report_todos(data, report, sources.article_meta, line_of)
            meta = _validate(ArticleMeta, data, report, sources.article_meta, line_of, skip=todos)
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
            report.error(sources.article["ko"], None, sid, "this English sentence has no Korean translation",
                         f"add a line '{sid} | <Korean>' to paragraph {_paragraph_of(sid)} of "
                         f"{sources.article['ko'].name} (English on line {line})")
        elif len(ko_counts[sid]) > 1:
            report.error(sources.article["ko"], ko_counts[sid][1], sid,
                         f"this sentence has {len(ko_counts[sid])} Korean translations "
                         f"(lines {', '.join(map(str, ko_counts[sid]))})",
                         "keep exactly one Korean line per English sentence; join them or delete one")
    for sid, line in ko_ids.items():
        if sid not in en_ids:
            report.error(sources.article["ko"], line, sid, "there is no English sentence with this id",
                         f"correct the id, or add the English sentence to {sources.article['en'].name}")
    en_groups = [[sid for sid, _, _ in b] for b in texts["en"].paragraphs]
    ko_groups = [[sid for sid, _, _ in b] for b in texts["ko"].paragraphs]
    if set(en_ids) == set(ko_ids) and en_groups != ko_groups:
        report.error(sources.article["ko"], None, "", "the paragraphs differ from the English file",
                     "group the Korean sentences in the same paragraphs and order as the English ones")
    if meta and meta.photo and meta.photo.caption not in en_ids:
        report.error(sources.article_meta, _line_in(sources.meta_lines, ("photo", "caption")),
                     "photo.caption", "no sentence with this id in the article",
                     "use the id of the caption line (c1)", meta.photo.caption)
        return None
    if meta and meta.slug != sources.article_meta.parent.name:
        report.error(sources.article_meta, _line_in(sources.meta_lines, ("slug",)), "slug",
                     f"does not match the folder name {sources.article_meta.parent.name!r}",
                     "make the slug and the folder name the same", meta.slug)
    # Build the article even when the translation has gaps, so the glossary and the
    # exercises are still checked against it; the errors above keep it from loading.
    ko_text = {sid: text for block in texts["ko"].paragraphs for sid, text, _ in block}
    ko_text = {sid: ko_text.get(sid, "") for sid in en_ids}
    paragraphs = tuple(
        Paragraph(id=_paragraph_of(block[0][0]),
                  sentences=tuple(Sentence(id=sid, en=text, ko=ko_text[sid]) for sid, text, _ in block))
        for block in texts["en"].paragraphs
    )
    return Article(meta=meta, paragraphs=paragraphs)


def _report_untranslated(sources: Sources, texts: dict[str, _ArticleText], report: Report) -> None:
    """A draft's sentences still holding a [TODO] marker: article.ko.md not translated yet,
    or, in a lesson drafted from a Korean article, article.en.md (:data:`UNTRANSLATED_EN`)."""
    lines = {lang: {sid: (text, number) for block in texts[lang].paragraphs
                    for sid, text, number in block} for lang in texts}
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
                    report.error(path, number, sid, UNTRANSLATED_MESSAGE,
                                 f"replace {marker} with the Korean translation of {sid} "
                                 f"(article.en.md line {en_line}: {shown(en_text)!r})", marker)
                elif (lang == "en" and marker == UNTRANSLATED_EN and sid in korean
                      and todo_marker(korean[sid][0]) is None):
                    ko_text, ko_line = korean[sid]
                    report.error(path, number, sid, ENGLISH_UNTRANSLATED_MESSAGE,
                                 f"replace {marker} with the English translation of {sid} "
                                 f"(article.ko.md line {ko_line}: {shown(ko_text)!r})", marker)
                else:
                    report.error(path, number, sid, TODO_MESSAGE,
                                 f"replace the marker with {todo_what(marker)}", marker)


def _line_in(lines: dict[tuple, int], loc: tuple) -> int | None:
    for end in range(len(loc), -1, -1):
        if tuple(loc[:end]) in lines:
            return lines[tuple(loc[:end])]
    return None


# --------------------------------------------------------------------------- glossary

GLOSSARY_REQUIRED = tuple(
    name for name, f in GlossaryEntry.model_fields.items() if f.is_required()
)

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
        report.error(path, 1, "", "the file is empty", "start with the header row (see docs/lesson-format.md)")
        return None
    header = [h.strip() for h in header]
    known = set(GlossaryEntry.model_fields)
    problems_before = len(report.errors)
    for column in GLOSSARY_REQUIRED:
        if column not in header:
            report.error(path, 1, column, "required column is missing from the header row",
                         f"add a column named '{column}'")
    for column in header:
        if column not in known:
            report.error(path, 1, column, "unknown column", "remove it or correct its name; the columns are: "
                         + ", ".join(GlossaryEntry.model_fields), column)
    if len(report.errors) > problems_before:
        return None
    entries: list[GlossaryEntry] = []
    sources.glossary_lines = []
    line = reader.line_num + 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            report.error(path, start, "", f"the row has {len(row)} cells but the header has {len(header)}",
                         "check for a stray comma; quote cells that contain commas")
            continue
        record = {k: v.strip() for k, v in zip(header, row) if v.strip() or k in GLOSSARY_REQUIRED}
        todos = report_todos(record, report, path, lambda loc, s=start: s)
        sentence_id = record.get("sentence_id") or "<sentence_id>"
        korean_term = record.get("audience") == "ko"
        fixes = {k: v.format(slug=path.stem, sentence_id=sentence_id,
                             ko=(record.get("ko") or "the Korean term").split(";")[0].strip())
                 for k, v in {**GLOSSARY_EMPTY_FIXES,
                              **(KOREAN_TERM_EMPTY_FIXES if korean_term else {})}.items()}
        entry = _validate(GlossaryEntry, record, report, path, lambda loc, s=start: s,
                          skip=todos, empty_fixes=fixes)
        if entry is not None:
            entries.append(entry)
            sources.glossary_lines.append(start)
    if not entries and report.ok:
        report.error(path, 2, "", "the glossary has no entries", "add one row per term")
    return tuple(entries)


# --------------------------------------------------------------------------- exercises


def load_exercises(sources: Sources, report: Report) -> ExerciseBank | None:
    """Read the exercises YAML into an :class:`ExerciseBank`."""
    loaded = load_yaml(sources.exercises, report)
    if loaded is None:
        return None
    data, sources.exercise_lines = loaded
    if not _check_schema_version(data, report, sources.exercises, sources.exercise_lines):
        return None
    data, kept = _set_stubs_aside(data, sources, report)
    found = Report(root=report.root)
    todos = report_todos(data, found, sources.exercises, sources.exercise_line)
    bank = _validate(ExerciseBank, data, found, sources.exercises, sources.exercise_line, skip=todos)
    for problem in found.problems:  # name the questions by their place in the file
        m = re.match(r"questions\[(\d+)\]", problem.field)
        if m and kept is not None and int(m.group(1)) < len(kept):
            problem = replace(problem, field=f"questions[{kept[int(m.group(1))]}]" + problem.field[m.end():])
        report.problems.append(problem)
    return bank


def _set_stubs_aside(data: dict, sources: Sources, report: Report) -> tuple[dict, list[int] | None]:
    """Report the stub questions (a ``todo:`` key) and leave them out of the bank.

    The other questions are checked as usual; ``sources.exercise_lines`` is renumbered so
    that their lines stay right. Returns the data without stubs and, when there were
    stubs, the index in the file of every question kept.
    """
    questions = data.get("questions")
    if not isinstance(questions, list) or not any(
            isinstance(q, dict) and STUB_KEY in q for q in questions):
        return data, None
    path = sources.exercises
    kept: list[int] = []
    for index, question in enumerate(questions):
        if not (isinstance(question, dict) and STUB_KEY in question):
            kept.append(index)
            continue
        name = str(question.get("id") or f"questions[{index}]")
        todo = str(question.get(STUB_KEY) or "").strip()
        report.error(path, sources.exercise_line(("questions", index)), f"{name}.{STUB_KEY}",
                     f"{STUB_MESSAGE}: {todo}" if todo else STUB_MESSAGE,
                     f"write the question, then delete its `{STUB_KEY}:` line (or delete the whole question)")
    new_index = {old: new for new, old in enumerate(kept)}
    lines: dict[tuple, int] = {}
    for key, line in sources.exercise_lines.items():
        if len(key) >= 2 and key[0] == "questions" and isinstance(key[1], int):
            if key[1] not in new_index:
                continue
            key = ("questions", new_index[key[1]], *key[2:])
        lines[key] = line
    sources.exercise_lines = lines
    return {**data, "questions": [questions[i] for i in kept]}, kept


# --------------------------------------------------------------------------- where lessons live


def content_root() -> Path:
    """The folder holding ``articles/``, ``glossary/`` and ``exercises/``.

    ``DOKHAE_CONTENT`` wins; then a checkout (the repository root above ``src/``); then
    the copy an installed wheel carries inside the package.
    """
    env = os.environ.get("DOKHAE_CONTENT")
    if env:
        return Path(env).expanduser()
    return shipped_root()


def shipped_root() -> Path:
    """The folder of what dokhae ships beside its code: the lessons, the student notebooks
    (``notebooks/``), the teacher's (``teacher/``) and JupyterLab's settings (``etc/``).

    A checkout (the repository root above ``src/``), else the copy an installed wheel
    carries inside the package (``dokhae/content/``, the same layout).
    ``DOKHAE_CONTENT`` does not move it.
    """
    package = Path(__file__).resolve().parent
    checkout = package.parent.parent
    if (checkout / "articles").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    return package / "content"


def lesson_slugs(root: Path | None = None) -> list[str]:
    """The slugs of the lessons under ``root``, sorted."""
    root = content_root() if root is None else root
    return sorted(p.parent.name for p in (root / "articles").glob("*/lesson.yaml"))
