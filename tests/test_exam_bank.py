"""Exam items in a lesson's bank: `dokhae exam draft` → the exercises file → `dokhae check`
→ `dokhae exam review` → the loaded lesson; the messages for broken items; the export;
only approved items reach students.

The keys of drafted items are recomputed with the independent checks of
test_exam_draft.py (``CHECKS``), not only with :func:`dokhae.exam.proofs.problems`.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dokhae import load_lesson
from dokhae import validate as check
from dokhae.answers import check_exam_item
from dokhae.cli import main
from dokhae.exam.items import CIRCLED, KINDS, WRITTEN_KINDS
from dokhae.exam.proofs import problems
from dokhae.session import Session, UnknownExerciseError

ROOT = Path(__file__).resolve().parents[1]
SLUG = "steel-dialogue-2023"
MINI = Path(__file__).parent / "data" / "mini"
COMMENT = "# 수능·내신 exam items"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the shipped lesson whose exercises file is as it was before exam items
    (schema_version 1, no exam_items:), the state a teacher starts from."""
    out = tmp_path / "content"
    for folder in ("articles", "glossary", "exercises"):
        (out / folder).mkdir(parents=True)
    shutil.copytree(ROOT / "articles" / SLUG, out / "articles" / SLUG)
    shutil.copy(ROOT / "glossary" / f"{SLUG}.csv", out / "glossary")
    text = (ROOT / "exercises" / f"{SLUG}.yaml").read_text(encoding="utf-8")
    text = text[: text.index(COMMENT)].rstrip() + "\n"
    text = text.replace("schema_version: 2\n", "schema_version: 1\n", 1)
    (out / "exercises" / f"{SLUG}.yaml").write_text(text, encoding="utf-8")
    return out


def bank_file(root: Path) -> Path:
    return root / "exercises" / f"{SLUG}.yaml"


def exam_problems(report, severity: str = "error"):
    return [p for p in report.problems if p.severity == severity]


# --------------------------------------------------------------------------- the CLI path


GENERATED_KINDS = (
    "insertion,order,grammar,vocabulary,chart,facts,written_grammar,written_arrange,written_blank"
)


def test_draft_check_review_load(root):
    pytest.importorskip("lemminflect")
    from dokhae.authoring.exam import ArticleText
    from test_exam_draft import CHECKS

    before = bank_file(root).read_text(encoding="utf-8")
    assert check(root).problems == []

    drafted = run("exam", "draft", SLUG, "--root", root, "--kinds", GENERATED_KINDS)
    assert drafted.exit_code == 0, drafted.output
    assert "Added " in drafted.output and " draft items to " in drafted.output  # English run

    # the file: the teacher's text kept byte for byte, the version bumped, the items after it
    after = bank_file(root).read_text(encoding="utf-8")
    assert after.startswith(before.replace("schema_version: 1\n", "schema_version: 2\n", 1))
    entries = yaml.safe_load(after)["exam_items"]
    kinds = {e["kind"] for e in entries}
    assert len(kinds) >= 6 and kinds <= set(GENERATED_KINDS.split(","))

    # dokhae check: no error; one warning per draft, naming its line and the command
    report = check(root)
    assert report.errors == [], str(report)
    warnings = exam_problems(report, "warning")
    assert sorted(w.field for w in warnings) == sorted(f"{e['id']}.status" for e in entries)
    first = warnings[0]
    assert first.line and after.splitlines()[first.line - 1].strip().startswith("status:")
    assert f"dokhae exam review {SLUG}" in first.fix

    # the loaded lesson holds the drafts, and students see none of them
    lesson = load_lesson(SLUG, root=root)
    assert len(lesson.exercises.exam_items) == len(entries)
    assert lesson.exam_items == {}
    article = ArticleText.of(lesson)
    for item in lesson.exercises.exam_items:  # every key recomputed apart from the generator
        CHECKS[item.kind](article, item)
        assert problems(item, article.en) == []

    # review shows each draft printed, with its proof recomputed
    shown = run("exam", "review", SLUG, "--root", root)
    assert shown.exit_code == 0, shown.output
    assert f"Items waiting for review: {len(entries)}" in shown.output
    assert shown.output.count("Proof recomputed: the text proves the key.") == len(entries)

    # approve one, reject another: only the status lines change
    approve, reject = entries[0]["id"], entries[1]["id"]
    done = run("exam", "review", SLUG, "--root", root, "--approve", approve, "--by", "김교사")
    assert done.exit_code == 0, done.output
    assert f"Approved {approve} (김교사, " in done.output
    done = run("exam", "review", SLUG, "--root", root, "--reject", reject, "--by", "김교사")
    assert done.exit_code == 0, done.output
    decided = bank_file(root).read_text(encoding="utf-8")
    changed = [
        (a, b) for a, b in zip(after.splitlines(), decided.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 2 and all(b.strip().startswith("status: {state: ") for _, b in changed)

    lesson = load_lesson(SLUG, root=root)
    assert list(lesson.exam_items) == [approve]
    status = lesson.exam_items[approve].status
    assert (status.state, status.by) == ("approved", "김교사") and status.at
    states = {i.id: i.status.state for i in lesson.exercises.exam_items}
    assert states[reject] == "rejected"
    report = check(root)
    assert report.errors == [] and len(report.warnings) == len(entries) - 2


def test_drafting_again_never_overwrites(root):
    pytest.importorskip("lemminflect")
    from dokhae.authoring.exam.bank import add_drafts, bank_items

    assert run("exam", "draft", SLUG, "--root", root, "--kinds", "insertion,order").exit_code == 0
    # the teacher edits the drafted item in place
    path = bank_file(root)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    kind: insertion\n", "    # mine\n    kind: insertion\n"
        ),
        encoding="utf-8",
    )
    kept = path.read_text(encoding="utf-8")
    again = run("exam", "draft", SLUG, "--root", root, "--kinds", "insertion")
    assert (
        again.exit_code == 0 and "Already in the bank, not added again: insertion-0" in again.output
    )
    assert path.read_text(encoding="utf-8") == kept

    # another item under a taken id is renamed, the teacher's item stays
    items = {b.id: b.item for b in bank_items(path)}
    other = items["order-0"].model_copy(update={"id": "insertion-0", "key": 1})
    added = add_drafts(path, [other])
    assert added.renamed == {"insertion-0": "insertion-0-2"}
    now = {b.id: b.item for b in bank_items(path)}
    assert list(now) == ["insertion-0", "order-0", "insertion-0-2"]
    assert now["insertion-0"] == items["insertion-0"]
    assert path.read_text(encoding="utf-8").startswith(kept)


