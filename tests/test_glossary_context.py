"""Every Korean form of the glossary, looked at in context (issue 21).

The reading view finds Korean forms as substrings (협력에 → 협력), so a form that means
something else in another sentence would be glossed there too: 함께 (*jointly* in p1s1)
also stands in p3s1 for "as well as", and 양국 (*bilateral* in p7s1) also means just
"the two countries" in p3s1 and p6s1.

The rule checked here: wherever the reading view glosses a Korean form in a sentence, the
English sentence with the same id contains one of the entry's English ``forms``, or the
entry lists that sentence in ``ko_sentences`` (a teacher's explicit "meant here", for
sentences where the translation uses the word without the English one, such as 한일 for
"S. Korea, Japan" in the headline). ``ko_sentences`` also stops the view from glossing
the form in any other sentence.
"""

from __future__ import annotations

import pytest

from dokhae.terms import find_terms
from dokhae.validation import form_pattern
from dokhae.widgets.reading import ReadingView


def unmeant_glosses(glossary, sentences):
    """``(sentence id, Korean form, entry id)`` for every Korean gloss the rule rejects.

    ``sentences``: the article's sentences by id; every glossary entry is considered (the
    reading view shows at most these, whatever the audience).
    """
    bad = []
    for sid, sentence in sentences.items():
        for term in find_terms(sentence.ko, glossary, "ko", sentence_id=sid):
            entry = term.entry
            in_english = any(form_pattern(form).search(sentence.en) for form in entry.forms)
            if not (in_english or sid in entry.ko_sentences):
                bad.append((sid, sentence.ko[term.start : term.end], entry.id))
    return bad


def test_every_korean_gloss_is_meant_in_its_sentence(lesson):
    assert unmeant_glosses(lesson.glossary, lesson.article.sentences) == []


def _glosses(lesson, sid, entry_id):
    text = lesson.article.sentences[sid].ko
    return [
        text[t.start : t.end + 3]
        for t in find_terms(text, lesson.glossary, "ko", sentence_id=sid)
        if t.entry.id == entry_id
    ]


def test_the_reviews_cases(lesson):
    # jointly: 공동 대응 in p1s1; 함께 ("as well as") in p3s1 is not glossed
    assert _glosses(lesson, "p1s1", "jointly") == ["공동 대응"]
    assert "함께" in lesson.article.sentences["p3s1"].ko
    assert _glosses(lesson, "p3s1", "jointly") == []
    # bilateral: the bilateral energy dialogue, meetings and cooperation, nothing else
    assert _glosses(lesson, "c1", "bilateral") == ["양국 에너"]
    assert _glosses(lesson, "p2s1", "bilateral") == ["양국 경제"]
    assert _glosses(lesson, "p7s1", "bilateral") == ["양국 간 협력"]
    for sid in ("p3s1", "p6s1"):  # 양국 정부 (the two governments), 양국 간 철강 교역 (their trade)
        assert "양국" in lesson.article.sentences[sid].ko
        assert _glosses(lesson, sid, "bilateral") == [], sid


def test_the_rule_catches_a_form_that_means_something_else(lesson):
    """The check can fail: the old glossary rows are rejected, naming the sentences."""
    old_jointly = lesson.entry("jointly").model_copy(update={"ko_forms": ("함께",)})
    old_bilateral = lesson.entry("bilateral").model_copy(update={"ko_sentences": ()})
    glossary = [
        old_jointly if e.id == "jointly" else old_bilateral if e.id == "bilateral" else e
        for e in lesson.glossary
    ]
    bad = unmeant_glosses(glossary, lesson.article.sentences)
    assert ("p3s1", "함께", "jointly") in bad
    assert ("p3s1", "양국", "bilateral") in bad
    assert ("p6s1", "양국 간", "bilateral") in bad


def test_ko_sentences_only_apply_when_the_sentence_is_known(lesson):
    """Without a sentence id (an example sentence, a card) the forms are found as before."""
    assert [t.entry.id for t in find_terms("양국 정부", [lesson.entry("bilateral")], "ko")] == [
        "bilateral"
    ]
    assert find_terms("양국 정부", [lesson.entry("bilateral")], "ko", sentence_id="p3s1") == []


@pytest.mark.parametrize(
    ("sid", "absent", "present"),
    [
        ("p3s1", ["jointly", "bilateral"], ["working-level"]),
        ("p6s1", ["bilateral"], ["beef-up"]),
        ("p7s1", [], ["bilateral"]),
    ],
)
def test_the_reading_view_follows_the_rule(lesson, sid, absent, present):
    view = ReadingView(lesson, lang="en", direction="ko", audience=None)
    view.go(next(i for i, p in enumerate(view.pages) if sid in [s.id for s in p.sentences]))
    for entry_id in absent:
        assert view.term_buttons(entry_id) == [], entry_id
    for entry_id in present:
        assert view.term_buttons(entry_id), entry_id


@pytest.mark.parametrize(
    ("old", "new", "message", "value"),
    [
        (
            ",양국 간; 양국,c1; p2s1; p7s1,",
            ",양국 간; 양국,c1; p2s1; p7s1; p3s9,",
            "no sentence with this id",
            "p3s9",
        ),
        (
            ",양국 간; 양국,c1; p2s1; p7s1,",
            ",양국 간; 양국,c1; p2s1; p7s1; h1,",
            "no ko_forms of this entry occur",
            "h1",
        ),
        (
            ",양국 간; 양국,c1; p2s1; p7s1,",
            ",양국 간; 양국,c1; p2s1,",
            "the example's sentence is missing",
            "c1; p2s1",
        ),
    ],
)
def test_dokhae_check_validates_ko_sentences(tmp_path, old, new, message, value):
    """A wrong ``ko_sentences`` cell is reported with file, line, field, value and fix."""
    import shutil

    from dokhae import validate
    from dokhae.loading import content_root

    for folder in ("articles", "glossary", "exercises"):
        shutil.copytree(content_root() / folder, tmp_path / folder)
    glossary = tmp_path / "glossary" / "steel-dialogue-2023.csv"
    text = glossary.read_text(encoding="utf-8")
    assert text.count(old) == 1
    glossary.write_text(text.replace(old, new), encoding="utf-8")
    problems = [p for p in validate(tmp_path).problems if p.field == "ko_sentences"]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert message in problem.message and problem.value == value and problem.fix
    assert problem.file.endswith("steel-dialogue-2023.csv") and problem.line == 19
