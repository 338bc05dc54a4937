"""`kkrdeck check [DECK] [--strict]`: errors, warnings and notices on stderr, one summary line on stdout, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from kkrdeck.design.contrast import contrast_problems, contrast_ratio
from kkrdeck.outline.loader import load_file
from kkrdeck.outline.validate import validate_brand
from tests.conftest import ROOT, write_deck

SECTION = "title: T\nslides:\n  - kind: section\n    title: T\n"
LONG = "title: T\nslides:\n  - kind: bullets\n    title: Mange punkter\n    bullets:\n" + "".join(
    f"      - Punkt nummer {i} med en ret lang tekst, der fylder godt op på sliden og kræver plads\n" for i in range(14))
FONT_WARNING = ("assets/brand.yaml:2:1: warning: no font files to measure 'Calibri' with; measuring with Carlito "
                "(Calibri's metrics) — add them under fonts: metrics:")


def check(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(folder)
    return CliRunner().invoke(main, ["check", *args], prog_name="kkrdeck")


def edit_brand(folder: Path, old: str, new: str) -> None:
    brand = folder / "assets" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    assert old in text
    brand.write_text(text.replace(old, new), encoding="utf-8")


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_repo_deck_checks_clean_and_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, (ROOT / "deck.yaml").read_text(encoding="utf-8"))
    before = files(tmp_path)
    result = check(tmp_path, monkeypatch, "--strict")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "8 slides, 0 errors, 0 warnings, 0 notices — ready to build\n", "")
    assert files(tmp_path) == before
    assert not (tmp_path / "out").exists()


def test_a_continuation_is_a_notice_and_does_not_fail_even_strict(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, LONG)
    for args in ((), ("--strict",)):
        result = check(tmp_path, monkeypatch, *args)
        assert result.exit_code == 0
        assert result.stderr == ("deck.yaml:3:5: notice: 'Mange punkter' does not fit at 18 pt or more; it continues "
                                 "on 2 slides: (I), (II)\n")
        assert result.stdout == "2 slides, 0 errors, 0 warnings, 1 notice — ready to build\n"


def test_a_font_without_metrics_is_a_warning_that_fails_only_with_strict(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, SECTION)
    brand = tmp_path / "assets" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").split("fonts:")[0] + "logo: logo.png\n", encoding="utf-8")
    result = check(tmp_path, monkeypatch)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "1 slide, 0 errors, 1 warning, 0 notices — ready to build\n", FONT_WARNING + "\n")
    result = check(tmp_path, monkeypatch, "--strict")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "1 slide, 0 errors, 1 warning, 0 notices — warnings fail with --strict\n", FONT_WARNING + "\n")


def test_light_grey_text_on_white_is_an_error_with_its_ratio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, SECTION)
    edit_brand(tmp_path, 'text: "#1E2A33"', 'text: "#BBBBBB"')
    result = check(tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "assets/brand.yaml:7:9: text on the background: contrast 1.91:1 (#BBBBBB on #FFFFFF) is below 4.5:1 (WCAG "
        "AA), too faint to read for many — make 'text' darker",
        "assets/brand.yaml:7:9: text on cards: contrast 1.67:1 (#BBBBBB on #EAF0F4) is below 4.5:1 (WCAG AA), too "
        "faint to read for many — make 'text' darker",
    ]
    assert result.stdout == "2 errors, 0 warnings, 0 notices — fix the errors, then check again\n"


def test_the_colour_to_change_is_the_one_that_can_gain_most(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, SECTION)
    edit_brand(tmp_path, 'light: "#EAF0F4"', 'light: "#707070"')
    result = check(tmp_path, monkeypatch)
    assert result.stderr.splitlines() == [
        "assets/brand.yaml:9:10: text on cards: contrast 2.95:1 (#1E2A33 on #707070) is below 4.5:1 (WCAG AA), too "
        "faint to read for many — make 'light' lighter"]


def test_the_default_brand_passes_contrast() -> None:
    path = ROOT / "assets" / "brand.yaml"
    source = validate_brand(load_file(path), "brand.yaml")
    assert contrast_problems(source) == []
    assert contrast_ratio("#1E2A33", "#FFFFFF") > 4.5


def test_brand_contrast_and_deck_errors_are_reported_together(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, "title: T\nslides:\n  - kind: section\n    titel: T\n")
    edit_brand(tmp_path, 'primary: "#1D3557"', 'primary: "#A8C4E0"')
    result = check(tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "assets/brand.yaml:4:12: titles on the background: contrast 1.80:1 (#A8C4E0 on #FFFFFF) is below 4.5:1 (WCAG "
        "AA), too faint to read for many — make 'primary' darker",
        "assets/brand.yaml:4:12: title slide text on 'primary': contrast 1.80:1 (#FFFFFF on #A8C4E0) is below 4.5:1 "
        "(WCAG AA), too faint to read for many — make 'primary' darker",
        "deck.yaml:4:5: unknown key 'titel' in a section slide — did you mean 'title'?",
    ]
    assert result.stdout == "3 errors, 0 warnings, 0 notices — fix the errors, then check again\n"


def test_a_missing_deck_is_one_error_and_a_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = check(tmp_path, monkeypatch)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "1 error, 0 warnings, 0 notices — fix the error, then check again\n",
        "deck.yaml: deck file not found — check the name, or run 'kkrdeck new DIR' to start a deck\n")


def test_check_takes_allow_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "talk"
    folder.mkdir()
    shutil.copy(ROOT / "assets" / "logo.png", tmp_path / "kort.png")
    write_deck(folder, "title: T\nslides:\n  - kind: image\n    title: T\n    image: ../kort.png\n    alt: Kort\n")
    result = check(folder, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr == ("deck.yaml:5:12: the image '../kort.png' is outside the deck's folder — kkrdeck only uses "
                             "files inside the deck's and the brand's folders; copy it there, or use --allow-outside "
                             "if you trust this deck\n")
    result = check(folder, monkeypatch, "--allow-outside")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "1 slide, 0 errors, 0 warnings, 0 notices — ready to build\n"


def test_a_planning_error_is_reported_by_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n"
                         "  - kind: bullets\n    title: U\n    continues: true\n    bullets: [b]\n")
    result = check(tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr == ("deck.yaml:6:5: 'continues: true' needs a bullets slide with the same title just before "
                             "it — remove 'continues' or give it the previous slide's title\n")


# --- the same reports in Danish ---------------------------------------------------------------------------------

def _no_font_files(folder: Path) -> None:
    brand = folder / "assets" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").split("fonts:")[0] + "logo: logo.png\n", encoding="utf-8")


CONTRAST_DA = "er under 4,5:1 (WCAG AA) og for svag til, at mange kan læse den"
FONT_WARNING_DA = ("assets/brand.yaml:2:1: advarsel: der er ingen skrifttypefiler at måle 'Calibri' med, så kkrdeck "
                   "måler med Carlito (samme mål som Calibri) — tilføj dem under fonts: metrics:\n")
# (deck, brand edit or None, check's arguments, (exit code, stdout, stderr) in Danish)
IN_DANISH = {
    "the repo deck": ((ROOT / "deck.yaml").read_text(encoding="utf-8"), None, ("--strict",), (
        0, "8 dias, 0 fejl, 0 advarsler, 0 bemærkninger — præsentationen kan bygges\n", "")),
    "a continuation": (LONG, None, (), (
        0, "2 dias, 0 fejl, 0 advarsler, 1 bemærkning — præsentationen kan bygges\n",
        "deck.yaml:3:5: bemærk: 'Mange punkter' kan ikke være på ét dias ved 18 pt eller mere; teksten fortsætter på "
        "2 dias: (I), (II)\n")),
    "a font without metrics": (SECTION, _no_font_files, (), (
        0, "1 dias, 0 fejl, 1 advarsel, 0 bemærkninger — præsentationen kan bygges\n", FONT_WARNING_DA)),
    "a font without metrics, strict": (SECTION, _no_font_files, ("--strict",), (
        1, "1 dias, 0 fejl, 1 advarsel, 0 bemærkninger — advarsler giver fejl med --strict\n", FONT_WARNING_DA)),
    "faint text": (SECTION, lambda f: edit_brand(f, 'text: "#1E2A33"', 'text: "#BBBBBB"'), (), (
        1, "2 fejl, 0 advarsler, 0 bemærkninger — ret fejlene, og tjek igen\n",
        f"assets/brand.yaml:7:9: tekst på baggrunden: kontrasten 1,91:1 (#BBBBBB på #FFFFFF) {CONTRAST_DA} — gør "
        "'text' mørkere\n"
        f"assets/brand.yaml:7:9: tekst på kort: kontrasten 1,67:1 (#BBBBBB på #EAF0F4) {CONTRAST_DA} — gør 'text' "
        "mørkere\n")),
    "contrast and deck errors": ("title: T\nslides:\n  - kind: section\n    titel: T\n",
                                 lambda f: edit_brand(f, 'primary: "#1D3557"', 'primary: "#A8C4E0"'), (), (
        1, "3 fejl, 0 advarsler, 0 bemærkninger — ret fejlene, og tjek igen\n",
        f"assets/brand.yaml:4:12: titler på baggrunden: kontrasten 1,80:1 (#A8C4E0 på #FFFFFF) {CONTRAST_DA} — gør "
        "'primary' mørkere\n"
        f"assets/brand.yaml:4:12: titeldiassets tekst på 'primary': kontrasten 1,80:1 (#FFFFFF på #A8C4E0) "
        f"{CONTRAST_DA} — gør 'primary' mørkere\n"
        "deck.yaml:4:5: ukendt nøgle 'titel' i et dias af typen section — mente du 'title'?\n")),
    "a planning error": ("title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n"
                         "  - kind: bullets\n    title: U\n    continues: true\n    bullets: [b]\n", None, (), (
        1, "1 fejl, 0 advarsler, 0 bemærkninger — ret fejlen, og tjek igen\n",
        "deck.yaml:6:5: 'continues: true' kræver, at diasset lige før er et dias af typen bullets med samme titel — "
        "fjern 'continues', eller giv diasset samme titel som det forrige\n")),
}


@pytest.mark.parametrize("case", sorted(IN_DANISH))
def test_check_reports_in_danish_with_the_same_exit_codes_and_positions(
        case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    deck, edit, args, expected = IN_DANISH[case]
    write_deck(tmp_path, deck)
    if edit:
        edit(tmp_path)
    english = check(tmp_path, monkeypatch, *args)
    request.getfixturevalue("danish")
    before = files(tmp_path)
    result = check(tmp_path, monkeypatch, *args)
    assert (result.exit_code, result.stdout, result.stderr) == expected
    assert result.exit_code == english.exit_code
    where = [[line.split(": ", 1)[0] for line in r.stderr.splitlines()] for r in (english, result)]
    assert where[0] == where[1]
    assert files(tmp_path) == before
