"""Sentence features for the aligner: Chinese units and English stems that can be linked.

A Chinese sentence becomes a set of *units* (jieba words, or dictionary sub-words of unknown
words), each with the English stems it may be rendered by: CC-CEDICT glosses, the pinyin of
names, normalised numbers, glossary renderings, punctuation cues.  An English sentence becomes a
set of stems (the same stemmer), plus numbers, joined hyphenated names and the same cues.
"""
from __future__ import annotations

import re
from collections.abc import MutableSequence, Sequence
from functools import lru_cache

from workbench.text.normalize import HAN
from workbench.text.numbers import Number
from workbench.text.numbers import en_numbers as read_en_numbers
from workbench.text.numbers import zh_numbers as read_zh_numbers
from workbench.text.pinyin import pinyin_syllables

from .lexicon import EN_STOP, Lexicon, stem

# ---------------------------------------------------------------- numbers

# One reader for the aligner and the checks (workbench.text.numbers). A number becomes a
# token per value it may stand for; small whole numbers in words (一 is mostly "a", "one") are
# left to the dictionary, and names with digits (C919) are linked by their digits.


def _num_token(v: float) -> str:
    return "#" + (f"{v:.4g}" if v < 1e4 else f"{v:.4e}")


def _tokens(numbers: list[Number]) -> list[str]:
    out = []
    for n in numbers:
        if not n.hard and not n.unit and n.value <= 10 and n.value == int(n.value):
            continue
        out.extend(_num_token(v) for v in (n.value, *n.alts))
    return out


def zh_numbers(text: str) -> list[str]:
    return _tokens(read_zh_numbers(text))


def en_numbers(text: str) -> list[str]:
    return _tokens(read_en_numbers(text))


# ---------------------------------------------------------------- cues

# (colons, exclamation marks and ellipses are used too differently in the two languages)
_ZH_CUES = (("？", "<?>"), ("?", "<?>"), ("“", "<q>"), ("”", "<q>"), ("「", "<q>"), ("」", "<q>"))
_EN_CUES = (("?", "<?>"), ("\"", "<q>"), ("“", "<q>"), ("”", "<q>"))


# speech with its attribution (他道：“…” / 'Hi,' he said. / He said: 'Hi.'): a translator
# splits a speech into several sentences, and the attribution marks which one starts the turn
_ZH_SAY = re.compile(r"[：:]\s*[“「『\"]")
_EN_SAY = re.compile(r"(?<=[,.!?…—-])['’”\"]\s+[a-z]|\w[:,]\s*['‘“\"](?=\w)")


def zh_cues(text: str) -> list[str]:
    cues = {tok for ch, tok in _ZH_CUES if ch in text}
    if _ZH_SAY.search(text):
        cues.add("<say>")
    if text.rstrip()[-1:] in "：:":
        cues.add("<:>")  # a label: speaker turn, heading, list lead-in
    return list(cues)


def en_cues(text: str) -> list[str]:
    cues = {tok for ch, tok in _EN_CUES if ch in text}
    if _EN_SAY.search(text):
        cues.add("<say>")
    t = text.strip()
    if t[:1] in "'‘" or t[-1:] in "'’" or "‘" in t:
        cues.add("<q>")  # single quotation marks around speech
    if t[-1:] == ":":
        cues.add("<:>")
    return list(cues)


# ---------------------------------------------------------------- person

# Pronouns by person and number.  The dictionary glosses 我 / 他们 with stop words only (I; me;
# my), so without these a line of dialogue often shares nothing with its translation and cannot
# be told from a line that has none.  Chinese leaves many pronouns out and English adds them:
# they weigh less than other words (core.Params.person).
_ZH_PERSON = (("<1p>", re.compile("我们|咱们|咱")), ("<3p>", re.compile("他们|她们|它们")),
              ("<1s>", re.compile("我(?!们)")), ("<2>", re.compile("你|您")),
              ("<3m>", re.compile("他(?!们)")), ("<3f>", re.compile("她(?!们)")))
