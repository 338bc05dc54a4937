"""The title slide planned: subtitle, organisation and date each where the template has room, smaller only then."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from kkrdeck.design.geometry import EMU_PER_PT, Box, CoverRoom, Geometry, Insets, inch
from kkrdeck.i18n import gettext_
from kkrdeck.outline.inline import Run
from kkrdeck.outline.model import Deck, TitleSlide
from kkrdeck.plan.danish import date_forms
from kkrdeck.plan.data import Anchor, PlaceholderRole, PlannedSlide, Shape, TextBlock, TextShape
from kkrdeck.plan.textfit import Paragraph, lay_out, size_steps

if TYPE_CHECKING:
    from kkrdeck.plan.planner import _Context

SUBTITLE = 22.0  # the subtitle's size, and the organisation's and date's under it
UNDER = 18.0
SMALLEST = 16.0  # below this the cover's text is small for a title slide: said so
FLOOR = 12.0
LAST = 8.0  # the cover is never refused: below the floor (with a warning) before that
GAP = inch(0.1)  # between the subtitle and the text box under it


def plan_cover(slide: TitleSlide, deck: Deck, ctx: _Context) -> PlannedSlide:
    from kkrdeck.plan.planner import fit_title

    g, sizes = ctx.ts.geometry, ctx.ts.brand.sizes
    title = fit_title(slide.title, g.cover_title, ctx, sizes.title + 8, sizes.title_min)
    room = g.cover_room or _built_in_room(g)
    placeholders: dict[PlaceholderRole, TextBlock] = {}
    rest: list[Paragraph] = []  # what the footer and date placeholders cannot take, to go under the subtitle
    wanted: list[tuple[PlaceholderRole, list[tuple[Run, ...]], Box | None]] = []
    organisation = slide.organisation or deck.organisation
    if organisation:
        wanted.append(("footer", [organisation.runs], room.footer))
    day = slide.date or deck.date
    if day:  # the full form before shorter ones; a title slide's date keeps its year
        wanted.append(("date", [(Run(f),) for f in date_forms(day) if str(day.year) in f], room.date))
    found = {role: _in_chrome(texts, box, room, ctx) for role, texts, box in wanted}
    shared = min((size for size, _ in filter(None, found.values())), default=0.0)  # one size for the footer row
    for role, texts, box in wanted:
        if found[role] is not None and box is not None:
            fit = lay_out(ctx.ts.body, [Paragraph(found[role][1])], [shared], box, Insets())
            placeholders[role] = TextBlock(box, fit.paragraphs, Insets(), _anchor(room.chrome_anchor))
        else:
            rest.append(Paragraph(texts[0]))
    subtitle = Paragraph(slide.subtitle.runs) if slide.subtitle else None
    shapes: tuple[Shape, ...] = ()
    if subtitle is not None or rest:
        blocks, under = _subtitle_and_rest(subtitle, rest, g.cover_subtitle, room, ctx)
        placeholders.update(blocks)
        if under is not None:
            shapes = (TextShape("textbox", "Organisation and date", under.box, text=under),)
    return PlannedSlide("cover", title, "title", placeholders, shapes)


def _built_in_room(g: Geometry) -> CoverRoom:
    """The built-in title slide: the subtitle's column down to the footer row (or the slide's bottom margin)."""
    box = g.cover_subtitle
    bottom = g.height - inch(0.4)
    if box.bottom <= g.footer.y < bottom:
        bottom = g.footer.y - inch(0.05)
    return CoverRoom(below=Box(box.x, box.bottom, box.w, bottom - box.bottom) if bottom > box.bottom else None)


def _in_chrome(texts: list[tuple[Run, ...]], box: Box | None, room: CoverRoom,
               ctx: _Context) -> tuple[float, tuple[Run, ...]] | None:
    """The largest size and the first text (the full form before shorter ones) that fits the placeholder at the
    template's footer size or less, not below the floor; None when there is no such placeholder or nothing fits."""
    if box is None:
        return None
    for runs in texts:
        for size in size_steps(min(max(room.chrome_size, FLOOR), UNDER), FLOOR):
            if lay_out(ctx.ts.body, [Paragraph(runs)], [size], box, Insets()).fits:
                return size, runs
    return None


