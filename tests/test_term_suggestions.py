"""Add to glossary's suggestions: from the file's other pairs, then from the dictionary."""

from __future__ import annotations

from pathlib import Path

from workbench.editing.term_suggestions import suggest_renderings
from workbench.model import Alignment, Pair
from workbench.store.alignment_file import load_alignment

DEMO = Path(__file__).resolve().parent.parent / "alignments" / "scio-2024-07-05.yaml"


def first_with(al: Alignment, zh: str) -> Pair:
    return next(p for p in al.pairs if any(zh in s for s in p.zh))


def test_renderings_found_elsewhere_in_the_demo_come_first() -> None:
    al = load_alignment(DEMO)
    for zh, en in (("新质生产力", "new quality productive forces"), ("制造业", "manufacturing"),
                   ("小巨人", "little giant"), ("工业互联网", "industrial internet")):
        found = suggest_renderings(al, zh, first_with(al, zh))
        assert found and found[0][0].lower() == en, (zh, found)
        assert "other pairs" in found[0][1]
    # a word found in most of the document's pairs is not offered for a term
    found = suggest_renderings(al, "新质生产力", first_with(al, "新质生产力"))
    assert "high" not in [en for en, _ in found]


def test_the_dictionary_when_the_term_occurs_once() -> None:
    pair = Pair(1, zh=["我们要发展人工智能。"], en=["We will develop artificial intelligence."])
    al = Alignment(pairs=[pair, Pair(2, zh=["谢谢。"], en=["Thank you."])])
    found = suggest_renderings(al, "人工智能", pair)
    assert found[0] == ("artificial intelligence", "from the dictionary (CC-CEDICT)")
    assert suggest_renderings(al, "", pair) == []
