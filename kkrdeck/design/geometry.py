"""Where things go on a slide: the built-in layouts' boxes and text insets, in EMU, as plain data."""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def inch(value: float) -> int:
    return round(value * EMU_PER_INCH)


def aspect_name(width: int, height: int) -> str:
    """A slide's shape as people name it: '16:9', '16:10', '4:3', else the ratio ('1.50:1')."""
    for name, ratio in (("16:9", 16 / 9), ("16:10", 16 / 10), ("4:3", 4 / 3)):
        if abs(width / height - ratio) < 0.01:
            return name
    from kkrdeck.wording import decimal

    return f"{decimal(width / height, '.2f')}:1"


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def inset(self, left: int, top: int, right: int, bottom: int) -> Box:
        return Box(self.x + left, self.y + top, self.w - left - right, self.h - top - bottom)

    def overlap(self, other: Box) -> int:
        """The area (EMU²) the two boxes share; 0 when they only touch or lie apart."""
        w = min(self.right, other.right) - max(self.x, other.x)
        h = min(self.bottom, other.bottom) - max(self.y, other.y)
        return w * h if w > 0 and h > 0 else 0

    def holds(self, other: Box) -> bool:
        """Whether `other` lies wholly inside this box."""
        return self.x <= other.x and self.y <= other.y and self.right >= other.right and self.bottom >= other.bottom


@dataclass(frozen=True)
class Insets:
    left: int = 91440
    top: int = 45720
    right: int = 91440
    bottom: int = 45720


@dataclass(frozen=True)
class TitleFrame:
    """How a title placeholder sets its text: the insets and anchoring it inherits, the template's own size, and how
    far down it may grow when a title needs two lines (into the free space above the body)."""

    insets: Insets = Insets()
    anchor: str = "b"  # t | ctr | b
    size: float | None = None  # pt, the template's title size; None: the brand's
    room: int = 0  # EMU the box may grow downwards without reaching the next text
    autofit: bool = False  # the template shrinks text that overflows it (normAutofit): a long title may too


@dataclass(frozen=True)
class CoverRoom:
    """What a template's title slide offers besides its subtitle: date and footer placeholders, free space."""

    date: Box | None = None  # the cover layout's date placeholder (planning box), if it has one
    footer: Box | None = None  # its footer placeholder
    chrome_size: float = 12.0  # pt, the size the template sets footer-row text at
    chrome_anchor: str = "t"  # how the footer row's text is anchored (t, ctr, b)
    second: Box | None = None  # another text placeholder of the cover layout (above or below the subtitle)
    below: Box | None = None  # the subtitle's column under it, clear of the template's drawings; None: no room
    align: str = "l"  # how the subtitle is aligned (text under it follows)


@dataclass(frozen=True)
class Geometry:
    """The boxes of every layout kkrdeck uses, and the list indents of the body text."""

    width: int
    height: int
    title: Box
    body: Box
    left: Box
    right: Box
    cover_title: Box
    cover_subtitle: Box
    cover_panel: Box
    cover_logo: Box
    section_title: Box
    section_subtitle: Box
    footer: Box
    slide_number: Box
    logo: Box
    title_rule: Box
    insets: Insets = Insets()
    # how the title boxes of the content, cover and section layouts set their text
    title_frame: TitleFrame = TitleFrame()
    cover_title_frame: TitleFrame = TitleFrame()
    section_title_frame: TitleFrame = TitleFrame()
    # the boxes of pictures and shapes the template's master or layouts draw inside the content area, which the
    # body and columns above are already shrunk to keep out of
    obstacles: tuple[Box, ...] = ()
    # left margin of the text and hanging indent of the marker, per list level (0 = top level)
    margins: tuple[int, ...] = (inch(0.375), inch(0.8), inch(1.2), inch(1.55))
    indents: tuple[int, ...] = (-inch(0.375), -inch(0.36), -inch(0.32), -inch(0.3))
    cover_room: CoverRoom | None = None  # a template's title slide; None: the built-in one (room below, to the margin)


def default_geometry(aspect: str = "16:9") -> Geometry:
    """The built-in layouts for a 16:9 (13.333 × 7.5 in) or 4:3 (10 × 7.5 in) slide."""
    width = 12192000 if aspect == "16:9" else 9144000
    height = inch(7.5)
    margin = inch(0.6)
    logo_w = inch(1.45)
    content_w = width - 2 * margin
    gap = inch(0.4)
    column_w = (content_w - gap) // 2
    panel_w = round(width * 0.62)
    return Geometry(
        width=width,
        height=height,
        title=Box(margin, inch(0.35), content_w - logo_w - inch(0.3), inch(1.15)),
        body=Box(margin, inch(1.8), content_w, inch(4.9)),
        left=Box(margin, inch(1.8), column_w, inch(4.9)),
        right=Box(margin + column_w + gap, inch(1.8), column_w, inch(4.9)),
        cover_panel=Box(0, 0, panel_w, height),
        cover_title=Box(inch(0.7), inch(1.5), panel_w - inch(1.2), inch(2.7)),
        cover_subtitle=Box(inch(0.7), inch(4.45), panel_w - inch(1.2), inch(1.9)),
        cover_logo=Box(panel_w + (width - panel_w - inch(3.0)) // 2, inch(3.75) - inch(0.5), inch(3.0), inch(1.0)),
        section_title=Box(inch(0.9), inch(2.2), width - inch(1.8), inch(1.9)),
        section_subtitle=Box(inch(0.9), inch(4.25), width - inch(1.8), inch(1.2)),
        footer=Box(margin, inch(6.95), inch(8.0) if aspect == "16:9" else inch(6.0), inch(0.35)),
        slide_number=Box(width - margin - inch(1.5), inch(6.95), inch(1.5), inch(0.35)),
        logo=Box(width - margin - logo_w, inch(0.5), logo_w, inch(0.4833)),
        title_rule=Box(margin + inch(0.1), inch(1.55), inch(1.1), inch(0.06)),
    )
