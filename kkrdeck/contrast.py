"""Colour contrast of the brand's text and background pairs (WCAG 2.x), as PowerPoint's checker would flag it."""

from __future__ import annotations

from kkrdeck.errors import Problem
from kkrdeck.model import Brand

MINIMUM = 4.5  # WCAG AA for normal text


def luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_pairs(brand: Brand) -> list[tuple[str, str, str, str]]:
    """(what, colour key, foreground, background) for every pair kkrdeck sets text in."""
    c = brand.colours
    light = c.light or "#EEF2F5"
    return [("text on background", "text", c.text, c.background),
            ("titles on background", "primary", c.primary, c.background),
            ("text on cards", "text", c.text, light),
            ("title slide text on primary", "background", c.background, c.primary),
            ("section slide text on secondary", "secondary", c.background, c.secondary)]


def contrast_problems(outline) -> list[Problem]:
    brand: Brand = outline.brand
    source = outline.brand_source
    problems = []
    for what, key, fg, bg in text_pairs(brand):
        ratio = contrast_ratio(fg, bg)
        if ratio < MINIMUM:
            where = source.position("colours", key)
            problems.append(Problem(source.filename, *where, f"{what}: contrast {ratio:.2f}:1 ({fg} on {bg}) is "
                                    f"below {MINIMUM}:1 (WCAG AA) — choose a darker or lighter colour", "error"))
    return problems
