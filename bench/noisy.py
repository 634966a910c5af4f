"""Noisy variants of a gold-aligned chapter, with the gold transformed to match.

Real document pairs are messier than the published literary chapters: a translator leaves
sentences out, an English edition carries headers, notes and page marks, sentences are split
differently, and whole sections exist on one side only.  Each kind below applies one of these
to a chapter (seeded from the kind and the chapter's name, so every run is the same):

- ``untranslated``: ~5% of the Chinese sentences lose their English (1-0 beads in the gold);
- ``added``: ~5% of the English sentences lose their Chinese (0-1 beads);
- ``boilerplate``: English-only lines (~5%: headers, notes, page marks, credits) inserted
  between beads (0-1 beads);
- ``joined``: ~15% of adjacent English sentence pairs joined into one (the beads on both sides
  of a join become one bead);
- ``section``: two runs of ~8% of the beads lose their Chinese (an English section that the
  Chinese lacks: runs of 0-1 beads);
- ``omitted``: two runs of ~8% of the beads lose their English (a Chinese passage the
  translation leaves out: runs of 1-0 beads);
- ``all``: untranslated + joined + boilerplate together.

A chapter is a list of beads (zh sentences, en sentences); ``to_files`` gives the zh lines, the
en lines and the gold beads as indices.
"""
from __future__ import annotations

import random
import zlib
from collections.abc import Callable

Bead = tuple[list[str], list[str]]

KINDS = ("untranslated", "added", "boilerplate", "joined", "section", "omitted", "all")


