"""Data made safe to show on a terminal: nothing from a file may drive the terminal.

`visible(text)` is the one function every place that prints or displays data goes through
(the CLI's output and error lines, the editor's views and dialogs). It shows as visible marks:

- C0 control characters and DEL as Control Pictures (ESC → ␛, BEL → ␇, CR → ␍, DEL → ␡),
  so `ESC ]0;title BEL` or `ESC [2J` can never retitle or clear the terminal;
- C1 control characters (U+0080–U+009F, which some terminals obey as CSI/OSC) as `\\x9b`;
- bidi embeddings, overrides, isolates and marks (U+202A–202E, U+2066–2069, U+200E/F,
  U+061C) and zero-width or otherwise invisible characters (U+200B–200D, U+2060–2064,
  U+FEFF, U+00AD, tag characters…) as `⟨RLO⟩`, `⟨ZWSP⟩`, `⟨U+E0041⟩`, so a reviser sees them;
- line and paragraph separators (U+2028/9) as `⟨LS⟩`/`⟨PS⟩`;
- lone surrogates (undecodable bytes in a file name) as `\\xNN`.

Newline and tab are kept unless `keep` says otherwise (one-line contexts pass `keep=""`).
Text without any of these is returned unchanged (the same object).
"""

from __future__ import annotations

import re

_NAMES = {
    0x00AD: "SHY",
    0x061C: "ALM",
    0x180E: "MVS",
    0x200B: "ZWSP",
    0x200C: "ZWNJ",
    0x200D: "ZWJ",
    0x200E: "LRM",
    0x200F: "RLM",
    0x2028: "LS",
    0x2029: "PS",
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2060: "WJ",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
    0xFEFF: "ZWNBSP",
}

# Everything shown differently: C0, DEL, C1, the named marks, and the remaining invisible
# format characters (Unicode category Cf) and lone surrogates.
_PATTERN = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb"
    "\ud800-\udfff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
    "]"
)


def _mark(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    name = _NAMES.get(code)
    return f"\u27e8{name}\u27e9" if name else f"\u27e8U+{code:04X}\u27e9"


def visible(text: str, keep: str = "\n\t") -> str:
    """`text` with every control, bidi and invisible character shown as a visible mark.

    Characters in `keep` (by default newline and tab) are left as they are.
    """
    if not isinstance(text, str):
        text = str(text)
    if _PATTERN.search(text) is None:
        return text
    return _PATTERN.sub(lambda m: m.group() if m.group() in keep else _mark(m.group()), text)


def has_hidden(text: str) -> bool:
    """True when `visible` would change `text` (newline and tab count as plain)."""
    return any(m.group() not in "\n\t" for m in _PATTERN.finditer(text))


def json_safe(text: str) -> str:
    """JSON text with every character `visible` would mark written as a `\\uXXXX` escape.

    The JSON means the same (a reader gets the same strings back), but a terminal showing it
    meets no raw C1 control, bidi override or invisible character. Newlines and tabs outside
    strings (indentation) are left alone; inside strings JSON has already escaped them.
    """

    def esc(m: re.Match[str]) -> str:
        ch = m.group()
        if ch in "\n\t":
            return ch
        code = ord(ch)
        if code > 0xFFFF:
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    return _PATTERN.sub(esc, text)


_MARK = re.compile(
    "[\u2400-\u241f\u2421]|\\\\x[89][0-9a-f]|\u27e8(?:[A-Z]+|U\\+[0-9A-F]{4,6})\u27e9"
)
_BY_NAME = {name: chr(code) for code, name in _NAMES.items()}


def restore(shown: str) -> str:
    """The inverse of `visible` (keeping newline and tab): marks back to the characters.

    For an editor field that showed data with `visible`: what the reviser leaves of the marks
    goes back into the file as the characters they stood for. Only used on text that held
    such characters when it was shown (a literal `␛` typed elsewhere stays a `␛`).
    """

    def back(m: re.Match[str]) -> str:
        mark = m.group()
        if len(mark) == 1:
            return "\x7f" if mark == "\u2421" else chr(ord(mark) - 0x2400)
        if mark.startswith("\\x"):
            return chr(int(mark[2:], 16))
        inner = mark[1:-1]
        if inner.startswith("U+"):
            ch = chr(int(inner[2:], 16))
            return ch if _PATTERN.fullmatch(ch) else mark
        return _BY_NAME.get(inner, mark)

    return _MARK.sub(back, shown)
