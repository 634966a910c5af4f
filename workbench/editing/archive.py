"""The archive as the editor and the command line use it: the corpus's renderings summary
wired to the aligner's dictionary (CC-CEDICT) and to the glossaries the hits' files name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from workbench.corpus.backend import Corpus
from workbench.corpus.renderings import Renderings, summarize
from workbench.errors import WorkbenchError
from workbench.glossary.model import Glossary, Term
from workbench.model import Alignment

#: Hits looked at for a renderings summary (counts beyond are a sample, and say so).
SUMMARY_HITS = 5_000


def load_any(path: Path, data: bytes, input_format: str | None = None, encoding: str | None = None) -> Alignment:
    """An aligned file for the index: YAML, or TMX/XLIFF/TSV/CSV through the importers; or a
    bilingual document (.docx, .html, .md: its tables of a Chinese and an English column, by
    extension or read as `input_format`), whose rows are the pairs."""
    from workbench.corpus.indexer import ALIGNED_SUFFIXES, load_yaml

    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return load_yaml(path, data)
    if suffix in ALIGNED_SUFFIXES:
        from workbench.formats import read_alignment

        return read_alignment(path)
    from workbench.formats.bilingual import bilingual_alignment
    from workbench.text.inputs import input_format as format_of

    return bilingual_alignment(data, path, format_of(path, input_format), encoding)


@dataclass(frozen=True)
class PairReading:
    """How `workbench index --pair` reads and aligns its documents (align's options)."""

    input_format: str | None = None
    encoding: str | None = None
    presplit: bool = False
    semantic: bool = False


def align_for_index(zh_path: Path, zh_data: bytes, en_path: Path, en_data: bytes,
                    reading: PairReading = PairReading()) -> Alignment:
    """A Chinese document and its English one aligned as `workbench align` aligns them, for the
    index. Documents that look swapped, or a side with no sentences, are refused (their pairs
    would fill the archive with nonsense)."""
    import warnings

    from workbench.align import AlignWarning
    from workbench.align.build import align_documents, language_warnings
    from workbench.text.documents import document_from_bytes

    zh = document_from_bytes(zh_data, zh_path, "zh", reading.presplit, reading.input_format, reading.encoding)
    en = document_from_bytes(en_data, en_path, "en", reading.presplit, reading.input_format, reading.encoding)
    for doc in (zh, en):
        for warning in language_warnings(zh, en):
            prefix = f"{doc.path}: "
            if warning.startswith(prefix) and ("swapped" in warning or "no sentences" in warning):
                raise WorkbenchError(f"{warning[len(prefix):]}: not indexed", doc.path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignWarning)
        return align_documents(zh, en, out_path=zh_path, semantic=reading.semantic)


def folder_pairs(zh_dir: Path, en_dir: Path) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """Two folders' documents paired by name as `workbench align ZH_DIR EN_DIR` pairs them,
    and the files with no partner."""
    from workbench.align.batch import pair_folders

    pairing = pair_folders(zh_dir, en_dir)
    return pairing.pairs, pairing.zh_only + pairing.en_only


class CedictDictionary:
    """The aligner's CC-CEDICT lexicon, as `corpus.renderings.Dictionary`."""

    def __init__(self) -> None:
        from workbench.align.lexicon import EN_STOP, lexicon, stem

        self._lexicon = lexicon()
        self.word_key = stem
        self.stopwords = EN_STOP

    def glosses(self, zh: str) -> frozenset[str]:
        entry = self._lexicon.entry(zh)
        return frozenset(entry[1]) if entry else frozenset()


@lru_cache(maxsize=1)
def cedict() -> CedictDictionary:
    return CedictDictionary()


def glossary_terms(paths: Iterable[str | Path], extra: Glossary | None = None) -> list[Term]:
    """The terms of the glossaries at `paths` (those that load) and of `extra`."""
    from workbench.glossary.model import load_glossary

    terms = list(extra.terms) if extra else []
    for path in dict.fromkeys(p for p in paths if p):
        try:
            if path.lower().endswith((".tbx", ".csv", ".tsv")):
                from workbench.formats.termbase import read_glossary_file

                terms += read_glossary_file(path).terms
            else:
                terms += load_glossary(path).terms
        except (WorkbenchError, OSError):
            continue  # a glossary gone or broken: the dictionary and co-occurrence still answer
    return terms


def renderings_of(corpus: Corpus, query: str, glossary: Glossary | None = None,
                  exclude_file: str | None = None) -> Renderings:
    """The renderings summary of a Chinese query over the archive."""
    found = corpus.find_zh(query, limit=SUMMARY_HITS, exclude_file=exclude_file)
    terms = glossary_terms((h.glossary for h in found.hits), glossary)
    return summarize(query, found.hits, total=found.total, terms=terms, dictionary=cedict(),
                     background=corpus.count_en, archive_pairs=corpus.stats()["pairs"])
