"""Organisation templates for the tests, made at test time from templates nobody here designed.

- python-pptx's own default template (4:3, English layout names), used as it is;
- LibreOffice's Impress templates (.otp), converted to .pptx by LibreOffice itself;
- a Danish municipality's .potx (16:9, Danish layout names, its own colours, a title band, no footer, date or
  slide-number placeholders), made from python-pptx's default the way an organisation would adapt it;
- variants that lack something (no title-and-body layout) or carry sample slides;
- a dark master (a near-black fill, or a colour map that makes bg1 the dark colour), and a master with a logo in
  the middle right of the content area.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
PML = "application/vnd.openxmlformats-officedocument.presentationml."
IMPRESS_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")

DANISH_NAMES = {
    "Title Slide": "Titelslide", "Title and Content": "Titel og indhold", "Section Header": "Sektionsoverskrift",
    "Two Content": "To indholdselementer", "Comparison": "Sammenligning", "Title Only": "Kun titel",
    "Blank": "Tom", "Content with Caption": "Indhold med billedtekst",
    "Picture with Caption": "Billede med billedtekst",
    "Title and Vertical Text": "Titel og lodret tekst", "Vertical Title and Text": "Lodret titel og tekst",
}
# a municipality's palette: dark green, teal, amber …
DANISH_COLOURS = {"dk1": "1F2A30", "lt1": "FFFFFF", "dk2": "004B3C", "lt2": "E6EFEA", "accent1": "00806A",
                  "accent2": "E09A00", "accent3": "3C6E9F", "accent4": "A23B3B", "accent5": "6B8E23",
                  "accent6": "7F7F7F", "hlink": "00806A", "folHlink": "004B3C"}


def python_pptx_default() -> Path:
    import pptx

    return Path(pptx.__file__).parent / "templates" / "default.pptx"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _write(parts: dict[str, bytes], target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return target


def _xml(data: bytes):
    return etree.fromstring(data)


def _bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def danish_potx(folder: Path) -> Path:
    """'Eksempel Kommune.potx': Danish layout names, 16:9, green title band, no footer/date/number placeholders."""
    parts = _parts(python_pptx_default())
    factor = 12192000 / 9144000
    pres = _xml(parts["ppt/presentation.xml"])
    size = pres.find("p:sldSz", NS)
    size.set("cx", "12192000")
    size.attrib.pop("type", None)
    parts["ppt/presentation.xml"] = _bytes(pres)
    for name in [n for n in parts if n.startswith(("ppt/slideMasters/slideMaster", "ppt/slideLayouts/slideLayout"))
                 and n.endswith(".xml")]:
        root = _xml(parts[name])
        for off in root.iter(f"{{{A}}}off"):
            off.set("x", str(round(int(off.get("x")) * factor)))
        for ext in root.iter(f"{{{A}}}ext"):
            if ext.get("cx") is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * factor)))
        for ph in list(root.iter(f"{{{P}}}ph")):  # this organisation uses no footers, dates or slide numbers
            if ph.get("type") in ("dt", "ftr", "sldNum"):
                shape = ph.getparent().getparent().getparent()
                shape.getparent().remove(shape)
        c_sld = root.find("p:cSld", NS)
        if c_sld.get("name") in DANISH_NAMES:
            c_sld.set("name", DANISH_NAMES[c_sld.get("name")])
        if name.startswith("ppt/slideMasters/"):
            _band(root)
        elif c_sld.get("name") == "Titelslide":
            _green_title_slide(root)
        parts[name] = _bytes(root)
    theme = _xml(parts["ppt/theme/theme1.xml"])
    theme.set("name", "Eksempel Kommune")
    scheme = theme.find(".//a:clrScheme", NS)
    scheme.set("name", "Eksempel Kommune")
    for slot in scheme:
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=DANISH_COLOURS[etree.QName(slot).localname])
    parts["ppt/theme/theme1.xml"] = _bytes(theme)
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace(PML + "presentation.main+xml", PML + "template.main+xml").encode()
    return _write(parts, folder / "Eksempel Kommune.potx")


def _band(master) -> None:
    """A dark green band behind the title, an amber rule under it, the municipality's name bottom right."""
    tree = master.find("p:cSld/p:spTree", NS)
    shapes = (
        '<p:sp {ns}><p:nvSpPr><p:cNvPr id="20" name="Topbånd"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="12192000" cy="1417638"/></a:xfrm><a:prstGeom prst="rect">'
        '<a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="tx2"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        '</p:spPr></p:sp>',
        '<p:sp {ns}><p:nvSpPr><p:cNvPr id="21" name="Streg"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        '<p:spPr><a:xfrm><a:off x="0" y="1417638"/><a:ext cx="12192000" cy="54864"/></a:xfrm><a:prstGeom prst="rect">'
        '<a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="accent2"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        '</p:spPr></p:sp>',
        '<p:sp {ns}><p:nvSpPr><p:cNvPr id="22" name="Kommunenavn"/><p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/>'
        '</p:nvSpPr><p:spPr><a:xfrm><a:off x="9144000" y="6400800"/><a:ext cx="2743200" cy="365760"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="none" '
        'anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="r"/><a:r><a:rPr lang="da-DK" sz="1200" b="1"><a:solidFill>'
        '<a:schemeClr val="tx2"/></a:solidFill><a:latin typeface="+mj-lt"/></a:rPr><a:t>Eksempel Kommune</a:t></a:r>'
        '</a:p></p:txBody></p:sp>',
    )
    ns = f'xmlns:a="{A}" xmlns:p="{P}"'
    after = tree.find("p:grpSpPr", NS)
    for xml in reversed(shapes):
        after.addnext(etree.fromstring(xml.format(ns=ns)))
    fill = master.find("p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/a:solidFill/a:schemeClr", NS)
    fill.set("val", "bg1")
    master.find("p:txStyles/p:titleStyle/a:lvl1pPr", NS).set("algn", "l")


