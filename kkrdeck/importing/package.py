"""The source deck checked before anything reads it: a presentation (not a template or macro file), of sane size."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from kkrdeck.errors import KkrdeckError, display_path
from kkrdeck.i18n import N_, _
from kkrdeck.design.tidy import retyped
from kkrdeck.ooxml.ns import CT_PRESENTATION, CT_SLIDESHOW, CT_TEMPLATE
from kkrdeck.design.package_safety import MAX_MEMBERS as MAX_TEMPLATE_MEMBERS, MAX_UNPACKED_BYTES as MAX_TEMPLATE_BYTES

_MACRO_MARKS = ("macroEnabled", "vbaProject")
_NOT_PPTX = N_("{name}: is not a PowerPoint presentation — kkrdeck imports .pptx files saved by PowerPoint or "
               "LibreOffice")


class SourceError(KkrdeckError):
    """The source cannot be imported as it is."""


def read_source(path: Path) -> bytes:
    """The package bytes of a .pptx (or .ppsx) that is safe to read; refuses everything else with what to do."""
    name = display_path(path)
    if not path.exists():
        raise SourceError(_("{name}: the file does not exist — check the name of the PowerPoint file to import").format(
            name=name))
    if path.is_dir():
        raise SourceError(_("{name}: is a folder — give the path of a .pptx file").format(name=name))
    suffix = path.suffix.lower()
    if suffix in (".pptm", ".potm", ".ppsm"):
        raise SourceError(_("{name}: is a macro-enabled PowerPoint file, which kkrdeck does not open — save it as "
                            ".pptx (PowerPoint: File → Save As → PowerPoint Presentation) and import that").format(
            name=name))
    if suffix == ".ppt":
        raise SourceError(_("{name}: is an old binary PowerPoint file — open it in PowerPoint or LibreOffice, save "
                            "it as .pptx and import that").format(name=name))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(_("{name}: cannot be read ({reason}) — check that the file is readable").format(
            name=name, reason=exc.strerror or exc)) from None
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = zf.infolist()
        if len(members) > MAX_TEMPLATE_MEMBERS or sum(m.file_size for m in members) > MAX_TEMPLATE_BYTES:
            raise SourceError(_("{name}: unpacks to more than {size} MB or {parts} parts, more than a presentation "
                                "needs — kkrdeck does not import it; remove large videos or pictures in PowerPoint "
                                "and save it again").format(name=name, size=MAX_TEMPLATE_BYTES // 1_000_000,
                                                            parts=MAX_TEMPLATE_MEMBERS))
        types = zf.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, EOFError, ValueError):
        raise SourceError(_(_NOT_PPTX).format(name=name)) from None
    if any(mark in types for mark in _MACRO_MARKS) or any(m.filename.lower().endswith("vbaproject.bin")
                                                          for m in members):
        raise SourceError(_("{name}: contains macros, which kkrdeck does not open — save it as a .pptx without "
                            "macros and import that").format(name=name))
    if CT_TEMPLATE in types:
        raise SourceError(_("{name}: is a PowerPoint template (.potx), not a presentation — build on it with "
                            "'template:' in deck.yaml or --template, or import a .pptx made from it").format(name=name))
    if CT_PRESENTATION not in types and CT_SLIDESHOW not in types:
        raise SourceError(_(_NOT_PPTX).format(name=name))
    if CT_SLIDESHOW in types:  # a .ppsx differs from a .pptx only in its main part's type
        data = retyped(zf, types.replace(CT_SLIDESHOW, CT_PRESENTATION))
    return data