def test_stubs_are_errors_until_written_and_cannot_be_approved(root):
    pytest.importorskip("lemminflect")
    assert run("exam", "draft", SLUG, "--root", root, "--kinds", "title").exit_code == 0
    report = check(root)
    (stub,) = report.errors  # one error for the stub, none for its [TODO] texts
    assert stub.field == "title-0.todo" and "exam item stub, not written yet" in stub.message
    text = bank_file(root).read_text(encoding="utf-8")
    assert text.splitlines()[stub.line - 1].strip().startswith("todo:")
    assert "delete its `todo:` line" in stub.fix

    refused = run("exam", "review", SLUG, "--root", root, "--approve", "title-0", "--by", "김교사")
    assert refused.exit_code != 0 and "still a stub" in refused.output
    assert bank_file(root).read_text(encoding="utf-8") == text


def test_review_needs_a_name_and_an_item(root):
    pytest.importorskip("lemminflect")
    assert run("exam", "draft", SLUG, "--root", root, "--kinds", "grammar").exit_code == 0
    no_name = run("exam", "review", SLUG, "--root", root, "--approve", "grammar-0")
    assert no_name.exit_code != 0 and "--by NAME" in no_name.output
    unknown = run("exam", "review", SLUG, "--root", root, "--approve", "gramar-0", "--by", "김")
    assert unknown.exit_code != 0 and "no exam item 'gramar-0'" in unknown.output
    assert "grammar-0" in unknown.output


def test_a_tiny_lesson_says_what_it_refused(tmp_path):
    pytest.importorskip("lemminflect")
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    result = run("exam", "draft", "mini-lesson", "--root", root, "--kinds", "order,insertion")
    assert result.exit_code == 0
    assert "Not drafted, order" in result.output and "Not drafted, insertion" in result.output
    assert "exam_items" not in (root / "exercises" / "mini-lesson.yaml").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- broken items


@pytest.fixture
def approved_root(tmp_path: Path) -> Path:
    """A copy of the shipped lesson with its approved exam items."""
    out = tmp_path / "content"
    for folder in ("articles", "glossary", "exercises"):
        (out / folder).mkdir(parents=True)
    shutil.copytree(ROOT / "articles" / SLUG, out / "articles" / SLUG)
    shutil.copy(ROOT / "glossary" / f"{SLUG}.csv", out / "glossary")
    shutil.copy(ROOT / "exercises" / f"{SLUG}.yaml", out / "exercises")
    return out


