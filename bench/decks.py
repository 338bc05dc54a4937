"""The benchmark's inputs: one deck in three forms (deck.yaml for kkrdeck, JSON for the bare script, Markdown for pandoc).

`generated(n)` makes a deck of n slides (a title slide, then bullets slides with sub-bullets) from the seed's own
words; `default_deck()` takes the repo's deck.yaml and lets kkrdeck's planner say what is on each slide, so all
three tools build the same slides with the same texts.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Words of the seed deck (the KKR evaluation), so generated text wraps and measures like real text.
WORDS = ("KKR evalueringen kommunalpolitikere borgmestre kommunalbestyrelserne koordinations mødeforum relationen "
         "mellem og KL politisk samarbejdspartner eksterne relationer prioriterer fordelingen drøftelser "
         "vidensdeling embedssystemet asymmetri komplekse processer mødematerialer væsentlighed formandskaber "
         "administrativ organisering konsensus opbakning opmærksomhedspunkter regionale fora repræsentanter "
         "interviews spørgeskemaundersøgelse deltagelse medlemmer rolle fremadrettet udsagn kendetegner i dag "
         "til for med af på om at det en et de som der ikke er har").split()


@dataclass(frozen=True)
class Slide:
    title: str
    bullets: tuple[tuple[int, str], ...]  # (level, text)


@dataclass(frozen=True)
class Deck:
    name: str
    title: str
    slides: tuple[Slide, ...]
    yaml_path: Path  # what kkrdeck builds


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize()


def generated_slides(n: int, seed: int = 7) -> tuple[Slide, ...]:
    """n slides: the first a title slide (title + one line), then bullets slides that fit at the brand's sizes."""
    rng = random.Random(seed)
    slides = [Slide("Benchmark-deck med genererede slides", ((0, "Ekstern evaluering af kommunekontaktrådene"),))]
    for i in range(1, n):
        bullets: list[tuple[int, str]] = []
        for b in range(4):
            bullets.append((0, _sentence(rng, 3, 9)))
            if b == 1:
                bullets += [(1, _sentence(rng, 2, 6)), (1, _sentence(rng, 2, 6))]
        slides.append(Slide(f"Tema {i}: {_sentence(rng, 2, 4)}", tuple(bullets)))
    return tuple(slides)


def _yaml_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def write_generated(n: int, folder: Path) -> Deck:
    """deck<n>.yaml in `folder`, with a copy of the repo's brand (assets/) beside it."""
    slides = generated_slides(n)
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "assets").exists():  # kkrdeck uses only files inside the deck's folder: bring the brand
        shutil.copytree(ROOT / "assets", folder / "assets", ignore=shutil.ignore_patterns("*.md"))
    lines = [f"title: {_yaml_text(slides[0].title)}", "organisation: KL og de fem KKR", "date: 2017-09-01",
             "language: da-DK", "brand: assets/brand.yaml", "slides:",
             "  - kind: title", f"    title: {_yaml_text(slides[0].title)}",
             f"    subtitle: {_yaml_text(slides[0].bullets[0][1])}"]
    for slide in slides[1:]:
        lines += ["  - kind: bullets", f"    title: {_yaml_text(slide.title)}", "    bullets:"]
        bullets = list(slide.bullets)
        while bullets:
            level, text = bullets.pop(0)
            children = []
            while bullets and bullets[0][0] > 0:
                children.append(bullets.pop(0)[1])
            if children:
                lines += [f"      - text: {_yaml_text(text)}", "        bullets:"]
                lines += [f"          - {_yaml_text(c)}" for c in children]
            else:
                lines.append(f"      - {_yaml_text(text)}")
    path = folder / f"deck{n}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Deck(f"{n} slides", slides[0].title, slides, path)


def default_deck() -> Deck:
    """The repo's deck.yaml, its slides as kkrdeck plans them (title, then every paragraph of every text)."""
    from kkrdeck.design.design import design_for
    from kkrdeck.outline.load import load_outline
    from kkrdeck.plan.make import make_plan

    outline = load_outline(ROOT / "deck.yaml")
    plan = make_plan(outline, design_for(outline))
    slides = []
    for planned in plan.slides:
        bullets: list[tuple[int, str]] = []
        blocks = list(planned.placeholders.values())
        blocks += [shape.text for shape in planned.shapes if shape.text]
        for block in blocks:
            bullets += [(p.level, p.text) for p in block.paragraphs]
        slides.append(Slide(planned.title.paragraphs[0].text, tuple(bullets)))
    return Deck("default deck.yaml", outline.deck.title, tuple(slides), ROOT / "deck.yaml")


def write_inputs(deck: Deck, folder: Path) -> tuple[Path, Path]:
    """The same slides as JSON (bare python-pptx script) and Markdown (pandoc); returns both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = deck.name.replace(" ", "_").replace(".", "_")
    spec = folder / f"{stem}.json"
    spec.write_text(json.dumps([{"title": s.title, "bullets": [list(b) for b in s.bullets]} for s in deck.slides],
                               ensure_ascii=False), encoding="utf-8")
    md = ["---\nlang: da-DK\n---\n"]  # no title: pandoc would add a title slide the others do not have
    for slide in deck.slides:
        md.append(f"# {_md_escape(slide.title)}\n")
        md += [f"{'    ' * level}- {_md_escape(text)}" for level, text in slide.bullets]
        md.append("")
    markdown = folder / f"{stem}.md"
    markdown.write_text("\n".join(md) + "\n", encoding="utf-8")
    return spec, markdown


def _md_escape(text: str) -> str:
    for ch in "\\*_[]#`<>":
        text = text.replace(ch, "\\" + ch)
    return text
