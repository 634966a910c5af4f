"""Term matching: what must match through typography and inflection, and what must not."""

import random

import pytest

from workbench.glossary.matching import Forms, TermMatcher, read_words
from workbench.glossary.model import Glossary, Term
from workbench.text.normalize import WORD, normalize_zh, stem

GLOSSARY = Glossary(
    terms=[
        Term(zh=["专精特新\"小巨人\"企业", "\"小巨人\"企业"], en='"little giant" enterprises',
             variants=["little giant enterprises"], forbidden=["small giant enterprises"]),
        Term(zh=["规模以上工业企业"], en="industrial enterprises above designated size",
             forbidden=["industrial enterprises above designated scale"]),
        Term(zh=["中小企业"], en="SMEs", variants=["small and medium-sized enterprises"]),
        Term(zh=["专精特新中小企业"], en="specialized and sophisticated SMEs"),
        Term(zh=["高新技术企业"], en="high-tech enterprises"),
        Term(zh=["支线飞机"], en="regional aircraft", forbidden=["regional aircrafts"]),
        Term(zh=["开放原子开源基金会"], en="OpenAtom Foundation", case="sensitive"),
        Term(zh=["新质生产力"], en="new quality productive forces"),
    ]
)
M = TermMatcher(GLOSSARY)


def kinds(text):
    return sorted({(M.terms[h.term].key, h.kind) for h in M.en_hits(text)})


@pytest.mark.parametrize(
    "text, term",
    [
        ("培育专精特新“小巨人”企业1.2万家", "专精特新\"小巨人\"企业"),
        ("培育专精特新「小巨人」企业", "专精特新\"小巨人\"企业"),
        ("培育专精特新＂小巨人＂企业", "专精特新\"小巨人\"企业"),  # full-width quotes
        ("40%的“小巨人”企业", "专精特新\"小巨人\"企业"),
        ("全国规模以上工业企业超过50.1万家", "规模以上工业企业"),
    ],
)
def test_chinese_forms_found_through_quotes_and_width(text, term):
    assert [M.terms[h.term].key for h in M.zh_hits(text)] == [term]


def test_chinese_longest_form_wins_nested_not_counted_again():
    hits = M.zh_hits("累计培育专精特新中小企业超过14万家，中小企业")
    assert [(M.terms[h.term].key, h.text) for h in hits] == [("专精特新中小企业", "专精特新中小企业"), ("中小企业", "中小企业")]


def test_chinese_positions_are_those_of_the_original_text():
    text = "其中专精特新“小巨人”企业1.2万家"
    (h,) = M.zh_hits(text)
    assert text[h.start:h.end] == "专精特新“小巨人”企业" == h.text


@pytest.mark.parametrize(
    "text, expected",
    [
        # must match: typography and inflection
        ('12,000 "little giant" enterprises', ("专精特新\"小巨人\"企业", "approved")),
        ("40% of “little giant” enterprises", ("专精特新\"小巨人\"企业", "approved")),
        ("the ‘little giant’ enterprise's plan", ("专精特新\"小巨人\"企业", "approved")),
        ("Little Giant Enterprises", ("专精特新\"小巨人\"企业", "approved")),
        ("industrial enterprise above designated size", ("规模以上工业企业", "approved")),
        ("industrial enterprises above designated sizes", ("规模以上工业企业", "approved")),
        ("industrial  enterprises\nabove designated size", ("规模以上工业企业", "approved")),
        ("high tech enterprises", ("高新技术企业", "approved")),
        ("high‑tech enterprise", ("高新技术企业", "approved")),
        ("HIGH-TECH ENTERPRISES", ("高新技术企业", "approved")),
        ("an SME", ("中小企业", "approved")),
        ("small- and medium-sized enterprises", ("中小企业", "variant")),
        ("small and medium sized enterprises", ("中小企业", "variant")),
        ("new-quality productive forces", ("新质生产力", "approved")),
        ("the OpenAtom Foundation", ("开放原子开源基金会", "approved")),
        ("small giant enterprises", ("专精特新\"小巨人\"企业", "forbidden")),
        ("139 regional aircrafts", ("支线飞机", "forbidden")),
        ("industrial enterprises above designated scale", ("规模以上工业企业", "forbidden")),
    ],
)
def test_english_renderings_found_through_typography_and_inflection(text, expected):
    assert expected in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "industrial enterprises above designated scale",  # a different word is a different term
        "industrial enterprises above the designated size",  # an extra word too
        "industrial enterprises of designated size",
        "enterprises above designated size",  # a word short
        "designated size industrial enterprises above",  # order matters
        "hightech enterprises",  # closed up is not the same words
        "the openatom foundation",  # case: sensitive
        "little giants",
        "new quality productive force majeure",  # matches, but only as itself: checked below
    ][:-1],
)
def test_look_alikes_do_not_pass_as_the_approved_rendering(text):
    assert all(kind != "approved" for _, kind in kinds(text)), kinds(text)


