"""Repairing a foreign template before slides are added: sample slides out, ids unique, LibreOffice's gaps filled."""

from __future__ import annotations

import io
import zipfile
from typing import Iterable

from lxml import etree

from kkrdeck.design.geometry import Box
from kkrdeck.design.shapetree import (A, CHROME_TYPES, MC, P, PML, R, TITLE_TYPES, master_placeholder, ph_elements, q,
                                      xfrm_box)
from kkrdeck.errors import TemplateError
from kkrdeck.i18n import _, ngettext
from kkrdeck.ooxml.ns import (APP_XML, CT_EXTENDED, CT_MACRO_MAINS, CT_PRESENTATION, CT_SLIDESHOW, CT_TEMPLATE, RT,
                              RT_THUMBNAIL, VIEW_PROPS_XML)


def as_presentation(data: bytes, name: str) -> bytes:
    """The package with its main part typed as a presentation: a .potx differs from a .pptx only there."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        types = zf.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError):
        raise TemplateError(_("{name}: is not a PowerPoint template — use a .pptx or .potx file "
                              "(in PowerPoint: File → Save As → PowerPoint Template)").format(name=name)) from None
    text = types.decode("utf-8")
    if any(ct in text for ct in CT_MACRO_MAINS):
        raise TemplateError(_("{name}: is a macro-enabled file — save it as a .potx (without macros) and use "
                              "that").format(name=name))
    if CT_PRESENTATION in text:
        return data
    if CT_TEMPLATE not in text and CT_SLIDESHOW not in text:
        raise TemplateError(_("{name}: is not a PowerPoint presentation or template — use a .pptx or .potx "
                              "file").format(name=name))
    return retyped(zf, text.replace(CT_TEMPLATE, CT_PRESENTATION).replace(CT_SLIDESHOW, CT_PRESENTATION))


def retyped(zf: zipfile.ZipFile, types: str) -> bytes:
    """The package with `types` as its [Content_Types].xml and every other part as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in zf.infolist():
            target.writestr(info, types.encode("utf-8") if info.filename == "[Content_Types].xml"
                            else zf.read(info.filename))
    return out.getvalue()


def tidy(prs) -> list[str]:
    """Drop sample slides, make ids and placeholder numbers unique, repair what LibreOffice exports get wrong."""
    repairs: list[str] = []
    count = _drop_slides(prs)
    if count:
        repairs.append(ngettext("left out {n} sample slide", "left out {n} sample slides", count).format(n=count))
    _replace_app_properties(prs)
    _drop_thumbnail(prs)
    if _add_view_props(prs):
        repairs.append(_("added the missing view properties part"))
    parts = [m.part for m in prs.slide_masters] + [l.part for m in prs.slide_masters for l in m.slide_layouts]
    fixed_ids = sum(_unique_shape_ids(part._element) for part in parts)
    if fixed_ids:
        repairs.append(ngettext("renumbered {n} duplicate shape id", "renumbered {n} duplicate shape ids",
                                fixed_ids).format(n=fixed_ids))
    fixed_idx = sum(_unique_placeholder_idx(l.part._element) for m in prs.slide_masters for l in m.slide_layouts)
    if fixed_idx:
        repairs.append(ngettext("renumbered {n} placeholder sharing an idx", "renumbered {n} placeholders sharing an "
                                "idx", fixed_idx).format(n=fixed_idx))
    styles = sum(_restore_text_styles(m.part._element) for m in prs.slide_masters)
    if styles:
        repairs.append(ngettext("restored the text styles of {n} master from their sample text (LibreOffice "
                                "exports them only there)",
                                "restored the text styles of {n} masters from their sample text (LibreOffice "
                                "exports them only there)", styles).format(n=styles))
    fonts = sum(_footer_fonts(m.part._element) for m in prs.slide_masters)
    if fonts:
        repairs.append(ngettext("gave {n} footer, date and slide-number placeholder the master's font explicitly "
                                "(LibreOffice does not apply the master's other-text style)",
                                "gave {n} footer, date and slide-number placeholders the master's font explicitly "
                                "(LibreOffice does not apply the master's other-text style)", fonts).format(n=fonts))
    if _lowercase_notes_master_id(prs.part._element):
        repairs.append(_("wrote the notes master's id as 'notesMasterId' (the file had 'NotesMasterId', which the "
                         "schema does not allow)"))
    stand_ins = sum(_drop_field_stand_ins(part._element) for part in parts)
    if stand_ins:
        repairs.append(ngettext("left out {n} text box that would show LibreOffice's name for a field ('<date/time>', "
                                "'<footer>', '<number>') on every slide",
                                "left out {n} text boxes that would show LibreOffice's names for fields "
                                "('<date/time>', '<footer>', '<number>') on every slide",
                                stand_ins).format(n=stand_ins))
    moved = _repair_copied_geometry(prs)
    if moved:
        repairs.append(ngettext("moved the placeholders of {n} layout to their own master's areas (they carried "
                                "another master's positions)",
                                "moved the placeholders of {n} layouts to their own master's areas (they carried "
                                "another master's positions)", moved).format(n=moved))
    return repairs


