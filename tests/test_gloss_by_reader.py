"""Each reader gets the note and pronunciation of the word they read (issue 25 points 1,
10 and 11): ``notes`` is on the English word (for Korean students of English),
``ko_notes`` on the Korean word (for learners of Korean), ``pronunciation`` is the
Korean word's standard pronunciation in Hangul where it differs from the spelling.
Also the headline's noun ending as a grammar pattern, and Korean-sentence Anki clozes.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from html import escape

import pytest

from dokhae import validate
from dokhae.export.apkg import anki_deck, write_anki
from dokhae.loading import content_root
from dokhae.progress import ProgressStore
from dokhae.session import Session
from dokhae.validation import load_lesson
from dokhae.widgets.reading import ReadingView, gloss_html
from dokhae.widgets.vocabulary import MatchingGame, ReviewSession, TypedRecall
from dokhae.widgets.vocabulary.cards import card_html

SLUG = "steel-dialogue-2023"


def _glosses(view: ReadingView):
    """(entry, gloss HTML) of every highlighted term on every page of ``view``."""
    for index in range(len(view.pages)):
        view.go(index)
        for term in view.terms:
            entry_id = next(c for c in term._dom_classes if c.startswith("dokhae-term-"))
            term.click()
            yield view.lesson.entry(entry_id.removeprefix("dokhae-term-")), view.gloss.value
            term.click()


def _note(gloss: str) -> str:
    found = re.search(r'dokhae-gloss-note"><b>[^<]*</b> <span lang="en">([^<]*)</span>', gloss)
    return found.group(1) if found else ""


def test_the_korean_reader_reads_the_note_on_the_korean_word(lesson):
    view = ReadingView(lesson, lang="en", direction="ko")
    seen = 0
    for entry, gloss in _glosses(view):
        if entry.pos == "grammar":
            continue
        assert _note(gloss) == escape(entry.ko_notes), entry.id
        if entry.notes and entry.notes not in entry.ko_notes:  # some facts are for both
            assert escape(entry.notes) not in gloss, entry.id
        seen += bool(entry.ko_notes)
    assert seen > 30
    steel_industry = lesson.entry("ko-cheolgangeopgye")
    gloss = gloss_html(steel_industry, "ko", "en", form="철강업계")
    assert "-업체 (業體) = one company" in gloss and "American spelling" not in gloss
    dialogue = gloss_html(lesson.entry("dialogue"), "ko", "en", form="대화")
    assert "철강협의회" in dialogue and "dialog box" not in dialogue


def test_the_english_reader_reads_the_note_on_the_english_word(lesson):
    view = ReadingView(lesson, lang="en", direction="en", audience=None)
    for entry, gloss in _glosses(view):
        if entry.pos == "grammar":  # their notes are their Korean explanation
            continue
        assert _note(gloss) == escape(entry.notes), entry.id
        if entry.ko_notes and entry.ko_notes not in entry.notes:
            assert escape(entry.ko_notes) not in gloss, entry.id
        assert "dokhae-gloss-pronunciation" not in gloss  # Korean students need none
    dialogue = gloss_html(lesson.entry("dialogue"), "en", "en")
    assert "&#x27;dialog&#x27; is a variant" in dialogue and "철강협의회" not in dialogue
    aluminum = gloss_html(lesson.entry("aluminum"), "en", "en")
    assert "American spelling" in aluminum


def test_the_pronunciation_is_shown_only_where_it_differs_from_the_spelling(lesson):
    view = ReadingView(lesson, lang="en", direction="ko")
    shown = {}
    for entry, gloss in _glosses(view):
        said = re.search(r'dokhae-gloss-pronunciation"[^>]*>([^<]*)<', gloss)
        if said:
            shown[entry.id] = said.group(1)
        else:
            head = gloss.split("</div>")[0]
            read = f'<b lang="ko">{escape(entry.korean)}</b>' in head and "noun;" not in head
            assert not entry.pronunciation or entry.pos == "grammar" or not read, entry.id
    assert shown["regular"] == "[정녜]" and shown["ko-hyeomnyeok"] == "[혐녁]"
    assert shown["join-hands"] == "[소늘 맏짭따]"
    assert "ko-cheolgang" not in shown and "ko-baechullyang" not in shown  # said as spelt
    # the shipped cells: only where the pronunciation differs from the spelling
    for entry in lesson.glossary:
        if entry.pronunciation:
            first = entry.pronunciation[1:-1].split("/")[0].replace("~", "").split()
            assert first != entry.korean.replace("~", "").split(), entry.id


def test_a_bare_noun_is_named_as_the_noun_of_its_verb(lesson):
    """The headline's 재개 is the noun, not a form of 재개하다 (the review, point 11)."""
    resume = lesson.entry("resume")
    head = gloss_html(resume, "ko", "en", form="재개").split("</div>")[0]
    assert ">재개</b>" in head and "noun; the verb is 재개하다" in head
    assert "dictionary form" not in head and "→" not in head
    conjugated = gloss_html(resume, "ko", "en", form="재개했다").split("</div>")[0]
    assert '→ <b lang="ko">재개하다</b>' in conjugated and "noun" not in conjugated