def _green_title_slide(layout) -> None:
    """Dark green, title and subtitle white and flush left on one edge."""
    layout.set("showMasterSp", "0")
    c_sld = layout.find("p:cSld", NS)
    c_sld.insert(0, etree.fromstring(f'<p:bg xmlns:a="{A}" xmlns:p="{P}"><p:bgPr><a:solidFill><a:schemeClr '
                                     'val="tx2"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'))
    for ph in layout.iter(f"{{{P}}}ph"):
        shape = ph.getparent().getparent().getparent()
        lst = shape.find("p:txBody/a:lstStyle", NS)
        if ph.get("type") == "ctrTitle":
            lst.append(etree.fromstring(f'<a:lvl1pPr xmlns:a="{A}" algn="l"><a:defRPr><a:solidFill><a:schemeClr '
                                        'val="bg1"/></a:solidFill></a:defRPr></a:lvl1pPr>'))
            title_box = shape.find("p:spPr/a:xfrm", NS)
        elif ph.get("type") == "subTitle":
            for colour in lst.iter(f"{{{A}}}schemeClr"):
                colour.set("val", "bg2")
            for level in lst:
                level.set("algn", "l")
            subtitle_box = shape.find("p:spPr/a:xfrm", NS)
    subtitle_box.find("a:off", NS).set("x", title_box.find("a:off", NS).get("x"))
    subtitle_box.find("a:ext", NS).set("cx", title_box.find("a:ext", NS).get("cx"))


def libreoffice_template(name: str, folder: Path) -> Path:
    """One of LibreOffice's own Impress templates, converted to .pptx by LibreOffice (private profile)."""
    from kkrdeck.export.libreoffice import find_soffice

    source = IMPRESS_TEMPLATES / f"{name}.otp"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kkrdeck-otp-") as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run([str(find_soffice()), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--nologo",
                        "--norestore", "--convert-to", "pptx", "--outdir", str(folder), str(source)],
                       check=True, capture_output=True, timeout=180)
    target = folder / f"{name}.pptx"
    if not target.is_file():
        raise RuntimeError(f"LibreOffice did not convert {source}")
    return target


