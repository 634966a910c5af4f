"""variant-spelling: near-identical English phrasings across the document. Cases to flag, and look-alikes not to."""

import pytest
from checks_helpers import GLOSSARY, doc

from workbench.checks import run_checks


def found(check, *pairs, glossary=GLOSSARY):
    return [f for f in run_checks(doc(*pairs), glossary, checks=[check])]


# -- variant-spelling ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "a, b, found_text",
    [
        ("develop future-oriented industries", "develop future-orientated industries", "orientated"),
        ("the organization works", "the organisation works", "organisation"),
        ("high-tech enterprises grew", "high tech enterprises grew", "high tech"),
        ("cellphone users", "cell phone users", "cell phone"),
        ("e-mail users", "email users", "email"),
        ("it is nowhere else", "it is no where else", "no where"),
        ("industrial enterprises above designated size.", "industrial enterprises above the designated size.", None),
    ],
)
def test_variant_spelling_flags(a, b, found_text):
    fs = found("variant-spelling", ("一", a), ("二", a), ("三", b), glossary=None)
    assert fs and all(f.pair == 3 and f.severity == "info" for f in fs)
    if found_text:
        assert fs[0].found == found_text


@pytest.mark.parametrize(
    "a, b",
    [
        ("a high level of digitalization", "the High-level Meeting on AI"),  # different next word
        ("for four years", "for the people"),
        ("the digital transformation of the manufacturing sector", "digital transformation of manufacturing."),
        ("innovative achievements in the fields of energy", "innovative achievements in fields such as energy"),
        ("enterprises", "enterprise"),
        # the same letters cut into words two ways, neither closed up nor hyphenated: two
        # different phrases, not one compound written two ways
        ("nowhere else. they are now here today", "nowhere else. they are no where today"),
        ("a tin can ran", "at inca nran"),
    ],
)
def test_variant_spelling_passes(a, b):
    assert found("variant-spelling", ("一", a), ("二", b), glossary=None) == []


def test_variant_spelling_leaves_glossary_renderings_to_term_inconsistent():
    pairs = [("规模以上工业企业", "industrial enterprises above designated size."),
             ("规模以上工业企业", "industrial enterprises above designated size."),
             ("规模以上工业企业", "industrial enterprises above the designated size.")]
    assert found("variant-spelling", *pairs) == []
    assert found("term-inconsistent", *pairs)


def test_variant_spelling_reads_each_pair_on_its_own():
    # The pairs are read as one text (checks/spelling.py _Corpus): no compound or phrase may
    # run from the end of one pair into the next, whatever character the texts hold.
    assert found("variant-spelling", ("一", "we met high"), ("二", "tech enterprises grew"),
                 ("三", "hightech enterprises"), glossary=None) == []
    assert found("variant-spelling", ("一", "industrial enterprises above"), ("二", "designated size."),
                 ("三", "industrial enterprises above the designated size."), glossary=None) == []
    fs = found("variant-spelling", ("一", "high-tech enterprises\x00 grew"), ("二", "high-tech enterprises\x00"),
               ("三", "\x00high tech enterprises grew"), glossary=None)
    assert [(f.pair, f.found) for f in fs] == [(3, "high tech")]
    assert fs[0].message.startswith("“high tech” here, “high-tech” in 2 pair(s) (first: pair 1)")


def test_variant_spelling_places_each_finding_in_its_pair():
    fs = found("variant-spelling", ("一", "The organization works."), ("二", "Its organization grew."),
               ("三", "A new start. The organisation works, and the organisation grows."), glossary=None)
    assert [(f.pair, f.found, f.expected) for f in fs] == [(3, "organisation", "organization")]


@pytest.mark.parametrize("first, second", [("high-tech", "high tech"), ("high tech", "high-tech")])
def test_variant_spelling_tie_in_one_pair_goes_by_text_order(first, second):
    # Both forms in one pair only: the form written first is the reference (this went by the
    # order of a set, and changed with the hash seed).
    fs = found("variant-spelling", ("一", f"{first} zones grew, and {second} zones too"), glossary=None)
    assert [(f.expected, f.found) for f in fs] == [(first, second)]


