"""Hanja character by character: each character's 훈 (the Korean word for its meaning),
음 (its reading) and a short English meaning, for learners of Korean (再 다시 재 "again").

The characters are not a lesson's: they live once, in ``dokhae/data/hanja.csv`` inside
the package (so the wheel ships them), hand-curated from the standard 훈음 of Korean
Hanja dictionaries and the 교육용 기초한자 (:data:`COLUMNS`; docs/lesson-format.md). A
character may have a row per reading (易 바꿀 역, 쉬울 이). A teacher's own lessons may
need characters the shipped data lack: ``hanja.csv`` in the content folder, beside
``glossary/`` (:data:`OWN_FILE`), has the same columns and is read after the shipped one,
its row winning for the same character and reading (:func:`content_table`).

What this module does with them, free of widgets:

* :func:`align`: which syllable of a glossary row's Korean word each Hanja character
  stands for (再開 → 재개 in 재개하다; 兩國間 → 양국간), allowing 두음법칙 (:func:`dueum`)
  and a native part of the word the Hanja does not cover (-하다, -되다, -의, 가장 …);
* :func:`characters`: the characters of a row with the reading its word uses;
* :func:`related_words`: the other words of the lesson sharing a character (協: 협회);
* :func:`check_glossary` / :func:`check_lessons`: what ``dokhae check`` says about the
  Hanja of a glossary (a character missing from the data; a character whose reading is
  not the word's syllable: a wrong character or a misaligned compound), in the command's
  language from the catalog.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from . import i18n
from .files import LineOf, counted_rows, read_text, validate_model
from .lesson import GlossaryEntry, todo_marker
from .loading import load_glossary
from .problems import Report
from .sources import Sources, content_root, shipped_root

__all__ = [
    "COLUMNS",
    "OWN_FILE",
    "Character",
    "HanjaReading",
    "HanjaTable",
    "align",
    "characters",
    "check_glossary",
    "check_lessons",
    "content_table",
    "data_path",
    "dueum",
    "ideographs",
    "merged",
    "own_path",
    "read_table",
    "related_words",
    "shipped_table",
]

COLUMNS = ("hanja", "hun", "eum", "meaning", "unsure")
"""The columns of ``hanja.csv``: the character, its 훈 (다시), its 음 as the dictionary
gives it (재; 력, not 역), a short English meaning, and, when the 훈 is not certain, what
is uncertain (empty when it follows the standard dictionaries)."""

OWN_FILE = "hanja.csv"
"""A teacher's own Hanja data: ``<content folder>/hanja.csv``, beside ``glossary/``, with
the columns of the shipped file (:data:`COLUMNS`)."""

_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_IDEOGRAPHS = re.compile(f"[{_IDEOGRAPH}]")
_SYLLABLE = re.compile("[\uac00-\ud7a3]")


class HanjaReading(BaseModel):
    """One row of ``hanja.csv``: a character with one of its readings."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    hanja: str = Field(pattern=f"^[{_IDEOGRAPH}]$", description="one Hanja character")
    hun: str = Field(
        pattern=r"^[가-힣]+(?:[ ,]+[가-힣]+)*$", description="the Korean meaning word: 다시"
    )
    eum: str = Field(pattern=r"^[가-힣]$", description="the reading, one syllable: 재")
    meaning: str = Field(min_length=1, description="a short English meaning: again")
    unsure: str = Field(default="", description="what is uncertain about the 훈; empty if none")

    @property
    def hun_eum(self) -> str:
        """``다시 재``: how a Korean dictionary names the character."""
        return f"{self.hun} {self.eum}"


@dataclass(frozen=True)
class HanjaTable:
    """The readings of every character of ``hanja.csv``, in the file's order."""

    path: Path
    readings: Mapping[str, tuple[HanjaReading, ...]] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)

    def __contains__(self, char: object) -> bool:
        return char in self.readings

    def get(self, char: str) -> tuple[HanjaReading, ...]:
        """The readings of ``char``; empty when the data do not have it."""
        return self.readings.get(char, ())


