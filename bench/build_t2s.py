"""Build workbench/data/t2s_chars.txt: the characters that OpenCC's t2s conversion (traditional
→ simplified, the `opencc` wheel's data) makes another single character when converting the
character alone, each with that character: one line each, the two characters.

The checks normalise Chinese character by character (text.normalize.simplified: positions
carry over), so this is all of OpenCC they read; with the table shipped, a check run does not
load OpenCC (~12 ms and a few MB at the first traditional character, or at a glossary's
characters, before). Run: ``python bench/build_t2s.py``; tests/test_text_normalize.py checks
that the file is in step with OpenCC.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from workbench.text.normalize import T2S_DATA  # noqa: E402


def t2s_pairs() -> list[tuple[str, str]]:
    """(character, its simplified form) of every character that t2s changes into one other
    character, converting it alone: every code point but the surrogates and the line break,
    converted one a line in one call (no phrase of OpenCC's holds a line break)."""
    import opencc

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and c != 10]
    out = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):
        raise SystemExit("OpenCC did not give one line a character")
    return [(c, o) for c, o in zip(chars, out) if len(o) == 1 and o != c]


def main() -> None:
    pairs = t2s_pairs()
    T2S_DATA.write_text("".join(c + o + "\n" for c, o in pairs), encoding="utf-8")
    print(f"{T2S_DATA}: {len(pairs)} characters")


if __name__ == "__main__":
    main()
