"""The teacher's secret of an assignment, and the keyed seeds made from it.

``dokhae assign`` makes a random secret once per assignment folder and keeps it in
``<out>/teacher/secret`` (file mode 0600, folder 0700); nothing of it goes to a student.
Each student's seed is a keyed hash (HMAC-SHA-256) of (secret, assignment id, student
id), so knowing the assignment id, the student ids and everything in the package does
not let anyone recompute a seed, and so a student's numbers, letters or answers.

The *variant tag* written into a student's folder (and into their answers file) is
another keyed hash: it tells the teacher which folder a file was made in, and a student
cannot make the tag of a classmate without that classmate's folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

__all__ = [
    "SECRET_FILE",
    "SecretFileError",
    "attempt_seed",
    "attempt_tag",
    "make_secret",
    "read_secret",
    "variant_seed",
    "variant_tag",
]

SECRET_FILE = "secret"
"""The secret's file name in the teacher's folder (``<out>/teacher/secret``)."""

_BYTES = 32
_HEADER = "dokhae-secret-1"
FIX = (
    "it is written by dokhae assign: make the assignment again in a new folder, or restore the "
    "file from your backup (students' numbers depend on it)"
)


class SecretFileError(ValueError):
    """The secret file cannot be used; the message names the file and the fix."""


def variant_seed(secret: bytes, assignment_id: str, student_id: str) -> str:
    """The seed of one student's variant: 32 hex digits of HMAC-SHA-256(secret, ...)."""
    message = f"dokhae-variant\x1f{assignment_id}\x1f{student_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def variant_tag(secret: bytes, assignment_id: str, student_id: str) -> str:
    """The tag of one student's folder (16 hex digits, keyed; reveals nothing of the seed)."""
    message = f"dokhae-folder\x1f{assignment_id}\x1f{student_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:16]


def attempt_seed(secret: bytes, assignment_id: str, student_id: str, attempt: int) -> str:
    """The seed of one student's variant for ``attempt`` (1, 2, ...) of a retake
    assignment: attempt 1 is :func:`variant_seed` (the assignment as made without
    retakes), each later attempt another keyed hash, so every attempt has new numbers,
    letters, words and exam variants, and nobody without the secret can compute them."""
    if attempt <= 1:
        return variant_seed(secret, assignment_id, student_id)
    message = f"dokhae-attempt\x1f{assignment_id}\x1f{student_id}\x1f{attempt}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def attempt_tag(secret: bytes, assignment_id: str, student_id: str, attempt: int) -> str:
    """A short keyed name of one attempt's variant (8 hex digits), for the gradebook:
    two attempts with the same tag had the same questions. It reveals nothing of the seed."""
    message = f"dokhae-attempt-tag\x1f{assignment_id}\x1f{student_id}\x1f{attempt}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:8]


def read_secret(path: str | os.PathLike[str]) -> bytes:
    """The secret in ``path``.

    Raises:
        SecretFileError: missing, unreadable or not a dokhae secret (naming file and fix).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise SecretFileError(f"{path}: no such file; {FIX}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretFileError(f"{path}: cannot be read ({exc}); {FIX}") from None
    lines = text.split()
    if len(lines) != 2 or lines[0] != _HEADER:
        raise SecretFileError(f"{path}: not a dokhae secret (it starts with {_HEADER!r}); {FIX}")
    try:
        value = bytes.fromhex(lines[1])
    except ValueError:
        value = b""
    if len(value) != _BYTES:
        raise SecretFileError(
            f"{path}: the secret is damaged (expected {_BYTES * 2} hex digits); {FIX}"
        )
    return value


def make_secret(path: str | os.PathLike[str]) -> bytes:
    """The secret in ``path``, made first if there is none (mode 0600, its folder 0700)."""
    path = Path(path)
    if path.exists():
        return read_secret(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a folder on a file system without modes
        os.chmod(path.parent, 0o700)
    value = secrets.token_bytes(_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(f"{_HEADER}\n{value.hex()}\n")
    return value
