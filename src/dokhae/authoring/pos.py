"""The part of speech of a word of an English article, from evidence only (issue 22).

A glossary row states a part of speech only when the sources that know it agree; when
they do not, or know nothing, the cell holds a ``[TODO: ...]`` marker naming the
candidates (``[TODO: part of speech: noun or verb?]``), which ``dokhae check`` and
``dokhae lesson status`` list as a cell to fill. There is no default part of speech.

The sources, in order:

1. **What the word can be.** lemminflect's dictionary (``getAllLemmas``: the parts of
   speech under which the form is known, with its lemma for each) and the CEFR-J /
   Octanove lists (the form listed with a part of speech: *amid* preposition). For a word
   neither knows, its form, where English word formation leaves no doubt, with the part
   that is known: *-ly* on an adjective is an adverb (*mandatorily* ← *mandatory*),
   *-ize/-ise* makes verbs (*decarbonize*), *un-/non-* before an adjective or a past
   participle makes adjectives (*unreported*), *re-/de-/co-/over-/under-* keep the
   verb or noun they are put before (*reshape*), and a closed compound has the part of
   speech of its last word (*steelmakers* ← *makers*, a noun).
2. **The words around it**, when the word can be several things: after a determiner, a
   number, a possessive or an adjective it is not a verb (and an -ing/-ed form there,
   before a noun, is an adjective); after *to*, a modal, *not* or a subject pronoun it
   is a verb (adverbs in between are skipped: *could gradually reshape*); before a noun
   an adjective reading wins (*quarterly reports*); before a verb an adverb reading wins;
   before a determiner (its object) a verb reading wins (*lack the staff*); after a
   preposition (not an -ing form), before an auxiliary, or in the bare form after a
   singular noun (no subject-verb agreement: *border levy*) it is not a verb.

Whatever is still open after that is left to the teacher, with the candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

__all__ = ["PartOfSpeech", "decide", "pos_marker", "readings"]

OPEN = ("noun", "verb", "adjective", "adverb")
_UPOS = {"NOUN": "noun", "VERB": "verb", "ADJ": "adjective", "ADV": "adverb"}

DETERMINERS = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "my",
    "your",
    "his",
    "her",
    "its",
    "our",
    "their",
    "some",
    "any",
    "no",
    "each",
    "every",
    "such",
    "two",
    "three",
    "four",
    "five",
    "both",
    "many",
    "several",
    "few",
    "first",
    "last",
    "another",
    "whose",
    "one",
}
PREPOSITIONS = {
    "of",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "into",
    "about",
    "under",
    "over",
    "between",
    "among",
    "against",
    "during",
    "without",
    "within",
    "through",
    "toward",
    "towards",
}
MODALS = frozenset(["will", "would", "shall", "should", "can", "could", "may", "might", "must"])
"""The modal verbs: a word after one is a verb."""
AUXILIARIES = MODALS | {"is", "are", "was", "were", "has", "have", "had"}
ADJ_CUES = {"other", "more", "most", "very", "less", "least", "so", "too"}
VERB_CUES = MODALS | {
    "to",
    "not",
    "did",
    "does",
    "do",
    "we",
    "they",
    "i",
    "you",
    "he",
    "she",
    "who",
    "which",
    "cannot",
}
OBJECT_STARTS = {
    "a",
    "an",
    "the",
    "their",
    "its",
    "our",
    "his",
    "her",
    "my",
    "your",
    "them",
    "us",
    "him",
    "it",
    "this",
    "these",
    "those",
    "some",
    "any",
    "each",
    "every",
    "all",
}


@dataclass(frozen=True)
class PartOfSpeech:
    """What the evidence says about one occurrence of a word."""

    pos: str | None  # the glossary part of speech, None when not settled
    options: tuple[str, ...]  # what it may still be (all readings when nothing is known)
    lemma: str  # dictionary form for ``pos`` (or the first option)

    @property
    def cell(self) -> str:
        """The glossary cell: the part of speech, or a marker naming the candidates."""
        return self.pos or pos_marker(self.options)


def pos_marker(options: tuple[str, ...] | list[str]) -> str:
    """``[TODO: part of speech: adjective or adverb?]`` (or without candidates)."""
    if not options:
        return "[TODO: part of speech]"
    return f"[TODO: part of speech: {' or '.join(options)}?]"


def _lemminflect():
    from .lexicon import lemminflect_functions as load

    return load()


@cache
def _known(low: str) -> dict[str, str]:
    """``{glossary pos: lemma}`` from lemminflect and the CEFR lists."""
    from .lexicon import GLOSSARY_POS as _GLOSSARY_POS
    from .lexicon import listed_words as _listed_words

    out: dict[str, str] = {}
    for upos, lemmas in _lemminflect()[0](low).items():
        if upos in _UPOS:
            out.setdefault(_UPOS[upos], lemmas[0])
    for list_pos in _listed_words().get(low, {}):
        pos = _GLOSSARY_POS.get(list_pos)
        if pos:
            out.setdefault(pos, low)
    return out


def _oov_lemma(low: str, pos: str) -> str:
    upos = {"noun": "NOUN", "verb": "VERB", "adjective": "ADJ", "adverb": "ADV"}.get(pos)
    if upos is None:
        return low
    return (_lemminflect()[1](low, upos=upos, lemmatize_oov=True) or (low,))[0] or low


_VERB_SUFFIXES = ("ize", "izes", "ized", "izing", "ise", "ises", "ised", "ising")
_NEGATIVE_PREFIXES = ("un", "non-", "non")
_VERB_PREFIXES = ("re", "de", "co", "over", "under", "out", "mis", "pre")


@cache
def _from_form(low: str) -> dict[str, str]:
    """Readings of a word the dictionaries do not know, from its form (see the module doc)."""
    if low.endswith("ly") and len(low) > 5:
        stems = {
            low[:-2],
            low[:-3] + "y" if low.endswith("ily") else "",
            low[:-2] + "le" if low.endswith("bly") else "",
        }
        for stem in filter(None, stems):
            known = _known(stem)
            if "adjective" in known and "noun" not in known:
                return {"adverb": low}
    if low.endswith("s") and not low.endswith("ss"):  # plural of a known noun: "euros"
        for stem in (low[:-1], low[:-2] if low.endswith("es") else ""):
            if stem and "noun" in _known(stem):
                return {"noun": _known(stem)["noun"]}
    if low.endswith(_VERB_SUFFIXES) and len(low) > 6:
        return {"verb": _oov_lemma(low, "verb")}
    for prefix in _NEGATIVE_PREFIXES:
        rest = low[len(prefix) :]
        if low.startswith(prefix) and len(rest) > 3:
            known = _known(rest)
            if "adjective" in known or ("verb" in known and rest.endswith("ed")):
                return {"adjective": low}
    for prefix in _VERB_PREFIXES:
        rest = low[len(prefix) :].lstrip("-")
        if low.startswith(prefix) and len(rest) > 3:
            known = {p: lem for p, lem in _known(rest).items() if p in ("verb", "noun")}
            if known:
                return {
                    p: low[: len(low) - len(rest)] + lem if low.endswith(rest) else low
                    for p, lem in known.items()
                }
    for cut in range(3, len(low) - 2):  # closed compound: known word + known last word
        first, last = low[:cut], low[cut:]
        if len(last) >= 3 and _known(first) and _known(last) and len(first) >= 3:
            if last.endswith("ing") and "verb" in _known(last):
                return {"noun": low, "adjective": low}  # "ironmaking", "record-setting"
            head = {
                p: lem for p, lem in _known(last).items() if p in ("noun", "adjective")
            } or _known(last)
            return {p: first + lem for p, lem in head.items()}
    return {}


@cache
def readings(low: str) -> dict[str, str]:
    """``{glossary pos: lemma}`` of everything the word may be (empty: nothing is known)."""
    return _known(low) or _from_form(low)


def _is_noun_next(after: str) -> bool:
    """Is the next word a noun for sure (its only open-class reading), or a plural noun form?"""
    if not after:
        return False
    options = set(readings(after)) & set(OPEN)
    if options == {"noun"}:
        return True
    lemma = readings(after).get("noun", "")
    return (
        "noun" in options and "adjective" not in options and after.endswith("s") and lemma != after
    )


def _is_verb_next(after: str) -> bool:
    return bool(after) and set(readings(after)) & set(OPEN) == {"verb"}


def decide(
    low: str,
    *,
    before: str = "",
    before_pos: str = "",
    after: str = "",
    before_singular: bool = False,
) -> PartOfSpeech:
    """The part of speech of ``low`` in its place (see the module doc).

    ``before`` is the previous word in lower case, adverbs already skipped ("" at
    punctuation or the start), ``before_pos`` the part of speech settled for it ("name"
    for a proper noun), ``after`` the next word ("" at punctuation); ``before_singular``:
    the previous word is a singular common noun (a bare verb form cannot agree with it).
    """
    known = readings(low)
    options = [
        p
        for p in ("noun", "verb", "adjective", "adverb", "preposition", "conjunction")
        if p in known
    ]
    if not options:
        return PartOfSpeech(None, (), low)
    if len(options) == 1:
        return PartOfSpeech(options[0], tuple(options), known[options[0]])
    remaining = list(options)

    def keep(*allowed: str) -> None:
        nonlocal remaining
        narrowed = [p for p in remaining if p in allowed]
        if narrowed:
            remaining = narrowed

    # "that" is also a relative pronoun ("furnaces that melt scrap"): not a determiner here
    determined = (
        (before in DETERMINERS and before != "that")
        or before.isdigit()
        or before in ADJ_CUES
        or before_pos == "adjective"
    )
    if determined:
        remaining = [p for p in remaining if p not in ("verb", "adverb")] or remaining
        participle = low.endswith(("ing", "ed")) and "adjective" in remaining
        if participle and _is_noun_next(after):
            return PartOfSpeech("adjective", tuple(options), low)
    elif before in VERB_CUES and "verb" in remaining:
        keep("verb")
    elif before in PREPOSITIONS and not low.endswith("ing"):
        remaining = [
            p for p in remaining if p != "verb"
        ] or remaining  # "on exports", "at auctions"
    elif before_singular and known.get("verb") == low and "noun" in remaining:
        remaining = [
            p for p in remaining if p != "verb"
        ] or remaining  # "border levy": no agreement
    elif "verb" in remaining and low.endswith("ed") and before_pos in ("noun", "name"):
        keep("verb")  # "the ministry said", "Korea resumed"
    if len(remaining) > 1 and "adjective" in remaining and _is_noun_next(after):
        keep("adjective")  # "quarterly reports", "executive body"
    if len(remaining) > 1 and "adverb" in remaining and _is_verb_next(after):
        keep("adverb")  # "gradually reshape"
    if len(remaining) > 1 and after in AUXILIARIES and not low.endswith(("ed", "ing")):
        remaining = [p for p in remaining if p != "verb"] or remaining  # "certificates will"
    if (
        len(remaining) > 1
        and "verb" in remaining
        and after in OBJECT_STARTS
        and not determined
        and before_pos not in ("name", "adjective", "noun")
    ):
        keep("verb")  # "lack the staff"
    if len(remaining) == 1:
        return PartOfSpeech(remaining[0], tuple(options), known[remaining[0]])
    return PartOfSpeech(None, tuple(remaining), known[remaining[0]])
