"""Answer checking: one checker per question type, and the normalisers they share.

Pure Python: no widgets, no display, no files. Every checker takes a question of the
lesson model (:mod:`dokhae.lesson`) and the student's value and returns a
:class:`Feedback`. Checkers never raise for anything a student can type; they raise
only for programming errors (a question of an unknown type).

Statuses (``Feedback.status``):

``correct``
    right (``score`` 1.0).
``wrong``
    wrong (``score`` 0.0).
``partial``
    matching / ordering with some parts right (``score`` the share right).
``unanswered``
    nothing to judge: the answer is empty, or it could not be read (a number that is
    not a number, a unit that is not the one asked for, a choice that does not
    exist, a value of the wrong shape such as ``5`` for an ordering). Never counted as
    wrong; ``message_key`` says which case it is (``answer.empty`` for typed answers,
    ``answer.choose_first`` for choice questions, ``answer.number_format``,
    ``answer.unit_mismatch``, ``answer.matching_format``, ``answer.ordering_format``,
    ``answer.text_expected``, ...), so the widget can tell the student what to fix.
    ``score`` 0.0, and ``expected`` is None: an empty "Check" never reveals the answer.
``pending``
    a ``short_text`` question with ``manual: true`` whose answer is not in
    ``accept``: a person marks it. ``score`` 0.0 until then.

``score`` is a share in 0..1; multiply by the question's ``points``.

Text answers are compared after :func:`normalize_text` (NFKC, so NFC Hangul and
full-/half-width forms; curly quotes and dashes straightened; case folded; spaces
trimmed and collapsed); surrounding punctuation is ignored, and when the expected
answer contains Hangul, spaces are ignored too (띄어쓰기 varies: 탄소국경조정제도 =
탄소 국경 조정 제도). Items with ``inflections: true`` accept the other forms of an
English word (resume / resumes / resumed / resuming) by a small rule set with a table
of irregular verbs and plurals (see :func:`english_forms`); no lemmatiser is loaded
(lemmatisers belong to lesson building). The rules cannot tell a plural from a different
word, so an item whose answer is "news" also accepts "new": leave ``inflections`` off for
such words. A near miss (one letter, or one jamo of Hangul, off) stays wrong but gets
``feedback.almost`` ("check your spelling").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from numbers import Number
from types import MappingProxyType
from typing import Any

from ..lesson import (
    Choice,
    Cloze,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    Text,
    TrueFalseNotGiven,
)

__all__ = [
    "check_term",
    "SHAPE_MESSAGE_KEYS",
    "STATUSES",
    "AnswerFormatError",
    "Feedback",
    "UnitMismatchError",
    "check_cloze",
    "check_matching",
    "check_multiple_choice",
    "check_number",
    "check_numeric",
    "check_ordering",
    "check_question",
    "check_short_text",
    "check_true_false_not_given",
    "empty_message_key",
    "english_forms",
    "format_number",
    "is_empty",
    "normalize_text",
    "parse_number",
    "same_english_word",
    "units_match",
    "within_tolerance",
]

STATUSES = ("correct", "wrong", "partial", "unanswered", "pending")

CHOICE_TYPES = frozenset({"multiple_choice", "true_false_not_given", "matching", "ordering"})
"""Question types answered by choosing (not typing): an empty answer gets
``answer.choose_first`` ("Choose an answer first.") instead of ``answer.empty``."""


SHAPE_MESSAGE_KEYS = frozenset({"answer.matching_format", "answer.ordering_format",
                                "answer.text_expected"})
"""The ``message_key`` of an answer of a shape its checker cannot read (``5`` for an
ordering, ``"abc"`` for a matching, a list for a word): ``unanswered``, never an error;
grading reports these answers (:meth:`dokhae.teacher.key.AnswerKey.check`)."""


def empty_message_key(question_type: str | None) -> str:
    """The catalog key for an empty answer to a question of ``question_type``."""
    return "answer.choose_first" if question_type in CHOICE_TYPES else "answer.empty"


# --------------------------------------------------------------------------- feedback


@dataclass(frozen=True)
class Feedback:
    """What a checker says about one answer.

    ``message_key`` is a key of the interface catalog (:mod:`dokhae.i18n`) and
    ``fields`` fills it in: ``feedback.message()`` is the sentence to show in the
    current language. ``expected`` is the right answer as plain text (a choice id,
    ``true``/``false``/``not_given``, the word, ``left → right; ...``, the ids in order,
    or the number with its unit); widgets decide whether to show it (never in an
    assignment). ``details`` marks the parts of a matching (by left item) or an
    ordering (by item id) as right (``True``) or wrong.
    """

    status: str
    explanation: Text | None = None
    hint: Text | None = None
    expected: str | None = None
    score: float = 0.0
    message_key: str = ""
    fields: Mapping[str, object] = field(default_factory=dict)
    details: Mapping[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"Feedback status {self.status!r} is not one of {', '.join(STATUSES)}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"Feedback score {self.score!r} must be between 0 and 1")
        if not self.message_key:
            object.__setattr__(self, "message_key", f"feedback.{self.status}")
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))

    __hash__ = None  # type: ignore[assignment]  # holds mappings

    @property
    def correct(self) -> bool:
        """True when the answer is right."""
        return self.status == "correct"

    @property
    def answered(self) -> bool:
        """False when there was nothing to judge (empty or unreadable answer)."""
        return self.status != "unanswered"

    def message(self, language: str | None = None) -> str:
        """The feedback sentence in the interface language (or ``language``)."""
        from .. import i18n

        return i18n.t(self.message_key, language, **self.fields)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for saving beside an assignment or in the progress store)."""
        return {
            "status": self.status,
            "score": self.score,
            "expected": self.expected,
            "message_key": self.message_key,
            "fields": {
                k: v if isinstance(v, (int, float, str)) else str(v) for k, v in self.fields.items()
            },
            "details": dict(self.details),
            "explanation": None if self.explanation is None else self.explanation.model_dump(),
            "hint": None if self.hint is None else self.hint.model_dump(),
        }


