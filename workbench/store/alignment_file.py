"""The aligned YAML file (format `alignment/1`): load with validation, save atomically.

The text written for a document is canonical: loading a file the tool wrote and saving it
again gives the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.model import STATUSES, Alignment, DocRef, Ignored, Pair
from workbench.store.atomic import atomic_write
from workbench.store.yamlio import (
    Flow,
    Node,
    NotCanonical,
    canonical_scalar,
    check_format,
    dump,
    dump_scalar,
    load_root,
    scalar_text,
    unknown_keys,
)
from workbench.text.reading import read_text

FORMAT = "alignment/1"
_TOP_KEYS = ("workbench", "title", "source", "target", "glossary", "aligner", "pairs", "ignored")
_PAIR_KEYS = ("id", "zh", "en", "status", "score", "para", "note")
_DOC_KEYS = ("lang", "path", "sha256", "format", "encoding")
_IGNORED_KEYS = ("check", "pair", "term", "reason")
_ALIGNER_KEYS = ("semantic",)


def load_alignment(path: str | Path, text: str | None = None) -> Alignment:
    """Read and validate an aligned file; a WorkbenchError names file, line and column.

    The pairs of a file in the canonical form this module writes are read by a line-by-line
    reader (PyYAML takes seconds on 10,000 pairs); anything else, and every error, goes
    through the general YAML reader, which gives the same result on what both accept.
    """
    if text is None:
        text = read_text(path)
    fast = _load_canonical(path, text)
    if fast is not None:
        return fast
    return _load_general(path, text)


def _load_general(path: str | Path, text: str) -> Alignment:
    root = load_root(path, text)
    top = root.mapping("the file")
    check_format(top, root, FORMAT)
    unknown_keys(top, _TOP_KEYS, "the file")
    al = Alignment()
    if "title" in top:
        al.title = top["title"].text("title", optional=True) or ""
    for side, lang in (("source", "zh"), ("target", "en")):
        if side in top:
            setattr(al, side, _docref(top[side], side, lang))
    if "glossary" in top:
        al.glossary = top["glossary"].text("glossary", optional=True)
    if "aligner" in top:
        al.semantic = _aligner(top["aligner"])
    if "pairs" not in top:
        raise root.error("missing 'pairs'")
    seen: dict[int, Node] = {}
    for node in top["pairs"].sequence("pairs"):
        pair = _pair(node)
        if pair.id in seen:
            raise node.error(f"duplicate pair id {pair.id} (first at line {seen[pair.id].line})")
        seen[pair.id] = node
        al.pairs.append(pair)
    if "ignored" in top:
        al.ignored = [_ignored(n) for n in top["ignored"].sequence("ignored")]
    return al


def _docref(node: Node, what: str, default_lang: str) -> DocRef:
    from workbench.text.inputs import INPUT_FORMATS

    f = node.mapping(what)
    unknown_keys(f, _DOC_KEYS, what)
    if "format" in f and f["format"].text(f"{what}.format", optional=True) not in (None, *INPUT_FORMATS):
        raise f["format"].error(f"{what}.format must be one of {', '.join(INPUT_FORMATS)}")
    return DocRef(
        lang=(f["lang"].text(f"{what}.lang") if "lang" in f else default_lang) or default_lang,
        path=f["path"].text(f"{what}.path", optional=True) if "path" in f else None,
        sha256=f["sha256"].text(f"{what}.sha256", optional=True) if "sha256" in f else None,
        format=f["format"].text(f"{what}.format", optional=True) if "format" in f else None,
        encoding=f["encoding"].text(f"{what}.encoding", optional=True) if "encoding" in f else None,
    )


def _aligner(node: Node) -> bool | None:
    """`aligner: {semantic: true}`: how `workbench align` aligned the file."""
    f = node.mapping("aligner")
    unknown_keys(f, _ALIGNER_KEYS, "aligner")
    if "semantic" not in f or f["semantic"].is_null():
        return None
    value = f["semantic"].scalar()
    if not isinstance(value, bool):
        raise f["semantic"].error("aligner.semantic must be true or false")
    return value


def _pair(node: Node) -> Pair:
    f = node.mapping("a pair")
    unknown_keys(f, _PAIR_KEYS, "a pair")
    if "id" not in f:
        raise node.error("a pair needs an 'id'")
    pid = f["id"].integer("id")
    if pid < 1:
        raise f["id"].error("pair ids are positive whole numbers")
    pair = Pair(id=pid)
    pair.zh = _sentences(f, "zh")
    pair.en = _sentences(f, "en")
    if "status" in f:
        status = f["status"].text("status")
        if status not in STATUSES:
            raise f["status"].error(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        pair.status = status
    if "score" in f and not f["score"].is_null():
        score = f["score"].number("score")
        if not 0.0 <= score <= 1.0:
            raise f["score"].error("score must be between 0 and 1")
        pair.score = score
    if "para" in f and not f["para"].is_null():
        pair.para = f["para"].integer("para")
        if pair.para < 0:
            raise f["para"].error("para (the paragraph a pair starts) cannot be negative")
    if "note" in f:
        pair.note = f["note"].text("note", optional=True)
    return pair


def _sentences(f: dict[str, Node], side: str) -> list[str]:
    if side not in f:
        return []
    out = []
    for n in f[side].sequence(side):
        s = n.text(f"a {side} sentence")
        if not s or not s.strip():
            raise n.error(f"empty {side} sentence")
        if "\t" in s:
            raise n.error(f"a tab inside a {side} sentence (character {s.index(chr(9)) + 1}): it would break "
                          "the columns of a TSV export; replace it with a space")
        out.append(s)
    return out


def _ignored(node: Node) -> Ignored:
    f = node.mapping("an ignored finding")
    unknown_keys(f, _IGNORED_KEYS, "an ignored finding")
    if "check" not in f:
        raise node.error("an ignored finding needs 'check'")
    return Ignored(
        check=f["check"].text("check") or "",
        pair=f["pair"].integer("pair") if "pair" in f and not f["pair"].is_null() else None,
        term=f["term"].text("term", optional=True) if "term" in f else None,
        reason=f["reason"].text("reason", optional=True) if "reason" in f else None,
    )


def dump_alignment(al: Alignment) -> str:
    """The canonical YAML text of an aligned document.

    The same text as PyYAML's dump of the whole document, written pair by pair: the header and
    the dismissed findings go through PyYAML, and so does any sentence that is not a plain
    scalar (quoted, or with characters YAML escapes).
    """
    try:
        return _dump_pairwise(al)
    except ValueError:  # a multi-line note or sentence: let PyYAML lay out the whole document
        return _dump_general(al)


def _dump_general(al: Alignment) -> str:
    head, tail = _dump_meta(al)
    pairs = []
    for p in al.pairs:
        d: dict = {"id": p.id, "zh": list(p.zh), "en": list(p.en), "status": p.status}
        if p.score is not None:
            d["score"] = round(float(p.score), 3)
        if p.para is not None:
            d["para"] = p.para
        if p.note:
            d["note"] = p.note
        pairs.append(d)
    return head + (dump({"pairs": pairs}) if pairs else "pairs: []\n") + tail


def _dump_pairwise(al: Alignment) -> str:
    head, tail = _dump_meta(al)
    if not al.pairs:
        return head + "pairs: []\n" + tail
    out = [head, "pairs:\n"]
    for p in al.pairs:
        out.append(f"- id: {p.id}\n")
        for side, sentences in (("zh", p.zh), ("en", p.en)):
            if not sentences:
                out.append(f"  {side}: []\n")
                continue
            out.append(f"  {side}:\n")
            out.extend(f"  - {scalar_text(x)}\n" for x in sentences)
        out.append(f"  status: {scalar_text(p.status)}\n")
        if p.score is not None:
            out.append(f"  score: {_float_text(round(float(p.score), 3))}\n")
        if p.para is not None:
            out.append(f"  para: {p.para}\n")
        if p.note:
            out.append(f"  note: {scalar_text(p.note)}\n")
    out.append(tail)
    return "".join(out)


def _float_text(x: float) -> str:
    text = repr(x)
    return text if re.fullmatch(r"\d+\.\d+", text) else dump_scalar(x)


def _dump_meta(al: Alignment) -> tuple[str, str]:
    """The canonical text before `pairs:` and after the pairs."""
    doc: dict = {"workbench": FORMAT, "title": al.title}
    doc["source"] = _flow_docref(al.source)
    doc["target"] = _flow_docref(al.target)
    if al.glossary:
        doc["glossary"] = al.glossary
    if al.semantic is not None:
        doc["aligner"] = Flow([("semantic", al.semantic)])
    tail = ""
    if al.ignored:
        ignored = [
            Flow((k, v) for k, v in (("check", i.check), ("pair", i.pair), ("term", i.term), ("reason", i.reason)) if v is not None)
            for i in al.ignored
        ]
        tail = dump({"ignored": ignored})
    return dump(doc), tail


# -- the canonical reader ---------------------------------------------------------------------

_ID = re.compile(r"- id: ([1-9][0-9]{0,17})")
_SCORE = re.compile(r"(?:0|1)(?:\.[0-9]+)?")
_INT = re.compile(r"[0-9]{1,18}")
_PAIR_FIELDS = ("zh", "en", "status", "score", "para", "note")


def _load_canonical(path: str | Path, text: str) -> Alignment | None:
    """The document, if `text` is in the canonical form and valid; None otherwise."""
    start = text.find("\npairs:\n")
    if start < 0:
        return None
    lines = text[start + len("\npairs:\n") :].split("\n")
    try:
        pairs, used = _canonical_pairs(lines)
    except NotCanonical:
        return None
    rest = "\n".join(lines[used:])
    try:
        al = _load_general(path, text[: start + 1] + "pairs: []\n" + rest)
    except WorkbenchError:
        return None  # let the general reader report it, with the right line number
    al.pairs = pairs
    return al


def _canonical_pairs(lines: list[str]) -> tuple[list[Pair], int]:
    """Pairs read from the lines after `pairs:`, and how many lines they took."""
    pairs: list[Pair] = []
    ids: set[int] = set()
    pair: Pair | None = None
    seen: list[str] = []
    side: list[str] | None = None
    n = 0
    for n, line in enumerate(lines):  # noqa: B007 (n is how far the pairs reach)
        if line.startswith("- "):
            m = _ID.fullmatch(line)
            if not m or int(m.group(1)) in ids:
                raise NotCanonical
            pair = Pair(id=int(m.group(1)))
            ids.add(pair.id)
            pairs.append(pair)
            seen, side = [], None
            continue
        if not line.startswith("  ") or pair is None:
            break  # the end of the pairs (or not canonical: the general reader decides)
        if line.startswith("  - "):
            if side is None:
                raise NotCanonical
            sentence = canonical_scalar(line[4:])
            if not sentence.strip():
                raise NotCanonical
            side.append(sentence)
            continue
        key, sep, value = line[2:].partition(":")
        if not sep or key not in _PAIR_FIELDS or key in seen:
            raise NotCanonical
        seen.append(key)
        side = None
        if key in ("zh", "en"):
            if value == " []":
                continue
            if value:
                raise NotCanonical
            side = pair.zh if key == "zh" else pair.en
        elif not value.startswith(" "):
            raise NotCanonical
        elif key == "status":
            if value[1:] not in STATUSES:
                raise NotCanonical
            pair.status = value[1:]
        elif key == "score":
            if not _SCORE.fullmatch(value[1:]) or float(value[1:]) > 1.0:
                raise NotCanonical
            pair.score = float(value[1:])
        elif key == "para":
            if not _INT.fullmatch(value[1:]):
                raise NotCanonical
            pair.para = int(value[1:])
        else:
            pair.note = canonical_scalar(value[1:])
    else:
        n = len(lines)
    return pairs, n


def _flow_docref(d: DocRef) -> Flow:
    return Flow((k, v) for k, v in (("lang", d.lang), ("path", d.path), ("sha256", d.sha256), ("format", d.format),
                                    ("encoding", d.encoding)) if v is not None)


def save_alignment(al: Alignment, path: str | Path) -> None:
    """Write the aligned file atomically (temporary file, fsync, rename)."""
    atomic_write(path, dump_alignment(al))
