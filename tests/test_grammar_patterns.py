"""Grammar patterns as glossary entries of their own kind (issue 25 point 3).

The endings and fixed expressions of news Korean (-다고 밝히다, -기로 하다, -기 위해,
-(으)ㄴ 가운데, N년 만에, 제N차) are glossary rows with pos ``grammar``: ``dokhae check``
knows the kind, and ``lesson new --from-korean`` proposes them from Kiwi's endings.
"""

from __future__ import annotations

import shutil

import pytest

from dokhae import validate
from dokhae.loading import content_root

SHIPPED = {  # pattern -> the text it stands in, in the shipped translation
    "N년 만에": ("5년 만에",),
    "-기 위해": ("기 위해",),
    "-다고 밝히다": ("다고", "다”고"),
    "제N차": ("제20차",),
    "-(으)ㄴ 가운데": ("된 가운데",),
    "-기로 하다": ("기로",),
}
WRITTEN = {  # patterns the teacher writes (Kiwi's endings do not give them)
    "명사로 끝나는 제목": ("재개",),  # the headline's noun ending (issue 25 point 11)
}


def test_the_shipped_lesson_has_the_grammar_patterns_of_its_korean_text(lesson):
    grammar = {e.korean: e for e in lesson.glossary if e.pos == "grammar"}
    assert set(grammar) == set(SHIPPED) | set(WRITTEN)
    korean = "\n".join(s.ko for s in lesson.article.sentences.values())
    for pattern, entry in grammar.items():
        assert entry.audience == "ko" and entry.definition and entry.notes, pattern
        assert set(entry.ko_forms) == set({**SHIPPED, **WRITTEN}[pattern])
        assert all(form in korean for form in entry.ko_forms)
        assert any("가" <= ch <= "힣" for ch in entry.notes), "the Korean explanation"


def _copy(tmp_path):
    for folder in ("articles", "glossary", "exercises"):
        shutil.copytree(content_root() / folder, tmp_path / folder)
    return tmp_path / "glossary" / "steel-dialogue-2023.csv"


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (",제20차,,", ",,,", "ko_forms", "needs the text it stands for"),
        ("je-N-cha,,第次,ko,", "je-N-cha,,第次,both,", "audience", "for learners of Korean"),
        (",X said (that) ...,said,grammar,", ",X said (that) ...,said,gramar,", "pos", ""),
    ],
)
def test_dokhae_check_knows_the_grammar_kind(tmp_path, old, new, field, message):
    glossary = _copy(tmp_path)
    text = glossary.read_text(encoding="utf-8")
    assert validate(tmp_path).errors == []
    assert text.count(old) == 1
    glossary.write_text(text.replace(old, new), encoding="utf-8")
    problems = [p for p in validate(tmp_path).errors if p.field == field]
    assert len(problems) == 1, validate(tmp_path).problems
    assert message in problems[0].message and problems[0].fix
    assert problems[0].file.endswith("steel-dialogue-2023.csv") and problems[0].line


def test_grammar_candidates_find_the_shipped_patterns(lesson):
    pytest.importorskip("kiwipiepy")
    from dokhae.authoring.korean import grammar_candidates

    sentences = [(s.id, s.ko) for s in lesson.article.sentences.values()]
    found = {c.lemma: c for c in grammar_candidates(sentences)}
    assert {k: v.forms for k, v in found.items()} == SHIPPED
    assert all(c.pos == "grammar" for c in found.values())
    assert (
        found["-다고 밝히다"].count == 2 and found["-다고 밝히다"].romanization == "-dago balkida"
    )
    assert found["N년 만에"].sentence_id == "h1"


def test_grammar_candidates_name_the_variant_met(lesson):
    pytest.importorskip("kiwipiepy")
    from dokhae.authoring.korean import grammar_candidates

    text = "정부가 규제를 강화하는 가운데 3개월 만에 제5회 회의를 열기로 했다고 전했다."
    assert {c.lemma: c.forms for c in grammar_candidates([("s1", text)])} == {
        "-는 가운데": ("는 가운데",),
        "N개월 만에": ("3개월 만에",),
        "제N회": ("제5회",),
        "-기로 하다": ("기로",),
        "-다고 전하다": ("다고",),
    }
    assert grammar_candidates([("s1", "회의가 열렸다.")]) == []


def test_lesson_new_from_korean_proposes_the_grammar_patterns(lesson, tmp_path):
    pytest.importorskip("kiwipiepy")
    import csv

    from dokhae.authoring.draft import draft_lesson, lesson_paths

    source = tmp_path / "기사.txt"
    body = "\n\n".join(s.ko for s in lesson.article.sentences.values() if s.id != "h1")
    source.write_text(lesson.article.sentences["h1"].ko + "\n\n" + body + "\n", encoding="utf-8")
    root = tmp_path / "content"
    draft_lesson("grammar-draft", source, root=root, language="ko", limit=5)
    path = lesson_paths(root, "grammar-draft")["glossary"]
    with path.open(encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["pos"] == "grammar"]
    assert {r["ko"]: tuple(r["ko_forms"].split("; ")) for r in rows} == SHIPPED
    assert all(r["audience"] == "ko" and r["id"].startswith("grammar-") for r in rows)
    assert "grammar-dago-balkida" in {r["id"] for r in rows}


def test_lesson_forms_keeps_grammar_rows_and_gives_no_row_another_rows_form(tmp_path):
    """``dokhae lesson forms`` (also with ``--row``) leaves a grammar pattern's text and
    romanization as written, and does not give *emission* the form 배출량 that the row
    ko-baechullyang glosses (the neighbour the review found would come back)."""
    pytest.importorskip("kiwipiepy")
    from dokhae.authoring.forms import compute_forms

    glossary = _copy(tmp_path)
    before = glossary.read_text(encoding="utf-8")
    compute_forms("steel-dialogue-2023", tmp_path)
    assert glossary.read_text(encoding="utf-8") == before
    rows = ["grammar-dago-balkida", "grammar-eun-gaunde", "emission", "ministry", "steelmaker"]
    compute_forms("steel-dialogue-2023", tmp_path, rows=rows)
    assert glossary.read_text(encoding="utf-8") == before
