"""The plan stage's warnings and errors through `kkrdeck build`, in English and in Danish: the same exit code, the same
file:line:column, the text pinned in both languages (sizes with the user's decimal mark)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kkrdeck import i18n
from kkrdeck.cli import main
from tests.conftest import write_deck
from tests.data.templates import make

TABLE_WORD = "Kommunalbestyrelsesmedlemsforberedelsesmaterialesamlingen"
LONG_STEP = ("Punkt {n}: kommunerne og regionen aftaler i fællesskab, hvordan samarbejdet om de nære sundhedstilbud "
             "skal organiseres, finansieres og følges op i de kommende år, så borgerne oplever sammenhæng")
TOO_LONG_TITLE = ("Udsagn, der kendetegner KKR i dag og fremadrettet, og hvad kommunerne i alle fem regioner mener om "
                  "det hele og mere til")
NEVER_FITS = ("KOMMUNALBESTYRELSERNES OG REGIONSRÅDENES FÆLLES MØDE OM SUNDHEDSAFTALEN, DET NÆRE SUNDHEDSVÆSEN, "
              "PSYKIATRIEN, BESKÆFTIGELSEN OG UDDANNELSESOMRÅDET I HOVEDSTADEN, SJÆLLAND, SYDDANMARK, MIDTJYLLAND "
              "OG NORDJYLLAND MED BORGMESTRE, RÅDMÆND, DIREKTØRER OG KL'S BESTYRELSE")
LONG_FOOTER = "KKR-evalueringen 2017 · Kommunekontaktrådene i Hovedstaden og Sjælland"


def _in(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's locale, as a machine sets it: Danish or English by LANG alone."""
    for variable in ("KKRDECK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8" if language == "da" else "en_GB.UTF-8")
    i18n.reset()


def build_in_both(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    """`kkrdeck build deck.yaml -o out.pptx ARGS` in English, then in Danish: the two results."""
    monkeypatch.chdir(folder)
    results = []
    for language in ("en", "da"):
        _in(language, monkeypatch)
        results.append(CliRunner().invoke(main, ["build", "deck.yaml", "-o", "out.pptx", *args], prog_name="kkrdeck"))
    i18n.reset()
    english, danish = results
    assert danish.exit_code == english.exit_code
    assert [line.split(": ", 1)[0] for line in messages(danish)] == \
        [line.split(": ", 1)[0] for line in messages(english)]
    return english, danish


def messages(result) -> list[str]:
    """The lines of stderr that are problems (file:line:column: …), without the progress lines."""
    return [line for line in result.stderr.splitlines() if re.match(r"[\w./-]+\.yaml:\d+:\d+: ", line)]


def _brand(folder: Path, old: str, new: str) -> None:
    brand = folder / "assets" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    assert old in text
    brand.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_title_too_long_for_the_title_box_is_warned_about_with_the_users_decimal_mark(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: Baggrund\n    bullets: [a]\n"
                         f"  - kind: bullets\n    title: '{TOO_LONG_TITLE}'\n    bullets: [b]\n")
    _brand(tmp_path, "title: 36\n  title-min: 28\n", "title: 36.5\n  title-min: 28.5\n")  # sizes in half points
    english, danish = build_in_both(tmp_path, monkeypatch)
    assert english.exit_code == 0
    assert messages(english) == [f"deck.yaml:6:5: warning: the title '{TOO_LONG_TITLE}' is too long for the title "
                                 "box; it is set at 27.5 pt, below the brand's 28.5 pt — shorten it"]
    assert messages(danish) == [f"deck.yaml:6:5: advarsel: titlen '{TOO_LONG_TITLE}' er for lang til titelfeltet; den "
                                "er sat med 27,5 pt, mindre end designprofilens 28,5 pt — forkort den"]


def test_a_title_that_does_not_fit_even_at_12_pt_stops_the_build_in_both_languages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ten written lines: more than the title box holds even at 12 pt (a long title alone wraps into it small)
    lines = "ABCDEFGHIJ"
    escaped = "\\n".join(lines)  # YAML's escape inside double quotes
    write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: A\n    bullets: [a]\n"
                         f"  - kind: bullets\n    title: \"{escaped}\"\n    bullets: [b]\n")
    english, danish = build_in_both(tmp_path, monkeypatch)
    shown = escaped  # a line break is shown as \\n in a message
    assert english.exit_code == danish.exit_code == 1
    assert english.stderr == (f"deck.yaml:6:5: the title '{shown}' does not fit in the title box even at 12 pt — "
                              "shorten it\n")
    assert danish.stderr == f"deck.yaml:6:5: titlen '{shown}' kan ikke være i titelfeltet selv med 12 pt — forkort den\n"
    assert not (tmp_path / "out.pptx").exists()


