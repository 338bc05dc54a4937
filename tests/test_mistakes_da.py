"""The mistakes corpus in Danish: the same positions and exit codes, the messages pinned in Danish."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_mistakes import MISTAKES, make_folder, previous_output, run, snapshot  # noqa: F401 (a fixture)

KINDS = "title, section, bullets, process, statements, two-column, image, table, chart"
# The Danish text of the most common mistakes, by the corpus' name for them.
DANISH = {
    "tab-indent": ("deck.yaml:3:1: linjen er rykket ind med tabulator — YAML kræver mellemrum; erstat tabulatoren med "
                   "mellemrum",),
    "unclosed-quote": ('deck.yaml:1:8: dette anførselstegn (") lukkes aldrig — tilføj det afsluttende ", hvor teksten '
                       'slutter',),
    "colon-in-title": ("deck.yaml:1:14: et ':' inde i en værdi forvirrer YAML — sæt hele teksten i anførselstegn, "
                       "f.eks. \"Tema 1: KKR\"",),
    "duplicate-key": ("deck.yaml:2:1: nøglen 'title' står to gange i denne blok (første gang i linje 1) — behold kun "
                      "én af dem",),
    "no-deck-file": ("nope.yaml: filen findes ikke — tjek navnet, eller kør 'kkrdeck new MAPPE' for at starte en ny "
                     "præsentation",),
    "unknown-key-suggested": ("deck.yaml:5:5: ukendt nøgle 'buletts' i et dias af typen bullets — mente du "
                              "'bullets'?",),
    "unknown-kind-suggested": (f"deck.yaml:3:11: ukendt diastype 'Bullets' — mente du 'bullets'? (typer: {KINDS})",),
    "no-kind": (f"deck.yaml:3:5: diasset har ingen 'kind' — tilføj f.eks. 'kind: bullets' som dets første linje "
                f"(typer: {KINDS})",),
    "empty-bullet": ("deck.yaml:6:8: dette punkt har ingen tekst — skriv den efter '- ', eller fjern linjen",),
    "danish-date-order": ("deck.yaml:2:7: kkrdeck kan ikke læse datoen '17-08-2017' — skriv den som 2017-08-17 "
                          "(år-måned-dag)",),
    "bullet-with-colon": ("deck.yaml:6:9: dette punkt indeholder ': ', så YAML læser teksten som 'nøgle: værdi' — sæt hele "
                          "teksten i anførselstegn, f.eks. \"Konklusion: generelt opbakning\"",),
    "image-without-alt": ("deck.yaml:5:5: billedet mangler en alternativ tekst — tilføj 'alt:' med en kort beskrivelse "
                          "af billedet til dem, der ikke kan se det, eller 'decorative: true', hvis det kun er pynt",),
    "image-wrong-case": ("deck.yaml:5:12: billedet 'assets/Logo.PNG' findes ikke — mente du 'assets/logo.png'?",),
    "text-for-list": ("deck.yaml:5:14: 'bullets' skal være en liste med hvert punkt på sin egen linje, der starter med "
                      "'- ' (her står teksten 'Godt politisk koordineringsforum')",),
    "one-statement": ("deck.yaml:6:7: et dias af typen statements skal have mindst 2 udsagn (her er 1) — tilføj 1 "
                      "mere",),
    "too-many-slides": ("deck.yaml:3:3: en præsentation kan højst have 1.000 dias (her er 1.001) — del præsentationen "
                        "op i mindre præsentationer",),
    "brand-colour-name": ("assets/brand.yaml:4:12: 'navy' er ikke en farve — skriv den som \"#RRGGBB\" (seks hexcifre "
                          "i anførselstegn), f.eks. \"#1B3A5C\"",),
    "brand-colors-spelling": ("assets/brand.yaml:3:1: ukendt nøgle 'colors' i designprofilen — mente du 'colours'?",),
    "image-outside-folder": ("deck.yaml:5:12: billedet '~/.ssh/id_rsa' ligger uden for dispositionens mappe — kkrdeck "
                             "bruger kun filer i dispositionens og designprofilens mapper; kopier filen derind, eller "
                             "brug --allow-outside, hvis du stoler på præsentationen",),
    "output-not-by-kkrdeck": ("theirs.pptx: filen er ikke skrevet af kkrdeck, så den bliver ikke overskrevet — vælg et "
                              "andet navn, eller flyt filen først",),
}
BY_NAME = {m.name: m for m in MISTAKES}


def where(line: str) -> str:
    """The position a message points at ('deck.yaml:5:5'), the part before the words."""
    return line.split(": ", 1)[0]


@pytest.mark.parametrize("name", sorted(DANISH))
def test_a_danish_user_gets_the_message_in_danish_at_the_same_place(
        name: str, danish: None, previous_output: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mistake = BY_NAME[name]
    folder = make_folder(tmp_path, mistake, previous_output)
    before = snapshot(folder)
    result = run(folder, mistake.args, monkeypatch)
    assert result.stderr.splitlines() == list(DANISH[name])
    assert [where(line) for line in result.stderr.splitlines()] == [where(line) for line in mistake.stderr]
    assert result.exit_code == mistake.code
    assert snapshot(folder) == before


def test_check_sums_up_in_danish_with_danish_plurals(danish: None, previous_output: bytes, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_folder(tmp_path, BY_NAME["brand-and-deck-together"], previous_output)
    result = run(folder, ("check", "deck.yaml"), monkeypatch)
    assert result.stdout == "2 fejl, 0 advarsler, 0 bemærkninger — ret fejlene, og tjek igen\n"
    assert result.exit_code == 1
