"""An organisation's own template (.pptx/.potx): tidied, sample slides dropped, layouts found by what they hold."""

from __future__ import annotations

import difflib
import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from lxml import etree

from kkrdeck.errors import Problem, TemplateError, display_path
from kkrdeck.design.geometry import Box, Geometry, Insets, default_geometry, inch
from kkrdeck.design.layoutmap import LayoutMap, LayoutSlots
from kkrdeck.design.metrics import FaceFiles
from kkrdeck.outline.resources import BUNDLED

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
CT_PRESENTATION = _PML + "presentation.main+xml"
CT_TEMPLATE = _PML + "template.main+xml"
CT_SLIDESHOW = _PML + "slideshow.main+xml"
_MACRO = ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
          "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
          "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml")
_RT_VIEW_PROPS = _R + "/viewProps"
_RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<Application>kkrdeck</Application></Properties>')

TITLE_TYPES = ("title", "ctrTitle")
BODY_TYPES = ("body", "obj")  # an OBJECT placeholder takes text like a body placeholder
CHROME_TYPES = ("dt", "ftr", "sldNum", "hdr")
VERTICAL = ("vert", "vert270", "eaVert", "wordArtVert", "mongolianVert", "wordArtVertRtl")

_WORDS = {"title": "title", "ctrTitle": "title", "subTitle": "subtitle", "body": "body", "obj": "body",
          "pic": "picture", "chart": "chart", "tbl": "table", "dgm": "diagram", "media": "media",
          "clipArt": "clip art", "sldImg": "slide image"}

KEYS = ("cover", "content", "section", "two", "title-only", "blank")
KEY_LABELS = {"cover": "title slide", "content": "title and body", "section": "section header",
              "two": "two content", "title-only": "title only", "blank": "blank"}
# slide kinds of deck.yaml (and of `layouts:` in the brand file) → the layout key that carries them
KEY_OF_KIND = {"title": "cover", "bullets": "content", "section": "section", "two-column": "two",
               "process": "title-only", "statements": "title-only", "image": "title-only", "table": "title-only"}
KINDS_OF_KEY = {key: tuple(k for k, v in KEY_OF_KIND.items() if v == key) for key in KEYS}

# fontconfig's metric-compatible stand-ins: measuring with these is measuring the original
METRIC_ALIASES = {
    "calibri": ("carlito",), "cambria": ("caladea",), "georgia": ("gelasio",),
    "arial": ("liberation sans", "arimo"), "helvetica": ("liberation sans", "arimo"),
    "times new roman": ("liberation serif", "tinos"), "times": ("liberation serif", "tinos"),
    "courier new": ("liberation mono", "cousine"), "arial narrow": ("liberation sans narrow",),
}
BUNDLED_FONTS = BUNDLED / "fonts"
_FACE_STYLES = (("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic"), ("bold_italic", "BoldItalic"))


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


# --- what a template holds ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Placeholder:
    """One placeholder of a layout, with the position and text insets it ends up with (own or the master's)."""

    type: str
    idx: int
    name: str
    box: Box | None
    inherited: bool  # position comes from the master
    insets: Insets
    vertical: bool

    @property
    def role(self) -> str:
        if self.type in TITLE_TYPES:
            return "title"
        if self.type in BODY_TYPES:
            return "body"
        if self.type == "subTitle":
            return "subtitle"
        if self.type in CHROME_TYPES:
            return "chrome"
        return "other"  # picture, chart, table, media …


@dataclass(frozen=True)
class Layout:
    index: int  # position among all layouts of all masters, in order: what the writer opens
    master: int  # 0-based
    name: str
    type: str
    placeholders: tuple[Placeholder, ...]

    def of(self, role: str) -> list[Placeholder]:
        return [p for p in self.placeholders if p.role == role]

    def first(self, ph_type: str) -> Placeholder | None:
        return next((p for p in self.placeholders if p.type == ph_type), None)

    @property
    def vertical(self) -> bool:
        return any(p.vertical for p in self.placeholders if p.role in ("title", "body", "subtitle"))

    def summary(self) -> str:
        """What the layout holds, in words: 'title, subtitle'."""
        parts = [_WORDS.get(p.type, p.type) for p in self.placeholders if p.role != "chrome"]
        return ", ".join(parts) if parts else "no placeholders"


@dataclass(frozen=True)
class Choice:
    """Which layout carries a layout key, and how it was found."""

    key: str
    layout: Layout | None
    how: str  # found | named | fallback | missing
    note: str = ""


@dataclass(frozen=True)
class Template:
    path: Path
    package: bytes  # the tidied template without slides, ready for python-pptx
    width: int
    height: int
    masters: int
    sample_slides: int
    layouts: tuple[Layout, ...]
    choices: dict[str, Choice]
    layout_map: LayoutMap
    geometry: Geometry
    heading_font: str  # the theme's major (headings) latin font
    body_font: str  # the font body placeholders are set in (normally the theme's minor font)
    repairs: tuple[str, ...] = ()
    footer: Placeholder | None = None  # the footer placeholder of the title-and-body layout
    footer_size: float = 18.0  # pt, as the template sets footer text

    @property
    def name(self) -> str:
        return display_path(self.path)

    def missing_for(self, layout_keys: Iterable[str]) -> list[str]:
        return [k for k in dict.fromkeys(layout_keys) if k not in self.layout_map.layouts]

    def footer_problem(self, text: str, measurer) -> str | None:
        """Why the footer text cannot go into the template's footer placeholder on one line, or None if it can."""
        from kkrdeck.plan.textfit import text_height, text_width

        ph = self.footer
        if ph is None or ph.box is None:
            return None
        width = measurer.width(text, self.footer_size)
        if width <= text_width(ph.box, ph.insets, 0) and \
                measurer.line_height(self.footer_size) <= text_height(ph.box, ph.insets) * 1.5:
            return None
        return (f"the footer text '{text}' is too long for {self.name}'s footer box ({ph.box.w / 360000:.1f} cm at "
                f"{self.footer_size:g} pt), so it is left out — shorten 'footer:' in the brand file")

    def check_plan(self, plan) -> None:
        """Every planned slide has a layout on this template, or a TemplateError says which slides do not."""
        lines: dict[str, list[int]] = {}
        for slide in plan.slides:
            if slide.layout not in self.layout_map.layouts:
                lines.setdefault(slide.layout, []).append(slide.source_line)
        if lines:
            raise TemplateError(missing_layouts_message(self, lines))


