"""Saves never lose work: a process killed mid-save leaves the old file, a file changed on
disk since it was loaded is not overwritten, and a failed write is one clear error."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from formats_samples import sample_alignment

from workbench.errors import WorkbenchError
from workbench.formats.tmx import dump_tmx
from workbench.store.alignment_file import dump_alignment, load_alignment, save_alignment
from workbench.store.atomic import atomic_write
from workbench.store.filestate import FileState, check_unchanged, read_with_state, save_if_unchanged


def wait_for_temp(folder: Path, name: str, size: int, proc: subprocess.Popen, timeout: float = 15.0) -> Path:
    """The temporary file of a save in progress, once it holds all `size` bytes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for tmp in folder.glob(f".{name}.*.tmp"):
            if tmp.stat().st_size == size:
                return tmp
        if proc.poll() is not None:
            raise AssertionError(f"the saving process ended early: {proc.stderr.read() if proc.stderr else ''}")
        time.sleep(0.02)
    raise AssertionError("the save never reached its pause")


def kill_during_save(cmd: list[str], folder: Path, name: str, new_size: int) -> Path:
    env = {**os.environ, "WORKBENCH_SAVE_PAUSE": "60", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=folder)
    try:
        tmp = wait_for_temp(folder, name, new_size, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return tmp


def test_killed_between_write_and_rename_the_old_file_is_intact(tmp_path):
    path = tmp_path / "doc.yaml"
    al = sample_alignment()
    save_alignment(al, path)
    old = path.read_bytes()
    al.confirm(3)
    al.pairs[1].en = ["A new translation."]
    new_size = len(dump_alignment(al).encode())
    script = (
        "from workbench.store.alignment_file import load_alignment, save_alignment\n"
        "al = load_alignment('doc.yaml')\n"
        "al.confirm(3)\n"
        "al.pairs[1].en = ['A new translation.']\n"
        "save_alignment(al, 'doc.yaml')\n"
    )
    tmp = kill_during_save([sys.executable, "-c", script], tmp_path, "doc.yaml", new_size)
    assert path.read_bytes() == old  # wholly the old content
    assert dump_alignment(load_alignment(path)) == old.decode()
    # The complete new text sits in a hidden temporary file that nothing takes for the file:
    # the aligned files of the folder are still just doc.yaml.
    assert tmp.name.startswith(".doc.yaml.") and tmp.suffix == ".tmp"
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == ["doc.yaml"]
    # A later save succeeds and replaces the file, not the leftover.
    save_alignment(al, path)
    assert path.read_bytes().decode() == dump_alignment(al)


def test_cli_killed_mid_save_leaves_the_previous_output(tmp_path):
    out = tmp_path / "out.yaml"
    save_alignment(sample_alignment(), out)
    old = out.read_bytes()
    memory = tmp_path / "other.tmx"
    other = sample_alignment()
    other.pairs = other.pairs[1:3]
    memory.write_text(dump_tmx(other), encoding="utf-8")
    new_size = len(dump_alignment(other).encode())
    kill_during_save(
        [sys.executable, "-m", "workbench", "import", str(memory), "-o", str(out), "--force"], tmp_path, "out.yaml", new_size
    )
    assert out.read_bytes() == old


def test_a_failed_write_is_one_error_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "doc.yaml"
    path.write_text("old")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(WorkbenchError, match="No space left on device.*old file is unchanged"):
        atomic_write(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.yaml"]


def test_a_new_file_gets_the_usual_mode_and_an_old_one_keeps_its_own(tmp_path):
    mask = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.tmx", "x")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.tmx").stat().st_mode & 0o777 == 0o640
    old = tmp_path / "old.yaml"
    old.write_text("x")
    old.chmod(0o604)
    atomic_write(old, "y")
    assert old.stat().st_mode & 0o777 == 0o604


def test_saving_through_a_symlink_updates_its_target(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text("old")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


# -- a file changed on disk since it was loaded ---------------------------------------


@pytest.fixture
def loaded(tmp_path):
    path = tmp_path / "doc.yaml"
    save_alignment(sample_alignment(), path)
    text, state = read_with_state(path)
    return path, load_alignment(path, text), state


def test_unchanged_file_saves_and_the_new_state_allows_the_next_save(loaded):
    path, al, state = loaded
    al.confirm(2)
    state2 = save_if_unchanged(path, dump_alignment(al), state)
    assert state2 == FileState.of(path.read_bytes()) != state
    al.confirm(4)
    save_if_unchanged(path, dump_alignment(al), state2)
    assert load_alignment(path).pairs[4].status == "confirmed"


def test_changed_on_disk_is_not_overwritten(loaded):
    path, al, state = loaded
    theirs = path.read_text(encoding="utf-8").replace("Welcome.", "Welcome, everyone.")
    path.write_text(theirs, encoding="utf-8")  # another editor saved meanwhile
    al.confirm(2)
    with pytest.raises(WorkbenchError, match="changed on disk since it was loaded") as exc:
        save_if_unchanged(path, dump_alignment(al), state)
    assert str(path) in str(exc.value)
    assert path.read_text(encoding="utf-8") == theirs


def test_changed_with_the_same_size_and_time_is_still_noticed(loaded):
    path, _, state = loaded
    st = path.stat()
    data = path.read_bytes().replace(b"Welcome.", b"Welcomf.")
    path.write_bytes(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # a tool that restores the mtime
    with pytest.raises(WorkbenchError, match="changed on disk"):
        check_unchanged(path, state)


def test_touched_but_same_content_is_not_a_conflict(loaded):
    path, _, state = loaded
    os.utime(path, (time.time() + 100, time.time() + 100))
    check_unchanged(path, state)


def test_deleted_since_loading_is_saved_again(loaded):
    path, al, state = loaded
    path.unlink()
    save_if_unchanged(path, dump_alignment(al), state)
    assert load_alignment(path).pairs[0].zh == ["金壮龙："]


def test_created_by_someone_else_after_opening_a_new_file(tmp_path):
    path = tmp_path / "new.yaml"
    path.write_text("someone else's")
    with pytest.raises(WorkbenchError, match="created by someone else"):
        save_if_unchanged(path, "mine", None)
    assert path.read_text() == "someone else's"
