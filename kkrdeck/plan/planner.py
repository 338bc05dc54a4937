"""The plan stage: a validated deck and brand → measured slides (sizes, lines, boxes, continuations), no pptx."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from kkrdeck.plan.danish import continuation_marks, continued_title
from kkrdeck.errors import DeckError, Problem
from kkrdeck.i18n import N_, gettext_, number as whole
from kkrdeck.wording import centimetres, decimal
from kkrdeck.design.geometry import EMU_PER_PT, Box, Geometry, Insets, TitleFrame, inch
from kkrdeck.outline.inline import Markup
from kkrdeck.outline.chart_data import DataTable
from kkrdeck.outline.model import (Brand, Bullet, BulletItem, BulletsSlide, ChartSlide, Deck, ImageSlide, ProcessSlide, SectionSlide,
                                   StatementsSlide, TitleSlide, TwoColumnSlide)
from kkrdeck.plan.data import (MARKER_CHARACTERS, Anchor, DeckInfo, Picture, PlaceholderRole, Plan, PlannedSlide,
                               Shape, TextBlock, TextShape)
from kkrdeck.plan.chart import plan_chart
from kkrdeck.plan.textfit import Measurer, Paragraph, box_height, lay_out, size_steps
from kkrdeck.plan.typescale import TitleScale, provisional, scale_titles

FLOOR_SIZE = 12.0  # below this nobody reads it: an error, not a smaller font
EDGE_MARGIN = inch(0.3)  # kkrdeck's own shapes keep this far from the slide's edges: projectors and PDFs crop
CARD_INSETS = Insets(inch(0.18), inch(0.14), inch(0.18), inch(0.14))
# what _fit_shapes says about a drawn text of each kind: (set below the brand's minimum, does not fit at the floor)
SHAPE_MESSAGES = {
    "caption": (N_("the caption is set at {size} pt, below the brand's {minimum} pt — shorten it"),
                N_("the caption does not fit its shape even at {size} pt — shorten it")),
    "conclusion": (N_("the conclusion is set at {size} pt, below the brand's {minimum} pt — shorten it"),
                   N_("the conclusion does not fit its shape even at {size} pt — shorten it")),
}


@dataclass(frozen=True)
class Typesetting:
    """What the planner measures with: fonts of the two theme roles, the brand's sizes and the layouts' boxes."""

    heading: Measurer
    body: Measurer
    brand: Brand
    geometry: Geometry
    layouts: frozenset[str] | None = None  # the layout keys the design has; None: all of them

    def measurer(self, role: str) -> Measurer:
        return self.heading if role == "heading" else self.body


@dataclass
class _Context:
    ts: Typesetting
    filename: str
    position: Callable[..., tuple[int, int]]
    notices: list[Problem]
    errors: list[Problem]
    index: int = 0

    def where(self) -> tuple[int, int]:
        return self.position("slides", self.index)

    def note(self, message: str, severity: str = "notice", index: int | None = None) -> None:
        where = self.position("slides", index) if index is not None else self.where()
        self.notices.append(Problem(self.filename, *where, message, severity))

    def fail(self, message: str) -> None:
        self.errors.append(Problem(self.filename, *self.where(), message))


def plan_deck(deck: Deck, ts: Typesetting, filename: str, position: Callable[..., tuple[int, int]],
              image_sizes: dict[str, tuple[int, int]] | None = None,
              charts: dict[str, DataTable] | None = None) -> Plan:
    """Plan every slide; problems that make a slide impossible are raised together as a DeckError."""
    ctx = _Context(ts, filename, position, [], [])
    slides: list[PlannedSlide] = []
    run: list[tuple[BulletsSlide, list[TextBlock], int]] = []  # consecutive slides of one continued title
    for index, slide in enumerate(deck.slides):
        ctx.index = index
        line = position("slides", index)[0]
        if isinstance(slide, BulletsSlide):
            if run and slide.continues and (slide.title is None or slide.title == run[0][0].title):
                run.append((slide, _bullet_blocks(slide, ctx), index))
                continue
            if slide.continues:
                ctx.fail(gettext_("'continues: true' needs a bullets slide with the same title just before it — "
                                  "remove 'continues' or give it the previous slide's title"))
            slides.extend(_titled(run, ctx))
            run = [(slide, _bullet_blocks(slide, ctx), index)]
            continue
        slides.extend(_titled(run, ctx))
        run = []
        drawn = _drawing(ctx)  # the kinds below draw their own shapes
        if isinstance(slide, TitleSlide):
            from kkrdeck.plan.cover import plan_cover

            planned = [plan_cover(slide, deck, ctx)]
        elif isinstance(slide, SectionSlide):
            planned = [_section(slide, ctx)]
        elif isinstance(slide, ProcessSlide):
            from kkrdeck.plan.process import plan_process

            planned = plan_process(slide, drawn)
        elif isinstance(slide, StatementsSlide):
            from kkrdeck.plan.statements import plan_statements

            planned = plan_statements(slide, drawn)
        elif isinstance(slide, TwoColumnSlide):
            planned = [_two_column(slide, ctx)]
        elif isinstance(slide, ImageSlide):
            planned = [_image(slide, drawn, (image_sizes or {}).get(slide.image, (4, 3)))]
        elif isinstance(slide, ChartSlide):
            planned = [_chart(slide, drawn, (charts or {}).get(slide.data or ""), deck.language)]
        else:
            from kkrdeck.plan.table import plan_table

            planned = plan_table(slide, drawn)
        slides.extend(replace(p, notes=slide.notes, source_line=line) for p in planned)
    slides.extend(_titled(run, ctx))
    if not ctx.errors:
        slides = _scaled(slides, ctx)
    if ctx.errors:
        raise DeckError(ctx.errors)
    _duplicate_titles(slides, ctx)
    brand = ts.brand
    info = DeckInfo(title=deck.title, subject=deck.subtitle, author=deck.author or deck.organisation,
                    language=deck.language, date=deck.date.isoformat() if deck.date else None, footer=brand.footer,
                    slide_numbers=brand.slide_numbers)
    return Plan(info, tuple(slides), tuple(ctx.notices))


def _drawing(ctx: _Context) -> _Context:
    """The context for slides kkrdeck draws shapes on: content areas kept EDGE_MARGIN inside the slide's edges,
    however close to them (or past them) a template's body placeholder reaches."""
    g = ctx.ts.geometry
    inside = drawing_geometry(g)
    return ctx if inside == g else replace(ctx, ts=replace(ctx.ts, geometry=inside))


