"""Text as real people (and attackers) write it: line breaks are breaks, characters no file can hold and text
nobody can see are refused with their position and name, links keep their brackets, and no text crashes kkrdeck.

Refusals run through `build` and `check` as in test_mistakes: exact stderr, exit code 1, nothing written, the
previous output byte for byte as it was."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kkrdeck.build import build
from kkrdeck.cli import main
from kkrdeck.outline.inline import Run, parse_inline
from tests.conftest import write_deck
from tests.package_check import assert_valid_deck
from tests.test_mistakes import BUILD, Mistake, make_folder, previous_output, run, slides, snapshot  # noqa: F401

NOT_IN_A_FILE = ("which a PowerPoint file cannot hold — delete it (it usually comes in through copy and paste, or an "
                 "escape such as \\x01 in double quotes)")
BULLETS = "  - kind: bullets\n    title: T\n    bullets:\n      - {}\n"

REFUSED = [
    Mistake("control-in-bullet", slides(BULLETS.format('"Tema\\x01 1"')),
            (f"deck.yaml:6:9: this bullet contains U+0001 (START OF HEADING) at character 5, {NOT_IN_A_FILE}",)),
    Mistake("form-feed-in-title", slides('  - kind: section\n    title: "KKR\\fSjælland"\n'),
            (f"deck.yaml:4:12: 'title' contains U+000C (FORM FEED) at character 4, {NOT_IN_A_FILE}",)),
    Mistake("vertical-tab-in-cell", slides('  - kind: table\n    title: T\n    columns: [a]\n    rows: [["x\\vy"]]\n'),
            (f"deck.yaml:6:13: this cell contains U+000B (LINE TABULATION) at character 2, {NOT_IN_A_FILE}",)),
    Mistake("escape-in-alt", slides('  - kind: image\n    title: T\n    image: kort.png\n    alt: "Kort\\e[2J"\n'),
            (f"deck.yaml:6:10: 'alt' contains U+001B (ESCAPE) at character 5, {NOT_IN_A_FILE}",),
            files={"kort.png": b""}),
    Mistake("noncharacter-in-link", slides(BULLETS.format('"[KL](https://www.kl.dk/\\uFFFF)"')),
            (f"deck.yaml:6:9: this bullet contains U+FFFF (a noncharacter) at character 24, {NOT_IN_A_FILE}",)),
    Mistake("null-in-image-name", slides('  - kind: image\n    title: T\n    image: "kort\\0.png"\n    alt: Kort\n'),
            (f"deck.yaml:5:12: 'image' contains U+0000 (NULL) at character 5, {NOT_IN_A_FILE}",)),
    Mistake("control-in-notes", slides('  - kind: section\n    title: T\n    notes: "Husk\\x07"\n'),
            (f"deck.yaml:5:12: 'notes' contains U+0007 (BELL) at character 5, {NOT_IN_A_FILE}",)),
    Mistake("control-in-brand-name", GOOD_DECK := slides(BULLETS.format("a")),
            (f"assets/brand.yaml:2:7: 'name' contains U+0002 (START OF TEXT) at character 4, {NOT_IN_A_FILE}",),
            brand=("name: KKR", 'name: "KKR\\x02"')),
    Mistake("control-in-font-name", GOOD_DECK,
            (f"assets/brand.yaml:11:12: 'heading' contains U+001F (INFORMATION SEPARATOR ONE) at character 8, "
             f"{NOT_IN_A_FILE}",),
            brand=("  heading: Calibri", '  heading: "Calibri\\x1f"')),
    Mistake("control-in-footer", GOOD_DECK,
            (f"assets/brand.yaml:26:9: 'footer' contains U+0008 (BACKSPACE) at character 4, {NOT_IN_A_FILE}",),
            brand=("footer: KKR-evalueringen · Kommunekontaktrådene", 'footer: "KKR\\b"')),
    Mistake("surrogate-escape", slides(BULLETS.format('"smil \\ud83d\\ude00"')),
            ("deck.yaml:6:15: '\\ud83d' is half of a surrogate pair, which no file can hold — write the character "
             "itself, or with eight digits for characters beyond U+FFFF, e.g. \\U0001F600 for 😀",)),
    Mistake("spaces-title", slides('  - kind: section\n    title: "   "\n'),
            ("deck.yaml:4:12: 'title' is empty: it holds only spaces — write the text after 'title:'",)),
    Mistake("no-break-space-title", slides('  - kind: section\n    title: "\\u00a0\\u00a0"\n'),
            ("deck.yaml:4:12: 'title' is empty: it holds only invisible characters, U+00A0 (NO-BREAK SPACE) — write "
             "the text after 'title:'",)),
    Mistake("ideographic-space-bullet", slides(BULLETS.format('"\\u3000"')),
            ("deck.yaml:6:9: this bullet is empty: it holds only invisible characters, U+3000 (IDEOGRAPHIC SPACE) — "
             "write its text, or remove the line",)),
    Mistake("zero-width-bullet", slides(BULLETS.format('"\\u200b \\u2060"')),
            ("deck.yaml:6:9: this bullet is empty: it holds only invisible characters, U+200B (ZERO WIDTH SPACE), "
             "U+2060 (WORD JOINER) — write its text, or remove the line",)),
    Mistake("bold-nothing-bullet", slides(BULLETS.format('"** **"')),
            ("deck.yaml:6:9: this bullet is empty: it holds only spaces — write its text, or remove the line",)),
    Mistake("spaces-cell", slides('  - kind: table\n    title: T\n    columns: [a, b]\n    rows: [["  ", x]]\n'),
            ("deck.yaml:6:13: this cell is empty but holds only spaces — write its text, or \"\" for an empty cell",)),
    Mistake("only-line-breaks-statement", slides('  - kind: statements\n    title: T\n    statements: ["a", "\\n\\n"]\n'),
            ("deck.yaml:5:23: this statement is empty: it holds only invisible characters, U+000A (LINE FEED) — "
             "write its text, or remove the line",)),
    Mistake("block-under-title", slides("  - kind: section\n    title:\n      a: 1\n"),
            ("deck.yaml:5:7: 'title' should be text, not 'key: value' lines — if 'a: 1' is the text, write it after "
             "'title:' in quotes, e.g. title: \"a: 1\"",)),
    Mistake("block-under-caption", slides("  - kind: image\n    title: T\n    image: kort.png\n    alt: Kort\n"
                                          "    caption:\n      Kilde: KL\n"),
            ("deck.yaml:8:7: 'caption' should be text, not 'key: value' lines — if 'Kilde: KL' is the text, write it "
             "after 'caption:' in quotes, e.g. caption: \"Kilde: KL\"",), files={"kort.png": b""}),
]


NOT_IN_A_FILE_DA = ("og det tegn kan en PowerPoint-fil ikke rumme — slet det (det kommer som regel med, når man "
                    "kopierer og indsætter tekst, eller fra en escape-sekvens som \\x01 i dobbelte anførselstegn)")
# The same refusals as a Danish user (LANG=da_DK.UTF-8) reads them; Unicode's names of characters stay as Unicode
# spells them (U+0007 (BELL)), since that is what a search finds.
DANISH = {
    "control-in-bullet": ("deck.yaml:6:9: dette punkt indeholder U+0001 (START OF HEADING) ved tegn 5, "
                          f"{NOT_IN_A_FILE_DA}",),
    "form-feed-in-title": ("deck.yaml:4:12: 'title' indeholder U+000C (FORM FEED) ved tegn 4, "
                           f"{NOT_IN_A_FILE_DA}",),
    "vertical-tab-in-cell": ("deck.yaml:6:13: denne celle indeholder U+000B (LINE TABULATION) ved tegn 2, "
                             f"{NOT_IN_A_FILE_DA}",),
    "escape-in-alt": (f"deck.yaml:6:10: 'alt' indeholder U+001B (ESCAPE) ved tegn 5, {NOT_IN_A_FILE_DA}",),
    "noncharacter-in-link": ("deck.yaml:6:9: dette punkt indeholder U+FFFF (et ikke-tegn) ved tegn 24, "
                             f"{NOT_IN_A_FILE_DA}",),
    "null-in-image-name": (f"deck.yaml:5:12: 'image' indeholder U+0000 (NULL) ved tegn 5, {NOT_IN_A_FILE_DA}",),
    "control-in-notes": (f"deck.yaml:5:12: 'notes' indeholder U+0007 (BELL) ved tegn 5, {NOT_IN_A_FILE_DA}",),
    "control-in-brand-name": ("assets/brand.yaml:2:7: 'name' indeholder U+0002 (START OF TEXT) ved tegn 4, "
                              f"{NOT_IN_A_FILE_DA}",),
    "control-in-font-name": ("assets/brand.yaml:11:12: 'heading' indeholder U+001F (INFORMATION SEPARATOR ONE) "
                             f"ved tegn 8, {NOT_IN_A_FILE_DA}",),
    "control-in-footer": ("assets/brand.yaml:26:9: 'footer' indeholder U+0008 (BACKSPACE) ved tegn 4, "
                          f"{NOT_IN_A_FILE_DA}",),
    "surrogate-escape": ("deck.yaml:6:15: '\\ud83d' er den ene halvdel af et surrogatpar, som ingen fil kan "
                         "indeholde — skriv selve tegnet, eller brug otte cifre til tegn efter U+FFFF, f.eks. "
                         "\\U0001F600 for 😀",),
    "spaces-title": ("deck.yaml:4:12: 'title' har ingen tekst: der står kun mellemrum — skriv teksten efter "
                     "'title:'",),
    "no-break-space-title": ("deck.yaml:4:12: 'title' har ingen tekst: der står kun usynlige tegn, U+00A0 "
                             "(NO-BREAK SPACE) — skriv teksten efter 'title:'",),
    "ideographic-space-bullet": ("deck.yaml:6:9: dette punkt har ingen tekst: der står kun usynlige tegn, "
                                 "U+3000 (IDEOGRAPHIC SPACE) — skriv teksten, eller fjern linjen",),
    "zero-width-bullet": ("deck.yaml:6:9: dette punkt har ingen tekst: der står kun usynlige tegn, U+200B (ZERO "
                          "WIDTH SPACE), U+2060 (WORD JOINER) — skriv teksten, eller fjern linjen",),
    "bold-nothing-bullet": ("deck.yaml:6:9: dette punkt har ingen tekst: der står kun mellemrum — skriv "
                            "teksten, eller fjern linjen",),
    "spaces-cell": ("deck.yaml:6:13: denne celle har ingen tekst: der står kun mellemrum — skriv teksten, eller "
                    '"" for en tom celle',),
    "only-line-breaks-statement": ("deck.yaml:5:23: dette udsagn har ingen tekst: der står kun usynlige tegn, "
                                   "U+000A (LINE FEED) — skriv teksten, eller fjern linjen",),
    "block-under-title": ("deck.yaml:5:7: 'title' skal være tekst, ikke linjer som 'nøgle: værdi' — hvis 'a: 1' "
                          'er teksten, så skriv den efter \'title:\' i anførselstegn, f.eks. title: "a: 1"',),
    "block-under-caption": ("deck.yaml:8:7: 'caption' skal være tekst, ikke linjer som 'nøgle: værdi' — hvis "
                            "'Kilde: KL' er teksten, så skriv den efter 'caption:' i anførselstegn, f.eks. "
                            'caption: "Kilde: KL"',),
}



def test_every_refusal_is_pinned_in_danish_and_really_translated() -> None:
    assert list(DANISH) == [m.name for m in REFUSED]
    assert [len(DANISH[m.name]) for m in REFUSED] == [len(m.stderr) for m in REFUSED]
    assert [m.name for m in REFUSED if DANISH[m.name] == m.stderr] == []


@pytest.mark.parametrize("language", ["en", "da"])
@pytest.mark.parametrize("mistake", REFUSED, ids=lambda m: m.name)
def test_refused_text_is_named_where_it_is_and_nothing_is_written(
        mistake: Mistake, language: str, request: pytest.FixtureRequest, previous_output: bytes, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    if language == "da":
        request.getfixturevalue("danish")
    expected = mistake.stderr if language == "en" else DANISH[mistake.name]
    folder = make_folder(tmp_path, mistake, previous_output)
    if "kort.png" in mistake.files:
        from PIL import Image

        Image.new("RGB", (40, 30)).save(folder / "kort.png")
    before = snapshot(folder)
    for args in (BUILD, ("check", "deck.yaml")):
        result = run(folder, args, monkeypatch)
        assert result.stderr.splitlines() == list(expected)
        assert [line.split(": ", 1)[0] for line in expected] == [line.split(": ", 1)[0] for line in mistake.stderr]
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        assert snapshot(folder) == before
    assert (folder / "out" / "deck.pptx").read_bytes() == previous_output


# --- line breaks ------------------------------------------------------------------------------------------------

BROKEN = """title: Linjeskift
slides:
  - kind: bullets
    title: "Første linje\\nanden linje"
    notes: |
      Husk mødet
      og kaffen
    bullets:
      - |
        Tre linjer:
        KKR som forum
        og mødested
      - "CR LF\\r\\nCR\\rLS\\u2028PS\\u2029NEL\\x85slut"
      - "**fed\\nfortsat** og [Fyn](https://en.wikipedia.org/wiki/Fyn_(island))"
  - kind: process
    title: Proces
    steps:
      - {date: 2017-08-17, text: "Møde i\\nKKR"}
      - {date: 2017-09-01, text: Andet}
  - kind: statements
    title: Udsagn
    statements: ["Et\\nto", "tre"]
  - kind: table
    title: Tabel
    columns: ["Dato\\nog tid", Emne]
    rows: [["2017", "a\\n\\nb"]]
  - kind: image
    title: Billede
    image: kort.png
    alt: "Rød\\nflade"
    caption: "Linje et\\nLinje to"
