"""Quality checks of an aligned translation (DESIGN §6), for one document or a folder of them.

`run_checks` and `run_checks_corpus` return `Finding`s, in pair order, minus those the reviser
dismissed (the aligned file's `ignored` list). Each check family is one module; all of them
read the same prepared view of the pairs (`View`), built once per run.

Severities: error — term-forbidden, number-mismatch, Chinese left in the English;
warning — term-missing, term-inconsistent, source-inconsistent, an English side missing or far
too short, English identical to the Chinese, full-width punctuation or an unbalanced bracket
in the English (typography); info — what is probably style (a "these SMEs" with no term named
just before, a "their" right after one, a repeated sentence worded slightly differently, the
same English for different Chinese, variant-spelling, capitalisation, quotes and spacing,
rendering-inconsistent (a Chinese term rendered two ways, found without a glossary), an
English side with no Chinese or far too long). Not reported at all: a head shared in a list,
a rendering's words in another form, a back reference to a term just named, a stock phrase
of a briefing worded two ways.

A dismissal (`Ignored`) matches on check, and on pair and term where it names them; the term
of a finding is the glossary term's first Chinese form (term-*), or the reference phrasing
(variant-spelling).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import count, repeat
from operator import attrgetter

from workbench.glossary.model import Glossary, Term
from workbench.model import Alignment, Ignored

CHECKS = (
    "term-missing",
    "term-forbidden",
    "term-inconsistent",
    "source-inconsistent",
    "variant-spelling",
    "number-mismatch",
    "omission",
    "untranslated",
    "typography",
    "capitalisation",
    "rendering-inconsistent",
)
SEVERITIES = ("error", "warning", "info")  # most serious first


def severity_rank(severity: str) -> int:
    """0 for an error, 1 a warning, 2 info (an unknown severity last): sort by it."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


@dataclass(frozen=True, init=False)
class Finding:
    check: str  # one of CHECKS
    severity: str  # "error" | "warning" | "info"
    pair: int | None  # pair id
    message: str
    term: str | None = None
    expected: str | None = None
    found: str | None = None
    file: str | None = None  # when checking a folder

    def __init__(self, check: str, severity: str, pair: int | None, message: str, term: str | None = None,
                 expected: str | None = None, found: str | None = None, file: str | None = None) -> None:
        # (the fields set at once: the __init__ a frozen dataclass writes sets each through
        # object.__setattr__, at twice the time, for thousands of findings; a test checks that
        # this one takes the fields, in order, with their defaults)
        self.__dict__.update(check=check, severity=severity, pair=pair, message=message, term=term,
                             expected=expected, found=found, file=file)

    def as_dict(self) -> dict:
        """The JSON form: {check, severity, pair, term?, expected?, found?, message} (+ file)."""
        d: dict = {"check": self.check, "severity": self.severity, "pair": self.pair}
        for key in ("term", "expected", "found"):
            value = getattr(self, key)
            if value is not None:
                d[key] = value
        d["message"] = self.message
        if self.file is not None:
            d["file"] = self.file
        return d


class Inputs:
    """What the checks read of a document and its glossary: each pair's id and sentences, in
    order; the dismissed findings; each term's forms, renderings, note and case. Two runs whose
    inputs are the `same` find the same (a pair's status, score, paragraph or note changes no
    finding): the editor checks again only when they differ, not after every Confirm."""

    __slots__ = ("pairs", "ignored", "terms")

    def __init__(self, al: Alignment, glossary: Glossary | None) -> None:
        self.pairs = list(al.pairs)
        self.ignored = [(i.check, i.pair, i.term) for i in al.ignored]
        self.terms = None if glossary is None else list(glossary.terms)

    def same(self, other: Inputs) -> bool:
        """Whether the checks would read the same. (Pairs and terms are never changed in place:
        a change makes new ones, as the editor's PairPieces relies on too; so one object is
        the same, and two are compared by what the checks read of them: about a millisecond
        on 10,000 pairs, where building what they read took 7–19.)"""
        if self.ignored != other.ignored or len(self.pairs) != len(other.pairs):
            return False
        if self.terms is None or other.terms is None:
            if self.terms is not other.terms:
                return False
        elif len(self.terms) != len(other.terms) or not all(
                a is b or _term_read(a) == _term_read(b) for a, b in zip(self.terms, other.terms)):
            return False
        return all(a is b or (a.id, a.zh, a.en) == (b.id, b.zh, b.en) for a, b in zip(self.pairs, other.pairs))


