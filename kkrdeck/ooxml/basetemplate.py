"""The built-in base template, generated from the brand: theme colours and fonts, master, layouts, logo."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from kkrdeck.design.geometry import Box, Geometry, Insets
from kkrdeck.design.layoutmap import LayoutMap, LayoutSlots
from kkrdeck.outline.model import Brand, hex_colour
from kkrdeck.ooxml.ns import (A_NS, APP_XML, CORE_PROPERTIES, CT_CORE, CT_EXTENDED, CT_NS, CT_PML, CT_PRESENTATION,
                              CT_RELS, CT_THEME, NAMESPACES, PR_NS, RT, RT_CORE, SLIDENUM_FIELD_ID,
                              TABLE_STYLE_ID, VIEW_PROPS_XML, XML_HEADER, escape, quoteattr)

# (layout key, Danish name, OOXML layout type): the names are what a Danish PowerPoint user sees
LAYOUTS = (
    ("cover", "Titel", "title"),
    ("content", "Titel og indhold", "obj"),
    ("section", "Sektionsoverskrift", "secHead"),
    ("two", "To indholdselementer", "twoObj"),
    ("title-only", "Kun titel", "titleOnly"),
    ("blank", "Tom", "blank"),
)


def base_layout_map(g: Geometry, footer: bool, numbers: bool) -> LayoutMap:
    """The built-in layouts as the writer sees them (placeholder idx values as written below)."""
    content = {"title": g.title, "body": g.body}
    specs = {
        "cover": ({"title": 0, "subtitle": 1}, {"title": g.cover_title, "subtitle": g.cover_subtitle}, False),
        "content": ({"title": 0, "body": 1}, content, True),
        "section": ({"title": 0, "subtitle": 1}, {"title": g.section_title, "subtitle": g.section_subtitle}, False),
        "two": ({"title": 0, "left": 1, "right": 2}, {"title": g.title, "left": g.left, "right": g.right}, True),
        "title-only": ({"title": 0}, {"title": g.title}, True),
    }
    layouts = {}
    for index, (key, name, _) in enumerate(LAYOUTS):
        if key in specs:
            roles, boxes, chrome = specs[key]
            layouts[key] = LayoutSlots(index, name, roles, boxes, 11 if chrome and footer else None,
                                       12 if chrome and numbers else None)
    return LayoutMap(layouts)


@dataclass(frozen=True)
class TemplateInput:
    brand: Brand
    geometry: Geometry
    logo: bytes | None  # a PNG or a JPEG, cleaned like every picture (ooxml.images); stored under its own type
    language: str

    @property
    def logo_part(self) -> str:
        """The logo's file in the package, named by what it is (a .png holding a JPEG is refused by some readers)."""
        return "media/logo.jpeg" if self.logo and self.logo[:3] == b"\xff\xd8\xff" else "media/logo.png"