class AnswerFormatError(ValueError):
    """An answer that cannot be read (for example "abc" where a number is asked for).

    ``message_key`` and ``fields`` give the bilingual message for the student
    (``dokhae.i18n.t(err.message_key, **err.fields)``); ``str(err)`` is English.
    """

    def __init__(
        self, message: str, message_key: str = "answer.number_format", **fields: object
    ) -> None:
        super().__init__(message)
        self.message_key = message_key
        self.fields = fields


class UnitMismatchError(AnswerFormatError):
    """A number given in another unit than the one asked for (€ where ₩ is asked)."""

    def __init__(self, given: str, expected: str) -> None:
        super().__init__(
            f"the answer is asked in {expected!r} but the unit given is {given!r}",
            "answer.unit_mismatch",
            given=given,
            expected=expected,
        )
        self.given = given
        self.expected = expected


# --------------------------------------------------------------------------- text

_STRAIGHTEN = str.maketrans(
    "\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
    "'" * 7 + '"' * 7 + "-" * 7,
    "\u200b\u200c\u200d\u2060\ufeff\u00ad",  # zero-width characters and soft hyphens
)
"""Curly quotes, primes and guillemets to straight quotes; dashes and minus to "-"."""


def normalize_text(text: object) -> str:
    """The comparison form of a text answer (not for display).

    NFKC (canonical composition, so NFD Hangul from macOS equals NFC; full-width
    ``ＡＢＣ１２３`` and half-width forms become ordinary letters and digits; the
    ideographic space becomes a space), curly quotes and dashes straightened,
    zero-width characters removed, case folded, spaces trimmed and collapsed.
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).translate(_STRAIGHTEN).casefold()
    return unicodedata.normalize("NFC", " ".join(s.split()))


_EDGE_PUNCTUATION = " .,;:!?'\"()[]{}<>。、·…"
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def _answer_key(text: object, *, drop_spaces: bool = False) -> str:
    s = normalize_text(text).strip(_EDGE_PUNCTUATION)
    return s.replace(" ", "") if drop_spaces else s


def is_empty(value: object) -> bool:
    """True for "no answer": None, blank text, an empty collection, or a mapping or
    sequence whose items are all empty."""
    if value is None:
        return True
    if isinstance(value, str):
        return normalize_text(value) == ""
    if isinstance(value, Mapping):
        return all(is_empty(v) for v in value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(is_empty(v) for v in value)
    return False


# --------------------------------------------------------------------------- English forms

# base  past  participle  (alternatives separated by commas)
_IRREGULAR_VERBS = """
arise arose arisen; awake awoke awoken; be was,were been; bear bore borne,born;
beat beat beaten; become became become; begin began begun; bend bent bent; bet bet bet;
bind bound bound; bite bit bitten; bleed bled bled; blow blew blown;
break broke broken; breed bred bred; bring brought brought;
build built built; burn burned,burnt burned,burnt;
burst burst burst; buy bought bought; cast cast cast; catch caught caught;
choose chose chosen; cling clung clung; come came come; cost cost cost; creep crept crept;
cut cut cut; deal dealt dealt; dig dug dug; do did done; draw drew drawn;
dream dreamed,dreamt dreamed,dreamt; drink drank drunk; drive drove driven; eat ate eaten;
fall fell fallen; feed fed fed; feel felt felt; fight fought fought; find found found;
flee fled fled; fly flew flown; forbid forbade forbidden;
forecast forecast,forecasted forecast,forecasted; foresee foresaw foreseen;
forget forgot forgotten; forgive forgave forgiven; freeze froze frozen;
get got got,gotten; give gave given; go went gone; grow grew grown;
hang hung,hanged hung,hanged; have had had; hear heard heard; hide hid hidden; hit hit hit;
hold held held; hurt hurt hurt; keep kept kept; know knew known; lay laid laid;
lead led led; lean leaned,leant leaned,leant; learn learned,learnt learned,learnt;
leave left left; lend lent lent; let let let; lie lay,lied lain,lied; light lit,lighted lit,lighted;
lose lost lost; make made made; mean meant meant; meet met met; mislead misled misled;
overcome overcame overcome; oversee oversaw overseen; overtake overtook overtaken;
pay paid paid; prove proved proven,proved; put put put; quit quit quit; read read read;
rebuild rebuilt rebuilt; ride rode ridden; ring rang rung; rise rose risen; run ran run;
say said said; see saw seen; seek sought sought; sell sold sold; send sent sent;
set set set; shake shook shaken; shed shed shed; shine shone,shined shone,shined;
shoot shot shot; show showed shown,showed; shrink shrank shrunk; shut shut shut;
sing sang sung; sink sank sunk; sit sat sat; sleep slept slept; slide slid slid;
speak spoke spoken; speed sped,speeded sped,speeded; spend spent spent; spin spun spun;
split split split; spread spread spread; spring sprang sprung; stand stood stood;
steal stole stolen; stick stuck stuck; sting stung stung; strike struck struck,stricken;
strive strove,strived striven,strived; swear swore sworn; sweep swept swept;
swim swam swum; swing swung swung; take took taken; teach taught taught; tear tore torn;
tell told told; think thought thought; throw threw thrown; undergo underwent undergone;
understand understood understood; undertake undertook undertaken; upset upset upset;
uphold upheld upheld; wake woke,waked woken,waked; wear wore worn; weave wove woven; weep wept wept;
win won won; wind wound wound; withdraw withdrew withdrawn; withhold withheld withheld;
withstand withstood withstood; write wrote written; kneel kneeled,knelt kneeled,knelt;
leap leaped,leapt leaped,leapt; smell smelled,smelt smelled,smelt;
spell spelled,spelt spelled,spelt; spill spilled,spilt spilled,spilt;
spoil spoiled,spoilt spoiled,spoilt; dwell dwelled,dwelt dwelled,dwelt; dive dived,dove dived;
sew sewed sewn,sewed; stink stank,stunk stunk; plead pleaded,pled pleaded,pled;
bid bade,bid bidden,bid; stride strode stridden; swell swelled swollen,swelled;
tread trod trodden,trod; broadcast broadcast,broadcasted broadcast,broadcasted
"""

# Extra present forms and participles that the rules cannot make.
_EXTRA_VERB_FORMS = {
    "be": ("am", "is", "are", "being"),
    "have": ("has", "having", "haves"),
    "do": ("does",),
    "go": ("goes",),
    "undergo": ("undergoes",),
}

_IRREGULAR_PLURALS = {
    "man": ("men",),
    "woman": ("women",),
    "child": ("children",),
    "person": ("people",),
    "foot": ("feet",),
    "tooth": ("teeth",),
    "mouse": ("mice",),
    "goose": ("geese",),
    "criterion": ("criteria",),
    "phenomenon": ("phenomena",),
    "datum": ("data",),
    "medium": ("media",),
    "index": ("indices", "indexes"),
    "appendix": ("appendices", "appendixes"),
    "series": ("series",),
    "species": ("species",),
    "sheep": ("sheep",),
    "fish": ("fish", "fishes"),
    "aircraft": ("aircraft",),
    "focus": ("foci", "focuses"),
    "nucleus": ("nuclei",),
    "radius": ("radii",),
    "stimulus": ("stimuli",),
    "cactus": ("cacti", "cactuses"),
    "syllabus": ("syllabi", "syllabuses"),
    "curriculum": ("curricula", "curriculums"),
    "maximum": ("maxima", "maximums"),
    "minimum": ("minima", "minimums"),
    "stadium": ("stadia", "stadiums"),
    "formula": ("formulae", "formulas"),
    "bureau": ("bureaux", "bureaus"),
    "matrix": ("matrices", "matrixes"),
    "vertex": ("vertices", "vertexes"),
    "penny": ("pence", "pennies"),
    "money": ("monies", "moneys"),
}
# Compounds keep the irregular forms of their last part: chairman -> chairmen.
_IRREGULAR_ENDINGS = (
    ("woman", "women"),
    ("man", "men"),
    ("child", "children"),
    ("person", "people"),
)
# Verbs made with a prefix inflect like the verb: overtake -> overtook, overstep -> overstepped.
_VERB_PREFIXES = ("over", "under", "out", "mis", "with", "fore", "up", "re", "un")

# Polysyllables whose stressed last syllable doubles its consonant (commit -> committed).
_DOUBLING = frozenset(
    """
