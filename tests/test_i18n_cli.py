"""The command line in Danish: --help of every command and option, progress and summary lines, watch's reports."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kkrdeck import i18n
from kkrdeck.cli import main
from tests.conftest import ROOT, write_deck

GOOD = "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n"
COMMANDS = [()] + [(name,) for name in sorted(main.commands)]


def _help(args: tuple[str, ...]):
    return CliRunner().invoke(main, [*args, "--help"], prog_name="kkrdeck")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _unwrapped(text: str) -> str:
    """Without any whitespace: click's wrapping breaks lines at spaces and after hyphens ('.pptx-' / 'fil')."""
    return "".join(text.split())


def _english_sentences(args: tuple[str, ...]) -> list[str]:
    """The sentences (and ';'-parts) of the help of the command and its options, as kkrdeck's source spells them."""
    command: click.Command = main
    ctx = click.Context(main, info_name="kkrdeck")
    for name in args:
        command = main.commands[name]
        ctx = click.Context(command, info_name=name, parent=ctx)
    texts = [command.help or ""] + [p.help or "" for p in command.get_params(ctx) if isinstance(p, click.Option)]
    parts = [part for text in texts for part in re.split(r"(?<=[.;:])\s+", _flat(inspect.cleandoc(text)))]
    return [part for part in parts if len(re.findall(r"[A-Za-z]{2,}", part)) >= 3]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "kkrdeck")
def test_help_of_every_command_has_no_english_sentence_under_a_danish_locale(
        args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    english = _help(args)
    sentences = _english_sentences(args)
    assert len(sentences) >= 2
    assert all(_unwrapped(s) in _unwrapped(english.stdout) for s in sentences)  # the comparison would find them
    for variable in ("KKRDECK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    i18n.reset()  # kkrdeck.cli was imported in English: the help must follow the language when it is shown
    danish = _help(args)
    assert danish.exit_code == english.exit_code == 0
    shown = _unwrapped(danish.stdout)
    assert [s for s in sentences if _unwrapped(s) in shown] == []
    shown = _flat(danish.stdout)
    assert shown.startswith("Brug: kkrdeck") and "Tilvalg:" in shown and "Vis denne hjælp, og afslut." in shown


def test_a_process_started_under_a_danish_locale_shows_danish_help() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("KKRDECK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG="da_DK.UTF-8", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "kkrdeck", "build", "--help"], capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode == 0
    assert "Byg DECK (standard: deck.yaml) til en .pptx-fil; med 'variants:' én .pptx-fil for hver variant."\
        .replace(" ", "") in _unwrapped(done.stdout)
    assert "Vis kun fejl." in done.stdout


def test_the_commands_short_help_is_danish(danish: None) -> None:
    shown = _help(()).stdout
    assert "Kommandoer:" in shown
    assert "  watch    Byg DECK igen, hver gang du gemmer den eller en fil, den bruger." in shown.splitlines()


def test_new_and_build_report_in_danish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, danish: None) -> None:
    monkeypatch.chdir(tmp_path)
    made = CliRunner().invoke(main, ["new", "talk"], prog_name="kkrdeck")
    assert made.exit_code == 0
    assert made.stderr.splitlines()[-1] == ("næste skridt: ret talk/deck.yaml, og kør derefter "
                                           "'kkrdeck build talk/deck.yaml'")
    deck = write_deck(tmp_path, GOOD)
    built = CliRunner().invoke(main, ["build", str(deck)], prog_name="kkrdeck")
    assert built.exit_code == 0
    assert re.fullmatch(r"1 dias, \d+ KB", built.stderr.splitlines()[-1])


def test_watch_reports_in_danish(danish: None) -> None:
    from kkrdeck.cli import _changed, _redrawn, _took

    names = tuple(Path(n) for n in ("a.png", "b.png", "c.png", "d.png", "e.png"))
    assert _changed(names, Path("deck.yaml")) == "a.png, b.png, c.png og 2 til"
    slides = tuple(Path(f"slide-{n:02}.png") for n in range(1, 5))
    assert _redrawn(slides, slides[1:2]) == " (dias 2 er ændret)"
    assert _redrawn(slides, slides[1:3]) == " (dias 2, 3 er ændret)"
    assert _redrawn(slides, ()) == " (intet dias ser anderledes ud)"
    assert (_took(0.4561), _took(2.5)) == ("456 ms", "2,50 s")
    assert i18n.ngettext("watching {deck} and {others} file it uses; press Ctrl+C to stop",
                         "watching {deck} and {others} files it uses; press Ctrl+C to stop", 3).format(
        deck="deck.yaml", others=3) == "holder øje med deck.yaml og 3 filer, den bruger; tryk Ctrl+C for at stoppe"


def test_watch_reports_in_english() -> None:
    from kkrdeck.cli import _changed, _redrawn, _took

    names = tuple(Path(n) for n in ("a.png", "b.png", "c.png", "d.png", "e.png"))
    assert _changed(names, Path("deck.yaml")) == "a.png, b.png, c.png and 2 more"
    slides = tuple(Path(f"slide-{n:02}.png") for n in range(1, 5))
    assert _redrawn(slides, slides[1:3]) == " (slides 2, 3 changed)"
    assert _redrawn(slides, slides[1:2]) == " (slide 2 changed)"
    assert (_took(0.4561), _took(2.5)) == ("456 ms", "2.50 s")
