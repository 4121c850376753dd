"""The JSON files dokhae writes and reads back: one checked model per format.

Every such file names its format and version (``{"format": "dokhae-key", "version": 1,
...}``). Each format is a pydantic model derived from :class:`VersionedFile`, and
:meth:`VersionedFile.read` is the one place where the format and the version are
checked: a file that is not of the format, is of another version or lacks a field
raises :class:`FileFormatError`, whose message names the file, the field and the fix.

The formats: the student's folder (``manifest.json``, ``questions.json``,
``answers.json``, the nbgrader release's ``variants.json``:
:mod:`dokhae.homework.files`) and the teacher's answer key (``key.json``:
:mod:`dokhae.teacher.key`).

Files are written atomically (:func:`write_json_atomic`): a reader sees the old or the
new file, never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

__all__ = [
    "MAX_DEPTH",
    "FileFormatError",
    "VersionedFile",
    "atomic_output",
    "nesting_depth",
    "write_json_atomic",
    "write_text_atomic",
]

MAX_DEPTH = 32
"""How deeply a dokhae JSON file may nest lists and objects. The deepest file dokhae
writes (a key's matching question) nests about 6; a file nested deeper was made by hand,
and is refused before a deeply nested value can exhaust a recursive reader."""


class FileFormatError(ValueError):
    """A file that is not of the expected format: ``file``, ``field`` (may be ""),
    ``problem`` and ``fix``; the message is ``<file>: <problem>; <fix>``."""

    def __init__(self, file: str, field: str, problem: str, fix: str) -> None:
        self.file, self.field, self.problem, self.fix = file, field, problem, fix
        super().__init__(f"{file}: {problem}; {fix}")


def _where(loc: tuple[Any, ...]) -> str:
    """A pydantic error location as a path: ``answers['q 1'].value``."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, str) and part.isidentifier():
            parts.append(f".{part}" if parts else part)
        else:
            parts.append(f"[{part!r}]")
    return "".join(parts)


class VersionedFile(BaseModel):
    """A JSON file of one format and version.

    Subclasses set :attr:`FORMAT` (the ``format`` value), :attr:`KIND` (what the file
    is, in a message: "a dokhae answer key") and :attr:`FIX` (what to do when the file
    cannot be used). ``format`` and ``version`` are not fields: :meth:`read` checks
    them and :meth:`to_dict` writes them.
    """

    model_config = ConfigDict(extra="ignore", frozen=True, coerce_numbers_to_str=True)

    FORMAT: ClassVar[str] = ""
    VERSION: ClassVar[int] = 1
    KIND: ClassVar[str] = "a dokhae file"
    FIX: ClassVar[str] = "make the file again with dokhae"

    @classmethod
    def read(cls, data: Any, where: str) -> Any:
        """The model of ``data`` (parsed JSON read from ``where``).

        Raises:
            FileFormatError: not this format, another version, or a field missing or of
                the wrong type (the first one found is named).
        """
        if not isinstance(data, Mapping):
            raise FileFormatError(where, "", f"not {cls.KIND} (the JSON is not an object)", cls.FIX)
        if nesting_depth(data, MAX_DEPTH) > MAX_DEPTH:
            raise FileFormatError(
                where,
                "",
                f"not {cls.KIND}: values nested more than {MAX_DEPTH} "
                "levels deep (dokhae never writes such a file)",
                cls.FIX,
            )
        found = data.get("format")
        if found != cls.FORMAT:
            raise FileFormatError(
                where,
                "format",
                f"not {cls.KIND} (format is {found!r}, expected {cls.FORMAT!r})",
                cls.FIX,
            )
        version = data.get("version")
        if version != cls.VERSION:
            newer = (
                isinstance(version, int) and not isinstance(version, bool) and version > cls.VERSION
            )
            raise FileFormatError(
                where,
                "version",
                f"{cls.KIND} of version {version!r}, but this dokhae reads version {cls.VERSION}",
                "update dokhae (pip install -U dokhae)" if newer else cls.FIX,
            )
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = _where(tuple(first["loc"]))
            message = str(first.get("ctx", {}).get("error", "")) or first["msg"]
            message = message[:1].lower() + message[1:]
            raise FileFormatError(
                where, field, f"{field}: {message}" if field else message, cls.FIX
            ) from None

    @classmethod
    def header(cls) -> dict[str, Any]:
        """The ``format`` and ``version`` a file of this model starts with."""
        return {"format": cls.FORMAT, "version": cls.VERSION}

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the file: ``format``, ``version``, then the fields."""
        return {**self.header(), **self.model_dump(mode="json")}


def nesting_depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply ``value`` nests lists, tuples and dicts (a scalar: 0), counting no further
    than ``limit + 1``; walked without recursion, so any depth is safe to measure."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth) for child in children)
    return deepest


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as UTF-8 JSON to ``path`` so that a reader sees the old or the new
    file, never half of one (a temporary file in the same folder, then ``os.replace``)."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def write_text_atomic(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`write_json_atomic`)."""
    with atomic_output(path) as tmp, open(tmp, "w", encoding=encoding, newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write a whole file to (Excel, Anki, HTML), moved
    onto ``path`` only when the ``with`` block ends without error: a failed export never
    leaves half a file, nor destroys the one that was there.

    Raises:
        IsADirectoryError: ``path`` is a folder (a file name was expected).
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(
            errno.EISDIR, "a folder, not a file name: give a file name", str(path)
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _file_mode() -> int:
    """The mode a new file gets (0o666 less the umask); temporary files start at 0o600."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
