"""The archive (workbench/corpus): indexing, exact search of any length, fuzzy candidates,
renderings, and bad databases. Small archives in tmp_path."""

import random
import sqlite3
from pathlib import Path

import pytest

from workbench.corpus import default_db_path, open_corpus
from workbench.corpus.backend import FileRecord, PairRow
from workbench.corpus.indexer import index_paths
from workbench.corpus.renderings import summarize
from workbench.corpus.search import concordance, kwic
from workbench.errors import WorkbenchError
from workbench.glossary.model import Term
from workbench.model import CONFIRMED, Alignment, Pair
from workbench.store.alignment_file import load_alignment, save_alignment
from workbench.text.normalize import normalize_zh

DEMO = Path(__file__).resolve().parents[1] / "alignments" / "scio-2024-07-05.yaml"


def doc(pairs, title="t", glossary=None):
    al = Alignment(title=title, glossary=glossary)
    for i, (zh, en, *status) in enumerate(pairs, 1):
        al.pairs.append(Pair(id=i, zh=[zh], en=[en], status=status[0] if status else "auto"))
    return al


@pytest.fixture
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "c.sqlite"
    c = open_corpus(db, create=True)
    index_paths(c, [DEMO])
    yield c
    c.close()


def test_default_path_order(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "env.sqlite"))
    assert default_db_path(tmp_path / "x.sqlite") == tmp_path / "x.sqlite"
    assert default_db_path() == tmp_path / "env.sqlite"
    monkeypatch.delenv("WORKBENCH_DB")
    assert default_db_path().name == "corpus.sqlite" and "workbench" in default_db_path().parts


def test_every_substring_of_length_1_to_6_is_found_exactly(demo_db):
    """Completeness against a brute-force scan: random substrings of the demo's Chinese."""
    pairs = [("".join(p.zh), p.id) for p in load_alignment(DEMO).pairs if p.zh and p.en]
    rng = random.Random(14)
    queries = set()
    while len(queries) < 400:
        text, _ = rng.choice(pairs)
        n = rng.randint(1, 6)
        if len(text) >= n:
            s = rng.randrange(len(text) - n + 1)
            queries.add(text[s : s + n])
    def fold(x):  # the index compares widths and quote styles as one, letters in either case
        return normalize_zh(x).lower()

    for q in sorted(queries):
        expected = sorted(pid for text, pid in pairs if fold(q) in fold(text))
        found = demo_db.find_zh(q)
        assert sorted(h.pair for h in found.hits) == expected, q
        assert found.total == len(expected)
    # and strings that are not there are not found (a phrase never runs across punctuation)
    assert demo_db.find_zh("展，加").total == sum(1 for t, _ in pairs if "展，加" in t)
    assert demo_db.find_zh("质生产力新").total == 0
    # punctuation in the query: one phrase across runs, checked; quote styles and widths as one
    curly = sum('专精特新“小巨人”企业' in t for t, _ in pairs)
    assert curly and demo_db.find_zh('专精特新"小巨人"企业').total == curly
    assert demo_db.find_zh("专精特新「小巨人」企业").total == curly
    assert demo_db.find_zh("“小巨人”").total == sum("“小巨人”" in t for t, _ in pairs)
    assert demo_db.find_zh("５Ｇ").total == sum("5G" in t for t, _ in pairs) > 0


def test_short_queries_that_trigram_indexes_miss(demo_db):
    assert demo_db.find_zh("链").total == 16
    assert demo_db.find_zh("链，").total == sum("链，" in "".join(p.zh) for p in load_alignment(DEMO).pairs)
    assert demo_db.find_zh("工业").total == 81
    limited = demo_db.find_zh("工业", limit=5)
    assert len(limited.hits) == 5 and limited.total == 81


def test_english_words_case_insensitive_prefix_and_phrase(demo_db):
    pairs = [" ".join(p.en) for p in load_alignment(DEMO).pairs if p.zh and p.en]
    assert demo_db.find_en("NEW QUALITY productive forces").total == sum(
        "new quality productive forces" in t.lower() for t in pairs)
    assert demo_db.find_en("little giant*").total >= demo_db.find_en("little giant").total > 0
    assert demo_db.find_en("enterpris*").total > demo_db.find_en("enterprise").total
    with pytest.raises(WorkbenchError):
        demo_db.find_en("***")


