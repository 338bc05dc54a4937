"""An organisation's own template (.pptx/.potx) read into one record: tidied, its layouts chosen, its fonts named."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from kkrdeck.design.colours import Palette, palette, text_style_colours
from kkrdeck.design.contrast import MINIMUM, luminance
from kkrdeck.design.fonts import (body_font, footer_size, placeholder_align, placeholder_bold, placeholder_colour,
                                  placeholder_size, placeholder_typeface, theme_fonts)
from kkrdeck.design.geometry import EMU_PER_PT, Box, Geometry
from kkrdeck.design.layoutmap import LayoutMap
from kkrdeck.design.obstacles import drawn_obstacles, keep_clear
from kkrdeck.design.layouts import (Choice, Layout, Override, Placeholder, choose_layouts, layout_map,
                                    preferred_masters, read_layouts, sample_slides, template_geometry)
from kkrdeck.design.package_safety import TemplateRefused, safe_template
from kkrdeck.design.tidy import as_presentation, tidy
from kkrdeck.errors import TemplateError, display_path
from kkrdeck.i18n import N_, _, language_of_catalog
from kkrdeck.wording import decimal


@dataclass(frozen=True)
class Template:
    path: Path
    package: bytes  # the tidied template without slides, ready for python-pptx
    width: int
    height: int
    masters: int
    layouts: tuple[Layout, ...]
    choices: dict[str, Choice]
    layout_map: LayoutMap
    geometry: Geometry
    heading_font: str  # the theme's major (headings) latin font
    body_font: str  # the font body placeholders are set in (normally the theme's minor font)
    repairs: tuple[str, ...] = ()
    footer: Placeholder | None = None  # the footer placeholder of the title-and-body layout
    footer_size: float = 18.0  # pt, as the template sets footer text
    warnings: tuple[str, ...] = ()  # what was left out of kkrdeck's copy for safety (external links, active content)
    palettes: dict[str, Palette] | None = None  # per layout key: its scheme colours and the background behind text
    faint: tuple[str, ...] = ()  # the template's own text styles below 4.5:1 on their background, in words
    footer_font: str | None = None  # the typeface footer text inherits; None: the body font
    number: Placeholder | None = None  # the slide number placeholder of the title-and-body layout
    number_size: float = 18.0  # pt, as the template sets the slide number
    number_font: str | None = None
    # per layout key: the colour (scheme name) to write the footer, the slide number and the date in, where the one
    # their placeholders inherit is below 4.5:1 on what is behind them; None: the inherited one
    chrome_colours: tuple[tuple[str, str | None, str | None, str | None], ...] = ()
    footer_bold: bool = False  # the footer text inherits bold (Midnightblue's): it is measured bold
    number_bold: bool = False

    @property
    def name(self) -> str:
        return display_path(self.path)

    def missing_for(self, layout_keys: Iterable[str]) -> list[str]:
        return [k for k in dict.fromkeys(layout_keys) if k not in self.layout_map.layouts]


# --- loading --------------------------------------------------------------------------------------------------

def load_template(path: Path, overrides: tuple[Override, ...] = ()) -> Template:
    """Read, tidy and analyse a template; the result is cached while the file is unchanged."""
    path = Path(path).resolve()
    try:
        stat = path.stat()
    except OSError:
        raise TemplateError(_("{file}: the template file does not exist — check the path").format(
            file=display_path(path))) from None
    if not path.is_file():
        raise TemplateError(_("{file}: is a folder, not a template file (.pptx or .potx)").format(
            file=display_path(path)))
    # the language is part of the key: the record holds its repairs and warnings already worded
    return _load(str(path), stat.st_mtime_ns, stat.st_size, tuple(overrides), language_of_catalog())


@lru_cache(maxsize=8)
def _load(path_text: str, _mtime: int, _size: int, overrides: tuple[Override, ...], _language: str) -> Template:
    from pptx import Presentation

    path = Path(path_text)
    safe = safe_template(path)  # every limit and the allow-list, before python-pptx sees a byte
    data = as_presentation(safe.data, display_path(path))
    try:
        prs = Presentation(io.BytesIO(data))
        samples = sample_slides(prs)  # before tidying drops them
        repairs = tidy(prs)
        layouts = tuple(read_layouts(prs))
    except TemplateError:
        raise
    except Exception as exc:  # python-pptx and lxml raise many kinds on a damaged package
        raise TemplateRefused(display_path(path), _("it cannot be read as a PowerPoint file ({reason})").format(
            reason=f"{type(exc).__name__}: {exc}")) from None
    width, height = int(prs.slide_width), int(prs.slide_height)
    cover_master, content_master = preferred_masters(samples, layouts)
    choices = choose_layouts(layouts, width, height, overrides, cover_master, content_master, display_path(path),
                             _clutter(prs, width, height))
    content = choices["content"].layout
    theme = theme_fonts(prs.slide_masters[content.master])
    footer = content.first("ftr")
    size = footer_size(prs, content) if footer is not None else 18.0
    number = content.first("sldNum")
    chrome = (placeholder_typeface(prs, content, "ftr", "otherStyle", theme),
              placeholder_size(prs, content, "sldNum", "otherStyle") or 18.0,
              placeholder_typeface(prs, content, "sldNum", "otherStyle", theme))
    palettes = {key: palette(prs, c.layout.index) for key, c in choices.items() if c.layout is not None}
    geometry = template_geometry(prs, width, height, choices)
    masks, drawn = drawn_obstacles(prs, choices, palettes, geometry)
    clear = keep_clear(geometry, masks, (width, height))
    if clear != geometry:  # the master's logo, band or corner graphic inside the content area: laid out beside it
        geometry = replace(clear, obstacles=drawn)
    faint = _faint_styles(prs, choices, palettes)
    geometry = _legible_room(prs, geometry, choices, palettes)
    geometry = _legible_cover_chrome(geometry, palettes)
    buffer = io.BytesIO()
    prs.save(buffer)
    return Template(path, buffer.getvalue(), width, height, len(prs.slide_masters), layouts, choices,
                    layout_map(choices), geometry, theme[0], body_font(prs, content, theme), tuple(repairs), footer,
                    size, tuple(safe.warnings()), palettes, faint, chrome[0], number, chrome[1], chrome[2],
                    _chrome_colours(prs, choices, palettes), placeholder_bold(prs, content, "ftr", "otherStyle"),
                    placeholder_bold(prs, content, "sldNum", "otherStyle"))


def _clutter(prs, width: int, height: int):
    """How much of a box a layout's master and layout draw over: the share its drawings' boxes cover, of those
    that are in the way as design.obstacles counts them. Yellow_Idea's nine masters give their bodies the same
    size; only some draw a band and a light bulb across it."""
    from kkrdeck.design.backdrop import drawings, in_the_way
    from kkrdeck.design.obstacles import SMALLEST

    layouts = [(m, l) for m in prs.slide_masters for l in m.slide_layouts]

    def share(layout: Layout, box: Box) -> float:
        covered = sum(box.overlap(d.box) for d in drawings(*layouts[layout.index])
                      if in_the_way(d.box, box, (width, height), SMALLEST))
        return min(1.0, covered / (box.w * box.h)) if box.w and box.h else 0.0
    return share


def _legible_room(prs, geometry: Geometry, choices: dict[str, Choice], palettes: dict[str, Palette]) -> Geometry:
    """A title box grows down only where its text stays as legible as in the box: not off a band the master draws
    behind it."""
    from dataclasses import replace

    frames = {}
    for key, field, box in (("content", "title_frame", geometry.title), ("cover", "cover_title_frame",
                            geometry.cover_title), ("section", "section_title_frame", geometry.section_title)):
        frame = getattr(geometry, field)
        if not frame.room or key not in palettes:
            continue
        layout, colours = choices[key].layout, palettes[key]
        assert layout is not None
        gap = Box(box.x, box.bottom, box.w, frame.room)
        texts = text_style_colours(prs, layout.index, "titleStyle", colours.names)
        # as _faint_styles reads what is painted there; a title style that is faint on its own box too (an orange
        # title on white) loses nothing by growing, so only a drop below the box's own contrast stops it
        inside = min(colours.lowest(t, box)[0] for t in texts)
        if min(colours.lowest(t, gap)[0] for t in texts) < min(MINIMUM, inside - 0.05):
            frames[field] = replace(frame, room=0)
    return replace(geometry, **frames) if frames else geometry


def _legible_cover_chrome(geometry: Geometry, palettes: dict[str, Palette]) -> Geometry:
    """The cover's date and footer placeholders are offered to the organisation and date only where some colour
    reads on nearly all of what is painted there and nothing is drawn across them (Vintage's ink blot,
    Blueprint_Plans's white pattern): else the text goes under the subtitle, on the background it is designed
    for."""
    room, colours = geometry.cover_room, palettes.get("cover")
    if room is None or colours is None:
        return geometry
    names = [n for n in CHROME_CANDIDATES if n in colours.names]
    unreadable = {field: None for field in ("date", "footer") if getattr(room, field) is not None and (
                  _spread(colours, getattr(room, field)) > BUSY or
                  max(colours.lowest(colours.names[n], getattr(room, field), share=CHROME_SHARE)[0]
                      for n in names) < MINIMUM)}
    return replace(geometry, cover_room=replace(room, **unreadable)) if unreadable else geometry


CHROME_CANDIDATES = ("tx1", "bg1", "tx2", "bg2", "black", "white")  # what the footer row may be set in, in order
CHROME_SHARE = 0.01  # the cover's text is read at a glance: it may miss on 1 % of what is behind it, not 5 %
BUSY = 1.65  # a box whose backdrop's light and dark ends (1 % in from each) differ more than this has something
#             drawn across it (Piano's key edges: 1.8; Lights' soft bubbles: 1.5)


def _spread(colours: Palette, box: Box) -> float:
    """The contrast between the dark and the light end of what is painted behind a box, 1 % in from each: 1.0 on
    a plain fill or a soft gradient, 4.4 where Blueprint_Plans's white pattern crosses its date box."""
    found = sorted((luminance(c), n) for n, c in colours.backdrop(box))
    total = sum(n for _, n in found)

    def at(share: float) -> float:
        seen = 0
        for lum, n in found:
            seen += n
            if seen >= share * total:
                return lum
        return found[-1][0]
    return (at(1 - CHROME_SHARE) + 0.05) / (at(CHROME_SHARE) + 0.05)


_FAINT_TITLE = N_("the template's title text ({shade}) on the background of its layout '{layout}' ({behind}, {how}) "
                  "has a contrast of {ratio}:1, below {minimum}:1 (WCAG AA) — change the colour of the title style "
                  "or of the background in the template's slide master")
_FAINT_BODY = N_("the template's body text ({shade}) on the background of its layout '{layout}' ({behind}, {how}) "
                 "has a contrast of {ratio}:1, below {minimum}:1 (WCAG AA) — change the colour of the body style "
                 "or of the background in the template's slide master")


def _chrome_colours(prs, choices: dict[str, Choice], palettes: dict[str, Palette]):
    """(layout key, footer, slide number, date colour) for each layout whose footer, slide number or date
    placeholder inherits a colour below 4.5:1 on what the master and layout paint under it: tx1 or the next
    candidate that reads there. kkrdeck writes the footer's text, the number and the cover's organisation and date
    into these placeholders, so it keeps them legible, as it does its own drawn text."""
    found = []
    for key, choice in choices.items():
        if choice.layout is None or key not in palettes:
            continue
        colours, chosen = palettes[key], []
        for ph_type in ("ftr", "sldNum", "dt"):
            ph = choice.layout.first(ph_type)
            if ph is None or ph.box is None:
                chosen.append(None)
                continue
            inherited = placeholder_colour(prs, choice.layout, ph_type, "otherStyle", colours.names)
            box = ph.box if ph_type != "sldNum" else _number_extent(prs, choice.layout, ph)
            if colours.lowest(inherited, box)[0] >= MINIMUM:
                chosen.append(None)
                continue
            tried = [n for n in CHROME_CANDIDATES if n in colours.names]
            chosen.append(next((n for n in tried if colours.ratio(n, None, box) >= MINIMUM),
                               max(tried, key=lambda n: colours.ratio(n, None, box))))
        if any(chosen):
            found.append((key, chosen[0], chosen[1], chosen[2]))
    return tuple(found)


def _number_extent(prs, layout: Layout, ph: Placeholder) -> Box:
    """The part of a slide-number box its text covers: three digits' width at its size, where its alignment puts
    them (Focus's number box is half on the master's green corner, its right-aligned number all on it)."""
    assert ph.box is not None
    size = placeholder_size(prs, layout, "sldNum", "otherStyle") or 18.0
    width = min(ph.box.w, round(3 * 0.6 * size * EMU_PER_PT) + ph.insets.left + ph.insets.right)
    align = placeholder_align(prs, layout, "sldNum", "otherStyle")
    x = {"l": ph.box.x, "ctr": ph.box.x + (ph.box.w - width) // 2, "r": ph.box.right - width}[align]
    return Box(x, ph.box.y, width, ph.box.h)


def _faint_styles(prs, choices: dict[str, Choice], palettes: dict[str, Palette]) -> tuple[str, ...]:
    """Where the master's own title or body text colour is below 4.5:1 on the background of a layout kkrdeck uses."""
    found = []
    for key in ("cover", "content"):
        if key not in palettes:
            continue
        layout, colours = choices[key].layout, palettes[key]
        assert layout is not None
        for style, what, roles in (("titleStyle", "title", ("title",)), ("bodyStyle", "body", ("body", "subtitle"))):
            texts = text_style_colours(prs, layout.index, style, colours.names)
            box = next((p.box for p in layout.placeholders if p.role in roles and p.box is not None), None)
            # on all but the worst few per cent of what the master and layout paint under the placeholder
            ratio, text, behind = min((r, t, b) for t in texts for r, b in (colours.lowest(t, box),))
            if ratio < MINIMUM:
                shade = (_("{colour}, the faintest stop of its gradient").format(colour=text) if len(texts) > 1
                         else text)
                message = _FAINT_TITLE if what == "title" else _FAINT_BODY
                message = _(message)
                found.append(message.format(shade=shade, layout=layout.name, behind=behind, how=colours.how,
                                            ratio=decimal(int(ratio * 100) / 100, ".2f"), minimum=decimal(MINIMUM)))
    return tuple(dict.fromkeys(found))

