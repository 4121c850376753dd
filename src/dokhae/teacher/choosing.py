"""Choosing what a lesson gives the class: exercises (``dokhae assign``, ``dokhae export
worksheet``: :func:`~dokhae.teacher.assigning.select_exercises`) or exam items (``dokhae
export exam``: :func:`dokhae.export.exam.select_items`), by id, by group (a skill, an item
kind) and/or from a saved selection file.

One way to gather the choices (:func:`wanted`) and one way to say what cannot be chosen
(:func:`report_unknown`: every unknown choice, where it was made, and the close matches),
so both commands answer a typo alike; :class:`SelectionError` carries the whole report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..problems import Report, close_matches

__all__ = [
    "Choice",
    "Entries",
    "SelectionError",
    "read_selection",
    "report_unknown",
    "wanted",
]


class Selection(BaseModel):
    """A saved selection (``.yaml``/``.json``): exercise ids and/or skills to assign."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    exercises: list[str] | None = None
    skills: list[str] | None = None
    lesson: str | None = None


class SelectionError(ValueError):
    """Unknown exercise ids or skills, or an unreadable selection file; ``report`` lists all."""

    def __init__(self, report: Report) -> None:
        self.report = report
        n = len(report.errors)
        super().__init__(f"the choice of exercises has {n} problem{'s' * (n != 1)}:\n{report}")


Entries = list[tuple[str, int | None]]


def read_selection(path: str | Path, report: Report) -> tuple[Entries, Entries]:
    """The ``(id, line)`` and ``(skill, line)`` entries of a saved selection file.

    A ``.yaml``/``.yml``/``.json`` file holds ``exercises: [...]`` and/or
    ``skills: [...]`` (or just a list of ids); any other file lists one exercise id per
    line (``#`` starts a comment).
    """
    from ..loading import load_yaml, read_text

    path = Path(path)
    ids: Entries = []
    skills: Entries = []
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        loaded = load_yaml(path, report)
        if loaded is None:
            return ids, skills
        data, lines = loaded
        if isinstance(data, list):
            data = {"exercises": data}
        try:
            chosen = Selection.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                if loc[:1] in (("exercises",), ("skills",)) and error["type"] in (
                    "list_type",
                    "string_type",
                ):
                    name = str(loc[0])
                    problem = "must be a list" if len(loc) == 1 else f"entry {loc[1]} is not an id"
                    report.error(
                        path,
                        lines.get(loc, lines.get(loc[:1])),
                        name,
                        problem,
                        f"write {name}: [a, b, c]",
                        key="selection_not_list" if len(loc) == 1 else "selection_not_id",
                        fields={"name": name, "entry": loc[1] if len(loc) > 1 else ""},
                    )
                    return ids, skills
            chosen = None
        if chosen is None or not (chosen.exercises or chosen.skills):
            report.error(
                path,
                lines.get((), None),
                "",
                "a selection file holds exercises: [...] and/or skills: [...]",
                "write e.g.  exercises: [main-idea, e05-embedded-emissions]",
                key="selection_empty",
            )
            return ids, skills
        ids.extend((v, lines.get(("exercises", i))) for i, v in enumerate(chosen.exercises or ()))
        skills.extend((v, lines.get(("skills", i))) for i, v in enumerate(chosen.skills or ()))
        return ids, skills
    text = read_text(path, report)
    if text is None:
        return ids, skills
    for number, line in enumerate(text.split("\n"), 1):
        entry = line.split("#", 1)[0].strip()
        if entry:
            ids.extend((part, number) for part in re.split(r"[\s,]+", entry) if part)
    if not ids and not report.errors:
        report.error(
            path,
            None,
            "",
            "the selection file lists no exercises",
            "write one exercise id per line",
            key="selection_no_exercises",
        )
    return ids, skills


Choice = tuple[str, str, int | None]
"""A chosen value, where it was chosen (the option, e.g. ``"exercise"``, or the selection
file) and its line in that file (None for an option)."""


def wanted(
    report: Report,
    ids: Iterable[str] | None,
    groups: Iterable[str] | None,
    selection_file: str | Path | None,
    *,
    group: str,
) -> tuple[list[Choice], list[Choice]]:
    """The ids and the groups chosen, from the options and from ``selection_file`` (read
    with :func:`read_selection`, its problems added to ``report``). ``group``: what a group
    is (``"skill"``, ``"kind"``), the place an option's group is said to come from."""
    chosen_ids: list[Choice] = [(e, "exercise", None) for e in ids or ()]
    chosen_groups: list[Choice] = [(g, group, None) for g in groups or ()]
    if selection_file is not None:
        file_ids, file_groups = read_selection(selection_file, report)
        chosen_ids += [(e, str(selection_file), line) for e, line in file_ids]
        chosen_groups += [(g, str(selection_file), line) for g, line in file_groups]
    return chosen_ids, chosen_groups


def report_unknown(
    report: Report,
    choices: Iterable[Choice],
    known: Sequence[str],
    *,
    field: str,
    message: str,
    fix: str,
    unavailable: Mapping[str, tuple[str, str] | tuple[str, str, Mapping[str, object]]]
    | None = None,
    key: str = "",
    **fields: object,
) -> None:
    """Add an error to ``report`` for each choice that is not one of ``known``.

    ``message`` and ``fix`` are format strings given ``fields`` and ``value`` (the choice);
    ``fix`` also ``known`` (every known name, comma-separated) and ``suggestion``
    (``": did you mean a, b?"`` naming the known names close to the choice, or "").
    ``unavailable``: choices that exist but cannot be chosen, each with its own message,
    fix, and optionally the fields of their catalog text ``check.<key>_unavailable`` (an
    exam item not approved yet). ``key``: the catalog text of ``message``
    and ``fix`` (``check.<key>``, filled with ``fields``, ``value`` and ``known``), its fix
    ``check.<key>_close.fix`` (with ``close``, the close names) when a known name is close.
    """
    for value, where, line in choices:
        if value in known:
            continue
        if unavailable and value in unavailable:
            problem, remedy, *said_fields = unavailable[value]
            report.error(
                where,
                line,
                field,
                problem,
                remedy,
                value=value,
                key=f"{key}_unavailable" if key and said_fields else "",
                fields=said_fields[0] if said_fields else None,
            )
            continue
        close = close_matches(value, known)
        suggestion = f": did you mean {', '.join(close)}?" if close else ""
        said = {**fields, "value": repr(value), "known": ", ".join(known)}
        if close:
            said.update(close=", ".join(close), fix_key=f"{key}_close")
        report.error(
            where,
            line,
            field,
            message.format(value=value, **fields),
            fix.format(value=value, known=", ".join(known), suggestion=suggestion, **fields),
            value=value,
            key=key,
            fields=said,
        )
