"""The archive as the editor and the command line use it: the corpus's renderings summary
wired to the aligner's dictionary (CC-CEDICT) and to the glossaries the hits' files name."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from workbench.corpus.backend import Corpus
from workbench.corpus.renderings import Renderings, summarize
from workbench.errors import WorkbenchError
from workbench.glossary.model import Glossary, Term
from workbench.model import Alignment

#: Hits looked at for a renderings summary (counts beyond are a sample, and say so).
SUMMARY_HITS = 5_000


def load_any(path: Path, data: bytes) -> Alignment:
    """An aligned file for the index: YAML, or TMX/XLIFF/TSV/CSV through the importers."""
    from workbench.corpus.indexer import load_yaml

    if path.suffix.lower() in (".yaml", ".yml"):
        return load_yaml(path, data)
    from workbench.formats import read_alignment

    return read_alignment(path)


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
