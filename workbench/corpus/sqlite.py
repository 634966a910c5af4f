"""The archive in one SQLite file with an FTS5 index: embedded, no server to run.

Tables: `meta` (the format version), `files` (path, SHA-256, title, glossary), `pairs` (file,
pair id, status, zh, en) and `pairs_fts`, a contentless FTS5 table over the same rows: the
Chinese as bigram tokens (see `tokens`), the English as unicode61 words. Every change runs in
one transaction, so an interrupted or failed run leaves the archive as it was.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from workbench.corpus.backend import FileRecord, Found, Hit, PairRow
from workbench.corpus.tokens import contains, en_match, matcher, needs_check, zh_match, zh_tokens
from workbench.errors import WorkbenchError

FORMAT_VERSION = 3  # 2: zh_df (format 1 lived for an hour; it is re-indexed, not migrated); 3: files.partner*
_PARTNER_COLUMNS = "ALTER TABLE files ADD COLUMN partner TEXT; ALTER TABLE files ADD COLUMN partner_sha256 TEXT"
_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '', glossary TEXT, pairs INTEGER NOT NULL DEFAULT 0,
    partner TEXT, partner_sha256 TEXT);
CREATE TABLE pairs(
    id INTEGER PRIMARY KEY, file INTEGER NOT NULL REFERENCES files(id),
    pair INTEGER NOT NULL, status TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL);
CREATE INDEX pairs_by_file ON pairs(file);
CREATE TABLE zh_df(token TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE pairs_fts USING fts5(zh, en, content='', tokenize='unicode61 remove_diacritics 2');
INSERT INTO pairs_fts(pairs_fts, rank) VALUES ('automerge', 8);
INSERT INTO pairs_fts(pairs_fts, rank) VALUES ('crisismerge', 64);
"""
# (automerge 8 / crisismerge 64: fewer, larger merges while indexing — measured 1.9x faster
# inserts of bigram tokens than the defaults 4 / 16, with queries as fast.)
_HIT = "SELECT p.id, f.path, f.title, f.glossary, p.pair, p.status, p.zh, p.en FROM "
# Enough postings to find fuzzy candidates among, few enough to stay well under 100 ms.
_SIMILAR_BUDGET = 25_000


