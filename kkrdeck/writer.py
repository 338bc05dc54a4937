"""The write stage: a plan → a .pptx package (the only module that touches python-pptx and slide XML)."""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from kkrdeck.basetemplate import NS, SLIDENUM_FIELD_ID
from kkrdeck.geometry import Box
from kkrdeck.layoutmap import LayoutMap, LayoutSlots
from kkrdeck.plan import Plan, PlannedSlide, Shape, TextBlock
from kkrdeck.textfit import Paragraph

_A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
_MARKERS = {"bullet": "•", "arrow": "→"}
_ROLE_NAMES = {"body": "Content", "left": "Left content", "right": "Right content", "subtitle": "Subtitle"}
DECORATIVE_EXT = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
                  '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
                  '</a:ext></a:extLst>')


@dataclass(frozen=True)
class WriteInput:
    plan: Plan
    template: bytes  # the base package the slides are added to (without slides)
    layouts: LayoutMap
    body_font: str
    images: dict[str, bytes]  # picture path → prepared image bytes


def write_pptx(spec: WriteInput) -> bytes:
    """Build every planned slide on the template; returns the package bytes."""
    prs = Presentation(io.BytesIO(spec.template))
    layouts = {key: prs.slide_layouts[slots.index] for key, slots in spec.layouts.layouts.items()}
    lang = spec.plan.info.language
    for planned in spec.plan.slides:
        slide = prs.slides.add_slide(layouts[planned.layout])
        _fill_slide(slide, planned, spec.layouts.layouts[planned.layout], spec, lang)
    _properties(prs, spec.plan)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _fill_slide(slide, planned: PlannedSlide, slots: LayoutSlots, spec: WriteInput, lang: str) -> None:
    tree = slide.shapes._spTree
    by_idx = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    texts = {"title": planned.title, **planned.placeholders}
    for role, block in texts.items():
        ph = by_idx.pop(slots.roles[role])
        if role != "title":
            ph.name = _ROLE_NAMES[role]
        _set_text(ph._element, block, lang, spec, slide, placeholder=True)
        _place(ph._element, block.box, slots.boxes.get(role))
    for unused in by_idx.values():
        tree.remove(unused._element)
    next_id = max(int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))) + 1
    ids: list[int] = []
    for shape in planned.shapes:
        ids.append(next_id)
        element = _shape(shape, next_id, ids, spec, slide, lang)
        tree.append(element)
        next_id += 1
    info = spec.plan.info
    if info.footer and slots.footer_idx is not None:
        tree.append(parse_xml(_footer_xml(next_id, info.footer, lang, slots.footer_idx)))
        next_id += 1
    if info.slide_numbers and slots.number_idx is not None:
        tree.append(parse_xml(_slide_number_xml(next_id, lang, slots.number_idx)))
    if planned.notes:
        notes = slide.notes_slide.notes_text_frame
        notes.text = planned.notes
        for run in notes._txBody.iter(qn("a:r")):
            run.get_or_add_rPr().set("lang", lang)


def _place(element, box: Box, inherited: Box | None) -> None:
    """Write a position only where the plan moves a placeholder away from its layout's box."""
    if inherited == box:
        return
    sp_pr = element.spPr
    for old in sp_pr.findall(qn("a:xfrm")):
        sp_pr.remove(old)
    sp_pr.insert(0, parse_xml(f'<a:xfrm {_A}><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/>'
                              '</a:xfrm>'))


def _set_text(element, block: TextBlock, lang: str, spec: WriteInput, slide, placeholder: bool) -> None:
    tx_body = element.find(qn("p:txBody"))
    new = parse_xml(_tx_body(block, lang, spec, slide, "p:txBody", placeholder))
    if tx_body is None:
        element.append(new)
    else:
        element.replace(tx_body, new)


def _tx_body(block: TextBlock, lang: str, spec: WriteInput, slide, tag: str, placeholder: bool) -> str:
    i = block.insets
    if placeholder:
        body_pr = f'<a:bodyPr anchor="{block.anchor}"><a:noAutofit/></a:bodyPr>'
    else:
        body_pr = (f'<a:bodyPr wrap="square" lIns="{i.left}" tIns="{i.top}" rIns="{i.right}" bIns="{i.bottom}" '
                   f'rtlCol="0" anchor="{block.anchor}"><a:noAutofit/></a:bodyPr>')
    paragraphs = "".join(_paragraph(p, block, lang, spec, slide, placeholder) for p in block.paragraphs)
    ns = f'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" {_A}' if tag == "p:txBody" else _A
    ns += ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    return f"<{tag} {ns}>{body_pr}<a:lstStyle/>{paragraphs or '<a:p/>'}</{tag}>"


