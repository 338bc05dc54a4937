"""The stages in order: load → validate → plan → write; what `build` and `check` call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kkrdeck.errors import DeckError, Problem, display_path
from kkrdeck.geometry import Geometry, default_geometry
from kkrdeck.loader import Limits, load_file
from kkrdeck.metrics import FaceFiles
from kkrdeck.model import Brand, Deck, ImageSlide
from kkrdeck.plan import Plan
from kkrdeck.planner import Typesetting, plan_deck
from kkrdeck.resources import FALLBACK_FACES, Resolver, check_font, image_size
from kkrdeck.textfit import Measurer
from kkrdeck.validate import Located, validate_brand, validate_deck


@dataclass
class Outline:
    """A deck and its brand, validated, with every file they refer to resolved and checked."""

    deck: Deck
    brand: Brand
    deck_source: Located
    brand_source: Located
    deck_path: Path
    brand_path: Path
    fonts: dict[str, FaceFiles]
    logo: Path | None
    images: dict[str, Path]
    image_sizes: dict[str, tuple[int, int]]
    warnings: list[Problem] = field(default_factory=list)


def load_outline(deck_path: Path, allow_outside: bool = False, limits: Limits = Limits()) -> Outline:
    """Load and validate the deck and its brand; every problem of both is raised at once as a DeckError."""
    deck_name = display_path(deck_path)
    source = validate_deck(load_file(deck_path, limits), deck_name)
    deck: Deck = source.model
    base = deck_path.resolve().parent
    problems: list[Problem] = []
    brand_written = deck.brand
    brand_path = (base / brand_written).resolve()
    if not brand_path.is_file():
        where = source.position("brand") if _has(source, "brand") else (0, 0)
        raise DeckError([Problem(deck_name, *where, f"the brand file '{brand_written}' does not exist — check "
                                 "'brand:' or remove it to use assets/brand.yaml")])
    brand_name = display_path(brand_path)
    brand_source = validate_brand(load_file(brand_path, limits), brand_name)
    brand: Brand = brand_source.model
    resolver = Resolver([base, brand_path.parent], allow_outside)
    fonts, warnings = _fonts(brand, brand_source, brand_path.parent, resolver, problems)
    logo = None
    if brand.logo:
        logo = resolver.resolve(brand.logo, brand_path.parent, brand_name, brand_source.position("logo"), "logo")
        if logo:
            image_size(logo, brand.logo, brand_name, brand_source.position("logo"), problems)
    images: dict[str, Path] = {}
    sizes: dict[str, tuple[int, int]] = {}
    for i, slide in enumerate(deck.slides):
        if isinstance(slide, ImageSlide):
            where = source.position("slides", i, "image")
            path = resolver.resolve(slide.image, base, deck_name, where, "image")
            if path:
                size = image_size(path, slide.image, deck_name, where, problems)
                if size:
                    images[slide.image], sizes[slide.image] = path, size
    problems.extend(resolver.problems)
    if problems:
        raise DeckError(problems)
    return Outline(deck, brand, source, brand_source, deck_path, brand_path, fonts, logo, images, sizes, warnings)


def _has(source: Located, key: str) -> bool:
    from kkrdeck.loader import Mapping
    return isinstance(source.root, Mapping) and source.root.get(key) is not None


def _fonts(brand: Brand, source: Located, folder: Path, resolver: Resolver,
           problems: list[Problem]) -> tuple[dict[str, FaceFiles], list[Problem]]:
    fonts: dict[str, FaceFiles] = {}
    warnings: list[Problem] = []
    for family in {brand.fonts.heading, brand.fonts.body}:
        files = brand.fonts.metrics.get(family)
        if files is None:
            where = source.position("fonts")
            warnings.append(Problem(source.filename, *where, f"no font files to measure '{family}' with; measuring "
                                    "with Carlito (Calibri's metrics) — add them under fonts: metrics:", "warning"))
            fonts[family] = FALLBACK_FACES
            continue
        faces: dict[str, Path | None] = {}
        for face_name in ("regular", "bold", "italic", "bold_italic"):
            written = getattr(files, face_name)
            if written is None:
                faces[face_name] = None
                continue
            key = face_name.replace("_", "-")
            where = source.position("fonts", "metrics", family, key)
            path = resolver.resolve(written, folder, source.filename, where, "font file")
            if path and check_font(path, written, source.filename, where, problems):
                faces[face_name] = path
            else:
                faces[face_name] = None
        if faces["regular"] is not None:
            fonts[family] = FaceFiles(faces["regular"], faces["bold"], faces["italic"], faces["bold_italic"])
        else:
            fonts[family] = FALLBACK_FACES
    return fonts, warnings


def geometry_for(outline: Outline) -> Geometry:
    return default_geometry(outline.brand.aspect)


def make_plan(outline: Outline) -> Plan:
    """Measure and lay out every slide of a validated outline."""
    brand = outline.brand
    ts = Typesetting(Measurer(outline.fonts[brand.fonts.heading]), Measurer(outline.fonts[brand.fonts.body]), brand,
                     geometry_for(outline))
    plan = plan_deck(outline.deck, ts, outline.deck_source.filename, outline.deck_source.position,
                     outline.image_sizes)
    if outline.warnings:
        plan = Plan(plan.info, plan.slides, tuple(outline.warnings) + plan.notices)
    return plan
