"""``dokhae lesson forms``: precompute where the glossary's words occur, after the teacher's glosses.

The student's views find glossary words in both texts from the forms stored in the
glossary (``forms``, ``ko_forms``; see :mod:`dokhae.terms`), so a notebook never loads a
language analyser. Once the teacher has written the Korean glosses (``ko``),
:func:`compute_forms` fills, in ``glossary/<slug>.csv``, what a machine can derive:

* ``ko_forms``: where the Korean equivalents occur in article.ko.md, particles and endings
  stripped (협력에 → 협력), found with the Korean analyser;
* ``romanization``: the Revised Romanization of the main Korean equivalent;
* ``pronunciation``: a draft of its standard pronunciation in Hangul ([정녜] for 정례), for
  the rows learners of Korean read (audience ``ko``/``both``) where it differs from the
  spelling; the rules leave out some tensification and ㄴ-insertion (see
  :func:`~dokhae.authoring.korean.pronounce`), so the teacher checks it;
* ``example_ko``: the Korean of the entry's sentence, once that sentence is translated;
  ``example_en`` likewise, in a lesson drafted from a Korean article;
* ``forms``: the English forms of a headword as they occur in article.en.md, for rows the
  teacher added with a headword only;
* ``level`` and ``level_source``, both empty, when the CEFR lists know the headword.

Only empty cells are filled. A cell the teacher wrote is kept, and when the machine would
write something else the result says so (``kept``); ``overwrite=True`` replaces it and the
result lists each replacement. Then the vocabulary matching stub of the exercises, if it is
still there, gets its pairs (headword ↔ main Korean equivalent; for the Korean terms of a
lesson drafted from a Korean article, Korean word ↔ English headword), the sentences they come
from and an explanation naming them, and loses its ``todo:``; its prompt and hint stay.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import i18n
from ..lesson import STUB_KEY, todo_marker
from ..loading import content_root, decode, parse_article_text, read_text
from ..problems import Report, did_you_mean
from ..romanization import comparable
from ..spreadsheet import write_text_for_excel
from ..validation import form_pattern, listed_level
from .draft import MATCHING_ID, AuthoringError, dump_questions, lesson_paths, matching_item

__all__ = [
    "FILLED_BY_FORMS",
    "FormChange",
    "FormsResult",
    "compute_forms",
    "english_forms",
    "stale_cells",
]

FILLED_BY_FORMS = (
    "romanization",
    "pronunciation",
    "ko_forms",
    "example_ko",
    "example_en",
    "forms",
    "level",
    "level_source",
)
"""The glossary cells :func:`compute_forms` fills: a teacher writes ``ko`` and ``definition``
(and, for a Korean term, the English ``headword``), not these."""
REFRESHED = ("romanization", "pronunciation", "ko_forms", "forms")
"""The cells a refresh of a row (``rows=``) computes again: those that follow from its
gloss and headword. (The examples and level follow from the sentence and the lists; an
empty one is filled as usual.)"""


@dataclass(frozen=True)
class FormChange:
    """One cell filled, kept or replaced."""

    action: str  # "filled", "kept" (the teacher's text stays; the machine differs) or "replaced"
    file: str
    line: int
    entry: str  # the glossary row's id
    field: str
    old: str
    new: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}  {self.entry}.{self.field}"
        if self.action == "filled":
            return f"{where}: filled in {self.new!r}"
        if self.action == "kept":
            return (
                f"{where}: kept your {self.old!r} (dokhae would write {self.new!r}; "
                "--overwrite replaces it)"
            )
        return f"{where}: replaced {self.old!r} with {self.new!r}"


@dataclass(frozen=True)
class FormsResult:
    """What :func:`compute_forms` did."""

    slug: str
    changes: tuple[FormChange, ...]
    waiting: tuple[str, ...]  # rows without a Korean gloss yet ("file:line id")
    matching: str | None  # what happened to the vocabulary matching stub
    written: tuple[Path, ...]
    notes: tuple[str, ...] = ()

    def of(self, action: str) -> list[FormChange]:
        return [c for c in self.changes if c.action == action]


# --------------------------------------------------------------------------- English forms


def english_forms(headword: str, text: str) -> tuple[str, ...]:
    """The forms of ``headword`` that occur in ``text`` (whole words, case ignored), as
    written there: ``resume`` → ``("resumed", "resume")`` in the order they first occur.

    Inflections come from lemminflect (for a phrase, of its first word: ``beef up`` →
    ``beefed up``); a word it does not know gets the regular ones (``steelmakers``).
    """
    words = headword.split()
    if not words:
        return ()
    variants = {headword}
    try:
        from lemminflect import getAllInflections, getAllInflectionsOOV
    except ImportError:  # pragma: no cover - the author extra is installed with the CLI's commands
        getAllInflections = None
    if getAllInflections is not None:
        word = words[0].lower()
        # a word lemminflect does not know (steelmaker): its regular forms, as a noun or a verb;
        # only those that occur in the text are kept
        inflections = getAllInflections(word) or {
            **getAllInflectionsOOV(word, "NOUN"),
            **getAllInflectionsOOV(word, "VERB"),
        }
        for forms in inflections.values():
            for form in forms:
                variants.add(" ".join([form, *words[1:]]))
    found: list[tuple[int, str]] = []
    for variant in variants:
        m = form_pattern(variant).search(text)
        if m:
            found.append((m.start(), m.group(0)))
    return tuple(dict.fromkeys(form for _, form in sorted(found)))


# --------------------------------------------------------------------------- the analysers


def _korean_tools():
    try:
        from .korean import korean_forms, pronounce, romanize
    except ImportError as exc:
        raise AuthoringError(
            f"`dokhae lesson forms` needs the Korean analyser: pip install 'dokhae[author]' ({exc})"
        ) from None
    return korean_forms, romanize, pronounce


# --------------------------------------------------------------------------- the glossary


def _split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def _article(path: Path) -> dict[str, str]:
    report = Report()
    text = read_text(path, report)
    if text is None:
        fix = report.errors[0].fix if report.errors else "check the file"
        raise AuthoringError(f"{path}: cannot read the file; {fix}")
    parsed = parse_article_text(path, text, Report())
    return {sid: sentence for block in parsed.paragraphs for sid, sentence, _ in block}


def _read_glossary(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]], dict]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AuthoringError(
            f"{path}: file not found; make the lesson with `dokhae lesson new`"
        ) from None
    report = Report()
    text = decode(path, data, report)
    if report.errors:
        raise AuthoringError(f"{path}: {report.errors[0].message}; {report.errors[0].fix}")
    style = {
        "bom": data.startswith(codecs.BOM_UTF8),
        "newline": "\r\n" if b"\r\n" in data else "\n",
        "reencoded": any("CP949" in w.message or "encoding" in w.message for w in report.warnings),
    }
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise AuthoringError(f"{path}: the file is empty; start with the header row") from None
    rows = []
    line = reader.line_num + 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            rows.append(
                (start, {name: (row[i] if i < len(row) else "") for i, name in enumerate(header)})
            )
    except csv.Error as exc:  # a cell over the csv module's limit: `dokhae check` reports it
        raise AuthoringError(
            f"{path}:{line}: the CSV cannot be read from this line on ({exc})"
        ) from None
    return header, rows, style


def _write_glossary(
    path: Path, header: list[str], rows: list[tuple[int, dict[str, str]]], style: dict
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=style["newline"])
    writer.writerow(header)
    for _, row in rows:
        writer.writerow([row.get(name, "") for name in header])
    write_text_for_excel(path, out.getvalue())  # UTF-8 with a BOM, for Korean Excel


def compute_forms(
    slug: str,
    root: Path | str | None = None,
    *,
    overwrite: bool = False,
    rows: Sequence[str] = (),
) -> FormsResult:
    """Fill the derived glossary cells of lesson ``slug`` and its vocabulary matching.

    ``rows`` (ids or headwords, case ignored): refresh only these glossary rows, computing
    again the cells of theirs that follow from the gloss and headword (:data:`REFRESHED`:
    after a changed gloss, the romanization and ko_forms); the other rows are left alone. The Hanja is the teacher's: it is kept,
    and the result notes it for checking.

    Raises:
        AuthoringError: the lesson's files are missing or unreadable, a row of ``rows`` is
            not in the glossary, or the author extra is not installed.
    """
    root = content_root() if root is None else Path(root)
    paths = lesson_paths(root, slug)
    if not paths["meta"].parent.is_dir():
        raise AuthoringError(
            f"no lesson {slug!r} under {root / 'articles'}; make one with "
            f"`dokhae lesson new {slug} --from <article.txt>`"
        )
    order = list(_article(paths["en"]))
    # sentences still to translate hold a [TODO] marker (article.ko.md, or article.en.md in a
    # lesson drafted from a Korean article): nothing is taken from them
    english = {
        sid: text for sid, text in _article(paths["en"]).items() if todo_marker(text) is None
    }
    korean = {sid: text for sid, text in _article(paths["ko"]).items() if todo_marker(text) is None}
    english_text = "\n".join(english.values())
    header, table, style = _read_glossary(paths["glossary"])
    chosen = _chosen_rows(table, rows, f"glossary/{slug}.csv")
    for column in (
        "forms",
        "ko_forms",
        "romanization",
        "pronunciation",
        "example_en",
        "example_ko",
        "level",
        "level_source",
    ):
        if column not in header:
            header.append(column)
    korean_forms, romanize, pronounce = _korean_tools()
    ko_sentences = list(korean.items())
    file = f"glossary/{slug}.csv"
    changes: list[FormChange] = []
    waiting: list[str] = []

    def offer(line: int, row: dict[str, str], name: str, value: str) -> None:
        old = (row.get(name) or "").strip()
        entry = (row.get("id") or row.get("headword") or "?").strip()
        if not value or value == old:
            return
        if name == "pronunciation" and old.split("/")[0].rstrip("]") == value.rstrip("]"):
            return  # the draft, with an allowed second pronunciation the teacher added
        if not old:
            row[name] = value
            changes.append(FormChange("filled", file, line, entry, name, old, value))
        elif overwrite:
            row[name] = value
            changes.append(FormChange("replaced", file, line, entry, name, old, value))
        else:
            changes.append(FormChange("kept", file, line, entry, name, old, value))

    notes: list[str] = []
    for line, row in table:
        if not any((v or "").strip() for v in row.values()):
            continue
        if chosen and line not in chosen:
            continue
        if chosen and (row.get("pos") or "").strip() != "grammar":
            for name in REFRESHED:  # computed afresh from the row's gloss and headword
                row[f"_was_{name}"] = row.get(name) or ""
                row[name] = ""
        headword = (row.get("headword") or "").strip()
        if headword and not (row.get("forms") or "").strip():
            offer(line, row, "forms", "; ".join(english_forms(headword, english_text)))
        pos = (row.get("pos") or "").strip()
        no_level = (
            not (row.get("level") or "").strip() and not (row.get("level_source") or "").strip()
        )
        if headword and pos and no_level:
            listed = listed_level(headword, pos)
            if listed:
                offer(line, row, "level", listed[0])
                offer(line, row, "level_source", listed[1])
        sid = (row.get("sentence_id") or "").strip()
        if sid in korean and not (row.get("example_ko") or "").strip():
            offer(line, row, "example_ko", korean[sid])
        if sid in english and not (row.get("example_en") or "").strip():
            offer(line, row, "example_en", english[sid])
        if pos == "grammar":
            continue  # a grammar pattern's romanization and text are written, not computed
        ko = [k for k in _split(row.get("ko", "")) if todo_marker(k) is None]
        if not ko:
            waiting.append(f"{file}:{line} {(row.get('id') or headword or '?').strip()}")
            continue
        offer(line, row, "romanization", romanize(ko[0]))
        if (row.get("audience") or "both").strip() in ("ko", "both"):
            offer(line, row, "pronunciation", pronounce(ko[0]))
        if ko_sentences:
            # abbreviations in Latin letters (CBAM, EU) stand in the Korean text as they are
            latin = [
                f for f in _split(row.get("forms", "")) if re.fullmatch(r"[A-Z][A-Z0-9&.-]+", f)
            ]
            # a form another row glosses is that row's (배출량 has a row of its own, so it
            # is not also a form of *emission*); a grammar pattern standing on a word (the
            # headline's noun ending on 재개) leaves the word to its row
            others = {
                f
                for other_line, other in table
                if other_line != line and (other.get("pos") or "").strip() != "grammar"
                for f in _split(other.get("ko_forms") or "")
            }
            found = [f for f in korean_forms((*ko, *latin), ko_sentences) if f not in others]
            offer(line, row, "ko_forms", "; ".join(found))

    if chosen:
        changes = _refreshed(changes, table, chosen, file)
        notes += [
            f"{file}:{line} {(row.get('id') or '?').strip()}: kept the Hanja "
            f"{row['hanja'].strip()!r}; dokhae does not write Hanja, check it against "
            f"the gloss {row.get('ko', '').strip()!r}"
            for line, row in table
            if line in chosen and (row.get("hanja") or "").strip()
        ]
    drafted = [c for c in changes if c.field == "pronunciation" and c.action != "kept"]
    if drafted:
        notes.append(
            f"{file}: {len(drafted)} pronunciation(s) drafted by rule "
            f"({', '.join(c.entry for c in drafted)}): check each; the rules leave out "
            "tensification after ㄴ/ㅁ/ㄹ and in compounds (평가 [평까], 여건 [여껀]) and "
            "most ㄴ-insertion (docs/lesson-format.md)"
        )
    written: list[Path] = []
    if any(c.action in ("filled", "replaced") for c in changes):
        _write_glossary(paths["glossary"], header, table, style)
        written.append(paths["glossary"])
        if style["reencoded"]:
            notes.append(
                f"{file} was not UTF-8; it is saved as UTF-8 now (Excel opens it as before)"
            )
    matching = _fill_matching(paths["exercises"], [row for _, row in table], order)
    if matching is not None and matching.startswith("wrote"):
        written.append(paths["exercises"])
    return FormsResult(
        slug=slug,
        changes=tuple(changes),
        waiting=tuple(waiting),
        matching=matching,
        written=tuple(written),
        notes=tuple(notes),
    )


def _chosen_rows(
    table: list[tuple[int, dict[str, str]]], wanted: Sequence[str], file: str
) -> set[int]:
    """The lines of the rows named in ``wanted`` (by id or headword, case ignored)."""
    lines: set[int] = set()
    for name in wanted:
        key = name.strip().casefold()
        found = {
            line
            for line, row in table
            if key
            in (
                (row.get("id") or "").strip().casefold(),
                (row.get("headword") or "").strip().casefold(),
            )
        }
        if not found:
            known = [
                (row.get("id") or "").strip() for _, row in table if (row.get("id") or "").strip()
            ]
            raise AuthoringError(
                f"{file}: no row {name!r} (give a row's id or headword).{did_you_mean(name, known)}"
            )
        lines |= found
    return lines


def _refreshed(
    changes: list[FormChange],
    table: list[tuple[int, dict[str, str]]],
    chosen: set[int],
    file: str,
) -> list[FormChange]:
    """The changes of a refresh (``rows=``) as they are to the teacher: a cell whose value
    stays is no change, one with a new value is replaced, a cell dokhae no longer fills
    (no Korean sentence holds the new gloss) is emptied."""
    out = []
    for line, row in table:
        if line not in chosen:
            continue
        entry = (row.get("id") or row.get("headword") or "?").strip()
        for name in REFRESHED:
            if f"_was_{name}" not in row:
                continue
            was, now = row.pop(f"_was_{name}").strip(), (row.get(name) or "").strip()
            if was == now:
                continue
            action = "filled" if not was else "replaced"
            out.append(FormChange(action, file, line, entry, name, was, now))
    return out + [c for c in changes if c.field not in REFRESHED]


def stale_cells(root: Path | str, slug: str, report: Report) -> None:
    """Warn, in ``report``, about glossary rows whose romanization or Hanja was written for
    another Korean gloss (the teacher changed ``ko`` after ``dokhae lesson forms`` ran):
    the romanization is not one :func:`~dokhae.authoring.korean.romanize` gives the main
    equivalent, or the Hanja of a plain noun has another number of characters than the
    noun has syllables (공백기 with 空白). Loads koroman (a dependency of dokhae), not the
    analyser, so the romanization is checked without the author extra."""
    path = lesson_paths(Path(root), slug)["glossary"]
    try:
        _, table, _ = _read_glossary(path)
    except AuthoringError:
        return  # dokhae check reports an unreadable glossary
    from .korean import romanizations

    fix = f"run `dokhae lesson forms {slug} --row {{row}}` to refresh the row's computed cells"
    for line, row in table:
        ko = [k for k in _split(row.get("ko", "")) if todo_marker(k) is None]
        if not ko or (row.get("pos") or "").strip() == "grammar":
            continue  # a grammar pattern (-다고 밝히다) is notation, not one word to romanize
        entry = (row.get("id") or row.get("headword") or "?").strip()
        romanization = (row.get("romanization") or "").strip()
        if (
            romanization
            and todo_marker(romanization) is None
            and comparable(romanization) not in {comparable(r) for r in romanizations(ko[0])}
        ):
            report.warning(
                path,
                line,
                "romanization",
                f"{romanization!r} is not the romanization of the Korean gloss {ko[0]!r}: "
                "was the gloss (ko) changed?",
                fix.format(row=entry),
                romanization,
                key="romanization_stale",
                fields={
                    "romanization": repr(romanization),
                    "ko": repr(ko[0]),
                    "slug": slug,
                    "row": entry,
                },
            )
        hanja = (row.get("hanja") or "").strip()
        noun = ko[0]
        if hanja and _plain_noun(noun) and _ideographs(hanja) != len(noun):
            report.warning(
                path,
                line,
                "hanja",
                f"the Hanja {hanja!r} has {_ideographs(hanja)} characters, the Korean gloss "
                f"{noun!r} {len(noun)} syllables: was the gloss (ko) changed?",
                "correct the Hanja for the new gloss (dokhae does not write Hanja), or empty the cell",
                hanja,
                key="hanja_stale",
                fields={
                    "hanja": repr(hanja),
                    "characters": _ideographs(hanja),
                    "ko": repr(noun),
                    "syllables": len(noun),
                },
            )


_ENDINGS = ("하다", "되다", "이다", "하는", "한", "의", "으로", "로", "에", "적", "히", "하게")


def _plain_noun(word: str) -> bool:
    """A gloss of Hangul syllables only, without an ending (공백기, not 재개하다 or 최근의)."""
    return (
        len(word) >= 2
        and all("\uac00" <= c <= "\ud7a3" for c in word)
        and not word.endswith(_ENDINGS)
    )


def _ideographs(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")


# --------------------------------------------------------------------------- the matching stub


def _fill_matching(path: Path, rows: Sequence[dict[str, str]], order: Sequence[str]) -> str | None:
    """Replace the vocabulary matching stub by the pairs from the glossary.

    Returns what happened (None when there is no stub: the teacher wrote or removed it).
    Only the lines of that question change; the rest of the file stays as it is.
    """
    text = read_text(path, Report())
    if text is None:
        return None
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return f"left {path.name} alone: it has a YAML error (dokhae check shows where)"
    if not isinstance(root, yaml.MappingNode):
        return None
    questions = next((v for k, v in root.value if getattr(k, "value", None) == "questions"), None)
    if not isinstance(questions, yaml.SequenceNode):
        return None
    for node in questions.value:
        if not isinstance(node, yaml.MappingNode):
            continue
        keys = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        if getattr(keys.get("id"), "value", None) != MATCHING_ID or STUB_KEY not in keys:
            continue
        stub = yaml.safe_load(yaml.serialize(node)) or {}
        # the direction the draft gave the stub (its prompt), unless the teacher rewrote it
        prompt = (
            (stub.get("prompt") or {}).get("en") if isinstance(stub.get("prompt"), dict) else None
        )
        language = {
            i18n.t("authoring.matching_prompt", "en"): "en",
            i18n.t("authoring.matching_prompt_ko", "en"): "ko",
        }.get(prompt or "")
        item = matching_item(rows, order=order, language=language)
        if item is None:
            return (
                "the vocabulary matching waits for at least two glossary rows with both a "
                "Korean gloss (ko) and an English headword"
                if language == "ko"
                else "the vocabulary matching waits for at least two glossary rows with a Korean "
                "gloss (ko)"
            )
        for name in ("prompt", "hint", "points"):  # what the teacher may have written stays
            if stub.get(name):
                item[name] = stub[name]
        return _replace_item(path, text, node, item)
    return None


def _replace_item(path: Path, text: str, node: yaml.MappingNode, item: dict) -> str:
    lines = text.split("\n")
    start = node.start_mark.line
    end = text.count("\n", 0, node.end_mark.index)
    if node.end_mark.index >= len(text) and not text.endswith("\n"):
        end += 1
    while end > start + 1 and (
        not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
    ):
        end -= 1  # blank lines and comments belong to what follows
    indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    dash = lines[start].index("-") if lines[start].lstrip().startswith("-") else max(indent - 2, 0)
    new = dump_questions([item], indent=dash).rstrip("\n").split("\n")
    lines[start:end] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return (
        f"wrote {len(item['pairs'])} pairs, with their sentences and explanation, into the "
        f"vocabulary matching ({MATCHING_ID}) of {path.name}"
    )
