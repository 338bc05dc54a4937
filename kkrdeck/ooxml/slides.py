"""Slide DrawingML: placeholders, text bodies and runs, drawn shapes, connectors, pictures, tables and notes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kkrdeck.design.geometry import Box
from kkrdeck.design.layoutmap import LayoutSlots
from kkrdeck.ooxml.ns import C_NS, NAMESPACES, SLIDENUM_FIELD_ID, TABLE_STYLE_ID, XML_HEADER_ADDED, quoteattr, xml_text
from kkrdeck.ooxml.package import Placeholder, SlideRels
from kkrdeck.outline.characters import normalise_breaks
from kkrdeck.outline.inline import LINE_BREAK
from kkrdeck.plan.data import (MARKER_CHARACTERS, Chart, Connector, DeckInfo, Picture, PlannedSlide, Shape, Table,
                               TextBlock, TextShape, ThemeColour)
from kkrdeck.plan.textfit import Paragraph

_MARKERS = MARKER_CHARACTERS
_ROLE_NAMES = {"title": "Title", "body": "Content", "left": "Left content", "right": "Right content",
               "subtitle": "Subtitle", "date": "Date", "footer": "Footer", "second": "Text"}
DECORATIVE_EXT = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
                  '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
                  '</a:ext></a:extLst>')
_NOTES_BASENAMES = {"sldImg": "Slide Image Placeholder", "body": "Notes Placeholder",
                    "sldNum": "Slide Number Placeholder"}
_TREE_START = ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
               '<p:grpSpPr/>')


@dataclass(frozen=True)
class SlideContext:
    """What every slide of a deck is written with."""

    info: DeckInfo  # language, footer, slide numbers
    body_font: str  # the font bullets and list numbers are drawn in
    images: Mapping[str, bytes]  # image key → prepared picture
    # the font the body text of drawn shapes is named in, as it is measured (a template's body style may name
    # another font than its theme's minor one); None: the theme's minor font
    drawn_font: str | None = None


def slide_xml(planned: PlannedSlide, slots: LayoutSlots, placeholders: list[Placeholder], ctx: SlideContext,
              rels: SlideRels) -> str:
    """A slide on its layout: the layout's placeholders that carry text (as python-pptx would clone them), then
    the drawn shapes, then footer and slide number."""
    lang = ctx.info.language
    texts: dict[str, TextBlock] = {"title": planned.title}
    texts.update(planned.placeholders.items())
    role_of = {slots.roles[role]: role for role in texts}
    shapes = ""
    used_ids = [1]
    # a slide shows the layout's date and footer on its own, so a new slide does not clone them: the cover's
    # organisation and date are written into placeholders of the same type and idx
    found = next((c for c in ctx.info.chrome_colours if c[0] == planned.layout), (None, None, None, None))
    colours = {"footer": found[1], "date": found[3]}  # legible where the inherited colour is not
    chrome = [Placeholder(ph_type, "horz", "quarter", slots.roles[role])
              for role, ph_type in (("date", "dt"), ("footer", "ftr")) if role in texts and role in slots.roles]
    for n, ph in enumerate([*placeholders, *chrome], start=2):
        role = role_of.pop(ph.idx, None)
        if role is None:
            continue  # an unused placeholder is left off the slide (the layout's prompt would show)
        block = texts[role]
        name = _ROLE_NAMES[role]
        inherited = slots.boxes.get(role)
        sp_pr = "<p:spPr/>" if inherited == block.box else f"<p:spPr>{_xfrm(block.box)}</p:spPr>"
        shapes += (f'<p:sp><p:nvSpPr>{_nv(n, name)}<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph.xml()}'
                   f'</p:nvPr></p:nvSpPr>{sp_pr}{_tx_body(block, ctx, rels, "p:txBody", True, fill=colours.get(role))}'
                   '</p:sp>')
        used_ids.append(n)
    if role_of:
        missing = ", ".join(sorted(role_of.values()))
        raise KeyError(f"layout {slots.name!r} has no placeholder for {missing}")
    next_id = max(used_ids) + 1
    ids: list[int] = []  # the id of each drawn shape, by its index in planned.shapes
    for shape in planned.shapes:
        ids.append(next_id)
        shapes += _shape(shape, next_id, ids, ctx, rels)
        next_id += 1
    info = ctx.info
    footer_colour, number_colour = found[1], found[2]
    if info.footer and slots.footer_idx is not None:
        shapes += _footer_xml(next_id, info.footer, lang, slots.footer_idx, info.footer_size, footer_colour)
        next_id += 1
    if info.slide_numbers and slots.number_idx is not None:
        shapes += _slide_number_xml(next_id, lang, slots.number_idx, info.number_size, number_colour)
    return (f"{XML_HEADER_ADDED}<p:sld {NAMESPACES}><p:cSld>{_TREE_START}{shapes}</p:spTree></p:cSld>"
            "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>")


# --- text ---------------------------------------------------------------------------------------------------

def _tx_body(block: TextBlock, ctx: SlideContext, rels: SlideRels, tag: str, placeholder: bool,
             font: str | None = None, fill: str | None = None) -> str:
    """`fill`: a colour for a placeholder's text, in its inherited font (the cover's date and organisation where
    the template's date or footer colour is too faint)."""
    i = block.insets
    if placeholder:
        body_pr = f'<a:bodyPr anchor="{block.anchor}"><a:noAutofit/></a:bodyPr>'
    else:
        body_pr = (f'<a:bodyPr wrap="square" lIns="{i.left}" tIns="{i.top}" rIns="{i.right}" bIns="{i.bottom}" '
                   f'rtlCol="0" anchor="{block.anchor}"><a:noAutofit/></a:bodyPr>')
    paragraphs = "".join(_paragraph(p, block, ctx, rels, placeholder, font, fill) for p in block.paragraphs)
    return f"<{tag}>{body_pr}<a:lstStyle/>{paragraphs or '<a:p/>'}</{tag}>"


