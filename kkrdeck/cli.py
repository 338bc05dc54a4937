"""The command line: parses arguments, calls one library function, turns domain errors into messages and exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, NoReturn, TypeVar

import click

from kkrdeck import __version__
from kkrdeck.click_words import bind as _speak_the_users_language
from kkrdeck.progress import Progress

T = TypeVar("T")
_speak_the_users_language()  # click's own words ("Usage:", "Error: …") from kkrdeck's catalog

EXIT_BAD_INPUT = 1
EXIT_INTERNAL = 70  # sysexits' EX_SOFTWARE: a bug in kkrdeck, not a problem with the input


class Ui:
    """Where messages go: results on stdout, everything else on stderr, respecting -q and -v."""

    def __init__(self, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet, self.verbose = quiet, verbose

    def result(self, text: str) -> None:
        click.echo(text)

    def say(self, text: str) -> None:
        if not self.quiet:
            click.echo(_printable(text), err=True)

    def problem(self, text: str) -> None:
        click.echo(_printable(text), err=True)


def _ui() -> Ui:
    ctx = click.get_current_context()
    return ctx.find_object(Ui) or Ui()


def _printable(text: str) -> str:
    """Control characters (from a YAML escape such as "\\e[2J") shown as escapes, never sent to the terminal."""
    import unicodedata

    return "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)


def _fail(lines: list[str], code: int = EXIT_BAD_INPUT) -> NoReturn:
    for line in lines:
        click.echo(_printable(line), err=True)
    sys.exit(code)


def _run(action: Callable[[], None]) -> None:
    """Run a command body; kkrdeck's own errors become their messages and exit code 1, never a traceback."""
    from kkrdeck.errors import KkrdeckError
    from kkrdeck.paths import Stopped, stop_on_signals

    try:
        with stop_on_signals():  # SIGTERM/SIGHUP unwind like Ctrl+C: no temporary file or LibreOffice left behind
            action()
    except KkrdeckError as exc:
        _fail(exc.lines())
    except Stopped as exc:
        _fail(["kkrdeck: stopped"], 128 + exc.signum)
    except KeyboardInterrupt:
        _fail(["kkrdeck: stopped"])
    except (SystemExit, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # a bug: say so plainly; the traceback only with -v
        import traceback

        lines = [f"kkrdeck: internal error ({type(exc).__name__}: {exc}) — this is a bug in kkrdeck, not a mistake "
                 "in your deck; please report it together with the deck (-v shows the details)"]
        if _ui().verbose:
            lines = traceback.format_exc().splitlines() + lines
        _fail(lines, EXIT_INTERNAL)


def _verbosity(command: Callable) -> Callable:
    """-q/-v after the command name too (`kkrdeck build -q`), not only before it."""

    def set_flag(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            ui = ctx.find_object(Ui)
            if ui is not None:
                setattr(ui, param.name or "", True)

    command = click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=set_flag,
                           help="More detail.")(command)
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=set_flag,
                        help="Only errors.")(command)


# readable=False: an unreadable file is bad input that kkrdeck's own readers report (exit 1), not a usage error
template_option = click.option("--template", type=click.Path(path_type=Path, dir_okay=False, readable=False),
                               metavar="PATH",
                               help="Build on an organisation's template (.pptx or .potx) instead of the brand's "
                                    "design.")
variant_option = click.option("--variant", "variants", multiple=True, metavar="NAME",
                              help="With 'variants:' in the deck, only this variant (repeat for more; default: all).")
deck_argument = click.argument("deck", type=click.Path(path_type=Path, dir_okay=False, readable=False),
                               default="deck.yaml",
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
@_verbosity
@deck_argument
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Where to write the .pptx "
              "(default: out/<deck name>.pptx next to the deck).")
@click.option("--pdf", is_flag=True, help="Also write an accessible (tagged) PDF next to the .pptx (needs "
              "LibreOffice).")
@click.option("--handout", is_flag=True, help="Also write <name>-handout.pdf: every slide with its speaker notes "
              "(needs LibreOffice).")
@variant_option
@click.option("--allow-outside", is_flag=True, help="Let the deck use files outside its own and its brand's folder.")
@template_option
def build(deck: Path, output: Path | None, pdf: bool, handout: bool, variants: tuple[str, ...], allow_outside: bool,
          template: Path | None) -> None:
    """Build DECK (default: deck.yaml) into a .pptx; with 'variants:' one .pptx per variant."""
    ui = _ui()

    def action() -> None:
        from kkrdeck.build_variants import build_every

        with _progress() as progress:
            builds = _usage_on_bad_variant(lambda: build_every(deck, output, allow_outside, template, pdf, handout,
                                                               variants, progress))
        shown: set[str] = set()
        for one in builds:
            for notice in one.result.notices:
                if str(notice) not in shown:  # a notice the variants share, once
                    shown.add(str(notice))
                    ui.say(str(notice))
        for one in builds:
            result = one.result
            for path in (result.pdf, result.handout):
                if path is not None:
                    ui.result(_shown(path))
            ui.result(_shown(result.output))
            count = len(result.plan.slides)
            which = f"variant {one.name}: " if one.name else ""
            ui.say(f"{which}{count} slide{'' if count == 1 else 's'}, {result.size / 1024:.0f} KB")

    _run(action)