def drawing_geometry(g: Geometry) -> Geometry:
    """The geometry with its body and columns clipped to the slide less EDGE_MARGIN on every side."""
    safe = Box(EDGE_MARGIN, EDGE_MARGIN, g.width - 2 * EDGE_MARGIN, g.height - 2 * EDGE_MARGIN)
    clipped = {name: _inside(getattr(g, name), safe) for name in ("body", "left", "right")}
    return replace(g, **clipped) if any(clipped[n] != getattr(g, n) for n in clipped) else g


def _inside(box: Box, safe: Box) -> Box:
    x, y = max(box.x, safe.x), max(box.y, safe.y)
    right, bottom = min(box.right, safe.right), min(box.bottom, safe.bottom)
    return box if (x, y, right, bottom) == (box.x, box.y, box.right, box.bottom) else \
        Box(x, y, max(0, right - x), max(0, bottom - y))


def _duplicate_titles(slides: list[PlannedSlide], ctx: _Context) -> None:
    """Screen readers navigate by slide title, so PowerPoint's accessibility checker wants each one unique."""
    seen: dict[str, int] = {}
    for number, slide in enumerate(slides, start=1):
        title = slide.title_text
        if title in seen:
            message = gettext_("slide {number} has the same title as slide {first} ('{title}') — give each slide its "
                               "own title so screen reader users can tell them apart").format(
                number=whole(number), first=whole(seen[title]), title=title)
            ctx.notices.append(Problem(ctx.filename, slide.source_line, 5, message, "warning"))
        else:
            seen[title] = number


