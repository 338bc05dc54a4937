"""`kkrdeck new`: a ready-to-edit deck folder — a commented deck.yaml, the brand and its assets, the schema."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from kkrdeck.errors import KkrdeckError, display_path
from kkrdeck.i18n import N_, _
from kkrdeck.outline.resources import BUNDLED

# The brand and what it names, copied from kkrdeck's own assets (the fonts' licence travels with them).
ASSET_FILES = ("brand.yaml", "logo.png", "fonts/Carlito-Regular.ttf", "fonts/Carlito-Bold.ttf",
               "fonts/Carlito-Italic.ttf", "fonts/Carlito-BoldItalic.ttf", "fonts/Carlito-LICENSE.txt")
SCHEMA_FILE = "kkrdeck.schema.json"
# The comments of assets/brand.yaml, each replaced whole where it stands, so the brand's YAML is copied untouched.
BRAND_COMMENTS = (
    N_("kkrdeck brand: the default KKR design. Colours go into the theme, fonts into its font scheme."),
    N_("navy: titles, title slide, timeline"),
    N_("teal: section slides, title rule, links"),
    N_("cards and panels"),
    N_("the files text is measured with (Carlito has Calibri's metrics)"),
)

# One message, translated whole: a translator sees each comment beside the YAML it explains, and the YAML
# (keys, values, layout, {placeholders}) is kept by copying it, not by reassembling the deck line by line.
DECK_TEMPLATE = N_("""\
# yaml-language-server: $schema={schema}
# A new kkrdeck deck. Edit the text below, then:
#   kkrdeck check      checks it and says what to fix, with the line number
#   kkrdeck build      writes out/deck.pptx
#
# Everything after 'key:' is text, exactly as typed. Put a text in quotes ("…") when it contains ': ',
# or starts with one of  [ {{ # * & ! | > ' " % @ `
# Indent with spaces, never tabs; keys of one block line up under each other.
# In text: **bold**, *italic*, [a link](https://www.kl.dk) (web and e-mail addresses only).

title: Titel på oplægget                  # the deck's title, also in the file's properties
subtitle: Undertitel                      # optional
organisation: KL og de fem KKR            # optional; shown on the title slide
date: {today}                        # YYYY-MM-DD; written the Danish way on the slides
language: da-DK                           # spelling and hyphenation language of every text
brand: assets/brand.yaml                  # colours, fonts, logo and footer

slides:
  # The opening slide; subtitle, organisation and date come from above unless given here.
  - kind: title
    title: Titel på oplægget
    subtitle: Baggrund, proces og temaer

  # Bullets, up to four levels. A bullet with sub-items is 'text:' plus one of
  # 'bullets:' (dots), 'numbered:' (1., 2., 3.) or 'arrows:' (→).
  - kind: bullets
    title: Baggrund og metode
    bullets:
      - Det første punkt
      - text: Et punkt med underpunkter
        bullets:
          - Et underpunkt
      - text: Et punkt med nummererede underpunkter
        numbered:
          - Det første
          - Det andet
    notes: Talerens noter til denne slide (vises ikke på sliden).

  # A timeline of dated steps, drawn as shapes you can edit in PowerPoint.
  - kind: process
    title: Proces
    lead: Drøftet på …
    steps:
      - date: {step1}
        text: Det første møde
      - date: {step2}
        text: Det andet møde
      - date: {step3}
        until: {step3_end}               # a step over several days
        text: Møder i de fem KKR
    conclusion: "**Konklusion:** …"

  # One slide per theme. If a theme does not fit on one slide, kkrdeck continues it on the next,
  # titled (I), (II); 'continues: true' on a following bullets slide splits it by hand.
  - kind: bullets
    title: "Tema 1: …"
    bullets:
      - Det første punkt om tema 1
      - text: Arbejdet er betinget af
        arrows:
          - Det første
          - Det andet

  - kind: bullets
    title: "Tema 2: …"
    bullets:
      - Det første punkt om tema 2

  - kind: bullets
    title: "Tema 3: …"
    bullets:
      - Det første punkt om tema 3

  # Two to six short statements, drawn as cards.
  - kind: statements
    title: Udsagn
    statements:
      - Det første udsagn
      - Det andet udsagn
      - Det tredje udsagn

  # More kinds — remove the '#' in front of the lines to use them:
  #
  # - kind: section                        # a divider between parts
  #   title: Del 2
  #
  # - kind: image                          # put the picture in this folder, e.g. images/kort.png
  #   title: Kort
  #   image: images/kort.png
  #   alt: Hvad billedet viser, for dem der ikke kan se det
  #
  # - kind: two-column
  #   title: Før og nu
  #   left:  {{ heading: Før, bullets: [Det første, Det andet] }}
  #   right: {{ heading: Nu,  bullets: [Det første] }}
  #
  # - kind: table
  #   title: Møder
  #   columns: [Dato, Møde]
  #   rows:
  #     - [{step1}, Det første møde]
