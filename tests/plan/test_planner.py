"""The plan stage: sizes chosen from the brand, continuation slides (I), (II), shrinking, one size per shape kind."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kkrdeck.errors import DeckError
from kkrdeck.design.geometry import EMU_PER_PT, Box, inch
from kkrdeck.design.design import design_for
from kkrdeck.outline.load import load_outline
from kkrdeck.plan.make import make_plan
from kkrdeck.plan.data import Plan, TextBlock, TextShape
from kkrdeck.plan.textfit import HEIGHT_SLACK, Measurer, text_width
from tests.conftest import ROOT, write_deck
from tests.plan.test_textfit import CARLITO

SEED_BULLETS = [
    "Godt politisk koordineringsforum",
    "Troværdig og kvalificeret samarbejdspartner, som i stigende grad anvendes af eksterne relationer",
    "De enkelte KKR prioriterer fordelingen mellem politiske drøftelser, koordineringsopgaver og vidensdeling "
    "forskelligt",
    "Menige kommunalbestyrelsesmedlemmers adgang til embedssystemet – fokus på asymmetri i adgang",
    "Komplekse processer og mødematerialer – fokus på væsentlighed",
    "KKR udpegede, der ikke er medlemmer af KKR – fokus på relation og mandat",
]


def _planned(outline) -> Plan:
    return make_plan(outline, design_for(outline))


def plan_of(folder: Path, body: str) -> Plan:
    return _planned(load_outline(write_deck(folder, body)))


def bullets_deck(bullets: list[str], extra: str = "", title: str = "Tema 1: KKR som politisk forum") -> str:
    items = "".join(f"      - '{b}'\n" for b in bullets)
    return f"title: T\nslides:\n  - kind: bullets\n    title: '{title}'\n{extra}    bullets:\n{items}"


def fits(block: TextBlock, m: Measurer) -> bool:
    """Recomputed from the planned lines alone: total height and every line's width within the box."""
    insets = block.insets
    height = sum(p.space_before + len(p.lines) * m.line_height(p.size) for p in block.paragraphs)
    box_h = (block.box.h - insets.top - insets.bottom) / EMU_PER_PT
    if height > box_h * HEIGHT_SLACK + 1e-6:
        return False
    for p in block.paragraphs:
        width = text_width(block.box, insets, p.margin)
        if any(m.width(line, p.size) > width + 1e-6 and len(line) > 1 for line in p.lines):
            return False
    return True


def test_the_default_deck_uses_the_brands_sizes_where_they_fit() -> None:
    plan = _planned(load_outline(ROOT / "deck.yaml"))
    body = plan.slides[1].placeholders["body"]
    assert [p.size for p in body.paragraphs] == [26, 26, 22, 26, 22, 22, 22]
    assert plan.notices == ()


def test_four_times_the_seeds_bullets_continue_over_numbered_slides(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, bullets_deck(SEED_BULLETS * 4))
    titles = [s.title_text for s in plan.slides]
    assert len(titles) >= 2
    romans = ["I", "II", "III", "IV", "V", "VI"]
    assert titles == [f"Tema 1: KKR som politisk forum ({r})" for r in romans[: len(titles)]]
    texts = [p.text for s in plan.slides for p in s.placeholders["body"].paragraphs]
    assert texts == SEED_BULLETS * 4
    sizes = {p.size for s in plan.slides for p in s.placeholders["body"].paragraphs}
    assert len(sizes) == 1 and min(sizes) >= 18
    [notice] = plan.notices
    assert notice.severity == "notice" and notice.line == 3
    assert notice.message.startswith("'Tema 1: KKR som politisk forum' does not fit at 18 pt or more; it continues on")
    m = Measurer(CARLITO)
    assert all(fits(s.placeholders["body"], m) for s in plan.slides)