abet admit allot begin commit compel concur confer control defer deter dispel emit equip
expel forbid forget incur infer occur omit outwit patrol permit prefer propel rebel recur
refer regret remit repel submit transfer transmit upset format kidnap handicap program
""".split()
)
# ... and those that have both spellings (focused / focussed, benefited / benefitted).
_DOUBLING_OPTIONAL = frozenset("benefit focus bias combat worship gossip".split())
# Words in -ch said /k/ take -s, not -es.
_CH_K = frozenset("stomach monarch epoch patriarch matriarch tech eunuch".split())

# Function words are never inflected (else "she" would match "shed", "the" "thing").
_FUNCTION_WORDS = frozenset(
    """
a an the i me my mine you your yours he him his she her hers it its we us our ours they them
their theirs this that these those to of in on at by for with from as or and but if so not no
""".split()
)

_VOWELS = frozenset("aeiou")
_WORD = re.compile(r"[a-z]+")


_NO_RULES = frozenset({"be", "have"})  # every form of these is in the tables


def _table() -> tuple[dict[str, frozenset[str]], dict[str, set[str]], frozenset[str]]:
    forms: dict[str, set[str]] = {}
    verbs = set()
    for entry in _IRREGULAR_VERBS.split(";"):
        base, past, participle = entry.split()
        verbs.add(base)
        forms.setdefault(base, set()).update(past.split(","), participle.split(","))
    for base, extra in _EXTRA_VERB_FORMS.items():
        forms.setdefault(base, set()).update(extra)
    for base, plurals in _IRREGULAR_PLURALS.items():
        forms.setdefault(base, set()).update(plurals)
    reverse: dict[str, set[str]] = {}
    for base, words in forms.items():
        for w in words:
            reverse.setdefault(w, set()).add(base)
    return {b: frozenset(w) for b, w in forms.items()}, reverse, frozenset(verbs)


_IRREGULAR, _IRREGULAR_REVERSE, _IRREGULAR_PAST = _table()


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", re.sub(r"^y", "", word.replace("qu", "qw")))) or 1


def _doubles(word: str) -> tuple[bool, bool]:
    """(double, also_undoubled): does -ed/-ing double the last consonant?"""
    w = word.replace("qu", "qw")
    if len(w) < 3 or w[-1] in "aeiouwxy" or w[-2] not in _VOWELS or w[-3] in _VOWELS:
        return False, True
    if _syllables(word) == 1 or word in _DOUBLING:
        return True, False
    if word in _DOUBLING_OPTIONAL or any(
        word.startswith(p) and len(word) - len(p) >= 3 and _syllables(word[len(p) :]) == 1
        for p in _VERB_PREFIXES
    ):
        return True, True  # overstep -> overstepped, but reckon -> reckoned: accept both
    if word.endswith("l"):  # travelled / traveled: both spellings are standard
        return True, True
    return False, True


def _s_forms(w: str) -> set[str]:
    q = w.replace("qu", "qw")
    if q.endswith("z") and len(q) > 2 and q[-2] in _VOWELS and q[-3] not in _VOWELS:
        return {w + "zes", w + "es"}  # quiz -> quizzes
    if w in _CH_K:
        return {w + "s"}
    if w.endswith(("s", "x", "z", "ch", "sh")):
        out = {w + "es"}
        if w.endswith("is"):
            out.add(w[:-2] + "es")  # crisis -> crises
        return out
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return {w[:-1] + "ies"}
    if w.endswith("o") and len(w) > 1 and w[-2] not in _VOWELS:
        return {w + "es", w + "s"}
    if w.endswith("fe"):
        return {w + "s", w[:-2] + "ves"}
    if w.endswith("f"):
        return {w + "s", w[:-1] + "ves"}
    return {w + "s"}


def _ed_forms(w: str) -> set[str]:
    if w.endswith("e"):
        return {w + "d"}
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return {w[:-1] + "ied"}
    if w.endswith("ic"):
        return {w + "ked"}  # panic -> panicked
    double, plain = _doubles(w)
    return ({w + w[-1] + "ed"} if double else set()) | ({w + "ed"} if plain else set())


def _ing_forms(w: str) -> set[str]:
    if w.endswith("ie"):
        return {w[:-2] + "ying"}  # die -> dying
    if w.endswith(("ee", "oe", "ye")) or (w.endswith("e") and len(w) == 2):
        return {w + "ing"}  # agree -> agreeing
    if w.endswith("e"):
        return {w[:-1] + "ing"}
    if w.endswith("ic"):
        return {w + "king"}
    double, plain = _doubles(w)
    return ({w + w[-1] + "ing"} if double else set()) | ({w + "ing"} if plain else set())


@lru_cache(maxsize=4096)
def english_forms(lemma: str) -> frozenset[str]:
    """The forms of an English dictionary word: itself, -s (plural or 3rd person),
    -ed, -ing, and the irregular forms of a table (rise -> rose, risen; crisis -> crises).

    >>> sorted(english_forms("levy"))
    ['levied', 'levies', 'levy', 'levying']

    Nouns and verbs share one set: the rules cannot tell them apart, so the set may hold
    a form that is not a word ("hiatused"); a student does not type those. Only plain
    lower-case words are inflected; anything else is returned alone.
    """
    w = normalize_text(lemma)
    if not _WORD.fullmatch(w) or w in _FUNCTION_WORDS or (len(w) < 3 and w not in _IRREGULAR):
        return frozenset({w})
    if w in _NO_RULES:
        return frozenset({w} | _IRREGULAR[w])
    irregular = set(_IRREGULAR.get(w, ()))
    irregular_past = w in _IRREGULAR_PAST
    if not irregular:
        for prefix in _VERB_PREFIXES:
            rest = w[len(prefix) :]
            if w.startswith(prefix) and len(rest) >= 2 and rest in _IRREGULAR_PAST:
                irregular = {prefix + form for form in _IRREGULAR[rest]}
                irregular_past = True
                break
        for ending, plural in _IRREGULAR_ENDINGS:
            if w.endswith(ending):
                irregular.add(w[: -len(ending)] + plural)
                break
    past = set() if irregular_past else _ed_forms(w)  # rise -> rose, never "rised"
    return frozenset({w} | _s_forms(w) | past | _ing_forms(w) | irregular)


def _lemma_candidates(word: str) -> set[str]:
    """Dictionary forms ``word`` may be a form of (by undoing the rules), checked forwards."""
    w = word
    guesses = {w} | _IRREGULAR_REVERSE.get(w, set())
    for prefix in _VERB_PREFIXES:  # overthrew -> overthrow
        if w.startswith(prefix):
            guesses |= {prefix + b for b in _IRREGULAR_REVERSE.get(w[len(prefix) :], ())}
    for ending, plural in _IRREGULAR_ENDINGS:  # chairmen -> chairman
        if w.endswith(plural):
            guesses.add(w[: -len(plural)] + ending)
    for suffix, replacements in (
        ("ies", ("y", "ie")),
        ("ves", ("f", "fe")),
        ("es", ("", "e", "is")),
        ("s", ("",)),
        ("ied", ("y",)),
        ("ed", ("", "e")),
        ("d", ("",)),
        ("ying", ("ie", "y")),
        ("ing", ("", "e")),
    ):
        if w.endswith(suffix) and len(w) > len(suffix):
            stem = w[: -len(suffix)]
            guesses.update(stem + r for r in replacements)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                guesses.add(stem[:-1])  # stopped -> stop
            if stem.endswith("ck"):
                guesses.add(stem[:-1])  # panicked -> panic
    return {g for g in guesses if w in english_forms(g)}


def same_english_word(answer: str, expected: str) -> bool:
    """True when ``answer`` is a form of the same English word as ``expected``
    (``"Resumed "`` and ``"resume"``; ``"levied"`` and ``"levying"``).

    Several words (``"join hands"``) must agree word for word, except that the first or
    the last word may be another form (``"joined hands"``, ``"carbon taxes"``).
    """
    a_words, e_words = normalize_text(answer).split(), normalize_text(expected).split()
    if not a_words or len(a_words) != len(e_words):
        return False
    differ = [i for i, (a, e) in enumerate(zip(a_words, e_words, strict=True)) if a != e]
    if not differ:
        return True
    if len(differ) > 1 or differ[0] not in (0, len(e_words) - 1):
        return False
    a, e = a_words[differ[0]], e_words[differ[0]]
    return any(a in english_forms(lemma) for lemma in _lemma_candidates(e))


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` when it is larger than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _almost(answer: str, expected: str) -> bool:
    """A likely typo: one letter (one jamo for Hangul) off, two for long words."""
    a = unicodedata.normalize("NFD", answer)
    e = unicodedata.normalize("NFD", expected)
    letters = len(e.replace(" ", ""))
    if letters < 4:
        return False
    limit = 2 if letters >= 9 else 1
    return _edit_distance(a, e, limit) <= limit


def _match_text(value: object, targets: Sequence[str], inflections: bool) -> str:
    """``"correct"``, ``"almost"`` (a near miss, still wrong) or ``"wrong"``."""
    for target in targets:
        drop = bool(_HANGUL.search(target))
        if _answer_key(value, drop_spaces=drop) == _answer_key(target, drop_spaces=drop):
            return "correct"
    if inflections:
        given = _answer_key(value)
        for target in targets:
            if same_english_word(given, _answer_key(target)):
                return "correct"
    given = _answer_key(value)
    if any(_almost(given, _answer_key(target)) for target in targets):
        return "almost"
    return "wrong"


# --------------------------------------------------------------------------- numbers

_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_KOREAN_SMALL = {"십": 10.0, "백": 100.0, "천": 1000.0}
_KOREAN_BIG = {"만": 1e4, "억": 1e8, "조": 1e12}
_HEDGES = re.compile(
    r"^(?:about|approx\.?|approximately|around|roughly|ca\.?|약|대략|=|≈|~|:)\s*", re.IGNORECASE
)
_TOKEN = re.compile(
    r"\s*(?:(?P<number>(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<korean>[십백천만억조])"
    r"|(?P<scale>thousand|million|billion|trillion)\b)",
    re.IGNORECASE,
)
_FRACTION = re.compile(r"\s*/\s*(\d+(?:\.\d+)?)")


def _format_error(text: str) -> AnswerFormatError:
    return AnswerFormatError(
        f"{text!r} is not a number; write it like 1,234.5 (a point for decimals, "
        "commas between thousands) with an optional unit",
    )


def _to_float(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # a numpy array, 10**400, Decimal("sNaN")
        raise AnswerFormatError(f"{value!r} is not a number") from None
    if not math.isfinite(number):
        raise AnswerFormatError(f"{value!r} is not a finite number")
    return number


def _parse_body(s: str, original: str) -> tuple[float, str]:
    """Read the number at the start of ``s`` (with 만/억/조 or million/billion);
    return it and the rest of the text."""
    total = section = 0.0
    pending: float | None = None
    last_big = math.inf
    last_small = math.inf
    pos = 0
    seen = False
    while True:
        m = _TOKEN.match(s, pos)
        if not m:
            break
        if m.group("number") is not None:
            if pending is not None:
                raise _format_error(original)  # two numbers in a row: "1 000", "5 6"
            pending = float(m.group("number").replace(",", ""))
            seen = True
        elif m.group("korean") is not None and m.group("korean") in _KOREAN_SMALL:
            factor = _KOREAN_SMALL[m.group("korean")]
            if factor >= last_small or (pending is None and not seen):
                raise _format_error(original)
            section += (1.0 if pending is None else pending) * factor
            pending, last_small = None, factor
        else:
            word = (m.group("korean") or m.group("scale")).lower()
            factor = _KOREAN_BIG.get(word) or _SCALE_WORDS[word]
            if factor >= last_big or not seen:
                raise _format_error(original)
            group = section + (pending or 0.0)
            total += (group or 1.0) * factor
            section, pending, last_big, last_small = 0.0, None, factor, math.inf
        pos = m.end()
    if not seen:
        raise _format_error(original)
    value = total + section + (pending or 0.0)
    rest = s[pos:]
    fraction = _FRACTION.match(rest)
    if fraction and total == section == 0.0:
        denominator = float(fraction.group(1))
        if denominator == 0:
            raise _format_error(original)
        value /= denominator
        rest = rest[fraction.end() :]
    return value, rest.strip()


def _split_number(text: str) -> tuple[float, str]:
    """(value, unit text) from a typed answer; raises AnswerFormatError."""
    s = unicodedata.normalize("NFKC", text).translate(_STRAIGHTEN).strip()
    s = re.sub(r"(?<=\d)_(?=\d)", "", s)  # Python style 1_000
    s = _HEDGES.sub("", s)
    first = re.search(r"[+-]?\s*\.?\d", s)
    if first is None:
        raise _format_error(text)
    prefix = s[: first.start()].strip()
    body = s[first.start() :]
    sign = 1.0
    if body[0] in "+-":
        sign = -1.0 if body[0] == "-" else 1.0
        body = body[1:].lstrip()
    if prefix.endswith(("-", "+")):  # "-€5" is read as "€-5"
        if sign == -1.0 and prefix.endswith("-"):
            raise _format_error(text)
        sign = -1.0 if prefix.endswith("-") else sign
        prefix = prefix[:-1].strip()
    if prefix.startswith(("-", "+")):
        sign = -1.0 if prefix[0] == "-" else 1.0
        prefix = prefix[1:].strip()
    value, suffix = _parse_body(body, text)
    if suffix[:1] in {",", "."} or suffix[:1].isdigit() or re.match(r"[+\-/]\s*\d", suffix):
        raise _format_error(text)  # "1,00", "1.2.3", "5-6", "3/"
    if prefix and not _unit_parts(prefix)[0] & _CURRENCIES:
        raise _format_error(text)  # only a currency goes before the number: "€5", "KRW 1,000"
    if prefix and suffix:
        if _unit_key(prefix) != _unit_key(suffix):
            raise _format_error(text)
        unit = suffix
    else:
        unit = prefix or suffix
    return sign * value, unit


def parse_number(text: object, unit: str = "") -> float | None:
    """The number in a typed answer; ``None`` when it is empty.

    Reads ``"1,000"``, ``"1000.0"``, ``"１０００"`` (full width), ``"-12.5"`` / ``"−12.5"``,
    ``"₩517,459,153"``, ``"517,459,153원"``, ``"5억 1745만 9153원"``, ``"1.2 million"``,
    ``"4,981.25 certificates"``, ``"48.5%"``, ``"11,660 tCO2e"``, ``"€ 375,387"``,
    ``"about 5,000 t"``, ``"1/3"``, ``"1.5e3"``; also Python numbers.

    A text that is not a number raises :class:`AnswerFormatError`. When ``unit`` is
    given and the answer names another unit, :class:`UnitMismatchError` is raised
    (a missing unit is fine; with ``unit=""`` any unit is ignored). Units are compared
    by :func:`units_match`.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise AnswerFormatError(f"{text!r} is not a number")
    if isinstance(text, (int, float, Decimal, Fraction)):
        return _to_float(text)
    if not isinstance(text, str):
        if hasattr(text, "__float__"):  # numpy numbers
            return _to_float(text)
        raise AnswerFormatError(f"{text!r} is not a number")
    if normalize_text(text) == "":
        return None
    value, given = _split_number(text)
    if unit and given and not units_match(given, unit):
        raise UnitMismatchError(given=given, expected=unit)
    return value


_UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "t": ("t", "tonne", "tonnes", "ton", "tons", "톤", "metricton", "metrictons"),
    "tco2e": (
        "tco2e",
        "tco2",
        "tco2eq",
        "tco2-eq",
        "tco2-e",
        "tonco2e",
        "tonneco2e",
        "tonnesco2e",
        "tonnesco2",
        "tonsco2e",
        "tonsco2",
        "톤co2e",
        "톤co2",
    ),
    "kg": ("kg", "kilogram", "kilograms", "킬로그램"),
    "eur": ("€", "eur", "euro", "euros", "유로"),
    "krw": ("₩", "krw", "won", "원", "원화"),
    "jpy": ("¥", "jpy", "yen", "엔", "円"),
    "usd": ("$", "usd", "us$", "dollar", "dollars", "달러"),
    "%": ("%", "percent", "percentage", "pct", "퍼센트", "프로", "%p", "퍼센트포인트"),
    "certificate": ("certificate", "certificates", "cert", "certs", "인증서", "개", "장"),
    "month": ("month", "months", "mo", "개월", "달"),
    "year": ("year", "years", "yr", "yrs", "년", "해"),
    "report": ("report", "reports", "보고서", "건", "회", "번", "개"),
    "day": ("day", "days", "일"),
}
_CURRENCIES = frozenset({"eur", "krw", "jpy", "usd"})
_UNIT_INDEX: dict[str, set[str]] = {}
for _canonical, _aliases in _UNIT_ALIASES.items():
    for _alias in _aliases:
        _UNIT_INDEX.setdefault(_alias, set()).add(_canonical)
