"""Danish conventions: dates written the Danish way and Roman numerals for continued slides."""

from __future__ import annotations

import datetime as dt

from kkrdeck.outline.inline import Markup

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")
SHORT_MONTHS = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")


def long_date(day: dt.date) -> str:
    """17. august 2017"""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def date_span(first: dt.date, last: dt.date | None = None) -> str:
    """One day in full; a span shortened the way Danish print does it: 31. aug.–1. sep. 2017."""
    if last is None or last == first:
        return long_date(first)
    if first.year == last.year and first.month == last.month:
        return f"{first.day}.–{last.day}. {MONTHS[first.month - 1]} {first.year}"
    left = f"{first.day}. {SHORT_MONTHS[first.month - 1]}"
    if first.year != last.year:
        left += f" {first.year}"
    return f"{left}–{last.day}. {SHORT_MONTHS[last.month - 1]} {last.year}"


def roman(number: int) -> str:
    """1 → I, 4 → IV, 14 → XIV."""
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


def date_forms(first: dt.date, last: dt.date | None = None) -> tuple[str, ...]:
    """The ways to write a day or span, longest first: the full form, abbreviated months, no year, digits only.

    kkrdeck writes the dates of a timeline itself, so where they do not fit it shortens them itself."""
    full = date_span(first, last)
    if last is None or last == first:
        forms = [full, f"{first.day}. {SHORT_MONTHS[first.month - 1]} {first.year}",
                 f"{first.day}. {SHORT_MONTHS[first.month - 1]}", f"{first.day}.{first.month}."]
    elif first.year == last.year and first.month == last.month:
        month = SHORT_MONTHS[first.month - 1]
        forms = [full, f"{first.day}.–{last.day}. {month} {first.year}", f"{first.day}.–{last.day}. {month}",
                 f"{first.day}.–{last.day}.{first.month}."]
    else:
        forms = [full, f"{first.day}. {SHORT_MONTHS[first.month - 1]}–{last.day}. {SHORT_MONTHS[last.month - 1]}",
                 f"{first.day}.{first.month}.–{last.day}.{last.month}."]
    return tuple(dict.fromkeys(forms))


def continuation_marks(total: int) -> str:
    """'(I), (II), (III)': how a notice lists the slides a slide continues on."""
    return ", ".join(f"({roman(n)})" for n in range(1, total + 1))


def continued_title(title: Markup, number: int, total: int) -> Markup:
    """The title of part `number` of `total`: numbered '(I)', '(II)' when there is more than one part."""
    return title.followed_by(f" ({roman(number)})") if total > 1 else title
