"""`kkrdeck new DIR`: a ready-to-edit deck folder that builds as is, checks clean, and never overwrites anything."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from kkrdeck.outline.loader import load_file, to_plain
from kkrdeck.new import BRAND_COMMENTS, deck_text
from tests.conftest import ROOT, slide_texts
from tests.package_check import assert_valid_deck

EXPECTED_FILES = [
    "assets/brand.yaml", "assets/fonts/Carlito-Bold.ttf", "assets/fonts/Carlito-BoldItalic.ttf",
    "assets/fonts/Carlito-Italic.ttf", "assets/fonts/Carlito-LICENSE.txt", "assets/fonts/Carlito-Regular.ttf",
    "assets/logo.png", "deck.yaml", "kkrdeck.schema.json",
]


def run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args), prog_name="kkrdeck")


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_new_writes_the_standard_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(tmp_path, monkeypatch, "new", "talk")
    assert (result.exit_code, result.stdout) == (0, "talk/deck.yaml\n")
    assert result.stderr == "next: edit talk/deck.yaml, then run 'kkrdeck build talk/deck.yaml'\n"
    assert sorted(files(tmp_path / "talk")) == EXPECTED_FILES


def test_the_brand_fonts_logo_and_licence_are_kkrdecks_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(tmp_path, monkeypatch, "new", "talk")
    for name in EXPECTED_FILES:
        if name.startswith("assets/"):
            assert (tmp_path / "talk" / name).read_bytes() == (ROOT / name).read_bytes(), name
    assert "Open Font License" in (tmp_path / "talk/assets/fonts/Carlito-LICENSE.txt").read_text(encoding="utf-8")


def test_the_new_deck_builds_as_is_and_checks_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(tmp_path, monkeypatch, "new", "talk")
    result = run(tmp_path, monkeypatch, "check", "--strict", "talk/deck.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "7 slides, 0 errors, 0 warnings, 0 notices — ready to build\n", "")
    result = run(tmp_path, monkeypatch, "build", "talk/deck.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "talk/out/deck.pptx\n"
    prs = assert_valid_deck(tmp_path / "talk/out/deck.pptx")
    assert [s.shapes.title.text_frame.text for s in prs.slides] == [
        "Titel på oplægget", "Baggrund og metode", "Proces", "Tema 1: …", "Tema 2: …", "Tema 3: …", "Udsagn"]


def test_the_deck_has_the_standard_structure_and_explains_itself() -> None:
    text = deck_text(dt.date(2017, 8, 17))
    assert text.splitlines()[0] == "# yaml-language-server: $schema=kkrdeck.schema.json"
    assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) >= 20
    for expected in ("date: 2017-08-17", "- date: 2017-08-24", "- date: 2017-08-31", "until: 2017-09-01",
                     "- kind: title", "- kind: process", "- kind: statements", "#   kkrdeck build"):
        assert expected in text, expected


def comments(deck: str) -> list[str]:
    """The text of every comment in a deck: whole comment lines and comments after a YAML line."""
    found = []
    for line in deck.splitlines():
        if line.lstrip().startswith("#"):
            found.append(line.lstrip()[1:].strip())
        elif " # " in line:
            found.append(line.split(" # ", 1)[1].strip())
    return [text for text in found if text]


def is_commented_yaml(text: str) -> bool:
    """A comment that is a YAML line to uncomment ('- kind: table', 'title: Kort'), the same in every language."""
    return bool(re.match(r"(- )?[\w-]+:(\s|$)|- \[", text)) and " # " not in text


def test_under_a_danish_locale_the_new_deck_explains_itself_in_danish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      danish: None) -> None:
    english = in_english(monkeypatch, dt.date(2017, 8, 17))
    danish_deck = _danish_deck(tmp_path, monkeypatch)
    kept = [text for text in set(comments(english)) & set(comments(danish_deck))
            if not is_commented_yaml(text) and not text.startswith("yaml-language-server:")]
    assert kept == []
    assert "# En ny disposition til kkrdeck. Ret teksten herunder, og kør så:" in danish_deck.splitlines()
    assert len(comments(danish_deck)) == len(comments(english))


def in_english(monkeypatch: pytest.MonkeyPatch, today: dt.date | None = None) -> str:
    """The English deck_text, taken for a moment from the English catalog while the test runs in Danish."""
    from kkrdeck import i18n

    with monkeypatch.context() as english:
        english.setenv("KKRDECK_LANG", "en")
        i18n.reset()
        text = deck_text(today)
    i18n.reset()
    return text


def _danish_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    result = run(tmp_path, monkeypatch, "new", "talk")
    assert result.exit_code == 0, result.stderr
    return (tmp_path / "talk/deck.yaml").read_text(encoding="utf-8")


def test_the_danish_deck_is_the_english_one_with_danish_comments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 danish: None) -> None:
    danish_deck = _danish_deck(tmp_path, monkeypatch)
    english = in_english(monkeypatch)
    (tmp_path / "english.yaml").write_text(english, encoding="utf-8")
    assert to_plain(load_file(tmp_path / "talk/deck.yaml")) == to_plain(load_file(tmp_path / "english.yaml"))
    assert [line.split(" # ")[0].rstrip() for line in danish_deck.splitlines() if not line.lstrip().startswith("#")] \
        == [line.split(" # ")[0].rstrip() for line in english.splitlines() if not line.lstrip().startswith("#")]


def test_the_danish_deck_builds_the_same_slides_as_the_english_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   danish: None) -> None:
    _danish_deck(tmp_path, monkeypatch)
    (tmp_path / "talk/english.yaml").write_text(in_english(monkeypatch), encoding="utf-8")
    for name in ("deck", "english"):
        result = run(tmp_path, monkeypatch, "build", f"talk/{name}.yaml", "-o", f"talk/out/{name}.pptx")
        assert result.exit_code == 0, result.stderr
        assert_valid_deck(tmp_path / f"talk/out/{name}.pptx")
    assert slide_texts(tmp_path / "talk/out/deck.pptx") == slide_texts(tmp_path / "talk/out/english.pptx")
    assert len(slide_texts(tmp_path / "talk/out/deck.pptx")) == 7


def test_every_comment_of_the_brand_file_is_one_kkrdeck_translates() -> None:
    brand = (ROOT / "assets/brand.yaml").read_text(encoding="utf-8")
    assert sorted(comments(brand.replace('"#', '"'))) == sorted(BRAND_COMMENTS)


def test_under_a_danish_locale_the_brand_file_explains_itself_in_danish(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        danish: None) -> None:
    _danish_deck(tmp_path, monkeypatch)
    english_path, danish_path = ROOT / "assets/brand.yaml", tmp_path / "talk/assets/brand.yaml"
    english, danish_brand = (p.read_text(encoding="utf-8").replace('"#', '"') for p in (english_path, danish_path))
    assert set(comments(english)) & set(comments(danish_brand)) == set()
    assert "# Designprofil til kkrdeck: KKR's standarddesign." in danish_brand
    assert to_plain(load_file(danish_path)) == to_plain(load_file(english_path))
    assert [line.split(" # ")[0].rstrip() for line in danish_brand.splitlines() if not line.startswith("#")] \
        == [line.split(" # ")[0].rstrip() for line in english.splitlines() if not line.startswith("#")]


def test_the_new_deck_and_schema_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(tmp_path, monkeypatch, "new", "talk")
    schema = json.loads((tmp_path / "talk/kkrdeck.schema.json").read_text(encoding="utf-8"))
    assert (tmp_path / "talk/kkrdeck.schema.json").read_text(encoding="utf-8") == \
        (ROOT / "kkrdeck.schema.json").read_text(encoding="utf-8")
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(to_plain(load_file(tmp_path / "talk/deck.yaml")))) == []


def test_new_refuses_to_overwrite_a_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "talk").mkdir()
    (tmp_path / "talk/deck.yaml").write_text("title: Mit oplæg\n", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "new", "talk")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("talk/deck.yaml: a deck already exists here, so nothing was written — edit it, or choose "
                             "a new folder\n")
    assert files(tmp_path / "talk") == {"deck.yaml": "title: Mit oplæg\n".encode()}


def test_new_refuses_to_overwrite_any_file_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "talk/assets").mkdir(parents=True)
    (tmp_path / "talk/assets/brand.yaml").write_text("name: Vores brand\n", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "new", "talk")
    assert result.exit_code == 1
    assert result.stderr == ("talk/assets/brand.yaml: already exists, so nothing was written — kkrdeck new does not "
                             "overwrite files; choose a new folder\n")
    assert files(tmp_path / "talk") == {"assets/brand.yaml": b"name: Vores brand\n"}


def test_new_into_a_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "new", "notes.txt")
    assert (result.exit_code, result.stderr) == (
        1, "notes.txt: this is a file, not a folder — give the name of a new folder\n")


def test_new_into_an_existing_empty_folder_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "talk").mkdir()
    result = run(tmp_path, monkeypatch, "new", "talk")
    assert result.exit_code == 0
    assert sorted(files(tmp_path / "talk")) == EXPECTED_FILES


def test_a_deck_without_a_brand_of_its_own_uses_kkrdecks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "deck.yaml").write_text("title: T\nslides:\n  - kind: section\n    title: T\n", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "check")
    assert (result.exit_code, result.stderr) == (0, "")
