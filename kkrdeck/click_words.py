"""click's own words ("Usage:", "Error: …") in the user's language: its messages in kkrdeck's catalog, bound at start."""

from __future__ import annotations

import importlib
import inspect
import types

import click

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


class _HelpInTheUsersLanguage:
    """Help texts are English msgids (marked with N_) fixed at import; translated each time help is shown."""

    help: str | None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        texts = [(self, self.help)] + [(p, p.help) for p in self.get_params(ctx)  # type: ignore[attr-defined]
                                       if isinstance(p, click.Option)]
        try:
            for holder, text in texts:
                if text:
                    holder.help = i18n._(inspect.cleandoc(text))
            super().format_help(ctx, formatter)  # type: ignore[misc]
        finally:
            for holder, text in texts:
                holder.help = text

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:  # click makes it once, in the language of that moment: follow the language now
            option.help = i18n._("Show this message and exit.")
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        english = self.help
        try:
            if english:
                self.help = i18n._(inspect.cleandoc(english))
            return super().get_short_help_str(limit)  # type: ignore[misc]
        finally:
            self.help = english


class Command(_HelpInTheUsersLanguage, click.Command):
    """A click command whose help, and its options' help, speak the user's language."""


class Group(_HelpInTheUsersLanguage, click.Group):
    """A click group whose help speaks the user's language, as do the commands it makes."""

    command_class = Command
