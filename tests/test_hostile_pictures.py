"""Pictures and fonts as they come from phones, scanners and font folders: upright, in their colours, lean, and
a font collection or a file that is no font told apart — never a crash, never a distorted frame."""

from __future__ import annotations

import io
import struct
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image

from kkrdeck.build import build
from kkrdeck.cli import main
from kkrdeck.design.geometry import EMU_PER_INCH
from tests.conftest import ROOT, write_deck
from tests.package_check import assert_valid_deck
from tests.test_mistakes import BUILD, Mistake, make_folder, previous_output, run, slides, snapshot  # noqa: F401

IMAGE_SLIDE = "title: T\nslides:\n  - kind: image\n    title: Billede\n    image: {}\n    alt: Et billede\n"
GPS_IFD = 0x8825


def picture_and_media(pptx: Path) -> tuple[object, Image.Image]:
    prs = assert_valid_deck(pptx)
    picture = next(sh for sh in prs.slides[0].shapes if sh.shape_type == 13)
    with zipfile.ZipFile(pptx) as zf:
        [name] = [n for n in zf.namelist() if n.startswith("ppt/media/") and "logo" not in n]
        return picture, Image.open(io.BytesIO(zf.read(name)))


@pytest.mark.parametrize("orientation", [5, 6, 7, 8])
def test_a_photo_turned_by_exif_gets_a_frame_of_its_upright_shape(tmp_path: Path, orientation: int) -> None:
    """A phone's portrait photo is stored 400 × 200 lying down; shown upright it is 200 wide and 400 high."""
    image = Image.new("RGB", (400, 200), (30, 120, 200))
    image.paste((250, 200, 0), (0, 0, 100, 200))  # a yellow band to see the turn by
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(tmp_path / "foto.jpg", "JPEG", exif=exif.tobytes())
    out = build(write_deck(tmp_path, IMAGE_SLIDE.format("foto.jpg")), tmp_path / "out.pptx").output
    picture, stored = picture_and_media(out)
    assert picture.height / picture.width == pytest.approx(2.0, rel=0.01)
    assert stored.height / stored.width == pytest.approx(2.0, rel=0.02)
    assert not stored.getexif().get(0x0112)  # turned for real, no note left for a viewer to turn it twice


def test_a_16_bit_grey_stays_grey(tmp_path: Path) -> None:
    Image.new("I;16", (60, 40), 40000).save(tmp_path / "grey.png")
    assert Image.open(tmp_path / "grey.png").mode.startswith("I")
    out = build(write_deck(tmp_path, IMAGE_SLIDE.format("grey.png")), tmp_path / "out.pptx").output
    _, stored = picture_and_media(out)
    assert stored.convert("L").getpixel((30, 20)) == round(40000 / 257)  # 156, not 255


@pytest.mark.parametrize("mode, colour, expected", [
    ("P", None, (200, 40, 40, 0)), ("CMYK", (0, 255, 255, 0), (255, 0, 0)), ("LA", (90, 128), (90, 90, 90, 128)),
    ("1", 1, (255, 255, 255)), ("F", 0.5, (128, 128, 128)), ("I", 1000, (4, 4, 4))])
def test_unusual_modes_keep_their_colours(tmp_path: Path, mode: str, colour, expected: tuple[int, ...]) -> None:
    if mode == "P":  # a palette picture whose only colour is transparent
        image = Image.new("P", (40, 30), 0)
        image.putpalette([200, 40, 40] + [0, 0, 0] * 255)
        image.info["transparency"] = 0
        image.save(tmp_path / "pic.png", transparency=0)
        name = "pic.png"
    else:
        name = "pic.tif" if mode in ("CMYK", "F", "I") else "pic.png"
        Image.new(mode, (40, 30), colour).save(tmp_path / name)
    out = build(write_deck(tmp_path, IMAGE_SLIDE.format(name)), tmp_path / "out.pptx").output
    _, stored = picture_and_media(out)
    got = stored.convert("RGBA" if len(expected) == 4 else "RGB").getpixel((20, 15))
    assert got == expected


# --- the logo ---------------------------------------------------------------------------------------------------

def jpeg_logo_with_gps(path: Path, size: tuple[int, int] = (3000, 1000)) -> None:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[GPS_IFD] = {1: "N", 2: (55.0, 40.0, 30.0), 3: "E", 4: (12.0, 34.0, 10.0)}
    Image.effect_noise(size, 50).convert("RGB").save(path, "JPEG", exif=exif.tobytes(), quality=95)


def logo_parts(pptx: Path) -> tuple[dict[str, bytes], str]:
    with zipfile.ZipFile(pptx) as zf:
        return ({n: zf.read(n) for n in zf.namelist() if "media/logo" in n},
                zf.read("[Content_Types].xml").decode())


