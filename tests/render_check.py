"""Checks on the PDF LibreOffice renders from a .pptx (the PDF is produced elsewhere).

Coordinates are PDF points with the origin at the top-left of the page and y
growing downwards (what ``pdftotext -bbox-layout`` reports), i.e. the same
orientation as slide coordinates; 1 pt = 12700 EMU.

* ``page_words(pdf)``  -> per page, the rendered words (``Word``) in reading order
* ``page_lines(pdf)``  -> per page, the rendered lines (``Line``, with their words,
  block and flow index); ``paragraph_lines(lines, text)`` finds the lines a
  paragraph was broken into
* ``page_size(pdf, page=0)`` / ``page_sizes(pdf)`` -> (width, height) in points
* ``text_of_pages(pdf)`` -> per page, ``pdftotext -layout`` text
* ``words_outside(pdf, pptx)`` -> problems where a rendered word lies outside the
  box of the shape whose text it belongs to (text overflow, wrong inherited
  placeholder geometry, ...)
"""

from __future__ import annotations

import functools
import math
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from lxml import etree

__all__ = [
    "Word",
    "Line",
    "page_words",
    "page_lines",
    "page_size",
    "page_sizes",
    "paragraph_lines",
    "text_of_pages",
    "words_outside",
    "EMU_PER_PT",
]

EMU_PER_PT = 12700
_XHTML = "{http://www.w3.org/1999/xhtml}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


@dataclass(frozen=True)
class Line:
    text: str  # the line's words joined by single spaces
    x0: float
    y0: float
    x1: float
    y1: float
    words: tuple[Word, ...] = field(default=(), repr=False)
    block: int = 0  # index of the pdftotext <block> on the page
    flow: int = 0  # index of the pdftotext <flow> on the page

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


# --------------------------------------------------------------------------- pdftotext


def _run(args: Sequence[str]) -> str:
    proc = subprocess.run(list(args), capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} failed with exit code {proc.returncode}: "
            f"{proc.stderr.decode('utf-8', 'replace').strip()}"
        )
    return proc.stdout.decode("utf-8", "replace")


def _file_key(pdf: Path) -> tuple[str, int, int]:
    p = Path(pdf).resolve()
    st = p.stat()
    return (str(p), st.st_mtime_ns, st.st_size)


@dataclass(frozen=True)
class _Page:
    width: float
    height: float
    lines: tuple[Line, ...]


@functools.lru_cache(maxsize=64)
def _layout(key: tuple[str, int, int]) -> tuple[_Page, ...]:
    out = _run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", key[0], "-"])
    parser = etree.XMLParser(recover=True, no_network=True, load_dtd=False, resolve_entities=False, huge_tree=True)
    root = etree.fromstring(out.encode("utf-8"), parser)
    if root is None:
        raise RuntimeError(f"pdftotext -bbox-layout output for {key[0]} does not parse")

    def tag(el: etree._Element) -> str:
        return el.tag[len(_XHTML):] if isinstance(el.tag, str) and el.tag.startswith(_XHTML) else str(el.tag)

    def box(el: etree._Element) -> tuple[float, float, float, float]:
        return tuple(float(el.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))  # type: ignore[return-value]

    pages: list[_Page] = []
    for page in root.iter(f"{_XHTML}page", "page"):
        lines: list[Line] = []
        flow_i = block_i = 0
        for flow in (c for c in page if tag(c) == "flow"):
            for block in (c for c in flow if tag(c) == "block"):
                for line in (c for c in block if tag(c) == "line"):
                    words = tuple(
                        Word((w.text or "").strip(), *box(w))
                        for w in line
                        if tag(w) == "word" and (w.text or "").strip()
                    )
                    if not words:
                        continue
                    lines.append(Line(" ".join(w.text for w in words), *box(line), words, block_i, flow_i))
                block_i += 1
            flow_i += 1
        pages.append(_Page(float(page.get("width")), float(page.get("height")), tuple(lines)))
    return tuple(pages)


