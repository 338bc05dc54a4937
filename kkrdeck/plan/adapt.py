"""What the drawn slide kinds share while they adapt to a template: one size that fits every shape, and chunking."""

from __future__ import annotations

from typing import Callable, Sequence, TypeVar

from kkrdeck.design.geometry import Box, Insets
from kkrdeck.plan.textfit import Measurer, Paragraph, lay_out, size_steps

T = TypeVar("T")
STEP = 0.5  # pt between the sizes tried for drawn shapes


def fitting_size(m: Measurer, texts: Sequence[Sequence[Paragraph]], boxes: Sequence[Box], largest: float,
                 smallest: float, insets: Insets = Insets()) -> tuple[float, list[tuple[Paragraph, ...]]] | None:
    """The largest size from `largest` down to `smallest` at which every text fits its own box whole (no word
    split), with the laid-out paragraphs; None when there is none."""
    for size in size_steps(largest, smallest, STEP):
        fits = [lay_out(m, t, [size], b, insets) for t, b in zip(texts, boxes)]
        if all(f.fits for f in fits):
            return size, [f.paragraphs for f in fits]
    return None


def squeezed(m: Measurer, texts: Sequence[Sequence[Paragraph]], boxes: Sequence[Box], largest: float,
             floor: float, insets: Insets = Insets()) -> tuple[float, list[tuple[Paragraph, ...]]] | None:
    """Like fitting_size down to `floor`, and at `floor` a word may be split as long as the height fits."""
    found = fitting_size(m, texts, boxes, largest, floor, insets)
    if found is not None:
        return found
    fits = [lay_out(m, t, [floor], b, insets) for t, b in zip(texts, boxes)]
    if all(f.fits_height for f in fits):
        return floor, [f.paragraphs for f in fits]
    return None


def balanced(items: Sequence[T], count: int) -> list[list[T]]:
    """`items` in `count` consecutive runs whose lengths differ by at most one, the longer runs first."""
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return out


def chunks(items: Sequence[T], fits: Callable[[Sequence[T]], bool], smallest: int = 1) -> list[list[T]]:
    """Greedy runs of consecutive items, each as long as `fits` allows (at least `smallest`, so it always ends);
    as many runs of even length when they fit too (6 statements on three slides: 2 + 2 + 2, not 3 + 2 + 1), else
    the last two runs are balanced so the last slide is not left with a single item."""
    out: list[list[T]] = []
    start = 0
    while start < len(items):
        end = start + smallest
        while end < len(items) and fits(items[start:end + 1]):
            end += 1
        out.append(list(items[start:end]))
        start = end
    even = balanced(items, len(out))
    if len(out) >= 2 and even != out and min(len(run) for run in even) >= smallest and all(fits(run) for run in even):
        return even
    if len(out) >= 2 and len(out[-1]) == 1 and len(out[-2]) > 2 and fits(out[-2][-1:] + out[-1]):
        out[-1].insert(0, out[-2].pop())
    return out
