"""The default deck on organisation templates against the built-in brand, measured in the same run.

    python bench/templates.py            # 5 rounds; prints the table
    python bench/templates.py --write    # also rewrites the Templates section of bench/README.md

The templates are LibreOffice's Impress templates (converted to .pptx once, by LibreOffice, into a temporary
folder), python-pptx's default and the three real templates in tests/data/templates/real. Each round runs
`kkrdeck build` as a whole process on the built-in brand and on every template, the order rotated from round to
round; the ratio divides the medians of this run. A template is read, tidied, its layouts chosen and its master
painted (design/backdrop) in every process: the cache only helps `watch`, which the warm column measures
in-process (the second build of one process, template already read).
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from kkrdeck.export.libreoffice import find_soffice  # noqa: E402
from bench.readme_section import write_section  # noqa: E402
from tests.data.templates import make  # noqa: E402

REAL = ROOT / "tests" / "data" / "templates" / "real"


def corpus(folder: Path) -> dict[str, Path]:
    """Every template of the test corpus as a file in `folder`."""
    otp = sorted(glob.glob(str(make.IMPRESS_TEMPLATES / "*.otp")))
    subprocess.run([str(find_soffice()), f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--nologo", "--norestore", "--convert-to", "pptx", "--outdir", str(folder), *otp],
                   check=True, capture_output=True, timeout=300)
    found = {Path(p).stem: folder / f"{Path(p).stem}.pptx" for p in otp}
    found["python-pptx-default"] = make.python_pptx_default()
    found.update({p.stem: p for p in REAL.glob("*.p*tx")})
    return found


def _time(args: list[str], cwd: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kkrdeck", "-q", "build", *args], cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def _warm(deck: Path, template: Path | None, out: Path) -> float:
    """Seconds of the second in-process build (the template already read), as `watch` rebuilds."""
    from kkrdeck.build import build

    build(deck, out, template=template)
    began = time.perf_counter()
    build(deck, out, template=template)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        templates = corpus(folder)
        shutil.copytree(ROOT / "assets", folder / "assets")
        shutil.copy(ROOT / "deck.yaml", folder / "deck.yaml")
        runs: dict[str, list[str]] = {"built-in brand": ["deck.yaml", "-o", "out/brand.pptx"]}
        runs.update({name: ["deck.yaml", "--template", str(path), "-o", f"out/{name}.pptx"]
                     for name, path in templates.items()})
        for command in runs.values():
            _time(command, folder)  # untimed: byte code and page cache warm
        times: dict[str, list[float]] = {name: [] for name in runs}
        names = list(runs)
        for n in range(args.rounds):
            for name in names[n % len(names):] + names[:n % len(names)]:
                times[name].append(_time(runs[name], folder))
        warm = {name: _warm(folder / "deck.yaml", templates.get(name), folder / "warm.pptx") for name in runs}
    median = {name: statistics.median(t) for name, t in times.items()}
    base = median["built-in brand"]
    lines = ["| design | build (s) | ÷ built-in brand | warm in-process build (ms) |", "|---|---|---|---|"]
    lines += [f"| {name} | {median[name]:.3f} | {median[name] / base:.2f}× | {warm[name] * 1000:.0f} |"
              for name in sorted(runs, key=lambda n: (n != "built-in brand", -median[n]))]
    load = os.getloadavg()[0]
    table = "\n".join(lines) + f"\n\nMedians of {args.rounds} rounds of whole `kkrdeck build` processes on the " \
        f"default deck; load average {load:.2f} at the end, {time.strftime('%Y-%m-%d')}.\n"
    print(table)
    if args.write:
        write_section("templates", "bench/templates.py", table,
                      "## Templates: the default deck on every template of the corpus\n\n```sh\n"
                      "python bench/templates.py --write\n```\n\nWhole `kkrdeck build` processes, the built-in "
                      "brand and the 27 templates of tests/design/test_corpus.py in rotated order each round; the "
                      "warm column is the second build in one process (what `kkrdeck watch` pays per save).")


if __name__ == "__main__":
    main()