class Memo:
    """What a run of the checks keeps for the next run on the same documents, so that the next
    skips the work whose inputs have not changed: the editor checks the document it edits
    after every change, and on 10,000 pairs of real text a run is seconds. Findings are those
    of a run without it (tests/test_checks_memo.py: random edits of texts, pairs, ids and the
    glossary; a run stopped half way).

    Kept, each a function of what it is kept by, and only for this run's texts (the memo does
    not grow edit after edit; 51 MB on 10,000 pairs of real text, the texts themselves among
    it, once: tracemalloc, after three edits): what a pair-local reading gives, by the text(s)
    read (number-mismatch's finding, typography's, the phrases capitalisation compares, with
    the words it read them by; source-inconsistent's keys of each Chinese and English text, as
    digests, 1.4 MB; what term-missing read of a pair for a term, 0.3 MB); the glossary
    compiled (`checks.view`), by what its terms read, and term-missing's readings and
    term-inconsistent's keys of renderings with nested terms by that glossary; the English of
    every pair read into words (`checks.view.English.read`: after an edit only the edited run
    of texts is read again, 9 MB on 10,000 pairs of real text); the glossary's hits in every
    pair (`found`: after an edit only the edited run of pairs is searched again, 4 MB, packed
    as arrays); variant-spelling's reading of the text (`checks.spelling._Spelling`: after an
    edit only the edited run of pairs is read again, 5 MB); and rendering-inconsistent's
    readings (`checks.rendering.DocumentMemo`). (Before the hits, variant-spelling's reading
    and the index of content words were kept, 38 MB, and the re-check after an edit of 10,000
    real pairs took twice the CPU it takes: `bench/check_speed.py --real`, in turn.)"""

    __slots__ = ("renderings", "numbers", "capitals", "typography", "compiled", "english", "found", "missing",
                 "nested_keys", "sources", "spelling")

    def __init__(self) -> None:
        self.renderings: dict = {}  # document (View.file) → checks.rendering.DocumentMemo
        #: (Chinese, English) of each pair of the last run → its number-mismatch finding's
        #: message, expected and found, or None (`checks.numbers`)
        self.numbers: dict = {}
        #: what capitalisation read of each English text in the last run (`checks.typography`)
        self.capitals = None
        #: what typography read of each English text in the last run (`checks.typography`)
        self.typography: dict = {}
        #: the glossaries compiled in the last run, each with what its terms read (`checks.view`)
        self.compiled: list = []
        #: the last run's English read into words (`checks.view.English.read`)
        self.english = None
        #: each document (View.file) → the glossary compiled for it in the last run (its
        #: matcher), and the hits found in every pair (`checks.view.match_all_pairs`; packed:
        #: `ZhFound.packed`, `EnFound.packed`)
        self.found: dict = {}
        #: each glossary compiled (its matcher) → (term, Chinese, English) → what term-missing
        #: read of a pair so for that term (`checks.terms`)
        self.missing: dict = {}
        #: each glossary compiled (its matcher) → (English, the rendering's place in its
        #: words, (term, kind, form), word for word) → the key term-inconsistent counted it
        #: under, for a term with nested terms (`checks.terms`)
        self.nested_keys: dict = {}
        #: the last run's Chinese and English texts (of the pairs with both), and the key of
        #: each (`checks.consistency`: source-inconsistent)
        self.sources: tuple[list, list, list, list] | None = None
        #: what variant-spelling read of the last run's text (`checks.spelling._Spelling`)
        self.spelling = None


def _term_read(t: Term) -> tuple:
    """What the checks read of a term, as a value of its own (a copy of its lists: kept by a
    memo, it must not follow a term changed in place afterwards)."""
    return tuple(t.zh), t.en, tuple(t.variants), tuple(t.forbidden), t.note, t.case


def is_ignored(f: Finding, ignored: Sequence[Ignored]) -> bool:
    """True if the reviser dismissed this finding: same check, and same pair and term where
    the dismissal names them (a dismissal without a pair covers the whole document)."""
    for i in ignored:
        if i.check != f.check:
            continue
        if i.pair is not None and i.pair != f.pair:
            continue
        if i.term is not None and i.term != f.term:
            continue
        return True
    return False


def _selected(checks: Collection[str] | None) -> list[str]:
    if checks is None:
        return list(CHECKS)
    unknown = [c for c in checks if c not in CHECKS]
    if unknown:
        from workbench.errors import WorkbenchError

        raise WorkbenchError(f"unknown check {unknown[0]!r} (known: {', '.join(CHECKS)})")
    return [c for c in CHECKS if c in checks]


def run_checks(
    al: Alignment, glossary: Glossary | None = None, *, checks: Collection[str] | None = None,
    memo: Memo | None = None,
) -> list[Finding]:
    """All findings not dismissed in al.ignored, in pair order. (`memo`: kept from an earlier
    run on the same document, and for the next, `Memo`.)"""
    return run_checks_corpus([(None, al)], glossary, checks=checks, memo=memo)  # type: ignore[list-item]


