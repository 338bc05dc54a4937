"""YAML syntax errors in plain words: a table of small rules, each a test of the parser's error and its sentence."""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Callable

import yaml

from kkrdeck.errors import Problem
from kkrdeck.i18n import N_, _

# The messages in English; translated where they are said, _(TAB_INDENT).
TAB_INDENT = N_("a tab is used for indentation — YAML needs spaces; replace the tab with spaces")
TAB_INSIDE = N_("a tab separates the parts of this line — YAML needs spaces; replace the tab with a space")
INDENT = N_(
    "the indentation does not line up with the lines above — "
    "indent this line exactly as far as the other entries of its block, with spaces"
)
GENERIC = N_(
    "YAML cannot make sense of the text here — "
    "check the quotes, brackets, ':' and indentation on this line and the one above"
)
_FLOW_OPENERS = {"[": "]", "{": "}"}


@dataclass(frozen=True)
class Spot:
    """What a rule sees of one parser error: its words, the line it stopped on, and the mark it names as context.

    The two parsers word their errors differently ("... not allowed here" vs "... in this context"), so rules
    match only phrases common to both and take their hints from the source text itself.
    """

    filename: str
    problem: str  # the parser's words for what went wrong
    context: str  # the parser's words for what it was reading
    line_no: int  # 0-based, as the parser counts
    col: int
    line: str
    context_mark: yaml.Mark | None
    context_line: str

    @property
    def here(self) -> str:
        return self.line[self.col : self.col + 1]

    @property
    def before(self) -> str:
        return self.line[: self.col]

    @property
    def indent(self) -> str:
        return self.line[: len(self.line) - len(self.line.lstrip(" \t"))]

    @property
    def context_char(self) -> str:
        mark = self.context_mark
        return self.context_line[mark.column : mark.column + 1] if mark is not None else ""

    @property
    def previous(self) -> str:
        """The last character before the error that is not a space."""
        return self.before.rstrip(" ")[-1:]

    @property
    def item(self) -> str:
        """The text of the entry the error is in, up to the error, without its '- '."""
        item = self.before.lstrip(" ")
        return item[2:].lstrip(" ") if item.startswith("- ") else item

    def at(self, message: str, line_no: int | None = None, col: int | None = None) -> Problem:
        return Problem(self.filename, (self.line_no if line_no is None else line_no) + 1,
                       (self.col if col is None else col) + 1, message)

    def at_context(self, message: str) -> Problem:
        assert self.context_mark is not None
        return self.at(message, self.context_mark.line, self.context_mark.column)


@dataclass(frozen=True)
class Rule:
    """When the parser's error looks like this, the user is told that."""

    when: Callable[[Spot], bool]
    say: Callable[[Spot], Problem]


def syntax_problem(error: yaml.MarkedYAMLError, lines: list[str], filename: str) -> Problem:
    """One plain-words line for a parser error, pointing where the user has to look; lines: the source's lines."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return Problem(filename, 0, 0, GENERIC)
    ctx = error.context_mark
    spot = Spot(filename, error.problem or "", error.context or "", mark.line, mark.column,
                lines[mark.line] if mark.line < len(lines) else "", ctx,
                lines[ctx.line] if ctx is not None and ctx.line < len(lines) else "")
    rule = next(r for r in RULES if r.when(spot))
    return rule.say(spot)


def cannot_start(char: str, rest: str) -> str:
    example = example_for(rest)
    if example:
        return _("a value cannot start with '{char}' — put the whole text in quotes, e.g. {example}").format(
            char=char, example=example)
    return _("a value cannot start with '{char}' — put the whole text in quotes").format(char=char)


def example_for(value: str) -> str | None:
    """The user's own text (without a trailing comment), quoted so that YAML reads it back unchanged."""
    return quote_for_yaml(value.split(" #", 1)[0] if " #" in value else value)


def quote_for_yaml(value: str) -> str | None:
    """The text in quotes that YAML reads back unchanged; None when that is not simple."""
    value = value.strip()
    if not value or len(value) > 80:
        return None
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return None


def _with_example(message: str, value: str) -> str:
    example = example_for(value)
    return _("{message}, e.g. {example}").format(message=message, example=example) if example else message


# --- what each rule says ---------------------------------------------------------------------------------------

def _bad_escape(s: Spot) -> Problem:
    # The pure parser points after the backslash, libyaml at it; point at the backslash.
    col = s.col - 1 if s.here != "\\" and s.before.endswith("\\") else s.col
    return s.at(_("a backslash (\\) inside double quotes must be written as \\\\ — or put this text in single quotes "
                  "instead"), col=col)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _surrogate_escape(s: Spot) -> Problem:
    """'\\ud83d\\ude00' (JSON's way to spell an emoji) is two halves YAML cannot join; name the escape."""
    found = _SURROGATE_ESCAPE.search(s.line, max(0, s.col - 6))
    col = found.start() if found else s.col
    escape = found.group() if found else "\\uD800"
    return s.at(_("'{escape}' is half of a surrogate pair, which no file can hold — write the character itself, or "
                  "with eight digits for characters beyond U+FFFF, e.g. \\U0001F600 for 😀").format(escape=escape),
                col=col)


