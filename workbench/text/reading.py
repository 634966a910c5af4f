"""Reading files a user hands in: bounded, refused when not regular text, decoded with care."""

from __future__ import annotations

import codecs
from pathlib import Path

from workbench.errors import WorkbenchError

#: Files larger than this are refused: no document, glossary or alignment is this big,
#: and reading one would only exhaust memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_bytes(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Return the bytes of a regular file, refusing what is missing, a folder, or too large."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise WorkbenchError("no such file", p) from None
    except PermissionError:
        raise WorkbenchError("permission denied", p) from None
    except OSError as exc:
        raise WorkbenchError(f"cannot read: {exc.strerror or exc}", p) from None
    if p.is_dir():
        raise WorkbenchError("is a directory, not a file", p)
    if st.st_size > limit:
        raise WorkbenchError(
            f"file is too large ({st.st_size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB)", p
        )
    try:
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        raise WorkbenchError("permission denied", p) from None
    except OSError as exc:
        raise WorkbenchError(f"cannot read: {exc.strerror or exc}", p) from None
    if len(data) > limit:
        raise WorkbenchError(f"file is too large (the limit is {limit / 1e6:.0f} MB)", p)
    return data


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode a text file: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030; CRLF → LF.

    Binary data (NUL bytes outside UTF-16, or undecodable in every candidate) is refused.
    """
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
                raise WorkbenchError(
                    "not text in a known encoding (UTF-8, UTF-16 with BOM, GB18030/GBK)", path
                ) from None
            if not _looks_like_text(text):
                raise WorkbenchError("binary file, not text", path) from None
    if not _looks_like_text(text):
        raise WorkbenchError("binary file (control characters), not text", path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
