"""Drafting 수능·내신 items from three articles; every key recomputed here, apart from the generator.

The articles: the shipped lesson (steel-dialogue-2023), the test lesson's article
(tests/data/second-article, see test_second_lesson.py) and tests/data/exam-article, an
original news-style text written for these tests (no quotation attributed to anyone).
Its facts come from the project's fact sheet (shared/reference/cbam-facts.md): Japan's
GX-ETS mandatory from fiscal 2026 for emitters of 100,000 t CO2 a year or more, about
300-400 companies and some 60 % of national emissions, steel included, free allowances,
a price ceiling and floor, 10 % above the ceiling for a firm short of allowances, revised
GX Promotion Act enacted on 28 May 2025, voluntary phase from fiscal 2023, a fossil-fuel
levy from fiscal 2028 and paid auctions for power generators from fiscal 2033 (§5.3);
the Tax for Climate Change Mitigation at ¥289 per t CO2, in full from 1 April 2016, coal
for steelmaking apparently exempt (§5.3, status uncertain: the text says "appears"); the
CBAM definitive period from 1 January 2026, the Art. 9 draft of 13 May 2026 counting free
allocation as a rebate (§3, §1), the first CBAM price of EUR 75.36 for Q1 2026 published
on 7 April 2026 and certificate sales from February 2027 (§2).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("lemminflect")

from dokhae import load_lesson
from dokhae.answers.rubric import grade_rubric as grade
from dokhae.authoring import segment_article
from dokhae.authoring.exam import GENERATED, STUBS, ArticleText, draft_items
from dokhae.exam.chart import chart_png
from dokhae.exam.items import KINDS, LETTERED, ORDERS, STEMS
from dokhae.exam.printed import printed
from dokhae.exam.proofs import problems
from dokhae.lesson import TODO_MARKER
from dokhae.reference import reference_table

DATA = Path(__file__).parent / "data"
CONTRASTS = Path(__file__).parents[1] / "src" / "dokhae" / "data" / "contrasts.txt"


def _plain(path: Path) -> ArticleText:
    return ArticleText.from_sentences(segment_article(path.read_text(encoding="utf-8")).sentences())


ARTICLES = {
    "shipped": lambda: ArticleText.of(load_lesson("steel-dialogue-2023")),
    "second": lambda: _plain(DATA / "second-article" / "article.en.txt"),
    "third": lambda: _plain(DATA / "exam-article" / "article.en.txt"),
}


@pytest.fixture(scope="module", params=sorted(ARTICLES))
def article(request) -> ArticleText:
    return ARTICLES[request.param]()


@pytest.fixture(scope="module", params=[0, 1, 2])
def drafted(request, article):
    return article, draft_items(article, seed=request.param)


# ---------------------------------------------------------------- independent recomputation


def _source(article: ArticleText, span) -> str:
    return article.en[span.sentence][span.start : span.end]


def _insertion(article, item):
    rest = [s for s in item.passage if s != item.sentence]
    gap = item.gaps[item.key - 1]
    at = len(rest) if gap == "end" else rest.index(gap)
    assert rest[:at] + [item.sentence] + rest[at:] == list(item.passage)
    for n, g in enumerate(item.gaps, start=1):  # every other gap gives another text
        if n != item.key:
            i = len(rest) if g == "end" else rest.index(g)
            assert rest[:i] + [item.sentence] + rest[i:] != list(item.passage)


def _order(article, item):
    rebuilt = [
        n
        for n, order in enumerate(ORDERS, start=1)
        if list(item.opening) + [s for label in order for s in item.chunks[label]]
        == list(item.passage)
    ]
    assert rebuilt == [item.key]
    assert ("A", "B", "C") not in ORDERS and len(set(ORDERS)) == 5


_SHAPES = {
    "agreement": lambda o, c: (
        {o, c} in ({"is", "are"}, {"was", "were"}, {"has", "have"})
        or max(o, c, key=len) in (min(o, c, key=len) + "s", min(o, c, key=len) + "es")
    ),
    "participle": lambda o, c: o.endswith("ing") != c.endswith("ing"),
    "that_what": lambda o, c: {o, c} == {"that", "what"},
    "adjective_adverb": lambda o, c: o.endswith("ly") and not c.endswith("ly"),
    "finite_verbal": lambda o, c: c.endswith("ing") and not o.endswith("ing"),
    "tense": lambda o, c: c.split()[0] in ("has", "have") and o.split()[0] not in ("has", "have"),
}


def _changed(article, marks):
    return [n for n, m in enumerate(marks, start=1) if m.text != _source(article, m)]


def _grammar(article, item):
    assert _changed(article, item.marks) == [item.key]
    mark = item.marks[item.key - 1]
    rule = item.proof.rule.split(".")[1]
    assert _SHAPES[rule](_source(article, mark).lower(), mark.text.lower())


def _vocabulary(article, item):
    assert _changed(article, item.marks) == [item.key]
    pair = re.search(r"pair (\S+)/(\S+)", item.proof.note).groups()
    lines = {
        tuple(x.strip() for x in line.split("|")[:2])
        for line in CONTRASTS.read_text().splitlines()
        if "|" in line and not line.startswith("#")
    }
    assert pair in lines or pair[::-1] in lines
    assert _source(article, item.marks[item.key - 1]) == item.proof.original


_OPS = {
    "greater": lambda a, b, x: a > b,
    "less": lambda a, b, x: a < b,
    "times_more": lambda a, b, x: a > x * b,
    "gap_more": lambda a, b, x: abs(a - b) > x,
}


def _chart(article, item):
    reference = reference_table().set_index("key")["value"]
    values = {r.key: r.value for r in item.table.rows}
    for key, value in values.items():  # the chart shows the reference data
        ref = reference.get(f"cbam_factor_{key}", reference.get(f"default_7208_{key}_2026"))
        assert value == pytest.approx(ref * 100 if item.table.unit == "%" else ref)
    truth = []
    for s in item.statements:
        c = s.claim
        if c.op in ("highest", "lowest"):
            pick = max if c.op == "highest" else min
            truth.append(values[c.a] == pick(values.values()))
        else:
            truth.append(_OPS[c.op](values[c.a], values[c.b], c.amount))
    assert [n for n, t in enumerate(truth, start=1) if not t] == [item.key]
    assert chart_png(item.table)[:8] == b"\x89PNG\r\n\x1a\n"


def _facts(article, item):
    for n, s in enumerate(item.statements, start=1):
        source = article.en[s.sentence]
        if n != item.key:
            assert s.en == source
            continue
        a, b = source.split(), s.en.split()
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        assert len(a) == len(b) and len(diff) == 1
        assert item.proof.original in diff[0][0] and item.proof.changed in diff[0][1]
        assert re.search(rf"\b{re.escape(item.proof.changed)}\b", source) is None


def _written_grammar(article, item):
    changed = _changed(article, item.marks)
    assert len(changed) == 2
    assert sorted(p.label for p in item.rubric.parts) == sorted(LETTERED[n - 1] for n in changed)
    answers = {p.label: p.answer for p in item.rubric.parts}
    for n in changed:
        assert answers[LETTERED[n - 1]] == _source(article, item.marks[n - 1])
    assert grade(item.rubric, answers).points == item.rubric.total
    assert (
        grade(item.rubric, {LETTERED[n - 1]: item.marks[n - 1].text for n in changed}).points == 0
    )


def _written_arrange(article, item):
    answer = _source(article, item.gap)
    assert item.rubric.parts[0].answer == answer
    assert len(item.words) == len(answer.split())
    assert (
        sorted(item.words) != sorted(answer.split())
        or "필요시 어형을 바꿀 것" not in item.conditions
    )
    assert grade(item.rubric, answer).points == item.rubric.total
    assert grade(item.rubric, " ".join(item.words)).points < item.rubric.total


def _written_blank(article, item):
    answer = _source(article, item.gap)
    assert item.rubric.parts[0].answer == answer
    elsewhere = any(
        re.search(rf"\b{answer}\b", article.en[s]) for s in item.passage if s != item.gap.sentence
    )
    assert item.first_letter == (not elsewhere)


def _title(article, item):
    assert item.options[item.key - 1] == article.headline
    assert item.todo and sum(bool(TODO_MARKER.search(o)) for o in item.options) == 4


def _blank(article, item):
    assert item.options[item.key - 1] == _source(article, item.gap)
    assert item.todo


def _stub(article, item):
    assert item.todo and item.status.state == "draft"


CHECKS = {
    "insertion": _insertion,
    "order": _order,
    "grammar": _grammar,
    "vocabulary": _vocabulary,
    "chart": _chart,
    "facts": _facts,
    "written_grammar": _written_grammar,
    "written_arrange": _written_arrange,
    "written_blank": _written_blank,
    "title": _title,
    "blank": _blank,
    "summary": _stub,
    "irrelevant": _stub,
    "written_summary": _stub,
}


def test_at_least_six_proven_kinds_on_every_article(drafted):
    _article, draft = drafted
    proven = [k for k in draft.kinds if k in GENERATED]
    assert len(proven) >= 6, draft.refused
    assert set(draft.kinds) | {r.kind for r in draft.refused} == set(KINDS)


def test_every_key_is_proven_again_here(drafted):
    article, draft = drafted
    for item in draft.items:
        CHECKS[item.kind](article, item)
        assert problems(item, article.en) == []
        assert item.status.state == "draft"
        assert set(item.passage) <= set(article.body)


def test_items_print_with_their_stem_and_numbers(drafted):
    article, draft = drafted
    for item in draft.items:
        text = printed(item, article.en)
        assert text.startswith(item.stem)
        if item.kind in ("grammar", "vocabulary"):
            assert all(f"{c}[" in text for c in "①②③④⑤")
            assert f"{'①②③④⑤'[item.key - 1]}[{item.marks[item.key - 1].text}]" in text
        if item.kind == "written_grammar":
            assert all(f"{c}[" in text for c in LETTERED)
        if item.kind == "insertion":
            assert all(f"( {c} )" in text for c in "①②③④⑤") and article.en[item.sentence] in text
        if item.kind == "order":
            assert "(A)-(C)-(B)" in text and "(A)-(B)-(C)" not in text


def test_korean_statement_carries_the_changed_fact():
    lesson = ARTICLES["shipped"]()
    drafted = [draft_items(lesson, kinds=("facts",), seed=s).items[0] for s in range(6)]
    with_korean = [i for i in drafted if i.statements[i.key - 1].ko]
    assert with_korean
    for item in with_korean:
        statement = item.statements[item.key - 1]
        assert statement.ko != lesson.ko[statement.sentence]
        digits = re.sub(r"\D", "", item.proof.changed)
        assert digits in statement.ko if digits else re.search(r"\d+월", statement.ko)


def test_passages_are_the_articles_text_in_order(drafted):
    article, draft = drafted
    for item in draft.items:
        positions = [article.body.index(s) for s in item.passage]
        assert (
            positions == list(range(positions[0], positions[0] + len(positions)))
            if positions
            else True
        )


def test_same_seed_same_items_other_seeds_other_items(article):
    a, b = draft_items(article, seed=7), draft_items(article, seed=7)
    assert a.items == b.items
    others = {draft_items(article, seed=s).yaml() for s in range(3)}
    assert len(others) > 1


def test_stems_are_printed_exactly(article):
    draft = draft_items(article, seed=0)
    stems = {i.kind: i.stem for i in draft.items}
    assert (
        stems["insertion"]
        == "글의 흐름으로 보아, 주어진 문장이 들어가기에 가장 적절한 곳을 고르시오."
    )
    assert stems["order"] == "주어진 글 다음에 이어질 글의 순서로 가장 적절한 것을 고르시오."
    assert stems["grammar"] == "다음 글의 밑줄 친 부분 중, 어법상 틀린 것은?"
    assert stems["chart"] == STEMS["chart"] == "다음 도표의 내용과 일치하지 않는 것은?"
    assert (
        stems["written_grammar"]
        == "다음 글의 밑줄 친 ⓐ~ⓔ 중 어법상 틀린 것을 2개 찾아 그 기호를 쓰고 바르게 고쳐 쓰시오."
    )


def test_draft_yaml_loads_back_as_the_same_items(article):
    import yaml
    from pydantic import TypeAdapter

    from dokhae.exam.items import EXAM_ITEMS_KEY, ExamItem

    draft = draft_items(article, seed=1)
    data = yaml.safe_load(draft.yaml())
    assert TypeAdapter(list[ExamItem]).validate_python(data[EXAM_ITEMS_KEY]) == list(draft.items)


def test_a_tiny_lesson_is_refused_with_reasons_not_invented():
    mini = load_lesson("mini-lesson", root=DATA / "mini")
    draft = draft_items(mini, kinds=("insertion", "order", "grammar", "facts", "chart"), seed=0)
    refused = {r.kind: r.reason for r in draft.refused}
    assert "insertion" in refused and "at least 7" in refused["insertion"]
    assert "order" in refused and "grammar" in refused
    assert {i.kind for i in draft.items} <= {"facts", "chart"}
    for item in draft.items:
        assert problems(item, ArticleText.of(mini).en) == []


def test_unknown_kinds_and_tables_are_named():
    with pytest.raises(ValueError, match="unknown exam item kinds"):
        draft_items(ARTICLES["shipped"](), kinds=("cloze",))
    with pytest.raises(ValueError, match="choose from cbam_factor, default_values"):
        draft_items(ARTICLES["shipped"](), kinds=("chart",), table="prices")


def test_an_untranslated_english_sentence_stops_drafting():
    from dokhae.lesson import UNTRANSLATED_EN, Paragraph

    mini = load_lesson("mini-lesson", root=DATA / "mini")
    body = mini.article.paragraphs[-1]
    todo = body.sentences[0].model_copy(update={"en": UNTRANSLATED_EN})
    paragraphs = (
        *mini.article.paragraphs[:-1],
        Paragraph(id=body.id, sentences=(todo, *body.sentences[1:])),
    )
    article = mini.article.model_copy(update={"paragraphs": paragraphs})
    with pytest.raises(ValueError, match=f"untranslated sentences \\({todo.id}\\)"):
        draft_items(article)


def test_plain_sentences_are_normalised_to_nfc():
    decomposed = "The cafe\u0301 owners met on Monday. They agreed."
    article = ArticleText.from_sentences([("h1", "Title"), ("p1s1", decomposed)])
    assert article.en["p1s1"] == "The café owners met on Monday. They agreed."


def test_stubs_are_only_the_kinds_a_program_cannot_make():
    assert set(GENERATED) | set(STUBS) == set(KINDS) and not set(GENERATED) & set(STUBS)
