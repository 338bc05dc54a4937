"""`kkrdeck build`: an outline file → a .pptx written atomically, never over a file kkrdeck did not write."""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from kkrdeck.paths import TEMP_OVERHEAD, replace_atomically, staged
from kkrdeck.errors import ExportError, KkrdeckError, Problem, display_path
from kkrdeck.i18n import N_, _, ngettext
from kkrdeck.design.design import Design, design_for
from kkrdeck.ooxml.ns import APPLICATION
from kkrdeck.outline.load import Outline, load_outline
from kkrdeck.outline.loader import Node
from kkrdeck.plan.data import Plan
from kkrdeck.plan.make import make_plan

@dataclass(frozen=True)
class BuildResult:
    output: Path
    plan: Plan
    size: int
    pdf: Path | None = None

    brand_warnings: tuple[Problem, ...] = ()
    handout: Path | None = None

    @property
    def notices(self) -> tuple[Problem, ...]:
        return self.brand_warnings + self.plan.notices


def default_output(deck_path: Path) -> Path:
    return deck_path.resolve().parent / "out" / f"{deck_path.stem}.pptx"


def render_pptx(outline: Outline, plan: Plan, design: Design) -> bytes:
    """The write stage for a planned outline: its slides onto the design's package."""
    from kkrdeck.ooxml.write import WriteInput, write_pptx

    # on a template, drawn text is named in the body placeholders' font it was measured in, not the theme's minor
    # font (Candy's body style is Noto Sans, its theme's minor font Arial)
    drawn = design.body_font if design.template is not None else None
    return write_pptx(WriteInput(plan, design.package, design.layout_map, design.body_font, outline.images, drawn))


def build(deck_path: Path, output: Path | None = None, allow_outside: bool = False,
          template: Path | None = None, pdf: bool = False, handout: bool = False, root: Node | None = None) -> BuildResult:
    """Load, validate, plan and write; on any problem nothing is written and an existing output is untouched.

    `template` (kkrdeck build --template) replaces the deck's and the brand's `template:`."""
    outline = load_outline(deck_path, allow_outside, template=template, root=root)
    target = _absolute(output or default_output(deck_path))
    guard_output(target, deck_path)
    guard_exports(target, pdf, handout)  # no LibreOffice: say so before anything is written
    design = design_for(outline)
    plan = make_plan(outline, design)
    data = render_pptx(outline, plan, design)
    if not (pdf or handout):
        write_atomically(target, data)
        return BuildResult(target, plan, len(data), None, _contrast_warnings(outline))
    pdf_path, handout_pdf = write_with_pdf(target, data, len(plan.slides), handout, outline.deck.language, pdf)
    return BuildResult(target, plan, len(data), pdf_path, _contrast_warnings(outline), handout_pdf)


def handout_path(target: Path) -> Path:
    """out/deck.pptx → out/deck-handout.pdf"""
    return target.with_name(f"{target.stem}-handout.pdf")


@dataclass(frozen=True)
class ToWrite:
    """A built deck waiting to be written: where, its bytes, its slide count and its language (the PDF's /Lang)."""

    target: Path
    data: bytes
    pages: int
    language: str = "da-DK"


def write_with_pdf(target: Path, data: bytes, pages: int, handout: bool = False, language: str = "da-DK",
                   pdf: bool = True) -> tuple[Path | None, Path | None]:
    """One deck with its PDF and/or handout: see write_with_pdfs."""
    return write_with_pdfs([ToWrite(target, data, pages, language)], pdf=pdf, handout=handout)[0]