# --- titles -------------------------------------------------------------------------------------------------

def fit_title(text: Markup, box: Box, ctx: _Context, largest: float, smallest: float, anchor: Anchor | None = None,
              insets: Insets | None = None) -> TextBlock:
    """The title in its box as its placeholder sets text; its size is decided for the whole deck afterwards
    (plan.typescale, from the brand's sizes or the template's), so `largest` and `smallest` only start it."""
    frame = _frame(box, ctx.ts.geometry)
    return provisional(text.styled(bold=True), largest, box, frame.insets if insets is None else insets,
                       frame.anchor if anchor is None else anchor, ctx.ts.heading)


def _frame(box: Box, g: Geometry) -> TitleFrame:
    return {g.cover_title: g.cover_title_frame, g.section_title: g.section_title_frame}.get(box, g.title_frame)


def title_scales(ts: Typesetting) -> dict[int, TitleScale]:
    """Where the content, section and cover titles start (the template's size, else the brand's) and how small they
    may go; a section starts 4 pt and a cover 8 pt above the content titles, or at its own size. A template whose
    titles autofit (PowerPoint shrinks them to their box) lets a long title shrink alone to 16 pt without a warning."""
    g, sizes = ts.geometry, ts.brand.sizes
    content = g.title_frame.size or sizes.title
    section = max(g.section_title_frame.size or 0, content + 4)
    cover = max(g.cover_title_frame.size or 0, content + 8)
    return {level: TitleScale(start, min(sizes.title_min, start), frame.room, 16.0 if frame.autofit else None)
            for level, start, frame in ((0, content, g.title_frame), (1, section, g.section_title_frame),
                                        (2, cover, g.cover_title_frame))}


def _scaled(slides: list[PlannedSlide], ctx: _Context) -> list[PlannedSlide]:
    """The deck's titles at one size per title box (plan.typescale); its warnings and errors at their slides."""
    outcome = scale_titles(slides, title_scales(ctx.ts), ctx.ts.heading)
    for n, message in outcome.warnings:
        ctx.notices.append(Problem(ctx.filename, slides[n].source_line, 5, message, "warning"))
    for n, message in outcome.errors:
        ctx.errors.append(Problem(ctx.filename, slides[n].source_line, 5, message))
    return list(outcome.slides)


# --- cover and section --------------------------------------------------------------------------------------

def _section(slide: SectionSlide, ctx: _Context) -> PlannedSlide:
    g, sizes = ctx.ts.geometry, ctx.ts.brand.sizes
    title = fit_title(slide.title, g.section_title, ctx, sizes.title + 4, sizes.title_min)
    placeholders: dict[PlaceholderRole, TextBlock] = {}
    if slide.subtitle:
        placeholders["subtitle"] = _fit_frame([Paragraph(slide.subtitle.runs)], g.section_subtitle, ctx,
                                              [22], 16, "t")
    return PlannedSlide("section", title, "section", placeholders)


# --- bullets and continuation -------------------------------------------------------------------------------

def bullet_groups(items: Sequence[Bullet], g: Geometry) -> list[list[Paragraph]]:
    """Top-level bullets, each with its sub-items: the units a slide may be split between."""
    groups = []
    for item in items:
        paragraphs: list[Paragraph] = []
        _flatten([item], 0, "bullet", g, paragraphs)
        groups.append(paragraphs)
    return groups


def _flatten(items: Sequence[Bullet], level: int, marker: str, g: Geometry, out: list[Paragraph]) -> None:
    for number, item in enumerate(items, start=1):
        text = item.text if isinstance(item, BulletItem) else item
        out.append(Paragraph(text.runs, level, marker, number, g.margins[level], g.indents[level]))
        if isinstance(item, BulletItem) and item.children:
            _flatten(item.children, level + 1, item.child_marker, g, out)


MARKER_GAP = inch(0.08)  # between a list marker and its text


