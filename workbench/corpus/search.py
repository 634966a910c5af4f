"""Concordance: every pair of the archive holding a query, with where the query is in it.

A Chinese query (`lang` zh, or auto and the query holds a CJK character) is found as an exact
substring of the Chinese side; an English one as a phrase of words in the English side; a
regular expression (`regex`) by a scan of every pair that checks each one (slower, but it
answers what the index cannot). Results are complete: `total` counts every matching pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.corpus.backend import Corpus, Found, Hit
from workbench.corpus.tokens import en_pattern, zh_spans
from workbench.errors import WorkbenchError
from workbench.text.normalize import HAN

LANGS = ("zh", "en", "auto")


@dataclass
class Concordance:
    query: str
    lang: str  # zh | en | both (a regex with lang auto)
    hits: list[Hit]
    total: int
    pattern: re.Pattern | None  # what to highlight, on the side(s) searched (None: the zh query)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self.pattern is None:
            return zh_spans(text, self.query.strip())
        return [m.span() for m in self.pattern.finditer(text) if m.end() > m.start()]


def query_lang(query: str, lang: str = "auto") -> str:
    """zh or en: as asked, or by whether the query holds a Chinese character."""
    if lang not in LANGS:
        raise WorkbenchError(f"unknown language {lang!r} (one of: {', '.join(LANGS)})")
    if lang != "auto":
        return lang
    return "zh" if HAN.search(query) else "en"


def concordance(
    corpus: Corpus,
    query: str,
    *,
    lang: str = "auto",
    regex: bool = False,
    status: str | None = None,
    limit: int | None = None,
    exclude_file: str | None = None,
) -> Concordance:
    """Search the archive; see the module's docstring."""
    if not query.strip():
        raise WorkbenchError("empty query: give a Chinese term, English words, or --regex PATTERN")
    if regex:
        try:
            pattern = re.compile(query)
        except re.error as exc:
            raise WorkbenchError(f"invalid regular expression {query!r}: {exc}") from None
        side = lang if lang != "auto" else "both"
        hits, total = [], 0
        for h in corpus.scan(status=status):
            if h.file == exclude_file:
                continue
            if (side != "en" and pattern.search(h.zh)) or (side != "zh" and pattern.search(h.en)):
                total += 1
                if limit is None or len(hits) < limit:
                    hits.append(h)
        return Concordance(query, side, hits, total, pattern)
    side = query_lang(query, lang)
    if side == "zh":
        found: Found = corpus.find_zh(query.strip(), status=status, limit=limit, exclude_file=exclude_file)
        pattern = None
    else:
        found = corpus.find_en(query, status=status, limit=limit, exclude_file=exclude_file)
        pattern = en_pattern(query)
    return Concordance(query, side, found.hits, found.total, pattern)


def kwic(text: str, spans: list[tuple[int, int]], width: int) -> tuple[str, str, str]:
    """Keyword in context: (left, match, right) around the first span, the sides cut to fit
    `width` characters in all (… marks a cut). No span: the text's start as `left`."""
    if not spans:
        return (text if len(text) <= width else text[: width - 1] + "…"), "", ""
    s, e = spans[0]
    match = text[s:e]
    room = max(width - len(match), 8)
    left_room = room // 2
    left, right = text[:s], text[e:]
    if len(right) < room - left_room:
        left_room = room - len(right)
    if len(left) > left_room:
        left = "…" + left[len(left) - left_room + 1 :]
    right_room = room - len(left)
    if len(right) > right_room:
        right = right[: max(right_room - 1, 0)] + "…"
    return left, match, right
