"""The alignment search: features of candidate beads and an anchored, banded dynamic programme.

Overview (see workbench/align/__init__.py for the API):

1. Every Chinese sentence becomes a set of units with candidate English stems (CC-CEDICT glosses,
   pinyin names, numbers, glossary terms, punctuation cues); every English sentence a set of
   stems.  Units and stems are weighted by rarity (IDF within the document).
2. For a pair of sentences (i, j) inside the search band we compute by one vectorised join the
   weight of i's units that have a rendering in j (``zh_cover``) and of j's stems that render a
   unit of i (``en_cover``).  A bead's lexical score is the F1 of these two coverages (summed
   over the bead's sentence pairs; words that nothing on the other side could render count in
   the denominators), times a length agreement term with the zh/en character ratio fitted on
   the document.  Beads up to 1-4 / 4-1 (a+b <= 5) plus 1-0 / 0-1.  A bead also pays ``unsaid``
   for each mean sentence's worth of Chinese weight that its English does not render: the F1
   of a weak bead barely drops when it absorbs a sentence that has no counterpart, so without
   this the sentence was cheaper inside the bead than alone (the English side's unrendered
   weight says less: a translation adds pronouns, articles and paraphrase).  A bead of several
   English sentences pays ``order`` for each step back in the Chinese: where the words each
   one renders are in the bead's Chinese (units know their place in their sentence), the
   next sentence should not be earlier (a translator renders a sentence in order; an English
   line whose Chinese is missing renders a neighbour's words only by chance, anywhere).
   Lexical-only, a bead whose English is longer than its Chinese predicts by more than
   ``long_slack`` (log, ~1.35x) pays ``too_long`` per unit of log excess: the length term is a
   factor of the lexical score, so a weak bead hardly paid for a whole sentence too many.
2b. A 1-0 / 0-1 bead scores ``skip`` minus ``skip_support`` times the best share of the sentence
   that a neighbour on the other side renders (so a sentence that shares nothing with any
   neighbour is cheap to leave alone), plus ``apparatus`` for a header-like line (page marks,
   rules, headings: see features.looks_like_apparatus).  A run of 0-1 beads (an English
   passage the Chinese lacks: notes, a section of a manual) or of 1-0 beads (a Chinese passage
   the translation leaves out) pays ``skip`` once (``run_share``) and then each sentence only
   its support, like an affine gap in sequence alignment: a whole section left alone is not
   dearer than spreading it over the neighbouring beads.  The support is a margin: the best
   coverage by a sentence in reach less the mean over them (``sup_margin``).
3. Search: the DP keeps only a band of nodes around a path.  Small texts (under ~200,000 node
   cells) are searched whole; longer ones coarse-to-fine, recursively: blocks of g <= 8
   sentences are aligned first (the coarsest level searched whole with its rarer words), then
   the sentences in a band of g + 8 around the blocks' path, so that every band's width is
   independent of the length and time and memory grow linearly.  Paragraph / speaker-turn
   boundaries inside a bead cost ``para_pen``; a bead that ends inside a quotation on one side
   only (speech split differently by the translator) costs ``quote_pen`` (Chinese open) or
   ``quote_pen_en`` (English open); an English bead that goes on after a sentence that closes
   a quotation costs ``turn_pen`` if the next sentence opens another (a reply) and
   ``narration_pen`` if it has no quotation mark (the story goes on); a Chinese bead that goes
   on after a closed quotation into the next speaker's attributed speech costs ``zh_turn_pen``.
4. A translation table is learnt from the document's own confident beads (Dice of unit/stem
   co-occurrence; a bead repeated word for word counts once), added to the links, and the
   document is realigned in a narrow band with all bead types.  The zh/en length ratio is
   fitted again for that pass over the sentences the first pass pairs: a passage one side
   lacks (a Chinese section left untranslated) otherwise biases it for every bead.  When that
   ratio is more than RATIO_MOVE off the document's, the first pass itself is repeated with it
   (it places the band and picks the beads to learn from; lexical-only); a clean text's moves
   by under 1%.

An optional extra scorer (:class:`SpanScorer`, e.g. a sentence-encoder similarity) adds
``weight * scorer(zh_lo, zh_hi, en_lo, en_hi)`` to every two-sided bead.
"""
from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .features import (
    PERSON,
    ZhAnalyzer,
    en_bag,
    en_turn_starts,
    looks_like_apparatus,
    quote_states,
    zh_turn_starts,
)
from .lexicon import lexicon

# Fixed choices (each was compared on the development data; see the commit history):
MIN_COOCCUR = 2         # a learnt link needs >= 2 co-occurrences ...
MAX_UNIT_SHARE = 0.2    # ... of a unit found in at most 20% of the confident beads
NEG = -1e18
JOIN_CHUNK = 2_000_000  # pair-feature join: hits handled at a time (bounds scratch memory)
HITS_PER_CELL = 8       # a coarse level keeps its rarer words, up to this many hits a cell
REFINE = 8              # coarse-to-fine: a level's blocks hold at most this many units below
RATIO_MOVE = 0.02       # the first search is repeated when the paired sentences' ratio is 2% off
BeadType = tuple[int, int]
TYPES_FULL: list[BeadType] = [(1, 0), (1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 4),
                              (4, 1), (2, 3), (3, 2)]
TYPES_FAST: list[BeadType] = [(1, 0), (1, 1), (1, 2), (2, 1)]
TYPES_MID: list[BeadType] = [(1, 0), (1, 1), (1, 2), (2, 1), (1, 3), (1, 4)]
RawBead = tuple[tuple[int, ...], tuple[int, ...], float]


@dataclass
class Params:
    skip: float = -0.07         # score of a 1-0 / 0-1 bead of a sentence that shares nothing ...
    skip_support: float = 0.1   # ... minus this times its best coverage by a neighbour
    unlinked: float = 1.0       # weight of words without any possible rendering in the coverage
    apparatus: float = 0.5      # added to the 1-0 / 0-1 score of a header-like line
    len_floor: float = 0.1      # lexical score added before the length factor (length-only texts)
    width: int = 8              # half width of the final search band (sentences)
    learn: bool = True          # learn a translation table from the document and realign
    dice_min: float = 0.4
    full_cells: int = 200_000   # below this many node cells, the first pass searches everything
    len_pow: float = 0.5
    idf_pow: float = 1.0
    person: float = 0.5         # pronoun tokens weigh this share of their rarity (lexical-only)
    rounds: int = 1
    para_pen: float = 1.0       # score taken off a bead for each paragraph boundary inside it
    quote_pen: float = 0.1      # taken off a bead that ends inside a Chinese quotation only ...
    quote_pen_en: float = 0.25  # ... inside an English one only (see _structure_penalty)
    turn_pen: float = 1.0       # taken off a bead for each English reply starting inside it ...
    narration_pen: float = 0.1  # ... for each return to narration after a speech (lexical-only)
    zh_turn_pen: float = 0.1    # ... for each Chinese attributed speech after a closed one
    sup_margin: float = 1.0     # support is the best coverage minus this times the mean in reach
    zh_runs: bool = True        # runs of 1-0 beads are gaps too (else each pays ``skip``)
    unsaid: float = 0.02        # off a bead per mean sentence of Chinese weight it leaves unrendered
    run_share: float = 1.0      # share of ``skip`` paid once per run of 0-1 beads, not per sentence
    order: float = 0.15         # off a bead whose English sentences render its Chinese backwards
    too_long: float = 0.25      # off a bead per unit of log excess of its English length over ...
    long_slack: float = 0.3     # ... its Chinese length times the ratio, beyond this (~1.35x)


