"""Realign from here: re-run the aligner on the unconfirmed pairs of an open alignment."""

from __future__ import annotations

from workbench.glossary.model import Glossary
from workbench.model import AUTO, CONFIRMED, Alignment, Pair
from workbench.store.journal import Patch


def realign_patch(al: Alignment, start: int, glossary: Glossary | None = None) -> Patch:
    """Re-run the aligner on the unconfirmed pairs from `start` to the end.

    Confirmed pairs stay as they are and anchor the runs between them; each maximal run of
    unconfirmed pairs is realigned on its own. A pair whose sentences come out the same keeps
    its object (id, note); new pairs get fresh ids, status auto, the aligner's score.
    Pure: reads `al` (a snapshot is fine), returns the patch without applying it.
    """
    from workbench.align import Bead, realign_range
    from workbench.align.build import glossary_pairs

    pairs = al.pairs
    zh = al.zh_sentences()
    en = al.en_sentences()
    beads: list = []
    zh_para: list[int] = []
    zi = ei = 0
    para = 0
    for p in pairs:
        if p.para is not None:
            para = p.para
        zh_para.extend([para] * len(p.zh))
        beads.append(Bead(tuple(range(zi, zi + len(p.zh))), tuple(range(ei, ei + len(p.en))), p.score or 0.0))
        zi += len(p.zh)
        ei += len(p.en)
    runs = []
    k = start
    while k < len(pairs):
        if pairs[k].status == CONFIRMED:
            k += 1
            continue
        j = k
        while j < len(pairs) and pairs[j].status != CONFIRMED:
            j += 1
        runs.append((k, j))
        k = j
    original = list(beads)
    for lo, hi in reversed(runs):  # from the end, so earlier indices stay valid
        beads = realign_range(zh, en, beads, lo, hi, zh_para=zh_para, glossary=glossary_pairs(glossary))
    by_span = {(b.zh, b.en): pairs[n] for n, b in enumerate(original)}
    next_id = al.next_id()
    new: list[Pair] = []
    for b in beads[start:]:
        kept = by_span.get((b.zh, b.en))
        if kept is not None:
            new.append(kept)
            continue
        starts_para = bool(b.zh) and (b.zh[0] == 0 or zh_para[b.zh[0]] != zh_para[b.zh[0] - 1])
        new.append(
            Pair(
                id=next_id,
                zh=[zh[i] for i in b.zh],
                en=[en[j] for j in b.en],
                status=AUTO,
                score=round(float(b.score), 3),
                para=zh_para[b.zh[0]] if starts_para else None,
            )
        )
        next_id += 1
    return Patch(start, list(pairs[start:]), new, "Realign from here").trimmed()