_EN_PERSON = {**dict.fromkeys(("i", "me", "my", "mine", "myself"), "<1s>"),
              **dict.fromkeys(("we", "us", "our", "ours", "ourselves"), "<1p>"),
              **dict.fromkeys(("you", "your", "yours", "yourself", "yourselves"), "<2>"),
              **dict.fromkeys(("he", "him", "his", "himself"), "<3m>"),
              **dict.fromkeys(("she", "her", "hers", "herself"), "<3f>"),
              **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), "<3p>")}
PERSON = frozenset(_EN_PERSON.values())


def zh_person(text: str) -> list[str]:
    return [tok for tok, rx in _ZH_PERSON if rx.search(text)]


# ---------------------------------------------------------------- lines that are not text

_EN_END = tuple(".!?'\"”’…:;,)]—-")
_ZH_END = tuple("。！？…”」』：；，）.!?:;,)")


def looks_like_apparatus(text: str, lang: str) -> bool:
    """A line that is probably not running text: a header, a page mark, a rule, a credit —
    no letter (or Chinese character) at all, all capitals, or a few words without a sentence
    end.  Such lines are often on one side only."""
    t = text.strip()
    if not t or (t[0] in "[【〔" and t[-1] in "]】〕"):  # an editorial insertion: [Illustration]
        return True
    if lang == "en":
        n_letters, capitals = 0, True  # (stops at the second letter of ordinary text)
        for c in t:
            if c.isalpha():
                n_letters += 1
                if not c.isupper():
                    capitals = False
                    if n_letters >= 2:
                        break
        if n_letters < 2 or capitals:
            return True
        return not t.endswith(_EN_END) and len(t.split()) <= 6
    if not HAN.search(t):
        return True
    return not t.endswith(_ZH_END) and len(t) <= 12


# ---------------------------------------------------------------- quotation state

_Q_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘“\"](?=\w)")
_Q_CLOSE = re.compile(r"(?<=[\w.,!?;:…—-])['’”\"](?=$|[\s)\],.;:!?—–-])")
QUOTE_MAX = 10  # a quotation "open" longer than this many sentences is taken as a stray mark


def quote_states(sents: Sequence[str], lang: str) -> list[bool]:
    """For each sentence, whether a quotation is still open after it (speech that a translator
    split differently: a bead should not end inside a quotation on one side only)."""
    out: list[bool] = []
    st, run = False, 0
    for s in sents:
        if lang == "zh":
            for ch in s:
                if ch in "“「":
                    st = True
                elif ch in "”」":
                    st = False
        else:
            marks = sorted([(m.start(), True) for m in _Q_OPEN.finditer(s)] +
                           [(m.start(), False) for m in _Q_CLOSE.finditer(s)])
            for _, o in marks:
                st = o
        run = run + 1 if st else 0
        if run > QUOTE_MAX:
            st, run = False, 0
        out.append(st)
    return out


_TURN_END = re.compile(r"[.!?,…—–-]['’”\"]$")
_TURN_START = re.compile(r"^['‘“\"]\w")
_ANY_QUOTE = re.compile(r"['‘“\"]\w|\w[’”\"]|[.!?,]['’”\"]")
REPLY, NARRATION = 1, 2


def en_turn_starts(sents: Sequence[str]) -> list[int]:
    """For each English sentence, whether the sentence before it ends by closing a speech
    ('...you!') and it then opens another (REPLY: 'Please, ...) or has no quotation mark at
    all (NARRATION: the story goes on after the speech); else 0.  A translator splits a speech
    around its attribution inside one turn ('Yes,' he said. 'But...'), but a reply is another
    turn and so another bead (no bead of the dev gold holds one), and narration after a
    closed speech rarely belongs with it (2 of 59 in the dev gold).

    A speech's quotation opened in an earlier sentence, at the start of this one or after a
    colon, comma or dash (he said, "..."); one opened after a word is a quoted phrase (the
    series "Promoting High-Quality Development."), and a quoted term that starts a sentence
    ("Research" means ...) is no reply."""
    out = [0] * len(sents)
    prev_closes = False
    for k, s in enumerate(sents):
        t = s.strip()
        if prev_closes:
            if _TURN_START.match(t):
                close = _Q_CLOSE.search(t, 1)
                if close is None or not t[close.start() - 1].isalnum():
                    out[k] = REPLY
            elif not _ANY_QUOTE.search(t):
                out[k] = NARRATION
        prev_closes = False
        if _TURN_END.search(t):
            opens = list(_Q_OPEN.finditer(t[:-1]))
            # the quotation opened in an earlier sentence, at this one's start or after a colon,
            # comma or dash: a speech; after a word (the series "Promoting ..."): a phrase
            prev_closes = not opens or t[:opens[-1].start()].rstrip()[-1:] in ("", ":", ",",
                                                                               "—", "–", "-")
    return out