def test_status_filter_and_regex(demo_db):
    everything = concordance(demo_db, "新质生产力")
    confirmed = concordance(demo_db, "新质生产力", status=CONFIRMED)
    assert confirmed.total <= everything.total and all(h.status == CONFIRMED for h in confirmed.hits)
    r = concordance(demo_db, r"\d+\.\d+万亿", regex=True, lang="zh")
    assert r.total > 0 and all(r.spans(h.zh) for h in r.hits)
    with pytest.raises(WorkbenchError, match="invalid regular expression"):
        concordance(demo_db, "([", regex=True)
    with pytest.raises(WorkbenchError, match="empty query"):
        concordance(demo_db, "  ")


def test_incremental_replace_and_prune(tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    save_alignment(doc([("推进新型工业化。", "Advance new industrialization.")]), folder / "a.yaml")
    save_alignment(doc([("发展新质生产力。", "Develop new quality productive forces.")]), folder / "sub" / "b.yaml")
    (folder / "notes.yaml").write_text("just: a note\n", encoding="utf-8")  # not an alignment: ignored
    c = open_corpus(tmp_path / "c.sqlite", create=True)
    r = index_paths(c, [folder])
    assert len(r.added) == 2 and c.stats()["pairs"] == 2
    r = index_paths(c, [folder])
    assert len(r.unchanged) == 2 and not r.added and not r.updated
    save_alignment(doc([("推进新型工业化。", "Push new-type industrialization."), ("谢谢。", "Thanks.")]),
                   folder / "a.yaml")
    r = index_paths(c, [folder])
    assert len(r.updated) == 1 and c.stats()["pairs"] == 3
    assert [h.en for h in c.find_zh("工业化").hits] == ["Push new-type industrialization."]
    assert c.find_en("advance").total == 0  # the old pair is gone from the index too
    (folder / "sub" / "b.yaml").unlink()
    r = index_paths(c, [], prune=True)
    assert r.pruned and c.stats()["pairs"] == 2 and c.find_zh("生产力").total == 0
    # the token counts the translation memory ranks by follow every replacement and removal
    from collections import Counter

    from workbench.corpus.tokens import zh_tokens

    expected = Counter(t for (zh,) in c.db.execute("SELECT zh FROM pairs") for t in zh_tokens(zh).split())
    assert dict(c.db.execute("SELECT token, n FROM zh_df")) == dict(expected)
    c.close()


def test_a_file_that_fails_is_named_and_the_rest_indexed(tmp_path):
    save_alignment(doc([("谢谢。", "Thanks.")]), tmp_path / "good.yaml")
    (tmp_path / "bad.yaml").write_text("workbench: alignment/1\npairs: [oops\n", encoding="utf-8")
    c = open_corpus(tmp_path / "c.sqlite", create=True)
    r = index_paths(c, [tmp_path])
    assert len(r.added) == 1 and len(r.failed) == 1 and "bad.yaml" in r.failed[0]
    c.close()


def test_a_failed_write_leaves_the_archive_as_it_was(tmp_path):
    c = open_corpus(tmp_path / "c.sqlite", create=True)
    c.replace_files([(FileRecord("/x/a.yaml", "1"), [PairRow(1, "auto", "发展", "develop")])])

    class Boom(Exception):
        pass

    def items():
        yield FileRecord("/x/a.yaml", "2"), [PairRow(1, "auto", "改变", "changed")]
        raise Boom

    with pytest.raises(Boom):
        c.replace_files(items())
    assert c.files()["/x/a.yaml"].sha256 == "1" and c.find_zh("发展").total == 1 and c.find_zh("改变").total == 0
    c.close()


def test_tmx_through_the_importer(tmp_path):
    from workbench.formats import export_text

    (tmp_path / "m.tmx").write_text(export_text(doc([("工业互联网。", "The industrial internet.")]), "tmx"),
                                    encoding="utf-8")
    from workbench.editing.archive import load_any

    c = open_corpus(tmp_path / "c.sqlite", create=True)
    assert len(index_paths(c, [tmp_path]).failed) == 1  # the corpus alone reads only YAML
    assert len(index_paths(c, [tmp_path], load=load_any).added) == 1
    assert c.find_zh("互联").hits[0].en == "The industrial internet."
    c.close()


def test_bad_databases(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(WorkbenchError, match="not a workbench archive"):
        open_corpus(junk).find_zh("发展")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(WorkbenchError, match="not a workbench archive"):
        open_corpus(other)
    with pytest.raises(WorkbenchError, match="no archive here"):
        open_corpus(tmp_path / "missing.sqlite")
    for version, message in (("99", "newer workbench"), ("1", "older than this workbench reads")):
        db = tmp_path / f"v{version}.sqlite"
        open_corpus(db, create=True).close()
        con = sqlite3.connect(db)
        con.execute("UPDATE meta SET value = ? WHERE key = 'format'", (version,))
        con.commit()
        con.close()
        with pytest.raises(WorkbenchError, match=message):
            open_corpus(db)


def test_a_locked_archive_is_one_clear_error(tmp_path):
    db = tmp_path / "c.sqlite"
    c = open_corpus(db, create=True)
    c.db.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(WorkbenchError, match="locked"):
            c.replace_files([(FileRecord("/x/a.yaml", "1"), [PairRow(1, "auto", "发展", "develop")])])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    c.close()


def test_similar_candidates_rank_the_near_copy_first(demo_db):
    target = "加快发展新质生产力，推动高质量发展。"
    cands = demo_db.similar_zh(target, limit=20)
    assert cands and "新质生产力" in cands[0].zh


def test_renderings_glossary_dictionary_and_cooccurrence():
    from workbench.corpus.backend import Hit

    def hit(i, en):
        return Hit("/f.yaml", "t", None, i, "auto", "新质生产力和链", en)

    hits = [hit(1, "new quality productive forces"), hit(2, "New Quality Productive Forces rise"),
            hit(3, "new productive forces"), hit(4, "the supply chains of things")]
    terms = [Term(zh=["新质生产力"], en="new quality productive forces", forbidden=["new productive forces"])]
    r = summarize("新质生产力", hits, terms=terms)
    assert [(x.text, x.count, x.source) for x in r.lines] == [
        ("new quality productive forces", 2, "glossary"), ("new productive forces", 1, "glossary")]
    assert r.headline().startswith("新质生产力 → new quality productive forces ×2, new productive forces ×1")

    class Dict:
        stopwords = frozenset({"the", "of"})

        def glosses(self, zh):
            return frozenset({"chain"}) if zh == "链" else frozenset()

        def word_key(self, w):
            return w.rstrip("s")

    r = summarize("链", hits, dictionary=Dict(), background=lambda g: 1)
    assert ("chains", 1, "dictionary") in [(x.text, x.count, x.source) for x in r.lines]
    # with no dictionary entry, the phrase the hits share and the archive otherwise lacks
    co = [hit(i, f"we will {w} industrial upgrading now") for i, w in enumerate(["push", "drive", "spur"], 1)]
    r = summarize("产业升级", co, dictionary=Dict(), background=lambda g: 3 if g == "industrial upgrading" else 500)
    assert r.lines[0].text == "industrial upgrading" and r.lines[0].count == 3


def test_kwic_cuts_around_the_match():
    left, match, right = kwic("a" * 50 + "MATCH" + "b" * 50, [(50, 55)], 25)
    assert match == "MATCH" and left.startswith("…") and right.endswith("…")
    assert len(left) + len(match) + len(right) <= 25


def test_a_damaged_archive_is_one_clear_error(tmp_path):
    db = tmp_path / "c.sqlite"
    c = open_corpus(db, create=True)
    index_paths(c, [DEMO])
    c.close()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])  # a copy cut short
    with pytest.raises(WorkbenchError, match="damaged"):
        open_corpus(db).find_zh("工业")
