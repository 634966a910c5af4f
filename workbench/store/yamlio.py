"""Safe, position-aware YAML reading and canonical YAML writing for the project's formats.

Reading composes the node tree with PyYAML's safe machinery (C parser where present) and
walks it by hand, so every validation error can name the line and column. Tags, anchors and
aliases are refused: our formats have no use for them, and they are how YAML files attack
(`!!python/object`, alias bombs).

Writing uses the safe dumper with a fixed style, so that an unchanged document always comes
out as the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from workbench.errors import WorkbenchError
from workbench.text.reading import read_text

try:
    _Loader = yaml.CSafeLoader
    _Dumper = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper

_STD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}


class Node:
    """A YAML node seen through the file it came from: value access with positions."""

    def __init__(self, node: yaml.Node, path: str, seen: set[int]) -> None:
        if id(node) in seen:
            raise WorkbenchError(
                "YAML anchors and aliases are not allowed (this value is reused by an alias)", path, *_pos(node)
            )
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise WorkbenchError(f"YAML tag {node.tag!r} is not allowed", path, *_pos(node))
        self.node = node
        self.path = path
        self._seen = seen

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1

    @property
    def column(self) -> int:
        return self.node.start_mark.column + 1

    def error(self, message: str) -> WorkbenchError:
        return WorkbenchError(message, self.path, self.line, self.column)

    def is_null(self) -> bool:
        return self.node.tag == _STD + "null"

    def mapping(self, what: str) -> dict[str, Node]:
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error(f"{what} must be a mapping")
        out: dict[str, Node] = {}
        for k, v in self.node.value:
            key = Node(k, self.path, self._seen)
            if not isinstance(k, yaml.ScalarNode):
                raise key.error(f"keys of {what} must be plain words")
            if k.value in out:
                raise key.error(f"duplicate key {k.value!r} in {what}")
            out[k.value] = Node(v, self.path, self._seen)
        return out

    def sequence(self, what: str) -> list[Node]:
        if self.is_null():
            return []
        if not isinstance(self.node, yaml.SequenceNode):
            raise self.error(f"{what} must be a list")
        return [Node(v, self.path, self._seen) for v in self.node.value]

    def scalar(self) -> Any:
        if not isinstance(self.node, yaml.ScalarNode):
            raise self.error("expected a single value, found a list or mapping")
        try:
            return _constructor.construct_object(self.node, deep=True)
        except yaml.YAMLError as exc:
            raise self.error(f"bad value: {str(exc).splitlines()[-1]}") from None

    def text(self, what: str, optional: bool = False) -> str | None:
        if self.is_null() and optional:
            return None
        v = self.scalar()
        if isinstance(v, bool) or v is None:
            raise self.error(f"{what} must be text")
        if not isinstance(v, str):
            v = self.node.value  # a number written where text is expected: keep it as written
        if "\x00" in v:
            raise self.error(f"{what} holds a NUL character (U+0000): refused, it is never written")
        return v

    def integer(self, what: str) -> int:
        v = self.scalar()
        if not isinstance(v, int) or isinstance(v, bool):
            raise self.error(f"{what} must be a whole number")
        if not _DECIMAL.fullmatch(self.node.value):  # YAML 1.1 also reads 1_000, 0x10, 010, 1:30
            raise self.error(f"{what} must be written in plain digits (like 1000), not {self.node.value!r}")
        return v

    def number(self, what: str) -> float:
        v = self.scalar()
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise self.error(f"{what} must be a number")
        return float(v)

    def text_list(self, what: str) -> list[str]:
        """A list of text, or one text written alone (as glossary forms may be)."""
        if isinstance(self.node, yaml.SequenceNode):
            return [n.text(f"each item of {what}") or "" for n in self.sequence(what)]
        if self.is_null():
            return []
        return [self.text(what) or ""]


_constructor = yaml.constructor.SafeConstructor()
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_root(path: str | Path, text: str | None = None) -> Node:
    """Parse a YAML file into a checked root node, or raise a WorkbenchError naming the place."""
    path = str(path)
    if text is None:
        text = read_text(path)
    if not text.strip():
        raise WorkbenchError("empty file", path)
    size = len(text.encode("utf-8")) if len(text) * 4 > MAX_GENERAL_BYTES else len(text)
    if size > MAX_GENERAL_BYTES:
        raise WorkbenchError(
            f"too large for the general YAML reader ({size / 1e6:.0f} MB; its limit is "
            f"{MAX_GENERAL_BYTES / 1e6:.0f} MB, as it needs some 90 bytes of memory a byte): an aligned file "
            "this big must be in the layout workbench writes (block style, one sentence a line), "
            "which is read line by line", path)
    try:
        _check_depth(text, path)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        if mark is not None:
            raise WorkbenchError(f"malformed YAML: {problem}", path, mark.line + 1, mark.column + 1) from None
        raise WorkbenchError(f"malformed YAML: {problem}", path) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (e.g. U+007F)
        at = exc.position
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise WorkbenchError(f"malformed YAML: character {char}: {exc.reason}", path, line, column) from None
    except yaml.YAMLError as exc:
        raise WorkbenchError(f"malformed YAML: {str(exc).splitlines()[0]}", path) from None
    if root is None:
        raise WorkbenchError("empty file", path)
    return Node(root, path, set())


#: The general reader (PyYAML's composer) holds the whole node tree: about 90 bytes of memory
#: per byte of a flow-style file. Larger files must be in the canonical layout, which the
#: alignment reader takes line by line (a 1M-pair flow-style file would need some 5 GB).
MAX_GENERAL_BYTES = 12 * 1000 * 1000

#: Our formats nest four deep; libyaml's C composer recurses without limit and a file nested
#: some 50,000 deep crashes the interpreter (segfault), so deeper files are refused first.
MAX_DEPTH = 64


def _check_depth(text: str, path: str) -> None:
    """Refuse YAML nested deeper than MAX_DEPTH, found by the (iterative) event parser."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise WorkbenchError(
                    f"YAML nested more than {MAX_DEPTH} levels deep", path, mark.line + 1, mark.column + 1
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def check_format(fields: dict[str, Node], root: Node, expected: str) -> None:
    """Refuse a file whose `workbench:` marker is not the expected format."""
    marker = fields.get("workbench")
    if marker is None:
        raise root.error(f"not a workbench file: the first key must be 'workbench: {expected}'")
    value = marker.text("workbench")
    if value != expected:
        raise marker.error(f"wrong format marker {value!r}: expected {expected!r}")