@dataclass(frozen=True)
class Override:
    """`layouts: {kind: layout name}` from the brand file, with where it was written (for messages)."""

    kind: str
    name: str
    where: str = ""  # "assets/brand.yaml:27:12"


# --- loading --------------------------------------------------------------------------------------------------

def load_template(path: Path, overrides: tuple[Override, ...] = ()) -> Template:
    """Read, tidy and analyse a template; the result is cached while the file is unchanged."""
    path = Path(path).resolve()
    try:
        stat = path.stat()
    except OSError:
        raise TemplateError(f"{display_path(path)}: the template file does not exist — check the path") from None
    if not path.is_file():
        raise TemplateError(f"{display_path(path)}: is a folder, not a template file (.pptx or .potx)")
    return _load(str(path), stat.st_mtime_ns, stat.st_size, tuple(overrides))


@lru_cache(maxsize=8)
def _load(path_text: str, _mtime: int, _size: int, overrides: tuple[Override, ...]) -> Template:
    from pptx import Presentation

    path = Path(path_text)
    data = as_presentation(path.read_bytes(), display_path(path))
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds on a damaged package
        raise TemplateError(f"{display_path(path)}: cannot be read as a PowerPoint file ({exc}) — open it in "
                            "PowerPoint and save it again as .potx") from None
    samples = _sample_slides(prs)
    repairs = _tidy(prs)
    layouts = tuple(_read_layouts(prs))
    width, height = int(prs.slide_width), int(prs.slide_height)
    cover_master, content_master = _preferred_masters(samples, layouts)
    choices = choose_layouts(layouts, width, height, overrides, cover_master, content_master, display_path(path))
    theme = _theme_fonts(prs.slide_masters[choices["content"].layout.master])
    body_font = _body_font(prs, choices["content"].layout, theme)
    geometry = _geometry(prs, width, height, choices)
    footer = choices["content"].layout.first("ftr")
    footer_size = _footer_size(prs, choices["content"].layout) if footer is not None else 18.0
    buffer = io.BytesIO()
    prs.save(buffer)
    return Template(path, buffer.getvalue(), width, height, len(prs.slide_masters), len(samples), layouts, choices,
                    layout_map(choices), geometry, theme[0], body_font, tuple(repairs), footer, footer_size)


