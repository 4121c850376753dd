"""The exam items in a lesson's exercises file: adding drafts, recording the teacher's decision.

``dokhae exam draft`` and ``dokhae exam review`` are thin over these. Every edit keeps the
rest of the file's text as the teacher wrote it (comments, order, quotes, line breaks): new
items are inserted at the end of the ``exam_items:`` list (which is added at the end of the
file when missing), a decision replaces only the ``status:`` of one item. The edited text
is parsed again before it is written, and written atomically: a reader sees the old file
or the new one, never half of one, and an edit that would not read back is not written.

The teacher's items are never overwritten: a drafted item whose id is taken gets the next
free ``-2``, ``-3``, ...; a drafted item the bank already holds (the same item apart from
its id and status) is not added again.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from ...exam.items import EXAM_ITEMS_KEY, ExamItem, Status, decided
from ...exam.proofs import problems
from ...json_files import write_text_atomic
from ...lesson import EXERCISES_SCHEMA_VERSION, STUB_KEY
from ...loading import Sources, content_root, load_article, load_glossary
from ...problems import Report
from ..draft import AuthoringError

__all__ = [
    "Added",
    "BankItem",
    "LessonText",
    "add_drafts",
    "bank_items",
    "dump_items",
    "exercises_file",
    "item_entries",
    "lesson_text",
    "now",
    "record_decision",
]

_ITEM = TypeAdapter(ExamItem)
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:", re.MULTILINE)


@dataclass(frozen=True)
class BankItem:
    """An item of the bank as read from the file: the model, or why it could not be read."""

    index: int
    id: str
    item: ExamItem | None
    line: int
    error: str = ""


@dataclass(frozen=True)
class Added:
    """What :func:`add_drafts` did: the items written (with their final ids), the ids it
    renamed (``{drafted: written}``) and the items it left out because the bank has them."""

    written: tuple
    renamed: Mapping[str, str]
    already: tuple[str, ...]


def exercises_file(slug: str, root: Path | str | None = None) -> Path:
    """``exercises/<slug>.yaml`` of the lesson (which must exist)."""
    root = content_root() if root is None else Path(root)
    sources = Sources.for_lesson(root, slug)
    if not sources.article_meta.parent.is_dir() or not sources.exercises.is_file():
        raise AuthoringError(
            f"no lesson {slug!r} with an exercises file under {root} "
            f"(expected articles/{slug}/ and exercises/{slug}.yaml)"
        )
    return sources.exercises


@dataclass(frozen=True)
class LessonText:
    """What drafting and reviewing need of a lesson: its article and its glossary (its
    English forms make better 빈칸 phrases). Read without the exercises, so that a bank
    with stubs or drafts does not keep the teacher from drafting and reviewing."""

    article: object
    glossary: tuple = ()

    @property
    def sentences(self) -> dict[str, str]:
        """``{sentence id: English text}``."""
        return {sid: s.en for sid, s in self.article.sentences.items()}  # type: ignore[attr-defined]


def lesson_text(slug: str, root: Path | str | None = None) -> LessonText:
    """The article and glossary of lesson ``slug`` (the glossary empty when it does not read)."""
    root = content_root() if root is None else Path(root)
    sources = Sources.for_lesson(root, slug)
    report = Report(root=root)
    article = load_article(sources, report)
    if article is None:
        raise AuthoringError(
            f"the article of {slug!r} cannot be read:\n{report}\nfix it (dokhae check) first"
        )
    glossary = load_glossary(sources, Report(root=root)) or ()
    return LessonText(article, tuple(glossary))


def item_entries(items: Sequence) -> list[dict]:
    """Items as the mappings of the ``exam_items:`` list: ``id``, ``kind``, ``todo`` first,
    defaults left out, the status always written (``{state: draft}``)."""
    data = []
    for item in items:
        fields = item.model_dump(mode="json", exclude_defaults=True)
        fields["status"] = {
            "state": item.status.state,
            **item.status.model_dump(mode="json", exclude_defaults=True),
        }
        first = {k: fields.pop(k) for k in ("id", "kind", STUB_KEY) if k in fields}
        data.append(first | fields)
    return data


def dump_items(items: Sequence, indent: int = 2) -> str:
    """The YAML of ``items`` as entries of the ``exam_items:`` list, ``indent`` spaces in;
    each status on one line (``status: {state: draft}``), the line a decision rewrites."""
    from ..draft import dump_questions

    out = []
    for item, entry in zip(items, item_entries(items)):
        entry.pop("status")
        out.append(dump_questions([entry], indent=indent))
        out.append(" " * (indent + 2) + _status_text(item.status) + "\n")
    return "".join(out)


# --------------------------------------------------------------------------- reading


def _read(path: Path) -> tuple[str, yaml.Node | None, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise AuthoringError(f"cannot read {path}: {err}") from None
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        raise AuthoringError(f"{path} is not valid YAML ({err}); run dokhae check") from None
    if not isinstance(data, dict):
        raise AuthoringError(f"{path} is not a mapping of keys; run dokhae check")
    return text, node, data


def _value_node(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return k, v
    return None


def bank_items(path: Path) -> list[BankItem]:
    """The ``exam_items:`` of the exercises file ``path``, each read on its own."""
    _, node, data = _read(path)
    found = _value_node(node, EXAM_ITEMS_KEY) if node is not None else None
    entries = data.get(EXAM_ITEMS_KEY) or []
    if not isinstance(entries, list) or found is None:
        return []
    out = []
    for index, (entry, item_node) in enumerate(zip(entries, found[1].value)):
        line = item_node.start_mark.line + 1
        name = str(entry.get("id")) if isinstance(entry, dict) else f"{EXAM_ITEMS_KEY}[{index}]"
        try:
            out.append(BankItem(index, name, _ITEM.validate_python(entry), line))
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            out.append(BankItem(index, name, None, line, f"{where}: {first['msg']}"))
    return out


# --------------------------------------------------------------------------- adding drafts


def _known_ids(data: dict) -> set[str]:
    ids = set()
    for group in ("questions", "templates", EXAM_ITEMS_KEY):
        for entry in data.get(group) or []:
            if isinstance(entry, dict) and entry.get("id") is not None:
                ids.add(str(entry["id"]))
    return ids


def _free_id(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def _same(a: ExamItem, b: ExamItem) -> bool:
    skip = {"id", "status"}
    return a.kind == b.kind and a.model_dump(exclude=skip) == b.model_dump(exclude=skip)


Edit = tuple[int, int, str]
"""Replace ``text[start:end]`` by the string."""


def _version_edit(node: yaml.Node) -> Edit | None:
    """``schema_version`` set to the version that has ``exam_items:``."""
    found = _value_node(node, "schema_version")
    if found is None:
        return (0, 0, f"schema_version: {EXERCISES_SCHEMA_VERSION}\n")
    value = found[1]
    if value.value == str(EXERCISES_SCHEMA_VERSION):
        return None
    return (value.start_mark.index, value.end_mark.index, str(EXERCISES_SCHEMA_VERSION))


def _items_edit(text: str, node: yaml.Node, items: Sequence) -> Edit:
    """``items`` put at the end of the ``exam_items:`` list."""
    found = _value_node(node, EXAM_ITEMS_KEY)
    if found is None or not isinstance(found[1], yaml.SequenceNode) or not found[1].value:
        body = dump_items(items, indent=2)
        if found is not None:  # `exam_items:` or `exam_items: []` with nothing in it
            key, value = found
            line_end = text.find("\n", value.end_mark.index)
            line_end = len(text) if line_end < 0 else line_end + 1
            return (key.start_mark.index, line_end, f"{EXAM_ITEMS_KEY}:\n" + body)
        sep = "" if text.endswith("\n") or not text else "\n"
        return (len(text), len(text), f"{sep}\n{EXAM_ITEMS_KEY}:\n{body}")
    listed = found[1]
    indent = listed.value[0].start_mark.column - 2  # the column of the "- "
    if indent < 0:
        raise AuthoringError(f"cannot tell the indentation of {EXAM_ITEMS_KEY}: in the file")
    # the end of the list: the next top-level key after it, or the end of the file; blank
    # lines and comments just before that key stay with it
    after = _last_end(listed)
    nxt = _TOP_KEY.search(text, after)
    stop = nxt.start() if nxt else len(text)
    lines = text[after:stop].splitlines(keepends=True)
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    at = after + sum(len(x) for x in lines)
    sep = "" if text[:at].endswith("\n") else "\n"
    return (at, at, sep + dump_items(items, indent=indent))


def _apply(text: str, edits: Sequence[Edit | None]) -> str:
    for start, end, new in sorted(filter(None, edits), key=lambda e: e[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text


def add_drafts(path: Path, items: Sequence) -> Added:
    """Add drafted ``items`` to the bank in ``path``; keep everything else as it is."""
    text, node, data = _read(path)
    if node is None:
        raise AuthoringError(f"{path} is empty; run dokhae check")
    taken = _known_ids(data)
    existing = [b.item for b in bank_items(path) if b.item is not None]
    written, renamed, already = [], {}, []
    for item in items:
        if any(_same(item, old) for old in existing):
            already.append(item.id)
            continue
        new_id = _free_id(item.id, taken)
        taken.add(new_id)
        if new_id != item.id:
            renamed[item.id] = new_id
            item = item.model_copy(update={"id": new_id})
        written.append(item)
    if written:
        edits = [_version_edit(node), _items_edit(text, node, written)]
        _write_checked(path, _apply(text, edits), [i.id for i in written], data)
    return Added(tuple(written), renamed, tuple(already))


def _write_checked(path: Path, new_text: str, ids: Sequence[str], old: dict) -> None:
    """Write ``new_text`` when it reads back as the old data plus the new items."""
    try:
        new = yaml.safe_load(new_text)
    except yaml.YAMLError as err:  # pragma: no cover - a bug guard
        raise AuthoringError(f"refusing to write {path}: the edit would not read ({err})") from None
    for key, value in old.items():
        if key not in ("schema_version", EXAM_ITEMS_KEY) and new.get(key) != value:
            raise AuthoringError(f"refusing to write {path}: the edit would change {key}:")
    got = [str(e.get("id")) for e in new.get(EXAM_ITEMS_KEY) or [] if isinstance(e, dict)]
    before = [str(e.get("id")) for e in old.get(EXAM_ITEMS_KEY) or [] if isinstance(e, dict)]
    if got[: len(before)] != before or got[len(before) :] != list(ids):
        raise AuthoringError(f"refusing to write {path}: the exam items would not read back")
    write_text_atomic(path, new_text)


# --------------------------------------------------------------------------- decisions


def _last_end(node: yaml.Node) -> int:
    """Where the text of ``node`` ends (a block collection: its last leaf's end)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.index
    children = node.value if isinstance(node, yaml.SequenceNode) else [v for _, v in node.value]
    return max((_last_end(c) for c in children), default=node.end_mark.index)


def _status_text(status: Status) -> str:
    fields = {"state": status.state, **status.model_dump(mode="json", exclude_defaults=True)}
    flow = yaml.safe_dump(
        fields, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10_000
    )
    return "status: " + flow.strip()


def record_decision(
    path: Path,
    item_id: str,
    state: str,
    by: str,
    *,
    sentences: Mapping[str, str],
    at: str | None = None,
    note: str = "",
) -> ExamItem:
    """Record the teacher's decision (``approved`` or ``rejected``) on exam item ``item_id``.

    Approval needs the item written (no ``todo``) and its proof recomputed without a problem
    on the article ``sentences``; a rejection is always recorded. Returns the decided item.
    """
    if state not in ("approved", "rejected"):
        raise AuthoringError(f"a decision is approved or rejected, not {state!r}")
    if not by.strip():
        raise AuthoringError("say who decides (--by NAME): a decision is signed")
    text, node, data = _read(path)
    found = {b.id: b for b in bank_items(path)}
    entry = found.get(item_id)
    if entry is None:
        known = ", ".join(found) or "none"
        raise AuthoringError(f"no exam item {item_id!r} in {path} (its items: {known})")
    if entry.item is None:
        raise AuthoringError(
            f"exam item {item_id!r} cannot be read ({entry.error}); run dokhae check"
        )
    item = entry.item
    if state == "approved":
        wrong = problems(item, sentences)
        if wrong:
            raise AuthoringError(
                f"{item_id}: the key is not proven ({'; '.join(wrong)}): correct the item or reject it"
            )
    try:
        new_item = decided(item, state, by.strip(), at=at, note=note)  # type: ignore[arg-type]
    except ValueError as err:
        raise AuthoringError(str(err)) from None
    found_items = None if node is None else _value_node(node, EXAM_ITEMS_KEY)
    if found_items is None:  # pragma: no cover - bank_items found the item
        raise AuthoringError(f"no {EXAM_ITEMS_KEY}: in {path}")
    items_node = found_items[1]
    item_node = items_node.value[entry.index]
    status = _value_node(item_node, "status")
    line = _status_text(new_item.status)
    if status is not None:
        key, value = status
        new_text = text[: key.start_mark.index] + line + text[_last_end(value) :]
    else:  # no status: a draft; add the line after the item's last value
        end = _last_end(item_node)
        pad = " " * item_node.start_mark.column
        new_text = text[:end] + "\n" + pad + line + text[end:]
    _write_decision(path, new_text, data, entry.index, new_item)
    return new_item


def _write_decision(path: Path, new_text: str, old: dict, index: int, item: ExamItem) -> None:
    try:
        new = yaml.safe_load(new_text)
        got = _ITEM.validate_python(new[EXAM_ITEMS_KEY][index])
    except (yaml.YAMLError, ValidationError, KeyError, IndexError, TypeError) as err:
        raise AuthoringError(f"refusing to write {path}: the edit would not read ({err})") from None
    before = dict(old)
    after = dict(new)
    b_items, a_items = list(before.pop(EXAM_ITEMS_KEY)), list(after.pop(EXAM_ITEMS_KEY))
    b_items.pop(index), a_items.pop(index)
    if before != after or b_items != a_items or got != item:
        raise AuthoringError(
            f"refusing to write {path}: the edit would change more than the status"
        )
    write_text_atomic(path, new_text)


def now() -> str:
    """The time of a decision: now, in UTC, to the second."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
