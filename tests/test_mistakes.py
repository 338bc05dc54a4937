"""A corpus of mistakes a deck's author makes, each pinned to its exact messages, position and exit code.

Every case runs through the command line as a user would (`kkrdeck build`, and `kkrdeck check` for the
same deck): messages on stderr, exit code 1 for bad input and 2 for a mistake in the command itself, no
traceback, and nothing written — the output from the last good build stays byte for byte as it was.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from tests.conftest import write_deck

KINDS = "title, section, bullets, process, statements, two-column, image, table, chart"
SECRET = "~/.ssh/id_rsa"
GOOD = "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n"
BUILD = ("build", "deck.yaml", "-o", "out/deck.pptx")
OUTSIDE = ("is outside the deck's folder — kkrdeck only uses files inside the deck's and the brand's folders; "
           "copy it there, or use --allow-outside if you trust this deck")


def slides(body: str) -> str:
    return "title: T\nslides:\n" + body


def bomb_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A tiny file that claims 900 megapixels: what a decompression bomb looks like to a reader of headers."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


@dataclass(frozen=True)
class Mistake:
    """A deck folder with one mistake, and exactly what kkrdeck must say about it."""

    name: str
    deck: str | bytes | None  # deck.yaml's text; None: no deck.yaml at all
    stderr: tuple[str, ...]
    brand: tuple[str, str] | None = None  # (old, new): one edit of assets/brand.yaml
    files: dict[str, bytes | str] = field(default_factory=dict)  # more files in the deck's folder
    args: tuple[str, ...] = BUILD
    code: int = 1
    yaml_ok: bool = True  # False: the file is not YAML at all (no JSON Schema can judge it)
    schema_sees_it: bool = True  # False: only kkrdeck can tell (files, rules JSON Schema cannot express)

    @property
    def deck_only(self) -> bool:
        """The mistake is in deck.yaml's content, so `check` and the JSON Schema can be asked about it too."""
        return self.args == BUILD and self.brand is None and not self.files


