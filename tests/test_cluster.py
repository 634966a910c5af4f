"""Folders aligned file by file: pairing by name, a failing document named while the rest
completes, and the same bytes from a local pool, a Dask LocalCluster in this process, and a
real `dask scheduler` + `dask worker` on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.align.batch import pair_folders
from workbench.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture
def folders(tmp_path):
    zh, en = tmp_path / "zh", tmp_path / "en"
    zh.mkdir()
    en.mkdir()
    for name in ("scio-2024-07-05-page11.txt",):
        (zh / name).write_bytes((SEEDS / "zh" / name).read_bytes())
        (en / name.replace(".txt", ".md")).write_bytes((SEEDS / "en" / name).read_bytes())  # pairs by stem
    (zh / "a.txt").write_text("今天天气很好。我们去公园。\n寿小丽：\n谢谢大家。\n", encoding="utf-8")
    (en / "a.txt").write_text("The weather is fine today. We go to the park.\nShou Xiaoli:\nThank you all.\n", encoding="utf-8")
    (zh / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    (en / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    (zh / "only-zh.txt").write_text("孤单。\n", encoding="utf-8")
    (en / "only-en.txt").write_text("Alone.\n", encoding="utf-8")
    return zh, en


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def check_run(rc, err, out: Path) -> None:
    assert rc == 2  # one pair failed
    assert "broken.docx: not a Word document" in err
    assert "only-zh.txt: no file of the same name" in err and "only-en.txt: no file of the same name" in err
    assert "2 documents aligned" in err and "1 failed" in err
    assert sorted(p.name for p in out.iterdir()) == ["a.yaml", "scio-2024-07-05-page11.yaml"]


def test_pairing_by_name_and_stem(folders):
    pairing = pair_folders(*folders)
    assert [(z.name, e.name) for z, e in pairing.pairs] == [
        ("a.txt", "a.txt"), ("broken.docx", "broken.docx"), ("scio-2024-07-05-page11.txt", "scio-2024-07-05-page11.md")]
    assert [p.name for p in pairing.zh_only] == ["only-zh.txt"]
    assert [p.name for p in pairing.en_only] == ["only-en.txt"]


# Dask runs in a child process: imported here it would swell the test process, whose size every
# later subprocess inherits until it execs (and test_hostile measures children's peak memory).
IN_PROCESS_CLUSTER = """
import sys
from distributed import LocalCluster
from workbench.cli import main
with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
    rc = main(["align", sys.argv[1], sys.argv[2], "-o", sys.argv[3], "--scheduler", cluster.scheduler_address])
sys.exit(rc)
"""


def python(code: str, *args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_local_pool_and_in_process_local_cluster_write_the_same_bytes(folders, tmp_path, capsys):
    zh, en = folders
    rc = main(["align", str(zh), str(en), "-o", str(tmp_path / "local"), "-j", "2"])
    check_run(rc, capsys.readouterr().err, tmp_path / "local")
    r = python(IN_PROCESS_CLUSTER, zh, en, tmp_path / "dask")
    check_run(r.returncode, r.stderr, tmp_path / "dask")
    assert " on inproc://" in r.stderr
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    text = (tmp_path / "dask" / "a.yaml").read_text(encoding="utf-8")
    assert "path: ../zh/a.txt" in text and "path: ../en/a.txt" in text


def test_missing_scheduler_or_extra_is_one_line():
    code = """
import sys
from workbench.align.batch import connect
from workbench.errors import WorkbenchError
if sys.argv[1] == "no-extra":
    sys.modules["distributed"] = None
try:
    connect("tcp://127.0.0.1:9", timeout=0.5)
except WorkbenchError as exc:
    print(exc)
"""
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in python(code, "down").stdout
    assert "pip install 'workbench[cluster]'" in python(code, "no-extra").stdout


def _wait_for(path: Path, proc: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert proc.poll() is None, "the Dask process exited"
        assert time.monotonic() < deadline, f"no {path.name} after {seconds} s"
        time.sleep(0.05)


def test_real_dask_scheduler_and_worker_processes(folders, tmp_path, capsys):
    zh, en = folders
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    sched_file = tmp_path / "scheduler.json"
    common = ["--no-dashboard"]
    logs = {name: open(tmp_path / f"{name}.log", "wb") for name in ("scheduler", "worker")}
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", "0",
         "--scheduler-file", str(sched_file), *common],
        env=env, stdout=logs["scheduler"], stderr=subprocess.STDOUT)
    worker = None
    try:
        _wait_for(sched_file, scheduler)
        address = json.loads(sched_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        worker = subprocess.Popen(
            [sys.executable, "-m", "dask", "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
             "--no-nanny", *common],
            env=env, stdout=logs["worker"], stderr=subprocess.STDOUT, cwd=tmp_path)
        rc = main(["align", str(zh), str(en), "-o", str(tmp_path / "local"), "-j", "1"])  # while the worker starts
        check_run(rc, capsys.readouterr().err, tmp_path / "local")
        remote = subprocess.run([sys.executable, "-m", "workbench", "align", zh, en, "-o", tmp_path / "remote",
                                 "--scheduler", address],
                                capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
        try:
            check_run(remote.returncode, remote.stderr, tmp_path / "remote")
        except AssertionError:
            tails = {n: (tmp_path / f"{n}.log").read_text(errors="replace")[-2000:] for n in logs}
            raise AssertionError(f"client: {remote.stderr}\nscheduler: {tails['scheduler']}\nworker: {tails['worker']}") from None
        assert outputs(tmp_path / "remote") == outputs(tmp_path / "local")
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
        for proc in (worker, scheduler):
            if proc is not None:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        for log in logs.values():
            log.close()
