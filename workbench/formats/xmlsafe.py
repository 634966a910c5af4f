"""Reading XML a user hands in without letting it attack us, and writing XML exactly.

Reading goes through defusedxml's expat parser with every entity declaration forbidden:
"billion laughs" (nested internal entities) and XXE (`<!ENTITY x SYSTEM "file:///etc/passwd">`)
are refused at the declaration, before anything is expanded or fetched. A plain
`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, which CAT tools write, is accepted and never loaded
(expat does not fetch external DTDs). Parsing is streamed (`iterparse`), so memory stays
bounded by the file size limit of `workbench.fileio`.

Writing is done by hand (`XmlWriter`) rather than through ElementTree or translate-toolkit:
we need fixed attribute order, a byte-exact text content (carriage returns written as
`&#13;` so a parser gives them back) and a clear refusal of characters XML 1.0 cannot hold,
none of which those libraries guarantee. Every TBX/TMX/XLIFF reader should use `iterparse`.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DET

from workbench.errors import WorkbenchError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Encodings expat decodes itself; anything else declared (GBK, GB18030, Big5…) is decoded
# by Python first and handed to expat as UTF-8.
_EXPAT_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
_DECLARATION_TEXT = re.compile(r"^(\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"'])[A-Za-z0-9._:-]{1,40}([\"'])")


def iterparse(data: bytes, path: str | Path, events: tuple[str, ...] = ("start", "end")) -> Iterator[tuple[str, ET.Element]]:
    """Yield (event, element) from XML bytes; any malformed or hostile input is a WorkbenchError."""
    data = _to_expat_encoding(data, path)
    try:
        it = DET.iterparse(io.BytesIO(data), events=events, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ET.ParseError, ValueError) as exc:  # pragma: no cover - lazy parser
        raise _error(exc, path) from None
    while True:
        try:
            item = next(it)
        except StopIteration:
            return
        except (DefusedXmlException, ET.ParseError, ValueError, LookupError, UnicodeError) as exc:
            raise _error(exc, path) from None
        yield item


def _to_expat_encoding(data: bytes, path: str | Path) -> bytes:
    m = _DECLARATION.match(data[:300])
    if not m:
        return data
    encoding = m.group(1).decode("ascii").lower()
    if encoding in _EXPAT_ENCODINGS:
        return data
    try:
        text = data.decode(encoding)
    except LookupError:
        raise WorkbenchError(f"XML declares an unknown encoding {encoding!r}", path) from None
    except UnicodeDecodeError as exc:
        raise WorkbenchError(f"XML declared as {encoding} has invalid bytes at byte {exc.start}", path) from None
    # Declare the text as what it now is.
    return _DECLARATION_TEXT.sub(r"\g<1>utf-8\g<2>", text, count=1).encode("utf-8")


def _error(exc: Exception, path: str | Path) -> WorkbenchError:
    if isinstance(exc, DefusedXmlException):
        return WorkbenchError(
            "XML with entity declarations is refused (entity expansion or external entities)", path
        )
    if isinstance(exc, ET.ParseError):
        line, column = getattr(exc, "position", (None, None))
        message = str(exc).split(":")[0]
        return WorkbenchError(f"malformed XML: {message}", path, line, (column or 0) + 1 if line else None)
    return WorkbenchError(f"unreadable XML: {exc}", path)


def local_name(tag: object) -> str:
    """`{namespace}name` → `name` (comments and processing instructions give '')."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def inline_text(elem: ET.Element, skip: frozenset[str], keep: frozenset[str] | None = None) -> str:
    """The plain text of a segment: its text and that of `keep` children, not of `skip` ones.

    Inline codes (`ph`, `bpt`, … in `skip`) hold the native markup of the original format,
    not translatable text; their tails are text. Walked without recursion so that a hostile
    nesting depth cannot exhaust the stack.
    """
    out: list[str] = [elem.text or ""]
    # A stack of elements still to visit and of tails to emit once a subtree is done.
    stack: list[ET.Element | str] = list(reversed(list(elem)))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        if item.tail:
            stack.append(item.tail)
        name = local_name(item.tag)
        if name and name not in skip and (keep is None or name in keep):
            out.append(item.text or "")
            stack.extend(reversed(list(item)))
    return "".join(out)


# -- writing ------------------------------------------------------------------------------


# The complement of XML 1.0's Char production (#x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_xml_text(text: str, where: str) -> None:
    """Refuse text XML 1.0 cannot hold (control characters), naming where it is."""
    m = _ILLEGAL.search(text)
    if m:
        raise WorkbenchError(f"{where} holds the character U+{ord(m.group()):04X}, which XML cannot hold")


def escape_text(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def escape_attr(text: str) -> str:
    return (
        escape_text(text).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
    )


class XmlWriter:
    """A minimal pretty-printing XML writer: fixed attribute order, exact element text."""

    def __init__(self) -> None:
        self._parts: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
        self._depth = 0

    @staticmethod
    def _attrs(attrs: list[tuple[str, str]] | None) -> str:
        return "".join(f' {k}="{escape_attr(v)}"' for k, v in attrs or [])

    def raw(self, line: str) -> None:
        self._parts.append("  " * self._depth + line + "\n")

    def open(self, tag: str, attrs: list[tuple[str, str]] | None = None) -> None:
        self.raw(f"<{tag}{self._attrs(attrs)}>")
        self._depth += 1

    def close(self, tag: str) -> None:
        self._depth -= 1
        self.raw(f"</{tag}>")

    def empty(self, tag: str, attrs: list[tuple[str, str]] | None = None) -> None:
        self.raw(f"<{tag}{self._attrs(attrs)}/>")

    def leaf(self, tag: str, text: str, attrs: list[tuple[str, str]] | None = None, where: str = "") -> None:
        """An element with text content only, written on one line so no whitespace is added."""
        check_xml_text(text, where or f"<{tag}>")
        self.raw(f"<{tag}{self._attrs(attrs)}>{escape_text(text)}</{tag}>")

    def text(self) -> str:
        return "".join(self._parts)