def _places_pair_by_pair(texts):
    """Where variant-spelling finds words, compounds and phrases written two ways, by its
    definitions read plainly: each pair's text lower-cased and split on its own, every place
    and every run of words tried in turn. As (pair, kind, first word, last word, key, surface)."""
    from collections import defaultdict

    from workbench.checks.spelling import _ARTICLES, _spelled_two_ways
    from workbench.text.normalize import EN_STOP, WORD_SPLIT

    nul, ends_before = "\0", EN_STOP - {"of"}
    pairs = []
    for text in texts:
        parts = WORD_SPLIT.split(text.replace("’", "'").lower())
        seps = [{" ": " ", "-": "-", "‐": "-", "‑": "-"}.get(g, nul) for g in parts[2:-1:2]]
        pairs.append((parts[1::2], seps + [nul]))  # (a boundary after the last word)
    vocab = {w for words, _ in pairs for w in words}
    spelled = _spelled_two_ways(vocab)
    closed = set()
    for words, seps in pairs:
        for a in range(len(words)):
            if seps[a] == "-":  # hyphenated: a-b, a-b c, z a-b (the word after in the pair)
                closed.update("".join(words[k:k + m]) for k, m in ((a, 2), (a, 3), (a - 1, 3))
                              if k >= 0 and k + m < len(words))
            for m in (2, 3):
                joined = "".join(words[a:a + m])
                if a + m <= len(words) and joined in vocab and joined.isalpha():
                    closed.add(joined)
    compounds, windows = [], []
    for p, (words, seps) in enumerate(pairs):
        for a in range(len(words)):
            for m in (1, 2, 3):
                joined = "".join(words[a:a + m])
                if a + m < len(words) and joined in closed:
                    surface = words[a] + "".join(seps[j] + words[j + 1] for j in range(a, a + m - 1))
                    compounds.append((p, a, a + m - 1, joined, words[a + m] if seps[a + m - 1] != nul else nul, surface))
        content = [i for i, w in enumerate(words) if w not in _ARTICLES]
        for q in range(len(content) - 3):
            at = content[q:q + 4]
            key = tuple(words[i] for i in at)
            if (nul not in seps[at[0]:at[3]] and (seps[at[3]] == nul or words[at[3] + 1] in ends_before)
                    and key[0] not in EN_STOP and key[3] not in EN_STOP):
                windows.append((p, at[0], at[3], key, (at[1] - at[0], at[2] - at[1], at[3] - at[2])))
    surfaces, distances = defaultdict(set), defaultdict(set)
    for _, _, _, joined, nxt, surface in compounds:
        if nxt != nul and nul not in surface and joined.isalpha():
            surfaces[joined, nxt].add(surface)
    for *_, key, d in windows:
        distances[key].add(d)
    places = [(p, 0, a, a, ("spelling", spelled[w]), w) for p, (words, _) in enumerate(pairs)
              for a, w in enumerate(words) if w in spelled]
    places += [(p, 1, a, e, ("hyphenation", joined, nxt), surface) for p, a, e, joined, nxt, surface in compounds
               if surface in surfaces[joined, nxt] and len(surfaces[joined, nxt]) > 1
               and any(" " not in s or "-" in s for s in surfaces[joined, nxt])]
    places += [(p, 2, a, e, ("article", *key), " ".join(pairs[p][0][a:e + 1])) for p, a, e, key, _ in windows
               if len(distances[key]) > 1]
    return sorted(places, key=lambda pl: pl[:4])


