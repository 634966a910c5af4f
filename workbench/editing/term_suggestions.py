"""English renderings to suggest for a Chinese term in "Add to glossary".

Two sources, the file first: how the same Chinese was rendered in the file's other pairs (the
phrases found in most of them), then the dictionary (phrases of this pair whose every content
word is a CC-CEDICT gloss of the term). Plain Python: never imports Textual.
"""

from __future__ import annotations

from collections import Counter

from workbench.glossary.candidates import en_candidates
from workbench.model import Alignment, Pair
from workbench.text.normalize import WORD

#: Other pairs looked at for one term (a very common word would otherwise cost time for nothing).
MAX_OTHERS = 200


def suggest_renderings(al: Alignment, zh: str, pair: Pair, limit: int = 6) -> list[tuple[str, str]]:
    """(English rendering, where the suggestion comes from), best first."""
    zh = zh.strip()
    if not zh:
        return []
    out: dict[str, str] = {}
    here = {c.lower(): c for c in en_candidates(pair.en)}
    others = [p for p in al.pairs if p is not pair and p.en and any(zh in s for s in p.zh)][:MAX_OTHERS]
    if others:
        counts: Counter[str] = Counter()
        forms: dict[str, str] = {}
        for p in others:
            found = en_candidates(p.en)
            for c in found:
                forms.setdefault(c.lower(), c)
            counts.update({c.lower() for c in found})
        need = 1 if len(others) == 1 else max(2, -(-len(others) // 2))
        common = sorted((k for k, n in counts.items() if n >= need), key=lambda k: -counts[k])[:40]
        # Dice of the phrase and the term over pairs: a phrase found everywhere ("high") is no rendering
        texts = [" ".join(p.en).lower() for p in al.pairs]
        dice = {k: 2 * counts[k] / (len(others) + 1 + sum(1 for t in texts if k in t)) for k in common}
        ranked = sorted(common, key=lambda k: (-round(dice[k] + 0.1 * (k in here), 2), -len(k.split()), k))
        kept: list[str] = []
        for k in ranked:
            if dice[k] < 0.3 or any(k in longer for longer in kept):
                continue  # rare with the term, or a part of a phrase kept already
            kept.append(k)
        for k in kept[:3]:
            out.setdefault(here.get(k, forms[k]), f"as rendered in {counts[k]} of {len(others)} other pairs with {zh}")
    gloss = dictionary_glosses(zh)
    if gloss:
        from workbench.align.lexicon import EN_STOP, stem

        scored = []
        for c in here.values():
            words = [w.lower() for w in WORD.findall(c)]
            content = [w for w in words if w not in EN_STOP]
            if content and 2 * len(content) >= len(words) and all(stem(w) in gloss for w in content):
                scored.append((len(content), c))
        picked: list[str] = []
        for _, c in sorted(scored, key=lambda t: -t[0]):
            if not any(c.lower() in longer.lower() for longer in picked):
                picked.append(c)
        for c in picked[:2]:
            out.setdefault(c, "from the dictionary (CC-CEDICT)")
    return list(out.items())[:limit]


def dictionary_glosses(zh: str) -> set[str]:
    """The stemmed gloss words of a Chinese term: its own dictionary entry, else those of the
    longest dictionary words it is made of."""
    from workbench.align.lexicon import lexicon

    lex = lexicon()
    whole = lex.entry(zh)
    if whole is not None:
        return set(whole[1])
    stems: set[str] = set()
    i = 0
    while i < len(zh):
        for j in range(min(len(zh), i + 8), i, -1):
            entry = lex.entry(zh[i:j])
            if entry is not None:
                stems.update(entry[1])
                i = j
                break
        else:
            i += 1
    return stems