def unknown_keys(fields: dict[str, Node], allowed: tuple[str, ...], what: str) -> None:
    for key, node in fields.items():
        if key not in allowed:
            raise node.error(f"unknown key {key!r} in {what} (expected one of: {', '.join(allowed)})")


# -- writing ------------------------------------------------------------------------------


class Flow(dict):
    """A mapping written on one line: `{lang: zh, path: …}`."""


class _Dumper(_Dumper):  # type: ignore[misc,valid-type]
    pass


def _represent_flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.Node:
    return dumper.represent_mapping(_STD + "map", data.items(), flow_style=True)


def _represent_dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    return dumper.represent_mapping(_STD + "map", data.items(), flow_style=False)


_Dumper.add_representer(Flow, _represent_flow)
_Dumper.add_representer(dict, _represent_dict)


_INDICATOR_START = set("-?:,[]{}#&*!|>'\"%@` ")
# Characters PyYAML (allow_unicode) writes as they are, none of them a line break or BOM.
_PLAIN_CHARS = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")


def printable_line(s: str) -> bool:
    """True if `s` has only characters YAML writes as they are, and no line break."""
    return bool(_PLAIN_CHARS.fullmatch(s))


def plain_ok(s: str, resolve: bool = True) -> bool:
    """True if `s` is written as a plain scalar by `dump` and read back as this very string.

    Conservative: when in doubt it says no, and the caller quotes with `dump_scalar`.
    """
    if not s or s[0] in _INDICATOR_START or s[-1] in " :" or not printable_line(s):
        return False
    if s.startswith("..."):  # the document end marker: PyYAML quotes it (as "---", caught above)
        return False
    if ": " in s or " #" in s:
        return False
    if resolve and _Dumper.resolve(_Dumper, yaml.ScalarNode, s, (True, False)) != _STD + "str":
        return False
    return True


class NotCanonical(Exception):
    """The text is not in the canonical form `dump` writes: read it with the general reader."""


def canonical_scalar(text: str) -> str:
    """A plain or single-quoted scalar on one line, as the canonical writer writes them.

    Raises NotCanonical for anything else (double quotes, a comment, a value YAML would read
    as a number, a boolean or null, characters YAML escapes): the general reader decides.
    """
    if text.startswith("'"):
        inner = text[1:-1]
        if len(text) < 2 or not text.endswith("'") or "'" in inner.replace("''", ""):
            raise NotCanonical
        value = inner.replace("''", "'")
        if not printable_line(value):
            raise NotCanonical
        return value
    if not plain_ok(text):
        raise NotCanonical
    return text


def scalar_text(s: str) -> str:
    """A string as `dump` writes it in a block collection: as it is where it is plain, else
    through PyYAML (ValueError where that takes several lines)."""
    return s if plain_ok(s) else dump_scalar(s)


def dump_scalar(value: object) -> str:
    """One scalar as `dump` writes it inside a block collection (quoted where needed)."""
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1_000_000)
    if text.endswith("\n...\n"):
        text = text[: -len("\n...\n")]
    if "\n" in text.rstrip("\n"):
        raise ValueError("a scalar dumped on several lines")
    return text.rstrip("\n")


def dump(document: dict) -> str:
    """The canonical text of a document: block style, keys in the given order, UTF-8 text."""
    return yaml.dump(
        document,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )
