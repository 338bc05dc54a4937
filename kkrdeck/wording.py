"""How kkrdeck words things for people: a count with its noun in the singular or plural, numbers the user's way."""

from __future__ import annotations

EMU_PER_CM = 360000


def count(n: int, noun: str) -> str:
    """'1 slide', '3 slides': English plurals by 's' (every noun kkrdeck counts takes one)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def decimal(value: float, spec: str = "g") -> str:
    """A number formatted by `spec` with the user's decimal mark: '26.5' in English, '26,5' in Danish (thousands
    grouped with ',' in English become '.' in Danish). For sizes, ratios and megabytes inside messages."""
    from kkrdeck.i18n import language_of_catalog

    text = format(value, spec)
    if language_of_catalog() != "da":
        return text
    return text.translate(str.maketrans({".": ",", ",": "."}))


def centimetres(emu: int, spec: str = ".1f") -> str:
    """A length in EMU as centimetres with the user's decimal mark, without the unit: '9.0' / '9,0'."""
    return decimal(emu / EMU_PER_CM, spec)