def data_path() -> Path:
    """Where the shipped ``hanja.csv`` is (in a checkout: ``src/dokhae/data/hanja.csv``)."""
    return Path(str(resources.files("dokhae") / "data" / "hanja.csv"))


def read_table(path: Path, report: Report) -> HanjaTable:
    """Read and validate ``path`` (a ``hanja.csv``), each problem in ``report`` with its
    line and the fix; the rows that are valid are kept, so one bad row hides nothing."""
    table = HanjaTable(path=path)
    text = read_text(path, report)
    if text is None:
        return table
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    if header != list(COLUMNS):
        report.error(
            path,
            1,
            "",
            f"the header row must be {','.join(COLUMNS)}",
            "start the file with that header row (see docs/lesson-format.md, 'Hanja')",
            ",".join(header)[:80],
            key="hanja_header",
            fields={"columns": ",".join(COLUMNS)},
        )
        return table
    readings: dict[str, list[HanjaReading]] = {}
    lines: dict[str, int] = {}
    fix = "check for a stray comma; quote a meaning that contains commas"
    for start, row in counted_rows(reader, len(COLUMNS), report, path, fix, key="hanja_row_cells"):
        record = dict(zip(COLUMNS, row))
        reading = validate_model(HanjaReading, record, report, path, _on_line(start))
        if reading is None:
            continue
        same = [r for r in readings.get(reading.hanja, []) if r.eum == reading.eum]
        if same:
            report.error(
                path,
                start,
                "hanja",
                f"{reading.hanja} {reading.eum} has a row already (line {lines[reading.hanja]})",
                "keep one row per character and reading; join the meanings or delete one",
                reading.hanja,
                key="hanja_twice",
                fields={"hanja": reading.hanja, "eum": reading.eum, "first": lines[reading.hanja]},
            )
            continue
        readings.setdefault(reading.hanja, []).append(reading)
        lines.setdefault(reading.hanja, start)
    return HanjaTable(path, {c: tuple(r) for c, r in readings.items()}, lines)


def _on_line(line: int) -> LineOf:
    """Every value of a CSV row is on the row's line."""
    return lambda loc: line


@lru_cache(maxsize=1)
def shipped_table() -> HanjaTable:
    """The shipped data, read once. A damaged row is left out (``dokhae check`` names it):
    the gloss then shows that character without its 훈음, never an error."""
    return read_table(data_path(), Report())


def merged(shipped: HanjaTable, own: HanjaTable) -> HanjaTable:
    """``shipped`` with the teacher's ``own`` rows read after it: a row of ``own`` takes
    the place of the shipped row of the same character and reading, and adds a character
    or a reading the shipped data lack. The table's ``path`` is the teacher's file (where
    a missing character is to be added)."""
    readings = {char: list(rows) for char, rows in shipped.readings.items()}
    for char, rows in own.readings.items():
        kept = readings.setdefault(char, [])
        for reading in rows:
            same = [n for n, r in enumerate(kept) if r.eum == reading.eum]
            if same:
                kept[same[0]] = reading
            else:
                kept.append(reading)
    return HanjaTable(
        own.path,
        {char: tuple(rows) for char, rows in readings.items()},
        {**shipped.lines, **own.lines},
    )


def own_path(root: Path) -> Path:
    """Where the teacher's own Hanja data of the content folder ``root`` are (or would
    be): ``<root>/hanja.csv``."""
    return root / OWN_FILE