def test_correct_plural_aircraft_is_not_the_forbidden_aircrafts():
    assert kinds("139 ARJ21 regional aircraft") == [("支线飞机", "approved")]
    assert ("支线飞机", "forbidden") in kinds("139 ARJ21 regional aircrafts")


def test_english_hit_spans_point_at_the_text():
    text = 'including 12,000 “little giant” enterprises with'
    hits = [h for h in M.en_hits(text) if h.kind == "approved"]
    assert [h.text for h in hits] == ["little giant” enterprises"]


@pytest.mark.parametrize(
    "a, b",
    [("enterprises", "enterprise"), ("companies", "company"), ("SMEs", "SME"), ("China's", "China"),
     ("processes", "process"), ("sizes", "size"), ("enterprise’s", "enterprise")],
)
def test_stem_forgets_plural_and_possessive(a, b):
    assert stem(a).lower() == stem(b).lower()


@pytest.mark.parametrize("a, b", [("size", "scale"), ("status", "statu"), ("news", "newt")])
def test_stem_keeps_different_words_apart(a, b):
    assert stem(a) != stem(b)


def test_normalize_zh_keeps_length():
    s = "“小巨人”ＡＢＣ１２３　「x」"
    assert len(normalize_zh(s)) == len(s)
    assert normalize_zh(s) == '"小巨人"ABC123 "x"'


def test_forms_find_nested_and_overlapping():
    f = Forms()
    f.add("ab", 1)
    f.add("abc", 2)
    f.add("bc", 3)
    assert sorted(f.find("xabc")) == [(1, 3, 1), (1, 4, 2), (2, 4, 3)]


def test_forms_find_any_character():
    """Characters beyond the basic plane, and a lone surrogate (a file read with
    surrogateescape), are one place each, as in the string."""
    f = Forms()
    for k, e in enumerate(["𠀀中", "中\udcff", "\udcff𠀀", "𠀀"]):
        f.add(e, k)
    text = "a𠀀中\udcff𠀀中"
    assert f.find(text) == _every_occurrence([("𠀀中", 0), ("中\udcff", 1), ("\udcff𠀀", 2), ("𠀀", 3)], text)
    assert len(f.find(text)) == 6


def _every_occurrence(entries, seq):
    """What Forms.find must find: each entry at each place, by start, the longest first, then
    as added."""
    return [(i, j, p) for i in range(len(seq)) for j in range(len(seq), i, -1)
            for e, p in entries if seq[i:j] == e]


def test_forms_find_every_occurrence_of_any_characters():
    """The automaton finds in a string what comparing every slice finds, whatever the
    characters: beyond the basic plane, lone surrogates (the text then searched as UTF-32; else
    as UTF-16, a form holding either left out), one payload a form or several, a form that is
    a match of another's bytes from the middle of a character (中 is 2D 4E: "\\u4e2d" against
    "\\u2d4e")."""
    rnd = random.Random(21)
    chars = ["中", "\u2d4e", "𠀀", "a", "企", "\u4e00", "\x00", "\udcff"]  # (all but the last: no surrogate)
    bmp = [c for c in chars[:7] if c != "𠀀"]
    for trial in range(60):
        entries = list(dict.fromkeys("".join(rnd.choices(chars, k=rnd.randint(1, 4))) for _ in range(12)))
        added = [(e, p) for k, e in enumerate(entries) for p in ((k,) if trial % 2 else (k, -k))]
        index = Forms()
        index.extend(added)
        for _ in range(10):
            text = "".join(rnd.choices(rnd.choice((bmp, chars[:7], chars)), k=rnd.randint(0, 30)))
            assert index.find(text) == _every_occurrence(added, text)


