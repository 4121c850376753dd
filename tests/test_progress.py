"""The SQLite progress store: attempts, reviews, two writers, damaged and foreign files."""

from __future__ import annotations

import multiprocessing
import re
import sqlite3
import threading
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dokhae.answers import Feedback
from dokhae.progress import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Attempt,
    ProgressStore,
    ProgressStoreError,
    default_path,
)

LESSON = "steel-dialogue-2023"
T0 = datetime(2023, 6, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "progress.sqlite3") as s:
        yield s


# --------------------------------------------------------------------------- where the file is


def test_default_path_is_in_the_user_data_dir(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv("DOKHAE_PROGRESS", raising=False)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "progress.sqlite3"
    with ProgressStore() as s:
        assert s.path == tmp_path / "data" / "progress.sqlite3"
        assert s.path.exists()


def test_environment_variable_overrides_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("DOKHAE_PROGRESS", str(tmp_path / "elsewhere" / "p.sqlite3"))
    with ProgressStore() as s:
        assert s.path == tmp_path / "elsewhere" / "p.sqlite3"


def test_new_file_is_marked_as_dokhae_and_in_wal_mode(store):
    db = sqlite3.connect(store.path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    meta = dict(db.execute("SELECT key, value FROM meta"))
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "attempts", "reviews", "cards"} <= tables
    db.close()


# --------------------------------------------------------------------------- attempts


def test_record_and_read_attempts(store):
    first = store.record_attempt(LESSON, "q1", "b", Feedback("wrong"), at=T0)
    store.record_attempt(
        LESSON, "q1", "c", Feedback("correct", score=1.0), at=T0 + timedelta(minutes=1)
    )
    store.record_attempt(
        LESSON, "q2", {"hiatus": "중단"}, Feedback("partial", score=0.5), at=T0, mode="assignment"
    )
    store.record_attempt("other-lesson", "q1", 3.5, "correct", at=T0)
    rows = store.list_attempts(LESSON)
    assert [(a.exercise, a.answer, a.status, a.score) for a in rows] == [
        ("q1", "b", "wrong", 0.0),
        ("q2", {"hiatus": "중단"}, "partial", 0.5),
        ("q1", "c", "correct", 1.0),
    ]
    assert rows[0] == Attempt(
        id=first,
        lesson=LESSON,
        exercise="q1",
        answer="b",
        status="wrong",
        score=0.0,
        at_utc=T0,
        mode="practice",
    )
    latest = store.latest_attempts(LESSON)
    assert [(a.exercise, a.answer) for a in latest] == [("q1", "c"), ("q2", {"hiatus": "중단"})]
    assert len(store.list_attempts()) == 4
    assert [a.exercise for a in store.list_attempts(mode="assignment")] == ["q2"]


def test_answers_of_every_kind_round_trip_as_json(store):
    answers = [
        "resumed",
        4981.25,
        12,
        ["a", "c", "b"],
        {"hiatus": "중단", "n": [1, 2]},
        None,
        True,
        ("x", "y"),
    ]
    for i, answer in enumerate(answers):
        store.record_attempt(LESSON, f"q{i}", answer, "wrong", at=T0)
    got = [a.answer for a in store.list_attempts(LESSON)]
    assert got == [
        "resumed",
        4981.25,
        12,
        ["a", "c", "b"],
        {"hiatus": "중단", "n": [1, 2]},
        None,
        True,
        ["x", "y"],
    ]


def test_answers_are_stored_in_nfc(store):
    store.record_attempt(LESSON, "q1", unicodedata.normalize("NFD", "협력"), "correct", at=T0)
    store.record_attempt(
        LESSON,
        "q2",
        {unicodedata.normalize("NFD", "중단"): [unicodedata.normalize("NFD", "재개")]},
        "correct",
        at=T0,
    )
    raw = [
        r[0] for r in sqlite3.connect(store.path).execute("SELECT answer FROM attempts ORDER BY id")
    ]
    assert raw == ['"협력"', '{"중단": ["재개"]}']


def test_numpy_answers_are_stored(store):
    np = pytest.importorskip("numpy")
    store.record_attempt(LESSON, "q1", np.float64(1.5), "wrong", at=T0)
    store.record_attempt(LESSON, "q2", np.int64(7), "wrong", at=T0)
    store.record_attempt(LESSON, "q3", np.array([1, 2]), "wrong", at=T0)
    assert [a.answer for a in store.list_attempts()] == [1.5, 7, [1, 2]]


def test_times_are_converted_to_utc(store):
    seoul = datetime(2023, 6, 1, 18, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    store.record_attempt(LESSON, "q1", "b", "correct", at=seoul)
    (attempt,) = store.list_attempts()
    assert attempt.at_utc == T0 and attempt.at_utc.tzinfo == timezone.utc


def test_default_time_is_now(store):
    before = datetime.now(timezone.utc)
    store.record_attempt(LESSON, "q1", "b", "correct")
    assert before <= store.list_attempts()[0].at_utc <= datetime.now(timezone.utc)


def test_naive_time_is_refused(store):
    with pytest.raises(
        ValueError,
        match=re.escape(
            "the attempt time 2023-06-01T09:00:00 has no time zone; dokhae stores UTC times."
        ),
    ):
        store.record_attempt(LESSON, "q1", "b", "correct", at=datetime(2023, 6, 1, 9, 0))
    assert store.list_attempts() == []


def test_bad_status_is_refused(store):
    with pytest.raises(ValueError, match=re.escape("status 'right' is not one of correct, wrong")):
        store.record_attempt(LESSON, "q1", "b", "right")
    with pytest.raises(ValueError, match=re.escape("exercise must be a non-empty string, not ''")):
        store.record_attempt(LESSON, "", "b", "correct")


def test_attempts_as_dataframe(store):
    store.record_attempt(LESSON, "q1", "b", "wrong", at=T0)
    store.record_attempt(LESSON, "q1", "c", "correct", at=T0 + timedelta(seconds=5))
    store.record_attempt(LESSON, "q2", "7", "correct", at=T0)
    frame = store.attempts(LESSON)
    assert list(frame.columns) == [
        "id",
        "lesson",
        "exercise",
        "answer",
        "status",
        "score",
        "at_utc",
        "mode",
    ]
    assert len(frame) == 3 and str(frame["at_utc"].dt.tz) == "UTC"
    latest = store.attempts(LESSON, latest=True)
    assert latest[["exercise", "status"]].values.tolist() == [["q1", "correct"], ["q2", "correct"]]
    assert store.attempts(LESSON, "q1", latest=True)["answer"].tolist() == ["c"]
    assert store.attempts("nothing").empty


def test_data_survives_reopening(tmp_path):
    path = tmp_path / "p.sqlite3"
    with ProgressStore(path) as s:
        s.record_attempt(LESSON, "q1", "b", "correct", at=T0)
    with ProgressStore(path) as s:
        assert [a.answer for a in s.list_attempts()] == ["b"]


def test_closed_store_says_so(tmp_path):
    s = ProgressStore(tmp_path / "p.sqlite3")
    s.close()
    s.close()
    with pytest.raises(ProgressStoreError, match=re.escape("this ProgressStore was closed")):
        s.record_attempt(LESSON, "q1", "b", "correct")


def test_failed_transaction_leaves_nothing(store):
    def insert_then_fail():
        with store.transaction() as db:
            db.execute(
                "INSERT INTO attempts (lesson, exercise, answer, status, score, at_utc) "
                "VALUES ('l', 'e', '1', 'correct', 1, 'now')"
            )
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        insert_then_fail()
    assert store.list_attempts() == []
    store.record_attempt(LESSON, "q1", "b", "correct", at=T0)  # the store still works
    assert len(store.list_attempts()) == 1


# --------------------------------------------------------------------------- two writers

N = 200


def _write_many(path: str, writer: str, start: threading.Barrier | None = None) -> None:
    with ProgressStore(path) as s:
        if start is not None:
            start.wait()
        for i in range(N):
            s.record_attempt(LESSON, f"{writer}-{i}", i, "correct")


def test_two_threads_with_their_own_connections_lose_nothing(tmp_path):
    path = str(tmp_path / "p.sqlite3")
    ProgressStore(path).close()
    start = threading.Barrier(2)
    threads = [threading.Thread(target=_write_many, args=(path, w, start)) for w in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with ProgressStore(path) as s:
        rows = s.list_attempts()
    assert len(rows) == 2 * N
    assert {a.exercise for a in rows} == {f"{w}-{i}" for w in "ab" for i in range(N)}


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    """Two notebooks (two kernels) on the same file, the first creating it."""
    path = str(tmp_path / "p.sqlite3")
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_write_many, args=(path, w)) for w in ("a", "b")]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=60)
    assert [p.exitcode for p in processes] == [0, 0]
    with ProgressStore(path) as s:
        rows = s.list_attempts()
    assert len(rows) == 2 * N
    assert len({a.id for a in rows}) == 2 * N


