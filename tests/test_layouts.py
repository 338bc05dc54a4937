"""`kkrdeck layouts TEMPLATE`: what kkrdeck finds in a template, pinned, and its answers to unusable templates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from tests.conftest import ROOT
from tests.data.templates import make

GOLDEN = ROOT / "tests" / "data" / "templates" / "python-pptx-default.layouts.txt"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_layouts_of_python_pptx_default_template_are_listed_and_mapped(in_tmp: Path) -> None:
    shutil.copyfile(make.python_pptx_default(), in_tmp / "default.pptx")
    result = CliRunner().invoke(main, ["layouts", "default.pptx"])
    assert result.exit_code == 0, result.output
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_danish_names_missing_footers_and_a_named_layout_are_reported(in_tmp: Path) -> None:
    make.danish_potx(in_tmp)
    (in_tmp / "brand.yaml").write_text((ROOT / "assets" / "brand.yaml").read_text(encoding="utf-8").replace(
        "logo: logo.png\n", "") + "layouts:\n  section: Titelslide\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["layouts", "Eksempel Kommune.potx", "--brand", "brand.yaml"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Eksempel Kommune.potx: 16:9, 33.87 × 19.05 cm, 1 master, 11 layouts\n")
    assert out.split("Slide kinds → layout:\n")[1] == (
        "  title                                 → 1 'Titelslide'\n"
        "  bullets                               → 2 'Titel og indhold'\n"
        "  section                               → 1 'Titelslide'  (named in the brand file)\n"
        "  two-column                            → 4 'To indholdselementer'\n"
        "  process, statements, image, table     → 6 'Kun titel'\n"
        "  process, statements with a lead line  → 2 'Titel og indhold'\n"
        "\n"
        "Missing:\n"
        "  - no footer placeholder on 'Titel og indhold', 'To indholdselementer', 'Kun titel': their slides show "
        "no footer\n"
        "  - no slide number placeholder on 'Titel og indhold', 'To indholdselementer', 'Kun titel': their slides "
        "show no slide number\n")


def test_the_layouts_report_speaks_danish_with_decimal_commas(in_tmp: Path, danish: None) -> None:
    make.danish_potx(in_tmp)
    (in_tmp / "brand.yaml").write_text((ROOT / "assets" / "brand.yaml").read_text(encoding="utf-8").replace(
        "logo: logo.png\n", "") + "layouts:\n  section: Titelslide\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["layouts", "Eksempel Kommune.potx", "--brand", "brand.yaml"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Eksempel Kommune.potx: 16:9, 33,87 × 19,05 cm, 1 master, 11 layout\n"
                          "skrifttyper: overskrifter Calibri (målt med Carlito, der følger med kkrdeck), brødtekst "
                          "Calibri (målt med Carlito, der følger med kkrdeck)\n\n"
                          "Layout (pladsholderens type, idx, placering x, y og størrelse i cm):\n"
                          "    1  Titelslide\n"
                          "       ctrTitle  idx 0   2,54; 5,92  28,79 × 4,08\n")
    assert "       title     idx 0   1,69; 0,76  30,48 × 3,17  (fra masteren)\n" in out
    assert "       body      idx 1   1,69; 0,76  22,30 × 16,25  lodret tekst\n" in out
    assert out.split("Diastyper → layout:\n")[1] == (
        "  title                                 → 1 'Titelslide'\n"
        "  bullets                               → 2 'Titel og indhold'\n"
        "  section                               → 1 'Titelslide'  (valgt i designprofilen)\n"
        "  two-column                            → 4 'To indholdselementer'\n"
        "  process, statements, image, table     → 6 'Kun titel'\n"
        "  process, statements med indledning    → 2 'Titel og indhold'\n"
        "\n"
        "Mangler:\n"
        "  - ingen pladsholder til sidefod på 'Titel og indhold', 'To indholdselementer', 'Kun titel': deres dias "
        "viser ingen sidefod\n"
        "  - ingen pladsholder til diasnummer på 'Titel og indhold', 'To indholdselementer', 'Kun titel': deres dias "
        "viser intet diasnummer\n")


def test_a_template_without_title_and_body_is_refused_in_danish_with_the_same_exit_code(in_tmp: Path,
                                                                                       danish: None) -> None:
    make.without_title_and_body(in_tmp)
    result = CliRunner().invoke(main, ["layouts", "Kun forside.pptx"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Kun forside.pptx: kkrdeck kan ikke bruge skabelonen: den har intet layout med en titel og én pladsholder til "
        "brødtekst (som PowerPoints 'Titel og indhold'), og det skal punktdias bruge. Dens layout: 'Title Slide' "
        "(titel, undertitel); 'Blank' (ingen pladsholdere). Tilføj sådan et layout i PowerPoint (Vis → Diasmaster), "
        "eller angiv layoutet under 'layouts: bullets:' i designprofilen.\n")

def test_a_template_without_title_and_body_gets_the_missing_layout_message(in_tmp: Path) -> None:
    make.without_title_and_body(in_tmp)
    result = CliRunner().invoke(main, ["layouts", "Kun forside.pptx"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Kun forside.pptx: kkrdeck cannot use this template: it has no layout with a title and one body placeholder "
        "(like PowerPoint's 'Title and Content'), which bullet slides need. Its layouts: 'Title Slide' (title, "
        "subtitle); 'Blank' (no placeholders). Add such a layout in PowerPoint (View → Slide Master), or name the "
        "layout to use under 'layouts: bullets:' in the brand file.\n")


def test_build_with_such_a_template_fails_the_same_way_and_writes_nothing(in_tmp: Path) -> None:
    make.without_title_and_body(in_tmp)
    shutil.copytree(ROOT / "assets", in_tmp / "assets")
    shutil.copyfile(ROOT / "deck.yaml", in_tmp / "deck.yaml")
    result = CliRunner().invoke(main, ["build", "--template", "Kun forside.pptx"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Kun forside.pptx: kkrdeck cannot use this template: it has no layout with a "
                                    "title and one body placeholder")
    assert not (in_tmp / "out").exists()


def test_build_takes_a_template_on_the_command_line(in_tmp: Path) -> None:
    make.danish_potx(in_tmp)
    shutil.copytree(ROOT / "assets", in_tmp / "assets")
    shutil.copyfile(ROOT / "deck.yaml", in_tmp / "deck.yaml")
    result = CliRunner().invoke(main, ["build", "--template", "Eksempel Kommune.potx"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "out/deck.pptx\n"
    from pptx import Presentation

    assert Presentation(in_tmp / "out" / "deck.pptx").slides[0].slide_layout.name == "Titelslide"


def test_a_missing_template_file_is_exit_1_with_a_plain_message(in_tmp: Path) -> None:
    result = CliRunner().invoke(main, ["layouts", "skabelon.potx"])
    assert result.exit_code == 1
    assert result.stderr == "skabelon.potx: the template file does not exist — check the path\n"


def test_layouts_without_a_template_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["layouts"])
    assert result.exit_code == 2
    assert "Missing argument 'TEMPLATE'" in result.stderr