def edit_item(root: Path, item_id: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` inside item ``item_id``; return the line of the change."""
    path = bank_file(root)
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {item_id}\n")
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def the_error(report, field: str):
    found = [p for p in report.errors if p.field == field]
    assert len(found) == 1, str(report)
    return found[0]


def test_the_shipped_bank_is_valid(approved_root):
    assert check(approved_root).problems == []


def test_a_wrong_key_is_not_proven(approved_root):
    line = edit_item(approved_root, "grammar-1", "    key: 2\n", "    key: 4\n")
    p = the_error(check(approved_root), "grammar-1.proof")
    assert p.line == line
    assert "the key is not proven" in p.message and "not exactly the key [4]" in p.message
    assert f"dokhae exam review {SLUG}" in p.fix and "--kinds grammar" in p.fix


def test_a_changed_span_that_no_rule_names(approved_root):
    edit_item(approved_root, "grammar-1", "text: joint\n", "text: jointed\n")
    p = the_error(check(approved_root), "grammar-1.proof")
    assert "'jointly' to 'jointed' is not a adjective_adverb change" in p.message


def test_an_unknown_sentence_in_a_passage(approved_root):
    line = edit_item(approved_root, "facts-0", "p6s1, p7s1]", "p6s1, p9s9]")
    p = the_error(check(approved_root), "facts-0.passage")
    assert (p.line, p.value) == (line, "p9s9")
    assert "no sentence with this id" in p.message and "article.en.md" in p.fix


def test_a_schema_error_names_the_field_and_line(approved_root):
    line = edit_item(approved_root, "insertion-0", "    key: 5\n", "    key: 6\n")
    report = check(approved_root)
    (p,) = report.errors
    assert p.line == line and p.field.endswith(".key") and "exam_items[0]" in p.field


def test_an_exam_item_id_shared_with_a_question(approved_root):
    edit_item(approved_root, "order-0", "  - id: order-0\n", "  - id: main-idea\n")
    p = the_error(check(approved_root), "exam_items[1].id")
    assert "duplicate id" in p.message and p.value == "main-idea"


def test_exam_items_need_schema_version_2(approved_root):
    path = bank_file(approved_root)
    path.write_text(
        path.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 1", 1),
        encoding="utf-8",
    )
    p = the_error(check(approved_root), "schema_version")
    assert "`exam_items:` needs version 2" in p.message and "schema_version: 2" in p.fix


def test_an_unknown_version_names_the_versions_read(approved_root):
    path = bank_file(approved_root)
    path.write_text(
        path.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 3", 1),
        encoding="utf-8",
    )
    p = the_error(check(approved_root), "schema_version")
    assert "reads version 1 or 2" in p.message and p.value == 3


def test_an_unapproved_item_is_a_warning_and_unseen(approved_root):
    line = edit_item(
        approved_root,
        "chart-0",
        "status: {state: approved, by: dokhae authors,",
        "status: {state: draft} # {state: approved, by: dokhae authors,",
    )
    report = check(approved_root)
    (w,) = report.warnings
    assert (w.field, w.line) == ("chart-0.status", line) and report.errors == []
    lesson = load_lesson(SLUG, root=approved_root)
    assert "chart-0" not in lesson.exam_items and "chart-0" in {
        i.id for i in lesson.exercises.exam_items
    }


# --------------------------------------------------------------------------- the shipped lesson


def test_the_shipped_lesson_has_an_approved_item_of_every_kind():
    lesson = load_lesson(SLUG)
    items = list(lesson.exam_items.values())
    assert {i.kind for i in items} == set(KINDS)
    sentences = {sid: s.en for sid, s in lesson.article.sentences.items()}
    for item in items:
        assert item.status.state == "approved" and item.status.by == "dokhae authors"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*", item.status.at or "")
        assert not item.todo and problems(item, sentences) == []
    assert not re.search(r"\[TODO", (ROOT / "exercises" / f"{SLUG}.yaml").read_text("utf-8"))


def test_only_approved_items_reach_a_session(approved_root, tmp_path):
    edit_item(
        approved_root,
        "chart-0",
        "status: {state: approved, by: dokhae authors,",
        "status: {state: draft} # {state: approved, by: dokhae authors,",
    )
    lesson = load_lesson(SLUG, root=approved_root)
    session = Session(lesson)
    ids = session.exercise_ids()
    assert "grammar-1" in ids and "chart-0" not in ids
    with pytest.raises(UnknownExerciseError):
        session.feedback("chart-0", 3)
    grammar = lesson.exam_items["grammar-1"]
    assert session.answer("grammar-1", CIRCLED[grammar.key - 1]).correct
    assert not session.feedback("grammar-1", grammar.key % 5 + 1).correct
    written = lesson.exam_items["written-grammar-0"]
    half = session.feedback("written-grammar-0", {"ⓒ": "was held", "ⓓ": "sharing"})
    assert (half.status, half.score) == ("partial", 0.5)
    assert half.details == {"ⓒ": True, "ⓓ": False}
    assert check_exam_item(written, {"ⓒ": "was held", "ⓓ": "shared"}).correct


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (2, "correct"),
        ("②", "correct"),
        ("(2)", "correct"),
        ("2", "correct"),
        (3, "wrong"),
        ("", "unanswered"),
        (6, "unanswered"),
        ("two", "unanswered"),
        (True, "unanswered"),
    ],
)
def test_a_five_option_answer(value, status):
    item = load_lesson(SLUG).exam_items["grammar-1"]
    assert item.key == 2
    assert check_exam_item(item, value).status == status


# --------------------------------------------------------------------------- export


def test_export_items_format(approved_root, tmp_path):
    out = tmp_path / "items.json"
    out.write_text("old", encoding="utf-8")
    result = run("export", "items", SLUG, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"Wrote 14 exam items of {SLUG} to " in result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"], doc["lesson"]) == ("dokhae-exam-items", 1, SLUG)
    assert doc["source"]["headline"].startswith("S. Korea, Japan resume dialogue")
    lesson = load_lesson(SLUG)
    sentences = {sid: s.en for sid, s in lesson.article.sentences.items()}
    by_kind = {r["kind"]: r for r in doc["items"]}
    assert set(by_kind) == set(KINDS)
    for record in doc["items"]:
        assert record["passage"]["text"] == " ".join(
            sentences[s] for s in record["passage"]["sentences"]
        )
        assert record["stem"] in record["printed"]
        assert record["status"]["state"] == "approved" and record["proof_problems"] == []
        if record["kind"] in WRITTEN_KINDS:
            assert record["key"] is None and record["answers"] and record["rubric"]["parts"]
            assert record["options"] == []
        else:
            assert len(record["options"]) == 5
            assert record["key_symbol"] == CIRCLED[record["key"] - 1]
    grammar = by_kind["grammar"]
    changed = [m["symbol"] for m in grammar["marks"] if m["printed"] != m["source"]]
    assert changed == [grammar["key_symbol"]]
    assert grammar["proof"]["rule"].startswith("grammar.")
    assert by_kind["order"]["options"][0] == "(A)-(C)-(B)"
    assert by_kind["insertion"]["marks"][0]["role"] == "gap"
    assert by_kind["blank"]["marks"][0]["role"] == "blank"


def test_export_only_approved(approved_root, tmp_path, monkeypatch):
    from dokhae.export import write_items

    edit_item(
        approved_root,
        "chart-0",
        "status: {state: approved, by: dokhae authors,",
        "status: {state: draft} # {state: approved, by: dokhae authors,",
    )
    lesson = load_lesson(SLUG, root=approved_root)
    out = tmp_path / "items.json"
    assert write_items(lesson, out, approved_only=True) == 13
    assert "chart-0" not in {r["id"] for r in json.loads(out.read_text("utf-8"))["items"]}
    assert write_items(lesson, out) == 14


@pytest.mark.parametrize("dash", ["  - ", "- "])
def test_drafts_go_at_the_end_of_the_list_wherever_it_is(tmp_path, dash):
    """A list indented or not, followed by a comment and another key: the new items go
    after the last item, in its indentation; every other byte stays."""
    from dokhae.authoring.exam.bank import add_drafts, bank_items

    shipped = load_lesson(SLUG).exam_items
    pad = " " * (len(dash) - 2)
    text = (
        "schema_version: 2  # mine\n"
        f"lesson: {SLUG}\n"
        "exam_items:\n"
        f"{dash}id: mine\n"
        f"{pad}  kind: title\n"
        f"{pad}  passage: [p1s1]\n"
        f"{pad}  options: [a, b, c, d, e]\n"
        f"{pad}  key: 1\n"
        "\n"
        "# the templates come last\n"
        "templates: []\n"
    )
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    new = [shipped["grammar-1"], shipped["insertion-0"].model_copy(update={"id": "mine"})]
    added = add_drafts(path, new)
    assert added.renamed == {"mine": "mine-2"}
    after = path.read_text(encoding="utf-8")
    head, tail = text.split("\n\n# the templates", 1)
    assert after.startswith(head + "\n") and after.endswith("\n# the templates" + tail)
    assert [b.id for b in bank_items(path)] == ["mine", "grammar-1", "mine-2"]
    assert all(b.item is not None for b in bank_items(path))
    assert yaml.safe_load(after)["templates"] == []
