"""The command line at its edges: help and version, exit codes, stdout/stderr, files outside the deck, internal errors."""

from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kkrdeck import __version__
from kkrdeck.cli import main
from tests.conftest import ROOT, write_deck

GOOD = "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n"


def run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args), prog_name="kkrdeck")


def test_help_lists_the_commands_and_every_command_has_help(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(tmp_path, monkeypatch, "--help")
    assert result.exit_code == 0
    for command in ("build", "check", "new", "schema"):
        assert f"  {command} " in result.stdout
        sub = run(tmp_path, monkeypatch, command, "--help")
        assert sub.exit_code == 0 and sub.stdout.startswith(f"Usage: kkrdeck {command}")
    assert "--allow-outside" in run(tmp_path, monkeypatch, "check", "-h").stdout


def test_python_dash_m_kkrdeck_gives_the_version() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "kkrdeck", "--version"], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=False)
    assert done.returncode == 0
    assert done.stdout == f"kkrdeck, version {__version__}\n"


def test_schema_prints_json_on_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(tmp_path, monkeypatch, "schema")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_build_prints_the_output_path_on_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, GOOD)
    result = run(tmp_path, monkeypatch, "build")
    assert (result.exit_code, result.stdout) == (0, "out/deck.pptx\n")


def test_a_kkrdeck_output_is_overwritten_by_the_next_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, GOOD)
    assert run(tmp_path, monkeypatch, "build", "-o", "talk.pptx").exit_code == 0
    first = (tmp_path / "talk.pptx").read_bytes()
    (tmp_path / "deck.yaml").write_text(GOOD.replace("[a]", "[a, b]"), encoding="utf-8")
    result = run(tmp_path, monkeypatch, "build", "-o", "talk.pptx")
    assert result.exit_code == 0
    assert (tmp_path / "talk.pptx").read_bytes() != first


def test_an_image_outside_the_folder_needs_allow_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "talk"
    folder.mkdir()
    shutil.copy(ROOT / "assets" / "logo.png", tmp_path / "kort.png")
    write_deck(folder, f"title: T\nslides:\n  - kind: image\n    title: T\n    image: {tmp_path / 'kort.png'}\n"
                       "    alt: Kort\n")
    result = run(folder, monkeypatch, "build")
    assert result.exit_code == 1
    assert result.stderr == (f"deck.yaml:5:12: the image '{tmp_path / 'kort.png'}' is outside the deck's folder — "
                             "kkrdeck only uses files inside the deck's and the brand's folders; copy it there, or "
                             "use --allow-outside if you trust this deck\n")
    assert not (folder / "out").exists()
    result = run(folder, monkeypatch, "build", "--allow-outside")
    assert (result.exit_code, result.stdout) == (0, "out/deck.pptx\n")


def test_a_brand_outside_the_folder_needs_allow_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shutil.copytree(ROOT / "assets", shared)
    folder = tmp_path / "talk"
    folder.mkdir()
    (folder / "deck.yaml").write_text("title: T\nbrand: ../shared/brand.yaml\nslides:\n  - kind: section\n"
                                      "    title: T\n", encoding="utf-8")
    result = run(folder, monkeypatch, "check")
    assert result.stderr == ("deck.yaml:2:8: the brand file '../shared/brand.yaml' is outside the deck's folder — "
                             "kkrdeck only uses files inside the deck's folder; copy it there, or use --allow-outside "
                             "if you trust this deck\n")
    result = run(folder, monkeypatch, "check", "--allow-outside")
    assert (result.exit_code, result.stderr) == (0, "")


INTERNAL_ERROR = {
    "en": ("kkrdeck: internal error (RuntimeError: boom) — this is a bug in kkrdeck, not a mistake in your deck; "
           "please report it together with the deck (-v shows the details)\n"),
    "da": ("kkrdeck: intern fejl (RuntimeError: boom) — fejlen ligger i kkrdeck, ikke i din disposition; send en "
           "fejlrapport sammen med dispositionen (-v viser detaljerne)\n"),
}
LANGUAGES = pytest.mark.parametrize("language", ["en", "da"])