def build_base_template(spec: TemplateInput) -> bytes:
    """A complete .pptx package without slides, as bytes, ready for python-pptx to open."""
    parts: dict[str, str | bytes] = {}
    g = spec.geometry
    layout_count = len(LAYOUTS)
    parts["[Content_Types].xml"] = _content_types(layout_count)
    parts["_rels/.rels"] = _rels([("rId1", "officeDocument", "ppt/presentation.xml"),
                                  ("rId2", RT_CORE, "docProps/core.xml"),
                                  ("rId3", "extended-properties", "docProps/app.xml")])
    parts["docProps/core.xml"] = f"{XML_HEADER}{CORE_PROPERTIES}<dc:title></dc:title></cp:coreProperties>"
    parts["docProps/app.xml"] = APP_XML
    parts["ppt/presentation.xml"] = _presentation(g, spec.language)
    parts["ppt/_rels/presentation.xml.rels"] = _rels([
        ("rId1", "slideMaster", "slideMasters/slideMaster1.xml"),
        ("rId2", "presProps", "presProps.xml"), ("rId3", "viewProps", "viewProps.xml"),
        ("rId4", "theme", "theme/theme1.xml"), ("rId5", "tableStyles", "tableStyles.xml")])
    parts["ppt/presProps.xml"] = f"{XML_HEADER}<p:presentationPr {NAMESPACES}/>"
    parts["ppt/viewProps.xml"] = VIEW_PROPS_XML
    parts["ppt/tableStyles.xml"] = f'{XML_HEADER}<a:tblStyleLst xmlns:a="{A_NS}" def="{TABLE_STYLE_ID}"/>'
    parts["ppt/theme/theme1.xml"] = theme_xml(spec.brand)
    master_rels = [(f"rId{i + 1}", "slideLayout", f"../slideLayouts/slideLayout{i + 1}.xml")
                   for i in range(layout_count)]
    master_rels.append((f"rId{layout_count + 1}", "theme", "../theme/theme1.xml"))
    logo_rid = None
    if spec.logo:
        logo_rid = f"rId{layout_count + 2}"
        master_rels.append((logo_rid, "image", f"../{spec.logo_part}"))
        parts[f"ppt/{spec.logo_part}"] = spec.logo
    parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = _rels(master_rels)
    parts["ppt/slideMasters/slideMaster1.xml"] = _master(spec, logo_rid)
    for i, (key, name, kind) in enumerate(LAYOUTS, start=1):
        rels = [("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")]
        if spec.logo and key == "cover":
            rels.append(("rId2", "image", f"../{spec.logo_part}"))
        parts[f"ppt/slideLayouts/_rels/slideLayout{i}.xml.rels"] = _rels(rels)
        parts[f"ppt/slideLayouts/slideLayout{i}.xml"] = _layout(key, name, kind, spec, "rId2" if len(rels) > 1 else None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


def _content_types(layouts: int) -> str:
    overrides = [("/ppt/presentation.xml", CT_PRESENTATION),
                 ("/ppt/slideMasters/slideMaster1.xml", f"{CT_PML}slideMaster+xml"),
                 ("/ppt/theme/theme1.xml", CT_THEME),
                 ("/ppt/presProps.xml", f"{CT_PML}presProps+xml"), ("/ppt/viewProps.xml", f"{CT_PML}viewProps+xml"),
                 ("/ppt/tableStyles.xml", f"{CT_PML}tableStyles+xml"),
                 ("/docProps/core.xml", CT_CORE), ("/docProps/app.xml", CT_EXTENDED)]
    overrides += [(f"/ppt/slideLayouts/slideLayout{i}.xml", f"{CT_PML}slideLayout+xml")
                  for i in range(1, layouts + 1)]
    body = "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
    return (f'{XML_HEADER}<Types xmlns="{CT_NS}"><Default Extension="rels" ContentType="{CT_RELS}"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            '<Default Extension="jpeg" ContentType="image/jpeg"/>'
            f'{body}</Types>')


def _rels(items: list[tuple[str, str, str]]) -> str:
    body = ""
    for rid, kind, target in items:  # kind: a full relationship type, or the last part of an officeDocument one
        rel_type = kind if kind.startswith("http") else RT + kind
        body += f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"/>'
    return f'{XML_HEADER}<Relationships xmlns="{PR_NS}">{body}</Relationships>'


def _presentation(g: Geometry, language: str) -> str:
    return (f'{XML_HEADER}<p:presentation {NAMESPACES} saveSubsetFonts="1">'
            '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
            f'<p:sldSz cx="{g.width}" cy="{g.height}"/><p:notesSz cx="6858000" cy="9144000"/>'
            f'<p:defaultTextStyle><a:defPPr><a:defRPr lang="{language}"/></a:defPPr></p:defaultTextStyle>'
            '</p:presentation>')


# --- theme ----------------------------------------------------------------------------------------------------

def theme_colours(brand: Brand) -> dict[str, str]:
    """The brand's colours in the theme's twelve slots."""
    c = brand.colours
    accents = [c.primary, c.secondary, *c.accents]
    while len(accents) < 6:
        accents.append(accents[len(accents) % 2])
    return {
        "dk1": hex_colour(c.text), "lt1": hex_colour(c.background), "dk2": hex_colour(c.primary),
        "lt2": hex_colour(c.light or "#EEF2F5"),
        **{f"accent{i}": hex_colour(v) for i, v in enumerate(accents[:6], start=1)},
        "hlink": hex_colour(c.secondary), "folHlink": hex_colour(c.primary),
    }


def theme_xml(brand: Brand) -> str:
    colours = "".join(f"<a:{k}><a:srgbClr val=\"{v}\"/></a:{k}>" for k, v in theme_colours(brand).items())
    heading, body = quoteattr(brand.fonts.heading), quoteattr(brand.fonts.body)
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = '<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' \
           '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return (f'{XML_HEADER}<a:theme xmlns:a="{A_NS}" name={quoteattr(brand.name)}><a:themeElements>'
            f'<a:clrScheme name={quoteattr(brand.name)}>{colours}</a:clrScheme>'
            f'<a:fontScheme name={quoteattr(brand.name)}>'
            f'<a:majorFont><a:latin typeface={heading}/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
            f'<a:minorFont><a:latin typeface={body}/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>'
            '</a:fontScheme>'
            f'<a:fmtScheme name={quoteattr(brand.name)}><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
            f'<a:lnStyleLst>{line.format(w=9525)}{line.format(w=19050)}{line.format(w=28575)}</a:lnStyleLst>'
            f'<a:effectStyleLst>{effect * 3}</a:effectStyleLst>'
            f'<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme>'
            '</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')


# --- master and layouts ---------------------------------------------------------------------------------------