def without_title_and_body(folder: Path) -> Path:
    """python-pptx's default with only its title slide and blank layouts left."""
    from pptx import Presentation

    prs = Presentation(str(python_pptx_default()))
    for layout in list(prs.slide_layouts):
        if layout.name not in ("Title Slide", "Blank"):
            prs.slide_layouts.remove(layout)
    target = folder / "Kun forside.pptx"
    prs.save(str(target))
    return target


def with_sample_slides(folder: Path) -> Path:
    """python-pptx's default with two filled-in sample slides, as organisations ship their templates."""
    from pptx import Presentation

    prs = Presentation(str(python_pptx_default()))
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = "Eksempel: forside"
    second = prs.slides.add_slide(prs.slide_layouts[1])
    second.shapes.title.text = "Eksempel: indhold"
    second.placeholders[1].text = "Skriv dine punkter her"
    second.notes_slide.notes_text_frame.text = "Eksempel på noter"
    target = folder / "Med eksempler.pptx"
    prs.save(str(target))
    return target


def with_theme_fonts(folder: Path, heading: str, body: str) -> Path:
    """python-pptx's default with other theme fonts (to see how measuring copes with fonts it cannot find)."""
    parts = _parts(python_pptx_default())
    theme = _xml(parts["ppt/theme/theme1.xml"])
    theme.find(".//a:majorFont/a:latin", NS).set("typeface", heading)
    theme.find(".//a:minorFont/a:latin", NS).set("typeface", body)
    parts["ppt/theme/theme1.xml"] = _bytes(theme)
    return _write(parts, folder / f"{heading} og {body}.pptx")


def without_two_content(folder: Path) -> Path:
    """python-pptx's default without 'Two Content' and 'Comparison': no layout with two body placeholders."""
    from pptx import Presentation

    prs = Presentation(str(python_pptx_default()))
    for layout in list(prs.slide_layouts):
        if layout.name in ("Two Content", "Comparison"):
            prs.slide_layouts.remove(layout)
    target = folder / "uden to.pptx"
    prs.save(str(target))
    return target


NEAR_BLACK = "#141414"
# where the master's logo sits on python-pptx's 4:3 default: inside the body (457200 … 8686800 × 1600200 …
# 6126163), right of the middle
LOGO_BOX = (5943600, 2286000, 1828800, 1371600)


def dark_background(folder: Path, swapped_map: bool) -> Path:
    """python-pptx's default template on a dark master: a near-black fill with the usual colour map, or the
    background style in bg1 with a colour map that makes bg1 the dark colour (bg1=dk1, tx1=lt1 …)."""
    from pptx import Presentation

    prs = Presentation(str(python_pptx_default()))
    master = prs.slide_masters[0]._element
    c_sld = master.find(f"{{{P}}}cSld")
    for old in c_sld.findall(f"{{{P}}}bg"):
        c_sld.remove(old)
    fill = ('<p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef>' if swapped_map else
            f'<p:bgPr><a:solidFill><a:srgbClr val="{NEAR_BLACK[1:]}"/></a:solidFill><a:effectLst/></p:bgPr>')
    c_sld.insert(0, etree.fromstring(f'<p:bg xmlns:p="{P}" xmlns:a="{A}">{fill}</p:bg>'))
    if swapped_map:
        clr_map = master.find(f"{{{P}}}clrMap")
        for name, scheme in (("bg1", "dk1"), ("tx1", "lt1"), ("bg2", "dk2"), ("tx2", "lt2")):
            clr_map.set(name, scheme)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / ("dark-map.pptx" if swapped_map else "dark-fill.pptx")
    prs.save(str(target))
    return target