def _paragraph(p: Paragraph, block: TextBlock, ctx: SlideContext, rels: SlideRels, placeholder: bool,
               font: str | None = None, fill: str | None = None) -> str:
    lang = ctx.info.language
    size = int(round(p.size * 100))
    level = f' lvl="{p.level}"' if placeholder and p.level else ""
    # a placeholder's plain left-aligned text takes the layout's alignment (a template may centre its titles)
    align = "" if placeholder and p.align == "l" else f' algn="{p.align}"'
    ppr = (f'<a:pPr marL="{p.margin}" indent="{p.indent}"{level}{align}><a:lnSpc><a:spcPct val="100000"/>'
           f'</a:lnSpc><a:spcBef><a:spcPts val="{int(round(p.space_before * 100))}"/></a:spcBef>')
    if placeholder:  # the plan has no space after a paragraph; a template's body style may have some
        ppr += '<a:spcAft><a:spcPts val="0"/></a:spcAft>'
    if p.marker == "none":
        ppr += "<a:buNone/>"
    elif p.marker == "number":
        ppr += f'<a:buClr>{_colour_element(block.markers)}</a:buClr><a:buFont typeface={quoteattr(ctx.body_font)}/>' \
               f'<a:buAutoNum type="arabicPeriod" startAt="{p.number}"/>'
    else:
        ppr += f'<a:buClr>{_colour_element(block.markers)}</a:buClr><a:buFont typeface={quoteattr(ctx.body_font)}/>' \
               f'<a:buChar char="{_MARKERS[p.marker]}"/>'
    ppr += "</a:pPr>"
    runs = "".join(_run(r.text, r.bold, r.italic, r.link, size, block, lang, rels, font, fill) for r in p.runs)
    return f"<a:p>{ppr}{runs}<a:endParaRPr lang=\"{lang}\" sz=\"{size}\" dirty=\"0\"/></a:p>"


