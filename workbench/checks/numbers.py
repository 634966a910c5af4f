"""number-mismatch: numbers of a pair's two sides that do not agree after normalisation."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress
from operator import not_

from workbench.checks import Finding
from workbench.checks.view import View, zh_norms
from workbench.text.numbers import en_numbers, plain_agree, unmatched, zh_numbers


def number_mismatch(views: list[View]) -> Iterable[Finding]:
    for v in views:
        pairs = [p for p in v.pairs if p.zh and p.en]  # (an empty side is an omission)
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
            yield Finding(
                "number-mismatch", "error", p.id, "; ".join(parts),
                expected=", ".join(n.text for n in missing) or None,
                found=", ".join(n.text for n in extra) or None,
                file=v.file,
            )
