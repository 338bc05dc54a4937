"""kkrdeck never costs a user a file: only what it wrote is replaced or removed, and interrupted runs leave nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from kkrdeck.written import MANIFEST
from tests.conftest import ROOT, write_deck

DECK = "title: T\nslides:\n  - kind: bullets\n    title: Et\n    bullets: [a]\n"
NOT_OURS = ("out/deck.pdf: this PDF was not made by kkrdeck, so it is not overwritten — choose another output name "
            "with -o, or move the file away first\n")
NOT_OURS_DA = ("out/deck.pdf: denne PDF er ikke lavet af kkrdeck, så den bliver ikke overskrevet — vælg et andet "
               "filnavn med -o, eller flyt filen først\n")
LANGUAGES = pytest.mark.parametrize("language", ["en", "da"])


def speak(language: str, request: pytest.FixtureRequest) -> str:
    """The test hears kkrdeck in this language ('da': by the locale alone, as a Danish user's machine)."""
    if language == "da":
        request.getfixturevalue("danish")
    return language


@pytest.fixture
def deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_deck(tmp_path, DECK)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.libreoffice
def test_pdf_refuses_a_libreoffice_export_kkrdeck_did_not_make(deck: Path, tmp_path: Path) -> None:
    from kkrdeck.export.libreoffice import pptx_to_pdf

    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    pptx_to_pdf(tmp_path / "out" / "deck.pptx", tmp_path / "out" / "deck.pdf")  # the user's own export
    data = (tmp_path / "out" / "deck.pdf").read_bytes()
    assert b"LibreOffice" in data or "LibreOffice".encode("utf-16-be").hex().upper().encode() in data.upper()
    before = _snapshot(tmp_path / "out")
    result = CliRunner().invoke(main, ["build", "--pdf"])
    assert (result.exit_code, result.stderr) == (1, NOT_OURS)
    assert _snapshot(tmp_path / "out") == before


@LANGUAGES
def test_pdf_refuses_a_thesis_that_mentions_libreoffice(deck: Path, tmp_path: Path, language: str,
                                                        request: pytest.FixtureRequest) -> None:
    speak(language, request)
    (tmp_path / "out").mkdir()
    thesis = b"%PDF-1.5\n1 0 obj << /Producer (pdfTeX-1.40) /Title (LibreOffice in the public sector) >> endobj\n"
    (tmp_path / "out" / "deck.pdf").write_bytes(thesis)
    result = CliRunner().invoke(main, ["build", "--pdf"])
    assert (result.exit_code, result.stderr) == (1, NOT_OURS if language == "en" else NOT_OURS_DA)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["deck.pdf"]
    assert (tmp_path / "out" / "deck.pdf").read_bytes() == thesis


@pytest.mark.libreoffice
def test_pdf_replaces_its_own_pdf_but_not_once_the_user_changed_it(deck: Path, tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["build", "--pdf"]).exit_code == 0
    again = CliRunner().invoke(main, ["build", "--pdf"])
    assert again.exit_code == 0, again.output
    pdf = tmp_path / "out" / "deck.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"% the user's annotations\n")
    before = _snapshot(tmp_path / "out")
    result = CliRunner().invoke(main, ["build", "--pdf"])
    assert (result.exit_code, result.stderr) == (1, NOT_OURS)
    assert _snapshot(tmp_path / "out") == before


@pytest.mark.libreoffice
def test_preview_replaces_and_removes_only_pictures_it_drew(deck: Path, tmp_path: Path) -> None:
    pictures = tmp_path / "billeder"
    pictures.mkdir()
    for name in ("slide-01.png", "contact-sheet.png", "slide-42.png"):
        (pictures / name).write_bytes(b"the user's own " + name.encode())
    before = _snapshot(pictures)
    result = CliRunner().invoke(main, ["preview", "-o", "billeder"])
    assert (result.exit_code, result.stderr) == (
        1, "billeder/slide-01.png (and 1 other): this picture was not made by kkrdeck, so it is not replaced — "
           "choose another folder with -o, or move the file away first\n")
    assert _snapshot(pictures) == before
    (pictures / "slide-01.png").unlink()
    (pictures / "contact-sheet.png").unlink()
    assert CliRunner().invoke(main, ["preview", "-o", "billeder"]).exit_code == 0
    assert sorted(p.name for p in pictures.iterdir()) == [MANIFEST, "contact-sheet.png", "slide-01.png",
                                                          "slide-42.png"]
    assert (pictures / "slide-42.png").read_bytes() == b"the user's own slide-42.png"
    (tmp_path / "deck.yaml").write_text(DECK + "  - kind: section\n    title: To\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["preview", "-o", "billeder"]).exit_code == 0, "its own pictures are replaced"
    assert sorted(p.name for p in pictures.iterdir()) == [MANIFEST, "contact-sheet.png", "slide-01.png",
                                                          "slide-02.png", "slide-42.png"]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _kkrdeck(args: list[str], cwd: Path, tmpdir: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmpdir))
    return subprocess.Popen([sys.executable, "-m", "kkrdeck", *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.libreoffice
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_build_stopped_by_a_signal_leaves_no_temporary_file_and_no_profile(signum: int, deck: Path,
                                                                            tmp_path: Path) -> None:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    assert CliRunner().invoke(main, ["build", "--pdf"]).exit_code == 0
    before = _snapshot(tmp_path / "out")
    (tmp_path / "deck.yaml").write_text(DECK.replace("Et", "To"), encoding="utf-8")
    proc = _kkrdeck(["build", "--pdf"], tmp_path, tmpdir)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith("kkrdeck-pdf-") and (p / "profile").exists() for p in tmpdir.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "LibreOffice never started"
        time.sleep(0.05)
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.endswith(".part")], "stopped mid-conversion"
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert (proc.returncode, stderr) == (128 + signum, "kkrdeck: stopped\n")
    assert list(tmpdir.iterdir()) == []
    assert _snapshot(tmp_path / "out") == before


@pytest.mark.libreoffice
def test_a_later_build_removes_the_leftovers_of_killed_runs_only(deck: Path, tmp_path: Path) -> None:
    tmpdir = tmp_path / "tmp"
    dead, alive = _dead_pid(), os.getpid()
    (tmpdir / f"kkrdeck-pdf-{dead}-x1y2z3" / "profile").mkdir(parents=True)
    (tmpdir / f"kkrdeck-pdf-{alive}-a1b2c3" / "profile").mkdir(parents=True)
    out = tmp_path / "out"
    out.mkdir()
    (out / f".deck.pptx.{dead}-deadbeef.part").write_bytes(b"half a deck")
    (out / f".deck.pdf.{dead}-deadbeef.part").write_bytes(b"half a pdf")
    (out / f".deck.pptx.{alive}-0badf00d.part").write_bytes(b"another build, still running")
    proc = _kkrdeck(["build", "--pdf"], tmp_path, tmpdir)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert sorted(p.name for p in tmpdir.iterdir()) == [f"kkrdeck-pdf-{alive}-a1b2c3"]
    assert sorted(p.name for p in out.iterdir()) == [f".deck.pptx.{alive}-0badf00d.part", MANIFEST, "deck.pdf",
                                                     "deck.pptx"]


FAILED_CONVERSION = {
    "en": ("LibreOffice could not convert out/deck.pptx to PDF (it said: No space left on device) — check that it is "
           "a PowerPoint file that opens in PowerPoint or LibreOffice. out/deck.pptx is left as before.\n"),
    "da": ("LibreOffice kunne ikke lave out/deck.pptx om til PDF (meddelelse: No space left on device) — tjek, at "
           "det er en PowerPoint-fil, der kan åbnes i PowerPoint eller LibreOffice. out/deck.pptx er uændret.\n"),
}


@LANGUAGES
def test_a_failed_conversion_leaves_both_previous_files(deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        language: str, request: pytest.FixtureRequest) -> None:
    """A LibreOffice that fails (as on a full disk): the new .pptx is not put in place without its PDF."""
    speak(language, request)
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    before = _snapshot(tmp_path / "out")
    failing = tmp_path / "bin"
    failing.mkdir()
    (failing / "soffice").write_text("#!/bin/sh\necho 'Error: No space left on device' >&2\nexit 1\n")
    (failing / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{failing}{os.pathsep}{os.environ['PATH']}")
    (tmp_path / "deck.yaml").write_text(DECK.replace("Et", "To"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--pdf"])
    assert (result.exit_code, result.stderr) == (1, FAILED_CONVERSION[language])
    assert _snapshot(tmp_path / "out") == before


@LANGUAGES
def test_a_300_character_output_name_is_refused_plainly(deck: Path, tmp_path: Path, language: str,
                                                       request: pytest.FixtureRequest) -> None:
    speak(language, request)
    name = "x" * 296 + ".pptx"
    result = CliRunner().invoke(main, ["build", "-o", name])
    told = {"en": "the output name is too long (301 characters; at most 203 fit) — choose a shorter name with -o",
            "da": "filnavnet er for langt (301 tegn; der er plads til højst 203) — vælg et kortere navn med -o"}
    assert (result.exit_code, result.stderr) == (1, f"{name[:60]}…: {told[language]}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["assets", "deck.yaml"]


UNREADABLE = {
    "en": ("deck.yaml: cannot read the deck file: permission denied — check that the file is readable (ls -l shows "
           "who may read it)\n"),
    "da": ("deck.yaml: kan ikke læse filen: adgang nægtet — tjek, at du har lov til at læse filen (ls -l viser, hvem "
           "der må)\n"),
}


@LANGUAGES
def test_an_unreadable_deck_is_bad_input_not_a_usage_error(deck: Path, tmp_path: Path, language: str,
                                                           request: pytest.FixtureRequest) -> None:
    speak(language, request)
    deck.chmod(0)
    # root reads every file; without its override capabilities it is refused like anyone else
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    if prefix and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv, so no file is unreadable")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    expected = UNREADABLE[language]
    for command in ("build", "check"):
        result = subprocess.run([*prefix, sys.executable, "-m", "kkrdeck", command, "deck.yaml"], cwd=tmp_path,
                                env=env, capture_output=True, text=True)
        assert (result.returncode, result.stderr[-len(expected):]) == (1, expected), result.stderr
    assert not (tmp_path / "out").exists()


def test_a_danish_user_hears_why_a_foreign_pdf_is_kept(deck: Path, tmp_path: Path, danish: None) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "deck.pdf").write_bytes(b"%PDF-1.7 the user's own")
    result = CliRunner().invoke(main, ["build", "--pdf"])
    assert (result.exit_code, result.stderr) == (1, NOT_OURS_DA)
    assert (tmp_path / "out" / "deck.pdf").read_bytes() == b"%PDF-1.7 the user's own"
