"""The baseline: a short python-pptx script building the same slides (titles and bullets), no branding, no fitting.

Usage: python bench/bare_pptx.py SLIDES.json OUT.pptx
SLIDES.json is a list of {"title": str, "bullets": [[level, text], ...]}, written by bench/decks.py.
"""

import json
import sys

from pptx import Presentation


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as f:
        slides = json.load(f)
    prs = Presentation()
    layout = prs.slide_layouts[1]  # "Title and Content"
    for spec in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = spec["title"]
        body = slide.placeholders[1].text_frame
        for n, (level, text) in enumerate(spec["bullets"]):
            paragraph = body.paragraphs[0] if n == 0 else body.add_paragraph()
            paragraph.text = text
            paragraph.level = level
    prs.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