def test_the_headline_noun_ending_is_a_grammar_pattern_on_재개(lesson):
    view = ReadingView(lesson, lang="en", direction="ko")
    view.go(0)
    (term,) = view.term_buttons("grammar-headline-noun")
    assert term.description == "재개" and "dokhae-grammar" in term._dom_classes
    assert not view.term_buttons("resume")  # the pattern explains the word there
    term.click()
    gloss = view.gloss.value
    assert 'In the text:</b> <span lang="ko">재개</span>' in gloss
    assert "재개하다" in gloss and "재개했다" in gloss and "dictionary form" not in gloss
    assert "명사로 끝나는 제목" in gloss.split("</div>")[0]


@pytest.mark.parametrize("reader", ["en", "ko"])
@pytest.mark.parametrize("direction", ["en-ko", "ko-en"])
def test_card_backs_carry_the_readers_note(lesson, reader, direction):
    vow = lesson.entry("vow")
    back = card_html(vow, direction, "back", "en", reader=reader)
    front = card_html(vow, direction, "front", "en", reader=reader)
    mine, other = (vow.ko_notes, vow.notes) if reader == "ko" else (vow.notes, vow.ko_notes)
    assert escape(mine) in back and escape(other) not in back
    assert escape(mine) not in front
    join = card_html(lesson.entry("join-hands"), direction, "back", "en", reader=reader)
    assert ("[소늘 맏짭따]" in join) == (reader == "ko")


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "progress.db") as store:
        yield store


@pytest.mark.parametrize("reader", ["en", "ko"])
def test_review_recall_and_matching_show_the_readers_note(lesson, store, reader):
    session = Session(lesson, store=store, direction=reader)
    vow = lesson.entry("vow")
    mine, other = (vow.ko_notes, vow.notes) if reader == "ko" else (vow.notes, vow.ko_notes)

    review = ReviewSession(session, cards=["vow:ko-en", "vow:en-ko"], lang="en")
    for _ in range(2):  # both directions: the learner's note on the back of each
        assert review.card is not None and review.card.startswith("vow:")
        assert escape(mine) in review.back.value and escape(other) not in review.back.value
        review.rate("easy")

    recall = TypedRecall(session, lang="en", order="glossary")
    recall.go([e.id for e in recall.entries].index("vow"))
    feedback = recall.check()
    assert mine in feedback.explanation.en and other not in feedback.explanation.en

    game = MatchingGame(session, lang="en", order="glossary", size=100)
    game.reveal()
    notes = game.feedback_area.value
    assert escape(mine) in notes and escape(other) not in notes


def _copy(tmp_path):
    for folder in ("articles", "glossary", "exercises"):
        shutil.copytree(content_root() / folder, tmp_path / folder)
    return tmp_path / "glossary" / f"{SLUG}.csv"