def _xfrm(box: Box) -> str:
    return f'<a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></a:xfrm>'


def _body_pr(anchor: str, insets: Insets = Insets()) -> str:
    return (f'<a:bodyPr vert="horz" wrap="square" lIns="{insets.left}" tIns="{insets.top}" rIns="{insets.right}" '
            f'bIns="{insets.bottom}" rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>')


def _placeholder(shape_id: int, name: str, ph: str, box: Box | None, anchor: str, prompt: str, lang: str,
                 lst_style: str = "") -> str:
    geometry = f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>' if box else "<p:spPr/>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f'</p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>{geometry}<p:txBody>{_body_pr(anchor)}'
            f'<a:lstStyle>{lst_style}</a:lstStyle><a:p><a:r><a:rPr lang="{lang}"/><a:t>{escape(prompt)}</a:t></a:r>'
            '</a:p></p:txBody></p:sp>')


def _footer_placeholders(start_id: int, spec: TemplateInput, with_geometry: bool) -> str:
    g, lang = spec.geometry, spec.language
    shapes = ""
    if spec.brand.footer:
        style = ('<a:lvl1pPr algn="l"><a:defRPr sz="1200"><a:solidFill><a:schemeClr val="tx1"><a:lumMod val="75000"/>'
                 '<a:lumOff val="25000"/></a:schemeClr></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr>')
        shapes += _placeholder(start_id, "Footer", '<p:ph type="ftr" sz="quarter" idx="11"/>',
                               g.footer if with_geometry else None, "ctr", spec.brand.footer, lang,
                               style if with_geometry else "")
    if spec.brand.slide_numbers:
        style = ('<a:lvl1pPr algn="r"><a:defRPr sz="1200"><a:solidFill><a:schemeClr val="tx1"><a:lumMod val="75000"/>'
                 '<a:lumOff val="25000"/></a:schemeClr></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr>')
        geometry = f'<p:spPr>{_xfrm(g.slide_number)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>' \
            if with_geometry else "<p:spPr/>"
        shapes += (f'<p:sp><p:nvSpPr><p:cNvPr id="{start_id + 1}" name="Slide Number"/><p:cNvSpPr>'
                   '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="12"/></p:nvPr>'
                   f'</p:nvSpPr>{geometry}<p:txBody>{_body_pr("ctr")}<a:lstStyle>{style if with_geometry else ""}'
                   f'</a:lstStyle><a:p><a:fld id="{SLIDENUM_FIELD_ID}" type="slidenum"><a:rPr lang="{lang}"/>'
                   '<a:t>‹#›</a:t></a:fld></a:p></p:txBody></p:sp>')
    return shapes


def _logo(shape_id: int, box: Box, rid: str, brand: Brand) -> str:
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="Logo" descr={quoteattr(brand.name + " logo")}/>'
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def _rect(shape_id: int, name: str, box: Box, colour: str) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr/><p:nvPr userDrawn="1"/>'
            f'</p:nvSpPr><p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
            f'<a:schemeClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>')


_TREE_START = ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
               '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
               '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>')


def _font_refs(major: bool) -> str:
    kind = "mj" if major else "mn"
    return f'<a:latin typeface="+{kind}-lt"/><a:ea typeface="+{kind}-ea"/><a:cs typeface="+{kind}-cs"/>'


def _text_styles(spec: TemplateInput) -> str:
    sizes = spec.brand.sizes
    g = spec.geometry
    title = (f'<p:titleStyle><a:lvl1pPr algn="l" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
             '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
             f'<a:defRPr lang="{spec.language}" sz="{int(sizes.title * 100)}" b="1" kern="1200"><a:solidFill>'
             f'<a:schemeClr val="tx2"/></a:solidFill>{_font_refs(True)}</a:defRPr></a:lvl1pPr></p:titleStyle>')
    body_levels = ""
    bullets = ("•", "–", "•", "–", "•", "–", "•", "–", "•")
    body_font = quoteattr(spec.brand.fonts.body)
    for level in range(9):
        size = sizes.body[min(level, len(sizes.body) - 1)]
        margin = g.margins[min(level, len(g.margins) - 1)] + max(0, level - 3) * 342900
        indent = g.indents[min(level, len(g.indents) - 1)]
        before = round(size * (50 if level == 0 else 20))
        body_levels += (f'<a:lvl{level + 1}pPr marL="{margin}" indent="{indent}" algn="l" rtl="0" eaLnBrk="1" '
                        'latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
                        f'<a:spcBef><a:spcPts val="{before}"/></a:spcBef><a:buClr><a:schemeClr val="accent1"/>'
                        f'</a:buClr><a:buFont typeface={body_font}/><a:buChar char="{bullets[level]}"/>'
                        f'<a:defRPr lang="{spec.language}" sz="{int(size * 100)}" kern="1200"><a:solidFill>'
                        f'<a:schemeClr val="tx1"/></a:solidFill>{_font_refs(False)}</a:defRPr></a:lvl{level + 1}pPr>')
    other = (f'<p:otherStyle><a:defPPr><a:defRPr lang="{spec.language}"/></a:defPPr><a:lvl1pPr marL="0" algn="l">'
             f'<a:defRPr sz="1800" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
             f'{_font_refs(False)}</a:defRPr></a:lvl1pPr></p:otherStyle>')
    return f'<p:txStyles>{title}<p:bodyStyle>{body_levels}</p:bodyStyle>{other}</p:txStyles>'