def test_variant_spelling_reads_the_whole_text_as_each_pair_read_alone():
    # The check reads all the pairs as one text, a byte for each word and separator; what it
    # finds must be what the plain definitions find pair by pair, whatever the text.
    import random

    from workbench.checks.spelling import _Corpus, _varied
    from workbench.checks.view import build_views
    from workbench.model import Alignment, Pair

    rich = ["the", "a", "An", "of", "in", "to", "is", "enterprises", "above", "designated", "size", "high", "tech",
            "hightech", "High-tech", "cell", "phone", "cellphone", "organisation", "Organization", "centre", "center",
            "no", "where", "nowhere", "data", "set", "dataset", "data‑set", "base", "database", "İstanbul", "39.9"]
    few = ["the", "a", "an", "of", "in", "is", "for", "x", "y", "z", "xy", "x-y", "yz", "The", "X", "x", "y", "the"]
    seps = [" "] * 10 + ["-", ", ", ". ", "‐", " — ", "’", "  ", "\u00ad", "\n"]
    rnd = random.Random(11)
    found = set()
    for _ in range(250):
        vocab = rnd.choice((rich, few))
        texts = ["".join(w + (rnd.choice(seps) if vocab is rich or rnd.random() < 0.15 else " ")
                         for w in rnd.choices(vocab, k=rnd.randint(0, 14))).strip(" ") for _ in range(rnd.randint(1, 25))]
        views = build_views([(f"d{d}", Alignment(title="t", pairs=[Pair(id=i + 1, zh=["中"], en=[t]) for i, t in
                                                                   enumerate(texts[d::2])])) for d in range(2)], [None, None])
        c = _Corpus(views)
        texts = [p.en for p in c.en.pairs]
        got = [(c.pair_of(k), kind, k - c.bounds[c.pair_of(k)], last - c.bounds[c.pair_of(k)], key, surface)
               for k, kind, last, key, surface in _varied(c)]
        assert got == _places_pair_by_pair(texts), texts
        found.update(kind for _, kind, *_ in got)
    assert found == {0, 1, 2}


def test_variant_spelling_gives_up_working_out_compound_parts_as_the_text_says(monkeypatch):
    # Words that begin with many others ("a aa aaa …") would make the parts of compounds take
    # a time growing with the cube of their length: past PARTS_WORK every word may be a part,
    # and the runs in the text say which are; the places found are the same.
    from workbench.checks import spelling
    from workbench.checks.view import build_views
    from workbench.model import Alignment, Pair

    chain = ["a" * n for n in range(1, 301)]
    assert spelling._parts(set(chain), set(chain)) is None
    assert spelling._parts({"cellphone", "cell", "phone"}, {"cellphone", "cell", "phone"}) == (
        {"cell"}, set(), {"phone"}, {"cellphone"})
    texts = [" ".join(chain[:40]), " ".join(reversed(chain[:40])), "aaa-aaaa aaaaaaa aaa aaaa.",
             "cell phone users, cellphone users, high-tech firms and high tech firms"]
    views = build_views([(None, Alignment(title="t", pairs=[Pair(id=i + 1, zh=["中"], en=[t]) for i, t in enumerate(texts)]))], [None])
    c = spelling._Corpus(views)
    exact = spelling._varied(c)
    monkeypatch.setattr(spelling, "PARTS_WORK", -10**9)  # (gives up at once)
    assert spelling._parts({"cellphone", "cell", "phone"}, {"cellphone", "cell", "phone"}) is None
    c = spelling._Corpus(views)
    assert spelling._varied(c) == exact
    assert {kind for _, kind, *_ in exact} == {1}
    assert [(c.pair_of(k), k - c.bounds[c.pair_of(k)], kind, last - c.bounds[c.pair_of(k)], key, s)
            for k, kind, last, key, s in exact] == [
        (p, a, kind, e, key, s) for p, kind, a, e, key, s in _places_pair_by_pair(texts)]


