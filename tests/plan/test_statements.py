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