def _master(spec: TemplateInput, logo_rid: str | None) -> str:
    g, lang = spec.geometry, spec.language
    shapes = _placeholder(2, "Title", '<p:ph type="title"/>', g.title, "b", "Klik for at redigere titlen", lang)
    shapes += _placeholder(3, "Body", '<p:ph type="body" idx="1"/>', g.body, "t",
                           "Klik for at redigere teksten", lang)
    shapes += _footer_placeholders(4, spec, True)
    shapes += _rect(6, "Title rule", g.title_rule, "accent2")
    if logo_rid:
        shapes += _logo(7, g.logo, logo_rid, spec.brand)
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="rId{i + 1}"/>' for i in range(len(LAYOUTS)))
    return (f'{XML_HEADER}<p:sldMaster {NAMESPACES}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
            f'{_TREE_START}{shapes}</p:spTree></p:cSld>'
            '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
            'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
            f'folHlink="folHlink"/><p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>{_text_styles(spec)}</p:sldMaster>')


def _white(size: float | None = None, bold: bool | None = None) -> str:
    attrs = (f' sz="{int(size * 100)}"' if size else "") + (f' b="{int(bold)}"' if bold is not None else "")
    return (f'<a:lvl1pPr marL="0" indent="0"><a:buNone/><a:defRPr{attrs}><a:solidFill><a:schemeClr val="bg1"/>'
            '</a:solidFill></a:defRPr></a:lvl1pPr>')


def _layout(key: str, name: str, kind: str, spec: TemplateInput, logo_rid: str | None) -> str:
    g, lang, sizes = spec.geometry, spec.language, spec.brand.sizes
    show_master = key not in ("cover", "section")
    background = ""
    shapes = ""
    next_id = 2
    if key == "cover":
        shapes += _rect(next_id, "Cover panel", g.cover_panel, "tx2")
        shapes += _placeholder(next_id + 1, "Title", '<p:ph type="ctrTitle"/>', g.cover_title, "b",
                               "Klik for at redigere titlen", lang, _white(sizes.title + 8))
        shapes += _placeholder(next_id + 2, "Subtitle", '<p:ph type="subTitle" idx="1"/>', g.cover_subtitle, "t",
                               "Klik for at redigere undertitlen", lang, _white(22, False))
        if logo_rid:
            shapes += _logo(next_id + 3, g.cover_logo, logo_rid, spec.brand)
    elif key == "section":
        background = ('<p:bg><p:bgPr><a:solidFill><a:schemeClr val="accent2"/></a:solidFill><a:effectLst/></p:bgPr>'
                      '</p:bg>')
        shapes += _placeholder(next_id, "Title", '<p:ph type="title"/>', g.section_title, "b",
                               "Klik for at redigere titlen", lang, _white(sizes.title + 4))
        shapes += _placeholder(next_id + 1, "Subtitle", '<p:ph type="body" idx="1"/>', g.section_subtitle, "t",
                               "Klik for at redigere teksten", lang, _white(22, False))
    elif key in ("content", "two", "title-only"):
        shapes += _placeholder(next_id, "Title", '<p:ph type="title"/>', None, "b", "Klik for at redigere titlen", lang)
        if key == "content":
            shapes += _placeholder(next_id + 1, "Content", '<p:ph idx="1"/>', None, "t",
                                   "Klik for at redigere teksten", lang)
        elif key == "two":
            shapes += _placeholder(next_id + 1, "Left content", '<p:ph sz="half" idx="1"/>', g.left, "t",
                                   "Klik for at redigere teksten", lang)
            shapes += _placeholder(next_id + 2, "Right content", '<p:ph sz="half" idx="2"/>', g.right, "t",
                                   "Klik for at redigere teksten", lang)
        shapes += _footer_placeholders(next_id + 3, spec, False)
    else:
        shapes += _footer_placeholders(next_id, spec, False)
    attrs = ' showMasterSp="0"' if not show_master else ""
    return (f'{XML_HEADER}<p:sldLayout {NAMESPACES} type="{kind}" preserve="1"{attrs}><p:cSld name={quoteattr(name)}>{background}'
            f'{_TREE_START}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>'
            '</p:sldLayout>')