# Tonnes of CO2 are often written just "t": "t" is accepted where tCO2e is asked.
_ALSO_ACCEPTED = {"tco2e": {"t"}}


def _unit_part(part: str) -> set[str]:
    key = part.strip().rstrip(".").replace(" ", "")
    if key in _UNIT_INDEX:
        return _UNIT_INDEX[key]
    if key.endswith("s") and key[:-1] in _UNIT_INDEX:
        return _UNIT_INDEX[key[:-1]]
    return {key[:-1] if key.endswith("s") and len(key) > 2 else key}


def _unit_parts(unit: str) -> list[set[str]]:
    s = normalize_text(unit)
    s = re.sub(r"\s+per\s+", "/", s)
    return [_unit_part(p) for p in s.split("/")]


def _unit_key(unit: str) -> str:
    return "/".join(sorted(p)[0] for p in _unit_parts(unit))


def units_match(given: str, expected: str) -> bool:
    """True when the unit a student wrote is the unit asked for: spellings in English and
    Korean (``t`` = ``tonnes`` = ``톤``; ``₩`` = ``KRW`` = ``원``; ``€`` = ``EUR`` = ``유로``;
    ``tCO2e`` = ``tCO2``, and plain ``t`` is accepted for it), plurals, and "per" or "/"
    (``€/tCO2e`` = ``EUR per tonne CO2e``). Units unknown to the table must be spelt the
    same (case and spaces aside)."""
    g, e = _unit_parts(given), _unit_parts(expected)
    if len(g) != len(e):
        return False
    for gp, ep in zip(g, e, strict=True):
        accepted = set(ep)
        for canonical in ep:
            accepted |= _ALSO_ACCEPTED.get(canonical, set())
        if not gp & accepted:
            return False
    return True


