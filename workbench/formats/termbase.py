"""Glossaries in other tools' formats: TBX (v2 `martif` and ISO 30042:2019 `tbx`) and CSV/TSV.

TBX: a concept (termEntry / conceptEntry) becomes a term; languages are told apart by
`xml:lang` (zh, zh-CN, zh-Hans … and en, en-US …), never by position. administrativeStatus
(or the older normativeAuthorization) maps preferred → `en`, admitted (or none) → `variants`,
deprecated / superseded → `forbidden`; Chinese terms that are not deprecated are the source
forms. XML is read with `xmlsafe.iterparse` (lxml, no entity expansion, external entities,
DTD loading or network): an entity bomb or an XXE file is refused, not expanded.

CSV/TSV: a header row naming the columns zh, en, variants, forbidden, note (and case);
several forms in one cell are separated by "|". Before the header, a row `#glossary,NAME`
carries the glossary's name (a spreadsheet shows it as a first row of two cells, and saves it
back padded with empty cells, which is fine); other rows before the header whose first cell
starts with "#" are comments. A file without the name row takes its name from --name, or else
from the file name.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lxml import etree

from workbench.errors import WorkbenchError
from workbench.formats import format_of
from workbench.formats.spreadsheet import neutralise, restore
from workbench.formats.xmlsafe import XML_LANG, XmlWriter, iterparse, local_name, release
from workbench.glossary.model import CASES, Glossary, Term
from workbench.text.reading import read_bytes, read_text

FORMATS = ("tbx", "tbx2", "csv", "tsv")
TBX3_NS = "urn:iso:std:iso:30042:ed-2"


SUFFIXES = {".tbx": "tbx", ".xml": "tbx", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "tsv"}


def glossary_format(path: str | Path, given: str | None = None) -> str:
    """The glossary format named by --format/--to, else by the file's extension."""
    if given:
        if given not in FORMATS:
            raise WorkbenchError(f"unknown glossary format {given!r} (known: {', '.join(FORMATS)})")
        return given
    fmt = format_of(path, SUFFIXES)
    if fmt is None:
        raise WorkbenchError("unknown glossary format: name it .tbx, .csv or .tsv, or give --format", path)
    return fmt


def read_glossary_file(path: str | Path, fmt: str | None = None, name: str = "") -> Glossary:
    """Read a TBX or CSV/TSV glossary; every problem is a WorkbenchError naming the file."""
    fmt = glossary_format(path, fmt)
    if fmt in ("tbx", "tbx2"):
        return read_tbx(read_bytes(path), path, name)
    return read_csv(read_text(path), path, delimiter="\t" if fmt == "tsv" else ",", name=name)


# -- TBX ------------------------------------------------------------------------------------


def _lang(el: etree._Element) -> str:
    return (el.get(XML_LANG) or el.get("lang") or "").strip().lower()


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def read_tbx(data: bytes, path: str | Path, name: str = "") -> Glossary:
    """A glossary from TBX bytes (v2 `martif` or ISO 30042 `tbx`), streamed concept by concept."""
    title = source = ""
    terms: list[Term] = []
    first_seen: dict[str, int] = {}
    n = 0
    tags = ("title", "sourceDesc", "termEntry", "conceptEntry")
    for _, el in iterparse(data, path, root=("tbx", "martif"), tags=tags):
        tag = local_name(el.tag)
        if tag == "title":
            title = title or _text(el)
        elif tag == "sourceDesc":
            source = source or _text(el)
        else:
            n += 1
            term = _concept(el, path, n)
            release(el)
            if term is None:
                continue
            for form in term.zh:
                if form in first_seen:
                    raise WorkbenchError(f"duplicate term {form!r} (concepts {first_seen[form]} and {n})", path)
                first_seen[form] = n
            terms.append(term)
    if not terms:
        raise WorkbenchError("no concept with both a Chinese (xml:lang zh…) and an English (en…) term", path)
    return Glossary(name=name or title or source or Path(path).stem, terms=terms)


def _status(container: etree._Element) -> str:
    for el in container.iter():
        tag = local_name(el.tag)
        kind = el.get("type", "")
        if (tag == "termNote" and kind in ("administrativeStatus", "normativeAuthorization")) or tag in (
            "administrativeStatus", "normativeAuthorization"
        ):
            value = "".join(el.itertext()).strip().lower()
            for status in ("preferred", "admitted", "deprecated", "superseded"):
                if value.startswith(status):
                    return status
    return ""


