"""The title slide on templates that leave little room: organisation and date go where the template has room."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN

from kkrdeck.build import build
from kkrdeck.design.geometry import inch
from kkrdeck.design.template import load_template
from kkrdeck.export.libreoffice import pptx_to_pdf
from tests.conftest import ROOT, write_deck
from tests.data.templates import make
from tests.package_check import assert_valid_deck
from tests.render_check import words_outside

ORGANISATION, DATE, SUBTITLE = "KL og de fem KKR", "1. september 2017", "Baggrund, proces og tre evalueringstemaer"
CM = 360000
# python-pptx's footer box is 8 cm wide: the brand's footer does not fit it, whatever the cover does
FOOTER_LEFT_OUT = "the footer text 'KKR-evalueringen · Kommunekontaktrådene' is too long for"

MAKERS = {"small subtitle": make.small_subtitle, "date and footer": make.cover_with_date_and_footer,
          "two bodies": make.two_bodies, "several masters": make.several_masters}
# (layout name, master number) of each slide of the default deck
PLAIN = [("Title Slide", 1)] + [("Title and Content", 1)] * 6 + [("Title Only", 1)]
EXPECTED_LAYOUTS = {"small subtitle": PLAIN, "date and footer": PLAIN, "two bodies": PLAIN,
                    "several masters": [("Title Slide", 1)] + [("Title and Content", 2)] * 6 + [("Title Only", 2)]}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, object]]:
    """The default deck on each made-up template, built once."""
    folder = tmp_path_factory.mktemp("cover")
    found = {}
    for name, maker in MAKERS.items():
        template = maker(folder / name.replace(" ", "-"))
        out = folder / f"{name.replace(' ', '-')}.pptx"
        found[name] = (out, build(ROOT / "deck.yaml", out, template=template))
    return found


def _cover_texts(path: Path) -> dict[str, str]:
    slide = Presentation(path).slides[0]
    return {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}


@pytest.mark.parametrize("name", MAKERS)
def test_the_default_deck_builds_valid_with_no_warning_about_text_that_does_not_fit(built, name: str) -> None:
    out, result = built[name]
    assert _warnings(result) == []
    assert_valid_deck(out)


@pytest.mark.parametrize("name", MAKERS)
def test_no_slide_keeps_an_empty_placeholder(built, name: str) -> None:
    # an empty placeholder shows the layout's prompt ('Click to add text') in PowerPoint
    out, _ = built[name]
    empty = [(number, shape.name) for number, slide in enumerate(Presentation(out).slides, start=1)
             for shape in slide.placeholders if not shape.has_text_frame or not shape.text_frame.text.strip()]
    assert empty == []


@pytest.mark.parametrize("name", MAKERS)
def test_slides_use_the_expected_layouts_of_the_expected_masters(built, name: str) -> None:
    out, _ = built[name]
    prs = Presentation(out)
    masters = list(prs.slide_masters)
    assert [(s.slide_layout.name, masters.index(s.slide_layout.slide_master) + 1) for s in prs.slides] == \
        EXPECTED_LAYOUTS[name]


@pytest.mark.parametrize("name", ["date and footer", "two bodies", "several masters"])
def test_organisation_and_date_go_into_the_covers_footer_and_date_placeholders(built, name: str) -> None:
    out, _ = built[name]
    assert _cover_texts(out) == {"Title": "KKR-evalueringen", "Subtitle": SUBTITLE, "Date": DATE,
                                 "Footer": ORGANISATION}
    types = {shape.name: shape.placeholder_format.type for shape in Presentation(out).slides[0].placeholders}
    assert (types["Date"], types["Footer"]) == (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER)
    sizes = {shape.name: {run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs}
             for shape in Presentation(out).slides[0].placeholders if shape.name in ("Date", "Footer")}
    assert sizes == {"Date": {12.0}, "Footer": {12.0}}  # python-pptx's default sets its footer row at 12 pt


def test_a_date_placeholder_half_on_a_black_shape_is_not_used_and_the_date_goes_under_the_subtitle(
        tmp_path: Path) -> None:
    """Vintage's date box is half on an ink blot, Blueprint_Plans's on a white pattern: no colour reads on both,
    so the date goes where the cover's text is designed to be read; the footer placeholder is still used."""
    template = make.cover_with_date_and_footer(tmp_path, blot=True)
    room = load_template(template).geometry.cover_room
    assert room.date is None and room.footer is not None
    out = tmp_path / "out.pptx"
    result = build(ROOT / "deck.yaml", out, template=template)
    assert _warnings(result) == []
    assert_valid_deck(out)
    texts = _cover_texts(out)
    assert texts["Footer"] == ORGANISATION and "Date" not in texts
    assert DATE in texts["Subtitle"] or DATE in texts.get("Organisation and date", "")


def test_a_footer_placeholder_with_lines_drawn_across_it_is_not_used_though_black_reads_on_them(
        tmp_path: Path) -> None:
    """Piano's footer row lies on its keys: black reads on the white keys and on their grey edges (10:1), but
    text crossed by lines every half inch is not where a cover's organisation is read at a glance."""
    from kkrdeck.design.contrast import contrast_ratio

    assert contrast_ratio("#000000", "#B4B4B4") > 4.5
    template = make.cover_with_date_and_footer(tmp_path, keys=True)
    room = load_template(template).geometry.cover_room
    assert room.footer is None and room.date is not None
    out = tmp_path / "out.pptx"
    build(ROOT / "deck.yaml", out, template=template)
    texts = _cover_texts(out)
    assert texts["Date"] == DATE and "Footer" not in texts
    assert ORGANISATION in texts["Subtitle"] or ORGANISATION in texts.get("Organisation and date", "")