def page_lines(pdf: Path) -> list[list[Line]]:
    """Per page, the rendered lines in pdftotext's reading order (flow > block > line)."""
    return [list(p.lines) for p in _layout(_file_key(pdf))]


def page_words(pdf: Path) -> list[list[Word]]:
    """Per page, every rendered word with its box in points (top-left origin)."""
    return [[w for line in p.lines for w in line.words] for p in _layout(_file_key(pdf))]


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    return [(p.width, p.height) for p in _layout(_file_key(pdf))]


def page_size(pdf: Path, page: int = 0) -> tuple[float, float]:
    """(width, height) in points of one page (the first by default)."""
    return page_sizes(pdf)[page]


@functools.lru_cache(maxsize=64)
def _layout_text(key: tuple[str, int, int]) -> tuple[str, ...]:
    out = _run(["pdftotext", "-layout", "-enc", "UTF-8", key[0], "-"])
    pages = out.split("\f")
    if pages and pages[-1].strip() == "":
        pages = pages[:-1]  # pdftotext ends every page, the last one too, with a form feed
    return tuple(pages)


def text_of_pages(pdf: Path) -> list[str]:
    """Per page, the text as ``pdftotext -layout`` lays it out."""
    return list(_layout_text(_file_key(pdf)))


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u00ad", "").casefold().split())


def _compact(text: str) -> str:
    return _norm(text).replace(" ", "")


def paragraph_lines(lines: Sequence[Line], text: str) -> list[Line]:
    """The consecutive rendered lines whose words, joined, spell *text* (case, whitespace and
    Unicode compatibility forms normalised); ``len(paragraph_lines(page_lines(pdf)[i], para))``
    is the number of lines the paragraph was broken into. Empty list when not found.

    A bullet / auto-number glyph rendered in front of the first line is ignored, and a word
    hyphenated at a line end ('kommunal-' + 'bestyrelserne') is joined back."""
    target = _compact(text)
    if not target:
        return []

    def variants(piece: str) -> set[str]:
        return {piece, piece[:-1]} if piece.endswith(("-", "\u2010")) else {piece}

    for i, first in enumerate(lines):
        starts = variants(_compact(first.text))
        if len(first.words) > 1:  # leading bullet glyph
            starts |= variants(_compact(" ".join(w.text for w in first.words[1:])))
        accs = {s for s in starts if s and target.startswith(s)}
        j = i
        while accs:
            if target in accs:
                return list(lines[i : j + 1])
            j += 1
            if j >= len(lines):
                break
            nxt = variants(_compact(lines[j].text))
            accs = {a + v for a in accs for v in nxt if target.startswith(a + v)}
    return []


# --------------------------------------------------------------------------- geometry

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Transform = Callable[[float, float], tuple[float, float]]


def _identity(x: float, y: float) -> tuple[float, float]:
    return (x, y)


def _xfrm_of(element: etree._Element) -> etree._Element | None:
    for path in (f"{_P}spPr/{_A}xfrm", f"{_P}grpSpPr/{_A}xfrm", f"{_P}xfrm"):
        xfrm = element.find(path)
        if xfrm is not None:
            return xfrm
    return None