def _concept(concept: etree._Element, path: str | Path, n: int) -> Term | None:
    zh: list[tuple[str, str]] = []
    en: list[tuple[str, str]] = []
    notes = []
    case = "insensitive"
    for child in concept:
        tag = local_name(child.tag)
        if tag == "descrip" and child.get("type") == "x-case":
            case = "sensitive" if "".join(child.itertext()).strip().lower() == "sensitive" else "insensitive"
            continue
        if tag in ("note", "descrip") and child.get("type", "definition") in ("definition", "note", "context", ""):
            text = " ".join("".join(child.itertext()).split())
            if text:
                notes.append(text)
        if tag not in ("langSet", "langSec"):
            continue
        lang = _lang(child)
        side = zh if lang.startswith("zh") or lang in ("cmn", "chi", "zho") else en if lang.startswith("en") else None
        if side is None:
            continue
        for holder in child:
            if local_name(holder.tag) not in ("tig", "ntig", "termSec"):
                continue
            term_el = next((el for el in holder.iter() if local_name(el.tag) == "term"), None)
            if term_el is None:
                continue
            text = " ".join("".join(term_el.itertext()).split())
            if not text:
                raise WorkbenchError(f"empty term in concept {n} ({concept.get('id') or 'no id'})", path)
            side.append((text, _status(holder)))
    if not zh or not en:
        return None
    zh_forms = [t for t, s in sorted(zh, key=lambda x: x[1] != "preferred") if s not in ("deprecated", "superseded")]
    preferred = [t for t, s in en if s == "preferred"]
    admitted = [t for t, s in en if s in ("admitted", "")]
    forbidden = [t for t, s in en if s in ("deprecated", "superseded")]
    if not zh_forms:
        return None
    if not preferred and not admitted:
        raise WorkbenchError(f"concept {n} ({zh_forms[0]}) has only deprecated English terms", path)
    main = (preferred or admitted)[0]
    variants = [t for t in preferred[1:] + admitted if t != main]
    return Term(zh=list(dict.fromkeys(zh_forms)), en=main, variants=list(dict.fromkeys(variants)),
                forbidden=list(dict.fromkeys(forbidden)), note="; ".join(notes) or None, case=case)


def dump_tbx(g: Glossary, version: str = "tbx") -> str:
    """TBX text: ISO 30042:2019 TBX-Basic (`tbx`, the default) or TBX v2 (`tbx2`, martif)."""
    v3 = version == "tbx"
    w = XmlWriter()
    if v3:
        w.open("tbx", [("xmlns", TBX3_NS), ("style", "dca"), ("type", "TBX-Basic"), ("xml:lang", "en")])
        w.open("tbxHeader")
    else:
        w.open("martif", [("type", "TBX"), ("xml:lang", "en")])
        w.open("martifHeader")
    w.open("fileDesc")
    w.open("sourceDesc")
    w.leaf("p", g.name or "workbench glossary", where="the glossary's name")
    w.close("sourceDesc")
    w.close("fileDesc")
    w.close("tbxHeader" if v3 else "martifHeader")
    w.open("text")
    w.open("body")
    for n, t in enumerate(g.terms, 1):
        _dump_concept(w, t, n, v3)
    w.close("body")
    w.close("text")
    w.close("tbx" if v3 else "martif")
    return w.text()


def _dump_concept(w: XmlWriter, t: Term, n: int, v3: bool) -> None:
    concept = "conceptEntry" if v3 else "termEntry"
    where = f"term {t.zh[0]!r}"
    w.open(concept, [("id", f"c{n}")])
    if t.note:
        w.leaf("note", t.note, where=f"the note of {where}")
    if t.case == "sensitive":  # a data category of our own (x-), as TBX allows
        w.leaf("descrip", "sensitive", [("type", "x-case")])
    sides = (("zh", [(z, "preferred" if k == 0 else "admitted") for k, z in enumerate(t.zh)]),
             ("en", [(t.en, "preferred")] + [(v, "admitted") for v in t.variants] + [(f, "deprecated") for f in t.forbidden]))
    for lang, forms in sides:
        w.open("langSec" if v3 else "langSet", [("xml:lang", lang)])
        for text, status in forms:
            w.open("termSec" if v3 else "tig")
            w.leaf("term", text, where=where)
            w.leaf("termNote", f"{status}Term-admn-sts", [("type", "administrativeStatus")])
            w.close("termSec" if v3 else "tig")
        w.close("langSec" if v3 else "langSet")
    w.close(concept)


