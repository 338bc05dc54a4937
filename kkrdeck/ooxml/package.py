"""OPC packaging: the template's parts read once, new parts, relationships, content types and the zip.

Every new part's name, relationship id and slide id comes from a counter when it is made, so adding a slide never
searches the parts added before it and a 1000-slide deck costs per slide what a 10-slide deck does. The template is
only read (with the standard library's ElementTree); python-pptx and lxml are not imported, which keeps
`kkrdeck build` fast to start.
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

from kkrdeck.ooxml.ns import (A_NS, CT_CHART, CT_XLSX, CT_CORE, CT_NS, CT_PML, CT_PRESENTATION, CT_SLIDESHOW, CT_TEMPLATE, CT_THEME,
                              CORE_PROPERTIES, P_NS, PR_NS, R_NS, RT, RT_CORE, TABLE_STYLE_ID, XML_HEADER_ADDED, quoteattr,
                              xml_text)
from kkrdeck.plan.data import DeckInfo

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same input gives the same bytes
_IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp",
                "tiff": "image/tiff"}
_SHAPE_TAGS = {"sp", "pic", "graphicFrame", "cxnSp", "grpSp", "contentPart"}
_NOT_CLONED = {"dt", "ftr", "sldNum"}  # python-pptx's rule too: the slide shows these through the layout
_NOTES_CLONED = ("sldImg", "body", "sldNum")


@dataclass(frozen=True)
class Placeholder:
    """A placeholder of a layout or notes master, as a new slide on it clones it."""

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


class SlideRels:
    """One slide's relationships, numbered as they are added (rId1 is its layout)."""

    def __init__(self, package: Package, partname: str, layout: str) -> None:
        self.package = package
        self.partname = partname
        self.items: list[tuple[str, str, str, bool]] = []  # rId, type, target, external
        self._links: dict[str, str] = {}
        self._images: dict[str, str] = {}
        self.add("slideLayout", _relative(partname, layout))

    def add(self, kind: str, target: str, external: bool = False) -> str:
        rid = f"rId{len(self.items) + 1}"
        self.items.append((rid, RT + kind, target, external))
        return rid

    def link(self, url: str) -> str:
        rid = self._links.get(url)
        if rid is None:
            rid = self._links[url] = self.add("hyperlink", url, external=True)
        return rid

    def chart(self, xml: bytes, workbook: bytes) -> str:
        """A chart part of this slide (its XML refers to its workbook as rId1); returns the slide's rId for it."""
        partname = self.package.chart_part(xml, workbook)
        return self.add("chart", _relative(self.partname, partname))

    def image(self, data: bytes) -> str:
        partname = self.package.image_part(data)
        rid = self._images.get(partname)
        if rid is None:
            rid = self._images[partname] = self.add("image", _relative(self.partname, partname))
        return rid


