"""LibreOffice's PDF export options for files to send: tagged PDF/UA, bookmarks, the slides or the notes pages."""

from __future__ import annotations

import json

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


def locale_settings(language: str) -> str:
    """A LibreOffice profile setting that makes `language` the locale, which the PDF's /Lang is taken from."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
            f'<value>{language}</value></prop></item>\n</oor:items>\n')
