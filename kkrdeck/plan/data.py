"""The plan of a deck: every slide's layout, boxes, text sizes and lines, decided before any file is touched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kkrdeck.errors import Problem
from kkrdeck.design.geometry import Box, Insets
from kkrdeck.plan.textfit import Paragraph

# the slide kinds of deck.yaml (outline.model.SLIDE_KINDS), which a planned slide remembers it came from
SlideKind = Literal["title", "section", "bullets", "process", "statements", "two-column", "image", "table", "chart"]
# the layouts a planned slide can ask the template for
LayoutKey = Literal["cover", "section", "content", "two", "title-only"]
# the placeholders a slide's text goes into besides its title
# date, footer, second (another text placeholder): the cover's, for organisation and date
PlaceholderRole = Literal["body", "left", "right", "subtitle", "date", "footer", "second"]
# the theme font a text is set in: the heading (major) or the body (minor) font
FontRole = Literal["body", "heading"]
Anchor = Literal["t", "ctr", "b"]
ThemeColour = Literal["tx1", "tx2", "bg1", "bg2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6"]
# what drawn text may be set in: a theme colour, or black or white where no theme colour is legible on the template
TextColour = ThemeColour | Literal["black", "white"]


MARKER_CHARACTERS = {"bullet": "•", "arrow": "→"}  # the list markers drawn as characters (numbers are automatic)


@dataclass(frozen=True)
class TextBlock:
    """Text in a placeholder or a drawn shape."""

    box: Box
    paragraphs: tuple[Paragraph, ...]
    insets: Insets = Insets()
    anchor: Anchor = "t"
    role: FontRole = "body"
    colour: TextColour | None = None  # for drawn text; None: the placeholder's own
    markers: TextColour = "accent1"  # the colour of its bullets and numbers


@dataclass(frozen=True)
class TextShape:
    """A drawn shape, with or without text: a timeline marker or date, a card, a caption."""

    geometry: Literal["ellipse", "roundRect", "rect", "textbox"]  # textbox: a rect without fill or line
    name: str
    box: Box
    fill: ThemeColour | None = None  # None: no fill
    line: ThemeColour | None = None  # None: no line
    text: TextBlock | None = None
    decorative: bool = False  # screen readers skip it


@dataclass(frozen=True)
class Connector:
    """A straight line joining two shapes of the same slide, which stays attached when they are moved."""

    name: str
    box: Box
    line: ThemeColour
    joins: tuple[int, int]  # indices of the shapes it joins (from the right edge to the left) in the slide's list
    decorative: bool = False


@dataclass(frozen=True)
class Picture:
    """An image from the deck's folder, with its alt text or marked decorative."""

    name: str
    box: Box
    image: str  # the key of the image in the outline (its path as written in deck.yaml)
    alt: str | None = None
    decorative: bool = False


@dataclass(frozen=True)
class Table:
    """A native table; its first row is the header."""

    name: str
    box: Box
    cells: tuple[tuple[TextBlock, ...], ...]
    column_widths: tuple[int, ...]
    row_heights: tuple[int, ...]


ChartType = Literal["column", "bar", "stacked-column", "stacked-bar", "line", "pie", "doughnut"]


@dataclass(frozen=True)
class Chart:
    """A native chart with its data (written into the chart part and its embedded workbook), measured to fit."""

    name: str
    box: Box
    chart: ChartType  # what is drawn (a column chart with long category names may have become a bar chart)
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]  # name, one value (or None, a gap) per category
    size: float  # the text size of axes, legend and labels, pt
    alt: str
    legend: bool = False
    labels: bool = False
    unit: str | None = None
    text_colour: TextColour = "tx1"  # axes, legend and the labels outside the bars: legible on what is behind it
    # the labels inside the bars of each series (a stack), or inside each slice (a ring); empty: bg1
    inside_colours: tuple[TextColour, ...] = ()


Shape = TextShape | Picture | Connector | Table | Chart  # what kkrdeck draws on a slide besides its placeholders


@dataclass(frozen=True)
class PlannedSlide:
    layout: LayoutKey
    title: TextBlock
    kind: SlideKind
    placeholders: dict[PlaceholderRole, TextBlock] = field(default_factory=dict)
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
    footer_size: float | None = None  # pt, written when the template's own size would not fit; None: inherited
    number_size: float | None = None
    # (layout key, footer, slide number, date colour): written where the inherited colour would be too faint
    chrome_colours: tuple[tuple[str, TextColour | None, TextColour | None, TextColour | None], ...] = ()


@dataclass(frozen=True)
class Plan:
    info: DeckInfo
    slides: tuple[PlannedSlide, ...]
    notices: tuple[Problem, ...] = ()
