"""The progress store: every attempt and every card review, in one SQLite file.

One file per student (per user account), by default
``<user data dir>/dokhae/progress.sqlite3`` (platformdirs), overridden by the
``DOKHAE_PROGRESS`` environment variable or the ``path`` argument.

Safe with two notebooks open at once: the file is in WAL mode, every connection waits
up to :data:`BUSY_TIMEOUT_S` seconds for a lock, and every write is one
``BEGIN IMMEDIATE`` transaction, so concurrent writers queue instead of failing or
losing rows.

The file is marked as dokhae's (``PRAGMA application_id``) and carries its schema
version (``PRAGMA user_version`` and the ``meta`` table). A file that is not SQLite, is
damaged, belongs to another program or was written by a newer dokhae raises
:class:`ProgressStoreError`, and dokhae never writes to it: the message says to move it
aside so a new store can be made.

It also keeps the student's few settings (``settings``: the lesson chosen in
``00-start-here``), so a choice made in one notebook holds in the others and tomorrow.
Files made before the table existed get it on the first setting saved.

Times are stored as UTC ISO 8601 text (``2023-06-01T09:00:00.000000+00:00``); answers as
JSON text with strings in NFC.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cleaning import plain_answer

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "APPLICATION_ID",
    "ENVIRONMENT_VARIABLE",
    "SCHEMA_VERSION",
    "Attempt",
    "ProgressStore",
    "ProgressStoreError",
    "default_path",
    "to_utc",
]

APPLICATION_ID = 0x646F6B68
"""``PRAGMA application_id`` of a dokhae progress file ("dokh")."""

SCHEMA_VERSION = 1
"""``PRAGMA user_version`` of the files this dokhae writes."""

ENVIRONMENT_VARIABLE = "DOKHAE_PROGRESS"
BUSY_TIMEOUT_S = 30.0
STATUSES = ("correct", "wrong", "partial", "unanswered", "pending")
_SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE attempts (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    lesson   TEXT NOT NULL,
    exercise TEXT NOT NULL,
    answer   TEXT NOT NULL,          -- JSON
    status   TEXT NOT NULL CHECK (status IN
             ('correct', 'wrong', 'partial', 'unanswered', 'pending')),
    score    REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    at_utc   TEXT NOT NULL,
    mode     TEXT NOT NULL DEFAULT 'practice'
);
CREATE INDEX attempts_by_exercise ON attempts (lesson, exercise, at_utc);
CREATE TABLE reviews (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    lesson    TEXT NOT NULL,
    card      TEXT NOT NULL,
    rating    INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    at_utc    TEXT NOT NULL,
    card_json TEXT NOT NULL          -- the card's state after the review (fsrs Card.to_dict)
);
CREATE INDEX reviews_by_card ON reviews (lesson, card, at_utc);
CREATE TABLE settings (              -- the student's choices, e.g. the lesson chosen in 00
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_utc TEXT NOT NULL
);
CREATE TABLE cards (
    lesson    TEXT NOT NULL,
    card      TEXT NOT NULL,
    card_json TEXT NOT NULL,
    due_utc   TEXT NOT NULL,
    PRIMARY KEY (lesson, card)
);
"""


class ProgressStoreError(RuntimeError):
    """The progress file cannot be used (not SQLite, damaged, another program's, newer)."""

    def __init__(self, path: Path, problem: str, fix: str | None = None) -> None:
        self.path = path
        self.problem = problem
        fix = fix or (
            f"Move or rename {path} (dokhae never overwrites it) and run again: dokhae then "
            f"starts a new progress file there. Or use another file with "
            f"ProgressStore(path=...) or the {ENVIRONMENT_VARIABLE} environment variable."
        )
        super().__init__(f"cannot use the progress file {path}: {problem}.\n{fix}")


def default_path() -> Path:
    """``$DOKHAE_PROGRESS`` if set, else ``<user data dir>/dokhae/progress.sqlite3``."""
    from_env = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("dokhae", appauthor=False)) / "progress.sqlite3"


