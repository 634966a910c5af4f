"""Term mining: candidate glossary entries from the aligned pairs themselves.

Chinese units are jieba words (glossary terms added to its dictionary) and runs of two to
four adjacent words (规模以上工业企业 is four: 规模 以上 工业 企业); English units are word
n-grams (1–5 words) that neither begin nor end with a function word. A Chinese unit and an English unit that keep turning up in the same
pairs are a candidate: association is Dice over pairs (logDice = 14 + log2 Dice, 14 at most:
the pair always together, each never alone), shown with the number of pairs, and ranked by
logDice + log2(pairs); a new candidate must look like a term (four characters or more, or a
rendering of several words, or a name). Each candidate is then read by the rendering engine
that rendering-inconsistent uses (glossary/renderings.py): where it finds how the term is
rendered, that is the candidate's English and those are its pairs; a pairing that renders no
part of the term, or only a shorter term inside it, is dropped. Each candidate is set against
the glossary: already in it, contradicting it (another rendering is approved), or new.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from workbench.glossary.matching import rendering_key
from workbench.glossary.model import Glossary
from workbench.glossary.renderings import Renderings, components, matches, verdict, word_key
from workbench.model import Alignment
from workbench.text.normalize import EN_STOP, HAN_CHARS, WORD, normalize_zh
from workbench.text.pinyin import pinyin_syllables

_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
# Chinese words too general to be terms on their own.
_ZH_STOP = frozenset(
    """我们 我国 这个 这些 一个 一些 进行 推动 推进 加快 发展 方面 工作 问题 情况 以及 已经 还是 就是 同时
    目前 下一步 谢谢 提问 其中 通过 实现 加强 提升 支持 重要 主要 有关 相关 全面 持续 不断 进一步 作为
    可以 他们 大家 这里 今年 去年 近年来 以来 我们将 一是 二是 三是 四是 比如""".split()
)
#: Particles and conjunctions that glue words together: no term holds one as a word of its own.
_ZH_GLUE = frozenset("的了和与及在是")

# jieba's part-of-speech tags that a term neither starts nor ends with: pronouns (他后腰, 这刘老),
# conjunctions (再说一遍), prepositions, particles, modal words, interjections, onomatopoeia.
_NOT_EDGE = frozenset("r c p u uj ul uz ud ug uv y e o".split())
_COUNTING = tuple("一二三四五六七八九十几两第")


def term_edges_ok(term: str) -> bool:
    """Whether a Chinese unit may be a term by the parts of speech of its first and last
    words: not a pronoun, conjunction or particle at either end, not a count at the end (几天,
    一件, 二十几两, 位居全球第二; 万亿元 and 千兆 are units), not a set phrase (chengyu, 推广应用)."""
    import rjieba

    tagged = [(w, t) for w, t in rjieba.tag(term) if w.strip()]
    if not tagged:
        return True
    (_, first), (last_word, last) = tagged[0], tagged[-1]
    if first in _NOT_EDGE or last in _NOT_EDGE or last == "m" and last_word.startswith(_COUNTING):
        return False
    if len(tagged) > 1 and last == "v" and len(last_word) == 1:
        return False  # a verb of one character after the rest is a clause: 工业增加值占 (accounts for)
    return not (len(tagged) == 1 and first == "i")


_OPENING, _CLOSING = "\"“‘'", "\"”’'"
NEW, KNOWN, CONTRADICTS, FORBIDDEN = "new", "in glossary", "contradicts glossary", "forbidden by glossary"


@dataclass
class Candidate:
    zh: str
    en: str
    pairs: int  # pairs holding both
    zh_pairs: int  # pairs holding the Chinese
    en_pairs: int  # pairs holding the English
    log_dice: float
    status: str  # new | in glossary | contradicts glossary | forbidden by glossary
    glossary_en: str | None = None
    examples: tuple[int, ...] = ()  # ids of the first pairs holding both
    weak: bool = False  # nothing but co-occurrence speaks for the pairing (no dictionary, no pinyin)


    def as_dict(self) -> dict:
        d = {"zh": self.zh, "en": self.en, "pairs": self.pairs, "zh_pairs": self.zh_pairs,
             "en_pairs": self.en_pairs, "log_dice": round(self.log_dice, 2), "status": self.status}
        if self.glossary_en:
            d["glossary_en"] = self.glossary_en
        d["examples"] = list(self.examples)
        return d


def _segmenter(glossary: Glossary | None):
    import rjieba

    words = [] if glossary is None else [
        word for t in glossary.terms for form in t.zh if (word := normalize_zh(form).replace('"', ""))
    ]
    if not words:
        # rjieba's own instance, built when it is imported and never added to by us: a second
        # one would load the same dictionary again (~0.1 s)
        return rjieba.cut
    jieba = rjieba.Jieba()  # our own instance: the added words must not leak into the aligner's
    for word in words:
        jieba.add_word(word, None, None)
    return jieba.cut


def _zh_units(text: str, cut) -> set[str]:
    words = [w for w in cut(normalize_zh(text).replace('"', "")) if w.strip()]
    units = set()
    for n in (1, 2, 3, 4):
        for i in range(len(words) - n + 1):
            parts = words[i:i + n]
            unit = "".join(parts)
            if not _HAN_RUN.fullmatch(unit) or len(unit) < 2 or len(unit) > 10:
                continue
            if n == 1 and (unit in _ZH_STOP or len(unit) < 2):
                continue
            if n > 1 and (parts[0] in _ZH_STOP or any(p in _ZH_GLUE for p in parts)):
                continue
            units.add(unit)
    return units


def _is_number(word: str) -> bool:
    return word.replace(".", "").replace(",", "").isdigit()


def _en_units(text: str) -> dict[str, str]:
    """Normalised n-gram → its first surface form."""
    matches = list(WORD.finditer(text))
    low = [m.group().casefold().replace("’", "'") for m in matches]
    units: dict[str, str] = {}
    for n in range(1, 6):
        for i in range(len(low) - n + 1):
            parts = low[i:i + n]
            if parts[0] in EN_STOP or parts[-1] in EN_STOP or any(_is_number(p) for p in parts):
                continue
            if n == 1 and len(parts[0]) < 3:
                continue
            gap = text[matches[i].end():matches[i + n - 1].start()] if n > 1 else ""
            if any(ch in gap for ch in ".,;:!?()"):
                continue  # an n-gram never spans a sentence, a clause or a parenthesis
            key = rendering_key(" ".join(parts))
            a, b = matches[i].start(), matches[i + n - 1].end()
            if a > 0 and text[a - 1] in _OPENING and any(q in text[a:b] for q in _CLOSING):
                a -= 1  # '"little giant" enterprises', not 'little giant" enterprises'
            units.setdefault(key, text[a:b])
    return units


def mine_terms(al: Alignment, glossary: Glossary | None = None, *, min_pairs: int = 2) -> list[Candidate]:
    """Candidate entries, best associated first: one per Chinese unit, with its best English."""
    cut = _segmenter(glossary)
    terms = frozenset() if glossary is None else frozenset(
        z for t in glossary.terms for form in t.zh if (z := normalize_zh(form).replace('"', "")))
    counts = _Counts.of(al, cut, min_pairs, terms)
    best = _best_renderings(counts, min_pairs)
    if glossary is not None:
        _prefer_glossary(best, counts.together, counts.zh_df, counts.en_df, glossary, min_pairs)
    out = []
    for z, (dice, _, e) in best.items():
        surface = counts.surfaces[e].most_common(1)[0][0]
        c = Candidate(z, surface, counts.together[(z, e)], counts.zh_df[z], counts.en_df[e], 14 + math.log2(dice), NEW,
                      examples=tuple(counts.examples.get((z, e), ())))
        _compare(c, e, glossary)
        out.append(c)
    engine = Renderings(((p.id, normalize_zh("".join(p.zh)).replace('"', ""), " ".join(p.en)) for p in al.pairs), loose=True)
    out = _through_renderings(out, engine, counts, glossary, min_pairs, cut)
    # what the glossary confirms is kept as it is; anything else, a contradiction of the glossary
    # too, must look like a term ("Five" of "14th Five-Year Plan" contradicts nothing)
    return _one_per_rendering([c for c in out if c.status == KNOWN or _term_like(c, engine) and term_edges_ok(c.zh)
                               and not _piece_of_name(c, engine)])


def _through_renderings(candidates: list[Candidate], engine: Renderings, counts: _Counts, glossary: Glossary | None,
                        min_pairs: int, cut: Callable[[str], list[str]]) -> list[Candidate]:
    """Each candidate read by the rendering engine that rendering-inconsistent uses
    (glossary/renderings.py). Where it finds the term rendered alike in `min_pairs` pairs or
    more, the candidate is that rendering (its most frequent wording) and those pairs; where
    it finds it in fewer, but the candidate's English is part of that rendering, the
    candidate shows the rendering whole. Otherwise, a candidate whose English renders no part of the term is a chance co-occurrence
    ("General Secretary Xi Jinping" for 指出), and one whose English renders a shorter term
    inside it and not its own head is that term's (“high-tech zones” for 国家高新区布局,
    whose head 布局 is "layout"): both are dropped. A rendering that never ends a phrase is a
    modifier cut from its noun ("focusing on key" for 聚焦重点, always followed by "enterprises",
    "industrial chains" …): dropped too, unless it is an attributive term of its own (see
    _modifier_term: 绿色低碳 → "green and low-carbon" before many different nouns).

    A candidate the engine cannot read is kept only as one of these: a name, where a run of
    capitalised words spells its pinyin whole (辛国斌 → "Xin Guobin", not the "Xin" seen more
    often); or one jieba word, its English trimmed to the words that the dictionary's glosses of
    it (or, for a word it lacks, of its characters) explain ("energy consumption", not "energy
    consumption per"; 月底 → "end", not "end of June"), and dropped where another content word
    stays inside or nothing is explained but the dictionary knows the word. A run of several
    words that the engine cannot read is a piece of a clause (贯穿新型工业化全过程, 仍面临不少):
    dropped. Candidates the glossary confirms are left as they are."""
    confirmed: set[int] = set()
    for c in candidates:
        if c.status == KNOWN:
            continue
        seen = engine.of(c.zh)
        v = verdict(seen)
        if v is None:
            continue
        # the most frequent wording, counting first where it ends a phrase (a head, not a modifier)
        wordings = Counter(rendering_key(s.surfaces[0]) for s in seen if s.pair in v.same)
        heads = Counter(rendering_key(s.surfaces[0]) for s in seen if s.pair in v.same and s.ends_phrase)
        key = max(wordings, key=lambda k: (heads[k], wordings[k], k == rendering_key(v.expected)))
        if len(v.same) < min_pairs:
            if f" {rendering_key(c.en)} " not in f" {key} ":
                continue
            # the candidate's English is part of the rendering found ("key laboratories" of
            # "national key laboratories" for 全国重点实验室): shown whole, in its pairs first
            c.en = next(s.surfaces[0] for s in seen if s.pair in v.same and rendering_key(s.surfaces[0]) == key)
            c.examples = tuple(dict.fromkeys(v.same + list(c.examples)))[:3]
            c.status, c.glossary_en = NEW, None
            _compare(c, key, glossary)
            confirmed.add(id(c))
            continue
        agreeing = [s for s in seen if s.pair in v.same]
        if not any(s.ends_phrase or _a_verb(s.next_word) for s in agreeing) and not _modifier_term(c.zh, agreeing, engine, cut):
            c.status = _DROP  # a modifier cut from its noun
            continue
        c.en = next(s.surfaces[0] for s in seen if s.pair in v.same and rendering_key(s.surfaces[0]) == key)
        c.pairs, c.examples = len(v.same), tuple(v.same[:3])
        if counts.en_df.get(key):
            c.en_pairs = counts.en_df[key]
            c.log_dice = 14 + math.log2(min(1.0, 2 * c.pairs / (c.zh_pairs + c.en_pairs)))
        c.status, c.glossary_en = NEW, None
        _compare(c, key, glossary)
        confirmed.add(id(c))
    kept = []
    for c in candidates:
        if c.status == _DROP:
            continue
        if c.status != KNOWN and id(c) not in confirmed:
            name = _name_rendering(c.zh, engine, min_pairs)
            if name is not None:
                c.en = name
                kept.append(c)
                continue
            if engine.d.lookup(c.zh) is None and len([w for w in cut(c.zh) if w.strip()]) > 1:
                continue  # a run of words whose every part the engine finds in no pair: a clause piece
            trimmed = _trimmed(_POSSESSIVE.sub("", c.en), c.zh, engine)  # "Shan Men Er's" → "Shan Men Er"
            if trimmed is None or _spells_a_prefix(trimmed, c.zh):
                continue  # (a surname alone: 周瑞家 → "Zhou", the rest untranslated)
            if trimmed != c.en:
                c.en = trimmed
                key = rendering_key(trimmed)
                if counts.together.get((c.zh, key)):
                    c.pairs, c.en_pairs = counts.together[(c.zh, key)], counts.en_df[key]
                    c.log_dice = 14 + math.log2(min(1.0, 2 * c.pairs / (c.zh_pairs + c.en_pairs)))
                    c.examples = tuple(counts.examples.get((c.zh, key), c.examples))
                elif not _explained(trimmed, c.zh, engine):
                    continue
            if _renders_only_the_front(c.en, c.zh, engine):
                continue  # 继续抓好 → "continue": 抓好 (do well) is left out
            c.weak = not _explained(c.en, c.zh, engine)
            if c.weak and 2 * c.pairs < NAME_DICE * (c.zh_pairs + c.en_pairs):
                continue  # nothing but co-occurrence speaks for it, and that is weak: "Trinket" for 大叫
            words = [word_key(w) for w in WORD.findall(c.en)]
            rendering = _rendering_words(words, c.zh, engine)
            head = c.zh if engine.d.lookup(c.zh) is not None else components(c.zh, engine.d)[-1]
            of_head = _rendering_words(words, head, engine, whole=True)
            if rendering and of_head is not None and not of_head and any(
                o is not c and o.zh in c.zh and rendering <= (theirs := {word_key(w) for w in WORD.findall(o.en)})
                and len(theirs.intersection(words) - EN_STOP) >= 2 for o in candidates
            ):
                continue  # it is a shorter term's English (two words or more of it), not its own head's
        kept.append(c)
    return kept


_DROP = "drop"

#: An attributive term modifies at least this many different nouns, in each language.
MODIFIER_HEADS = 3


def _modifier_term(zh: str, seen: list, engine: Renderings, cut: Callable[[str], list[str]]) -> bool:
    """Whether a unit whose rendering never ends its phrase is an attributive term of its own
    (绿色低碳 → "green and low-carbon": … industry, … development, … transformation), not a
    modifier cut from the one noun of a longer term (国家高新技术产业 → "national high-tech
    industrial", always "… development zones"): it modifies `MODIFIER_HEADS` different nouns or
    more, in the English and in the Chinese, and it does not start with a verb (聚焦重点 →
    "focusing on key" is a verb and the modifier of its object: a clause piece)."""
    import rjieba

    tagged = [t for w, t in rjieba.tag(zh) if w.strip()]
    if not tagged or tagged[0].startswith("v") and tagged[0] != "vn":
        return False
    if len({s.next_word for s in seen}) < MODIFIER_HEADS:
        return False
    heads = set()
    for s in seen:
        text = engine.zh_of.get(s.pair, "")
        at = text.find(zh)
        words = [w for w in cut(text[at + len(zh):at + len(zh) + 6]) if w.strip()] if at >= 0 else []
        if words:
            heads.add(words[0])
    return len(heads) >= MODIFIER_HEADS


def _name_rendering(zh: str, engine: Renderings, min_pairs: int) -> str | None:
    """The run of capitalised words that spells a name's pinyin whole (辛国斌 → "Xin Guobin",
    金壮龙 → "Jin Zhuanglong"), as most often written in the pairs holding it, where `min_pairs`
    pairs or more hold one; None for anything else. (Two to four characters, each of one
    syllable in the dictionary or pypinyin.)"""
    if not 2 <= len(zh) <= 4 or not _HAN_RUN.fullmatch(zh):
        return None
    spelled = _pinyin(zh)
    if not spelled:
        return None
    found: Counter = Counter()
    for pid in engine.holding(zh):
        text = engine.en_of[pid]
        for m in _CAPITALISED_RUN.finditer(text):
            words = m.group().split()
            for i in range(len(words)):
                run = ""
                for j in range(i, len(words)):
                    run += words[j].casefold().replace("-", "")
                    if run == spelled:
                        found[" ".join(words[i:j + 1])] += 1
                    if len(run) >= len(spelled):
                        break
    if not found:
        return None
    surface, n = found.most_common(1)[0]
    return surface if n >= min_pairs else None


def _renders_only_the_front(en: str, zh: str, engine: Renderings) -> bool:
    """Whether every content word of `en` renders a part of `zh` (a word the dictionary lacks)
    before its last, and none renders the last: a rendering of the front only (继续抓好 =
    继续 + 抓 + 好 → "continue"). ("military deputy" for 军 + 代表 is not: "deputy" renders no
    part by the dictionary, and may be the head's.)"""
    if engine.d.lookup(zh) is not None:
        return False
    parts = components(zh, engine.d)
    if len(parts) < 2:
        return False
    front = [engine.glosses(p) for p in parts[:-1]]
    last = engine.glosses(parts[-1])
    words = [k for w in WORD.findall(en) if (k := word_key(w)) not in EN_STOP]
    return bool(words) and bool(last) and all(any(matches(k, g) for g in front) and not matches(k, last) for k in words)


def _a_verb(word: str | None) -> bool:
    """A word in the past tense after a rendering ends its phrase: "equipment manufacturing
    accounted for …" (装备制造业 is a term there), unlike "focusing on key enterprises"."""
    return word is not None and len(word) > 4 and word.endswith("ed")


def _spells_a_prefix(en: str, zh: str) -> bool:
    """The English is the pinyin of the Chinese's first characters only (a surname alone)."""
    letters = en.replace(" ", "").replace("-", "").casefold()
    if not en[:1].isupper() or not letters.isalpha():
        return False
    return any(_pinyin(zh[:n]) == letters for n in range(1, len(zh)))


def _piece_of_name(c: Candidate, engine: Renderings) -> bool:
    """A capitalised rendering followed by more of a capitalised name in every pair that holds
    it: "General" of "General Secretary", "National Development" of "National Development and
    Reform Commission", "Five" of "Five-Year Plan"."""
    if not c.en[:1].isupper():
        return False
    piece = re.compile(rf"\b{re.escape(c.en)}\b(\s+(?:and|of|for)?\s*[A-Z]|-[A-Z])?")
    seen = [m for pid in c.examples for m in piece.finditer(engine.en_of.get(pid, ""))]
    return bool(seen) and all(m.group(1) for m in seen)


_CAPITALISED_RUN = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+)*")


def _pinyin(zh: str) -> str | None:
    """The pinyin of a name, syllables joined, without tones (辛国斌 → xinguobin)."""
    syllables = pinyin_syllables(zh)
    return None if syllables is None else "".join(syllables)


_POSSESSIVE = re.compile(r"['’]s$")

#: A pairing that the dictionary does not explain (a name, a word it lacks) needs this Dice: the
#: two seen together in most of the pairs holding either (韦小宝 / "Trinket": 0.9; 大叫 /
#: "Trinket": 0.1).
NAME_DICE = 0.5


def _dictionary_glosses(zh: str, engine: Renderings) -> list[set[str]]:
    """The dictionary's glosses of `zh`, and of its dictionary words or characters."""
    glosses = [engine.glosses(zh)] if engine.d.lookup(zh) is not None else []
    return glosses + [engine.glosses(p) for p in components(zh, engine.d) if p != zh and engine.d.lookup(p) is not None]


def _explained(en: str, zh: str, engine: Renderings) -> bool:
    """Whether some word of `en` renders `zh` or a part of it by the dictionary."""
    glosses = _dictionary_glosses(zh, engine)
    found = engine.d.lookup(zh)
    return any(any(matches(word_key(w), g) for g in glosses) or _acronym_of(w, found) for w in WORD.findall(en))


def _trimmed(en: str, zh: str, engine: Renderings) -> str | None:
    """`en` trimmed to the words that render `zh` by the dictionary (its glosses of `zh`, or of
    `zh`'s dictionary words or characters): "energy consumption per" → "energy consumption" for
    能耗. None where a content word that renders nothing stays inside, or where the dictionary
    knows `zh` or its parts but none of the words. For a word the dictionary lacks, rendered by
    capitalised words: those words (a name: 贾母 → "Grandmother Jia", 韦小宝 → "Trinket"). `en` as
    it is where nothing in the dictionary speaks to it."""
    if engine.d.lookup(zh) is None and all(w[:1].isupper() for w in en.split()):
        return en  # a name with its title, which the characters' glosses do not read: 贾母 → "Grandmother Jia"
    glosses = _dictionary_glosses(zh, engine)
    words = list(WORD.finditer(en))
    found = engine.d.lookup(zh)
    explained = [any(matches(word_key(m.group()), g) for g in glosses) or _acronym_of(m.group(), found)
                 for m in words]
    if not any(explained):
        if engine.d.lookup(zh) is not None:
            return None
        caps = [m for m in words if m.group()[:1].isupper()]
        if caps and len(caps) < len(words):  # a name among other words: 韦小宝 → "Trinket", not "protested Trinket"
            return en[caps[0].start():caps[-1].end()]
        return en if caps or not any(glosses) else None
    first = explained.index(True)
    last = len(explained) - 1 - explained[::-1].index(True)
    if any(not ok and word_key(words[k].group()) not in EN_STOP for k, ok in enumerate(explained[first:last + 1], first)):
        return None
    if last == len(words) - 2 and found is None and word_key(words[-1].group()) not in EN_STOP:
        # the one word after them stays where no word kept renders the head, the last of
        # several parts and a word of its own (two characters or more: not the 内 of 屋内, the
        # 人 of 二人, which the English may leave implicit): 军代表 (军 + 代表) → "military
        # deputy", not "military"
        parts = components(zh, engine.d)
        head = (engine.glosses(parts[-1]) if len(parts) > 1 and len(parts[-1]) >= 2 and engine.d.lookup(parts[-1]) is not None
                else None)
        if head and not any(matches(word_key(m.group()), head) for m in words[first:last + 1]):
            last += 1
    return en[words[first].start():words[last].end()]


def _acronym_of(word: str, found: tuple[str, str] | None) -> bool:
    """An all-capital word (a plural "s" allowed) spelled by the initials of the glosses in a
    row (`found`: the dictionary's entry): "SMEs" for 中小企业 (small medium enterprise); or by
    the letters of an acronym among the glosses (three letters or more and no vowel) in another
    order, the same name's words in another order: "CPC" (Communist Party of China) for
    党中央's "CCP" (Chinese Communist Party)."""
    letters = word[:-1] if word.endswith("s") else word
    if found is None or not (len(letters) >= 2 and letters.isupper() and letters.isalpha()):
        return False
    glosses = found[1].split()
    if letters.casefold() in "".join(w[0] for w in glosses):
        return True
    acronyms = [g for g in glosses if len(g) >= 3 and g.isalpha() and not set(g) & set("aeiouy")]
    return any(sorted(g) == sorted(letters.casefold()) for g in acronyms)


def _rendering_words(words: list[str], zh: str, engine: Renderings, whole: bool = False) -> set[str] | None:
    """The English words (keys) that render `zh` (`whole`) or one of its dictionary words;
    None where the dictionary knows none of them (a name: 金壮龙 → Jin Zhuanglong). (The
    dictionary's glosses only: words learned from the file are the very co-occurrence under
    test.)"""
    pieces = [zh] if whole or engine.d.lookup(zh) is not None else components(zh, engine.d)
    glosses = [engine.glosses(p) for p in pieces if engine.d.lookup(p) is not None]
    if not glosses:
        return None
    return {w for w in words if any(matches(w, g) for g in glosses)}


@dataclass
class _Counts:
    """In how many pairs each Chinese unit, English unit and (zh, en) couple occurs, the first
    three pairs of each couple, and the English units' surface forms."""

    zh_df: Counter
    en_df: Counter
    together: Counter
    examples: dict[tuple[str, str], list[int]]  # (zh, en) → the ids of its first three pairs
    surfaces: dict[str, Counter]

    @classmethod
    def of(cls, al: Alignment, cut: Callable[[str], list[str]], min_pairs: int,
           terms: frozenset[str] = frozenset()) -> _Counts:
        """`terms`: the glossary's Chinese forms (normalised)."""
        zh_sets, en_sets, ids = [], [], []
        surfaces: dict[str, Counter] = {}
        for p in al.pairs:
            if not p.zh or not p.en:
                continue
            ids.append(p.id)
            zh_sets.append(_zh_units("".join(p.zh), cut))
            units = _en_units(" ".join(p.en))
            en_sets.append(set(units))
            for key, surface in units.items():
                surfaces.setdefault(key, Counter())[surface] += 1
        zh_df = Counter(u for s in zh_sets for u in s)
        en_df = Counter(u for s in en_sets for u in s)
        zh_keep = {u for u, n in zh_df.items() if n >= min_pairs}
        # a unit inside a longer one found in just as many pairs is only part of it (专精 in 专精特新),
        # unless the glossary has it: a glossary term is a unit wherever it stands (十四五 in
        # 十四五前两年, 国内生产总值 in 占国内生产总值比重), and its pairing is to be set against the glossary
        zh_keep = {u for u in zh_keep
                   if u in terms or not any(u != v and u in v and zh_df[v] == zh_df[u] for v in zh_keep)}
        en_keep = {u for u, n in en_df.items() if n >= min_pairs}
        together: Counter = Counter()
        examples: dict[tuple[str, str], list[int]] = {}
        for pid, zs, es in zip(ids, zh_sets, en_sets):
            for z in zs & zh_keep:
                for e in es & en_keep:
                    together[(z, e)] += 1
                    if together[(z, e)] <= 3:
                        examples.setdefault((z, e), []).append(pid)
        return cls(zh_df, en_df, together, examples, surfaces)


def _best_renderings(counts: _Counts, min_pairs: int) -> dict[str, tuple[float, int, str]]:
    """Chinese unit → (Dice, words, English unit) of its best associated English unit."""
    best: dict[str, tuple[float, int, str]] = {}
    for (z, e), n in counts.together.items():
        if n < min_pairs:
            continue
        dice = 2 * n / (counts.zh_df[z] + counts.en_df[e])
        score = (round(dice, 6), len(e.split()), e)
        if z not in best or score > best[z]:
            best[z] = score
    return best


def _one_per_rendering(candidates: list[Candidate]) -> list[Candidate]:
    """Best first (association, weighed by how often it is seen: a pair seen twice proves
    little); an English unit claimed by a longer Chinese unit just as strongly keeps the longer,
    and one that a pairing with evidence holds is not kept for another on co-occurrence alone."""
    ranked = sorted(candidates, key=lambda c: (-(c.log_dice + math.log2(c.pairs)), -len(c.zh), c.zh))
    # a rendering that a pairing with evidence (the dictionary, a name's pinyin) holds is not
    # another word's on co-occurrence alone: 王成 → "Wang Cheng", not 名唤 (named) → "Wang Cheng"
    backed = {rendering_key(c.en) for c in ranked if not c.weak}
    kept, seen = [], {}
    for c in ranked:
        key = rendering_key(c.en)
        if c.weak and key in backed:
            continue
        other = seen.get(key)
        if other is not None and (c.zh in other.zh or other.zh in c.zh):
            if other.zh in c.zh and c.pairs >= other.pairs:  # the longer, in as many pairs (刘老老, not 刘老)
                kept[kept.index(other)] = seen[key] = c
            continue
        seen.setdefault(key, c)
        kept.append(c)
    return kept


def _term_like(c: Candidate, engine: Renderings) -> bool:
    """Terms, not dictionary words: 制造业 → manufacturing is true but no glossary entry; a
    name is one (capitalised inside a sentence: "Beijing", not the "Today" opening one)."""
    return len(c.zh) >= 4 or len(c.en.split()) >= 2 or c.en[:1].isupper() and _capitalised_inside(c, engine)


def _capitalised_inside(c: Candidate, engine: Renderings) -> bool:
    inside = re.compile(rf"[a-z,;]\s+{re.escape(c.en)}\b")
    return any(inside.search(engine.en_of.get(pid, "")) for pid in c.examples)


def _prefer_glossary(best, together, zh_df, en_df, glossary: Glossary, min_pairs: int) -> None:
    """Where the glossary's own rendering is (nearly) as well associated as the best unit, show
    it: the best unit is then usually its context ("industrial innovation" for 科技创新)."""
    for t in glossary.terms:
        for form in t.zh:
            z = normalize_zh(form).replace('"', "")
            if z not in best:
                continue
            for a in t.accepted:
                k = rendering_key(a)
                n = together.get((z, k), 0)
                if n >= min_pairs:
                    dice = 2 * n / (zh_df[z] + en_df[k])
                    if dice >= 0.7 * best[z][0]:
                        best[z] = (round(dice, 6), len(k.split()), k)
                        break


def _compare(c: Candidate, en_key: str, glossary: Glossary | None) -> None:
    if glossary is None:
        return
    norm = normalize_zh(c.zh)
    term = next((t for t in glossary.terms if any(normalize_zh(f).replace('"', "") == norm for f in t.zh)), None)
    if term is None:
        return
    c.glossary_en = term.en
    accepted = [rendering_key(x) for x in term.accepted]
    forbidden = [rendering_key(x) for x in term.forbidden]
    if any(en_key == a or f" {a} " in f" {en_key} " for a in accepted):
        c.status = KNOWN
    elif any(f" {en_key} " in f" {a} " for a in accepted):
        # only a piece of the glossary's rendering ("unique products" of "innovative SMEs that
        # … produce novel and unique products"): the pairing shown is the glossary's own
        c.status = KNOWN
        c.en = next(x for x in term.accepted if f" {en_key} " in f" {rendering_key(x)} ")
    elif any(en_key == f or f" {f} " in f" {en_key} " for f in forbidden):
        c.status = FORBIDDEN
    else:
        c.status = CONTRADICTS