""")


@dataclass(frozen=True)
class NewDeck:
    folder: Path
    deck: Path
    files: tuple[Path, ...]


def deck_text(today: dt.date | None = None) -> str:
    """The commented starting deck in the user's language, with dates from `today` on."""
    today = today or dt.date.today()
    day = dt.timedelta(days=1)
    return _(DECK_TEMPLATE).format(schema=SCHEMA_FILE, today=today.isoformat(), step1=today.isoformat(),
                                step2=(today + 7 * day).isoformat(), step3=(today + 14 * day).isoformat(),
                                step3_end=(today + 15 * day).isoformat())


def brand_text(brand: str) -> str:
    """The brand file with its comments in the user's language."""
    for comment in BRAND_COMMENTS:
        brand = brand.replace(f"# {comment}\n", f"# {_(comment)}\n")
    return brand


def create_deck(folder: Path, today: dt.date | None = None) -> NewDeck:
    """Write a new deck folder; refuses (KkrdeckError) to overwrite any file, the deck above all."""
    from kkrdeck.outline.schema import schema_json

    deck = folder / "deck.yaml"
    if folder.exists() and not folder.is_dir():
        raise KkrdeckError(_("{folder}: this is a file, not a folder — give the name of a new folder").format(
            folder=display_path(folder)))
    if deck.exists():
        raise KkrdeckError(_("{file}: a deck already exists here, so nothing was written — edit it, or choose a new "
                             "folder").format(file=display_path(deck)))
    contents: dict[Path, bytes] = {deck: deck_text(today).encode("utf-8"),
                                   folder / SCHEMA_FILE: (schema_json() + "\n").encode("utf-8")}
    for name in ASSET_FILES:
        source = BUNDLED / name
        if not source.is_file():
            raise KkrdeckError(_("{file}: kkrdeck's own assets are missing — reinstall kkrdeck").format(
                file=display_path(source)))
        contents[folder / "assets" / name] = (brand_text(source.read_text(encoding="utf-8")).encode("utf-8")
                                              if name == "brand.yaml" else source.read_bytes())
    taken = [path for path in contents if path.exists() or path.is_symlink()]
    if taken:
        raise KkrdeckError(_("{file}: already exists, so nothing was written — kkrdeck new does not overwrite files; "
                             "choose a new folder").format(file=display_path(taken[0])))
    written: list[Path] = []
    created: list[Path] = []
    try:
        for path, data in contents.items():
            for parent in reversed([path.parent, *path.parent.parents]):
                if not parent.exists():
                    parent.mkdir()
                    created.append(parent)
            with open(path, "xb") as f:  # 'x': never over a file that appeared meanwhile
                written.append(path)
                f.write(data)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        for parent in reversed(created):
            shutil.rmtree(parent, ignore_errors=True)
        raise KkrdeckError(_("{folder}: cannot write the new deck here ({reason}) — choose another folder").format(
            folder=display_path(folder), reason=exc.strerror or exc)) from None
    return NewDeck(folder, deck, tuple(contents))
