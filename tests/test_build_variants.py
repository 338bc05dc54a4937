"""One outline, the five KKR meetings: each variant's file has its own title, date, values and slides."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from kkrdeck.cli import main
from tests.conftest import slide_texts
from tests.package_check import assert_valid_deck
from tests.variants_deck import DANISH_DATES, REGIONS, write_five_variant_deck


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("five")
    deck = write_five_variant_deck(folder)
    result = CliRunner().invoke(main, ["build", str(deck)])
    assert result.exit_code == 0, result.output
    return folder / "out"


def test_build_writes_one_valid_deck_per_variant(five: Path) -> None:
    assert sorted(p.name for p in five.glob("*.pptx")) == sorted(f"deck-{name}.pptx" for name in REGIONS)
    for path in five.glob("*.pptx"):
        assert_valid_deck(path)


@pytest.mark.parametrize("name", list(REGIONS))
def test_each_variant_has_its_title_date_and_values(five: Path, name: str) -> None:
    region, town, date = REGIONS[name]
    prs = Presentation(five / f"deck-{name}.pptx")
    assert prs.core_properties.title == "KKR-evalueringen"
    assert prs.core_properties.subject == f"Drøftelse i KKR {region}"
    first = " ".join(slide_texts(five / f"deck-{name}.pptx")[:1])
    assert f"Møde i {town}, {DANISH_DATES[date]}" in first


def test_only_and_skip_choose_the_slides(five: Path) -> None:
    titles = {name: [s.shapes.title.text_frame.text for s in Presentation(five / f"deck-{name}.pptx").slides]
              for name in REGIONS}
    assert "Særligt for hovedstadsområdet" in titles["hovedstaden"]
    assert all("Særligt for hovedstadsområdet" not in t for n, t in titles.items() if n != "hovedstaden")
    assert "Ikke i Nordjylland" not in titles["nordjylland"]
    assert all("Ikke i Nordjylland" in t for n, t in titles.items() if n != "nordjylland")
    assert len(titles["hovedstaden"]) == 10 and len(titles["nordjylland"]) == 8 and len(titles["sjaelland"]) == 9


def test_double_braces_are_literal_and_variant_names_fill_in(five: Path) -> None:
    text = " ".join(slide_texts(five / "deck-hovedstaden.pptx"))
    assert "Krølleparenteser skrives { og }" in text
    assert "Mødet holdes i København den 31. august 2017" in text
    assert "Gælder Hovedstaden (hovedstaden)" in text


def test_variant_option_builds_only_those_into_the_folder_o_names(tmp_path: Path) -> None:
    deck = write_five_variant_deck(tmp_path / "d")
    result = CliRunner().invoke(main, ["build", str(deck), "--variant", "sjaelland", "--variant", "nordjylland",
                                       "-o", str(tmp_path / "meetings")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "meetings").iterdir()) == ["deck-nordjylland.pptx",
                                                                         "deck-sjaelland.pptx"]


def test_an_unknown_variant_option_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    deck = write_five_variant_deck(tmp_path)
    result = CliRunner().invoke(main, ["build", str(deck), "--variant", "sjælland"])
    assert result.exit_code == 2
    assert (f"Invalid value for '--variant': {deck} has no variant 'sjælland' — did you mean 'sjaelland'? (its "
            "variants are 'hovedstaden', 'sjaelland', 'syddanmark', 'midtjylland' and 'nordjylland')") in result.output
    assert not (tmp_path / "out").exists()


def test_an_unknown_variant_is_told_in_danish_with_the_same_exit_code(tmp_path: Path, danish: None) -> None:
    deck = write_five_variant_deck(tmp_path)
    result = CliRunner().invoke(main, ["build", str(deck), "--variant", "sjælland"])
    assert result.exit_code == 2
    assert (f"{deck} har ingen variant 'sjælland' — mente du 'sjaelland'? (varianterne er 'hovedstaden', "
            "'sjaelland', 'syddanmark', 'midtjylland' og 'nordjylland')") in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("language", ["en", "da"])
def test_o_naming_a_pptx_is_refused_with_variants(tmp_path: Path, language: str,
                                                  request: pytest.FixtureRequest) -> None:
    if language == "da":
        request.getfixturevalue("danish")
    deck = write_five_variant_deck(tmp_path)
    result = CliRunner().invoke(main, ["build", str(deck), "-o", str(tmp_path / "x.pptx")])
    assert result.exit_code == 1
    told = {"en": "with 'variants:' the deck becomes one file per variant, so -o names a folder — write e.g. -o",
            "da": "med 'variants:' bliver dispositionen til én fil pr. variant, så -o skal være en mappe — skriv "
                  "f.eks. -o"}
    assert result.output == f"{tmp_path / 'x.pptx'}: {told[language]} {tmp_path / 'out'}\n"
    assert not (tmp_path / "x.pptx").exists()


@pytest.mark.parametrize("language", ["en", "da"])
def test_check_checks_every_variant(tmp_path: Path, language: str, request: pytest.FixtureRequest) -> None:
    if language == "da":
        request.getfixturevalue("danish")
    deck = write_five_variant_deck(tmp_path)
    result = CliRunner().invoke(main, ["check", str(deck)])
    assert result.exit_code == 0, result.output
    told = {"en": "45 slides in 5 variants, 0 errors, 0 warnings, 0 notices — ready to build\n",
            "da": "45 dias i 5 varianter, 0 fejl, 0 advarsler, 0 bemærkninger — præsentationen kan bygges\n"}
    assert result.output.endswith(told[language])


def test_a_deck_without_variants_builds_the_same_bytes(tmp_path: Path) -> None:
    import hashlib

    from tests.conftest import ROOT

    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(main, ["build", str(ROOT / "deck.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert hashlib.sha256(out.read_bytes()).hexdigest() == \
        "f254222b201fdcd482be0279b27935e23c6644f72fe9e7595d2b1078d92b0264"