def _usage_on_bad_variant(action: Callable[[], T]) -> T:
    """--variant naming a variant the deck lacks is a usage error (exit 2), like any bad option value."""
    from kkrdeck.outline.load_variants import VariantChoiceError

    try:
        return action()
    except VariantChoiceError as exc:
        raise click.BadParameter(exc.message, param_hint="'--variant'") from None


@main.command()
@_verbosity
@deck_argument
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--allow-outside", is_flag=True, help="Let the deck use files outside its own and its brand's folder.")
@template_option
def check(deck: Path, strict: bool, allow_outside: bool, template: Path | None) -> None:
    """Validate and measure DECK without writing anything."""
    ui = _ui()

    def action() -> None:
        from kkrdeck.check import check_deck

        report = check_deck(deck, allow_outside, template)
        for problem in report.problems:
            ui.problem(_printable(str(problem)))
        ui.result(report.summary(strict))
        if report.failed(strict):
            sys.exit(EXIT_BAD_INPUT)

    _run(action)


@main.command()
@_verbosity
@click.argument("template", type=click.Path(path_type=Path, dir_okay=False, readable=False))
@click.option("--brand", type=click.Path(path_type=Path, dir_okay=False, readable=False), metavar="BRAND",
              help="Apply the 'layouts:' choices of this brand file.")
def layouts(template: Path, brand: Path | None) -> None:
    """Show the layouts of TEMPLATE (.pptx/.potx) and which slide kind uses which."""

    def action() -> None:
        from kkrdeck.layouts import layouts_report

        click.echo(layouts_report(template, brand), nl=False)

    _run(action)