M = Mistake
MISTAKES = [
    # --- the file itself: YAML syntax, encoding, limits (the loader) ---
    M("tab-indent", "title: T\nslides:\n\t- kind: bullets\n",
      ("deck.yaml:3:1: a tab is used for indentation — YAML needs spaces; replace the tab with spaces",), yaml_ok=False),
    M("unclosed-quote", 'title: "KKR\nslides: []\n',
      ('deck.yaml:1:8: this quote (") is never closed — add the closing " where the text ends',), yaml_ok=False),
    M("colon-in-title", "title: Tema 1: KKR\nslides: []\n",
      ('deck.yaml:1:14: a \':\' inside a value confuses YAML — put the whole text in quotes, e.g. "Tema 1: KKR"',),
      yaml_ok=False),
    M("duplicate-key", "title: T\ntitle: U\nslides:\n  - kind: section\n    title: T\n",
      ("deck.yaml:2:1: the key 'title' appears twice in this block (first on line 1) — keep one of them",),
      yaml_ok=False),
    M("not-utf8", "title: K\xf8benhavn\nslides: []\n".encode("latin-1"),
      ("deck.yaml:1:9: the file is not UTF-8 text (byte 0xf8) — save it as UTF-8 (in most editors: Save As → "
       "Encoding → UTF-8)",), yaml_ok=False),
    M("empty-file", "# nothing yet\n",
      ("deck.yaml: the deck file is empty — write the outline into it, or run 'kkrdeck new DIR' to start from an "
       "example",), yaml_ok=False),
    M("no-deck-file", None,
      ("nope.yaml: deck file not found — check the name, or run 'kkrdeck new DIR' to start a deck",),
      args=("build", "nope.yaml", "-o", "out/deck.pptx"), yaml_ok=False),
    M("file-too-large", "title: T\n" + "# padding\n" * 110_000,
      ("deck.yaml: the deck file is 1,100,009 bytes, over the limit of 1,000,000 bytes — split it into smaller "
       "decks",), yaml_ok=False),
    M("billion-laughs", "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi")),
      ("deck.yaml:5:20: the outline is too big: more than 50,000 entries (the limit), counting each '*' alias as a "
       "full copy — split it into smaller decks or use fewer aliases",), yaml_ok=False),
    # --- keys ---
    M("unknown-key-suggested", slides("  - kind: bullets\n    title: T\n    buletts: [a]\n"),
      ("deck.yaml:5:5: unknown key 'buletts' in a bullets slide — did you mean 'bullets'?",)),
    M("unknown-key-listed", slides("  - kind: section\n    title: T\n    colour: red\n"),
      ("deck.yaml:5:5: unknown key 'colour' in a section slide — the keys here are: kind, title, notes, overflow, "
       "subtitle",)),
    M("key-of-another-kind", slides("  - kind: bullets\n    title: T\n    bullets: [a]\n    steps: [a]\n"),
      ("deck.yaml:6:5: unknown key 'steps' in a bullets slide — 'steps' belongs to process slides; remove it, or "
       "change 'kind:'",)),
    M("slide-key-at-deck-level", "title: T\nslides:\n  - kind: bullets\n    title: T\nbullets:\n  - a\n",
      ("deck.yaml:3:5: this bullets slide has no 'bullets' — add 'bullets:' with one line per bullet below it, each "
       "starting with '- '",
       "deck.yaml:5:1: unknown key 'bullets' in the deck — 'bullets' belongs in a slide: indent it to line up with "
       "that slide's 'kind:' and 'title:'")),
    M("escape-in-key", slides('  - kind: section\n    title: T\n    "\\e[31mred": x\n'),
      ("deck.yaml:5:5: unknown key '\\x1b[31mred' in a section slide — the keys here are: kind, title, notes, "
       "overflow, subtitle",)),
    M("no-deck-title", "subtitle: T\nslides:\n  - kind: section\n    title: T\n",
      ("deck.yaml:1:1: the deck has no 'title' — add 'title: …'",)),
    M("no-slides", "title: T\n",
      ("deck.yaml:1:1: the deck has no 'slides' — add 'slides:' with the slides below it, each starting with "
       "'- kind:'",)),
    # --- slide kinds ---
    M("unknown-kind-suggested", slides("  - kind: Bullets\n    title: T\n    bullets: [a]\n"),
      (f"deck.yaml:3:11: unknown slide kind 'Bullets' — did you mean 'bullets'? (kinds: {KINDS})",)),
    M("unknown-kind-listed", slides("  - kind: video\n    title: T\n"),
      (f"deck.yaml:3:11: unknown slide kind 'video' — use one of: {KINDS}",)),
    M("no-kind", slides("  - title: T\n    bullets: [a]\n"),
      (f"deck.yaml:3:5: this slide has no 'kind' — add e.g. 'kind: bullets' as its first line (kinds: {KINDS})",)),
    M("type-for-kind", slides("  - type: bullets\n    title: T\n    bullets: [a]\n"),
      ("deck.yaml:3:5: unknown key 'type' in a slide — did you mean 'kind'?",)),
    M("slide-as-text", slides("  - Baggrund og metode\n"),
      ("deck.yaml:3:5: each slide should be a block of 'key: value' lines starting with 'kind:' (found the text "
       "'Baggrund og metode')",)),
    # --- empty and missing values ---
    M("slides-no-value", "title: T\nslides:\n",
      ("deck.yaml:2:8: 'slides' is empty — add at least one slide below 'slides:', each starting with '- kind:'",)),
    M("slides-empty-list", "title: T\nslides: []\n",
      ("deck.yaml:2:9: 'slides' is empty — add at least one slide below 'slides:', each starting with '- kind:'",)),
    M("empty-bullet", slides("  - kind: bullets\n    title: T\n    bullets:\n      -\n      - b\n"),
      ("deck.yaml:6:8: this bullet is empty — write it after the '- ', or remove the line",)),
    M("empty-title", slides("  - kind: section\n    title: ''\n"),
      ("deck.yaml:4:12: 'title' is empty — write the text after 'title:'",)),
    M("bullets-without-title", slides("  - kind: bullets\n    bullets: [a]\n"),
      ("deck.yaml:3:5: this bullets slide has no 'title' — add 'title: …', or 'continues: true' if it continues the "
       "bullets slide before it",)),
    # --- dates ---
    M("not-a-real-date", "title: T\ndate: 2017-13-01\nslides:\n  - kind: section\n    title: T\n",
      ("deck.yaml:2:7: '2017-13-01' is not a real date — check the month and the day (YYYY-MM-DD)",)),
    M("danish-date-order", "title: T\ndate: 17-08-2017\nslides:\n  - kind: section\n    title: T\n",
      ("deck.yaml:2:7: '17-08-2017' is not written the way kkrdeck reads dates — write it as 2017-08-17 "
       "(YYYY-MM-DD)",)),
    M("until-before-date", slides("  - kind: process\n    title: T\n    steps:\n      - date: 2017-08-31\n"
                                  "        until: 2017-08-30\n        text: a\n"),
      ("deck.yaml:7:16: 'until' (2017-08-30) must be a later day than 'date' (2017-08-31) — it is the last day of a "
       "step that spans several days; fix the dates or remove 'until'",), schema_sees_it=False),
    # --- links ---
    M("javascript-link", slides("  - kind: bullets\n    title: T\n    bullets:\n      - Se [her](javascript:alert(1))\n"),
      ("deck.yaml:6:9: the link 'javascript:alert(1)' is not a web or e-mail address — links must start with "
       "https://, http:// or mailto:",)),
    M("file-link", slides("  - kind: section\n    title: T\n    subtitle: '[rapport](file:///etc/passwd)'\n"),
      ("deck.yaml:5:15: the link 'file:///etc/passwd' is not a web or e-mail address — links must start with "
       "https://, http:// or mailto:",)),
    # --- structure and types ---
    M("nested-too-deep", slides("  - kind: bullets\n    title: T\n    bullets:\n      - text: a\n        bullets:\n"
                                "          - text: b\n            bullets:\n              - text: c\n"
                                "                numbered:\n                  - text: d\n                    arrows: [e]\n"),
      ("deck.yaml:13:29: bullets nest at most 4 levels deep — move these sub-items up a level or onto their own "
       "slide",)),
    M("two-sublists", slides("  - kind: bullets\n    title: T\n    bullets:\n      - text: a\n        bullets: [b]\n"
                             "        arrows: [c]\n"),
      ("deck.yaml:8:9: a bullet can have only one list of sub-items, not both 'bullets' and 'arrows' — keep one of "
       "them",)),
    M("sub-items-without-text", slides("  - kind: bullets\n    title: T\n    bullets:\n      - bullets: [a]\n"),
      ("deck.yaml:6:9: this bullet has no 'text' — add 'text: …' with the bullet's own text, above its list of "
       "sub-items",)),
    M("list-for-text", "title:\n  - KKR\n  - evalueringen\nslides:\n  - kind: section\n    title: T\n",
      ("deck.yaml:2:3: 'title' should be text, not a list — write the text after 'title:'",)),
    M("text-for-list", slides("  - kind: bullets\n    title: T\n    bullets: Godt politisk koordineringsforum\n"),
      ("deck.yaml:5:14: 'bullets' should be a list, with each item on its own line starting with '- ' (found the "
       "text 'Godt politisk koordineringsforum')",)),
    M("text-for-block", slides("  - kind: two-column\n    title: T\n    left: Før\n    right:\n      bullets: [a]\n"),
      ("deck.yaml:5:11: 'left' should be a block of lines like 'heading:', 'bullets:' (found the text 'Før')",)),
    M("bullet-with-colon", slides("  - kind: bullets\n    title: T\n    bullets:\n      - Konklusion: generelt opbakning\n"),
      ('deck.yaml:6:9: this bullet contains \': \', so YAML reads it as \'key: value\' — put the whole text in quotes, '
       'e.g. "Konklusion: generelt opbakning"',)),
    M("statement-with-colon", slides("  - kind: statements\n    title: T\n    statements:\n      - a\n"
                                     "      - Tema 1: KKR\n"),
      ('deck.yaml:7:9: this statement contains \': \', so YAML reads it as \'key: value\' — put the whole text in quotes, '
       'e.g. "Tema 1: KKR"',)),
    M("one-statement", slides("  - kind: statements\n    title: T\n    statements:\n"
                              "      - Godt politisk koordineringsforum\n"),
      ("deck.yaml:6:7: a statements slide needs at least 2 statements (found 1) — add 1 more",)),
    M("nine-steps", slides("  - kind: process\n    title: T\n    steps:\n" + "".join(
        f"      - date: 2017-08-{d:02d}\n        text: m\n" for d in range(1, 10))),
      ("deck.yaml:6:7: a process slide can have at most 8 process steps (found 9) — split the process over two "
       "process slides",)),
    M("row-too-short", slides("  - kind: table\n    title: T\n    columns: [Dato, Møde]\n    rows:\n"
                              "      - [2017-08-17, Formænd]\n      - [2017-08-24]\n"),
      ('deck.yaml:8:9: row 2 has 1 cell but the table has 2 columns — give every row one cell per column ("" for '
       'an empty cell)',), schema_sees_it=False),
    M("overflow-typo", slides("  - kind: bullets\n    title: T\n    overflow: shrnk\n    bullets: [a]\n"),
      ("deck.yaml:5:15: 'overflow' must be one of: continue, shrink, error (found 'shrnk') — did you mean "
       "'shrink'?",)),
    M("language-word", "title: T\nlanguage: dansk\nslides:\n  - kind: section\n    title: T\n",
      ("deck.yaml:2:11: 'dansk' is not a language tag — write it like da-DK or en-GB",)),
    # --- images and accessibility ---
    M("image-without-alt", slides("  - kind: image\n    title: T\n    image: assets/logo.png\n"),
      ("deck.yaml:5:5: this image has no alt text — add 'alt:' describing the picture for people who cannot see it, "
       "or 'decorative: true' if it is only decoration",)),
    M("alt-no-value", slides("  - kind: image\n    title: T\n    image: assets/logo.png\n    alt:\n"),
      ("deck.yaml:6:9: 'alt' has no value — describe the picture for people who cannot see it, or write "
       "'decorative: true' instead if it is only decoration",)),
    M("decorative-maybe", slides("  - kind: image\n    title: T\n    image: assets/logo.png\n    decorative: maybe\n"),
      ("deck.yaml:6:17: 'decorative' must be true or false (found 'maybe')",)),
    M("continues-yes", slides("  - kind: bullets\n    title: T\n    bullets: [a]\n  - kind: bullets\n"
                              "    continues: yes\n    bullets: [b]\n"),
      ("deck.yaml:7:16: 'continues' must be true or false (found 'yes')",)),
    # --- limits ---
    M("too-many-slides", "title: T\nslides:\n" + "  - {kind: section, title: T}\n" * 1001,
      ("deck.yaml:3:3: a deck can have at most 1,000 slides (found 1,001) — split the deck into smaller decks",)),
    M("text-too-long", slides("  - kind: bullets\n    title: T\n    bullets:\n      - " + "ord " * 600 + "\n"),
      ("deck.yaml:6:9: this bullet is too long: 2,399 characters, at most 2,000 — shorten it, or split it into "
       "several bullets",)),
    # --- files the deck names ---
    M("image-outside-folder", slides(f"  - kind: image\n    title: T\n    image: {SECRET}\n    alt: Nøgle\n"),
      (f"deck.yaml:5:12: the image '{SECRET}' {OUTSIDE}",), schema_sees_it=False),
    M("image-symlink-outside", slides("  - kind: image\n    title: T\n    image: kort.png\n    alt: Kort\n"),
      (f"deck.yaml:5:12: the image 'kort.png' {OUTSIDE}",), files={"kort.png": "->" + SECRET}),
    M("image-wrong-case", slides("  - kind: image\n    title: T\n    image: assets/Logo.PNG\n    alt: Logo\n"),
      ("deck.yaml:5:12: the image 'assets/Logo.PNG' does not exist — did you mean 'assets/logo.png'?",),
      schema_sees_it=False),
    M("image-backslashes", slides("  - kind: image\n    title: T\n    image: assets\\logo.png\n    alt: Logo\n"),
      ("deck.yaml:5:12: the image 'assets\\logo.png' does not exist — write folders with '/', e.g. "
       "images/kort.png",), schema_sees_it=False),
    M("image-not-a-picture", slides("  - kind: image\n    title: T\n    image: kort.png\n    alt: Kort\n"),
      ("deck.yaml:5:12: the image 'kort.png' is not a picture kkrdeck can read — use a PNG or JPEG file",),
      files={"kort.png": "this is not a picture\n"}),
    M("image-bomb", slides("  - kind: image\n    title: T\n    image: kort.png\n    alt: Kort\n"),
      ("deck.yaml:5:12: the image 'kort.png' has too many pixels (over 60 megapixels) — scale it down before using "
       "it",), files={"kort.png": bomb_png()}),
    M("image-is-a-folder", slides("  - kind: image\n    title: T\n    image: assets\n    alt: Kort\n"),
      ("deck.yaml:5:12: the image 'assets' is a folder, not a file — give the path of a file inside it",),
      schema_sees_it=False),
    M("template-not-pptx", "title: T\ntemplate: assets/logo.png\nslides:\n  - kind: section\n    title: T\n",
      ("deck.yaml:2:11: cannot use the template 'assets/logo.png': it is not a PowerPoint file — use a .pptx or "
       ".potx file (in PowerPoint: File → Save As → PowerPoint Template)",), schema_sees_it=False),
    M("brand-missing", "title: T\nbrand: brand.yml\nslides:\n  - kind: section\n    title: T\n",
      ("deck.yaml:2:8: the brand file 'brand.yml' does not exist — check the name; the path is relative to the "
       "folder of deck.yaml",), schema_sees_it=False),
    M("brand-outside", "title: T\nbrand: ../brand.yaml\nslides:\n  - kind: section\n    title: T\n",
      ("deck.yaml:2:8: the brand file '../brand.yaml' is outside the deck's folder — kkrdeck only uses files inside "
       "the deck's folder; copy it there, or use --allow-outside if you trust this deck",), schema_sees_it=False),
    # --- the brand file ---
    M("brand-colour-name", GOOD, ("assets/brand.yaml:4:12: 'navy' is not a colour — write it as \"#RRGGBB\" (six hex "
                                  "digits, in quotes), e.g. \"#1B3A5C\"",),
      brand=('primary: "#1D3557"', "primary: navy")),
    M("brand-colour-unquoted", GOOD,
      ("assets/brand.yaml:4:11: 'primary' has no value — write the colour in quotes, e.g. primary: \"#1B3A5C\" "
       "(without quotes YAML reads everything after # as a comment)",),
      brand=('primary: "#1D3557"', "primary: #1D3557")),
    M("brand-colour-short", GOOD,
      ("assets/brand.yaml:8:15: '#fff' is not a colour kkrdeck can use — write all six hex digits, in quotes: "
       "\"#FFFFFF\"",), brand=('background: "#FFFFFF"', 'background: "#fff"')),
    M("brand-colors-spelling", GOOD, ("assets/brand.yaml:3:1: unknown key 'colors' in the brand file — did you mean "
                                      "'colours'?",), brand=("colours:", "colors:")),
    M("brand-size-out-of-range", GOOD, ("assets/brand.yaml:20:10: 'title' must be at most 80 pt (found 100)",),
      brand=("title: 36", "title: 100")),
    M("brand-size-with-unit", GOOD,
      ("assets/brand.yaml:23:13: 'body-min' must be a number of points, e.g. 18 (found '18pt')",),
      brand=("body-min: 18", "body-min: 18pt")),
    M("brand-min-above-size", GOOD,
      ("assets/brand.yaml:21:14: 'title-min' (40) is larger than 'title' (36) — the smallest size text may shrink "
       "to cannot be larger than its normal size",), brand=("title-min: 28", "title-min: 40")),
    M("brand-font-missing", GOOD,
      ("assets/brand.yaml:16:13: the font file 'fonts/Carlito-Bolt.ttf' does not exist — did you mean "
       "'fonts/Carlito-Bold.ttf'?",), brand=("fonts/Carlito-Bold.ttf", "fonts/Carlito-Bolt.ttf")),
    M("brand-logo-not-an-image", GOOD,
      ("assets/brand.yaml:25:7: the logo 'fonts/Carlito-LICENSE.txt' is not a picture kkrdeck can read — use a PNG "
       "or JPEG file",), brand=("logo: logo.png", "logo: fonts/Carlito-LICENSE.txt")),
    M("brand-slide-numbers-ja", GOOD, ("assets/brand.yaml:27:16: 'slide-numbers' must be true or false (found 'ja')",),
      brand=("slide-numbers: true", "slide-numbers: ja")),
    M("brand-aspect", GOOD, ("assets/brand.yaml:28:9: 'aspect' must be one of: 16:9, 4:3 (found '16:10')",),
      brand=('aspect: "16:9"', 'aspect: "16:10"')),
    M("brand-and-deck-together", slides("  - kind: section\n    titel: T\n"),
      ("assets/brand.yaml:4:12: 'navy' is not a colour — write it as \"#RRGGBB\" (six hex digits, in quotes), e.g. "
       "\"#1B3A5C\"",
       "deck.yaml:4:5: unknown key 'titel' in a section slide — did you mean 'title'?"),
      brand=('primary: "#1D3557"', "primary: navy")),
    # --- where the output goes ---
    M("output-not-pptx", GOOD, ("deck.yaml: the output must be a .pptx file — name it e.g. deck.pptx",),
      args=("build", "deck.yaml", "-o", "deck.yaml")),
    M("output-is-the-deck", None, ("talk.pptx: that is the deck itself — choose another output name",),
      files={"talk.pptx": GOOD}, args=("build", "talk.pptx", "-o", "talk.pptx")),
    M("output-not-by-kkrdeck", GOOD,
      ("theirs.pptx: this file was not written by kkrdeck, so it is not overwritten — choose another output name, "
       "or move the file away first",), files={"theirs.pptx": b"PK\x03\x04 someone's slides"},
      args=("build", "deck.yaml", "-o", "theirs.pptx")),
    # --- the command line itself (exit 2) ---
    M("unknown-option", GOOD, ("Usage: kkrdeck check [OPTIONS] [DECK]", "Try 'kkrdeck check --help' for help.", "",
                               "Error: No such option '--stric'. Did you mean '--strict'?"),
      args=("check", "--stric"), code=2),
    M("new-without-folder", GOOD, ("Usage: kkrdeck new [OPTIONS] FOLDER", "Try 'kkrdeck new --help' for help.", "",
                                   "Error: Missing argument 'FOLDER'."), args=("new",), code=2),
    M("unknown-command", GOOD, ("Usage: kkrdeck [OPTIONS] COMMAND [ARGS]...", "Try 'kkrdeck --help' for help.", "",
                                "Error: No such command 'bild'. Did you mean 'build'?"), args=("bild",), code=2),
]