def as_presentation(data: bytes, name: str) -> bytes:
    """The package with its main part typed as a presentation: a .potx differs from a .pptx only there."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        types = zf.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError):
        raise TemplateError(f"{name}: is not a PowerPoint template — use a .pptx or .potx file "
                            "(in PowerPoint: File → Save As → PowerPoint Template)") from None
    text = types.decode("utf-8")
    if any(ct in text for ct in _MACRO):
        raise TemplateError(f"{name}: is a macro-enabled file — save it as a .potx (without macros) and use that")
    if CT_PRESENTATION in text:
        return data
    if CT_TEMPLATE not in text and CT_SLIDESHOW not in text:
        raise TemplateError(f"{name}: is not a PowerPoint presentation or template — use a .pptx or .potx file")
    text = text.replace(CT_TEMPLATE, CT_PRESENTATION).replace(CT_SLIDESHOW, CT_PRESENTATION)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in zf.infolist():
            target.writestr(info, text.encode("utf-8") if info.filename == "[Content_Types].xml"
                            else zf.read(info.filename))
    return out.getvalue()


# --- tidying: what every template gets before slides are added ------------------------------------------------

@dataclass(frozen=True)
class _Sample:
    master: int
    layout: int


def _sample_slides(prs) -> list[_Sample]:
    index = _layout_index(prs)
    masters = {id(m.part): n for n, m in enumerate(prs.slide_masters)}
    return [_Sample(masters[id(s.slide_layout.slide_master.part)], index[id(s.slide_layout.part)])
            for s in prs.slides]


def _layout_index(prs) -> dict[int, int]:
    return {id(layout.part): n for n, layout in enumerate(l for m in prs.slide_masters for l in m.slide_layouts)}


def _tidy(prs) -> list[str]:
    """Drop sample slides, make ids and placeholder numbers unique, repair what LibreOffice exports get wrong."""
    repairs: list[str] = []
    count = _drop_slides(prs)
    if count:
        repairs.append(f"left out {count} sample slide{'s' if count != 1 else ''}")
    _replace_app_properties(prs)
    _drop_thumbnail(prs)
    if _add_view_props(prs):
        repairs.append("added the missing view properties part")
    parts = [m.part for m in prs.slide_masters] + [l.part for m in prs.slide_masters for l in m.slide_layouts]
    fixed_ids = sum(_unique_shape_ids(part._element) for part in parts)
    if fixed_ids:
        repairs.append(f"renumbered {fixed_ids} duplicate shape id{'s' if fixed_ids != 1 else ''}")
    fixed_idx = sum(_unique_placeholder_idx(l.part._element) for m in prs.slide_masters for l in m.slide_layouts)
    if fixed_idx:
        repairs.append(f"renumbered {fixed_idx} placeholder{'s' if fixed_idx != 1 else ''} sharing an idx")
    styles = sum(_restore_text_styles(m.part._element) for m in prs.slide_masters)
    if styles:
        repairs.append(f"restored the text styles of {styles} master{'s' if styles != 1 else ''} from their "
                       "sample text (LibreOffice exports them only there)")
    fonts = sum(_footer_fonts(m.part._element) for m in prs.slide_masters)
    if fonts:
        repairs.append(f"gave {fonts} footer, date and slide-number placeholder{'s' if fonts != 1 else ''} the "
                       "master's font explicitly (LibreOffice does not apply the master's other-text style)")
    moved = _repair_copied_geometry(prs)
    if moved:
        repairs.append(f"moved the placeholders of {moved} layout{'s' if moved != 1 else ''} to their own master's "
                       "areas (they carried another master's positions)")
    return repairs


def _drop_slides(prs) -> int:
    pres = prs.part._element
    lst = pres.find(_q(_P, "sldIdLst"))
    if lst is None:
        return 0
    count = 0
    for sld_id in list(lst):
        rid = sld_id.get(_q(_R, "id"))
        lst.remove(sld_id)
        prs.part.drop_rel(rid)
        count += 1
    for name in ("custShowLst",):
        el = pres.find(_q(_P, name))
        if el is not None:
            pres.remove(el)
    ext_lst = pres.find(_q(_P, "extLst"))
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
            rel.target_part.blob = _APP_XML.encode("utf-8")
            return
    part = Part(PackURI("/docProps/app.xml"), "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                package, _APP_XML.encode("utf-8"))
    package.relate_to(part, _R + "/extended-properties")


def _drop_thumbnail(prs) -> None:
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == _RT_THUMBNAIL:
            package._rels.pop(rid)


def _add_view_props(prs) -> bool:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    if any(rel.reltype == _RT_VIEW_PROPS for rel in prs.part.rels.values()):
        return False
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:viewPr xmlns:a="{_A}" xmlns:r="{_R}" '
            f'xmlns:p="{_P}"><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>').encode("utf-8")
    part = Part(PackURI("/ppt/viewProps.xml"), _PML + "viewProps+xml", prs.part.package, blob)
    prs.part.relate_to(part, _RT_VIEW_PROPS)
    return True


def _shape_cnvprs(node) -> Iterable:
    """cNvPr of every shape of a shape tree (the group itself too); of mc:AlternateContent the first branch."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == _q(_MC, "AlternateContent"):
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
    tree = root.find(f"{_q(_P, 'cSld')}/{_q(_P, 'spTree')}")
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


def _ph_elements(root) -> list:
    """(shape element, p:ph element) of every placeholder in a shape tree, in document order."""
    found = []
    for ph in root.iter(_q(_P, "ph")):
        nv_pr = ph.getparent()
        shape = nv_pr.getparent().getparent() if nv_pr is not None and nv_pr.getparent() is not None else None
        if shape is not None:
            found.append((shape, ph))
    return found


def _unique_placeholder_idx(root) -> int:
    """Several placeholders with one idx (LibreOffice writes idx 0 for all): give each its own number."""
    phs = [ph for _, ph in _ph_elements(root)]
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
    if master_root.find(_q(_P, "txStyles")) is not None:
        return 0
    styles = etree.Element(_q(_P, "txStyles"))
    for ph_type, tag, deepest in (("title", "titleStyle", 0), ("body", "bodyStyle", 8)):
        shape = _master_placeholder(master_root, ph_type)
        if shape is None:
            continue
        levels: dict[int, etree._Element] = {}
        for para in shape.iter(_q(_A, "p")):
            ppr = para.find(_q(_A, "pPr"))
            level = int(ppr.get("lvl", "0")) if ppr is not None else 0
            if level > deepest or level in levels:
                continue
            props = etree.Element(_q(_A, f"lvl{level + 1}pPr"))
            if ppr is not None:
                for name, value in ppr.attrib.items():
                    if name != "lvl":
                        props.set(name, value)
                for child in ppr:
                    if isinstance(child.tag, str) and etree.QName(child).localname not in (
                            "defRPr", "extLst", *_UNMEASURED_PARAGRAPH):
                        props.append(_copy(child))
            run = para.find(f"{_q(_A, 'r')}/{_q(_A, 'rPr')}")
            run = run if run is not None else para.find(_q(_A, "endParaRPr"))
            defaults = etree.SubElement(props, _q(_A, "defRPr"))
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
            style = etree.SubElement(styles, _q(_P, tag))
            for level in sorted(levels):
                style.append(levels[level])
    if not len(styles):
        return 0
    anchor = None
    for name in ("sldLayoutIdLst", "transition", "timing", "hf"):
        found = master_root.find(_q(_P, name))
        anchor = found if found is not None else anchor
    if anchor is not None:
        anchor.addnext(styles)
    else:
        master_root.find(_q(_P, "clrMap")).addnext(styles)
    return 1


def _copy(element):
    return etree.fromstring(etree.tostring(element))


