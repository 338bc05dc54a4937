"""A one-line progress display for work that takes seconds: shown on a terminal only, cleared when done."""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import TextIO


class Progress:
    """Call it with what is being done ("converting 8 slides to PDF"); the line is rewritten in place.

    Silent when `enabled` is false; by default it is enabled only when the stream is a
    terminal, so logs, pipes and tests never see carriage returns. The elapsed seconds are
    shown after a second, so a slow LibreOffice start does not look like a hang.
    """

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None, prefix: str = "kkrdeck: ") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.prefix = prefix
        self._text = ""
        self._started = 0.0
        self._width = 0
        self._lock = threading.Lock()
        self._ticker: threading.Thread | None = None
        self._stop = threading.Event()

    def __call__(self, text: str) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._text, self._started = text, time.monotonic()
            self._draw()
        if self._ticker is None:
            self._stop.clear()
            self._ticker = threading.Thread(target=self._tick, name="kkrdeck-progress", daemon=True)
            self._ticker.start()

    def clear(self) -> None:
        """Remove the line, so the next message starts on a clean line."""
        if self._ticker is not None:
            self._stop.set()
            self._ticker.join()
            self._ticker = None
        with self._lock:
            if self._width:
                self._write("\r" + " " * self._width + "\r")
            self._width, self._text = 0, ""

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.clear()

    def _tick(self) -> None:
        while not self._stop.wait(0.2):
            with self._lock:
                if self._text:
                    self._draw()

    def _draw(self) -> None:
        elapsed = time.monotonic() - self._started
        line = f"{self.prefix}{self._text} …" + (f" {elapsed:.0f} s" if elapsed >= 1 else "")
        self._write("\r" + line.ljust(self._width))
        self._width = max(self._width, len(line))

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed terminal must not stop the work
            self.enabled = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