def test_a_jpeg_logo_is_cleaned_downscaled_and_stored_as_a_jpeg(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, slides_with_title())
    jpeg_logo_with_gps(tmp_path / "assets" / "logo.jpg")
    brand = tmp_path / "assets" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("logo: logo.png", "logo: logo.jpg"), encoding="utf-8")
    out = build(deck, tmp_path / "out.pptx").output
    assert_valid_deck(out)
    parts, types = logo_parts(out)
    assert list(parts) == ["ppt/media/logo.jpeg"]
    data = parts["ppt/media/logo.jpeg"]
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and not image.getexif()
    assert b"CameraMaker" not in data
    assert image.width <= 3.0 * 200 + 1  # the cover shows it 3 inches wide, at 200 dpi at most
    assert 'Extension="jpeg" ContentType="image/jpeg"' in types


def test_a_logo_of_another_shape_is_not_stretched(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, slides_with_title())
    Image.new("RGBA", (500, 500), (20, 60, 120, 255)).save(tmp_path / "assets" / "logo.png")
    out = build(deck, tmp_path / "out.pptx").output
    prs = assert_valid_deck(out)
    logos = [sh for layout in [prs.slide_master, *prs.slide_layouts] for sh in layout.shapes if sh.name == "Logo"]
    assert len(logos) == 2 and all(sh.width == pytest.approx(sh.height, abs=2) for sh in logos)
    parts, _ = logo_parts(out)
    assert list(parts) == ["ppt/media/logo.png"]


def test_the_built_in_logo_is_stored_as_the_png_it_is(tmp_path: Path) -> None:
    out = build(write_deck(tmp_path, slides_with_title()), tmp_path / "out.pptx").output
    parts, _ = logo_parts(out)
    assert parts == {"ppt/media/logo.png": (ROOT / "assets" / "logo.png").read_bytes()}  # already lean: unchanged


def slides_with_title() -> str:
    return "title: T\nslides:\n  - kind: title\n    title: KKR\n  - kind: section\n    title: S\n"


# --- fonts ------------------------------------------------------------------------------------------------------

def collection_of(font: Path) -> bytes:
    """A .ttc holding one font: the collection header, then the font with its table offsets moved past it."""
    data = bytearray(font.read_bytes())
    for i in range(struct.unpack_from(">H", data, 4)[0]):
        tag, checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        struct.pack_into(">4sIII", data, 12 + 16 * i, tag, checksum, offset + 16, length)
    return b"ttcf" + struct.pack(">HHII", 1, 0, 1, 16) + bytes(data)


def test_a_font_collection_measures_like_the_font_it_holds(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, slides(BULLETS_DECK))
    first = build(deck, tmp_path / "ttf.pptx")
    (tmp_path / "assets" / "fonts" / "Carlito.ttc").write_bytes(
        collection_of(tmp_path / "assets" / "fonts" / "Carlito-Regular.ttf"))
    brand = tmp_path / "assets" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("regular: fonts/Carlito-Regular.ttf",
                                                                "regular: fonts/Carlito.ttc"), encoding="utf-8")
    second = build(deck, tmp_path / "ttc.pptx")
    assert_valid_deck(second.output)
    lines = [[p.lines for p in s.placeholders["body"].paragraphs] for s in (first.plan.slides[0], second.plan.slides[0])]
    assert lines[0] == lines[1]


BULLETS_DECK = ("  - kind: bullets\n    title: T\n    bullets:\n      - KKR-formandskaber, borgmestre, øvrige KKR-medlemmer "
                "og kommunalbestyrelsesmedlemmer\n")
REGULAR = ("regular: fonts/Carlito-Regular.ttf", "regular: fonts/x.ttf")
FONT_REFUSALS = [
    Mistake("random-bytes-font", slides(BULLETS_DECK),
            ("assets/brand.yaml:15:16: the font file 'fonts/x.ttf' is not a TrueType or OpenType font — use a .ttf, "
             ".otf or .ttc file of the font",), brand=REGULAR, files={"assets/fonts/x.ttf": b"\x89PNG" + bytes(300)}),
    Mistake("web-font", slides(BULLETS_DECK),
            ("assets/brand.yaml:15:16: the font file 'fonts/x.ttf' is a web font (WOFF) — use the font's .ttf or .otf "
             "file instead",), brand=REGULAR, files={"assets/fonts/x.ttf": b"wOFF" + bytes(60)}),
    Mistake("cut-short-font", slides(BULLETS_DECK),
            ("assets/brand.yaml:15:16: the font file 'fonts/x.ttf' is damaged or cut short: its tables run past the end of the file — use a .ttf, .otf or .ttc "
             "file of the font",), brand=REGULAR,
            files={"assets/fonts/x.ttf": (ROOT / "assets/fonts/Carlito-Regular.ttf").read_bytes()[:100]}),
    Mistake("empty-collection", slides(BULLETS_DECK),
            ("assets/brand.yaml:15:16: the font file 'fonts/x.ttf' is an empty font collection — use a .ttf, .otf or "
             ".ttc file of the font",), brand=REGULAR, files={"assets/fonts/x.ttf": b"ttcf" + bytes(12)}),
]


