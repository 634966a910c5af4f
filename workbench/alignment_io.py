"""The aligned YAML file (format `alignment/1`): load with validation, save atomically.

The text written for a document is canonical: loading a file the tool wrote and saving it
again gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.fileio import atomic_write
from workbench.model import STATUSES, Alignment, DocRef, Ignored, Pair
from workbench.yamlio import Flow, Node, check_format, dump, load_root, unknown_keys

FORMAT = "alignment/1"
_TOP_KEYS = ("workbench", "title", "source", "target", "glossary", "pairs", "ignored")
_PAIR_KEYS = ("id", "zh", "en", "status", "score", "para", "note")
_DOC_KEYS = ("lang", "path", "sha256")
_IGNORED_KEYS = ("check", "pair", "term", "reason")


def load_alignment(path: str | Path, text: str | None = None) -> Alignment:
    """Read and validate an aligned file; a WorkbenchError names file, line and column."""
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
    f = node.mapping(what)
    unknown_keys(f, _DOC_KEYS, what)
    return DocRef(
        lang=(f["lang"].text(f"{what}.lang") if "lang" in f else default_lang) or default_lang,
        path=f["path"].text(f"{what}.path", optional=True) if "path" in f else None,
        sha256=f["sha256"].text(f"{what}.sha256", optional=True) if "sha256" in f else None,
    )


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
    """The canonical YAML text of an aligned document."""
    doc: dict = {"workbench": FORMAT, "title": al.title}
    doc["source"] = _flow_docref(al.source)
    doc["target"] = _flow_docref(al.target)
    if al.glossary:
        doc["glossary"] = al.glossary
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
    doc["pairs"] = pairs
    if al.ignored:
        doc["ignored"] = [
            Flow((k, v) for k, v in (("check", i.check), ("pair", i.pair), ("term", i.term), ("reason", i.reason)) if v is not None)
            for i in al.ignored
        ]
    return dump(doc)


def _flow_docref(d: DocRef) -> Flow:
    return Flow((k, v) for k, v in (("lang", d.lang), ("path", d.path), ("sha256", d.sha256)) if v is not None)


def save_alignment(al: Alignment, path: str | Path) -> None:
    """Write the aligned file atomically (temporary file, fsync, rename)."""
    atomic_write(path, dump_alignment(al))


def check_against_documents(al: Alignment, zh: list[str], en: list[str], path: str | Path) -> None:
    """Raise if the pairs do not hold exactly the documents' sentences, once each, in order."""
    for side, have, want in (("zh", al.zh_sentences(), zh), ("en", al.en_sentences(), en)):
        if have != want:
            at = next((i for i, (a, b) in enumerate(zip(have, want)) if a != b), min(len(have), len(want)))
            raise WorkbenchError(
                f"the {side} sentences of the pairs differ from the document at sentence {at + 1}", path
            )