def test_two_slides_with_the_same_title_are_warned_about_in_danish(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: Status\n    bullets: [a]\n"
                         "  - kind: bullets\n    title: Status\n    bullets: [b]\n")
    english, danish = build_in_both(tmp_path, monkeypatch)
    assert english.exit_code == 0
    assert messages(english) == ["deck.yaml:6:5: warning: slide 2 has the same title as slide 1 ('Status') — give "
                                 "each slide its own title so screen reader users can tell them apart"]
    assert messages(danish) == ["deck.yaml:6:5: advarsel: dias 2 har samme titel som dias 1 ('Status') — giv hvert "
                                "dias sin egen titel, så de, der bruger skærmlæser, kan kende forskel på dem"]


def test_continues_without_the_same_title_before_it_is_an_error_in_danish(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n"
                         "  - kind: bullets\n    title: U\n    continues: true\n    bullets: [b]\n")
    english, danish = build_in_both(tmp_path, monkeypatch)
    assert english.exit_code == 1
    assert english.stderr.splitlines() == ["deck.yaml:6:5: 'continues: true' needs a bullets slide with the same "
                                           "title just before it — remove 'continues' or give it the previous "
                                           "slide's title"]
    assert danish.stderr.splitlines() == ["deck.yaml:6:5: 'continues: true' kræver, at diasset lige før er et dias af "
                                          "typen bullets med samme titel — fjern 'continues', eller giv diasset samme "
                                          "titel som det forrige"]
    assert not (tmp_path / "out.pptx").exists()


