"""What TMX and XLIFF share: language codes, the document's metadata as props, and the
assembly of imported units into an `Alignment` with stable, unique pair ids.

Our own files carry everything the aligned YAML holds, so that YAML → TMX → YAML gives the
same bytes: per pair its id, status, score, paragraph and note; per side the sentence
lengths (see `sentences`); and in the header the title, the two documents, the glossary,
the dismissed findings and the pairs with one empty side (a translation memory holds only
two-sided units, so those travel as header props, each naming the pair it follows). Files
from other tools have none of this and get fresh ids, status auto, and re-split sentences.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench.errors import WorkbenchError
from workbench.model import AUTO, STATUSES, Alignment, Ignored, Pair

# Prop names (TMX `prop type`, XLIFF `prop prop-type`), "x-" as both formats ask.
PAIR_ID, STATUS, SCORE, PARA = "x-pair-id", "x-status", "x-score", "x-para"
LENGTHS = "x-sentence-lengths"
TITLE, GLOSSARY, IGNORED, ONE_SIDED = "x-title", "x-glossary", "x-ignored", "x-one-sided-pair"
SEMANTIC = "x-aligner-semantic"  # the aligned YAML's `aligner: {semantic: …}`
_DOC_KEYS = ("lang", "path", "sha256", "format", "encoding")  # a DocRef's fields, as the aligned YAML has them
_DOC_PROPS = {f"x-{side}-{key}": (side, key) for side in ("source", "target") for key in _DOC_KEYS}

_TRADITIONAL = re.compile(r"(?:^|[-_])(?:tw|hk|mo|hant)(?:$|[-_])", re.I)


def lang_side(code: str | None) -> str | None:
    """'zh', 'en' or None for a language code such as zh-CN, ZH-cn, zh_Hans, en-US, eng."""
    if not code:
        return None
    primary = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    if primary in ("zh", "zho", "chi", "cmn"):
        return "zh"
    if primary in ("en", "eng"):
        return "en"
    return None


def zh_preference(code: str) -> int:
    """Lower is better: Simplified (zh, zh-CN, zh-Hans, zh-SG) before Traditional (zh-TW…)."""
    return 1 if _TRADITIONAL.search(code) else 0


# -- metadata as props --------------------------------------------------------------------


def header_props(al: Alignment) -> list[tuple[str, str]]:
    """The document-level props of an alignment, in a fixed order."""
    props = [(TITLE, al.title)]
    for side, ref in (("source", al.source), ("target", al.target)):
        for key in _DOC_KEYS:
            value = getattr(ref, key)
            if value is not None:
                props.append((f"x-{side}-{key}", value))
    if al.semantic is not None:
        props.append((SEMANTIC, "true" if al.semantic else "false"))
    if al.glossary:
        props.append((GLOSSARY, al.glossary))
    for ig in al.ignored:
        props.append((IGNORED, _json({"check": ig.check, "pair": ig.pair, "term": ig.term, "reason": ig.reason})))
    return props


def one_sided_props(al: Alignment) -> list[tuple[str, str]]:
    """The pairs with an empty side, each naming the pair it follows (null: the first)."""
    props = []
    before: int | None = None
    for p in al.pairs:
        if not (p.zh and p.en):
            d = {"after": before, "id": p.id, "zh": p.zh, "en": p.en, "status": p.status}
            d.update({k: v for k, v in (("score", p.score), ("para", p.para), ("note", p.note)) if v is not None})
            props.append((ONE_SIDED, _json(d)))
        before = p.id
    return props


def _json(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Unit:
    """One imported unit: a pair, with the id it asks for (kept when valid and unique)."""

    pair: Pair
    wanted_id: int | None = None
    after: int | None = None  # one-sided pairs from the header: the id of the pair before


@dataclass
class Builder:
    """Collects header props and units while a file is read, then makes the Alignment."""

    path: str
    title: str
    units: list[Unit] = field(default_factory=list)
    loose: list[Unit] = field(default_factory=list)  # one-sided pairs placed by `after`
    al: Alignment = field(default_factory=Alignment)

    def header_prop(self, kind: str, value: str) -> None:
        if kind == TITLE:
            self.title = value
        elif kind in _DOC_PROPS:
            side, key = _DOC_PROPS[kind]
            if key == "format":
                from workbench.text.inputs import INPUT_FORMATS

                if value not in INPUT_FORMATS:
                    raise WorkbenchError(f"malformed {kind} prop: {value!r} is not one of {', '.join(INPUT_FORMATS)}",
                                         self.path)
            setattr(getattr(self.al, side), key, value)
        elif kind == SEMANTIC:
            if value not in ("true", "false"):
                raise WorkbenchError(f"malformed {kind} prop: {value!r} is not true or false", self.path)
            self.al.semantic = value == "true"
        elif kind == GLOSSARY:
            self.al.glossary = value or None
        elif kind == IGNORED:
            d = self._load_json(kind, value)
            self.al.ignored.append(
                Ignored(
                    check=_text(d.get("check"), kind, self.path) or "",
                    pair=_int(d.get("pair"), positive=False),
                    term=_text(d.get("term"), kind, self.path),
                    reason=_text(d.get("reason"), kind, self.path),
                )
            )
        elif kind == ONE_SIDED:
            d = self._load_json(kind, value)
            pair = Pair(id=0)
            for side in ("zh", "en"):
                items = d.get(side) or []
                if not isinstance(items, list):
                    raise WorkbenchError(f"malformed {kind} prop: {side} is not a list", self.path)
                setattr(pair, side, [s for s in (_text(x, kind, self.path) for x in items) if s and s.strip()])
            if pair.is_empty:
                return
            self._pair_fields(pair, d.get("status"), d.get("score"), d.get("para"), d.get("note"))
            self.loose.append(Unit(pair, _int(d.get("id")), _int(d.get("after"))))

    def _load_json(self, kind: str, value: str) -> dict:
        try:
            d = json.loads(value)
        except (ValueError, RecursionError):
            raise WorkbenchError(f"malformed {kind} prop (not JSON)", self.path) from None
        if not isinstance(d, dict):
            raise WorkbenchError(f"malformed {kind} prop (not a JSON object)", self.path)
        return d

    def _pair_fields(self, pair: Pair, status: object, score: object, para: object, note: object) -> None:
        pair.status = status if isinstance(status, str) and status in STATUSES else AUTO
        pair.score = _score(score)
        pair.para = _int(para, positive=False)
        pair.note = note if isinstance(note, str) and note else None

    def unit(
        self,
        zh: list[str],
        en: list[str],
        pair_id: object = None,
        status: object = None,
        score: object = None,
        para: object = None,
        note: str | None = None,
    ) -> None:
        """Add a unit read from the body (its props as found: text or None)."""
        if not zh and not en:
            return
        pair = Pair(id=0, zh=zh, en=en)
        self._pair_fields(pair, status, score, para, note)
        self.units.append(Unit(pair, _int(pair_id)))

    def build(self) -> Alignment:
        """The alignment: body units in order, header one-sided pairs after the pair they name."""
        if not self.units and not self.loose:
            raise WorkbenchError("no Chinese–English units found", self.path)
        ordered = _place(self.units, self.loose)
        used: set[int] = set()
        for u in ordered:
            if u.wanted_id is not None and u.wanted_id not in used:
                u.pair.id = u.wanted_id
                used.add(u.wanted_id)
        fresh = max(used, default=0)
        for u in ordered:
            if u.pair.id == 0:
                fresh += 1
                u.pair.id = fresh
        self.al.title = self.title
        self.al.pairs = [u.pair for u in ordered]
        return self.al


def _place(units: list[Unit], loose: list[Unit]) -> list[Unit]:
    """Body units in order, each loose unit right after the unit whose wanted id it names."""
    if not loose:
        return units
    followers: dict[int | None, list[Unit]] = {}
    for u in loose:
        followers.setdefault(u.after, []).append(u)
    out: list[Unit] = []
    done: set[int] = set()  # a malformed file may name a unit twice, or itself

    def emit(chain: Iterable[Unit]) -> None:
        stack = list(reversed(list(chain)))
        while stack:
            u = stack.pop()
            if id(u) in done:
                continue
            done.add(id(u))
            out.append(u)
            if u.wanted_id is not None:
                stack.extend(reversed(followers.pop(u.wanted_id, [])))

    emit(followers.pop(None, []))
    for u in units:
        emit([u])
    while followers:  # the pair they followed is gone: keep them, at the end
        emit(followers.pop(next(iter(followers))))
    return out


def _int(v: object, positive: bool = True) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, str):
        v = v.strip()
        if not re.fullmatch(r"-?\d{1,18}", v):
            return None
        v = int(v)
    if not isinstance(v, int) or (positive and v < 1) or abs(v) > 10**18:
        return None
    return v


def _score(v: object) -> float | None:
    if isinstance(v, bool):
        return None
    try:
        f = float(v) if isinstance(v, (int, float, str)) else None
    except ValueError:
        return None
    if f is None or not 0.0 <= f <= 1.0:
        return None
    return f


def _text(v: object, kind: str, path: str) -> str | None:
    if v is None or isinstance(v, str):
        return v
    raise WorkbenchError(f"malformed {kind} prop: expected text, found {type(v).__name__}", path)