@contextlib.contextmanager
def _errors(path: str):
    """SQLite's errors as one clear line naming the archive."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise WorkbenchError("the archive is locked by another process (an index run?); try again", path) from None
        if "readonly" in text or "read-only" in text:
            raise WorkbenchError("the archive is read-only here", path) from None
        if "fts5" in text and "syntax" in text:
            raise WorkbenchError(f"cannot search for this: {text}", path) from None
        raise WorkbenchError(f"cannot use the archive: {text}", path) from None
    except sqlite3.DatabaseError as exc:
        raise WorkbenchError(f"not a workbench archive, or damaged ({exc})", path) from None


def open_sqlite(path: str | Path, *, create: bool = False, readonly: bool = False) -> SqliteCorpus:
    """Open (or, with `create`, make) the archive at `path`; a clear error if it cannot be used."""
    p = Path(path)
    if not p.exists():
        if not create:
            raise WorkbenchError("no archive here yet: add files with `workbench index PATH`", p)
        if not p.parent.is_dir():
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkbenchError(f"cannot make the archive's folder: {exc.strerror or exc}", p.parent) from None
    elif not p.is_file():
        raise WorkbenchError("not a file: cannot be an archive", p)
    return SqliteCorpus(p, readonly=readonly)


class SqliteCorpus:
    """The Corpus interface on SQLite + FTS5."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        uri = path.resolve().as_uri() + ("?mode=ro" if readonly else "")
        with _errors(self.path):
            try:
                self.db = sqlite3.connect(uri, uri=True, timeout=5.0, isolation_level=None, check_same_thread=False)
            except sqlite3.OperationalError as exc:
                raise WorkbenchError(f"cannot open the archive: {exc}", path) from None
            self.db.execute("PRAGMA foreign_keys = ON")
            tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                if readonly:
                    raise WorkbenchError("an empty database, not a workbench archive", path)
                self._create()
            elif "meta" not in tables or "pairs_fts" not in tables:
                raise WorkbenchError("not a workbench archive (an SQLite database of something else)", path)
            row = self.db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            version = int(row[0]) if row and str(row[0]).isdigit() else None
            if version is None:
                raise WorkbenchError("not a workbench archive (no format version)", path)
            if version == 2 and not readonly:
                self._migrate_2_to_3()
                version = FORMAT_VERSION
            self._partners = version >= 3  # format 2 read as it is: no document pairs in it
            if version < 2:
                raise WorkbenchError(
                    f"archive format {version} is older than this workbench reads ({FORMAT_VERSION}): "
                    "delete the file and run `workbench index` again", path)
            if version > FORMAT_VERSION:
                raise WorkbenchError(
                    f"archive format {version} was made by a newer workbench (this one reads format "
                    f"{FORMAT_VERSION}); upgrade workbench, or index into another --db", path)

    def _migrate_2_to_3(self) -> None:
        """Format 3 adds the partner columns of document pairs: added in place, nothing re-indexed."""
        with self._transaction() as db:
            for statement in _PARTNER_COLUMNS.split(";"):
                db.execute(statement)
            db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (str(FORMAT_VERSION),))

    def _create(self) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self.db.execute("INSERT INTO meta VALUES ('format', ?)", (str(FORMAT_VERSION),))
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self.db.execute("ROLLBACK")
            if "fts5" in str(exc).lower():
                raise WorkbenchError("this Python's SQLite has no FTS5: the archive needs it", self.path) from None
            raise

    # -- writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self):
        with _errors(self.path):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def files(self) -> dict[str, FileRecord]:
        with _errors(self.path):
            partner = ", partner, partner_sha256" if self._partners else ""
            rows = self.db.execute(f"SELECT path, sha256, title, glossary, pairs{partner} FROM files").fetchall()
        return {r[0]: FileRecord(*r) for r in rows}

    def replace_files(self, items: Iterable[tuple[FileRecord, list[PairRow]]]) -> None:
        with self._transaction() as db:
            next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM pairs").fetchone()[0]
            counts: Counter[str] = Counter()  # zh_df changes, written once for the transaction
            for rec, pairs in items:
                row = db.execute("SELECT id FROM files WHERE path = ?", (rec.path,)).fetchone()
                if row:
                    file_id = row[0]
                    self._delete_pairs(db, file_id, counts)
                    db.execute("UPDATE files SET sha256 = ?, title = ?, glossary = ?, pairs = ?, partner = ?, "
                               "partner_sha256 = ? WHERE id = ?",
                               (rec.sha256, rec.title, rec.glossary, len(pairs), rec.partner, rec.partner_sha256,
                                file_id))
                else:
                    file_id = db.execute(
                        "INSERT INTO files(path, sha256, title, glossary, pairs, partner, partner_sha256) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (rec.path, rec.sha256, rec.title, rec.glossary, len(pairs), rec.partner,
                         rec.partner_sha256)).lastrowid
                ids = range(next_id, next_id + len(pairs))
                next_id += len(pairs)
                db.executemany("INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?)",
                               [(i, file_id, p.pair, p.status, p.zh, p.en) for i, p in zip(ids, pairs)])
                tokens = [zh_tokens(p.zh) for p in pairs]
                db.executemany("INSERT INTO pairs_fts(rowid, zh, en) VALUES (?, ?, ?)",
                               [(i, t, p.en) for i, t, p in zip(ids, tokens, pairs)])
                counts.update(" ".join(tokens).split())
            self._write_counts(db, counts)

    def drop_files(self, paths: Iterable[str]) -> None:
        with self._transaction() as db:
            counts: Counter[str] = Counter()
            for path in paths:
                row = db.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
                if row:
                    self._delete_pairs(db, row[0], counts)
                    db.execute("DELETE FROM files WHERE id = ?", (row[0],))
            self._write_counts(db, counts)

    @staticmethod
    def _write_counts(db: sqlite3.Connection, counts: Counter[str]) -> None:
        """Keep zh_df (token → its occurrences in the archive) in step: the translation memory
        picks a sentence's rarer bigrams by it (FTS5's own counts cost a walk of each token's
        list; occurrences rank as well as pair counts and cost no set per pair)."""
        db.executemany("INSERT INTO zh_df VALUES (?, ?) ON CONFLICT(token) DO UPDATE SET n = n + excluded.n",
                       [(t, n) for t, n in counts.items() if n])
        if any(n < 0 for n in counts.values()):
            db.execute("DELETE FROM zh_df WHERE n <= 0")

    @staticmethod
    def _delete_pairs(db: sqlite3.Connection, file_id: int, counts: Counter[str]) -> None:
        # A contentless FTS5 table forgets a row when told the tokens it was given.
        old = db.execute("SELECT id, zh, en FROM pairs WHERE file = ?", (file_id,)).fetchall()
        tokens = [zh_tokens(zh) for _, zh, _ in old]
        db.executemany("INSERT INTO pairs_fts(pairs_fts, rowid, zh, en) VALUES ('delete', ?, ?, ?)",
                       [(i, t, en) for (i, _, en), t in zip(old, tokens)])
        counts.subtract(" ".join(tokens).split())
        db.execute("DELETE FROM pairs WHERE file = ?", (file_id,))

    # -- reading ---------------------------------------------------------------------------

    def _where(self, status: str | None, exclude_file: str | None) -> tuple[str, list]:
        sql, args = "", []
        if status:
            sql += " AND p.status = ?"
            args.append(status)
        if exclude_file:
            sql += " AND f.path != ?"
            args.append(exclude_file)
        return sql, args

    def _matching(self, expr: str, status, limit, exclude_file, check=None) -> Found:
        where, args = self._where(status, exclude_file)
        sql = (_HIT + "pairs_fts JOIN pairs p ON p.id = pairs_fts.rowid JOIN files f ON f.id = p.file "
               "WHERE pairs_fts MATCH ?" + where + " ORDER BY pairs_fts.rowid")
        with _errors(self.path):
            if check is None:
                cur = self.db.execute(sql + (" LIMIT ?" if limit is not None else ""),
                                      [expr, *args, *([limit] if limit is not None else [])])
                hits = [Hit(*r[1:]) for r in cur]
                if limit is None or len(hits) < limit:
                    return Found(hits, len(hits))
                if where:
                    count_sql = ("SELECT count(*) FROM pairs_fts JOIN pairs p ON p.id = pairs_fts.rowid "
                                 "JOIN files f ON f.id = p.file WHERE pairs_fts MATCH ?" + where)
                else:
                    count_sql = "SELECT count(*) FROM pairs_fts WHERE pairs_fts MATCH ?"
                return Found(hits, self.db.execute(count_sql, [expr, *args]).fetchone()[0])
            # Check every candidate on its Chinese alone, then fetch the hits shown.
            first = ("SELECT p.id, p.zh FROM pairs_fts JOIN pairs p ON p.id = pairs_fts.rowid JOIN files f "
                     "ON f.id = p.file WHERE pairs_fts MATCH ?" + where + " ORDER BY pairs_fts.rowid")
            ids = [i for i, zh in self.db.execute(first, [expr, *args]) if check(zh)]
            shown = ids if limit is None else ids[:limit]
            return Found(self._rows(shown), len(ids))

    def _rows(self, ids: list[int]) -> list[Hit]:
        """The hits with these pair row ids, in the order given."""
        out: dict[int, Hit] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(_HIT + f"pairs p JOIN files f ON f.id = p.file WHERE p.id IN ({marks})", chunk):
                out[r[0]] = Hit(*r[1:])
        return [out[i] for i in ids if i in out]

    def find_zh(self, text: str, *, status=None, limit=None, exclude_file=None) -> Found:
        expr = zh_match(text)
        check = matcher(text) if needs_check(text) else None
        if expr is None:
            return self._scanned(lambda h: contains(h.zh, text), status, limit, exclude_file)
        return self._matching(expr, status, limit, exclude_file, check)

    def find_en(self, query: str, *, status=None, limit=None, exclude_file=None) -> Found:
        expr = en_match(query)
        if expr is None:
            raise WorkbenchError(f"no word to search for in {query!r}")
        return self._matching(expr, status, limit, exclude_file)

    def count_en(self, query: str) -> int:
        expr = en_match(query)
        if expr is None:
            return 0
        with _errors(self.path):
            return self.db.execute("SELECT count(*) FROM pairs_fts WHERE pairs_fts MATCH ?", (expr,)).fetchone()[0]

    def _scanned(self, keep, status, limit, exclude_file) -> Found:
        hits, total = [], 0
        for h in self.scan(status=status):
            if h.file != exclude_file and keep(h):
                total += 1
                if limit is None or len(hits) < limit:
                    hits.append(h)
        return Found(hits, total)

    def scan(self, *, status=None) -> Iterator[Hit]:
        where, args = self._where(status, None)
        sql = _HIT + "pairs p JOIN files f ON f.id = p.file WHERE 1" + where + " ORDER BY p.id"
        with _errors(self.path):
            for r in self.db.execute(sql, args):
                yield Hit(*r[1:])

    def similar_zh(self, text: str, *, limit: int = 200) -> list[Hit]:
        tokens = list(dict.fromkeys(zh_tokens(text).split()))
        if not tokens:
            return []
        with _errors(self.path):
            marks = ",".join("?" * len(tokens))
            df = dict(self.db.execute(f"SELECT token, n FROM zh_df WHERE token IN ({marks})", tokens))
            votes: Counter[int] = Counter()
            spent = 0
            for t in sorted(df, key=df.get):
                if spent and spent + df[t] > _SIMILAR_BUDGET:
                    break
                spent += df[t]
                votes.update(r[0] for r in self.db.execute(
                    "SELECT rowid FROM pairs_fts WHERE pairs_fts MATCH ?", (f'zh : "{t}"',)))
            return self._rows([i for i, _ in votes.most_common(limit)])

    def stats(self) -> dict:
        with _errors(self.path):
            files = self.db.execute("SELECT count(*), coalesce(sum(pairs), 0) FROM files").fetchone()
        size = Path(self.path).stat().st_size if Path(self.path).exists() else 0
        return {"files": files[0], "pairs": files[1], "bytes": size}

    def close(self) -> None:
        self.db.close()
