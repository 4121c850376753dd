"""Reading one lesson file: bytes to NFC text (UTF-8, or the Korean code page Excel
writes, with a warning), YAML with the line of every node, schema errors and draft
markers reported with their field and line.

Every reader records problems in a :class:`~dokhae.problems.Report` with the file and
line instead of raising, so ``dokhae check`` can show all of them at once. Where a
lesson's files are: :mod:`dokhae.sources`; reading a whole lesson: :mod:`dokhae.loading`.
"""

from __future__ import annotations

import codecs
import csv
import errno
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .lesson import SCHEMA_VERSION, todo_marker, todo_what
from .problems import Report

_DECOMPOSED_HANGUL = re.compile("[\u1100-\u11ff]")

MAX_FILE_BYTES = 5_000_000
"""The largest file dokhae reads as a lesson file, roster, selection or marks CSV (the
largest shipped lesson file is under 100 kB): a bigger one is the wrong file."""
MAX_YAML_DEPTH = 40
"""How deeply a YAML file may nest (an exercise file nests about 6 levels)."""

LineOf = Callable[[tuple[Any, ...]], int | None]
"""Where a value sits: its line in the file, from its place (a pydantic ``loc``), or None."""

# Control characters no text file of dokhae's holds: C0 except tab and newline (carriage
# returns are line ends, normalised before this runs), DEL, C1 and the noncharacters
# U+FFFE/U+FFFF. Excel cannot store them either, and YAML refuses them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BINARY_MAGIC = {
    b"PK\x03\x04": ("zip", "a zip file (an Excel .xlsx workbook or a Word .docx document is one)"),
    b"\xd0\xcf\x11\xe0": ("ole", "an old Excel or Word file (.xls/.doc)"),
    b"%PDF": ("pdf", "a PDF document"),
    b"SQLite format 3\x00": ("sqlite", "an SQLite database"),
}
"""The first bytes of files that are not text: the kind (``check.binary_<kind>``) and
what the file is."""

# The messages of the problems a draft lesson has (see "drafts" in lesson.py);
# ``dokhae lesson status`` sorts the problems of ``dokhae check`` by them.
UNTRANSLATED_MESSAGE = "the Korean translation of this sentence is not written yet"
ENGLISH_UNTRANSLATED_MESSAGE = "the English translation of this sentence is not written yet"
TODO_MESSAGE = "not written yet (a [TODO] marker of the draft)"
STUB_MESSAGE = "draft question, not written yet"
EXAM_STUB_MESSAGE = "exam item stub, not written yet"
EMPTY_MESSAGE = "empty required value"


# --------------------------------------------------------------------------- text


def decode(path: Path, data: bytes, report: Report) -> str:
    """Decode a file's bytes to NFC text, telling the teacher what was done.

    UTF-8 with or without a byte-order mark is read silently. A file Excel saved in the
    Korean ANSI code page (CP949, a superset of EUC-KR) is read correctly with a warning.
    Decomposed Hangul (NFD, as macOS sometimes writes it) is normalised with a warning.
    """
    for magic, (kind, what) in _BINARY_MAGIC.items():
        if data.startswith(magic):
            report.error(
                path,
                None,
                "",
                f"this is {what}, not a text file",
                "save it as text: in Excel File > Save As > 'CSV UTF-8 (Comma delimited)'; "
                "in an editor, as UTF-8 text",
                key=f"binary_{kind}",
                fields={"fix_key": "binary"},
            )
            return ""
    data = data.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        report.error(
            path,
            None,
            "",
            "this is not a text file (it holds NUL bytes)",
            "give the text file itself (UTF-8); save it again as text if an editor made it",
            key="nul_bytes",
        )
        return ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        legacy = _decode_legacy(path, data, exc, report)
        if legacy is None:
            return ""
        text = legacy
    else:
        if _report_garbled(path, text, report):
            return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _drop_control_characters(path, text, report)
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        lines = [
            i
            for i, line in enumerate(text.split("\n"), 1)
            if unicodedata.normalize("NFC", line) != line
        ]
        shown = ", ".join(map(str, lines[:8])) + (", ..." if len(lines) > 8 else "")
        kind = (
            "decomposed Hangul (NFD)" if _DECOMPOSED_HANGUL.search(text) else "text not in NFC form"
        )
        report.warning(
            path,
            lines[0] if lines else None,
            "",
            f"{kind} on line(s) {shown}; dokhae read it as composed text (NFC)",
            "nothing is lost, but save the file again from an editor that writes composed "
            "Hangul (NFC) so that search and other tools match it too",
            key="not_nfc",
            fields={"lines": shown},
        )
    return nfc


