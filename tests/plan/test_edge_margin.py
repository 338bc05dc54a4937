"""kkrdeck's own shapes keep EDGE_MARGIN from every edge of the slide, however far a template's body reaches."""

from __future__ import annotations

from pathlib import Path

import yaml
from PIL import Image
from pptx import Presentation

from kkrdeck.build import build
from kkrdeck.plan.planner import EDGE_MARGIN
from tests.conftest import ROOT, write_deck
from tests.data.templates import make
from tests.package_check import assert_valid_deck


def test_drawn_shapes_keep_a_margin_from_the_slides_edges_where_the_body_reaches_them(tmp_path: Path) -> None:
    """On Candy the body placeholder reaches the slide's bottom edge and the conclusion panel and cards touched it;
    on Progress it reaches 0.3 in below the slide, and so did the cards and a table."""
    template = make.with_body_to_the_edges(tmp_path / "t")
    deck = yaml.safe_load((ROOT / "deck.yaml").read_text(encoding="utf-8"))
    Image.new("RGB", (400, 300), (0, 100, 150)).save(tmp_path / "pic.png")
    deck["slides"] += [
        {"kind": "image", "title": "Billede", "image": "pic.png", "alt": "En blå flade", "caption": "En billedtekst"},
        {"kind": "chart", "title": "Diagram", "chart": "bar", "categories": ["A", "B"],
         "series": [{"name": "Enig", "values": [3, 5]}]},
        {"kind": "table", "title": "Møder", "columns": ["Dato", "Møde"],
         "rows": [[f"{i + 1}. september 2017", "Møde i KKR"] for i in range(12)]}]
    path = write_deck(tmp_path, yaml.safe_dump(deck, allow_unicode=True, sort_keys=False))
    out = tmp_path / "out.pptx"
    build(path, out, template=template)
    assert_valid_deck(out)
    prs = Presentation(str(out))
    width, height = prs.slide_width, prs.slide_height
    near = []
    drawn = set()
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.is_placeholder:
                continue
            drawn.add(shape.name.split(" ")[0])
            gaps = (shape.left, shape.top, width - shape.left - shape.width, height - shape.top - shape.height)
            if min(gaps) < EDGE_MARGIN:
                near.append((number, shape.name, round(min(gaps) / 914400, 2)))
    assert near == []
    assert {"Conclusion", "Statement", "Timeline", "Picture", "Caption", "Chart", "Table"} <= drawn
