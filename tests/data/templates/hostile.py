"""Templates an attacker (or a broken tool) would hand kkrdeck, made from python-pptx's default at test time."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.data.templates.make import python_pptx_default

MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
PRES_RELS = "ppt/_rels/presentation.xml.rels"
NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def parts() -> dict[str, bytes]:
    with zipfile.ZipFile(python_pptx_default()) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write(parts: dict[str, bytes] | list[tuple[str, bytes]], target: Path) -> Path:
    items = parts.items() if isinstance(parts, dict) else parts
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            zf.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def add_rel(p: dict[str, bytes], rels: str, rid: str, reltype: str, target: str, external: bool = False) -> None:
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rid}" Type="{reltype}" Target="{target}"{mode}/>'.encode()
    p[rels] = p[rels].replace(b"</Relationships>", rel + b"</Relationships>")


def add_shape(p: dict[str, bytes], part: str, xml: str) -> None:
    p[part] = p[part].replace(b"</p:spTree>", xml.encode() + b"</p:spTree>", 1)


def add_type(p: dict[str, bytes], part: str, content_type: str) -> None:
    override = f'<Override PartName="/{part}" ContentType="{content_type}"/>'.encode()
    p["[Content_Types].xml"] = p["[Content_Types].xml"].replace(b"</Types>", override + b"</Types>")


def picture(shape_id: int, rid: str, attr: str = "r:link", name: str = "Logo") -> str:
    return (f'<p:pic {NS}><p:nvPicPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip {attr}="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect">'
            '<a:avLst/></a:prstGeom></p:spPr></p:pic>')


def linked_shape(shape_id: int, rid: str) -> str:
    return (f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="Hjemmeside"><a:hlinkClick r:id="{rid}"/>'
            '</p:cNvPr><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="6000000"/>'
            '<a:ext cx="2000000" cy="300000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="da-DK"/><a:t>www.example.dk</a:t></a:r></a:p>'
            '</p:txBody></p:sp>')


def external_links(folder: Path, url: str) -> Path:
    """A linked (not embedded) picture and a hyperlink on the master, a linked picture on a layout."""
    p = parts()
    add_rel(p, MASTER_RELS, "rIdX1", RT + "image", f"{url}/logo.png", external=True)
    add_rel(p, MASTER_RELS, "rIdX2", RT + "hyperlink", f"{url}/web", external=True)
    add_shape(p, MASTER, picture(90, "rIdX1") + linked_shape(91, "rIdX2"))
    add_rel(p, LAYOUT_RELS, "rIdX3", RT + "image", "file:///etc/hostname", external=True)
    add_shape(p, LAYOUT, picture(92, "rIdX3", name="Baggrund"))
    return write(p, folder / "links.pptx")


def active_content(folder: Path) -> Path:
    """VBA, an ActiveX control, an OLE object, custom UI, an unknown part, and VBA disguised as a PNG."""
    p = parts()
    p["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 macros"
    add_type(p, "ppt/vbaProject.bin", "application/vnd.ms-office.vbaProject")
    add_rel(p, PRES_RELS, "rIdV", "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
            "vbaProject.bin")
    p["ppt/activeX/activeX1.xml"] = b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{8BD21D10-EC42-11CE-9E0D-00AA006002F3}"/>'
    add_type(p, "ppt/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml")
    add_rel(p, MASTER_RELS, "rIdA", RT + "control", "../activeX/activeX1.xml")
    p["ppt/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 ole"
    add_type(p, "ppt/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject")
    add_rel(p, MASTER_RELS, "rIdO", RT + "oleObject", "../embeddings/oleObject1.bin")
    add_shape(p, MASTER, f'<p:graphicFrame {NS}><p:nvGraphicFramePr><p:cNvPr id="93" name="Objekt"/>'
              '<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="100" '
              'cy="100"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml'
              '/2006/ole"><p:oleObj r:id="rIdO" progId="Package"/></a:graphicData></a:graphic></p:graphicFrame>')
    p["customUI/customUI14.xml"] = b'<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"/>'
    add_type(p, "customUI/customUI14.xml", "application/xml")
    add_rel(p, "_rels/.rels", "rIdU", "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
            "customUI/customUI14.xml")
    p["ppt/unknown.dat"] = b"who knows"
    add_type(p, "ppt/unknown.dat", "application/x-something")
    add_rel(p, MASTER_RELS, "rIdZ", "http://example.com/relationships/whatever", "../unknown.dat")
    p["ppt/media/image99.png"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 macros called image99.png"
    add_rel(p, MASTER_RELS, "rIdP", RT + "image", "../media/image99.png")
    add_shape(p, MASTER, picture(94, "rIdP", attr="r:embed", name="Forklædt"))
    return write(p, folder / "active.pptx")


def many_members(folder: Path, count: int = 6000) -> Path:
    items = list(parts().items()) + [(f"ppt/media/filler{n}.png", b"") for n in range(count)]
    return write(items, folder / "many.pptx")


def huge_member(folder: Path) -> Path:
    """1.25 MB on disk, 250 MB unpacked."""
    p = parts()
    p["ppt/media/big.png"] = bytes(250_000_000)
    return write(p, folder / "bomb.pptx")


def deep_xml(folder: Path) -> Path:
    p = parts()
    deep = "<a:t>" * 0 + '<p:grpSp><p:nvGrpSpPr><p:cNvPr id="99" name="g"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>' \
        '<p:grpSpPr/>'
    add_shape(p, MASTER, deep * 150 + "</p:grpSp>" * 150)
    return write(p, folder / "deep.pptx")


def entities(folder: Path) -> Path:
    p = parts()
    lol = '<!DOCTYPE a:theme [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{"&lol" + str(n - 1) + ";" if n > 1 else "&lol;"}' * 10 + '">' for n in range(1, 10)) + "]>"
    theme = p["ppt/theme/theme1.xml"].decode()
    head, _, rest = theme.partition("?>")
    p["ppt/theme/theme1.xml"] = (head + "?>" + lol + rest.replace('name="Office Theme"', 'name="&lol9;"')).encode()
    return write(p, folder / "lol.pptx")


def corrupt_theme(folder: Path) -> Path:
    p = parts()
    p["ppt/theme/theme1.xml"] = p["ppt/theme/theme1.xml"][:500]
    return write(p, folder / "theme.pptx")


def hollow_theme(folder: Path) -> Path:
    p = parts()
    p["ppt/theme/theme1.xml"] = ('<?xml version="1.0"?><a:theme xmlns:a="http://schemas.openxmlformats.org/'
                                 'drawingml/2006/main" name="x"><a:themeElements/></a:theme>').encode()
    return write(p, folder / "hollow.pptx")


def missing_master(folder: Path) -> Path:
    p = parts()
    del p[MASTER]
    return write(p, folder / "nomaster.pptx")


def duplicate_entry(folder: Path) -> Path:
    items = list(parts().items())
    items.append((MASTER, dict(items)[MASTER]))
    return write(items, folder / "dup.pptx")


def escaping_target(folder: Path) -> Path:
    p = parts()
    add_rel(p, MASTER_RELS, "rIdE", RT + "image", "../../../../etc/passwd")
    add_shape(p, MASTER, picture(95, "rIdE", attr="r:embed"))
    return write(p, folder / "escape.pptx")


def macro_enabled(folder: Path) -> Path:
    p = parts()
    p["[Content_Types].xml"] = p["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
    return write(p, folder / "macro.pptm")