def test_nonzero_finds_the_places_of_the_nonzero_bytes_at_any_density():
    # masks.nonzero picks the places one way where they are many, another where they are few:
    # both must be the places of the nonzero bytes, whatever their values
    import random
    from itertools import compress

    from workbench.checks.masks import nonzero

    rnd = random.Random(5)
    for n in (0, 1, 2, 7, 64, 1000):
        for density in (0, 0.01, 0.1, 0.124, 0.126, 0.5, 1):
            mask = bytes(rnd.randint(1, 255) if rnd.random() < density else 0 for _ in range(n))
            assert nonzero(mask) == list(compress(range(n), mask)), (n, density)


def test_variant_spelling_read_again_after_an_edit_finds_what_a_fresh_reading_finds():
    # After an edit, the memo's reading of the text is taken and only the edited run of pairs
    # read again (spelling._spliced): over random edits (a pair's English another's, words
    # new to the text or gone from it, hyphens put in or taken out, pairs put in or dropped,
    # at either end too), the places found are those a fresh reading finds.
    import random

    from workbench.checks import Memo
    from workbench.checks.spelling import _Corpus, _Spelling, _varied
    from workbench.checks.view import build_views
    from workbench.model import Alignment, Pair

    rich = ["the", "a", "An", "of", "in", "to", "is", "enterprises", "above", "designated", "size", "high", "tech",
            "hightech", "High-tech", "cell", "phone", "cellphone", "organisation", "Organization", "centre", "center",
            "no", "where", "nowhere", "data", "set", "dataset", "data‑set", "base", "database", "39.9", "new", "kind"]
    seps = [" "] * 10 + ["-", ", ", ". ", "‐", " — ", "’", "  "]
    rnd = random.Random(17)

    def text() -> str:
        return "".join(w + rnd.choice(seps) for w in rnd.choices(rich, k=rnd.randint(0, 12))).strip(" ")

    spliced = 0
    for _ in range(60):
        texts = [text() for _ in range(rnd.randint(1, 30))]
        memo = Memo()
        for _ in range(6):
            views = build_views([(None, Alignment(title="t", pairs=[Pair(id=i + 1, zh=["中"], en=[t]) for i, t in enumerate(texts)]))],
                                [None], memo=memo)
            then, state = memo.spelling, _Spelling()
            got = _varied(_Corpus(views, None if then is None else then.lower), then, state)
            spliced += then is not None and state.names is then.names
            memo.spelling = state
            fresh = build_views([(None, Alignment(title="t", pairs=[Pair(id=i + 1, zh=["中"], en=[t]) for i, t in enumerate(texts)]))], [None])
            read = _Spelling()
            assert got == _varied(_Corpus(fresh), None, read), texts
            # (what is kept for the next run is what a fresh reading keeps, but for the numbers
            # the words are told apart by)
            for name in ("vocab", "hyphens", "code", "spell_words", "closed_up", "kinds", "gaps"):
                assert getattr(state, name) == getattr(read, name), name
            assert (state.places.singles, state.places.singles_made, state.places.runs, state.places.plain) == (
                read.places.singles, read.places.singles_made, read.places.runs, read.places.plain)
            assert [(a, e, tuple(state.names[i >> 8] for i in key), d) for a, e, key, d in zip(*state.places.spaced)] == [
                (a, e, tuple(read.names[i >> 8] for i in key), d) for a, e, key, d in zip(*read.places.spaced)]
            for _ in range(rnd.randint(1, 3)):
                k = rnd.choice([0, len(texts) - 1, rnd.randrange(len(texts))])
                op = rnd.randrange(4)
                if op == 0:
                    texts[k] = text()
                elif op == 1:
                    texts.insert(k, text())
                elif op == 2 and len(texts) > 1:
                    del texts[k]
                else:  # a word new to the text, or a hyphen put in or taken out
                    texts[k] = rnd.choice([texts[k].replace(" ", "-", 1), texts[k].replace("-", " "),
                                           texts[k] + " zq" + str(rnd.randrange(5)) + " cellphone"])
    assert spliced > 100
