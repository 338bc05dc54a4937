"""A .pptx read into plain data (SourceDeck): what each slide's placeholders, shapes, pictures, tables and notes hold."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Callable

from lxml import etree

from kkrdeck.i18n import _
from kkrdeck.importing.data import Body, Chart, Picture, SourceDeck, SourceSlide
from kkrdeck.importing.text import A, Dropped, escape, read_paragraphs

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_URI = {"table": "http://schemas.openxmlformats.org/drawingml/2006/table",
        "chart": "http://schemas.openxmlformats.org/drawingml/2006/chart",
        "diagram": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
        "ole": "http://schemas.openxmlformats.org/presentationml/2006/ole"}
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_CHROME = {"dt", "ftr", "sldNum", "hdr", "sldImg"}
# The shapes kkrdeck itself draws for process, statements and image captions, by the names it gives them.
KKRDECK_SHAPE = re.compile(r"^(Timeline date \d+|Timeline step \d+|Statement \d+ card|Conclusion|Caption)$")
TITLE_LIKE = 90  # characters: a longer title placeholder holds a paragraph, not a slide's title
# Pillow's format → the file name's extension in images/ (the name follows the content, not the part's name).
_EXTENSION = {"PNG": "png", "JPEG": "jpg", "MPO": "jpg", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff", "WEBP": "webp"}
# Alt text that is only a file name or path (what tools fill in by default) says nothing about the picture.
_FILE_NAME = re.compile(r"^(fig:\s*)?\S+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)$", re.I)


def read_deck(data: bytes) -> SourceDeck:
    """Every slide of the package, in order; python-pptx reads, nothing is written back."""
    from pptx import Presentation

    prs = Presentation(io.BytesIO(data))
    slides = [_slide(slide, n) for n, slide in enumerate(prs.slides, start=1)]
    title = date = author = language = None
    package = prs.part.package
    has_core = any(rel.reltype.endswith("/core-properties") for rel in package._rels.values())
    if has_core:
        core = prs.core_properties
        title = (core.title or "").strip() or None
        author = (core.author or "").strip() or None
        language = (core.language or "").strip() or None
        stamp = core.created or core.modified
        date = stamp.date().isoformat() if stamp is not None and stamp.year > 1980 else None
    external = sum(1 for rel in package.iter_rels() if rel.is_external and not rel.reltype.endswith("/hyperlink"))
    return SourceDeck(title, date, author, language, slides, external)


def _slide(slide, number: int) -> SourceSlide:
    layout = slide.slide_layout._element.get("type") or "cust"
    out = SourceSlide(number, layout)
    dropped = Dropped()
    part = slide.part

    def link_of(rid: str) -> str | None:
        rel = part.rels.get(rid)
        return rel.target_ref if rel is not None and rel.is_external else None

    titles: list[_TitleBox] = []
    _shapes(slide.shapes, out, link_of, dropped, part, grouped=False, titles=titles)
    _choose_title(titles, out, link_of, dropped)
    _alternate_content(slide._element, out, link_of, dropped)
    timing = slide._element.find(P + "timing")
    if timing is not None and timing.find(".//" + P + "par") is not None:
        out.warnings.append(_("its animations are left out (kkrdeck slides show everything at once)"))
    if slide.has_notes_slide:
        placeholder = slide.notes_slide.notes_placeholder
        if placeholder is not None:
            lines = []
            for p in placeholder.text_frame._txBody.iter(A + "p"):
                line = "".join(("\n" if child.tag == A + "br" else "".join(t.text or "" for t in child.iter(A + "t")))
                               for child in p if child.tag in (A + "r", A + "fld", A + "br"))
                lines.append(line.rstrip())
            text = "\n".join(lines).strip()
            out.notes = re.sub(r"\n{3,}", "\n\n", text) or None
    for target in dict.fromkeys(dropped.links):
        out.warnings.append(_("the link to '{target}' is kept as text only (kkrdeck links to web and e-mail "
                              "addresses)").format(target=target))
    out.sizes, out.colours = dropped.sizes, dropped.colours
    return out


def _shapes(shapes, out: SourceSlide, link_of: Callable, dropped: Dropped, part, grouped: bool,
            titles: list[_TitleBox]) -> None:
    for shape in shapes:
        el = shape._element
        tag = etree.QName(el).localname
        if tag == "grpSp":
            _shapes(shape.shapes, out, link_of, dropped, part, grouped=True, titles=titles)
            continue
        if tag == "pic":
            _picture(shape, out)
            continue
        if tag == "graphicFrame":
            _graphic(shape, out, link_of, dropped, part)
            continue
        if tag == "cxnSp":
            continue  # a line between shapes: drawing, not content
        if tag == "contentPart":
            out.warnings.append(_("an ink drawing is left out"))
            continue
        ph = el.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        tx = el.find(P + "txBody")
        if ph is not None and not grouped:
            _placeholder(ph, shape, tx, out, link_of, dropped, titles)
            continue
        name = shape.name or ""
        paras = read_paragraphs(tx, link_of, False, dropped) if tx is not None else []
        if el.find(f"{P}spPr/{A}custGeom") is not None:
            out.warnings.append(_("a freeform drawing is left out (its text is kept)") if paras
                                else _("a freeform drawing is left out"))
        if KKRDECK_SHAPE.match(name) and paras:
            out.drawn[name] = " ".join(p.text for p in paras)
            continue
        if paras:
            out.free.extend(paras)
            out.free_shapes += 1


def _placeholder(ph, shape, tx, out: SourceSlide, link_of: Callable, dropped: Dropped,
                 titles: list[_TitleBox]) -> None:
    kind = ph.get("type", "obj")
    if kind in _CHROME or tx is None:
        return
    if kind in ("title", "ctrTitle"):
        text = " ".join(p.plain for p in read_paragraphs(tx, link_of, False, Dropped()))
        if text.strip():
            titles.append(_TitleBox(int(shape.top or 0), int(shape.left or 0), kind, text, tx))
        return
    if kind == "subTitle":
        out.subtitle.extend(read_paragraphs(tx, link_of, False, dropped))
        return
    paras = read_paragraphs(tx, link_of, True, dropped)
    if paras:
        x, y, w, h = (int(v or 0) for v in (shape.left, shape.top, shape.width, shape.height))
        out.bodies.append(Body(tuple(paras), x, y, w, h, "body" if kind == "body" else "obj"))


@dataclass(frozen=True)
class _TitleBox:
    """A title placeholder's text and place: LibreOffice saves every text box of a slide as one, so a slide can
    hold many."""

    y: int
    x: int
    kind: str
    text: str
    tx: object


def _choose_title(titles: list[_TitleBox], out: SourceSlide, link_of: Callable, dropped: Dropped) -> None:
    """One title per slide: the only title box, or the topmost of several that reads like a title (short); the other
    title boxes are text of the slide, kept as its free text in reading order, not glued onto the title (where the
    outline's limit would cut it). Several title boxes all holding paragraphs: no title (one from its number)."""
    if not titles:
        return
    ordered = sorted(titles, key=lambda t: (t.y, t.x))
    short = [t for t in ordered if len(t.text) <= TITLE_LIKE]
    chosen = ordered[0] if len(ordered) == 1 else (short[0] if short else None)
    if chosen is not None:
        out.title = escape(chosen.text)
        out.centred_title = chosen.kind == "ctrTitle"
    extra: list = []
    for other in ordered:
        paras = read_paragraphs(other.tx, link_of, False, dropped) if other is not chosen else []
        if paras:
            extra.extend(paras)
            out.free_shapes += 1
    out.free[:0] = extra  # the slide's main text boxes, read top to bottom, before its other shapes' text


def _picture(shape, out: SourceSlide) -> None:
    el = shape._element
    nvpr = el.find(f"{P}nvPicPr/{P}nvPr")
    if nvpr is not None and any(etree.QName(c).localname in ("videoFile", "audioFile", "quickTimeFile")
                                for c in nvpr.iter()):
        out.warnings.append(_("a video or sound is left out (kkrdeck decks carry no media)"))
        return
    if nvpr is not None and any(etree.QName(c).localname == "media" for c in nvpr.iter()):
        out.warnings.append(_("a video or sound is left out (kkrdeck decks carry no media)"))
        return
    blip = el.find(f".//{A}blip")
    if blip is None or not blip.get(R + "embed"):
        out.warnings.append(_("a linked picture (stored outside the file) is left out — kkrdeck does not follow "
                              "links; insert the picture into the deck and import it again"))
        return
    try:
        # the part's bytes, not shape.image: python-pptx parses the header of the formats it knows and fails on others
        image_part = shape.part.related_part(blip.get(R + "embed"))
        blob, ext = image_part.blob, image_part.partname.ext.lower()
    except Exception:  # a relationship to a missing or foreign part
        out.warnings.append(_("a picture whose data is missing from the file is left out"))
        return
    usable = usable_picture(blob)
    if usable is None:
        out.warnings.append(_("a picture ({format}) kkrdeck cannot read is left out — save the picture as PNG or "
                              "JPEG and add it with an image slide").format(format=ext.upper()))
        return
    blob, ext, converted = usable
    if converted:
        out.warnings.append(_("a picture in the format {format} is converted to PNG (kkrdeck builds with PNG, JPEG, "
                              "GIF, BMP, TIFF and WebP)").format(format=converted))
    cnvpr = el.find(f"{P}nvPicPr/{P}cNvPr")
    descr = (cnvpr.get("descr") or "").strip() if cnvpr is not None else ""
    decorative = cnvpr is not None and any(ext_el.get("uri") == DECORATIVE_URI and
                                           any(c.get("val") in ("1", "true") for c in ext_el)
                                           for ext_el in cnvpr.iter(A + "ext"))
    alt = None if decorative or not descr or _FILE_NAME.match(descr) else re.sub(r"\s+", " ", descr)
    out.pictures.append(Picture(blob, ext, alt, decorative))


def usable_picture(blob: bytes) -> tuple[bytes, str, str | None] | None:
    """(bytes, extension, the format it was converted from or None) for a picture the rebuilt deck can show.

    The test is the build's own (decoded_size): a picture it takes is kept byte for byte, whatever the part's name
    says and however strict a file checker would be (LibreOffice writes PNGs without their end marker, which
    Pillow's verify() refuses but every reader shows). One Pillow decodes but the build does not take (ICO, PPM,
    TGA …) is converted to PNG; anything else (EMF, WMF, damaged data) is None."""
    from PIL import Image

    from kkrdeck.ooxml.images import displayable
    from kkrdeck.outline.resources import MAX_IMAGE_PIXELS, decoded_size

    try:
        decoded_size(io.BytesIO(blob))
        with Image.open(io.BytesIO(blob)) as image:
            return blob, _EXTENSION.get(image.format or "", "png"), None
    except Image.DecompressionBombError:
        return None
    except Exception:  # Pillow raises many kinds for data that is not what it claims, or a format not taken
        pass
    try:
        with Image.open(io.BytesIO(blob)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None
            image.load()
            out = io.BytesIO()
            displayable(image).save(out, "PNG", optimize=True)
            return out.getvalue(), "png", image.format or "unknown"
    except Exception:  # not a picture Pillow can decode at all
        return None


def _graphic(shape, out: SourceSlide, link_of: Callable, dropped: Dropped, part) -> None:
    data = shape._element.find(f".//{A}graphicData")
    uri = data.get("uri") if data is not None else ""
    if uri == _URI["table"]:
        rows = []
        for row in shape.table.rows:
            cells = []
            for cell in row.cells:
                paras = [] if cell.is_spanned else read_paragraphs(cell.text_frame._txBody, link_of, False, dropped)
                cells.append(" ".join(p.text for p in paras))
            rows.append(cells)
        if any(any(c for c in row) for row in rows):
            out.tables.append(rows)
        return
    if uri == _URI["chart"]:
        out.charts.append(_chart(shape))
        return
    if uri == _URI["diagram"]:
        texts = _diagram_texts(data, part)
        out.warnings.append(_("a SmartArt diagram cannot be expressed in the outline; its text is kept in a comment"))
        if texts:
            out.comments.append(_("SmartArt text: ") + " · ".join(texts))
        return
    if uri == _URI["ole"]:
        out.warnings.append(_("an embedded object (OLE) is left out — nothing active is carried over"))
        return
    out.warnings.append(_("an unknown kind of object is left out"))


def _chart(shape) -> Chart:
    try:
        chart = shape.chart
        plot = chart.plots[0]
        categories = tuple(str(c) for c in plot.categories)
        series = tuple((s.name or f"Serie {n}", tuple(s.values)) for n, s in enumerate(plot.series, start=1))
        kind = str(chart.chart_type).split(" ")[0].split(".")[-1].lower()
        return Chart(kind, categories, series)
    except Exception:  # an unusual chart python-pptx cannot read: keep that there was one
        return Chart("unknown", (), ())


def _diagram_texts(data, part) -> list[str]:
    ids = next((el for el in data.iter() if etree.QName(el).localname == "relIds"), None)
    rid = ids.get(R + "dm") if ids is not None else None
    if not rid:
        return []
    try:
        root = etree.fromstring(part.related_part(rid).blob)
    except Exception:  # a missing or damaged diagram part: say there was one, without its text
        return []
    return [t.text.strip() for t in root.iter(A + "t") if t.text and t.text.strip()]


def _alternate_content(slide_el, out: SourceSlide, link_of: Callable, dropped: Dropped) -> None:
    """Shapes wrapped for newer PowerPoint versions (mc:AlternateContent), which python-pptx does not list."""
    tree = slide_el.find(f"{P}cSld/{P}spTree")
    for wrapper in tree.iter(MC + "AlternateContent") if tree is not None else ():
        fallback = wrapper.find(MC + "Fallback") or wrapper.find(MC + "Choice")
        paras = []
        for tx in (fallback.iter(P + "txBody") if fallback is not None else ()):
            paras += read_paragraphs(tx, link_of, False, dropped)
        out.warnings.append(_("a shape made for a newer PowerPoint version is left out (its text is kept)") if paras
                            else _("a shape made for a newer PowerPoint version is left out"))
        if paras:
            out.free.extend(paras)
            out.free_shapes += 1
