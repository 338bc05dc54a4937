"""The template's fonts and the files to measure them with: the brand's, kkrdeck's bundled ones, the system's."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from kkrdeck.design.metrics import FaceFiles
from kkrdeck.design.shapetree import A, P, master_placeholder, ph_elements, q
from kkrdeck.errors import Problem
from kkrdeck.i18n import _
from kkrdeck.outline.resources import BUNDLED

if TYPE_CHECKING:
    from kkrdeck.design.layouts import Layout
    from kkrdeck.design.template import Template

# fontconfig's metric-compatible stand-ins: measuring with these is measuring the original
METRIC_ALIASES = {
    "calibri": ("carlito",), "cambria": ("caladea",), "georgia": ("gelasio",),
    "arial": ("liberation sans", "arimo"), "helvetica": ("liberation sans", "arimo"),
    "times new roman": ("liberation serif", "tinos"), "times": ("liberation serif", "tinos"),
    "courier new": ("liberation mono", "cousine"), "arial narrow": ("liberation sans narrow",),
}
BUNDLED_FONTS = BUNDLED / "fonts"
_FACE_STYLES = (("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic"), ("bold_italic", "BoldItalic"))


# --- the template's own fonts ---------------------------------------------------------------------------------

def theme_fonts(master) -> tuple[str, str]:
    """(major, minor) latin typefaces of the master's theme."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in master.part.rels.values():
        if rel.reltype == RT.THEME:
            root = etree.fromstring(rel.target_part.blob)
            major = root.find(f".//{q(A, 'majorFont')}/{q(A, 'latin')}")
            minor = root.find(f".//{q(A, 'minorFont')}/{q(A, 'latin')}")
            return ((major.get("typeface") if major is not None else "") or "Calibri",
                    (minor.get("typeface") if minor is not None else "") or "Calibri")
    return "Calibri", "Calibri"


def body_font(prs, layout: Layout, theme: tuple[str, str]) -> str:
    """The typeface body text is set in: the first level's font of the layout, master or master text styles."""
    master = prs.slide_masters[layout.master].part._element
    base = master_placeholder(master, "body")
    places = [base.find(f"{q(P, 'txBody')}/{q(A, 'lstStyle')}/{q(A, 'lvl1pPr')}") if base is not None else None,
              master.find(f"{q(P, 'txStyles')}/{q(P, 'bodyStyle')}/{q(A, 'lvl1pPr')}")]
    for ppr in places:
        latin = ppr.find(f"{q(A, 'defRPr')}/{q(A, 'latin')}") if ppr is not None else None
        if latin is not None and latin.get("typeface"):
            return _theme_reference(latin.get("typeface"), theme)
    if base is not None:  # LibreOffice: the style lives in the master body's sample text
        latin = base.find(f".//{q(A, 'rPr')}/{q(A, 'latin')}")
        if latin is not None and latin.get("typeface"):
            return _theme_reference(latin.get("typeface"), theme)
    return theme[1]


def footer_size(prs, layout: Layout) -> float:
    """The size footer text is set at: the layout's footer style, the master's, its sample text, other-text style."""
    return placeholder_size(prs, layout, "ftr", "otherStyle") or 18.0


def placeholder_size(prs, layout: Layout, ph_type: str, style: str) -> float | None:
    """The size a placeholder of this type sets its first level at, as it inherits it: the layout's placeholder
    style, the master's, the master's sample text (LibreOffice keeps it there), the master's text style."""
    return _placeholder_run_property(prs, layout, ph_type, style, lambda props: (
        int(props.get("sz")) / 100 if (props.get("sz") or "").isdigit() else None))


def placeholder_typeface(prs, layout: Layout, ph_type: str, style: str, theme: tuple[str, str]) -> str | None:
    """The latin typeface a placeholder of this type inherits, in the same order as its size."""
    def typeface(props):
        latin = props.find(q(A, "latin"))
        return _theme_reference(latin.get("typeface"), theme) if latin is not None and latin.get("typeface") else None
    return _placeholder_run_property(prs, layout, ph_type, style, typeface)