def test_a_tables_longest_word_sets_it_smaller_and_says_so_in_danish(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    rows = f"      - ['{TABLE_WORD}', '{TABLE_WORD[:30]}', '{TABLE_WORD[5:40]}']\n      - [a, b, c]\n"
    write_deck(tmp_path, "title: T\nslides:\n  - kind: table\n    title: Møder\n    columns: [Et, To, Tre]\n"
                         f"    rows:\n{rows}")
    english, danish = build_in_both(tmp_path, monkeypatch)
    assert english.exit_code == 0
    [line] = messages(english)
    size = re.search(r"set at ([\d.]+) pt", line).group(1)
    assert float(size) < 18
    assert line == (f"deck.yaml:3:5: warning: the table 'Møder' is set at {size} pt, below the brand's 18 pt, so "
                    "that its longest words fit their columns — shorten them or use fewer columns")
    assert messages(danish) == [f"deck.yaml:3:5: advarsel: tabellen 'Møder' er sat med {size.replace('.', ',')} pt, "
                                "mindre end designprofilens 18 pt, så dens længste ord kan stå i deres kolonner — "
                                "forkort dem, eller brug færre kolonner"]


def test_a_timeline_and_statements_shrunk_to_one_slide_are_warned_about_in_danish(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = "".join(f"      - {{date: 2024-01-{d + 1:02}, text: '{LONG_STEP.format(n=d + 1)}'}}\n" for d in range(6))
    statements = "".join(f"      - '{LONG_STEP.format(n=d + 1)}'\n" for d in range(6))
    write_deck(tmp_path, "title: T\nslides:\n"
                         f"  - kind: process\n    title: Forløb\n    overflow: shrink\n    steps:\n{steps}"
                         f"  - kind: statements\n    title: Udsagn\n    overflow: shrink\n    statements:\n{statements}")
    english, danish = build_in_both(tmp_path, monkeypatch)
    assert english.exit_code == 0
    timeline, cards = messages(english)
    sizes = [re.search(r"set at ([\d.]+) pt", line).group(1) for line in (timeline, cards)]
    assert all(float(s) < 18 for s in sizes)
    assert timeline == (f"deck.yaml:3:5: warning: the timeline steps are set at {sizes[0]} pt, below the brand's 18 pt, "
                        "to fit one slide — shorten them or set 'overflow: continue'")
    assert cards.startswith(f"deck.yaml:13:5: warning: the statements are set at {sizes[1]} pt, below the brand's")
    danish_sizes = [s.replace(".", ",") for s in sizes]
    assert messages(danish) == [
        f"deck.yaml:3:5: advarsel: trinene på tidslinjen er sat med {danish_sizes[0]} pt, mindre end designprofilens "
        "18 pt, for at være på ét dias — forkort dem, eller skriv 'overflow: continue'",
        f"deck.yaml:13:5: advarsel: udsagnene er sat med {danish_sizes[1]} pt, mindre end designprofilens 18 pt, for at "
        "være på ét dias — forkort dem, eller skriv 'overflow: continue'"]
    assert any("," in s for s in danish_sizes)  # a half point: the Danish decimal comma is seen


def test_a_footer_too_long_for_the_templates_footer_box_is_left_out_and_said_so_in_danish(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: A\n    bullets: [a]\n")
    _brand(tmp_path, "footer: KKR-evalueringen · Kommunekontaktrådene", f"footer: {LONG_FOOTER}")
    line = next(n for n, text in enumerate((tmp_path / "assets" / "brand.yaml").read_text(encoding="utf-8")
                                            .splitlines(), start=1) if text.startswith("footer:"))
    template = make.python_pptx_default()
    english, danish = build_in_both(tmp_path, monkeypatch, "--template", str(template))
    assert english.exit_code == 0
    footer = [m for m in messages(english) if "footer" in m]
    assert footer == [f"assets/brand.yaml:{line}:9: warning: the footer text '{LONG_FOOTER}' is too long for "
                      f"{template}'s footer box (8.0 cm at 9 pt), so it is left out — shorten 'footer:' in the brand "
                      "file"]
    assert [m for m in messages(danish) if "sidefod" in m] == [
        f"assets/brand.yaml:{line}:9: advarsel: sidefodsteksten '{LONG_FOOTER}' er for lang til sidefodsfeltet i "
        f"{template} (8,0 cm ved 9 pt), så kkrdeck udelader den — forkort 'footer:' i designprofilen"]


def test_a_long_caption_set_smaller_is_warned_about_in_good_english_and_in_danish(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    caption = ("Kommunekontaktrådenes logo, som det ser ud på alle mødematerialer, rapporter og præsentationer i "
               "kommunerne og i de fem regioner")
    write_deck(tmp_path, "title: T\nslides:\n  - kind: image\n    title: Billede\n    image: assets/logo.png\n"
                         f"    alt: KKR's logo\n    caption: '{caption}'\n")
    english, danish = build_in_both(tmp_path, monkeypatch)
    assert english.exit_code == 0
    assert messages(english) == ["deck.yaml:3:5: warning: the caption is set at 15.5 pt, below the brand's 16 pt — "
                                 "shorten it"]
    assert messages(danish) == ["deck.yaml:3:5: advarsel: billedteksten er sat med 15,5 pt, mindre end "
                                "designprofilens 16 pt — forkort den"]