def speak(language: str, request: pytest.FixtureRequest) -> None:
    if language == "da":
        request.getfixturevalue("danish")


@LANGUAGES
def test_an_internal_error_is_reported_as_a_bug_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    language: str,
                                                                    request: pytest.FixtureRequest) -> None:
    speak(language, request)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("kkrdeck.check.check_deck", broken)
    result = run(tmp_path, monkeypatch, "check")
    assert result.exit_code == 70
    assert result.stderr == INTERNAL_ERROR[language]
    verbose = run(tmp_path, monkeypatch, "-v", "check")
    assert verbose.stderr.startswith("Traceback (most recent call last):")
    assert verbose.exit_code == 70


def test_control_characters_never_reach_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, 'title: T\nslides:\n  - kind: "\\e[2J\\u202e"\n    title: T\n')
    for command in ("build", "check"):
        result = run(tmp_path, monkeypatch, command)
        assert result.exit_code == 1
        assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
        assert "unknown slide kind '\\x1b[2J\\u202e'" in result.stderr


@LANGUAGES
def test_a_default_brand_that_links_outside_the_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   language: str,
                                                                   request: pytest.FixtureRequest) -> None:
    speak(language, request)
    shutil.copytree(ROOT / "assets", tmp_path / "elsewhere")
    folder = tmp_path / "talk"
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "brand.yaml").symlink_to(tmp_path / "elsewhere" / "brand.yaml")
    (folder / "deck.yaml").write_text(GOOD, encoding="utf-8")
    result = run(folder, monkeypatch, "build")
    assert result.exit_code == 1
    told = {"en": "the brand file 'assets/brand.yaml' is outside the deck's folder — kkrdeck only uses files inside "
                  "the deck's folder; copy it there, or use --allow-outside if you trust this deck",
            "da": "designprofilen 'assets/brand.yaml' ligger uden for dispositionens mappe — kkrdeck bruger kun filer "
                  "i dispositionens mappe; kopier filen derind, eller brug --allow-outside, hvis du stoler på "
                  "præsentationen"}
    assert result.stderr == f"deck.yaml: {told[language]}\n"
    assert not (folder / "out").exists()


def test_quiet_and_verbose_work_after_the_command_name_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, GOOD)
    loud = run(tmp_path, monkeypatch, "build")
    assert loud.exit_code == 0 and re.fullmatch(r"1 slide, \d+ KB\n", loud.stderr)
    quiet = run(tmp_path, monkeypatch, "build", "-q")
    assert quiet.exit_code == 0
    assert quiet.stdout == "out/deck.pptx\n" and quiet.stderr == ""


def test_build_warns_about_faint_brand_colours_but_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, GOOD)
    brand = tmp_path / "assets" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('text: "#1E2A33"', 'text: "#BBBBBB"'),
                     encoding="utf-8")
    result = run(tmp_path, monkeypatch, "build")
    assert result.exit_code == 0
    assert "assets/brand.yaml:7:9: warning: text on the background: contrast 1.91:1 (#BBBBBB on #FFFFFF)" in result.stderr
    assert (tmp_path / "out" / "deck.pptx").is_file()


@LANGUAGES
def test_build_pdf_without_libreoffice_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str,
                                                      request: pytest.FixtureRequest) -> None:
    import kkrdeck.export.libreoffice as export

    speak(language, request)

    write_deck(tmp_path, GOOD)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(export, "SOFFICE_LOCATIONS", ())
    result = run(tmp_path, monkeypatch, "build", "--pdf")
    assert result.exit_code == 1
    told = {"en": "LibreOffice is not installed (needed for PDF and previews) — install it with:",
            "da": "LibreOffice er ikke installeret (det skal bruges til PDF og forhåndsvisning) — installér det med:"}
    assert result.stderr == (f"{told[language]} sudo apt-get install libreoffice-impress  (macOS: brew install --cask "
                             "libreoffice)\n")
    assert not (tmp_path / "out").exists()
