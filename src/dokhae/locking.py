"""Locks between processes on a file or folder, on Windows too (``dokhae.locking.lock_for``).

:mod:`filelock` locks a lock file with ``msvcrt.locking`` on Windows and ``fcntl.flock``
elsewhere. The lock files live in the user's cache folder (:func:`lock_dir`; a folder of the user
in the temporary folder when that cannot be written), named after the locked path, so nothing is left beside a student's notebooks or answers (a folder
handed in stays as the student left it). Processes of one user on one machine (the
kernels of two notebooks, two ``dokhae lab`` at once) exclude each other; separate
machines sharing a network folder do not.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import tempfile
from pathlib import Path, PurePath, PureWindowsPath

from filelock import FileLock, Timeout

__all__ = ["ANSWERS_LOCK_TIMEOUT_S", "Timeout", "answers_lock", "lock_dir", "lock_for", "lock_name"]

ANSWERS_LOCK_TIMEOUT_S = 10
"""Seconds a notebook waits for another one saving an answer to the same assignment."""


def lock_dir() -> Path:
    """The folder of the lock files: ``locks`` in dokhae's cache folder of this user."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("dokhae", appauthor=False)) / "locks"


def lock_name(path: PurePath) -> str:
    """The lock file's name for the absolute ``path``: the same for every spelling of one
    file, so a Windows path (a :class:`~pathlib.PureWindowsPath`, which ``Path`` is there)
    is compared as Windows does, without case and with either slash."""
    key = str(path).lower() if isinstance(path, PureWindowsPath) else str(path)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + ".lock"


def lock_for(path: Path | str, *, timeout: float) -> FileLock:
    """A lock for ``path`` (a file or a folder; the same path gives the same lock, however
    it is written). Waiting longer than ``timeout`` seconds raises :class:`Timeout`, an
    ``OSError``; so does a lock folder that cannot be made."""
    return FileLock(
        _usable_lock_dir() / lock_name(Path(path).expanduser().resolve()), timeout=timeout
    )


def _usable_lock_dir() -> Path:
    """:func:`lock_dir`, or a folder of this user in the temporary folder when that one cannot
    be written (``sudo -E dokhae ...`` keeps the admin's HOME and leaves root's folder there)."""
    folder = lock_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except OSError:
        pass
    user = str(os.getuid()) if hasattr(os, "getuid") else getpass.getuser()
    fallback = Path(tempfile.gettempdir()) / f"dokhae-locks-{user}"
    fallback.mkdir(mode=0o700, exist_ok=True)
    return fallback


def answers_lock(path: Path | str) -> FileLock:
    """The lock on an assignment's answers file ``path``: a notebook's kernel holds it while it
    reads the file and writes it back, so two notebooks saving at once lose no answer, and
    on Windows no notebook reads the file while another replaces it (a read that fails there).
    Waiting longer than :data:`ANSWERS_LOCK_TIMEOUT_S` raises an ``OSError``."""
    return lock_for(path, timeout=ANSWERS_LOCK_TIMEOUT_S)
