"""A template's layouts: found by the placeholders they hold, named in the brand file, or said to be missing."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pptx
import pytest
from pptx import Presentation

from kkrdeck.build import build
from kkrdeck.design.layouts import Override, choose_layouts, read_layouts
from kkrdeck.design.template import load_template
from kkrdeck.design.tidy import as_presentation
from kkrdeck.errors import TemplateError
from tests.conftest import ROOT, write_deck
from tests.data.templates import make
from tests.package_check import assert_valid_deck

PYTHON_PPTX_DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"



def test_danish_layout_names_are_found_by_their_placeholders(templates: dict[str, Path]) -> None:
    t = load_template(templates["danish"])
    assert {k: c.layout.name for k, c in t.choices.items()} == {
        "cover": "Titelslide", "content": "Titel og indhold", "section": "Sektionsoverskrift",
        "two": "To indholdselementer", "title-only": "Kun titel", "blank": "Tom"}
    assert t.width == 12192000 and t.height == 6858000


def test_object_placeholders_count_as_body_and_positions_come_from_the_master(templates: dict[str, Path]) -> None:
    t = load_template(templates["python-pptx"])
    content = t.choices["content"].layout
    body = content.of("body")[0]
    assert body.type == "obj" and body.inherited
    assert body.box == t.geometry.body  # the master's body box (default insets: nothing to allow for)
    assert t.layout_map.layouts["content"].roles == {"title": 0, "body": 1}
    assert (t.width, t.height) == (9144000, 6858000)


def test_vertical_text_and_caption_layouts_are_not_taken_for_title_and_body(templates: dict[str, Path]) -> None:
    t = load_template(templates["python-pptx"])
    assert t.choices["content"].layout.name == "Title and Content"
    assert t.choices["two"].layout.name == "Two Content"  # not 'Content with Caption', not 'Comparison'


def test_list_indents_come_from_the_masters_body_style(templates: dict[str, Path]) -> None:
    g = load_template(templates["python-pptx"]).geometry
    assert g.margins == (342900, 742950, 1143000, 1600200)
    assert g.indents == (-342900, -285750, -228600, -228600)


def test_the_cover_comes_from_the_sample_slides_master_and_content_from_the_largest_body(
        templates: dict[str, Path]) -> None:
    t = load_template(templates["Vivid"])
    assert t.masters == 3
    # master 1 is a cover design (a 3.25 cm body), the sample slides use master 2 (9.75 cm), master 3 has 11.25 cm
    assert t.choices["cover"].layout.master == 0 and t.choices["content"].layout.master == 2
    assert t.choices["title-only"].layout.master == 2 and t.choices["two"].layout.master == 2
    assert t.choices["section"].how == "fallback" and t.choices["section"].layout == t.choices["cover"].layout


def test_a_template_without_title_and_body_layout_is_refused_with_what_is_missing(tmp_path: Path) -> None:
    template = make.without_title_and_body(tmp_path)
    with pytest.raises(TemplateError) as info:
        build(ROOT / "deck.yaml", tmp_path / "deck.pptx", template=template)
    assert info.value.message == (
        f"{template}: kkrdeck cannot use this template: it has no layout with a title and one body placeholder "
        "(like PowerPoint's 'Title and Content'), which bullet slides need. Its layouts: 'Title Slide' (title, "
        "subtitle); 'Blank' (no placeholders). Add such a layout in PowerPoint (View → Slide Master), or name the "
        "layout to use under 'layouts: bullets:' in the brand file.")
    assert not (tmp_path / "deck.pptx").exists()


def test_a_layout_can_be_named_in_the_brand_file(templates: dict[str, Path]) -> None:
    t = load_template(templates["danish"], (Override("bullets", "To indholdselementer", "brand.yaml:30:12"),))
    assert t.choices["content"].layout.name == "To indholdselementer" and t.choices["content"].how == "named"
    assert t.layout_map.layouts["content"].roles["body"] in (1, 2)


def test_a_misspelt_layout_name_is_answered_with_the_names_there_are(templates: dict[str, Path]) -> None:
    with pytest.raises(TemplateError) as info:
        load_template(templates["danish"], (Override("bullets", "Titel og indhol", "brand.yaml:30:12"),))
    assert info.value.message.startswith("brand.yaml:30:12: layouts: bullets: ")
    assert "has no layout named 'Titel og indhol' — did you mean 'Titel og indhold'? Its layouts are: " \
           "'Titelslide', 'Titel og indhold'," in info.value.message


def test_a_named_layout_without_the_needed_placeholders_is_refused(templates: dict[str, Path]) -> None:
    with pytest.raises(TemplateError) as info:
        load_template(templates["danish"], (Override("bullets", "Tom", "brand.yaml:30:12"),))
    assert info.value.message == ("brand.yaml:30:12: layouts: bullets: the layout 'Tom' holds no placeholders, but "
                                  "bullets slides need a title and a body placeholder — name another layout")


def test_layouts_named_in_the_brand_file_are_used_by_the_build(templates: dict[str, Path], tmp_path: Path) -> None:
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    brand = tmp_path / "assets" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "layouts:\n  title: Sektionsoverskrift\n", encoding="utf-8")
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: title\n    title: Forside\n    subtitle: Under\n")
    out = tmp_path / "out.pptx"
    build(deck, out, template=templates["danish"])
    assert [s.slide_layout.name for s in assert_valid_deck(out).slides] == ["Sektionsoverskrift"]


def test_a_two_column_slide_without_a_two_content_layout_is_drawn_in_text_boxes(tmp_path: Path) -> None:
    template = make.without_two_content(tmp_path)
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: A\n    bullets: [a]\n"
                                "  - kind: two-column\n    title: B\n    left:\n      bullets: [x]\n"
                                "    right:\n      bullets: [y]\n")
    out = tmp_path / "out.pptx"
    build(deck, out, template=template)
    slide = assert_valid_deck(out).slides[1]
    assert slide.slide_layout.name == "Title Only"
    assert [s.name for s in slide.shapes if not s.is_placeholder] == ["Left column", "Right column"]
    left, right = (s for s in slide.shapes if not s.is_placeholder)
    assert (left.text_frame.text, right.text_frame.text) == ("x", "y")
    assert left.left + left.width <= right.left


def test_a_template_without_footer_or_number_placeholders_gets_none(templates: dict[str, Path],
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(ROOT / "deck.yaml", out, template=templates["danish"])
    for slide in Presentation(out).slides:
        assert {ph.placeholder_format.type for ph in slide.placeholders} <= {1, 2, 3, 4, 7}  # title, body, subtitle


# --- choose_layouts on its own --------------------------------------------------------------------------------

def _layouts_of(path: Path):
    """A template's layouts as read, untidied, with its slide size: what choose_layouts works on."""
    prs = Presentation(io.BytesIO(as_presentation(path.read_bytes(), path.name)))
    return tuple(read_layouts(prs)), int(prs.slide_width), int(prs.slide_height)