def _rotated_box(left: float, top: float, width: float, height: float, rot_deg: float, to_slide: Transform) -> Box:
    """Axis-aligned bounds, in slide EMU, of a (possibly rotated) rectangle given in the
    coordinate space *to_slide* maps from."""
    cx, cy = left + width / 2, top + height / 2
    a = math.radians(rot_deg or 0.0)
    ca, sa = math.cos(a), math.sin(a)
    pts = []
    for dx, dy in ((-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2), (-width / 2, height / 2)):
        pts.append(to_slide(cx + dx * ca - dy * sa, cy + dx * sa + dy * ca))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def _group_transform(group, outer: Transform) -> Transform:
    xfrm = _xfrm_of(group._element)
    if xfrm is None:
        return outer
    off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
    ch_off, ch_ext = xfrm.find(f"{_A}chOff"), xfrm.find(f"{_A}chExt")
    if off is None or ext is None:
        return outer
    ox, oy = float(off.get("x", 0)), float(off.get("y", 0))
    ew, eh = float(ext.get("cx", 0)), float(ext.get("cy", 0))
    cox = float(ch_off.get("x", 0)) if ch_off is not None else ox
    coy = float(ch_off.get("y", 0)) if ch_off is not None else oy
    cw = float(ch_ext.get("cx", 0)) if ch_ext is not None else ew
    ch = float(ch_ext.get("cy", 0)) if ch_ext is not None else eh
    sx = ew / cw if cw else 1.0
    sy = eh / ch if ch else 1.0
    a = math.radians(int(xfrm.get("rot", "0")) / 60000.0)
    ca, sa = math.cos(a), math.sin(a)
    gcx, gcy = ox + ew / 2, oy + eh / 2

    def t(x: float, y: float) -> tuple[float, float]:
        px, py = ox + (x - cox) * sx, oy + (y - coy) * sy
        dx, dy = px - gcx, py - gcy
        return outer(gcx + dx * ca - dy * sa, gcy + dx * sa + dy * ca)

    return t


# --------------------------------------------------------------------------- shapes


@dataclass
class _TextShape:
    name: str
    box: Box  # in PDF points
    text: str  # normalised text ("" = accept only unmatched words)
    tokens: frozenset[str]
    where: str  # "slide", "layout", "master"
    opaque: bool = False  # graphic frame (chart, diagram, ...) whose rendered text we cannot fully predict
    slide_number: bool = False  # holds a slide-number field: renders the slide's number, not its own text
    date: bool = False  # holds a date field: renders today's date, not its own text


def _tokens(text: str) -> frozenset[str]:
    out = set()
    for tok in text.split():
        out.add(tok)
        stripped = tok.strip(".,;:!?()[]{}\"'«»“”„‘’‹›-–—/")
        if stripped:
            out.add(stripped)
    return frozenset(out)


def _related_text(part, element: etree._Element) -> str:
    """Text of a graphic frame: inline a:t (tables) plus a:t / c:v of parts it relates to
    (charts, diagram data/drawing)."""
    texts = [t.text or "" for t in element.iter(f"{_A}t")]
    for el in element.iter():
        for attr, rid in el.attrib.items():
            if not attr.startswith(_R) or not rid:
                continue
            try:
                related = part.related_part(rid)
                root = etree.fromstring(related.blob)
            except Exception:  # media, missing rel, non-XML target
                continue
            for node in root.iter():
                if isinstance(node.tag, str) and etree.QName(node).localname in ("t", "v") and node.text:
                    texts.append(node.text)
    return " ".join(texts)


def _collect(shapes, part, where: str, scale: tuple[float, float], out: list[_TextShape],
             transform: Transform = _identity, problems: list[str] | None = None,
             label: str = "", placeholders_too: bool = True) -> None:
    sx, sy = scale
    for shape in shapes:
        if _is_group(shape):
            _collect(shape.shapes, part, where, scale, out, _group_transform(shape, transform), problems, label,
                     placeholders_too)
            continue
        if shape.is_placeholder and not placeholders_too:
            continue
        text, opaque = "", False
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            text = shape.text_frame.text
        elif _is_graphic_frame(shape):  # table, chart, diagram, OLE object
            text = _related_text(part, shape._element)
            opaque = not shape.has_table
        if not _norm(text) and not (where != "slide" and shape.is_placeholder) and not opaque:
            continue
        try:
            left, top, width, height = shape.left, shape.top, shape.width, shape.height
        except Exception:
            left = top = width = height = None
        if None in (left, top, width, height):
            if problems is not None and _norm(text):
                problems.append(f"{label}shape '{shape.name}' has text but no position (not even inherited)")
            continue
        xfrm = _xfrm_of(shape._element)
        rot = int(xfrm.get("rot", "0")) / 60000.0 if xfrm is not None else 0.0
        x0, y0, x1, y1 = _rotated_box(left, top, width, height, rot, transform)
        box = (x0 / EMU_PER_PT * sx, y0 / EMU_PER_PT * sy, x1 / EMU_PER_PT * sx, y1 / EMU_PER_PT * sy)
        norm = _norm(text)
        fields = {f.get("type", "") for f in shape._element.iter(f"{_A}fld")}
        out.append(_TextShape(shape.name, box, norm, _tokens(norm), where, opaque, "slidenum" in fields,
                              any(f.startswith("datetime") for f in fields)))


