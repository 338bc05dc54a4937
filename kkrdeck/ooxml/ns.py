"""Text and attribute values for XML written as text (what xml.sax.saxutils does, without its 40 ms of imports)."""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                       "\t": "&#9;"})


def escape(text: str) -> str:
    """&, < and > escaped, for element text."""
    return text.translate(_TEXT)


def quoteattr(text: str) -> str:
    """A double-quoted attribute value, quotes and white space escaped so a parser reads back the same text."""
    return f'"{text.translate(_ATTR)}"'
