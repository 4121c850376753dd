"""Multi-word terms of an English article found by rule, not from a list (issue 22).

Two rules, both on the article's own words:

* **Noun compounds.** A run of modifiers before a noun in one sentence (``grace period``,
  ``blast furnaces``, ``electric arc furnaces``, ``carbon border levy``): the last two or
  three words, where every modifier is a noun, or an adjective of the classifying kind
  that English forms with -al, -ic, -ive, -ary/-ory, -ed/-en or a hyphen (``transitional``,
  ``electric``, ``executive``, ``embedded``), as opposed to describing ones (``large``,
  ``modest``). Such a phrase names a thing as a unit: the teacher glosses ``blast furnace``,
  not ``blast``. A phrase of any other modifier is kept when the article repeats it or its
  headline holds it (``free allocation`` twice).
* **Verb + preposition + bare noun**, a fixed verb phrase (``entered into force``,
  ``go on sale``, ``take into account``): a verb, *into*/*on*/*in*/*under*, and a singular
  noun with no determiner, ending the phrase.

* **Adjective + noun of action**, a procedure named by a noun made from a verb and an
  adjective whose -ly adverb says how it is done (``annual declaration``: declare
  annually; ``free allocation``: allocate freely; ``independent verification``). The
  adjective is an everyday one with an adverb in common use (Zipf 3.5 or more), not a
  comparative or a participle; the noun ends in -ation/-ition/-tion/-ance/-ence/-ment/-al and
  its verb is in the dictionary. Such a phrase is a term of its own while its words stay
  words of their own too (the teacher may gloss *verification* alone).
* **Noun *of* bare noun** after *the*/*a*/*an* (``the country of origin``, ``a state of
  emergency``): a singular noun, *of*, and a singular noun without a determiner that
  ends the noun phrase. A noun after *of* with no article names a kind, not a thing
  ("the price of the certificates" is not a term); the phrase is a term, its words stay.

``english.py`` offers them as candidates (kind ``compound`` and ``fixed``) scored above
their hardest word; a word found only inside compounds is not offered again on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

from .pos import DETERMINERS, decide, readings

PRONOUNS = {
    "it",
    "them",
    "us",
    "him",
    "her",
    "me",
    "you",
    "this",
    "that",
    "which",
    "what",
    "whom",
    "who",
    "itself",
    "themselves",
}


def _zipf(low: str) -> float:
    from .lexicon import zipf

    return zipf(low)


__all__ = [
    "CLASSIFYING_ENDINGS",
    "action_spans",
    "compound_spans",
    "fixed_phrase_spans",
    "of_phrase_spans",
]

CLASSIFYING_ENDINGS = ("al", "ic", "ive", "ary", "ory")
_FIXED_PREPOSITIONS = {"into", "on", "in", "under"}
BARE_INFINITIVE = {"help", "make", "let", "have", "see", "watch", "hear", "feel"}
"""Verbs followed by another verb without *to* ("help build"): no object follows there."""
PARTICIPLE_ZIPF = 4.5
"""A past participle before a noun classifies it (``embedded emissions``) when it is not an
everyday word: the frequent ones mostly describe (``increased costs``, ``limited time``)."""


RARE_ADVERB = 3.5
"""An -ly adverb rarer than this (Zipf) is not in common use: its adjective classifies."""


def _classifying(low: str) -> bool:
    """An adjective that sorts things into kinds (*electric*, *annual*, *embedded*) rather
    than describing them (*actual*, *typical*): formed with a classifying ending, and not
    often used as an -ly adverb (wordfreq: the -ly form at least 10 times rarer, or rare
    in itself: *definitively*)."""
    if "-" in low:
        return True
    if low.endswith(("ed", "en")) and "verb" in readings(low) and _zipf(low) < PARTICIPLE_ZIPF:
        return True  # "embedded emissions", "authorized declarant"; not "increased costs"
    if not low.endswith(CLASSIFYING_ENDINGS):
        return False
    adverb = (
        (low[:-1] + "ily")
        if low.endswith("y")
        else (low[:-2] + "ly" if low.endswith("le") else low + "ly")
    )
    return _zipf(adverb) < max(_zipf(low) - 1.0, RARE_ADVERB)


def _role(low: str, before: str, after: str, before_role: str = "", in_object: bool = False) -> str:
    """noun, adjective or "" for a word inside a noun phrase (noun when it can be one).

    A word that may also be a verb counts only where a noun phrase may start or go on:
    after a determiner, a preposition, a verb, a modifier of the run, or at the start.
    ``in_object``: the run began right after a verb, so it is that verb's object and no
    verb of its own follows inside it ("use default values set by Brussels")."""
    from .pos import PREPOSITIONS, _is_noun_next

    found = decide(low, before=before, after=after)
    options = {found.pos} if found.pos else set(found.options)
    if "-" in low and not options:
        return "adjective"
    if not options or not options <= {"noun", "adjective", "verb"}:
        return ""
    nominal_next = _is_noun_next(after) or (
        "noun" in readings(after) and "verb" not in readings(after)
    )
    singular_before = readings(before).get("noun") == before
    np_start = (
        (before in DETERMINERS and before != "that")
        or before in PREPOSITIONS
        or before in ("", "as")
        or before_role in ("verb", "adjective")
        or (before_role == "noun" and singular_before)  # not "buyers favor suppliers"
    )
    # after a verb (not one taking a bare infinitive: "help build") comes its object, not
    # a second verb: "reshape trade flows"
    object_of_verb = before_role == "verb" and readings(before).get("verb") not in BARE_INFINITIVE
    singular_modifier = before_role == "adjective" or (
        before_role == "noun" and readings(before).get("noun") == before
    )  # "default values", not "exporters need"
    if "verb" in options and found.pos is None and after in ("to", *DETERMINERS):
        return ""  # "a period set to begin": a verb
    if (
        "verb" in options
        and found.pos is None
        and low.endswith("s")
        and readings(before).get("noun") == before
        and after
        and after not in PREPOSITIONS
        and not in_object
    ):
        return ""  # "the net charge remains modest": agrees as a verb (not "default values,")
    if (
        "verb" in options
        and found.pos is None
        and not (
            (
                np_start
                and (nominal_next or object_of_verb or (before in DETERMINERS and before != "that"))
            )
            or singular_modifier
        )
    ):
        return ""
    if found.pos == "verb":
        return ""
    if "noun" in options:
        return "noun"
    return "" if _zipf(low) > 5.5 else "adjective"  # "own", "new", "big": describing, not naming


def compound_spans(
    words: Sequence[tuple[int, str, bool]], decided: Mapping[int, str] | None = None
) -> list[tuple[int, int, bool]]:
    """Candidate noun compounds in one sentence.

    ``words`` are ``(token index, lower-case word, free)`` for each word token in order
    (``free``: not taken by a name, an expression, a number or a function word; a run
    breaks at a token that is not free or not adjacent). Returns ``(first, last, strong)``
    token index spans, ``strong`` when every modifier is a noun or a classifying adjective.
    ``decided``: the part of speech of words settled in their sentence (by token index),
    which tells what may follow them ("could gradually reshape trade flows": a verb, so
    its object follows).
    """
    spans: list[tuple[int, int, bool]] = []
    run: list[tuple[int, str, str]] = []  # (index, word, role)

    def close() -> None:
        # the head is the last noun of the run; modifiers are the words before it
        while run and run[-1][2] != "noun":
            run.pop()
        if len(run) >= 2:
            head = len(run) - 1
            for size in (3, 2):
                if head - size + 1 < 0:
                    continue
                part = run[head - size + 1 : head + 1]
                strong = all(
                    (r == "noun" and _zipf(w) >= 4.0 and "adjective" not in readings(w))
                    or ((r == "adjective" or "adjective" in readings(w)) and _classifying(w))
                    for _, w, r in part[:-1]
                )
                if size == 3 and "-" in part[0][1]:
                    continue  # "coal-fired blast furnace": the term is "blast furnace"
                if strong or size == 2:  # the longest phrase that names a thing
                    spans.append((part[0][0], part[-1][0], strong))
                    break
        run.clear()

    before_role, run_after_verb = "", False
    for n, (index, low, free) in enumerate(words):
        before = words[n - 1][1] if n and words[n - 1][0] == index - 1 else ""
        after = words[n + 1][1] if n + 1 < len(words) and words[n + 1][0] == index + 1 else ""
        in_run = bool(run) and run[-1][0] == index - 1
        if not in_run:
            run_after_verb = bool(before) and before_role == "verb"
        role = (
            _role(low, before, after, before_role if before else "", in_run and run_after_verb)
            if free
            else ""
        )
        before_role = role or (
            (decided or {}).get(index) or decide(low, before=before, after=after).pos or ""
            if free
            else ""
        )
        adjacent = not run or run[-1][0] == index - 1
        if not role or not adjacent:
            close()
        if role:
            run.append((index, low, role))
            if role == "noun" and readings(low).get("noun", low) != low:
                close()  # a plural noun ends the phrase: "diplomatic relations"
    close()
    return spans


def fixed_phrase_spans(
    lows: Sequence[str], free: Callable[[int], bool]
) -> list[tuple[int, int, str]]:
    """``(first, last, headword)`` of verb + preposition + bare singular noun phrases."""
    out = []
    for k in range(len(lows) - 2):
        verb, prep, noun = lows[k], lows[k + 1], lows[k + 2]
        nxt = lows[k + 3] if k + 3 < len(lows) else ""
        verbs = readings(verb).get("verb")
        if not verbs or verbs in ("be", "have", "do") or prep not in _FIXED_PREPOSITIONS:
            continue
        if not all(free(i) for i in (k, k + 1, k + 2)):
            continue
        if verb.endswith("ing") and k and "noun" in readings(lows[k - 1]):
            continue  # "carbon pricing into account": a noun there
        if noun in DETERMINERS or noun in PRONOUNS:
            continue
        noun_readings = set(readings(noun)) & {"noun", "verb", "adjective", "adverb"}
        if (
            "noun" not in noun_readings
            or not noun_readings <= {"noun", "verb"}
            or noun.endswith("ing")
            or readings(noun)["noun"] != noun
        ):
            continue  # a noun after the preposition, and singular
        if nxt and "noun" in readings(nxt):
            continue  # "rely on default values": the noun phrase goes on
        out.append((k, k + 2, f"{verbs} {prep} {noun}"))
    return out


ACTION_ADVERB = 3.5
"""The least Zipf frequency of an adjective's -ly adverb for it to say how an action is
done (*annually*, *freely*, *independently*; not *definitively*)."""
ACTION_ADJECTIVE = 5.7
"""Adjectives more frequent than this (*new*, *other*) say little about the action."""
_ACTION_ENDINGS = (
    ("ification", ("ify",)),
    ("ation", ("ate", "e", "")),
    ("ition", ("ite", "e", "")),
    ("tion", ("t", "te")),
    ("ance", ("", "e")),
    ("ence", ("", "e")),
    ("ment", ("",)),
    ("al", ("e", "")),
)


def action_verb(noun: str) -> str | None:
    """The verb a noun of action is made from (*allocation* → *allocate*, *allowance* →
    *allow*, *verification* → *verify*), when the dictionary knows it as a verb."""
    for ending, bases in _ACTION_ENDINGS:
        if not noun.endswith(ending) or len(noun) - len(ending) < 3:
            continue
        stem = noun[: -len(ending)]
        for base in bases:
            verb = stem + base
            if readings(verb).get("verb") == verb:
                return verb
    return None


def _adverb_of(low: str) -> str:
    if low.endswith("ly") and "adverb" in readings(low):
        return low  # "monthly", "quarterly": the adverb has the adjective's form
    if low.endswith("le"):
        return low[:-2] + "ly"
    if low.endswith("y"):
        return low[:-1] + "ily"
    if low.endswith("ic"):
        return low + "ally"
    return low + "ly"


def action_spans(words: Sequence[tuple[int, str, bool]]) -> list[tuple[int, int]]:
    """``(first, last)`` token spans of adjective + noun of action in one sentence (see the
    module docstring); ``words`` as for :func:`compound_spans`."""
    out = []
    for (k, adjective, free_a), (m, noun, free_n) in pairwise(words):
        if m != k + 1 or not (free_a and free_n):
            continue
        found = readings(adjective)
        if (
            "adjective" not in found
            or found["adjective"] != adjective  # "cleaner": a comparative
            or adjective.endswith(("ed", "ing", "er", "est"))
            or _zipf(adjective) > ACTION_ADJECTIVE
            or _zipf(_adverb_of(adjective)) < ACTION_ADVERB
        ):
            continue
        noun_readings = readings(noun)
        singular = noun_readings.get("noun")
        if singular is None or "adjective" in noun_readings or action_verb(singular) is None:
            continue
        out.append((k, m))
    return out


def of_phrase_spans(lows: Sequence[str], free: Callable[[int], bool]) -> list[tuple[int, int]]:
    """``(first, last)`` of *the/a/an* + singular noun + *of* + bare singular noun phrases
    ending the noun phrase (see the module docstring); ``lows`` are the sentence's tokens
    (lower case, "" for punctuation), ``free`` tells which ones may belong to a term."""
    out = []
    for k in range(1, len(lows) - 2):
        article, head, of, noun = lows[k - 1], lows[k], lows[k + 1], lows[k + 2]
        nxt = lows[k + 3] if k + 3 < len(lows) else ""
        if article not in ("the", "a", "an") or of != "of" or not (free(k) and free(k + 2)):
            continue
        if noun in DETERMINERS or noun in PRONOUNS:
            continue
        if readings(head).get("noun") != head or readings(noun).get("noun") != noun:
            continue  # singular nouns both
        if nxt and set(readings(nxt)) & {"noun", "adjective"}:
            continue  # "per ton of carbon dioxide": the noun phrase goes on
        out.append((k, k + 2))
    return out
