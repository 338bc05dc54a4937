"""Contact sheet: grid geometry, numbering badges, borders and safe writing (Pillow only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kkrdeck.export.contact_sheet import BACKGROUND, BADGE_COLOUR, BORDER, BORDER_COLOUR, GAP, contact_sheet
from kkrdeck.errors import ExportError

COLOURS = [(200, 30, 30), (30, 160, 60), (40, 70, 200), (230, 180, 20), (120, 40, 160), (20, 170, 170), (90, 90, 90)]


def slide_pngs(folder: Path, count: int, size: tuple[int, int] = (320, 180)) -> list[Path]:
    paths = []
    for i in range(count):
        path = folder / f"slide-{i + 1:02d}.png"
        Image.new("RGB", size, COLOURS[i % len(COLOURS)]).save(path)
        paths.append(path)
    return paths


def sheet_size(columns: int, rows: int, thumb_w: int, thumb_h: int) -> tuple[int, int]:
    return (
        columns * (thumb_w + 2 * BORDER) + (columns + 1) * GAP,
        rows * (thumb_h + 2 * BORDER) + (rows + 1) * GAP,
    )


def cell_origin(index: int, columns: int, thumb_w: int, thumb_h: int) -> tuple[int, int]:
    row, col = divmod(index, columns)
    return GAP + col * (thumb_w + 2 * BORDER + GAP), GAP + row * (thumb_h + 2 * BORDER + GAP)


@pytest.mark.parametrize(
    ("count", "columns", "grid"),
    [(1, None, (1, 1)), (3, None, (2, 2)), (5, None, (3, 2)), (9, None, (3, 3)), (10, None, (4, 3)),
     (5, 2, (2, 3)), (3, 8, (3, 1))],
)
def test_sheet_has_the_expected_grid_size(
    tmp_path: Path, count: int, columns: int | None, grid: tuple[int, int]
) -> None:
    out = contact_sheet(slide_pngs(tmp_path, count), tmp_path / "sheet.png", columns=columns, thumb_width=160)
    with Image.open(out) as sheet:
        assert sheet.size == sheet_size(*grid, 160, 90)


def test_thumbnails_appear_in_order_with_a_thin_border_on_white(tmp_path: Path) -> None:
    out = contact_sheet(slide_pngs(tmp_path, 5), tmp_path / "sheet.png", thumb_width=160, label=False)
    with Image.open(out) as sheet:
        sheet = sheet.convert("RGB")
        assert sheet.getpixel((0, 0)) == BACKGROUND
        for index in range(5):
            left, top = cell_origin(index, 3, 160, 90)
            assert sheet.getpixel((left, top)) == BORDER_COLOUR
            assert sheet.getpixel((left + BORDER + 80, top + BORDER + 45)) == COLOURS[index]
        # the sixth cell of the 3 x 2 grid stays empty
        left, top = cell_origin(5, 3, 160, 90)
        assert sheet.getpixel((left + 80, top + 45)) == BACKGROUND


def test_each_thumbnail_carries_its_slide_number_in_a_badge(tmp_path: Path) -> None:
    pngs = slide_pngs(tmp_path, 2, size=(640, 360))
    labelled = contact_sheet(pngs, tmp_path / "labelled.png", thumb_width=480)
    plain = contact_sheet(pngs, tmp_path / "plain.png", thumb_width=480, label=False)
    with Image.open(labelled) as a, Image.open(plain) as b:
        corners = []
        for index in range(2):
            left, top = cell_origin(index, 2, 480, 270)
            box = (left + BORDER, top + BORDER, left + BORDER + 60, top + BORDER + 50)
            with_badge, without = a.crop(box), b.crop(box)
            assert BADGE_COLOUR in {colour for _, colour in with_badge.getcolors(60 * 50)}
            assert BADGE_COLOUR not in {colour for _, colour in without.getcolors(60 * 50)}
            # white digits inside the badge
            assert (255, 255, 255) in {colour for _, colour in with_badge.getcolors(60 * 50)}
            corners.append(with_badge.tobytes())
        assert corners[0] != corners[1], "both thumbnails show the same number"


def test_thumbnails_keep_their_aspect_ratio(tmp_path: Path) -> None:
    out = contact_sheet(slide_pngs(tmp_path, 1, size=(400, 300)), tmp_path / "sheet.png", thumb_width=200)
    with Image.open(out) as sheet:
        assert sheet.size == sheet_size(1, 1, 200, 150)


def test_transparent_pictures_are_flattened_onto_white(tmp_path: Path) -> None:
    png = tmp_path / "clear.png"
    Image.new("RGBA", (320, 180), (0, 0, 0, 0)).save(png)
    out = contact_sheet([png], tmp_path / "sheet.png", thumb_width=160, label=False)
    with Image.open(out) as sheet:
        assert sheet.mode == "RGB"
        assert sheet.getpixel((GAP + BORDER + 80, GAP + BORDER + 45)) == BACKGROUND


def test_sheet_replaces_an_older_sheet_without_leftover_files(tmp_path: Path) -> None:
    (tmp_path / "slides").mkdir()
    pngs = slide_pngs(tmp_path / "slides", 2)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "sheet.jpg"
    out.write_bytes(b"old sheet")
    assert contact_sheet(pngs, out, thumb_width=100) == out
    with Image.open(out) as sheet:
        assert sheet.format == "JPEG"
    assert [p.name for p in out_dir.iterdir()] == ["sheet.jpg"]


def test_no_pictures_is_reported_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        contact_sheet([], tmp_path / "sheet.png")
    assert caught.value.message == "There are no slide pictures to put on a contact sheet."
    assert not (tmp_path / "sheet.png").exists()


def test_unreadable_picture_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "slide-01.png"
    bad.write_bytes(b"not a picture")
    with pytest.raises(ExportError) as caught:
        contact_sheet([bad], tmp_path / "sheet.png")
    assert "cannot be read as an image" in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slide-01.png"]


def test_unknown_picture_format_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        contact_sheet(slide_pngs(tmp_path, 1), tmp_path / "sheet.xyz")
    assert "use a name ending in .png or .jpg" in caught.value.message
    assert not (tmp_path / "sheet.xyz").exists()