def _chosen(choices) -> dict[str, tuple[str | None, str]]:
    return {key: (c.layout.name if c.layout else None, c.how) for key, c in choices.items()}


def test_python_pptx_default_layouts_are_chosen_by_what_they_hold() -> None:
    layouts, width, height = _layouts_of(PYTHON_PPTX_DEFAULT)
    assert _chosen(choose_layouts(layouts, width, height)) == {
        "cover": ("Title Slide", "found"), "content": ("Title and Content", "found"),
        "section": ("Section Header", "found"), "two": ("Two Content", "found"),
        "title-only": ("Title Only", "found"), "blank": ("Blank", "found")}


def test_danish_layouts_are_chosen_by_what_they_hold_not_by_their_names(tmp_path: Path) -> None:
    layouts, width, height = _layouts_of(make.danish_potx(tmp_path))
    assert _chosen(choose_layouts(layouts, width, height)) == {
        "cover": ("Titelslide", "found"), "content": ("Titel og indhold", "found"),
        "section": ("Sektionsoverskrift", "found"), "two": ("To indholdselementer", "found"),
        "title-only": ("Kun titel", "found"), "blank": ("Tom", "found")}


def test_a_layout_name_from_the_brand_file_matches_whatever_its_case_and_spaces(tmp_path: Path) -> None:
    layouts, width, height = _layouts_of(make.danish_potx(tmp_path))
    choices = choose_layouts(layouts, width, height, (Override("title", " sektionsOverskrift "),))
    assert _chosen(choices)["cover"] == ("Sektionsoverskrift", "named")
    assert _chosen(choices)["section"] == ("Sektionsoverskrift", "found")