@pytest.mark.parametrize("shortest", [1, 2])
def test_forms_find_every_occurrence_in_order(shortest):
    import random

    rnd = random.Random(shortest)
    chars = "中小企业专精特新规模以上"  # few characters: many nested and overlapping entries
    entries = sorted({"".join(rnd.choice(chars) for _ in range(rnd.randint(shortest, 5))) for _ in range(60)})
    added = [(e, p) for k, e in enumerate(entries) for p in (k, -k)]  # two payloads for one entry
    index, stems = Forms(), Forms()
    for e, p in added:
        index.add(e, p)
        stems.add(tuple(e), p)  # the same, over tuples of symbols (as stems are matched)
    texts = ["", "中"] + ["".join(rnd.choice(chars + "，。a") for _ in range(rnd.randint(2, 40))) for _ in range(200)]
    assert sum(len(index.find(t)) for t in texts) > 200
    for t in texts:
        assert index.find(t) == _every_occurrence(added, t)
        assert stems.find(tuple(t)) == index.find(t)


def test_a_document_is_searched_at_once_as_each_pair_alone():
    """zh_scan_all / en_hits_all over many texts find in each what zh_scan / en_hits find in it
    alone: nothing across the join, even for a form that holds the joining character."""
    g = Glossary(terms=[*GLOSSARY.terms, Term(zh=["企业\n规模"], en="SMEs\nindustrial"), Term(zh=["新"], en="new")])
    m = TermMatcher(g)
    zh = ["培育专精特新“小巨人”企业", "", "规模以上工业企业", "中小企业", "企业", "规模以上", "新", "专精特新中小企业"]
    en = ["small giant enterprises", "", "industrial enterprises above designated size", "SMEs",
          "SMEs", "industrial enterprises", "new", "regional aircrafts and regional aircraft"]
    scanned = m.zh_scan_all(zh)
    assert sorted(scanned) == [0, 2, 3, 6, 7]  # (企业 | 规模以上 across the join is no term)
    for k, text in enumerate(zh):
        assert scanned.get(k, ([], [])) == m.zh_scan(text)
    read = read_words(en)
    found = m.en_hits_all(read)
    assert sorted(found) == [0, 2, 3, 4, 6, 7]
    for k, text in enumerate(en):
        assert read.of(k) == WORD.findall(text)
        assert found.get(k, []) == m.en_hits(text)
    assert [(h.text, h.kind) for h in found[7] if h.exact] == [("regional aircrafts", "forbidden")]


def test_nested_terms_are_the_terms_found_inside_a_terms_chinese():
    def brute(i):
        return sorted({j for j, t in enumerate(M.terms) if j != i for z in t.zh
                       for form in M.terms[i].zh if normalize_zh(z) in normalize_zh(form)})

    assert [M.nested(i) for i in range(len(M.terms))] == [brute(i) for i in range(len(M.terms))]
    assert M.nested(3) == [2]  # 中小企业 in 专精特新中小企业


def test_folded_keys_filled_at_once_are_the_keys_looked_up_one_by_one():
    """_FoldedKeys.fill (lower-case words set in C) gives each word the key __missing__ gives:
    British spellings made American, a glossary acronym in lower case marked."""
    from workbench.glossary.matching import _FoldedKeys

    rnd = random.Random(4)
    pool = "abcdeisSIZEourtyAB'’&.09é"
    words = {"".join(rnd.choices(pool, k=rnd.randint(1, 9))) for _ in range(20000)}
    words |= {"organise", "colour", "programme", "centre", "sme", "ai", "SME", "AI", "Ai", "smes"}
    filled, one_by_one = _FoldedKeys({"sme", "ai"}), _FoldedKeys({"sme", "ai"})
    filled.fill(sorted(words))
    assert len(filled) == len(words)
    for w in words:
        assert filled[w] == one_by_one[w], w
    assert (filled["ai"], filled["AI"], filled["colour"]) == ("~ai", "ai", "color")