FIELD_STAND_INS = frozenset({"<date/time>", "<footer>", "<number>", "<header>"})


def _drop_field_stand_ins(root) -> int:
    """Text boxes (not placeholders) on a master or layout whose whole text is a field's name as plain text: LibreOffice
    exports a master's date field so on some templates (Lights), and every slide then shows '<date/time>'."""
    dropped = 0
    for sp in list(root.iter(q(P, "sp"))):
        if sp.find(f"{q(P, 'nvSpPr')}/{q(P, 'nvPr')}/{q(P, 'ph')}") is not None or next(sp.iter(q(A, "fld")), None) \
                is not None:
            continue
        text = "".join(t.text or "" for t in sp.iter(q(A, "t"))).strip()
        if text in FIELD_STAND_INS:
            sp.getparent().remove(sp)
            dropped += 1
    return dropped


def _lowercase_notes_master_id(pres) -> int:
    """pandoc writes <p:NotesMasterId>; the schema (and PowerPoint, which offers to repair the file) wants it
    in lower camel case like every other id list entry."""
    fixed = 0
    for el in pres.iterfind(f"{q(P, 'notesMasterIdLst')}/{q(P, 'NotesMasterId')}"):
        el.tag = q(P, "notesMasterId")
        fixed += 1
    return fixed


def _drop_slides(prs) -> int:
    pres = prs.part._element
    lst = pres.find(q(P, "sldIdLst"))
    if lst is None:
        return 0
    count = 0
    for sld_id in list(lst):
        rid = sld_id.get(q(R, "id"))
        lst.remove(sld_id)
        prs.part.drop_rel(rid)
        count += 1
    for name in ("custShowLst",):
        el = pres.find(q(P, name))
        if el is not None:
            pres.remove(el)
    ext_lst = pres.find(q(P, "extLst"))
    if ext_lst is not None:  # sections name the sample slides by id
        for ext in list(ext_lst):
            if any(etree.QName(c).localname == "sectionLst" for c in ext if isinstance(c.tag, str)):
                ext_lst.remove(ext)
        if not len(ext_lst):
            pres.remove(ext_lst)
    return count


def _replace_app_properties(prs) -> None:
    """kkrdeck's own app.xml: the output is recognised as kkrdeck's, and no stale slide titles are listed."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    for rel in package._rels.values():
        if not rel.is_external and rel.reltype.endswith("/extended-properties"):
            rel.target_part.blob = APP_XML.encode("utf-8")
            return
    part = Part(PackURI("/docProps/app.xml"), CT_EXTENDED,
                package, APP_XML.encode("utf-8"))
    package.relate_to(part, RT + "extended-properties")


def _drop_thumbnail(prs) -> None:
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT_THUMBNAIL:
            package._rels.pop(rid)


def _add_view_props(prs) -> bool:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    if any(rel.reltype == RT + "viewProps" for rel in prs.part.rels.values()):
        return False
    blob = VIEW_PROPS_XML.encode("utf-8")
    part = Part(PackURI("/ppt/viewProps.xml"), PML + "viewProps+xml", prs.part.package, blob)
    prs.part.relate_to(part, RT + "viewProps")
    return True


def _shape_cnvprs(node) -> Iterable:
    """cNvPr of every shape of a shape tree (the group itself too); of mc:AlternateContent the first branch."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == q(MC, "AlternateContent"):
            branches = [b for b in child if isinstance(b.tag, str)]
            if branches:
                yield from _shape_cnvprs(branches[0])
            continue
        local = etree.QName(child).localname
        if local.startswith("nv") and local.endswith("Pr"):
            yield from (el for el in child if isinstance(el.tag, str) and etree.QName(el).localname == "cNvPr")
        elif local in ("grpSp", "sp", "pic", "cxnSp", "graphicFrame", "contentPart"):
            yield from _shape_cnvprs(child)


def _unique_shape_ids(root) -> int:
    tree = root.find(f"{q(P, 'cSld')}/{q(P, 'spTree')}")
    if tree is None:
        return 0
    return _renumber_repeats(list(_shape_cnvprs(tree)), "id", None)