def test_a_bullet_keeps_its_sub_bullets_when_a_slide_continues(tmp_path: Path) -> None:
    items = "".join(f"      - text: '{b}'\n        arrows:\n          - '{b}'\n          - Politisk konsensus\n"
                    for b in SEED_BULLETS * 2)
    plan = plan_of(tmp_path, f"title: T\nslides:\n  - kind: bullets\n    title: Tema\n    bullets:\n{items}")
    assert len(plan.slides) >= 2
    for slide in plan.slides:
        levels = [p.level for p in slide.placeholders["body"].paragraphs]
        assert levels[0] == 0 and levels[-1] == 1
        assert levels == [0, 1, 1] * (len(levels) // 3)


def test_one_bullet_three_times_as_long_wraps_and_shrinks_but_stays_on_one_slide(tmp_path: Path) -> None:
    long = " ".join([SEED_BULLETS[2]] * 3)
    plan = plan_of(tmp_path, bullets_deck(SEED_BULLETS[:4] + [long]))
    [slide] = plan.slides
    body = slide.placeholders["body"]
    assert max(len(p.lines) for p in body.paragraphs) >= 3
    assert 18 <= body.paragraphs[0].size < 26
    assert fits(body, Measurer(CARLITO))


def test_overflow_shrink_keeps_one_slide_and_warns(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, bullets_deck(SEED_BULLETS * 2, "    overflow: shrink\n"))
    [slide] = plan.slides
    size = slide.placeholders["body"].paragraphs[0].size
    assert size < 18
    [warning] = plan.notices
    assert warning.severity == "warning"
    assert warning.message == (f"text shrunk to {size:g} pt, below the brand's minimum of 18 pt, to fit one slide — "
                               "shorten it or split it into more bullets")


def test_overflow_error_stops_with_the_slides_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DeckError) as info:
        plan_of(tmp_path, bullets_deck(SEED_BULLETS * 4, "    overflow: error\n"))
    assert info.value.lines() == [
        "deck.yaml:3:5: the text of this slide does not fit at the brand's minimum size (18 pt) — shorten it, "
        "or set 'overflow: continue' to continue on a new slide"]


def test_a_bullet_whose_sub_bullets_are_taller_than_a_slide_continues_between_them(tmp_path: Path) -> None:
    """Rather than shrinking below the brand's minimum (a body kept narrow beside a master's drawing)."""
    arrows = "".join(f"          - '{b}'\n" for b in SEED_BULLETS * 3)
    plan = plan_of(tmp_path, f"title: T\nslides:\n  - kind: bullets\n    title: Tema\n    bullets:\n"
                             f"      - text: Hovedpunkt\n        arrows:\n{arrows}")
    assert [s.title_text for s in plan.slides] == ["Tema (I)", "Tema (II)"]
    texts = [p.text for s in plan.slides for p in s.placeholders["body"].paragraphs]
    assert texts == ["Hovedpunkt"] + SEED_BULLETS * 3
    assert plan.slides[0].placeholders["body"].paragraphs[0].level == 0
    sizes = {p.size for s in plan.slides for p in s.placeholders["body"].paragraphs}
    assert len(sizes) == 1 and min(sizes) >= 18
    assert [n.message for n in plan.notices] == [
        "'Tema' does not fit at 18 pt or more; it continues on 2 slides: (I), (II)"]
    assert all(fits(s.placeholders["body"], Measurer(CARLITO)) for s in plan.slides)


def test_a_bullet_too_long_for_one_slide_with_overflow_shrink_is_an_error_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    long = " ".join(SEED_BULLETS * 5)[:1990]
    body = (f"title: T\nslides:\n  - kind: bullets\n    title: T\n    overflow: shrink\n    bullets:\n"
            f"      - text: '{long}'\n        arrows:\n          - '{long}'\n          - '{long}'\n")
    with pytest.raises(DeckError) as info:
        plan_of(tmp_path, body)
    assert info.value.lines() == ["deck.yaml:3:5: the bullet 'Godt politisk koordineringsforum Troværdig og kva…' "
                                  "is too long for one slide even at 12 pt — shorten it or split it into several "
                                  "bullets"]


def test_overflow_shrink_that_cannot_fit_even_at_the_floor_is_an_error(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DeckError) as info:
        plan_of(tmp_path, bullets_deck(SEED_BULLETS * 5, "    overflow: shrink\n"))
    assert info.value.lines() == ["deck.yaml:3:5: the text does not fit on one slide even at 12 pt — shorten it, "
                                  "or set 'overflow: continue' to continue on new slides"]


def test_a_long_title_shrinks_then_wraps_to_two_lines_and_never_overflows(tmp_path: Path) -> None:
    short = plan_of(tmp_path, bullets_deck(["a"], title="Baggrund og metode")).slides[0].title.paragraphs[0]
    assert (short.size, len(short.lines)) == (36, 1)
    medium = plan_of(tmp_path, bullets_deck(["a"], title="Tema 2: Relationen mellem KKR og kommunalbestyrelserne"))
    para = medium.slides[0].title.paragraphs[0]
    assert 28 <= para.size < 36 and len(para.lines) == 1
    long_title = "Tema 2: Relationen mellem KKR og kommunalbestyrelserne i de fem regioner og KL"
    para = plan_of(tmp_path, bullets_deck(["a"], title=long_title)).slides[0].title.paragraphs[0]
    assert para.size >= 28 and len(para.lines) == 2
    assert fits(plan_of(tmp_path, bullets_deck(["a"], title=long_title)).slides[0].title, Measurer(CARLITO))


