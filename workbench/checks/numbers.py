"""number-mismatch: numbers of a pair's two sides that do not agree after normalisation."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress
from operator import not_

from workbench.checks import Finding, Memo
from workbench.checks.view import PairView, View, zh_norms
from workbench.text.numbers import en_numbers, plain_agree, unmatched, zh_numbers


def number_mismatch(views: list[View], memo: Memo | None = None) -> Iterable[Finding]:
    """(`memo`: each pair's finding depends on its two texts alone, so what the run before
    found for a pair with the same texts is taken from it, `Memo.numbers`.)"""
    kept: dict = {}  # (Chinese, English) → (message, expected, found) or None, for the next run
    for v in views:
        pairs = [p for p in v.pairs if p.zh and p.en]  # (an empty side is an omission)
        if memo is None:
            for p, (message, expected, found) in _mismatches(pairs):
                yield Finding("number-mismatch", "error", p.id, message, expected=expected, found=found, file=v.file)
            continue
        known = memo.numbers
        new = [p for p in pairs if (p.zh, p.en) not in known]
        kept.update(dict.fromkeys([(p.zh, p.en) for p in new]))
        kept.update(((p.zh, p.en), found) for p, found in _mismatches(new))
        for p in pairs:
            key = p.zh, p.en
            read = kept[key] if key in kept else kept.setdefault(key, known[key])
            if read is not None:
                message, expected, found = read
                yield Finding("number-mismatch", "error", p.id, message, expected=expected, found=found, file=v.file)
    if memo is not None:
        memo.numbers = kept  # (only the texts of this run: the memo does not grow edit after edit)


def _mismatches(pairs: list[PairView]) -> Iterable[tuple[PairView, tuple[str, str | None, str | None]]]:
    """The pairs whose numbers disagree, in order, each with its finding's message, expected
    and found."""
    # only the pairs whose numbers may disagree are read (most hold the same plain numbers)
    for p in compress(pairs, map(not_, plain_agree(zh_norms(pairs), [p.en for p in pairs]))):
        zh, en = zh_numbers(p.zh, p.zh_norm), en_numbers(p.en)
        if not any(n.hard for n in zh) and not any(n.hard for n in en):
            continue
        missing = unmatched(zh, en)
        extra = unmatched(en, zh)
        if not missing and not extra:
            continue
        parts = []
        if missing:
            parts.append("in the Chinese but not the English: " + ", ".join(n.text for n in missing))
        if extra:
            parts.append("in the English but not the Chinese: " + ", ".join(n.text for n in extra))
        yield p, ("; ".join(parts), ", ".join(n.text for n in missing) or None, ", ".join(n.text for n in extra) or None)