@main.command()
@_verbosity
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of deck.yaml, for editor completion and checking."""
    from kkrdeck.outline.schema import schema_json

    click.echo(schema_json())


@main.command()
@_verbosity
@click.argument("folder", type=click.Path(path_type=Path))
def new(folder: Path) -> None:
    """Start a deck in FOLDER: a commented deck.yaml, the brand, logo and fonts, ready to build."""
    ui = _ui()

    def action() -> None:
        from kkrdeck.new import create_deck

        created = create_deck(folder)
        ui.result(_shown(created.deck))
        ui.say(f"next: edit {_shown(created.deck)}, then run 'kkrdeck build {_shown(created.deck)}'")

    _run(action)


@main.command("import")
@_verbosity
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", "folder", type=click.Path(path_type=Path, file_okay=False), metavar="FOLDER",
              help="The deck folder to write (default: a folder named after SOURCE).")
@click.option("--keep-template", is_flag=True, help="Also keep SOURCE's masters and layouts as FOLDER/template.potx, "
              "so the rebuilt deck keeps its look.")
def import_(source: Path, folder: Path | None, keep_template: bool) -> None:
    """Turn an existing PowerPoint deck (.pptx) into a deck folder: deck.yaml, its pictures and a brand."""
    ui = _ui()

    def action() -> None:
        from kkrdeck.import_deck import import_deck

        result = import_deck(source, folder, keep_template)
        for problem in result.problems:
            ui.say(str(problem))
        ui.result(_shown(result.deck))
        ui.say(f"{result.slides_in} slides in, {result.slides_out} outline slides out, {result.pictures} pictures; "
               f"next: kkrdeck check {_shown(result.deck)}")

    _run(action)


def _progress() -> Progress:
    """A progress line on stderr for work that takes seconds; silent with -q and when stderr is not a terminal."""
    return Progress(sys.stderr, enabled=False if _ui().quiet else None)


@main.command()
@_verbosity
@deck_argument
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, dir_okay=True, file_okay=False),
              metavar="DIR", help="Folder for the pictures (default: out/preview/ next to the deck).")
@click.option("--variant", metavar="NAME", help="With 'variants:' in the deck, the variant to draw (default: the "
              "first).")
@click.option("--allow-outside", is_flag=True, help="Let the deck use files outside its own and its brand's folder.")
@template_option
def preview(deck: Path, out_dir: Path | None, variant: str | None, allow_outside: bool,
            template: Path | None) -> None:
    """PNG of every slide plus a contact sheet.

    LibreOffice draws slide-01.png, slide-02.png, … and contact-sheet.png into DIR; the contact sheet's
    path and the folder are printed.
    """
    ui = _ui()

    def action() -> None:
        from kkrdeck.export.preview import preview as render

        with _progress() as progress:
            result = _usage_on_bad_variant(lambda: render(deck, out_dir, allow_outside=allow_outside,
                                                          template=template, progress=progress, variant=variant))
        ui.result(_shown(result.contact_sheet))
        ui.result(_shown(result.folder))
        ui.say(f"{len(result.slides)} slide pictures and the contact sheet are in {_shown(result.folder)}")

    _run(action)


@main.command()
@_verbosity
@deck_argument
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Where to write the .pptx "
              "(default: out/<deck name>.pptx next to the deck).")
@click.option("--preview", "with_preview", is_flag=True,
              help="Also re-render the slide pictures and contact sheet in out/preview/ (needs LibreOffice).")
@click.option("--allow-outside", is_flag=True, help="Let the deck use files outside its own and its brand's folder.")
@template_option
def watch(deck: Path, output: Path | None, with_preview: bool, allow_outside: bool, template: Path | None) -> None:
    """Rebuild DECK on every save of it or a file it uses.

    Watches the deck, its brand, logo, fonts, images and template. Prints one line per rebuild; a
    problem in the outline is printed and watching goes on. Ctrl+C stops.
    """
    ui = _ui()

    def action() -> None:
        import time

        from kkrdeck.errors import KkrdeckError
        from kkrdeck.watch import Rebuild, Watcher

        progress = _progress()
        shown_notices: set[str] = set()
        office: list[int] = []
        announced: list[bool] = []

        def on_rebuild(r: Rebuild) -> None:
            progress.clear()
            notices = {str(n) for n in r.notices}
            for notice in r.notices:  # each warning once, not on every save
                if str(notice) not in shown_notices:
                    ui.say(_printable(str(notice)))
            shown_notices.clear()
            shown_notices.update(notices)
            why = f"{_changed(r.changed, deck)} changed: rebuilt" if r.changed else "built"
            line = f"{time.strftime('%H:%M:%S')} {why} {_shown(r.output)} ({r.slides} slides) in {_took(r.seconds)}"
            if r.preview is not None and r.preview_seconds is not None:
                which = _redrawn(r.preview.slides, r.preview.redrawn) if r.changed else ""
                line += f", pictures in {_took(r.preview_seconds)}{which}: {_shown(r.preview.contact_sheet)}"
            ui.say(line)
            if r.renderer_pid is not None and r.renderer_pid not in office:
                office.append(r.renderer_pid)
                if ui.verbose:
                    ui.say(f"LibreOffice is kept running for the pictures (process {r.renderer_pid})")
            announce()

        def on_error(exc: BaseException) -> None:
            progress.clear()
            if isinstance(exc, KkrdeckError):
                for line in exc.lines():
                    ui.problem(_printable(line))
            else:
                ui.problem(f"kkrdeck: internal error ({type(exc).__name__}: {exc}) — this is a bug in kkrdeck; "
                           "please report it together with the deck")
            ui.problem(f"{time.strftime('%H:%M:%S')} not rebuilt — fix the problem above and save again; "
                       "still watching")
            announce()

        def announce() -> None:
            if not announced:
                announced.append(True)
                others = len(watcher.files) - 1
                ui.say(f"watching {_shown(deck)} and {others} file{'s' if others != 1 else ''} it uses; "
                       "press Ctrl+C to stop")

        watcher = Watcher(deck, output, preview=with_preview, allow_outside=allow_outside, template=template,
                          on_rebuild=on_rebuild, on_error=on_error, progress=progress)
        try:
            watcher.run()
        except KeyboardInterrupt:
            progress.clear()
            ui.say("stopped watching")
        finally:
            progress.clear()

    _run(action)


def _changed(paths: tuple[Path, ...], deck: Path) -> str:
    names = [p.name for p in paths] or [deck.name]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _redrawn(slides: tuple[Path, ...], redrawn: tuple[Path, ...]) -> str:
    """Which slide pictures a rebuild changed, when not all of them: where to look on the contact sheet."""
    if len(redrawn) == len(slides):
        return ""
    numbers = [str(slides.index(p) + 1) for p in redrawn]
    if not numbers:
        return " (no slide looks different)"
    return f" (slide{'s' if len(numbers) > 1 else ''} {', '.join(numbers)} changed)"


def _took(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _shown(path: Path) -> str:
    from kkrdeck.errors import display_path

    return display_path(path)
