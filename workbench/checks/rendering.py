"""rendering-inconsistent: a Chinese term seen in several pairs, rendered two ways (no glossary
needed).

Terms are the Chinese units of term mining (jieba words and runs of two or three of them) that
occur in two pairs or more and split into two or more dictionary words (科技成果 = 科技 + 成果).
In each pair the term's rendering is the shortest run of English words, within a clause, that
holds a rendering of every one of those words and no other content word, widened to the
neighbouring words that render one of them too ("sci-tech", "scientific and technological").
An English word renders a Chinese word when its stem is, or shares five letters with, one of
the word's CC-CEDICT glosses ("scientific" for science; "sci" and "tech" as clipped forms),
or, for a jieba word of three characters or more that the dictionary lacks, when it is found
with it in every pair that holds it (at most 12).

Two renderings differ when some part of the term is rendered by different words altogether
("sci-tech" / "scientific and technological", "fields" / "areas"); a word more or less
("manufacturing industry" / "manufacturing"), number, case, articles and word order do not
count. A term rendered two ways is reported at each pair whose rendering differs from the one
most occurrences agree with (`expected`, what "Add to glossary" offers); a shorter term inside
a reported one is not reported again, nor a glossary term (term-inconsistent covers those).
Info: the renderings are found by the tool, not approved by anyone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from workbench.checks import Finding
from workbench.checks.view import View
from workbench.glossary.dictionary import Dictionary, dictionary
from workbench.glossary.mining import _ZH_STOP, _segmenter
from workbench.text.normalize import EN_STOP, HAN_CHARS, WORD, normalize_zh, stem

CHECK = "rendering-inconsistent"
_CLAUSE = re.compile(r"[.,;:!?()\[\]\"“”]")
#: A unit starting with one of these is a verb phrase or a stock phrase, not a term.
_NOT_TERM_START = tuple("""深入 加快 推动 推进 促进 实施 完善 建设 加强 提升 提高 支持 培育 打造 开展 面临 全球 系列
    广泛 大力 积极 不断 坚持 持续 进一步 着力 扎实 全力""".split())
#: A word the dictionary lacks, found in at most this many pairs, takes its rendering from them.
_ASSOC_MAX_PAIRS = 12

Parts = tuple[frozenset[str], ...]
_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
_GLUE = frozenset("的了和与及在是")


# What a jieba word may be in a unit (bits): a unit of its own; the first word of a run; a
# later word of a run; the last word of a run (not a general word).
_ALONE, _FIRST, _NEXT, _LAST = 1, 2, 4, 8


class _WordKinds(dict):
    """jieba word → its _ALONE/_FIRST/_NEXT/_LAST bits, worked out once per distinct word."""

    def __missing__(self, w: str) -> int:
        bits = 0
        if _HAN_RUN.fullmatch(w):
            stop, glue = w in _ZH_STOP, w in _GLUE
            bits |= _ALONE if 3 <= len(w) <= 10 and not stop else 0
            bits |= 0 if stop or glue else _FIRST
            bits |= 0 if glue else _NEXT
            bits |= 0 if glue or stop else _LAST
        self[w] = bits
        return bits


def _units(words: list[str], kinds: _WordKinds) -> set[str]:
    """Term mining's Chinese units of three characters or more: a word, or two or three
    adjacent words neither starting nor ending with a general word nor holding a particle."""
    bits = list(map(kinds.__getitem__, words))
    units = {w for w, b in zip(words, bits) if b & _ALONE}
    # runs of two (None where none starts), then of three from the runs of two
    two = [a + b if ba & _FIRST and bb & _NEXT else None for a, b, ba, bb in zip(words, words[1:], bits, bits[1:])]
    units.update(u for u, bb in zip(two, bits[1:]) if u is not None and 3 <= len(u) <= 10 and bb & _LAST)
    units.update(t + c for t, c, bc in zip(two, words[2:], bits[2:])
                 if t is not None and bc & _LAST and len(t) + len(c) <= 10)
    return units


def _word_key(word: str) -> str:
    return stem(word.casefold().replace("’", "'"))


def _components(term: str, d: Dictionary) -> list[str]:
    """The term as dictionary words, longest first from the left (科技成果 → 科技, 成果)."""
    out, i = [], 0
    while i < len(term):
        for n in range(min(4, len(term) - i), 0, -1):
            piece = term[i:i + n]
            if n == 1 or (piece != term and d.lookup(piece) is not None):
                out.append(piece)
                i += n
                break
    return out


def _glosses(word: str, d: Dictionary) -> set[str]:
    found = d.lookup(word)
    if found is None:
        return set()
    return {g.casefold() for g in found[1].split() if g.casefold() not in EN_STOP and len(g) > 1}


def _matches(token: str, glosses: set[str]) -> bool:
    if len(token) < 3:
        return False
    for g in glosses:
        if token == g or _word_key(g) == token:
            return True
        if len(token) >= 5 and len(g) >= 5 and _shared(token, g) >= max(5, min(len(token), len(g)) - 2):
            return True  # scientific / science, industrial / industry; not advantages / advanced
        if len(token) <= 4 and len(g) >= 6 and g.startswith(token):  # sci, tech: clipped forms
            return True
    return False


def _shared(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


class _Pair:
    def __init__(self, pid: int, en: str) -> None:
        self.id = pid
        self.en = en
        self.words = list(WORD.finditer(en))
        self.keys = [_word_key(m.group()) for m in self.words]
        self.content = {k for k in self.keys if k not in EN_STOP and len(k) > 2}

    def clause_break(self, i: int, j: int) -> bool:
        """A clause or quotation boundary between word i and word j."""
        return bool(_CLAUSE.search(self.en, self.words[i].end(), self.words[j].start()))

    def hyphened(self, i: int) -> bool:
        """Word i and word i + 1 are joined by a hyphen."""
        if i < 0 or i + 1 >= len(self.words):
            return False
        return self.en[self.words[i].end():self.words[i + 1].start()] in ("-", "‐")

    def bridged(self, i: int) -> bool:
        """Word i and word i + 2 are joined by "and", "of" or a comma-separated list."""
        gap = self.en[self.words[i].end():self.words[i + 2].start()]
        return self.keys[i + 1] in ("and", "of") and gap.strip(" ,") == self.words[i + 1].group()

    def listed(self, i: int) -> bool:
        """Word i and word i + 1 are separated by a comma only ("science, technology")."""
        return self.en[self.words[i].end():self.words[i + 1].start()] == ", "

    def surface(self, span: tuple[int, int]) -> str:
        return self.en[self.words[span[0]].start():self.words[span[1]].end()]


class _LazyPairs(dict):
    """pair id → _Pair, made when first asked for; df: in how many pairs an English stem is."""

    def __init__(self, en_of: dict[int, str]) -> None:
        super().__init__()
        self.en_of = en_of
        self._df: Counter | None = None

    def __missing__(self, pid: int) -> _Pair:
        self[pid] = pair = _Pair(pid, self.en_of[pid])
        return pair

    def df(self, key: str) -> int:
        if self._df is None:
            self._df = Counter(k for pid in self.en_of for k in self[pid].content)
        return self._df[key]


def _renderings(pair: _Pair, parts: list[set[str]]) -> list[tuple[int, int]]:
    """Word spans [i, j] of the term's candidate renderings in the pair, shortest first."""
    matched = [[key not in EN_STOP and _matches(key, g) for g in parts] for key in pair.keys]
    hits = [[k for k, m in enumerate(matched) if m[n]] for n in range(len(parts))]
    if any(not h for h in hits):
        return []
    found = []
    limit = 2 * len(parts) + 2
    for start in sorted({k for h in hits for k in h}):
        ends = [min((k for k in h if k >= start), default=None) for h in hits]
        if None in ends:
            break
        end = max(e for e in ends if e is not None)
        if end - start + 1 > limit or pair.clause_break(start, end):
            continue
        if any(pair.keys[k] not in EN_STOP and not any(matched[k]) for k in range(start, end + 1)):
            continue  # another content word inside: a paraphrase, not a rendering
        span = _widen(pair, matched, start, end)
        if pair.hyphened(span[0] - 1) or pair.hyphened(span[1]):
            continue  # a piece of a compound: "tech" of "high-tech"
        if sum(pair.keys[k] not in EN_STOP for k in range(span[0], span[1] + 1)) < len(parts):
            continue  # one word for two parts: not a rendering of the term as such
        if span not in found:
            found.append(span)
    return sorted(found, key=lambda sp: (sp[1] - sp[0], sp[0]))


