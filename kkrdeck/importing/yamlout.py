"""The imported outline written as readable YAML: block style, one blank line between slides, quotes only where needed."""

from __future__ import annotations

import re

import yaml

from kkrdeck.i18n import _
from kkrdeck.importing.mapping import Imported

SCHEMA_LINE = "# yaml-language-server: $schema=kkrdeck.schema.json"
# Keys whose values are dates: written plain (kkrdeck reads every scalar as text), as the repo's own deck.yaml does.
_DATE_KEYS = {"date", "until"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPECIAL_START = set("-?:,[]{}#&*!|>'\"%@`~ ")


def outline_yaml(imported: Imported, source_name: str) -> str:
    lines = [SCHEMA_LINE, _("# Imported from {source} by kkrdeck import. Build it with: kkrdeck build deck.yaml").format(
        source=_comment(source_name))]
    for key, value in imported.header.items():
        lines += _emit(key, value, 0)
    lines += ["", "slides:"]
    for n, entry in enumerate(imported.entries):
        if n:
            lines.append("")
        lines += [f"  # {_comment(c)}" for c in entry.comments]
        first = True
        for key, value in entry.data.items():
            for line in _emit(key, value, 4):
                lines.append(("  - " + line[4:]) if first else line)
                first = False
    return "\n".join(lines) + "\n"


def _emit(key: str, value, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        out = [f"{pad}{key}:"]
        for k, v in value.items():
            out += _emit(k, v, indent + 2)
        return out
    if isinstance(value, list):
        if key in ("columns", "categories", "values"):
            return [f"{pad}{key}: {_flow(value)}"]
        out = [f"{pad}{key}:"]
        for item in value:
            out += _item(item, indent + 2)
        return out
    return [f"{pad}{key}: {scalar(value, key in _DATE_KEYS)}"]


def _item(item, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict):
        lines: list[str] = []
        for k, v in item.items():
            lines += _emit(k, v, indent + 2)
        return [pad + "- " + lines[0][indent + 2:]] + lines[1:]
    if isinstance(item, list):
        return [f"{pad}- {_flow(item)}"]
    return [f"{pad}- {scalar(item)}"]


def _flow(values: list) -> str:
    """A table row as '[a, b, c]': every item quoted unless it is plainly text in a flow list too."""
    return "[" + ", ".join(scalar(v, flow=True) for v in values) + "]"


def scalar(value, date: bool = False, flow: bool = False) -> str:
    """A value as YAML text that every YAML reader (1.1 or 1.2, kkrdeck's or an editor's) reads back as this text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):  # a chart's value: a number to every reader
        return str(value)
    if value is None:  # a gap in a chart's values
        return '""'
    text = str(value)
    if date and _ISO.match(text):
        return text
    if _plain_ok(text, flow):
        return text
    return double_quoted(text)


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _SPECIAL_START or ": " in text or " #" in text \
            or text.endswith(":") or any(ord(c) < 32 or ord(c) in (0x7F, 0x85, 0x2028, 0x2029, 0xFEFF) for c in text):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    try:  # PyYAML resolves YAML 1.1's many implicit types (yes, on, 1_000, 2017-08-17, 1:20): be stricter than all
        return yaml.safe_load(f"k: {text}") == {"k": text} and yaml.safe_load(f"- {text}") == [text]
    except yaml.YAMLError:
        return False


def double_quoted(text: str) -> str:
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 32 or ord(c) in (0x7F, 0x85, 0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _comment(text: str) -> str:
    return re.sub(r"[\r\n\t]+", " ", text)