def write_with_pdfs(decks: list[ToWrite], pdf: bool = True, handout: bool = False,
                    say: Callable[[str], None] | None = None) -> list[tuple[Path | None, Path | None]]:
    """Each .pptx with its tagged PDF and/or handout, all replaced together: everything is made beside its target
    first (LibreOffice started once per kind and language), then renamed one after the other, so a failed
    conversion (or a full disk) leaves every previous file as it was. Returns each deck's (PDF, handout)."""
    from contextlib import ExitStack

    from kkrdeck.export.accessible_pdf import Job, convert
    from kkrdeck.written import record

    kinds = [(False, lambda t: t.with_suffix(".pdf"))] if pdf else []
    kinds += [(True, handout_path)] if handout else []
    files = [[t.target] + [name(t.target) for _, name in kinds] for t in decks]
    everything = [f for group in files for f in group]
    try:
        with ExitStack() as stack:
            temps = {f: stack.enter_context(staged(f)) for f in everything}
            for deck in decks:
                with open(temps[deck.target], "wb") as out:
                    out.write(deck.data)
                    out.flush()
                    os.fsync(out.fileno())
            for index, (is_handout, name) in enumerate(kinds, start=1):
                for language in dict.fromkeys(d.language for d in decks):
                    group = [d for d in decks if d.language == language]
                    if say is not None:
                        shown = ", ".join(display_path(name(d.target)) for d in group)
                        say(_("rendering {files} with LibreOffice").format(files=shown))
                    jobs = [Job(temps[d.target], temps[name(d.target)], d.pages, display_path(d.target))
                            for d in group]
                    try:
                        convert(jobs, handout=is_handout, language=language)
                    except ExportError as exc:
                        raise ExportError(f"{exc.message} {_all_kept(everything)}") from None  # both worded
            for n, f in enumerate(everything):
                try:
                    os.replace(temps[f], f)
                except OSError as exc:
                    if n == 0:
                        raise
                    raise KkrdeckError(_("{file} could not be replaced ({reason}), so it is still the previous one "
                                         "while the files before it are new — run the build again").format(
                        file=display_path(f), reason=exc.strerror)) from None
    except OSError as exc:
        raise KkrdeckError(_("{file}: cannot write here ({reason}) — choose another folder with -o; {kept}").format(
            file=display_path(decks[0].target), reason=exc.strerror, kept=_all_kept(everything))) from None
    record([f for group in files for f in group[1:]])
    results = []
    for group in files:
        got = dict(zip([k for k, _ in kinds], group[1:]))
        results.append((got.get(False), got.get(True)))
    return results


def _all_kept(paths: list[Path]) -> str:
    present = [display_path(p) for p in paths if p.exists()]
    if not present:
        return _("Nothing was written.")
    if len(present) > 4:
        return _("The previous files are left as they were.")
    return ngettext("{files} is left as before.", "{files} are left as before.", len(present)).format(
        files=_(" and ").join(present))


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
        raise KkrdeckError(_("{file}: cannot write here ({reason}) — choose another output name with -o").format(
            file=display_path(target), reason=exc.strerror or exc)) from None


def _guard_output(target: Path, deck_path: Path) -> None:
    long = next((part for part in target.parts if len(os.fsencode(part)) > 255), None)
    if long is not None or len(os.fsencode(target.name)) > MAX_NAME_BYTES:
        name = long or target.name
        raise KkrdeckError(_("{file}…: the output name is too long ({length} characters; at most {limit} fit) — "
                             "choose a shorter name with -o").format(file=display_path(target)[:60], length=len(name),
                                                                     limit=MAX_NAME_BYTES))
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


def guard_exports(target: Path, pdf: bool, handout: bool) -> None:
    """The PDF and handout beside `target` may be written, and LibreOffice is there: said before anything is written."""
    if pdf:
        guard_pdf(target.with_suffix(".pdf"))
    if handout:
        guard_pdf(handout_path(target), "handout")
    if pdf or handout:
        from kkrdeck.export.libreoffice import find_soffice

        find_soffice()


def guard_pdf(target: Path, what: str = "PDF") -> None:
    """The PDF next to the .pptx is replaced only if kkrdeck wrote it and nobody changed it since (written.py)."""
    from kkrdeck.written import is_ours

    if target.is_dir():
        message = (N_("{file}: is a folder, so the PDF cannot be written there — move the folder or choose another "
                      "output name with -o") if what == "PDF" else
                   N_("{file}: is a folder, so the handout cannot be written there — move the folder or choose "
                      "another output name with -o"))
        raise KkrdeckError(_(message).format(file=display_path(target)))
    if target.exists() and not is_ours(target):
        message = (N_("{file}: this PDF was not made by kkrdeck, so it is not overwritten — choose another output "
                      "name with -o, or move the file away first") if what == "PDF" else
                   N_("{file}: this handout was not made by kkrdeck, so it is not overwritten — choose another "
                      "output name with -o, or move the file away first"))
        raise KkrdeckError(_(message).format(file=display_path(target)))


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
        raise KkrdeckError(_("{file}: cannot write here ({reason}) — choose another folder with -o").format(
            file=display_path(target), reason=exc.strerror)) from None