def _widen(pair: _Pair, matched: list[list[bool]], start: int, end: int) -> tuple[int, int]:
    """The span widened to neighbours that render a part too: "sci-tech", not "tech";
    "scientific and technological", not "technological"."""
    n = len(pair.keys)
    while True:
        if start > 0 and any(matched[start - 1]) and (pair.listed(start - 1) or not pair.clause_break(start - 1, start)):
            start -= 1
        elif start > 1 and any(matched[start - 2]) and pair.bridged(start - 2):
            start -= 2
        else:
            break
    while True:
        if end + 1 < n and any(matched[end + 1]) and (pair.listed(end) or not pair.clause_break(end, end + 1)):
            end += 1
        elif end + 2 < n and any(matched[end + 2]) and pair.bridged(end):
            end += 2
        else:
            break
    return start, end


def _words_by_part(pair: _Pair, span: tuple[int, int], parts: list[set[str]]) -> Parts:
    """For each part of the term, the words of the rendering that render it (five letters),
    and last the order in which the parts come."""
    keys = [k for k in pair.keys[span[0]:span[1] + 1] if k not in EN_STOP]
    words = [frozenset(k[:5] for k in keys if _matches(k, g)) for g in parts]
    first = [next((i for i, k in enumerate(keys) if _matches(k, g)), 0) for g in parts]
    order = frozenset(str(n) for n in sorted(range(len(parts)), key=lambda n: first[n]))
    return (*words, frozenset(["".join(sorted(order, key=lambda x: first[int(x)]))]))


