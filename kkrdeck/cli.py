"""The command line: parses arguments, calls one library function, turns domain errors into messages and exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, NoReturn

import click

from kkrdeck import __version__

EXIT_BAD_INPUT = 1


class Ui:
    """Where messages go: results on stdout, everything else on stderr, respecting -q and -v."""

    def __init__(self, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet, self.verbose = quiet, verbose

    def result(self, text: str) -> None:
        click.echo(text)

    def say(self, text: str) -> None:
        if not self.quiet:
            click.echo(text, err=True)

    def problem(self, text: str) -> None:
        click.echo(text, err=True)


def _ui() -> Ui:
    ctx = click.get_current_context()
    return ctx.find_object(Ui) or Ui()


def _fail(lines: list[str]) -> NoReturn:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(EXIT_BAD_INPUT)


def _run(action: Callable[[], None]) -> None:
    """Run a command body; kkrdeck's own errors become their messages and exit code 1, never a traceback."""
    from kkrdeck.errors import KkrdeckError

    try:
        action()
    except KkrdeckError as exc:
        _fail(exc.lines())
    except KeyboardInterrupt:
        _fail(["kkrdeck: stopped"])


deck_argument = click.argument("deck", type=click.Path(path_type=Path, dir_okay=False), default="deck.yaml",
                               required=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kkrdeck")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.option("-v", "--verbose", is_flag=True, help="More detail.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Turn a YAML outline (deck.yaml) into a branded, native PowerPoint file."""
    ctx.obj = Ui(quiet, verbose)


@main.command()
@deck_argument
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Where to write the .pptx "
              "(default: out/<deck name>.pptx next to the deck).")
@click.option("--pdf", is_flag=True, help="Also write a PDF next to the .pptx (needs LibreOffice).")
@click.option("--allow-outside", is_flag=True, help="Let the deck use files outside its own and its brand's folder.")
def build(deck: Path, output: Path | None, pdf: bool, allow_outside: bool) -> None:
    """Build DECK (default: deck.yaml) into a .pptx."""
    ui = _ui()

    def action() -> None:
        from kkrdeck.build import build as build_deck

        result = build_deck(deck, output, allow_outside)
        for notice in result.notices:
            ui.say(str(notice))
        if pdf:
            from kkrdeck.export import pptx_to_pdf

            ui.say(f"rendering {len(result.plan.slides)} slides to PDF with LibreOffice …")
            target = pptx_to_pdf(result.output, result.output.with_suffix(".pdf"),
                                 expected_pages=len(result.plan.slides))
            ui.result(_shown(target))
        ui.result(_shown(result.output))
        ui.say(f"{len(result.plan.slides)} slides, {result.size / 1024:.0f} KB")

    _run(action)


@main.command()
@deck_argument
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--allow-outside", is_flag=True, help="Let the deck use files outside its own and its brand's folder.")
def check(deck: Path, strict: bool, allow_outside: bool) -> None:
    """Validate and measure DECK without writing anything."""
    ui = _ui()

    def action() -> None:
        from kkrdeck.checks import check_deck

        report = check_deck(deck, allow_outside)
        for problem in report.problems:
            ui.problem(str(problem))
        ui.result(report.summary())
        if report.errors or (strict and report.warnings):
            sys.exit(EXIT_BAD_INPUT)

    _run(action)


@main.command()
def schema() -> None:
    """Print the JSON Schema of deck.yaml (for editor completion)."""
    from kkrdeck.schema import schema_json

    click.echo(schema_json())


def _shown(path: Path) -> str:
    from kkrdeck.errors import display_path

    return display_path(path)
