"""The prepared view of the pairs (checks/view.py): what it reads once must be what each check
would read on its own."""

import pytest

from workbench.checks.consistency import en_key
from workbench.checks.view import PairView
from workbench.text.normalize import FOLDED_KEYS, WORD

TEXTS = [
    "The SMEs’ output grew 5%.",
    "“Made in China 2025” — a plan… for the Future (2021-2025).",
    "ΟΔΟΣ:ΑΘΗΝΑ and ΑΣ'Β",  # Greek: a final sigma depends on what follows it
    "İstanbul and STRASSE, Straße, µm and ﬁne",  # lower or case-fold change length or letters
    "We CANNOT say; it can't be; that's all",
    "½ of 2× the €5 at 30°, café",
    "Chips 5 µm WIDE — ª º, “Plain” text",  # plain: µ case-folds to μ, a letter all the same
]


@pytest.mark.parametrize("text", TEXTS)
def test_words_read_once_are_the_words_of_the_text(text):
    p = PairView(1, "中文", text)
    assert p.plain == (text.isascii() or text.startswith(("“Made", "Chips", "The SMEs")))
    assert p.words_read is None
    assert p.words_lower() == WORD.findall(text.lower())  # from the text
    assert p.words == WORD.findall(text)
    assert p.words_read is p.words
    assert p.words_lower() == WORD.findall(text.lower())  # from the words read, where plain


@pytest.mark.parametrize("text", TEXTS)
def test_source_key_from_the_words_is_the_key_of_the_text(text):
    unread = PairView(1, "中文", text)
    read = PairView(1, "中文", text)
    read.words  # noqa: B018 - read, as the matcher does
    assert en_key(read) == en_key(unread)
    folded = {w: FOLDED_KEYS[w.casefold()] for w in WORD.findall(text)}  # (as source_inconsistent makes it)
    assert en_key(read, folded) == en_key(unread)
    folded = text.casefold().replace("’", "'")
    if "'" not in folded and "cannot" not in folded:
        assert en_key(read) == " ".join(FOLDED_KEYS[w] for w in WORD.findall(folded))


