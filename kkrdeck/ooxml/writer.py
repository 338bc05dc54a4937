"""The write stage: a plan → a .pptx package (the only module that writes slide XML and package parts).

The package is written directly, part by part, as XML text on top of the template's parts: every new part's
name, relationship id and slide id is known when it is made, so adding a slide never searches the parts added
before it and a 1000-slide deck costs per slide what a 10-slide deck does. The template is only read (with the
standard library's ElementTree); python-pptx and lxml are not imported, which keeps `kkrdeck build` fast to start.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from kkrdeck.ooxml.basetemplate import SLIDENUM_FIELD_ID
from kkrdeck.design.geometry import Box
from kkrdeck.design.layoutmap import LayoutMap, LayoutSlots
from kkrdeck.plan.data import Plan, PlannedSlide, Shape, TextBlock
from kkrdeck.plan.textfit import Paragraph
from kkrdeck.ooxml.ns import escape, quoteattr

_MARKERS = {"bullet": "•", "arrow": "→"}
_ROLE_NAMES = {"title": "Title", "body": "Content", "left": "Left content", "right": "Right content", "subtitle": "Subtitle"}
DECORATIVE_EXT = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
                  '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
                  '</a:ext></a:extLst>')
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same input gives the same bytes

_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       f'xmlns:r="{_R_NS}" xmlns:p="{_P_NS}"')
_XML = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_RT = _R_NS + "/"
_CT = "application/vnd.openxmlformats-officedocument.presentationml."
_CT_MAIN = _CT + "presentation.main+xml"
_CT_TEMPLATE_MAINS = (_CT + "template.main+xml", _CT + "slideshow.main+xml")
_CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
_CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
_RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp",
                "tiff": "image/tiff"}
_SHAPE_TAGS = {"sp", "pic", "graphicFrame", "cxnSp", "grpSp", "contentPart"}
_NOT_CLONED = {"dt", "ftr", "sldNum"}  # python-pptx's rule too: the slide shows these through the layout
_NOTES_CLONED = ("sldImg", "body", "sldNum")
_NOTES_BASENAMES = {"sldImg": "Slide Image Placeholder", "body": "Notes Placeholder",
                    "sldNum": "Slide Number Placeholder"}
_TREE_START = ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
               '<p:grpSpPr/>')
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class WriteInput:
    plan: Plan
    template: bytes  # the base package the slides are added to (without slides)
    layouts: LayoutMap
    body_font: str
    images: dict[str, bytes]  # picture path → prepared image bytes


def write_pptx(spec: WriteInput) -> bytes:
    """Build every planned slide on the template; returns the package bytes (stable: fixed zip timestamps)."""
    package = _Package(spec.template)
    lang = spec.plan.info.language
    for planned in spec.plan.slides:
        slots = spec.layouts.layouts[planned.layout]
        rels = package.add_slide(slots.index)
        xml = _slide_xml(planned, slots, package.layout_placeholders(slots.index), spec, rels, lang)
        if planned.notes:
            package.add_notes(rels, planned.notes, lang)
        package.finish_slide(rels, xml)  # after the notes: they add to the slide's relationships
    package.set_properties(spec.plan)
    return package.to_bytes()


# --- the package --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Placeholder:
    type: str
    orient: str
    sz: str
    idx: int

    def xml(self) -> str:
        attrs = ""
        if self.type != "obj":
            attrs += f' type="{self.type}"'
        if self.orient != "horz":
            attrs += f' orient="{self.orient}"'
        if self.sz != "full":
            attrs += f' sz="{self.sz}"'
        if self.idx:
            attrs += f' idx="{self.idx}"'
        return f"<p:ph{attrs}/>"


class _SlideRels:
    """One slide's relationships, numbered as they are added (rId1 is its layout)."""

    def __init__(self, package: _Package, partname: str, layout: str) -> None:
        self.package = package
        self.partname = partname
        self.items: list[tuple[str, str, str, bool]] = []  # rId, type, target, external
        self._links: dict[str, str] = {}
        self._images: dict[str, str] = {}
        self.add("slideLayout", _relative(partname, layout))

    def add(self, kind: str, target: str, external: bool = False) -> str:
        rid = f"rId{len(self.items) + 1}"
        self.items.append((rid, _RT + kind, target, external))
        return rid

    def link(self, url: str) -> str:
        rid = self._links.get(url)
        if rid is None:
            rid = self._links[url] = self.add("hyperlink", url, external=True)
        return rid

    def image(self, data: bytes) -> str:
        partname = self.package.image_part(data)
        rid = self._images.get(partname)
        if rid is None:
            rid = self._images[partname] = self.add("image", _relative(self.partname, partname))
        return rid


