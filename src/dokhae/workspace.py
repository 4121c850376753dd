"""A student's or a teacher's working folder, and JupyterLab's Korean default for one launch.

What ``dokhae lab`` and ``dokhae teacher`` do before JupyterLab starts (and what a
JupyterHub admin or a Binder image runs, see the README):

- :func:`copy_notebooks` copies the notebooks dokhae ships (``notebooks/`` for students,
  ``teacher/`` for teachers) into a working folder. A notebook already there is never
  overwritten once someone changed it: an unchanged copy of an older dokhae is updated,
  an edited one is kept and listed (:attr:`CopyResult.kept`). What was copied is recorded
  in the folder (:data:`RECORD_FILE`: the SHA-256 of each copy), which is how an
  unchanged copy is told from an edited one.
- :func:`lab_settings_dir` makes a per-launch JupyterLab *application settings* folder
  (JupyterLab's ``LabApp.app_settings_dir``): the environment's own settings plus
  dokhae's defaults (:data:`OVERRIDES`: the Korean interface, no news prompt) in its
  ``overrides.json``. JupyterLab reads default values from there, below the user's own
  settings, so a student who chooses English in *Settings › Language* keeps English, and
  nothing is written into the user's or the environment's JupyterLab settings.
- :func:`install_korean_default` writes the same defaults into the environment's
  settings once, for a shared environment (a JupyterHub's user environment, a Binder image).

Paths are :mod:`pathlib` paths; folders come from :mod:`platformdirs`; the folder is
locked (:mod:`dokhae.locking`, on Windows too) so two launches at once do not copy over
each other; files are written to a temporary file and moved in
place with ``os.replace``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .loading import shipped_root
from .locking import Timeout, lock_for

__all__ = [
    "FIRST_NOTEBOOK",
    "KINDS",
    "OVERRIDES",
    "RECORD_FILE",
    "CopyResult",
    "WorkspaceError",
    "copy_notebooks",
    "default_folder",
    "environment_settings_dir",
    "install_korean_default",
    "lab_settings_dir",
    "merged_overrides",
    "shipped_notebooks",
]

Kind = Literal["student", "teacher"]

KINDS: Mapping[str, str] = {"student": "notebooks", "teacher": "teacher"}
"""Which shipped folder each kind of working folder gets its notebooks from."""

FIRST_NOTEBOOK: Mapping[str, str] = {
    "student": "00-start-here.ipynb",
    "teacher": "90-teacher-guide.ipynb",
}
"""The notebook JupyterLab opens first."""

DEFAULT_FOLDER_NAME: Mapping[str, str] = {"student": "dokhae", "teacher": "dokhae-teacher"}

RECORD_FILE = ".dokhae-notebooks.json"
"""In the working folder: the SHA-256 of each notebook as dokhae last copied it."""

LOCK_TIMEOUT_S = 30

OVERRIDES = Path("etc") / "jupyterlab-overrides.json"
"""dokhae's JupyterLab defaults, relative to :func:`~dokhae.loading.shipped_root`."""


class WorkspaceError(RuntimeError):
    """The working folder or the settings cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class CopyResult:
    """What :func:`copy_notebooks` did, notebook by notebook (file names)."""

    folder: Path
    first: Path
    copied: tuple[str, ...] = ()
    """New in the folder."""
    updated: tuple[str, ...] = ()
    """An unchanged copy of an older dokhae's notebook, replaced by this dokhae's."""
    kept: tuple[str, ...] = ()
    """Changed in the folder (by the student) and different from this dokhae's: left as it is."""
    unchanged: tuple[str, ...] = ()
    """Already the same as this dokhae's."""


