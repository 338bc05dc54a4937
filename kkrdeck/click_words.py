"""click's own words ("Usage:", "Error: …") in the user's language: its messages in kkrdeck's catalog, bound at start."""

from __future__ import annotations

import importlib
import types

from kkrdeck import i18n
from kkrdeck.i18n import N_

# click's messages as its source spells them (tests/test_click_words.py checks each against the installed click):
# the ones kkrdeck's commands can show. A click message not listed here stays English.
CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Show this message and exit."), N_("Show the version and exit."),
    N_("Error: {message}"), N_("Try '{command} {option}' for help."), N_("No such command {name!r}."),
    N_("No such option {name!r}."), N_("Missing argument"), N_("Missing option"), N_("Missing parameter"),
    N_("%(prog)s, version %(version)s"), N_("Aborted!"),
)
CLICK_PLURALS = (
    i18n.ngettext_noop("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
)
_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def bind() -> None:
    """click's modules call gettext's gettext/ngettext (domain 'messages'); point them at kkrdeck's catalog."""
    for name in _MODULES:
        module: types.ModuleType = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = i18n._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]
