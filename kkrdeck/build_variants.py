"""`kkrdeck build` for a deck with `variants:`: every variant (or those asked for) built in one go, sharing the design."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kkrdeck.build import (BuildResult, ToWrite, _absolute, _contrast_warnings, build, guard_exports, guard_output,
                           render_pptx, write_atomically, write_with_pdfs)
from kkrdeck.errors import KkrdeckError, display_path
from kkrdeck.i18n import gettext_
from kkrdeck.outline.loader import Limits, load_file


@dataclass(frozen=True)
class VariantBuild:
    """One variant's build; `name` is None for a deck without variants."""

    name: str | None
    result: BuildResult


def build_every(deck_path: Path, output: Path | None = None, allow_outside: bool = False,
                template: Path | None = None, pdf: bool = False, handout: bool = False,
                chosen: tuple[str, ...] = (), progress: Callable[[str], None] | None = None) -> list[VariantBuild]:
    """A deck without variants as `build` builds it; with variants each chosen one (default: all) into
    `<folder>/<deck>-<variant>.pptx`, `output` naming the folder. Every variant is validated and planned before
    anything is written; on any problem in any variant nothing is written."""
    from kkrdeck.outline.variants import has_variants

    say = progress or (lambda _: None)
    root = load_file(deck_path)
    if not has_variants(root):
        if chosen:
            from kkrdeck.outline.load_variants import VariantChoiceError

            raise VariantChoiceError(gettext_("{deck} has no 'variants:', so there is no variant '{name}' — leave out "
                                              "--variant").format(deck=display_path(deck_path), name=chosen[0]))
        if pdf or handout:
            say(gettext_("building {deck} and converting it to PDF with LibreOffice").format(
                deck=display_path(deck_path)))
        return [VariantBuild(None, build(deck_path, output, allow_outside, template, pdf, handout, root=root))]
    return _build_variants(deck_path, output, allow_outside, template, pdf, handout, chosen, say)


def variant_output(folder: Path, deck_path: Path, name: str) -> Path:
    return folder / f"{deck_path.stem}-{name}.pptx"


def default_folder(deck_path: Path) -> Path:
    return deck_path.resolve().parent / "out"


def _build_variants(deck_path: Path, output: Path | None, allow_outside: bool, template: Path | None, pdf: bool,
                    handout: bool, chosen: tuple[str, ...], say: Callable[[str], None]) -> list[VariantBuild]:
    from kkrdeck.design.design import design_for
    from kkrdeck.outline.load_variants import inspect_variants
    from kkrdeck.plan.make import make_plan

    folder = _absolute(output) if output is not None else default_folder(deck_path)
    if folder.suffix.lower() == ".pptx" or folder.is_file():
        raise KkrdeckError(gettext_("{folder}: with 'variants:' the deck becomes one file per variant, so -o names a "
                                    "folder — write e.g. -o {example}").format(
            folder=display_path(folder), example=display_path(folder.parent / "out")))
    found = inspect_variants(deck_path, allow_outside, Limits(), template, chosen)
    assert found is not None
    outlines = found.outlines()
    targets = {name: variant_output(folder, deck_path, name) for name, _ in outlines}
    for target in targets.values():
        guard_output(target, deck_path)
        guard_exports(target, pdf, handout)
    designs: dict[tuple[object, ...], object] = {}
    built = []
    for name, outline in outlines:
        say(gettext_("building variant {name} ({path})").format(name=name, path=display_path(targets[name])))
        # The five meetings share brand and template: the design (template package, layouts) is made once.
        key = (outline.brand.model_dump_json(), outline.brand_path, outline.logo, outline.deck.language,
               outline.template)
        design = designs.get(key)
        if design is None:
            design = designs[key] = design_for(outline)
        plan = make_plan(outline, design)  # type: ignore[arg-type]
        data = render_pptx(outline, plan, design)  # type: ignore[arg-type]
        built.append((name, outline, plan, data))
    if not (pdf or handout):
        for name, _, _, data in built:
            write_atomically(targets[name], data)
        exported: list[tuple[Path | None, Path | None]] = [(None, None)] * len(built)
    else:
        exported = write_with_pdfs([ToWrite(targets[n], data, len(plan.slides), o.deck.language)
                                    for n, o, plan, data in built], pdf=pdf, handout=handout, say=say)
    return [VariantBuild(name, BuildResult(targets[name], plan, len(data), files[0], _contrast_warnings(outline),
                                           files[1]))
            for (name, outline, plan, data), files in zip(built, exported)]


def build_one(deck_path: Path, folder: Path, allow_outside: bool = False, template: Path | None = None,
              variant: str | None = None) -> VariantBuild:
    """One deck into `folder` (for preview): a deck without variants, or the variant named (default: the first)."""
    from kkrdeck.outline.loader import Mapping
    from kkrdeck.outline.variants import has_variants

    root = load_file(deck_path)
    if not has_variants(root) and variant is None:
        return VariantBuild(None, build(deck_path, folder / f"{deck_path.stem}.pptx", allow_outside, template,
                                        root=root))
    if variant is None:
        node = root.get("variants") if isinstance(root, Mapping) else None
        names = node.keys() if isinstance(node, Mapping) else []
        variant = names[0] if names else None
    return build_every(deck_path, folder, allow_outside, template, chosen=(variant,) if variant else ())[0]
