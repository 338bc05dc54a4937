"""Files a deck refers to (brand, fonts, logo, images): resolved, confined to the deck's folders, and checked."""

from __future__ import annotations

import difflib
import itertools
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from kkrdeck.errors import Problem
from kkrdeck.i18n import N_, _
from kkrdeck.design.metrics import FaceFiles

def _bundled() -> Path:
    """The default assets: beside the package in a checkout or editable install, inside it in a wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "assets", here / "assets"):
        if (candidate / "brand.yaml").is_file():
            return candidate
    return here.parent / "assets"


BUNDLED = _bundled()
FALLBACK_FACES = FaceFiles(BUNDLED / "fonts/Carlito-Regular.ttf", BUNDLED / "fonts/Carlito-Bold.ttf",
                           BUNDLED / "fonts/Carlito-Italic.ttf", BUNDLED / "fonts/Carlito-BoldItalic.ttf")
MAX_IMAGE_PIXELS = 60_000_000  # a 12-megapixel photo is fine; a decompression bomb is not
IMAGE_FORMATS = {"PNG", "JPEG", "MPO", "GIF", "BMP", "TIFF", "WEBP"}  # MPO: how Pillow sees many phones' JPEGs
_ORIENTATION = 0x0112  # the EXIF tag


@dataclass
class Resolver:
    """Resolves paths written in a file relative to that file, and refuses paths outside the allowed folders.

    A deck may come from anyone; confining it to its own (and its brand's) folder means it cannot pull
    ~/.ssh/id_rsa or any other private file into a presentation that is then sent on (compare pandoc's --sandbox).
    Paths are resolved with symlinks followed, so a link inside the folder to a file outside is outside too.
    """

    roots: list[Path]
    allow_outside: bool = False
    problems: list[Problem] = field(default_factory=list)
    inside: str = N_("the deck's and the brand's folders")  # how the allowed folders are named in messages

    def resolve(self, written: str, relative_to: Path, filename: str, where: tuple[int, int],
                what: str) -> Path | None:
        def refuse(message: str) -> None:
            self.problems.append(Problem(filename, *where, message))

        try:
            path = (relative_to / Path(written).expanduser()).resolve()
            if not path.exists():
                path = _normalised_twin(path) or path
            outside = not any(path.is_relative_to(root.resolve()) for root in self.roots)
            if outside and not self.allow_outside:
                refuse(_("{thing} is outside the deck's folder — kkrdeck only uses files inside "
                         "{inside}; copy it there, or use --allow-outside if you trust this deck").format(
                    thing=_the(what, written), inside=_(self.inside)))
                return None
            if not path.exists():
                refuse(_("{thing} does not exist — {hint}").format(thing=_the(what, written),
                                                                 hint=_missing_hint(written, path, filename)))
                return None
            if path.is_dir():
                refuse(_("{thing} is a folder, not a file — give the path of a file inside it").format(
                    thing=_the(what, written)))
                return None
            if not path.is_file():  # a named pipe or a device: opening it could wait for ever
                refuse(_("{thing} is not a regular file (it is a pipe, a socket or a device) — give the path of a "
                         "real file").format(thing=_the(what, written)))
                return None
            with open(path, "rb"):
                pass
        except PermissionError:
            refuse(_("cannot read {thing}: permission denied — check that the file is readable").format(
                thing=_the(what, written)))
            return None
        except (OSError, ValueError, RuntimeError) as exc:
            reason = getattr(exc, "strerror", None) or _("not a usable file name")
            refuse(_("cannot use {thing}: {reason} — check the path").format(thing=_the(what, written),
                                                                           reason=reason.lower()))
            return None
        return path


def _normalised_twin(path: Path) -> Path | None:
    """The existing file whose name is `path` in the other Unicode normalisation: macOS writes 'Å' as 'A' and a
    combining ring (NFD) where an editor types one character (NFC). None when there is none."""
    if all(unicodedata.is_normalized("NFC", p) and unicodedata.is_normalized("NFD", p) for p in path.parts):
        return None  # nothing in the path has two spellings
    found = Path(path.anchor)
    for part in path.parts[1:]:
        if (found / part).exists():
            found = found / part
            continue
        key = unicodedata.normalize("NFC", part)
        try:
            twin = next((p for p in itertools.islice(found.iterdir(), 10_000)
                         if unicodedata.normalize("NFC", p.name) == key), None)
        except OSError:
            return None
        if twin is None:
            return None
        found = twin
    return found.resolve()


def _missing_hint(written: str, path: Path, filename: str) -> str:
    if "\\" in written:
        return _("write folders with '/', e.g. images/kort.png")
    try:
        names = [p.name for p in itertools.islice(path.parent.iterdir(), 1000)] if path.parent.is_dir() else []
    except OSError:
        names = []
    if names:
        same_case = [n for n in names if n.lower() == path.name.lower()]
        close = same_case or difflib.get_close_matches(path.name, names, n=1, cutoff=0.75)
        if close:
            suggestion = str(Path(written).parent / close[0]) if Path(written).parent != Path(".") else close[0]
            return _("did you mean '{suggestion}'?").format(suggestion=suggestion)
    return _("check the name; the path is relative to the folder of {file}").format(file=Path(filename).name)


# 'the image 'kort.png'': whole phrases, as Danish puts the article at the end of the word ('billedet').
_THE = {"image": N_("the image '{file}'"), "logo": N_("the logo '{file}'"), "brand file": N_("the brand file '{file}'"),
        "font file": N_("the font file '{file}'"), "template": N_("the template '{file}'"),
        "data file": N_("the data file '{file}'")}


def _the(what: str, written: str) -> str:
    return _(_THE.get(what, N_("the file '{file}'"))).format(file=written)


def decoded_size(source: Path | BinaryIO) -> tuple[int, int]:
    """The upright pixel size of a picture `kkrdeck build` takes; raises (Pillow's errors, ValueError for a format
    it does not take, DecompressionBombError) otherwise. The one test of a picture, for outlines and imports alike."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(source) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValueError(image.format)
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            width, height = image.size
            # decoded, not only its header read, so a damaged file is told here with its line rather than
            # failing while the deck is written; a JPEG is decoded at an eighth of its size, which is quick
            image.draft(None, (width // 8 or 1, height // 8 or 1))  # type: ignore[arg-type]
            image.load()
            # a phone's portrait photo is stored lying down, with an EXIF note to turn it (5-8: a quarter turn);
            # the slide shows it upright, so its frame has the upright shape. (Pillow turns a TIFF itself as it
            # opens it and drops the note, so what is left to turn is asked after loading.)
            turned = image.getexif().get(_ORIENTATION) in (5, 6, 7, 8)
            return (height, width) if turned else (width, height)


def image_size(path: Path, written: str, filename: str, where: tuple[int, int],
               problems: list[Problem], what: str = "image") -> tuple[int, int] | None:
    """Pixel size of a picture, after checking Pillow can open it and it is not a decompression bomb."""
    try:
        return decoded_size(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        problems.append(Problem(filename, *where, _("{thing} has too many pixels (over {limit} megapixels) — scale "
                                                    "it down before using it").format(
            thing=_the(what, written), limit=MAX_IMAGE_PIXELS // 1_000_000)))
    except Exception:  # Pillow raises many kinds of errors for files that are not what they claim to be
        problems.append(Problem(filename, *where, _("{thing} is not a picture kkrdeck can read — "
                                                    "use a PNG or JPEG file").format(thing=_the(what, written))))
    return None


def check_template(path: Path, written: str, filename: str, where: tuple[int, int], problems: list[Problem]) -> bool:
    """A template must pass the same guarded reading as --template and `kkrdeck layouts` (design.package_safety)."""
    from kkrdeck.design.package_safety import TemplateRefused, safe_template
    from kkrdeck.errors import TemplateError

    try:
        safe_template(path)
    except TemplateRefused as exc:
        problems.append(Problem(filename, *where, _("cannot use the template '{file}': {reason} — {advice}").format(
            file=written, reason=exc.reason, advice=exc.advice)))
        return False
    except TemplateError as exc:
        problems.append(Problem(filename, *where, exc.message))
        return False
    return True


def check_font(path: Path, written: str, filename: str, where: tuple[int, int], problems: list[Problem]) -> bool:
    """A measuring font must be a font both readers of it take: the table reader (metrics) and FreeType (Pillow)."""
    from PIL import ImageFont

    from kkrdeck.design.metrics import FontUnreadable, line_height

    try:
        line_height(path)
        ImageFont.truetype(str(path), 10)
        return True
    except FontUnreadable as exc:
        problems.append(Problem(filename, *where, _("the font file '{file}' {reason} — {advice}").format(
            file=written, reason=exc.reason, advice=exc.advice)))
    except (OSError, ValueError):
        problems.append(Problem(filename, *where, _("the font file '{file}' is not a font kkrdeck can read — use a "
                                                    ".ttf, .otf or .ttc file").format(file=written)))
    return False
