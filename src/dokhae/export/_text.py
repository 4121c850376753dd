"""Finding glossary forms in article text, shared by the exports."""

from __future__ import annotations

import re


def spans(text: str, forms: dict[str, int]) -> list[tuple[int, int, int]]:
    """Non-overlapping ``(start, end, key)`` matches of ``forms`` in ``text``, leftmost and longest first.

    English forms match whole words, case-insensitively (as ``dokhae check`` does); Korean
    forms match anywhere, since particles and endings attach to them.
    """
    found = []
    for form, key in forms.items():
        if not form:
            continue
        if re.search(r"[A-Za-z]", form):
            pattern = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", re.IGNORECASE)
        else:
            pattern = re.compile(re.escape(form))
        found.extend((m.start(), m.end(), key) for m in pattern.finditer(text))
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    chosen: list[tuple[int, int, int]] = []
    for span in found:
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    return chosen
