"""The aligned file's invariant, checked against the documents it was made from.

DESIGN §2: every sentence of both documents is in exactly one pair, and pairs keep document
order. When the file records a document (`source`/`target` with `path` and `sha256`) and that
document is present with the same SHA-256, its sentences are read again (as `align` read them,
with or without --presplit) and compared with the file's:

- a document sentence in more pairs than the document has it, or sentences out of document
  order, is an error naming the pairs;
- a document sentence in no pair is an error naming where it belongs, unless the file holds
  sentences that are not in the document (the reviser edited text: "Edit pair" may split,
  join or rewrite sentences), in which case it is a warning;
- a document that changed since (another SHA-256) is a warning: nothing can be verified.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.model import Alignment
from workbench.text.reading import read_bytes


def verify_against_documents(al: Alignment, path: str | Path) -> list[str]:
    """Raise WorkbenchError if the invariant is broken; return warnings (may be empty)."""
    warnings: list[str] = []
    base = Path(path).parent
    for ref, side in ((al.source, "zh"), (al.target, "en")):
        if not ref.path or not ref.sha256:
            continue
        doc_path = base / ref.path
        if not doc_path.exists() and not doc_path.is_symlink():
            continue
        data = read_bytes(doc_path)
        if hashlib.sha256(data).hexdigest() != ref.sha256:
            warnings.append(f"the {side} document {ref.path} changed since it was aligned (SHA-256 differs): "
                            "the pairs are not checked against it")
            continue
        problem = _compare(al, side, _document_sentences(data, doc_path, side, ref.format, ref.encoding))
        if problem is None:
            continue
        error, message = problem
        if error:
            raise WorkbenchError(f"the pairs do not hold every {side} sentence of {ref.path} exactly once, in order: "
                                 f"{message}", path)
        warnings.append(message)
    return warnings


def _document_sentences(data: bytes, doc_path: Path, side: str, fmt: str | None = None,
                        encoding: str | None = None) -> list[list[str]]:
    """The document's sentences as align read them (the reader and encoding the file records),
    with and without --presplit."""
    from workbench.text.documents import document_from_bytes

    out = []
    for presplit in (False, True):
        try:
            out.append(document_from_bytes(data, doc_path, side, presplit, fmt, encoding).sentences())
        except WorkbenchError:
            continue
    return out


def _compare(al: Alignment, side: str, readings: list[list[str]]) -> tuple[bool, str] | None:
    """None if the file's sentences are one reading of the document; else (is an error, what)."""
    owner: list[int] = []  # pair id of each sentence of the file, in order
    ours: list[str] = []
    for p in al.pairs:
        for s in getattr(p, side):
            ours.append(s)
            owner.append(p.id)
    if not readings or any(ours == r for r in readings):
        return None
    # The reading closest to the file (most sentences in common) is the one it was made from.
    doc = max(readings, key=lambda r: sum((Counter(r) & Counter(ours)).values()))
    have, want = Counter(ours), Counter(doc)
    for s, n in have.items():
        if s in want and n > want[s]:
            pairs = [owner[k] for k, x in enumerate(ours) if x == s]
            return True, f"“{_short(s)}” is in {n} pairs ({', '.join(map(str, pairs))}), the document has it {_times(want[s])}"
    missing = [s for s in want if have[s] < want[s]]
    edited = sum(1 for s in have if s not in want)
    if missing:
        at = doc.index(missing[0])
        earlier = set(doc[:at])
        before = [owner[k] for k, x in enumerate(ours) if x in earlier]
        where = f"after pair {before[-1]}" if before else "before the first pair"
        message = f"“{_short(missing[0])}” (document sentence {at + 1}) is in no pair; it belongs {where}"
        if edited:
            return False, message + f" ({edited} sentence(s) were edited, so this may be one of them)"
        return True, message
    # the same sentences, not in document order
    common = [s for s in ours if s in want]
    expected = [s for s in doc if s in have]
    for k, (a, b) in enumerate(zip(common, expected)):
        if a != b:
            pid = owner[[j for j, x in enumerate(ours) if x in want][k]]
            return True, f"pair {pid} holds “{_short(a)}” where the document has “{_short(b)}” (out of order)"
    return None


def _short(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"
