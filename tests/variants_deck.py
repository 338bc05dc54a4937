"""The default deck as the five KKR meetings: a variants block, placeholders, and slides of their own."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT

REGIONS = {  # name → (region, town, date)
    "hovedstaden": ("Hovedstaden", "København", "2017-08-31"),
    "sjaelland": ("Sjælland", "Sorø", "2017-08-31"),
    "syddanmark": ("Syddanmark", "Vejle", "2017-09-01"),
    "midtjylland": ("Midtjylland", "Silkeborg", "2017-09-01"),
    "nordjylland": ("Nordjylland", "Aalborg", "2017-09-01"),
}
DANISH_DATES = {"2017-08-31": "31. august 2017", "2017-09-01": "1. september 2017"}

EXTRA = '''
  - kind: bullets
    title: Særligt for hovedstadsområdet
    only: [hovedstaden]
    bullets: ["Krølleparenteser skrives {{ og }}", "Mødet holdes i {by} den {date}"]
  - kind: bullets
    title: Ikke i Nordjylland
    skip: nordjylland
    bullets: ["Gælder {region} ({variant})"]
'''


def variants_block() -> str:
    lines = ["variants:"]
    for name, (region, town, date) in REGIONS.items():
        lines += [f"  {name}:", f"    date: {date}", f"    values: {{region: {region}, by: {town}}}"]
    return "\n".join(lines) + "\n"


def five_variant_text() -> str:
    text = (ROOT / "deck.yaml").read_text(encoding="utf-8")
    text = text.replace("subtitle: Ekstern evaluering af kommunekontaktrådene",
                        "subtitle: Drøftelse i KKR {region}", 1)
    text = text.replace("\nslides:\n", "\n" + variants_block() + "\nslides:\n", 1)
    text = text.replace("    subtitle: Baggrund, proces og tre evalueringstemaer",
                        "    subtitle: Møde i {by}, {date}\n    notes: Velkommen til KKR {region} i {by}.", 1)
    return text.rstrip("\n") + "\n" + EXTRA


def write_five_variant_deck(folder: Path, text: str | None = None) -> Path:
    """deck.yaml (the five-variant default deck, or `text`) with the repository's brand beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "assets").exists():
        shutil.copytree(ROOT / "assets", folder / "assets")
    deck = folder / "deck.yaml"
    deck.write_text(five_variant_text() if text is None else text, encoding="utf-8")
    return deck
