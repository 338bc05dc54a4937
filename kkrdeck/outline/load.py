"""The outline stage's entry: deck.yaml and its brand loaded, validated and every file they name resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kkrdeck.errors import DeckError, Problem, display_path
from kkrdeck.i18n import N_, gettext_
from kkrdeck.outline.characters import not_in_xml
from kkrdeck.outline.loader import Limits, Mapping, Node, Scalar, Sequence, load_file
from kkrdeck.design.metrics import FaceFiles
from kkrdeck.outline.chart_data import DataFileError, DataTable, chart_issues, read_table
from kkrdeck.outline.model import Brand, Deck
from kkrdeck.outline.resources import BUNDLED, FALLBACK_FACES, Resolver, check_font, check_template, image_size
from kkrdeck.outline.validate import Located, check_brand_tree, check_deck_tree

DEFAULT_BRAND = "assets/brand.yaml"


@dataclass(frozen=True)
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
    template: Path | None = None  # --template, else the deck's 'template:', else the brand's
    charts: dict[str, DataTable] = field(default_factory=dict)  # a chart's 'data:' as written → its table


def load_outline(deck_path: Path, allow_outside: bool = False, limits: Limits = Limits(),
                 template: Path | None = None, root: Node | None = None) -> Outline:
    """Load and validate the deck and its brand; every problem of both is raised at once as a DeckError.

    `template` (--template on the command line) replaces the deck's and the brand's `template:`."""
    inspection = inspect_outline(deck_path, allow_outside, limits, template, root=root)
    if inspection.outline is None:
        assert inspection.problems, "an outline that failed must say why"
        raise DeckError(inspection.problems)
    return inspection.outline


@dataclass
class Inspection:
    """What loading found: the outline when all is well, else every problem, and the brand if it was valid."""

    outline: Outline | None
    problems: list[Problem]
    brand_source: Located | None = None
    template_named: bool = False  # the deck or the brand names an organisation template (its colours win)


def inspect_outline(deck_path: Path, allow_outside: bool = False, limits: Limits = Limits(),
                    template: Path | None = None, *, root: Node | None = None,
                    brand_fill: Callable[[Node, str], Node] | None = None) -> Inspection:
    """Check the deck, its brand and every file they name, collecting all problems instead of stopping at the first.

    A deck file that cannot be read or parsed at all is still raised as a DeckError: there is nothing to go on.
    `root` is the deck's tree when it is already loaded (one variant's, outline/variants.py), `brand_fill`
    what that variant does to the brand's tree (its footer's placeholders).
    """
    deck_name = display_path(deck_path)
    root = load_file(deck_path, limits) if root is None else root
    source, problems = check_deck_tree(root, deck_name)
    base = deck_path.resolve().parent
    brand_path = _brand_file(root, base, deck_name, allow_outside, problems)
    brand_source: Located | None = None
    if brand_path is not None:
        try:
            brand_tree = load_file(brand_path, limits)
            if brand_fill is not None:
                brand_tree = brand_fill(brand_tree, display_path(brand_path))
            brand_source, brand_problems = check_brand_tree(brand_tree, display_path(brand_path))
            problems.extend(brand_problems)
        except DeckError as exc:
            problems.extend(exc.problems)
    roots = [base] + ([brand_path.parent] if brand_path is not None else [])
    resolver = Resolver(roots, allow_outside)
    fonts: dict[str, FaceFiles] = {}
    warnings: list[Problem] = []
    given = template
    logo = template = None
    if brand_source is not None and brand_path is not None:
        brand: Brand = brand_source.model
        folder = brand_path.parent
        fonts, warnings = _fonts(brand, brand_source, folder, resolver, problems)
        if brand.logo:
            where = brand_source.position("logo")
            logo = resolver.resolve(brand.logo, folder, brand_source.filename, where, "logo")
            if logo and not image_size(logo, brand.logo, brand_source.filename, where, problems, "logo"):
                logo = None
        if brand.template:
            template = _template(brand.template, folder, brand_source.filename, brand_source.position("template"),
                                 resolver, problems)
    deck_template = _scalar(root, "template")
    if deck_template is not None:
        template = _template(deck_template.value, base, deck_name, (deck_template.line, deck_template.column),
                             resolver, problems)
    images: dict[str, Path] = {}
    sizes: dict[str, tuple[int, int]] = {}
    for image in _image_references(root):
        where = (image.line, image.column)
        path = resolver.resolve(image.value, base, deck_name, where, "image")
        if path:
            size = image_size(path, image.value, deck_name, where, problems)
            if size:
                images[image.value], sizes[image.value] = path, size
    charts = _chart_tables(root, base, deck_name, resolver, problems)
    problems.extend(resolver.problems)
    named = deck_template is not None or bool(brand_source is not None and brand_source.model.template)
    if given is not None:  # named on the command line by the user: trusted, and checked when it is read
        template, named = Path(given).resolve(), True
    if problems or source is None or brand_source is None or brand_path is None:
        return Inspection(None, problems, brand_source, named)
    outline = Outline(source.model, brand_source.model, source, brand_source, deck_path, brand_path, fonts, logo,
                      images, sizes, warnings, template, charts)
    return Inspection(outline, [], brand_source, named)


def _scalar(node: Node | None, key: str) -> Scalar | None:
    """The text under a key of a block, if it is usable text (anything else the validation reports)."""
    value = node.get(key) if isinstance(node, Mapping) else None
    if isinstance(value, Scalar) and not value.is_null and 0 < len(value.value) <= 300 and \
            not_in_xml(value.value) is None:  # a name no file can hold: validation says so, once
        return value
    return None


def _image_references(root: Node) -> list[Scalar]:
    """Every 'image:' of an image slide, read from the tree so files are checked even when other keys are wrong."""
    slides = root.get("slides") if isinstance(root, Mapping) else None
    if not isinstance(slides, Sequence):
        return []
    found = []
    for slide in slides.items:
        kind = _scalar(slide, "kind")
        image = _scalar(slide, "image")
        if kind is not None and kind.value == "image" and image is not None:
            found.append(image)
    return found


def _chart_tables(root: Node, base: Path, deck_name: str, resolver: Resolver,
                  problems: list[Problem]) -> dict[str, DataTable]:
    """Every chart's 'data:' file read once, and checked against its slide's kind of chart (file:line:column)."""
    slides = root.get("slides") if isinstance(root, Mapping) else None
    tables: dict[str, DataTable] = {}
    for slide in slides.items if isinstance(slides, Sequence) else ():
        kind, data, chart = _scalar(slide, "kind"), _scalar(slide, "data"), _scalar(slide, "chart")
        if kind is None or kind.value != "chart" or data is None:
            continue
        where = (data.line, data.column)
        table = tables.get(data.value)
        if table is None:
            path = resolver.resolve(data.value, base, deck_name, where, "data file")
            if path is None:
                continue
            try:
                table = tables[data.value] = read_table(path, data.value)
            except DataFileError as exc:
                problems.append(Problem(deck_name, *where, _in_file(data.value, exc.place, exc.message)))
                continue
        for issue in chart_issues(chart.value if chart else "column", table.categories, table.series):
            problems.append(Problem(deck_name, *where, _in_file(data.value, table.place(issue.series, issue.value),
                                                                 issue.message)))
    return tables


def _in_file(written: str, place: str, message: str) -> str:
    """A problem inside a data file, told with its place there: 'data/x.csv:3:2: …' or 'data/x.xlsx, cell B3: …'."""
    if not place:
        return f"{written}: {message}"
    if place.startswith("cell "):  # an .xlsx cell, 'cell B3' as the table reader names it
        cell = gettext_("cell {coordinate}").format(coordinate=place[5:])
        return f"{written}, {cell}: {message}"
    return f"{written}:{place}: {message}"


def _brand_file(root: Node, base: Path, deck_name: str, allow_outside: bool, problems: list[Problem]) -> Path | None:
    """The brand file the deck names (inside the deck's folder), or the default one; None if it cannot be used."""
    resolver = Resolver([base], allow_outside, inside=N_("the deck's folder"))
    if isinstance(root, Mapping) and root.get("brand") is not None:
        written = _scalar(root, "brand")
        if written is None:
            return None  # not usable text: the validation says why
        path = resolver.resolve(written.value, base, deck_name, (written.line, written.column), "brand file")
    elif (base / DEFAULT_BRAND).exists() or (base / DEFAULT_BRAND).is_symlink():
        path = resolver.resolve(DEFAULT_BRAND, base, deck_name, (0, 0), "brand file")
    elif (BUNDLED / "brand.yaml").is_file():
        return BUNDLED / "brand.yaml"  # a deck without a brand of its own gets kkrdeck's built-in KKR brand
    else:
        problems.append(Problem(deck_name, 0, 0, gettext_(
            "there is no brand file: {file} does not exist next to the deck — copy one there (kkrdeck new DIR writes "
            "one), or name one with 'brand:'").format(file=DEFAULT_BRAND)))
        return None
    problems.extend(resolver.problems)
    return path


def _template(written: str, folder: Path, filename: str, where: tuple[int, int], resolver: Resolver,
              problems: list[Problem]) -> Path | None:
    path = resolver.resolve(written, folder, filename, where, "template")
    if path is not None and check_template(path, written, filename, where, problems):
        return path
    return None


def _fonts(brand: Brand, source: Located, folder: Path, resolver: Resolver,
           problems: list[Problem]) -> tuple[dict[str, FaceFiles], list[Problem]]:
    fonts: dict[str, FaceFiles] = {}
    warnings: list[Problem] = []
    for family in dict.fromkeys((brand.fonts.heading, brand.fonts.body)):  # in order: messages come out the same
        files = brand.fonts.metrics.get(family)
        if files is None:
            where = source.position("fonts")
            warnings.append(Problem(source.filename, *where, gettext_(
                "no font files to measure '{font}' with; measuring with Carlito (Calibri's metrics) — add them under "
                "fonts: metrics:").format(font=family), "warning"))
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
