"""Five KKR variants against one, measured in the same run: `kkrdeck build` of all five vs `--variant` of one.

    python bench/variants.py            # 9 rounds of .pptx builds, 3 rounds with --pdf --handout; prints the table
    python bench/variants.py --write    # also rewrites the Variants section of bench/README.md

The deck is the default deck as five meetings (tests/variants_deck.py). Each round runs both commands, the
order alternating, as whole processes (interpreter start, imports, every variant validated, planned, written);
the ratio divides the medians of this run. One process builds every variant: fonts, the template package and
the imports are shared, so the four further variants cost only their own plan and write.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench.readme_section import write_section  # noqa: E402
from tests.variants_deck import write_five_variant_deck  # noqa: E402


def _time(args: list[str], cwd: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kkrdeck", "-q", *args], cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def measure(rounds: int, extra: list[str], folder: Path) -> tuple[float, float]:
    one, five = ["build", "--variant", "hovedstaden", *extra], ["build", *extra]
    _time(one, folder), _time(five, folder)  # untimed: byte code and page cache warm
    times: dict[str, list[float]] = {"one": [], "five": []}
    for n in range(rounds):
        order = [("one", one), ("five", five)] if n % 2 == 0 else [("five", five), ("one", one)]
        for name, args in order:
            times[name].append(_time(args, folder))
    return statistics.median(times["one"]), statistics.median(times["five"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--pdf-rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_five_variant_deck(folder)
        rows = [(".pptx only", *measure(args.rounds, [], folder))]
        if args.pdf_rounds:
            rows.append(("--pdf --handout", *measure(args.pdf_rounds, ["--pdf", "--handout"], folder)))
    load = os.getloadavg()[0]
    lines = ["| build | one variant (s) | five variants (s) | five ÷ one |", "|---|---|---|---|"]
    lines += [f"| {name} | {one:.3f} | {five:.3f} | {five / one:.2f}× |" for name, one, five in rows]
    table = "\n".join(lines) + f"\n\nMedians of {args.rounds} (.pptx) and {args.pdf_rounds} (PDF) rounds; load " \
        f"average {load:.2f} at the end, {time.strftime('%Y-%m-%d')}.\n"
    print(table)
    if args.write:
        write_section("variants", "bench/variants.py", table,
                      "## Variants: five KKR meetings against one\n\n```sh\npython bench/variants.py --write\n```\n\n"
                      "Whole `kkrdeck build` processes on the default deck as five meetings "
                      "(tests/variants_deck.py): all five against `--variant hovedstaden`, alternating within each "
                      "round. The issue's bound is five ≤ 1.5× one.")


if __name__ == "__main__":
    main()