class _Package:
    """The template's parts, read once; new parts get names and ids from counters, never from a search."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self.order = ["/" + info.filename for info in zf.infolist() if not info.is_dir()]
            self.parts: dict[str, bytes] = {name: zf.read(name[1:]) for name in self.order}
        self.new: list[tuple[str, bytes]] = []  # parts added, in order
        self.overrides: list[tuple[str, str]] = []  # content types of the parts added
        self.defaults: dict[str, str] = {}  # image extensions added
        root_rels = self.rels("/")
        self.main = next(t for _, kind, t, ext in root_rels if kind.endswith("/officeDocument") and not ext)
        self.main_rels = self.rels(self.main)
        self.main_new_rels: list[tuple[str, str, str]] = []
        self._next_rid = 1 + max((_rid_number(rid) for rid, *_ in self.main_rels), default=0)
        pres = ET.fromstring(self.parts[self.main])
        ids = [int(e.get("id")) for e in pres.iter(f"{{{_P_NS}}}sldId")]
        self._next_slide_id = max(ids + [255]) + 1
        self.slide_ids: list[tuple[int, str]] = []
        by_rid = {rid: target for rid, _, target, _ in self.main_rels}
        masters = [by_rid[e.get(f"{{{_R_NS}}}id")] for e in pres.iter(f"{{{_P_NS}}}sldMasterId")]
        self.master = masters[0]
        self.layouts = []  # every master's layouts in order (a template may have several masters)
        for partname in masters:
            master_targets = {rid: target for rid, _, target, _ in self.rels(partname)}
            self.layouts += [master_targets[e.get(f"{{{_R_NS}}}id")]
                             for e in ET.fromstring(self.parts[partname]).iter(f"{{{_P_NS}}}sldLayoutId")]
        self._placeholders: dict[int, list[_Placeholder]] = {}
        self.notes_master = next((t for _, kind, t, _ in self.main_rels if kind.endswith("/notesMaster")), None)
        self._notes_placeholders: list[_Placeholder] | None = None
        notes_size = pres.find(f"{{{_P_NS}}}notesSz")
        self.notes_size = (int(notes_size.get("cx")), int(notes_size.get("cy"))) if notes_size is not None else \
            (6858000, 9144000)
        self._counters = {family: _highest(self.order, pattern) for family, pattern in (
            ("slide", r"/ppt/slides/slide(\d+)\.xml"), ("notes", r"/ppt/notesSlides/notesSlide(\d+)\.xml"),
            ("image", r"/ppt/media/image(\d+)\.\w+"), ("theme", r"/ppt/theme/theme(\d+)\.xml"),
            ("notesMaster", r"/ppt/notesMasters/notesMaster(\d+)\.xml"))}
        self._images: dict[str, str] = {}  # sha1 → partname

    # reading the template

    def rels(self, partname: str) -> list[tuple[str, str, str, bool]]:
        """(rId, type, resolved target or URL, external) of a part's relationships, [] if it has none."""
        data = self.parts.get(_rels_name(partname))
        if data is None:
            return []
        out = []
        for rel in ET.fromstring(data):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target")
            out.append((rel.get("Id"), rel.get("Type"), target if external else _resolve(partname, target), external))
        return out

    def layout_placeholders(self, index: int) -> list[_Placeholder]:
        """The placeholders a new slide on this layout starts with, in the layout's order (parsed once)."""
        found = self._placeholders.get(index)
        if found is None:
            found = [ph for ph in _placeholders(self.parts[self.layouts[index]]) if ph.type not in _NOT_CLONED]
            self._placeholders[index] = found
        return found

    def _name(self, family: str, pattern: str) -> str:
        self._counters[family] += 1
        return pattern % self._counters[family]

    # adding parts

    def _relate_main(self, kind: str, partname: str) -> str:
        rid = f"rId{self._next_rid}"
        self._next_rid += 1
        self.main_new_rels.append((rid, _RT + kind, _relative(self.main, partname)))
        return rid

    def add_slide(self, layout_index: int) -> _SlideRels:
        partname = self._name("slide", "/ppt/slides/slide%d.xml")
        rid = self._relate_main("slide", partname)
        self.slide_ids.append((self._next_slide_id, rid))
        self._next_slide_id += 1
        return _SlideRels(self, partname, self.layouts[layout_index])

    def finish_slide(self, rels: _SlideRels, xml: str) -> None:
        self._add(rels.partname, _CT + "slide+xml", xml.encode("utf-8"))
        self._add_rels(rels.partname, rels.items)

    def _add(self, partname: str, content_type: str | None, data: bytes) -> None:
        self.new.append((partname, data))
        if content_type:
            self.overrides.append((partname, content_type))

    def _add_rels(self, partname: str, items: list[tuple[str, str, str, bool]]) -> None:
        self.new.append((_rels_name(partname), _rels_xml(items).encode("utf-8")))

    def image_part(self, data: bytes) -> str:
        """One part per distinct picture, shared by every slide that shows it."""
        digest = hashlib.sha1(data).hexdigest()
        partname = self._images.get(digest)
        if partname is None:
            ext = _image_ext(data)
            partname = self._images[digest] = self._name("image", "/ppt/media/image%d." + ext)
            self.defaults.setdefault(ext, _IMAGE_TYPES[ext])
            self._add(partname, None, data)
        return partname

    def add_notes(self, slide: _SlideRels, text: str, lang: str) -> None:
        master = self._notes_master(lang)
        partname = self._name("notes", "/ppt/notesSlides/notesSlide%d.xml")
        shapes = ""
        for n, ph in enumerate(self._notes_placeholders or [], start=2):
            name = f"{_NOTES_BASENAMES[ph.type]} {n - 1}"
            body = ""
            if ph.type == "body":
                body = f"<p:txBody><a:bodyPr/><a:lstStyle/>{_notes_paragraphs(text, lang)}</p:txBody>"
            shapes += (f'<p:sp><p:nvSpPr><p:cNvPr id="{n}" name={quoteattr(name)}/><p:cNvSpPr><a:spLocks noGrp="1"/>'
                       f'</p:cNvSpPr><p:nvPr>{ph.xml()}</p:nvPr></p:nvSpPr><p:spPr/>{body}</p:sp>')
        xml = (f"{_XML}<p:notes {_NS}><p:cSld>{_TREE_START}{shapes}</p:spTree></p:cSld>"
               "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>")
        self._add(partname, _CT + "notesSlide+xml", xml.encode("utf-8"))
        self._add_rels(partname, [("rId1", _RT + "notesMaster", _relative(partname, master), False),
                                  ("rId2", _RT + "slide", _relative(partname, slide.partname), False)])
        slide.add("notesSlide", _relative(slide.partname, partname))

    def _notes_master(self, lang: str) -> str:
        """The template's notes master, or a plain one (with its own copy of the theme) made on first use."""
        if self.notes_master is None:
            partname = self._name("notesMaster", "/ppt/notesMasters/notesMaster%d.xml")
            theme = self._name("theme", "/ppt/theme/theme%d.xml")
            master_theme = next(t for _, kind, t, _ in self.rels(self.master) if kind.endswith("/theme"))
            self._add(theme, _CT_THEME, self.parts[master_theme])
            xml = _notes_master_xml(self.notes_size, lang).encode("utf-8")
            self._add(partname, _CT + "notesMaster+xml", xml)
            self._add_rels(partname, [("rId1", _RT + "theme", _relative(partname, theme), False)])
            self._relate_main("notesMaster", partname)
            self.notes_master = partname
            self.parts[partname] = xml  # read back for its placeholders; written once, from self.new
        if self._notes_placeholders is None:
            self._notes_placeholders = [ph for ph in _placeholders(self.parts[self.notes_master])
                                        if ph.type in _NOTES_CLONED]
        return self.notes_master

    # properties and the finished file

    def set_properties(self, plan: Plan) -> None:
        self.core = _core_xml(plan)

    def to_bytes(self) -> bytes:
        root_rels = self.rels("/")
        core = next((t for _, kind, t, ext in root_rels if kind == _RT_CORE and not ext), None)
        replaced: dict[str, bytes] = {}
        if core is None:
            core = "/docProps/core.xml"
            items = [(rid, kind, _relative("/", t) if not ext else t, ext) for rid, kind, t, ext in root_rels]
            rid = f"rId{1 + max((_rid_number(r[0]) for r in items), default=0)}"
            items.append((rid, _RT_CORE, "docProps/core.xml", False))
            replaced["/_rels/.rels"] = _rels_xml(items).encode("utf-8")
            self.order.append(core)
            self.overrides.append((core, _CT_CORE))
        replaced[core] = self.core.encode("utf-8")
        replaced[self.main] = self._presentation_xml().encode("utf-8")
        main_rels = [(rid, kind, _relative(self.main, t) if not ext else t, ext) for rid, kind, t, ext in self.main_rels]
        main_rels += [(rid, kind, target, False) for rid, kind, target in self.main_new_rels]
        replaced[_rels_name(self.main)] = _rels_xml(main_rels).encode("utf-8")
        if _rels_name(self.main) not in self.parts:
            self.order.append(_rels_name(self.main))
        replaced["/[Content_Types].xml"] = self._content_types().encode("utf-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            names = ["/[Content_Types].xml"] + [n for n in self.order if n != "/[Content_Types].xml"]
            for name in names:
                _store(zf, name, replaced.get(name, self.parts.get(name)))
            written = set(names)
            for name, data in self.new:
                if name not in written:
                    _store(zf, name, data)
        return out.getvalue()

    def _presentation_xml(self) -> str:
        """presentation.xml with the new slides (and a new notes master) listed, everything else as it was."""
        xml = self.parts[self.main].decode("utf-8")
        prefix = re.match(r"(?:<\?[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(\w+:)?presentation\b", xml, re.S).group(1) or ""
        # r: is declared on the root of every presentation.xml seen; declared again here only if it is not
        declare = "" if f'xmlns:r="{_R_NS}"' in xml else f' xmlns:r="{_R_NS}"'
        ids = "".join(f'<{prefix}sldId{declare} id="{sid}" r:id="{rid}"/>' for sid, rid in self.slide_ids)
        notes_rid = next((rid for rid, kind, _, _ in self.main_rels if kind.endswith("/notesMaster")), None)
        notes_rid = notes_rid or next((rid for rid, kind, _ in self.main_new_rels if kind.endswith("/notesMaster")),
                                      None)
        if notes_rid and not re.search(rf"<{prefix}notesMasterIdLst\b", xml):
            end = _element_end(xml, prefix, "sldMasterIdLst")
            lst = (f'<{prefix}notesMasterIdLst><{prefix}notesMasterId{declare} r:id="{notes_rid}"/>'
                   f'</{prefix}notesMasterIdLst>')
            xml = xml[:end] + lst + xml[end:]
        if ids:
            existing = re.search(rf"<{prefix}sldIdLst\s*/>|</{prefix}sldIdLst>", xml)
            if existing and existing.group(0).endswith("/>"):
                xml = xml[:existing.start()] + f"<{prefix}sldIdLst>{ids}</{prefix}sldIdLst>" + xml[existing.end():]
            elif existing:
                xml = xml[:existing.start()] + ids + xml[existing.start():]
            else:
                end = max(_element_end(xml, prefix, name) for name in
                          ("sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst"))
                xml = xml[:end] + f"<{prefix}sldIdLst>{ids}</{prefix}sldIdLst>" + xml[end:]
        return xml

    def _content_types(self) -> str:
        root = ET.fromstring(self.parts["/[Content_Types].xml"])
        defaults: dict[str, str] = {}
        overrides: dict[str, str] = {}
        for el in root:
            if el.tag == f"{{{_CT_NS}}}Default":
                defaults[el.get("Extension").lower()] = el.get("ContentType")
            elif el.tag == f"{{{_CT_NS}}}Override":
                overrides[el.get("PartName")] = el.get("ContentType")
        for ext, content_type in self.defaults.items():
            defaults.setdefault(ext, content_type)
        if overrides.get(self.main) in _CT_TEMPLATE_MAINS:
            overrides[self.main] = _CT_MAIN  # a .potx made into a presentation
        overrides.update(self.overrides)
        body = "".join(f'<Default Extension={quoteattr(e)} ContentType={quoteattr(c)}/>' for e, c in defaults.items())
        body += "".join(f'<Override PartName={quoteattr(p)} ContentType={quoteattr(c)}/>' for p, c in overrides.items())
        return f'{_XML}<Types xmlns="{_CT_NS}">{body}</Types>'


def _store(zf: zipfile.ZipFile, name: str, data: bytes | None) -> None:
    if data is None:
        return
    member = zipfile.ZipInfo(name[1:], ZIP_TIME)
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o644 << 16
    zf.writestr(member, data)


def _placeholders(xml: bytes) -> list[_Placeholder]:
    """Placeholders among the top-level shapes of a layout's (or notes master's) shape tree, in order."""
    root = ET.fromstring(xml)
    tree = root.find(f"{{{_P_NS}}}cSld/{{{_P_NS}}}spTree")
    found = []
    for shape in tree if tree is not None else ():
        if not isinstance(shape.tag, str) or shape.tag.rpartition("}")[2] not in _SHAPE_TAGS:
            continue
        ph = None
        for nv in shape:
            ph = nv.find(f"{{{_P_NS}}}nvPr/{{{_P_NS}}}ph")
            break
        if ph is not None:
            found.append(_Placeholder(ph.get("type", "obj"), ph.get("orient", "horz"), ph.get("sz", "full"),
                                      int(ph.get("idx", "0"))))
    return found


def _element_end(xml: str, prefix: str, name: str) -> int:
    """Index just after the element `name` (a child of the root), or -1 if absent."""
    match = re.search(rf"<{prefix}{name}\b[^>]*/>|</{prefix}{name}>", xml)
    return match.end() if match else -1


def _highest(names: list[str], pattern: str) -> int:
    numbers = [int(m.group(1)) for m in (re.fullmatch(pattern, n) for n in names) if m]
    return max(numbers, default=0)


def _rid_number(rid: str) -> int:
    return int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0


def _rels_name(partname: str) -> str:
    folder, base = posixpath.split(partname)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target)
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _relative(source: str, partname: str) -> str:
    return posixpath.relpath(partname, posixpath.dirname(source))