def _footer_fonts(master_root) -> int:
    """The master's footer, date and slide number placeholders name the font PowerPoint gives them (the master's
    other-text style); LibreOffice otherwise shows them in its own default font."""
    latin = master_root.find(f"{_q(_P, 'txStyles')}/{_q(_P, 'otherStyle')}/{_q(_A, 'lvl1pPr')}/{_q(_A, 'defRPr')}/"
                             f"{_q(_A, 'latin')}")
    if latin is None or not latin.get("typeface"):
        return 0
    fixed = 0
    for shape, ph in _ph_elements(master_root):
        if ph.get("type") not in ("dt", "ftr", "sldNum"):
            continue
        tx_body = shape.find(_q(_P, "txBody"))
        if tx_body is None:
            continue
        lst = tx_body.find(_q(_A, "lstStyle"))
        if lst is None:
            lst = etree.SubElement(tx_body, _q(_A, "lstStyle"))
            body_pr = tx_body.find(_q(_A, "bodyPr"))
            (body_pr.addnext(lst) if body_pr is not None else tx_body.insert(0, lst))
        level = lst.find(_q(_A, "lvl1pPr"))
        if level is None:
            level = etree.Element(_q(_A, "lvl1pPr"))
            before = lst.find(_q(_A, "defPPr"))
            (before.addnext(level) if before is not None else lst.insert(0, level))
        defaults = level.find(_q(_A, "defRPr"))
        if defaults is None:
            defaults = etree.Element(_q(_A, "defRPr"))
            ext = level.find(_q(_A, "extLst"))
            (ext.addprevious(defaults) if ext is not None else level.append(defaults))
        if defaults.find(_q(_A, "latin")) is not None:
            continue
        font = etree.Element(_q(_A, "latin"), typeface=latin.get("typeface"))
        after = next((c for c in defaults if isinstance(c.tag, str) and etree.QName(c).localname in _AFTER_LATIN),
                     None)
        (after.addprevious(font) if after is not None else defaults.append(font))
        fixed += 1
    return fixed


def _xfrm_box(shape) -> Box | None:
    if shape is None:
        return None
    sp_pr = shape.find(_q(_P, "spPr"))
    xfrm = sp_pr.find(_q(_A, "xfrm")) if sp_pr is not None else None
    if xfrm is None:
        return None
    off, ext = xfrm.find(_q(_A, "off")), xfrm.find(_q(_A, "ext"))
    if off is None or ext is None:
        return None
    return Box(int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))


def _set_xfrm(shape, box: Box) -> None:
    xfrm = shape.find(f"{_q(_P, 'spPr')}/{_q(_A, 'xfrm')}")
    xfrm.find(_q(_A, "off")).set("x", str(box.x))
    xfrm.find(_q(_A, "off")).set("y", str(box.y))
    xfrm.find(_q(_A, "ext")).set("cx", str(box.w))
    xfrm.find(_q(_A, "ext")).set("cy", str(box.h))


def _master_placeholder(master_root, ph_type: str):
    """The master's placeholder a layout placeholder of this type inherits from."""
    wanted = "title" if ph_type in TITLE_TYPES else ph_type if ph_type in CHROME_TYPES else "body"
    for shape, ph in _ph_elements(master_root):
        if ph.get("type", "obj") == wanted:
            return shape
    return None


def _repair_copied_geometry(prs) -> int:
    """LibreOffice (7.x) writes every layout with the placeholder positions of the last master page.

    A layout whose title sits exactly where another master's title is, and not where its own master's is, got
    its positions from that master: map them onto its own master's title and body areas, as Impress does."""
    masters = [m.part._element for m in prs.slide_masters]
    titles = [_xfrm_box(_master_placeholder(m, "title")) for m in masters]
    bodies = [_xfrm_box(_master_placeholder(m, "body")) for m in masters]
    width, height = int(prs.slide_width), int(prs.slide_height)
    moved = 0
    for mi, master in enumerate(prs.slide_masters):
        sources = set()
        for layout in master.slide_layouts:
            shape = next((s for s, ph in _ph_elements(layout.part._element)
                          if ph.get("type", "obj") in TITLE_TYPES), None)
            box = _xfrm_box(shape)
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
            for shape, ph in _ph_elements(layout.part._element):
                ph_type = ph.get("type", "obj")
                box = _xfrm_box(shape)
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


# --- reading the layouts --------------------------------------------------------------------------------------

def _insets(body_pr, fallback: Insets) -> Insets:
    if body_pr is None:
        return fallback

    def get(attr: str, default: int) -> int:
        value = body_pr.get(attr)
        return int(value) if value is not None and value.lstrip("-").isdigit() else default

    return Insets(get("lIns", fallback.left), get("tIns", fallback.top), get("rIns", fallback.right),
                  get("bIns", fallback.bottom))


def _body_pr(shape):
    return shape.find(f"{_q(_P, 'txBody')}/{_q(_A, 'bodyPr')}") if shape is not None else None


def _read_layouts(prs) -> Iterable[Layout]:
    index = 0
    for mi, master in enumerate(prs.slide_masters):
        master_root = master.part._element
        for layout in master.slide_layouts:
            root = layout.part._element
            placeholders = []
            for shape, ph in _ph_elements(root):
                ph_type = ph.get("type", "obj")
                base = _master_placeholder(master_root, ph_type)
                own = _xfrm_box(shape)
                box = own or _xfrm_box(base)
                insets = _insets(_body_pr(shape), _insets(_body_pr(base), Insets()))
                vert = (_body_pr(shape).get("vert") if _body_pr(shape) is not None else None) or \
                    (_body_pr(base).get("vert") if _body_pr(base) is not None else None)
                name = shape.find(f".//{_q(_P, 'cNvPr')}")
                placeholders.append(Placeholder(ph_type, int(ph.get("idx", "0")),
                                                name.get("name", "") if name is not None else "", box,
                                                own is None and box is not None, insets, vert in VERTICAL))
            c_sld = root.find(_q(_P, "cSld"))
            yield Layout(index, mi, c_sld.get("name", "") if c_sld is not None else "", root.get("type", "cust"),
                         tuple(placeholders))
            index += 1