def to_utc(moment: datetime | None, what: str = "time") -> datetime:
    """``moment`` in UTC (``tzinfo=timezone.utc``); now when None; naive times refused."""
    if moment is None:
        return datetime.now(timezone.utc)
    if not isinstance(moment, datetime):
        raise TypeError(f"the {what} must be a datetime, not {type(moment).__name__} {moment!r}")
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        raise ValueError(
            f"the {what} {moment.isoformat()} has no time zone; dokhae stores UTC times. "
            "Use datetime.now(timezone.utc), or attach a zone: "
            "moment.replace(tzinfo=ZoneInfo('Asia/Seoul'))"
        )
    return moment.astimezone(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def _answer_json(answer: Any) -> str:
    return json.dumps(plain_answer(answer), ensure_ascii=False)


@dataclass(frozen=True)
class Attempt:
    """One recorded answer."""

    id: int
    lesson: str
    exercise: str
    answer: Any
    status: str
    score: float
    at_utc: datetime
    mode: str


class ProgressStore:
    """The SQLite file of one student's attempts and card reviews.

    >>> store = ProgressStore(tmp_path / "p.sqlite3")          # doctest: +SKIP
    >>> store.record_attempt("steel-dialogue-2023", "q1", "b", feedback)  # doctest: +SKIP

    Each instance holds one connection; use one per notebook (kernel). Close it with
    :meth:`close` or a ``with`` block (reads and writes after closing raise).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self._lock = threading.RLock()
        self._depth = 0
        self._connection: sqlite3.Connection | None = None
        self._inspect_existing()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise ProgressStoreError(
                self.path,
                f"its folder cannot be made ({err.strerror or err})",
                "Choose a folder you may write to, with ProgressStore(path=...) or the "
                f"{ENVIRONMENT_VARIABLE} environment variable.",
            ) from err
        try:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as err:
            raise self._error(err) from err
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self._initialise(connection)
            try:
                mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.OperationalError:  # busy: another connection is switching it
                mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() == "wal":
                connection.execute("PRAGMA synchronous = NORMAL")
        except ProgressStoreError:
            connection.close()
            raise
        except sqlite3.DatabaseError as err:
            connection.close()
            raise self._error(err) from err
        self._connection = connection

    # ----------------------------------------------------------------- opening

    def _inspect_existing(self) -> None:
        """Refuse, without writing anything, a file dokhae must not touch."""
        path = self.path
        if path.is_dir():
            raise ProgressStoreError(
                path,
                "it is a folder, not a file",
                f"Give the path of a file (for example {path / 'progress.sqlite3'}).",
            )
        if not path.exists() or path.stat().st_size == 0:
            return
        with path.open("rb") as handle:
            header = handle.read(100)
        if not header.startswith(_SQLITE_MAGIC):
            raise ProgressStoreError(
                path,
                "it is not an SQLite database (perhaps another program's file, or a damaged one)",
            )
        if len(header) < 100:
            raise ProgressStoreError(path, "it is damaged (the file is cut short)")
        # The header tells whose file it is without opening it: a foreign database is
        # refused before SQLite could create its -wal / -shm files beside it.
        application_id = int.from_bytes(header[68:72], "big", signed=True)
        in_wal_mode = header[18:20] == b"\x02\x02"
        if application_id not in (0, APPLICATION_ID) or (application_id == 0 and in_wal_mode):
            raise self._foreign(application_id)
        side_files = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
        existed = {side: side.exists() for side in side_files}
        try:
            self._probe(path)
        except ProgressStoreError:
            # A read-only look at a WAL file makes an empty -wal and a -shm index beside
            # it; remove those we made (never one that was there, never a -wal with data).
            wal, shm = side_files
            if not existed[wal] and wal.exists() and wal.stat().st_size == 0:
                wal.unlink()
            if not existed[shm] and not wal.exists() and shm.exists():
                shm.unlink()
            raise

    def _probe(self, path: Path) -> None:
        try:
            uri = f"{path.resolve().as_uri()}?mode=ro"
            probe = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as err:
            raise self._error(err) from err
        try:
            probe.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self._check_identity(probe)
            problems = [row[0] for row in probe.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise ProgressStoreError(path, "it is damaged (" + "; ".join(problems) + ")")
        except sqlite3.Error as err:
            raise self._error(err) from err
        finally:
            probe.close()

    def _foreign(self, application_id: int) -> ProgressStoreError:
        return ProgressStoreError(
            self.path,
            "it is an SQLite database of another program, not a dokhae progress file "
            f"(its application id is {application_id}, not dokhae's {APPLICATION_ID})",
        )

    def _error(self, err: sqlite3.Error) -> ProgressStoreError:
        """A ProgressStoreError for an SQLite error met while opening the file."""
        name = getattr(err, "sqlite_errorname", "")
        if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or type(err) is sqlite3.DatabaseError:
            return ProgressStoreError(self.path, f"it is damaged ({err})")
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return ProgressStoreError(
                self.path,
                f"another program has kept it locked for {BUSY_TIMEOUT_S:g} s",
                "Close the other notebook or program using it, then try again.",
            )
        return ProgressStoreError(
            self.path,
            f"SQLite cannot use it ({err})",
            "Check that the folder exists and that you may write there, or choose another file.",
        )

    def _check_identity(self, connection: sqlite3.Connection) -> bool:
        """True when the file is a dokhae store; False when it is an empty database."""
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application_id == 0 and tables == 0:
            return False
        if application_id != APPLICATION_ID:
            raise self._foreign(application_id)
        if version > SCHEMA_VERSION:
            raise ProgressStoreError(
                self.path,
                f"it was written by a newer dokhae (schema version {version}; this dokhae "
                f"reads up to {SCHEMA_VERSION})",
                "Upgrade dokhae (pip install -U dokhae); the file is left as it is.",
            )
        return True

    def _initialise(self, connection: sqlite3.Connection) -> None:
        connection.execute("BEGIN IMMEDIATE")
        try:
            if not self._check_identity(connection):  # new or empty: make the schema
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                from . import __version__

                connection.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [
                        ("schema_version", str(SCHEMA_VERSION)),
                        ("created_utc", _iso(datetime.now(timezone.utc))),
                        ("created_by", f"dokhae {__version__}"),
                    ],
                )
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    # ----------------------------------------------------------------- plumbing

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._connection is None else "open"
        return f"<ProgressStore {self.path} ({state})>"

    @property
    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            raise ProgressStoreError(
                self.path, "this ProgressStore was closed", "Make a new ProgressStore(...)."
            )
        return self._connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): reads inside it see a state no
        other writer can change until it commits. Nested uses join the outer one."""
        with self._lock:
            db = self._db
            if self._depth:
                self._depth += 1
                try:
                    yield db
                finally:
                    self._depth -= 1
                return
            db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield db
            except BaseException:
                self._depth = 0
                db.execute("ROLLBACK")
                raise
            self._depth = 0
            db.execute("COMMIT")

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # ----------------------------------------------------------------- settings

    def setting(self, key: str) -> str | None:
        """The saved value of setting ``key`` (``"lesson"``), or None when never set."""
        try:
            rows = self._query("SELECT value FROM settings WHERE key = ?", (key,))
        except sqlite3.OperationalError as err:
            if "no such table" in str(err):  # a file made before settings existed
                return None
            raise
        return rows[0][0] if rows else None

    def set_setting(self, key: str, value: str | None) -> None:
        """Save setting ``key`` (None removes it); one transaction."""
        if value is not None and not isinstance(value, str):
            raise TypeError(f"a setting is text, not {type(value).__name__} {value!r}")
        with self.transaction() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, "
                "value TEXT NOT NULL, updated_utc TEXT NOT NULL)"
            )
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                db.execute(
                    "INSERT INTO settings (key, value, updated_utc) VALUES (?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                    "updated_utc = excluded.updated_utc",
                    (key, unicodedata.normalize("NFC", value), _iso(datetime.now(timezone.utc))),
                )

    # ----------------------------------------------------------------- attempts

    def record_attempt(
        self,
        lesson: str,
        exercise: str,
        answer: Any,
        feedback_or_status: Any,
        *,
        at: datetime | None = None,
        mode: str = "practice",
    ) -> int:
        """Save one answer and its result; return the attempt's id.

        ``feedback_or_status`` is a :class:`dokhae.answers.Feedback` (its ``status`` and
        ``score`` are saved) or a status string (score 1 for ``correct``, else 0).
        ``answer`` may be text, a number, a list or a dict; it is saved as JSON with
        text in NFC. ``at`` must be timezone-aware (default: now).
        """
        status: Any  # checked below: a Feedback-like object's attributes may be anything
        score: Any
        if isinstance(feedback_or_status, str):
            status = feedback_or_status
            score = 1.0 if status == "correct" else 0.0
        else:
            status = getattr(feedback_or_status, "status", None)
            score = getattr(feedback_or_status, "score", None)
        if status not in STATUSES:
            raise ValueError(
                f"status {status!r} is not one of {', '.join(STATUSES)}; pass a Feedback or "
                "one of these strings"
            )
        score = float(score)
        if math.isnan(score) or not 0.0 <= score <= 1.0:
            raise ValueError(f"score {score!r} must be between 0 and 1")
        for name, value in (("lesson", lesson), ("exercise", exercise), ("mode", mode)):
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{name} must be a non-empty string, not {value!r}")
        moment = to_utc(at, "attempt time")
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO attempts (lesson, exercise, answer, status, score, at_utc, mode) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    plain_answer(lesson),
                    plain_answer(exercise),
                    _answer_json(answer),
                    status,
                    score,
                    _iso(moment),
                    mode,
                ),
            )
            return int(cursor.lastrowid)  # type: ignore[arg-type]

    def list_attempts(
        self, lesson: str | None = None, exercise: str | None = None, *, mode: str | None = None
    ) -> list[Attempt]:
        """The attempts, oldest first, optionally of one lesson / exercise / mode."""
        where, params = self._filters(lesson=lesson, exercise=exercise, mode=mode)
        rows = self._query(
            "SELECT id, lesson, exercise, answer, status, score, at_utc, mode FROM attempts"
            f"{where} ORDER BY at_utc, id",
            params,
        )
        return [
            Attempt(
                id=r[0],
                lesson=r[1],
                exercise=r[2],
                answer=json.loads(r[3]),
                status=r[4],
                score=r[5],
                at_utc=datetime.fromisoformat(r[6]),
                mode=r[7],
            )
            for r in rows
        ]

    def latest_attempts(
        self, lesson: str | None = None, *, mode: str | None = None
    ) -> list[Attempt]:
        """The last attempt at each exercise (per lesson), in lesson and exercise order."""
        latest: dict[tuple[str, str], Attempt] = {}
        for attempt in self.list_attempts(lesson, mode=mode):
            latest[(attempt.lesson, attempt.exercise)] = attempt
        return [latest[k] for k in sorted(latest)]

    def attempts(
        self,
        lesson: str | None = None,
        exercise: str | None = None,
        *,
        mode: str | None = None,
        latest: bool = False,
    ) -> pd.DataFrame:
        """The attempts as a pandas DataFrame (columns ``id lesson exercise answer status
        score at_utc mode``; ``at_utc`` is a UTC datetime column). ``latest=True`` keeps the
        last attempt at each exercise."""
        import pandas as pd

        rows = (
            self.latest_attempts(lesson, mode=mode)
            if latest and exercise is None
            else self.list_attempts(lesson, exercise, mode=mode)
        )
        if latest and exercise is not None:
            rows = rows[-1:]
        columns = ["id", "lesson", "exercise", "answer", "status", "score", "at_utc", "mode"]
        frame = pd.DataFrame([[getattr(a, c) for c in columns] for a in rows], columns=columns)
        frame["at_utc"] = pd.to_datetime(frame["at_utc"], utc=True)
        return frame

    # ----------------------------------------------------------------- cards

    def card_state(self, lesson: str, card: str) -> str | None:
        """The saved state of a card (JSON text), or None for a card never reviewed."""
        rows = self._query(
            "SELECT card_json FROM cards WHERE lesson = ? AND card = ?", (lesson, card)
        )
        return rows[0][0] if rows else None

    def card_states(self, lesson: str) -> dict[str, tuple[str, datetime]]:
        """Every reviewed card of a lesson: ``card id -> (state JSON, due time in UTC)``."""
        rows = self._query("SELECT card, card_json, due_utc FROM cards WHERE lesson = ?", (lesson,))
        return {card: (state, datetime.fromisoformat(due)) for card, state, due in rows}

    def record_review(
        self, lesson: str, card: str, rating: int, *, at: datetime, card_json: str, due: datetime
    ) -> int:
        """Save one review and the card's new state (one transaction); return its id.

        Used by :mod:`dokhae.review`, which computes the state with fsrs.
        """
        if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 4:
            raise ValueError(
                f"rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy), not {rating!r}"
            )
        moment, due_utc = to_utc(at, "review time"), to_utc(due, "due time")
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO reviews (lesson, card, rating, at_utc, card_json) "
                "VALUES (?, ?, ?, ?, ?)",
                (lesson, card, int(rating), _iso(moment), card_json),
            )
            db.execute(
                "INSERT INTO cards (lesson, card, card_json, due_utc) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (lesson, card) DO UPDATE SET "
                "card_json = excluded.card_json, due_utc = excluded.due_utc",
                (lesson, card, card_json, _iso(due_utc)),
            )
            return int(cursor.lastrowid)  # type: ignore[arg-type]

    def last_reviews(self, lesson: str) -> dict[str, datetime]:
        """When each reviewed card of a lesson was last reviewed: ``card id -> UTC time``."""
        rows = self._query(
            "SELECT card, MAX(at_utc) FROM reviews WHERE lesson = ? GROUP BY card", (lesson,)
        )
        return {card: datetime.fromisoformat(at) for card, at in rows}

    def reviews(self, lesson: str | None = None, card: str | None = None) -> pd.DataFrame:
        """The reviews as a DataFrame (``id lesson card rating at_utc card_json``)."""
        import pandas as pd

        where, params = self._filters(lesson=lesson, card=card)
        rows = self._query(
            f"SELECT id, lesson, card, rating, at_utc, card_json FROM reviews{where} "
            "ORDER BY at_utc, id",
            params,
        )
        frame = pd.DataFrame(
            rows, columns=["id", "lesson", "card", "rating", "at_utc", "card_json"]
        )
        frame["at_utc"] = pd.to_datetime(frame["at_utc"], utc=True, format="ISO8601")
        return frame

    @staticmethod
    def _filters(**values: str | None) -> tuple[str, tuple[Any, ...]]:
        used = {k: v for k, v in values.items() if v is not None}
        if not used:
            return "", ()
        return " WHERE " + " AND ".join(f"{k} = ?" for k in used), tuple(used.values())
