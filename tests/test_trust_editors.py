"""Two editors, one file: a lock with who holds it, read-only for the second, journals that
never mix, replay only onto the state a journal was written against, leftovers cleaned, a
dead editor's helpers gone; and an editor whose folder vanished can still save elsewhere
or quit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SIZE, app_for, make_alignment

from workbench.editing.session import ReadOnly, Session
from workbench.model import CONFIRMED
from workbench.store.alignment_file import dump_alignment, load_alignment, save_alignment
from workbench.store.journal import journal_path, read_journal
from workbench.store.lock import owner_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "doc.yaml"
    save_alignment(make_alignment(), path)
    return path


def test_second_editor_is_read_only_and_never_touches_the_first_ones_journal(doc: Path) -> None:
    first = Session(doc)
    first.confirm(0)
    jpath = journal_path(doc)
    inode = os.stat(jpath).st_ino
    second = Session(doc)
    assert second.read_only and not first.read_only
    assert str(os.getpid()) in second.holder_text() and os.uname().nodename in second.holder_text()
    assert second.journal is None and os.stat(jpath).st_ino == inode  # the first one's journal stays
    second.confirm(1)
    with pytest.raises(ReadOnly, match="read-only"):
        second.save()
    copy = doc.with_name("mine.yaml")
    second.save_copy(copy)
    assert load_alignment(copy).pairs[1].status == CONFIRMED
    first.confirm(2)  # still journaled into the live journal
    assert len(read_journal(jpath).records) == 2
    # the first editor dies: its lock goes with it; the next editor recovers its edits alone
    first.journal.close()
    first.release_lock()
    third = Session(doc)
    assert not third.read_only and third.recovered == 2
    assert [p.status for p in third.al.pairs[:3]] == [CONFIRMED, "auto", CONFIRMED]
    third.close()
    second.close()


def test_a_stale_lock_of_a_killed_editor_is_taken_over(doc: Path) -> None:
    code = (
        "import sys, time\n"
        "from workbench.editing.session import Session\n"
        "s = Session(sys.argv[1]); s.confirm(0)\n"
        "print('ready', flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(doc)], stdout=subprocess.PIPE, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip() == b"ready"
        held = Session(doc)
        assert held.read_only and str(proc.pid) in held.holder_text()
        held.close()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    s = Session(doc)
    assert not s.read_only and s.recovered == 1
    assert str(os.getpid()) in owner_path(doc).read_text(encoding="utf-8")
    s.close()


def test_a_journal_patch_that_does_not_fit_stops_the_replay_and_corrupts_nothing(doc: Path) -> None:
    a = Session(doc)
    a.merge_with_next(0)
    a.journal.close()
    a.release_lock()
    # a second journal's record appended to it, as two editors sharing one journal did
    b = Session(doc, use_journal=False)
    b.release_lock()
    b.merge_with_next(1)
    from workbench.store.journal import Journal

    j = Journal(journal_path(doc))
    j.resume()
    j.record("do", b.undo_stack[-1])
    j.close()
    s = Session(doc)
    assert s.recovered == 1 and s.replay_stopped is not None
    assert s.stale_journal is not None and s.stale_journal.exists()
    zh = [x for p in s.al.pairs for x in p.zh]
    assert zh == [x for p in make_alignment().pairs for x in p.zh]  # no sentence twice, none lost
    s.close()


def test_leftover_temporary_files_are_cleaned_on_open(doc: Path) -> None:
    left = doc.with_name(f".{doc.name}.abc123.tmp")
    left.write_text("half a save")
    jtmp = doc.with_name(f".{doc.name}.journal.tmp")
    jtmp.write_text("half a journal")
    other = doc.with_name(".other.yaml.x.tmp")
    other.write_text("not ours")
    s = Session(doc)
    assert not left.exists() and not jtmp.exists() and other.exists()
    s.close()


async def test_second_editor_says_who_holds_the_file_and_saves_a_copy(doc: Path) -> None:
    from textual.widgets import Button, Input

    first = Session(doc)
    before = doc.read_bytes()
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        question = str(app.screen.query_one(".question").render())
        assert "being edited by" in question and str(os.getpid()) in question
        assert app.screen.query_one("#choice-readonly", Button)
        await pilot.click("#choice-readonly")
        await pilot.pause()
        await pilot.press("c", "ctrl+s")
        await pilot.pause()
        await pilot.click("#choice-copy")
        await pilot.pause()
        target = doc.with_name("copy.yaml")
        app.screen.query_one("#prompt", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    assert doc.read_bytes() == before
    assert load_alignment(target).pairs[0].status == CONFIRMED
    first.close()


async def test_changed_on_disk_dialog_defaults_to_saving_a_copy(doc: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        other = load_alignment(doc)
        other.title = "changed by someone else"
        save_alignment(other, doc)
        theirs = doc.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # the focused, first choice
        await pilot.pause()
    assert doc.read_bytes() == theirs
    mine = doc.with_name("doc.mine.yaml")
    assert load_alignment(mine).pairs[0].status == CONFIRMED


async def test_quit_when_the_folder_is_gone_offers_a_way_out(doc: Path, tmp_path: Path) -> None:
    from textual.widgets import Input

    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        moved = tmp_path.parent / (tmp_path.name + "-moved")
        tmp_path.rename(moved)
        try:
            await pilot.press("q")
            await pilot.pause()
            question = str(app.screen.query_one(".question").render())
            assert "Cannot save" in question and "folder does not exist" in question
            await pilot.click("#choice-copy")
            await pilot.pause()
            target = moved / "saved-elsewhere.yaml"
            app.screen.query_one("#prompt", Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            assert not app.is_running or app.return_code == 0
        finally:
            moved.rename(tmp_path)
    assert load_alignment(tmp_path / "saved-elsewhere.yaml").pairs[0].status == CONFIRMED


async def test_quit_without_saving_when_the_folder_is_gone(doc: Path, tmp_path: Path) -> None:
    app = app_for(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        moved = tmp_path.parent / (tmp_path.name + "-moved")
        tmp_path.rename(moved)
        try:
            await pilot.press("q")
            await pilot.pause()
            await pilot.click("#choice-discard")
            await pilot.pause()
            assert app.return_code == 0
        finally:
            moved.rename(tmp_path)


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_after_kill_9_the_checks_process_and_tracker_exit_by_themselves(doc: Path) -> None:
    import pty

    from test_tui_kill import _read_until, _wait_for

    # The editor under a shell, as a user starts it: killing it is then not the end of the
    # terminal's session (which would send SIGHUP to everything on it).
    shell, fd = pty.fork()
    if shell == 0:
        os.environ["TERM"] = "xterm-256color"
        command = f"{sys.executable} -m workbench open '{doc}' --autosave 0; sleep 60"
        os.execv("/bin/sh", ["/bin/sh", "-c", command])
    helpers: list[int] = []
    editor = 0
    try:
        _read_until(fd, b"confirmed", 30)
        editor = _children(shell)[0]
        _wait_for(lambda: len(_children(editor)) >= 2, 30, fd)  # the checks process and the tracker
        helpers = _children(editor)
        os.kill(editor, signal.SIGKILL)
        end = time.monotonic() + 10
        while time.monotonic() < end and any(_alive(h) for h in helpers):
            _wait_for(lambda: True, 1, fd)
            time.sleep(0.1)
        assert not any(_alive(h) for h in helpers), "helpers still running after the editor died"
    finally:
        for h in [editor, *helpers, shell]:
            try:
                if h:
                    os.kill(h, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(shell, 0)
        os.close(fd)
    s = Session(doc)  # the dead editor's lock is free
    assert not s.read_only
    s.close()
    assert dump_alignment(load_alignment(doc))
