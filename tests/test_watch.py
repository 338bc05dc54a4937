"""Watch mode: saves rebuild the deck, errors are reported and watching goes on, LibreOffice is stopped on exit."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from kkrdeck.export import libreoffice as export
from kkrdeck.cli import main
from kkrdeck.errors import DeckError
from kkrdeck.export.libreoffice import LIBREOFFICE_MISSING
from kkrdeck.watch import Rebuild, Watcher, _differs, _snapshot, used_files
from tests.conftest import ROOT, write_deck
from tests.export.test_libreoffice import live_processes_in_group


DECK = """\
title: Prøvedæk
slides:
  - kind: title
    title: Første udgave
  - kind: bullets
    title: Punkter
    bullets: [Æbler, Pærer]
"""


def titles(pptx: Path) -> list[str]:
    return [slide.shapes.title.text_frame.text for slide in Presentation(pptx).slides]


def wait_for(condition: Callable[[], object], timeout: float = 20.0, what: str = "the condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.02)


class Recorder:
    """Collects what a Watcher reports, in order."""

    def __init__(self) -> None:
        self.events: queue.Queue[tuple[str, object]] = queue.Queue()

    def rebuild(self, r: Rebuild) -> None:
        self.events.put(("rebuild", r))

    def error(self, exc: BaseException) -> None:
        self.events.put(("error", exc))

    def next(self, timeout: float = 20.0) -> tuple[str, object]:
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"nothing was reported within {timeout:g} s") from None

    def pending(self) -> list[tuple[str, object]]:
        found = []
        while not self.events.empty():
            found.append(self.events.get_nowait())
        return found


@contextmanager
def watching(deck: Path, **options: object) -> Iterator[tuple[Watcher, Recorder]]:
    recorder = Recorder()
    watcher = Watcher(deck, on_rebuild=recorder.rebuild, on_error=recorder.error, **options)  # type: ignore[arg-type]
    failure: list[BaseException] = []

    def run() -> None:
        try:
            watcher.run()
        except BaseException as exc:  # surfaced in the test, not lost in the thread
            failure.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield watcher, recorder
    finally:
        watcher.stop()
        thread.join(timeout=30)
    assert not thread.is_alive(), "the watcher did not stop"
    assert failure == []


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


# -- rebuilding --


def test_a_save_rebuilds_the_pptx_within_seconds(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK)
    pptx = tmp_path / "out" / "deck.pptx"
    with watching(deck) as (_, recorder):
        kind, first = recorder.next()
        assert kind == "rebuild" and isinstance(first, Rebuild)
        assert first.output == pptx and first.slides == 2 and first.changed == ()
        assert titles(pptx)[0] == "Første udgave"

        saved = time.monotonic()
        save(deck, DECK.replace("Første udgave", "Anden udgave"))
        wait_for(lambda: titles(pptx)[0] == "Anden udgave", timeout=5, what="the rebuilt .pptx")
        assert time.monotonic() - saved < 5
        kind, second = recorder.next()
        assert kind == "rebuild" and isinstance(second, Rebuild)
        assert second.changed == (deck.resolve(),)
        assert second.seconds < 5
        assert second.preview is None


def test_a_broken_outline_is_reported_and_a_later_fix_is_picked_up(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK)
    pptx = tmp_path / "out" / "deck.pptx"
    with watching(deck) as (_, recorder):
        assert recorder.next()[0] == "rebuild"
        before = pptx.read_bytes()

        save(deck, DECK.replace("bullets: [Æbler, Pærer]", "buletts: [Æbler, Pærer]"))
        kind, error = recorder.next()
        assert kind == "error" and isinstance(error, DeckError)
        assert any(re.search(r"deck\.yaml:7:5: unknown key 'buletts'", line) for line in error.lines())
        assert pptx.read_bytes() == before, "a failed build must leave the previous .pptx untouched"

        save(deck, DECK.replace("Æbler, Pærer", "Æbler, Pærer, Blommer"))
        kind, fixed = recorder.next()
        assert kind == "rebuild" and isinstance(fixed, Rebuild)
        body = Presentation(pptx).slides[1].placeholders[1].text_frame.text
        assert "Blommer" in body


def test_saving_the_brand_or_adding_a_missing_image_rebuilds(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK + "  - kind: image\n    title: Kort\n    image: images/kort.png\n"
                                       "    alt: Et kort\n")
    pptx = tmp_path / "out" / "deck.pptx"
    with watching(deck) as (watcher, recorder):
        kind, error = recorder.next()
        assert kind == "error" and "images/kort.png" in str(error)
        assert (tmp_path / "images" / "kort.png") in watcher.files, "a missing file is watched for"

        (tmp_path / "images").mkdir()
        Image.new("RGB", (400, 300), (200, 30, 30)).save(tmp_path / "images" / "kort.png")
        kind, built = recorder.next()
        assert kind == "rebuild" and isinstance(built, Rebuild) and built.slides == 3
        assert built.changed == ((tmp_path / "images" / "kort.png").resolve(),)

        brand = tmp_path / "assets" / "brand.yaml"
        stamp = pptx.stat().st_mtime_ns
        save(brand, brand.read_text(encoding="utf-8").replace('primary: "#1D3557"', 'primary: "#112233"'))
        kind, rebuilt = recorder.next()
        assert kind == "rebuild" and isinstance(rebuilt, Rebuild)
        assert rebuilt.changed == (brand.resolve(),)
        assert pptx.stat().st_mtime_ns != stamp


def test_a_burst_of_saves_is_reported_once_with_the_last_version(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK)
    pptx = tmp_path / "out" / "deck.pptx"
    with watching(deck, debounce=1.0) as (_, recorder):
        assert recorder.next()[0] == "rebuild"
        for n in range(5):
            save(deck, DECK.replace("Første udgave", f"Udgave {n}"))
            time.sleep(0.03)
        kind, last = recorder.next()
        assert kind == "rebuild"
        assert titles(pptx)[0] == "Udgave 4"
        time.sleep(1.0)
        assert recorder.pending() == []


def test_what_watch_mode_writes_is_not_watched(tmp_path: Path) -> None:
    # The deck names its own output and a picture in out/preview, which would otherwise be watched.
    deck = write_deck(tmp_path, DECK.replace("[Æbler, Pærer]", "[out/deck.pptx, out/preview/slide-01.png]"))
    with watching(deck) as (watcher, recorder):
        assert recorder.next()[0] == "rebuild"
        assert not any("out" in f.relative_to(tmp_path).parts for f in watcher.files if f.is_relative_to(tmp_path))
        time.sleep(1.0)
        assert recorder.pending() == [], "a build must not trigger the next one"


def test_the_watched_files_are_the_deck_its_brand_and_what_they_name(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK + "  - kind: image\n    title: Kort\n    image: images/kort.png\n"
                                       "    alt: Et kort\n")
    assets = tmp_path / "assets"
    assert used_files(deck) == {
        deck, assets / "brand.yaml", assets / "logo.png",
        *(assets / "fonts" / f"Carlito-{face}.ttf" for face in ("Regular", "Bold", "Italic", "BoldItalic")),
        tmp_path / "images" / "kort.png",  # missing still: its arrival is a change
    }
    # A deck that does not even parse still has its brand watched.
    save(deck, "title: [unclosed\n")
    assert {deck, assets / "brand.yaml"} <= used_files(deck)


def test_a_same_size_rewrite_within_one_clock_tick_is_noticed(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    save(deck, "title: AAAA\n")
    before = _snapshot({deck})
    stat = deck.stat()
    with open(deck, "r+b") as f:  # same file, same length, same modification time
        f.write(b"title: BBBB\n")
    os.utime(deck, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert deck.stat().st_mtime_ns == stat.st_mtime_ns and deck.stat().st_ino == stat.st_ino
    assert _differs(before, _snapshot({deck})) == [deck]
    assert _differs(before, before) == []


def test_a_missing_deck_stops_watch_at_once(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["watch", str(tmp_path / "nowhere.yaml")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'nowhere.yaml'}: deck file not found")


# -- with previews, through one resident LibreOffice --


@pytest.mark.libreoffice
def test_watch_with_preview_rerenders_through_one_libreoffice_and_stops_it(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK)
    pictures = tmp_path / "out" / "preview"
    with watching(deck, preview=True) as (watcher, recorder):
        kind, first = recorder.next(timeout=60)
        assert kind == "rebuild" and isinstance(first, Rebuild) and first.preview is not None
        assert [p.name for p in first.preview.slides] == ["slide-01.png", "slide-02.png"]
        assert first.preview.contact_sheet == pictures / "contact-sheet.png"
        pid = first.renderer_pid
        assert pid is not None and watcher.renderer is not None and watcher.renderer.pid == pid

        sheet = (pictures / "contact-sheet.png").stat().st_mtime_ns
        save(deck, DECK + "  - kind: section\n    title: Slut\n")
        kind, second = recorder.next(timeout=30)
        assert kind == "rebuild" and isinstance(second, Rebuild) and second.preview is not None
        assert [p.name for p in second.preview.slides] == ["slide-01.png", "slide-02.png", "slide-03.png"]
        assert (pictures / "contact-sheet.png").stat().st_mtime_ns != sheet
        assert second.preview.redrawn == (pictures / "slide-03.png",), "slides 1 and 2 look the same as before"
        assert second.renderer_pid == pid, "the same LibreOffice renders every save"
        assert live_processes_in_group(pid) != []
    assert not watcher.renderer.is_running
    assert live_processes_in_group(pid) == []


class WatchProcess:
    """`python -m kkrdeck -v watch …` in a folder, its stderr read line by line."""

    def __init__(self, folder: Path, *args: str) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kkrdeck", "-v", "watch", *args], cwd=folder, env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            # A runner started in the background has Ctrl+C ignored, and children would inherit that.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.seen: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def expect(self, pattern: str, timeout: float = 60.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} within {timeout:g} s; saw {self.seen}") from None
            if line is None:
                raise AssertionError(f"watch ended before a line matching {pattern!r}; saw {self.seen}")
            self.seen.append(line)
            found = re.search(pattern, line)
            if found:
                return found

    def stop(self, signum: int) -> int:
        self.proc.send_signal(signum)
        try:
            return self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


@pytest.mark.libreoffice
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_the_watch_command_reports_rebuilds_and_errors_and_stops_libreoffice_on_exit(
    tmp_path: Path, signum: int
) -> None:
    deck = write_deck(tmp_path, DECK)
    watch = WatchProcess(tmp_path, "deck.yaml", "--preview")
    try:
        watch.expect(r"^\d\d:\d\d:\d\d built out/deck\.pptx \(2 slides\) in \d+ ms, pictures in [\d.]+ m?s: "
                     r"out/preview/contact-sheet\.png$")
        pid = int(watch.expect(r"^LibreOffice is kept running for the pictures \(process (\d+)\)$").group(1))
        watch.expect(r"^watching deck\.yaml and 6 files it uses; press Ctrl\+C to stop$")
        assert live_processes_in_group(pid) != []
        if signum == signal.SIGTERM:
            save(deck, DECK.replace("bullets: [Æbler, Pærer]", "buletts: [Æbler, Pærer]"))
            watch.expect(r"^deck\.yaml:7:5: unknown key 'buletts'")
            watch.expect(r"^\d\d:\d\d:\d\d not rebuilt — fix the problem above and save again; still watching$")
            save(deck, DECK.replace("Første udgave", "Rettet"))
            # Only the title slide looks different, so only its picture is drawn again.
            watch.expect(r"^\d\d:\d\d:\d\d deck\.yaml changed: rebuilt out/deck\.pptx \(2 slides\) in \d+ ms, "
                         r"pictures in [\d.]+ m?s \(slide 1 changed\): out/preview/contact-sheet\.png$")
            assert titles(tmp_path / "out" / "deck.pptx")[0] == "Rettet"
    finally:
        code = watch.stop(signum)
    assert code == 0, watch.seen
    assert watch.proc.stderr is not None
    assert live_processes_in_group(pid) == []


def test_watch_preview_without_libreoffice_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = write_deck(tmp_path, DECK)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(export, "SOFFICE_LOCATIONS", ())
    result = CliRunner().invoke(main, ["watch", str(deck), "--preview"])
    assert result.exit_code == 1
    assert result.stderr == LIBREOFFICE_MISSING + "\n"
    assert not (tmp_path / "out").exists(), "nothing is built when watching cannot start"
