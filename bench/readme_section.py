"""One marked section of bench/README.md rewritten in place (or added with its heading the first time)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"


def write_section(marker: str, script: str, table: str, heading: str) -> None:
    """Replace the text between `<!-- marker:begin -->` and `<!-- marker:end -->` by `table`; a README without the
    markers gets `heading` (markdown: title and explanation) and the marked table appended."""
    text = README.read_text(encoding="utf-8")
    block = f"<!-- {marker}:begin (written by {script}) -->\n{table}<!-- {marker}:end -->"
    if f"<!-- {marker}:begin" in text:
        text = re.sub(rf"<!-- {marker}:begin.*?<!-- {marker}:end -->", lambda _: block, text, flags=re.S)
    else:
        text += "\n" + heading + "\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")