def _hung(paragraphs: list[Paragraph], ctx: _Context) -> list[Paragraph]:
    """Each list paragraph with a hanging indent at least as wide as its marker at its level's largest size and a
    gap: a template's quarter-inch hang (mecanon, pandoc's) ran '1.' and '→' into the text. The marker stays where
    the template puts it; the text moves right."""
    sizes = ctx.ts.brand.sizes.body
    out = []
    for p in paragraphs:
        if p.marker == "none":
            out.append(p)
            continue
        marker = f"{p.number}." if p.marker == "number" else MARKER_CHARACTERS.get(p.marker, "•")
        size = sizes[min(p.level, len(sizes) - 1)]
        need = round(ctx.ts.body.width(marker, size) * EMU_PER_PT) + MARKER_GAP
        out.append(p if -p.indent >= need else replace(p, margin=p.margin + p.indent + need, indent=-need))
    return out


def _lead(text: Markup) -> Paragraph:
    return Paragraph(text.runs)


def _bullet_blocks(slide: BulletsSlide, ctx: _Context) -> list[TextBlock]:
    g = ctx.ts.geometry
    groups = [_hung(group, ctx) for group in bullet_groups(slide.bullets, g)]
    if slide.lead:
        groups[0] = [_lead(slide.lead)] + groups[0]
    return _fit_groups(groups, g.body, ctx, slide.overflow)


def _titled(run: list[tuple[BulletsSlide, list[TextBlock], int]], ctx: _Context) -> list[PlannedSlide]:
    """Slides for a run of continued bullets slides: one title, numbered (I), (II)… when there is more than one."""
    if not run:
        return []
    g, sizes = ctx.ts.geometry, ctx.ts.brand.sizes
    title = run[0][0].title or Markup("")
    total = sum(len(blocks) for _, blocks, _ in run)
    automatic = total - len(run)
    if automatic:
        ctx.note(gettext_("'{title}' does not fit at {size} pt or more; it continues on {total} slides: ").format(
            title=title, size=decimal(sizes.body_min), total=whole(total))
                 + continuation_marks(total), index=run[0][2])
    planned = []
    number = 0
    for slide, blocks, index in run:
        line = ctx.position("slides", index)[0]
        for block in blocks:
            number += 1
            text = continued_title(title, number, total)
            planned.append(PlannedSlide("content", fit_title(text, g.title, ctx, sizes.title, sizes.title_min),
                                        "bullets", {"body": block}, notes=slide.notes, source_line=line))
    return planned


def _fit_frame(paragraphs: list[Paragraph], box: Box, ctx: _Context, sizes: Sequence[float], smallest: float,
               anchor: Anchor = "t") -> TextBlock:
    """All paragraphs in one box: the given sizes, else one size stepped down; never overflowing."""
    m = ctx.ts.body
    for candidate in [list(sizes)] + [[s] for s in size_steps(sizes[0] - 1, FLOOR_SIZE)]:
        fit = lay_out(m, paragraphs, candidate, box, Insets())
        if fit.fits:
            if candidate[0] < smallest:
                ctx.note(gettext_("text set at {size} pt, below the brand's {smallest} pt — shorten it").format(
                    size=decimal(candidate[0]), smallest=decimal(smallest)), "warning")
            return TextBlock(box, fit.paragraphs, Insets(), anchor)
    fit = lay_out(m, paragraphs, [FLOOR_SIZE], box, Insets())
    if fit.fits_height:
        ctx.note(gettext_("a word is too long for its box even at {size} pt and is split — shorten it").format(
            size=decimal(FLOOR_SIZE)), "warning")
        return TextBlock(box, fit.paragraphs, Insets(), anchor)
    ctx.fail(gettext_("the text does not fit in its box even at {size} pt — shorten it").format(size=decimal(FLOOR_SIZE)))
    return TextBlock(box, tuple(paragraphs), Insets(), anchor)


