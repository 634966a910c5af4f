"""Reading files a user hands in: bounded, refused when not regular text, decoded with care."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.text.normalize import HAN_CHARS

#: Files larger than this are refused: no document, glossary or alignment is this big,
#: and reading one would only exhaust memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_bytes(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Return the bytes of a regular file, refusing what is missing, special, or too large.

    The file is opened without blocking and checked with fstat before a byte is read, so a
    FIFO, a device, a folder or a symbolic link loop is refused at once (never waited on).
    """
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _open_error(exc, p) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise WorkbenchError(f"is {file_kind(st.st_mode)}, not a regular file: not read", p)
        if st.st_size > limit:
            raise WorkbenchError(
                f"file is too large ({st.st_size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB)", p
            )
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise WorkbenchError(f"cannot read: {exc.strerror or exc}", p) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise WorkbenchError(f"file is too large (the limit is {limit / 1e6:.0f} MB)", p)
    return data


def _open_error(exc: OSError, p: Path) -> WorkbenchError:
    if exc.errno == errno.ENOENT:
        return WorkbenchError("no such file", p)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return WorkbenchError("permission denied", p)
    if exc.errno == errno.ELOOP:
        return WorkbenchError("is a symbolic link loop, not a file", p)
    if exc.errno == errno.EISDIR:
        return WorkbenchError("is a directory, not a file", p)
    if exc.errno == errno.ENXIO:  # a FIFO (or socket) with nobody on the other end
        return WorkbenchError("is a FIFO or socket, not a regular file: not read", p)
    if exc.errno == errno.ENAMETOOLONG:
        return WorkbenchError("file name too long", p)
    return WorkbenchError(f"cannot read: {exc.strerror or exc}", p)


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, for messages ('a directory', 'a FIFO (named pipe)' …)."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def decode_text(data: bytes, path: str | Path, encoding: str | None = None) -> str:
    """Decode a text file: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 or, for a Latin
    text, Windows-1252/Latin-1; CRLF → LF. `encoding` (the user's `--encoding`) decides alone.

    GB18030 takes almost any bytes, so it is chosen by what the text must then be: a Latin-1
    or Windows-1252 English file read as GB18030 turns each accented letter and the byte after
    it into one CJK character between Latin letters (`Pokémon` → `Pok閙on`); when most of the
    Han characters of the reading are such strays, the file is Latin, not Chinese.

    Binary data (NUL bytes outside UTF-16, or undecodable in every candidate) is refused.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise WorkbenchError(f"unknown encoding {encoding!r} (e.g. utf-8, gb18030, cp1252, latin-1)") from None
        text = _decode(data[3:] if data.startswith(codecs.BOM_UTF8) and "utf" in encoding.lower() else data, encoding, path)
        if not _looks_like_text(text):
            raise WorkbenchError(f"binary file (control characters) when read as {encoding}", path)
        return text.replace("\r\n", "\n").replace("\r", "\n")
    if data.startswith(codecs.BOM_UTF8):
        text = _decode(data[3:], "utf-8", path)
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text = _decode(data, "utf-16", path)
    else:
        if b"\x00" in data:
            raise WorkbenchError("binary file (contains NUL bytes), not text", path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                text = None
            if text is None or _stray_han(text):
                latin = _latin(data)
                if latin is None:
                    raise WorkbenchError(
                        "not text in a known encoding (UTF-8, UTF-16 with BOM, GB18030/GBK, "
                        "Windows-1252/Latin-1); say which with --encoding", path
                    ) from None
                text = latin
            if not _looks_like_text(text):
                raise WorkbenchError("binary file, not text", path) from None
    if not _looks_like_text(text):
        raise WorkbenchError("binary file (control characters), not text", path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")


def _stray_han(text: str) -> bool:
    """True when most Han characters of a GB18030 reading sit alone (runs of one or two)
    against a Latin letter: the mark of a Latin-1/Windows-1252 file read as GB18030."""
    total = stray = 0
    for m in _HAN_RUN.finditer(text):
        n = m.end() - m.start()
        total += n
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if n <= 2 and (before.isascii() and before.isalpha() or after.isascii() and after.isalpha()):
            stray += n
    return total > 0 and stray * 2 > total


def _latin(data: bytes) -> str | None:
    """Windows-1252 (Latin-1 with curly quotes and dashes), else Latin-1; None if the result
    does not look like Latin text (mostly letters and punctuation below U+0250)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if sum(1 for ch in text[:65536] if ord(ch) > 0x24F and ch not in "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ") > 0:
        return None
    return text


def _decode(data: bytes, encoding: str, path: str | Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise WorkbenchError(f"invalid {encoding.upper()} at byte {exc.start}", path) from None


def _looks_like_text(text: str) -> bool:
    """False when control characters other than tab/newline/CR/FF make up the text."""
    if not text:
        return True
    sample = text[:65536]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad == 0 or bad / len(sample) < 0.001 and "\x00" not in sample


def read_text(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read and decode a text file a user hands in."""
    return decode_text(read_bytes(path, limit), path)
