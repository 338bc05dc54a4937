"""What an import keeps: the words (slide text, tables, notes) and pictures of a deck, compared before and after."""

from __future__ import annotations

import collections
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

_WORD = re.compile(r"\w+", re.UNICODE)


def deck_words(path: Path) -> collections.Counter:
    """Every word on the slides (placeholders, text boxes, groups, tables) and in the notes, lower-cased."""
    from pptx import Presentation

    words: collections.Counter = collections.Counter()
    for slide in Presentation(path).slides:
        for text in _texts(slide.shapes):
            words.update(w.lower() for w in _WORD.findall(text))
        if slide.has_notes_slide and slide.notes_slide.notes_placeholder is not None:
            words.update(w.lower() for w in _WORD.findall(slide.notes_slide.notes_placeholder.text_frame.text))
    return words


def _texts(shapes):
    for shape in shapes:
        if shape.shape_type is not None and shape.shape_type == 6:  # group
            yield from _texts(shape.shapes)
            continue
        if getattr(shape, "is_placeholder", False) and shape.placeholder_format.type is not None and \
                shape.placeholder_format.type in (13, 15, 16):  # slide number, footer, date: the master's chrome
            continue
        if shape.has_text_frame:
            yield shape.text_frame.text
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    yield cell.text


def deck_pictures(path: Path) -> list[str]:
    """sha256 of every picture the slides themselves show (not the masters'), groups included, in order."""
    from pptx import Presentation

    out = []
    for slide in Presentation(path).slides:
        out += list(_pictures(slide.shapes))
    return out


def _pictures(shapes):
    for shape in shapes:
        if shape.shape_type == 6:
            yield from _pictures(shape.shapes)
        elif shape._element.tag.endswith("}pic"):
            try:
                yield hashlib.sha256(shape.image.blob).hexdigest()
            except Exception:
                continue


def word_share(source: collections.Counter, rebuilt: collections.Counter) -> float:
    total = sum(source.values())
    kept = sum(min(n, rebuilt[w]) for w, n in source.items())
    return kept / total if total else 1.0


@dataclass(frozen=True)
class Kept:
    slides_in: int
    slides_out: int
    words: float
    pictures_in: int  # distinct pictures on the source's slides
    pictures_kept: int  # of those, extracted byte for byte into images/ and shown in the rebuilt deck
    warnings: int


def measure(source: Path, folder: Path, keep_template: bool = False) -> tuple[Kept, Path]:
    from pptx import Presentation

    from kkrdeck.build import build
    from kkrdeck.check import check_deck
    from kkrdeck.import_deck import import_deck

    result = import_deck(source, folder, keep_template)
    report = check_deck(result.deck)
    assert not report.errors, [str(p) for p in report.errors]
    rebuilt = folder / "rebuilt.pptx"
    build(result.deck, rebuilt)
    wanted = set(deck_pictures(source))
    extracted = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (folder / "images").glob("*")} \
        if (folder / "images").is_dir() else set()
    shown = len(deck_pictures(rebuilt))
    kept = len(wanted & extracted) if shown >= len(wanted & extracted) else shown
    warnings = sum(1 for p in result.problems if p.severity == "warning")
    return Kept(len(Presentation(source).slides), len(Presentation(rebuilt).slides),
                word_share(deck_words(source), deck_words(rebuilt)), len(wanted), kept, warnings), rebuilt