class SpanScorer(Protocol):
    """An extra bead score: for arrays of spans zh[zh_lo:zh_hi] / en[en_lo:en_hi] (sentence
    indices of the document being aligned), one similarity per span pair; added to the lexical
    score times ``weight``."""

    weight: float

    def __call__(self, zh_lo: np.ndarray, zh_hi: np.ndarray, en_lo: np.ndarray,
                 en_hi: np.ndarray) -> np.ndarray: ...


class Doc:
    """Weighted units/stems of both sides and their links, as flat numpy arrays.

    Chinese side: ``N`` sentences, unit instances (``inst_sent``, ``inst_unit``), each unit with
    the set of English vocabulary ids it may be rendered by (``links``).  English side: ``M``
    sentences, stem instances (``stem_sent``, ``stem_id``).  ``_build`` flattens the links into
    the arrays that :meth:`pairs` joins.
    """

    def __init__(self, zh: Sequence[str], en: Sequence[str],
                 glossary: Sequence[tuple[str, Sequence[str]]] = (), idf_pow: float = 1.0,
                 person: float = 0.0):
        analyzer = ZhAnalyzer(lexicon(), glossary)
        self.person = person
        places = array("d")  # of the units the words give, sentence by sentence
        zh_bags = []
        n_placed = []
        for s in zh:
            before = len(places)
            zh_bags.append(analyzer.bag(s, person=person > 0, places=places))
            n_placed.append(len(places) - before)
        en_bags = [en_bag(s) | set(analyzer.en_glossary_tokens(s)) if analyzer.glossary
                   else en_bag(s) for s in en]
        if not person:
            en_bags = [b - PERSON for b in en_bags]
        zh_len = np.array([len("".join(s.split())) for s in zh], dtype=np.float64)
        en_len = np.array([len("".join(s.split())) for s in en], dtype=np.float64)
        self._init(zh_bags, en_bags, zh_len, en_len, idf_pow, (places, n_placed))
        self.zh_apparatus = np.array([looks_like_apparatus(s, "zh") for s in zh], dtype=bool)
        self.en_apparatus = np.array([looks_like_apparatus(s, "en") for s in en], dtype=bool)
        # sentence identities, so that a bead repeated word for word counts once when learning
        self.zh_keys: list[int] | None = [hash(s) for s in zh]
        self.en_keys: list[int] | None = [hash(s) for s in en]

    def blocks(self, run: int) -> Doc:
        """A coarse document whose sentences are runs of ``run`` sentences of this one (the
        same units, stems and links; weights by rarity among the blocks)."""
        doc = Doc.__new__(Doc)
        doc.N, doc.M = -(-self.N // run), -(-self.M // run)
        doc.zh_len = np.add.reduceat(self.zh_len, np.arange(0, self.N, run))
        doc.en_len = np.add.reduceat(self.en_len, np.arange(0, self.M, run))
        doc.idf_pow, doc.person = self.idf_pow, self.person
        doc.vocab, doc.units, doc.unit_names = self.vocab, self.units, self.unit_names
        doc.links = self.links  # read only here (learn() runs on the sentence level)
        n_units, n_stems = len(self.units) + 1, len(self.vocab) + 1
        key = _distinct((self.inst_sent // run) * n_units + self.inst_unit)
        doc.inst_sent, doc.inst_unit = key // n_units, key % n_units
        key = _distinct((self.stem_sent // run) * n_stems + self.stem_id)
        doc.stem_sent, doc.stem_id = key // n_stems, key % n_stems
        doc.zh_keys = doc.en_keys = None
        doc.inst_place = None  # (a block's places are not used: see bead_scores)
        doc.zh_apparatus = np.zeros(doc.N, dtype=bool)
        doc.en_apparatus = np.zeros(doc.M, dtype=bool)
        doc._weigh()
        return doc

    def _init(self, zh_bags, en_bags, zh_len, en_len, idf_pow: float,
              zh_places: tuple[array, Sequence[int]] | None = None) -> None:
        self.N, self.M = len(zh_bags), len(en_bags)
        self.zh_len, self.en_len, self.idf_pow = zh_len, en_len, idf_pow
        # English vocabulary and stem instances
        vocab: dict[str, int] = {}
        stem_sent: list[int] = []
        stem_id: list[int] = []
        for j, bag in enumerate(en_bags):
            for st in bag:
                v = vocab.get(st)
                if v is None:
                    v = vocab[st] = len(vocab)
                stem_sent.append(j)
                stem_id.append(v)
        self.vocab = vocab
        self.stem_sent = np.array(stem_sent, dtype=np.int64)
        self.stem_id = np.array(stem_id, dtype=np.int64)
        # Chinese unit types and instances
        units: dict[str, int] = {}
        inst_sent: list[int] = []
        inst_unit: list[int] = []
        self.links: list[set[int]] = []
        for i, bag in enumerate(zh_bags):
            for unit, stems in bag.items():
                uid = units.get(unit)
                if uid is None:
                    uid = units[unit] = len(units)
                    self.links.append({v for v in map(vocab.get, stems) if v is not None})
                inst_sent.append(i)
                inst_unit.append(uid)
        # each unit's place in its sentence (0..1; -1: a cue, number or pronoun, placed nowhere):
        # a sentence's first n_placed units (see ZhAnalyzer.bag)
        self.inst_place = None
        if zh_places is not None:
            sizes = np.array([len(b) for b in zh_bags], dtype=np.int64)
            rank = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
            placed = rank < np.repeat(np.asarray(zh_places[1], dtype=np.int64), sizes)
            self.inst_place = np.full(len(rank), -1.0, dtype=np.float32)
            self.inst_place[placed] = np.frombuffer(zh_places[0], dtype=np.float64)
        self.units = units
        self.unit_names = list(units)
        self.inst_sent = np.array(inst_sent, dtype=np.int64)
        self.inst_unit = np.array(inst_unit, dtype=np.int64)
        self._weigh()

    def _weigh(self) -> None:
        """Document frequencies and rarity weights of stems and units, then the join arrays."""
        self.stem_df = np.bincount(self.stem_id, minlength=len(self.vocab) + 1).astype(np.float64)
        self.stem_idf = np.log1p(self.M / np.maximum(self.stem_df, 1)) ** self.idf_pow
        unit_df = np.bincount(self.inst_unit, minlength=len(self.units) + 1).astype(np.float64)
        self.unit_idf = np.log1p(self.N / np.maximum(unit_df, 1)) ** self.idf_pow
        for tok in PERSON if self.person else ():
            # Chinese leaves pronouns out, English adds them: weaker evidence than a word
            if tok in self.vocab:
                self.stem_idf[self.vocab[tok]] *= self.person
            if tok in self.units:
                self.unit_idf[self.units[tok]] *= self.person
        self._build()

    def _build(self) -> None:
        """Flatten the current links into the arrays the join uses.

        Linked unit instances: ``lu_sent`` (sentence), ``lu_weight``; their (instance, stem)
        links: ``link_sent``, ``link_inst``, ``link_stem``.  Linked stem instances: ``ls_sent``,
        ``ls_stem``, ``ls_weight``, sorted by (stem, sentence) in ``ls_order``/``ls_keys``.
        ``zh_mass``/``en_mass``: each sentence's total linked weight."""
        n_links = np.array([len(x) for x in self.links], dtype=np.int64)
        link_off = np.zeros(len(self.units) + 1, dtype=np.int64)
        np.cumsum(n_links, out=link_off[1:])
        link_flat = np.fromiter((st for x in self.links for st in x), dtype=np.int64,
                                count=int(link_off[-1]))
        is_linked_stem = np.zeros(len(self.vocab) + 1, dtype=bool)
        is_linked_stem[link_flat] = True
        keep = n_links[self.inst_unit] > 0
        self.lu_sent = self.inst_sent[keep]
        uid = self.inst_unit[keep]
        self.lu_weight = self.unit_idf[uid]
        # weight of the placed units, and weight times place (see Doc.pairs' ``places``)
        self.lu_placed = self.lu_place = None
        if self.inst_place is not None:
            place = self.inst_place[keep]
            self.lu_placed = np.where(place >= 0, self.lu_weight, 0.0)
            self.lu_place = self.lu_placed * np.maximum(place, 0.0)
        lens = n_links[uid]
        total = int(lens.sum())
        starts = np.cumsum(lens) - lens
        self.link_sent = np.repeat(self.lu_sent, lens)
        self.link_inst = np.repeat(np.arange(len(uid), dtype=np.int64), lens)
        self.link_stem = link_flat[np.repeat(link_off[uid], lens)
                                   + (np.arange(total) - np.repeat(starts, lens))]
        ekeep = is_linked_stem[self.stem_id]
        self.ls_sent = self.stem_sent[ekeep]
        self.ls_stem = self.stem_id[ekeep]
        self.ls_weight = self.stem_idf[self.ls_stem]
        self.zh_mass = np.bincount(self.lu_sent, weights=self.lu_weight, minlength=self.N)[:self.N]
        self.en_mass = np.bincount(self.ls_sent, weights=self.ls_weight, minlength=self.M)[:self.M]
        # weight of the words that nothing on the other side can render
        self.zh_unlinked = np.bincount(self.inst_sent[~keep], weights=self.unit_idf[
            self.inst_unit[~keep]], minlength=self.N)[:self.N]
        self.en_unlinked = np.bincount(self.stem_sent[~ekeep], weights=self.stem_idf[
            self.stem_id[~ekeep]], minlength=self.M)[:self.M]
        key = self.ls_stem * (self.M + 1) + self.ls_sent
        self.ls_order = np.argsort(key, kind="stable")
        self.ls_keys = key[self.ls_order]
        # the links in (stem, sentence) order, for the joins' searches
        perm = np.argsort(self.link_stem * (self.N + 1) + self.link_sent, kind="stable")
        self.link_perm = perm.astype(np.int32) if len(perm) < 2**31 else perm

    # ------------------------------------------------------------ pair features in a band
    def pairs(self, lo: np.ndarray, hi: np.ndarray, max_df: float | None = None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Coverage of the sentence pairs (i, j), lo[i] <= j < hi[i], flat with row offsets:
        (offsets, zh_cover, en_cover).  ``max_df``: ignore stems found in more sentences."""
        return self.placed_pairs(lo, hi, max_df, places=False)[:3]

    def placed_pairs(self, lo: np.ndarray, hi: np.ndarray, max_df: float | None = None,
                     places: bool = True):
        """:meth:`pairs` and, with ``places`` (when the units have places), where in i the
        units that j renders are: (offsets, zh_cover, en_cover, (placed, place)) with ``placed``
        the weight of i's placed units that j renders and ``place`` that weight times their
        places (else None in place of the last)."""
        N, M = self.N, self.M
        width = np.maximum(hi - lo, 0)
        off = np.zeros(N + 1, dtype=np.int64)
        np.cumsum(width, out=off[1:])
        total_cells = int(off[-1])
        l_sent, l_inst, l_stem = self.link_sent, self.link_inst, self.link_stem
        if max_df is not None and len(l_stem):
            keep = self.stem_df[l_stem] <= max_df
            l_sent, l_inst, l_stem = l_sent[keep], l_inst[keep], l_stem[keep]
            perm = _order_within(self.link_perm, keep)
        else:
            perm = self.link_perm
        # the needles in (stem, sentence) order are ascending (lo and hi are monotone): a
        # search of ascending needles runs several times faster than of shuffled ones
        p_sent = l_sent[perm]
        key = l_stem[perm]
        key *= M + 1
        first_hit = np.empty(len(perm), dtype=np.int64)
        needle = lo[p_sent]
        needle += key
        first_hit[perm] = np.searchsorted(self.ls_keys, needle)
        n_hits = needle  # reused: the number of hits
        needle = hi[p_sent]
        needle += key
        del p_sent, key
        n_hits[perm] = np.searchsorted(self.ls_keys, needle)
        del needle, perm
        n_hits -= first_hit
        np.maximum(n_hits, 0, out=n_hits)
        zh_cover = np.zeros(total_cells)
        en_cover = np.zeros(total_cells)
        placed = None
        if places and self.lu_placed is not None:
            placed = (np.zeros(total_cells, dtype=np.float32),
                      np.zeros(total_cells, dtype=np.float32))  # (memory: 4-byte floats)
        # the join in chunks of whole rows, so that its scratch memory stays bounded
        hits_before = np.concatenate([[0], np.cumsum(n_hits)])
        row_hits = hits_before[np.searchsorted(l_sent, np.arange(N + 1))]
        r = 0
        while r < N:
            r_end = int(np.searchsorted(row_hits, row_hits[r] + JOIN_CHUNK, side="right")) - 1
            r_end = min(N, max(r_end, r + 1))
            a, b = np.searchsorted(l_sent, [r, r_end])
            if row_hits[r_end] > row_hits[r]:
                cells = slice(off[r], off[r_end])
                self._join_rows(slice(a, b), l_sent, l_inst, first_hit, n_hits, off, lo,
                                off[r], zh_cover[cells], en_cover[cells],
                                placed and (placed[0][cells], placed[1][cells]))
            r = r_end
        return off, zh_cover, en_cover, placed

    def _join_rows(self, links: slice, l_sent, l_inst, first_hit, n_hits, off, lo, cell0: int,
                   zh_out: np.ndarray, en_out: np.ndarray,
                   placed: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """Add the coverage of the links' rows to zh_out / en_out (cells from cell0 on), and the
        rendered units' placed weight and places to ``placed``."""
        N, M = self.N, self.M
        n_hits = n_hits[links]
        total = int(n_hits.sum())
        rep = np.repeat(np.arange(len(n_hits)), n_hits)
        starts = np.cumsum(n_hits) - n_hits
        e_inst = self.ls_order[first_hit[links][rep] + (np.arange(total) - starts[rep])]
        j = self.ls_sent[e_inst]
        i = l_sent[links][rep]
        k = l_inst[links][rep]
        del rep
        cell = off[i] + j - lo[i] - cell0
        # each unit instance counts once per en sentence, each stem instance once per zh one
        first = _one_of_each(k * (M + 1) + j)
        zh_out += np.bincount(cell[first], weights=self.lu_weight[k[first]],
                              minlength=len(zh_out))
        if placed is not None:
            placed[0][:] += np.bincount(cell[first], weights=self.lu_placed[k[first]],
                                        minlength=len(zh_out))
            placed[1][:] += np.bincount(cell[first], weights=self.lu_place[k[first]],
                                        minlength=len(zh_out))
        first = _one_of_each(e_inst * (N + 1) + i)
        en_out += np.bincount(cell[first], weights=self.ls_weight[e_inst[first]],
                              minlength=len(en_out))

    def df_cap(self, rows: int, budget: int) -> float | None:
        """The highest stem frequency to keep so that a join over ``rows`` en sentences per zh
        sentence finds about ``budget`` hits (None: keep everything)."""
        if not len(self.link_stem):
            return None
        df = np.sort(self.stem_df[self.link_stem]) * min(1.0, rows / max(self.M, 1))
        k = int(np.searchsorted(np.cumsum(df), budget))
        if k >= len(df):
            return None
        return float(max(df[k - 1] if k else df[0], 1.0) / min(1.0, rows / max(self.M, 1)))


    # ------------------------------------------------------------ learnt translation table
    def learn(self, beads: Sequence[RawBead], dice_min: float) -> int:
        """Add unit->stem links with a high Dice coefficient over confident beads; returns the
        number of links added."""
        good = self._confident_beads(beads)
        if len(good) < 8:
            return 0
        pairs = self._cooccurring_pairs(good)
        if pairs is None:
            return 0
        unit, stem, counts, unit_count, stem_count = pairs
        dice = 2 * counts / (unit_count[unit] + stem_count[stem])
        sel = (counts >= MIN_COOCCUR) & (dice >= dice_min)
        added = 0
        for u, s in zip(unit[sel].tolist(), stem[sel].tolist()):
            if s not in self.links[u]:
                self.links[u].add(s)
                added += 1
        if added:
            self._build()
        return added

    def _confident_beads(self, beads: Sequence[RawBead]) -> list[RawBead]:
        """Two-sided beads scoring in the top 70%, each distinct bead text once."""
        good = [b for b in beads if b[0] and b[1]]
        if len(good) < 8:
            return []
        cut = np.quantile(np.array([b[2] for b in good]), 0.3)
        good = [b for b in good if b[2] >= cut]
        if self.zh_keys is not None and self.en_keys is not None:
            zk, ek = self.zh_keys, self.en_keys
            seen: set = set()
            uniq = []
            for b in good:
                key = (tuple(zk[i] for i in b[0]), tuple(ek[j] for j in b[1]))
                if key not in seen:
                    seen.add(key)
                    uniq.append(b)
            good = uniq
        return good

    def _cooccurring_pairs(self, good: list[RawBead]):
        """(unit, stem, co-occurrence count, unit bead count, stem bead count) over the beads,
        for units in at most MAX_UNIT_SHARE of them (no cues) and stems in >= MIN_COOCCUR."""
        n_beads = len(good)
        n_units = len(self.units) + 1
        n_stems = len(self.vocab) + 1
        zh_bead = np.full(self.N, -1, dtype=np.int64)
        en_bead = np.full(self.M, -1, dtype=np.int64)
        for k, (zs, es, _) in enumerate(good):
            zh_bead[list(zs)] = k
            en_bead[list(es)] = k
        # (bead, unit) and (bead, stem) incidences, unique
        bu = _distinct(zh_bead[self.inst_sent] * n_units + self.inst_unit)
        bu = bu[bu >= 0]
        bs = _distinct(en_bead[self.stem_sent] * n_stems + self.stem_id)
        bs = bs[bs >= 0]
        u_bead, u_id = bu // n_units, bu % n_units
        s_bead, s_id = bs // n_stems, bs % n_stems
        unit_count = np.bincount(u_id, minlength=n_units).astype(np.float64)
        stem_count = np.bincount(s_id, minlength=n_stems).astype(np.float64)
        is_cue = np.array([n.startswith(("<", "#")) for n in self.unit_names] + [True])
        keep_u = ((unit_count[u_id] <= MAX_UNIT_SHARE * n_beads)
                  & (unit_count[u_id] >= MIN_COOCCUR) & ~is_cue[u_id])
        u_bead, u_id = u_bead[keep_u], u_id[keep_u]
        keep_s = stem_count[s_id] >= MIN_COOCCUR
        s_bead, s_id = s_bead[keep_s], s_id[keep_s]
        if not len(u_bead) or not len(s_bead):
            return None
        # cross product of units and stems within each bead
        stems_in_bead = np.bincount(s_bead, minlength=n_beads)
        bead_start = np.cumsum(stems_in_bead) - stems_in_bead
        rep = stems_in_bead[u_bead]
        total = int(rep.sum())
        if not total:
            return None
        pair_unit = np.repeat(u_id, rep)
        within = np.arange(total) - np.repeat(np.cumsum(rep) - rep, rep)
        pair_stem = s_id[np.repeat(bead_start[u_bead], rep) + within]
        keys, counts = _counted(pair_unit * n_stems + pair_stem)
        return keys // n_stems, keys % n_stems, counts, unit_count, stem_count


# ---------------------------------------------------------------- distinct values
# (by sorting: numpy 2's hash-based np.unique was ~100x slower on millions of int64 keys)

def _order_within(perm: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """``perm`` (an ordering of positions) restricted to the kept positions, renumbered as
    positions among the kept ones."""
    new_pos = np.cumsum(keep) - 1
    kept = perm[keep[perm]]
    return new_pos[kept]


def _distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct keys, ascending."""
    keys = np.sort(keys)
    return keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys


def _one_of_each(keys: np.ndarray) -> np.ndarray:
    """The position of one occurrence of each distinct key."""
    order = np.argsort(keys)
    ordered = keys[order]
    return order[np.concatenate([[True], ordered[1:] != ordered[:-1]])] if len(keys) else order


def _counted(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys, ascending, and how often each occurs."""
    keys = np.sort(keys)
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]])) if len(keys) \
        else np.zeros(0, dtype=np.int64)
    return keys[starts], np.diff(np.append(starts, len(keys)))


# ---------------------------------------------------------------- search band

@dataclass
class Band:
    """Node windows: row i (zh sentences 0..i-1 done) holds en positions lo[i] <= j < hi[i]."""
    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, N: int, M: int) -> Band:
        return cls(np.zeros(N + 1, dtype=np.int64), np.full(N + 1, M + 1, dtype=np.int64))

    @classmethod
    def around(cls, centre: np.ndarray, half_width: int, M: int) -> Band:
        """Windows around a monotone centre line, connected row to row."""
        lo = np.clip(centre - half_width, 0, M).astype(np.int64)
        hi = np.clip(centre + half_width + 1, 1, M + 1).astype(np.int64)
        lo = np.minimum.accumulate(lo[::-1])[::-1]  # monotone
        hi = np.maximum.accumulate(hi)
        lo[0] = 0
        hi[-1] = M + 1
        # connect: row i+1 must start no later than row i ends
        hi[:-1] = np.maximum(hi[:-1], lo[1:] + 1)
        return cls(lo, hi)


@dataclass
class Nodes:
    """The band's nodes flattened row by row: node k is (row[k], col[k])."""
    offset: np.ndarray   # first node of each row (N + 2 entries)
    row: np.ndarray
    col: np.ndarray

    @classmethod
    def of(cls, band: Band) -> Nodes:
        widths = band.hi - band.lo
        offset = np.zeros(len(widths) + 1, dtype=np.int64)
        np.cumsum(widths, out=offset[1:])
        row = np.repeat(np.arange(len(widths)), widths)
        col = np.arange(int(offset[-1])) - offset[row] + band.lo[row]
        return cls(offset, row, col)

    def index(self, band: Band, i, j):
        return self.offset[i] + j - band.lo[i]


@dataclass
class Context:
    """What the bead score uses besides the words: the length ratio, paragraph breaks, quotation
    states and an optional extra scorer."""
    ratio: float
    zh_breaks: np.ndarray | None = None
    en_breaks: np.ndarray | None = None
    quotes: tuple[np.ndarray, np.ndarray] | None = None
    extra: SpanScorer | None = None
    en_turns: np.ndarray | None = None  # en_turns[k]: penalty of the turns in sentences 1..k-1
    zh_turns: np.ndarray | None = None  # the same for the Chinese sentences


# ---------------------------------------------------------------- bead scores

class _RowSums:
    """Sums of pair values over runs of en sentences, from row-wise prefix sums."""

    def __init__(self, off: np.ndarray, lo: np.ndarray, hi: np.ndarray, values: np.ndarray):
        N = len(lo)
        self.lo, self.width = lo, hi - lo
        self.base = off + np.arange(N + 1)
        cum = np.zeros(int(self.base[-1]) + 1)
        if len(values):
            row = np.repeat(np.arange(N), self.width)
            cum[np.arange(len(values)) + row + 1] = values
            # one global cumulative sum: differences inside a row are that row's partial sums
            cum = np.cumsum(cum)
        self.cum = cum

    def __call__(self, r: np.ndarray, j_lo: np.ndarray, j_hi: np.ndarray) -> np.ndarray:
        """Sum of row r's values over en sentences j_lo <= j < j_hi (vectorised)."""
        lo, w, base = self.lo[r], self.width[r], self.base[r]
        return (self.cum[base + np.clip(j_hi - lo, 0, w)]
                - self.cum[base + np.clip(j_lo - lo, 0, w)])


def _prefix(x: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(x)])


def bead_scores(doc: Doc, band: Band, nodes: Nodes, types: Sequence[BeadType], prm: Params,
                ctx: Context, max_df: float | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each bead type t and node k: the node the bead starts from (``pred[t, k]``, or T if
    none) and the bead's score (``score[t, k]``, NEG if none); and the score of a 0-1 bead of
    each English sentence."""
    N, M = doc.N, doc.M
    a_max = max(a for a, _ in types)
    b_max = max(b for _, b in types)
    # en sentences each zh sentence s may pair with: nodes of rows s+1..s+a_max use them
    s_idx = np.arange(N)
    pair_lo = np.maximum(0, band.lo[s_idx + 1] - b_max)
    pair_hi = np.maximum(np.minimum(M, band.hi[np.minimum(s_idx + a_max, N)] - 1), pair_lo)
    # where the units an English sentence renders are in the Chinese (not on a coarse level,
    # whose blocks' places say little)
    off, zh_cover, en_cover, placed = doc.placed_pairs(pair_lo, pair_hi, max_df,
                                                       places=bool(prm.order) and max_df is None)
    if placed is not None:
        weight, place = placed
        centre = np.divide(place, weight, out=np.zeros_like(place), where=weight > 0)
        placed = (weight, place, centre)
    zh_sum = _RowSums(off, pair_lo, pair_hi, zh_cover)
    en_sum = _RowSums(off, pair_lo, pair_hi, en_cover)
    zh_total = doc.zh_mass + prm.unlinked * doc.zh_unlinked
    en_total = doc.en_mass + prm.unlinked * doc.en_unlinked
    zh_mass, en_mass = _prefix(zh_total), _prefix(en_total)
    zh_unit = max(float(zh_total.mean()), 1e-9) if N else 1.0
    zh_skip, en_skip = null_scores(off, pair_lo, zh_cover, en_cover, zh_total, en_total,
                                   doc.zh_apparatus, doc.en_apparatus, prm)
    zh_len, en_len = _prefix(doc.zh_len), _prefix(doc.en_len)
    # English too long for its Chinese: lexical-only (with the encoder it cost the omitted
    # variant .906 -> .903 and untranslated .903 -> .901, added +.008)
    too_long = prm.too_long if ctx.extra is None else 0.0
    T = len(nodes.row)
    pred = np.full((len(types), T), T, dtype=np.int64)
    score = np.full((len(types), T), NEG)
    for t, (a, b) in enumerate(types):
        idx = np.nonzero((nodes.row >= a) & (nodes.col >= b))[0]
        i, j = nodes.row[idx], nodes.col[idx]
        pi, pj = i - a, j - b
        inside = (pj >= band.lo[pi]) & (pj < band.hi[pi])
        idx, i, j, pi, pj = idx[inside], i[inside], j[inside], pi[inside], pj[inside]
        if not len(idx):
            continue
        pred[t, idx] = nodes.index(band, pi, pj)
        if b == 0:
            score[t, idx] = zh_skip[pi]
            continue
        zh_hit = np.zeros(len(idx))
        en_hit = np.zeros(len(idx))
        for d in range(1, a + 1):
            zh_hit += zh_sum(i - d, pj, j)
            en_hit += en_sum(i - d, pj, j)
        sc = _lexical(zh_hit, zh_mass[i] - zh_mass[pi], en_hit, en_mass[j] - en_mass[pj])
        sc = (sc + prm.len_floor) * _length_agreement(
            (zh_len[i] - zh_len[pi]) * ctx.ratio, en_len[j] - en_len[pj], prm.len_pow)
        sc -= _structure_penalty(ctx, prm, i, j, a, b)
        if too_long:
            sc -= too_long * np.maximum(np.log(
                (en_len[j] - en_len[pj] + 1.0) / ((zh_len[i] - zh_len[pi]) * ctx.ratio + 1.0))
                - prm.long_slack, 0.0)
        if prm.unsaid:
            sc -= prm.unsaid / zh_unit * np.maximum(zh_mass[i] - zh_mass[pi] - zh_hit, 0.0)
        if placed is not None and b > 1:
            sc -= prm.order * _order_penalty(placed, off, pair_lo, i, pj, a, b)
        if ctx.extra is not None:
            sc += ctx.extra.weight * ctx.extra(pi, i, pj, j)
        score[t, idx] = sc
    return pred, score, en_skip


def _order_penalty(placed: tuple[np.ndarray, np.ndarray, np.ndarray], off: np.ndarray, pair_lo: np.ndarray,
                   i: np.ndarray, pj: np.ndarray, a: int, b: int) -> np.ndarray:
    """How far the English sentences of beads (zh i-a..i-1, en pj..pj+b-1) step back in the
    Chinese: the sum over consecutive sentences (those rendering no placed word passed over) of
    how much earlier in the bead's Chinese (0..1, its sentences one after the other) the words
    the second renders are, on average, than those the first renders.

    ``placed``: per pair cell, the weight of the placed Chinese words the English renders, that
    weight times their places (see Doc.placed_pairs) and their mean place (0 if none).

    A translator who splits a Chinese sentence renders it in order (in the dev gold the second
    English sentence of a 1-2 bead renders words further on in 90% of the beads, earlier by over
    a tenth of the sentence in 4%); an English sentence whose own Chinese is missing and that
    joins a neighbouring bead renders its Chinese only by chance, anywhere (41% of such 1-2 beads
    made by the aligner were backwards by over a tenth)."""
    weight, place, centre = placed
    n = len(i)
    pen = np.zeros(n)
    prev = np.zeros(n)
    seen = np.zeros(n, dtype=bool)  # a sentence before rendered a placed word
    # the cells of en pj in the rows of zh i-1, i-2, ... (en pj+k: k further on)
    cells = [off[i - d] - pair_lo[i - d] + pj for d in range(1, a + 1)]
    for k in range(b):
        if a == 1:
            has = weight[cells[0] + k] > 0
            c = np.where(has, centre[cells[0] + k], prev)
        else:
            w = np.zeros(n)
            p = np.zeros(n)
            for d in range(1, a + 1):
                wd = weight[cells[d - 1] + k]
                w += wd
                p += place[cells[d - 1] + k] + (a - d) * wd  # zh i-d is the bead's (a-d)-th
            has = w > 0
            c = np.divide(p, a * w, out=prev.copy(), where=has)
        pen += np.maximum(prev - c, 0.0) * (has & seen)
        prev = c
        seen |= has
    return pen


def null_scores(off: np.ndarray, pair_lo: np.ndarray, zh_cover: np.ndarray,
                en_cover: np.ndarray, zh_total: np.ndarray, en_total: np.ndarray,
                zh_apparatus: np.ndarray, en_apparatus: np.ndarray, prm: Params
                ) -> tuple[np.ndarray, np.ndarray]:
    """Score of leaving each sentence unpaired: cheap for a sentence that shares little with
    every sentence of the other side in reach, dear for one that a neighbour renders well.

    Support of a zh sentence: the best share of its weight found in two adjacent en sentences;
    of an en sentence: the best share found in one zh sentence; each less ``sup_margin`` times
    the mean share over the sentences in reach (a margin, as in bitext mining: a sentence whose
    best match is no better than the rest shares only common words with them)."""
    N, M = len(zh_total), len(en_total)
    zh_sup = np.zeros(N)
    en_sup = np.zeros(M)
    if len(zh_cover):
        width = np.diff(off)
        row = np.repeat(np.arange(N), width)
        col = np.arange(len(zh_cover)) - off[row] + pair_lo[row]
        nxt = np.zeros_like(zh_cover)
        nxt[:-1] = zh_cover[1:]
        nxt[off[1:][width > 0] - 1] = 0.0  # the last cell of a row has no right neighbour
        np.maximum.at(zh_sup, row, zh_cover + nxt)
        np.maximum.at(en_sup, col, en_cover)
        if prm.sup_margin:
            # a margin over what the sentences in reach share with it by chance (common words)
            zh_sup -= prm.sup_margin * np.bincount(row, zh_cover + nxt, minlength=N)[:N] \
                / np.maximum(width, 1)
            n_col = np.bincount(col, minlength=M)[:M]
            en_sup -= prm.sup_margin * np.bincount(col, en_cover, minlength=M)[:M] \
                / np.maximum(n_col, 1)
            np.maximum(zh_sup, 0.0, out=zh_sup)
            np.maximum(en_sup, 0.0, out=en_sup)
        zh_sup = np.minimum(1.0, np.divide(zh_sup, zh_total, out=np.zeros(N), where=zh_total > 0))
        en_sup = np.minimum(1.0, np.divide(en_sup, en_total, out=np.zeros(M), where=en_total > 0))
    # a header-like line is cheap to leave alone unless a neighbour renders it (a date line)
    return (prm.skip - prm.skip_support * zh_sup + prm.apparatus * zh_apparatus * (1 - zh_sup) ** 2,
            prm.skip - prm.skip_support * en_sup + prm.apparatus * en_apparatus * (1 - en_sup) ** 2)


def _lexical(zh_hit, zh_mass, en_hit, en_mass) -> np.ndarray:
    """F1 of the two coverages (share of each side's linked weight rendered on the other)."""
    zero = np.zeros_like(zh_hit)
    cov_zh = np.minimum(1.0, np.divide(zh_hit, zh_mass, out=zero.copy(), where=zh_mass > 0))
    cov_en = np.minimum(1.0, np.divide(en_hit, en_mass, out=zero.copy(), where=en_mass > 0))
    both = cov_zh + cov_en
    return np.divide(2 * cov_zh * cov_en, both, out=zero, where=both > 0)


def _length_agreement(zh_chars, en_chars, power: float) -> np.ndarray:
    shorter = np.minimum(zh_chars, en_chars) + 1.0
    longer = np.maximum(zh_chars, en_chars) + 1.0
    return np.log2(1.0 + shorter / longer) ** power


def _structure_penalty(ctx: Context, prm: Params, i, j, a: int, b: int):
    """Quotation left open on one side only; paragraph / speaker-turn boundaries inside.

    The two sides differ: English interrupts a speech with its attribution ('Yes,' he said.
    'But...') and so closes its quotation where the Chinese keeps it open (weak evidence), but
    a bead that ends while the English quotation is still open and the Chinese one closed has
    cut the English speech (strong evidence: 1 of 28 such bead ends in the dev gold)."""
    pen = 0.0
    if ctx.quotes is not None:
        qz, qe = ctx.quotes[0][i], ctx.quotes[1][j]
        pen = prm.quote_pen * (qz & ~qe) + prm.quote_pen_en * (qe & ~qz)
    if ctx.zh_breaks is not None and a > 1:
        pen = pen + prm.para_pen * (ctx.zh_breaks[i] - ctx.zh_breaks[i - a + 1])
    if ctx.en_breaks is not None and b > 1:
        pen = pen + prm.para_pen * (ctx.en_breaks[j] - ctx.en_breaks[j - b + 1])
    if ctx.en_turns is not None and b > 1:
        pen = pen + (ctx.en_turns[j] - ctx.en_turns[j - b + 1])
    if ctx.zh_turns is not None and a > 1:
        pen = pen + (ctx.zh_turns[i] - ctx.zh_turns[i - a + 1])
    return pen


# ---------------------------------------------------------------- dynamic programme

SKIP_EN = -1   # back pointer: reached by a run of 0-1 beads (English sentences alone)
UNREACHED = -2
NULL_FALLBACK = -1.0


def forward(band: Band, nodes: Nodes, pred: np.ndarray, score: np.ndarray,
            en_skip: np.ndarray, run_open: float = 0.0, zh_null: int | None = None
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Best-path values row by row; returns them, the back pointer of each node (bead type
    index, SKIP_EN or UNREACHED) and whether a node's 1-0 bead continues a run of them.

    Runs of null beads are gaps with an opening score, as in sequence alignment (a passage one
    side lacks is one gap, not many): a run of 0-1 beads of en sentences k..j-1 scores
    ``run_open`` once plus ``en_skip[k:j]`` (a node reached by such a run has the back pointer
    SKIP_EN); a run of 1-0 beads (type index ``zh_null``) scores ``run_open`` once plus each
    bead's score less ``run_open``."""
    T = len(nodes.row)
    best = np.full(T + 1, NEG)
    gap = np.full(T + 1, NEG)  # best value of a path whose last bead is a 1-0 bead
    cont = np.zeros(T, dtype=bool)
    back = np.full(T, UNREACHED, dtype=np.int8)
    skip_cum = _prefix(en_skip)  # skip_cum[j]: sum of the 0-1 scores of sentences 0..j-1
    lo = band.lo.tolist()
    bounds = nodes.offset.tolist()
    for i in range(len(bounds) - 1):
        s, e = bounds[i], bounds[i + 1]
        w = e - s
        if i == 0:
            entry = np.full(w, NEG)
            entry[0] = 0.0  # the band's first row starts at en position 0
            bt = np.full(w, UNREACHED, dtype=np.int8)
        else:
            cand = best[pred[:, s:e]]
            cand += score[:, s:e]
            if zh_null is not None:  # a 1-0 bead opens a run or continues the previous one
                more = gap[pred[zh_null, s:e]] + (score[zh_null, s:e] - run_open)
                c = more > cand[zh_null]
                np.maximum(cand[zh_null], more, out=cand[zh_null])
                gap[s:e] = cand[zh_null]
                cont[s:e] = c
            bt = cand.argmax(0).astype(np.int8)
            entry = cand.max(0)
        # runs of 0-1 beads inside the row: best[j] = max(entry[j], run_open + max over k < j
        # of entry[k] + the 0-1 scores of k..j-1)
        run = skip_cum[lo[i]:lo[i] + w]
        run_max = np.maximum.accumulate(entry - run)
        via = np.empty(w)
        via[0] = NEG
        np.add(run_max[:-1], run[1:] + run_open, out=via[1:])
        skip = via > entry
        bt[skip] = SKIP_EN
        best[s:e] = np.where(skip, via, entry)
        back[s:e] = bt
    return best, back, cont


def backtrack(band: Band, nodes: Nodes, best: np.ndarray, back: np.ndarray, cont: np.ndarray,
              score: np.ndarray, types: Sequence[BeadType], en_skip: np.ndarray,
              run_open: float = 0.0, zh_null: int | None = None) -> list[RawBead]:
    """The beads of the best path from the last node (N, M) back to (0, 0), in order."""
    N = len(band.lo) - 1
    M = int(band.hi[-1]) - 1
    skip_cum = _prefix(en_skip)
    beads: list[RawBead] = []
    i, j = N, M
    node = nodes.index(band, N, M)
    in_run = False  # the node is left by a 1-0 bead that continues a run
    while i > 0 or j > 0:
        t = zh_null if in_run else int(back[node])
        if t == SKIP_EN:
            # the run starts at the node k < j of the row (reached by a bead, not a run) whose
            # value plus the run's scores is highest
            row0 = int(nodes.offset[i])
            lo = int(band.lo[i])
            vals = best[row0:row0 + j - lo] - skip_cum[lo:j]
            vals[back[row0:row0 + j - lo] == SKIP_EN] = NEG
            k = lo + int(vals.argmax())
            for jj in range(j - 1, k - 1, -1):
                beads.append(((), (jj,), float(en_skip[jj] + (run_open if jj == k else 0.0))))
            j = k
        elif t == UNREACHED:  # cannot happen in a connected band; fall back to a skip
            if i > 0:
                beads.append(((i - 1,), (), NULL_FALLBACK))
                i -= 1
            else:
                beads.append(((), (j - 1,), NULL_FALLBACK))
                j -= 1
        else:
            a, b = types[t]
            beads.append((tuple(range(i - a, i)), tuple(range(j - b, j)), float(score[t, node])))
            in_run = t == zh_null and bool(cont[node])
            i -= a
            j -= b
        node = nodes.index(band, i, j)
    beads.reverse()
    return beads


def dp(doc: Doc, band: Band, types: Sequence[BeadType], prm: Params, ctx: Context,
       max_df: float | None = None) -> list[RawBead]:
    """Best path through the band's nodes; returns beads (zh ids, en ids, score) in order."""
    nodes = Nodes.of(band)
    pred, score, en_skip = bead_scores(doc, band, nodes, types, prm, ctx, max_df)
    run_open = prm.run_share * prm.skip
    en_skip = en_skip - run_open
    zh_null = list(types).index((1, 0)) if (1, 0) in types and prm.zh_runs else None
    best, back, cont = forward(band, nodes, pred, score, en_skip, run_open, zh_null)
    return backtrack(band, nodes, best, back, cont, score, types, en_skip, run_open, zh_null)


# ---------------------------------------------------------------- the passes

def _breaks(para: Sequence[int] | None, n: int) -> np.ndarray | None:
    """brk[k] = number of paragraph changes among sentences 0..k-1 (so a bead of sentences
    s..e-1 contains brk[e] - brk[s + 1] boundaries); None when paragraphs say nothing."""
    if para is None or len(para) != n or n == 0:
        return None
    p = np.asarray(list(para))
    change = np.concatenate([[0], (p[1:] != p[:-1]).astype(np.int64)])
    if n > 1 and change.sum() == n - 1:
        return None  # every sentence its own paragraph (--presplit): boundaries say nothing
    return np.concatenate([[0], np.cumsum(change)])


def _centre_from_beads(beads: Sequence[RawBead], N: int) -> np.ndarray:
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


def _context(doc: Doc, zh: Sequence[str], en: Sequence[str], prm: Params,
             zh_para: Sequence[int] | None, en_para: Sequence[int] | None,
             extra: SpanScorer | None) -> Context:
    ratio = float(doc.en_len.sum() + 1) / float(doc.zh_len.sum() + 1)
    quotes = None
    if prm.quote_pen or prm.quote_pen_en:
        qz = np.array([False] + quote_states(zh, "zh"))
        qe = np.array([False] + quote_states(en, "en"))
        if qz.any() and qe.any():
            quotes = (qz, qe)  # indexed by DP node: the state after sentence i - 1
    turns = None
    # narration after a speech: lexical-only (with the encoder, which sees what the sentences
    # say, it cost the clean chapters .915 -> .913 though omitted gained .904 -> .909)
    narration = prm.narration_pen if extra is None else 0.0
    if prm.turn_pen or narration:
        kind = np.array(en_turn_starts(en), dtype=np.int64)
        if kind.any():
            pen = np.array([0.0, prm.turn_pen, narration])[kind]
            turns = np.concatenate([[0.0], np.cumsum(pen)])
    zh_turns = None
    if prm.zh_turn_pen:
        starts = np.array(zh_turn_starts(zh), dtype=np.float64)
        if starts.any():
            zh_turns = np.concatenate([[0.0], np.cumsum(starts * prm.zh_turn_pen)])
    return Context(ratio, _breaks(zh_para, doc.N), _breaks(en_para, doc.M), quotes, extra,
                   turns, zh_turns)


def _paired_ratio(doc: Doc, beads: Sequence[RawBead], ratio: float) -> float:
    """The en/zh length ratio over the sentences the beads pair (both sides non-empty)."""
    zh = [i for zs, es, _ in beads if zs and es for i in zs]
    en = [j for zs, es, _ in beads if zs and es for j in es]
    if not zh or not en:
        return ratio
    return float(doc.en_len[en].sum() + 1) / float(doc.zh_len[zh].sum() + 1)


class _Blocks:
    """An extra scorer over sentences, seen from the coarse pass's runs of g sentences."""

    def __init__(self, inner: SpanScorer, g: int, N: int, M: int) -> None:
        # a scorer may offer a cheaper view for runs of sentences (``for_runs``: the encoder's
        # scorer without its per-sentence coverage)
        self.inner, self.g, self.N, self.M = getattr(inner, "for_runs", inner), g, N, M
        self.weight = inner.weight

    def __call__(self, zh_lo, zh_hi, en_lo, en_hi) -> np.ndarray:
        g = self.g
        return self.inner(zh_lo * g, np.minimum(zh_hi * g, self.N),
                          en_lo * g, np.minimum(en_hi * g, self.M))


def _search(doc: Doc, prm: Params, ctx: Context, types: Sequence[BeadType],
            coarse: bool = False) -> list[RawBead]:
    """Small grids: search everything.  Larger ones: align blocks of g <= REFINE sentences
    first (recursively, so that every level's band has a width independent of the length),
    then search the sentences in a band of g + width around the blocks' path."""
    N, M = doc.N, doc.M
    if (N + 1) * (M + 1) <= prm.full_cells:
        max_df = doc.df_cap(M, HITS_PER_CELL * (N + 1) * (M + 1)) if coarse else None
        return dp(doc, Band.full(N, M), types, prm, ctx, max_df=max_df)
    g = max(2, min(REFINE, math.ceil(math.sqrt((N + 1) * (M + 1) / prm.full_cells))))
    blocks = doc.blocks(g)
    block_ctx = Context(ctx.ratio, extra=_Blocks(ctx.extra, g, N, M) if ctx.extra else None)
    block_beads = _search(blocks, prm, block_ctx, TYPES_FAST, coarse=True)
    n_blocks = blocks.N
    del blocks, block_ctx  # the coarse document's arrays are not needed below
    xs = np.minimum(np.arange(n_blocks + 1) * g, N)
    ys = np.minimum(_centre_from_beads(block_beads, n_blocks) * g, M)
    centre = np.interp(np.arange(N + 1), xs, ys).round().astype(np.int64)
    band = Band.around(centre, g + prm.width // 2, M)
    rows = 2 * (g + prm.width // 2) + 1
    max_df = doc.df_cap(rows, HITS_PER_CELL * (N + 1) * rows) if coarse else None
    return dp(doc, band, types, prm, ctx, max_df=max_df)


def align_indices(zh: Sequence[str], en: Sequence[str], *,
                  glossary: Sequence[tuple[str, Sequence[str]]] = (),
                  progress: Callable[[float], None] | None = None,
                  params: Params | None = None,
                  zh_para: Sequence[int] | None = None,
                  en_para: Sequence[int] | None = None,
                  extra: SpanScorer | None = None) -> list[RawBead]:
    """Core alignment over non-empty sides: list of (zh ids, en ids, raw score)."""
    prm = params or Params()
    # pronouns by person: with the encoder (``extra``), which sees them, they only add noise
    # (bench/align_accuracy.py: lexical clean .894 -> .897, untranslated .844 -> .862; with
    # the encoder one variant lower)
    doc = Doc(zh, en, glossary, prm.idf_pow, person=prm.person if extra is None else 0.0)
    if progress:
        progress(0.2)
    ctx = _context(doc, zh, en, prm, zh_para, en_para, extra)
    # the first pass places the final band and finds the beads to learn from: where it is not
    # the whole grid, the cheaper bead types do (the final pass has them all)
    small = (doc.N + 1) * (doc.M + 1) <= prm.full_cells
    types = TYPES_FULL if small or not prm.learn else TYPES_MID
    beads = _search(doc, prm, ctx, types)
    ratio = _paired_ratio(doc, beads, ctx.ratio)
    if extra is None and abs(math.log(ratio / ctx.ratio)) > RATIO_MOVE:
        # a passage one side lacks biased the whole document's ratio: search again with the
        # ratio of what the first search pairs (a clean text's moves by well under 1%).  With
        # the encoder this changed nothing beyond +-.002 (3 noise seeds), so it is not paid for
        ctx.ratio = ratio
        beads = _search(doc, prm, ctx, types)
    if progress:
        progress(0.6)
    for _ in range(prm.rounds if prm.learn else 0):
        if not doc.learn(beads, prm.dice_min):
            break
        ctx.ratio = _paired_ratio(doc, beads, ctx.ratio)
        band = Band.around(_centre_from_beads(beads, doc.N), prm.width, doc.M)
        beads = dp(doc, band, TYPES_FULL, prm, ctx)
    if progress:
        progress(0.95)
    _release_memory()
    return beads


def _release_memory() -> None:
    """Hand the search's freed scratch memory back to the system (glibc keeps freed heap pages
    otherwise: an editor process would stay ~30 MB bigger after every realignment)."""
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