def _drop_control_characters(path: Path, text: str, report: Report) -> str:
    """``text`` without control characters, each line that held one warned about (they
    come from copying out of a PDF or a word processor and cannot be seen on screen)."""
    if not _CONTROL.search(text):
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        found = _CONTROL.findall(line)
        if found:
            codes = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in found))
            column = line.index(found[0]) + 1
            report.warning(
                path,
                number,
                "",
                f"invisible control character {codes} (column {column}) "
                "removed; dokhae read the line without it",
                "delete it from the file (it came from a copy and paste); nothing else "
                "on the line is changed",
                key="control_character",
                fields={"codes": codes, "column": column},
            )
            lines[number - 1] = _CONTROL.sub("", line)
    return "\n".join(lines)


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
        if _report_garbled(path, text, report):
            return None
        if encoding == "cp949":
            report.warning(
                path,
                None,
                "",
                "saved as CP949/EUC-KR (Excel's Korean 'CSV' format), not UTF-8; dokhae read it correctly",
                "in Excel choose File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)' so every "
                "program reads the Korean the same way",
                key="cp949",
            )
        else:
            report.warning(
                path,
                None,
                "",
                f"saved in the {encoding} encoding, not UTF-8; dokhae read it as {encoding}",
                "save the file as UTF-8",
                key="other_encoding",
                fields={"encoding": encoding},
            )
        return text
    line = data[: exc.start].count(b"\n") + 1
    report.error(
        path,
        line,
        "",
        "the file is not UTF-8 text and its encoding could not be recognised",
        "save it as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')",
        key="unknown_encoding",
    )
    return None


# --------------------------------------------------------------------------- garbled Korean

_HANGUL = re.compile("[\uac00-\ud7a3]")
GARBLED_MESSAGE = (
    "this file was opened in the wrong encoding and saved again: its Korean is garbled"
)
"""The message of the error for a file whose UTF-8 Korean was read as CP949 and saved
(``dokhae check`` explains it in Korean and English)."""


def garbled_korean(text: str) -> tuple[str, str] | None:
    """An example ``(garbled, meant)`` when ``text`` is UTF-8 Korean that a program read as
    CP949 (Korean Excel opening a CSV without a byte-order mark: ``공백`` becomes
    ``怨듬갚``), whether it was then saved as CP949 or as UTF-8; None for a sound text.

    Encoding the text back to CP949 gives the original UTF-8 bytes. In a sound Korean text
    (UTF-8, or CP949 read as CP949) those bytes almost never form Hangul in UTF-8 (a
    CP949 Hangul syllable starts with a byte UTF-8 only allows inside a character); in a
    garbled one they do, except where the wrong reading lost a byte.
    """
    if text.isascii():
        return None
    restored = text.encode("cp949", errors="replace").decode("utf-8", errors="replace")
    recovered = len(_HANGUL.findall(restored))
    shown = sum(1 for c in text if not c.isascii())
    if recovered < 3 or recovered < 0.1 * shown:
        return None
    for word in re.findall(r"[^\x00-\x7f]+", text):
        meant = word.encode("cp949", errors="replace").decode("utf-8", errors="replace")
        if len(_HANGUL.findall(meant)) >= 2 and "\ufffd" not in meant:
            return word, meant
    return text[:12], restored[:8]


def _report_garbled(path: Path, text: str, report: Report) -> bool:
    """Report ``text`` of ``path`` as garbled Korean (one error with how to restore the
    file) instead of reading it; True when it was."""
    example = garbled_korean(text)
    if example is None:
        return False
    report.error(
        path,
        None,
        "",
        f"{GARBLED_MESSAGE} (for example {example[0]!r} instead of {example[1]!r}); "
        "dokhae did not read any further, so no error comes from its damaged text",
        restore_hint(path),
        key="garbled",
        fields={"example": example[0], "meant": example[1], **restore_fields(path)},
    )
    return True


def restore_fields(path: Path) -> dict[str, object]:
    """Where a damaged lesson file can come back from: ``folder`` (a git checkout holding
    it; "" for none), ``name`` and ``packaged`` (the copy installed with dokhae; "" for
    none), and ``fix_key``, the catalog text of :func:`restore_hint` that says it."""
    from .sources import shipped_root

    folder = Path(path).resolve().parent
    in_git = any((parent / ".git").exists() for parent in (folder, *folder.parents))
    packaged = shipped_root() / Path(path).parent.name / Path(path).name
    copied = packaged.is_file() and packaged.resolve() != Path(path).resolve()
    which = "_".join(w for w, on in (("git", in_git), ("packaged", copied)) if on) or "backup"
    return {
        "folder": str(folder) if in_git else "",
        "name": Path(path).name,
        "packaged": str(packaged) if copied else "",
        "fix_key": f"restore.{which}",
    }


