"""Watch-mode latency: save → rebuilt .pptx and save → every slide picture refreshed, against a cold `kkrdeck preview`.

    python bench/watch_latency.py            # 20 saves per mode, 5 cold previews; results into bench/README.md
    python bench/watch_latency.py --quick    # 5 saves, 2 cold previews; README not written

Runs the real command line (`python -m kkrdeck watch`) on a copy of the repo's deck.yaml in a temporary folder,
and saves the deck the way an editor does (the file rewritten in place), changing the title slide's title each
time. A save is timed from just before the write to the moment the new file is in place (its inode and time
change: kkrdeck replaces files atomically), watched from outside at 1 ms intervals. Between saves it waits for
watch mode's report line and half a second more, so every save finds watch mode idle, as a user's would.
Then the stages of one re-render are timed in-process (LibreOffice's PDF, the pictures, the contact sheet) to
show where the time goes. Every figure is the median, with the spread; the goals are those of issue 5:
save → .pptx ≤ 100 ms, save → pictures ≤ 1 s for the default deck.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

HEADING = "## Watch mode"
TITLE = "title: KKR-evalueringen\n"  # the deck's first line with a title; the title slide repeats it below
SLIDE_TITLE = "    title: KKR-evalueringen\n"
GOAL_PPTX, GOAL_PNGS = 0.100, 1.0

Signature = tuple[int, int] | None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="5 saves, 2 cold previews, README not written")
    args = parser.parse_args()
    saves, colds = (5, 2) if args.quick else (20, 5)
    load_before = _load()

    with tempfile.TemporaryDirectory(prefix="kkrdeck-bench-watch-") as tmp:
        folder = Path(tmp)
        deck = _deck_copy(folder)
        print(f"watch: {saves} saves, pptx only …", file=sys.stderr)
        plain = _watch_run(folder, deck, saves, preview=False)
        print(f"watch --preview: {saves} saves …", file=sys.stderr)
        with_preview = _watch_run(folder, deck, saves, preview=True)
        print(f"cold kkrdeck preview: {colds} runs …", file=sys.stderr)
        cold = [_cold_preview(folder, n) for n in range(colds)]
        print("stages of one re-render, in-process …", file=sys.stderr)
        stages = _stages(folder, deck, saves)

    report = _report(plain, with_preview, cold, stages, saves, load_before, _load())
    print(report)
    if not args.quick:
        _write_section(BENCH / "README.md", report)
        print("bench: results written to bench/README.md (## Watch mode)", file=sys.stderr)


# -- measuring --


def _deck_copy(folder: Path) -> Path:
    shutil.copytree(ROOT / "assets", folder / "assets", ignore=shutil.ignore_patterns("*.md"))
    deck = folder / "deck.yaml"
    text = (ROOT / "deck.yaml").read_text(encoding="utf-8")
    assert TITLE in text and SLIDE_TITLE in text, "the bench edits the title slide's title of deck.yaml"
    deck.write_text(text, encoding="utf-8")
    return deck


class _Watch:
    """`python -m kkrdeck watch` as a child process, its stderr lines collected by a thread."""

    def __init__(self, folder: Path, preview: bool) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        args = [sys.executable, "-m", "kkrdeck", "watch", "deck.yaml"] + (["--preview"] if preview else [])
        self.proc = subprocess.Popen(args, cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                     # Ctrl+C (how the bench stops it) works even if the bench runs in the background
                                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def expect(self, pattern: str, timeout: float = 120) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise SystemExit(f"bench: watch printed no line matching {pattern!r} in {timeout} s") from None
            if line is None:
                raise SystemExit(f"bench: watch ended before printing a line matching {pattern!r}")
            found = re.search(pattern, line)
            if found:
                return found
            if "not rebuilt" in line or "error" in line:
                raise SystemExit(f"bench: watch reported a problem: {line}")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _signature(path: Path) -> Signature:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns)


_REBUILT = r"changed: rebuilt out/deck\.pptx \(\d+ slides\) in (\d+) ms(?:, pictures in ([\d.]+) (m?s))?"


def _watch_run(folder: Path, deck: Path, saves: int, preview: bool) -> dict[str, list[float]]:
    pptx = folder / "out" / "deck.pptx"
    pictures = folder / "out" / "preview"
    watch = _Watch(folder, preview)
    found: dict[str, list[float]] = {"pptx": [], "pngs": [], "build": [], "render": []}
    try:
        watch.expect(r" built out/deck\.pptx")
        watch.expect(r"^watching ")
        original = deck.read_text(encoding="utf-8")
        for n in range(saves):
            time.sleep(0.5)  # idle, as between a user's saves
            # The title slide is the one that changes; the contact sheet is written last, once every
            # slide picture is up to date (pictures that look the same are not rewritten).
            files = [pptx] + ([pictures / "slide-01.png", pictures / "contact-sheet.png"] if preview else [])
            before = {f: _signature(f) for f in files}
            text = original.replace(SLIDE_TITLE, f"    title: KKR-evalueringen (udkast {n + 1})\n")
            saved = time.perf_counter()
            with open(deck, "w", encoding="utf-8") as f:  # an editor's save: the file rewritten in place
                f.write(text)
            pptx_at = pngs_at = None
            while pngs_at is None:
                now = time.perf_counter()
                if now - saved > 60:
                    raise SystemExit("bench: watch mode did not refresh the files within 60 s")
                if pptx_at is None and _signature(pptx) != before[pptx]:
                    pptx_at = now
                if pptx_at is not None and all(_signature(f) != before[f] for f in files):
                    pngs_at = now
                time.sleep(0.001)
            line = watch.expect(_REBUILT)
            found["pptx"].append(pptx_at - saved)
            found["build"].append(int(line.group(1)) / 1000)
            if preview:
                found["pngs"].append(pngs_at - saved)
                found["render"].append(float(line.group(2)) / (1000 if line.group(3) == "ms" else 1))
            print(f"  save {n + 1}: .pptx {1000 * (pptx_at - saved):.0f} ms"
                  + (f", pictures {pngs_at - saved:.2f} s" if preview else ""), file=sys.stderr)
        deck.write_text(original, encoding="utf-8")
    finally:
        watch.stop()
    return found


def _cold_preview(folder: Path, n: int) -> float:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kkrdeck", "preview", "deck.yaml", "-o", f"cold-{n}"], cwd=folder,
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    took = time.perf_counter() - began
    print(f"  cold preview {n + 1}: {took:.2f} s", file=sys.stderr)
    return took


def _stages(folder: Path, deck: Path, runs: int) -> dict[str, list[float]]:
    """One save's re-render split into its stages, as watch mode does it (resident LibreOffice, picture cache)."""
    from kkrdeck.build import build
    from kkrdeck.export.preview import PictureCache, preview_renderer, render_preview

    original = deck.read_text(encoding="utf-8")
    pptx, pictures, cache = folder / "stages" / "deck.pptx", folder / "stages" / "preview", PictureCache()
    found: dict[str, list[float]] = {"pdf": [], "pictures": [], "sheet": [], "build": []}
    with preview_renderer() as renderer:
        built = build(deck, pptx)
        render_preview(built.output, len(built.plan.slides), pictures, renderer=renderer, cache=cache)  # warm up
        for n in range(runs):
            deck.write_text(original.replace(SLIDE_TITLE, f"    title: KKR-evalueringen (trin {n + 1})\n"),
                            encoding="utf-8")
            began = time.perf_counter()
            built = build(deck, pptx)
            found["build"].append(time.perf_counter() - began)
            marks: list[tuple[str, float]] = []
            render_preview(built.output, len(built.plan.slides), pictures, renderer=renderer, cache=cache,
                           progress=lambda text: marks.append((text, time.perf_counter())))
            end = time.perf_counter()
            times = [t for _, t in marks] + [end]
            found["pdf"].append(times[1] - times[0])
            found["pictures"].append(times[2] - times[1])
            found["sheet"].append(times[3] - times[2])
    deck.write_text(original, encoding="utf-8")
    return found