def from_gold(zh: list[str], en: list[str],
              gold: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[Bead]:
    return [([zh[i] for i in zs], [en[j] for j in es]) for zs, es in gold]


def to_files(beads: list[Bead]) -> tuple[list[str], list[str],
                                          list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    zh: list[str] = []
    en: list[str] = []
    gold = []
    for zs, es in beads:
        if not zs and not es:
            continue
        gold.append((tuple(range(len(zh), len(zh) + len(zs))),
                     tuple(range(len(en), len(en) + len(es)))))
        zh += zs
        en += es
    # one gold bead per null sentence (a run of 0-1 is several 0-1 beads)
    out = []
    for zs, es in gold:
        if zs and es:
            out.append((zs, es))
        else:
            out += [((z,), ()) for z in zs] + [((), (e,)) for e in es]
    return zh, en, out


def _split_nulls(beads: list[Bead]) -> list[Bead]:
    out: list[Bead] = []
    for zs, es in beads:
        if zs and es:
            out.append((zs, es))
        else:
            out += [([z], []) for z in zs] + [([], [e]) for e in es]
    return out


def _drop_side(beads: list[Bead], rng: random.Random, share: float, keep: int) -> list[Bead]:
    """Empty the other side of beads holding ~share of the sentences on side `keep` (0: zh)."""
    total = sum(len(b[keep]) for b in beads)
    cand = [k for k, (z, e) in enumerate(beads) if z and e]
    drop: set[int] = set()
    dropped = 0
    for k in rng.sample(cand, len(cand)):
        if dropped >= share * total:
            break
        drop.add(k)
        dropped += len(beads[k][keep])
    return _split_nulls([
        ((z, [] if k in drop else e) if keep == 0 else ([] if k in drop else z, e))
        for k, (z, e) in enumerate(beads)
    ])


def untranslated(beads: list[Bead], rng: random.Random, share: float = 0.05) -> list[Bead]:
    """Drop the English of beads holding ~share of the Chinese sentences."""
    return _drop_side(beads, rng, share, keep=0)


def added(beads: list[Bead], rng: random.Random, share: float = 0.05) -> list[Bead]:
    """Drop the Chinese of beads holding ~share of the English sentences."""
    return _drop_side(beads, rng, share, keep=1)


_HEADERS = ["CHAPTER {n}", "Chapter {n}", "PART {R}", "Book {R}", "{R}.", "* * *", "***",
            "Section {n}", "— {n} —", "- {p} -", "Page {p}", "p. {p}", "[{p}]", "{p}",
            "THE {T}", "{T}", "Contents", "Translator's note: see the glossary at the end.",
            "Note: {n} li is about {h} kilometres.", "[Illustration]",
            "Copyright © {y} by the translator. All rights reserved.",
            "Printed in the United States of America", "ISBN 978-0-{p}-{n}{h}-{n}",
            "Notes", "Acknowledgements", "Translated from the Chinese by the author's friend",
            "Originally published in {y}.", "Continued on page {p}.",
            "See note {n} at the end of the book.", "www.example.com/{p}",
            "End of chapter {n}", "Footnote {n}: a unit of weight, about half a kilogram."]
_TITLES = ["FIRST MEETING", "THE JOURNEY", "AUTUMN", "AT THE INN", "A LETTER", "THE RIVER"]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def boilerplate_line(rng: random.Random) -> str:
    t = rng.choice(_HEADERS)
    return t.format(n=rng.randint(1, 40), R=rng.choice(_ROMAN), p=rng.randint(2, 480),
                    T=rng.choice(_TITLES), y=rng.randint(1950, 2020), h=rng.randint(0, 9))


def boilerplate(beads: list[Bead], rng: random.Random, share: float = 0.05) -> list[Bead]:
    """Insert English-only lines, ~share of the English sentences, between beads."""
    n_en = sum(len(e) for _, e in beads)
    k = max(1, round(share * n_en))
    at = sorted(rng.sample(range(1, len(beads)), min(k, len(beads) - 1)))
    out: list[Bead] = []
    prev = 0
    for pos in at:
        out += beads[prev:pos]
        out.append(([], [boilerplate_line(rng)]))
        prev = pos
    return out + beads[prev:]


def joined(beads: list[Bead], rng: random.Random, share: float = 0.15) -> list[Bead]:
    """Join ~share of adjacent English sentence pairs (inside a bead or across two beads)."""
    out: list[Bead] = []
    for z, e in beads:
        z, e = list(z), list(e)
        # inside the bead
        k = 0
        while k < len(e) - 1:
            if rng.random() < share:
                e[k:k + 2] = [e[k] + " " + e[k + 1]]
            else:
                k += 1
        # across the boundary with the previous bead (both two-sided)
        if out and out[-1][0] and out[-1][1] and z and e and rng.random() < share:
            pz, pe = out.pop()
            out.append((pz + z, pe[:-1] + [pe[-1] + " " + e[0]] + e[1:]))
        else:
            out.append((z, e))
    return out


def _runs(n: int, rng: random.Random, share: float, runs: int) -> set[int]:
    """`runs` runs of ~share of n beads each, one in each part of the chapter."""
    length = max(2, round(share * n))
    drop: set[int] = set()
    for r in range(runs):
        lo = r * n // runs
        hi = (r + 1) * n // runs - length
        start = rng.randint(lo + 1, max(lo + 1, hi - 1))
        drop.update(range(start, min(n, start + length)))
    return drop


def omitted(beads: list[Bead], rng: random.Random, share: float = 0.08,
            runs: int = 2) -> list[Bead]:
    """Drop the English of `runs` runs of ~share of the beads each (Chinese-only passages)."""
    drop = _runs(len(beads), rng, share, runs)
    return _split_nulls([(z, [] if k in drop else e) for k, (z, e) in enumerate(beads)])


def section(beads: list[Bead], rng: random.Random, share: float = 0.08,
            runs: int = 2) -> list[Bead]:
    """Drop the Chinese of `runs` runs of ~share of the beads each (English-only sections)."""
    drop = _runs(len(beads), rng, share, runs)
    return _split_nulls([([] if k in drop else z, e) for k, (z, e) in enumerate(beads)])


def everything(beads: list[Bead], rng: random.Random) -> list[Bead]:
    return boilerplate(joined(untranslated(beads, rng), rng), rng)


TRANSFORMS: dict[str, Callable[[list[Bead], random.Random], list[Bead]]] = {
    "untranslated": untranslated, "added": added, "boilerplate": boilerplate,
    "joined": joined, "section": section, "omitted": omitted, "all": everything}


def variant(kind: str, name: str, beads: list[Bead], seed: int = 0) -> list[Bead]:
    """The chapter `name` with noise of `kind` (the same every run; another `seed`, other
    random draws of the same kind)."""
    rng = random.Random(zlib.crc32(f"{kind}/{name}{f'/{seed}' if seed else ''}".encode()))
    return TRANSFORMS[kind]([(list(z), list(e)) for z, e in beads], rng)
