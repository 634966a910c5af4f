"""XLIFF 1.2: the alignment as a bilingual file a CAT tool opens (source zh-CN, target en).

One trans-unit per pair (id = pair id): confirmed pairs are `state="final"` and approved,
the aligner's are `state="needs-review-translation"`. Sentence lengths, score and paragraph
ride on attributes of our own namespace, the document's metadata on a header prop-group,
so that reading our own file back gives the same alignment. XLIFF 2.0 (`unit`/`segment`)
is read too. Written by our `XmlWriter` for the reasons given in `xmlsafe`.
"""

from __future__ import annotations

from pathlib import Path

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.formats import interchange as ix
from workbench.formats import sentences
from workbench.formats.xmlsafe import XmlWriter, inline_text, iterparse, local_name, release
from workbench.model import CONFIRMED, Alignment

NS = "urn:oasis:names:tc:xliff:document:1.2"
WB = "urn:workbench:alignment:1"
_WB = "{" + WB + "}"
LANG = {"zh": "zh-CN", "en": "en"}
# Inline elements holding native codes (1.2 and 2.0), whose text is not translatable text.
_CODES = frozenset({"bpt", "ept", "ph", "it", "x", "bx", "ex", "sub", "sc", "ec", "cp", "sm", "em"})
_CONFIRMED_STATES = {"final", "signed-off"}


def dump_xliff(al: Alignment) -> str:
    w = XmlWriter()
    w.open("xliff", [("version", "1.2"), ("xmlns", NS), ("xmlns:wb", WB)])
    original = al.source.path or al.title or "alignment"
    w.open(
        "file",
        [("original", original), ("source-language", LANG["zh"]), ("target-language", LANG["en"]), ("datatype", "plaintext")],
    )
    w.open("header")
    w.empty("tool", [("tool-id", "workbench"), ("tool-name", "workbench"), ("tool-version", __version__)])
    w.open("prop-group", [("name", "workbench")])
    for kind, value in ix.header_props(al):
        w.leaf("prop", value, [("prop-type", kind)], where=f"the {kind} prop")
    w.close("prop-group")
    w.close("header")
    w.open("body")
    for p in al.pairs:
        where = f"pair {p.id}"
        attrs = [("id", str(p.id))]
        if p.status == CONFIRMED:
            attrs.append(("approved", "yes"))
        if p.score is not None:
            attrs.append(("wb:score", repr(float(p.score))))
        if p.para is not None:
            attrs.append(("wb:para", str(p.para)))
        w.open("trans-unit", attrs)
        w.leaf(
            "source",
            sentences.join(p.zh, "zh"),
            [("xml:space", "preserve"), ("wb:lengths", sentences.lengths(p.zh))],
            where=f"the zh side of {where}",
        )
        if p.status == CONFIRMED:
            state = "final"
        else:
            state = "needs-review-translation" if p.en else "needs-translation"
        w.leaf(
            "target",
            sentences.join(p.en, "en"),
            [("xml:space", "preserve"), ("state", state), ("wb:lengths", sentences.lengths(p.en))],
            where=f"the en side of {where}",
        )
        if p.note:
            w.leaf("note", p.note, where=f"the note of {where}")
        w.close("trans-unit")
    w.close("body")
    w.close("file")
    w.close("xliff")
    return w.text()


def read_xliff(data: bytes, path: str | Path) -> Alignment:
    """An alignment from XLIFF 1.2 or 2.0 bytes (source and target in either language order)."""
    path = str(path)
    b = ix.Builder(path=path, title=Path(path).stem)
    swap = False
    tags = ("file", "prop-group", "trans-unit", "unit")
    for event, elem in iterparse(data, path, root="xliff", tags=tags, events=("start", "end")):
        name = local_name(elem.tag)
        if event == "start":
            if name == "file":  # languages: on the file (1.2) or on the root (2.0)
                root = elem.getroottree().getroot()
                swap = _swapped(root.get("srcLang"), root.get("trgLang"), path, swap)
                swap = _swapped(elem.get("source-language"), elem.get("target-language"), path, swap)
        elif name == "prop-group" and elem.get("name") == "workbench":
            for prop in elem:
                if local_name(prop.tag) == "prop" and prop.get("prop-type"):
                    b.header_prop(prop.get("prop-type") or "", prop.text or "")
        elif name in ("trans-unit", "unit"):
            _read_unit(elem, b, swap)
            release(elem)
    return b.build()


def _swapped(src: str | None, trg: str | None, path: str, default: bool) -> bool:
    """Whether the file's source is English and its target Chinese; refuse other languages."""
    if src is None and trg is None:
        return default
    sides = (ix.lang_side(src), ix.lang_side(trg) if trg else "")  # "": no target language given
    if sides in (("zh", "en"), ("zh", "")):
        return False
    if sides in (("en", "zh"), ("en", "")):
        return True
    raise WorkbenchError(f"XLIFF languages are {src} → {trg}; expected Chinese and English", path)


def _read_unit(unit, b: ix.Builder, swap: bool) -> None:
    texts: dict[str, list[str]] = {"source": [], "target": []}
    lengths: dict[str, str | None] = {"source": None, "target": None}
    state, notes = None, []
    # 1.2: trans-unit > source, target; 2.0: unit > segment* > source, target.
    holders = [unit] + [c for c in unit if local_name(c.tag) in ("segment", "ignorable")]
    for holder in holders:
        for c in holder:
            name = local_name(c.tag)
            if name in texts:
                texts[name].append(inline_text(c, _CODES))
                lengths[name] = lengths[name] or c.get(_WB + "lengths")
                if name == "target":
                    state = c.get("state") or state
            elif name == "notes":
                notes.extend(n.text for n in c if local_name(n.tag) == "note" and n.text)
            elif name == "note" and c.text:
                notes.append(c.text)
        if holder is not unit:
            state = holder.get("state") or state
    src_lang, trg_lang = ("en", "zh") if swap else ("zh", "en")
    # Several 2.0 segments join as one text; recorded lengths only fit a single one.
    one = len(texts["source"]) <= 1 and len(texts["target"]) <= 1
    src = "".join(texts["source"]) if src_lang == "zh" else " ".join(texts["source"])
    trg = " ".join(texts["target"]) if trg_lang == "en" else "".join(texts["target"])
    side = {
        src_lang: sentences.split(src, src_lang, lengths["source"] if one else None),
        trg_lang: sentences.split(trg, trg_lang, lengths["target"] if one else None),
    }
    confirmed = unit.get("approved") == "yes" or state in _CONFIRMED_STATES
    b.unit(
        side["zh"],
        side["en"],
        pair_id=unit.get("id"),
        status=CONFIRMED if confirmed else None,
        score=unit.get(_WB + "score"),
        para=unit.get(_WB + "para"),
        note="\n".join(notes) or None,
    )
