"""Package-level checks for every .pptx the test suite builds.

Use ``assert_valid_deck(path)`` on every deck a test produces: it fails with a
readable list of problems when the file is structurally broken (zip, content
types, relationships, XML well-formedness, shape ids, slide/master/layout ids)
or when ``openxml_audit`` reports schema/semantic errors, and otherwise returns
the deck reopened with python-pptx.

``structural_problems(path)`` and ``schema_problems(path)`` return the problems
as strings (empty list = good) for tests that want to pin a particular message.

Part names in messages are OPC part names (leading slash), e.g.
``/ppt/slides/slide1.xml``.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable
from urllib.parse import unquote

from lxml import etree

if TYPE_CHECKING:  # pragma: no cover
    import pptx.presentation

__all__ = ["structural_problems", "schema_problems", "assert_valid_deck"]

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

OFFICE_DOCUMENT_RELTYPES = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
}

CT_SLIDE = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
CT_LAYOUT = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
CT_MASTER = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"
SHAPE_TREE_CONTENT_TYPES = {CT_SLIDE: "slide", CT_LAYOUT: "slide layout", CT_MASTER: "slide master"}

_PML = "application/vnd.openxmlformats-officedocument.presentationml."
# relationship type (last path segment) -> content types its target may have
EXPECTED_TARGET_CONTENT_TYPES = {
    "slide": {CT_SLIDE},
    "slideLayout": {CT_LAYOUT},
    "slideMaster": {CT_MASTER},
    "notesSlide": {_PML + "notesSlide+xml"},
    "notesMaster": {_PML + "notesMaster+xml"},
    "handoutMaster": {_PML + "handoutMaster+xml"},
    "theme": {"application/vnd.openxmlformats-officedocument.theme+xml"},
    "chart": {"application/vnd.openxmlformats-officedocument.drawingml.chart+xml"},
    "officeDocument": {
        _PML + "presentation.main+xml",
        _PML + "slideshow.main+xml",
        _PML + "template.main+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    },
}

SLIDE_ID_MIN, SLIDE_ID_MAX = 256, 2147483647
MASTER_LAYOUT_ID_MIN, MASTER_LAYOUT_ID_MAX = 2147483648, 4294967295

# Safe parser: no entity expansion, no network, no DTD loading.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _is_xml_content_type(ct: str | None) -> bool:
    if not ct:
        return False
    ct = ct.split(";", 1)[0].strip().lower()
    return ct.endswith("+xml") or ct in ("application/xml", "text/xml")


class _Package:
    """Parts of an OPC package read from a zip; part names are '/...' strings."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}
        # lower-cased part name -> actual part name (OPC part names compare case-insensitively)
        self.by_lower: dict[str, str] = {}
        self.xml: dict[str, etree._Element] = {}
        self.content_types: dict[str, str] = {}

    def find(self, partname: str) -> str | None:
        return self.by_lower.get(partname.lower())


def _read_zip(path: Path, problems: list[str]) -> _Package | None:
    pkg = _Package()
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        problems.append(f"zip: not a valid zip file: {exc}")
        return None
    with zf:
        names = [info.filename for info in zf.infolist()]
        for name, count in sorted(Counter(names).items()):
            if count > 1:
                problems.append(f"zip: duplicate member name '{name}' ({count} times)")
        by_case: dict[str, set[str]] = defaultdict(set)
        for name in names:
            by_case[name.lower()].add(name)
        for variants in sorted(by_case.values(), key=sorted):
            if len(variants) > 1:
                shown = ", ".join(f"'{n}'" for n in sorted(variants))
                problems.append(f"zip: member names differ only by case: {shown}")
        for info in zf.infolist():
            if info.is_dir():
                continue
            partname = "/" + info.filename.lstrip("/")
            if partname in pkg.blobs:
                continue  # duplicate already reported; keep the first one
            try:
                blob = zf.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
                problems.append(f"zip: member '{info.filename}' cannot be read: {exc}")
                continue
            pkg.blobs[partname] = blob
            pkg.by_lower.setdefault(partname.lower(), partname)
    return pkg


