"""Every source kkrdeck import refuses: the exact message, exit code 1, nothing written."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from tests.conftest import ROOT

REAL = ROOT / "tests" / "data" / "templates" / "real"


def _run(source: Path, folder: Path, *extra: str):
    return CliRunner().invoke(main, ["import", str(source), "-o", str(folder), *extra])


def _retyped(source: Path, target: Path, old: str, new: str, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(source) as zf, zipfile.ZipFile(target, "w") as out:
        for info in zf.infolist():
            data = zf.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(old.encode(), new.encode())
            out.writestr(info, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return target


PML = "application/vnd.openxmlformats-officedocument.presentationml."


MACRO_SAVE_AS = {"en": "File → Save As → PowerPoint Presentation", "da": "Filer → Gem som → PowerPoint-præsentation"}
NOT_A_PRESENTATION = {
    "en": "is not a PowerPoint presentation — kkrdeck imports .pptx files saved by PowerPoint or LibreOffice",
    "da": "er ikke en PowerPoint-præsentation — kkrdeck importerer .pptx-filer gemt med PowerPoint eller LibreOffice",
}
# (how the source is made, {language: the message})
REFUSED = {
    "macro-enabled": (
        lambda d: _retyped(REAL / "rstudio-stocks.pptx", d / "deck.pptm", PML + "presentation.main+xml",
                           "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
        {"en": "deck.pptm: is a macro-enabled PowerPoint file, which kkrdeck does not open — save it as .pptx "
               f"(PowerPoint: {MACRO_SAVE_AS['en']}) and import that",
         "da": "deck.pptm: er en PowerPoint-fil med makroer, som kkrdeck ikke åbner — gem den som .pptx (PowerPoint: "
               f"{MACRO_SAVE_AS['da']}), og importér den"}),
    "hidden-macros": (
        lambda d: _retyped(REAL / "rstudio-stocks.pptx", d / "hidden.pptx", "x", "x", {"ppt/vbaProject.bin": b"x"}),
        {"en": "hidden.pptx: contains macros, which kkrdeck does not open — save it as a .pptx without macros and "
               "import that",
         "da": "hidden.pptx: indeholder makroer, som kkrdeck ikke åbner — gem den som .pptx uden makroer, og "
               "importér den"}),
    "template": (
        lambda d: _retyped(REAL / "rstudio-stocks.pptx", d / "skabelon.potx", PML + "presentation.main+xml",
                           PML + "template.main+xml"),
        {"en": "skabelon.potx: is a PowerPoint template (.potx), not a presentation — build on it with 'template:' in "
               "deck.yaml or --template, or import a .pptx made from it",
         "da": "skabelon.potx: er en PowerPoint-skabelon (.potx), ikke en præsentation — brug den som skabelon med "
               "'template:' i deck.yaml eller --template, eller importér en .pptx, der er lavet ud fra den"}),
    "text": (lambda d: (d / "notes.pptx").write_text("hello") and d / "notes.pptx",
             {lang: f"notes.pptx: {told}" for lang, told in NOT_A_PRESENTATION.items()}),
    "picture": (lambda d: shutil.copy(ROOT / "assets" / "logo.png", d / "logo.pptx") and d / "logo.pptx",
                {lang: f"logo.pptx: {told}" for lang, told in NOT_A_PRESENTATION.items()}),
    "missing": (lambda d: d / "missing.pptx",
                {"en": "missing.pptx: the file does not exist — check the name of the PowerPoint file to import",
                 "da": "missing.pptx: filen findes ikke — tjek navnet på den PowerPoint-fil, du vil importere"}),
}


@pytest.mark.parametrize("language", ["en", "da"])
@pytest.mark.parametrize("case", list(REFUSED))
def test_a_source_that_is_not_a_plain_presentation_is_refused(tmp_path, monkeypatch, request, case, language) -> None:
    if language == "da":
        request.getfixturevalue("danish")
    monkeypatch.chdir(tmp_path)
    make, message = REFUSED[case]
    source = make(tmp_path)
    result = _run(source.name, tmp_path / "out")
    assert (result.exit_code, result.stderr.strip()) == (1, message[language])
    assert not (tmp_path / "out").exists()


def test_a_zip_bomb_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(REAL / "rstudio-stocks.pptx") as zf, zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) \
            as out:
        for info in zf.infolist():
            out.writestr(info, zf.read(info.filename))
        out.writestr("ppt/media/huge.bin", b"\0" * 201_000_000)
    result = _run(source.name, tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("bomb.pptx: unpacks to more than 200 MB or 5000 parts, more than a presentation "
                                     "needs — kkrdeck does not import it; remove large videos or pictures in "
                                     "PowerPoint and save it again")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("language", ["en", "da"])
def test_an_existing_deck_is_never_overwritten(tmp_path, monkeypatch, request, language) -> None:
    if language == "da":
        request.getfixturevalue("danish")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "deck.yaml").write_text("mine")
    result = _run(REAL / "rstudio-stocks.pptx", tmp_path / "out")
    told = {"en": "a deck already exists here, so nothing was written — import into a new folder with -o FOLDER",
            "da": "der findes allerede en disposition her, så intet er gemt — importér til en ny mappe med -o MAPPE"}
    assert (result.exit_code, result.stderr.strip()) == (1, f"out/deck.yaml: {told[language]}")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["deck.yaml"]
    assert (tmp_path / "out" / "deck.yaml").read_text() == "mine"


def test_the_default_folder_is_named_after_the_source(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["import", str(REAL / "rstudio-stocks.pptx")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "rstudio-stocks/deck.yaml"
    assert (tmp_path / "rstudio-stocks" / "images").is_dir()
    assert not list(tmp_path.glob(".rstudio-stocks.import-*"))