def test_missing_layouts_fall_back_to_the_title_and_body_layout_and_say_so() -> None:
    layouts, width, height = _layouts_of(PYTHON_PPTX_DEFAULT)
    kept = tuple(l for l in layouts if l.name in ("Title and Content", "Blank"))
    choices = choose_layouts(kept, width, height)
    assert _chosen(choices) == {
        "cover": ("Title and Content", "fallback"), "content": ("Title and Content", "found"),
        "section": ("Title and Content", "fallback"), "two": (None, "missing"),
        "title-only": ("Title and Content", "fallback"), "blank": ("Blank", "found")}
    assert choices["cover"].note == ("no title slide layout (title and subtitle): the title slide uses "
                                     "'Title and Content'")
    assert choices["two"].note == ("no layout with two content placeholders side by side: two-column slides cannot "
                                   "be built on this template")


def _chosen_in_master(choices) -> dict[str, tuple[str | None, int | None]]:
    return {key: (c.layout.name, c.layout.master + 1) if c.layout else (None, None) for key, c in choices.items()}


def test_across_masters_content_takes_the_largest_body_and_the_title_slide_the_cover_master(tmp_path: Path) -> None:
    layouts, width, height = _layouts_of(make.several_masters(tmp_path))
    # master 1 is a cover design whose body is 7 × 5 cm; master 2, a copy with the full-size body
    assert _chosen_in_master(choose_layouts(layouts, width, height)) == {
        "cover": ("Title Slide", 1), "content": ("Title and Content", 2), "section": ("Section Header", 1),
        "two": ("Two Content", 2), "title-only": ("Title Only", 2), "blank": ("Blank", 1)}


def test_of_masters_with_bodies_the_same_size_content_takes_the_one_that_draws_least_over_it(tmp_path: Path) -> None:
    """Yellow_Idea's nine masters give their bodies the same size; the one its sample slides used draws a band
    and a light bulb over half of it. Without the drawings, the first master (the template's own) would win."""
    template = make.several_masters(tmp_path, drawn=True)
    layouts, width, height = _layouts_of(template)
    assert _chosen_in_master(choose_layouts(layouts, width, height))["content"] == ("Title and Content", 1)
    assert _chosen_in_master(load_template(template).choices)["content"] == ("Title and Content", 2)
    assert _chosen_in_master(load_template(template).choices)["title-only"] == ("Title Only", 2)


def test_layouts_with_a_second_body_placeholder_are_used_for_bullets_and_the_title_slide(tmp_path: Path) -> None:
    template = make.two_bodies(tmp_path)
    layouts, width, height = _layouts_of(template)
    assert _chosen(choose_layouts(layouts, width, height))["cover"] == ("Title Slide", "found")
    t = load_template(template)
    # the larger body takes the subtitle, the other one organisation and date if they need it
    # (the layout's date and footer had idx 10 and 11 too: kkrdeck's copy renumbers the repeats)
    assert t.layout_map.layouts["cover"].roles == {"title": 0, "subtitle": 11, "second": 10, "date": 13,
                                                   "footer": 14}
    assert t.layout_map.layouts["content"].roles == {"title": 0, "body": 1}