def _parse(pkg: _Package, partname: str, problems: list[str]) -> etree._Element | None:
    if partname in pkg.xml:
        return pkg.xml[partname]
    try:
        root = etree.fromstring(pkg.blobs[partname], _PARSER)
    except etree.XMLSyntaxError as exc:
        problems.append(f"{partname}: XML does not parse: {exc}")
        return None
    pkg.xml[partname] = root
    return root


def _check_content_types(pkg: _Package, problems: list[str]) -> None:
    ct_name = "/[Content_Types].xml"
    if ct_name not in pkg.blobs:
        problems.append("[Content_Types].xml: missing")
        return
    root = _parse(pkg, ct_name, problems)
    if root is None:
        return
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for el in root:
        if el.tag == _q(CT_NS, "Default"):
            ext, ct = el.get("Extension"), el.get("ContentType")
            if not ext or not ct:
                problems.append(f"[Content_Types].xml: Default without Extension or ContentType: {etree.tostring(el).decode()}")
                continue
            if ext.lower() in defaults:
                problems.append(f"[Content_Types].xml: duplicate Default for extension '{ext}'")
            defaults[ext.lower()] = ct
        elif el.tag == _q(CT_NS, "Override"):
            name, ct = el.get("PartName"), el.get("ContentType")
            if not name or not ct:
                problems.append(f"[Content_Types].xml: Override without PartName or ContentType: {etree.tostring(el).decode()}")
                continue
            if name.lower() in overrides:
                problems.append(f"[Content_Types].xml: duplicate Override for '{name}'")
            overrides[name.lower()] = ct
            if pkg.find(unquote(name)) is None:
                problems.append(f"[Content_Types].xml: Override for '{name}' points at a missing part")
    for partname in sorted(pkg.blobs):
        if partname == ct_name:
            continue
        ct = overrides.get(partname.lower())
        if ct is None:
            base = posixpath.basename(partname)
            ext = base.rpartition(".")[2].lower() if "." in base else ""
            ct = defaults.get(ext)
            if ct is None:
                problems.append(
                    f"[Content_Types].xml: part '{partname}' has no content type "
                    f"(no Override and no Default for extension '{ext}')"
                )
                continue
        pkg.content_types[partname] = ct


def _source_of_rels(rels_name: str) -> str | None:
    """'/ppt/slides/_rels/slide1.xml.rels' -> '/ppt/slides/slide1.xml'; '/_rels/.rels' -> '/'."""
    folder, base = posixpath.split(rels_name)
    if posixpath.basename(folder) != "_rels" or not base.endswith(".rels"):
        return None
    parent = posixpath.dirname(folder)
    src = base[: -len(".rels")]
    if not src:
        return "/" if parent == "/" else None
    return posixpath.join(parent, src)


def _resolve_target(source: str, target: str) -> str:
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target)
    base = "/" if source == "/" else posixpath.dirname(source)
    return posixpath.normpath(posixpath.join(base, target))


