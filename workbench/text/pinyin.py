"""The pinyin of Chinese characters, for names: one lower-case syllable a character, without
tones, ü written v (辛国斌 → xin, guo, bin), from pypinyin's own data (slow to import, so
imported on first use)."""

from __future__ import annotations


def pinyin_syllables(zh: str) -> list[str] | None:
    """One syllable a character, or None where a character has no reading in plain letters."""
    from pypinyin import lazy_pinyin

    syllables = [x.replace("ü", "v") for x in lazy_pinyin(zh)]
    if len(syllables) != len(zh) or not all(x.isascii() and x.isalpha() for x in syllables):
        return None
    return syllables