def within_tolerance(value: float, expected: float, tolerance: object = None) -> bool:
    """True when ``value`` is within the absolute or the relative tolerance of
    ``expected`` (a :class:`~dokhae.lesson.Tolerance`, anything with ``absolute`` /
    ``relative``, a mapping, a plain number meaning absolute, or None for "exact").
    A value exactly on the bound is right."""
    absolute, relative = _tolerance(tolerance)
    bound = max(absolute, relative * abs(expected))
    diff = abs(value - expected)
    return diff <= bound or math.isclose(
        diff, bound, rel_tol=1e-9, abs_tol=1e-12 * max(1.0, abs(expected))
    )


def _tolerance(tolerance: object) -> tuple[float, float]:
    if tolerance is None:
        return 0.0, 0.0
    if isinstance(tolerance, (int, float)) and not isinstance(tolerance, bool):
        return float(tolerance), 0.0
    if isinstance(tolerance, Mapping):
        return float(tolerance.get("absolute", 0.0)), float(tolerance.get("relative", 0.0))
    if hasattr(tolerance, "absolute") or hasattr(tolerance, "relative"):
        return (
            float(getattr(tolerance, "absolute", 0.0) or 0.0),
            float(getattr(tolerance, "relative", 0.0) or 0.0),
        )
    raise TypeError(f"tolerance must be a Tolerance, a number or None, not {tolerance!r}")


_PREFIX_UNITS = {"€", "₩", "$", "¥"}
_TIGHT_UNITS = {"%", "원", "%p"}


def format_number(value: float, unit: str = "") -> str:
    """A number as shown to a student: ``4,981.25 certificates``, ``₩517,459,153``,
    ``48.5%``, ``€375,387``."""
    number = f"{value:,.12g}"
    if not unit:
        return number
    if unit in _PREFIX_UNITS:
        return f"-{unit}{number[1:]}" if number.startswith("-") else f"{unit}{number}"
    if unit in _TIGHT_UNITS:
        return f"{number}{unit}"
    return f"{number} {unit}"


def check_number(
    value: object,
    expected: float,
    tolerance: object = None,
    unit: str = "",
    *,
    explanation: Text | None = None,
    hint: Text | None = None,
) -> Feedback:
    """Check a number typed (or computed) by a student against ``expected``.

    Right when within ``tolerance`` (see :func:`within_tolerance`). An empty answer, a
    text that is not a number and a number in another unit are all ``unanswered``, with
    ``message_key`` ``feedback.unanswered``, ``answer.number_format`` or
    ``answer.unit_mismatch`` (fields ``given``, ``expected``): the student is told what
    to fix, and the right answer is not revealed.
    """
    shown = format_number(expected, unit)
    common = {"explanation": explanation, "hint": hint}
    if is_empty(value):  # also [] and {}: nothing typed, not a badly written number
        return Feedback("unanswered", message_key="answer.empty", **common)
    try:
        number = parse_number(value, unit)
    except AnswerFormatError as err:
        return Feedback("unanswered", message_key=err.message_key, fields=err.fields, **common)
    if number is None:
        return Feedback("unanswered", message_key="answer.empty", **common)
    if within_tolerance(number, expected, tolerance):
        return Feedback("correct", expected=shown, score=1.0, **common)
    return Feedback("wrong", expected=shown, **common)


