"""The command line: parses arguments, calls one library function, turns domain errors into messages and exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, NoReturn, TypeVar

import click

from kkrdeck import __version__
from kkrdeck.click_words import Group
from kkrdeck.click_words import bind as _speak_the_users_language
from kkrdeck.i18n import N_, _, ngettext
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
        _fail([_("kkrdeck: stopped")], 128 + exc.signum)
    except KeyboardInterrupt:
        _fail([_("kkrdeck: stopped")])
    except (SystemExit, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # a bug: say so plainly; the traceback only with -v
        import traceback

        lines = [_("kkrdeck: internal error ({kind}: {error}) — this is a bug in kkrdeck, not a mistake "
                   "in your deck; please report it together with the deck (-v shows the details)").format(
                     kind=type(exc).__name__, error=exc)]
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
                           help=N_("More detail."))(command)
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=set_flag,
                        help=N_("Only errors."))(command)


# readable=False: an unreadable file is bad input that kkrdeck's own readers report (exit 1), not a usage error
template_option = click.option("--template", type=click.Path(path_type=Path, dir_okay=False, readable=False),
                               metavar="PATH",
                               help=N_("Build on an organisation's template (.pptx or .potx) instead of the "
                                       "brand's design."))
variant_option = click.option("--variant", "variants", multiple=True, metavar="NAME",
                              help=N_("With 'variants:' in the deck, only this variant (repeat for more; "
                                      "default: all)."))
deck_argument = click.argument("deck", type=click.Path(path_type=Path, dir_okay=False, readable=False),
                               default="deck.yaml",
                               required=False)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("Turn a YAML outline (deck.yaml) into a branded, native PowerPoint file."))
@click.version_option(__version__, prog_name="kkrdeck", help=N_("Show the version and exit."))
@click.option("-q", "--quiet", is_flag=True, help=N_("Only errors."))
@click.option("-v", "--verbose", is_flag=True, help=N_("More detail."))
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    ctx.obj = Ui(quiet, verbose)


@main.command(help=N_("Build DECK (default: deck.yaml) into a .pptx; with 'variants:' one .pptx per variant."))
@_verbosity
@deck_argument
@click.option("-o", "--output", type=click.Path(path_type=Path), help=N_("Where to write the .pptx "
              "(default: out/<deck name>.pptx next to the deck)."))
@click.option("--pdf", is_flag=True, help=N_("Also write an accessible (tagged) PDF next to the .pptx (needs "
              "LibreOffice)."))
@click.option("--handout", is_flag=True, help=N_("Also write <name>-handout.pdf: every slide with its speaker notes "
              "(needs LibreOffice)."))
@variant_option
@click.option("--allow-outside", is_flag=True, help=N_("Let the deck use files outside its own and its brand's "
                                                     "folder."))
@template_option
def build(deck: Path, output: Path | None, pdf: bool, handout: bool, variants: tuple[str, ...], allow_outside: bool,
          template: Path | None) -> None:
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
            which = _("variant {name}: ").format(name=one.name) if one.name else ""
            ui.say(which + ngettext("{count} slide, {size} KB", "{count} slides, {size} KB", count).format(
                count=count, size=f"{result.size / 1024:.0f}"))

    _run(action)


def _usage_on_bad_variant(action: Callable[[], T]) -> T:
    """--variant naming a variant the deck lacks is a usage error (exit 2), like any bad option value."""
    from kkrdeck.outline.load_variants import VariantChoiceError

    try:
        return action()
    except VariantChoiceError as exc:
        raise click.BadParameter(exc.message, param_hint="'--variant'") from None


@main.command(help=N_("Validate and measure DECK without writing anything."))
@_verbosity
@deck_argument
@click.option("--strict", is_flag=True, help=N_("Fail on warnings too."))
@click.option("--allow-outside", is_flag=True, help=N_("Let the deck use files outside its own and its brand's "
                                                     "folder."))
@template_option
def check(deck: Path, strict: bool, allow_outside: bool, template: Path | None) -> None:
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


@main.command(help=N_("Show the layouts of TEMPLATE (.pptx/.potx) and which slide kind uses which."))
@_verbosity
@click.argument("template", type=click.Path(path_type=Path, dir_okay=False, readable=False))
@click.option("--brand", type=click.Path(path_type=Path, dir_okay=False, readable=False), metavar="BRAND",
              help=N_("Apply the 'layouts:' choices of this brand file."))
def layouts(template: Path, brand: Path | None) -> None:

    def action() -> None:
        from kkrdeck.layouts import layouts_report

        click.echo(layouts_report(template, brand), nl=False)

    _run(action)


@main.command(help=N_("Print the JSON Schema (draft 2020-12) of deck.yaml, for editor completion and checking."))
@_verbosity
def schema() -> None:
    from kkrdeck.outline.schema import schema_json

    click.echo(schema_json())


@main.command(help=N_("Start a deck in FOLDER: a commented deck.yaml, the brand, logo and fonts, ready to build."))
@_verbosity
@click.argument("folder", type=click.Path(path_type=Path))
def new(folder: Path) -> None:
    ui = _ui()

    def action() -> None:
        from kkrdeck.new import create_deck

        created = create_deck(folder)
        ui.result(_shown(created.deck))
        ui.say(_("next: edit {deck}, then run 'kkrdeck build {deck}'").format(deck=_shown(created.deck)))

    _run(action)


@main.command("import", help=N_("Turn an existing PowerPoint deck (.pptx) into a deck folder: deck.yaml, its pictures "
                                "and a brand."))
@_verbosity
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", "folder", type=click.Path(path_type=Path, file_okay=False), metavar="FOLDER",
              help=N_("The deck folder to write (default: a folder named after SOURCE)."))
@click.option("--keep-template", is_flag=True, help=N_("Also keep SOURCE's masters and layouts as "
                                                     "FOLDER/template.potx, "
              "so the rebuilt deck keeps its look."))
def import_(source: Path, folder: Path | None, keep_template: bool) -> None:
    ui = _ui()

    def action() -> None:
        from kkrdeck.import_deck import import_deck

        result = import_deck(source, folder, keep_template)
        for problem in result.problems:
            ui.say(str(problem))
        ui.result(_shown(result.deck))
        ui.say(_("{slides_in} slides in, {slides_out} outline slides out, {pictures} pictures; "
                 "next: kkrdeck check {deck}").format(slides_in=result.slides_in, slides_out=result.slides_out,
                                                      pictures=result.pictures, deck=_shown(result.deck)))

    _run(action)


def _progress() -> Progress:
    """A progress line on stderr for work that takes seconds; silent with -q and when stderr is not a terminal."""
    return Progress(sys.stderr, enabled=False if _ui().quiet else None)


@main.command(help=N_("PNG of every slide plus a contact sheet.\n\n"
                     "LibreOffice draws slide-01.png, slide-02.png, … and contact-sheet.png into DIR; the contact "
                     "sheet's path and the folder are printed."))
@_verbosity
@deck_argument
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, dir_okay=True, file_okay=False),
              metavar="DIR", help=N_("Folder for the pictures (default: out/preview/ next to the deck)."))
@click.option("--variant", metavar="NAME", help=N_("With 'variants:' in the deck, the variant to draw (default: the "
              "first)."))
@click.option("--allow-outside", is_flag=True, help=N_("Let the deck use files outside its own and its brand's "
                                                     "folder."))
@template_option
def preview(deck: Path, out_dir: Path | None, variant: str | None, allow_outside: bool,
            template: Path | None) -> None:
    ui = _ui()

    def action() -> None:
        from kkrdeck.export.preview import preview as render

        with _progress() as progress:
            result = _usage_on_bad_variant(lambda: render(deck, out_dir, allow_outside=allow_outside,
                                                          template=template, progress=progress, variant=variant))
        ui.result(_shown(result.contact_sheet))
        ui.result(_shown(result.folder))
        ui.say(ngettext("{count} slide picture and the contact sheet are in {folder}",
                        "{count} slide pictures and the contact sheet are in {folder}", len(result.slides)).format(
            count=len(result.slides), folder=_shown(result.folder)))

    _run(action)


@main.command(help=N_("Rebuild DECK on every save of it or a file it uses.\n\n"
                     "Watches the deck, its brand, logo, fonts, images and template. Prints one line per rebuild; a "
                     "problem in the outline is printed and watching goes on. Ctrl+C stops."))
@_verbosity
@deck_argument
@click.option("-o", "--output", type=click.Path(path_type=Path), help=N_("Where to write the .pptx "
              "(default: out/<deck name>.pptx next to the deck)."))
@click.option("--preview", "with_preview", is_flag=True,
              help=N_("Also re-render the slide pictures and contact sheet in out/preview/ (needs LibreOffice)."))
@click.option("--allow-outside", is_flag=True, help=N_("Let the deck use files outside its own and its brand's "
                                                     "folder."))
@template_option
def watch(deck: Path, output: Path | None, with_preview: bool, allow_outside: bool, template: Path | None) -> None:
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
            why = _("{files} changed: rebuilt").format(files=_changed(r.changed, deck)) if r.changed else _("built")
            line = ngettext("{time} {why} {output} ({slides} slide) in {took}",
                            "{time} {why} {output} ({slides} slides) in {took}", r.slides).format(
                time=time.strftime('%H:%M:%S'), why=why, output=_shown(r.output), slides=r.slides,
                took=_took(r.seconds))
            if r.preview is not None and r.preview_seconds is not None:
                which = _redrawn(r.preview.slides, r.preview.redrawn) if r.changed else ""
                line += _(", pictures in {took}{which}: {sheet}").format(
                    took=_took(r.preview_seconds), which=which, sheet=_shown(r.preview.contact_sheet))
            ui.say(line)
            if r.renderer_pid is not None and r.renderer_pid not in office:
                office.append(r.renderer_pid)
                if ui.verbose:
                    ui.say(_("LibreOffice is kept running for the pictures (process {pid})").format(
                        pid=r.renderer_pid))
            announce()

        def on_error(exc: BaseException) -> None:
            progress.clear()
            if isinstance(exc, KkrdeckError):
                for line in exc.lines():
                    ui.problem(_printable(line))
            else:
                ui.problem(_("kkrdeck: internal error ({kind}: {error}) — this is a bug in kkrdeck; "
                             "please report it together with the deck").format(kind=type(exc).__name__, error=exc))
            ui.problem(_("{time} not rebuilt — fix the problem above and save again; "
                         "still watching").format(time=time.strftime('%H:%M:%S')))
            announce()

        def announce() -> None:
            if not announced:
                announced.append(True)
                others = len(watcher.files) - 1
                ui.say(ngettext("watching {deck} and {others} file it uses; press Ctrl+C to stop",
                                "watching {deck} and {others} files it uses; press Ctrl+C to stop", others).format(
                    deck=_shown(deck), others=others))

        watcher = Watcher(deck, output, preview=with_preview, allow_outside=allow_outside, template=template,
                          on_rebuild=on_rebuild, on_error=on_error, progress=progress)
        try:
            watcher.run()
        except KeyboardInterrupt:
            progress.clear()
            ui.say(_("stopped watching"))
        finally:
            progress.clear()

    _run(action)


def _changed(paths: tuple[Path, ...], deck: Path) -> str:
    names = [p.name for p in paths] or [deck.name]
    return ", ".join(names[:3]) + (_(" and {count} more").format(count=len(names) - 3) if len(names) > 3 else "")


def _redrawn(slides: tuple[Path, ...], redrawn: tuple[Path, ...]) -> str:
    """Which slide pictures a rebuild changed, when not all of them: where to look on the contact sheet."""
    if len(redrawn) == len(slides):
        return ""
    numbers = [str(slides.index(p) + 1) for p in redrawn]
    if not numbers:
        return _(" (no slide looks different)")
    return ngettext(" (slide {numbers} changed)", " (slides {numbers} changed)", len(numbers)).format(
        numbers=", ".join(numbers))


def _took(seconds: float) -> str:
    from kkrdeck.i18n import language_of_catalog

    text = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
    return text.replace(".", ",") if language_of_catalog() == "da" else text  # Danish writes 0,45 s


def _shown(path: Path) -> str:
    from kkrdeck.errors import display_path

    return display_path(path)
