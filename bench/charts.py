"""What a chart slide costs in `kkrdeck build`: a 10-slide deck against the same deck with 1 and with 10 charts.

    python bench/charts.py [--runs N]

Whole-process wall time (interpreter start, imports, work, file written), commands alternating within each round;
medians and ratios against the chart-less deck of the same run. The first chart pays the imports of python-pptx's
chart classes, lxml and XlsxWriter; each further chart its XML and workbook.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.decks import write_generated  # noqa: E402

CHART = """  - kind: chart
    title: Diagram {n}
    chart: {kind}
    unit: "%"
    labels: true
    categories: [Borgmestre, KKR-formandskaber, Øvrige medlemmer, Sekretariater]
    series:
      - name: Enig
        values: [62.5, 70, 55, 40]
      - name: Uenig
        values: ["25,5", 20, 30, 35]
"""
KINDS = ("column", "bar", "stacked-column", "stacked-bar", "line", "column", "bar", "line", "stacked-bar", "column")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = write_generated(10, folder).yaml_path
        text = base.read_text(encoding="utf-8")
        decks = {"10 slides, no chart": base}
        for charts in (1, 10):
            path = folder / f"charts{charts}.yaml"
            path.write_text(text + "".join(CHART.format(n=n, kind=KINDS[n]) for n in range(charts)), encoding="utf-8")
            decks[f"10 slides + {charts} chart{'s' if charts > 1 else ''}"] = path
        times: dict[str, list[float]] = {name: [] for name in decks}
        for round_ in range(args.runs + 1):
            for name, deck in decks.items():
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "kkrdeck", "-q", "build", str(deck), "-o",
                                str(folder / "out.pptx")], check=True, env=env, cwd=folder,
                               stdout=subprocess.DEVNULL)
                if round_:  # the first round only warms caches
                    times[name].append(time.perf_counter() - start)
    base_median = statistics.median(times["10 slides, no chart"])
    print(f"| deck | median build | ÷ no chart | per chart slide | runs |\n|---|---|---|---|---|")
    for name, runs in times.items():
        median = statistics.median(runs)
        charts = 0 if "no chart" in name else int(name.split("+ ")[1].split()[0])
        per = f"{(median - base_median) * 1000 / charts:.0f} ms" if charts else "—"
        print(f"| {name} | {median:.3f} s | {median / base_median:.2f}× | {per} | {len(runs)} |")
    one, ten = (statistics.median(times[k]) for k in ("10 slides + 1 chart", "10 slides + 10 charts"))
    print(f"\nthe first chart: {(one - base_median) * 1000:.0f} ms (imports included); each further chart: "
          f"{(ten - one) * 1000 / 9:.0f} ms")


if __name__ == "__main__":
    main()