def _run(text: str, bold: bool, italic: bool, link: str | None, size: int, block: TextBlock, lang: str,
         rels: SlideRels, font: str | None = None, fill: str | None = None) -> str:
    attrs = f'lang="{lang}" sz="{size}"' + (' b="1"' if bold else "") + (' i="1"' if italic else "")
    if block.role == "heading":  # measured as written: a template's all-caps title style would widen it
        attrs += ' cap="none"'
    children = ""
    if (block.colour or fill) and not link:
        children += _chrome_fill(block.colour or fill)
    if font:  # named: the text is measured in it, not in what the renderer falls back to
        children += f'<a:latin typeface={quoteattr(font)}/>'
    elif block.colour or block.role == "heading":
        theme_font = "+mj-lt" if block.role == "heading" else "+mn-lt"
        children += f'<a:latin typeface="{theme_font}"/>'
    if link:
        children += f'<a:hlinkClick r:id="{rels.link(link)}"/>'
    rpr = f'<a:rPr {attrs} dirty="0">{children}</a:rPr>'
    if LINE_BREAK not in text:
        return f'<a:r>{rpr}<a:t>{xml_text(text)}</a:t></a:r>'
    # a break the user wrote: <a:br/> with the run's properties, so an empty line is as tall as its neighbours
    return f'<a:br>{rpr}</a:br>'.join(f'<a:r>{rpr}<a:t>{xml_text(line)}</a:t></a:r>' if line else ""
                                      for line in text.split(LINE_BREAK))


# --- drawn shapes -------------------------------------------------------------------------------------------

def _nv(shape_id: int, name: str, decorative: bool = False) -> str:
    """Non-visual properties; decorative shapes are marked so screen readers skip them."""
    if decorative:
        return f'<p:cNvPr id="{shape_id}" name={quoteattr(name)}>{DECORATIVE_EXT}</p:cNvPr>'
    return f'<p:cNvPr id="{shape_id}" name={quoteattr(name)}/>'


def _xfrm(box: Box) -> str:
    return f'<a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></a:xfrm>'


def _fill(colour: ThemeColour | None) -> str:
    return f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>' if colour else "<a:noFill/>"


def _shape(shape: Shape, shape_id: int, ids: list[int], ctx: SlideContext, rels: SlideRels) -> str:
    match shape:
        case TextShape():
            return _text_shape(shape, shape_id, ctx, rels)
        case Connector():
            return _connector(shape, shape_id, ids)
        case Picture():
            return _picture(shape, shape_id, ctx, rels)
        case Table():
            return _table(shape, shape_id, ctx, rels)
        case Chart():
            return _chart(shape, shape_id, ctx, rels)


def _text_shape(shape: TextShape, shape_id: int, ctx: SlideContext, rels: SlideRels) -> str:
    text_box = shape.geometry == "textbox"
    geometry = "rect" if text_box else shape.geometry
    adjust = '<a:gd name="adj" fmla="val 8000"/>' if shape.geometry == "roundRect" else ""
    font = ctx.drawn_font if shape.text and shape.text.role == "body" else None
    body = _tx_body(shape.text, ctx, rels, "p:txBody", False, font) if shape.text else ""
    text_box_attr = ' txBox="1"' if text_box else ""
    return (f'<p:sp><p:nvSpPr>{_nv(shape_id, shape.name, shape.decorative)}<p:cNvSpPr{text_box_attr}/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{_xfrm(shape.box)}<a:prstGeom prst="{geometry}"><a:avLst>{adjust}</a:avLst>'
            f'</a:prstGeom>{_fill(shape.fill)}<a:ln>{_fill(shape.line)}</a:ln></p:spPr>{body}</p:sp>')


def _connector(shape: Connector, shape_id: int, ids: list[int]) -> str:
    start, end = (ids[i] for i in shape.joins)
    # from the start shape's right connection site (6 on an ellipse) to the end shape's left one (2)
    cxn = f'<a:stCxn id="{start}" idx="6"/><a:endCxn id="{end}" idx="2"/>'
    return (f'<p:cxnSp><p:nvCxnSpPr>{_nv(shape_id, shape.name, shape.decorative)}<p:cNvCxnSpPr>{cxn}</p:cNvCxnSpPr>'
            f'<p:nvPr/></p:nvCxnSpPr><p:spPr>{_xfrm(shape.box)}<a:prstGeom prst="straightConnector1"><a:avLst/>'
            f'</a:prstGeom><a:ln w="28575">{_fill(shape.line)}</a:ln></p:spPr></p:cxnSp>')