def _unclosed_quote(s: Spot) -> Problem:
    quote = s.context_char if s.context_char in ("'", '"') else '"'
    if quote == "'":
        return s.at_context(_("this quote (') is never closed — add the closing ' where the text ends, or, if the ' "
                              "is part of the text, put the whole text in double quotes"))
    return s.at_context(_('this quote (") is never closed — add the closing " where the text ends'))


def _unclosed_bracket(s: Spot) -> Problem:
    opener = s.context_char
    return s.at_context(_("this '{opener}' is never closed — add the matching '{closer}', or, if the "
                          "'{opener}' is part of the text, put the whole text in quotes").format(
        opener=opener, closer=_FLOW_OPENERS[opener]))


def _bad_alias(s: Spot) -> Problem:
    assert s.context_mark is not None
    return s.at_context(cannot_start(s.context_char, s.context_line[s.context_mark.column:]))


def _colon_in_value(s: Spot) -> Problem:
    value = s.item.split(": ", 1)[1] + s.line[s.col:]
    return s.at(_with_example(_("a ':' inside a value confuses YAML — put the whole text in quotes"), value))


def _text_after_brackets(s: Spot) -> Problem:
    value = s.line[len(s.before) - len(s.before.lstrip(" ")):]
    if ": " in value:
        value = value.split(": ", 1)[1].lstrip(" ")
    opener = "{" if value.startswith("{") else "["
    if opener == "{":
        return s.at(_with_example(_("a value that starts with '{' is read as a block of keys — put the whole text in "
                                    "quotes"), value))
    return s.at(_with_example(_("a value that starts with '[' is read as a list — put the whole text in quotes"),
                              value))


def _block_ended(s: Spot) -> bool:
    return "expected <block end>" in s.problem or "expected key" in s.problem or "'-' indicator" in s.problem


def _mapping_value(s: Spot) -> bool:
    return "mapping values are not allowed" in s.problem


# Tried in order; the first whose test holds gives the message. The last one always holds.
RULES: tuple[Rule, ...] = (
    Rule(lambda s: "\t" in s.indent, lambda s: s.at(_(TAB_INDENT), col=s.indent.index("\t"))),
    Rule(lambda s: s.here == "\t", lambda s: s.at(_(TAB_INSIDE))),
    Rule(lambda s: "cannot start any token" in s.problem and bool(s.here),
         lambda s: s.at(cannot_start(s.here, s.line[s.col:]))),
    Rule(lambda s: "quoted scalar" in s.context and "escape" in s.problem and
         bool(_SURROGATE_ESCAPE.search(s.line, max(0, s.col - 6))), _surrogate_escape),
    Rule(lambda s: "quoted scalar" in s.context and s.context_mark is not None and "escape" in s.problem,
         _bad_escape),
    Rule(lambda s: "quoted scalar" in s.context and s.context_mark is not None, _unclosed_quote),
    Rule(lambda s: ("flow sequence" in s.context or "flow mapping" in s.context) and s.context_mark is not None
         and s.context_char in _FLOW_OPENERS and "',' or" in s.problem, _unclosed_bracket),
    Rule(lambda s: ("scanning an alias" in s.context or "scanning an anchor" in s.context)
         and s.context_mark is not None and bool(s.context_char),
         _bad_alias),
    Rule(lambda s: "block scalar" in s.context and ("line break" in s.problem or "indicator" in s.problem),
         lambda s: s.at(_("after '|' or '>' the text must start on the next line — move it to a new, indented line"))),
    Rule(lambda s: _mapping_value(s) and ": " in s.item, _colon_in_value),
    Rule(_mapping_value, lambda s: s.at(_(INDENT))),
    Rule(lambda s: "could not find expected ':'" in s.problem and s.context_mark is not None,
         lambda s: s.at_context(_("this line has no ':' — write it as 'key: value', or indent it further if it "
                                  "continues the text above"))),
    Rule(lambda s: "node content" in s.problem and s.here == ",",
         lambda s: s.at(_("an entry is missing before this ',' — remove the extra ',' or put the whole text in "
                          "quotes"))),
    Rule(lambda s: "node content" in s.problem and s.here in ("]", "}"),
         lambda s: s.at(cannot_start(s.here, s.line[s.col:]))),
    Rule(lambda s: _block_ended(s) and s.previous == '"',
         lambda s: s.at(_("there is more text after the closing quote — put the whole text inside the quotes"))),
    Rule(lambda s: _block_ended(s) and s.previous == "'",
         lambda s: s.at(_("there is more text after the closing quote — put the whole text inside the quotes; "
                          "inside '...' write an apostrophe as two ('')"))),
    Rule(lambda s: _block_ended(s) and s.previous in ("]", "}"), _text_after_brackets),
    Rule(lambda s: _block_ended(s) and s.here == ":",
         lambda s: s.at(_("a key is missing before this ':' — write it as 'key: value'"))),
    Rule(lambda s: _block_ended(s) and s.here == "-",
         lambda s: s.at(_("a list item ('- ') cannot start here — indent it under the key it belongs to, or line it "
                          "up with the other items"))),
    Rule(_block_ended, lambda s: s.at(_(INDENT))),
    Rule(lambda s: True, lambda s: s.at(_(GENERIC))),
)
