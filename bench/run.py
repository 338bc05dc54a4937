"""kkrdeck's benchmark: one command, one run, every figure measured side by side; the table goes into bench/README.md.

    python bench/run.py            # the full run (about five minutes on a 2-core machine)
    python bench/run.py --quick    # 3 runs per command, no 1000-slide deck: a smoke test of the bench itself

What it measures, alternating the commands pair by pair within every round (so a busy moment of a shared
machine hits all of them alike), the order rotated from round to round:
- `kkrdeck build` on the repo's deck.yaml and on generated decks of 10, 100 and 1000 slides,
- `bench/bare_pptx.py`: a bare python-pptx script building the same slides (titles + bullets), no branding or fitting,
- pandoc on the same slides as Markdown (`apt-get install -y pandoc`; skipped with a note when it is missing),
- `kkrdeck --help` against `python -c "import pptx"`, and `kkrdeck check` / `kkrdeck schema` for reference;
then, in separate processes: the cost of each stage per slide (bench/stages.py: load+validate, plan = fitting,
write), a cProfile of the default build (bench/profile_build.py), and the structural and schema checks of the
1000-slide output. Wall time is the median over the runs; peak memory is the child's max RSS (os.wait4).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench.decks import default_deck, write_generated, write_inputs  # noqa: E402

PY = sys.executable
# This tree's kkrdeck, with byte code cached as after `pip install` (PYTHONDONTWRITEBYTECODE would make every
# run compile kkrdeck's modules from source, a cost no user pays; the baselines' packages are compiled already).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")
BEGIN, END = "<!-- bench:begin (written by bench/run.py) -->", "<!-- bench:end -->"


@dataclass
class Command:
    label: str
    argv: list[str]
    output: Path | None = None  # a .pptx whose slides are counted
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    def run(self) -> None:
        start = time.perf_counter()
        proc = subprocess.Popen(self.argv, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        proc.stderr.close()
        if proc.returncode != 0:
            raise SystemExit(f"bench: {' '.join(self.argv)} failed ({proc.returncode}):\n{err}")
        self.times.append(elapsed)
        self.rss_kb.append(usage.ru_maxrss)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_mb(self) -> float:
        return max(self.rss_kb) / 1024

    def slides(self) -> int | None:
        if self.output is None or not self.output.exists():
            return None
        with zipfile.ZipFile(self.output) as zf:
            return sum(1 for n in zf.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))


def kkrdeck(*args: str) -> list[str]:
    return [PY, "-m", "kkrdeck", *args]


def rounds(commands: list[Command], runs: int) -> None:
    """One warm-up run each (byte-code caches, page cache), then `runs` rounds, the order rotated every round."""
    for c in commands:
        c.run()
        c.times.clear()
        c.rss_kb.clear()
    for r in range(runs):
        k = r % len(commands)
        for c in commands[k:] + commands[:k]:
            c.run()


def versions() -> dict[str, str]:
    from importlib.metadata import version

    out = {"python": platform.python_version(), "python-pptx": version("python-pptx"), "lxml": version("lxml"),
           "PyYAML": version("PyYAML"), "pydantic": version("pydantic"), "Pillow": version("Pillow"),
           "click": version("click")}
    from kkrdeck import __version__

    out["kkrdeck"] = __version__
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "kkrdeck"], cwd=ROOT, capture_output=True,
                               text=True)
        if commit.returncode == 0:
            out["kkrdeck"] += f" ({commit.stdout.strip()}{' + uncommitted changes' if dirty.stdout.strip() else ''})"
    except OSError:
        pass
    pandoc = shutil.which("pandoc")
    if pandoc:
        first = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        out["pandoc"] = first.split()[-1]
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, AttributeError):
        pass
    return f"{cpu}, {os.cpu_count()} CPUs{memory}, {platform.system()} {platform.release()}"


def stage_costs(decks: dict[str, Path]) -> dict[str, dict]:
    out = {}
    for name, path in decks.items():
        proc = subprocess.run([PY, str(BENCH / "stages.py"), str(path), "--repeat", "5"], cwd=ROOT, env=ENV,
                              capture_output=True, text=True, check=True)
        out[name] = json.loads(proc.stdout)
    return out


def check_output(path: Path) -> tuple[list[str], list[str], float, float]:
    from tests.package_check import schema_problems, structural_problems

    t0 = time.perf_counter()
    structural = structural_problems(path)
    t1 = time.perf_counter()
    schema = schema_problems(path)
    t2 = time.perf_counter()
    return structural, schema, t1 - t0, t2 - t1


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (default 7; 5 for 1000 slides)")
    parser.add_argument("--quick", action="store_true", help="3 runs, no 1000-slide deck, README not written")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    sizes = (10, 100) if args.quick else (10, 100, 1000)
    started = dt.datetime.now(dt.timezone.utc)
    load_before = os.getloadavg()
    pandoc = shutil.which("pandoc")
    work = Path(tempfile.mkdtemp(prefix="kkrdeck-bench-"))
    print(f"bench: working in {work}", file=sys.stderr)

    decks = {"deck.yaml (default)": default_deck()}
    for n in sizes:
        decks[f"{n} slides"] = write_generated(n, work / "decks")
    rows = []
    for name, deck in decks.items():
        spec, markdown = write_inputs(deck, work / "inputs")
        stem = re.sub(r"\W+", "_", name)
        commands = [Command("kkrdeck build", kkrdeck("build", str(deck.yaml_path), "-o", str(work / f"k_{stem}.pptx")),
                            work / f"k_{stem}.pptx"),
                    Command("bare python-pptx", [PY, str(BENCH / "bare_pptx.py"), str(spec), str(work / f"b_{stem}.pptx")],
                            work / f"b_{stem}.pptx")]
        if pandoc:
            commands.append(Command("pandoc", [pandoc, str(markdown), "-o", str(work / f"p_{stem}.pptx")],
                                    work / f"p_{stem}.pptx"))
        n_runs = min(runs, 5) if deck.name.startswith("1000") else runs
        print(f"bench: {name}: {n_runs} rounds of {', '.join(c.label for c in commands)}", file=sys.stderr)
        rounds(commands, n_runs)
        rows.append((name, commands, n_runs))

    startup = [Command("kkrdeck --help", kkrdeck("--help")), Command('python -c "import pptx"', [PY, "-c", "import pptx"]),
               Command("python -c pass", [PY, "-c", "pass"]),
               Command("kkrdeck check", kkrdeck("check", str(ROOT / "deck.yaml"))),
               Command("kkrdeck schema", kkrdeck("schema"))]
    print(f"bench: start-up: {runs} rounds", file=sys.stderr)
    rounds(startup, runs)

    print("bench: stage costs per slide", file=sys.stderr)
    stages = stage_costs({name: deck.yaml_path for name, deck in decks.items()})
    largest = rows[-1][1][0].output
    print(f"bench: structural and schema checks of {largest.name}", file=sys.stderr)
    structural, schema, t_structural, t_schema = check_output(largest)
    print("bench: profile of the default build", file=sys.stderr)
    profile = subprocess.run([PY, str(BENCH / "profile_build.py"), "--summary"], cwd=ROOT, env=ENV,
                             capture_output=True, text=True, check=True).stdout
    load_after = os.getloadavg()

    report = render(rows, startup, stages, (largest, structural, schema, t_structural, t_schema), profile,
                    started, load_before, load_after, pandoc, runs)
    print(report)
    if not (args.quick or args.no_readme):
        write_readme(report)
        print("bench: table written to bench/README.md", file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)


def verdict(value: float, goal: float) -> str:
    return f"**{value:.2f}×** (goal ≤ {goal}×: {'met' if value <= goal else 'NOT met'})"


def render(rows, startup, stages, checked, profile, started, load_before, load_after, pandoc, runs) -> str:
    lines = [f"Measured {started:%Y-%m-%d %H:%M} UTC on {machine()}; load average "
             f"{load_before[0]:.2f} before, {load_after[0]:.2f} after (a shared machine: other work ran alongside).",
             "", "Versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()) + ".", ""]
    if not pandoc:
        lines += ["**pandoc is not installed, so its column is empty** — install it with `apt-get install -y pandoc` "
                  "and run again.", ""]
    lines += ["### Build time and memory", "",
              "Median wall time of the runs (whole process: interpreter start, imports, work, file written); "
              "peak memory is the largest max RSS over the runs. Ratios are kkrdeck ÷ baseline from the same run.", "",
              "The last ratio column divides the fastest runs instead (less exposed to other work on the machine).", "",
              "| deck | slides (kkrdeck / bare / pandoc) | kkrdeck build | bare python-pptx | pandoc | "
              "kkrdeck ÷ bare | kkrdeck ÷ pandoc | peak MB (kkrdeck / bare / pandoc) | runs | fastest: ÷ bare, ÷ pandoc |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    summary = {}
    for name, commands, n in rows:
        k, b = commands[0], commands[1]
        p = commands[2] if len(commands) > 2 else None
        slides = " / ".join(str(c.slides()) for c in commands)
        rk = k.median / b.median
        rp = k.median / p.median if p else None
        summary[name] = (rk, rp, k.peak_mb)
        lines.append(f"| {name} | {slides} | {fmt_s(k.median)} | {fmt_s(b.median)} | "
                     f"{fmt_s(p.median) if p else '—'} | {rk:.2f}× | {f'{rp:.2f}×' if rp else '—'} | "
                     f"{k.peak_mb:.0f} / {b.peak_mb:.0f} / {f'{p.peak_mb:.0f}' if p else '—'} | {n} | "
                     f"{min(k.times) / min(b.times):.2f}×, {f'{min(k.times) / min(p.times):.2f}×' if p else '—'} |")
    lines += ["", "### Start-up", "", "| command | median | fastest | peak MB |", "|---|---|---|---|"]
    for c in startup:
        lines.append(f"| `{c.label}` | {fmt_s(c.median)} | {fmt_s(min(c.times))} | {c.peak_mb:.0f} |")
    help_ratio = startup[0].median / startup[1].median
    lines += ["", "### Goals", ""]
    default = summary["deck.yaml (default)"]
    lines.append(f"- default deck, kkrdeck ÷ bare python-pptx: {verdict(default[0], 1.15)}")
    big = next((v for k, v in summary.items() if k.startswith("1000")), None)
    if big:
        lines.append(f"- 1000 slides, kkrdeck ÷ bare python-pptx: {verdict(big[0], 0.5)}")
        lines.append(f"- 1000 slides, kkrdeck ÷ pandoc: " + (verdict(big[1], 0.35) if big[1] else "not measured "
                                                             "(pandoc missing)"))
        lines.append(f"- 1000 slides, kkrdeck peak memory: **{big[2]:.0f} MB** (goal ≤ 120 MB: "
                     f"{'met' if big[2] <= 120 else 'NOT met'})")
    lines.append(f"- `kkrdeck --help` ÷ `python -c \"import pptx\"`: {verdict(help_ratio, 0.5)}")
    lines += ["", "### Cost per slide, stage by stage", "",
              "In-process clock (bench/stages.py, a fresh process per deck). *plan* is the fitting: every line "
              "measured with the font's metrics, sizes chosen, continuations decided; *cold* is the first plan in "
              "the process (fonts opened, every word measured for the first time — what `kkrdeck build` pays), "
              "*warm* the median of 5 repeats with the width caches full (what `kkrdeck watch` would pay). "
              "*write* is the base template, the slides' XML and the zip.", "",
              "| deck | slides | imports | load+validate | plan cold | plan warm | write | "
              "plan cold per slide | plan warm per slide | write per slide |", "|---|---|---|---|---|---|---|---|---|---|"]
    for name, s in stages.items():
        lines.append(f"| {name} | {s['slides']} | {s['import_s'] * 1000:.0f} ms | {s['load_validate_s'] * 1000:.0f} ms | "
                     f"{s['plan_cold_s'] * 1000:.0f} ms | {s['plan_warm_s'] * 1000:.0f} ms | {s['write_s'] * 1000:.0f} ms | "
                     f"{s['plan_cold_ms_per_slide']:.2f} ms | {s['plan_warm_ms_per_slide']:.2f} ms | "
                     f"{s['write_ms_per_slide']:.2f} ms |")
    path, structural, schema, t_structural, t_schema = checked
    lines += ["", f"### The {path.name.split('_', 1)[1].replace('_', ' ').removesuffix(' pptx').strip()} output checked", "",
              f"- structural check (tests/package_check.structural_problems): "
              f"{'no problems' if not structural else f'{len(structural)} problems, e.g. {structural[0]}'} "
              f"({t_structural:.1f} s)",
              f"- schema check (openxml-audit, tests/package_check.schema_problems): "
              f"{'no problems' if not schema else f'{len(schema)} problems, e.g. {schema[0]}'} ({t_schema:.1f} s)",
              "", "### Profile of the default build (cProfile, bench/profile_build.py)", "", profile.strip()]
    return "\n".join(lines) + "\n"


def write_readme(report: str) -> None:
    readme = BENCH / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else f"# Benchmark\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{BEGIN}\n{report}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
