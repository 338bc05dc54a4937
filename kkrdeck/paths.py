"""Files replaced whole or not at all: written next to the target, flushed, then renamed over it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import BinaryIO, Callable


def replace_atomically(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call `write` on a new temporary file beside `target`, then rename it over `target`.

    A reader (a PDF viewer or image viewer in watch mode) never sees half a file, and a failure keeps the
    previous file. O_EXCL with 0o666 keeps the user's umask for the permissions. OSError is left to the
    caller, which knows what to tell the user."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
