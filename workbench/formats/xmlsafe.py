"""Reading XML a user hands in without letting it attack us, and writing XML exactly.

Reading streams through lxml (libxml2) with entity substitution, DTD loading and network
access all off, and refuses any document whose DTD declares an entity: "billion laughs"
(nested internal entities) and XXE (`<!ENTITY x SYSTEM "file:///etc/passwd">`) are refused
before anything is expanded or fetched. A plain `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, which
CAT tools write, is accepted and never loaded. `huge_tree` stays off, so libxml2's own limits
hold (nesting 256 deep, 10 MB text nodes). lxml rather than defusedxml: the same safety,
and its C tree builder reads a 56 MB memory about three times faster than defusedxml's
pure-Python one. Every TBX/TMX/XLIFF reader should use `iterparse`.

Writing is done by hand (`XmlWriter`) rather than through ElementTree or translate-toolkit:
we need fixed attribute order, a byte-exact text content (carriage returns written as
`&#13;` so a parser gives them back) and a clear refusal of characters XML 1.0 cannot hold,
none of which those libraries guarantee.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from workbench.errors import WorkbenchError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_POSITION = re.compile(r",? line \d+, column \d+$")


def iterparse(
    data: bytes,
    path: str | Path,
    root: str | tuple[str, ...],
    tags: tuple[str, ...],
    events: tuple[str, ...] = ("end",),
) -> Iterator[tuple[str, etree._Element]]:
    """Yield (event, element) for the elements named `tags` (any namespace) of a document
    whose root is `root` (or one of them: TBX has `martif` and `tbx`); malformed, hostile or
    other documents are a WorkbenchError."""
    try:
        it = etree.iterparse(
            io.BytesIO(data),
            events=events,
            tag=[f"{{*}}{t}" for t in tags],
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        checked = False
        for event, elem in it:
            if not checked:  # the DOCTYPE and the root have been read by the first event
                _check_document(elem.getroottree(), root, path)
                checked = True
            yield event, elem
        if not checked and it.root is not None:
            _check_document(it.root.getroottree(), root, path)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position and exc.position[0] else (None, None)
        message = _POSITION.sub("", exc.msg or "unreadable") or "unreadable"
        message = message.replace(", use XML_PARSE_HUGE option", "")  # an option we keep off
        if message == "no element found" and not data.strip():
            message = "empty file"
        raise WorkbenchError(f"malformed XML: {message}", path, line, column) from None
    except (etree.LxmlError, ValueError, LookupError, UnicodeError) as exc:
        raise WorkbenchError(f"unreadable XML: {exc}", path) from None


def _check_document(tree: etree._ElementTree, root: str | tuple[str, ...], path: str | Path) -> None:
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise WorkbenchError(
            "XML with entity declarations is refused (entity expansion or external entities)", path
        )
    roots = (root,) if isinstance(root, str) else root
    name = local_name(tree.getroot().tag)
    if name not in roots:
        expected = " or ".join(f"<{r}>" for r in roots)
        raise WorkbenchError(f"not {roots[0].upper()}: the root element is <{name}>, not {expected}", path)


def release(elem: etree._Element) -> None:
    """Free a unit once read, and the emptied ones before it: memory stays flat on big files."""
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def local_name(tag: object) -> str:
    """`{namespace}name` → `name` (entities and other non-elements give '')."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1] if tag[:1] == "{" else tag


def inline_text(elem: etree._Element, skip: frozenset[str], keep: frozenset[str] | None = None) -> str:
    """The plain text of a segment: its text and that of `keep` children, not of `skip` ones.

    Inline codes (`ph`, `bpt`, … in `skip`) hold the native markup of the original format,
    not translatable text; their tails are text. Walked without recursion so that a hostile
    nesting depth cannot exhaust the stack.
    """
    out: list[str] = [elem.text or ""]
    # A stack of elements still to visit and of tails to emit once a subtree is done.
    stack: list[etree._Element | str] = list(reversed(list(elem)))
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