def test_every_term_of_a_text_is_listed_as_first_found_shorter_forms_first():
    """zh_scan's terms (zh_terms_all) are in the order of the places they are found at, and of
    two forms found at one place the shorter first (规模以上 before 规模以上工业增加值)."""
    rnd = random.Random(5)
    chars = "规模以上工业"
    forms = sorted({"".join(rnd.choices(chars, k=rnd.randint(1, 4))) for _ in range(40)})
    m = TermMatcher(Glossary(terms=[Term(zh=[f], en=f"term {k}") for k, f in enumerate(forms)]))
    texts = ["".join(rnd.choices(chars + "，", k=rnd.randint(0, 15))) for _ in range(300)]
    scanned = m.zh_scan_all(texts)
    for k, text in enumerate(texts):
        places = sorted((s, s + len(f), i) for i, f in enumerate(forms) for s in range(len(text))
                        if text.startswith(f, s))
        assert scanned.get(k, ([], []))[1] == list(dict.fromkeys(i for *_, i in places))


def test_a_part_of_a_reading_is_the_reading_of_those_texts_alone():
    """Words.part(a, b): the words, bounds and gaps of texts[a:b] read alone, and the same hits."""
    rnd = random.Random(8)
    pieces = ["SMEs", "small", "giant", "enterprises", "little", " ", ", ", "R&D", "\n", "—", "regional aircrafts"]
    texts = ["".join(rnd.choices(pieces, k=rnd.randint(0, 9))) for _ in range(60)]
    read, m = read_words(texts), TermMatcher(GLOSSARY)
    for a, b in [(0, 60), (0, 0), (5, 6), (7, 30), (30, 60), (59, 60)]:
        part, alone = read.part(a, b), read_words(texts[a:b])
        assert (part.words, part.bounds, part.gaps) == (alone.words, alone.bounds, alone.gaps)
        assert [part.of(k) for k in range(b - a)] == [WORD.findall(t) for t in texts[a:b]]
        assert m.en_hits_all(part) == m.en_hits_all(alone)
    assert read.part(0, 60) is read


def test_texts_read_a_few_at_a_time_are_read_as_all_at_once():
    """read_words reads `chunk` texts at a time (the split's string of every word kept for a
    chunk only): every field is what one reading of all the texts gives, with texts that hold
    line breaks or no word, and a text between words that spans a chunk's end."""
    rnd = random.Random(10)
    pieces = ["SMEs", "small", "R&D", "’s", " ", ", ", "\n", "—", "é", "中", "_", "."]
    for _ in range(300):
        texts = ["".join(rnd.choices(pieces, k=rnd.randint(0, 6))) for _ in range(rnd.randint(0, 12))]
        whole = read_words(texts, chunk=max(len(texts), 1))
        assert [whole.of(k) for k in range(len(texts))] == [WORD.findall(t) for t in texts]
        for k, text in enumerate(texts):  # (each word where the text has it)
            assert [text[e - len(w):e] for w, e in zip(whole.of(k), whole.ends_of(k))] == whole.of(k)
        for size in (1, 2, 3, 5):
            assert read_words(texts, chunk=size) == whole


def test_a_hits_text_is_read_from_the_words_as_from_its_place():
    """EnFound.hit_text(j) (the words and the text between them) is hit(j).text (cut from the
    text at the hit's place), for every hit of a run, in texts read whole and in parts."""
    rnd = random.Random(9)
    pieces = ["SMEs", "small", "giant", "enterprises", " ", ", ", " — ", "\n", "R&D", "regional aircrafts", "’s"]
    texts = ["".join(rnd.choices(pieces, k=rnd.randint(0, 12))) for _ in range(300)]
    read, m = read_words(texts), TermMatcher(GLOSSARY)
    for part in (read, read.part(100, 250)):
        found = m.en_find_all(part)
        n = len(found.found) + len(found.exact)
        assert n > 20 and found.exact
        assert [found.hit_text(j) for j in range(n)] == [found.hit(j).text for j in range(n)]


