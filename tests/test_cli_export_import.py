"""`workbench export` and `workbench import`, run as a user runs them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import run_cli
from formats_samples import sample_alignment

from workbench.store.alignment_file import dump_alignment, save_alignment


@pytest.fixture
def aligned(tmp_path):
    path = tmp_path / "doc.yaml"
    save_alignment(sample_alignment(), path)
    return path


def test_export_yaml_reproduces_the_canonical_file_byte_for_byte(aligned):
    r = run_cli("export", aligned, "--to", "yaml")
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.encode() == aligned.read_bytes()


@pytest.mark.parametrize("fmt,root", [("tmx", "tmx"), ("xliff", "{urn:oasis:names:tc:xliff:document:1.2}xliff")])
def test_export_xml_to_a_file_by_suffix(aligned, tmp_path, fmt, root):
    out = tmp_path / f"out.{'xlf' if fmt == 'xliff' else fmt}"
    r = run_cli("export", aligned, "-o", out)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("workbench: wrote ") and r.stdout == ""
    assert ET.parse(out).getroot().tag == root


def test_export_tsv_to_stdout(aligned):
    r = run_cli("export", aligned, "--to", "tsv")
    assert r.returncode == 0
    assert r.stdout.splitlines()[0] == "zh\ten"


@pytest.mark.parametrize("fmt", ["tmx", "xliff"])
def test_export_then_import_gives_the_same_file(aligned, tmp_path, fmt):
    mid = tmp_path / f"mid.{fmt}"
    back = tmp_path / "back.yaml"
    assert run_cli("export", aligned, "--to", fmt, "-o", mid).returncode == 0
    r = run_cli("import", mid, "-o", back)
    assert r.returncode == 0, r.stderr
    assert back.read_bytes() == aligned.read_bytes()


def test_import_tsv_to_stdout(tmp_path):
    src = tmp_path / "pairs.csv"
    src.write_text("中文,英文\n你好。再见。,Hello. Goodbye.\n", encoding="utf-8")
    r = run_cli("import", src)
    assert r.returncode == 0, r.stderr
    assert "- 你好。\n  - 再见。\n" in r.stdout and "- Hello.\n  - Goodbye.\n" in r.stdout


def test_import_by_content_when_the_suffix_says_nothing(tmp_path):
    src = tmp_path / "memory.dat"
    src.write_text("<tmx><body><tu><tuv xml:lang='zh'><seg>好。</seg></tuv><tuv xml:lang='en'><seg>Good.</seg></tuv></tu></body></tmx>")
    r = run_cli("import", src)
    assert r.returncode == 0, r.stderr
    assert "- 好。" in r.stdout


def one_error_line(r, *words):
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in lines[0]


def test_export_without_a_format(aligned):
    one_error_line(run_cli("export", aligned), "--to")


def test_export_unknown_format(aligned):
    one_error_line(run_cli("export", aligned, "--to", "docx"), "invalid choice")


def test_export_missing_file(tmp_path):
    one_error_line(run_cli("export", tmp_path / "nope.yaml", "--to", "tmx"), "nope.yaml", "no such file")


def test_export_never_overwrites_the_aligned_file_with_another_format(aligned):
    before = aligned.read_bytes()
    one_error_line(run_cli("export", aligned, "--to", "tmx", "-o", aligned), "would overwrite")
    assert aligned.read_bytes() == before


def test_import_into_a_missing_folder_loses_nothing(tmp_path):
    src = tmp_path / "a.tsv"
    src.write_text("好。\tGood.\n")
    one_error_line(run_cli("import", src, "-o", tmp_path / "no" / "out.yaml"), "folder does not exist")


def test_import_a_yaml_file_is_refused(aligned):
    one_error_line(run_cli("import", aligned), "already an aligned YAML file")


def test_export_bad_yaml_names_line_and_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = dump_alignment(sample_alignment()).replace("status: auto", "status: maybe", 1)
    bad.write_text(text, encoding="utf-8")
    r = run_cli("export", bad, "--to", "tmx")
    one_error_line(r, "bad.yaml:", "status must be one of")