def _paragraph(p: Paragraph, block: TextBlock, lang: str, spec: WriteInput, slide, placeholder: bool) -> str:
    size = int(round(p.size * 100))
    level = f' lvl="{p.level}"' if placeholder and p.level else ""
    ppr = (f'<a:pPr marL="{p.margin}" indent="{p.indent}"{level} algn="{p.align}"><a:lnSpc><a:spcPct val="100000"/>'
           f'</a:lnSpc><a:spcBef><a:spcPts val="{int(round(p.space_before * 100))}"/></a:spcBef>')
    if p.marker == "none":
        ppr += "<a:buNone/>"
    elif p.marker == "number":
        ppr += f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface={quoteattr(spec.body_font)}/>' \
               f'<a:buAutoNum type="arabicPeriod" startAt="{p.number}"/>'
    else:
        ppr += f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface={quoteattr(spec.body_font)}/>' \
               f'<a:buChar char="{_MARKERS[p.marker]}"/>'
    ppr += "</a:pPr>"
    runs = "".join(_run(r.text, r.bold, r.italic, r.link, size, block, lang, slide) for r in p.runs)
    return f"<a:p>{ppr}{runs}<a:endParaRPr lang=\"{lang}\" sz=\"{size}\" dirty=\"0\"/></a:p>"


def _run(text: str, bold: bool, italic: bool, link: str | None, size: int, block: TextBlock, lang: str,
         slide) -> str:
    attrs = f'lang="{lang}" sz="{size}"' + (' b="1"' if bold else "") + (' i="1"' if italic else "")
    children = ""
    if block.colour and not link:
        children += f'<a:solidFill><a:schemeClr val="{block.colour}"/></a:solidFill>'
    if block.colour or block.role == "heading":
        font = "+mj-lt" if block.role == "heading" else "+mn-lt"
        children += f'<a:latin typeface="{font}"/>'
    if link:
        rid = slide.part.relate_to(link, RT.HYPERLINK, is_external=True)
        children += f'<a:hlinkClick r:id="{rid}"/>'
    return f'<a:r><a:rPr {attrs} dirty="0">{children}</a:rPr><a:t>{escape(text)}</a:t></a:r>'


def _nv(shape_id: int, name: str, extra: str = "") -> str:
    return f'<p:cNvPr id="{shape_id}" name={quoteattr(name)}{extra}/>'


def _xfrm(box: Box) -> str:
    return f'<a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></a:xfrm>'


def _fill(colour: str | None) -> str:
    return f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>' if colour else "<a:noFill/>"


