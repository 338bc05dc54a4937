"""A template's layouts: read with their placeholders, chosen for each kind of slide, and the boxes that follow."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from kkrdeck.design.geometry import Box, Geometry, Insets, TitleFrame, default_geometry, inch
from kkrdeck.design.layoutmap import LayoutMap, LayoutSlots
from kkrdeck.design.shapetree import (A, BODY_TYPES, CHROME_TYPES, P, TITLE_TYPES, body_props, master_placeholder,
                                      ph_elements, q, xfrm_box)
from kkrdeck.errors import TemplateError
from kkrdeck.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from kkrdeck.design.template import Template

VERTICAL = ("vert", "vert270", "eaVert", "wordArtVert", "mongolianVert", "wordArtVertRtl")
TITLE_GAP = 109728  # EMU (0.12 in) a title grown into the space above the body keeps clear of it

_WORDS = {"title": N_("title"), "ctrTitle": N_("title"), "subTitle": N_("subtitle"), "body": N_("body"),
          "obj": N_("body"), "pic": N_("picture"), "chart": N_("chart"), "tbl": N_("table"), "dgm": N_("diagram"),
          "media": N_("media"), "clipArt": N_("clip art"), "sldImg": N_("slide image")}

KEYS = ("cover", "content", "section", "two", "title-only", "blank")
# slide kinds of deck.yaml (and of `layouts:` in the brand file) → the layout key that carries them
KEY_OF_KIND = {"title": "cover", "bullets": "content", "section": "section", "two-column": "two",
               "process": "title-only", "statements": "title-only", "image": "title-only", "table": "title-only"}
KINDS_OF_KEY = {key: tuple(k for k, v in KEY_OF_KIND.items() if v == key) for key in KEYS}


@dataclass(frozen=True)
class Placeholder:
    """One placeholder of a layout, with the position and text insets it ends up with (own or the master's)."""

    type: str
    idx: int
    name: str
    box: Box | None
    inherited: bool  # position comes from the master
    insets: Insets
    vertical: bool
    anchor: str = "t"  # how its text is anchored (own bodyPr, else the master's; OOXML's default is the top)
    autofit: bool = False  # its text shrinks when it overflows (normAutofit)

    @property
    def role(self) -> str:
        if self.type in TITLE_TYPES:
            return "title"
        if self.type in BODY_TYPES:
            return "body"
        if self.type == "subTitle":
            return "subtitle"
        if self.type in CHROME_TYPES:
            return "chrome"
        return "other"  # picture, chart, table, media …


@dataclass(frozen=True)
class Layout:
    index: int  # position among all layouts of all masters, in order: what the writer opens
    master: int  # 0-based
    name: str
    type: str
    placeholders: tuple[Placeholder, ...]

    def of(self, role: str) -> list[Placeholder]:
        return [p for p in self.placeholders if p.role == role]

    def first(self, ph_type: str) -> Placeholder | None:
        return next((p for p in self.placeholders if p.type == ph_type), None)

    @property
    def vertical(self) -> bool:
        return any(p.vertical for p in self.placeholders if p.role in ("title", "body", "subtitle"))

    def summary(self) -> str:
        """What the layout holds, in words: 'title, subtitle'."""
        parts = [_(_WORDS[p.type]) if p.type in _WORDS else p.type for p in self.placeholders if p.role != "chrome"]
        return ", ".join(parts) if parts else _("no placeholders")


@dataclass(frozen=True)
class Choice:
    """Which layout carries a layout key, and how it was found."""

    key: str
    layout: Layout | None
    how: str  # found | named | fallback | missing
    note: str = ""


@dataclass(frozen=True)
class Override:
    """`layouts: {kind: layout name}` from the brand file, with where it was written (for messages)."""

    kind: str
    name: str
    where: str = ""  # "assets/brand.yaml:27:12"


# --- reading the layouts --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SampleSlide:
    """Which master and layout (by position) one of the template's own sample slides uses."""

    master: int
    layout: int


def sample_slides(prs) -> list[SampleSlide]:
    """The template's sample slides, read before tidying drops them: they tell which masters it means for what."""
    index = _layout_index(prs)
    masters = {id(m.part): n for n, m in enumerate(prs.slide_masters)}
    return [SampleSlide(masters[id(s.slide_layout.slide_master.part)], index[id(s.slide_layout.part)])
            for s in prs.slides]


def _layout_index(prs) -> dict[int, int]:
    return {id(layout.part): n for n, layout in enumerate(l for m in prs.slide_masters for l in m.slide_layouts)}


def _insets(body_pr, fallback: Insets) -> Insets:
    if body_pr is None:
        return fallback

    def get(attr: str, default: int) -> int:
        value = body_pr.get(attr)
        return int(value) if value is not None and value.lstrip("-").isdigit() else default

    return Insets(get("lIns", fallback.left), get("tIns", fallback.top), get("rIns", fallback.right),
                  get("bIns", fallback.bottom))


def read_layouts(prs) -> Iterable[Layout]:
    index = 0
    for mi, master in enumerate(prs.slide_masters):
        master_root = master.part._element
        for layout in master.slide_layouts:
            root = layout.part._element
            placeholders = []
            for shape, ph in ph_elements(root):
                ph_type = ph.get("type", "obj")
                base = master_placeholder(master_root, ph_type)
                own = xfrm_box(shape)
                box = own or xfrm_box(base)
                insets = _insets(body_props(shape), _insets(body_props(base), Insets()))
                vert = (body_props(shape).get("vert") if body_props(shape) is not None else None) or \
                    (body_props(base).get("vert") if body_props(base) is not None else None)
                anchor = (body_props(shape).get("anchor") if body_props(shape) is not None else None) or \
                    (body_props(base).get("anchor") if body_props(base) is not None else None)
                fit = next((e.tag for bp in (body_props(shape), body_props(base)) if bp is not None for e in bp
                            if e.tag in (q(A, "normAutofit"), q(A, "noAutofit"), q(A, "spAutoFit"))), None)
                name = shape.find(f".//{q(P, 'cNvPr')}")
                placeholders.append(Placeholder(ph_type, int(ph.get("idx", "0")),
                                                name.get("name", "") if name is not None else "", box,
                                                own is None and box is not None, insets, vert in VERTICAL,
                                                anchor if anchor in ("t", "ctr", "b") else "t",
                                                fit == q(A, "normAutofit")))
            c_sld = root.find(q(P, "cSld"))
            yield Layout(index, mi, c_sld.get("name", "") if c_sld is not None else "", root.get("type", "cust"),
                         tuple(placeholders))
            index += 1


def preferred_masters(samples: list[SampleSlide], layouts: tuple[Layout, ...]) -> tuple[int | None, int | None]:
    """The masters the template's own sample slides use: the first slide's for covers, a later one for content."""
    if not samples:
        return None, None
    cover = samples[0].master
    later = samples[1:]
    with_body = [s for s in later if layouts[s.layout].of("title") and layouts[s.layout].of("body")]
    content = (with_body or later or samples)[0].master
    return cover, content


# --- choosing a layout for each kind of slide -----------------------------------------------------------------

def _usable(p: Placeholder) -> bool:
    return p.box is not None and p.box.w > 0 and p.box.h > 0


def _side_by_side(a: Placeholder, b: Placeholder) -> bool:
    left, right = sorted((a.box, b.box), key=lambda box: box.x)
    overlap = min(left.bottom, right.bottom) - max(left.y, right.y)
    return (left.right <= right.x + inch(0.05) and overlap > 0.6 * min(left.h, right.h)
            and 0.7 <= left.w / right.w <= 1.43 and 0.7 <= left.h / right.h <= 1.43)


def fits(key: str, layout: Layout, strict: bool = True) -> bool:
    """Whether a layout has the placeholders a layout key needs (strict: and nothing else)."""
    titles, bodies, subtitles = layout.of("title"), layout.of("body"), layout.of("subtitle")
    others = layout.of("other")
    if layout.vertical or not all(_usable(p) for p in titles + bodies + subtitles):
        return False
    if not strict:
        needs = {"cover": len(titles) == 1 and len(bodies) + len(subtitles) >= 1,
                 "section": len(titles) == 1 and len(bodies) + len(subtitles) >= 1,
                 "content": len(titles) == 1 and len(bodies) >= 1,
                 "two": len(titles) == 1 and len(bodies) >= 2,
                 "title-only": len(titles) == 1,
                 "blank": True}
        return needs[key]
    if others:
        return False
    if key == "cover":
        return len(titles) == 1 and ((len(subtitles) == 1 and not bodies) or
                                     (layout.type == "title" and len(bodies) == 1 and not subtitles))
    if key == "content":
        return len(titles) == 1 and len(bodies) == 1 and not subtitles and layout.type not in ("secHead", "title")
    if key == "section":
        return layout.type == "secHead" and len(titles) == 1 and len(bodies) + len(subtitles) == 1
    if key == "two":
        return len(titles) == 1 and len(bodies) == 2 and not subtitles and _side_by_side(*bodies)
    if key == "title-only":
        return len(titles) == 1 and not bodies and not subtitles
    return not titles and not bodies and not subtitles  # blank


def _content_like(layout: Layout) -> bool:
    """A 'Title and Content' with a second body placeholder (a kicker, a source line): bullets go into the larger,
    the other is left off the slide. Not a two-column layout, not one with pictures, charts or a subtitle."""
    if layout.type in ("secHead", "title") or layout.of("subtitle") or layout.of("other") or \
            not fits("content", layout, strict=False):
        return False
    bodies = sorted(layout.of("body"), key=lambda p: p.box.w * p.box.h, reverse=True)
    return not any(_side_by_side(bodies[0], other) for other in bodies[1:])


def _cover_like(layout: Layout) -> bool:
    """A title slide (a centred title) with body placeholders under it, one or several (a subtitle and a line for
    the author, say): the largest takes the subtitle, the others are left off the slide."""
    if layout.of("other") or not fits("cover", layout, strict=False):
        return False
    return layout.type == "title" or any(p.type == "ctrTitle" for p in layout.placeholders)


def _score(key: str, layout: Layout, area: int) -> float:
    expected = {"cover": "title", "content": "obj", "section": "secHead", "two": "twoObj", "title-only": "titleOnly",
                "blank": "blank"}[key]
    score = 3.0 if layout.type == expected or (key == "content" and layout.type == "tx") else 0.0
    if key == "cover":
        score += 2 * any(p.type == "ctrTitle" for p in layout.placeholders)
    if key == "content":
        body = layout.of("body")[0].box
        score += 10 * body.w * body.h / area
    return score


def _rank(key: str, layout: Layout, preferred: int | None, area: int,
          clutter: Callable[[Layout, Box], float] | None = None) -> tuple:
    """Content layouts: the largest body (in steps of 5 % of the slide) across every master, then the one whose
    master and layout draw least over it (in steps of 5 % of the body), then the master the template's own slides
    use; other kinds: that master first."""
    if key == "content":
        body = max(layout.of("body"), key=lambda p: p.box.w * p.box.h).box
        expected = layout.type in ("obj", "tx")
        covered = int(20 * clutter(layout, body)) if clutter is not None else 0
        return (expected, int(20 * body.w * body.h / area), fits(key, layout), -covered, layout.master == preferred,
                _score(key, layout, area), -layout.index)
    return (layout.master == preferred, fits(key, layout), _score(key, layout, area), -layout.index)


def choose_layouts(layouts: tuple[Layout, ...], width: int, height: int, overrides: tuple[Override, ...] = (),
                   cover_master: int | None = None, content_master: int | None = None,
                   name: str = "the template", clutter: Callable[[Layout, Box], float] | None = None
                   ) -> dict[str, Choice]:
    """A layout for each key: named in the brand file, else recognised by its placeholders, else a fallback.
    `clutter(layout, box)`: the share of the box the layout's master and layout draw over (pictures, shapes)."""
    named = _named(layouts, overrides, name)
    choices: dict[str, Choice] = {}
    for key in KEYS:
        preferred = cover_master if key in ("cover", "section") else content_master
        if key in named:
            candidates = [l for l in named[key] if fits(key, l, strict=False)]
            how = "named"
        else:
            loose = {"content": _content_like, "cover": _cover_like}.get(key)
            candidates = [l for l in layouts if fits(key, l) or (loose is not None and loose(l))]
            how = "found"
            if not candidates and key == "content":  # e.g. 'Title and Content' holding two bodies: use the larger
                candidates = [l for l in layouts if fits(key, l, strict=False) and l.type not in ("secHead", "title")
                              and not l.of("subtitle")]
        if key in ("two", "title-only") and choices.get("content") and choices["content"].layout is not None:
            preferred = choices["content"].layout.master  # drawn slides look like the bullet slides around them
        if candidates:
            best = max(candidates, key=lambda l: _rank(key, l, preferred, width * height, clutter))
            choices[key] = Choice(key, best, how)
        else:
            choices[key] = Choice(key, None, "missing")
    content = choices["content"].layout
    if content is None:
        raise TemplateError(_no_content_message(layouts, name))
    cover = choices["cover"].layout
    if cover is None:
        choices["cover"] = Choice("cover", content, "fallback", _(
            "no title slide layout (title and subtitle): the title slide uses '{layout}'").format(layout=content.name))
    if choices["section"].layout is None:
        carrier = choices["cover"].layout
        choices["section"] = Choice("section", carrier, "fallback", _(
            "no section header layout: section slides use '{layout}'").format(layout=carrier.name))
    if choices["title-only"].layout is None:
        choices["title-only"] = Choice("title-only", content, "fallback", _(
            "no title-only layout: slides with drawn shapes use '{layout}' without its body").format(
            layout=content.name))
    if choices["two"].layout is None:
        choices["two"] = Choice("two", None, "missing", _("no layout with two content placeholders side by side: "
                                                          "two-column slides cannot be built on this template"))
    if choices["blank"].layout is None:
        choices["blank"] = Choice("blank", None, "missing", _("no blank layout (kkrdeck does not need one)"))
    return choices


def _named(layouts: tuple[Layout, ...], overrides: tuple[Override, ...], name: str) -> dict[str, list[Layout]]:
    named: dict[str, list[Layout]] = {}
    given: dict[str, Override] = {}
    for o in overrides:
        key = KEY_OF_KIND.get(o.kind)
        if key is None:
            continue
        where = f"{o.where}: " if o.where else ""
        if key in given and given[key].name.strip().casefold() != o.name.strip().casefold():
            kinds = ", ".join(KINDS_OF_KEY[key])
            raise TemplateError(_("{where}layouts: '{kind}' names '{name}' but '{other_kind}' names '{other_name}' "
                                  "— {kinds} slides share one layout in kkrdeck; name the same one").format(
                where=where, kind=o.kind, name=o.name, other_kind=given[key].kind, other_name=given[key].name,
                kinds=kinds))
        given[key] = o
        matches = [l for l in layouts if l.name.strip().casefold() == o.name.strip().casefold()]
        if not matches:
            names = list(dict.fromkeys(l.name for l in layouts))
            close = difflib.get_close_matches(o.name, names, n=1, cutoff=0.6)
            hint = _(" — did you mean '{suggestion}'?").format(suggestion=close[0]) if close else ""
            raise TemplateError(_("{where}layouts: {kind}: {template} has no layout named '{name}'{hint} Its layouts "
                                  "are: {layouts}").format(where=where, kind=o.kind, template=name, name=o.name,
                                                          hint=hint, layouts=", ".join(f"'{n}'" for n in names)))
        if not any(fits(key, l, strict=False) for l in matches):
            raise TemplateError(_("{where}layouts: {kind}: the layout '{name}' holds {holds}, but {kind} slides need "
                                  "{needs} — name another layout").format(where=where, kind=o.kind, name=o.name,
                                                                         holds=matches[0].summary(),
                                                                         needs=_needs(key)))
        named[key] = matches
    return named


def _needs(key: str) -> str:
    return _(_NEEDS[key])


_NEEDS = {"cover": N_("a title and a subtitle (or body) placeholder"),
          "section": N_("a title and a subtitle (or body) placeholder"),
          "content": N_("a title and a body placeholder"), "two": N_("a title and two body placeholders"),
          "title-only": N_("a title placeholder"), "blank": N_("nothing")}


def _no_content_message(layouts: tuple[Layout, ...], name: str) -> str:
    found = "; ".join(f"'{l.name}' ({l.summary()})" for l in layouts[:12])
    more = _("; and {count} more").format(count=len(layouts) - 12) if len(layouts) > 12 else ""
    return _("{name}: kkrdeck cannot use this template: it has no layout with a title and one body placeholder "
             "(like PowerPoint's 'Title and Content'), which bullet slides need. Its layouts: {found}{more}. "
             "Add such a layout in PowerPoint (View → Slide Master), or name the layout to use under 'layouts: "
             "bullets:' in the brand file.").format(name=name, found=found or _("none"), more=more)


# --- the brand file's choices and what is missing -------------------------------------------------------------

def brand_overrides(brand, brand_source=None) -> tuple[Override, ...]:
    """The brand file's `layouts:` entries, each with the place it was written."""
    found = []
    for kind, name in (brand.layouts or {}).items():
        where = ""
        if brand_source is not None:
            line, column = brand_source.position("layouts", kind)
            where = f"{brand_source.filename}:{line}:{column}" if line else brand_source.filename
        found.append(Override(kind, name, where))
    return tuple(found)


def missing_layouts_message(template: Template, lines: dict[str, list[int]]) -> str:
    """Which slides (by layout key, with their deck lines) this template has no layout for."""
    parts = []
    for key in template.missing_for(lines):
        kinds = _(" and ").join(KINDS_OF_KEY[key])
        at = ""
        numbers = sorted({n for n in (lines or {}).get(key, []) if n})
        if numbers:
            at = ngettext(" (line {numbers} of the deck)", " (lines {numbers} of the deck)", len(numbers)).format(
                numbers=", ".join(str(n) for n in numbers))
        parts.append(_("{kinds} slides{at} need a layout with {needs}").format(kinds=kinds, at=at, needs=_needs(key)))
    return _("{template}: this template has no layout for some of the deck's slides: {parts} — add such a layout to "
             "the template, name one under 'layouts:' in the brand file, or change those slides' kind").format(
        template=template.name, parts="; ".join(parts))


# --- what the writer and the planner get ----------------------------------------------------------------------

def planning_box(p: Placeholder) -> Box:
    """The box the planner measures against: the planner assumes default insets, so larger ones shrink the box."""
    d = Insets()
    left, top = max(0, p.insets.left - d.left), max(0, p.insets.top - d.top)
    right, bottom = max(0, p.insets.right - d.right), max(0, p.insets.bottom - d.bottom)
    return Box(p.box.x + left, p.box.y + top, p.box.w - left - right, p.box.h - top - bottom)


def placeholder_roles(key: str, layout: Layout) -> dict[str, Placeholder]:
    title = layout.of("title")[0]
    bodies = sorted(layout.of("body"), key=lambda p: (p.box.x, p.box.y))
    # two bodies where one is expected: the larger carries the text (the other is left off the slide)
    subtitle = layout.first("subTitle") or (max(bodies, key=lambda p: p.box.w * p.box.h) if bodies else None)
    if key == "cover":  # organisation and date go into the footer and date placeholders of the cover's layout
        chrome = {role: p for role, p in (("date", layout.first("dt")), ("footer", layout.first("ftr")))
                  if p is not None and _usable(p) and not p.vertical}
        # a second text placeholder under the title (one for the author, say) may take organisation and date
        others = [p for p in layout.of("body") + layout.of("subtitle") if p is not subtitle and _usable(p)
                  and not p.box.overlap(subtitle.box) and not p.box.overlap(title.box)]
        if others:
            chrome["second"] = max(others, key=lambda p: p.box.w * p.box.h)
        return {"title": title, "subtitle": subtitle, **chrome}
    if key == "section":
        return {"title": title, "subtitle": subtitle}
    if key == "content":
        return {"title": title, "body": max(bodies, key=lambda p: p.box.w * p.box.h)}
    if key == "two":
        return {"title": title, "left": bodies[0], "right": bodies[1]}
    return {"title": title}


def layout_map(choices: dict[str, Choice]) -> LayoutMap:
    layouts = {}
    for key in ("cover", "content", "section", "two", "title-only"):
        layout = choices[key].layout
        if layout is None:
            continue
        roles = placeholder_roles(key, layout)
        chrome = key not in ("cover", "section")
        footer = layout.first("ftr") if chrome else None
        number = layout.first("sldNum") if chrome else None
        layouts[key] = LayoutSlots(layout.index, layout.name, {r: p.idx for r, p in roles.items()},
                                   {r: planning_box(p) for r, p in roles.items()},
                                   footer.idx if footer else None, number.idx if number else None)
    return LayoutMap(layouts)


def template_geometry(prs, width: int, height: int, choices: dict[str, Choice]) -> Geometry:
    """The boxes the planner measures against, from the chosen layouts' placeholders, and their list indents."""
    content = placeholder_roles("content", choices["content"].layout)
    cover = placeholder_roles("cover", choices["cover"].layout)
    section = placeholder_roles("section", choices["section"].layout)
    title, body = planning_box(content["title"]), planning_box(content["body"])
    if choices["two"].layout is not None:
        two = placeholder_roles("two", choices["two"].layout)
        left, right = planning_box(two["left"]), planning_box(two["right"])
    else:
        gap = round(body.w * 0.04)
        column = (body.w - gap) // 2
        left, right = Box(body.x, body.y, column, body.h), Box(body.right - column, body.y, column, body.h)
    layout = choices["content"].layout
    footer, number = layout.first("ftr"), layout.first("sldNum")
    bottom = Box(title.x, height - inch(0.5), inch(4), inch(0.35))
    margins, indents = _list_indents(prs, layout, content["body"])
    cover_title, section_title = planning_box(cover["title"]), planning_box(section["title"])
    return Geometry(
        width=width, height=height, title=title, body=body, left=left, right=right,
        cover_title=cover_title, cover_subtitle=planning_box(cover["subtitle"]),
        cover_panel=Box(0, 0, width, height), cover_logo=Box(width - inch(2.2), inch(0.3), inch(1.9), inch(0.6)),
        section_title=section_title, section_subtitle=planning_box(section["subtitle"]),
        footer=footer.box if footer and footer.box else bottom,
        slide_number=number.box if number and number.box else Box(width - inch(1.5), bottom.y, inch(1), bottom.h),
        logo=Box(width - inch(1.6), inch(0.3), inch(1.2), inch(0.4)),
        title_rule=Box(title.x, title.bottom, inch(1.1), inch(0.06)),
        margins=margins, indents=indents, cover_room=_cover_room(prs, choices["cover"].layout, width, height),
        title_frame=_title_frame(prs, choices["content"].layout, content["title"], title, body),
        cover_title_frame=_title_frame(prs, choices["cover"].layout, cover["title"], cover_title,
                                       planning_box(cover["subtitle"]) if cover["subtitle"] else None),
        section_title_frame=_title_frame(prs, choices["section"].layout, section["title"], section_title,
                                         planning_box(section["subtitle"]) if section["subtitle"] else None),
    )


def _title_frame(prs, layout: Layout, title: Placeholder, box: Box, below: Box | None) -> TitleFrame:
    """The title placeholder's own way of setting text, measured against its planning box (whose insets beyond
    kkrdeck's defaults are already taken off), and the free space between it and the text below it."""
    from kkrdeck.design.fonts import placeholder_size

    d, i = Insets(), title.insets
    insets = Insets(min(i.left, d.left), min(i.top, d.top), min(i.right, d.right), min(i.bottom, d.bottom))
    room = 0
    if below is not None and below.y >= box.bottom and below.x < box.right and box.x < below.right:
        # down to the text below, less a gap: a grown title's second line would otherwise touch the first bullet
        room = max(0, below.y - box.bottom - TITLE_GAP)
    return TitleFrame(insets, title.anchor, placeholder_size(prs, layout, title.type, "titleStyle"), room,
                      title.autofit)


def _cover_room(prs, layout: Layout, width: int, height: int):
    from kkrdeck.design.cover import cover_room  # it reads layouts through this module

    return cover_room(prs, layout, width, height)


def _level_props(container, level: int):
    if container is None:
        return None
    return container.find(q(A, f"lvl{level + 1}pPr"))


def _list_indents(prs, layout: Layout, body: Placeholder) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Left margin and hanging indent per list level: the layout's, else the master's, else kkrdeck's own."""
    default = default_geometry()
    master = prs.slide_masters[layout.master].part._element
    layout_root = [l for m in prs.slide_masters for l in m.slide_layouts][layout.index].part._element
    own = next((s for s, ph in ph_elements(layout_root) if int(ph.get("idx", "0")) == body.idx), None)
    base = master_placeholder(master, body.type)
    sources = [own.find(f"{q(P, 'txBody')}/{q(A, 'lstStyle')}") if own is not None else None,
               base.find(f"{q(P, 'txBody')}/{q(A, 'lstStyle')}") if base is not None else None,
               master.find(f"{q(P, 'txStyles')}/{q(P, 'bodyStyle')}")]
    # LibreOffice's exports keep the outline styles only as the master body's sample paragraphs
    sample = {}
    if base is not None:
        for para in base.iter(q(A, "p")):
            ppr = para.find(q(A, "pPr"))
            if ppr is not None:
                sample.setdefault(int(ppr.get("lvl", "0")), ppr)
    margins, indents = [], []
    for level in range(len(default.margins)):
        chosen = None
        for container in sources:
            ppr = _level_props(container, level)
            if ppr is not None and ppr.get("marL") is not None:
                chosen = ppr
                break
        chosen = chosen if chosen is not None else sample.get(level)
        margin = int(chosen.get("marL")) if chosen is not None and chosen.get("marL") is not None else None
        indent = int(chosen.get("indent", "0")) if chosen is not None else None
        if margin is None or margin <= 0 or indent is None or indent >= 0 or margin + indent < 0:
            margin, indent = default.margins[level], default.indents[level]
        margins.append(margin)
        indents.append(indent)
    return tuple(margins), tuple(indents)
