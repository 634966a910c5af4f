"""The shipped CC-CEDICT (glossary/dictionary.py): its two data files in step, and the
two-character look-ups that rendering-inconsistent makes on every place of a text at once."""

from __future__ import annotations

import random

from workbench.glossary.dictionary import DATA, PREFIXES, Dictionary, dictionary, pair_key, prefixes_of


def test_the_prefixes_file_is_made_from_the_lines_file():
    """cedict_prefixes.bin is what bench/align_build_cedict.py makes from cedict_align.txt: the
    first two characters of every headword of two or more (rebuild both with that script)."""
    d = dictionary()
    assert d.path == DATA and PREFIXES.exists()
    assert d.prefixes == frozenset(prefixes_of(d.lines))


def test_the_lines_are_sorted_headword_lines():
    lines = dictionary().lines
    assert len(lines) > 100_000 and lines == sorted(lines)
    assert all(line.count(b"\t") == 2 for line in lines[::97])
    assert dictionary().lookup("科技") is not None and dictionary().lookup("科技")[0] == "ke ji"


def test_prefixes_answer_as_has_prefix_does(tmp_path):
    d = dictionary()
    heads = [line.split(b"\t", 1)[0].decode() for line in d.lines[::50]]
    rnd = random.Random(4)
    chars = [c for h in heads for c in h] + ["𠀾", "𡃁", "a", "，", "\x00"]
    probes = [h[:2] for h in heads if len(h) >= 2] + ["".join(rnd.choices(chars, k=2)) for _ in range(3000)]
    for two in probes:
        assert (pair_key(*two) in d.prefixes) == d.has_prefix(two), two
    # a dictionary read from another file works them out from its lines
    other = tmp_path / "small.txt"
    other.write_bytes("区\tqu\tzone\n科技\tke ji\tscience technology\n科技成果\tke ji cheng guo\tachievements".encode())
    small = Dictionary(other)
    assert small.prefixes == {pair_key("科", "技")}
    assert small.lookup("区") == ("qu", "zone")


def test_words_looked_up_before_the_lines_are_split_are_found_as_after():
    """The first RAW_LOOKUPS words are looked up in the file's bytes (a run that looks up a few
    words never splits 118,000 lines); the answers are those of the split lines."""
    split = Dictionary()
    split.lines  # noqa: B018 - split now
    raw = Dictionary()
    raw.RAW_LOOKUPS = 10**6
    heads = [line.split(b"\t", 1)[0].decode() for line in split.lines[::211]]
    rnd = random.Random(2)
    words = heads + [h[:2] for h in heads] + [h + "子" for h in heads[:50]] + [
        "".join(rnd.choices("科技成果区国家的一", k=rnd.randint(1, 3))) for _ in range(300)] + [
        "", "\x00", "a", "ＡＡ", "𠀾", "\U0010ffff", "龘龘"]
    for w in words:
        assert raw.lookup(w) == split.lookup(w), w
        assert raw.has_prefix(w) == split.has_prefix(w), w
    assert raw._lines is None  # (never split)
    fresh = Dictionary()
    for w in words[:fresh.RAW_LOOKUPS + 1]:
        fresh.lookup(w)
    assert fresh._lines is not None  # (split once more were asked)


class _SplitMeanwhile(Dictionary):
    """A dictionary whose lines another thread splits just after this one has found them not
    split yet (the first time it looks): the interleaving, made certain."""

    def __getattribute__(self, name: str):
        value = object.__getattribute__(self, name)
        if name == "_lines" and value is None and not object.__getattribute__(self, "__dict__").get("raced"):
            self.raced = True
            Dictionary.lines.fget(self)  # (the other thread)
        return value


def test_a_look_up_meeting_the_lines_split_by_another_thread_finds_the_same():
    """The one loaded copy is shared by threads (the editor's checks and its aligner): a look-up
    in the file's bytes, or a first split, may meet the lines split by another thread meanwhile."""
    split = Dictionary()
    heads = [line.split(b"\t", 1)[0].decode() for line in split.lines[::997]]
    for w in heads[:3] + ["科技", "不是词语的"]:
        assert _SplitMeanwhile().lookup(w) == split.lookup(w)
        assert _SplitMeanwhile().has_prefix(w[:2]) == split.has_prefix(w[:2])
        assert _SplitMeanwhile().lines == split.lines