def _shape(shape: Shape, shape_id: int, ids: list[int], spec: WriteInput, slide, lang: str):
    if shape.kind == "connector":
        start, end = (ids[i] for i in shape.connect) if shape.connect else (None, None)
        cxn = f'<a:stCxn id="{start}" idx="6"/><a:endCxn id="{end}" idx="2"/>' if start else ""
        return parse_xml(
            f'<p:cxnSp {NS}><p:nvCxnSpPr>{_nv(shape_id, shape.name)}<p:cNvCxnSpPr>{cxn}</p:cNvCxnSpPr><p:nvPr/>'
            f'</p:nvCxnSpPr><p:spPr>{_xfrm(shape.box)}<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>'
            f'<a:ln w="28575">{_fill(shape.line)}</a:ln></p:spPr></p:cxnSp>')
    if shape.kind == "picture":
        return _picture(shape, shape_id, spec, slide)
    if shape.kind == "table":
        return _table(shape, shape_id, spec, slide, lang)
    text_box = shape.kind == "textbox"
    geometry = "rect" if text_box else shape.kind
    adjust = '<a:gd name="adj" fmla="val 8000"/>' if shape.kind == "roundRect" else ""
    body = _tx_body(shape.text, lang, spec, slide, "p:txBody", False) if shape.text else ""
    body = body.replace(f' xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" {_A} '
                        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', "")
    text_box_attr = ' txBox="1"' if text_box else ""
    return parse_xml(
        f'<p:sp {NS}><p:nvSpPr>{_nv(shape_id, shape.name)}<p:cNvSpPr{text_box_attr}/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr>{_xfrm(shape.box)}<a:prstGeom prst="{geometry}"><a:avLst>{adjust}</a:avLst>'
        f'</a:prstGeom>{_fill(shape.fill)}<a:ln>{_fill(shape.line)}</a:ln></p:spPr>{body}</p:sp>')


def _picture(shape: Shape, shape_id: int, spec: WriteInput, slide):
    data = spec.images[shape.picture]
    image_part, rid = slide.part.get_or_add_image_part(io.BytesIO(data))
    descr = "" if shape.decorative else f" descr={quoteattr(shape.alt or '')}"
    ext = DECORATIVE_EXT if shape.decorative else ""
    return parse_xml(
        f'<p:pic {NS}><p:nvPicPr><p:cNvPr id="{shape_id}" name={quoteattr(shape.name)}{descr}>{ext}</p:cNvPr>'
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr>{_xfrm(shape.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def _table(shape: Shape, shape_id: int, spec: WriteInput, slide, lang: str):
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in shape.column_widths)
    rows = ""
    for row, height in zip(shape.cells, shape.row_heights):
        cells = ""
        for cell in row:
            i = cell.insets
            body = _tx_body(cell, lang, spec, slide, "a:txBody", False)
            body = body.replace("<a:bodyPr", "<a:bodyPr", 1)
            cells += (f'<a:tc>{_strip_ns(body)}<a:tcPr marL="{i.left}" marR="{i.right}" marT="{i.top}" '
                      f'marB="{i.bottom}"/></a:tc>')
        rows += f'<a:tr h="{height}">{cells}</a:tr>'
    return parse_xml(
        f'<p:graphicFrame {NS}><p:nvGraphicFramePr>{_nv(shape_id, shape.name)}<p:cNvGraphicFramePr>'
        '<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
        f'<p:xfrm><a:off x="{shape.box.x}" y="{shape.box.y}"/><a:ext cx="{shape.box.w}" cy="{shape.box.h}"/></p:xfrm>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
        '<a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}</a:tableStyleId>'
        f'</a:tblPr><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>')


def _strip_ns(xml: str) -> str:
    return xml.replace(f" {_A}", "").replace(
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', "")


def _footer_xml(shape_id: int, text: str, lang: str, idx: int) -> str:
    return (f'<p:sp {NS}><p:nvSpPr>{_nv(shape_id, "Footer")}<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>'
            f'<p:ph type="ftr" sz="quarter" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>'
            f'<a:p><a:r><a:rPr lang="{lang}" dirty="0"/><a:t>{escape(text)}</a:t></a:r></a:p></p:txBody></p:sp>')


def _slide_number_xml(shape_id: int, lang: str, idx: int) -> str:
    return (f'<p:sp {NS}><p:nvSpPr>{_nv(shape_id, "Slide Number")}<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="sldNum" sz="quarter" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
            f'<a:lstStyle/><a:p><a:fld id="{SLIDENUM_FIELD_ID}" type="slidenum"><a:rPr lang="{lang}"/><a:t>‹#›</a:t>'
            '</a:fld></a:p></p:txBody></p:sp>')


def _properties(prs, plan: Plan) -> None:
    info = plan.info
    core = prs.core_properties
    core.title = info.title
    core.subject = info.subject or ""
    core.author = info.author or ""
    core.last_modified_by = info.author or ""
    core.language = info.language
    core.revision = 1
    stamp = _document_date(info.date)
    if stamp is not None:
        core.created = stamp
        core.modified = stamp
    _notes_master_id(prs)


def _document_date(deck_date: str | None) -> dt.datetime | None:
    """The deck's own date, else SOURCE_DATE_EPOCH (reproducible builds), else none: never the clock."""
    if deck_date:
        return dt.datetime.fromisoformat(deck_date + "T09:00:00")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return None


def _notes_master_id(prs) -> None:
    """python-pptx relates a notes master without listing it in presentation.xml; PowerPoint expects both."""
    part = prs.part
    for rid, rel in part.rels.items():
        if rel.reltype == RT.NOTES_MASTER:
            root = part._element
            if root.find(qn("p:notesMasterIdLst")) is None:
                lst = parse_xml(f'<p:notesMasterIdLst {NS}><p:notesMasterId r:id="{rid}"/></p:notesMasterIdLst>')
                root.find(qn("p:sldMasterIdLst")).addnext(lst)
            return
