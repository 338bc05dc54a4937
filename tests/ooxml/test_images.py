"""Pictures: lean (200 dpi at displayed size), no metadata, stored once, alt text or marked decorative."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image

from kkrdeck.build import build
from kkrdeck.design.geometry import EMU_PER_INCH
from tests.conftest import write_deck
from tests.package_check import assert_valid_deck

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
GPS_IFD = 0x8825


def phone_photo(path: Path) -> None:
    """A 12-megapixel JPEG carrying a GPS position, as a phone writes it."""
    image = Image.effect_noise((4000, 3000), 60).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (55.0, 40.0, 30.0), 3: "E", 4: (12.0, 34.0, 10.0)}
    image.save(path, "JPEG", exif=exif.tobytes(), quality=90)


def media(pptx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pptx) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("ppt/media/") and "logo" not in n}


def test_a_phone_photo_is_downscaled_to_200_dpi_and_loses_its_exif(tmp_path: Path) -> None:
    phone_photo(tmp_path / "foto.jpg")
    assert Image.open(tmp_path / "foto.jpg").getexif().get_ifd(GPS_IFD)
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: image\n    title: Mødet\n    image: foto.jpg\n"
                                "    alt: Deltagerne ved mødet i KKR Sjælland\n")
    out = tmp_path / "out.pptx"
    build(deck, out)
    prs = assert_valid_deck(out)
    picture = [s for s in prs.slides[0].shapes if s.shape_type == 13][0]
    [(name, data)] = media(out).items()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert image.width <= round(picture.width / EMU_PER_INCH * 200) + 1
    assert image.height <= round(picture.height / EMU_PER_INCH * 200) + 1
    assert not image.getexif()
    assert b"PhoneMaker" not in data and b"Exif" not in data[:200]
    assert len(data) < 1_500_000


def test_graphics_stay_png_and_one_picture_used_twice_is_stored_once(tmp_path: Path) -> None:
    Image.new("RGB", (800, 600), (200, 40, 40)).save(tmp_path / "figur.png")
    slide = "  - kind: image\n    title: {t}\n    image: figur.png\n    alt: Søjlediagram over møder\n"
    deck = write_deck(tmp_path, "title: T\nslides:\n" + slide.format(t="Et") + slide.format(t="To"))
    out = tmp_path / "out.pptx"
    build(deck, out)
    assert_valid_deck(out)
    stored = media(out)
    assert len(stored) == 1
    assert Image.open(io.BytesIO(next(iter(stored.values())))).format == "PNG"


def test_alt_text_lands_in_the_pictures_description(tmp_path: Path) -> None:
    Image.new("RGB", (400, 300), "white").save(tmp_path / "kort.png")
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: image\n    title: Kort\n    image: kort.png\n"
                                "    alt: Kort over de 17 kommuner\n")
    out = tmp_path / "out.pptx"
    build(deck, out)
    picture = [s for s in assert_valid_deck(out).slides[0].shapes if s.shape_type == 13][0]
    assert picture._element.nvPicPr.cNvPr.get("descr") == "Kort over de 17 kommuner"


def test_a_decorative_picture_is_marked_decorative_in_the_file(tmp_path: Path) -> None:
    Image.new("RGB", (400, 300), "white").save(tmp_path / "pynt.png")
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: image\n    title: Pynt\n    image: pynt.png\n"
                                "    decorative: true\n")
    out = tmp_path / "out.pptx"
    build(deck, out)
    picture = [s for s in assert_valid_deck(out).slides[0].shapes if s.shape_type == 13][0]
    cnvpr = picture._element.nvPicPr.cNvPr
    assert cnvpr.get("descr") is None
    ext = cnvpr.find(f"{A}extLst/{A}ext")
    assert ext.get("uri") == "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
    assert ext[0].get("val") == "1"
