"""`kkrdeck build`: an outline file → a .pptx written atomically, never over a file kkrdeck did not write."""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from kkrdeck.paths import TEMP_OVERHEAD, replace_atomically, staged
from kkrdeck.errors import ExportError, KkrdeckError, Problem, display_path
from kkrdeck.i18n import _
from kkrdeck.design.design import Design, design_for
from kkrdeck.ooxml.ns import APPLICATION
from kkrdeck.outline.load import Outline, load_outline
from kkrdeck.plan.data import Plan
from kkrdeck.plan.make import make_plan

@dataclass(frozen=True)
class BuildResult:
    output: Path
    plan: Plan
    size: int
    pdf: Path | None = None

    brand_warnings: tuple[Problem, ...] = ()

    @property
    def notices(self) -> tuple[Problem, ...]:
        return self.brand_warnings + self.plan.notices


def default_output(deck_path: Path) -> Path:
    return deck_path.resolve().parent / "out" / f"{deck_path.stem}.pptx"


def render_pptx(outline: Outline, plan: Plan, design: Design) -> bytes:
    """The write stage for a planned outline: its slides onto the design's package."""
    from kkrdeck.ooxml.write import WriteInput, write_pptx

    return write_pptx(WriteInput(plan, design.package, design.layout_map, design.body_font, outline.images))


def build(deck_path: Path, output: Path | None = None, allow_outside: bool = False,
          template: Path | None = None, pdf: bool = False) -> BuildResult:
    """Load, validate, plan and write; on any problem nothing is written and an existing output is untouched.

    `template` (kkrdeck build --template) replaces the deck's and the brand's `template:`."""
    outline = load_outline(deck_path, allow_outside, template=template)
    target = _absolute(output or default_output(deck_path))
    guard_output(target, deck_path)
    if pdf:
        from kkrdeck.export.libreoffice import find_soffice

        guard_pdf(target.with_suffix(".pdf"))
        find_soffice()  # no LibreOffice: say so before anything is written
    design = design_for(outline)
    plan = make_plan(outline, design)
    data = render_pptx(outline, plan, design)
    if not pdf:
        write_atomically(target, data)
        return BuildResult(target, plan, len(data), None, _contrast_warnings(outline))
    pdf_path = write_with_pdf(target, data, len(plan.slides))
    return BuildResult(target, plan, len(data), pdf_path, _contrast_warnings(outline))


def write_with_pdf(target: Path, data: bytes, pages: int) -> Path:
    """The .pptx and its PDF replaced together: both are made beside their targets first, then renamed one after
    the other, so a failed conversion (or a full disk) leaves both previous files as they were."""
    from kkrdeck.export.libreoffice import pptx_to_pdf
    from kkrdeck.written import record

    pdf = target.with_suffix(".pdf")
    try:
        with staged(target) as pptx_temp, staged(pdf) as pdf_temp:
            with open(pptx_temp, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            try:
                pptx_to_pdf(pptx_temp, pdf_temp, expected_pages=pages, shown=display_path(target))
            except ExportError as exc:
                raise ExportError(f"{exc.message} {_both_kept(target, pdf)}") from None
            os.replace(pptx_temp, target)
            try:
                os.replace(pdf_temp, pdf)
            except OSError as exc:
                raise KkrdeckError(f"{display_path(target)} is the new deck, but {display_path(pdf)} is still the "
                                   f"previous PDF: it could not be replaced ({exc.strerror}) — run the build with "
                                   "--pdf again") from None
    except OSError as exc:
        raise KkrdeckError(f"{display_path(target)}: cannot write here ({exc.strerror}) — choose another folder with "
                           f"-o; {_both_kept(target, pdf)}") from None
    record([pdf])
    return pdf


def _both_kept(target: Path, pdf: Path) -> str:
    present = [display_path(p) for p in (target, pdf) if p.exists()]
    if not present:
        return "Nothing was written."
    return f"{' and '.join(present)} {'are' if len(present) > 1 else 'is'} left as before."


def _absolute(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(os.path.abspath(path))


def _contrast_warnings(outline: Outline) -> tuple[Problem, ...]:
    """`check` fails on faint brand colours; `build` still builds, but says so."""
    if outline.template is not None:
        return ()
    from kkrdeck.design.contrast import contrast_problems

    return tuple(replace(p, severity="warning") for p in contrast_problems(outline.brand_source))


MAX_NAME_BYTES = 255 - 2 * TEMP_OVERHEAD  # the PDF's temporary file carries two temporary names


def guard_output(target: Path, deck_path: Path) -> None:
    """Refuse outputs that would destroy something: the deck itself, or a file kkrdeck did not write."""
    try:
        _guard_output(target, deck_path)
    except OSError as exc:  # a name the file system refuses, a folder we may not look into …
        raise KkrdeckError(f"{display_path(target)}: cannot write here ({exc.strerror or exc}) — choose another "
                           "output name with -o") from None


def _guard_output(target: Path, deck_path: Path) -> None:
    long = next((part for part in target.parts if len(os.fsencode(part)) > 255), None)
    if long is not None or len(os.fsencode(target.name)) > MAX_NAME_BYTES:
        name = long or target.name
        raise KkrdeckError(f"{display_path(target)[:60]}…: the output name is too long ({len(name)} characters; "
                           f"at most {MAX_NAME_BYTES} fit) — choose a shorter name with -o")
    if target.suffix.lower() != ".pptx":
        raise KkrdeckError(_("{file}: the output must be a .pptx file — name it e.g. {name}").format(
            file=display_path(target), name=f"{target.stem}.pptx"))
    if target.is_dir():
        raise KkrdeckError(_("{file}: is a folder — give a file name ending in .pptx").format(file=display_path(target)))
    if target.exists() and target.resolve() == deck_path.resolve():
        raise KkrdeckError(_("{file}: that is the deck itself — choose another output name").format(
            file=display_path(target)))
    if target.exists() and not written_by_kkrdeck(target):
        raise KkrdeckError(_("{file}: this file was not written by kkrdeck, so it is not "
                             "overwritten — choose another output name, or move the file away first").format(
            file=display_path(target)))


def guard_pdf(target: Path) -> None:
    """The PDF next to the .pptx is replaced only if kkrdeck wrote it and nobody changed it since (written.py)."""
    from kkrdeck.written import is_ours

    if target.is_dir():
        raise KkrdeckError(f"{display_path(target)}: is a folder, so the PDF cannot be written there — "
                           "move the folder or choose another output name with -o")
    if target.exists() and not is_ours(target):
        raise KkrdeckError(f"{display_path(target)}: this PDF was not made by kkrdeck, so it is not overwritten — "
                           "choose another output name with -o, or move the file away first")


def written_by_kkrdeck(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return APPLICATION.encode() in zf.read("docProps/app.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def write_atomically(target: Path, data: bytes) -> None:
    """The whole .pptx or nothing: see atomic.replace_atomically."""
    try:
        replace_atomically(target, lambda f: f.write(data))
    except OSError as exc:
        raise KkrdeckError(f"{display_path(target)}: cannot write here ({exc.strerror}) — "
                           "choose another folder with -o") from None