def _picture(shape: Picture, shape_id: int, ctx: SlideContext, rels: SlideRels) -> str:
    rid = rels.image(ctx.images[shape.image])
    descr = "" if shape.decorative else f" descr={quoteattr(shape.alt or '')}"
    ext = DECORATIVE_EXT if shape.decorative else ""
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name={quoteattr(shape.name)}{descr}>{ext}</p:cNvPr>'
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{_xfrm(shape.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def _table(shape: Table, shape_id: int, ctx: SlideContext, rels: SlideRels) -> str:
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in shape.column_widths)
    rows = ""
    for row, height in zip(shape.cells, shape.row_heights):
        cells = ""
        for cell in row:
            i = cell.insets
            # in the body font it was measured in: a table's text otherwise takes the theme's minor font from the
            # table style, which on a template may not be the font of its body text (Vintage: Arial, not Times)
            body = _tx_body(cell, ctx, rels, "a:txBody", False, ctx.body_font)
            cells += (f'<a:tc>{body}<a:tcPr marL="{i.left}" marR="{i.right}" marT="{i.top}" '
                      f'marB="{i.bottom}"/></a:tc>')
        rows += f'<a:tr h="{height}">{cells}</a:tr>'
    return (f'<p:graphicFrame><p:nvGraphicFramePr>{_nv(shape_id, shape.name)}<p:cNvGraphicFramePr>'
            '<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{shape.box.x}" y="{shape.box.y}"/><a:ext cx="{shape.box.w}" cy="{shape.box.h}"/>'
            '</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            f'<a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{TABLE_STYLE_ID}</a:tableStyleId>'
            f'</a:tblPr><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>')


def _chart(shape: Chart, shape_id: int, ctx: SlideContext, rels: SlideRels) -> str:
    """A chart in a graphic frame; its part and workbook are made by ooxml.chart, imported only for a chart."""
    from kkrdeck.ooxml.chart import chart_xml, workbook

    rid = rels.chart(chart_xml(shape, ctx.info.language), workbook(shape))
    box = shape.box
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name={quoteattr(shape.name)} '
            f'descr={quoteattr(shape.alt)}/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
            '</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></p:xfrm>'
            f'<a:graphic><a:graphicData uri="{C_NS}"><c:chart xmlns:c="{C_NS}" r:id="{rid}"/></a:graphicData>'
            '</a:graphic></p:graphicFrame>')


# --- footer, slide number and notes -------------------------------------------------------------------------

def _size(size: float | None) -> str:
    """A size the plan chose for the footer or slide number; none written, the placeholder's own applies."""
    return f' sz="{int(round(size * 100))}"' if size else ""


def _chrome_fill(colour: str | None) -> str:
    """The footer's or slide number's colour where the plan chose one (the inherited one too faint), else none."""
    if colour is None:
        return ""
    return f"<a:solidFill>{_colour_element(colour)}</a:solidFill>"


def _colour_element(colour: str) -> str:
    """A scheme colour by name, or black or white as preset colours (a theme has no name for those)."""
    return f'<a:prstClr val="{colour}"/>' if colour in ("black", "white") else f'<a:schemeClr val="{colour}"/>'


def _rpr(lang: str, size: float | None, colour: str | None, dirty: bool = True) -> str:
    tail = ' dirty="0"' if dirty else ""
    fill = _chrome_fill(colour)
    return f'<a:rPr lang="{lang}"{_size(size)}{tail}>{fill}</a:rPr>' if fill else \
        f'<a:rPr lang="{lang}"{_size(size)}{tail}/>'


def _footer_xml(shape_id: int, text: str, lang: str, idx: int, size: float | None = None,
                colour: str | None = None) -> str:
    rpr = _rpr(lang, size, colour)
    return (f'<p:sp><p:nvSpPr>{_nv(shape_id, "Footer")}<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>'
            f'<p:ph type="ftr" sz="quarter" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>'
            f'<a:p>{_plain_runs(text, rpr)}</a:p></p:txBody></p:sp>')


