"""Files replaced whole or not at all: written next to the target, flushed, then renamed over it; leftovers cleaned."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

# what a temporary name adds to the target's: ".", ".", the process id, "-", 8 hex digits, ".part"
TEMP_OVERHEAD = 1 + 1 + 10 + 1 + 8 + 5
_OURS = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.part")
_OLD_STYLE = re.compile(r"\..+\.[0-9a-f]{8}\.part")  # before the process id was part of the name
_OLD_STYLE_AGE = 3600.0


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: unwound like Ctrl+C, so every temporary file and LibreOffice is cleaned up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def temp_name(target: Path) -> Path:
    """A temporary name beside `target` that says which process made it, so a later run can tell a leftover."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.part")


def replace_atomically(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call `write` on a new temporary file beside `target`, then rename it over `target`.

    A reader (a PDF viewer or image viewer in watch mode) never sees half a file, and a failure keeps the
    previous file. O_EXCL with 0o666 keeps the user's umask for the permissions. OSError is left to the
    caller, which knows what to tell the user."""
    with staged(target) as temp:
        with open(temp, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new, empty temporary file beside `target` for the caller to fill and rename; removed if it is not renamed.

    Leftovers of earlier runs that were killed (their process is gone) are removed first."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target.parent)
    temp = temp_name(target)
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666))
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove `.NAME.PID-XXXXXXXX.part` files of kkrdeck runs whose process no longer exists; returns them."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _OURS.fullmatch(entry.name)
        try:
            if match and not process_alive(int(match.group("pid"))) or \
                    not match and _OLD_STYLE.fullmatch(entry.name) and now - entry.stat().st_mtime > _OLD_STYLE_AGE:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or we cannot tell: keep its files
    return True


def _stop(signum: int, frame: object) -> None:
    raise Stopped(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP unwind the program like Ctrl+C (temporary files and LibreOffice cleaned up), not kill it."""
    signals = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _stop) for s in signals}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