def with_master_logo(folder: Path, box: tuple[int, int, int, int] = LOGO_BOX, name: str = "logo-master.pptx") -> Path:
    """python-pptx's default with an opaque logo picture on its master, in the middle right of the content area
    (or at `box`), as an organisation puts a seal or a mascot on every slide."""
    import io

    from PIL import Image, ImageDraw
    from pptx import Presentation

    picture = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    ImageDraw.Draw(picture).rounded_rectangle((0, 0, 399, 299), 60, fill=(0, 102, 153, 255))
    data = io.BytesIO()
    picture.save(data, "PNG")
    prs = Presentation(str(python_pptx_default()))
    master = prs.slide_masters[0]
    _, rid = master.part.get_or_add_image_part(io.BytesIO(data.getvalue()))
    x, y, w, h = box
    pic = etree.fromstring(
        f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships"><p:nvPicPr><p:cNvPr id="90" name="Logo"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/>'
        f'</p:cNvPicPr><p:nvPr userDrawn="1"/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
        f'<a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    tree = master._element.find(f"{{{P}}}cSld/{{{P}}}spTree")
    tree.find(f"{{{P}}}grpSpPr").addnext(pic)  # drawn first: behind the placeholders, as a logo is
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    prs.save(str(target))
    return target


def copy_to(path: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or path.name)
    shutil.copyfile(path, target)
    return target


def with_short_body(folder: Path, height: int) -> Path:
    """python-pptx's default whose body placeholders (on the master and every layout) are only `height` EMU tall,
    as a template with a wide band under a short content area has them."""
    from pptx import Presentation

    prs = Presentation(str(python_pptx_default()))
    for owner in [prs.slide_masters[0], *prs.slide_layouts]:
        for shape in owner.placeholders:
            if shape.placeholder_format.type is not None and shape.placeholder_format.idx != 0 and \
                    shape.top is not None and shape.height > height and shape.placeholder_format.idx < 10:
                shape.height = height
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "short-body.pptx"
    prs.save(str(target))
    return target


def with_body_to_the_edges(folder: Path) -> Path:
    """python-pptx's default whose body placeholders reach the slide's right and bottom edges (as Candy's does) and
    past them (as Progress's does, 0.3 in below the slide)."""
    from pptx import Presentation

    prs = Presentation(str(python_pptx_default()))
    width, height = int(prs.slide_width), int(prs.slide_height)
    for owner in [prs.slide_masters[0], *prs.slide_layouts]:
        for shape in owner.placeholders:
            kind = shape.placeholder_format.type
            if shape.placeholder_format.idx in (1, 2) and shape.top is not None and kind is not None and \
                    "TITLE" not in str(kind):
                shape.height = height - shape.top + 274320
                if shape.left + shape.width > width / 2:
                    shape.width = width - shape.left
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "body-to-the-edges.pptx"
    prs.save(str(target))
    return target


def with_body_style_font(folder: Path, typeface: str) -> Path:
    """python-pptx's default whose master body style names `typeface` while its theme's fonts stay Calibri, as
    LibreOffice's Candy names Noto Sans over an Arial theme."""
    parts = _parts(python_pptx_default())
    master = _xml(parts["ppt/slideMasters/slideMaster1.xml"])
    for level in master.find("p:txStyles/p:bodyStyle", NS):
        rpr = level.find("a:defRPr", NS)
        for old in rpr.findall("a:latin", NS):
            rpr.remove(old)
        latin = etree.SubElement(rpr, f"{{{A}}}latin", typeface=typeface)
        # schema order inside defRPr: ln, fills, effects, highlight, uLnTx…, latin, ea, cs, sym, hlinkClick…
        after = [c for c in rpr if etree.QName(c).localname in ("ea", "cs", "sym", "hlinkClick", "hlinkMouseOver",
                                                                 "rtl", "extLst")]
        if after:
            after[0].addprevious(latin)
    parts["ppt/slideMasters/slideMaster1.xml"] = _bytes(master)
    return _write(parts, folder / f"body-{typeface}.pptx")


# --- the title slide and layout choice across masters (issue 13) ----------------------------------------------

CM = 360000
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _layout_part(parts: dict[str, bytes], name: str) -> str:
    for part in parts:
        if part.startswith("ppt/slideLayouts/slideLayout") and part.endswith(".xml") and \
                _xml(parts[part]).find("p:cSld", NS).get("name") == name:
            return part
    raise KeyError(name)


def _placeholder_shape(root, ph_type: str):
    for ph in root.iter(f"{{{P}}}ph"):
        if ph.get("type", "obj") == ph_type:
            return ph.getparent().getparent().getparent()
    raise KeyError(ph_type)


def _set_box(shape, x: int, y: int, w: int, h: int) -> None:
    """Give a placeholder its own position (replacing the one it had or inherited)."""
    sp_pr = shape.find("p:spPr", NS)
    for old in sp_pr.findall("a:xfrm", NS):
        sp_pr.remove(old)
    sp_pr.insert(0, etree.fromstring(f'<a:xfrm xmlns:a="{A}"><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
                                     '</a:xfrm>'))


def _drop_chrome(root, types: tuple[str, ...] = ("dt", "ftr", "sldNum")) -> None:
    for ph in list(root.iter(f"{{{P}}}ph")):
        if ph.get("type") in types:
            shape = ph.getparent().getparent().getparent()
            shape.getparent().remove(shape)


def small_subtitle(folder: Path, height: int = 2 * CM, band: int = 5778000) -> Path:
    """python-pptx's default whose title slide has a 2 cm subtitle box (or `height`), no date or footer
    placeholders, and a filled band near the bottom (its top at `band`): subtitle, organisation and date cannot
    all go into the subtitle box."""
    parts = _parts(python_pptx_default())
    name = _layout_part(parts, "Title Slide")
    root = _xml(parts[name])
    _drop_chrome(root)
    _set_box(_placeholder_shape(root, "subTitle"), 1371600, 3886200, 6400800, height)
    tree = root.find("p:cSld/p:spTree", NS)
    tree.append(etree.fromstring(  # a band across the slide, by default 2 cm above its bottom edge
        f'<p:sp xmlns:a="{A}" xmlns:p="{P}"><p:nvSpPr><p:cNvPr id="20" name="Bånd"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="{band}"/><a:ext cx="9144000" '
        'cy="360000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr '
        'val="accent1"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'))
    parts[name] = _bytes(root)
    return _write(parts, folder / "lille undertitel.pptx")


def cover_with_date_and_footer(folder: Path, blot: bool = False, keys: bool = False) -> Path:
    """python-pptx's default whose title slide has a 2 cm subtitle box and its own date (top right) and footer
    (bottom) placeholders: organisation and date belong there; with `blot`, a black shape covers the left half of
    the date box; with `keys`, light grey strips 0.1 in wide cross the footer box every half inch, as the edges of
    Piano's keys do."""
    parts = _parts(python_pptx_default())
    name = _layout_part(parts, "Title Slide")
    root = _xml(parts[name])
    _set_box(_placeholder_shape(root, "subTitle"), 1371600, 3886200, 6400800, 2 * CM)
    _set_box(_placeholder_shape(root, "dt"), 5486400, 274638, 3200400, CM)
    _set_box(_placeholder_shape(root, "ftr"), 1371600, 6126163, 6400800, CM)
    if blot:  # a black shape over the left half of the date box: no colour reads on both halves
        tree = root.find("p:cSld/p:spTree", NS)
        tree.insert(2, etree.fromstring(
            f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="99" name="Blot"/><p:cNvSpPr/><p:nvPr/>'
            '</p:nvSpPr><p:spPr><a:xfrm><a:off x="5486400" y="274638"/><a:ext cx="1600200" cy="360000"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
            '</p:spPr></p:sp>'))
    if keys:
        tree = root.find("p:cSld/p:spTree", NS)
        for n in range(14):
            tree.insert(2, etree.fromstring(
                f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="{80 + n}" name="Edge {n}"/><p:cNvSpPr/>'
                f'<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{1371600 + n * 457200}" y="5900000"/>'
                '<a:ext cx="91440" cy="958000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
                '<a:srgbClr val="B4B4B4"/></a:solidFill></p:spPr></p:sp>'))
    parts[name] = _bytes(root)
    return _write(parts, folder / ("dato på klat.pptx" if blot else "tangenter.pptx" if keys else
                                   "dato og sidefod.pptx"))


def two_bodies(folder: Path, lower: int = 1500000, chrome: bool = True) -> Path:
    """python-pptx's default whose 'Title and Content' holds a second, small body placeholder (a source line
    under the content), and whose 'Title Slide' has two body placeholders under its title instead of a subtitle
    (a 1.3 cm line above a larger one, `lower` EMU tall), as real templates have it; without `chrome`, the title
    slide has no date, footer or slide-number placeholders."""
    parts = _parts(python_pptx_default())
    cover = _layout_part(parts, "Title Slide")
    root = _xml(parts[cover])
    if not chrome:
        _drop_chrome(root)
    subtitle = _placeholder_shape(root, "subTitle")
    subtitle.find("p:nvSpPr/p:nvPr/p:ph", NS).attrib.update({"type": "body", "idx": "11"})
    _set_box(subtitle, 1371600, 4400000, 6400800, lower)
    author = etree.fromstring(etree.tostring(subtitle))
    author.find("p:nvSpPr/p:cNvPr", NS).attrib.update({"id": "21", "name": "Forfatter"})
    author.find("p:nvSpPr/p:nvPr/p:ph", NS).set("idx", "10")
    _set_box(author, 1371600, 3900000, 6400800, 468000)
    subtitle.addprevious(author)
    parts[cover] = _bytes(root)
    name = _layout_part(parts, "Title and Content")
    root = _xml(parts[name])
    tree = root.find("p:cSld/p:spTree", NS)
    tree.append(etree.fromstring(
        f'<p:sp xmlns:a="{A}" xmlns:p="{P}"><p:nvSpPr><p:cNvPr id="20" name="Kilde"/><p:cNvSpPr><a:spLocks '
        'noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="13"/></p:nvPr></p:nvSpPr><p:spPr>'
        '<a:xfrm><a:off x="457200" y="6172200"/><a:ext cx="8229600" cy="360000"/></a:xfrm></p:spPr><p:txBody>'
        '<a:bodyPr/><a:lstStyle><a:lvl1pPr marL="0" indent="0"><a:buNone/><a:defRPr sz="1200"/></a:lvl1pPr>'
        '</a:lstStyle><a:p><a:r><a:rPr lang="da-DK"/><a:t>Kilde</a:t></a:r></a:p></p:txBody></p:sp>'))
    parts[name] = _bytes(root)
    return _write(parts, folder / ("to brødtekster.pptx" if chrome else "to brødtekster uden sidefod.pptx"))


def several_masters(folder: Path, drawn: bool = False) -> Path:
    """python-pptx's default with a second master, a copy of the first: the first is a cover design whose body
    placeholder is 7 × 5 cm (so its 'Title and Content' is small), the second is full-size. With `drawn`, the first
    keeps its full-size body and draws a band and an illustration over half of it (as Yellow_Idea's masters do)."""
    parts = _parts(python_pptx_default())
    layouts = sorted((n for n in parts if n.startswith("ppt/slideLayouts/slideLayout") and n.endswith(".xml")),
                     key=lambda n: int(n.rsplit("Layout", 1)[1][:-4]))
    count = len(layouts)
    types = _xml(parts["[Content_Types].xml"])
    ct = "http://schemas.openxmlformats.org/package/2006/content-types"

    def override(partname: str, kind: str) -> None:
        etree.SubElement(types, f"{{{ct}}}Override", PartName="/" + partname, ContentType=PML + kind)

    master = _xml(parts["ppt/slideMasters/slideMaster1.xml"])
    copy = _xml(parts["ppt/slideMasters/slideMaster1.xml"])
    for n, entry in enumerate(copy.find("p:sldLayoutIdLst", NS), start=1):
        entry.set("id", str(2147483660 + n))
    parts["ppt/slideMasters/slideMaster2.xml"] = _bytes(copy)
    rels = parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"].decode()
    for number in range(count, 0, -1):
        rels = rels.replace(f"slideLayout{number}.xml", f"slideLayout{number + count}.xml")
    parts["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = rels.replace("theme1.xml", "theme2.xml").encode()
    parts["ppt/theme/theme2.xml"] = parts["ppt/theme/theme1.xml"]
    override("ppt/slideMasters/slideMaster2.xml", "slideMaster+xml")
    types_theme = "application/vnd.openxmlformats-officedocument.theme+xml"
    etree.SubElement(types, f"{{{ct}}}Override", PartName="/ppt/theme/theme2.xml", ContentType=types_theme)
    for number in range(1, count + 1):
        parts[f"ppt/slideLayouts/slideLayout{number + count}.xml"] = parts[f"ppt/slideLayouts/slideLayout{number}.xml"]
        layout_rels = parts[f"ppt/slideLayouts/_rels/slideLayout{number}.xml.rels"].decode()
        parts[f"ppt/slideLayouts/_rels/slideLayout{number + count}.xml.rels"] = \
            layout_rels.replace("slideMaster1.xml", "slideMaster2.xml").encode()
        override(f"ppt/slideLayouts/slideLayout{number + count}.xml", "slideLayout+xml")
    parts["[Content_Types].xml"] = _bytes(types)
    if drawn:  # a band across the body and an illustration in it: half the body is drawn over
        tree = master.find("p:cSld/p:spTree", NS)
        for n, (x, y, w, h) in enumerate([(0, 2743200, 9144000, 914400), (4572000, 3886200, 2743200, 2286000)]):
            tree.insert(2, etree.fromstring(
                f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="{90 + n}" name="Decoration {n}"/>'
                f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" '
                f'cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr '
                'val="F0BE2C"/></a:solidFill></p:spPr></p:sp>'))
    else:  # the first master: a cover design, its body placeholder a 7 × 5 cm box on the right
        _set_box(_placeholder_shape(master, "body"), 14 * CM, 8 * CM, 7 * CM, 5 * CM)
    parts["ppt/slideMasters/slideMaster1.xml"] = _bytes(master)
    pres = _xml(parts["ppt/presentation.xml"])
    etree.SubElement(pres.find("p:sldMasterIdLst", NS), f"{{{P}}}sldMasterId", {"id": "2147483660",
                                                                               f"{{{R}}}id": "rId90"})
    parts["ppt/presentation.xml"] = _bytes(pres)
    pres_rels = _xml(parts["ppt/_rels/presentation.xml.rels"])
    etree.SubElement(pres_rels, f"{{{REL}}}Relationship", Id="rId90", Type=RT + "slideMaster",
                     Target="slideMasters/slideMaster2.xml")
    parts["ppt/_rels/presentation.xml.rels"] = _bytes(pres_rels)
    return _write(parts, folder / ("tegnede mastere.pptx" if drawn else "flere mastere.pptx"))


def one_line_title(folder: Path, band: bool) -> Path:
    """python-pptx's default whose title box holds one line (0.7 in tall, 0.75 in of free space under it, no
    autofit): set in
    orange on the white page (2.9:1, faint everywhere, so growing into the space loses nothing), or in white on a
    dark band the master draws exactly behind it (growing would put the second line on white)."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation(str(python_pptx_default()))
    master = prs.slide_masters[0]
    title = next(s for s in master.placeholders if s.placeholder_format.idx == 0)
    title.top, title.height = Inches(0.3), Inches(0.7)
    for fit in title._element.iter(f"{{{A}}}normAutofit"):  # PowerPoint would shrink a long title quietly
        fit.getparent().remove(fit)
    colour = "FFFFFF" if band else "FF6600"
    for fill in master._element.find(f"{{{P}}}txStyles/{{{P}}}titleStyle").iter(f"{{{A}}}solidFill"):
        for child in list(fill):
            fill.remove(child)
        etree.SubElement(fill, f"{{{A}}}srgbClr", val=colour)
    if band:
        tree = master._element.find(f"{{{P}}}cSld/{{{P}}}spTree")
        tree.insert(2, etree.fromstring(
            f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="99" name="Band"/><p:cNvSpPr/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="{Inches(0.25)}"/><a:ext cx="{prs.slide_width}" '
            f'cy="{Inches(0.8)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
            '<a:srgbClr val="1A2B3C"/></a:solidFill></p:spPr></p:sp>'))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / ("one-line-title-band.pptx" if band else "one-line-title-faint.pptx")
    prs.save(str(target))
    return target


def scaled(folder: Path, factor: float) -> Path:
    """python-pptx's default drawn for a slide `factor` times as large (8 × 6 in at 0.8): the slide size and every
    placeholder's position and size scaled, as an organisation's template for another slide size is drawn."""
    parts = _parts(python_pptx_default())
    for name in list(parts):
        if name == "ppt/presentation.xml" or (name.startswith(("ppt/slideMasters/", "ppt/slideLayouts/")) and
                                              name.endswith(".xml")):
            root = _xml(parts[name])
            for element in root.iter(f"{{{A}}}off", f"{{{A}}}ext", f"{{{P}}}sldSz"):
                for attribute in ("x", "y", "cx", "cy"):
                    if element.get(attribute) is not None:
                        element.set(attribute, str(round(int(element.get(attribute)) * factor)))
            parts[name] = _bytes(root)
    return _write(parts, folder / f"scaled-{factor:g}.pptx")


def footer_row_inside_body(folder: Path, top: int = 5669280) -> Path:
    """python-pptx's default whose footer, date and slide-number boxes sit at `top` (6.2 in), inside the body's
    area, as Progress's and Vivid's do: the template's own body text would run over them."""
    parts = _parts(python_pptx_default())
    master = _xml(parts["ppt/slideMasters/slideMaster1.xml"])
    for ph_type in ("dt", "ftr", "sldNum"):
        shape = _placeholder_shape(master, ph_type)
        off, ext = shape.find("p:spPr/a:xfrm/a:off", NS), shape.find("p:spPr/a:xfrm/a:ext", NS)
        _set_box(shape, int(off.get("x")), top, int(ext.get("cx")), int(ext.get("cy")))
    parts["ppt/slideMasters/slideMaster1.xml"] = _bytes(master)
    return _write(parts, folder / "footer-inside-body.pptx")


def bold_footer(folder: Path) -> Path:
    """python-pptx's default whose footer style is bold (Midnightblue's is: Source Sans Pro Black, b=1), in a box
    the brand's footer fits at 12 pt in the regular face and at 11.5 pt in the bold one."""
    parts = _parts(python_pptx_default())
    master = _xml(parts["ppt/slideMasters/slideMaster1.xml"])
    footer = _placeholder_shape(master, "ftr")
    footer.find("p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr", NS).set("b", "1")
    _set_box(footer, 3124200, 6356350, 2952880, 365125)
    parts["ppt/slideMasters/slideMaster1.xml"] = _bytes(master)
    return _write(parts, folder / "bold-footer.pptx")