def _is_group(shape) -> bool:
    return shape._element.tag == f"{_P}grpSp"


def _is_graphic_frame(shape) -> bool:
    return shape._element.tag == f"{_P}graphicFrame"


# pdftotext reports a word's box from the font's bounding box (1.3 em tall for Carlito), which reaches past
# the line the renderer lays out (1.22 em); the excess above and below is not ink outside the shape.
FONT_BOX_EXCESS = 0.08


def _inside(word: Word, box: Box, tol: float) -> bool:
    vertical = tol + (word.y1 - word.y0) * FONT_BOX_EXCESS
    return (word.x0 >= box[0] - tol and word.y0 >= box[1] - vertical
            and word.x1 <= box[2] + tol and word.y1 <= box[3] + vertical)


def _distance(word: Word, box: Box) -> float:
    dx = max(box[0] - word.x0, 0.0, word.x1 - box[2])
    dy = max(box[1] - word.y0, 0.0, word.y1 - box[3])
    return math.hypot(dx, dy)


def _fmt_box(box: Box) -> str:
    return f"({box[0]:.1f}, {box[1]:.1f})-({box[2]:.1f}, {box[3]:.1f})"


_NUMBERISH = re.compile(r"^[\d\s.,:;%‰+\-−–()/€$£¥]+$")


def _candidates(word_norm: str, shapes: Iterable[_TextShape]) -> list[_TextShape]:
    """Shapes whose text contains the word: whole-token matches first, else substring
    matches (a word hyphenated at a line end, 'kommunal-', is matched by its stem)."""
    shapes = [s for s in shapes if s.text]
    bare = word_norm.strip(".,;:!?()[]{}\"'«»“”„‘’‹›")
    token = [s for s in shapes if word_norm in s.tokens or (bare and bare in s.tokens)]
    if token:
        return token
    stem = word_norm[:-1] if word_norm.endswith(("-", "\u2010")) and len(word_norm) > 1 else word_norm
    return [s for s in shapes if stem in s.text or stem in s.text.replace(" ", "")]


def _slide_shown(slide) -> bool:
    return slide._element.get("show") not in ("0", "false")


def _shows_master_shapes(element: etree._Element) -> bool:
    return element.get("showMasterSp") not in ("0", "false")


