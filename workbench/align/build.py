"""From two documents to an aligned document: run the aligner, build the pairs."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench.glossary.model import Glossary
from workbench.model import Alignment, DocRef, Pair
from workbench.text.documents import Document, guess_lang


def glossary_pairs(glossary: Glossary | None) -> list[tuple[str, list[str]]]:
    """The glossary as (zh form, accepted renderings) for the aligner."""
    if glossary is None:
        return []
    return [(form, t.accepted) for t in glossary.terms for form in t.zh]


def language_warnings(zh: Document, en: Document) -> list[str]:
    """Warnings worth a line: a side that is empty, or not in the language it should be."""
    out = []
    for doc, want in ((zh, "zh"), (en, "en")):
        if not doc.sentences():
            out.append(f"{doc.path}: no sentences: every sentence of the other side will be unaligned")
            continue
        got = guess_lang(" ".join(doc.sentences()))
        if got is None:
            out.append(f"{doc.path}: no letters or Chinese characters found: the alignment will be by length only")
        elif got != want:
            name = {"zh": "Chinese", "en": "English"}
            out.append(f"{doc.path}: this looks like {name[got]}, expected {name[want]} (are the files swapped?)")
    return out


def align_documents(
    zh: Document,
    en: Document,
    *,
    glossary: Glossary | None = None,
    out_path: str | Path | None = None,
    title: str = "",
    progress: Callable[[float], None] | None = None,
    semantic: bool = False,
    cache: bool = True,
) -> Alignment:
    """Align two documents into pairs; paths in the result are relative to `out_path`'s folder.
    `semantic` adds the sentence encoder's similarity to the bead score (its vectors cached in
    the user's data folder unless `cache` is false); the result records whether it did."""
    from workbench.align import align  # the aligner loads its dictionary: only when needed

    zh_s, en_s = zh.sentences(), en.sentences()
    beads = align(
        zh_s,
        en_s,
        zh_para=zh.sentence_paragraphs(),
        en_para=en.sentence_paragraphs(),
        glossary=glossary_pairs(glossary),
        progress=progress,
        semantic=semantic,
        cache=cache,
    )
    base = Path(os.path.realpath(out_path)).parent if out_path else Path.cwd()
    al = Alignment(
        title=title or _title_from(zh, en),
        source=DocRef("zh", _relative(zh.path, base), zh.sha256, zh.format, zh.encoding),
        target=DocRef("en", _relative(en.path, base), en.sha256, en.format, en.encoding),
    )
    al.pairs = pairs_from_beads(beads, zh_s, en_s, zh.sentence_paragraphs(), start_id=1)
    al.semantic = semantic and _encoder_available()  # without the encoder, align() went lexical-only
    return al


def _encoder_available() -> bool:
    from workbench.align import semantic

    return semantic.available()


def pairs_from_beads(
    beads: Sequence, zh: Sequence[str], en: Sequence[str], zh_para: Sequence[int] | None = None, start_id: int = 1
) -> list[Pair]:
    """Pairs holding the beads' sentences; `para` marks a pair that starts a zh paragraph."""
    pairs = []
    for n, b in enumerate(beads):
        para = None
        if zh_para and b.zh:
            first = b.zh[0]
            if first == 0 or zh_para[first] != zh_para[first - 1]:
                para = zh_para[first]
        pairs.append(
            Pair(
                id=start_id + n,
                zh=[zh[i] for i in b.zh],
                en=[en[i] for i in b.en],
                score=round(float(b.score), 3),
                para=para,
            )
        )
    return pairs


def relative_to(path: str | Path, base: Path) -> str:
    """`path` as the aligned YAML records it: relative to `base` (the output's folder)."""
    try:
        return Path(os.path.relpath(Path(os.path.realpath(path)), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(os.path.realpath(path)).as_posix()


_relative = relative_to


def _title_from(zh: Document, en: Document) -> str:
    for doc in (en, zh):
        if doc.paragraphs:
            return doc.paragraphs[0].text[:120]
    return ""
