"""`kkrdeck check` and `kkrdeck build` agree: the same exit code and the same problems for the same deck."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from tests.conftest import ROOT, write_deck
from tests.data.templates import make

SHARED_TEMPLATES = ROOT / "tests" / "data" / "templates" / "real"  # made in PowerPoint by others
TWO_COLUMN = ("title: T\nslides:\n  - kind: bullets\n    title: A\n    bullets: [a]\n"
              "  - kind: two-column\n    title: B\n    left:\n      bullets: [x]\n    right:\n      bullets: [y]\n")
TOO_LONG = ("title: T\nslides:\n  - kind: bullets\n    title: Mange punkter\n    overflow: error\n    bullets:\n"
            + "".join(f"      - Punkt {i} med en ret lang tekst, der fylder godt op og kræver plads\n" for i in range(16)))
LONG = TOO_LONG.replace("    overflow: error\n", "")
SUMMARY = re.compile(r"^\d+ slides?, \d+ KB$")


def _templates(folder: Path) -> dict[str, Path | None]:
    found: dict[str, Path | None] = {"brand": None, "python-pptx": make.python_pptx_default(),
                                     "danish": make.danish_potx(folder), "no-two-content": make.without_two_content(folder)}
    for path in sorted(SHARED_TEMPLATES.glob("*.p*tx")):
        found[path.name] = path
    return found


def _run(folder: Path, args: list[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(folder)
    return CliRunner().invoke(main, args, prog_name="kkrdeck")


DECKS = {"default": None, "two-column": TWO_COLUMN, "continued": LONG, "too-long": TOO_LONG}
TEMPLATE_NAMES = ["brand", "python-pptx", "danish", "no-two-content"] + sorted(
    p.name for p in SHARED_TEMPLATES.glob("*.p*tx"))
assert len(TEMPLATE_NAMES) >= 7, "the real templates in tests/data/templates/real are missing"


@pytest.mark.parametrize("template_name", TEMPLATE_NAMES)
@pytest.mark.parametrize("deck_name", list(DECKS))
def test_check_says_ready_exactly_when_build_builds_and_both_name_the_same_problems(
        deck_name: str, template_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = _templates(tmp_path / "templates")[template_name]
    body = DECKS[deck_name]
    deck = write_deck(tmp_path, body if body is not None else (ROOT / "deck.yaml").read_text(encoding="utf-8"))
    extra = ["--template", str(template)] if template is not None else []
    checked = _run(tmp_path, ["check", deck.name, *extra], monkeypatch)
    built = _run(tmp_path, ["build", deck.name, "-o", "out/deck.pptx", *extra], monkeypatch)
    assert isinstance(checked.exception, SystemExit) or checked.exception is None, checked.exception
    assert isinstance(built.exception, SystemExit) or built.exception is None, built.exception
    assert (checked.exit_code, template_name, deck_name) == (built.exit_code, template_name, deck_name), \
        (checked.stderr, checked.stdout, built.stderr)
    assert checked.exit_code in (0, 1)
    built_lines = [line for line in built.stderr.splitlines() if not SUMMARY.match(line)]
    assert sorted(checked.stderr.splitlines()) == sorted(built_lines)
    if checked.exit_code == 0:
        assert checked.stdout.endswith("ready to build\n")
        assert (tmp_path / "out" / "deck.pptx").is_file()
    else:
        assert re.search(r"fix the errors?, then check again\n$", checked.stdout)
        assert not (tmp_path / "out").exists()


def test_a_missing_two_content_layout_passes_check_as_it_builds(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Two-column slides are drawn in text boxes on a template without a two-content layout: nothing to fix."""
    template = make.without_two_content(tmp_path)
    write_deck(tmp_path, TWO_COLUMN)
    result = _run(tmp_path, ["check", "--template", str(template)], monkeypatch)
    assert result.exit_code == 0
    assert "two-column" not in result.stderr and "layout" not in result.stderr
    assert result.stdout.endswith("ready to build\n")