def test_timeline_steps_and_cards_share_one_size_per_slide() -> None:
    plan = _planned(load_outline(ROOT / "deck.yaml"))
    process = plan.slides[2]
    steps = [s.text.paragraphs[0].size for s in process.shapes if s.name.startswith("Timeline step")]
    assert len(steps) == 3 and len(set(steps)) == 1
    cards = [s.text.paragraphs[0].size for s in plan.slides[-1].shapes if s.name.endswith("card")]
    assert len(cards) == 4 and len(set(cards)) == 1
    m = Measurer(CARLITO)
    assert all(fits(s.text, m) for sl in plan.slides for s in sl.shapes if isinstance(s, TextShape) and s.text)


bullet_text = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzæøå ÆØÅKKR-–,.")),
                      min_size=1, max_size=240).filter(lambda t: t.strip() and t.strip()[0] not in "-–,.")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bullets=st.lists(bullet_text, min_size=1, max_size=30),
       title=bullet_text.filter(lambda t: len(t) < 120))
def test_random_texts_never_plan_text_outside_its_box(tmp_path: Path, bullets: list[str], title: str) -> None:
    body = bullets_deck([b.strip().replace("'", "") for b in bullets], title=title.strip())
    try:
        plan = plan_of(tmp_path, body)
    except DeckError as exc:
        assert all(re.match(r"deck\.yaml:\d+:\d+: ", line) for line in exc.lines())
        return
    m = Measurer(CARLITO)
    for slide in plan.slides:
        assert fits(slide.title, m)
        for block in slide.placeholders.values():
            assert fits(block, m)


def test_two_slides_with_the_same_title_are_warned_about(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    body = ("title: T\nslides:\n  - kind: bullets\n    title: Status\n    bullets: [a]\n"
            "  - kind: bullets\n    title: Status\n    bullets: [b]\n")
    [warning] = plan_of(tmp_path, body).notices
    assert str(warning) == ("deck.yaml:6:5: warning: slide 2 has the same title as slide 1 ('Status') — give each "
                            "slide its own title so screen reader users can tell them apart")


def table_deck(rows: int, extra: str = "") -> str:
    body = "".join(f"      - ['2017-08-{n % 28 + 1:02d}', 'Møde nr. {n} i KKR', "
                   f"'Kommunalbestyrelsesmedlemmer og borgmestre fra de fem regioner']\n" for n in range(rows))
    return (f"title: T\nslides:\n  - kind: table\n    title: Møder\n{extra}    columns: [Dato, Møde, Deltagere]\n"
            f"    rows:\n{body}")


def test_a_short_table_stays_on_one_slide_at_the_brands_size(tmp_path: Path) -> None:
    [slide] = plan_of(tmp_path, table_deck(3)).slides
    [table] = slide.shapes
    assert len(table.cells) == 4 and table.cells[0][0].paragraphs[0].size == 20


def test_a_long_table_continues_with_its_header_row_on_every_slide(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, table_deck(30))
    assert [s.title_text for s in plan.slides][:2] == ["Møder (I)", "Møder (II)"]
    body_rows = []
    for slide in plan.slides:
        [table] = slide.shapes
        assert [c.paragraphs[0].text for c in table.cells[0]] == ["Dato", "Møde", "Deltagere"]
        assert table.box.h <= 4.9 * 914400 and table.box.h == sum(table.row_heights)
        assert {c.paragraphs[0].size for row in table.cells for c in row} == {table.cells[0][0].paragraphs[0].size}
        body_rows += [row[1].paragraphs[0].text for row in table.cells[1:]]
    assert body_rows == [f"Møde nr. {n} i KKR" for n in range(30)]
    [notice] = plan.notices
    assert notice.message.startswith("the table 'Møder' does not fit at 18 pt or more; it continues on")


def test_a_long_table_with_overflow_error_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DeckError) as info:
        plan_of(tmp_path, table_deck(30, "    overflow: error\n"))
    assert info.value.lines() == ["deck.yaml:3:5: the table does not fit on one slide at the brand's minimum size "
                                  "(18 pt) — remove rows, or set 'overflow: continue' to continue it on new slides"]