@pytest.fixture(scope="session")
def previous_output(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A .pptx from an earlier good build, as a user would have one lying in out/."""
    from kkrdeck.build import build

    folder = tmp_path_factory.mktemp("previous")
    out = folder / "deck.pptx"
    build(write_deck(folder, GOOD), out)
    return out.read_bytes()


def make_folder(top: Path, mistake: Mistake, previous: bytes) -> Path:
    """The deck's folder with the mistake in it, a private key outside it, and yesterday's output in out/."""
    secret = top / "home" / ".ssh" / "id_rsa"
    secret.parent.mkdir(parents=True)
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n", encoding="utf-8")
    folder = top / "talk"
    folder.mkdir()
    write_deck(folder, GOOD)
    if mistake.deck is None:
        (folder / "deck.yaml").unlink()
    elif isinstance(mistake.deck, bytes):
        (folder / "deck.yaml").write_bytes(mistake.deck)
    else:
        (folder / "deck.yaml").write_text(mistake.deck, encoding="utf-8")
    if mistake.brand:
        brand = folder / "assets" / "brand.yaml"
        text = brand.read_text(encoding="utf-8")
        assert mistake.brand[0] in text
        brand.write_text(text.replace(mistake.brand[0], mistake.brand[1], 1), encoding="utf-8")
    for name, content in mistake.files.items():
        path = folder / name
        if isinstance(content, str) and content.startswith("->"):
            path.symlink_to(content[2:].replace("~", str(top / "home"), 1))
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (folder / "out").mkdir()
    (folder / "out" / "deck.pptx").write_bytes(previous)
    return folder


def snapshot(folder: Path) -> dict[str, bytes | str]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() and not p.is_symlink() else "dir/link")
            for p in sorted(folder.rglob("*"))}


def run(folder: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(folder.parent / "home"))
    return CliRunner().invoke(main, list(args), prog_name="kkrdeck")


def test_the_corpus_has_at_least_30_distinct_mistakes() -> None:
    names = [m.name for m in MISTAKES]
    assert len(set(names)) == len(names) >= 30
    assert len({m.stderr for m in MISTAKES}) == len(MISTAKES)


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name)
def test_a_mistake_gets_its_exact_message_and_nothing_is_written(
        mistake: Mistake, previous_output: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_folder(tmp_path, mistake, previous_output)
    before = snapshot(folder)
    result = run(folder, mistake.args, monkeypatch)
    assert result.stderr.splitlines() == list(mistake.stderr)
    assert result.exit_code == mistake.code
    assert isinstance(result.exception, SystemExit)  # not a traceback
    assert result.stdout == ""
    assert snapshot(folder) == before  # nothing written, nothing left behind, yesterday's output intact
    assert (folder / "out" / "deck.pptx").read_bytes() == previous_output


@pytest.mark.parametrize("mistake", [m for m in MISTAKES if m.deck_only], ids=lambda m: m.name)
def test_check_reports_the_same_messages_and_a_summary(
        mistake: Mistake, previous_output: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_folder(tmp_path, mistake, previous_output)
    before = snapshot(folder)
    result = run(folder, ("check", "deck.yaml"), monkeypatch)
    assert result.stderr.splitlines() == list(mistake.stderr)
    assert result.exit_code == 1
    errors = len(mistake.stderr)
    plural = "s" if errors > 1 else ""
    assert result.stdout == f"{errors} error{plural}, 0 warnings, 0 notices — fix the error{plural}, then check again\n"
    assert snapshot(folder) == before


def test_every_message_points_at_a_place_and_says_what_to_do() -> None:
    for mistake in MISTAKES:
        if mistake.code == 1:
            for line in mistake.stderr:
                where, _, message = line.partition(": ")
                assert where.endswith((".yaml", ".pptx")) or where.rsplit(":", 2)[-1].isdigit(), line
                assert any(w in message for w in (" — ", " must be ", " should be ")), line  # and what to do


def test_the_private_key_outside_the_folder_is_used_with_allow_outside(
        previous_output: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--allow-outside lifts the confinement, and nothing else: the key is still not a picture."""
    mistake = next(m for m in MISTAKES if m.name == "image-outside-folder")
    folder = make_folder(tmp_path, mistake, previous_output)
    result = run(folder, ("build", "deck.yaml", "--allow-outside", "-o", "out/deck.pptx"), monkeypatch)
    assert result.stderr.splitlines() == [f"deck.yaml:5:12: the image '{SECRET}' is not a picture kkrdeck can read — "
                                          "use a PNG or JPEG file"]
    assert result.exit_code == 1
    assert (folder / "out" / "deck.pptx").read_bytes() == previous_output


def test_a_failed_build_does_not_create_the_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, slides("  - kind: bulets\n"))
    result = run(tmp_path, ("build",), monkeypatch)
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()