# --------------------------------------------------------------------------- questions


def _question_feedback(question: Any, status: str, **kwargs: Any) -> Feedback:
    return Feedback(status, explanation=question.explanation, hint=question.hint, **kwargs)


def check_multiple_choice(question: MultipleChoice, value: object) -> Feedback:
    """``value`` is a choice id (case ignored), a :class:`~dokhae.lesson.Choice`, or the
    text of a choice in English or Korean. Nothing chosen is ``unanswered`` with
    ``answer.choose_first``; anything else is ``unanswered`` with
    ``answer.unknown_choice`` (field ``choices``: the ids)."""
    if isinstance(value, Choice):
        value = value.id
    if is_empty(value):
        return _question_feedback(question, "unanswered", message_key="answer.choose_first")
    key = _answer_key(value)
    chosen = None
    for choice in question.choices:
        if key == _answer_key(choice.id):
            chosen = choice.id
            break
    if chosen is None:
        spaceless = _answer_key(value, drop_spaces=True)
        for choice in question.choices:
            if key == _answer_key(choice.en) or spaceless == _answer_key(
                choice.ko, drop_spaces=True
            ):
                chosen = choice.id
                break
    if chosen is None:
        return _question_feedback(
            question,
            "unanswered",
            message_key="answer.unknown_choice",
            fields={"choices": ", ".join(c.id for c in question.choices)},
        )
    if chosen == question.answer:
        return _question_feedback(question, "correct", expected=question.answer, score=1.0)
    return _question_feedback(question, "wrong", expected=question.answer)


_TFNG = {
    "true": ("true", "t", "yes", "y", "참", "맞음", "맞다", "사실", "일치", "o", "○"),
    "false": ("false", "f", "no", "n", "거짓", "틀림", "틀리다", "불일치", "x", "×"),
    "not_given": (
        "not_given",
        "not given",
        "notgiven",
        "not-given",
        "ng",
        "n/g",
        "언급 없음",
        "언급되지 않음",
        "알 수 없음",
        "본문에 없음",
        "주어지지 않음",
    ),
}
_TFNG_INDEX = {_answer_key(w, drop_spaces=True): k for k, ws in _TFNG.items() for w in ws}


def check_true_false_not_given(question: TrueFalseNotGiven, value: object) -> Feedback:
    """``value`` is ``"true"``, ``"false"``, ``"not_given"`` (or ``True`` / ``False``),
    also ``T/F/NG``, ``"not given"`` and the Korean labels 참 / 거짓 / 언급 없음.
    Nothing chosen is ``unanswered`` with ``answer.choose_first``; anything else is
    ``unanswered`` with ``answer.true_false_not_given``."""
    if isinstance(value, bool):
        given: str | None = "true" if value else "false"
    elif is_empty(value):
        return _question_feedback(question, "unanswered", message_key="answer.choose_first")
    else:
        given = _TFNG_INDEX.get(_answer_key(value, drop_spaces=True))
    if given is None:
        return _question_feedback(question, "unanswered", message_key="answer.true_false_not_given")
    if given == question.answer:
        return _question_feedback(question, "correct", expected=question.answer, score=1.0)
    return _question_feedback(question, "wrong", expected=question.answer)


def _is_text(value: object) -> bool:
    """A typed answer: a text, or a number (read as its text); not a list, dict, ..."""
    return isinstance(value, str) or (isinstance(value, Number) and not isinstance(value, bool))


def _check_text(
    question: Any, value: object, targets: Sequence[str], expected: str, inflections: bool
) -> Feedback | None:
    if is_empty(value):
        return _question_feedback(question, "unanswered", message_key="answer.empty")
    if not _is_text(value):
        return _question_feedback(question, "unanswered", message_key="answer.text_expected")
    verdict = _match_text(value, targets, inflections)
    if verdict == "correct":
        return _question_feedback(question, "correct", expected=expected, score=1.0)
    if verdict == "almost":
        return _question_feedback(
            question, "wrong", expected=expected, message_key="feedback.almost"
        )
    return None


def check_cloze(question: Cloze, value: object) -> Feedback:
    """The word typed (or chosen from the word bank) for the gap: ``answer`` or any of
    ``accept``, and with ``inflections: true`` any form of them (see
    :func:`same_english_word`). A near miss gets ``feedback.almost`` (still wrong)."""
    targets = (question.answer, *question.accept)
    found = _check_text(question, value, targets, question.answer, question.inflections)
    return found or _question_feedback(question, "wrong", expected=question.answer)


def check_short_text(question: ShortText, value: object) -> Feedback:
    """Any of ``accept`` (with ``inflections``, any form). When the question is
    ``manual`` an answer not in ``accept`` is ``pending``: a person marks it."""
    expected = question.accept[0]
    found = _check_text(question, value, question.accept, expected, question.inflections)
    if found is not None:
        return found
    if question.manual:
        return _question_feedback(
            question, "pending", expected=expected, message_key="answer.manual_review"
        )
    return _question_feedback(question, "wrong", expected=expected)


def _pairs(value: object) -> dict[str, object] | None:
    """``{left: right}`` from a mapping or a sequence of pairs; None for anything else."""
    if isinstance(value, Mapping):
        return {_answer_key(k): v for k, v in value.items()}
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        out: dict[str, object] = {}
        for item in value:
            if hasattr(item, "left") and hasattr(item, "right"):
                left, right = item.left, item.right
            elif (isinstance(item, Sequence) and not isinstance(item, (str, bytes))
                  and len(item) == 2):
                left, right = item
            else:
                return None
            out[_answer_key(left)] = right
        return out
    return None


