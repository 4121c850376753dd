"""An English news article as text → headline, paragraphs and sentences with ids.

>>> article = segment_article('''S. Korea, Japan resume steel talks
...
... SEOUL, May 31 (Yonhap) -- South Korea and Japan held talks on Wednesday. The U.S. was
... not there.
...
... Prices rose 2.5 percent, Mr. Kim said. "It is a start," he said. (Yonhap)''')
>>> article.headline, article.dateline.agency
('S. Korea, Japan resume steel talks', 'Yonhap')
>>> [sid for sid, _ in article.sentences()]
['h1', 'p1s1', 'p1s2', 'p2s1', 'p2s2']
>>> article.paragraphs[1]
('Prices rose 2.5 percent, Mr. Kim said.', '"It is a start," he said. (Yonhap)')

The rules, kept small and tested (no dependency: a news article's sentences end in a
few predictable ways):

* **Paragraphs**: blocks separated by blank lines (the lines of a block are joined, so
  hard-wrapped text is fine); a text with no blank line has one paragraph per line.
* **Headline**: the ``title`` given, else the first line. When the title given is a line
  of the text, what comes before it is taken as the web page around the article and left
  out. A ``By ...`` line, a ``Published``/``Updated`` line or a short bulleted line
  (``• Link copied``) right after the headline is the byline or page furniture, not text.
* **Dateline**: ``SEOUL, May 31 (Yonhap) --`` (or ``BRUSSELS (AP) --``, ``SEOUL, April 8 --``)
  at the start of the first paragraph is taken off the sentence and returned apart.
* **Sentences** end at ``.``, ``!`` or ``?`` (and any closing quotes or brackets after
  it) followed by a space and a capital letter, a digit or an opening quote, except after
  titles (``Mr.``, ``Dr.``), single initials (``S. Korea``, ``J. Smith``), months and other
  abbreviations (``Jan.``, ``No. 1``, ``Co. Ltd.``), and dotted abbreviations (``U.S.``) unless
  a word that usually starts a sentence follows (``... from the U.S. The ministry ...``).
  Decimals (``2.5``) never split: no space follows their point. A short bracketed tail
  such as ``(Yonhap)`` stays with the sentence before it.

A **Korean article** (:func:`segment_korean_article`, for ``dokhae lesson new --from-korean``)
gets the same paragraphs, headline and ids; its sentences come from the Korean splitter
(:func:`split_korean`). A Korean dateline ``(서울=연합뉴스) 홍길동
기자 =`` (or ``[세종=뉴시스]``, without the reporter) is taken off the first paragraph, the
reporter kept as the byline; the lines a news site puts around the text (``입력
2026.04.08 10:14``, a reporter's name or e-mail alone, ``(끝)``, ``<저작권자 ... 무단 전재 및
재배포 금지>``) are left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = [
    "Dateline",
    "SegmentedArticle",
    "segment_article",
    "segment_korean_article",
    "split_korean",
    "split_paragraphs",
    "split_sentences",
]

_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "gen",
    "gov",
    "sen",
    "rep",
    "reps",
    "lt",
    "col",
    "capt",
    "cmdr",
    "sgt",
    "maj",
    "adm",
    "pres",
    "rev",
    "hon",
    "amb",
    "messrs",
    "mt",
    "ft",
}
_MONTHS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_BEFORE_NUMBER = {
    "no",
    "nos",
    "vol",
    "art",
    "arts",
    "p",
    "pp",
    "fig",
    "para",
    "sec",
    "ch",
    "approx",
}
_COMPANY = {"inc", "corp", "co", "ltd", "plc", "bros", "llc"}
_OTHER = {"vs", "etc", "e.g", "i.e", "cf", "al", "approx", "est", "dept", "univ", "assn", "govt"}
_STARTERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "however",
    "meanwhile",
    "its",
    "their",
    "his",
    "her",
    "there",
    "as",
    "after",
    "before",
    "while",
    "if",
    "when",
    "since",
    "for",
    "some",
    "many",
    "most",
    "according",
}

_END = re.compile(r"[.!?]+[\"”’')\]]*")
_OPENING = "\"“‘'([«"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'/-]*[A-Z]\.?)"  # SEOUL, WASHINGTON D.C.
    r"(?:,\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"  # , May 31
    r"(?:\s+\((?P<agency>[^)]{1,40})\))?"  # (Yonhap)
    r"\s*(?:--|—|–|-)\s+"  # --
)
_META_LINE = re.compile(r"^(?:Published|Updated|Posted)\s*:?.{0,60}$", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+\S.{0,60}$")
_BULLET = re.compile(r"^[•·▶►■]\s*\S+(?:\s+\S+){0,5}$")  # "• Link copied" of a web page


@dataclass(frozen=True)
class Dateline:
    """The dateline taken off the first paragraph: ``SEOUL, May 31 (Yonhap) --``."""

    text: str
    place: str
    date: str | None
    agency: str | None


@dataclass(frozen=True)
class SegmentedArticle:
    """An article cut into a headline and paragraphs of sentences."""

    headline: str
    paragraphs: tuple[tuple[str, ...], ...]
    dateline: Dateline | None = None
    byline: str | None = None

    def sentences(self) -> list[tuple[str, str]]:
        """``(id, sentence)`` in reading order: ``h1``, then ``p<N>s<M>``."""
        out = [("h1", self.headline)]
        for n, paragraph in enumerate(self.paragraphs, 1):
            out += [(f"p{n}s{m}", sentence) for m, sentence in enumerate(paragraph, 1)]
        return out

    def paragraph_ids(self) -> list[list[tuple[str, str]]]:
        """The sentences grouped by paragraph (the headline is a paragraph of its own)."""
        groups = [[("h1", self.headline)]]
        for n, paragraph in enumerate(self.paragraphs, 1):
            groups.append([(f"p{n}s{m}", s) for m, s in enumerate(paragraph, 1)])
        return groups


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: blocks between blank lines, or lines when no line is blank."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return []
    if any(not lines[i].strip() for i in range(filled[0], filled[-1])):
        blocks, current = [], []
        for line in lines:
            if line.strip():
                current.append(line.strip())
            elif current:
                blocks.append(" ".join(current))
                current = []
        if current:
            blocks.append(" ".join(current))
    else:
        blocks = [line for line in lines if line.strip()]
    return [p for p in (_clean(b) for b in blocks) if p]


def _word_before(text: str, end: int) -> str:
    """The token that ends at ``end`` (the position of the sentence-ending mark)."""
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENING:
        start -= 1
    return text[start:end]


def _is_boundary(text: str, mark_start: int, mark: str, after: int) -> bool:
    """Does the sentence end at the mark ``text[mark_start:...]`` followed by text at ``after``?"""
    rest = text[after:]
    if not rest:
        return True
    j = 0
    while j < len(rest) and rest[j] in _OPENING:
        j += 1
    if j >= len(rest) or not (rest[j].isupper() or rest[j].isdigit()):
        return False
    if not mark.startswith(".") or mark.startswith(".."):
        return True
    word = _word_before(text, mark_start)
    bare = word.strip("\"“‘'([").lower()
    following = re.match(r"[\w’'-]+", rest[j:])
    next_word = following.group(0).lower() if following else ""
    if bare in _TITLES:
        return False
    if len(bare) == 1 and bare.isalpha():  # S. Korea, J. Smith
        return False
    if bare in _MONTHS or bare in _OTHER:
        return next_word in _STARTERS and bare != "vs"
    if bare in _BEFORE_NUMBER:
        return not rest[j].isdigit()
    if "." in bare and re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare):  # U.S, U.N, e.g
        return next_word in _STARTERS
    if bare in _COMPANY:  # Samsung Electronics Co. Ltd.
        return next_word not in _COMPANY
    return True


def _boundaries(text: str) -> Iterator[int]:
    for m in _END.finditer(text):
        after = m.end()
        if after < len(text) and not text[after].isspace():
            continue  # 2.5, U.S., "quoted."word
        rest_start = after
        while rest_start < len(text) and text[rest_start].isspace():
            rest_start += 1
        if _is_boundary(text, m.start(), m.group(0), rest_start):
            yield after


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph (see the module's rules)."""
    text = _clean(paragraph)
    if not text:
        return []
    pieces, start = [], 0
    for end in _boundaries(text):
        piece = text[start:end].strip()
        if piece:
            pieces.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return join_fragments(pieces)