def run_checks_corpus(
    docs: Sequence[tuple[str, Alignment]],
    glossary: Glossary | None | Sequence[Glossary | None] = None,
    *,
    checks: Collection[str] | None = None,
    progress: Callable[[float], None] | None = None,
    memo: Memo | None = None,
) -> list[Finding]:
    """Findings for several aligned documents checked as one corpus.

    Pair-level checks run per document; term-inconsistent, source-inconsistent and
    variant-spelling compare renderings across all of them. `glossary` is one glossary for
    all documents or one per document (None: no glossary checks for that one). Each
    document's own `ignored` list applies to its findings; `file` names the document.
    """
    with _collector_paused():
        return _run_checks_corpus(docs, glossary, checks=checks, progress=progress, memo=memo)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while the checks run, as it was after. The checks make
    hundreds of thousands of short-lived objects with no reference cycles (reference counting
    frees them), and the collector's passes they trigger walk every object of the run again and
    again: on 10,000 pairs and 5,000 terms that was a quarter of the time (bench/check_speed.py).

    What outlives the run (the findings, and the data and caches the checks loaded: CC-CEDICT's
    lines, the stems) is put in the oldest generation at once (`gc.freeze` then `gc.unfreeze`,
    two list splices), where it would go anyway: otherwise the collector walks all of it in the
    young generation at the first allocation after the run, and again in the middle one later
    (10 ms each on the bench). Not where a caller keeps objects frozen (unfreeze would free
    theirs)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _run_checks_corpus(
    docs: Sequence[tuple[str, Alignment]],
    glossary: Glossary | None | Sequence[Glossary | None],
    *,
    checks: Collection[str] | None,
    progress: Callable[[float], None] | None,
    memo: Memo | None,
) -> list[Finding]:
    from workbench.checks import completeness, consistency, numbers, rendering, spelling, terms, typography
    from workbench.checks.view import build_views, english

    wanted = _selected(checks)
    if glossary is None or isinstance(glossary, Glossary):
        glossaries = [glossary] * len(docs)
    else:
        glossaries = list(glossary)
        if len(glossaries) != len(docs):
            raise ValueError("one glossary per document, or one for all")
    if not any(c.startswith("term-") or c in ("variant-spelling", "rendering-inconsistent") for c in wanted):
        glossaries = [None] * len(docs)  # no check looks at term hits: no matching needed
    views = build_views(docs, glossaries, progress=progress,
                        match_all=any(c.startswith("term-") for c in wanted), memo=memo)
    found: list[Finding] = []
    runners = {
        "term-missing": partial(terms.term_missing, memo=memo),
        "term-forbidden": terms.term_forbidden,
        "term-inconsistent": partial(terms.term_inconsistent, memo=memo),
        "source-inconsistent": partial(consistency.source_inconsistent, memo=memo),
        "variant-spelling": partial(spelling.variant_spelling, memo=memo),
        "number-mismatch": partial(numbers.number_mismatch, memo=memo),
        "omission": completeness.omission,
        "untranslated": completeness.untranslated,
        "typography": partial(typography.typography, memo=memo),
        "capitalisation": partial(typography.capitalisation, memo=memo),
        "rendering-inconsistent": partial(rendering.rendering_inconsistent, memo=memo),
    }
    if "variant-spelling" in wanted and views:
        # the words of the run read now, once, as variant-spelling reads them: the checks before
        # it (source-inconsistent) find them read, and need not read each text their own way
        english(views).read  # noqa: B018
    for name in wanted:
        found.extend(runners[name](views))
    ignored = {v.file: v.al.ignored for v in views}
    kept = [f for f in found if not is_ignored(f, ignored.get(f.file, []))] if any(ignored.values()) else found
    # in pair order: by the place of each finding's pair (a pair id of a document repeated: its
    # last place), in C; the findings of one pair stay in the order of CHECKS, as found (a
    # stable sort)
    if len(views) == 1 and set(map(attrgetter("file"), kept)) <= {views[0].file}:
        # (one document: a pair is known by its id alone, no (file, id) and (document, place)
        # tuples made for every pair and finding)
        position: dict = dict(zip([p.id for p in views[0].pairs], count()))
        places = list(map(position.get, map(attrgetter("pair"), kept), repeat(-1)))
    else:
        position = {}
        for d, v in enumerate(views):
            position.update(zip(zip(repeat(v.file), [p.id for p in v.pairs]), zip(repeat(d), count())))
        places = list(map(position.get, map(attrgetter("file", "pair"), kept), repeat((-1, -1))))
    return list(map(kept.__getitem__, sorted(range(len(kept)), key=places.__getitem__)))
