"""`kkrdeck watch`: rebuild a deck, and re-render its pictures, each time it or a file it uses is saved.

How a save becomes a rebuild. The deck and every file it uses are polled every `POLL_INTERVAL`
(a few stat() calls; it works the same on every file system, network drives included, and on
editors that save by renaming). A change is built at once: a build takes tens of milliseconds
and replaces the .pptx atomically, so a build that a later save overtakes costs nothing. What
the user sees is debounced: the line about a rebuild, or the problems that stopped it, comes
only once the files have been quiet for `DEBOUNCE`. So a save of several files, or an editor
that truncates and then writes, gives one line and never a spurious error about a half-written
file. With previews, LibreOffice renders the newest build; a save during a render starts
another build and render as soon as that one is done.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from kkrdeck.errors import Problem
from kkrdeck.i18n import _
from kkrdeck.export.preview import PictureCache, PreviewResult, Progress, default_preview_dir
from kkrdeck.outline.load import DEFAULT_BRAND

if TYPE_CHECKING:
    from kkrdeck.export.libreoffice import Renderer

POLL_INTERVAL = 0.02  # seconds between two looks at the files
DEBOUNCE = 0.15  # quiet time after the last change before a rebuild is reported
MAX_HOLD = 2.0  # files that never stop changing still get a report this often

# File times tick in steps of a few milliseconds (whole seconds on some file systems), so two
# saves of the same length within one tick look alike. For files written this recently the
# content is compared too (as git does for "racily clean" files).
_RACY_NS = 2_000_000_000
_HASH_LIMIT = 1024 * 1024
# Words in a deck or brand that may be file names: a dot and a short extension at the end.
_LOOKS_LIKE_FILE = re.compile(r"[^\s/\\]\.[A-Za-z0-9]{1,5}$")
_MAX_FILES = 1000

Signature = tuple[int, int, int, bytes | None] | None


@dataclass(frozen=True)
class Rebuild:
    """One build that watch mode reports: the .pptx and, with previews, the slide pictures."""

    output: Path
    slides: int
    seconds: float  # the build: load, validate, plan, write
    changed: tuple[Path, ...] = ()  # the saved files that caused it; empty for the first build
    notices: tuple[Problem, ...] = ()
    preview: PreviewResult | None = None
    preview_seconds: float | None = None
    renderer_pid: int | None = None  # the resident LibreOffice that rendered the pictures


@dataclass
class _Outcome:
    rebuild: Rebuild | None = None
    errors: list[BaseException] = field(default_factory=list)


class Watcher:
    """Watches a deck and rebuilds it; `run()` blocks until `stop()` (or Ctrl+C, SIGTERM).

    Outcomes go to the callbacks, never to a terminal: `on_rebuild` for every reported build,
    `on_error` for every problem (a `KkrdeckError` with file:line:column messages, or anything
    unexpected); watching goes on after both. With `preview`, one resident LibreOffice renders
    every build and is stopped when `run()` returns, however it returns.
    """

    def __init__(
        self,
        deck_path: Path,
        output: Path | None = None,
        *,
        preview: bool = False,
        preview_dir: Path | None = None,
        allow_outside: bool = False,
        template: Path | None = None,
        on_rebuild: Callable[[Rebuild], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        progress: Progress | None = None,
        interval: float = POLL_INTERVAL,
        debounce: float = DEBOUNCE,
        handle_signals: bool = True,
    ) -> None:
        self.deck_path = Path(deck_path)
        self.output = output
        self.preview = preview
        self.preview_dir = Path(preview_dir) if preview_dir is not None else default_preview_dir(self.deck_path)
        self.allow_outside = allow_outside
        self.template = Path(template) if template is not None else None
        self.on_rebuild = on_rebuild or (lambda _: None)
        self.on_error = on_error or (lambda _: None)
        self.progress = progress
        self.interval = interval
        self.debounce = debounce
        self.handle_signals = handle_signals
        self.renderer: Renderer | None = None  # the resident LibreOffice, once the first preview needs it
        self._pictures = PictureCache()
        self._stop = threading.Event()
        self._files: set[Path] = set()
        self._seen: dict[Path, Signature] = {}

    @property
    def files(self) -> frozenset[Path]:
        """Every file watched now: the deck, its brand and what they name (logo, fonts, images, template)."""
        return frozenset(self._files)

    def stop(self) -> None:
        """Ask `run()` to return; safe from any thread."""
        self._stop.set()

    def run(self) -> None:
        """Build now, then rebuild after every save until stopped. Raises only if watching cannot start."""
        from kkrdeck.outline.loader import load_file

        self._stop.clear()
        with _signals_interrupt(self.handle_signals):
            try:
                if self.preview:
                    from kkrdeck.export.preview import check_tools

                    check_tools()
                if not self.deck_path.is_file():
                    load_file(self.deck_path)  # raises the loader's "not found" message
                self._files = self._discover()
                self._seen = _snapshot(self._files)
                self._cycle((), first=True)
                while not self._stop.wait(self.interval):
                    changed = _differs(self._seen, _snapshot(self._files))
                    if changed:
                        self._cycle(changed)
            finally:
                with _signals_ignored(self.handle_signals):
                    self._close_renderer()

    # -- one rebuild, held back until the files are quiet --

    def _cycle(self, changed: list[Path], first: bool = False) -> None:
        started = last_change = time.monotonic()
        causes = set(changed)
        while not self._stop.is_set():
            self._seen = _snapshot(self._files)  # before the build reads them: a later save is seen
            outcome = self._build_and_render(tuple(sorted(causes)))
            if first:  # the first build is reported at once; saves made meanwhile come next
                self._report(outcome)
                return
            while not self._stop.is_set():
                more = _differs(self._seen, _snapshot(self._files))
                if more:
                    causes.update(more)
                    last_change = time.monotonic()
                    break  # build again, report only the newest
                now = time.monotonic()
                if now - last_change >= self.debounce or now - started >= MAX_HOLD:
                    self._report(outcome)
                    return
                self._stop.wait(self.interval)

    def _build_and_render(self, changed: tuple[Path, ...]) -> _Outcome:
        from kkrdeck.build_variants import build_every

        outcome = _Outcome()
        began = time.perf_counter()
        try:
            # with variants: every variant rebuilt; the first is the one drawn with --preview
            builds = build_every(self.deck_path, self.output, self.allow_outside, self.template)
            result = builds[0].result
        except Exception as exc:  # a bad outline, or a bug: report it and keep watching
            outcome.errors.append(exc)
            self._update_files()
            return outcome
        seconds = time.perf_counter() - began
        self._update_files()
        preview = preview_seconds = None
        if self.preview and not _differs(self._seen, _snapshot(self._files)):
            began = time.perf_counter()
            try:
                preview = self._render(result.output, len(result.plan.slides))
                preview_seconds = time.perf_counter() - began
            except Exception as exc:
                outcome.errors.append(exc)
        notices = tuple(dict.fromkeys(n for b in builds for n in b.result.notices))
        output = result.output if len(builds) == 1 else result.output.parent
        outcome.rebuild = Rebuild(
            output, sum(len(b.result.plan.slides) for b in builds), seconds, changed, notices,
            preview, preview_seconds, self.renderer.pid if preview is not None and self.renderer else None,
        )
        return outcome

    def _render(self, pptx: Path, slides: int) -> PreviewResult:
        from kkrdeck.export.preview import preview_renderer, render_preview

        if self.renderer is None:
            self.renderer = preview_renderer()
        if not self.renderer.is_running and self.progress:
            self.progress(_("starting LibreOffice"))
        return render_preview(pptx, slides, self.preview_dir, renderer=self.renderer, progress=self.progress,
                              cache=self._pictures)

    def _report(self, outcome: _Outcome) -> None:
        if outcome.rebuild is not None:
            self.on_rebuild(outcome.rebuild)
        for error in outcome.errors:
            self.on_error(error)

    def _close_renderer(self) -> None:
        if self.renderer is not None:
            self.renderer.close()

    # -- which files to watch --

    def _update_files(self) -> None:
        files = self._discover()
        new = files - self._files
        self._files = files
        self._seen.update(_snapshot(new))

    def _discover(self) -> set[Path]:
        files = used_files(self.deck_path)
        if self.template is not None:  # --template: watched like the files the deck names
            files.add(self.template.resolve())
        output = Path(self.output) if self.output else None
        from kkrdeck.build import default_output

        ours = {(output or default_output(self.deck_path)).resolve()}
        preview_dir = self.preview_dir.resolve()
        # Never watch what watch mode writes itself, or every build would start the next one.
        return {f for f in files if f not in ours and not f.is_relative_to(preview_dir)}


def used_files(deck_path: Path) -> set[Path]:
    """The deck and every file it may use: its brand, and whatever the two name (logo, fonts, images, template).

    Read from the YAML text rather than the validated model, so that a deck with errors still
    shows which files it names: fixing a missing image by adding the file is a fix too. Every
    text that names an existing file counts, and so does a missing one that looks like a file
    name (a short extension at the end), so that its arrival is noticed.
    """
    deck = Path(deck_path).resolve()
    base = deck.parent
    deck_tree = _plain(deck)
    written = deck_tree.get("brand") if isinstance(deck_tree, dict) else None
    brand = (base / (written if isinstance(written, str) and written.strip() else DEFAULT_BRAND)).resolve()
    named = _named_files(deck_tree, [base, brand.parent]) | _named_files(_plain(brand), [brand.parent, base])
    return set(sorted(named)[:_MAX_FILES]) | {deck, brand}


def _plain(path: Path) -> object:
    from kkrdeck.outline.loader import load_file, to_plain

    try:
        return to_plain(load_file(path))
    except Exception:  # finding the files to watch is best effort; the build reports what is wrong
        return None


def _named_files(tree: object, folders: list[Path]) -> set[Path]:
    found: set[Path] = set()
    for text in _strings(tree):
        if not text or len(text) > 1024 or "\n" in text or "\0" in text:
            continue
        try:
            written = Path(text).expanduser()
            candidates = [(folder / written).resolve() for folder in folders]
            existing = [c for c in candidates if c.is_file()]
        except (OSError, ValueError, RuntimeError):
            continue
        if existing:
            found.update(existing)
        elif _LOOKS_LIKE_FILE.search(text):
            found.add(candidates[0])  # relative to the file that names it, as kkrdeck resolves it
        if len(found) > _MAX_FILES:
            break
    return found


def _strings(tree: object) -> Iterator[str]:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


# -- noticing saves --


def _signature(path: Path) -> Signature:
    try:
        st = os.stat(path)
    except OSError:
        return None
    digest = None
    if abs(time.time_ns() - st.st_mtime_ns) < _RACY_NS and st.st_size <= _HASH_LIMIT:
        try:
            with open(path, "rb") as f:
                digest = hashlib.blake2b(f.read(), digest_size=16).digest()
        except OSError:
            return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, digest)


def _snapshot(files: set[Path]) -> dict[Path, Signature]:
    return {f: _signature(f) for f in files}


def _differs(before: dict[Path, Signature], now: dict[Path, Signature]) -> list[Path]:
    """The files whose time, size, identity or (for recent writes) content differ."""
    changed = []
    for path, new in now.items():
        old = before.get(path)
        if old is None or new is None:
            if old != new:
                changed.append(path)
        elif old[:3] != new[:3] or (old[3] is not None and new[3] is not None and old[3] != new[3]):
            changed.append(path)
    return changed


# -- stopping cleanly --


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_signals() -> list[int]:
    return [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]


@contextmanager
def _signals_interrupt(enabled: bool) -> Iterator[None]:
    """SIGTERM and SIGHUP end watching the way Ctrl+C does, so LibreOffice is stopped, not orphaned."""
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise_interrupt) for s in _stop_signals()}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def _signals_ignored(enabled: bool) -> Iterator[None]:
    """While LibreOffice is being stopped, a second Ctrl+C must not leave it half-stopped."""
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = [signal.SIGINT, *_stop_signals()]
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in signals}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
