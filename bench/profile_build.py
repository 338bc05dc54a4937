"""Where the time of `kkrdeck build deck.yaml` goes: imports (python -X importtime) and the work (cProfile).

    python bench/profile_build.py              # full cProfile listing of the default build (imports included)
    python bench/profile_build.py --summary    # the Markdown summary bench/run.py puts into bench/README.md
    python bench/profile_build.py --deck D.yaml --out stats.prof   # another deck; keep the stats for snakeviz etc.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GROUPS = {  # import-time families, by the first part of the module name
    "pydantic": "pydantic", "pydantic_core": "pydantic", "annotated_types": "pydantic", "typing_extensions": "pydantic",
    "yaml": "PyYAML", "_yaml": "PyYAML", "PIL": "Pillow", "click": "click", "kkrdeck": "kkrdeck's own modules",
    "pptx": "python-pptx", "lxml": "lxml", "xlsxwriter": "python-pptx",
}
SPECIAL = {  # modules whose own import time is mostly something else's work
    "kkrdeck.outline.model": "kkrdeck.model: pydantic building the deck and brand models' validators",
    "kkrdeck.design.template": "kkrdeck.design.template (organisation templates), imported even without one",
}
STARTUP = {"site", "encodings", "codecs", "io", "abc", "os", "stat", "_collections_abc", "posixpath", "genericpath",
           "_sitebuiltins", "_distutils_hack", "sitecustomize", "usercustomize", "certifi", "importlib.util",
           "importlib.machinery", "_virtualenv"}


def _env() -> dict[str, str]:
    """The environment without PYTHONDONTWRITEBYTECODE: measure with kkrdeck's byte code cached, as installed."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def importtime(deck: Path, out: Path) -> tuple[float, dict[str, float]]:
    """Self time of every import of one build, summed by family; returns (total, {family: seconds})."""
    env = {**_env(), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "kkrdeck", "build", str(deck), "-o", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    families: dict[str, float] = defaultdict(float)
    stack_top: list[str] = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        self_us, name = int(m.group(1)), m.group(4)
        level = len(m.group(3)) // 2
        root = name.split(".")[0]
        # interpreter start-up (site and what .pth files pull in) is charged to "start-up", whatever it imports
        del stack_top[level:]
        stack_top.append(root)
        if stack_top[0] in {"site", "encodings"} or name in STARTUP:
            family = "interpreter start-up (site, encodings, .pth hooks)"
        elif name in SPECIAL:
            family = SPECIAL[name]
        else:
            family = GROUPS.get(root, "standard library and others")
        families[family] += self_us / 1e6
    return sum(families.values()), dict(families)


def profile(deck: Path, out: Path) -> tuple[pstats.Stats, float]:
    sys.path.insert(0, str(ROOT))
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    from kkrdeck.cli import main

    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the output's name: not part of the summary
            main(["-q", "build", str(deck), "-o", str(out)], standalone_mode=False)
    finally:
        profiler.disable()
    return pstats.Stats(profiler), time.perf_counter() - start


def cumulative(stats: pstats.Stats, file_part: str, function: str) -> float:
    return sum(v[3] for (f, _, fn), v in stats.stats.items() if fn == function and f.endswith(file_part))


def own_time_by_area(stats: pstats.Stats) -> dict[str, float]:
    areas: dict[str, float] = defaultdict(float)
    for (f, _, fn), v in stats.stats.items():
        if "importlib._bootstrap" in f or fn in ("<built-in method builtins.exec>", "<built-in method builtins.compile>",
                                                 "<built-in method marshal.loads>", "<built-in method _imp.create_dynamic>"):
            area = "importing (module bodies, byte code, class creation)"
        elif "/pydantic" in f:
            area = "pydantic (validation and model set-up)"
        elif "/PIL/" in f or "ImageFont" in fn or "getlength" in fn or "truetype" in fn:
            area = "Pillow (font files, text widths)"
        elif "/yaml/" in f or "_yaml" in f:
            area = "PyYAML (parsing)"
        elif "zipfile" in f or "zlib" in fn:
            area = "zip and deflate"
        elif "/kkrdeck/" in f:
            area = f"kkrdeck/{Path(f).name}"
        else:
            area = "other (stdlib, click, …)"
        areas[area] += v[2]
    return dict(areas)


def summary(deck: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "deck.pptx"
        subprocess.run([sys.executable, "-m", "kkrdeck", "build", str(deck), "-o", str(out)], cwd=ROOT,
                       env={**_env(), "PYTHONPATH": str(ROOT)}, capture_output=True, check=True)  # byte code
        imports_total, families = importtime(deck, out)
        stats, wall = profile(deck, out)
    total = stats.total_tt
    stages = [("import kkrdeck.cli (click)", "kkrdeck/cli.py", "<module>"),
              ("import of the build stages (pydantic model, yaml, Pillow, …)", "kkrdeck/build.py", "<module>"),
              ("load: read and parse deck.yaml and brand.yaml", "kkrdeck/outline/loader.py", "load_file"),
              ("load_outline: parse + validate + resolve files", "kkrdeck/outline/load.py", "load_outline"),
              ("plan: measure and fit every text (make_plan)", "kkrdeck/plan/make.py", "make_plan"),
              ("  of which Pillow opening the 4 font faces", "kkrdeck/design/metrics.py", "__init__"),
              ("  of which line breaking (Measurer.wrap)", "kkrdeck/plan/textfit.py", "wrap"),
              ("write: template + slides + zip (render_pptx)", "kkrdeck/build.py", "render_pptx"),
              ("  of which the base template", "kkrdeck/ooxml/basetemplate.py", "build_base_template"),
              ("  of which the slides and the package (write_pptx)", "kkrdeck/ooxml/write.py", "write_pptx"),
              ("write_atomically (temp file, fsync, rename)", "kkrdeck/build.py", "write_atomically")]
    lines = [f"Imports, from `python -X importtime` on the same build (self time summed by family, "
             f"{imports_total * 1000:.0f} ms in all):", "", "| family | ms |", "|---|---|"]
    for family, seconds in sorted(families.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {family} | {seconds * 1000:.0f} |")
    lines += ["", f"The build in-process under cProfile ({total * 1000:.0f} ms profiled; the profiler slows Python "
              "code, so read shares, not absolute times):", "", "| stage | cumulative ms | share |", "|---|---|---|"]
    for label, file_part, function in stages:
        seconds = cumulative(stats, file_part, function)
        lines.append(f"| {label} | {seconds * 1000:.0f} | {seconds / total:.0%} |")
    lines += ["", "Own time by area (where the profiled time is actually spent):", "", "| area | ms | share |",
              "|---|---|---|"]
    for area, seconds in sorted(own_time_by_area(stats).items(), key=lambda kv: -kv[1])[:12]:
        lines.append(f"| {area} | {seconds * 1000:.0f} | {seconds / total:.0%} |")
    buffer = io.StringIO()
    stats.stream = buffer
    stats.sort_stats("tottime").print_stats(12)
    top = [ln for ln in buffer.getvalue().splitlines() if re.match(r"\s+\d", ln)]
    lines += ["", "Top functions by own time:", "", "```", *top, "```"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deck", type=Path, default=ROOT / "deck.yaml")
    parser.add_argument("--summary", action="store_true")
    parser.add_argument("--out", type=Path, help="save the cProfile stats here")
    args = parser.parse_args()
    if args.summary:
        print(summary(args.deck))
        return
    with tempfile.TemporaryDirectory() as tmp:
        stats, wall = profile(args.deck, Path(tmp) / "deck.pptx")
    if args.out:
        stats.dump_stats(str(args.out))
    stats.sort_stats("cumulative").print_stats(40)
    print(f"wall time under the profiler: {wall:.3f} s")


if __name__ == "__main__":
    main()