def test_the_date_and_footer_placeholders_keep_the_layouts_position(built) -> None:
    out, _ = built["date and footer"]
    slide = Presentation(out).slides[0]
    date = next(s for s in slide.placeholders if s.name == "Date")
    # the layout puts it top right (given in make.cover_with_date_and_footer); the slide inherits it
    assert date._element.spPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm") is None
    assert (date.left, date.top) == (5486400, 274638)


def test_a_2_cm_subtitle_box_keeps_the_subtitle_and_organisation_and_date_go_under_it(built) -> None:
    out, _ = built["small subtitle"]
    assert _cover_texts(out) == {"Title": "KKR-evalueringen", "Subtitle": SUBTITLE,
                                 "Organisation and date": f"{ORGANISATION}\n{DATE}"}
    slide = Presentation(out).slides[0]
    subtitle = next(s for s in slide.placeholders if s.name == "Subtitle")
    under = next(s for s in slide.shapes if s.name == "Organisation and date")
    assert (subtitle.top, subtitle.height) == (3886200, 2 * CM)  # the layout's box, not grown
    assert subtitle.top + subtitle.height < under.top
    assert under.left == subtitle.left and under.width == subtitle.width  # its column
    band_top = 5778000  # the layout's filled band (make.small_subtitle): the text box stays clear of it
    assert under.top + under.height <= band_top - inch(0.1)
    runs = [run for p in under.text_frame.paragraphs for run in p.runs]
    assert {run.font.size.pt for run in runs} == {18.0}
    assert {p.alignment for p in under.text_frame.paragraphs} == {PP_ALIGN.CENTER}  # like the subtitle


def test_a_cover_with_two_bodies_puts_the_subtitle_into_the_larger(built) -> None:
    out, _ = built["two bodies"]
    slide = Presentation(out).slides[0]
    assert [(s.name, s.placeholder_format.idx) for s in slide.placeholders if s.name == "Subtitle"] == \
        [("Subtitle", 11)]
    assert 10 not in [s.placeholder_format.idx for s in slide.placeholders]  # the small one is left off
    content = Presentation(out).slides[1]
    assert [s.placeholder_format.idx for s in content.placeholders if s.name == "Content"] == [1]


def test_a_cover_with_two_text_placeholders_fills_them_top_to_bottom(tmp_path: Path) -> None:
    # no date or footer placeholders, and the lower text placeholder (2.2 cm) cannot hold all three lines at 16 pt:
    # the subtitle goes into the upper one (1.3 cm), organisation and date into the lower
    template = make.two_bodies(tmp_path, lower=round(2.2 * CM), chrome=False)
    out = tmp_path / "out.pptx"
    result = build(ROOT / "deck.yaml", out, template=template)
    assert _warnings(result) == []
    slide = assert_valid_deck(out).slides[0]
    assert {s.placeholder_format.idx: s.text_frame.text for s in slide.placeholders} == {
        0: "KKR-evalueringen", 10: SUBTITLE, 11: f"{ORGANISATION}\n{DATE}"}
    assert [s.name for s in slide.shapes if not s.is_placeholder] == []


def _warnings(result) -> list[str]:
    return [n.message for n in result.notices if n.severity == "warning" and not n.message.startswith(FOOTER_LEFT_OUT)]


def test_with_no_room_at_16_pt_the_cover_is_set_smaller_and_still_built(tmp_path: Path) -> None:
    template = make.small_subtitle(tmp_path)
    subtitle = " ".join(["Ekstern evaluering af kommunekontaktrådene og deres samarbejde med KL"] * 3)
    deck = write_deck(tmp_path, "title: T\norganisation: KL og de fem KKR\ndate: 2017-09-01\nslides:\n"
                                f"  - kind: title\n    title: Forside\n    subtitle: {subtitle}\n")
    out = tmp_path / "out.pptx"
    result = build(deck, out, template=template)
    assert _warnings(result) == ["text set at 15 pt, below the brand's 16 pt — shorten it"]
    assert_valid_deck(out)
    texts = " ".join(_cover_texts(out).values())
    assert ORGANISATION in texts and DATE in texts


def test_a_subtitle_too_long_even_at_12_pt_is_set_smaller_with_a_warning_not_refused(tmp_path: Path) -> None:
    template = make.small_subtitle(tmp_path, height=CM, band=3886200 + CM + inch(0.15))  # no room under it
    subtitle = " ".join(["Ekstern evaluering af kommunekontaktrådene"] * 6)
    deck = write_deck(tmp_path, f"title: T\nslides:\n  - kind: title\n    title: Forside\n    subtitle: {subtitle}\n")
    out = tmp_path / "out.pptx"
    result = build(deck, out, template=template)
    [warning] = _warnings(result)
    assert warning.startswith("the title slide's text does not fit even at 12 pt, so it is set at ")
    assert warning.endswith(" pt — shorten the subtitle")
    assert_valid_deck(out)
    assert _cover_texts(out)["Subtitle"] == subtitle


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["small subtitle", "several masters"])
def test_the_cover_renders_with_no_word_outside_its_box(built, name: str) -> None:
    out, _ = built[name]
    pdf = pptx_to_pdf(out, out.with_suffix(".pdf"), expected_pages=len(Presentation(out).slides))
    assert words_outside(pdf, out) == []
