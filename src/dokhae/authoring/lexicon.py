"""The English lexicons lesson building reads: lemminflect's dictionary, wordfreq's
frequencies and the CEFR lists, loaded once. :mod:`.english`, :mod:`.pos` and
:mod:`.phrases` all read them here, so none of them imports another for its data."""

from __future__ import annotations

from functools import cache, lru_cache

from ..validation import POS_IN_LISTS, wordlist_levels

__all__ = ["GLOSSARY_POS", "lemminflect_functions", "listed_words", "zipf"]


def lemminflect_functions():
    try:
        from lemminflect import getAllLemmas, getLemma
    except ImportError as e:  # pragma: no cover - depends on the install
        raise ImportError(
            "glossary candidates need the author extra: pip install 'dokhae[author]'"
        ) from e
    return getAllLemmas, getLemma


@cache
def zipf(text: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(text, "en")


@lru_cache(maxsize=1)
def listed_words() -> dict[str, dict[str, str]]:
    """``{word: {list pos: level}}`` over both CEFR lists (first list wins)."""
    out: dict[str, dict[str, str]] = {}
    for table in wordlist_levels().values():
        for (word, pos), level in table.items():
            out.setdefault(word, {}).setdefault(pos, level)
    return out


GLOSSARY_POS = {
    list_pos: pos for pos, list_poses in POS_IN_LISTS.items() for list_pos in list_poses
}