def restore_hint(path: Path) -> str:
    """How to get a damaged lesson file back: from git in a checkout, from the copy
    installed with dokhae for a shipped lesson, else from a copy of your own."""
    where = restore_fields(path)
    steps = []
    if where["folder"]:
        steps.append(f'in {where["folder"]} run: git checkout -- "{where["name"]}"')
    if where["packaged"]:
        steps.append(f'copy the original over it: "{where["packaged"]}"')
    steps.append("or take it from your own copy or backup")
    return (
        "restore the file (" + "; ".join(steps) + "); then edit it in Excel after opening it "
        "as 'UTF-8' (Data > From Text/CSV > File origin 65001: Unicode (UTF-8)), or save it "
        "as 'CSV UTF-8 (Comma delimited)'"
    )


def read_text(path: Path, report: Report) -> str | None:
    """The NFC text of ``path``, or None (with an error) when it cannot be read."""
    data = read_bytes(
        path,
        report,
        missing_fix=f"create {path.name} (see docs/lesson-format.md)",
        missing_key="file_not_found",
    )
    if data is None:
        return None
    before = len(report.problems)
    text = decode(path, data, report)
    garbled = any(p.message.startswith(GARBLED_MESSAGE) for p in report.problems[before:])
    return None if garbled else text


def read_bytes(
    path: Path,
    report: Report,
    *,
    missing_fix: str,
    limit: int = MAX_FILE_BYTES,
    missing_key: str = "",
    missing_fields: Mapping[str, object] | None = None,
) -> bytes | None:
    """The bytes of ``path``, or None with an error that names the fix: missing, a folder,
    a symbolic link that loops, unreadable, or larger than ``limit`` (not read at all).
    ``missing_key`` names the catalog text of a missing file (filled with ``name`` and
    ``missing_fields``)."""
    fields = {"name": path.name, **(missing_fields or {})}
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        if path.is_symlink():
            report.error(
                path,
                None,
                "",
                "a symbolic link to a file that does not exist",
                "replace the link with the file itself",
                key="broken_link",
            )
        else:
            report.error(
                path, None, "", "file not found", missing_fix, key=missing_key, fields=fields
            )
        return None
    except IsADirectoryError:
        report.error(
            path,
            None,
            "",
            "this is a folder, not a file",
            "give the path of the file",
            key="is_folder",
        )
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            report.error(
                path,
                None,
                "",
                "a symbolic link that points back to itself (a loop)",
                "replace the link with the file itself",
                key="link_loop",
            )
        elif exc.errno == errno.ENAMETOOLONG:
            report.error(
                path,
                None,
                "",
                "the path is longer than the system allows",
                "give a shorter file or folder name",
                key="path_too_long",
            )
        else:
            report.error(
                path,
                None,
                "",
                f"cannot read the file: {exc.strerror}",
                "check that the file exists and that you may read it",
                key="unreadable",
                fields={"reason": exc.strerror},
            )
        return None
    if len(data) > limit:
        report.error(
            path,
            None,
            "",
            f"the file is larger than {limit // 1_000_000} MB, far more "
            "than a file of this kind holds; it was not read",
            "check that this is the right file",
            key="too_large",
            fields={"mb": limit // 1_000_000},
        )
        return None
    return data


# --------------------------------------------------------------------------- YAML


def load_yaml(path: Path, report: Report) -> tuple[Any, dict[tuple, int]] | None:
    """Parse a YAML file; return the data and the line of every node, keyed by its path."""
    text = read_text(path, report)
    if text is None:
        return None
    try:
        loader = _Loader(text)
    except yaml.YAMLError as exc:  # defensive: the text is already free of what the reader refuses
        _yaml_error(path, exc, report)
        return None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as exc:
        report.error(
            path, exc.mark.line + 1, "", exc.refused, exc.fix, key=exc.key, fields=exc.fields
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        report.error(
            path,
            line,
            "",
            f"YAML syntax error: {problem}",
            "check the indentation, the ':' after each key and the quotes on that line "
            "(a value containing ': ' or starting with a quote needs quotes around it)",
            key="yaml_syntax",
            fields={"problem": problem},
        )
        return None
    except yaml.YAMLError as exc:
        _yaml_error(path, exc, report)
        return None
    except ValueError as exc:  # a number of thousands of digits, a date out of range
        report.error(
            path,
            None,
            "",
            f"a value cannot be read ({str(exc).split(';')[0]})",
            "write the value as text in quotes, or correct it",
            key="unreadable_value",
            fields={"reason": str(exc).split(";")[0]},
        )
        return None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return data, lines


def _yaml_error(path: Path, exc: yaml.YAMLError, report: Report) -> None:
    report.error(
        path,
        None,
        "",
        f"YAML error: {exc}",
        "fix the YAML syntax",
        key="yaml_error",
        fields={"problem": exc},
    )


class _Refused(yaml.MarkedYAMLError):
    """YAML dokhae refuses on purpose (aliases, deep nesting), with the fix to give."""

    def __init__(self, problem: str, fix: str, mark: yaml.Mark, key: str, **fields: object) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.refused = problem  # as given, where the inherited attributes are optional
        self.mark = mark
        self.fix = fix
        self.key = key  # the catalog text (check.<key>), filled with ``fields``
        self.fields = fields


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing aliases and nesting deeper than :data:`MAX_YAML_DEPTH`.

    An alias (``*name``) repeats a node; nine lines of aliases to aliases make a billion
    nodes (the "billion laughs"), so a file with one is refused at its line. Lesson files
    never need them: write the value out again.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(
                f"YAML alias *{event.anchor} (a reference to &{event.anchor}): dokhae's "
                "files do not use anchors and aliases",
                f"write the value out where *{event.anchor} stands, and remove &{event.anchor}",
                event.start_mark,
                "yaml_alias",
                anchor=event.anchor,
            )
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise _Refused(
                    f"values nested more than {MAX_YAML_DEPTH} levels deep",
                    "check the indentation and the brackets of this part",
                    self.peek_event().start_mark,
                    "yaml_depth",
                    depth=MAX_YAML_DEPTH,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
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

_FIELD_FIXES = {
    # which text of the article a question tests (docs/lesson-format.md, Questions)
    ("literal_error", "tests"): (
        "write `tests: en` (the question tests the English article), `tests: ko` (the "
        "Korean text) or `tests: both` (either; the default)"
    ),
}


def _error_fields(err: Mapping[str, Any], last: str) -> dict[str, object]:
    """What fills the catalog text of a pydantic error (``check.pydantic.<type>``): the
    field's name (``last``) and the error's context (``ge``, ``expected``...), as text;
    the allowed values of a literal listed with commas (``'a', 'b', 'c'``)."""
    fields: dict[str, object] = {"last": last}
    for name, value in (err.get("ctx") or {}).items():
        fields[name] = f"{value:g}" if isinstance(value, float) else str(value)
    if "expected" in fields:
        fields["expected"] = str(fields["expected"]).replace(" or ", ", ")
    return fields


def report_validation_error(
    exc: ValidationError,
    data: Any,
    report: Report,
    path: Path,
    line_of: LineOf,
    field_prefix: str = "",
    empty_fixes: Mapping[str, str] | None = None,
    empty_keys: Mapping[str, str] | None = None,
    empty_fields: Mapping[str, object] | None = None,
) -> None:
    """Turn every pydantic error into a Problem with file, line, field, value and fix.

    ``empty_fixes`` tells, per field name, what to write in a field left empty (a draft's
    glossary cells); other fields get the general fix of the error's kind. Each problem
    names its text in the catalogs by the error's type (``check.pydantic.<type>``, filled
    with the error's context); an empty field's fix from ``empty_fixes`` is
    ``check.<empty_keys[field]>.fix`` filled with ``empty_fields``.
    """
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        data_loc = _data_path(data, loc)
        missing = err["type"] == "missing"
        field_loc = loc if missing else data_loc or loc
        last = str(field_loc[-1]) if field_loc else ""
        message = err["msg"]
        fix = _FIELD_FIXES.get((err["type"], last)) or _FIXES.get(
            err["type"], "correct the value as the message says"
        ).format(last=last)
        key = f"pydantic.{err['type']}"
        fields = _error_fields(err, last)
        empty = (
            not missing
            and err.get("input") in ("", (), [])
            and err["type"] in ("string_too_short", "too_short", "literal_error")
        )
        if empty:
            message = EMPTY_MESSAGE
            fields["fix_key"] = key
            key = "empty"
            if err["type"] == "literal_error":
                fix = f"fill in `{last}` with one of the allowed values"
                fields["fix_key"] = "empty_choice"
        elif missing:
            message = "required but missing"
        elif err["type"] == "extra_forbidden":
            message = "unknown field"
        if (empty or missing) and empty_fixes and last in empty_fixes:
            fix = f"fill in `{last}`: {empty_fixes[last]}"
            fields.update(empty_fields or {})
            fields["fix_key"] = (empty_keys or {}).get(last, "")
        value = None if missing or empty else err.get("input")
        if isinstance(value, (dict, list)):
            value = None
        report.error(
            path,
            line_of(data_loc),
            field_prefix + _field_name(field_loc),
            message,
            fix,
            value,
            key=key,
            fields=fields,
        )


def counted_rows(
    reader: Any, width: int, report: Report, path: Path, fix: str, *, key: str
) -> Iterator[tuple[int, list[str]]]:
    """The rows of a ``csv.reader`` after its header, each with the line it starts on
    (a quoted cell may span lines); blank rows are skipped, and a row with another number
    of cells than ``width`` (the header's) is reported with ``fix`` (catalog ``key``) and
    skipped. A row the csv module cannot read (a cell over its size limit) is reported
    with its line and ends the rows: the rows before it are kept."""
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a cell over the csv module's limit, a NUL byte …
            report.error(
                path,
                line,
                "",
                f"the CSV cannot be read from this line on ({exc})",
                "a cell is far too long or a quote is not closed: repair this line, or save "
                "the file again from the spreadsheet as CSV UTF-8",
                key="csv_unreadable",
                fields={"reason": exc},
            )
            return
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            report.error(
                path,
                start,
                "",
                f"the row has {len(row)} cells but the header has {width}",
                fix,
                key=key,
                fields={"cells": len(row), "header": width},
            )
            continue
        yield start, row


def validate_model(
    model: type[BaseModel],
    data: Any,
    report: Report,
    path: Path,
    line_of: LineOf,
    field_prefix: str = "",
    *,
    skip: frozenset[str] = frozenset(),
    empty_fixes: Mapping[str, str] | None = None,
    empty_keys: Mapping[str, str] | None = None,
    empty_fields: Mapping[str, object] | None = None,
) -> Any:
    """Validate ``data``; report every error except those on the fields in ``skip`` (and
    inside them), which were reported already (draft markers). ``empty_*``: see
    :func:`report_validation_error`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found = Report(root=report.root)
        report_validation_error(
            exc, data, found, path, line_of, field_prefix, empty_fixes, empty_keys, empty_fields
        )
        for problem in found.problems:
            if not any(
                problem.field == f or problem.field.startswith((f + ".", f + "[")) for f in skip
            ):
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


_TODO_FIX = "replace the marker with {what}"


def report_todos(
    data: Any,
    report: Report,
    path: Path,
    line_of: LineOf,
    field_prefix: str = "",
    *,
    fix: str = _TODO_FIX,
) -> frozenset[str]:
    """Report every ``[TODO: ...]`` marker left in ``data``; return the fields holding one."""
    fields = set()
    for loc, text in _leaves(data):
        marker = todo_marker(text)
        if marker is None:
            continue
        name = field_prefix + _field_name(loc)
        fields.add(name)
        what = todo_what(marker)
        report.error(
            path,
            line_of(loc),
            name,
            TODO_MESSAGE,
            fix.format(what=what),
            marker,
            key="todo" if fix == _TODO_FIX else "",
            fields={"what": what},
        )
    return frozenset(fields)


def check_schema_version(
    data: Any,
    report: Report,
    path: Path,
    lines: dict[tuple, int],
    reads: tuple[int, ...] = (SCHEMA_VERSION,),
) -> bool:
    """Is ``data`` a mapping of a ``schema_version`` in ``reads`` (the last one is current)?"""
    current = reads[-1]
    if not isinstance(data, dict):
        report.error(
            path,
            1,
            "",
            "the file must be a YAML mapping (key: value lines)",
            f"start the file with `schema_version: {current}`",
            key="not_mapping",
            fields={"current": current},
        )
        return False
    version = data.get("schema_version")
    if version not in reads or isinstance(version, bool):
        said = " or ".join(str(v) for v in reads)
        report.error(
            path,
            lines.get(("schema_version",), 1),
            "schema_version",
            "missing" if version is None else f"this dokhae reads version {said}",
            f"set `schema_version: {current}` (and update the file to that format)",
            version,
            key="schema_version_missing" if version is None else "schema_version",
            fields={"current": current, "said": said, "fix_key": "schema_version"},
        )
        return False
    return True