def _preferred_masters(samples: list[_Sample], layouts: tuple[Layout, ...]) -> tuple[int | None, int | None]:
    """The masters the template's own sample slides use: the first slide's for covers, a later one for content."""
    if not samples:
        return None, None
    cover = samples[0].master
    later = samples[1:]
    with_body = [s for s in later if layouts[s.layout].of("title") and layouts[s.layout].of("body")]
    content = (with_body or later or samples)[0].master
    return cover, content


# --- choosing a layout for each kind of slide -----------------------------------------------------------------

def _usable(p: Placeholder) -> bool:
    return p.box is not None and p.box.w > 0 and p.box.h > 0


def _side_by_side(a: Placeholder, b: Placeholder) -> bool:
    left, right = sorted((a.box, b.box), key=lambda box: box.x)
    overlap = min(left.bottom, right.bottom) - max(left.y, right.y)
    return (left.right <= right.x + inch(0.05) and overlap > 0.6 * min(left.h, right.h)
            and 0.7 <= left.w / right.w <= 1.43 and 0.7 <= left.h / right.h <= 1.43)


def fits(key: str, layout: Layout, strict: bool = True) -> bool:
    """Whether a layout has the placeholders a layout key needs (strict: and nothing else)."""
    titles, bodies, subtitles = layout.of("title"), layout.of("body"), layout.of("subtitle")
    others = layout.of("other")
    if layout.vertical or not all(_usable(p) for p in titles + bodies + subtitles):
        return False
    if not strict:
        needs = {"cover": len(titles) == 1 and len(bodies) + len(subtitles) >= 1,
                 "section": len(titles) == 1 and len(bodies) + len(subtitles) >= 1,
                 "content": len(titles) == 1 and len(bodies) >= 1,
                 "two": len(titles) == 1 and len(bodies) >= 2,
                 "title-only": len(titles) == 1,
                 "blank": True}
        return needs[key]
    if others:
        return False
    if key == "cover":
        return len(titles) == 1 and ((len(subtitles) == 1 and not bodies) or
                                     (layout.type == "title" and len(bodies) == 1 and not subtitles))
    if key == "content":
        return len(titles) == 1 and len(bodies) == 1 and not subtitles and layout.type not in ("secHead", "title")
    if key == "section":
        return layout.type == "secHead" and len(titles) == 1 and len(bodies) + len(subtitles) == 1
    if key == "two":
        return len(titles) == 1 and len(bodies) == 2 and not subtitles and _side_by_side(*bodies)
    if key == "title-only":
        return len(titles) == 1 and not bodies and not subtitles
    return not titles and not bodies and not subtitles  # blank


def _score(key: str, layout: Layout, area: int) -> float:
    expected = {"cover": "title", "content": "obj", "section": "secHead", "two": "twoObj", "title-only": "titleOnly",
                "blank": "blank"}[key]
    score = 3.0 if layout.type == expected or (key == "content" and layout.type == "tx") else 0.0
    if key == "cover":
        score += 2 * any(p.type == "ctrTitle" for p in layout.placeholders)
    if key == "content":
        body = layout.of("body")[0].box
        score += 10 * body.w * body.h / area
    return score


def choose_layouts(layouts: tuple[Layout, ...], width: int, height: int, overrides: tuple[Override, ...] = (),
                   cover_master: int | None = None, content_master: int | None = None,
                   name: str = "the template") -> dict[str, Choice]:
    """A layout for each key: named in the brand file, else recognised by its placeholders, else a fallback."""
    named = _named(layouts, overrides, name)
    choices: dict[str, Choice] = {}
    for key in KEYS:
        preferred = cover_master if key in ("cover", "section") else content_master
        if key in named:
            candidates = [l for l in named[key] if fits(key, l, strict=False)]
            how = "named"
        else:
            candidates = [l for l in layouts if fits(key, l)]
            how = "found"
        if candidates:
            best = max(candidates, key=lambda l: (l.master == preferred, _score(key, l, width * height), -l.index))
            choices[key] = Choice(key, best, how)
        else:
            choices[key] = Choice(key, None, "missing")
    content = choices["content"].layout
    if content is None:
        raise TemplateError(_no_content_message(layouts, name))
    cover = choices["cover"].layout
    if cover is None:
        choices["cover"] = Choice("cover", content, "fallback", "no title slide layout (title and subtitle): the "
                                  f"title slide uses '{content.name}'")
    if choices["section"].layout is None:
        carrier = choices["cover"].layout
        choices["section"] = Choice("section", carrier, "fallback", "no section header layout: section slides use "
                                    f"'{carrier.name}'")
    if choices["title-only"].layout is None:
        choices["title-only"] = Choice("title-only", content, "fallback", "no title-only layout: slides with drawn "
                                       f"shapes use '{content.name}' without its body")
    if choices["two"].layout is None:
        choices["two"] = Choice("two", None, "missing", "no layout with two content placeholders side by side: "
                                "two-column slides cannot be built on this template")
    if choices["blank"].layout is None:
        choices["blank"] = Choice("blank", None, "missing", "no blank layout (kkrdeck does not need one)")
    return choices