def placeholder_colour(prs, layout: Layout, ph_type: str, style: str, names: dict[str, str]) -> str:
    """The colour (hex) a placeholder of this type sets its text in, inherited in the same order as its size; tx1
    when nothing sets one."""
    from kkrdeck.design.colours import _colour

    def colour(props):
        fill = props.find(q(A, "solidFill"))
        return _colour(fill[0], names) if fill is not None and len(fill) else None
    return _placeholder_run_property(prs, layout, ph_type, style, colour) or names["tx1"]


def placeholder_bold(prs, layout: Layout, ph_type: str, style: str) -> bool:
    """Whether a placeholder of this type sets its text bold, inherited in the same order as its size."""
    return bool(_placeholder_run_property(prs, layout, ph_type, style, lambda props: (
        props.get("b") in ("1", "true") if props.get("b") is not None else None)))


def placeholder_align(prs, layout: Layout, ph_type: str, style: str) -> str:
    """How a placeholder of this type aligns its first level (l, ctr, r), inherited as its size is; l by default."""
    master = prs.slide_masters[layout.master].part._element
    layout_root = [l for m in prs.slide_masters for l in m.slide_layouts][layout.index].part._element
    own = next((s for s, ph in ph_elements(layout_root) if ph.get("type", "obj") == ph_type), None)
    base = master_placeholder(master, ph_type)
    level = f"{q(P, 'txBody')}/{q(A, 'lstStyle')}/{q(A, 'lvl1pPr')}"
    candidates = [own.find(level) if own is not None else None, base.find(level) if base is not None else None]
    for shape in (own, base):
        if shape is not None:
            candidates += list(shape.iter(q(A, "pPr")))
    candidates.append(master.find(f"{q(P, 'txStyles')}/{q(P, style)}/{q(A, 'lvl1pPr')}"))
    return next((props.get("algn") for props in candidates
                 if props is not None and props.get("algn") in ("l", "ctr", "r")), "l")


def _placeholder_run_property(prs, layout: Layout, ph_type: str, style: str, read):
    master = prs.slide_masters[layout.master].part._element
    layout_root = [l for m in prs.slide_masters for l in m.slide_layouts][layout.index].part._element
    same = ("title", "ctrTitle") if ph_type in ("title", "ctrTitle") else (ph_type,)
    own = next((s for s, ph in ph_elements(layout_root) if ph.get("type", "obj") in same), None)
    base = master_placeholder(master, ph_type)
    level = f"{q(P, 'txBody')}/{q(A, 'lstStyle')}/{q(A, 'lvl1pPr')}/{q(A, 'defRPr')}"
    candidates = [own.find(level) if own is not None else None, base.find(level) if base is not None else None]
    if base is not None:
        candidates += list(base.iter(q(A, "rPr"))) + list(base.iter(q(A, "endParaRPr")))
    candidates.append(master.find(f"{q(P, 'txStyles')}/{q(P, style)}/{q(A, 'lvl1pPr')}/{q(A, 'defRPr')}"))
    for props in candidates:
        value = read(props) if props is not None else None
        if value is not None:
            return value
    return None


def _theme_reference(typeface: str, theme: tuple[str, str]) -> str:
    if typeface.startswith("+mj"):
        return theme[0]
    if typeface.startswith("+mn"):
        return theme[1]
    return typeface


# --- files to measure a font with ------------------------------------------------------------------------------

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
            return FontChoice(family, faces, _("the brand's font files for '{font}'").format(font=name))
    for candidate in (family, *(a.title() for a in METRIC_ALIASES.get(key, ()))):
        faces = _bundled(candidate)
        if faces:
            return FontChoice(family, faces, _("{font}, bundled with kkrdeck").format(font=candidate))
    found = _fontconfig(family)
    if found:
        matched, faces = found
        matched_key = matched.casefold()
        if matched_key == key or matched_key in METRIC_ALIASES.get(key, ()):
            return FontChoice(family, faces, matched)
        return FontChoice(family, faces, matched, _(
            "the template's font '{font}' is not on this computer; its text is measured with '{stand_in}', which "
            "this computer shows in its place — install '{font}', or give its files under fonts: metrics: in the "
            "brand file").format(font=family, stand_in=matched))
    from kkrdeck.outline.resources import FALLBACK_FACES

    return FontChoice(family, FALLBACK_FACES, "Carlito", _(
        "no font files found to measure the template's font '{font}'; its text is measured with Carlito (Calibri's "
        "metrics) — give its files under fonts: metrics: in the brand file").format(font=family))


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