# -- reporting --


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _row(what: str, values: list[float], goal: str) -> str:
    return (f"| {what} | **{_ms(statistics.median(values))}** | {_ms(min(values))} – {_ms(max(values))} "
            f"| {len(values)} | {goal} |")


def _verdict(name: str, values: list[float], goal: float) -> str:
    median = statistics.median(values)
    return f"{name}: median {_ms(median)} — goal ≤ {_ms(goal)} {'met' if median <= goal else 'MISSED'}"


def _load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _libreoffice_version() -> str:
    from kkrdeck.export.libreoffice import find_soffice

    try:
        out = subprocess.run([str(find_soffice()), "--version"], capture_output=True, text=True, timeout=60).stdout
    except Exception:  # a version string is a nicety, not a reason to lose the measurements
        return "LibreOffice (version unknown)"
    return " ".join(out.split()[:2]) or "LibreOffice"


def _report(plain: dict[str, list[float]], with_preview: dict[str, list[float]], cold: list[float],
            stages: dict[str, list[float]], saves: int, load_before: str, load_after: str) -> str:
    pptx_ok = statistics.median(plain["pptx"]) <= GOAL_PPTX
    pngs_ok = statistics.median(with_preview["pngs"]) <= GOAL_PNGS
    lines = [
        HEADING, "",
        f"`python bench/watch_latency.py` on {dt.date.today().isoformat()}: the repo's deck.yaml (8 slides), "
        f"{saves} saves per mode, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{_libreoffice_version()}; load average {load_before} before, {load_after} after "
        "(other work on a shared machine shows up as spread).",
        "",
        "| from save to … | median | range | saves | goal |",
        "|---|---|---|---|---|",
        _row("rebuilt `.pptx` in place (`kkrdeck watch`)", plain["pptx"], "≤ 100 ms"),
        _row("rebuilt `.pptx` in place (`kkrdeck watch --preview`)", with_preview["pptx"], "≤ 100 ms"),
        _row("all 8 slide PNGs and the contact sheet refreshed (`--preview`)", with_preview["pngs"], "≤ 1 s"),
        _row("a cold `kkrdeck preview` instead (start to exit)", cold, "—"),
        "",
        "Where the time goes (medians, the stages timed in-process through one resident LibreOffice): "
        f"build {_ms(statistics.median(stages['build']))} (load, validate, plan, write; as reported by watch: "
        f"{_ms(statistics.median(plain['build']))}), LibreOffice .pptx → PDF "
        f"{_ms(statistics.median(stages['pdf']))}, pdftoppm drawing the 8 pages and PNG encoding of the one that "
        f"changed {_ms(statistics.median(stages['pictures']))}, contact sheet "
        f"{_ms(statistics.median(stages['sheet']))}. "
        "Watch mode notices a save within its 20 ms polling interval and builds at once; the 150 ms debounce "
        "only holds back the report line (and errors), so it is not part of these latencies.",
        "",
        "- " + _verdict("save → .pptx", plain["pptx"], GOAL_PPTX),
        "- " + _verdict("save → pictures", with_preview["pngs"], GOAL_PNGS),
        f"- a re-render in watch mode is {statistics.median(cold) / statistics.median(with_preview['pngs']):.1f}× "
        "faster than a cold preview, which starts LibreOffice every time",
        "",
        "What keeps a re-render under a second: one resident LibreOffice (`export.Renderer`) instead of a start "
        "per save; a preview PDF without LibreOffice's downsampling of images to 300 dpi (the logo is on every "
        "slide; this alone took about a third of the conversion); pdftoppm writing raw pixels over both cores "
        "and Pillow encoding the PNGs (pdftoppm's own PNG writer took about 150 ms a slide); only slides whose "
        "pixels changed are encoded again, and their thumbnails are made alongside, so the contact sheet only "
        "pastes. LibreOffice, pdftoppm and Pillow are all CPU-bound: on a busy machine every figure here grows "
        "with the load (see the load average above).",
    ]
    if not pngs_ok:
        lines.append("- why the pictures goal is missed: LibreOffice's conversion alone takes "
                     f"{_ms(statistics.median(stages['pdf']))} of the budget; the rest is poppler drawing 8 "
                     "pages and Pillow encoding them, already spread over the cores")
    if not pptx_ok:
        lines.append(f"- why the .pptx goal is missed: the build itself takes "
                     f"{_ms(statistics.median(stages['build']))}")
    return "\n".join(lines) + "\n"


def _write_section(readme: Path, section: str) -> None:
    """Replace this bench's own section of bench/README.md (or append it); everything else stays as it is."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Benchmark\n"
    start = text.find(f"\n{HEADING}\n")
    if start < 0:
        readme.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        return
    start += 1
    rest = text[start + len(HEADING):]
    # The section ends at the next heading of the same or a higher level, or at bench/run.py's marker.
    ends = [m.start() for m in re.finditer(r"^(?:#{1,2} |<!-- bench:)", rest, re.MULTILINE)]
    end = start + len(HEADING) + ends[0] if ends else len(text)
    readme.write_text(text[:start] + section + ("\n" + text[end:] if end < len(text) else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
