"""TMX 1.4b: write an alignment as a translation memory, read one back (ours or any tool's).

Written by our own `XmlWriter`, not translate-toolkit's tmxfile: its model has no place for
per-tuv props nor header props, and we want the header attributes and escaping exact.
Read with the safe streaming parser of `xmlsafe` (no entities, no DTD loading, no network).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from workbench import __version__
from workbench.formats import interchange as ix
from workbench.formats import sentences
from workbench.formats.xmlsafe import XML_LANG, XmlWriter, inline_text, iterparse, local_name, release
from workbench.model import Alignment

LANG = {"zh": "zh-CN", "en": "en"}
# Inline elements that hold native codes of the original format, not text.
_CODES = frozenset({"bpt", "ept", "ph", "it", "ut", "sub"})


def creation_date() -> str:
    """Now in TMX's form (YYYYMMDDThhmmssZ, UTC); SOURCE_DATE_EPOCH fixes it for reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        t = time.gmtime(int(epoch)) if epoch else time.gmtime()
    except (ValueError, OverflowError, OSError):
        t = time.gmtime()
    return time.strftime("%Y%m%dT%H%M%SZ", t)


def dump_tmx(al: Alignment) -> str:
    """The TMX text: one tu per pair with both sides, the rest of the document in props."""
    w = XmlWriter()
    w.open("tmx", [("version", "1.4")])
    w.open(
        "header",
        [
            ("creationtool", "workbench"),
            ("creationtoolversion", __version__),
            ("segtype", "sentence"),
            ("o-tmf", "workbench-alignment/1"),
            ("adminlang", "en"),
            ("srclang", LANG["zh"]),
            ("datatype", "plaintext"),
            ("creationdate", creation_date()),
        ],
    )
    for kind, value in ix.header_props(al) + ix.one_sided_props(al):
        w.leaf("prop", value, [("type", kind)], where=f"the {kind} prop")
    w.close("header")
    w.open("body")
    for p in al.pairs:
        if not (p.zh and p.en):
            continue
        where = f"pair {p.id}"
        w.open("tu")
        if p.note:
            w.leaf("note", p.note, where=f"the note of {where}")
        w.leaf("prop", str(p.id), [("type", ix.PAIR_ID)])
        w.leaf("prop", p.status, [("type", ix.STATUS)], where=where)
        if p.score is not None:
            w.leaf("prop", repr(float(p.score)), [("type", ix.SCORE)])
        if p.para is not None:
            w.leaf("prop", str(p.para), [("type", ix.PARA)])
        for side in ("zh", "en"):
            sents = getattr(p, side)
            w.open("tuv", [("xml:lang", LANG[side])])
            w.leaf("prop", sentences.lengths(sents), [("type", ix.LENGTHS)])
            w.leaf("seg", sentences.join(sents, side), where=f"the {side} side of {where}")
            w.close("tuv")
        w.close("tu")
    w.close("body")
    w.close("tmx")
    return w.text()


def read_tmx(data: bytes, path: str | Path) -> Alignment:
    """An alignment from TMX bytes: the zh and en tuv of each tu, whatever else it holds."""
    path = str(path)
    b = ix.Builder(path=path, title=Path(path).stem)
    for _, elem in iterparse(data, path, root="tmx", tags=("header", "tu")):
        if local_name(elem.tag) == "header":
            for prop in elem:
                if local_name(prop.tag) == "prop" and prop.get("type"):
                    b.header_prop(prop.get("type") or "", prop.text or "")
        else:
            _read_tu(elem, b)
        release(elem)
    return b.build()


def _read_tu(tu, b: ix.Builder) -> None:
    props: dict[str, str] = {}
    notes: list[str] = []
    found: dict[str, tuple[int, str, str | None]] = {}  # side → (preference, text, lengths)
    for child in tu:
        name = local_name(child.tag)
        if name == "prop" and child.get("type"):
            props.setdefault(child.get("type") or "", child.text or "")
        elif name == "note" and child.text:
            notes.append(child.text)
        elif name == "tuv":
            code = child.get(XML_LANG) or child.get("lang") or ""
            side = ix.lang_side(code)
            if side is None:
                continue
            rank = ix.zh_preference(code) if side == "zh" else 0
            if side in found and found[side][0] <= rank:
                continue
            seg = next((c for c in child if local_name(c.tag) == "seg"), None)
            text = inline_text(seg, _CODES) if seg is not None else ""
            lengths = next(
                (c.text for c in child if local_name(c.tag) == "prop" and c.get("type") == ix.LENGTHS), None
            )
            found[side] = (rank, text, lengths)
    if not found:
        return
    zh = sentences.split(found["zh"][1], "zh", found["zh"][2]) if "zh" in found else []
    en = sentences.split(found["en"][1], "en", found["en"][2]) if "en" in found else []
    b.unit(
        zh,
        en,
        pair_id=props.get(ix.PAIR_ID),
        status=props.get(ix.STATUS),
        score=props.get(ix.SCORE),
        para=props.get(ix.PARA),
        note="\n".join(notes) or None,
    )