def test_two_columns_too_narrow_for_their_words_go_one_above_the_other_before_shrinking(tmp_path: Path) -> None:
    """On Grey_Elegant the columns beside the master's illustration are 2.5 in wide: 'koordineringsforum' alone
    needs more at 18 pt, so the columns are stacked across both columns' width instead of shrunk to 15 pt."""
    outline = load_outline(write_deck(tmp_path, (
        "title: T\nslides:\n  - kind: two-column\n    title: To kolonner\n"
        "    left:\n      heading: Venstre\n      bullets: [Godt politisk koordineringsforum]\n"
        "    right:\n      heading: Højre\n      bullets: [KKR skal primært fokusere på det tværkommunale]\n")))
    design = design_for(outline)
    g = design.geometry
    narrow = replace(g, left=Box(g.left.x, g.left.y, inch(2.49), inch(3.6)),
                     right=Box(g.left.x + inch(2.74), g.left.y, inch(2.49), inch(3.6)))
    plan = make_plan(outline, replace(design, geometry=narrow))
    assert plan.notices == ()
    [slide] = plan.slides
    upper, lower = slide.placeholders["left"], slide.placeholders["right"]
    assert [p.text for p in upper.paragraphs] == ["Venstre", "Godt politisk koordineringsforum"]
    assert [p.text for p in lower.paragraphs] == ["Højre", "KKR skal primært fokusere på det tværkommunale"]
    assert min(p.size for b in (upper, lower) for p in b.paragraphs) >= 18
    span = Box(narrow.left.x, narrow.left.y, narrow.right.right - narrow.left.x, inch(3.6))
    assert (upper.box.x, upper.box.y, upper.box.w) == (span.x, span.y, span.w)
    assert upper.box.bottom < lower.box.y and lower.box.bottom == span.bottom and lower.box.w == span.w
    m = Measurer(CARLITO)
    assert fits(upper, m) and fits(lower, m)


def test_a_picture_with_no_room_on_a_short_content_area_is_a_planner_error(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """It was written with a negative size (schema-invalid) under its caption."""
    from PIL import Image

    from kkrdeck.build import build
    from tests.data.templates import make

    monkeypatch.chdir(tmp_path)
    Image.new("RGB", (400, 300), (0, 100, 150)).save(tmp_path / "pic.png")
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: image\n    title: Billede\n    image: pic.png\n"
                                "    alt: En blå flade\n    caption: En billedtekst\n")
    with pytest.raises(DeckError) as info:
        build(deck, tmp_path / "out.pptx", template=make.with_short_body(tmp_path / "t", inch(1.0)))
    assert info.value.lines() == [
        "deck.yaml:3:5: the template's content area leaves 1.0 cm for the picture, too little to show it — remove "
        "the caption, or choose a layout with a taller content area under 'layouts:' in the brand file"]


def test_a_templates_narrow_hanging_indent_grows_to_hold_its_marker(tmp_path: Path) -> None:
    """mecanon's and pandoc's body styles hang a quarter inch: '1.' and '→' at 22 pt ran into their text."""
    from kkrdeck.plan.planner import MARKER_GAP

    outline = load_outline(write_deck(tmp_path, (
        "title: T\nslides:\n  - kind: bullets\n    title: Tema\n    bullets:\n"
        "      - text: Tre evalueringstemaer\n        numbered: [KKR som politisk forum, Relationen til KL]\n"
        "      - text: Arbejdet\n        arrows: [Politisk konsensus]\n")))
    design = design_for(outline)
    quarter = (inch(0.25), inch(0.75), inch(1.25), inch(1.75)), (-inch(0.25),) * 4
    plan = make_plan(outline, replace(design, geometry=replace(design.geometry, margins=quarter[0],
                                                               indents=quarter[1])))
    m = Measurer(CARLITO)
    paragraphs = plan.slides[0].placeholders["body"].paragraphs
    for p in paragraphs:
        marker = {"number": f"{p.number}.", "arrow": "→", "bullet": "•"}[p.marker]
        assert p.margin + p.indent == quarter[0][p.level] + quarter[1][p.level]  # the marker stays put
        assert -p.indent >= m.width(marker, 26 if p.level == 0 else 22) * EMU_PER_PT + MARKER_GAP - 1
    assert [p.marker for p in paragraphs] == ["bullet", "number", "number", "bullet", "arrow"]
    assert any(-p.indent > inch(0.25) for p in paragraphs)