def _check_relationships(pkg: _Package, problems: list[str]) -> dict[str, dict[str, tuple[str, str | None]]]:
    """Returns source part -> {rId: (reltype, resolved internal target or None for external)}."""
    rels: dict[str, dict[str, tuple[str, str | None]]] = {}
    for rels_name in sorted(p for p in pkg.blobs if p.endswith(".rels")):
        source = _source_of_rels(rels_name)
        if source is None:
            problems.append(f"{rels_name}: relationships part is not in a '_rels' folder named '<part>.rels'")
            continue
        if source != "/" and pkg.find(source) is None:
            problems.append(f"{rels_name}: relationships for missing source part '{source}'")
        root = _parse(pkg, rels_name, problems)
        if root is None:
            continue
        if root.tag != _q(REL_NS, "Relationships"):
            problems.append(f"{rels_name}: root element is {root.tag}, not Relationships")
            continue
        table = rels.setdefault(source, {})
        for rel in root:
            if not isinstance(rel.tag, str):
                continue
            rid, reltype, target = rel.get("Id"), rel.get("Type"), rel.get("Target")
            if not rid or not reltype or target is None:
                problems.append(f"{rels_name}: relationship without Id, Type or Target: {etree.tostring(rel).decode().strip()}")
                continue
            if rid in table:
                problems.append(f"{rels_name}: duplicate relationship id {rid}")
            if (rel.get("TargetMode") or "Internal") == "External":
                table[rid] = (reltype, None)
                continue
            resolved = _resolve_target(source, target)
            table[rid] = (reltype, resolved)
            kind = reltype.rsplit("/", 1)[-1]
            actual = pkg.find(resolved)
            if actual is None:
                problems.append(
                    f"{rels_name}: relationship {rid} ({kind}) "
                    f"targets missing part '{resolved}' (Target=\"{target}\")"
                )
                continue
            expected = EXPECTED_TARGET_CONTENT_TYPES.get(kind)
            ct = pkg.content_types.get(actual)
            if kind == "image":
                ok = ct is None or ct.startswith("image/")
            else:
                ok = expected is None or ct is None or ct in expected
            if not ok:
                want = " or ".join(f"'{e}'" for e in sorted(expected)) if expected else "'image/*'"
                problems.append(
                    f"{rels_name}: relationship {rid} ({kind}) targets '{actual}' whose content type "
                    f"'{ct}' is not {want}"
                )
    return rels


def _check_xml_parts(pkg: _Package, rels: dict, problems: list[str]) -> None:
    for partname in sorted(pkg.blobs):
        if partname.endswith(".rels") or partname == "/[Content_Types].xml":
            continue  # parsed already
        ct = pkg.content_types.get(partname)
        if not (_is_xml_content_type(ct) or partname.lower().endswith(".xml")):
            continue
        root = _parse(pkg, partname, problems)
        if root is None:
            continue
        # every r:id / r:embed / r:link / ... must name a relationship of this part
        part_rels = rels.get(partname, {})
        missing: dict[str, str] = {}
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr, value in el.attrib.items():
                if attr.startswith("{" + R_NS + "}") and value and value not in part_rels:
                    missing.setdefault(value, f"{etree.QName(el).localname}/@r:{etree.QName(attr).localname}")
        for rid, where in missing.items():
            problems.append(f"{partname}: {where}=\"{rid}\" names no relationship of this part")


def _shape_name(cnvpr: etree._Element) -> str:
    return cnvpr.get("name") or "?"