def _fit_groups(groups: list[list[Paragraph]], box: Box, ctx: _Context, overflow: str) -> list[TextBlock]:
    """One box if the text fits at the brand's minimum, else continuation boxes split between top-level bullets."""
    m, sizes = ctx.ts.body, ctx.ts.brand.sizes
    everything = [p for group in groups for p in group]
    candidates = _body_candidates(sizes.body, sizes.body_min)
    for candidate in candidates:
        fit = lay_out(m, everything, candidate, box, Insets())
        if fit.fits:
            return [TextBlock(box, fit.paragraphs)]
    if overflow == "error":
        ctx.fail(gettext_("the text of this slide does not fit at the brand's minimum size ({size} pt) — shorten it, "
                          "or set 'overflow: continue' to continue on a new slide").format(size=decimal(sizes.body_min)))
        return [TextBlock(box, tuple(everything))]
    if overflow == "shrink":
        return [_shrunk(everything, box, ctx)]
    groups = [part for group in groups for part in _split_tall(group, [sizes.body_min], box, m)]
    slide_count = len(_pack(groups, [sizes.body_min], box, m))
    for candidate in candidates:
        chunks = _pack(groups, candidate, box, m)
        # as few slides as at the minimum, each fitting at this size (a part too tall alone is packed alone too)
        if len(chunks) <= slide_count and all(lay_out(m, c, candidate, box, Insets()).fits for c in chunks):
            break
    blocks = []
    for chunk in chunks:
        fit = lay_out(m, chunk, candidate, box, Insets())
        blocks.append(TextBlock(box, fit.paragraphs) if fit.fits else _shrunk(chunk, box, ctx))
    return blocks


def _body_candidates(body: Sequence[float], smallest: float) -> list[list[float]]:
    return [list(body)] + [[s] for s in size_steps(body[0] - 1, smallest) if s >= smallest]


def _pack(groups: list[list[Paragraph]], sizes: list[float], box: Box, m: Measurer) -> list[list[Paragraph]]:
    """Greedy: as many whole top-level bullets per slide as fit at these sizes."""
    chunks: list[list[Paragraph]] = []
    current: list[Paragraph] = []
    for group in groups:
        trial = current + group
        if not current or lay_out(m, trial, sizes, box, Insets()).fits:
            current = trial
        else:
            chunks.append(current)
            current = list(group)
    chunks.append(current)
    return chunks


def _split_tall(group: list[Paragraph], sizes: list[float], box: Box, m: Measurer) -> list[list[Paragraph]]:
    """A bullet whose sub-bullets make it taller than a slide at these sizes, split between its sub-bullets into
    parts that each fit (a narrow body beside a master's drawing): it continues rather than shrinks."""
    if lay_out(m, group, sizes, box, Insets()).fits:
        return [group]
    parts: list[list[Paragraph]] = [[]]
    for paragraph in group:
        trial = parts[-1] + [paragraph]
        # the bullet's own text (and a lead before it) stays with its first sub-bullet
        if parts[-1] and paragraph.level > 0 and not lay_out(m, trial, sizes, box, Insets()).fits:
            parts.append([paragraph])
        else:
            parts[-1] = trial
    return parts


def _shrunk(paragraphs: list[Paragraph], box: Box, ctx: _Context) -> TextBlock:
    minimum = ctx.ts.brand.sizes.body_min
    for size in size_steps(minimum - 0.5, FLOOR_SIZE, 0.5):
        fit = lay_out(ctx.ts.body, paragraphs, [size], box, Insets())
        if fit.fits or (size == FLOOR_SIZE and fit.fits_height):
            ctx.note(gettext_("text shrunk to {size} pt, below the brand's minimum of {minimum} pt, to fit one slide — "
                              "shorten it or split it into more bullets").format(size=decimal(size),
                                                                                 minimum=decimal(minimum)), "warning")
            return TextBlock(box, fit.paragraphs)
    top_level = [p for p in paragraphs if p.level == 0 and p.marker != "none"]
    if len(paragraphs) == 1:  # a sub-bullet a long bullet was split at, alone on its slide
        top_level = list(paragraphs)
    if len(top_level) == 1:
        ctx.fail(gettext_("the bullet '{bullet}' is too long for one slide even at {size} pt — shorten it or split it "
                          "into several bullets").format(bullet=_clip(top_level[0].text), size=decimal(FLOOR_SIZE)))
    else:
        ctx.fail(gettext_("the text does not fit on one slide even at {size} pt — shorten it, or set 'overflow: "
                          "continue' to continue on new slides").format(size=decimal(FLOOR_SIZE)))
    return TextBlock(box, tuple(paragraphs))


