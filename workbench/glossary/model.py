"""The terminology glossary (format `glossary/1`): terms, their approved, accepted and
forbidden English renderings; load with validation, save atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.store.atomic import atomic_write
from workbench.store.yamlio import (
    Node,
    NotCanonical,
    canonical_scalar,
    check_format,
    dump,
    load_root,
    scalar_text,
    unknown_keys,
)
from workbench.text.reading import read_text

FORMAT = "glossary/1"
CASES = ("insensitive", "sensitive")
_TOP_KEYS = ("workbench", "name", "terms")
_TERM_KEYS = ("zh", "en", "variants", "forbidden", "note", "case")


@dataclass
class Term:
    """One concept: its Chinese source forms and the English renderings allowed for it."""

    zh: list[str]
    en: str
    variants: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    note: str | None = None
    case: str = "insensitive"

    @property
    def accepted(self) -> list[str]:
        """The approved rendering first, then the variants also accepted."""
        return [self.en, *self.variants]

    @property
    def key(self) -> str:
        return self.zh[0]


@dataclass
class Glossary:
    name: str = ""
    terms: list[Term] = field(default_factory=list)

    def find(self, zh: str) -> Term | None:
        """The term having `zh` among its source forms, if any."""
        for t in self.terms:
            if zh in t.zh:
                return t
        return None

    def add(self, term: Term) -> None:
        """Add a term, refusing a source form that another term already has."""
        validate_term(term)
        for form in term.zh:
            other = self.find(form)
            if other is not None:
                raise WorkbenchError(f"the term {form!r} is already in the glossary (→ {other.en!r})")
        self.terms.append(term)


def validate_term(term: Term) -> None:
    if not term.zh or any(not z.strip() for z in term.zh):
        raise WorkbenchError("a term needs a Chinese source form")
    if not term.en.strip():
        raise WorkbenchError(f"the term {term.zh[0]!r} needs an English rendering")
    if term.case not in CASES:
        raise WorkbenchError(f"case must be one of {', '.join(CASES)}, not {term.case!r}")


def load_glossary(path: str | Path, text: str | None = None) -> Glossary:
    """Read and validate a glossary file; a WorkbenchError names file, line and column.

    A file in the canonical form `dump_glossary` writes is read line by line (the general YAML
    reader takes a quarter of a second on 5,000 terms); anything else, and every error, goes
    through the general reader, which gives the same result on what both accept.
    """
    if text is None:
        text = read_text(path)
    try:
        return _load_canonical(text)
    except NotCanonical:
        return _load_general(path, text)


def _load_general(path: str | Path, text: str) -> Glossary:
    root = load_root(path, text)
    top = root.mapping("the file")
    check_format(top, root, FORMAT)
    unknown_keys(top, _TOP_KEYS, "the file")
    g = Glossary(name=(top["name"].text("name", optional=True) or "") if "name" in top else "")
    first_seen: dict[str, int] = {}
    for node in top["terms"].sequence("terms") if "terms" in top else []:
        term = _term(node)
        for form in term.zh:
            if form in first_seen:
                raise node.error(f"duplicate term {form!r} (first at line {first_seen[form]})")
            first_seen[form] = node.line
        g.terms.append(term)
    return g


def _term(node: Node) -> Term:
    f = node.mapping("a term")
    unknown_keys(f, _TERM_KEYS, "a term")
    if "zh" not in f:
        raise node.error("a term needs 'zh'")
    if "en" not in f:
        raise node.error("a term needs 'en'")
    zh = f["zh"].text_list("zh")
    if not zh or any(not z.strip() for z in zh):
        raise f["zh"].error("empty term")
    en = f["en"].text("en") or ""
    if not en.strip():
        raise f["en"].error(f"empty English rendering for {zh[0]!r}")
    term = Term(zh=zh, en=en)
    for key in ("variants", "forbidden"):
        if key in f:
            values = f[key].text_list(key)
            if any(not v.strip() for v in values):
                raise f[key].error(f"empty item in {key}")
            setattr(term, key, values)
    if "note" in f:
        term.note = f["note"].text("note", optional=True)
    if "case" in f:
        case = f["case"].text("case")
        if case not in CASES:
            raise f["case"].error(f"case must be one of {', '.join(CASES)}, not {case!r}")
        term.case = case or "insensitive"
    return term


def dump_glossary(g: Glossary) -> str:
    """The canonical YAML text of a glossary: PyYAML's dump of the whole, written term by term
    (a text that is not plain goes through PyYAML on its own, `scalar_text`: the whole through
    PyYAML took 0.15 s for 5,000 terms, on every change the editor saves); a glossary holding a
    text PyYAML writes on several lines is laid out by PyYAML."""
    try:
        return _dump_termwise(g)
    except ValueError:
        return _dump_general(g)


def _dump_termwise(g: Glossary) -> str:
    out = [f"workbench: {scalar_text(FORMAT)}\n", f"name: {scalar_text(g.name)}\n"]
    if not g.terms:
        return "".join(out) + "terms: []\n"
    out.append("terms:\n")
    for t in g.terms:
        if len(t.zh) == 1:
            out.append(f"- zh: {scalar_text(t.zh[0])}\n")
        elif not t.zh:
            out.append("- zh: []\n")
        else:
            out.append("- zh:\n")
            out.extend(f"  - {scalar_text(z)}\n" for z in t.zh)
        out.append(f"  en: {scalar_text(t.en)}\n")
        for key, values in (("variants", t.variants), ("forbidden", t.forbidden)):
            if values:
                out.append(f"  {key}:\n")
                out.extend(f"  - {scalar_text(v)}\n" for v in values)
        if t.note:
            out.append(f"  note: {scalar_text(t.note)}\n")
        if t.case != "insensitive":
            out.append(f"  case: {scalar_text(t.case)}\n")
    return "".join(out)


def _dump_general(g: Glossary) -> str:
    terms = []
    for t in g.terms:
        d: dict = {"zh": t.zh[0] if len(t.zh) == 1 else list(t.zh), "en": t.en}
        if t.variants:
            d["variants"] = list(t.variants)
        if t.forbidden:
            d["forbidden"] = list(t.forbidden)
        if t.note:
            d["note"] = t.note
        if t.case != "insensitive":
            d["case"] = t.case
        terms.append(d)
    return dump({"workbench": FORMAT, "name": g.name, "terms": terms})


# -- the canonical reader ---------------------------------------------------------------------

_LISTS = ("zh", "variants", "forbidden")


def _load_canonical(text: str) -> Glossary:
    """The glossary, if `text` is exactly as `dump_glossary` writes it and valid.

    Block style; the top keys `workbench`, `name`, `terms` in this order; each term's keys in
    the order of _TERM_KEYS; `zh` one scalar or a list of two or more, `variants` and
    `forbidden` lists, `note` only if not empty, `case` only if sensitive; every scalar plain
    or single-quoted on one line. Raises NotCanonical for anything else
    and for anything the general reader would refuse, which then reads it (and names the
    line of the error).
    """
    lines = text.split("\n")
    if len(lines) < 4 or lines[0] != "workbench: " + FORMAT or not lines[1].startswith("name: ") or lines[-1]:
        raise NotCanonical
    g = Glossary(name=canonical_scalar(lines[1][len("name: ") :]))
    if lines[2] == "terms: []" and len(lines) == 4:
        return g
    if lines[2] != "terms:":
        raise NotCanonical
    forms: set[str] = set()
    term: Term | None = None
    last = 0  # the place in _TERM_KEYS of the term's last key: keys come in that order
    items: list[str] | None = None  # the list that `  - ` lines add to
    least = 1  # the fewest items it may have
    for i in range(3, len(lines) - 1):
        line = lines[i]
        if line.startswith("  - "):
            if items is None:
                raise NotCanonical
            items.append(canonical_scalar(line[4:]))
            continue
        if items is not None and len(items) < least:
            raise NotCanonical  # `key:` alone is null to YAML; one Chinese form is written alone
        items = None
        if line.startswith("- zh:"):
            _check_canonical(term, forms)
            term = Term(zh=[], en="")
            g.terms.append(term)
            key, value, last = "zh", line[5:], 0
        elif line.startswith("  ") and term is not None:
            key, sep, value = line[2:].partition(":")
            place = _TERM_KEYS.index(key) if sep and key in _TERM_KEYS else 0
            if place <= last:  # not a key, zh again, or a key out of order (or twice)
                raise NotCanonical
            last = place
        else:
            raise NotCanonical
        if not value and key in _LISTS:
            items, least = [], 2 if key == "zh" else 1
            setattr(term, key, items)
        elif not value.startswith(" "):
            raise NotCanonical
        elif key == "zh":
            term.zh = [canonical_scalar(value[1:])]
        elif key == "en":
            term.en = canonical_scalar(value[1:])
        elif key == "note":  # written only when not empty
            term.note = canonical_scalar(value[1:])
            if not term.note:
                raise NotCanonical
        elif key == "case":  # written only when not the default
            if value != " sensitive":
                raise NotCanonical
            term.case = "sensitive"
        else:  # a variant or forbidden form written alone: not what dump_glossary writes
            raise NotCanonical
    if items is not None and len(items) < least:
        raise NotCanonical
    _check_canonical(term, forms)
    return g


def _check_canonical(term: Term | None, forms: set[str]) -> None:
    """Raise NotCanonical where the general reader would refuse the term: it names the line."""
    if term is None:
        return
    if not term.zh or not term.en.strip():
        raise NotCanonical
    if any(not v.strip() for v in (*term.zh, *term.variants, *term.forbidden)):
        raise NotCanonical
    for form in term.zh:
        if form in forms:
            raise NotCanonical
        forms.add(form)


def save_glossary(g: Glossary, path: str | Path) -> None:
    atomic_write(path, dump_glossary(g))