# -- CSV / TSV ------------------------------------------------------------------------------

CSV_COLUMNS = ("zh", "en", "variants", "forbidden", "note", "case")
_MULTI = ("zh", "variants", "forbidden")
_NAME_ROW = "#glossary"  # the first cell of the row that names the glossary


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def read_csv(text: str, path: str | Path, delimiter: str = ",", name: str = "") -> Glossary:
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter, strict=True)
    try:
        named = ""
        header = next(rows, None)
        while header is not None and (not any(c.strip() for c in header) or header[0].lstrip().startswith("#")):
            if header and _NAME_ROW == header[0].strip().lower().replace(" ", ""):
                named = next((restore(c).strip() for c in header[1:] if c.strip()), "")
            header = next(rows, None)
        if header is None:
            raise WorkbenchError("empty file", path)
        columns = [c.strip().lower() for c in header]
        unknown = [c for c in columns if c not in CSV_COLUMNS]
        if unknown:
            raise WorkbenchError(
                f"unknown column {unknown[0]!r} in the header (expected: {', '.join(CSV_COLUMNS)})", path, rows.line_num
            )
        for need in ("zh", "en"):
            if need not in columns:
                raise WorkbenchError(f"the header has no {need!r} column", path, rows.line_num)
        if len(set(columns)) != len(columns):
            raise WorkbenchError("a column is named twice in the header", path, rows.line_num)
        g = Glossary(name=name or named or Path(path).stem)
        first_seen: dict[str, int] = {}
        for row in rows:
            line = rows.line_num
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(columns):
                raise WorkbenchError(f"{len(row)} fields, but the header has {len(columns)}", path, line)
            cell = {column: restore(value) for column, value in zip(columns, row)}  # undo `neutralise`
            zh = _split(cell["zh"])
            en = cell["en"].strip()
            if not zh:
                raise WorkbenchError("empty term (no Chinese form)", path, line)
            if not en:
                raise WorkbenchError(f"empty English rendering for {zh[0]!r}", path, line)
            case = (cell.get("case") or "").strip().lower() or "insensitive"
            if case not in CASES:
                raise WorkbenchError(f"case must be one of {', '.join(CASES)}, not {case!r}", path, line)
            for form in zh:
                if form in first_seen:
                    raise WorkbenchError(f"duplicate term {form!r} (first on line {first_seen[form]})", path, line)
                first_seen[form] = line
            g.terms.append(Term(zh=zh, en=en, variants=_split(cell.get("variants", "")),
                                forbidden=_split(cell.get("forbidden", "")), note=(cell.get("note") or "").strip() or None,
                                case=case))
    except csv.Error as exc:
        raise WorkbenchError(f"malformed {'TSV' if delimiter == chr(9) else 'CSV'}: {exc}", path, rows.line_num) from None
    return g


def dump_csv(g: Glossary, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if g.name:
        writer.writerow([_NAME_ROW, neutralise(g.name)])
    writer.writerow(CSV_COLUMNS)
    for t in g.terms:
        writer.writerow([neutralise(cell) for cell in ("|".join(t.zh), t.en, "|".join(t.variants),
                         "|".join(t.forbidden), t.note or "", "" if t.case == "insensitive" else t.case)])
    return out.getvalue()


def dump_glossary_as(g: Glossary, fmt: str) -> str:
    """The glossary in another format: tbx (ISO 30042:2019), tbx2 (martif), csv or tsv."""
    if fmt in ("tbx", "tbx2"):
        return dump_tbx(g, fmt)
    if fmt in ("csv", "tsv"):
        return dump_csv(g, "\t" if fmt == "tsv" else ",")
    raise WorkbenchError(f"unknown glossary format {fmt!r} (known: {', '.join(FORMATS)})")