def _anchor(value: str) -> Anchor:
    return "ctr" if value == "ctr" else "b" if value == "b" else "t"


Placed = tuple[dict[PlaceholderRole, TextBlock], TextBlock | None]  # placeholders' text, the text box under them


def _subtitle_and_rest(subtitle: Paragraph | None, rest: list[Paragraph], box: Box, room: CoverRoom,
                       ctx: _Context) -> Placed:
    """In order: everything in the subtitle placeholder; the subtitle and the rest in the layout's two text
    placeholders, top to bottom; the subtitle in its placeholder and the rest in a text box in the free space
    under it; everything in the placeholder grown into that space; the same smaller; below the floor."""
    m = ctx.ts.body
    together = ([subtitle] if subtitle is not None else []) + rest
    below = room.below
    grown = Box(box.x, box.y, box.w, max(box.h, below.bottom - box.y)) if below is not None else box
    under_box = Box(below.x, below.y + GAP, below.w, below.h - GAP) if below is not None else None
    aligned = [Paragraph(p.runs, align=room.align) for p in rest]  # a text box does not inherit the alignment

    def whole(sizes: Sequence[float], where: Box) -> Placed | None:
        fit = lay_out(m, together, sizes, where, Insets())
        return ({"subtitle": TextBlock(where, fit.paragraphs, Insets(), "t")}, None) if fit.fits else None

    def split(size: float) -> Placed | None:
        if subtitle is None or not rest or under_box is None or under_box.h <= 0:
            return None
        top = lay_out(m, [subtitle], [size], box, Insets())
        low = lay_out(m, aligned, [min(size, UNDER)], under_box, Insets())
        if not (top.fits and low.fits):
            return None
        height = int(low.height * EMU_PER_PT) + Insets().top + Insets().bottom + EMU_PER_PT  # it hugs its text
        under = Box(under_box.x, under_box.y, under_box.w, min(under_box.h, height))
        return ({"subtitle": TextBlock(box, top.paragraphs, Insets(), "t")},
                TextBlock(under, low.paragraphs, Insets(), "t", colour="tx1"))

    def two(size: float) -> Placed | None:
        """The subtitle in the upper of the layout's two text placeholders, organisation and date in the lower."""
        if subtitle is None or not rest or room.second is None:
            return None
        roles: list[tuple[PlaceholderRole, Box]] = [("subtitle", box), ("second", room.second)]
        (upper_role, upper), (lower_role, lower) = sorted(roles, key=lambda r: (r[1].y, r[1].x))
        top = lay_out(m, [subtitle], [size], upper, Insets())
        low = lay_out(m, rest, [min(size, UNDER)], lower, Insets())
        if not (top.fits and low.fits):
            return None
        return {upper_role: TextBlock(upper, top.paragraphs, Insets(), "t"),
                lower_role: TextBlock(lower, low.paragraphs, Insets(), "t")}, None

    ladder = [[SUBTITLE, UNDER]] + [[s] for s in size_steps(SUBTITLE - 1, SMALLEST)]
    found = whole(ladder[0], box)
    for size in size_steps(SUBTITLE, SMALLEST):
        found = found or two(size)
    for size in size_steps(SUBTITLE, SMALLEST):
        found = found or split(size)
    for where in (box, grown):
        for sizes in ladder:
            found = found or whole(sizes, where)
    if found is not None:
        return found
    for size in size_steps(SMALLEST - 1, FLOOR):
        found = two(size) or split(size) or whole([size], grown)
        if found is not None:
            ctx.note(gettext_("text set at {size} pt, below the brand's {smallest} pt — shorten it").format(
                size=f"{size:g}", smallest=f"{SMALLEST:g}"), "warning")
            return found
    for size in size_steps(FLOOR - 1, LAST):
        found = whole([size], grown)
        if found is not None or size == LAST:
            ctx.note(gettext_("the title slide's text does not fit even at {floor} pt, so it is set at {size} pt — "
                              "shorten the subtitle").format(floor=f"{FLOOR:g}", size=f"{size:g}"), "warning")
            fit = lay_out(m, together, [size], grown, Insets())
            return {"subtitle": TextBlock(grown, fit.paragraphs, Insets(), "t")}, None
    raise AssertionError("unreachable: the last size always returns")