def words_outside(pdf: Path, pptx: Path, tolerance_pt: float = 1.0) -> list[str]:
    """Rendered words lying outside the box of the shape whose text they belong to.

    For every visible slide (page *i* = *i*-th slide without ``show="0"``) the text-bearing
    shapes are collected (text frames incl. placeholders with inherited geometry, tables,
    and graphic frames such as charts, inside groups too; rotation is allowed for by the
    rotated box's bounds). Each rendered word is matched to the shapes whose text contains
    it and must lie (± *tolerance_pt*) inside one of those boxes; a word no shape's text
    contains (slide numbers, dates, bullets, master decoration) must lie inside some
    text-bearing shape of the slide, or a placeholder / text shape of its layout or master.
    Boxes are scaled when the PDF page size differs from the slide size.
    """
    from pptx import Presentation

    prs = Presentation(str(pptx))
    slide_w, slide_h = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    layout = _layout(_file_key(pdf))
    slides = [(n, s) for n, s in enumerate(prs.slides, start=1) if _slide_shown(s)]
    problems: list[str] = []
    if len(layout) != len(slides):
        problems.append(f"pdf has {len(layout)} pages but the deck has {len(slides)} visible slides")
    for (number, slide), page in zip(slides, layout):
        label = f"slide {number}: "
        scale = (page.width / slide_w, page.height / slide_h)
        own: list[_TextShape] = []
        _collect(slide.shapes, slide.part, "slide", scale, own, problems=problems, label=label)
        inherited: list[_TextShape] = []
        lay = slide.slide_layout
        master = lay.slide_master
        show_layout_shapes = _shows_master_shapes(slide._element)
        show_master_shapes = show_layout_shapes and _shows_master_shapes(lay._element)
        # layout/master placeholders: accepted region for unmatched words (footers, slide numbers)
        _collect(lay.placeholders, lay.part, "layout", scale, inherited)
        _collect(master.placeholders, master.part, "master", scale, inherited)
        # non-placeholder text on layout/master is rendered on the slide: it competes for matches
        decoration: list[_TextShape] = []
        if show_layout_shapes:
            _collect(lay.shapes, lay.part, "layout", scale, decoration, placeholders_too=False)
        if show_master_shapes:
            _collect(master.shapes, master.part, "master", scale, decoration, placeholders_too=False)
        matchable = own + decoration
        everywhere = own + decoration + inherited

        # first pass: candidates per word; then settle ambiguous words by their line-mates
        per_line: list[list[tuple[Word, list[_TextShape]]]] = []
        for line in page.lines:
            per_line.append([(w, _candidates(_norm(w.text), matchable)) for w in line.words])
        # a slide-number field shows this slide's number wherever the template put it (a master's text box too):
        # matched by position first, so the '25' at the corner of slide 25 is not taken for a table's '25'
        numbers = [s for s in everywhere if s.slide_number]
        dates = [s for s in everywhere if s.date]
        for entries in per_line:
            unique = {id(c[0]) for _w, c in entries if len(c) == 1}
            for word, cands in entries:
                if word.text == str(number) and any(_inside(word, s.box, tolerance_pt) for s in numbers):
                    continue
                if _NUMBERISH.match(word.text) and any(_inside(word, s.box, tolerance_pt) for s in dates):
                    continue
                if len(cands) > 1:
                    preferred = [c for c in cands if id(c) in unique]
                    if preferred:
                        cands[:] = preferred
                if cands:
                    if any(_inside(word, c.box, tolerance_pt) for c in cands):
                        continue
                    # numbers inside a chart frame are axis/data labels, not stray body text
                    # and numbers inside a layout's or master's placeholder are slide numbers
                    if _NUMBERISH.match(word.text) and any(
                        (s.opaque or s in inherited) and _inside(word, s.box, tolerance_pt) for s in everywhere
                    ):
                        continue
                    nearest = min(cands, key=lambda c: _distance(word, c.box))
                    problems.append(
                        f"{label}word '{word.text}' at {_fmt_box(word.box)} lies outside shape "
                        f"'{nearest.name}' {_fmt_box(nearest.box)}"
                        + (f" (on the {nearest.where})" if nearest.where != "slide" else "")
                    )
                    continue
                if any(_inside(word, s.box, tolerance_pt) for s in everywhere):
                    continue
                if everywhere:
                    nearest = min(everywhere, key=lambda c: _distance(word, c.box))
                    problems.append(
                        f"{label}word '{word.text}' at {_fmt_box(word.box)} matches no shape's text and lies "
                        f"outside every text shape (nearest: '{nearest.name}' {_fmt_box(nearest.box)})"
                    )
                else:
                    problems.append(
                        f"{label}word '{word.text}' at {_fmt_box(word.box)} matches no shape's text and the "
                        f"slide has no text shapes"
                    )
    return problems
