"""`kkrdeck preview`: every slide as a PNG plus one contact sheet, rendered by LibreOffice."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PIL import Image

from kkrdeck.errors import ExportError, KkrdeckError, display_path
from kkrdeck.i18n import _, ngettext
from kkrdeck.wording import decimal

if TYPE_CHECKING:
    from kkrdeck.export.libreoffice import Renderer

# Reports what is being done, a few words at a time ("converting 8 slides to PDF …"); the CLI
# shows it on a terminal. Library code never prints.
Progress = Callable[[str], None]

CONTACT_SHEET = "contact-sheet.png"
SLIDE_STEM = "slide"
DPI = 96  # 13.333 in wide slides become 1280 px wide pictures
THUMB_WIDTH = 480  # width of one slide on the contact sheet
# PNG level 3: nearly as small as the default and faster; poppler's own PNG writer takes ~150 ms
# a slide, which alone would blow the one-second budget of watch mode.
PNG_LEVEL = 3
TIMEOUT = 120.0
# The PDF a preview is drawn from is thrown away, so LibreOffice need not downsample images to
# 300 dpi for it: that alone is about a third of the conversion of the default deck (its logo
# is on every slide). Options in this JSON form need LibreOffice 7.4; older ones ignore them.
PREVIEW_PDF = 'pdf:impress_pdf_Export:{"ReduceImageResolution":{"type":"boolean","value":"false"}}'


@dataclass(frozen=True)
class PreviewResult:
    """What a preview wrote: the slide pictures in slide order and the contact sheet, all in `folder`."""

    folder: Path
    slides: tuple[Path, ...]
    contact_sheet: Path
    redrawn: tuple[Path, ...] = ()  # the pictures that changed (all of them, without a PictureCache)


class PictureCache:
    """What the last render into a folder drew, so that watch mode re-encodes only the slides that changed.

    A slide whose pixels are the same as last time keeps its PNG (if nobody touched the file
    since) and its thumbnail; most saves change one slide, so this saves most of the encoding.
    """

    def __init__(self) -> None:
        # picture path -> (digest of the pixels, the file's (inode, mtime, size) as written, thumbnail PPM)
        self._slides: dict[Path, tuple[bytes, tuple[int, int, int] | None, bytes]] = {}

    def unchanged(self, final: Path, digest: bytes) -> bytes | None:
        """The thumbnail of `final` if it was drawn from the same pixels and is still the file written then."""
        known = self._slides.get(final)
        if known is None or known[0] != digest or known[1] is None or known[1] != _file_id(final):
            return None
        return known[2]

    def remember(self, final: Path, digest: bytes, thumb: bytes) -> None:
        self._slides[final] = (digest, _file_id(final), thumb)

    def forget_others(self, keep: set[Path]) -> None:
        for path in set(self._slides) - keep:
            del self._slides[path]


def default_preview_dir(deck_path: Path) -> Path:
    """`out/preview/` next to the deck, beside the default .pptx."""
    return Path(deck_path).resolve().parent / "out" / "preview"


def preview_renderer() -> Renderer:
    """A resident LibreOffice set up for previews (not started yet); the caller closes it."""
    from kkrdeck.export.libreoffice import Renderer

    return Renderer(convert_to=PREVIEW_PDF)


def check_tools() -> None:
    """Raise the install hint now if LibreOffice or pdftoppm is missing, before any work is done."""
    from kkrdeck.export.libreoffice import POPPLER_MISSING, find_soffice

    find_soffice()
    if shutil.which("pdftoppm") is None:
        raise ExportError(_(POPPLER_MISSING).format(tool="pdftoppm"))


def preview(
    deck_path: Path,
    out_dir: Path | None = None,
    *,
    allow_outside: bool = False,
    template: Path | None = None,
    renderer: Renderer | None = None,
    progress: Progress | None = None,
    dpi: int = DPI,
    variant: str | None = None,
) -> PreviewResult:
    """Build `deck_path` into a temporary .pptx and render it into `out_dir` (default `out/preview/`).

    With `variants:` in the deck, the variant named (default: the first) is rendered.
    Nothing is written into `out_dir` unless the deck builds and LibreOffice renders it; the
    .pptx and PDF are thrown away. `renderer` is an `export.Renderer` to reuse a running
    LibreOffice; without one a fresh LibreOffice is started (and stopped) for this preview.
    """
    from kkrdeck.build_variants import build_one

    say = progress or _silent
    deck_path = Path(deck_path)
    folder = _check_folder(Path(out_dir) if out_dir is not None else default_preview_dir(deck_path))
    check_tools()
    from kkrdeck.export.libreoffice import remove_temp_leftovers, temp_prefix

    remove_temp_leftovers()
    with tempfile.TemporaryDirectory(prefix=temp_prefix("preview"), ignore_cleanup_errors=True) as tmp:
        say(_("building {deck}").format(deck=display_path(deck_path))
            + (_(" (variant {name})").format(name=variant) if variant else ""))
        built = build_one(deck_path, Path(tmp), allow_outside, template, variant).result
        return render_preview(built.output, len(built.plan.slides), folder, renderer=renderer,
                              progress=say, dpi=dpi)


def render_preview(
    pptx: Path,
    slides: int,
    out_dir: Path,
    *,
    renderer: Renderer | None = None,
    progress: Progress | None = None,
    dpi: int = DPI,
    cache: PictureCache | None = None,
) -> PreviewResult:
    """Render a built .pptx of `slides` slides into `out_dir`: `slide-01.png`, … and `contact-sheet.png`.

    Pictures of slides the deck no longer has are removed. Every file is replaced atomically,
    so an image viewer showing the contact sheet never sees half a picture. With a `cache`
    from the previous render into the same folder, unchanged slides are not written again.
    """
    from kkrdeck.export.contact_sheet import contact_sheet
    from kkrdeck.export.libreoffice import pptx_to_pdf

    from kkrdeck.written import record

    say = progress or _silent
    folder = _check_folder(Path(out_dir))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(_("Could not create the folder {folder}: {reason} — choose another folder with -o.").format(
            folder=display_path(folder), reason=err.strerror)) from err
    _refuse_foreign(folder, slides)
    _remove_work_leftovers(folder)
    # The work folder sits inside the output folder, so the final renames stay on one file
    # system (atomic) and a failed run leaves the previous pictures untouched.
    with tempfile.TemporaryDirectory(dir=folder, prefix=f".kkrdeck-{os.getpid()}-",
                                     ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        say(ngettext("converting {count} slide to PDF with LibreOffice",
                     "converting {count} slides to PDF with LibreOffice", slides).format(count=slides))
        pdf = work / "deck.pdf"
        if renderer is not None:
            renderer.convert(pptx, pdf, expected_pages=slides)
        else:
            pptx_to_pdf(pptx, pdf, expected_pages=slides)
        say(ngettext("drawing {count} slide picture", "drawing {count} slide pictures", slides).format(
            count=slides))
        pages = _pages_as_ppm(pdf, work, slides, _pixel_size(pptx, dpi), dpi)
        width = max(2, len(str(len(pages))))
        names = [f"{SLIDE_STEM}-{n:0{width}d}.png" for n in range(1, len(pages) + 1)]
        finals = [folder / name for name in names]
        drawn = _encode_all(pages, work, finals, cache)
        redrawn = []
        for final, (digest, thumb, encoded) in zip(finals, drawn):
            if encoded:
                os.replace(work / final.name, final)
                redrawn.append(final)
                if cache is not None:
                    cache.remember(final, digest, thumb.read_bytes())
        if cache is not None:
            cache.forget_others(set(finals))
        removed = _remove_stale(folder, set(names))
        say(_("making the contact sheet"))
        sheet = contact_sheet([thumb for _, thumb, _ in drawn], folder / CONTACT_SHEET, thumb_width=THUMB_WIDTH)
    try:
        record([*finals, sheet], forget=removed)
    except OSError as err:
        raise ExportError(_("Could not note the pictures in {folder}: {reason} — the pictures are drawn, but the next "
                            "preview will not replace them; choose another folder with -o.").format(
            folder=display_path(folder), reason=err.strerror)) from err
    return PreviewResult(folder, tuple(finals), sheet, tuple(redrawn))


def _silent(_: str) -> None:
    pass


def _check_folder(folder: Path) -> Path:
    if folder.exists() and not folder.is_dir():
        raise KkrdeckError(_("{folder}: is a file, not a folder — give a folder for the slide pictures with -o, e.g. "
                             "-o out/preview").format(folder=display_path(folder)))
    return folder


def _pixel_size(pptx: Path, dpi: int) -> tuple[int, int] | None:
    """The slide size at `dpi` in whole pixels, from the .pptx itself.

    LibreOffice rounds page sizes to its own units (a 13.333 in slide becomes 960.009 pt), and
    pdftoppm rounds that up: 1281 pixels for a 1280-pixel slide. Asking for the exact size
    keeps every picture in the slide's own proportions.
    """
    try:
        with zipfile.ZipFile(pptx) as package:
            xml = package.read("ppt/presentation.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    tag = re.search(r"<p:sldSz\b[^>]*>", xml)
    cx = re.search(r"\bcx=\"(\d+)\"", tag.group(0)) if tag else None
    cy = re.search(r"\bcy=\"(\d+)\"", tag.group(0)) if tag else None
    if not (cx and cy):
        return None
    return max(1, round(int(cx.group(1)) * dpi / 914400)), max(1, round(int(cy.group(1)) * dpi / 914400))


def _pages_as_ppm(pdf: Path, work: Path, pages: int, size: tuple[int, int] | None, dpi: int) -> list[Path]:
    """Each page as an uncompressed picture, the page ranges split over the machine's cores."""
    from kkrdeck.export.libreoffice import POPPLER_MISSING, _run, _summarise

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ExportError(_(POPPLER_MISSING).format(tool="pdftoppm"))
    jobs = max(1, min(os.cpu_count() or 1, pages, 4))
    bounds = [(pages * i // jobs + 1, pages * (i + 1) // jobs) for i in range(jobs)]
    root = work / "page"
    scale = ["-scale-to-x", str(size[0]), "-scale-to-y", str(size[1])] if size else ["-r", str(dpi)]

    def render(first_last: tuple[int, int]) -> str:
        first, last = first_last
        result = _run(
            [pdftoppm, *scale, "-f", str(first), "-l", str(last), str(pdf), str(root)],
            timeout=TIMEOUT,
            what=_("Drawing the slide pictures took longer than {n} seconds").format(n=decimal(TIMEOUT)),
        )
        return _summarise(result.stderr, result.returncode) if result.returncode else ""

    with ThreadPoolExecutor(jobs) as pool:
        complaints = [said for said in pool.map(render, bounds) if said]
    found: dict[int, Path] = {}
    for produced in work.iterdir():
        # pdftoppm pads page numbers to the width of the page count.
        match = re.fullmatch(r"page-(\d+)\.ppm", produced.name)
        if match:
            found[int(match.group(1))] = produced
    if complaints or sorted(found) != list(range(1, pages + 1)):
        said = complaints[0] if complaints else ngettext("{found} of {n} page drawn", "{found} of {n} pages drawn",
                                                         pages).format(found=len(found), n=pages)
        raise ExportError(_("Could not make slide pictures from the PDF LibreOffice made (it said: {said}).").format(
            said=said))
    return [found[n] for n in range(1, pages + 1)]


def _encode_all(
    pages: list[Path], work: Path, finals: list[Path], cache: PictureCache | None
) -> list[tuple[bytes, Path, bool]]:
    """Each page as a PNG in `work` (named like its final file) and as a contact-sheet-sized thumbnail,
    in parallel; per page (digest of its pixels, thumbnail, whether a new PNG was written)."""
    def encode(index: int) -> tuple[bytes, Path, bool]:
        page, final = pages[index], finals[index]
        thumb_path = page.with_suffix(".thumb.ppm")
        with Image.open(page) as img:
            img.load()
            digest = hashlib.blake2b(img.tobytes(), digest_size=16).digest()
            known = cache.unchanged(final, digest) if cache is not None else None
            if known is not None:
                thumb_path.write_bytes(known)
                page.unlink(missing_ok=True)
                return digest, thumb_path, False
            img.save(work / final.name, format="PNG", compress_level=PNG_LEVEL)
            # Scaled here, on all cores, to the exact size contact_sheet() would scale it to, so
            # it only has to paste. reducing_gap=1: halve first, then Lanczos; looks the same.
            height = max(1, round(img.height * THUMB_WIDTH / img.width))
            thumb = img.resize((THUMB_WIDTH, height), Image.Resampling.LANCZOS, reducing_gap=1.0)
        thumb.save(thumb_path, format="PPM")
        page.unlink(missing_ok=True)
        return digest, thumb_path, True

    with ThreadPoolExecutor(max(1, min(os.cpu_count() or 1, len(pages), 4))) as pool:
        try:
            return list(pool.map(encode, range(len(pages))))
        except OSError as err:
            raise ExportError(_("Could not write the slide pictures: {reason}.").format(reason=err.strerror or err)) \
                from err


def _file_id(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _planned(slides: int) -> list[str]:
    width = max(2, len(str(slides)))
    return [f"{SLIDE_STEM}-{n:0{width}d}.png" for n in range(1, slides + 1)] + [CONTACT_SHEET]


def _refuse_foreign(folder: Path, slides: int) -> None:
    """Only pictures kkrdeck drew (and nobody changed since) are replaced: written.py knows which."""
    from kkrdeck.written import is_ours

    foreign = [folder / name for name in _planned(slides) if (folder / name).exists() and not is_ours(folder / name)]
    if foreign:
        others = len(foreign) - 1
        more = ngettext(" (and {n} other)", " (and {n} others)", others).format(n=others) if others else ""
        raise KkrdeckError(_("{file}{more}: this picture was not made by kkrdeck, so it is not replaced — choose "
                             "another folder with -o, or move the file away first").format(
            file=display_path(foreign[0]), more=more))


def _remove_work_leftovers(folder: Path) -> None:
    """Work folders of earlier previews that were killed (their process is gone)."""
    from kkrdeck.paths import process_alive

    for entry in folder.iterdir():
        match = re.fullmatch(r"\.kkrdeck-(\d+)-.+", entry.name)
        if match and entry.is_dir() and not process_alive(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)


def _remove_stale(folder: Path, keep: set[str]) -> list[Path]:
    """Pictures of slides the deck no longer has, if kkrdeck drew them; a picture of the user's own stays."""
    from kkrdeck.written import is_ours

    ours = re.compile(rf"{re.escape(SLIDE_STEM)}-\d+\.png")
    removed = []
    for old in folder.iterdir():
        if old.name not in keep and ours.fullmatch(old.name) and is_ours(old):
            old.unlink(missing_ok=True)
            removed.append(old)
    return removed