# --------------------------------------------------------------------------- bad files


def _refused(path: Path, problem: str) -> None:
    before = path.read_bytes()
    with pytest.raises(ProgressStoreError) as caught:
        ProgressStore(path)
    message = str(caught.value)
    assert message.startswith(f"cannot use the progress file {path}: {problem}")
    assert f"Move or rename {path} (dokhae never overwrites it)" in message
    assert path.read_bytes() == before, "the file was changed"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "files were added"


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.write_text("이것은 데이터베이스가 아닙니다\n", encoding="utf-8")
    _refused(
        path, "it is not an SQLite database (perhaps another program's file, or a damaged one)"
    )


def test_a_file_cut_short_is_refused(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    _refused(path, "it is damaged (the file is cut short)")


def test_a_damaged_database_is_refused_and_left_alone(tmp_path):
    good = tmp_path / "good" / "p.sqlite3"
    good.parent.mkdir()
    with ProgressStore(good) as s:
        for i in range(300):
            s.record_attempt(LESSON, f"q{i}", "x" * 200, "correct", at=T0)
    data = bytearray(good.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xff" * 8192  # scribble over pages 3 and 4
    path = tmp_path / "bad" / "p.sqlite3"
    path.parent.mkdir()
    path.write_bytes(bytes(data))
    _refused(path, "it is damaged (")


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "progress.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (name TEXT)")
    db.execute("INSERT INTO contacts VALUES ('김민지')")
    db.commit()
    db.close()
    _refused(
        path,
        "it is an SQLite database of another program, not a dokhae progress file "
        f"(its application id is 0, not dokhae's {APPLICATION_ID})",
    )


@pytest.mark.parametrize("application_id", [0, 42])
def test_another_programs_wal_database_is_refused_and_left_alone(tmp_path, application_id):
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {application_id}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE notes (text TEXT)")
    db.commit()
    db.close()
    _refused(
        path,
        "it is an SQLite database of another program, not a dokhae progress file "
        f"(its application id is {application_id}, not dokhae's {APPLICATION_ID})",
    )


def test_a_newer_schema_is_refused_with_upgrade_advice(tmp_path):
    path = tmp_path / "progress.sqlite3"
    ProgressStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(
        ProgressStoreError,
        match=re.escape(
            f"it was written by a newer dokhae (schema version {SCHEMA_VERSION + 1}; this dokhae "
            f"reads up to {SCHEMA_VERSION}).\nUpgrade dokhae"
        ),
    ):
        ProgressStore(path)
    assert path.read_bytes() == before


def test_an_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.touch()
    with ProgressStore(path) as s:
        s.record_attempt(LESSON, "q1", "b", "correct", at=T0)
        assert len(s.list_attempts()) == 1


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(
        ProgressStoreError,
        match=re.escape(f"cannot use the progress file {tmp_path}: it is a folder"),
    ):
        ProgressStore(tmp_path)


# --------------------------------------------------------------------------- cards


def test_review_and_card_state_in_one_transaction(store):
    store.record_review(
        LESSON, "hiatus:en-ko", 3, at=T0, card_json='{"s": 1}', due=T0 + timedelta(days=1)
    )
    store.record_review(
        LESSON,
        "hiatus:en-ko",
        1,
        at=T0 + timedelta(days=1),
        card_json='{"s": 2}',
        due=T0 + timedelta(days=1, minutes=10),
    )
    assert store.card_state(LESSON, "hiatus:en-ko") == '{"s": 2}'
    assert store.card_state(LESSON, "resume:en-ko") is None
    assert store.card_states(LESSON) == {
        "hiatus:en-ko": ('{"s": 2}', T0 + timedelta(days=1, minutes=10))
    }
    frame = store.reviews(LESSON)
    assert frame["rating"].tolist() == [3, 1] and str(frame["at_utc"].dt.tz) == "UTC"


def test_bad_rating_is_refused(store):
    with pytest.raises(
        ValueError,
        match=re.escape("rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy), not 5"),
    ):
        store.record_review(LESSON, "c", 5, at=T0, card_json="{}", due=T0)
