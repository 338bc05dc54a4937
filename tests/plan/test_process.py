"""The process slide on a content area too short for its timeline: it continues, or stops with a planner error
that says what to do — never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from kkrdeck.build import build
from kkrdeck.design.geometry import inch
from kkrdeck.errors import DeckError
from tests.conftest import write_deck
from tests.data.templates import make
from tests.package_check import assert_valid_deck

STEPS = "".join(f"      - date: 2017-08-{10 + i}\n        text: Møde nummer {i + 1} i KKR\n" for i in range(4))


def _process(lead_and_conclusion: bool) -> str:
    extra = "    lead: KKR evalueringen er drøftet på …\n    conclusion: Generelt opbakning til KKR.\n" \
        if lead_and_conclusion else ""
    return f"title: T\nslides:\n  - kind: process\n    title: Proces\n{extra}    steps:\n{STEPS}"


@pytest.fixture(scope="module")
def short(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template whose content area is one inch tall."""
    return make.with_short_body(tmp_path_factory.mktemp("short"), inch(1.0))


def test_a_timeline_with_no_room_for_one_step_is_a_planner_error_saying_what_to_do(
        tmp_path: Path, short: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    deck = write_deck(tmp_path, _process(lead_and_conclusion=True))
    with pytest.raises(DeckError) as info:
        build(deck, tmp_path / "out.pptx", template=short)
    assert info.value.lines() == [
        "deck.yaml:3:5: the template's content area leaves 0.0 cm for the timeline, too little for one step — "
        "remove the lead or the conclusion, or choose a layout with a taller content area under 'layouts:' in the "
        "brand file"]


def test_a_timeline_on_a_short_area_continues_a_few_steps_a_slide(tmp_path: Path, short: Path) -> None:
    deck = write_deck(tmp_path, _process(lead_and_conclusion=False))
    out = tmp_path / "out.pptx"
    result = build(deck, out, template=short)
    assert_valid_deck(out)
    slides = Presentation(str(out)).slides
    assert [s.shapes.title.text for s in slides] == ["Proces (I)", "Proces (II)"]
    assert [n.message for n in result.notices if n.severity == "warning"] == []
    steps = [sh.text_frame.text for s in slides for sh in s.shapes if sh.name.startswith("Timeline step")]
    assert steps == [f"Møde nummer {i + 1} i KKR" for i in range(4)]


def test_statements_with_no_room_for_one_card_are_a_planner_error(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    template = make.with_short_body(tmp_path / "t", inch(0.5))
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: statements\n    title: Udsagn\n    statements:\n"
                                "      - Godt politisk koordineringsforum\n      - Generel tillid til KKR\n")
    with pytest.raises(DeckError) as info:
        build(deck, tmp_path / "out.pptx", template=template)
    assert info.value.lines() == [
        "deck.yaml:3:5: the template's content area leaves 1.0 cm for the statements, too little for one card — "
        "remove the lead, or choose a layout with a taller content area under 'layouts:' in the brand file"]


def test_overflow_shrink_on_an_area_too_short_for_all_steps_is_a_planner_error(
        tmp_path: Path, short: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    deck = write_deck(tmp_path, _process(lead_and_conclusion=False).replace("    steps:", "    overflow: shrink\n"
                                                                                           "    steps:"))
    with pytest.raises(DeckError) as info:
        build(deck, tmp_path / "out.pptx", template=short)
    assert info.value.lines() == [
        "deck.yaml:3:5: the timeline steps do not fit their shapes even at 12 pt — shorten the longest step's text, "
        "or give the slide fewer steps"]


def test_a_continued_timeline_gives_the_room_of_the_lead_and_conclusion_to_the_slides_without_them(
        tmp_path: Path) -> None:
    """On Grey_Elegant's narrow body three steps went one a slide, each under both a lead and a conclusion's room;
    the lead is only on the first slide and the conclusion only on the last."""
    template = make.with_short_body(tmp_path / "t", inch(2.6))
    steps = "".join(f"      - date: 2017-08-{10 + i}\n        text: Mødet mellem KL’s og KKR’s formænd og "
                    f"næstformænd den {10 + i}. august 2017\n" for i in range(3))
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: process\n    title: Proces\n    lead: Drøftet på …\n"
                                f"    conclusion: Generelt opbakning til KKR.\n    steps:\n{steps}")
    out = tmp_path / "out.pptx"
    result = build(deck, out, template=template)
    assert_valid_deck(out)
    slides = Presentation(str(out)).slides
    names = [[sh.name for sh in s.shapes] for s in slides]
    assert [sum(n.startswith("Timeline step") for n in s) for s in names] == [2, 1]
    assert ["Conclusion" in s for s in names] == [False, True]
    assert [n.message for n in result.notices if n.severity == "warning"] == []
    # one size on both slides (the second, with one step, had room for a larger one)
    sizes = [{r.font.size.pt for sh in s.shapes if sh.name.startswith("Timeline step")
              for p in sh.text_frame.paragraphs for r in p.runs} for s in slides]
    assert len(sizes[0]) == 1 and sizes[0] == sizes[1]