def join_fragments(pieces: Sequence[str]) -> list[str]:
    """Sentences with the fragments a split leaves put back on the sentence before:
    a short bracketed tail such as ``(Yonhap)`` or ``(사진 제공)``, or a piece with no word
    character (a stray quote mark). Used for English and Korean alike."""
    out: list[str] = []
    for piece in filter(None, pieces):
        short_tail = (
            re.fullmatch(r"[(\[][^()\[\]]{1,40}[)\]]\.?", piece) and len(piece.split()) <= 4
        )
        if out and (short_tail or not re.search(r"\w", piece)):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _take_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    m = _DATELINE.match(paragraph)
    if not m or not (m.group("date") or m.group("agency")):
        return None, paragraph
    rest = paragraph[m.end() :]
    if not rest or not (rest[0].isupper() or rest[0] in _OPENING or rest[0].isdigit()):
        return None, paragraph
    dateline = Dateline(
        text=m.group(0).strip(),
        place=m.group("place").strip(),
        date=m.group("date"),
        agency=m.group("agency"),
    )
    return dateline, rest


def segment_article(text: str, *, title: str | None = None) -> SegmentedArticle:
    """Cut an article into headline, paragraphs and sentences.

    Args:
        text: the article as plain text (NFC is applied; line ends may be CRLF).
        title: the headline, when the text does not start with it (or to override it).
            A first line equal to the title is not repeated in the body.

    Raises:
        ValueError: the text has no sentence (apart from a headline).
    """
    paragraphs = split_paragraphs(text)
    if title is not None and _clean(title):
        headline = _clean(title)
        same = [i for i, p in enumerate(paragraphs) if p.casefold() == headline.casefold()]
        if same:  # what comes before the headline is the page around it (site name, menus)
            paragraphs = paragraphs[same[0] + 1 :]
        else:
            first_line = _clean(text.strip().replace("\r", "\n").split("\n", 1)[0])
            if paragraphs and first_line.casefold() == headline.casefold():
                paragraphs[0] = paragraphs[0][len(first_line) :].strip()
                paragraphs = [p for p in paragraphs if p]
    else:
        if not paragraphs:
            raise ValueError("the text is empty")
        first_line = _clean(text.strip().replace("\r", "\n").split("\n", 1)[0])
        headline = first_line
        paragraphs[0] = paragraphs[0][len(first_line) :].strip()
        paragraphs = [p for p in paragraphs if p]
    byline = None
    while paragraphs and (
        _BYLINE.match(paragraphs[0])
        or _META_LINE.match(paragraphs[0])
        or _BULLET.match(paragraphs[0])
    ):
        if _BYLINE.match(paragraphs[0]) and byline is None:
            byline = paragraphs[0]
        paragraphs = paragraphs[1:]
    dateline = None
    if paragraphs:
        dateline, paragraphs[0] = _take_dateline(paragraphs[0])
    body = tuple(tuple(s) for s in (split_sentences(p) for p in paragraphs) if s)
    if not body:
        raise ValueError("the text has a headline but no sentences after it")
    return SegmentedArticle(headline=headline, paragraphs=body, dateline=dateline, byline=byline)