def _iter_cnvpr(node: etree._Element) -> Iterable[etree._Element]:
    """cNvPr of every shape in a shape tree, incl. the group itself and nested groups.

    For mc:AlternateContent only the first branch counts (Choice and Fallback
    normally repeat the same shape with the same id)."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == _q(MC_NS, "AlternateContent"):
            branches = [b for b in child if isinstance(b.tag, str)]
            if branches:
                yield from _iter_cnvpr(branches[0])
            continue
        local = etree.QName(child).localname
        if local.startswith("nv") and local.endswith("Pr"):
            for el in child:
                if isinstance(el.tag, str) and etree.QName(el).localname == "cNvPr":
                    yield el
            continue
        if local in ("grpSp", "sp", "pic", "cxnSp", "graphicFrame", "contentPart"):
            yield from _iter_cnvpr(child)


def _check_shape_trees(pkg: _Package, problems: list[str]) -> None:
    for partname in sorted(pkg.blobs):
        kind = SHAPE_TREE_CONTENT_TYPES.get(pkg.content_types.get(partname, ""))
        if kind is None:
            continue
        root = pkg.xml.get(partname)
        if root is None:
            continue
        sp_tree = root.find(f"{_q(P_NS, 'cSld')}/{_q(P_NS, 'spTree')}")
        if sp_tree is None:
            problems.append(f"{partname}: {kind} has no p:cSld/p:spTree")
            continue
        ids: dict[int, list[str]] = defaultdict(list)
        for cnvpr in _iter_cnvpr(sp_tree):
            raw = cnvpr.get("id")
            try:
                sid = int(raw)
                if sid < 0 or sid > 4294967295:
                    raise ValueError
            except (TypeError, ValueError):
                problems.append(f"{partname}: shape '{_shape_name(cnvpr)}' has invalid id {raw!r}")
                continue
            ids[sid].append(_shape_name(cnvpr))
        for sid, names in sorted(ids.items()):
            if len(names) > 1:
                shown = ", ".join(f"'{n}'" for n in names)
                problems.append(f"{partname}: duplicate shape id {sid} (shapes {shown})")
        for cxn in sp_tree.iter(_q(P_NS, "cNvCxnSpPr")):
            cnvpr = cxn.getparent().find(_q(P_NS, "cNvPr"))
            name = _shape_name(cnvpr) if cnvpr is not None else "?"
            for end in ("stCxn", "endCxn"):
                ref = cxn.find(_q(A_NS, end))
                if ref is None:
                    continue
                raw = ref.get("id")
                try:
                    target = int(raw)
                except (TypeError, ValueError):
                    problems.append(f"{partname}: connector '{name}' {end} has invalid id {raw!r}")
                    continue
                if target not in ids:
                    problems.append(f"{partname}: connector '{name}' {end} refers to missing shape id {target}")


def _check_presentation_ids(pkg: _Package, rels: dict, problems: list[str]) -> None:
    pres_name = next(
        (t for _rid, (rt, t) in sorted(rels.get("/", {}).items()) if rt in OFFICE_DOCUMENT_RELTYPES and t),
        None,
    )
    if pres_name is None:
        problems.append("/_rels/.rels: no officeDocument relationship (no presentation part)")
        return
    pres_name = pkg.find(pres_name)
    if pres_name is None:
        return  # dangling relationship already reported
    pres = pkg.xml.get(pres_name)
    if pres is None:
        return
    seen: Counter[int] = Counter()
    for sld_id in pres.iterfind(f"{_q(P_NS, 'sldIdLst')}/{_q(P_NS, 'sldId')}"):
        raw = sld_id.get("id")
        try:
            value = int(raw)
        except (TypeError, ValueError):
            problems.append(f"{pres_name}: sldIdLst has invalid slide id {raw!r}")
            continue
        seen[value] += 1
        if not SLIDE_ID_MIN <= value <= SLIDE_ID_MAX:
            problems.append(f"{pres_name}: slide id {value} in sldIdLst is outside {SLIDE_ID_MIN}..{SLIDE_ID_MAX}")
    for value, count in sorted(seen.items()):
        if count > 1:
            problems.append(f"{pres_name}: slide id {value} occurs {count} times in sldIdLst")

    # master ids (presentation.xml) and layout ids (each slide master) share one id space
    owners: dict[int, list[str]] = defaultdict(list)

    def collect(part: str, root: etree._Element, lst: str, item: str, what: str) -> None:
        for el in root.iterfind(f"{_q(P_NS, lst)}/{_q(P_NS, item)}"):
            raw = el.get("id")
            try:
                value = int(raw)
            except (TypeError, ValueError):
                problems.append(f"{part}: {lst} has invalid {what} id {raw!r}")
                continue
            if not MASTER_LAYOUT_ID_MIN <= value <= MASTER_LAYOUT_ID_MAX:
                problems.append(
                    f"{part}: {what} id {value} in {lst} is outside {MASTER_LAYOUT_ID_MIN}..{MASTER_LAYOUT_ID_MAX}"
                )
            owners[value].append(f"{what} id in {part}")

    collect(pres_name, pres, "sldMasterIdLst", "sldMasterId", "slide master")
    for partname in sorted(pkg.blobs):
        if pkg.content_types.get(partname) == CT_MASTER and pkg.xml.get(partname) is not None:
            collect(partname, pkg.xml[partname], "sldLayoutIdLst", "sldLayoutId", "slide layout")
    for value, where in sorted(owners.items()):
        if len(where) > 1:
            problems.append(f"master/layout id {value} is used {len(where)} times: " + "; ".join(where))


def structural_problems(path: Path) -> list[str]:
    """Everything structurally wrong with the .pptx at *path*; an empty list means none found."""
    problems: list[str] = []
    pkg = _read_zip(Path(path), problems)
    if pkg is None:
        return problems
    _check_content_types(pkg, problems)
    rels = _check_relationships(pkg, problems)
    _check_xml_parts(pkg, rels, problems)
    _check_shape_trees(pkg, problems)
    _check_presentation_ids(pkg, rels, problems)
    return problems


def schema_problems(path: Path, *, include_warnings: bool = False) -> list[str]:
    """Errors ``openxml_audit.validate_pptx`` reports, as '[kind] /part:xpath: description' strings.

    Warnings/info findings are left out unless *include_warnings* (then they are prefixed 'warning: ')."""
    import openxml_audit
    from openxml_audit.errors import PackageValidationError, ValidationSeverity

    try:
        result = openxml_audit.validate_pptx(Path(path))
    except PackageValidationError as exc:
        return [f"openxml_audit: {exc}"] + [str(e) for e in exc.errors]
    except Exception as exc:  # the validator itself failing is a problem with the file, for our purposes
        return [f"openxml_audit: validation crashed: {type(exc).__name__}: {exc}"]
    out: list[str] = []
    for err in result.errors:
        if err.severity == ValidationSeverity.ERROR:
            out.append(str(err))
        elif include_warnings:
            out.append(f"{err.severity.value}: {err}")
    if not result.is_valid and not out:
        out.append("openxml_audit: file reported invalid without listing errors")
    return out


# DrawingML schemas (ECMA-376 Part 4, transitional), copied unmodified from shared/reference/ooxml-xsd,
# so that a clean clone checks its chart parts too
XSD = Path(__file__).resolve().parent / "data" / "xsd"
_CHART_SCHEMA: list[etree.XMLSchema] = []


def chart_schema_problems(path: Path) -> list[str]:
    """Every chart part (ppt/charts/*.xml) validated against dml-chart.xsd, which openxml_audit does not cover fully."""
    with zipfile.ZipFile(path) as zf:
        charts = [n for n in zf.namelist() if n.startswith("ppt/charts/") and n.endswith(".xml")
                  and "/_rels/" not in n]
        if not charts:
            return []
        if not _CHART_SCHEMA:
            if not (XSD / "dml-chart.xsd").is_file():
                return [f"[schema] cannot check the chart parts: {XSD / 'dml-chart.xsd'} is missing"]
            _CHART_SCHEMA.append(etree.XMLSchema(etree.parse(str(XSD / "dml-chart.xsd"))))
        schema = _CHART_SCHEMA[0]
        problems = []
        for name in charts:
            if not schema.validate(etree.fromstring(zf.read(name))):
                problems += [f"[schema] /{name}:{e.line}: {e.message}" for e in schema.error_log]
        return problems


def assert_valid_deck(path: Path) -> "pptx.presentation.Presentation":
    """Assert *path* has no structural and no schema problems; return it reopened with python-pptx."""
    path = Path(path)
    assert path.is_file(), f"{path}: deck was not written"
    structural = structural_problems(path)
    # a file that is not even a zip gives the schema validator nothing useful to say
    schema = [] if any(p.startswith("zip: not a valid zip") for p in structural) else \
        schema_problems(path) + chart_schema_problems(path)
    if structural or schema:
        lines = [f"{path} is not a valid deck:"]
        if structural:
            lines.append(f"  structural problems ({len(structural)}):")
            lines += [f"    - {p}" for p in structural]
        if schema:
            lines.append(f"  schema problems ({len(schema)}):")
            lines += [f"    - {p}" for p in schema]
        raise AssertionError("\n".join(lines))
    import pptx

    return pptx.Presentation(str(path))