def test_forms_found_in_words_by_their_keys_are_found_in_the_keys():
    """Forms.find_words (only the places of words whose key begins a form looked at) finds what
    find finds in the sequence of the words' keys: forms of one word and longer, nested,
    overlapping, several words to one key."""
    rnd = random.Random(12)
    words = ["Big", "big", "bigs", "small", "Small", "giant", "giants", "zone", "the", "of"]
    keys = {w: w.lower().rstrip("s") for w in words}
    index = Forms()
    for k in range(40):
        form = tuple(rnd.choices(sorted(set(keys.values())), k=rnd.randint(1, 3)))
        index.add(form, k)
    for _ in range(100):
        text = rnd.choices(words, k=rnd.randint(0, 30))
        assert index.find_words(text, keys, words) == index.find(tuple(map(keys.__getitem__, text)))
    assert Forms().find_words(["big"], keys, words) == []


def test_forms_extended_at_once_are_the_forms_added_one_by_one():
    """Forms.extend of many forms at once is `add` of each in turn: the same payloads, and the
    same occurrences found, also after forms are added to an index searched already."""
    rnd = random.Random(13)
    for seqs in ("strings", "tuples"):
        items = []
        for k in range(300):
            form = "".join(rnd.choices("中小企业专精", k=rnd.randint(1, 5)))
            items.append((form if seqs == "strings" else tuple(form), k))
        unique = list(dict((s, p) for s, p in items).items())
        text = "".join(rnd.choices("中小企业专精，", k=200))
        text = text if seqs == "strings" else tuple(text)
        for batch in (items, unique, unique[:40]):
            at_once, one_by_one = Forms(), Forms()
            at_once.extend(batch)
            for seq, payload in batch:
                one_by_one.add(seq, payload)
                if payload % 50 == 0:
                    one_by_one.find(text)  # (searched, then added to)
            assert at_once.payloads == one_by_one.payloads
            assert at_once.find(text) == one_by_one.find(text) == _every_occurrence(batch, text)


def test_ascii_texts_are_read_into_the_words_unicode_classes_find():
    """read_words reads ASCII text with ASCII classes: the same words and text between them as
    WORD_SPLIT, on random ASCII (underscores, apostrophes, ampersands, dots, digits, controls)."""
    from workbench.text.normalize import WORD_SPLIT

    rnd = random.Random(22)
    pieces = ["R&D", "it's", "A.I.", "x_y", "_", "3.5", "'", "&", ".", " ", "\t", "\x7f", "SMEs", "e", "9", "-", "\n"]
    for _ in range(300):
        texts = ["".join(rnd.choices(pieces, k=rnd.randint(0, 12))) for _ in range(rnd.randint(0, 5))]
        parts = WORD_SPLIT.split("\n".join(texts))
        read = read_words(texts)
        assert (read.words, read.gaps) == (parts[1::2], parts[2:-1:2])
        assert [read.of(k) for k in range(len(texts))] == [WORD.findall(t) for t in texts]


def test_texts_of_ascii_letters_are_read_into_the_words_unicode_classes_find():
    """read_words reads text whose letters and digits are all ASCII (curly quotes, dashes) with
    ASCII classes and ’ as a joiner: the same words and text between them as WORD_SPLIT, on
    random text with and without letters or digits beyond ASCII."""
    from workbench.text.normalize import WORD_SPLIT

    rnd = random.Random(23)
    pieces = ["it’s", "’", "“", "”", "—", "–", "SMEs", "R&D", "x_y", " ", ".", "'", "\n", "é", "中", "٣", "Ⅻ", "ǅ", "9"]
    for trial in range(400):
        pool = pieces if trial % 2 else pieces[:13]  # (half without a letter beyond ASCII)
        texts = ["".join(rnd.choices(pool, k=rnd.randint(0, 12))) for _ in range(rnd.randint(0, 5))]
        parts = WORD_SPLIT.split("\n".join(texts))
        read = read_words(texts)
        assert (read.words, read.gaps, read.distinct) == (parts[1::2], parts[2:-1:2], set(parts[1::2]))
        for k, text in enumerate(texts):
            assert read.of(k) == WORD.findall(text)
            assert list(read.ends_of(k)) == [m.end() for m in WORD.finditer(text)]