# --------------------------------------------------------------------------- a Korean article

# --------------------------------------------------------------------------- Korean sentences

_KO_END = re.compile(r"[.!?]+[\"”’'」』)\]]*")
_KO_LATIN_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "inc",
    "co",
    "corp",
    "ltd",
    "no",
    "vs",
    "etc",
    "jr",
    "sr",
    "st",
}
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_KO_QUOTATIVE = re.compile(r"(?:이?라고|하고|고|이?라며|하며|며)(?:\s|$)")  # "좋다." 라고 말했다


def _is_latin_abbreviation(text: str, mark_start: int) -> bool:
    """Is the ``.`` at ``mark_start`` the point of ``S.``, ``U.S.`` or ``Mr.``?"""
    tail = re.search(r"[A-Za-z.]*\Z", text[:mark_start])
    word = tail.group(0) if tail else ""  # the pattern also matches an empty tail
    bare = word.strip(".").lower()
    return bool(bare) and (len(bare) == 1 or "." in bare or bare in _KO_LATIN_ABBREVIATIONS)


def _korean_sentences(paragraph: str) -> list[str]:
    text = re.sub(r"\s+", " ", paragraph).strip()
    pieces, start = [], 0
    for m in _KO_END.finditer(text):
        end = m.end()
        if end < len(text) and not text[end].isspace():
            continue
        if m.group(0).startswith(".") and _is_latin_abbreviation(text, m.start()):
            continue
        if m.group(0)[-1] in "\"”’'" and _KO_QUOTATIVE.match(text, end + 1):
            continue
        pieces.append(text[start:end].strip())
        start = end
    pieces.append(text[start:].strip())
    return join_fragments(pieces)


def without_comments(text: str) -> str:
    """``text`` in NFC with its HTML comments (``<!-- ... -->``) dropped."""
    return _COMMENT.sub("", unicodedata.normalize("NFC", text))


def split_korean(text: str) -> list[list[str]]:
    """The paragraphs of a Korean text, each a list of its sentences (NFC).

    HTML comments (``<!-- ... -->``) are dropped.
    """
    text = without_comments(text)
    return [s for s in (_korean_sentences(p) for p in split_paragraphs(text)) if s]


