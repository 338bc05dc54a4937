"""What the importer reads from a deck: plain data, no python-pptx objects, so mapping and writing are testable alone."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    """One paragraph: its list level, marker (bullet | number | arrow | none) and text as kkrdeck markup."""

    level: int
    marker: str
    text: str  # kkrdeck markup: **bold**, *italic*, [label](url), \\* for a literal star
    plain: str  # the words as they read on the slide


@dataclass(frozen=True)
class Body:
    """A body placeholder's paragraphs and where it sits (EMU), to tell left from right and heading from text."""

    paras: tuple[Para, ...]
    x: int
    y: int
    w: int
    h: int
    type: str  # body | obj


@dataclass(frozen=True)
class Picture:
    data: bytes
    ext: str  # png, jpg, gif, …
    alt: str | None
    decorative: bool


@dataclass(frozen=True)
class Chart:
    kind: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]


@dataclass
class SourceSlide:
    """One slide of the source as the importer understood it."""

    number: int
    layout_type: str
    title: str | None = None
    centred_title: bool = False  # a ctrTitle placeholder: the slide is a title slide
    subtitle: list[Para] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    free: list[Para] = field(default_factory=list)  # text boxes, shapes and groups, in reading order
    free_shapes: int = 0
    pictures: list[Picture] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    drawn: dict[str, str] = field(default_factory=dict)  # kkrdeck's own named shapes (timeline, cards) → text
    notes: str | None = None
    warnings: list[str] = field(default_factory=list)  # said to the user and written as YAML comments
    comments: list[str] = field(default_factory=list)  # YAML comment lines only (chart data, SmartArt text)
    sizes: int = 0  # explicit font sizes dropped
    colours: int = 0  # explicit text colours dropped


@dataclass
class SourceDeck:
    title: str | None
    date: str | None  # YYYY-MM-DD
    author: str | None
    language: str | None
    slides: list[SourceSlide]
    external: int = 0  # external relationships not followed