def check_matching(question: Matching, value: object) -> Feedback:
    """``value`` maps each left item to the right item chosen (a dict, or a list of
    ``(left, right)`` pairs). Partial credit: the share of pairs right; ``details``
    marks each left item; fields ``correct`` and ``total`` fill
    ``feedback.correct_pairs``. Left items not answered count as wrong. Nothing chosen is
    ``unanswered`` with ``answer.choose_first``; a value that is not pairs (``5``,
    ``"abc"``) is ``unanswered`` with ``answer.matching_format``."""
    expected = "; ".join(f"{p.left} → {p.right}" for p in question.pairs)
    if is_empty(value):
        return _question_feedback(question, "unanswered", message_key="answer.choose_first")
    given = _pairs(value)
    if given is None:
        return _question_feedback(question, "unanswered", message_key="answer.matching_format")
    details = {}
    for pair in question.pairs:
        answer = given.get(_answer_key(pair.left))
        details[pair.left] = (
            answer is not None
            and not is_empty(answer)
            and (_answer_key(answer, drop_spaces=True) == _answer_key(pair.right, drop_spaces=True))
        )
    return _partial_credit(question, details, expected)


def _partial_credit(question: Any, details: Mapping[str, bool], expected: str) -> Feedback:
    """Feedback for matching and ordering: the share of parts right, each part marked."""
    right, total = sum(details.values()), len(details)
    status = "correct" if right == total else "partial" if right else "wrong"
    return _question_feedback(
        question,
        status,
        expected=expected,
        score=right / total,
        details=details,
        fields={"correct": right, "total": total},
    )


def check_ordering(question: Ordering, value: object) -> Feedback:
    """``value`` is the item ids in the student's order (a list, or a text such as
    ``"c, a, b"``). Partial credit: the share of items in the right place; ``details``
    marks each id. Nothing given is ``unanswered`` with ``answer.choose_first``; an answer
    that is not every item once is ``unanswered`` with ``answer.ordering_incomplete``, and
    a value that is not a sequence (``5``, a dict) with ``answer.ordering_format``."""
    expected = ", ".join(question.answer)
    total = len(question.answer)
    if is_empty(value):
        return _question_feedback(question, "unanswered", message_key="answer.choose_first")
    if isinstance(value, str):
        items = [x for x in re.split(r"[\s,;>→]+", value) if x]
    elif isinstance(value, Iterable) and not isinstance(value, (Mapping, bytes)):
        items = [x.id if isinstance(x, Choice) else x for x in value]
    else:
        return _question_feedback(question, "unanswered", message_key="answer.ordering_format")
    ids = {_answer_key(i): i for i in question.answer}
    given = [_answer_key(x) for x in items]
    if sorted(given) != sorted(ids):
        return _question_feedback(
            question,
            "unanswered",
            message_key="answer.ordering_incomplete",
            fields={"correct": 0, "total": total},
        )
    details = {ids[g]: ids[g] == question.answer[i] for i, g in enumerate(given)}
    return _partial_credit(question, details, expected)


def check_numeric(question: Numeric, value: object) -> Feedback:
    """A number within the question's tolerance, in its unit (see :func:`check_number`)."""
    return check_number(
        value,
        question.answer,
        question.tolerance,
        question.unit,
        explanation=question.explanation,
        hint=question.hint,
    )


_CHECKERS = {
    "multiple_choice": check_multiple_choice,
    "true_false_not_given": check_true_false_not_given,
    "cloze": check_cloze,
    "matching": check_matching,
    "ordering": check_ordering,
    "short_text": check_short_text,
    "numeric": check_numeric,
}


def check_question(question: Any, value: object) -> Feedback:
    """Check ``value`` with the checker for the question's ``type``.

    ``question`` is a question of the lesson model, a mapping with the same fields (it
    is validated first), or an arithmetic exercise: any object with ``answer``,
    ``unit`` and ``tolerance`` and no ``type`` (checked by :func:`check_number`).
    """
    if isinstance(question, Mapping):
        from pydantic import TypeAdapter

        from ..lesson import Question

        question = TypeAdapter(Question).validate_python(question)
    kind = getattr(question, "type", None)
    if kind in _CHECKERS:
        return _CHECKERS[kind](question, value)
    if kind is None and all(hasattr(question, a) for a in ("answer", "unit", "tolerance")):
        explanation = getattr(question, "explanation", None)
        hint = getattr(question, "hint", None)
        return check_number(
            value,
            float(question.answer),
            question.tolerance,
            question.unit or "",
            explanation=explanation if isinstance(explanation, Text) else None,
            hint=hint if isinstance(hint, Text) else None,
        )
    raise TypeError(
        f"cannot check {type(question).__name__} {question!r}: expected a question of type "
        f"{', '.join(_CHECKERS)} or an exercise with answer, unit and tolerance"
    )


# --------------------------------------------------------------------------- glossary terms


class _TermPrompt:
    """What :func:`_check_text` needs of a question, for a glossary term typed from memory."""

    def __init__(self, explanation: Text | None) -> None:
        self.explanation = explanation
        self.hint = None


def check_term(value: object, accepted: Sequence[str], *, inflections: bool = False,
               explanation: Text | None = None) -> Feedback:
    """Check a glossary term typed from memory (vocabulary practice, not a question).

    Right when ``value`` is any of ``accepted`` after the same normalisation as the
    questions (NFC, width, case, spaces; spaces ignored for Hangul), and with
    ``inflections`` any form of them (``resumed`` for ``resume``). A near miss is
    ``wrong`` with ``feedback.almost``; an empty answer is ``unanswered``. ``expected``
    is the first of ``accepted`` (a single string is one accepted answer).
    """
    if isinstance(accepted, str):
        accepted = (accepted,)
    targets = [a for a in accepted if not is_empty(a)]
    if not targets:
        raise ValueError(f"check_term needs at least one accepted answer, not {accepted!r}")
    prompt = _TermPrompt(explanation)
    found = _check_text(prompt, value, targets, targets[0], inflections)
    return found or _question_feedback(prompt, "wrong", expected=targets[0])
