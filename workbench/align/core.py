"""The alignment search: features of candidate beads and an anchored, banded dynamic programme.

Overview (see workbench/align/__init__.py for the API):

1. Every Chinese sentence becomes a set of units with candidate English stems (CC-CEDICT glosses,
   pinyin names, numbers, glossary terms, punctuation cues); every English sentence a set of
   stems.  Units and stems are weighted by rarity (IDF within the document).
2. For a pair of sentences (i, j) inside the search band we compute by one vectorised join the
   weight of i's units that have a rendering in j (``mz``) and of j's stems that render a unit of
   i (``me``).  A bead's lexical score is the F1 of these two coverages (summed over the
   bead's sentence pairs), times a length agreement term with the zh/en character ratio fitted
   on the document.  Beads up to 1-4 / 4-1 (a+b <= 5) plus 1-0 / 0-1 at a fixed skip cost.
3. Search: the DP keeps only a band of nodes around a path.  Small texts (under ~200,000 node
   cells) are searched whole; longer ones coarse-to-fine: runs of g sentences are aligned first
   (rarer words only, ~200,000 cells), then the sentences in a band of g + 8 around that path
   (bead types up to 1-4 only: this pass just places the final band and finds the beads to
   learn from), so time and memory grow linearly.  Paragraph / speaker-turn boundaries inside a bead cost
   ``para_pen``; a bead that ends inside a quotation on one side only (speech split
   differently by the translator) costs ``quote_pen``.
4. A translation table is learnt from the document's own confident beads (Dice of unit/stem
   co-occurrence; a bead repeated word for word counts once), added to the links, and the
   document is realigned in a narrow band with all bead types.
"""
from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .features import ZhAnalyzer, en_bag, quote_states
from .lexicon import lexicon

# Fixed choices (each was compared on the development data; see the commit history):
PREFIX = False   # prefix matching of glosses (soft ~ soften) added noise: off
MINC = 2         # a learnt link needs >= 2 co-occurrences ...
UMAX = 0.2       # ... of a unit found in at most 20% of the confident beads
COMPETE = False  # competitive linking was slightly worse than plain Dice
NEG = -1e18
TYPES_FULL = [(1, 0), (1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 4), (4, 1), (2, 3),
              (3, 2)]
TYPES_FAST = [(1, 0), (1, 1), (1, 2), (2, 1)]
TYPES_MID = [(1, 0), (1, 1), (1, 2), (2, 1), (1, 3), (1, 4)]


@dataclass
class Params:
    skip: float = -0.15         # score of a 1-0 / 0-1 bead
    len_floor: float = 0.1      # lexical score added before the length factor (length-only texts)
    width: int = 8              # half width of the final search band (sentences)
    learn: bool = True          # learn a translation table from the document and realign
    dice_min: float = 0.4
    full_cells: int = 200_000   # below this many node cells, the first pass searches everything
    len_pow: float = 0.5
    idf_pow: float = 1.0
    rounds: int = 1
    para_pen: float = 1.0       # score taken off a bead for each paragraph boundary inside it
    quote_pen: float = 0.1      # taken off a bead that ends inside a quotation on one side only


