"""The deck's type scale: titles of one title box share a size, the cover's is the largest, an outlier shrinks alone."""

from __future__ import annotations

from kkrdeck.design.geometry import Box, Insets, inch
from kkrdeck.outline.inline import Run
from kkrdeck.outline.resources import FALLBACK_FACES
from kkrdeck.plan.data import PlannedSlide
from kkrdeck.plan.textfit import Measurer
from kkrdeck.plan.typescale import TitleScale, provisional, scale_titles

M = Measurer(FALLBACK_FACES)
TITLE = Box(inch(0.6), inch(0.35), inch(7), inch(1.15))
COVER = Box(inch(0.7), inch(1.5), inch(7), inch(2.7))
SCALES = {0: TitleScale(36, 28), 1: TitleScale(40, 28), 2: TitleScale(44, 28)}


def _slide(text: str, layout: str = "content", box: Box = TITLE) -> PlannedSlide:
    return PlannedSlide(layout, provisional((Run(text, bold=True),), 36, box, Insets(), "b", M), "bullets")  # type: ignore[arg-type]


def _sizes(slides) -> list[float]:
    return [s.title.paragraphs[0].size for s in slides]


def test_titles_of_one_title_box_share_the_largest_size_at_which_all_fit() -> None:
    long = "Tema 1: KKR som politisk koordinations- og mødeforum"
    outcome = scale_titles([_slide("Baggrund"), _slide(long), _slide("Proces")], SCALES, M)
    sizes = _sizes(outcome.slides)
    assert len(set(sizes)) == 1 and 28 <= sizes[0] < 36  # the long one needs two lines below 36 pt
    assert len(outcome.slides[1].title.paragraphs[0].lines) == 2  # two lines before a smaller size
    assert outcome.warnings == ()
    alone = scale_titles([_slide("Baggrund"), _slide("Proces")], SCALES, M)
    assert _sizes(alone.slides) == [36, 36]


def test_the_cover_title_is_the_largest_and_a_section_title_larger_than_content_titles() -> None:
    slides = [_slide("KKR", "cover", COVER), _slide("Afsnit", "section", COVER), _slide("Baggrund")]
    scales = {0: TitleScale(44, 28), 1: TitleScale(44, 28), 2: TitleScale(44, 28)}
    cover, section, content = _sizes(scale_titles(slides, scales, M).slides)
    assert cover > section > content >= 28
    assert (cover, section, content) == (44, 42, 40)


def test_a_title_that_would_take_the_others_below_the_minimum_shrinks_alone_with_a_warning() -> None:
    outlier = ("Udsagn, der kendetegner KKR i dag og fremadrettet, og hvad kommunerne i alle fem regioner mener "
               "om det hele")
    outcome = scale_titles([_slide("Baggrund"), _slide(outlier), _slide("Proces")], SCALES, M)
    first, small, last = _sizes(outcome.slides)
    assert first == last == 36 and small < 28
    assert outcome.warnings == ((1, f"the title '{outlier}' is too long for the title box; it is set at {small:g} "
                                    "pt, below the brand's 28 pt — shorten it"),)


def test_continued_slides_share_their_titles_size() -> None:
    base = "Tema 2: Relationen mellem KKR og kommunalbestyrelserne i regionen"
    slides = [_slide(f"{base} (I)"), _slide(f"{base} (II)"), _slide(f"{base} (III)")]
    sizes = _sizes(scale_titles(slides, {**SCALES, 0: TitleScale(36, 12)}, M).slides)
    assert len(set(sizes)) == 1


def test_a_title_box_grows_into_the_free_space_below_it_for_a_second_line() -> None:
    short_box = Box(TITLE.x, TITLE.y, TITLE.w, inch(0.6))
    long = "Tema 1: KKR som politisk koordinations- og mødeforum"
    tight = scale_titles([_slide(long, box=short_box)], {**SCALES, 0: TitleScale(36, 28)}, M)
    roomy = scale_titles([_slide(long, box=short_box)], {**SCALES, 0: TitleScale(36, 28, inch(0.6))}, M)
    assert tight.warnings and not roomy.warnings
    assert roomy.slides[0].title.box.h == inch(1.2) and len(roomy.slides[0].title.paragraphs[0].lines) == 2


def test_a_title_of_four_written_lines_is_set_small_with_a_warning_rather_than_refused() -> None:
    """A title with line breaks of its own (a licence note imported from LibreOffice's Vintage sample) takes more
    than two lines once it shrinks below the brand's minimum."""
    four = "\n".join(["This work is licensed under", "a Creative Commons License.", "It makes use of the works",
                      "of Kelly and Nick."])
    outcome = scale_titles([_slide("Baggrund"), _slide(four, box=Box(TITLE.x, TITLE.y, TITLE.w, inch(1.4)))],
                           SCALES, M)
    assert outcome.errors == ()
    assert len(outcome.slides[1].title.paragraphs[0].lines) == 4
    assert outcome.warnings[0][0] == 1 and "is too long for the title box" in outcome.warnings[0][1]
    assert _sizes(outcome.slides)[0] == 36  # the other title keeps its size
