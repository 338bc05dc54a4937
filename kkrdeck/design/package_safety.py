"""A template package read under guard: size limits, no DTDs, no escaping or external relationships, allow-listed parts."""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from kkrdeck.design.shapetree import A, MC, P, R, q
from kkrdeck.errors import TemplateError, display_path
from kkrdeck.i18n import N_, _, ngettext, number
from kkrdeck.ooxml.ns import (CT_MACRO_MAINS, CT_NS, CT_PML, CT_PRESENTATION, CT_RELS, CT_SLIDESHOW, CT_TEMPLATE,
                              PR_NS, RT)
from kkrdeck.wording import decimal

MAX_FILE_BYTES = 200_000_000  # on disk and unpacked: an organisation's template is a few MB, a zip bomb is not
MAX_UNPACKED_BYTES = 200_000_000
MAX_MEMBERS = 5_000
MAX_XML_DEPTH = 100  # PowerPoint's deepest parts (grouped shapes in tables) stay far below this

_RELS = CT_RELS
_PML = CT_PML
_OD = "application/vnd.openxmlformats-officedocument."
_RT = RT
_RT_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
_REL_NS = PR_NS
_CT_NS = CT_NS
MAIN_TYPES = (CT_PRESENTATION, CT_TEMPLATE, CT_SLIDESHOW)
MACRO_TYPES = CT_MACRO_MAINS
# The parts kkrdeck's writer knows and passes on; anything else (VBA, ActiveX, OLE, custom UI, media,
# charts, unknown parts) never reaches the output, whatever it is called.
XML_TYPES = frozenset([*MAIN_TYPES, *(_PML + t + "+xml" for t in (
    "slideMaster", "slideLayout", "slide", "notesMaster", "notesSlide", "handoutMaster", "presProps", "viewProps",
    "tableStyles", "commentAuthors", "comments")), _OD + "theme+xml", _OD + "themeOverride+xml",
    _OD + "extended-properties+xml", _OD + "custom-properties+xml",
    "application/vnd.openxmlformats-package.core-properties+xml"])
_PICTURE_TYPES = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",),
                  "image/jpg": (b"\xff\xd8\xff",), "image/gif": (b"GIF87a", b"GIF89a"), "image/bmp": (b"BM",),
                  "image/tiff": (b"II*\x00", b"MM\x00*"), "image/x-wmf": (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00",
                                                                           b"\x02\x00\x09\x00"),
                  "image/x-emf": (b"\x01\x00\x00\x00",)}
REL_TYPES = frozenset([*(_RT + t for t in (
    "officeDocument", "slideMaster", "slideLayout", "slide", "notesMaster", "notesSlide", "handoutMaster", "theme",
    "themeOverride", "image", "presProps", "viewProps", "tableStyles", "commentAuthors", "comments",
    "extended-properties", "custom-properties")), _RT_PACKAGE + "core-properties", _RT_PACKAGE + "thumbnail",
    _RT_PACKAGE + "extended-properties"])  # the last as pandoc and officer write it
# left out without a word: harmless, and no deck needs them
_QUIET_TYPES = (_PML + "printerSettings",)
_LINKS = ("hlinkClick", "hlinkMouseOver", "hlinkHover")
_SHAPES = ("sp", "pic", "grpSp", "graphicFrame", "cxnSp", "contentPart")
_ADVICE = N_("open it in PowerPoint and save it again as .potx, or ask whoever made it for a fresh copy")
_USE_PPTX = N_("use a .pptx or .potx file (in PowerPoint: File → Save As → PowerPoint Template)")


class TemplateRefused(TemplateError):
    """A template that cannot be used: why (`reason`) and what to do (`advice`), phrased for any way it was named."""

    def __init__(self, name: str, reason: str, advice: str | None = None) -> None:
        advice = _(_ADVICE) if advice is None else advice
        self.reason, self.advice = reason, advice
        super().__init__(_("{name}: cannot use this template: {reason} — {advice}").format(
            name=name, reason=reason, advice=advice))