def _rels_xml(items: list[tuple[str, str, str, bool]]) -> str:
    body = "".join(f'<Relationship Id="{rid}" Type={quoteattr(kind)} Target={quoteattr(target)}'
                   + (' TargetMode="External"' if external else "") + "/>"
                   for rid, kind, target, external in items)
    return f'{_XML}<Relationships xmlns="{_PR_NS}">{body}</Relationships>'


def _image_ext(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8"):
        return "jpg"
    if data[:4] in (b"GIF8",):
        return "gif"
    if data.startswith(b"BM"):
        return "bmp"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    raise ValueError("unsupported image format")  # prepare_image writes PNG or JPEG only


def _text(text: str) -> str:
    """Text content for XML: escaped, and characters XML cannot hold written as python-pptx does (_xHHHH_)."""
    text = escape(text)
    if _INVALID_XML_CHARS.search(text):
        text = _INVALID_XML_CHARS.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)
    return text


def _core_xml(plan: Plan) -> str:
    info = plan.info
    parts = [f"<dc:title>{_text(info.title)}</dc:title>", f"<dc:subject>{_text(info.subject or '')}</dc:subject>",
             f"<dc:creator>{_text(info.author or '')}</dc:creator>",
             f"<cp:lastModifiedBy>{_text(info.author or '')}</cp:lastModifiedBy>",
             f"<dc:language>{_text(info.language)}</dc:language>", "<cp:revision>1</cp:revision>"]
    date = _document_date(info.date)
    if date is not None:
        stamp = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        parts += [f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>',
                  f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>']
    return (f'{_XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'{"".join(parts)}</cp:coreProperties>')


def _document_date(deck_date: str | None) -> dt.datetime | None:
    """The deck's own date, else SOURCE_DATE_EPOCH (reproducible builds), else none: never the clock."""
    if deck_date:
        return dt.datetime.fromisoformat(deck_date + "T09:00:00")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return None


def _notes_master_xml(size: tuple[int, int], lang: str) -> str:
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
    return (f'{_XML}<p:notesMaster {_NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef>'
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
    for line in text.split("\n"):
        runs = ""
        for n, piece in enumerate(line.split("\v")):
            if n:
                runs += f'<a:br><a:rPr lang="{lang}"/></a:br>'
            if piece:
                runs += f'<a:r><a:rPr lang="{lang}"/><a:t>{_text(piece)}</a:t></a:r>'
        paragraphs += f"<a:p>{runs}</a:p>"
    return paragraphs


# --- slides -------------------------------------------------------------------------------------------------

def _slide_xml(planned: PlannedSlide, slots: LayoutSlots, placeholders: list[_Placeholder], spec: WriteInput,
               rels: _SlideRels, lang: str) -> str:
    """A slide on its layout: the layout's placeholders that carry text (as python-pptx would clone them), then
    the drawn shapes, then footer and slide number."""
    texts = {"title": planned.title, **planned.placeholders}
    role_of = {slots.roles[role]: role for role in texts}
    shapes = ""
    used_ids = [1]
    for n, ph in enumerate(placeholders, start=2):
        role = role_of.pop(ph.idx, None)
        if role is None:
            continue  # an unused placeholder is left off the slide (the layout's prompt would show)
        block = texts[role]
        name = _ROLE_NAMES[role]
        inherited = slots.boxes.get(role)
        sp_pr = "<p:spPr/>" if inherited == block.box else f"<p:spPr>{_xfrm(block.box)}</p:spPr>"
        shapes += (f'<p:sp><p:nvSpPr>{_nv(n, name)}<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph.xml()}'
                   f'</p:nvPr></p:nvSpPr>{sp_pr}{_tx_body(block, lang, spec, rels, "p:txBody", True)}</p:sp>')
        used_ids.append(n)
    if role_of:
        missing = ", ".join(sorted(role_of.values()))
        raise KeyError(f"layout {slots.name!r} has no placeholder for {missing}")
    next_id = max(used_ids) + 1
    ids: list[int] = []
    for shape in planned.shapes:
        ids.append(next_id)
        shapes += _shape(shape, next_id, ids, spec, rels, lang)
        next_id += 1
    info = spec.plan.info
    if info.footer and slots.footer_idx is not None:
        shapes += _footer_xml(next_id, info.footer, lang, slots.footer_idx)
        next_id += 1
    if info.slide_numbers and slots.number_idx is not None:
        shapes += _slide_number_xml(next_id, lang, slots.number_idx)
    return (f"{_XML}<p:sld {_NS}><p:cSld>{_TREE_START}{shapes}</p:spTree></p:cSld>"
            "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>")


def _tx_body(block: TextBlock, lang: str, spec: WriteInput, rels: _SlideRels, tag: str, placeholder: bool) -> str:
    i = block.insets
    if placeholder:
        body_pr = f'<a:bodyPr anchor="{block.anchor}"><a:noAutofit/></a:bodyPr>'
    else:
        body_pr = (f'<a:bodyPr wrap="square" lIns="{i.left}" tIns="{i.top}" rIns="{i.right}" bIns="{i.bottom}" '
                   f'rtlCol="0" anchor="{block.anchor}"><a:noAutofit/></a:bodyPr>')
    paragraphs = "".join(_paragraph(p, block, lang, spec, rels, placeholder) for p in block.paragraphs)
    return f"<{tag}>{body_pr}<a:lstStyle/>{paragraphs or '<a:p/>'}</{tag}>"


def _paragraph(p: Paragraph, block: TextBlock, lang: str, spec: WriteInput, rels: _SlideRels,
               placeholder: bool) -> str:
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
        ppr += f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface={quoteattr(spec.body_font)}/>' \
               f'<a:buAutoNum type="arabicPeriod" startAt="{p.number}"/>'
    else:
        ppr += f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface={quoteattr(spec.body_font)}/>' \
               f'<a:buChar char="{_MARKERS[p.marker]}"/>'
    ppr += "</a:pPr>"
    runs = "".join(_run(r.text, r.bold, r.italic, r.link, size, block, lang, rels) for r in p.runs)
    return f"<a:p>{ppr}{runs}<a:endParaRPr lang=\"{lang}\" sz=\"{size}\" dirty=\"0\"/></a:p>"


def _run(text: str, bold: bool, italic: bool, link: str | None, size: int, block: TextBlock, lang: str,
         rels: _SlideRels) -> str:
    attrs = f'lang="{lang}" sz="{size}"' + (' b="1"' if bold else "") + (' i="1"' if italic else "")
    if block.role == "heading":  # measured as written: a template's all-caps title style would widen it
        attrs += ' cap="none"'
    children = ""
    if block.colour and not link:
        children += f'<a:solidFill><a:schemeClr val="{block.colour}"/></a:solidFill>'
    if block.colour or block.role == "heading":
        font = "+mj-lt" if block.role == "heading" else "+mn-lt"
        children += f'<a:latin typeface="{font}"/>'
    if link:
        children += f'<a:hlinkClick r:id="{rels.link(link)}"/>'
    return f'<a:r><a:rPr {attrs} dirty="0">{children}</a:rPr><a:t>{_text(text)}</a:t></a:r>'


def _nv(shape_id: int, name: str, decorative: bool = False) -> str:
    """Non-visual properties; decorative shapes are marked so screen readers skip them."""
    if decorative:
        return f'<p:cNvPr id="{shape_id}" name={quoteattr(name)}>{DECORATIVE_EXT}</p:cNvPr>'
    return f'<p:cNvPr id="{shape_id}" name={quoteattr(name)}/>'


def _xfrm(box: Box) -> str:
    return f'<a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></a:xfrm>'


def _fill(colour: str | None) -> str:
    return f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>' if colour else "<a:noFill/>"


def _shape(shape: Shape, shape_id: int, ids: list[int], spec: WriteInput, rels: _SlideRels, lang: str) -> str:
    if shape.kind == "connector":
        start, end = (ids[i] for i in shape.connect) if shape.connect else (None, None)
        cxn = f'<a:stCxn id="{start}" idx="6"/><a:endCxn id="{end}" idx="2"/>' if start else ""
        return (f'<p:cxnSp><p:nvCxnSpPr>{_nv(shape_id, shape.name, shape.decorative)}<p:cNvCxnSpPr>{cxn}</p:cNvCxnSpPr><p:nvPr/>'
                f'</p:nvCxnSpPr><p:spPr>{_xfrm(shape.box)}<a:prstGeom prst="straightConnector1"><a:avLst/>'
                f'</a:prstGeom><a:ln w="28575">{_fill(shape.line)}</a:ln></p:spPr></p:cxnSp>')
    if shape.kind == "picture":
        return _picture(shape, shape_id, spec, rels)
    if shape.kind == "table":
        return _table(shape, shape_id, spec, rels, lang)
    text_box = shape.kind == "textbox"
    geometry = "rect" if text_box else shape.kind
    adjust = '<a:gd name="adj" fmla="val 8000"/>' if shape.kind == "roundRect" else ""
    body = _tx_body(shape.text, lang, spec, rels, "p:txBody", False) if shape.text else ""
    text_box_attr = ' txBox="1"' if text_box else ""
    return (f'<p:sp><p:nvSpPr>{_nv(shape_id, shape.name, shape.decorative)}<p:cNvSpPr{text_box_attr}/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{_xfrm(shape.box)}<a:prstGeom prst="{geometry}"><a:avLst>{adjust}</a:avLst>'
            f'</a:prstGeom>{_fill(shape.fill)}<a:ln>{_fill(shape.line)}</a:ln></p:spPr>{body}</p:sp>')


def _picture(shape: Shape, shape_id: int, spec: WriteInput, rels: _SlideRels) -> str:
    rid = rels.image(spec.images[shape.picture])
    descr = "" if shape.decorative else f" descr={quoteattr(shape.alt or '')}"
    ext = DECORATIVE_EXT if shape.decorative else ""
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name={quoteattr(shape.name)}{descr}>{ext}</p:cNvPr>'
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{_xfrm(shape.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def _table(shape: Shape, shape_id: int, spec: WriteInput, rels: _SlideRels, lang: str) -> str:
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in shape.column_widths)
    rows = ""
    for row, height in zip(shape.cells, shape.row_heights):
        cells = ""
        for cell in row:
            i = cell.insets
            body = _tx_body(cell, lang, spec, rels, "a:txBody", False)
            cells += (f'<a:tc>{body}<a:tcPr marL="{i.left}" marR="{i.right}" marT="{i.top}" '
                      f'marB="{i.bottom}"/></a:tc>')
        rows += f'<a:tr h="{height}">{cells}</a:tr>'
    return (f'<p:graphicFrame><p:nvGraphicFramePr>{_nv(shape_id, shape.name)}<p:cNvGraphicFramePr>'
            '<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{shape.box.x}" y="{shape.box.y}"/><a:ext cx="{shape.box.w}" cy="{shape.box.h}"/>'
            '</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            '<a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}</a:tableStyleId>'
            f'</a:tblPr><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>')


def _footer_xml(shape_id: int, text: str, lang: str, idx: int) -> str:
    return (f'<p:sp><p:nvSpPr>{_nv(shape_id, "Footer")}<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>'
            f'<p:ph type="ftr" sz="quarter" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>'
            f'<a:p><a:r><a:rPr lang="{lang}" dirty="0"/><a:t>{_text(text)}</a:t></a:r></a:p></p:txBody></p:sp>')


def _slide_number_xml(shape_id: int, lang: str, idx: int) -> str:
    return (f'<p:sp><p:nvSpPr>{_nv(shape_id, "Slide Number")}<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="sldNum" sz="quarter" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
            f'<a:lstStyle/><a:p><a:fld id="{SLIDENUM_FIELD_ID}" type="slidenum"><a:rPr lang="{lang}"/><a:t>‹#›</a:t>'
            '</a:fld></a:p></p:txBody></p:sp>')
