"""`workbench align` run as a user runs it."""

import re
import warnings
from pathlib import Path

from conftest import run_cli

from workbench.store.alignment_file import load_alignment
from workbench.text.documents import read_document

ROOT = Path(__file__).resolve().parents[1]
ZH = ROOT / "seeds" / "zh" / "scio-2024-07-05-page11.txt"
EN = ROOT / "seeds" / "en" / "scio-2024-07-05-page11.txt"


def test_align_writes_a_valid_aligned_file(tmp_path):
    out = tmp_path / "out" / "page11.yaml"
    out.parent.mkdir()
    result = run_cli("align", ZH, EN, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "pairs" in result.stderr and str(out) in result.stderr
    al = load_alignment(out)
    assert al.zh_sentences() == read_document(ZH, "zh").sentences()
    assert al.en_sentences() == read_document(EN, "en").sentences()
    assert all(p.status == "auto" and p.score is not None for p in al.pairs)
    # document paths are relative to the aligned file and resolve to the inputs
    assert (out.parent / al.source.path).resolve() == ZH.resolve()
    assert (out.parent / al.target.path).resolve() == EN.resolve()
    # speaker turns land beside each other
    turns = {p.zh[0]: p.en for p in al.pairs if p.zh and p.zh[0] in ("金壮龙：", "寿小丽：")}
    assert turns["金壮龙："] == ["Jin Zhuanglong:"]
    assert turns["寿小丽："] == ["Shou Xiaoli:"]
    # saving what was loaded gives the same bytes
    assert run_cli("export", out, "--to", "yaml").stdout == out.read_text(encoding="utf-8")
    # how it was aligned is recorded (the tests align on words alone: WORKBENCH_SEMANTIC=0)
    assert al.semantic is False and "\naligner: {semantic: false}\npairs:\n" in out.read_text(encoding="utf-8")


def test_align_records_lexical_only_when_the_encoder_is_missing(monkeypatch):
    from workbench.align import semantic
    from workbench.align.build import align_documents

    monkeypatch.setattr(semantic, "available", lambda: False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "not installed: aligning lexical-only" (said once a process)
        al = align_documents(read_document(ZH, "zh"), read_document(EN, "en"), semantic=True)
    assert al.semantic is False


def test_presplit_beads(tmp_path):
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("今天天气很好。\n我们去公园散步，然后去吃饭。\n2035年基本实现新型工业化。\n", encoding="utf-8")
    en.write_text("The weather is fine today.\nWe go for a walk in the park.\nThen we go to eat.\nNew industrialization will basically be achieved by 2035.\n", encoding="utf-8")
    result = run_cli("align", zh, en, "--presplit", "--to", "beads")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(re.fullmatch(r"\[(\d+(,\d+)*)?\]:\[(\d+(,\d+)*)?\]", line) for line in lines)
    assert lines == ["[0]:[0]", "[1]:[1,2]", "[2]:[3]"]


def test_align_to_stdout_is_yaml_and_quiet_when_piped(tmp_path):
    result = run_cli("align", ZH, EN)
    assert result.returncode == 0
    assert result.stdout.startswith("workbench: alignment/1\n")
    assert "aligning" not in result.stderr  # no progress bar when stderr is not a terminal


def test_same_language_on_both_sides_warns_but_aligns(tmp_path):
    result = run_cli("align", EN, EN, "--to", "beads")
    assert result.returncode == 0
    assert "looks like English, expected Chinese" in result.stderr
    assert result.stdout.count("\n") > 0


def test_align_folders_in_parallel(tmp_path):
    for side in ("zh", "en"):
        (tmp_path / side).mkdir()
    (tmp_path / "zh" / "a.txt").write_text("今天天气很好。\n我们去公园。\n", encoding="utf-8")
    (tmp_path / "en" / "a.txt").write_text("The weather is fine today.\nWe go to the park.\n", encoding="utf-8")
    (tmp_path / "zh" / "b.txt").write_text("谢谢大家。\n", encoding="utf-8")
    (tmp_path / "en" / "b.txt").write_text("Thank you all.\n", encoding="utf-8")
    (tmp_path / "zh" / "only-zh.txt").write_text("孤单。\n", encoding="utf-8")
    result = run_cli("align", tmp_path / "zh", tmp_path / "en", "-o", tmp_path / "out", "--presplit", "-j", "2")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.yaml", "b.yaml"]
    a = load_alignment(tmp_path / "out" / "a.yaml")
    assert [(p.zh, p.en) for p in a.pairs] == [(["今天天气很好。"], ["The weather is fine today."]), (["我们去公园。"], ["We go to the park."])]


def test_drift_in_a_folder_job_is_one_warning_line_naming_the_document(tmp_path):
    """A region that drifted, found in a worker process, is said as the single-document align
    says it: one `warning:` line, here naming the pair's file — not a raw Python warning."""
    big_zh, big_en = ROOT / "seeds" / "zh" / "scio-2024-07-05.txt", ROOT / "seeds" / "en" / "scio-2024-07-05.txt"
    zh = read_document(big_zh, "zh").sentences()
    en = read_document(big_en, "en").sentences()
    a, b = len(en) // 3, 2 * len(en) // 3  # the middle third of the English made gibberish
    en = en[:a] + [" ".join(w[::-1] for w in s.split()) for s in en[a:b]] + en[b:]
    for side, lines in (("zh", zh), ("en", en)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "drifted.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "zh" / "fine.txt").write_text("谢谢大家。\n", encoding="utf-8")
    (tmp_path / "en" / "fine.txt").write_text("Thank you all.\n", encoding="utf-8")
    result = run_cli("align", tmp_path / "zh", tmp_path / "en", "-o", tmp_path / "out", "--presplit", "-j", "2",
                     "--no-semantic")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    warned = [line for line in lines if "warning" in line.lower()]
    assert len(warned) == 1, result.stderr
    assert warned[0].startswith(f"workbench: warning: {tmp_path / 'zh' / 'drifted.txt'}: ")
    assert "may have drifted" in warned[0]
    assert "AlignDrift" not in result.stderr and "warnings.warn" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["drifted.yaml", "fine.yaml"]


def _blas_env_of_the_cli(extra_env: dict[str, str]) -> dict[str, str | None]:
    import json
    import os
    import subprocess
    import sys

    code = ("import json, os\n"
            "from workbench.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(json.dumps({k: os.environ.get(k) for k in "
            "('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS')}))\n")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")} | extra_env
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_cli_runs_blas_on_one_thread_unless_the_user_chose():
    from workbench.cli import single_threaded_blas

    env: dict[str, str] = {}
    single_threaded_blas(env)
    assert env == {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    env = {"OMP_NUM_THREADS": "4"}
    single_threaded_blas(env)
    assert env == {"OMP_NUM_THREADS": "4"}
    assert set(_blas_env_of_the_cli({}).values()) == {"1"}
    assert _blas_env_of_the_cli({"OPENBLAS_NUM_THREADS": "2"}) == {
        "OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": None, "MKL_NUM_THREADS": None}


def test_align_one_document_folder_says_one_document(tmp_path):
    for side, text in (("zh", "谢谢大家。\n"), ("en", "Thank you all.\n")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "a.txt").write_text(text, encoding="utf-8")
    result = run_cli("align", tmp_path / "zh", tmp_path / "en", "-o", tmp_path / "out", "-j", "1", "--no-semantic")
    assert result.returncode == 0, result.stderr
    assert f"1 document aligned (1 pair) into {tmp_path / 'out'}" in result.stderr
