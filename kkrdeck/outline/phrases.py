"""Small phrases every message is built from: suggestions for a mistyped word, counts, a value described."""

from __future__ import annotations

import difflib
from typing import Any, Callable

from kkrdeck.i18n import _, ngettext, number

_SYNONYMS = {
    "type": "kind", "layout": "kind", "alt-text": "alt", "alttext": "alt", "alt_text": "alt",
    "description": "alt", "colors": "colours", "color": "colours", "colour": "colours", "items": "bullets",
    "points": "bullets", "bullet": "bullets", "bulletpoints": "bullets", "slide": "slides", "heading": "title",
    "headline": "title", "name": "title", "picture": "image", "img": "image", "src": "image", "file": "image",
    "to": "until", "end": "until", "speaker-notes": "notes", "speaker_notes": "notes", "note": "notes",
    "statement": "statements", "step": "steps", "cols": "columns", "header": "columns", "lang": "language",
    "numbers": "numbered", "arrow": "arrows", "sub-bullets": "bullets", "subbullets": "bullets",
    # Danish, as the people who write the decks might spell a key
    "titel": "title", "overskrift": "title", "undertitel": "subtitle", "tekst": "text", "punkter": "bullets",
    "punktopstilling": "bullets", "nummereret": "numbered", "pile": "arrows", "billede": "image", "dato": "date",
    "til": "until", "noter": "notes", "udsagn": "statements", "trin": "steps", "sprog": "language",
    "forfatter": "author", "skabelon": "template",
    "alt-tekst": "alt", "billedtekst": "caption", "kolonner": "columns", "rækker": "rows", "venstre": "left",
    "højre": "right", "konklusion": "conclusion", "fortsætter": "continues", "dekorativ": "decorative",
}


def suggest(key: str, known: list[str]) -> str | None:
    synonym = _SYNONYMS.get(key.lower())
    if synonym in known:
        return synonym
    lowered = {k.lower().replace("_", "-"): k for k in known}
    if key.lower().replace("_", "-") in lowered:
        return lowered[key.lower().replace("_", "-")]
    match = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
    return match[0] if match else None


def did_you_mean(word: str, candidates: list[str]) -> str:
    match = suggest(word, candidates) if word not in candidates else None
    return _(" — did you mean '{suggestion}'?").format(suggestion=match) if match else ""


def join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else _("{words} and {last}").format(words=", ".join(words[:-1]),
                                                                           last=words[-1])


# '1 slide', '3 slides' for every noun a message counts: whole ngettext messages, so each language has its plurals.
_COUNTED: dict[str, Callable[[int], str]] = {
    "slide": lambda n: ngettext("{n} slide", "{n} slides", n),
    "bullet": lambda n: ngettext("{n} bullet", "{n} bullets", n),
    "numbered item": lambda n: ngettext("{n} numbered item", "{n} numbered items", n),
    "arrow item": lambda n: ngettext("{n} arrow item", "{n} arrow items", n),
    "statement": lambda n: ngettext("{n} statement", "{n} statements", n),
    "process step": lambda n: ngettext("{n} process step", "{n} process steps", n),
    "column heading": lambda n: ngettext("{n} column heading", "{n} column headings", n),
    "row": lambda n: ngettext("{n} row", "{n} rows", n),
    "accent colour": lambda n: ngettext("{n} accent colour", "{n} accent colours", n),
    "body size": lambda n: ngettext("{n} body size", "{n} body sizes", n),
    "cell": lambda n: ngettext("{n} cell", "{n} cells", n),
    "column": lambda n: ngettext("{n} column", "{n} columns", n),
    "sub-item": lambda n: ngettext("{n} sub-item", "{n} sub-items", n),
    "item": lambda n: ngettext("{n} item", "{n} items", n),
}


def count(n: int, noun: str) -> str:
    counted = _COUNTED.get(noun, _COUNTED["item"])
    return counted(n).format(n=number(n))


def describe(value: Any) -> str:
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a block of 'key: value' lines")
    if value is None:
        return _("nothing")
    return _("the text '{text}'").format(text=clip(str(value)))


def clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
