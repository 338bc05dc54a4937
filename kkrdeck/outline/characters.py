"""The characters deck text may hold: line breaks, characters an XML file cannot carry, and text nobody can see."""

from __future__ import annotations

import re
import unicodedata

from kkrdeck.i18n import _

# Every way a user or an editor writes a line break; inside kkrdeck a break is always "\n".
LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
# XML 1.0 cannot carry these at all (not even as &#1;), so a file holding one cannot be opened; lone
# surrogates cannot even be written as UTF-8. Tab, line feed and carriage return are allowed.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Unicode gives the C0 controls no names, only aliases; these are the names people look up.
_CONTROL_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE",
    "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN",
    "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL",
    "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE")
# Letters and symbols that are drawn as nothing (Hangul fillers, the blank Braille pattern): a title of them is
# as invisible as one of spaces.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_BLANK_CATEGORIES = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf"))


def normalise_breaks(text: str) -> str:
    """Every line break written as "\\n" (CR LF, CR, U+2028, U+2029 and U+0085 are breaks too)."""
    return LINE_BREAKS.sub("\n", text) if LINE_BREAKS.search(text) else text


def not_in_xml(text: str) -> tuple[int, str] | None:
    """The first character of `text` that XML cannot carry, as (1-based position, character), or None."""
    m = NOT_IN_XML.search(text)
    return (m.start() + 1, m.group()) if m else None


def char_name(c: str) -> str:
    """'U+0001 (START OF HEADING)': the code point and its Unicode name, as a user can look it up."""
    code = ord(c)
    if code < 0x20:
        name = _CONTROL_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    elif 0xD800 <= code <= 0xDFFF:
        name = _("half of a surrogate pair, without its other half")
    elif code in (0xFFFE, 0xFFFF):
        name = _("a noncharacter")
    else:
        name = unicodedata.name(c, "") or unicodedata.category(c)
    return f"U+{code:04X} ({name})"


def is_blank_char(c: str) -> bool:
    """A character that draws nothing: spaces of every width, zero-width and format characters, fillers."""
    return unicodedata.category(c) in _BLANK_CATEGORIES or c in _BLANK_LETTERS or \
        "\ufe00" <= c <= "\ufe0f"  # variation selectors, which change a neighbour but show nothing alone


def is_blank(text: str) -> bool:
    """Text that is there but shows nothing at all ('   ', a no-break space, U+200B)."""
    return bool(text) and all(is_blank_char(c) for c in text)


def invisible_names(text: str, most: int = 3) -> str:
    """The kinds of invisible character a blank text holds, named: 'U+00A0 (NO-BREAK SPACE)'."""
    found = [c for c in dict.fromkeys(text) if c != " "]
    names = [char_name(c) for c in found[:most]]
    return ", ".join(names) + (" …" if len(found) > most else "")
