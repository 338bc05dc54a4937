"""`kkrdeck build`: an outline file → a .pptx written atomically, never over a file kkrdeck did not write."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from kkrdeck.paths import replace_atomically
from kkrdeck.errors import KkrdeckError, Problem, display_path
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
    target = (output or default_output(deck_path)).resolve()
    guard_output(target, deck_path)
    if pdf:
        from kkrdeck.export.libreoffice import find_soffice

        guard_pdf(target.with_suffix(".pdf"))
        find_soffice()  # no LibreOffice: say so before anything is written
    design = design_for(outline)
    plan = make_plan(outline, design)
    data = render_pptx(outline, plan, design)
    write_atomically(target, data)
    pdf_path = None
    if pdf:
        from kkrdeck.export.libreoffice import pptx_to_pdf

        pdf_path = pptx_to_pdf(target, target.with_suffix(".pdf"), expected_pages=len(plan.slides))
    return BuildResult(target, plan, len(data), pdf_path, _contrast_warnings(outline))


def _contrast_warnings(outline: Outline) -> tuple[Problem, ...]:
    """`check` fails on faint brand colours; `build` still builds, but says so."""
    if outline.template is not None:
        return ()
    from kkrdeck.design.contrast import contrast_problems

    return tuple(replace(p, severity="warning") for p in contrast_problems(outline.brand_source))


def guard_output(target: Path, deck_path: Path) -> None:
    """Refuse outputs that would destroy something: the deck itself, or a file kkrdeck did not write."""
    if target.suffix.lower() != ".pptx":
        raise KkrdeckError(f"{display_path(target)}: the output must be a .pptx file — name it e.g. "
                           f"{target.stem}.pptx")
    if target.is_dir():
        raise KkrdeckError(f"{display_path(target)}: is a folder — give a file name ending in .pptx")
    if target.exists() and target.resolve() == deck_path.resolve():
        raise KkrdeckError(f"{display_path(target)}: that is the deck itself — choose another output name")
    if target.exists() and not written_by_kkrdeck(target):
        raise KkrdeckError(f"{display_path(target)}: this file was not written by kkrdeck, so it is not "
                           "overwritten — choose another output name, or move the file away first")


def guard_pdf(target: Path) -> None:
    """The PDF next to the .pptx is replaced only if it is one kkrdeck made (through LibreOffice Impress)."""
    if target.is_dir():
        raise KkrdeckError(f"{display_path(target)}: is a folder, so the PDF cannot be written there — "
                           "move the folder or choose another output name with -o")
    if target.exists() and not pdf_written_by_kkrdeck(target):
        raise KkrdeckError(f"{display_path(target)}: this PDF was not made by kkrdeck, so it is not overwritten — "
                           "choose another output name with -o, or move the file away first")


def pdf_written_by_kkrdeck(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    # LibreOffice writes its name as plain text or as UTF-16 hex, depending on the version
    utf16_hex = "LibreOffice".encode("utf-16-be").hex().upper().encode()
    return data.startswith(b"%PDF-") and b"/Producer" in data and (b"LibreOffice" in data or utf16_hex in data.upper())


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