def _renumber_repeats(elements: list, attr: str, default: str | None) -> int:
    """Keep the first element with each number in `attr`; give repeats (and non-numbers) the next free ones."""
    values = [element.get(attr, default) or "" for element in elements]
    next_free = max((int(v) for v in values if v.isdigit()), default=0) + 1
    seen: set[int] = set()
    fixed = 0
    for element, raw in zip(elements, values):
        if raw.isdigit() and int(raw) not in seen:
            seen.add(int(raw))
            continue
        element.set(attr, str(next_free))
        seen.add(next_free)
        next_free += 1
        fixed += 1
    return fixed


def _unique_placeholder_idx(root) -> int:
    """Several placeholders with one idx (LibreOffice writes idx 0 for all): give each its own number."""
    phs = [ph for _, ph in ph_elements(root)]
    # the title keeps its number (idx 0 is how readers find the title): it goes first
    phs.sort(key=lambda ph: ph.get("type", "obj") not in TITLE_TYPES)
    return _renumber_repeats(phs, "idx", "0")


_AFTER_LATIN = ("ea", "cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
_RUN_ONLY = ("lang", "altLang", "dirty", "err", "smtClean", "smtId", "noProof", "bmk")
# left out of restored styles: kkrdeck measures text regular, unspaced and without caps, and sets the spacing itself
_UNMEASURED_RUN = ("b", "i", "cap", "spc", "kern", "baseline")
_UNMEASURED_PARAGRAPH = ("lnSpc", "spcBef", "spcAft", "buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts",
                         "buFontTx", "buFont", "buNone", "buAutoNum", "buChar", "buBlip")  # kkrdeck sets bullets


def _restore_text_styles(master_root) -> int:
    """A master without p:txStyles (LibreOffice 7 writes none) keeps its title and outline styles only as the
    formatting of its placeholders' sample text, which PowerPoint and LibreOffice ignore for new slides: write
    that formatting as the master's title and body styles."""
    if master_root.find(q(P, "txStyles")) is not None:
        return 0
    styles = etree.Element(q(P, "txStyles"))
    for ph_type, tag, deepest in (("title", "titleStyle", 0), ("body", "bodyStyle", 8)):
        shape = master_placeholder(master_root, ph_type)
        if shape is None:
            continue
        levels: dict[int, etree._Element] = {}
        for para in shape.iter(q(A, "p")):
            ppr = para.find(q(A, "pPr"))
            level = int(ppr.get("lvl", "0")) if ppr is not None else 0
            if level > deepest or level in levels:
                continue
            props = etree.Element(q(A, f"lvl{level + 1}pPr"))
            if ppr is not None:
                for name, value in ppr.attrib.items():
                    if name != "lvl":
                        props.set(name, value)
                for child in ppr:
                    if isinstance(child.tag, str) and etree.QName(child).localname not in (
                            "defRPr", "extLst", *_UNMEASURED_PARAGRAPH):
                        props.append(_copy(child))
            run = para.find(f"{q(A, 'r')}/{q(A, 'rPr')}")
            run = run if run is not None else para.find(q(A, "endParaRPr"))
            defaults = etree.SubElement(props, q(A, "defRPr"))
            if run is not None:
                for name, value in run.attrib.items():
                    if name not in _RUN_ONLY and name not in _UNMEASURED_RUN:
                        defaults.set(name, value)
                for child in run:
                    if isinstance(child.tag, str) and etree.QName(child).localname not in (
                            "hlinkClick", "hlinkMouseOver", "rtl", "extLst"):
                        defaults.append(_copy(child))
            levels[level] = props
        if levels:
            style = etree.SubElement(styles, q(P, tag))
            for level in sorted(levels):
                style.append(levels[level])
    if not len(styles):
        return 0
    anchor = None
    for name in ("sldLayoutIdLst", "transition", "timing", "hf"):
        found = master_root.find(q(P, name))
        anchor = found if found is not None else anchor
    if anchor is not None:
        anchor.addnext(styles)
    else:
        master_root.find(q(P, "clrMap")).addnext(styles)
    return 1


def _copy(element):
    return etree.fromstring(etree.tostring(element))


def _footer_fonts(master_root) -> int:
    """The master's footer, date and slide number placeholders name the font PowerPoint gives them (the master's
    other-text style); LibreOffice otherwise shows them in its own default font."""
    latin = master_root.find(f"{q(P, 'txStyles')}/{q(P, 'otherStyle')}/{q(A, 'lvl1pPr')}/{q(A, 'defRPr')}/"
                             f"{q(A, 'latin')}")
    if latin is None or not latin.get("typeface"):
        return 0
    fixed = 0
    for shape, ph in ph_elements(master_root):
        if ph.get("type") not in ("dt", "ftr", "sldNum"):
            continue
        tx_body = shape.find(q(P, "txBody"))
        if tx_body is None:
            continue
        lst = tx_body.find(q(A, "lstStyle"))
        if lst is None:
            lst = etree.SubElement(tx_body, q(A, "lstStyle"))
            body_pr = tx_body.find(q(A, "bodyPr"))
            (body_pr.addnext(lst) if body_pr is not None else tx_body.insert(0, lst))
        level = lst.find(q(A, "lvl1pPr"))
        if level is None:
            level = etree.Element(q(A, "lvl1pPr"))
            before = lst.find(q(A, "defPPr"))
            (before.addnext(level) if before is not None else lst.insert(0, level))
        defaults = level.find(q(A, "defRPr"))
        if defaults is None:
            defaults = etree.Element(q(A, "defRPr"))
            ext = level.find(q(A, "extLst"))
            (ext.addprevious(defaults) if ext is not None else level.append(defaults))
        if defaults.find(q(A, "latin")) is not None:
            continue
        font = etree.Element(q(A, "latin"), typeface=latin.get("typeface"))
        after = next((c for c in defaults if isinstance(c.tag, str) and etree.QName(c).localname in _AFTER_LATIN),
                     None)
        (after.addprevious(font) if after is not None else defaults.append(font))
        fixed += 1
    return fixed


def _set_xfrm(shape, box: Box) -> None:
    xfrm = shape.find(f"{q(P, 'spPr')}/{q(A, 'xfrm')}")
    xfrm.find(q(A, "off")).set("x", str(box.x))
    xfrm.find(q(A, "off")).set("y", str(box.y))
    xfrm.find(q(A, "ext")).set("cx", str(box.w))
    xfrm.find(q(A, "ext")).set("cy", str(box.h))


def _repair_copied_geometry(prs) -> int:
    """LibreOffice (7.x) writes every layout with the placeholder positions of the last master page.

    A layout whose title sits exactly where another master's title is, and not where its own master's is, got
    its positions from that master: map them onto its own master's title and body areas, as Impress does."""
    masters = [m.part._element for m in prs.slide_masters]
    titles = [xfrm_box(master_placeholder(m, "title")) for m in masters]
    bodies = [xfrm_box(master_placeholder(m, "body")) for m in masters]
    width, height = int(prs.slide_width), int(prs.slide_height)
    moved = 0
    for mi, master in enumerate(prs.slide_masters):
        sources = set()
        for layout in master.slide_layouts:
            shape = next((s for s, ph in ph_elements(layout.part._element)
                          if ph.get("type", "obj") in TITLE_TYPES), None)
            box = xfrm_box(shape)
            if box is None:
                continue
            if _near(box, titles[mi], width, height):
                sources.add(mi)
                continue
            sources.add(next((s for s, t in enumerate(titles) if s != mi and _near(box, t, width, height)), -1))
        if len(sources) != 1:
            continue
        source = sources.pop()
        if source in (mi, -1) or titles[mi] is None:
            continue
        for layout in master.slide_layouts:
            changed = False
            for shape, ph in ph_elements(layout.part._element):
                ph_type = ph.get("type", "obj")
                box = xfrm_box(shape)
                if box is None or ph_type in CHROME_TYPES:
                    continue
                if ph_type in TITLE_TYPES:
                    frm, to = titles[source], titles[mi]
                else:
                    frm, to = bodies[source], bodies[mi]
                if frm is None or to is None or not frm.w or not frm.h:
                    continue
                _set_xfrm(shape, _clamp(_map_box(box, frm, to), width, height))
                changed = True
            moved += changed
    return moved


def _near(a: Box | None, b: Box | None, width: int, height: int) -> bool:
    """Equal within 0.5 % of the slide (LibreOffice rounds the copied positions a little)."""
    if a is None or b is None:
        return False
    dx, dy = width * 0.005, height * 0.005
    return (abs(a.x - b.x) <= dx and abs(a.w - b.w) <= dx and abs(a.y - b.y) <= dy and abs(a.h - b.h) <= dy)


def _map_box(box: Box, frm: Box, to: Box) -> Box:
    sx, sy = to.w / frm.w, to.h / frm.h
    return Box(round(to.x + (box.x - frm.x) * sx), round(to.y + (box.y - frm.y) * sy), round(box.w * sx),
               round(box.h * sy))


def _clamp(box: Box, width: int, height: int) -> Box:
    x, y = max(0, box.x), max(0, box.y)
    return Box(x, y, max(1, min(box.right, width) - x), max(1, min(box.bottom, height) - y))