class Doc:
    """Weighted units/stems of both sides and their links, as flat numpy arrays."""

    def __init__(self, zh: Sequence[str], en: Sequence[str],
                 glossary: Sequence[tuple[str, Sequence[str]]] = (), idf_pow: float = 1.0):
        an = ZhAnalyzer(lexicon(), glossary)
        zbags = [an.bag(s) for s in zh]
        ebags = [en_bag(s) | set(an.en_glossary_tokens(s)) if an.glossary else en_bag(s)
                 for s in en]
        lz = np.array([len("".join(s.split())) for s in zh], dtype=np.float64)
        le = np.array([len("".join(s.split())) for s in en], dtype=np.float64)
        self._init(zbags, ebags, lz, le, idf_pow)
        self.zkey = [hash(s) for s in zh]
        self.ekey = [hash(s) for s in en]

    @classmethod
    def from_bags(cls, zbags, ebags, lz, le, idf_pow: float = 1.0) -> Doc:
        doc = cls.__new__(cls)
        doc._init(zbags, ebags, lz, le, idf_pow)
        return doc

    def blocks(self, gz: int, ge: int) -> Doc:
        """A coarse document whose sentences are runs of gz (zh) / ge (en) sentences."""
        zb = []
        for k in range(0, self.N, gz):
            d: dict = {}
            for b in self.zbags[k:k + gz]:
                d.update(b)
            zb.append(d)
        eb = [set().union(*self.ebags[k:k + ge]) for k in range(0, self.M, ge)]
        lz = np.add.reduceat(self.lz, np.arange(0, self.N, gz))
        le = np.add.reduceat(self.le, np.arange(0, self.M, ge))
        return Doc.from_bags(zb, eb, lz, le, self.idf_pow)

    def _init(self, zbags, ebags, lz, le, idf_pow) -> None:
        self.N, self.M = len(zbags), len(ebags)
        self.zbags, self.ebags, self.lz, self.le, self.idf_pow = zbags, ebags, lz, le, idf_pow
        # English vocabulary and stem instances
        vocab: dict[str, int] = {}
        es_j: list[int] = []
        es_s: list[int] = []
        for j, b in enumerate(ebags):
            for st in b:
                v = vocab.get(st)
                if v is None:
                    v = vocab[st] = len(vocab)
                es_j.append(j)
                es_s.append(v)
        self.vocab = vocab
        self.all_ej = np.array(es_j, dtype=np.int64)
        self.all_es = np.array(es_s, dtype=np.int64)
        edf = np.bincount(self.all_es, minlength=len(vocab) + 1).astype(np.float64)
        self.edf_all = edf
        self.eidf = np.log1p(self.M / np.maximum(edf, 1)) ** idf_pow
        # Chinese unit types and instances
        units: dict[str, int] = {}
        zs_i: list[int] = []
        zs_u: list[int] = []
        self.links: list[set[int]] = []
        for i, b in enumerate(zbags):
            for u, stems in b.items():
                uid = units.get(u)
                if uid is None:
                    uid = units[u] = len(units)
                    self.links.append(None)  # type: ignore[arg-type]
                    self.links[uid] = self._match_stems(stems)
                zs_i.append(i)
                zs_u.append(uid)
        self.units = units
        self.unit_names = list(units)
        self.all_zi = np.array(zs_i, dtype=np.int64)
        self.all_zu = np.array(zs_u, dtype=np.int64)
        zdf = np.bincount(self.all_zu, minlength=len(units) + 1).astype(np.float64)
        self.zdf = zdf
        self.zidf = np.log1p(self.N / np.maximum(zdf, 1)) ** idf_pow
        self._build()

    def _match_stems(self, stems) -> set[int]:
        """Vocabulary ids matching gloss stems: equal, or (for stems of 4+ letters) one a prefix
        of the other within 4 letters (soft ~ soften, table ~ tablecloth)."""
        vocab = self.vocab
        if not hasattr(self, "_sorted_vocab"):
            self._sorted_vocab = sorted(vocab)
        sv = self._sorted_vocab
        out = set()
        for s in stems:
            v = vocab.get(s)
            if v is not None:
                out.add(v)
            if PREFIX and len(s) >= 4 and s[0].isalpha():
                k = bisect.bisect_right(sv, s)
                while k < len(sv) and sv[k].startswith(s):
                    if len(sv[k]) <= len(s) + 4:
                        out.add(vocab[sv[k]])
                    k += 1
                for n in range(max(4, len(s) - 3), len(s)):
                    v = vocab.get(s[:n])
                    if v is not None:
                        out.add(v)
        return out

    def _build(self) -> None:
        """Flatten the current links into the arrays the join uses."""
        U = len(self.units)
        llen = np.array([len(x) for x in self.links], dtype=np.int64)
        loff = np.zeros(U + 1, dtype=np.int64)
        np.cumsum(llen, out=loff[1:])
        lstem = np.fromiter((st for x in self.links for st in x), dtype=np.int64,
                            count=int(loff[-1]))
        linked_stems = np.zeros(len(self.vocab) + 1, dtype=bool)
        linked_stems[lstem] = True
        keep = llen[self.all_zu] > 0
        self.zi = self.all_zi[keep]
        uid = self.all_zu[keep]
        self.zw = self.zidf[uid]
        lens = llen[uid]
        tot = int(lens.sum())
        self.li = np.repeat(self.zi, lens)
        self.lk = np.repeat(np.arange(len(uid), dtype=np.int64), lens)
        starts = np.cumsum(lens) - lens
        self.ls = lstem[np.repeat(loff[uid], lens) + (np.arange(tot) - np.repeat(starts, lens))]
        ekeep = linked_stems[self.all_es]
        self.ej = self.all_ej[ekeep]
        self.es = self.all_es[ekeep]
        self.ew = self.eidf[self.es]
        self.zden = np.bincount(self.zi, weights=self.zw, minlength=self.N)[: self.N]
        self.eden = np.bincount(self.ej, weights=self.ew, minlength=self.M)[: self.M]
        key = self.es * (self.M + 1) + self.ej
        self.eorder = np.argsort(key, kind="stable")
        self.ekeys = key[self.eorder]

    # ------------------------------------------------------------ pair features in a band
    def pairs(self, P: np.ndarray, Q: np.ndarray, max_df: float | None = None):
        """mz, me for the sentence pairs (i, j), P[i] <= j < Q[i], flat with offsets."""
        N, M = self.N, self.M
        width = np.maximum(Q - P, 0)
        off = np.zeros(N + 1, dtype=np.int64)
        np.cumsum(width, out=off[1:])
        total_cells = int(off[-1])
        li, lk, ls = self.li, self.lk, self.ls
        if max_df is not None and len(ls):
            keep = self._edf_of(ls) <= max_df
            li, lk, ls = li[keep], lk[keep], ls[keep]
        lo = ls * (M + 1) + P[li]
        hi = ls * (M + 1) + Q[li]
        a = np.searchsorted(self.ekeys, lo)
        b = np.searchsorted(self.ekeys, hi)
        cnt = np.maximum(b - a, 0)
        tot = int(cnt.sum())
        mz = np.zeros(total_cells)
        me = np.zeros(total_cells)
        if tot:
            rep = np.repeat(np.arange(len(li)), cnt)
            starts = np.cumsum(cnt) - cnt
            pos = a[rep] + (np.arange(tot) - starts[rep])
            eidx = self.eorder[pos]
            j = self.ej[eidx]
            i = li[rep]
            k = lk[rep]
            cell = off[i] + j - P[i]
            _, first = np.unique(k * (M + 1) + j, return_index=True)
            mz = np.bincount(cell[first], weights=self.zw[k[first]], minlength=total_cells)
            _, first = np.unique(eidx * (N + 1) + i, return_index=True)
            me = np.bincount(cell[first], weights=self.ew[eidx[first]], minlength=total_cells)
        return off, mz, me

    def _edf_of(self, stems: np.ndarray) -> np.ndarray:
        return self.edf_all[stems]

    # ------------------------------------------------------------ learnt translation table
    def learn(self, beads: list[tuple[tuple[int, ...], tuple[int, ...], float]],
              dice_min: float) -> int:
        """Add unit->stem links with a high Dice coefficient over confident beads."""
        good = [b for b in beads if b[0] and b[1]]
        if len(good) < 8:
            return 0
        sc = np.array([b[2] for b in good])
        cut = np.quantile(sc, 0.3)
        good = [b for b in good if b[2] >= cut]
        zkey, ekey = getattr(self, "zkey", None), getattr(self, "ekey", None)
        if zkey is not None:
            # a bead repeated word for word (boilerplate, a text pasted twice) is evidence once
            seen: set = set()
            uniq = []
            for b in good:
                k = (tuple(zkey[i] for i in b[0]), tuple(ekey[j] for j in b[1]))
                if k not in seen:
                    seen.add(k)
                    uniq.append(b)
            good = uniq
            if len(good) < 8:
                return 0
        nb = len(good)
        U = len(self.units) + 1
        V = len(self.vocab) + 1
        zb = np.full(self.N, -1, dtype=np.int64)
        eb = np.full(self.M, -1, dtype=np.int64)
        for k, (zs, es, _) in enumerate(good):
            zb[list(zs)] = k
            eb[list(es)] = k
        # (bead, unit) and (bead, stem) incidences, unique
        bu = np.unique(zb[self.all_zi] * U + self.all_zu)
        bu = bu[bu >= 0]
        bs = np.unique(eb[self.all_ej] * V + self.all_es)
        bs = bs[bs >= 0]
        ub, uu = bu // U, bu % U
        sb, ss = bs // V, bs % V
        cu = np.bincount(uu, minlength=U).astype(np.float64)
        cs = np.bincount(ss, minlength=V).astype(np.float64)
        cue = np.array([n.startswith(("<", "#")) for n in self.unit_names] + [True])
        ku = (cu[uu] <= UMAX * nb) & (cu[uu] >= MINC) & ~cue[uu]
        ub, uu = ub[ku], uu[ku]
        ks = cs[ss] >= MINC
        sb, ss = sb[ks], ss[ks]
        if not len(ub) or not len(sb):
            return 0
        # cross product of units and stems within each bead
        ns = np.bincount(sb, minlength=nb)
        sstart = np.cumsum(ns) - ns
        rep = ns[ub]
        tot = int(rep.sum())
        if not tot:
            return 0
        pu = np.repeat(uu, rep)
        within = np.arange(tot) - np.repeat(np.cumsum(rep) - rep, rep)
        ps = ss[np.repeat(sstart[ub], rep) + within]
        keys, counts = np.unique(pu * V + ps, return_counts=True)
        u = keys // V
        s = keys % V
        dice = 2 * counts / (cu[u] + cs[s])
        sel = (counts >= MINC) & (dice >= dice_min)
        if COMPETE and sel.any():
            # competitive linking (Melamed 2000): keep a pair only if each is the other's best
            best_u = np.zeros(U)
            best_s = np.zeros(V)
            np.maximum.at(best_u, u[sel], dice[sel])
            np.maximum.at(best_s, s[sel], dice[sel])
            sel &= (dice >= best_u[u]) & (dice >= best_s[s])
        added = 0
        for uu_, ss_ in zip(u[sel].tolist(), s[sel].tolist()):
            if ss_ not in self.links[uu_]:
                self.links[uu_].add(ss_)
                added += 1
        if added:
            self._build()
        return added


