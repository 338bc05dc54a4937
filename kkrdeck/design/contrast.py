"""Colour contrast of the brand's text and background pairs (WCAG 2.x), as PowerPoint's checker would flag it."""

from __future__ import annotations

from functools import lru_cache

from kkrdeck.errors import Problem
from kkrdeck.i18n import N_, _
from kkrdeck.outline.model import Brand
from kkrdeck.wording import decimal

MINIMUM = 4.5  # WCAG AA for normal text
NON_TEXT = 3.0  # WCAG AA for the parts of a graphic needed to understand it (1.4.11): a list's bullets


@lru_cache(maxsize=1 << 16)  # a photo behind a box brings thousands of colours, each measured many times
def luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_pairs(brand: Brand) -> list[tuple[str, tuple[str, ...], str, str]]:
    """(what, the colour keys it is made of, foreground, background) for every pair kkrdeck sets text in."""
    c = brand.colours
    light = c.light or "#EEF2F5"
    # the first of each: words for messages, marked here and translated where shown
    return [(N_("text on the background"), ("text", "background"), c.text, c.background),
            (N_("titles on the background"), ("primary", "background"), c.primary, c.background),
            (N_("text on cards"), ("text", "light") if c.light else ("text",), c.text, light),
            (N_("title slide text on 'primary'"), ("primary", "background"), c.background, c.primary),
            (N_("section slide text on 'secondary'"), ("secondary", "background"), c.background, c.secondary)]


def contrast_problems(source) -> list[Problem]:
    """Every pair below WCAG AA, as an error at the colour to change; `source`: the brand's Located, or an Outline."""
    source = getattr(source, "brand_source", source)
    brand: Brand = source.model
    problems = []
    for what, keys, fg, bg in text_pairs(brand):
        ratio = contrast_ratio(fg, bg)
        if ratio < MINIMUM:
            key, direction = _best_fix(brand, keys, fg, bg)
            where = source.position("colours", key)
            message = {"darker": _DARKER, "lighter": _LIGHTER}[direction]
            message = _(message)
            problems.append(Problem(source.filename, *where, message.format(
                what=_(what), ratio=_ratio(ratio), fg=fg, bg=bg, minimum=decimal(MINIMUM), key=key), "error"))
    return problems


_DARKER = N_("{what}: contrast {ratio}:1 ({fg} on {bg}) is below {minimum}:1 (WCAG AA), too faint to read for "
             "many — make '{key}' darker")
_LIGHTER = N_("{what}: contrast {ratio}:1 ({fg} on {bg}) is below {minimum}:1 (WCAG AA), too faint to read for "
              "many — make '{key}' lighter")


def _best_fix(brand: Brand, keys: tuple[str, ...], fg: str, bg: str) -> tuple[str, str]:
    """The colour of the pair whose change can gain the most: moved as far as it goes (to black or white)."""
    best: tuple[float, str, str] | None = None
    for key in keys:
        mine = getattr(brand.colours, key)
        other = bg if mine == fg else fg
        darker = luminance(mine) <= luminance(other)
        reach = contrast_ratio("#000000" if darker else "#FFFFFF", other)
        if best is None or reach > best[0]:
            best = (reach, key, "darker" if darker else "lighter")
    assert best is not None
    return best[1], best[2]


def _ratio(ratio: float) -> str:
    # Truncated, not rounded: 4.496 must not print as 4.50 while being reported below 4.5.
    return decimal(int(ratio * 100) / 100, ".2f")