def _named(layouts: tuple[Layout, ...], overrides: tuple[Override, ...], name: str) -> dict[str, list[Layout]]:
    named: dict[str, list[Layout]] = {}
    given: dict[str, Override] = {}
    for o in overrides:
        key = KEY_OF_KIND.get(o.kind)
        if key is None:
            continue
        where = f"{o.where}: " if o.where else ""
        if key in given and given[key].name.strip().casefold() != o.name.strip().casefold():
            kinds = ", ".join(KINDS_OF_KEY[key])
            raise TemplateError(f"{where}layouts: '{o.kind}' names '{o.name}' but '{given[key].kind}' names "
                                f"'{given[key].name}' — {kinds} slides share one layout in kkrdeck; name the same "
                                "one")
        given[key] = o
        matches = [l for l in layouts if l.name.strip().casefold() == o.name.strip().casefold()]
        if not matches:
            names = list(dict.fromkeys(l.name for l in layouts))
            close = difflib.get_close_matches(o.name, names, n=1, cutoff=0.6)
            hint = f" — did you mean '{close[0]}'?" if close else ""
            raise TemplateError(f"{where}layouts: {o.kind}: {name} has no layout named '{o.name}'{hint} Its "
                                "layouts are: " + ", ".join(f"'{n}'" for n in names))
        if not any(fits(key, l, strict=False) for l in matches):
            raise TemplateError(f"{where}layouts: {o.kind}: the layout '{o.name}' holds {matches[0].summary()}, but "
                                f"{o.kind} slides need {_needs(key)} — name another layout")
        named[key] = matches
    return named


def _needs(key: str) -> str:
    return {"cover": "a title and a subtitle (or body) placeholder", "section": "a title and a subtitle (or body) "
            "placeholder", "content": "a title and a body placeholder", "two": "a title and two body placeholders",
            "title-only": "a title placeholder", "blank": "nothing"}[key]


def _no_content_message(layouts: tuple[Layout, ...], name: str) -> str:
    found = "; ".join(f"'{l.name}' ({l.summary()})" for l in layouts[:12])
    more = f"; and {len(layouts) - 12} more" if len(layouts) > 12 else ""
    return (f"{name}: kkrdeck cannot use this template: it has no layout with a title and one body placeholder "
            f"(like PowerPoint's 'Title and Content'), which bullet slides need. Its layouts: {found or 'none'}{more}. "
            "Add such a layout in PowerPoint (View → Slide Master), or name the layout to use under 'layouts: "
            "bullets:' in the brand file.")


# --- what the writer and the planner get ----------------------------------------------------------------------

def _planning_box(p: Placeholder) -> Box:
    """The box the planner measures against: the planner assumes default insets, so larger ones shrink the box."""
    d = Insets()
    left, top = max(0, p.insets.left - d.left), max(0, p.insets.top - d.top)
    right, bottom = max(0, p.insets.right - d.right), max(0, p.insets.bottom - d.bottom)
    return Box(p.box.x + left, p.box.y + top, p.box.w - left - right, p.box.h - top - bottom)


def _roles(key: str, layout: Layout) -> dict[str, Placeholder]:
    title = layout.of("title")[0]
    bodies = sorted(layout.of("body"), key=lambda p: (p.box.x, p.box.y))
    subtitle = layout.first("subTitle") or (bodies[0] if bodies else None)
    if key in ("cover", "section"):
        return {"title": title, "subtitle": subtitle}
    if key == "content":
        return {"title": title, "body": max(bodies, key=lambda p: p.box.w * p.box.h)}
    if key == "two":
        return {"title": title, "left": bodies[0], "right": bodies[1]}
    return {"title": title}


def layout_map(choices: dict[str, Choice]) -> LayoutMap:
    layouts = {}
    for key in ("cover", "content", "section", "two", "title-only"):
        layout = choices[key].layout
        if layout is None:
            continue
        roles = _roles(key, layout)
        chrome = key not in ("cover", "section")
        footer = layout.first("ftr") if chrome else None
        number = layout.first("sldNum") if chrome else None
        layouts[key] = LayoutSlots(layout.index, layout.name, {r: p.idx for r, p in roles.items()},
                                   {r: _planning_box(p) for r, p in roles.items()},
                                   footer.idx if footer else None, number.idx if number else None)
    return LayoutMap(layouts)


def _geometry(prs, width: int, height: int, choices: dict[str, Choice]) -> Geometry:
    content = _roles("content", choices["content"].layout)
    cover = _roles("cover", choices["cover"].layout)
    section = _roles("section", choices["section"].layout)
    title, body = _planning_box(content["title"]), _planning_box(content["body"])
    if choices["two"].layout is not None:
        two = _roles("two", choices["two"].layout)
        left, right = _planning_box(two["left"]), _planning_box(two["right"])
    else:
        gap = round(body.w * 0.04)
        column = (body.w - gap) // 2
        left, right = Box(body.x, body.y, column, body.h), Box(body.right - column, body.y, column, body.h)
    layout = choices["content"].layout
    footer, number = layout.first("ftr"), layout.first("sldNum")
    bottom = Box(title.x, height - inch(0.5), inch(4), inch(0.35))
    margins, indents = _list_indents(prs, layout, content["body"])
    return Geometry(
        width=width, height=height, title=title, body=body, left=left, right=right,
        cover_title=_planning_box(cover["title"]), cover_subtitle=_planning_box(cover["subtitle"]),
        cover_panel=Box(0, 0, width, height), cover_logo=Box(width - inch(2.2), inch(0.3), inch(1.9), inch(0.6)),
        section_title=_planning_box(section["title"]), section_subtitle=_planning_box(section["subtitle"]),
        footer=footer.box if footer and footer.box else bottom,
        slide_number=number.box if number and number.box else Box(width - inch(1.5), bottom.y, inch(1), bottom.h),
        logo=Box(width - inch(1.6), inch(0.3), inch(1.2), inch(0.4)),
        title_rule=Box(title.x, title.bottom, inch(1.1), inch(0.06)),
        margins=margins, indents=indents,
        layout_names={key: c.layout.name for key, c in choices.items() if c.layout is not None},
    )


