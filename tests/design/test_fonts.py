"""Finding font files to measure a template's fonts with: bundled, the system's, or Carlito with a warning."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kkrdeck.build import build
from kkrdeck.design import fonts
from kkrdeck.design.fonts import find_font
from kkrdeck.design.metrics import FaceFiles
from kkrdeck.outline.resources import FALLBACK_FACES
from tests.conftest import ROOT
from tests.data.templates import make


def test_fonts_the_computer_lacks_are_measured_with_what_it_shows_instead_and_said(tmp_path: Path) -> None:
    template = make.with_theme_fonts(tmp_path, "Ukendt Overskrift", "Calibri")
    result = build(ROOT / "deck.yaml", tmp_path / "deck.pptx", template=template)
    warnings = [n.message for n in result.notices if n.message.startswith("the template's font")]
    assert len(warnings) == 1
    fallback = subprocess.run(["fc-match", "-f", "%{family[0]}", "Ukendt Overskrift"], capture_output=True,
                              text=True).stdout
    assert warnings[0] == (f"the template's font 'Ukendt Overskrift' is not on this computer; its text is measured "
                           f"with '{fallback}', which this computer shows in its place — install 'Ukendt "
                           "Overskrift', or give its files under fonts: metrics: in the brand file")


def test_calibri_is_measured_with_the_bundled_carlito() -> None:
    choice = find_font("Calibri")
    assert choice.warning is None and choice.faces.regular.name == "Carlito-Regular.ttf"
    assert choice.faces.bold.name == "Carlito-Bold.ttf"


def test_an_unknown_family_is_measured_with_the_bundled_carlito_without_fontconfig(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # a computer without fc-match: nothing else knows the family
    monkeypatch.setattr(fonts.shutil, "which", lambda program: None)
    choice = find_font("Skrift Som Ingen Har")
    assert choice.faces == FALLBACK_FACES and choice.faces.regular.name == "Carlito-Regular.ttf"
    assert choice.via == "Carlito"
    assert choice.warning == ("no font files found to measure the template's font 'Skrift Som Ingen Har'; its text "
                              "is measured with Carlito (Calibri's metrics) — give its files under fonts: metrics: in "
                              "the brand file")


def test_the_brands_font_files_come_before_any_other(tmp_path: Path) -> None:
    faces = FaceFiles(tmp_path / "Calibri-Regular.ttf")
    choice = find_font("Calibri", {" calibri": faces})
    assert choice.faces is faces and choice.warning is None and choice.via == "the brand's font files for ' calibri'"
