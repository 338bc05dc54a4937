"""Files a deck refers to (brand, fonts, logo, images): resolved, confined to the deck's folders, and checked."""

from __future__ import annotations

import difflib
import itertools
import warnings
from dataclasses import dataclass, field
from pathlib import Path

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
IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP"}


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
            if not path.is_file():
                refuse(_("{thing} is a folder, not a file — give the path of a file inside it").format(
                    thing=_the(what, written)))
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


def image_size(path: Path, written: str, filename: str, where: tuple[int, int],
               problems: list[Problem], what: str = "image") -> tuple[int, int] | None:
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
    from PIL import ImageFont

    try:
        ImageFont.truetype(str(path), 10)
        return True
    except (OSError, ValueError):
        problems.append(Problem(filename, *where, _("the font file '{file}' is not a TrueType or OpenType font — "
                                                    "use a .ttf or .otf file").format(file=written)))
        return False
