"""Reading files a user hands in, and atomic writes."""

import codecs
import os

import pytest

from workbench.errors import WorkbenchError
from workbench.store.atomic import atomic_write
from workbench.text.reading import read_text

TEXT = "金壮龙：\n女士们、先生们，大家上午好！\nLadies and gentlemen.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("gb18030"),
    ],
)
def test_read_text_encodings(tmp_path, data):
    p = tmp_path / "doc.txt"
    p.write_bytes(data)
    assert read_text(p) == TEXT


@pytest.mark.parametrize(
    "setup,message",
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), "binary"),
    ],
)
def test_read_text_refuses(tmp_path, setup, message):
    p = tmp_path / "in.txt"
    setup(p)
    with pytest.raises(WorkbenchError) as exc:
        read_text(p)
    assert message in str(exc.value)
    assert str(p) in str(exc.value)


def test_read_text_refuses_too_large(tmp_path):
    p = tmp_path / "big.txt"
    with open(p, "wb") as fh:
        fh.truncate(2000)
    with pytest.raises(WorkbenchError, match="too large"):
        read_text(p, limit=1000)


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    p = tmp_path / "a.yaml"
    p.write_text("old")
    atomic_write(p, "new")
    assert p.read_text() == "new"
    assert os.listdir(tmp_path) == ["a.yaml"]


def test_atomic_write_into_missing_folder(tmp_path):
    with pytest.raises(WorkbenchError, match="folder does not exist"):
        atomic_write(tmp_path / "nope" / "a.yaml", "x")