def shipped_notebooks(kind: Kind = "student") -> Path:
    """The folder of the notebooks dokhae ships for ``kind`` (``"student"`` or ``"teacher"``)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return shipped_root() / KINDS[kind]


def default_folder(
    kind: Kind = "student", *, documents: Path | None = None, home: Path | None = None
) -> Path:
    """``dokhae`` (students) or ``dokhae-teacher`` in the user's Documents folder, or in
    the home folder when there is no Documents folder."""
    import platformdirs

    name = DEFAULT_FOLDER_NAME[kind]
    documents = Path(platformdirs.user_documents_dir()) if documents is None else documents
    home = Path.home() if home is None else home
    return (documents if documents.is_dir() else home) / name


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_record(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    notebooks = data.get("notebooks") if isinstance(data, dict) else None
    if not isinstance(notebooks, dict):
        return {}
    return {str(k): str(v) for k, v in notebooks.items()}


def copy_notebooks(
    folder: Path | str, kind: Kind = "student", *, source: Path | None = None
) -> CopyResult:
    """Copy the shipped notebooks of ``kind`` into ``folder`` (made if missing), never over
    a notebook someone changed there; return what was done.

    A notebook missing from ``folder`` is copied; one that is byte for byte the copy
    dokhae made last time is replaced by this dokhae's (an update); any other (edited in
    JupyterLab, answers typed, outputs saved, or a file of the same name that dokhae did
    not put there) is kept as it is. To get the shipped notebook back, rename or delete
    the kept one and run this again.

    Args:
        source: the folder to copy from (default: :func:`shipped_notebooks`).

    Raises:
        WorkspaceError: the shipped notebooks are missing, the folder cannot be written,
            or another dokhae holds its lock for longer than :data:`LOCK_TIMEOUT_S` seconds.
    """
    from .json_files import write_json_atomic, write_text_atomic

    folder = Path(folder).expanduser().resolve()
    source = shipped_notebooks(kind) if source is None else Path(source)
    shipped = sorted(source.glob("*.ipynb"))
    if not shipped:
        raise WorkspaceError(
            f"this dokhae has no {kind} notebooks (none in {source}); "
            "install dokhae again (pip install --force-reinstall dokhae)"
        )
    done: dict[str, list[str]] = {"copied": [], "updated": [], "kept": [], "unchanged": []}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with lock_for(folder, timeout=LOCK_TIMEOUT_S):
            record_path = folder / RECORD_FILE
            record = _read_record(record_path)
            for path in shipped:
                data = path.read_bytes()
                target = folder / path.name
                if target.exists():
                    have = _digest(target.read_bytes())
                    if have == _digest(data):
                        done["unchanged"].append(path.name)
                        record[path.name] = have
                        continue
                    if have != record.get(path.name):
                        done["kept"].append(path.name)
                        continue
                    done["updated"].append(path.name)
                else:
                    done["copied"].append(path.name)
                write_text_atomic(target, data.decode("utf-8"))
                record[path.name] = _digest(data)
            write_json_atomic(
                record_path,
                {"format": "dokhae-notebooks", "version": 1, "kind": kind, "notebooks": record},
            )
    except Timeout:
        raise WorkspaceError(
            f"another dokhae is copying notebooks into {folder}; wait for it, "
            "or close it and try again"
        ) from None
    except OSError as err:
        where = f" ({err.filename})" if err.filename else ""
        raise WorkspaceError(
            f"cannot copy the notebooks into {folder}: {err.strerror or err}{where}; "
            "close the program that holds it, or choose a folder you can write to "
            "(dokhae lab FOLDER)"
        ) from None
    first = FIRST_NOTEBOOK[kind]
    return CopyResult(
        folder=folder,
        first=folder / (first if (folder / first).exists() else shipped[0].name),
        **{k: tuple(v) for k, v in done.items()},
    )


# --------------------------------------------------------------------------- JupyterLab's settings


def _recursive_update(target: dict[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _recursive_update(target[key], value)
        else:
            target[key] = json.loads(json.dumps(value))
    return target


def _read_json_object(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``; {} when there is no such file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        raise WorkspaceError(f"{path} cannot be read as JSON ({err}); fix or remove it") from None
    if not isinstance(data, dict):
        raise WorkspaceError(
            f"{path} is not a JSON object of JupyterLab settings; fix or remove it"
        )
    return data


def merged_overrides(existing: Path | None = None) -> dict[str, Any]:
    """dokhae's JupyterLab defaults (:data:`OVERRIDES`) over those in ``existing`` (an
    ``overrides.json``, kept for every setting dokhae does not set)."""
    shipped = shipped_root() / OVERRIDES
    if not shipped.is_file():
        raise WorkspaceError(
            f"this dokhae has no JupyterLab settings ({shipped} is missing); "
            "install dokhae again (pip install --force-reinstall dokhae)"
        )
    base = _read_json_object(existing) if existing is not None else {}
    return _recursive_update(base, _read_json_object(shipped))


def environment_settings_dir() -> Path:
    """The application settings folder of the JupyterLab of this Python environment
    (``<app dir>/settings``; ``JUPYTERLAB_DIR`` moves the app dir)."""
    # jupyterlab ships neither type hints (py.typed) nor stubs
    from jupyterlab.commands import get_app_dir

    return Path(get_app_dir()) / "settings"


def lab_settings_dir(target: Path, *, environment: Path | None = None) -> Path:
    """Fill ``target`` with the environment's JupyterLab application settings (``environment``,
    default :func:`environment_settings_dir`) and dokhae's defaults merged into its
    ``overrides.json``; return ``target``, for ``--LabApp.app_settings_dir``."""
    environment = environment_settings_dir() if environment is None else Path(environment)
    target = Path(target)
    if environment.is_dir():
        shutil.copytree(environment, target, dirs_exist_ok=True)
    target.mkdir(parents=True, exist_ok=True)
    overrides = merged_overrides(target / "overrides.json")
    (target / "overrides.json").write_text(
        json.dumps(overrides, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return target


def install_korean_default(settings_dir: Path | None = None) -> Path:
    """Write dokhae's defaults into ``settings_dir`` (default: :func:`environment_settings_dir`),
    keeping its other overrides: every JupyterLab of that environment then opens in Korean.
    For an environment shared by many users (a JupyterHub, a Binder image). Returns the
    ``overrides.json`` written."""
    from .json_files import write_text_atomic

    settings_dir = environment_settings_dir() if settings_dir is None else Path(settings_dir)
    path = settings_dir / "overrides.json"
    try:
        settings_dir.mkdir(parents=True, exist_ok=True)
        write_text_atomic(
            path, json.dumps(merged_overrides(path), ensure_ascii=False, indent=2) + "\n"
        )
    except OSError as err:
        raise WorkspaceError(
            f"cannot write {path}: {err.strerror or err}; run it as the owner of the "
            "environment (on a JupyterHub: sudo -E)"
        ) from None
    return path
