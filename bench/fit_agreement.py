"""Planned line counts against LibreOffice's rendering, over decks of varied Danish text: `python bench/fit_agreement.py`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kkrdeck.build import build  # noqa: E402
from kkrdeck.export.libreoffice import pptx_to_pdf  # noqa: E402
from tests.conftest import write_deck  # noqa: E402
from tests.fitcorpus import varied_deck  # noqa: E402
from tests.render_check import page_lines, paragraph_lines, words_outside  # noqa: E402


def measure(seed: int, slides: int = 18) -> tuple[int, int, int, int]:
    """(paragraphs agreeing, paragraphs, words outside their box, slides) for one generated deck."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        result = build(write_deck(folder, varied_deck(seed, slides)), folder / "v.pptx")
        pdf = pptx_to_pdf(result.output, folder / "v.pdf", expected_pages=len(result.plan.slides))
        pages = page_lines(pdf)
        agree = total = 0
        for number, slide in enumerate(result.plan.slides):
            for block in [slide.title, *slide.placeholders.values()]:
                for p in block.paragraphs:
                    total += 1
                    agree += len(paragraph_lines(pages[number], p.text)) == len(p.lines)
        return agree, total, len(words_outside(pdf, result.output)), len(result.plan.slides)


def main() -> None:
    seeds = [int(a) for a in sys.argv[1:]] or [1, 2, 3, 5, 7, 8]
    agree_all = total_all = outside_all = slides_all = 0
    for seed in seeds:
        agree, total, outside, slides = measure(seed)
        agree_all, total_all, outside_all, slides_all = (agree_all + agree, total_all + total,
                                                         outside_all + outside, slides_all + slides)
        print(f"seed {seed}: {slides} slides, {agree}/{total} paragraphs with the planned line count, "
              f"{outside} words outside their box")
    print(f"all: {slides_all} slides, {agree_all}/{total_all} = {agree_all / total_all:.1%} agreement, "
          f"{outside_all} words outside their box")


if __name__ == "__main__":
    main()