def _level_props(container, level: int):
    if container is None:
        return None
    return container.find(_q(_A, f"lvl{level + 1}pPr"))


def _list_indents(prs, layout: Layout, body: Placeholder) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Left margin and hanging indent per list level: the layout's, else the master's, else kkrdeck's own."""
    default = default_geometry()
    master = prs.slide_masters[layout.master].part._element
    layout_root = [l for m in prs.slide_masters for l in m.slide_layouts][layout.index].part._element
    own = next((s for s, ph in _ph_elements(layout_root) if int(ph.get("idx", "0")) == body.idx), None)
    base = _master_placeholder(master, body.type)
    sources = [own.find(f"{_q(_P, 'txBody')}/{_q(_A, 'lstStyle')}") if own is not None else None,
               base.find(f"{_q(_P, 'txBody')}/{_q(_A, 'lstStyle')}") if base is not None else None,
               master.find(f"{_q(_P, 'txStyles')}/{_q(_P, 'bodyStyle')}")]
    # LibreOffice's exports keep the outline styles only as the master body's sample paragraphs
    sample = {}
    if base is not None:
        for para in base.iter(_q(_A, "p")):
            ppr = para.find(_q(_A, "pPr"))
            if ppr is not None:
                sample.setdefault(int(ppr.get("lvl", "0")), ppr)
    margins, indents = [], []
    for level in range(len(default.margins)):
        chosen = None
        for container in sources:
            ppr = _level_props(container, level)
            if ppr is not None and ppr.get("marL") is not None:
                chosen = ppr
                break
        chosen = chosen if chosen is not None else sample.get(level)
        margin = int(chosen.get("marL")) if chosen is not None and chosen.get("marL") is not None else None
        indent = int(chosen.get("indent", "0")) if chosen is not None else None
        if margin is None or margin <= 0 or indent is None or indent >= 0 or margin + indent < 0:
            margin, indent = default.margins[level], default.indents[level]
        margins.append(margin)
        indents.append(indent)
    return tuple(margins), tuple(indents)


# --- fonts ----------------------------------------------------------------------------------------------------

def _theme_fonts(master) -> tuple[str, str]:
    """(major, minor) latin typefaces of the master's theme."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in master.part.rels.values():
        if rel.reltype == RT.THEME:
            root = etree.fromstring(rel.target_part.blob)
            major = root.find(f".//{_q(_A, 'majorFont')}/{_q(_A, 'latin')}")
            minor = root.find(f".//{_q(_A, 'minorFont')}/{_q(_A, 'latin')}")
            return ((major.get("typeface") if major is not None else "") or "Calibri",
                    (minor.get("typeface") if minor is not None else "") or "Calibri")
    return "Calibri", "Calibri"


def _body_font(prs, layout: Layout, theme: tuple[str, str]) -> str:
    """The typeface body text is set in: the first level's font of the layout, master or master text styles."""
    master = prs.slide_masters[layout.master].part._element
    base = _master_placeholder(master, "body")
    places = [base.find(f"{_q(_P, 'txBody')}/{_q(_A, 'lstStyle')}/{_q(_A, 'lvl1pPr')}") if base is not None else None,
              master.find(f"{_q(_P, 'txStyles')}/{_q(_P, 'bodyStyle')}/{_q(_A, 'lvl1pPr')}")]
    for ppr in places:
        latin = ppr.find(f"{_q(_A, 'defRPr')}/{_q(_A, 'latin')}") if ppr is not None else None
        if latin is not None and latin.get("typeface"):
            return _theme_reference(latin.get("typeface"), theme)
    if base is not None:  # LibreOffice: the style lives in the master body's sample text
        latin = base.find(f".//{_q(_A, 'rPr')}/{_q(_A, 'latin')}")
        if latin is not None and latin.get("typeface"):
            return _theme_reference(latin.get("typeface"), theme)
    return theme[1]


def _footer_size(prs, layout: Layout) -> float:
    """The size footer text is set at: the layout's footer style, the master's, its sample text, other-text style."""
    master = prs.slide_masters[layout.master].part._element
    layout_root = [l for m in prs.slide_masters for l in m.slide_layouts][layout.index].part._element
    own = next((s for s, ph in _ph_elements(layout_root) if ph.get("type") == "ftr"), None)
    base = _master_placeholder(master, "ftr")
    level = f"{_q(_P, 'txBody')}/{_q(_A, 'lstStyle')}/{_q(_A, 'lvl1pPr')}/{_q(_A, 'defRPr')}"
    candidates = [own.find(level) if own is not None else None, base.find(level) if base is not None else None]
    if base is not None:
        candidates += list(base.iter(_q(_A, "rPr"))) + list(base.iter(_q(_A, "endParaRPr")))
    candidates.append(master.find(f"{_q(_P, 'txStyles')}/{_q(_P, 'otherStyle')}/{_q(_A, 'lvl1pPr')}/"
                                  f"{_q(_A, 'defRPr')}"))
    for props in candidates:
        if props is not None and (props.get("sz") or "").isdigit():
            return int(props.get("sz")) / 100
    return 18.0


def _theme_reference(typeface: str, theme: tuple[str, str]) -> str:
    if typeface.startswith("+mj"):
        return theme[0]
    if typeface.startswith("+mn"):
        return theme[1]
    return typeface


