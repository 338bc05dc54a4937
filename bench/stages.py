"""Where one build's time goes, stage by stage, measured in a fresh process: load+validate, plan (fitting), write.

Usage: python bench/stages.py DECK.yaml [--repeat N]
Prints one JSON object: seconds per stage (the plan stage once cold — empty font caches, as in a real build —
and the median of N warm repeats), the number of planned slides, and milliseconds per slide.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(deck: Path, repeat: int = 5) -> dict:
    t0 = time.perf_counter()
    from kkrdeck.build import render_pptx
    from kkrdeck.design.design import design_for
    from kkrdeck.outline.load import load_outline
    from kkrdeck.plan.make import make_plan

    t1 = time.perf_counter()
    outline = load_outline(deck)
    t2 = time.perf_counter()
    design = design_for(outline)
    plan = make_plan(outline, design)  # cold: the first measurement of every word, as in `kkrdeck build`
    t3 = time.perf_counter()
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        make_plan(outline, design)
        warm.append(time.perf_counter() - start)
    t4 = time.perf_counter()
    data = render_pptx(outline, plan, design)
    t5 = time.perf_counter()
    slides = len(plan.slides)
    return {
        "deck": str(deck), "slides": slides, "bytes": len(data),
        "import_s": t1 - t0, "load_validate_s": t2 - t1, "plan_cold_s": t3 - t2,
        "plan_warm_s": statistics.median(warm), "write_s": t5 - t4,
        "plan_cold_ms_per_slide": (t3 - t2) * 1000 / slides, "plan_warm_ms_per_slide": statistics.median(warm) * 1000 / slides,
        "load_ms_per_slide": (t2 - t1) * 1000 / slides, "write_ms_per_slide": (t5 - t4) * 1000 / slides,
    }


if __name__ == "__main__":
    args = sys.argv[1:]
    n = 5
    if "--repeat" in args:
        i = args.index("--repeat")
        n = int(args[i + 1])
        del args[i:i + 2]
    print(json.dumps(measure(Path(args[0]), n)))