FONT_ADVICE_DA = "brug en .ttf-, .otf- eller .ttc-fil med skrifttypen"
FONT_REFUSALS_DA = {
    "random-bytes-font": ("assets/brand.yaml:15:16: skrifttypefilen 'fonts/x.ttf' er ikke en TrueType- eller "
                          f"OpenType-skrifttype — {FONT_ADVICE_DA}",),
    "web-font": ("assets/brand.yaml:15:16: skrifttypefilen 'fonts/x.ttf' er en webskrifttype (WOFF) — brug "
                 "skrifttypens .ttf- eller .otf-fil i stedet",),
    "cut-short-font": ("assets/brand.yaml:15:16: skrifttypefilen 'fonts/x.ttf' er beskadiget eller afkortet: "
                       f"tabellerne går ud over filens slutning — {FONT_ADVICE_DA}",),
    "empty-collection": ("assets/brand.yaml:15:16: skrifttypefilen 'fonts/x.ttf' er en tom skriftsamling — "
                         f"{FONT_ADVICE_DA}",),
}


@pytest.mark.parametrize("language", ["en", "da"])
@pytest.mark.parametrize("mistake", FONT_REFUSALS, ids=lambda m: m.name)
def test_a_file_that_is_no_usable_font_is_refused_clearly(
        mistake: Mistake, language: str, request: pytest.FixtureRequest, previous_output: bytes, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    if language == "da":
        request.getfixturevalue("danish")
    expected = mistake.stderr if language == "en" else FONT_REFUSALS_DA[mistake.name]
    folder = make_folder(tmp_path, mistake, previous_output)
    before = snapshot(folder)
    for args in (BUILD, ("check", "deck.yaml")):
        result = run(folder, args, monkeypatch)
        assert result.stderr.splitlines() == list(expected)
        assert result.exit_code == 1
        assert snapshot(folder) == before


def test_every_font_refusal_is_pinned_in_danish() -> None:
    assert list(FONT_REFUSALS_DA) == [m.name for m in FONT_REFUSALS]
    assert all(FONT_REFUSALS_DA[m.name] != m.stderr for m in FONT_REFUSALS)


# --- file names -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("on_disk, typed", [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_file_name_in_the_other_normalisation_is_found(tmp_path: Path, on_disk: str, typed: str) -> None:
    folder = tmp_path / unicodedata.normalize(on_disk, "billeder-Århus")
    folder.mkdir()
    Image.new("RGB", (40, 30), (1, 2, 3)).save(folder / unicodedata.normalize(on_disk, "kort-Århus.png"))
    written = unicodedata.normalize(typed, "billeder-Århus/kort-Århus.png")
    out = build(write_deck(tmp_path, IMAGE_SLIDE.format(written)), tmp_path / "out.pptx").output
    picture_and_media(out)


# --- every Pillow mode ------------------------------------------------------------------------------------------

MODES = ["1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK", "YCbCr", "LAB", "HSV", "I", "I;16",
         "I;16B", "I;16L", "F"]
FORMATS = ["PNG", "TIFF", "JPEG", "WEBP", "GIF", "BMP"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mode=st.sampled_from(MODES), fmt=st.sampled_from(FORMATS), orientation=st.integers(1, 8),
       size=st.tuples(st.integers(1, 900), st.integers(1, 900)), transparent=st.booleans())
def test_a_picture_in_any_mode_builds_a_file_that_opens_or_is_refused_cleanly(
        tmp_path_factory: pytest.TempPathFactory, mode: str, fmt: str, orientation: int, size: tuple[int, int],
        transparent: bool) -> None:
    folder = tmp_path_factory.mktemp("mode")
    try:
        image = Image.linear_gradient("L").resize(size).convert(mode)
    except ValueError:  # Pillow converts to some modes from few others
        image = Image.new(mode, size)
    exif = Image.Exif()
    exif[0x0112] = orientation
    options = {"transparency": 0} if transparent and mode in ("P", "L") and fmt in ("PNG", "GIF") else {}
    for attempt, kwargs in ((fmt, {"exif": exif.tobytes(), **options}), (fmt, {}), ("PNG", {}), ("TIFF", {})):
        try:
            image.save(folder / "pic.img", attempt, **kwargs)
            break
        except (OSError, ValueError, KeyError, TypeError):
            continue
    else:
        assume(False)  # no format Pillow writes holds this mode: no such file exists to be given
    write_deck(folder, IMAGE_SLIDE.format("pic.img"))
    result = CliRunner().invoke(main, ["build", str(folder / "deck.yaml"), "-o", str(folder / "out.pptx")])
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 0:
        picture, stored = picture_and_media(folder / "out.pptx")
        upright = (size[1], size[0]) if orientation >= 5 and fmt in ("JPEG", "TIFF", "WEBP", "PNG") and \
            Image.open(folder / "pic.img").getexif().get(0x0112) == orientation else size
        assert picture.width / picture.height == pytest.approx(upright[0] / upright[1], rel=0.02, abs=0.02)
        assert stored.mode in ("1", "L", "LA", "P", "RGB", "RGBA")
    else:
        assert result.stderr.startswith("deck.yaml:5:12: the image 'pic.img' ")
