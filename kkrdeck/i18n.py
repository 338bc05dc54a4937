"""The language kkrdeck speaks to people: gettext catalogs in kkrdeck/locale, Danish for a Danish locale."""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "kkrdeck"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("da", "en")

_current: gettext.NullTranslations | None = None


def language() -> str:
    """'da' or 'en': KKRDECK_LANG when it names one, else the first language gettext's own order finds."""
    forced = os.environ.get("KKRDECK_LANG", "").strip().lower()
    if forced in LANGUAGES:
        return forced
    # gettext's own order: the first of these that is set decides; LANGUAGE may list several ("sv:da:en")
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            for name in value.split(":"):
                if name.lower().startswith("da"):
                    return "da"
                if name in ("C", "POSIX") or name.lower().startswith("en"):
                    return "en"
            return "en"
    return "en"


def translations() -> gettext.NullTranslations:
    """The catalog for language(), read once at first use (reset() makes the next use decide again)."""
    global _current
    if _current is None:
        lang = language()
        # English is the source language: its catalog is the messages themselves
        _current = (gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang]) if lang != "en"
                    else gettext.NullTranslations())
    return _current


def reset() -> None:
    """Forget the language chosen, so the next message follows the environment as it is now (for tests)."""
    global _current
    _current = None


def _(message: str) -> str:
    """The message in the user's language."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for n, in the user's language ('1 advarsel', '3 advarsler')."""
    return translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The message in the user's language, where the same English word needs different Danish by context."""
    return translations().pgettext(context, message)


def number(n: int) -> str:
    """A whole number with thousands grouped the user's way: 1,000 in English, 1.000 in Danish."""
    grouped = f"{n:,}"
    return grouped.replace(",", ".") if language_of_catalog() == "da" else grouped


def language_of_catalog() -> str:
    """The language of the catalog in use ('en' when none is)."""
    return translations().info().get("language", "en") or "en"


def ngettext_noop(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular/plural pair for the catalog without translating it."""
    return singular, plural


def N_(message: str) -> str:
    """Marks a message for the catalog without translating it yet (module constants, translated where used)."""
    return message


gettext_ = _  # for modules that already use '_' for something else
