"""LibreOffice's PDF export options for files to send: tagged PDF/UA, bookmarks, the slides or the notes pages."""

from __future__ import annotations

import json
import re

_TAGGED = {
    "UseTaggedPDF": True,        # structure tree: headings, paragraphs, lists, figures with their alt text
    "PDFUACompliance": True,     # PDF/UA-1 as far as LibreOffice can (it marks the file and checks what it can)
    "ExportBookmarks": True,     # one bookmark per slide title
    "ExportNotes": False,        # notes as PDF annotations would clutter the slides; the handout carries them
}
_HANDOUT = {"ExportNotesPages": True, "ExportOnlyNotesPages": True}  # each slide with its speaker notes


def pdf_filter(handout: bool = False) -> str:
    """What `soffice --convert-to` is given: the Impress PDF filter with its options as typed JSON (LibreOffice 7.4+)."""
    options = {**_TAGGED, **(_HANDOUT if handout else {})}
    typed = {name: {"type": "boolean", "value": "true" if value else "false"} for name, value in options.items()}
    return "pdf:impress_pdf_Export:" + json.dumps(typed, separators=(",", ":"))


def locale_environment(language: str) -> dict[str, str]:
    """The environment that makes `language` LibreOffice's locale, which the PDF's /Lang is taken from.

    LibreOffice reads the locale's name only (no locale data needs to be installed): da-DK → da_DK.UTF-8."""
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", language):
        return {}
    return {"LC_ALL": language.replace("-", "_") + ".UTF-8", "LANG": language.replace("-", "_") + ".UTF-8"}