def _differ(a: Parts, b: Parts) -> bool:
    """Some part rendered by different words altogether, the parts in the same order (a
    reordered rendering is another construction: "basic industrial" / "industrial foundation")."""
    if a[-1] != b[-1]:
        return False
    return any(x and y and not (x & y) for x, y in zip(a[:-1], b[:-1]))


def rendering_inconsistent(views: list[View]) -> list[Finding]:
    findings: list[Finding] = []
    d = dictionary()
    for view in views:
        findings.extend(_one_document(view, d))
    return findings


def _one_document(view: View, d: Dictionary) -> list[Finding]:
    glossary_terms: set[str] = set()
    if view.matcher is not None:
        glossary_terms = {normalize_zh(f).replace('"', "") for t in view.matcher.glossary.terms for f in t.zh}
    cut = _segmenter(None)
    en_of: dict[int, str] = {}
    zh_of: dict[int, str] = {}
    kinds = _WordKinds()
    units_of: list[tuple[int, set[str]]] = []
    for p in view.pairs:
        if not p.zh or not p.en:
            continue
        en_of[p.id] = p.en
        zh_of[p.id] = normalize_zh(p.zh).replace('"', "")
        units_of.append((p.id, _units(cut(zh_of[p.id]), kinds)))
    # in which pairs each unit is: counted first (in C), listed only for those in two or more
    count: Counter[str] = Counter()
    last: dict[str, int] = {}
    for pid, units in units_of:
        count.update(units)
        last.update(dict.fromkeys(units, pid))
    repeated = {u for u, n in count.items() if n >= 2}
    where: dict[str, list[int]] = defaultdict(list)
    for pid, units in units_of:
        for u in units & repeated:
            where[u].append(pid)
    del units_of

    def pairs_with(unit: str) -> list[int]:
        return where[unit] if unit in repeated else [last[unit]] if unit in last else []

    pairs = _LazyPairs(en_of)
    terms = {t: ids for t, ids in where.items()
             if len(t) >= 3 and t not in glossary_terms and not t.startswith(_NOT_TERM_START)}
    parts_of = {t: _components(t, d) for t in terms}
    terms = {t: ids for t, ids in terms.items() if len(parts_of[t]) >= 2 and all(len(c) >= 2 for c in parts_of[t])}
    gloss_cache: dict[str, set[str]] = {}

    def glosses(word: str) -> set[str]:
        if word not in gloss_cache:
            g = _glosses(word, d)
            ids = pairs_with(word) if not g else []
            if ids and len(ids) <= _ASSOC_MAX_PAIRS:  # not in the dictionary: words found with it in every pair holding it
                g = {k for k in set.intersection(*(pairs[i].content for i in ids)) if pairs.df(k) <= 2 * len(ids)}
            gloss_cache[word] = g
        return gloss_cache[word]

    reported: list[str] = []
    out: list[Finding] = []
    # shortest first, and a term holding a reported one is not reported again: one concept,
    # one piece of advice (大规模设备更新 follows what 设备更新 is rendered as most)
    for term in sorted(terms, key=lambda t: (len(t), t)):
        if any(small in term for small in reported):
            continue
        parts = [glosses(c) for c in parts_of[term]]
        if any(not g for g in parts):
            continue
        seen: list[tuple[int, list[Parts], list[str]]] = []  # pair, its renderings (shortest first)
        for pid in terms[term]:
            spans = _renderings(pairs[pid], parts)
            if spans:
                pair = pairs[pid]
                seen.append((pid, [_words_by_part(pair, sp, parts) for sp in spans], [pair.surface(sp) for sp in spans]))
        if len({ks[0] for _, ks, _ in seen}) < 2:
            continue
        if glossary_terms:  # where it is inside a glossary term, term-inconsistent's business
            inside = [g for g in glossary_terms if term in g]
            seen = [x for x in seen if not any(g in zh_of[x[0]] for g in inside)]
        counts = Counter(ks[0] for _, ks, _ in seen)
        if len(counts) < 2:
            continue
        # the majority: the rendering that the most pairs hold one agreeing with
        agree = {k: sum(any(k[-1] == kk[-1] and not _differ(k, kk) for kk in ks) for _, ks, _ in seen) for k in counts}
        major = max(counts, key=lambda k: (agree[k], counts[k]))
        expected = next(ss[0] for _, ks, ss in seen if ks[0] == major)
        same = [pid for pid, ks, _ in seen if any(not _differ(major, kk) for kk in ks)]
        odd = [(pid, ss) for pid, _, ss in seen if pid not in same]
        if odd:
            reported.append(term)
        for pid, ss in odd:
            out.append(Finding(
                CHECK, "info", pid,
                f"{term} is rendered “{ss[0]}” here but “{expected}” in pair"
                f"{'s' if len(same) > 1 else ''} {', '.join(map(str, same))}",
                term=term, expected=expected, found=ss[0], file=view.file))
    return out