@dataclass(frozen=True)
class FontChoice:
    family: str
    faces: FaceFiles
    via: str  # what the text is measured with, for messages
    warning: str | None = None


def find_font(family: str, brand_metrics: dict[str, FaceFiles] | None = None) -> FontChoice:
    """Font files to measure `family` with: the brand's, kkrdeck's bundled ones, the system's (fontconfig)."""
    key = family.strip().casefold()
    for name, faces in (brand_metrics or {}).items():
        if name.strip().casefold() == key:
            return FontChoice(family, faces, f"the brand's font files for '{name}'")
    for candidate in (family, *(a.title() for a in METRIC_ALIASES.get(key, ()))):
        faces = _bundled(candidate)
        if faces:
            return FontChoice(family, faces, f"{candidate}, bundled with kkrdeck")
    found = _fontconfig(family)
    if found:
        matched, faces = found
        matched_key = matched.casefold()
        if matched_key == key or matched_key in METRIC_ALIASES.get(key, ()):
            return FontChoice(family, faces, matched)
        return FontChoice(family, faces, matched, f"the template's font '{family}' is not on this computer; its text "
                          f"is measured with '{matched}', which this computer shows in its place — install "
                          f"'{family}', or give its files under fonts: metrics: in the brand file")
    from kkrdeck.outline.resources import FALLBACK_FACES

    return FontChoice(family, FALLBACK_FACES, "Carlito", f"no font files found to measure the template's font "
                      f"'{family}'; its text is measured with Carlito (Calibri's metrics) — give its files under "
                      "fonts: metrics: in the brand file")


def _bundled(family: str) -> FaceFiles | None:
    stem = family.replace(" ", "")
    files = {attr: BUNDLED_FONTS / f"{stem}-{style}.ttf" for attr, style in _FACE_STYLES}
    if not files["regular"].is_file():
        return None
    return FaceFiles(files["regular"], *(files[a] if files[a].is_file() else None
                                         for a in ("bold", "italic", "bold_italic")))


@lru_cache(maxsize=32)
def _fontconfig(family: str) -> tuple[str, FaceFiles] | None:
    """fontconfig's answer for each face of `family`: (the family it picked, its files), or None without fc-match."""
    program = shutil.which("fc-match")
    if program is None:
        return None
    picked: dict[str, Path | None] = {}
    matched = ""
    for attr, style in (("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic"),
                        ("bold_italic", "Bold Italic")):
        try:
            result = subprocess.run([program, "-f", "%{family}\n%{file}", f"{family}:style={style}"],
                                    capture_output=True, text=True, timeout=20, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        lines = result.stdout.splitlines()
        if result.returncode != 0 or len(lines) < 2 or not Path(lines[1]).is_file():
            if attr == "regular":
                return None
            picked[attr] = None
            continue
        families = [f.strip() for f in lines[0].split(",")]
        if attr == "regular":
            same = [f for f in families if f.casefold() == family.strip().casefold()]
            matched = same[0] if same else families[0]
        picked[attr] = Path(lines[1])
    regular = picked["regular"]
    extra = [p if p != regular else None for p in (picked["bold"], picked["italic"], picked["bold_italic"])]
    return matched, FaceFiles(regular, *extra)


def measuring_fonts(template: Template, brand_metrics: dict[str, FaceFiles] | None = None
                    ) -> tuple[FontChoice, FontChoice, list[Problem]]:
    """Heading and body fonts of the template with the files to measure them, and a warning per font guessed."""
    heading = find_font(template.heading_font, brand_metrics)
    body = heading if template.body_font == template.heading_font else find_font(template.body_font, brand_metrics)
    warnings = []
    for choice in dict.fromkeys((heading, body)):
        if choice.warning:
            warnings.append(Problem(template.name, 0, 0, choice.warning, "warning"))
    return heading, body, warnings


# --- where the template comes from ----------------------------------------------------------------------------

def brand_overrides(brand, brand_source=None) -> tuple[Override, ...]:
    """The brand file's `layouts:` entries, each with the place it was written."""
    found = []
    for kind, name in (brand.layouts or {}).items():
        where = ""
        if brand_source is not None:
            line, column = brand_source.position("layouts", kind)
            where = f"{brand_source.filename}:{line}:{column}" if line else brand_source.filename
        found.append(Override(kind, name, where))
    return tuple(found)


def missing_layouts_message(template: Template, lines: dict[str, list[int]]) -> str:
    """Which slides (by layout key, with their deck lines) this template has no layout for."""
    parts = []
    for key in template.missing_for(lines):
        kinds = " and ".join(KINDS_OF_KEY[key])
        at = ""
        numbers = sorted({n for n in (lines or {}).get(key, []) if n})
        if numbers:
            at = f" (line{'s' if len(numbers) > 1 else ''} " + ", ".join(str(n) for n in numbers) + " of the deck)"
        parts.append(f"{kinds} slides{at} need a layout with {_needs(key)}")
    return (f"{template.name}: this template has no layout for some of the deck's slides: " + "; ".join(parts)
            + " — add such a layout to the template, name one under 'layouts:' in the brand file, or change "
              "those slides' kind")


def template_path(outline) -> Path | None:
    """The template a deck builds on: --template, else the deck's `template:`, else the brand's (the loader
    resolves and checks those two and keeps the winner on the outline)."""
    given = getattr(outline, "template", None)
    return Path(given) if given else None


def template_of(outline) -> Template | None:
    """The loaded template of an outline, or None when it builds on kkrdeck's own base template."""
    path = template_path(outline)
    if path is None:
        return None
    return load_template(path, brand_overrides(outline.brand, outline.brand_source))
