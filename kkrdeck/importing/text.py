"""Paragraphs of DrawingML text read back as kkrdeck markup, with their level, marker and what was dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from kkrdeck.importing.data import Para
from kkrdeck.outline.characters import is_blank
from kkrdeck.outline.inline import LINE_BREAK, Markup

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Arrow-like bullet characters, including Wingdings/Symbol private-use code points PowerPoint decks use for arrows.
ARROWS = set("→➔➜➝➞➟➠➡➢➣➤➥➦➧➨⇒⇨►▶▸▹⮚⮞»") | {"\uf0d8", "\uf0e0", "\uf0e8", "\uf0f0", "\uf0c4"}
_WINGDINGS_ARROWS = {"Ø", "à", "è", "ð", "Ä"}  # the same arrows as Wingdings spells them in plain letters
LINK_SCHEMES = ("http://", "https://", "mailto:")
_WHITE = re.compile(r"\s+")  # in the text of a run, a break character too is white space
_SPACES = re.compile(r"[^\S\n]+")  # white space but the "\n" an <a:br/> became
_AROUND_BREAK = re.compile(r" ?\n ?")


@dataclass
class Dropped:
    """Formatting the outline leaves to the brand or template, counted so a notice can say how much."""

    sizes: int = 0
    colours: int = 0
    links: list[str] = field(default_factory=list)  # link targets that are not web or e-mail addresses


def read_paragraphs(tx_body, link_of: Callable[[str], str | None], bulleted: bool, dropped: Dropped) -> list[Para]:
    """Every non-empty paragraph of a txBody; `bulleted`: a paragraph without its own marker has one (a body
    placeholder inherits the master's bullets), else it has none (a text box)."""
    out = []
    for p in tx_body.iter(A + "p"):
        para = read_paragraph(p, link_of, bulleted, dropped)
        if para is not None:
            out.append(para)
    return out


def read_paragraph(p, link_of: Callable[[str], str | None], bulleted: bool, dropped: Dropped) -> Para | None:
    ppr = p.find(A + "pPr")
    level = int(ppr.get("lvl", "0")) if ppr is not None and ppr.get("lvl", "0").isdigit() else 0
    marker = _marker(ppr, bulleted)
    pieces: list[tuple[str, bool, bool, str | None]] = []
    for child in p:
        tag = child.tag
        if tag == A + "r" or tag == A + "fld":
            rpr = child.find(A + "rPr")
            # a break is an <a:br/>; one inside the text of a run is white space as PowerPoint shows it
            text = _WHITE.sub(" ", "".join(t.text or "" for t in child.iter(A + "t")))
            if not text:
                continue
            bold = rpr is not None and rpr.get("b") in ("1", "true")
            italic = rpr is not None and rpr.get("i") in ("1", "true")
            link = None
            if rpr is not None:
                if rpr.get("sz"):
                    dropped.sizes += 1
                if any(rpr.find(A + f) is not None for f in ("solidFill", "gradFill", "pattFill")):
                    dropped.colours += 1
                click = rpr.find(A + "hlinkClick")
                if click is not None and click.get(R_ID):
                    target = link_of(click.get(R_ID))
                    if target and target.lower().startswith(LINK_SCHEMES):
                        link = target
                    elif target:
                        dropped.links.append(target)
            pieces.append((text, bold, italic, link))
        elif tag == A + "br":
            pieces.append((LINE_BREAK, False, False, None))
    plain = _lines("".join(t for t, *_ in pieces))
    if not plain or is_blank(plain):
        return None
    markup = to_markup(pieces)
    if "".join(run.text for run in Markup(markup).runs) != plain:  # the markup must read back as exactly these words; else keep the words only
        markup = escape(plain)
    return Para(level, marker, markup, plain)


def _marker(ppr, bulleted: bool) -> str:
    if ppr is None:
        return "bullet" if bulleted else "none"
    if ppr.find(A + "buNone") is not None:
        return "none"
    if ppr.find(A + "buAutoNum") is not None:
        return "number"
    char = ppr.find(A + "buChar")
    if char is not None:
        c = char.get("char", "")
        font = ppr.find(A + "buFont")
        wingdings = font is not None and "wingdings" in (font.get("typeface") or "").lower()
        return "arrow" if c in ARROWS or (wingdings and c in _WINGDINGS_ARROWS) else "bullet"
    if ppr.find(A + "buBlip") is not None:
        return "bullet"
    return "bullet" if bulleted else "none"


def escape(text: str) -> str:
    """Plain text that kkrdeck's inline parser reads back unchanged: stars and backslashes escaped, and
    brackets where they could start a link."""
    text = text.replace("\\", "\\\\").replace("*", "\\*")
    if "](" in text:
        text = text.replace("[", "\\[").replace("]", "\\]")
    return text


def to_markup(pieces: list[tuple[str, bool, bool, str | None]]) -> str:
    """Runs → '**bold**', '*italic*', '[label](url)'; runs of the same style are joined first (spell-checkers
    and editors split runs anywhere), and whitespace stays outside the markers."""
    merged: list[list] = []
    for text, bold, italic, link in pieces:
        if text == LINE_BREAK:  # kept as a break of its own, outside any markers
            merged.append([LINE_BREAK, None, None, None])
            continue
        if text.isspace():  # a space takes the style of its neighbours rather than breaking a bold phrase
            if merged:
                merged[-1][0] += " "
            else:
                merged.append([" ", False, False, None])
            continue
        if merged and merged[-1][1:] == [bold, italic, link]:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic, link])
    out = []
    for text, bold, italic, link in merged:
        if bold is None:
            out.append(LINE_BREAK)
            continue
        text = re.sub(r"\s+", " ", text)
        if link:
            label = _styled(text.strip(), bold, italic)
            if "]" in text or not label:
                out.append(_styled_padded(text, bold, italic))
                continue
            lead, trail = _pads(text)
            url = link.replace(" ", "%20").replace(")", "%29")
            out.append(f"{lead}[{label}]({url}){trail}")
        else:
            out.append(_styled_padded(text, bold, italic))
    return _lines("".join(out))


def _lines(text: str) -> str:
    """White space within each line as one space, none around the line breaks or at either end."""
    return _AROUND_BREAK.sub(LINE_BREAK, _SPACES.sub(" ", text)).strip(" " + LINE_BREAK)


def _pads(text: str) -> tuple[str, str]:
    return (" " if text[:1].isspace() else ""), (" " if text[-1:].isspace() else "")


def _styled_padded(text: str, bold: bool, italic: bool) -> str:
    lead, trail = _pads(text)
    core = text.strip()
    return f"{lead}{_styled(core, bold, italic)}{trail}" if core else text


def _styled(core: str, bold: bool, italic: bool) -> str:
    core = escape(core)
    if italic:
        core = f"*{core}*"
    if bold:
        core = f"**{core}**"
    return core
