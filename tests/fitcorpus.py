"""Decks of varied Danish text for testing measured fitting against LibreOffice's rendering."""

from __future__ import annotations

import random

WORDS = ("kommune region borgmester og i at det en til af som er på med for der ikke de den har ved KKR KL "
         "udvalg møde politisk samarbejde opgave økonomi velfærd sundhed beskæftigelse dagtilbud skole ældre "
         "kvalitet udvikling strategi fælles regionale fora formandskab næstformand bestyrelse evaluering "
         "koordinering vidensdeling relation mandat væsentlighed drøftelse konsensus").split()
COMPOUNDS = ("kommunalbestyrelsesmedlemmer", "spørgeskemaundersøgelse", "koordineringsopgaver",
             "embedssystemet", "tværkommunale", "kommunekontaktrådene", "beskæftigelsesindsatsen",
             "sundhedsaftaleforhandlingerne", "KKR-formandskaber", "politikdannelsen", "mødematerialer",
             "ungdomsuddannelsesvejledning", "erhvervsuddannelsesreformen")
LONG = ("Arbejdsmarkedsuddannelsesforpligtelsesbekendtgørelsesændringsforslag",
        "Kommunalbestyrelsesmedlemsforberedelsesmaterialesamling")


def sentence(rng: random.Random, words: int) -> str:
    out = []
    for _ in range(words):
        roll = rng.random()
        if roll < 0.12:
            out.append(rng.choice(COMPOUNDS))
        elif roll < 0.14:
            out.append(rng.choice(LONG))
        else:
            out.append(rng.choice(WORDS))
    text = " ".join(out)
    return text[0].upper() + text[1:]


def bullets_yaml(rng: random.Random, count: int, max_words: int, depth: int, indent: str = "      ") -> str:
    lines = []
    for _ in range(count):
        text = sentence(rng, rng.randint(1, max_words)).replace("'", "’")
        if depth > 1 and rng.random() < 0.35:
            key = rng.choice(("bullets", "numbered", "arrows"))
            lines.append(f"{indent}- text: '{text}'")
            lines.append(f"{indent}  {key}:")
            lines.append(bullets_yaml(rng, rng.randint(1, 3), max_words, depth - 1, indent + "    "))
        else:
            lines.append(f"{indent}- '{text}'")
    return "\n".join(lines)


def varied_deck(seed: int = 7, slides: int = 12) -> str:
    """Short, long, many bullets, deep nesting, long words and Danish compounds, each slide different."""
    rng = random.Random(seed)
    out = ["title: Tilpasningstest", "slides:"]
    shapes = [(3, 6, 1), (5, 14, 2), (8, 10, 3), (4, 25, 2), (12, 5, 1), (6, 18, 4)]
    for n in range(slides):
        count, words, depth = shapes[n % len(shapes)]
        out.append("  - kind: bullets")
        out.append(f"    title: '{sentence(rng, rng.randint(2, 9))}'")
        out.append("    overflow: continue")
        out.append("    bullets:")
        out.append(bullets_yaml(rng, count, words, depth))
    return "\n".join(out) + "\n"
