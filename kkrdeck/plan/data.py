"""The plan of a deck: every slide's layout, boxes, text sizes and lines, decided before any file is touched."""

from __future__ import annotations

from dataclasses import dataclass, field

from kkrdeck.errors import Problem
from kkrdeck.design.geometry import Box, Insets
from kkrdeck.plan.textfit import Paragraph


@dataclass(frozen=True)
class TextBlock:
    """Text in a placeholder or a drawn shape."""

    box: Box
    paragraphs: tuple[Paragraph, ...]
    insets: Insets = Insets()
    anchor: str = "t"  # t | ctr | b
    role: str = "body"  # body | heading: which theme font the text is set in
    colour: str | None = None  # theme colour name for drawn text; None: the placeholder's own


@dataclass(frozen=True)
class Shape:
    """A native shape kkrdeck draws: marker, card, connector, picture or table."""

    kind: str  # ellipse | roundRect | rect | connector | textbox | picture | table
    name: str
    box: Box
    fill: str | None = None  # theme colour name (accent1, bg2, …); None: no fill
    line: str | None = None
    text: TextBlock | None = None
    connect: tuple[int, int] | None = None  # indices of the shapes a connector joins, in this slide's list
    picture: str | None = None  # path of the image file
    alt: str | None = None
    decorative: bool = False
    cells: tuple[tuple[TextBlock, ...], ...] = ()  # table rows; the first is the header
    column_widths: tuple[int, ...] = ()
    row_heights: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlannedSlide:
    layout: str  # cover | section | content | two | title-only
    title: TextBlock
    kind: str
    placeholders: dict[str, TextBlock] = field(default_factory=dict)  # body, left, right, subtitle
    shapes: tuple[Shape, ...] = ()
    notes: str | None = None
    source_line: int = 0

    @property
    def title_text(self) -> str:
        return "\n".join(p.text for p in self.title.paragraphs)


@dataclass(frozen=True)
class DeckInfo:
    title: str
    subject: str | None
    author: str | None
    language: str
    date: str | None
    footer: str | None
    slide_numbers: bool


@dataclass(frozen=True)
class Plan:
    info: DeckInfo
    slides: tuple[PlannedSlide, ...]
    notices: tuple[Problem, ...] = ()
