"""Words as a student types them and as a text prints them: the comparison form of a text
(:func:`normalize_text`) and the other forms of an English word (resume / resumes /
resumed / resuming: :func:`english_forms`, :func:`same_english_word`).

Pure functions with no import of their own (the content layer, like :mod:`dokhae.cbam`):
the answer checkers (:mod:`dokhae.answers`) and the proofs of exam items
(:mod:`dokhae.exam.proofs`, which ``dokhae check`` recomputes) compare words the same way.

The forms are a small rule set (-s, -ed, -ing with their spelling rules) and tables of
irregular verbs and plurals: the student's install carries no lemmatiser (lemminflect
belongs to lesson building, :mod:`dokhae.authoring`), and the rules are checked against
lemminflect by the tests. The rules cannot tell a plural from a different word
("news" / "new").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["STRAIGHTEN", "english_forms", "normalize_text", "same_english_word"]

STRAIGHTEN = str.maketrans(
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
    s = unicodedata.normalize("NFKC", str(text)).translate(STRAIGHTEN).casefold()
    return unicodedata.normalize("NFC", " ".join(s.split()))


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

# singular  plural  (alternatives separated by commas)
_IRREGULAR_PLURALS = """
man men; woman women; child children; person people; foot feet; tooth teeth; mouse mice;
goose geese; criterion criteria; phenomenon phenomena; datum data; medium media;
index indices,indexes; appendix appendices,appendixes; series series; species species;
sheep sheep; fish fish,fishes; aircraft aircraft; focus foci,focuses; nucleus nuclei;
radius radii; stimulus stimuli; cactus cacti,cactuses; syllabus syllabi,syllabuses;
curriculum curricula,curriculums; maximum maxima,maximums; minimum minima,minimums;
stadium stadia,stadiums; formula formulae,formulas; bureau bureaux,bureaus;
matrix matrices,matrixes; vertex vertices,vertexes; penny pence,pennies;
money monies,moneys
"""
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
    [
        "abet",
        "admit",
        "allot",
        "begin",
        "commit",
        "compel",
        "concur",
        "confer",
        "control",
        "defer",
        "deter",
        "dispel",
        "emit",
        "equip",
        "expel",
        "forbid",
        "forget",
        "incur",
        "infer",
        "occur",
        "omit",
        "outwit",
        "patrol",
        "permit",
        "prefer",
        "propel",
        "rebel",
        "recur",
        "refer",
        "regret",
        "remit",
        "repel",
        "submit",
        "transfer",
        "transmit",
        "upset",
        "format",
        "kidnap",
        "handicap",
        "program",
    ]
)
# ... and those that have both spellings (focused / focussed, benefited / benefitted).
_DOUBLING_OPTIONAL = frozenset(["benefit", "focus", "bias", "combat", "worship", "gossip"])
# Words in -ch said /k/ take -s, not -es.
_CH_K = frozenset(["stomach", "monarch", "epoch", "patriarch", "matriarch", "tech", "eunuch"])

# Function words are never inflected (else "she" would match "shed", "the" "thing").
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "i",
        "me",
        "my",
        "mine",
        "you",
        "your",
        "yours",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "we",
        "us",
        "our",
        "ours",
        "they",
        "them",
        "their",
        "theirs",
        "this",
        "that",
        "these",
        "those",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "or",
        "and",
        "but",
        "if",
        "so",
        "not",
        "no",
    ]
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
    for entry in _IRREGULAR_PLURALS.split(";"):
        base, plurals = entry.split()
        forms.setdefault(base, set()).update(plurals.split(","))
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
