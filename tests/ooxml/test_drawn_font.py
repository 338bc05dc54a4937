"""Text kkrdeck draws on a template is named in the font it was measured in: the body style's, not the theme's."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from kkrdeck.build import build
from kkrdeck.ooxml.ns import A_NS
from tests.conftest import ROOT
from tests.data.templates import make
from tests.package_check import assert_valid_deck


def test_drawn_text_on_a_template_is_set_in_its_body_styles_font_not_the_themes(tmp_path: Path) -> None:
    """Candy's body style names Noto Sans over an Arial theme: the timeline and cards were measured in the one and
    rendered in the other, beside bullets in the first."""
    template = make.with_body_style_font(tmp_path / "t", "DejaVu Serif")
    out = tmp_path / "out.pptx"
    build(ROOT / "deck.yaml", out, template=template)
    assert_valid_deck(out)
    fonts: dict[str, set[str]] = {}
    for slide in Presentation(str(out)).slides:
        for shape in slide.shapes:
            if shape.is_placeholder or not shape.has_text_frame or not shape.text_frame.text:
                continue
            kind = " ".join(w for w in shape.name.split() if not w.isdigit())
            for latin in shape._element.iter(f"{{{A_NS}}}latin"):
                fonts.setdefault(kind, set()).add(latin.get("typeface"))
    assert fonts["Timeline step"] == {"DejaVu Serif"}
    assert fonts["Conclusion"] == {"DejaVu Serif"}
    assert fonts["Statement card"] == {"DejaVu Serif"}
    assert fonts["Timeline date"] == {"+mj-lt"}  # headings: the theme's major font, as they are measured