def content_table(root: Path | None = None) -> HanjaTable:
    """The Hanja data of the lessons in ``root`` (default: the content folder the
    notebooks use): the shipped data, with the teacher's ``hanja.csv`` of that folder
    when there is one (:func:`merged`). Damaged rows are left out, as in
    :func:`shipped_table`; the file is read again when it changes."""
    path = own_path(content_root() if root is None else root)
    if not path.is_file():
        return shipped_table()
    stat = path.stat()
    return _content_table(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _content_table(path: Path, mtime_ns: int, size: int) -> HanjaTable:
    return merged(shipped_table(), read_table(path, Report()))


# --------------------------------------------------------------------------- readings

_CHO_N, _CHO_R, _CHO_O = 2, 5, 11  # the initials ㄴ, ㄹ, ㅇ
_Y_VOWELS = frozenset({2, 3, 6, 7, 12, 17, 20})  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ


def dueum(syllable: str) -> str:
    """The syllable under 두음법칙 (the initial-sound rule): ㄹ before ㅑㅕㅖㅛㅠㅣ and ㄴ
    before them become ㅇ (력 → 역, 례 → 예, 녀 → 여), ㄹ before the other vowels becomes ㄴ
    (론 → 논, 로 → 노); any other syllable is returned as it is."""
    if not _SYLLABLE.fullmatch(syllable):
        return syllable
    code = ord(syllable) - 0xAC00
    initial, vowel, final = code // 588, code // 28 % 21, code % 28
    if initial == _CHO_R:
        initial = _CHO_O if vowel in _Y_VOWELS else _CHO_N
    elif initial == _CHO_N and vowel in _Y_VOWELS:
        initial = _CHO_O
    else:
        return syllable
    return chr(0xAC00 + (initial * 21 + vowel) * 28 + final)


def _reads_as(reading: HanjaReading, syllable: str) -> bool:
    """The reading is the syllable, as written or under 두음법칙. The rule's form is
    accepted anywhere in a word: it also holds inside compounds (신여성, 국제연합), and
    렬/률 become 열/율 after a vowel or ㄴ (비율, 나열)."""
    return syllable in (reading.eum, dueum(reading.eum))


def ideographs(hanja: str) -> list[str]:
    """The Hanja characters of a glossary cell (第次 → 第, 次), anything else left out."""
    return _IDEOGRAPHS.findall(hanja)


def _words(entry: GlossaryEntry) -> list[str]:
    """The Korean words of a row, as syllables only (가장 최근의 → 가장최근의; 제N차 → 제차)."""
    out = []
    for word in (*entry.ko, *entry.ko_forms):
        if todo_marker(word) is None:
            syllables = "".join(_SYLLABLE.findall(word))
            if syllables and syllables not in out:
                out.append(syllables)
    return out


def _fits(chars: Sequence[str], syllables: str, table: HanjaTable) -> bool:
    """Every character reads as its syllable; a character the data lack fits any."""
    return all(
        not table.get(c) or any(_reads_as(r, s) for r in table.get(c))
        for c, s in zip(chars, syllables)
    )


def align(entry: GlossaryEntry, table: HanjaTable) -> str | None:
    """The syllables of the row's Korean the Hanja stands for (再開 → 재개, in 재개하다), or
    None when no Korean word of the row (``ko``, ``ko_forms``) has them in a row.

    The Hanja may cover part of the word only: a native ending or word before or after
    (재개하다, 최근의, 가장 최근, ~할 예정이다) is not the Hanja's."""
    chars = ideographs(entry.hanja)
    if not chars:
        return None
    for syllables in _words(entry):
        for start in range(len(syllables) - len(chars) + 1):
            part = syllables[start : start + len(chars)]
            if _fits(chars, part, table):
                return part
    return None


@dataclass(frozen=True)
class Character:
    """A Hanja character of a glossary row: its reading in the row's word (None when the
    data lack it), and the syllable it stands for (None when the Hanja does not align)."""

    hanja: str
    reading: HanjaReading | None
    syllable: str | None


def characters(entry: GlossaryEntry, table: HanjaTable | None = None) -> list[Character]:
    """Each Hanja character of ``entry`` with its 훈음 in the row's word: 再開 → 再 다시 재,
    開 열 개 (of the character's readings, the one the word uses). ``table``: the Hanja
    data (default: the content folder's, :func:`content_table`)."""
    table = content_table() if table is None else table
    chars = ideographs(entry.hanja)
    aligned = align(entry, table)
    out = []
    for index, char in enumerate(chars):
        syllable = aligned[index] if aligned else None
        readings = table.get(char)
        fitting = [r for r in readings if syllable is None or _reads_as(r, syllable)]
        chosen = (fitting or list(readings))[:1]
        out.append(Character(char, chosen[0] if chosen else None, syllable))
    return out


def related_words(
    entry: GlossaryEntry, glossary: Iterable[GlossaryEntry], table: HanjaTable | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    """For each character of ``entry``'s Hanja, the other words of ``glossary`` whose
    Hanja has it (協 → 협회 for 협력), in glossary order: each the Sino-Korean word its Hanja
    stands for (예정 for ~할 예정이다; the row's main word when the Hanja does not align).
    Characters no other word shares are left out. ``table`` as for :func:`characters`."""
    table = content_table() if table is None else table
    own = {entry.korean, align(entry, table)}
    others = [
        (e, align(e, table) or e.korean)
        for e in glossary
        if e.hanja and e.id != entry.id and e.korean != entry.korean
    ]
    out = []
    for char in dict.fromkeys(ideographs(entry.hanja)):
        words = tuple(dict.fromkeys(w for e, w in others if char in e.hanja and w not in own))
        if words:
            out.append((char, words))
    return out


# --------------------------------------------------------------------------- dokhae check


def check_glossary(
    glossary: Sequence[GlossaryEntry],
    lines: Sequence[int],
    path: Path,
    table: HanjaTable,
    report: Report,
) -> None:
    """Warn about the Hanja of each row (``lines``: the row's line in ``path``): a
    character the data lack (its 훈음 cannot be shown), and Hanja whose readings are not
    the syllables of the row's Korean word (a wrong character, or Hanja for another word
    of the row). Messages in the interface language, from the catalog."""
    t = i18n.t
    for entry, line in zip(glossary, lines):
        chars = ideographs(entry.hanja)
        if not chars or todo_marker(entry.hanja) is not None:
            continue
        for char in dict.fromkeys(chars):
            missing = {"id": entry.id, "char": char, "hanja": entry.hanja, "file": table.path}
            if char not in table:
                report.warning(
                    path,
                    line,
                    "hanja",
                    t("check.hanja_missing.message", **missing),
                    t("check.hanja_missing.fix", **missing),
                    char,
                    key="hanja_missing",
                    fields=missing,
                )
        if align(entry, table) is None:
            reading = {
                "id": entry.id,
                "hanja": entry.hanja,
                "word": entry.korean,
                "readings": _readings_shown(chars, table),
                "file": table.path,
            }
            report.warning(
                path,
                line,
                "hanja",
                t("check.hanja_reading.message", **reading),
                t("check.hanja_reading.fix", **reading),
                entry.hanja,
                key="hanja_reading",
                fields=reading,
            )


def _readings_shown(chars: Sequence[str], table: HanjaTable) -> str:
    """``再 재, 開 개``: how the data read the characters (``?`` for one they lack)."""
    return ", ".join(
        f"{c} {'/'.join(r.eum for r in table.get(c)) or '?'}" for c in dict.fromkeys(chars)
    )


def check_lessons(root: Path, slugs: Iterable[str], report: Report) -> None:
    """What ``dokhae check`` says about Hanja: the problems of the shipped data file and
    of the teacher's own (``<root>/hanja.csv``, when there is one), then
    :func:`check_glossary` for each lesson's glossary against both (a glossary that cannot
    be read is reported by the rest of the check). A missing character is to be added to
    the teacher's file; in the lessons shipped with dokhae, to the shipped one."""
    table = read_table(data_path(), report)
    own = own_path(root)
    if own.is_file():
        table = merged(table, read_table(own, report))
    elif root.resolve() != shipped_root().resolve():
        table = merged(table, HanjaTable(own))  # the fixes name the file to create
    for slug in slugs:
        sources = Sources.for_lesson(root, slug)
        if not sources.glossary.is_file():
            continue
        glossary = load_glossary(sources, Report())
        if glossary:
            check_glossary(glossary, sources.glossary_lines, sources.glossary, table, report)