def test_a_reading_knows_where_each_word_ends_and_each_text_begins():
    """read_words: where each word of a text ends in it, and each text's first word, as the
    words read text by text say (empty texts, texts without words, line breaks and words at
    either edge included)."""
    rnd = random.Random(14)
    pieces = ["SMEs", "R&D", "it’s", " ", ", ", "\n", "—", "x", "", "A.I.", "中文", "\x00"]
    some = ["".join(rnd.choices(pieces, k=rnd.randint(0, 8))) for _ in range(300)]
    # (line breaks in the texts, or none; "\x00", which the joins are counted by, or none)
    for texts in (some, [t.replace("\n", "") for t in some], [t.replace("\n", "").replace("\x00", "") for t in some]):
        read = read_words(texts)
        bounds = []
        n = 0
        for k, text in enumerate(texts):
            bounds.append(n)
            n += len(WORD.findall(text))
            assert list(read.ends_of(k)) == [m.end() for m in WORD.finditer(text)]
        assert read.bounds == bounds + [n]
    assert read.offsets[:-1] == [sum(len(t) + 1 for t in texts[:k]) for k in range(len(texts))]
    assert (read_words([]).bounds, read_words([""]).bounds, read_words(["", "x"]).bounds) == ([0], [0, 0], [0, 0, 1])


def test_renderings_keyed_at_once_are_keyed_one_by_one():
    """rendering_keys (the words of all the texts keyed in C) is rendering_key of each text:
    texts without words, with British spellings, acronyms, apostrophes and non-ASCII letters."""
    from workbench.glossary.matching import rendering_key, rendering_keys

    rnd = random.Random(24)
    pieces = ["SMEs", "organisations", "R&D", "it’s", "AI", "Ai", " ", ", ", "—", "zones", "Zone", "é", ""]
    texts = ["".join(rnd.choices(pieces, k=rnd.randint(0, 6))) for _ in range(500)]
    assert rendering_keys(texts) == [rendering_key(t) for t in texts]
    assert rendering_keys([]) == []


def test_the_hits_inside_no_other_are_those_no_other_span_holds():
    """_maximal (by a pass over the hits, or at once where each ends further than all before
    it) keeps the hits whose span no other, different span holds, in order."""
    from workbench.glossary.matching import _maximal

    rnd = random.Random(31)
    for trial in range(500):
        spread = 40 if trial % 2 else 400  # (nested and equal spans, or few)
        spans = {(s, s + rnd.randint(1, 6)) for s in (rnd.randrange(spread) for _ in range(rnd.randint(0, 30)))}
        hits = sorted(((s, e, rnd.randrange(3)) for s, e in spans for _ in range(rnd.choice((1, 1, 2)))),
                      key=lambda h: (h[0], -h[1]))
        plain = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and o[:2] != h[:2] for o in hits)]
        assert _maximal(hits) == plain


def test_words_read_again_after_an_edit_are_the_words_read_anew():
    """`read_words_again` (the texts of an earlier reading edited: only the edited run read
    again) gives `read_words` of the new texts, field for field: random edits of texts with
    and without words, line breaks, non-ASCII letters."""
    from workbench.glossary.matching import read_words_again

    rnd = random.Random(7)
    pieces = ["the", "SMEs", "don't", "3.5", "", " ", ", ", "—", "“Green”", "\n", "e.g.", "İx", "café", "R&D", "..", "’s", "中国"]

    def text() -> str:
        return " ".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 5)))

    for _ in range(3000):
        old = [text() for _ in range(rnd.randint(0, 8))]
        new = list(old)
        for _ in range(rnd.randint(0, 3)):
            op = rnd.randrange(3)
            if op == 0 and new:
                new[rnd.randrange(len(new))] = text()
            elif op == 1:
                new.insert(rnd.randint(0, len(new)), text())
            elif new:
                del new[rnd.randrange(len(new))]
        assert tuple(read_words_again(read_words(old), new)) == tuple(read_words(new)), (old, new)


