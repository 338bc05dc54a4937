"""Files a deck refers to (brand, fonts, logo, images): resolved, confined to the deck's folders, and checked."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from kkrdeck.errors import Problem
from kkrdeck.metrics import FaceFiles

BUNDLED = Path(__file__).resolve().parent.parent / "assets"
FALLBACK_FACES = FaceFiles(BUNDLED / "fonts/Carlito-Regular.ttf", BUNDLED / "fonts/Carlito-Bold.ttf",
                           BUNDLED / "fonts/Carlito-Italic.ttf", BUNDLED / "fonts/Carlito-BoldItalic.ttf")
MAX_IMAGE_PIXELS = 60_000_000  # a 12-megapixel photo is fine; a decompression bomb is not
IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP"}


@dataclass
class Resolver:
    """Resolves paths written in a file relative to that file, and refuses paths outside the allowed folders."""

    roots: list[Path]
    allow_outside: bool = False
    problems: list[Problem] = field(default_factory=list)

    def resolve(self, written: str, relative_to: Path, filename: str, where: tuple[int, int],
                what: str) -> Path | None:
        path = (relative_to / Path(written).expanduser()).resolve()
        if not self.allow_outside and not any(path.is_relative_to(root) for root in self.roots):
            self.problems.append(Problem(filename, *where, f"the {what} '{written}' lies outside the deck's folder — "
                                         "copy it next to deck.yaml, or build with --allow-outside if you trust "
                                         "this deck"))
            return None
        if not path.exists():
            self.problems.append(Problem(filename, *where, f"the {what} '{written}' does not exist — check the "
                                         "name and that the path is relative to this file"))
            return None
        if not path.is_file():
            self.problems.append(Problem(filename, *where, f"the {what} '{written}' is a folder, not a file"))
            return None
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            self.problems.append(Problem(filename, *where, f"cannot read the {what} '{written}': {exc.strerror}"))
            return None
        return path


def image_size(path: Path, written: str, filename: str, where: tuple[int, int],
               problems: list[Problem]) -> tuple[int, int] | None:
    """Pixel size of a picture, after checking Pillow can open it and it is not a decompression bomb."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in IMAGE_FORMATS:
                    raise ValueError(image.format)
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise Image.DecompressionBombError("too many pixels")
                image.verify()
                return image.width, image.height
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        problems.append(Problem(filename, *where, f"the image '{written}' is too large (over "
                                f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels) — scale it down before using it"))
    except Exception:
        problems.append(Problem(filename, *where, f"the image '{written}' is not a picture kkrdeck can read — "
                                "use a PNG or JPEG file"))
    return None


def check_font(path: Path, written: str, filename: str, where: tuple[int, int], problems: list[Problem]) -> bool:
    from PIL import ImageFont

    try:
        ImageFont.truetype(str(path), 10)
        return True
    except OSError:
        problems.append(Problem(filename, *where, f"the font file '{written}' is not a TrueType or OpenType font"))
        return False