def u_is_cue(doc: Doc, uid: int) -> bool:
    name = doc.unit_names[uid]
    return name.startswith(("<", "#"))


# ---------------------------------------------------------------- DP

def _windows_from_centre(c: np.ndarray, w: int, M: int) -> tuple[np.ndarray, np.ndarray]:
    """Node windows [L_i, R_i) around a monotone centre line, connected row to row."""
    L = np.clip(c - w, 0, M).astype(np.int64)
    R = np.clip(c + w + 1, 1, M + 1).astype(np.int64)
    L = np.minimum.accumulate(L[::-1])[::-1]  # monotone
    R = np.maximum.accumulate(R)
    L[0] = 0
    R[-1] = M + 1
    # connect: row i+1 must start no later than row i ends
    R[:-1] = np.maximum(R[:-1], L[1:] + 1)
    return L, R


def dp(doc: Doc, L: np.ndarray, R: np.ndarray, types: list[tuple[int, int]], prm: Params,
       ratio: float, max_df: float | None = None, zbrk=None, ebrk=None, quotes=None):
    """Best path through the node windows; returns beads (zh, en, score) in order."""
    N, M = doc.N, doc.M
    # pair band for zh sentence s: nodes of rows s+1..s+amax use it
    amax = max(a for a, _ in types)
    bmax = max(b for _, b in types)
    s_idx = np.arange(N)
    P = np.maximum(0, L[s_idx + 1] - bmax)
    Q = np.minimum(M, R[np.minimum(s_idx + amax, N)] - 1)
    Q = np.maximum(Q, P)
    poff, mz, me = doc.pairs(P, Q, max_df)
    # row prefix sums of mz / me (each row gets a leading zero)
    widths = Q - P
    coff = poff + np.arange(N + 1)
    cz = np.zeros(int(coff[-1]) + 1)
    ce = np.zeros_like(cz)
    if len(mz):
        row_of = np.repeat(np.arange(N), widths)
        pos = np.arange(len(mz)) + row_of + 1
        cz[pos] = mz
        ce[pos] = me
        # cumulative within rows: global cumsum minus the value at the row start
        # one global cumulative sum: differences inside a row are that row's partial sums
        cz = np.cumsum(cz)
        ce = np.cumsum(ce)
    # nodes
    nw = R - L
    noff = np.zeros(N + 2, dtype=np.int64)
    np.cumsum(nw, out=noff[1:])
    T = int(noff[N + 1])
    ni = np.repeat(np.arange(N + 1), nw)
    nj = np.arange(T) - noff[ni] + L[ni]
    zc = np.concatenate([[0.0], np.cumsum(doc.zden)])
    ec = np.concatenate([[0.0], np.cumsum(doc.eden)])
    lzc = np.concatenate([[0.0], np.cumsum(doc.lz)])
    lec = np.concatenate([[0.0], np.cumsum(doc.le)])

    def rowsum(cum, r, jlo, jhi):
        # sum over en sentences [jlo, jhi) of the pair values of zh sentence r (vectorised)
        p = P[r]
        w = widths[r]
        base = coff[r]
        hi_ = base + np.clip(jhi - p, 0, w)
        lo_ = base + np.clip(jlo - p, 0, w)
        return cum[hi_] - cum[lo_]

    K = len(types)
    PI = np.full((K, T), T, dtype=np.int64)
    S = np.full((K, T), NEG)
    for t, (a, b) in enumerate(types):
        ok = (ni >= a) & (nj >= b)
        idx = np.nonzero(ok)[0]
        if len(idx) == 0:
            continue
        i, j = ni[idx], nj[idx]
        pi = i - a
        pj = j - b
        inwin = (pj >= L[pi]) & (pj < R[pi])
        idx, i, j, pi, pj = idx[inwin], i[inwin], j[inwin], pi[inwin], pj[inwin]
        PI[t, idx] = noff[pi] + pj - L[pi]
        if b == 0:
            S[t, idx] = prm.skip
            continue
        sz = np.zeros(len(idx))
        se = np.zeros(len(idx))
        for d in range(1, a + 1):
            sz += rowsum(cz, i - d, j - b, j)
            se += rowsum(ce, i - d, j - b, j)
        zd = zc[i] - zc[i - a]
        ed = ec[j] - ec[j - b]
        covz = np.minimum(1.0, np.divide(sz, zd, out=np.zeros_like(sz), where=zd > 0))
        cove = np.minimum(1.0, np.divide(se, ed, out=np.zeros_like(se), where=ed > 0))
        lex = np.divide(2 * covz * cove, covz + cove, out=np.zeros_like(sz),
                        where=(covz + cove) > 0)
        lzs = (lzc[i] - lzc[i - a]) * ratio
        les = lec[j] - lec[j - b]
        mn = np.minimum(lzs, les) + 1.0
        mx = np.maximum(lzs, les) + 1.0
        lp = np.log2(1.0 + mn / mx) ** prm.len_pow
        sc = (lex + prm.len_floor) * lp
        if quotes is not None:
            sc = sc - prm.quote_pen * (quotes[0][i] != quotes[1][j])
        if zbrk is not None and a > 1:  # paragraph / speaker-turn boundaries inside the bead
            sc -= prm.para_pen * (zbrk[i] - zbrk[i - a + 1])
        if ebrk is not None and b > 1:
            sc -= prm.para_pen * (ebrk[j] - ebrk[j - b + 1])
        S[t, idx] = sc
    # dynamic programme, row by row
    D = np.full(T + 1, NEG)
    back = np.full(T, -2, dtype=np.int8)
    skip = prm.skip
    sk = skip * np.arange(int(nw.max()) if len(nw) else 1, dtype=np.float64)
    bounds = noff.tolist()
    for i in range(N + 1):
        s, e = bounds[i], bounds[i + 1]
        w = e - s
        if i == 0:
            E = np.full(w, NEG)
            E[0] = 0.0  # L[0] == 0
            bt = np.full(w, -2, dtype=np.int8)
        else:
            cand = D[PI[:, s:e]]
            cand += S[:, s:e]
            bt = cand.argmax(0).astype(np.int8)
            E = cand.max(0)
        # 0-1 beads inside the row: D[j] = max(E[j], D[j-1] + skip); a cell whose value comes
        # from its left neighbour (V below the running maximum) is reached by a 0-1 bead
        V = E - sk[:w]
        cm = np.maximum.accumulate(V)
        bt[V < cm] = -1
        D[s:e] = cm + sk[:w]
        back[s:e] = bt
    # backtrack from (N, M)
    beads = []
    i, j = N, M
    node = noff[N] + M - L[N]
    while i > 0 or j > 0:
        t = int(back[node])
        if t == -1:
            beads.append(((), (j - 1,), skip))
            j -= 1
        elif t < 0:  # unreachable in a connected band; fall back to a skip
            if i > 0:
                beads.append(((i - 1,), (), skip))
                i -= 1
            else:
                beads.append(((), (j - 1,), skip))
                j -= 1
        else:
            a, b = types[t]
            sc = float(S[t, node])
            beads.append((tuple(range(i - a, i)), tuple(range(j - b, j)), sc))
            i -= a
            j -= b
        node = noff[i] + j - L[i]
    beads.reverse()
    return beads


