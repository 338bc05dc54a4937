"""The mistakes corpus in Danish: every mistake's messages pinned in Danish, at the same positions, with the same
exit codes, and nothing written — as a Danish user (LANG=da_DK.UTF-8) meets them through build and check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_deck
from tests.test_mistakes import MISTAKES, Mistake, make_folder, previous_output, run, snapshot  # noqa: F401 (a fixture)

KINDS = "title, section, bullets, process, statements, two-column, image, table, chart"
# The Danish text of every mistake in tests/test_mistakes.py, by the corpus' name for it.
DANISH = {
    "tab-indent": ("deck.yaml:3:1: linjen er rykket ind med tabulator — YAML kræver mellemrum; erstat "
                   "tabulatoren med mellemrum",),
    "unclosed-quote": ('deck.yaml:1:8: dette anførselstegn (") lukkes aldrig — tilføj det afsluttende ", hvor '
                       "teksten slutter",),
    "colon-in-title": ("deck.yaml:1:14: et ':' inde i en værdi forvirrer YAML — sæt hele teksten i "
                       'anførselstegn, f.eks. "Tema 1: KKR"',),
    "duplicate-key": ("deck.yaml:2:1: nøglen 'title' står to gange i denne blok (første gang i linje 1) — "
                      "behold kun én af dem",),
    "not-utf8": ("deck.yaml:1:9: filen er ikke gemt som UTF-8 (byte 0xf8) — gem den som UTF-8 (i de fleste "
                 "editorer: Gem som → Kodning → UTF-8)",),
    "empty-file": ("deck.yaml: filen er tom — skriv dispositionen i den, eller kør 'kkrdeck new MAPPE' for at "
                   "starte fra et eksempel",),
    "no-deck-file": ("nope.yaml: filen findes ikke — tjek navnet, eller kør 'kkrdeck new MAPPE' for at starte "
                     "en ny præsentation",),
    "file-too-large": ("deck.yaml: filen fylder 1.100.009 byte, og grænsen er 1.000.000 byte — del den op i "
                       "mindre præsentationer",),
    "billion-laughs": ("deck.yaml:5:20: dispositionen er for stor: mere end 50.000 elementer (grænsen), når "
                       "hver '*'-henvisning tælles som en hel kopi — del den op i mindre præsentationer, eller "
                       "brug færre henvisninger",),
    "unknown-key-suggested": ("deck.yaml:5:5: ukendt nøgle 'buletts' i et dias af typen bullets — mente du "
                              "'bullets'?",),
    "unknown-key-listed": ("deck.yaml:5:5: ukendt nøgle 'colour' i et dias af typen section — her kan du bruge "
                           "nøglerne: kind, title, notes, overflow, subtitle",),
    "key-of-another-kind": ("deck.yaml:6:5: ukendt nøgle 'steps' i et dias af typen bullets — 'steps' hører til "
                            "dias af typen process; fjern den, eller ret 'kind:'",),
    "slide-key-at-deck-level": ("deck.yaml:3:5: dette dias af typen bullets har ingen 'bullets' — tilføj "
                                "'bullets:', og skriv ét punkt pr. linje under den; hver linje starter med '- '",
                                "deck.yaml:5:1: ukendt nøgle 'bullets' i dispositionen — 'bullets' hører til på "
                                "et dias: ryk linjen ind, så den flugter med diassets 'kind:' og 'title:'",),
    "escape-in-key": ("deck.yaml:5:5: ukendt nøgle '\\x1b[31mred' i et dias af typen section — her kan du bruge "
                      "nøglerne: kind, title, notes, overflow, subtitle",),
    "no-deck-title": ("deck.yaml:1:1: dispositionen har ingen 'title' — tilføj 'title: …'",),
    "no-slides": ("deck.yaml:1:1: dispositionen har ingen 'slides' — tilføj 'slides:', og skriv diassene under "
                  "den; hvert dias starter med '- kind:'",),
    "unknown-kind-suggested": ("deck.yaml:3:11: ukendt diastype 'Bullets' — mente du 'bullets'? (typer: "
                               f"{KINDS})",),
    "unknown-kind-listed": (f"deck.yaml:3:11: ukendt diastype 'video' — brug en af: {KINDS}",),
    "no-kind": ("deck.yaml:3:5: diasset har ingen 'kind' — tilføj f.eks. 'kind: bullets' som diassets første "
                f"linje (typer: {KINDS})",),
    "type-for-kind": ("deck.yaml:3:5: ukendt nøgle 'type' i et dias — mente du 'kind'?",),
    "slide-as-text": ("deck.yaml:3:5: hvert dias skal være en blok af 'nøgle: værdi'-linjer, der starter med "
                      "'kind:' (her står teksten 'Baggrund og metode')",),
    "slides-no-value": ("deck.yaml:2:8: 'slides' er tom — tilføj mindst ét dias under 'slides:'; hvert dias "
                        "starter med '- kind:'",),
    "slides-empty-list": ("deck.yaml:2:9: 'slides' er tom — tilføj mindst ét dias under 'slides:'; hvert dias "
                          "starter med '- kind:'",),
    "empty-bullet": ("deck.yaml:6:8: dette punkt har ingen tekst — skriv den efter '- ', eller fjern linjen",),
    "empty-title": ("deck.yaml:4:12: 'title' er tom — skriv teksten efter 'title:'",),
    "bullets-without-title": ("deck.yaml:3:5: dette dias af typen bullets har ingen 'title' — tilføj 'title: "
                              "…', eller 'continues: true', hvis det fortsætter diasset før det",),
    "not-a-real-date": ("deck.yaml:2:7: '2017-13-01' er ikke en rigtig dato — tjek måned og dag (ÅÅÅÅ-MM-DD)",),
    "danish-date-order": ("deck.yaml:2:7: kkrdeck kan ikke læse datoen '17-08-2017' — skriv den som 2017-08-17 "
                          "(år-måned-dag)",),
    "until-before-date": ("deck.yaml:7:16: 'until' (2017-08-30) skal være en senere dag end 'date' (2017-08-31) "
                          "— den er sidste dag i et trin, der varer flere dage; ret datoerne, eller fjern "
                          "'until'",),
    "javascript-link": ("deck.yaml:6:9: linket 'javascript:alert(1)' er ikke en web- eller mailadresse — links "
                        "skal starte med https://, http:// eller mailto:",),
    "file-link": ("deck.yaml:5:15: linket 'file:///etc/passwd' er ikke en web- eller mailadresse — links skal "
                  "starte med https://, http:// eller mailto:",),
    "nested-too-deep": ("deck.yaml:13:29: punkter kan højst gå 4 niveauer ned — flyt disse underpunkter et "
                        "niveau op eller over på et dias for sig",),
    "two-sublists": ("deck.yaml:8:9: et punkt kan kun have én liste af underpunkter, ikke både 'bullets' og "
                     "'arrows' — behold kun én af dem",),
    "sub-items-without-text": ("deck.yaml:6:9: dette punkt har ingen 'text' — tilføj 'text: …' med punktets "
                               "egen tekst over listen af underpunkter",),
    "list-for-text": ("deck.yaml:2:3: 'title' skal være tekst, ikke en liste — skriv teksten efter 'title:'",),
    "text-for-list": ("deck.yaml:5:14: 'bullets' skal være en liste med hvert punkt på sin egen linje, der "
                      "starter med '- ' (her står teksten 'Godt politisk koordineringsforum')",),
    "text-for-block": ("deck.yaml:5:11: 'left' skal være en blok af linjer som 'heading:', 'bullets:' (her står "
                       "teksten 'Før')",),
    "bullet-with-colon": ("deck.yaml:6:9: dette punkt indeholder ': ', så YAML læser teksten som 'nøgle: værdi' "
                          '— sæt hele teksten i anførselstegn, f.eks. "Konklusion: generelt opbakning"',),
    "statement-with-colon": ("deck.yaml:7:9: dette udsagn indeholder ': ', så YAML læser teksten som 'nøgle: "
                             'værdi\' — sæt hele teksten i anførselstegn, f.eks. "Tema 1: KKR"',),
    "one-statement": ("deck.yaml:6:7: et dias af typen statements skal have mindst 2 udsagn (her er 1) — tilføj "
                      "1 mere",),
    "nine-steps": ("deck.yaml:6:7: et dias af typen process kan højst have 8 procestrin (her er 9) — fordel "
                   "processen på to dias af typen process",),
    "row-too-short": ("deck.yaml:8:9: række 2 har 1 celle, men tabellen har 2 kolonner — giv hver række én "
                      'celle pr. kolonne ("" for en tom celle)',),
    "overflow-typo": ("deck.yaml:5:15: 'overflow' skal være en af: continue, shrink, error (her står 'shrnk') — "
                      "mente du 'shrink'?",),
    "language-word": ("deck.yaml:2:11: 'dansk' er ikke en sprogkode — skriv den som da-DK eller en-GB",),
    "image-without-alt": ("deck.yaml:5:5: billedet mangler en alternativ tekst — tilføj 'alt:' med en kort "
                          "beskrivelse af billedet til dem, der ikke kan se det, eller 'decorative: true', hvis "
                          "det kun er pynt",),
    "alt-no-value": ("deck.yaml:6:9: 'alt' er tom — beskriv billedet for dem, der ikke kan se det, eller skriv "
                     "'decorative: true' i stedet, hvis billedet kun er pynt",),
    "decorative-maybe": ("deck.yaml:6:17: 'decorative' skal være true eller false (her står 'maybe')",),
    "continues-yes": ("deck.yaml:7:16: 'continues' skal være true eller false (her står 'yes')",),
    "too-many-slides": ("deck.yaml:3:3: en præsentation kan højst have 1.000 dias (her er 1.001) — del "
                        "præsentationen op i mindre præsentationer",),
    "text-too-long": ("deck.yaml:6:9: dette punkt har for lang tekst: 2.399 tegn, og grænsen er 2.000 — forkort "
                      "den, eller del den op i flere punkter",),
    "image-outside-folder": ("deck.yaml:5:12: billedet '~/.ssh/id_rsa' ligger uden for dispositionens mappe — "
                             "kkrdeck bruger kun filer i dispositionens og designprofilens mapper; kopier filen "
                             "derind, eller brug --allow-outside, hvis du stoler på præsentationen",),
    "image-symlink-outside": ("deck.yaml:5:12: billedet 'kort.png' ligger uden for dispositionens mappe — "
                              "kkrdeck bruger kun filer i dispositionens og designprofilens mapper; kopier "
                              "filen derind, eller brug --allow-outside, hvis du stoler på præsentationen",),
    "image-wrong-case": ("deck.yaml:5:12: billedet 'assets/Logo.PNG' findes ikke — mente du 'assets/logo.png'?",),
    "image-backslashes": ("deck.yaml:5:12: billedet 'assets\\logo.png' findes ikke — skriv mapper med '/', "
                          "f.eks. billeder/kort.png",),
    "image-not-a-picture": ("deck.yaml:5:12: kkrdeck kan ikke læse billedet 'kort.png' — brug en PNG- eller "
                            "JPEG-fil",),
    "image-bomb": ("deck.yaml:5:12: billedet 'kort.png' har for mange pixels (over 60 megapixel) — gør billedet "
                   "mindre, før du bruger det",),
    "image-is-a-folder": ("deck.yaml:5:12: billedet 'assets' er en mappe, ikke en fil — angiv stien til en fil "
                          "i mappen",),
    "template-not-pptx": ("deck.yaml:2:11: skabelonen 'assets/logo.png' kan ikke bruges: den er ikke en "
                          "PowerPoint-fil — brug en .pptx- eller .potx-fil (i PowerPoint: Filer → Gem som → "
                          "PowerPoint-skabelon)",),
    "brand-missing": ("deck.yaml:2:8: designprofilen 'brand.yml' findes ikke — tjek navnet; stien regnes fra "
                      "den mappe, deck.yaml ligger i",),
    "brand-outside": ("deck.yaml:2:8: designprofilen '../brand.yaml' ligger uden for dispositionens mappe — "
                      "kkrdeck bruger kun filer i dispositionens mappe; kopier filen derind, eller brug "
                      "--allow-outside, hvis du stoler på præsentationen",),
    "brand-colour-name": ('assets/brand.yaml:4:12: \'navy\' er ikke en farve — skriv den som "#RRGGBB" (seks '
                          'hexcifre i anførselstegn), f.eks. "#1B3A5C"',),
    "brand-colour-unquoted": ("assets/brand.yaml:4:11: 'primary' er tom — skriv farven i anførselstegn, f.eks. "
                              'primary: "#1B3A5C" (uden anførselstegn læser YAML alt efter # som en kommentar)',),
    "brand-colour-short": ("assets/brand.yaml:8:15: '#fff' er ikke en farve, som kkrdeck kan bruge — skriv alle "
                           'seks hexcifre i anførselstegn: "#FFFFFF"',),
    "brand-colors-spelling": ("assets/brand.yaml:3:1: ukendt nøgle 'colors' i designprofilen — mente du "
                              "'colours'?",),
    "brand-size-out-of-range": ("assets/brand.yaml:20:10: 'title' må højst være 80 pt (her står 100)",),
    "brand-size-with-unit": ("assets/brand.yaml:23:13: 'body-min' skal være et tal i punkt, f.eks. 18 (her står "
                             "'18pt')",),
    "brand-min-above-size": ("assets/brand.yaml:21:14: 'title-min' (40) er større end 'title' (36) — den "
                             "mindste størrelse, teksten må skrumpe til, kan ikke være større end den normale "
                             "størrelse",),
    "brand-font-missing": ("assets/brand.yaml:16:13: skrifttypefilen 'fonts/Carlito-Bolt.ttf' findes ikke — "
                           "mente du 'fonts/Carlito-Bold.ttf'?",),
    "brand-logo-not-an-image": ("assets/brand.yaml:25:7: kkrdeck kan ikke læse logoet "
                                "'fonts/Carlito-LICENSE.txt' — brug en PNG- eller JPEG-fil",),
    "brand-slide-numbers-ja": ("assets/brand.yaml:27:16: 'slide-numbers' skal være true eller false (her står "
                               "'ja')",),
    "brand-aspect": ("assets/brand.yaml:28:9: 'aspect' skal være en af: 16:9, 4:3 (her står '16:10')",),
    "brand-and-deck-together": ('assets/brand.yaml:4:12: \'navy\' er ikke en farve — skriv den som "#RRGGBB" '
                                '(seks hexcifre i anførselstegn), f.eks. "#1B3A5C"',
                                "deck.yaml:4:5: ukendt nøgle 'titel' i et dias af typen section — mente du "
                                "'title'?",),
    "output-not-pptx": ("deck.yaml: resultatet skal være en .pptx-fil — kald den f.eks. deck.pptx",),
    "output-is-the-deck": ("talk.pptx: det er selve dispositionen — vælg et andet navn til resultatet",),
    "output-not-by-kkrdeck": ("theirs.pptx: filen er ikke skrevet af kkrdeck, så den bliver ikke overskrevet — "
                              "vælg et andet navn, eller flyt filen først",),
    "unknown-option": ("Brug: kkrdeck check [OPTIONS] [DECK]",
                       "Skriv 'kkrdeck check --help' for at få hjælp.",
                       "",
                       "Fejl: Tilvalget '--stric' findes ikke. Mente du '--strict'?",),
    "new-without-folder": ("Brug: kkrdeck new [OPTIONS] FOLDER",
                           "Skriv 'kkrdeck new --help' for at få hjælp.",
                           "",
                           "Fejl: Mangler argumentet 'FOLDER'.",),
    "unknown-command": ("Brug: kkrdeck [OPTIONS] COMMAND [ARGS]...",
                        "Skriv 'kkrdeck --help' for at få hjælp.",
                        "",
                        "Fejl: Kommandoen 'bild' findes ikke. Mente du 'build'?",),
}

BY_NAME = {m.name: m for m in MISTAKES}


def where(line: str) -> str:
    """The position a message points at ('deck.yaml:5:5'), the part before the words."""
    return line.split(": ", 1)[0]


def test_every_mistake_of_the_corpus_is_pinned_in_danish() -> None:
    assert list(DANISH) == [m.name for m in MISTAKES]
    assert [len(DANISH[m.name]) for m in MISTAKES] == [len(m.stderr) for m in MISTAKES]


def test_every_danish_line_is_really_translated() -> None:
    """No Danish line is its English line again: only the empty line click puts between usage and error may be."""
    same = [(m.name, en) for m in MISTAKES for en, da in zip(m.stderr, DANISH[m.name]) if en == da and en.strip()]
    assert same == []


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name)
def test_a_danish_user_gets_the_message_in_danish_at_the_same_place(
        mistake: Mistake, danish: None, previous_output: bytes, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_folder(tmp_path, mistake, previous_output)
    before = snapshot(folder)
    result = run(folder, mistake.args, monkeypatch)
    assert result.stderr.splitlines() == list(DANISH[mistake.name])
    if mistake.code == 1:  # a mistake in the deck points at its place; click's usage lines (exit 2) at none
        assert [where(line) for line in result.stderr.splitlines()] == [where(line) for line in mistake.stderr]
    assert result.exit_code == mistake.code
    assert isinstance(result.exception, SystemExit)  # not a traceback
    assert result.stdout == ""
    assert snapshot(folder) == before  # nothing written, yesterday's output intact
    assert (folder / "out" / "deck.pptx").read_bytes() == previous_output


@pytest.mark.parametrize("mistake", [m for m in MISTAKES if m.deck_only], ids=lambda m: m.name)
def test_check_tells_a_danish_user_the_same_and_sums_up_in_danish(
        mistake: Mistake, danish: None, previous_output: bytes, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_folder(tmp_path, mistake, previous_output)
    before = snapshot(folder)
    result = run(folder, ("check", "deck.yaml"), monkeypatch)
    assert result.stderr.splitlines() == list(DANISH[mistake.name])
    assert result.exit_code == 1
    errors = len(mistake.stderr)
    them = "fejlen" if errors == 1 else "fejlene"
    assert result.stdout == f"{errors} fejl, 0 advarsler, 0 bemærkninger — ret {them}, og tjek igen\n"
    assert snapshot(folder) == before


def test_check_sums_up_in_danish_with_danish_plurals(danish: None, previous_output: bytes, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_folder(tmp_path, BY_NAME["brand-and-deck-together"], previous_output)
    result = run(folder, ("check", "deck.yaml"), monkeypatch)
    assert result.stdout == "2 fejl, 0 advarsler, 0 bemærkninger — ret fejlene, og tjek igen\n"
    assert result.exit_code == 1


# --- the ten most common mistakes in one deck, as a Danish user's own terminal runs kkrdeck ---------------------

TEN = ROOT / "tests" / "data" / "ten_mistakes_da.yaml"
ALT = ("billedet mangler en alternativ tekst — tilføj 'alt:' med en kort beskrivelse af billedet til dem, der ikke kan "
       "se det, eller 'decorative: true', hvis det kun er pynt")
TEN_IN_DANISH = [
    "deck.yaml:3:7: '1. september 2017' er ikke en dato — skriv datoer som ÅÅÅÅ-MM-DD, f.eks. 2017-08-17",
    f"deck.yaml:9:11: ukendt diastype 'bulets' — mente du 'bullets'? (typer: {KINDS})",
    "deck.yaml:13:5: ukendt nøgle 'titel' i et dias af typen bullets — mente du 'title'?",
    "deck.yaml:17:14: 'bullets' er tom — tilføj mindst 1 punkt under den; hver linje starter med '- '",
    f"deck.yaml:20:5: {ALT}",
    "deck.yaml:20:12: billedet 'assets/findes-ikke.png' findes ikke — tjek navnet; stien regnes fra den mappe, "
    "deck.yaml ligger i",
    f"deck.yaml:23:5: {ALT}",
    "deck.yaml:28:16: 'until' (2017-08-17) skal være en senere dag end 'date' (2017-08-24) — den er sidste dag i et "
    "trin, der varer flere dage; ret datoerne, eller fjern 'until'",
    "deck.yaml:34:17: et dias af typen statements skal have mindst 2 udsagn (her er 1) — tilføj 1 mere",
    "deck.yaml:39:9: række 1 har 1 celle, men tabellen har 2 kolonner — giv hver række én celle pr. kolonne (\"\" for "
    "en tom celle)",
    "deck.yaml:42:15: linket 'ftp://kl.dk/rapport' er ikke en web- eller mailadresse — links skal starte med "
    "https://, http:// eller mailto:",
]


def test_a_danish_locale_gets_the_ten_most_common_mistakes_in_danish_and_nothing_is_written(
        previous_output: bytes, tmp_path: Path) -> None:
    """`LANG=da_DK.UTF-8 kkrdeck build` in a real process: no KKRDECK_LANG, the locale alone chooses Danish."""
    write_deck(tmp_path, TEN.read_text(encoding="utf-8"))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "deck.pptx").write_bytes(previous_output)
    before = snapshot(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("KKRDECK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG="da_DK.UTF-8", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "kkrdeck", "build"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, check=False)
    assert done.stderr.splitlines() == TEN_IN_DANISH
    assert done.returncode == 1
    assert done.stdout == ""
    assert snapshot(tmp_path) == before  # nothing written, yesterday's output intact


def test_the_ten_mistakes_point_at_the_same_places_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, TEN.read_text(encoding="utf-8"))
    result = run(tmp_path, ("build",), monkeypatch)
    assert [where(line) for line in result.stderr.splitlines()] == [where(line) for line in TEN_IN_DANISH]
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()
