"""Issue 24, points 13 and 14 (the rest of a Korean teacher's first hour): a README for
teachers and students, with the developer and benchmark text in docs/developing.md; one
word for "not given"; `lesson status` that does not send the teacher back to `lesson
forms` for rows it already did. (Accepted answers and all-or-nothing credit:
test_teacher_grade_options.py; `--gaps N`: test_worksheet_gap_limit.py.)"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from dokhae import i18n
from dokhae.authoring import draft_lesson, lesson_status
from dokhae.authoring.forms import compute_forms

ROOT = Path(__file__).resolve().parent.parent
SECOND = Path(__file__).parent / "data" / "second-article"

# --------------------------------------------------------------------------- point 13: README


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_starts_a_newcomer_with_exactly_two_commands():
    readme = _readme()
    start = readme.index("## Start")
    block = re.search(r"```sh\n(.*?)```", readme[start:], re.DOTALL)
    assert block is not None
    commands = [ln.split("#")[0].strip() for ln in block.group(1).splitlines() if ln.strip()]
    assert commands == ["make lab", "make test"]
    assert "JupyterLab" in block.group(1) and "test" in block.group(1)


def test_the_readme_speaks_to_teachers_and_students_and_links_the_developer_page():
    readme = _readme()
    for developer_words in ("PSS", "RSS", "95th percentile", "nbval", ".ci/run", "ruff", "mypy"):
        assert developer_words not in readme, developer_words
    assert "(docs/developing.md)" in readme
    developing = (ROOT / "docs" / "developing.md").read_text(encoding="utf-8")
    for moved in ("PSS", "95th percentile", "nbval", ".ci/run", "make check"):
        assert moved in developing, moved


def test_the_readme_documents_the_google_classroom_cycle():
    readme = _readme()
    section = readme[readme.index("Google Classroom") :]
    assert "answers (1).json" in section and "--accept" in readme and "--no-partial" in readme


# --------------------------------------------------------------------------- point 14d


def test_not_given_has_one_korean_word_in_the_key_and_its_explanations(lesson):
    label = i18n.t("true_false_not_given.not_given", "ko")
    assert label == "언급 없음"
    tfng = [q for q in lesson.questions.values() if q.type == "true_false_not_given"]
    not_given = [q for q in tfng if q.answer == "not_given"]
    assert len(not_given) >= 3
    for q in not_given:
        assert q.explanation.ko.startswith(f"'{label}'입니다."), q.id
    for q in tfng:
        for text in (q.prompt.ko, q.explanation.ko):
            assert "알 수 없음입니다" not in text and "'알 수 없음'" not in text, q.id


# --------------------------------------------------------------------------- point 14e


def _gloss_every_row(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for i, row in enumerate(rows):
        row["ko"] = "수출" if i % 2 == 0 else "없는낱말"  # the second is in no Korean sentence
        row["definition"] = "a word of the article"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def test_status_sends_to_lesson_forms_only_rows_it_has_not_filled(tmp_path):
    root = tmp_path / "content"
    draft_lesson(
        "plain", SECOND / "article.en.txt", root=root, korean=SECOND / "article.ko.txt", limit=5
    )
    _gloss_every_row(root / "glossary" / "plain.csv")
    before = lesson_status("plain", root)
    assert any("lesson forms plain" in step for step in before.next_steps())
    assert any("lesson forms plain" in note for note in before.notes)
    compute_forms("plain", root=root)
    after = lesson_status("plain", root)
    said = [*after.next_steps(), *after.notes]
    assert not any("run `dokhae lesson forms" in line for line in said), said
    [note] = [n for n in after.notes if "ko_forms" in n]
    assert "does not occur in article.ko.md" in note and "write in ko_forms" in note