def _clip(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- two columns --------------------------------------------------------------------------------------------

def _two_column(slide: TwoColumnSlide, ctx: _Context) -> PlannedSlide:
    placeholders = ctx.ts.layouts is None or "two" in ctx.ts.layouts
    if not placeholders:  # kkrdeck's own text boxes, not the template's placeholders
        ctx = _drawing(ctx)
    g, sizes = ctx.ts.geometry, ctx.ts.brand.sizes
    columns = []
    for column in (slide.left, slide.right):
        paragraphs = _hung([p for group in bullet_groups(column.bullets, g) for p in group], ctx)
        if column.heading:
            paragraphs.insert(0, Paragraph(column.heading.styled(bold=True)))
        columns.append(paragraphs)
    boxes = (g.left, g.right)
    chosen: list[TextBlock] | None = None
    for candidate in _body_candidates(sizes.body, sizes.body_min):
        fits = [lay_out(ctx.ts.body, p, candidate, b, Insets()) for p, b in zip(columns, boxes)]
        if all(f.fits for f in fits):
            chosen = [TextBlock(b, f.paragraphs) for b, f in zip(boxes, fits)]
            break
    if chosen is None:  # columns too narrow at the brand's minimum (beside a master's drawing): one above the other
        chosen = _stacked(columns, _span(g.left, g.right), ctx)
    if chosen is None:
        chosen = [_shrunk(p, b, ctx) for p, b in zip(columns, boxes)]
        size = min(b.paragraphs[0].size for b in chosen if b.paragraphs)
        chosen = [TextBlock(b, lay_out(ctx.ts.body, p, [size], b, Insets()).paragraphs)
                  for p, b in zip(columns, boxes)]
    title = fit_title(slide.title, g.title, ctx, sizes.title, sizes.title_min)
    if placeholders:
        return PlannedSlide("two", title, "two-column", {"left": chosen[0], "right": chosen[1]})
    # a template without a two-content layout: kkrdeck's own text boxes in the content area of a title-only slide
    shapes = tuple(TextShape("textbox", name, block.box, text=replace(block, colour="tx1"))
                   for name, block in zip(("Left column", "Right column"), chosen))
    return PlannedSlide("title-only", title, "two-column", {}, shapes)


STACK_GAP = inch(0.2)


def _span(left: Box, right: Box) -> Box:
    top, bottom = min(left.y, right.y), max(left.bottom, right.bottom)
    return Box(left.x, top, right.right - left.x, bottom - top)


def _stacked(columns: list[list[Paragraph]], area: Box, ctx: _Context) -> list[TextBlock] | None:
    """The left column above the right one across both columns' width, each as tall as its text, at the largest
    of the brand's sizes at which both fit; None when none does."""
    m, sizes = ctx.ts.body, ctx.ts.brand.sizes
    for candidate in _body_candidates(sizes.body, sizes.body_min):
        upper = lay_out(m, columns[0], candidate, area, Insets())
        if not upper.fits:
            continue
        # as tall as its text measures, with the slack every fit keeps for the renderer
        top = Box(area.x, area.y, area.w, min(area.h, box_height(upper.needed, Insets()) + 1))
        bottom = Box(area.x, top.bottom + STACK_GAP, area.w, area.bottom - top.bottom - STACK_GAP)
        if bottom.h <= 0:
            continue
        lower = lay_out(m, columns[1], candidate, bottom, Insets())
        if lower.fits:
            return [TextBlock(top, lay_out(m, columns[0], candidate, top, Insets()).paragraphs),
                    TextBlock(bottom, lower.paragraphs)]
    return None


# --- drawn shapes: process timeline and statement cards ------------------------------------------------------

def _fit_shapes(texts: list[list[Paragraph]], boxes: list[Box], ctx: _Context, largest: float, insets: Insets,
                what: str, role: str = "body") -> list[tuple[Paragraph, ...]]:
    """One size for every shape of a kind on a slide: the largest at which each text fits its own shape; `what` is
    the kind (a key of SHAPE_MESSAGES), for the warning or error."""
    m = ctx.ts.measurer(role)
    minimum = min(ctx.ts.brand.sizes.body_min, largest)
    for size in size_steps(largest, FLOOR_SIZE, 0.5):
        fits = [lay_out(m, t, [size], b, insets) for t, b in zip(texts, boxes)]
        if all(f.fits for f in fits) or (size == FLOOR_SIZE and all(f.fits_height for f in fits)):
            if size < minimum:
                ctx.note(gettext_(SHAPE_MESSAGES[what][0]).format(size=decimal(size), minimum=decimal(minimum)),
                         "warning")
            return [f.paragraphs for f in fits]
    ctx.fail(gettext_(SHAPE_MESSAGES[what][1]).format(size=decimal(FLOOR_SIZE)))
    return [tuple(t) for t in texts]


def _lead_block(text: Markup | None, ctx: _Context, height: int) -> TextBlock | None:
    if not text:
        return None
    g = ctx.ts.geometry
    box = Box(g.body.x, g.body.y, g.body.w, height)
    return _fit_frame([_lead(text)], box, ctx, [ctx.ts.brand.sizes.body[0]], ctx.ts.brand.sizes.body_min)


# --- image and chart ----------------------------------------------------------------------------------------

SMALLEST_PICTURE = inch(0.75)  # a picture smaller than this each way is not worth showing

def _image(slide: ImageSlide, ctx: _Context, pixels: tuple[int, int]) -> PlannedSlide:
    g, sizes = ctx.ts.geometry, ctx.ts.brand.sizes
    body = g.body
    # a caption the user broke into lines gets a line's height more for each break
    caption_h = inch(0.6) + inch(0.25) * slide.caption.count_breaks() if slide.caption else 0
    area = Box(body.x, body.y, body.w, body.h - caption_h)
    title = fit_title(slide.title, g.title, ctx, sizes.title, sizes.title_min)
    if area.h < SMALLEST_PICTURE or area.w < SMALLEST_PICTURE:
        ctx.fail(gettext_("the template's content area leaves {height} cm for the picture, too little to show it — "
                          "remove the caption, or choose a layout with a taller content area under 'layouts:' in the "
                          "brand file").format(height=centimetres(max(0, area.h))))
        return PlannedSlide("title-only", title, "image", {})
    pw, ph = pixels
    scale = min(area.w / pw, area.h / ph)
    w, h = int(pw * scale), int(ph * scale)
    picture_box = Box(area.x + (area.w - w) // 2, area.y + (area.h - h) // 2, w, h)
    shapes: list[Shape] = [Picture("Picture", picture_box, slide.image, slide.alt, slide.decorative)]
    if slide.caption:
        box = Box(body.x, picture_box.bottom + inch(0.1), body.w, caption_h - inch(0.1))
        paragraph = Paragraph(slide.caption.styled(italic=True), align="ctr")
        fitted = _fit_shapes([[paragraph]], [box], ctx, max(sizes.small + 4, 14), Insets(), "caption")
        shapes.append(TextShape("textbox", "Caption", box,
                                text=TextBlock(box, fitted[0], Insets(), "t", colour="tx1")))
    return PlannedSlide("title-only", title, "image", {}, tuple(shapes))


def _chart(slide: ChartSlide, ctx: _Context, table: DataTable | None, language: str) -> PlannedSlide:
    g, sizes = ctx.ts.geometry, ctx.ts.brand.sizes
    chart = plan_chart(slide, table, g.body, ctx.ts.body, sizes, language, ctx.note)
    title = fit_title(slide.title, g.title, ctx, sizes.title, sizes.title_min)
    return PlannedSlide("title-only", title, "chart", {}, (chart,))