class Package:
    """The template's parts, read once; new parts get names and ids from counters, never from a search."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self.order = ["/" + info.filename for info in zf.infolist() if not info.is_dir()]
            self.parts: dict[str, bytes] = {name: zf.read(name[1:]) for name in self.order}
        self.new: list[tuple[str, bytes]] = []  # parts added, in order
        self.language: str | None = None  # the deck's, for the default text style
        self.overrides: list[tuple[str, str]] = []  # content types of the parts added
        self.defaults: dict[str, str] = {}  # image extensions added
        root_rels = self.rels("/")
        self.main = next(t for _, kind, t, ext in root_rels if kind.endswith("/officeDocument") and not ext)
        self.main_rels = self.rels(self.main)
        self.main_new_rels: list[tuple[str, str, str]] = []
        self._next_rid = 1 + max((_rid_number(rid) for rid, *_ in self.main_rels), default=0)
        pres = ET.fromstring(self.parts[self.main])
        ids = [int(e.get("id")) for e in pres.iter(f"{{{P_NS}}}sldId")]
        self._next_slide_id = max(ids + [255]) + 1
        self.slide_ids: list[tuple[int, str]] = []
        by_rid = {rid: target for rid, _, target, _ in self.main_rels}
        masters = [by_rid[e.get(f"{{{R_NS}}}id")] for e in pres.iter(f"{{{P_NS}}}sldMasterId")]
        self.master = masters[0]
        self.layouts = []  # every master's layouts in order (a template may have several masters)
        for partname in masters:
            master_targets = {rid: target for rid, _, target, _ in self.rels(partname)}
            self.layouts += [master_targets[e.get(f"{{{R_NS}}}id")]
                             for e in ET.fromstring(self.parts[partname]).iter(f"{{{P_NS}}}sldLayoutId")]
        self._placeholders: dict[int, list[Placeholder]] = {}
        self.notes_master = next((t for _, kind, t, _ in self.main_rels if kind.endswith("/notesMaster")), None)
        self._notes_placeholders: list[Placeholder] | None = None
        notes_size = pres.find(f"{{{P_NS}}}notesSz")
        self.notes_size = (int(notes_size.get("cx")), int(notes_size.get("cy"))) if notes_size is not None else \
            (6858000, 9144000)
        self._counters = {family: _highest(self.order, pattern) for family, pattern in (
            ("slide", r"/ppt/slides/slide(\d+)\.xml"), ("notes", r"/ppt/notesSlides/notesSlide(\d+)\.xml"),
            ("image", r"/ppt/media/image(\d+)\.\w+"), ("theme", r"/ppt/theme/theme(\d+)\.xml"),
            ("notesMaster", r"/ppt/notesMasters/notesMaster(\d+)\.xml"),
            ("chart", r"/ppt/charts/chart(\d+)\.xml"),
            ("workbook", r"/ppt/embeddings/Microsoft_Excel_Worksheet(\d+)\.xlsx"))}
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

    def layout_placeholders(self, index: int) -> list[Placeholder]:
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
        self.main_new_rels.append((rid, RT + kind, _relative(self.main, partname)))
        return rid

    def add_slide(self, layout_index: int) -> SlideRels:
        partname = self._name("slide", "/ppt/slides/slide%d.xml")
        rid = self._relate_main("slide", partname)
        self.slide_ids.append((self._next_slide_id, rid))
        self._next_slide_id += 1
        return SlideRels(self, partname, self.layouts[layout_index])

    def finish_slide(self, rels: SlideRels, xml: str) -> None:
        self._add(rels.partname, CT_PML + "slide+xml", xml.encode("utf-8"))
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

    def chart_part(self, xml: bytes, workbook: bytes) -> str:
        """A chart part with its embedded workbook (what PowerPoint's "Edit Data" opens)."""
        partname = self._name("chart", "/ppt/charts/chart%d.xml")
        embedded = self._name("workbook", "/ppt/embeddings/Microsoft_Excel_Worksheet%d.xlsx")
        self.defaults.setdefault("xlsx", CT_XLSX)
        self._add(embedded, None, workbook)
        self._add(partname, CT_CHART, xml)
        self._add_rels(partname, [("rId1", RT + "package", _relative(partname, embedded), False)])
        return partname

    def ensure_table_styles(self) -> None:
        """A table style list naming kkrdeck's table style, for a template without one: LibreOffice draws a table
        whose style it cannot look up as a bare grid (LibreOffice's own Impress templates have none), and knows the
        predefined style once the list names it; PowerPoint knows it by its id either way."""
        if any(kind.endswith("/tableStyles") for _, kind, _, _ in self.main_rels) or \
                any(kind.endswith("/tableStyles") for _, kind, _ in self.main_new_rels):
            return
        partname = "/ppt/tableStyles.xml"
        if partname in self.parts:  # there, but not related: left alone rather than overwritten
            return
        xml = f'{XML_HEADER_ADDED}<a:tblStyleLst xmlns:a="{A_NS}" def="{TABLE_STYLE_ID}"/>'
        self._add(partname, CT_PML + "tableStyles+xml", xml.encode("utf-8"))
        self._relate_main("tableStyles", partname)

    # notes pages (their XML is made by slides.py)

    def add_notes_master(self, xml: str) -> None:
        """A notes master for a template without one, with its own copy of the slide master's theme."""
        partname = self._name("notesMaster", "/ppt/notesMasters/notesMaster%d.xml")
        theme = self._name("theme", "/ppt/theme/theme%d.xml")
        master_theme = next(t for _, kind, t, _ in self.rels(self.master) if kind.endswith("/theme"))
        self._add(theme, CT_THEME, self.parts[master_theme])
        data = xml.encode("utf-8")
        self._add(partname, CT_PML + "notesMaster+xml", data)
        self._add_rels(partname, [("rId1", RT + "theme", _relative(partname, theme), False)])
        self._relate_main("notesMaster", partname)
        self.notes_master = partname
        self.parts[partname] = data  # read back for its placeholders; written once, from self.new

    def notes_placeholders(self) -> list[Placeholder]:
        """The placeholders a notes slide starts with, from the notes master (parsed once)."""
        if self._notes_placeholders is None:
            assert self.notes_master is not None, "add_notes_master first"
            self._notes_placeholders = [ph for ph in _placeholders(self.parts[self.notes_master])
                                        if ph.type in _NOTES_CLONED]
        return self._notes_placeholders

    def add_notes(self, slide: SlideRels, xml: str) -> None:
        """A slide's notes page, related both ways to its slide and to the notes master."""
        assert self.notes_master is not None, "add_notes_master first"
        partname = self._name("notes", "/ppt/notesSlides/notesSlide%d.xml")
        self._add(partname, CT_PML + "notesSlide+xml", xml.encode("utf-8"))
        self._add_rels(partname, [("rId1", RT + "notesMaster", _relative(partname, self.notes_master), False),
                                  ("rId2", RT + "slide", _relative(partname, slide.partname), False)])
        slide.add("notesSlide", _relative(slide.partname, partname))

    # properties and the finished file

    def set_properties(self, info: DeckInfo) -> None:
        self.core = _core_xml(info)
        self.language = info.language

    def to_bytes(self) -> bytes:
        root_rels = self.rels("/")
        core = next((t for _, kind, t, ext in root_rels if kind == RT_CORE and not ext), None)
        replaced: dict[str, bytes] = {}
        if core is None:
            core = "/docProps/core.xml"
            items = [(rid, kind, _relative("/", t) if not ext else t, ext) for rid, kind, t, ext in root_rels]
            rid = f"rId{1 + max((_rid_number(r[0]) for r in items), default=0)}"
            items.append((rid, RT_CORE, "docProps/core.xml", False))
            replaced["/_rels/.rels"] = _rels_xml(items).encode("utf-8")
            self.order.append(core)
            self.overrides.append((core, CT_CORE))
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
        declare = "" if f'xmlns:r="{R_NS}"' in xml else f' xmlns:r="{R_NS}"'
        ids = "".join(f'<{prefix}sldId{declare} id="{sid}" r:id="{rid}"/>' for sid, rid in self.slide_ids)
        notes_rid = next((rid for rid, kind, _, _ in self.main_rels if kind.endswith("/notesMaster")), None)
        notes_rid = notes_rid or next((rid for rid, kind, _ in self.main_new_rels if kind.endswith("/notesMaster")),
                                      None)
        if notes_rid and not re.search(rf"<{prefix}notesMasterIdLst\b", xml):
            end = _element_end(xml, prefix, "sldMasterIdLst")
            lst = (f'<{prefix}notesMasterIdLst><{prefix}notesMasterId{declare} r:id="{notes_rid}"/>'
                   f'</{prefix}notesMasterIdLst>')
            xml = xml[:end] + lst + xml[end:]
        xml = _default_language(xml, prefix, self.language)
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
            if el.tag == f"{{{CT_NS}}}Default":
                defaults[el.get("Extension").lower()] = el.get("ContentType")
            elif el.tag == f"{{{CT_NS}}}Override":
                overrides[el.get("PartName")] = el.get("ContentType")
        for ext, content_type in self.defaults.items():
            defaults.setdefault(ext, content_type)
        if overrides.get(self.main) in (CT_TEMPLATE, CT_SLIDESHOW):
            overrides[self.main] = CT_PRESENTATION  # a .potx made into a presentation
        overrides.update(self.overrides)
        body = "".join(f'<Default Extension={quoteattr(e)} ContentType={quoteattr(c)}/>' for e, c in defaults.items())
        body += "".join(f'<Override PartName={quoteattr(p)} ContentType={quoteattr(c)}/>' for p, c in overrides.items())
        return f'{XML_HEADER_ADDED}<Types xmlns="{CT_NS}">{body}</Types>'


def _store(zf: zipfile.ZipFile, name: str, data: bytes | None) -> None:
    if data is None:
        return
    member = zipfile.ZipInfo(name[1:], ZIP_TIME)
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o644 << 16
    zf.writestr(member, data)


def _placeholders(xml: bytes) -> list[Placeholder]:
    """Placeholders among the top-level shapes of a layout's (or notes master's) shape tree, in order."""
    root = ET.fromstring(xml)
    tree = root.find(f"{{{P_NS}}}cSld/{{{P_NS}}}spTree")
    found = []
    for shape in tree if tree is not None else ():
        if not isinstance(shape.tag, str) or shape.tag.rpartition("}")[2] not in _SHAPE_TAGS:
            continue
        ph = None
        for nv in shape:
            ph = nv.find(f"{{{P_NS}}}nvPr/{{{P_NS}}}ph")
            break
        if ph is not None:
            found.append(Placeholder(ph.get("type", "obj"), ph.get("orient", "horz"), ph.get("sz", "full"),
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
    return f'{XML_HEADER_ADDED}<Relationships xmlns="{PR_NS}">{body}</Relationships>'


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


def _core_xml(info: DeckInfo) -> str:
    parts = [f"<dc:title>{xml_text(info.title)}</dc:title>",
             f"<dc:subject>{xml_text(info.subject or '')}</dc:subject>",
             f"<dc:creator>{xml_text(info.author or '')}</dc:creator>",
             f"<cp:lastModifiedBy>{xml_text(info.author or '')}</cp:lastModifiedBy>",
             f"<dc:language>{xml_text(info.language)}</dc:language>", "<cp:revision>1</cp:revision>"]
    date = _document_date(info.date)
    if date is not None:
        stamp = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        parts += [f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>',
                  f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>']
    return f'{XML_HEADER_ADDED}{CORE_PROPERTIES}{"".join(parts)}</cp:coreProperties>'


def _document_date(deck_date: str | None) -> dt.datetime | None:
    """The deck's own date, else SOURCE_DATE_EPOCH (reproducible builds), else none: never the clock."""
    if deck_date:
        return dt.datetime.fromisoformat(deck_date + "T09:00:00")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return None



def _default_language(xml: str, prefix: str, language: str | None) -> str:
    """The deck's language in the presentation's default text style, which text typed into a new box takes (a
    template made elsewhere says en-US there)."""
    if not language:
        return xml
    found = re.search(rf"<{prefix}defaultTextStyle>(.*?)</{prefix}defaultTextStyle>", xml, re.S)
    if found is None:
        return xml
    body = found.group(1)
    style = re.search(r"<(\w+:)?(?:defPPr|lvl1pPr)\b", body)
    a = style.group(1) or "" if style else "a:"
    if re.search(rf"<{a}defPPr\b", body):
        defppr = re.search(rf"<{a}defPPr\b.*?(?:/>|</{a}defPPr>)", body, re.S)
        part = defppr.group(0)
        if re.search(rf"<{a}defRPr\b[^>]*\blang=", part):
            new = re.sub(rf'(<{a}defRPr\b[^>]*\blang=")[^"]*"', rf'\g<1>{language}"', part, count=1)
        elif re.search(rf"<{a}defRPr\b", part):
            new = re.sub(rf"<{a}defRPr\b", f'<{a}defRPr lang="{language}"', part, count=1)
        elif part.endswith("/>"):
            new = part[:-2] + f'><{a}defRPr lang="{language}"/></{a}defPPr>'
        else:
            new = part.replace(f"</{a}defPPr>", f'<{a}defRPr lang="{language}"/></{a}defPPr>')
        body = body.replace(part, new, 1)
    else:
        body = f'<{a}defPPr><{a}defRPr lang="{language}"/></{a}defPPr>' + body
    return xml[:found.start(1)] + body + xml[found.end(1):]