def _plain_runs(text: str, rpr: str) -> str:
    """Unmarked text (a footer, a line of notes) as runs, with <a:br/> where the user broke the line."""
    return f"<a:br>{rpr}</a:br>".join(f"<a:r>{rpr}<a:t>{xml_text(line)}</a:t></a:r>" if line else ""
                                      for line in normalise_breaks(text).split(LINE_BREAK))


def _slide_number_xml(shape_id: int, lang: str, idx: int, size: float | None = None,
                      colour: str | None = None) -> str:
    return (f'<p:sp><p:nvSpPr>{_nv(shape_id, "Slide Number")}<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="sldNum" sz="quarter" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
            f'<a:lstStyle/><a:p><a:fld id="{SLIDENUM_FIELD_ID}" type="slidenum">{_rpr(lang, size, colour, False)}<a:t>‹#›</a:t>'
            '</a:fld></a:p></p:txBody></p:sp>')


def notes_xml(placeholders: list[Placeholder], text: str, lang: str) -> str:
    """A notes page: the notes master's placeholders as python-pptx clones them, the text in the body one."""
    shapes = ""
    for n, ph in enumerate(placeholders, start=2):
        name = f"{_NOTES_BASENAMES[ph.type]} {n - 1}"
        body = ""
        if ph.type == "body":
            body = f"<p:txBody><a:bodyPr/><a:lstStyle/>{_notes_paragraphs(text, lang)}</p:txBody>"
        shapes += (f'<p:sp><p:nvSpPr><p:cNvPr id="{n}" name={quoteattr(name)}/><p:cNvSpPr><a:spLocks noGrp="1"/>'
                   f'</p:cNvSpPr><p:nvPr>{ph.xml()}</p:nvPr></p:nvSpPr><p:spPr/>{body}</p:sp>')
    return (f"{XML_HEADER_ADDED}<p:notes {NAMESPACES}><p:cSld>{_TREE_START}{shapes}</p:spTree></p:cSld>"
            "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>")


def notes_master_xml(size: tuple[int, int], lang: str) -> str:
    """A plain notes master: the slide picture above, the notes below, in the theme's body font."""
    w, h = size
    margin = w // 10
    image = (margin, h // 8, w - 2 * margin, (w - 2 * margin) * 9 // 16)
    body = (margin, h // 2, w - 2 * margin, h * 2 // 5)

    def geometry(box: tuple[int, int, int, int]) -> str:
        x, y, cx, cy = box
        return (f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
                '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>')

    fonts = '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
    return (f'{XML_HEADER_ADDED}<p:notesMaster {NAMESPACES}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef>'
            f'</p:bg>{_TREE_START}'
            '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" '
            'noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr>'
            f'<p:spPr>{geometry(image)}<a:noFill/><a:ln w="12700"><a:solidFill><a:prstClr val="black"/></a:solidFill>'
            '</a:ln></p:spPr></p:sp>'
            '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            '</p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="3"/></p:nvPr></p:nvSpPr>'
            f'<p:spPr>{geometry(body)}</p:spPr><p:txBody><a:bodyPr vert="horz" lIns="91440" tIns="45720" '
            'rIns="91440" bIns="45720" rtlCol="0"/><a:lstStyle/><a:p><a:pPr lvl="0"/><a:r>'
            f'<a:rPr lang="{lang}"/><a:t>Klik for at redigere noterne</a:t></a:r></a:p></p:txBody></p:sp>'
            '</p:spTree></p:cSld>'
            '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" '
            'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
            '<p:notesStyle><a:lvl1pPr marL="0" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" '
            f'hangingPunct="1"><a:defRPr sz="1200" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
            f'{fonts}</a:defRPr></a:lvl1pPr></p:notesStyle></p:notesMaster>')


def _notes_paragraphs(text: str, lang: str) -> str:
    """One paragraph per line, as python-pptx's `text_frame.text = …` makes them, every run in the deck's language."""
    paragraphs = ""
    for line in normalise_breaks(text).strip(LINE_BREAK).split(LINE_BREAK):  # a `|` block's last break: no line
        runs = f'<a:r><a:rPr lang="{lang}"/><a:t>{xml_text(line)}</a:t></a:r>' if line else ""
        paragraphs += f"<a:p>{runs}</a:p>"
    return paragraphs