@dataclass(frozen=True)
class SafePackage:
    """The template's package with everything unsafe left out, and what was left out."""

    data: bytes
    external: tuple[str, ...] = ()  # targets of the external relationships dropped
    dropped: tuple[str, ...] = ()  # parts dropped because the writer does not pass them on (active content …)

    def warnings(self) -> list[str]:
        found = []
        if self.external:
            n = len(self.external)
            found.append(ngettext("left out {n} link to outside the template and the shapes that use it "
                                  "({targets}): a deck must not fetch anything when it is opened — put pictures "
                                  "into the template itself",
                                  "left out {n} links to outside the template and the shapes that use them "
                                  "({targets}): a deck must not fetch anything when it is opened — put pictures "
                                  "into the template itself", n).format(n=n, targets=", ".join(self.external)))
        if self.dropped:
            n = len(self.dropped)
            found.append(ngettext("left out {n} part kkrdeck does not pass on (macros, controls, embedded objects "
                                  "and other active or unknown content: {parts})",
                                  "left out {n} parts kkrdeck does not pass on (macros, controls, embedded objects "
                                  "and other active or unknown content: {parts})", n).format(
                n=n, parts=", ".join(self.dropped)))
        return found


def safe_template(path: Path) -> SafePackage:
    """The template file read under every limit and cleaned; raises TemplateRefused. Cached while the file is unchanged."""
    path = Path(path).resolve()
    try:
        stat = path.stat()
    except OSError:
        raise TemplateError(_("{file}: the template file does not exist — check the path").format(
            file=display_path(path))) from None
    return _safe_template(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _safe_template(path_text: str, _mtime: int, size: int) -> SafePackage:
    name = display_path(path_text)
    if size > MAX_FILE_BYTES:
        raise TemplateRefused(name, _("the file is {size} MB (at most {limit} MB)").format(
            size=decimal(size / 1e6, ",.0f"), limit=number(MAX_FILE_BYTES // 1_000_000)), _("use a smaller template"))
    try:
        data = Path(path_text).read_bytes()
    except OSError as exc:
        raise TemplateRefused(name, _("it cannot be read ({reason})").format(
            reason=(exc.strerror or str(exc)).lower()), _("check that the file is readable")) from None
    return clean_package(data, name)


def clean_package(data: bytes, name: str) -> SafePackage:
    """Check a package's limits and structure and leave out what must not pass through; raises TemplateRefused."""
    parts = _read_zip(data, name)
    types = _content_types(parts, name)
    main = _main_part(parts, types, name)
    trees = {part: _parse(part, blob, name) for part, blob in parts.items() if _is_xml(part, types)}
    keep, removed, external, dropped = _walk(parts, types, trees, name)
    changed = set(removed)
    for part, ids in removed.items():
        if part in keep and part in trees:
            _drop_references(trees[part], ids)
    _check_structure(main, keep, trees, types, name)
    kept_rels = {"_rels/.rels"} | {_rels_of(p) for p in keep}
    if not changed and not set(parts) - keep - kept_rels - {"[Content_Types].xml"}:
        return SafePackage(data)  # nothing to leave out: the file's own bytes
    return SafePackage(_write(parts, trees, keep, changed), tuple(external), tuple(dropped))


# --- the zip container ----------------------------------------------------------------------------------------

def _read_zip(data: bytes, name: str) -> dict[str, bytes]:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TemplateRefused(name, _("it is a password-protected file or an old .ppt/.pot"),
                              _("save it without a password as .potx in PowerPoint (File → Save As)"))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise TemplateRefused(name, _("it is not a PowerPoint file"), _(_USE_PPTX)
                              ) from None
    if len(members) > MAX_MEMBERS:
        raise TemplateRefused(name, _("it holds {count} files inside (at most {limit})").format(
            count=number(len(members)), limit=number(MAX_MEMBERS)), _("use a smaller template"))
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise TemplateRefused(name, _("it unpacks to {size} MB (at most {limit} MB)").format(
            size=decimal(unpacked / 1e6, ",.0f"), limit=number(MAX_UNPACKED_BYTES // 1_000_000)),
            _("use a smaller template"))
    parts: dict[str, bytes] = {}
    seen: set[str] = set()
    for member in members:
        entry = member.filename
        if entry.endswith("/"):
            continue
        if entry.lower() in seen:
            raise TemplateRefused(name, _("it contains '{entry}' twice (a damaged or tampered file)").format(
                entry=entry))
        seen.add(entry.lower())
        if entry.startswith("/") or "\\" in entry or ".." in entry.split("/"):
            raise TemplateRefused(name, _("it contains a file named '{entry}', outside the package").format(
                entry=entry))
        try:
            parts[entry] = zf.read(member)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, ValueError, EOFError, OSError) as exc:
            raise TemplateRefused(name, _("'{entry}' inside it cannot be unpacked ({reason})").format(
                entry=entry, reason=exc)) from None
    return parts


def _content_types(parts: dict[str, bytes], name: str) -> dict[str, str]:
    """Each part's content type (lower-case part name → type), from the Override, else the Default of its extension."""
    blob = parts.get("[Content_Types].xml")
    if blob is None:
        raise TemplateRefused(name, _("it is not a PowerPoint file (it has no [Content_Types].xml)"), _(_USE_PPTX))
    root = _parse("[Content_Types].xml", blob, name)
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(q(_CT_NS, "Default"))}
    overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                 for o in root.iter(q(_CT_NS, "Override"))}
    found = {}
    for part in parts:
        key = part.lower()
        found[key] = overrides.get(key) or defaults.get(posixpath.splitext(key)[1].lstrip("."), "")
    return found


def _main_part(parts: dict[str, bytes], types: dict[str, str], name: str) -> str:
    if "_rels/.rels" not in parts:
        raise TemplateRefused(name, _("it is not a PowerPoint file (it has no _rels/.rels)"), _(_USE_PPTX))
    for rel in _parse("_rels/.rels", parts["_rels/.rels"], name).iter(q(_REL_NS, "Relationship")):
        if rel.get("Type") == _RT + "officeDocument" and rel.get("TargetMode") != "External":
            part = _resolve("", rel.get("Target", ""), "_rels/.rels", name)
            actual = _lookup(parts, part)
            kind = types.get(actual.lower(), "") if actual else ""
            if kind in MACRO_TYPES:
                raise TemplateRefused(name, _("it is a macro-enabled file"),
                                      _("save it as a .potx (without macros) and use that"))
            if kind in MAIN_TYPES:
                return actual  # type: ignore[return-value]
    raise TemplateRefused(name, _("it is not a PowerPoint presentation or template (a Word or Excel file?)"),
                          _("use a .pptx or .potx file"))


def _is_xml(part: str, types: dict[str, str]) -> bool:
    kind = types.get(part.lower(), "")
    return part.endswith(".rels") or kind.endswith("+xml") or kind in ("application/xml", "text/xml")


def _parse(part: str, blob: bytes, name: str):
    """One XML part, refusing DTDs (where entity bombs live) and nesting deeper than MAX_XML_DEPTH."""
    depth = 0
    try:
        events = etree.iterparse(io.BytesIO(blob), events=("start", "end"), resolve_entities=False,
                                 load_dtd=False, no_network=True, huge_tree=False, remove_comments=False)
        for event, _element in events:
            depth += 1 if event == "start" else -1
            if depth > MAX_XML_DEPTH:
                raise TemplateRefused(name, _("'{part}' nests its XML more than {limit} levels deep").format(
                    part=part, limit=MAX_XML_DEPTH))
        root = events.root
    except etree.XMLSyntaxError as exc:
        if "ntity" in str(exc):
            raise TemplateRefused(name, _("'{part}' declares its own XML entities, which PowerPoint never writes "
                                          "(entity expansion can take gigabytes)").format(part=part)) from None
        line, column = getattr(exc, "position", None) or (exc.lineno, 0)
        raise TemplateRefused(name, _("'{part}' inside it is damaged (its XML breaks at line {line}, column "
                                      "{column})").format(part=part, line=line, column=column)) from None
    if root.getroottree().docinfo.doctype:
        raise TemplateRefused(name, _("'{part}' declares its own XML entities (<!DOCTYPE …>), which PowerPoint "
                                      "never writes (entity expansion can take gigabytes)").format(part=part))
    return root


# --- relationships and the parts they reach -------------------------------------------------------------------

def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(source: str, target: str, rels: str, name: str) -> str:
    base = "" if target.startswith("/") else posixpath.dirname(source)
    joined = posixpath.normpath(posixpath.join(base, unquote(target).lstrip("/")))
    if joined.startswith("..") or joined.startswith("/") or joined == ".":
        raise TemplateRefused(name, _("'{rels}' points outside the package ('{target}')").format(
            rels=rels, target=target))
    return joined


def _lookup(parts: dict[str, bytes], part: str) -> str | None:
    if part in parts:
        return part
    lower = part.lower()
    return next((p for p in parts if p.lower() == lower), None)


def _allowed(part: str, blob: bytes, kind: str) -> bool:
    if kind in XML_TYPES:
        return True
    magic = _PICTURE_TYPES.get(kind)
    if magic is None:
        return False
    if kind == "image/x-emf":
        return blob.startswith(magic) and blob[40:44] == b" EMF"
    return blob.startswith(magic)


def _walk(parts, types, trees, name):
    """From the package's root, the parts kept by following allowed relationships; the relationship ids dropped
    per part; the external targets dropped; the parts dropped for their kind."""
    keep: set[str] = set()
    removed: dict[str, set[str]] = {}
    external: list[str] = []
    dropped: list[str] = []
    queue = [""]
    while queue:
        source = queue.pop(0)
        rels = "_rels/.rels" if source == "" else _rels_of(source)
        rels = _lookup(parts, rels) or rels
        if rels not in trees:
            continue
        for rel in list(trees[rels].iter(q(_REL_NS, "Relationship"))):
            rid, target = rel.get("Id", ""), rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                if target not in external:
                    external.append(target)
                removed.setdefault(source, set()).add(rid)
                rel.getparent().remove(rel)
                continue
            part = _lookup(parts, _resolve(source, target, rels, name))
            kind = types.get(part.lower(), "") if part else ""
            if part is not None and rel.get("Type") in REL_TYPES and _allowed(part, parts[part], kind):
                if part not in keep:
                    keep.add(part)
                    queue.append(part)
                continue
            if part is None and rel.get("Type") in REL_TYPES:
                raise TemplateRefused(name, _("'{rels}' names '{target}', which is not in the file").format(
                    rels=rels, target=target))
            if part is not None and kind not in _QUIET_TYPES and part not in dropped:
                dropped.append(part)
            removed.setdefault(source, set()).add(rid)
            rel.getparent().remove(rel)
    dropped = [p for p in dropped if p not in keep]
    return keep, removed, external, dropped


def _drop_references(root, ids: set[str]) -> None:
    """Take out what used a dropped relationship: a link alone, an extension whole, otherwise the shape using it."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getroottree().getroot() is not root:
            continue  # already taken out with an ancestor
        names = [a for a, v in el.attrib.items() if a.startswith(f"{{{R}}}") and v in ids]
        if not names:
            continue
        if el.tag == q(A, "blip") and names == [q(R, "link")] and el.get(q(R, "embed")) not in (None, *ids):
            del el.attrib[q(R, "link")]  # linked and embedded: the embedded copy is enough
            continue
        _remove(_what_needs(el))


def _what_needs(el):
    chain = [el, *el.iterancestors()]
    for node in chain:
        local = etree.QName(node).localname
        parent = node.getparent()
        if node.tag in (q(A, t) for t in _LINKS) or (local == "ext" and parent is not None and
                                                      etree.QName(parent).localname == "extLst"):
            return node
    for node in chain:
        if node.tag == q(P, "bg"):
            return node
        if node.tag == q(A, "blipFill") and node.getparent() is not None and \
                node.getparent().tag in (q(A, "fillStyleLst"), q(A, "bgFillStyleLst")):
            return node
        parent = node.getparent()
        if parent is not None and parent.tag in (q(P, "spTree"), q(P, "grpSp")) and (
                node.tag == q(MC, "AlternateContent") or etree.QName(node).localname in _SHAPES):
            return node
    return el


def _remove(node) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tag == q(A, "blipFill") and parent.tag in (q(A, "fillStyleLst"), q(A, "bgFillStyleLst")):
        # a theme's fill lists are used by position: keep the slot, fill it plainly
        fill = etree.Element(q(A, "solidFill"))
        etree.SubElement(fill, q(A, "schemeClr"), val="phClr")
        node.addprevious(fill)
    parent.remove(node)
    if not len(parent) and etree.QName(parent).localname.endswith("Lst") and parent.getparent() is not None:
        parent.getparent().remove(parent)


# --- what a template must have --------------------------------------------------------------------------------

def _targets(trees, source: str, reltype: str, parts_rels: str | None = None) -> dict[str, str]:
    rels = trees.get(_rels_of(source)) if parts_rels is None else trees.get(parts_rels)
    if rels is None:
        return {}
    return {r.get("Id"): _resolve(source, r.get("Target", ""), "", "") for r in rels.iter(q(_REL_NS, "Relationship"))
            if r.get("Type") == _RT + reltype}


def _check_structure(main: str, keep: set[str], trees, types, name: str) -> None:
    """A presentation part listing a slide master that exists, every master with layouts and a sound theme."""
    masters = _targets(trees, main, "slideMaster")
    listed = [m.get(q(R, "id")) for m in trees[main].iter(q(P, "sldMasterId"))]
    found = [masters[rid] for rid in listed if rid in masters and _lookup_set(keep, masters[rid])]
    if not found:
        raise TemplateRefused(name, _("it has no slide master (the part that carries the layouts is missing)"))
    for master in found:
        master = _lookup_set(keep, master)
        layouts = _targets(trees, master, "slideLayout")
        if not any(m.get(q(R, "id")) in layouts for m in trees[master].iter(q(P, "sldLayoutId"))):
            raise TemplateRefused(name, _("its slide master '{master}' has no layouts").format(master=master))
        themes = [_lookup_set(keep, t) for t in _targets(trees, master, "theme").values()]
        if not themes or themes[0] is None:
            raise TemplateRefused(name, _("its slide master '{master}' has no theme").format(master=master))
        theme = trees[themes[0]]
        elements = theme.find(q(A, "themeElements"))
        if theme.tag != q(A, "theme") or elements is None or any(
                elements.find(q(A, t)) is None for t in ("clrScheme", "fontScheme", "fmtScheme")):
            raise TemplateRefused(name, _("its theme '{theme}' is damaged (it lacks its colour, font or effect "
                                          "scheme)").format(theme=themes[0]))


def _lookup_set(keep: set[str], part: str) -> str | None:
    if part in keep:
        return part
    return next((p for p in keep if p.lower() == part.lower()), None)


# --- writing the cleaned package ------------------------------------------------------------------------------

def _write(parts, trees, keep, changed) -> bytes:
    kept_rels = {"_rels/.rels"} | {_rels_of(p) for p in keep}
    changed_rels = {"_rels/.rels" if source == "" else _rels_of(source) for source in changed}
    ct = trees.get("[Content_Types].xml")
    if ct is None:
        ct = etree.fromstring(parts["[Content_Types].xml"])
    kept_lower = {p.lower() for p in keep}
    for override in list(ct.iter(q(_CT_NS, "Override"))):
        if override.get("PartName", "").lstrip("/").lower() not in kept_lower:
            ct.remove(override)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, blob in parts.items():
            if part == "[Content_Types].xml":
                blob = _bytes(ct)
            elif part in changed_rels:
                blob = _bytes(trees[part])
            elif part in kept_rels:
                pass
            elif part not in keep:
                continue
            elif part in changed:
                blob = _bytes(trees[part])
            zf.writestr(part, blob)
    return out.getvalue()


def _bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