"""


def broken_deck(folder: Path) -> Path:
    from PIL import Image

    deck = write_deck(folder, BROKEN)
    Image.new("RGB", (400, 300), (200, 50, 50)).save(folder / "kort.png")
    return deck


def test_every_spelling_of_a_line_break_is_one_break_in_the_runs() -> None:
    for text in ("a\nb", "a\r\nb", "a\rb", "a\u2028b", "a\u2029b", "a\x85b", "a\nb\n", "\na\nb"):
        assert parse_inline(text) == (Run("a\nb"),), repr(text)
    assert parse_inline("**a\nb**") == (Run("a\nb", bold=True),)


def test_links_keep_balanced_brackets() -> None:
    assert parse_inline("[Wikipedia](https://en.wikipedia.org/wiki/Fyn_(island)) og mere") == (
        Run("Wikipedia", link="https://en.wikipedia.org/wiki/Fyn_(island)"), Run(" og mere"))
    assert parse_inline("([KL](https://www.kl.dk))") == (Run("("), Run("KL", link="https://www.kl.dk"), Run(")"))


def test_line_breaks_become_breaks_in_every_kind_of_text(tmp_path: Path) -> None:
    result = build(broken_deck(tmp_path), tmp_path / "out.pptx")
    prs = assert_valid_deck(result.output)
    texts = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    # python-pptx reads an <a:br/> as a vertical tab
    for expected in ("Første linje\vanden linje", "Møde i\vKKR", "Et\vto", "Linje et\vLinje to"):
        assert expected in texts
    body = next(t for t in texts if t.startswith("Tre linjer"))
    assert body.split("\n") == ["Tre linjer:\vKKR som forum\vog mødested", "CR LF\vCR\vLS\vPS\vNEL\vslut",
                                "fed\vfortsat og Fyn"]
    table = next(sh for sh in prs.slides[3].shapes if sh.has_table).table
    assert [c.text for c in table.rows[0].cells] == ["Dato\vog tid", "Emne"]
    assert table.cell(1, 1).text == "a\v\vb"
    assert prs.slides[0].notes_slide.notes_text_frame.text == "Husk mødet\nog kaffen"
    picture = next(sh for sh in prs.slides[4].shapes if sh.shape_type == 13)
    assert picture._element.xpath("string(.//p:cNvPr/@descr)") == "Rød\nflade"
    with zipfile.ZipFile(result.output) as zf:
        rels = zf.read("ppt/slides/_rels/slide1.xml.rels").decode()
    assert 'Target="https://en.wikipedia.org/wiki/Fyn_(island)"' in rels


def test_each_line_between_breaks_is_measured_and_wrapped_on_its_own(tmp_path: Path) -> None:
    result = build(broken_deck(tmp_path), tmp_path / "out.pptx")
    first = result.plan.slides[0]
    assert first.title.paragraphs[0].lines == ("Første linje", "anden linje")
    body = first.placeholders["body"].paragraphs
    assert body[0].lines == ("Tre linjer:", "KKR som forum", "og mødested")
    assert body[1].lines == ("CR LF", "CR", "LS", "PS", "NEL", "slut")
    table = result.plan.slides[3].shapes[0]
    assert table.cells[1][1].paragraphs[0].lines == ("a", "", "b")  # an empty line is a line


def test_an_imported_deck_keeps_its_line_breaks_and_builds_the_same_text(tmp_path: Path) -> None:
    from kkrdeck.import_deck import import_deck

    first = build(broken_deck(tmp_path), tmp_path / "first.pptx").output
    imported = import_deck(first, tmp_path / "imported")
    text = (tmp_path / "imported" / "deck.yaml").read_text(encoding="utf-8")
    assert 'title: "Første linje\\nanden linje"' in text
    assert '- "Tre linjer:\\nKKR som forum\\nog mødested"' in text
    assert not any("line break" in p.message for p in imported.problems)
    second = build(tmp_path / "imported" / "deck.yaml", tmp_path / "second.pptx").output
    texts = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame and sh.name.startswith(("Title", "Content"))]
             for s in assert_valid_deck(second).slides]
    assert texts[0][:2] == ["Første linje\vanden linje",
                            "Tre linjer:\vKKR som forum\vog mødested\nCR LF\vCR\vLS\vPS\vNEL\vslut\n"
                            "fed\vfortsat og Fyn"]


# --- the deck file itself -----------------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_deck_that_is_a_named_pipe_is_refused_without_waiting(
        previous_output: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_folder(tmp_path, Mistake("fifo", GOOD_DECK, ()), previous_output)
    (folder / "deck.yaml").unlink()
    os.mkfifo(folder / "deck.yaml")
    for args in (BUILD, ("check", "deck.yaml")):
        result = run(folder, args, monkeypatch)  # a blocking open would hang here for ever
        assert result.stderr.splitlines() == ["deck.yaml: this is a named pipe (FIFO), not a file kkrdeck can read — "
                                              "give the path of the .yaml file itself"]
        assert result.exit_code == 1
    assert (folder / "out" / "deck.pptx").read_bytes() == previous_output


def test_a_device_as_the_deck_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "/dev/zero", "-o", "out.pptx"])
    assert result.stderr.splitlines() == ["/dev/zero: this is a device, not a file kkrdeck can read — give the path "
                                          "of the .yaml file itself"]
    assert result.exit_code == 1 and not (tmp_path / "out.pptx").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_picture_that_is_a_named_pipe_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, slides("  - kind: image\n    title: T\n    image: kort.png\n    alt: Kort\n"))
    os.mkfifo(tmp_path / "kort.png")
    result = run(tmp_path, ("build", "deck.yaml", "-o", "out.pptx"), monkeypatch)
    assert result.stderr.splitlines() == ["deck.yaml:5:12: the image 'kort.png' is not a regular file (it is a pipe, "
                                          "a socket or a device) — give the path of a real file"]
    assert result.exit_code == 1


# --- any text at all: a file that opens, or a clean refusal -----------------------------------------------------

SPECIAL = ["\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\t", "\n", "\r", "\r\n", "\u00a0", "\u2028",
           "\u2029", "\u200b", "\u200d", "\u2060", "\ufeff", "\ufffe", "\uffff", "\ud800", "\udfff", "\u0301", "\u20dd",
           "\U0001F600", "\U0001F469\u200d\U0001F4BB", "\u202e", "\u3000", "\u3164", "*", "**", "[", "](", ")", "\\",
           "'", '"', ": ", " #", "&", "<", ">", "]]>", "æøå", "ß"]
TEXT = st.lists(st.one_of(st.sampled_from(SPECIAL), st.characters(), st.text(max_size=4)), min_size=1,
                max_size=8).map("".join)


def yaml_string(text: str) -> str:
    """The text as a double-quoted YAML scalar: printable characters as they are, the rest as escapes, so every
    code point (lone surrogates too) reaches kkrdeck's own checks."""
    out = []
    for c in text:
        code = ord(c)
        if c in '\\"':
            out.append("\\" + c)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0xFEFF, 0xFFFE, 0xFFFF) \
                or code in (0x2028, 0x2029):
            out.append(f"\\u{code:04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, bullet=TEXT, cell=TEXT, note=TEXT, alt=TEXT)
def test_any_text_builds_a_file_that_opens_or_is_refused_cleanly(
        tmp_path_factory: pytest.TempPathFactory, title: str, bullet: str, cell: str, note: str, alt: str) -> None:
    from PIL import Image

    folder = tmp_path_factory.mktemp("any")
    Image.new("RGB", (30, 20), (10, 90, 160)).save(folder / "kort.png")
    q = {k: yaml_string(v) for k, v in dict(title=title, bullet=bullet, cell=cell, note=note, alt=alt).items()}
    deck = (f"title: {q['title']}\nslides:\n  - kind: bullets\n    title: {q['title']}\n    notes: {q['note']}\n"
            f"    bullets:\n      - {q['bullet']}\n      - text: {q['bullet']}\n        bullets: [{q['cell']}]\n"
            f"  - kind: table\n    title: T\n    columns: [{q['cell']}]\n    rows: [[{q['cell']}]]\n"
            f"  - kind: image\n    title: {q['title']}\n    image: kort.png\n    alt: {q['alt']}\n"
            f"    caption: {q['bullet']}\n  - kind: statements\n    title: S\n    statements: [{q['bullet']}, b]\n"
            f"  - kind: process\n    title: P\n    steps: [{{date: 2017-08-17, text: {q['cell']}}}]\n")
    write_deck(folder, deck)
    result = CliRunner().invoke(main, ["build", str(folder / "deck.yaml"), "-o", str(folder / "out.pptx")])
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 0:
        prs = assert_valid_deck(folder / "out.pptx")
        with zipfile.ZipFile(folder / "out.pptx") as zf:
            xml = zf.read("ppt/slides/slide1.xml").decode("utf-8")
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", xml)
        assert len(prs.slides) >= 5
    else:
        assert not (folder / "out.pptx").exists()
        assert all(re.match(r"^\S+?(:\d+:\d+)?: ", line) or line.startswith("warning") for line in
                   result.stderr.splitlines()), result.stderr
