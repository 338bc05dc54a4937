"""What other tools write that PowerPoint does not: many title boxes on a slide, PNGs without their end, odd formats."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from PIL import Image

from tests.importing.measure import measure
from tests.package_check import assert_valid_deck

LONG = ("Kommunerne samarbejder om beskæftigelse, klima og sundhed i hele regionen, og KKR samler "
        "borgmestrene fire gange om året for at aftale de fælles sager og budgetter.")


def _png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 40), colour).save(out, "PNG")
    return out.getvalue()


def _title_boxes_deck(folder: Path, title: str = "Fællesskab", boxes: tuple[str, ...] = (LONG, "Regionen",
                                                                                       "Borgmestrene")) -> Path:
    """A slide as LibreOffice saves its sample slides: every text box a title placeholder."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = title
    slide.shapes.title.top = Inches(0.5)
    for n, text in enumerate(boxes):
        box = slide.shapes.add_textbox(Inches(1), Inches(2 + n * 1.5), Inches(8), Inches(1))
        box.text_frame.text = text
        nv = box._element.nvSpPr.nvPr
        nv.append(nv.makeelement("{http://schemas.openxmlformats.org/presentationml/2006/main}ph",
                                 {"type": "title", "idx": str(20 + n)}))
    path = folder / "titles.pptx"
    prs.save(str(path))
    return path


def test_a_slide_of_many_title_boxes_keeps_one_title_and_the_rest_as_its_text(tmp_path) -> None:
    from kkrdeck.import_deck import import_deck

    source = _title_boxes_deck(tmp_path)
    kept, rebuilt = measure(source, tmp_path / "deck")
    assert_valid_deck(rebuilt)
    assert kept.words == 1.0, kept
    text = (tmp_path / "deck" / "deck.yaml").read_text(encoding="utf-8")
    assert "    title: Fællesskab\n" in text
    assert "      - Regionen\n" in text and "      - Borgmestrene\n" in text
    assert LONG.split(",")[0] in text
    result = import_deck(source, tmp_path / "again")
    assert any("3 text boxes and drawings outside the placeholders" in p.message for p in result.problems)


def test_several_title_boxes_that_all_hold_paragraphs_give_no_title_but_all_their_text(tmp_path) -> None:
    from kkrdeck.import_deck import import_deck

    source = _title_boxes_deck(tmp_path, LONG, (LONG.upper(),))
    result = import_deck(source, tmp_path / "deck")
    text = (tmp_path / "deck" / "deck.yaml").read_text(encoding="utf-8")
    assert "    title: Dias 1\n" in text
    assert f"      - {LONG}\n" in text and f"      - {LONG.upper()}\n" in text
    assert any(p.message.startswith("1 slide had no title") for p in result.problems)
    kept, rebuilt = measure(source, tmp_path / "again")
    assert kept.words == 1.0 and kept.slides_out == 1, kept
    assert_valid_deck(rebuilt)


def _deck_with_picture(folder: Path, blob: bytes) -> Path:
    """A python-pptx deck whose one picture's bytes are then replaced, as another tool might have stored them."""
    from pptx import Presentation
    from pptx.util import Inches

    (folder / "p.png").write_bytes(_png((20, 90, 160)))
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Kort"
    slide.shapes.add_picture(str(folder / "p.png"), Inches(1), Inches(2))
    plain = folder / "plain.pptx"
    prs.save(str(plain))
    target = folder / "source.pptx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, blob if name.startswith("ppt/media/") else src.read(name))
    return target


def test_a_png_without_its_end_marker_is_kept_byte_for_byte_and_shown(tmp_path) -> None:
    """LibreOffice writes PNGs without IEND: every reader shows them, Pillow's verify() refused them."""
    whole = _png((200, 40, 40))
    assert whole.endswith(b"IEND\xaeB`\x82")
    cut = whole[:-12]
    kept, rebuilt = measure(_deck_with_picture(tmp_path, cut), tmp_path / "deck")
    assert_valid_deck(rebuilt)
    assert (kept.pictures_in, kept.pictures_kept) == (1, 1), kept
    files = list((tmp_path / "deck" / "images").glob("*"))
    assert [f.suffix for f in files] == [".png"]
    assert hashlib.sha256(files[0].read_bytes()).digest() == hashlib.sha256(cut).digest()


def test_a_picture_pillow_reads_but_the_build_does_not_take_is_converted_to_png(tmp_path) -> None:
    from kkrdeck.build import build
    from kkrdeck.import_deck import import_deck

    ppm = io.BytesIO()
    Image.new("RGB", (60, 30), (10, 150, 70)).save(ppm, "PPM")
    result = import_deck(_deck_with_picture(tmp_path, ppm.getvalue()), tmp_path / "deck")
    assert [p.message for p in result.problems if p.severity == "warning"] == [
        "slide 1: a picture in the format PPM is converted to PNG (kkrdeck builds with PNG, JPEG, GIF, BMP, TIFF and "
        "WebP)"]
    [png] = list((tmp_path / "deck" / "images").glob("*"))
    with Image.open(png) as image:
        assert (image.format, image.size, image.getpixel((5, 5))) == ("PNG", (60, 30), (10, 150, 70))
    build(result.deck, tmp_path / "rebuilt.pptx")
    assert_valid_deck(tmp_path / "rebuilt.pptx")


def test_data_no_reader_decodes_is_left_out_with_a_warning(tmp_path) -> None:
    from kkrdeck.import_deck import import_deck

    result = import_deck(_deck_with_picture(tmp_path, b"\x89PNG\r\n\x1a\n" + b"\0" * 40), tmp_path / "deck")
    assert any("a picture (PNG) kkrdeck cannot read is left out" in p.message for p in result.problems)
    assert not (tmp_path / "deck" / "images").exists() or not list((tmp_path / "deck" / "images").glob("*"))
