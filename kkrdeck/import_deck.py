"""`kkrdeck import`: an existing .pptx becomes a deck folder — deck.yaml, its pictures, optionally its template."""

from __future__ import annotations

import io
import os
import secrets
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kkrdeck.errors import KkrdeckError, Problem, display_path
from kkrdeck.i18n import _

TEMPLATE_FILE = "template.potx"


@dataclass(frozen=True)
class ImportResult:
    folder: Path
    deck: Path
    slides_in: int
    slides_out: int
    pictures: int
    problems: tuple[Problem, ...]  # warnings (what the outline cannot express) and notices, pointing at the source


def default_folder(source: Path) -> Path:
    return Path(source.stem or "imported")


def import_deck(source: Path, folder: Path | None = None, keep_template: bool = False) -> ImportResult:
    """Read SOURCE, map it to an outline and write FOLDER; refuses to overwrite a deck.yaml, writes nothing on error."""
    from kkrdeck.importing.mapping import map_deck
    from kkrdeck.importing.package import read_source
    from kkrdeck.importing.read import read_deck
    from kkrdeck.importing.yamlout import outline_yaml

    source = Path(source)
    folder = Path(folder) if folder is not None else default_folder(source)
    deck_path = folder / "deck.yaml"
    if folder.exists() and not folder.is_dir():
        raise KkrdeckError(_("{folder}: is a file, not a folder — give the name of a new folder with -o").format(
            folder=display_path(folder)))
    if deck_path.exists() or deck_path.is_symlink():
        raise KkrdeckError(_("{file}: a deck already exists here, so nothing was written — import into a new folder "
                             "with -o FOLDER").format(file=display_path(deck_path)))
    data = read_source(source)
    try:
        deck = read_deck(data)
    except KkrdeckError:
        raise
    except Exception as exc:  # python-pptx raises many kinds on a damaged package
        raise KkrdeckError(_("{file}: cannot be read as a PowerPoint presentation ({reason}) — open it in PowerPoint "
                             "or LibreOffice and save it again as .pptx").format(file=display_path(source),
                                                                                reason=exc)) from None
    if not deck.slides:
        raise KkrdeckError(_("{file}: has no slides, so there is nothing to import — for a template without slides "
                             "use 'kkrdeck layouts' and 'template:' in deck.yaml").format(file=display_path(source)))
    files: dict[Path, bytes] = {}
    if keep_template:
        files[folder / TEMPLATE_FILE] = _template_bytes(source)
    imported = map_deck(deck, TEMPLATE_FILE if keep_template else None)
    for name, blob in imported.images.items():
        files[folder / name] = blob
    files.update(_assets(folder))
    text = outline_yaml(imported, source.name)
    _write(folder, files, text.encode("utf-8"))
    shown = display_path(source)
    problems = [Problem(shown, 0, 0, _("slide {n}: {warning}").format(n=n, warning=w), "warning") for n, w in imported.warnings]
    problems += [Problem(shown, 0, 0, notice, "notice") for notice in imported.notices]
    return ImportResult(folder, deck_path, len(deck.slides), len(imported.entries), len(imported.images),
                        tuple(problems))


def _template_bytes(source: Path) -> bytes:
    """The source's masters, layouts and theme, tidied by the template reader and typed as a .potx."""
    from kkrdeck.design.template import load_template
    from kkrdeck.ooxml.ns import CT_PRESENTATION, CT_TEMPLATE

    package = load_template(source).package
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zf, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in zf.infolist():
            body = zf.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.decode("utf-8").replace(CT_PRESENTATION, CT_TEMPLATE).encode("utf-8")
            elif info.filename == "ppt/presentation.xml":  # pandoc writes this element capitalised, against the schema
                body = body.replace(b"<p:NotesMasterId ", b"<p:notesMasterId ")
            target.writestr(info, body)
    return out.getvalue()


def _assets(folder: Path) -> dict[Path, bytes]:
    """The brand, logo, fonts and schema `kkrdeck new` gives a deck, where the folder does not have them yet."""
    from kkrdeck.new import ASSET_FILES, SCHEMA_FILE
    from kkrdeck.outline.resources import BUNDLED
    from kkrdeck.outline.schema import schema_json

    out: dict[Path, bytes] = {}
    if not (folder / SCHEMA_FILE).exists():
        out[folder / SCHEMA_FILE] = (schema_json() + "\n").encode("utf-8")
    if not (folder / "assets" / "brand.yaml").exists():
        for name in ASSET_FILES:
            source = BUNDLED / name
            if not source.is_file():
                raise KkrdeckError(_("{file}: kkrdeck's own assets are missing — reinstall kkrdeck").format(
                    file=display_path(source)))
            if not (folder / "assets" / name).exists():
                out[folder / "assets" / name] = source.read_bytes()
    return out


def _write(folder: Path, files: dict[Path, bytes], deck: bytes) -> None:
    """A new folder appears whole (written beside it, then renamed); into an existing one the files are added
    without replacing any that differ, and deck.yaml comes last, never over another."""
    taken = [p for p, data in files.items() if p.exists() and (not p.is_file() or p.read_bytes() != data)]
    if taken:
        raise KkrdeckError(_("{file}: already exists and is different, so nothing was written — import into a new "
                             "folder with -o FOLDER").format(file=display_path(taken[0])))
    try:
        if not folder.exists():
            folder.parent.mkdir(parents=True, exist_ok=True)
            stage = folder.parent / f".{folder.name}.import-{secrets.token_hex(4)}"
            try:
                for path, data in {**files, folder / "deck.yaml": deck}.items():
                    target = stage / path.relative_to(folder)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                os.rename(stage, folder)  # fails, leaving nothing behind, if the folder appeared meanwhile
            finally:
                shutil.rmtree(stage, ignore_errors=True)
            return
        from kkrdeck.paths import replace_atomically

        for path, data in files.items():
            if not path.exists():
                replace_atomically(path, lambda out, data=data: out.write(data))
        temp = folder / f".deck.yaml.{secrets.token_hex(4)}.part"
        temp.write_bytes(deck)
        try:
            os.link(temp, folder / "deck.yaml")  # never over a deck.yaml that appeared meanwhile
        finally:
            temp.unlink(missing_ok=True)
    except FileExistsError:
        raise KkrdeckError(_("{file}: a deck appeared here while importing, so it was left as it is — import into a "
                             "new folder with -o FOLDER").format(file=display_path(folder / "deck.yaml"))) from None
    except OSError as exc:
        raise KkrdeckError(_("{folder}: cannot write the imported deck here ({reason}) — choose another folder with "
                             "-o").format(folder=display_path(folder), reason=exc.strerror or exc)) from None
