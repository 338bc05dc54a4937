"""Statements continued on new slides: runs of even length at one size, not 3 + 2 + 1 at three sizes."""

from __future__ import annotations

from pathlib import Path

import yaml
from pptx import Presentation

from kkrdeck.build import build
from kkrdeck.design.geometry import inch
from tests.conftest import write_deck
from tests.data.templates import make
from tests.package_check import assert_valid_deck

STATEMENTS = ["Godt politisk koordineringsforum",
              "Troværdig og kvalificeret samarbejdspartner, som i stigende grad anvendes af eksterne relationer",
              "Generel tillid til KKR's politikere og den bagvedliggende administrative organisering.",
              "Generelt opbakning til KKR. Enkelte opmærksomhedspunkter."]


def test_continued_statements_share_the_slides_evenly_at_one_size(tmp_path: Path) -> None:
    """On a 2.5 in content area six statements went 3 + 2 + 1, the first slide at 19.5 pt and the others at 26."""
    template = make.with_short_body(tmp_path / "t", inch(2.5))
    body = yaml.safe_dump({"title": "T", "slides": [{"kind": "statements", "title": "Udsagn",
                                                    "statements": (STATEMENTS * 2)[:6]}]}, allow_unicode=True)
    out = tmp_path / "out.pptx"
    result = build(write_deck(tmp_path, body), out, template=template)
    assert_valid_deck(out)
    slides = Presentation(str(out)).slides
    cards = [[sh for sh in s.shapes if sh.name.endswith(" card")] for s in slides]
    assert [len(c) for c in cards] == [2, 2, 2]
    assert [sh.text_frame.text for c in cards for sh in c] == (STATEMENTS * 2)[:6]
    sizes = {r.font.size.pt for c in cards for sh in c for p in sh.text_frame.paragraphs for r in p.runs}
    assert len(sizes) == 1 and min(sizes) >= 18
    assert [n.message for n in result.notices if n.severity == "warning"] == []


def test_continued_statements_are_drawn_in_one_grid_on_every_slide(tmp_path: Path) -> None:
    """On Candy's narrow body the first two cards stood side by side and the next two one above the other."""
    from dataclasses import replace

    from kkrdeck.design.design import design_for
    from kkrdeck.design.geometry import Box
    from kkrdeck.outline.load import load_outline
    from kkrdeck.plan.make import make_plan

    statements = ["Godt forum", "Klar rolle", STATEMENTS[1], STATEMENTS[2]]
    outline = load_outline(write_deck(tmp_path, yaml.safe_dump(
        {"title": "T", "slides": [{"kind": "statements", "title": "Udsagn", "statements": statements}]},
        allow_unicode=True)))
    design = design_for(outline)
    narrow = replace(design.geometry, body=Box(inch(4), inch(1.8), inch(4.2), inch(4.9)))
    plan = make_plan(outline, replace(design, geometry=narrow))
    grids = []
    for slide in plan.slides:
        cards = [s for s in slide.shapes if s.name.endswith(" card")]
        grids.append([(c.box.x - narrow.body.x, c.box.y) for c in cards])
    assert [len(g) for g in grids] == [2, 2]
    assert grids[0] == grids[1]
    assert [p.text for s in plan.slides for c in s.shapes if c.name.endswith(" card") for p in c.text.paragraphs] \
        == statements