def test_hits_worked_out_when_read_are_the_hits_worked_out_up_front():
    from pathlib import Path

    from workbench.checks.view import build_views
    from workbench.glossary.model import load_glossary
    from workbench.store.alignment_file import load_alignment

    root = Path(__file__).resolve().parents[1]
    al = load_alignment(root / "alignments" / "scio-2024-07-05.yaml")
    glossary = load_glossary(root / "glossary" / "scio.yaml")
    (now,), (later,) = (build_views([(None, al)], [glossary], match_all=m) for m in (True, False))
    assert now.found is not None and later.found is None  # (matched up front; each pair read when asked)
    for a, b in zip(now.pairs, later.pairs):
        for name in ("zh_hits", "zh_terms", "zh_terms_all", "en_hits", "en_by_term", "words", "tokens"):
            assert getattr(a, name) == getattr(b, name), (a.id, name)
    assert sum(len(p.en_hits) for p in now.pairs) > 100
    # several documents: the English read once for all, each document matched in its part of it
    # (one without a glossary between), the same as each pair read alone
    half = type(al)(title="half", pairs=al.pairs[: len(al.pairs) // 2])
    docs = [("a", al), ("b", half), ("c", al), ("d", type(al)(title="empty"))]
    glossaries = [glossary, None, glossary, glossary]
    done = []
    now, later = (build_views(docs, glossaries, progress=done.append, match_all=m) for m in (True, False))
    n = len(al.pairs) * 2 + len(half.pairs)
    assert done == [len(al.pairs) / n, (len(al.pairs) + len(half.pairs)) / n, 1.0, 1.0] * 2
    assert now[2].found is not None and now[1].found is None
    for v, w in zip(now, later):
        for a, b in zip(v.pairs, w.pairs):
            for name in ("zh_hits", "zh_terms", "zh_terms_all", "en_hits", "en_by_term", "words", "tokens"):
                assert getattr(a, name) == getattr(b, name), (v.file, a.id, name)


def test_english_read_once_is_the_english_of_each_pair_read_alone():
    import random

    from workbench.checks.view import build_views, english
    from workbench.model import Alignment, Pair
    from workbench.text.normalize import WORD_SPLIT

    rnd = random.Random(7)
    pieces = ["the", "Cell", "phone", "R&D", "China's", "SMEs’", "39.9", "high-tech", " ", "  ", ", ", ".",
              "—", "\n", "café", "ΟΔΟΣ Α", "µm", "’", "'", "-", "Straße"]
    docs = []
    for d in range(3):
        pairs = [Pair(id=i, zh=["中"], en=["".join(rnd.choices(pieces, k=rnd.randint(0, 12)))]) for i in range(1, 40)]
        docs.append((f"d{d}.yaml", Alignment(title="t", pairs=pairs)))
    views = build_views(docs, [None] * len(docs))
    en = english(views)
    assert en is views[1].english and english(views[1:]) is not en  # shared by the views of a run only
    assert en.pairs == [p for v in views for p in v.pairs]
    assert en.lowers_alike  # (no İ, no final Σ before a soft hyphen or two apostrophes and a letter)
    words, lower, gaps = [], [], []
    for k, p in enumerate(en.pairs):
        d = en.view_index(k)
        assert views[d].pairs[k - en.first[d]] is p
        assert en.read.of(k) == WORD.findall(p.en)
        parts = WORD_SPLIT.split(p.en)
        words += parts[1::2]
        lower += WORD.findall(p.en.replace("’", "'").lower())
        gaps += parts[0::2]  # (the text before each word, and after the last)
    assert en.read.words == words and [w.replace("’", "'").lower() for w in words] == lower
    # the text between words: a pair's own, and the ends of two pairs across the join
    assert "\n".join(en.read.gaps) == "\n".join(WORD_SPLIT.split("\n".join(p.en for p in en.pairs))[2:-1:2])
    assert len(en.read.gaps) == len(words) - 1


@pytest.mark.parametrize("text", ["İstanbul is big", "ΑΣ\u00adΒ", "ΑΣ’’Β"])
def test_english_that_lowers_otherwise_word_by_word_says_so(text):
    from workbench.checks.view import build_views, english
    from workbench.model import Alignment, Pair

    (view,) = build_views([(None, Alignment(title="t", pairs=[Pair(id=1, zh=["中"], en=[text])]))], [None])
    assert not english([view]).lowers_alike
    assert list(map(str.lower, english([view]).read.words)) != WORD.findall(text.lower())


def test_hits_by_term_are_one_a_span_none_inside_another():
    """en_by_term against its definition, on the matcher's hits of random English."""
    import random

    from checks_helpers import GLOSSARY

    from workbench.checks.view import build_views
    from workbench.model import Alignment, Pair

    rnd = random.Random(10)
    pieces = ["small", "giant", "enterprises", "little", "SMEs", "industrial", "above", "designated", "size",
              "regional", "aircraft", "aircrafts", "and", "of", " ", ", "]
    pairs = [Pair(id=i, zh=["中"], en=[" ".join(rnd.choices(pieces, k=rnd.randint(1, 14)))]) for i in range(1, 400)]
    (view,) = build_views([(None, Alignment(title="t", pairs=pairs))], [GLOSSARY])
    rank = {"approved": 0, "variant": 1, "forbidden": 2}
    several = 0
    for p in view.pairs:
        want = {}
        for term in dict.fromkeys(h.term for h in p.en_hits):
            mine = [h for h in p.en_hits if h.term == term]
            best = {}
            for h in mine:
                if h.span not in best or (h.exact, -rank[h.kind]) > (best[h.span].exact, -rank[best[h.span].kind]):
                    best[h.span] = h
            want[term] = sorted((h for s, h in best.items() if not any(
                a <= s[0] and s[1] <= b and (a, b) != s for a, b in best)), key=lambda h: (h.start, -h.end))
            several += len(mine) > 1
        assert p.en_by_term == want, p.en
    assert several > 20


def test_the_views_and_their_english_are_freed_without_the_collector():
    import gc
    import weakref

    from workbench.checks.view import build_views, english
    from workbench.model import Alignment, Pair

    al = Alignment(title="t", pairs=[Pair(id=1, zh=["中"], en=["high tech"])])
    views = build_views([(None, al), ("b", al)], [None, None])
    english(views).read  # noqa: B018 - read, as a check does
    gone = weakref.ref(views[0]), weakref.ref(views[1].english)
    was = gc.isenabled()
    gc.disable()
    try:
        del views
        assert [ref() for ref in gone] == [None, None]  # (no reference cycle: freed at once)
    finally:
        if was:
            gc.enable()


def test_tokens_from_the_words_read_are_the_text_tokenized():
    """A pair's tokens, made from the run's reading when the glossary was matched in every pair,
    are tokenize_en of its English: places, words, keys (curly apostrophes, capitals, signs,
    line breaks, non-Latin letters, empty texts)."""
    import random

    from checks_helpers import GLOSSARY

    from workbench.checks.view import build_views
    from workbench.model import Alignment, Pair
    from workbench.text.normalize import tokenize_en

    rnd = random.Random(16)
    pieces = ["SMEs", "Enterprise’s", "R&D", "A.I.", " ", ", ", "\n", "—", "İstanbul", "ΣΑΣ", "x", "", "1.5%"]
    texts = ["".join(rnd.choices(pieces, k=rnd.randint(0, 10))) for _ in range(300)]
    al = Alignment(title="t", pairs=[Pair(id=i + 1, zh=["中小企业"], en=[t] if t else []) for i, t in enumerate(texts)])
    (view,) = build_views([(None, al)], [GLOSSARY])
    assert view.found is not None
    for p in view.pairs:
        assert p.tokens == tokenize_en(p.en), p.en


def test_one_per_span_of_two_hits_is_that_of_any_number():
    """one_per_span reads two hits (most groups) without sorting: the same hits kept as the
    general way, on random spans, kinds, and matches word for word, in either order."""
    import random

    from workbench.checks.view import _one_per_span_any, one_per_span

    rnd = random.Random(23)
    kinds = ["approved", "variant", "forbidden"]
    for _ in range(3000):
        starts = [rnd.randint(0, 3) for _ in range(2)]
        ends = [s + rnd.randint(1, 3) for s in starts]
        ks, exact = [rnd.choice(kinds) for _ in range(2)], [rnd.random() < 0.3 for _ in range(2)]
        for js in ([0, 1], [1, 0]):
            assert one_per_span(js, starts, ends, ks, exact) == _one_per_span_any(js, starts, ends, ks, exact)