def test_words_read_a_few_texts_at_a_time_are_the_words_read_at_once():
    """read_words (`chunk` texts at a time) gives, field for field, what reading all the texts
    at once gives: texts without words, whole chunks without words, "\x00" (which the joins
    are counted by), words at either edge, non-ASCII letters."""
    from workbench.glossary.matching import _read_words_at_once

    rnd = random.Random(5)
    pieces = ["SMEs", "R&D", "it’s", " ", ", ", "—", "x", "", "", "A.I.", "中文", "\x00", "café", "3.5%"]
    for _ in range(300):
        texts = ["".join(rnd.choices(pieces, k=rnd.choice((0, 0, rnd.randint(0, 6))))) for _ in range(rnd.randint(0, 20))]
        for chunk in (1, 2, 3, 7, 1000):
            assert tuple(read_words(texts, chunk)) == tuple(_read_words_at_once(texts)), (texts, chunk)


def _edited(rnd: random.Random, old: list, text) -> list:
    """`old` with a few texts replaced, put in or dropped (at either end too), at random."""
    new = list(old)
    for _ in range(rnd.randint(0, 3)):
        op = rnd.randrange(3)
        if op == 0 and new:
            new[rnd.choice([0, len(new) - 1, rnd.randrange(len(new))])] = text()
        elif op == 1:
            new.insert(rnd.randint(0, len(new)), text())
        elif new:
            del new[rnd.randrange(len(new))]
    return new


def test_forms_found_again_after_an_edit_are_the_forms_found_anew():
    """`zh_find_again` and `en_find_again` (the hits of an earlier search of the texts, only
    the edited run of them searched again) give what a search of the new texts gives, field
    for field: nested and overlapping forms, texts holding none, a form at either edge, a
    character beyond the BMP, renderings case-sensitive and word for word, line breaks."""
    from workbench.glossary.matching import EnFound, ZhFound, read_words_again

    rnd = random.Random(11)
    zh_pieces = ["专精特新中小企业", "中小企业", "“小巨人”企业", "规模以上工业企业", "支线飞机", "，", "的", "", "𠀀", "\n"]
    en_pieces = ["SMEs", "small and medium-sized enterprises", "regional aircrafts", "regional aircraft", "OpenAtom Foundation",
                 "openatom foundation", "little giant enterprises", "high-tech", "enterprises", ", ", "", "\n", "the"]

    def zh() -> str:
        return "".join(rnd.choice(zh_pieces) for _ in range(rnd.randint(0, 4)))

    def en() -> str:
        return " ".join(rnd.choice(en_pieces) for _ in range(rnd.randint(0, 4)))

    for _ in range(1500):
        old_zh, old_en = [zh() for _ in range(rnd.randint(0, 8))], [en() for _ in range(rnd.randint(0, 8))]
        new_zh, new_en = _edited(rnd, old_zh, zh), _edited(rnd, old_en, en)
        fresh_zh = M.zh_find_all(new_zh)
        again_zh = M.zh_find_again(M.zh_find_all(old_zh), new_zh)
        if rnd.random() < 0.5:  # (as a memo keeps it between runs, and makes it again)
            again_zh = ZhFound.unpacked(M.zh_find_again(ZhFound.unpacked(M.zh_find_all(old_zh).packed()), new_zh).packed())
        assert (again_zh.kept, again_zh.kept_k, again_zh.maximal, again_zh.maximal_k) == (
            fresh_zh.kept, fresh_zh.kept_k, fresh_zh.maximal, fresh_zh.maximal_k), (old_zh, new_zh)
        assert [again_zh.scan(k) for k in range(len(new_zh))] == [fresh_zh.scan(k) for k in range(len(new_zh))]
        old_read = read_words(old_en)
        read = read_words_again(old_read, new_en)
        fresh_en = M.en_find_all(read_words(new_en))
        again_en = M.en_find_again(M.en_find_all(old_read), read)
        if rnd.random() < 0.5:
            again_en = EnFound.unpacked(M.en_find_again(EnFound.unpacked(M.en_find_all(old_read).packed()), read).packed())
        assert (again_en.found, again_en.found_k, again_en.exact, again_en.exact_k, again_en.resort) == (
            fresh_en.found, fresh_en.found_k, fresh_en.exact, fresh_en.exact_k, fresh_en.resort), (old_en, new_en)
        assert [again_en.hits(k) for k in range(len(new_en))] == [fresh_en.hits(k) for k in range(len(new_en))]