_ZH_CLOSED = re.compile(r"[”」』]$")
_ZH_OPENS = re.compile(r"^[“「『]")
_ZH_QUOTE = re.compile(r"[“「『”」』]")


def zh_turn_starts(sents: Sequence[str]) -> list[bool]:
    """For each Chinese sentence, whether the sentence before it ends by closing a quotation
    and it holds another one, not at its start: the next speaker's attributed speech
    (……”  韦小宝道：“……).  5 of 151 such sentences in the dev gold share a bead with the
    speech before."""
    out = [False] * len(sents)
    prev_closes = False
    for k, s in enumerate(sents):
        t = s.strip()
        out[k] = prev_closes and not _ZH_OPENS.match(t) and bool(_ZH_QUOTE.search(t))
        prev_closes = bool(_ZH_CLOSED.search(t))
    return out


# ---------------------------------------------------------------- names

_SURNAME = {"单": "shan", "曾": "zeng", "仇": "qiu", "解": "xie", "区": "ou", "查": "zha",
            "朴": "piao", "盖": "ge", "乐": "yue", "尉": "yu", "万": "wan", "长": "zhang",
            "覃": "qin", "翟": "zhai", "繁": "po", "员": "yun", "缪": "miao", "沈": "shen"}


@lru_cache(maxsize=100_000)
def name_keys(word: str, dict_pinyin: str | None, lex: Lexicon | None = None) -> tuple[str, ...]:
    """Pinyin forms under which a multi-character word may appear in English:
    金壮龙 -> jinzhuanglong, jin, zhuanglong (and the forms joined as one word)."""
    if len(word) < 2 or len(word) > 4:
        return ()
    if dict_pinyin and len(dict_pinyin.split()) == len(word):
        syl = dict_pinyin.split()
    else:
        # the characters' CC-CEDICT readings; pypinyin (slow to import) for the rest
        syl = []
        for ch in word:
            e = lex.entry(ch) if lex is not None else None
            if e is None or not e[0].isalpha():
                syl = pinyin_syllables(word) or []
                break
            syl.append(e[0])
        if len(syl) != len(word) or not all(x.isalpha() and x.isascii() for x in syl):
            return ()
    if word[0] in _SURNAME:
        syl = [_SURNAME[word[0]]] + syl[1:]
    keys = ["".join(syl)]
    if len(word) == 3:
        keys += [syl[0], syl[1] + syl[2]]
    return tuple(keys)


# ---------------------------------------------------------------- tokenising

_EN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’\-][A-Za-z\u00c0-\u024f]+)*")
CHARS = 3  # glosses of a word's characters kept as back-off (top 3 each)
MAX_UNITS = 120  # per sentence: a 100,000-character line keeps its first units only


@lru_cache(maxsize=200_000)
def _word_tokens(w: str) -> tuple[str, ...]:
    """The stems (and name forms) one English word contributes to a sentence's bag."""
    lw = w.lower()
    out: list[str] = []
    person = _EN_PERSON.get(re.split(r"['’]", lw, maxsplit=1)[0])  # I'm, they're
    if person:
        out.append(person)
    if "-" in lw or "'" in lw or "’" in lw:
        parts = re.split(r"['’\-]", lw)
        if "-" in lw:
            out.append("".join(parts))  # Bao-yu -> baoyu
        for p in parts:
            if p not in EN_STOP and len(p) > 1:
                out.append(stem(p))
                out.append(p)
    elif lw not in EN_STOP:
        out.append(stem(lw))
        if w[0].isupper():
            out.append(lw)  # names are matched unstemmed (Qingyang, Zhuanglong)
    return tuple(out)