_KO_DATELINE = re.compile(
    r"^[(\[【]\s*(?P<place>[^=()\[\]【】]{1,20}?)\s*=\s*(?P<agency>[^()\[\]【】]{1,20}?)\s*[)\]】]\s*"
    r"(?:(?P<reporter>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s*"
    r"(?:기자|특파원|선임기자|객원기자|통신원)(?:\s+[\w.+-]+@[\w.-]+)?)\s*=\s*)?"
)
_KO_REPORTER = r"[가-힣]{2,4}\s*(?:기자|특파원|선임기자|객원기자|통신원)"
_KO_FURNITURE = re.compile(
    r"^(?:(?:입력|수정|승인|등록|송고|업데이트|기사\s*입력|최종\s*수정)\s*:?\s*[\d.:/\- ]{6,}.{0,20}"
    rf"|{_KO_REPORTER}(?:\s*[\w.+-]+@[\w.-]+)?"
    r"|[\w.+-]+@[\w.-]+\.\w+"
    r"|[(\[]?끝[)\]]?"
    r"|[<〈(\[]?\s*(?:ⓒ|©|\(c\)|저작권자).{0,60}[>〉)\]]?"
    r"|[<〈(\[]?.{0,40}무단\s*(?:전재|복제).{0,40}[>〉)\]]?"
    r"|[•·▶►■]\s*\S+(?:\s+\S+){0,5})$",
    re.IGNORECASE,
)


def _furniture(sentence: str) -> bool:
    return bool(_KO_FURNITURE.match(sentence.strip()))


def _take_korean_dateline(paragraph: str) -> tuple[Dateline | None, str | None, str]:
    m = _KO_DATELINE.match(paragraph)
    if not m or not paragraph[m.end() :].strip():
        return None, None, paragraph
    dateline = Dateline(
        text=m.group(0).strip(),
        place=m.group("place").strip(),
        date=None,
        agency=m.group("agency").strip(),
    )
    return dateline, (m.group("reporter") or "").strip() or None, paragraph[m.end() :].strip()


def segment_korean_article(text: str, *, title: str | None = None) -> SegmentedArticle:
    """Cut a Korean article into headline, paragraphs and sentences (the ids of
    :meth:`SegmentedArticle.sentences`: ``h1``, ``p<N>s<M>``).

    Args:
        text: the article as plain text (NFC is applied; HTML comments are dropped).
        title: the headline, when the text does not start with it (or to override it).

    Raises:
        ValueError: the text has no sentence (apart from a headline).
    """
    text = without_comments(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reporter_line = next(
        (
            _clean(line)
            for line in lines
            if re.fullmatch(_KO_REPORTER + r"(?:\s*[\w.+-]+@[\w.-]+)?", _clean(line))
        ),
        None,
    )
    text = "\n".join("" if _furniture(line) else line for line in lines)  # the site's lines
    paragraphs = split_paragraphs(text)
    first_line = _clean(text.strip().replace("\r", "\n").split("\n", 1)[0]) if text.strip() else ""
    if title is not None and _clean(title):
        headline = _clean(title)
        same = [i for i, p in enumerate(paragraphs) if p == headline]
        if same:
            paragraphs = paragraphs[same[0] + 1 :]
        elif paragraphs and first_line == headline:
            paragraphs[0] = paragraphs[0][len(first_line) :].strip()
    else:
        if not paragraphs:
            raise ValueError("the text is empty")
        headline = first_line
        paragraphs[0] = paragraphs[0][len(first_line) :].strip()
    paragraphs = [p for p in paragraphs if p]
    byline = reporter_line
    dateline = None
    if paragraphs:
        dateline, reporter, paragraphs[0] = _take_korean_dateline(paragraphs[0])
        byline = byline or reporter
    body = []
    for paragraph in paragraphs:
        sentences = [s for block in split_korean(paragraph) for s in block]
        while sentences and _furniture(sentences[-1]):  # "... 했다. hong@yna.co.kr"
            sentences.pop()
        if sentences:  # "... 이다. (끝)"
            sentences[-1] = re.sub(r"\s*[(\[]끝[)\]]$", "", sentences[-1])
        sentences = [s for s in sentences if s and not _furniture(s)]
        if sentences:
            body.append(tuple(sentences))
    if not body:
        raise ValueError("the text has a headline but no sentences after it")
    return SegmentedArticle(
        headline=headline, paragraphs=tuple(body), dateline=dateline, byline=byline
    )