@pytest.mark.parametrize(
    ("said", "severity", "message"),
    [
        ("정녜", "error", "Hangul between brackets"),
        ("[jeongnye]", "error", "Hangul between brackets"),
        ("[정녜녜]", "error", "3 syllables"),
        ("[정녜/정]", "error", "1 syllables"),
        ("[정례]", "warning", "the same as the spelling"),
    ],
)
def test_dokhae_check_knows_a_pronunciation(tmp_path, said, severity, message):
    glossary = _copy(tmp_path)
    text = glossary.read_text(encoding="utf-8")
    assert validate(tmp_path).problems == []
    assert text.count(",jeongnye,[정녜],定例,") == 1
    glossary.write_text(text.replace(",jeongnye,[정녜],定例,", f",jeongnye,{said},定例,"), "utf-8")
    problems = [p for p in validate(tmp_path).problems if p.field == "pronunciation"]
    assert len(problems) == 1, validate(tmp_path).problems
    (problem,) = problems
    assert problem.severity == severity and message in problem.message and problem.fix
    assert problem.file.endswith(f"{SLUG}.csv") and problem.line == 6 and problem.value == said


def _rewrite(glossary, change):
    with glossary.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    header, rows = change(list(rows[0]), rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    glossary.write_text(out.getvalue(), encoding="utf-8")


def test_a_glossary_from_before_the_new_columns_loads_and_is_told_the_fix(tmp_path):
    """An older lesson: no pronunciation or ko_notes column, its Korean-side notes in
    notes. It loads; dokhae check points each Korean row's note to ko_notes."""
    glossary = _copy(tmp_path)

    def older(header, rows):
        for row in rows:
            if row["audience"] == "ko" and row["pos"] != "grammar":
                row["notes"] = row["ko_notes"]
        return [h for h in header if h not in ("pronunciation", "ko_notes")], rows

    _rewrite(glossary, older)
    report = validate(tmp_path)
    assert report.errors == []
    moved = [p for p in report.warnings if p.field == "notes"]
    assert moved and all("ko_notes" in p.fix and p.line for p in moved)
    lesson = load_lesson(SLUG, tmp_path)
    steel = lesson.entry("ko-cheolgang")
    assert steel.pronunciation == "" and steel.ko_notes == "" and "강철" in steel.notes
    assert gloss_html(lesson.entry("regular"), "ko", "en", form="정례").count("[정녜]") == 0


def test_a_korean_note_on_a_row_learners_of_korean_never_see_is_flagged(tmp_path):
    glossary = _copy(tmp_path)

    def note_on_hiatus(header, rows):
        rows[0]["ko_notes"] = "공백 = a blank"
        return header, rows

    _rewrite(glossary, note_on_hiatus)
    (problem,) = [p for p in validate(tmp_path).problems if p.field == "ko_notes"]
    assert problem.severity == "warning" and "audience en" in problem.message
    assert problem.line == 2


def test_korean_sentences_become_clozes_for_learners_of_korean(lesson, tmp_path):
    deck = anki_deck(lesson)
    korean = [n for n in deck.notes if "korean" in n.tags]
    ko_side = {e.id for e in lesson.glossary if e.audience != "en" and e.pos != "grammar"}
    clozed = {
        e.id
        for n in korean
        for e in lesson.glossary
        if e.id in ko_side and f"::{escape(e.headword)}}}}}" in n.fields[0]
    }
    assert len(korean) >= 8 and {"ko-hyeomnyeok", "regular", "ko-balkida"} <= clozed
    assert not any("grammar" in e for e in clozed)
    assert all(e not in clozed for e in ("hiatus", "call-for", "aluminum"))  # audience en
    h1 = next(n for n in korean if n.fields[0].startswith("한일"))
    assert "{{c3::재개::resume}}" in h1.fields[0] and h1.fields[1].startswith("S. Korea")
    guids = {n.guid for n in korean}
    assert guids == {n.guid for n in anki_deck(lesson).notes if "korean" in n.tags}
    assert len(guids) == len(korean) and not guids & {
        n.guid for n in deck.notes if "korean" not in n.tags
    }

    anki = pytest.importorskip("anki.collection")
    collection = anki.Collection(str(tmp_path / "collection.anki2"))
    try:
        path = write_anki(lesson, tmp_path / "deck.apkg")
        options = anki.ImportAnkiPackageOptions(with_scheduling=False)
        request = anki.ImportAnkiPackageRequest(package_path=str(path), options=options)
        collection.import_anki_package(request)
        (nid,) = collection.find_notes('"tag:korean" "Text:한일*"')
        cards = sorted(collection.get_note(nid).cards(), key=lambda c: c.ord)
        question = re.sub(r"<[^>]+>", "", cards[2].question().split("</style>")[-1])
        assert "[resume]" in question and "재개" not in question
        assert "재개" in cards[2].answer()
        (regular,) = collection.find_notes('"English:regular"')
        back = sorted(collection.get_note(regular).cards(), key=lambda c: c.ord)[1].answer()
        assert "[정녜]" in back and "정기적인" in back and "fixed times" in back
    finally:
        collection.close()


PRONOUNCED = {  # the article's words, as the rules draft them
    "정례": "[정녜]",
    "협력": "[혐녁]",
    "맞잡다": "[맏짭따]",
    "손을 맞잡다": "[소늘 맏짭따]",
    "한일": "[하닐]",
    "전력": "[절력]",
    "관련": "[괄련]",
    "탄소중립": "[탄소중닙]",
    "모색하다": "[모새카다]",
    "밝히다": "[발키다]",
    "참석자": "[참석짜]",
    "잇따라": "[읻따라]",
    "산업부": "[사넙뿌]",
    "협회": "[혀푀]",
    "~에 직면하여": "[~에 징면하여]",
    "철강": "",
    "대화": "",
    "배출량": "",
    "재개하다": "",
}


def test_pronounce_drafts_the_articles_words():
    pytest.importorskip("koroman")
    from dokhae.authoring.korean import pronounce

    assert {word: pronounce(word) for word in PRONOUNCED} == PRONOUNCED
    # what the rules do not know, documented for the teacher: tensification in a
    # Sino-Korean compound (평가 [평까]) is left out
    assert pronounce("평가") == "" and pronounce("CBAM") == ""


def test_the_shipped_pronunciations_agree_with_the_drafts_where_the_rules_reach(lesson):
    pytest.importorskip("koroman")
    from dokhae.authoring.korean import pronounce

    for entry in lesson.glossary:
        if entry.audience == "en" or entry.pos == "grammar":
            continue
        drafted = pronounce(entry.korean)
        if drafted:  # the teacher's may add an allowed second pronunciation
            assert entry.pronunciation.split("/")[0].rstrip("]") == drafted.rstrip("]"), entry.id


def test_lesson_forms_drafts_an_empty_pronunciation(tmp_path):
    pytest.importorskip("kiwipiepy")
    from dokhae.authoring.forms import compute_forms

    glossary = _copy(tmp_path)
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace(",jeongnye,[정녜],定例,", ",jeongnye,,定例,"), "utf-8")
    result = compute_forms(SLUG, tmp_path)
    (change,) = [c for c in result.changes if c.field == "pronunciation" and c.action != "kept"]
    assert change.action == "filled" and change.entry == "regular" and change.new == "[정녜]"
    assert any("drafted by rule" in n and "regular" in n for n in result.notes)
    assert glossary.read_text(encoding="utf-8") == text


def test_a_new_lessons_glossary_has_the_new_columns():
    """``dokhae lesson new`` writes every column of the glossary model as its header."""
    from dokhae.authoring.draft import GLOSSARY_COLUMNS

    assert {"pronunciation", "ko_notes"} <= set(GLOSSARY_COLUMNS)
    assert GLOSSARY_COLUMNS.index("pronunciation") == GLOSSARY_COLUMNS.index("romanization") + 1