def en_bag(text: str) -> set[str]:
    """The stems, numbers and cues of one English sentence."""
    bag: set[str] = set()
    for w in _EN_WORD.findall(text):
        bag.update(_word_tokens(w))
        if len(bag) > 4 * MAX_UNITS:
            break
    bag.update(en_numbers(text))
    bag.update(en_cues(text))
    return bag


class ZhAnalyzer:
    """Splits Chinese sentences into units with candidate English stems."""

    def __init__(self, lex: Lexicon, glossary: Sequence[tuple[str, Sequence[str]]] = ()):
        import rjieba

        self.cut = rjieba.cut
        self.lex = lex
        self._unit_cache: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self.glossary = [(zh, tuple(en)) for zh, en in glossary if zh and en]

    def _units_of_word(self, w: str) -> list[tuple[str, tuple[str, ...]]]:
        """A jieba word -> [(unit, stems)]: the word itself if the dictionary knows it, else its
        longest dictionary sub-words; names get their pinyin forms."""
        try:
            return self._unit_cache[w]
        except KeyError:
            pass
        lex = self.lex
        ent = lex.entry(w)
        res: list[tuple[str, tuple[str, ...]]]
        if ent is not None:
            py, stems = ent
            if CHARS and len(w) > 1:
                extra = []
                for ch in w:
                    e = lex.entry(ch)
                    if e is not None:
                        extra.extend(e[1][:CHARS])
                stems = stems + tuple(extra)
            res = [(w, stems + name_keys(w, py, lex))]
        elif len(w) > 1 and HAN.search(w):
            res = [(w, name_keys(w, None, lex))]
            k = 0
            while k < len(w):
                for n in range(min(4, len(w) - k), 0, -1):
                    sub = w[k:k + n]
                    e = lex.entry(sub)
                    if e is not None or n == 1:
                        if e is not None:
                            res.append((sub, e[1] + (name_keys(sub, e[0], lex) if n > 1 else ())))
                        k += n
                        break
        else:
            res = []
        self._unit_cache[w] = res
        return res

    def bag(self, text: str, person: bool = True, places: MutableSequence[float] | None = None
            ) -> dict[str, tuple[str, ...]]:
        """unit -> candidate English stems, for one sentence (``person``: with pronoun
        tokens).  ``places``, if given, gets the place in the sentence (0 at its start, 1 at its
        end: the middle of the word where it first occurs) of each unit the words give, in the
        order of the returned dict: those units come first, then the cues, numbers, pronouns
        and glossary tokens, which have no place."""
        units: dict[str, tuple[str, ...]] = {}
        if len(text) > 4000:
            text = text[:4000]  # huge unpunctuated lines: the head is enough to align them
        at = 0
        for w in self.cut(text):
            if HAN.search(w):
                for u, st in self._units_of_word(w):
                    if u not in units:
                        units[u] = st
                        if places is not None:
                            places.append((at + len(w) / 2) / len(text))
            elif w.isascii() and w.isalpha() and len(w) > 1 and "@" + w.lower() not in units:
                units["@" + w.lower()] = (stem(w.lower()), w.lower())  # GDP, WTO, names in Latin
                if places is not None:
                    places.append((at + len(w) / 2) / len(text))
            at += len(w)
            if len(units) >= MAX_UNITS:
                break
        for tok in zh_numbers(text):
            units[tok] = (tok,)
        for tok in zh_cues(text):
            units[tok] = (tok,)
        for tok in zh_person(text) if person else ():
            units[tok] = (tok,)
        for k, (zh, _ens) in enumerate(self.glossary):
            if zh in text:
                units[f"<g{k}>"] = (f"<g{k}>",)
        return units

    def en_glossary_tokens(self, text: str) -> list[str]:
        if not self.glossary:
            return []
        low = text.lower()
        return [f"<g{k}>" for k, (_, ens) in enumerate(self.glossary)
                if any(e.lower() in low for e in ens)]