def _breaks(para, n: int):
    """brk[k] = number of paragraph changes between sentence 0 and sentence k-1 ... k (so a bead
    of sentences s..e-1 contains brk[e-1] - brk[s] boundaries); indexed by sentence end + 1."""
    if para is None or len(para) != n or n == 0:
        return None
    p = np.asarray(list(para))
    ch = np.concatenate([[0], (p[1:] != p[:-1]).astype(np.int64)])
    if n > 1 and ch.sum() == n - 1:
        return None  # every sentence its own paragraph (--presplit): boundaries say nothing
    # index by node position: bead covering sentences i-a..i-1 -> brk[i] - brk[i-a+1]
    return np.concatenate([[0], np.cumsum(ch)])


def _centre_from_beads(beads, N: int) -> np.ndarray:
    """For each node row i, the en position the path reaches (monotone)."""
    c = np.zeros(N + 1, dtype=np.int64)
    i = j = 0
    for zs, es, _ in beads:
        for z in zs:
            i = z + 1
            c[i] = j + len(es)
        j += len(es)
        c[i] = j
    return np.maximum.accumulate(c)


def align_indices(zh: Sequence[str], en: Sequence[str], *,
                  glossary: Sequence[tuple[str, Sequence[str]]] = (),
                  progress: Callable[[float], None] | None = None,
                  params: Params | None = None,
                  zh_para: Sequence[int] | None = None,
                  en_para: Sequence[int] | None = None):
    """Core alignment over non-empty sides: list of (zh ids, en ids, raw score)."""
    prm = params or Params()
    N, M = len(zh), len(en)
    doc = Doc(zh, en, glossary, prm.idf_pow)
    if progress:
        progress(0.2)
    ratio = float(doc.le.sum() + 1) / float(doc.lz.sum() + 1)
    zbrk = _breaks(zh_para, N)
    ebrk = _breaks(en_para, M)
    quotes = None
    if prm.quote_pen:
        qz = np.array([False] + quote_states(zh, "zh"))
        qe = np.array([False] + quote_states(en, "en"))
        if qz.any() and qe.any():
            quotes = (qz, qe)  # indexed by DP node: the state after sentence i - 1
    # first pass: the band around the length diagonal
    zpos = np.concatenate([[0.0], np.cumsum(doc.lz + 1)])
    epos = np.concatenate([[0.0], np.cumsum(doc.le + 1)])
    centre = np.searchsorted(epos, zpos / zpos[-1] * epos[-1])
    if (N + 1) * (M + 1) <= prm.full_cells:
        L = np.zeros(N + 1, dtype=np.int64)
        R = np.full(N + 1, M + 1, dtype=np.int64)
        beads = dp(doc, L, R, TYPES_FULL, prm, ratio, zbrk=zbrk, ebrk=ebrk, quotes=quotes)
    else:
        # coarse-to-fine: align runs of g sentences first (full search over ~500 x 500 blocks),
        # then search the sentences in a band around the coarse path
        g = max(2, math.ceil(math.sqrt((N + 1) * (M + 1) / prm.full_cells)))
        coarse = doc.blocks(g, g)
        cN, cM = coarse.N, coarse.M
        cb = dp(coarse, np.zeros(cN + 1, dtype=np.int64), np.full(cN + 1, cM + 1, dtype=np.int64),
                TYPES_FAST, prm, ratio, max_df=max(5.0, 0.03 * cM))
        cc = _centre_from_beads(cb, cN)
        xs = np.minimum(np.arange(cN + 1) * g, N)
        ys = np.minimum(cc * g, M)
        centre = np.interp(np.arange(N + 1), xs, ys).round().astype(np.int64)
        if progress:
            progress(0.4)
        L, R = _windows_from_centre(centre, g + prm.width, M)
        # this wide pass only places the final band and finds the beads to learn from: the
        # cheap bead types do (the final pass below has them all)
        types = TYPES_MID if prm.learn else TYPES_FULL
        beads = dp(doc, L, R, types, prm, ratio, zbrk=zbrk, ebrk=ebrk, quotes=quotes)
    if progress:
        progress(0.6)
    for _ in range(prm.rounds if prm.learn else 0):
        if not doc.learn(beads, prm.dice_min):
            break
        L, R = _windows_from_centre(_centre_from_beads(beads, N), prm.width, M)
        beads = dp(doc, L, R, TYPES_FULL, prm, ratio, zbrk=zbrk, ebrk=ebrk, quotes=quotes)
    if progress:
        progress(0.95)
    return beads
