"""One editor writes a file at a time: a lock beside it, with who holds it.

The lock is `filelock` (an `flock` on `.NAME.lock` beside the file): the kernel releases it
when the holder's process ends in any way, `kill -9` included, so a stale lock from a dead
editor is simply taken over by the next one. Who holds it (process id, host, user, since
when) is written to `.NAME.lock.owner` once the lock is held, so that a second editor can
say who is editing instead of guessing; the owner file of a dead holder is overwritten.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from workbench.store.atomic import beside


def lock_path(path: str | Path) -> Path:
    return beside(path, ".lock")


def owner_path(path: str | Path) -> Path:
    return beside(path, ".lock.owner")


@dataclass
class Owner:
    pid: int
    host: str
    user: str = ""
    since: float = 0.0

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since)) if self.since else "an unknown time"
        who = f"{self.user} " if self.user else ""
        return f"{who}(process {self.pid} on {self.host}, since {when})"


def _me() -> Owner:
    try:
        user = getpass.getuser()
    except Exception:  # no user name for this uid (containers)
        user = ""
    return Owner(os.getpid(), socket.gethostname(), user, time.time())


def read_owner(path: str | Path) -> Owner | None:
    """Who wrote the owner file of `path`'s lock (None if there is none or it is unreadable)."""
    try:
        raw = json.loads(owner_path(path).read_text(encoding="utf-8"))
        return Owner(int(raw["pid"]), str(raw["host"]), str(raw.get("user", "")), float(raw.get("since", 0)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class FileLockHeld(Exception):
    """Another editor holds the file (its owner, if known)."""

    def __init__(self, owner: Owner | None) -> None:
        super().__init__(owner.describe() if owner else "another editor")
        self.owner = owner


class EditLock:
    """The single-writer lock of an aligned file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = FileLock(str(lock_path(self.path)), timeout=0, is_singleton=False, thread_local=False)

    def acquire(self) -> None:
        """Take the lock, or raise FileLockHeld naming who holds it. OSError if the folder
        cannot hold a lock file (read-only): the caller decides."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise FileLockHeld(read_owner(self.path)) from None
        me = _me()
        tmp = owner_path(self.path).with_name(owner_path(self.path).name + f".{me.pid}.tmp")
        try:
            tmp.write_text(json.dumps(me.__dict__), encoding="utf-8")
            os.replace(tmp, owner_path(self.path))
        except OSError:
            pass  # the lock holds without it; a second editor just cannot say who

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def release(self) -> None:
        if not self._lock.is_locked:
            return
        try:
            owner = read_owner(self.path)
            if owner is not None and owner.pid == os.getpid() and owner.host == socket.gethostname():
                owner_path(self.path).unlink()
        except OSError:
            pass
        self._lock.release(force=True)  # the lock file stays: unlinking it would let two hold it
