"""The plan's closed types agree with the outline and the layouts they stand for."""

from __future__ import annotations

from typing import get_args

from kkrdeck.design.geometry import default_geometry
from kkrdeck.ooxml.basetemplate import LAYOUTS, base_layout_map
from kkrdeck.design.design import design_for
from kkrdeck.outline.load import load_outline
from kkrdeck.plan.make import make_plan
from kkrdeck.outline.model import SLIDE_KINDS
from kkrdeck.plan.data import LayoutKey, PlaceholderRole, Shape, SlideKind
from tests.conftest import ROOT


def test_a_planned_slide_knows_exactly_the_slide_kinds_of_deck_yaml() -> None:
    assert sorted(get_args(SlideKind)) == sorted(SLIDE_KINDS)


def test_every_layout_key_the_planner_asks_for_is_a_layout_of_the_base_template() -> None:
    mapped = base_layout_map(default_geometry(), True, True).layouts
    assert set(mapped) == set(get_args(LayoutKey))
    assert set(get_args(LayoutKey)) <= {key for key, _, _ in LAYOUTS}
    roles = {role for slots in mapped.values() for role in slots.roles}
    # date, footer and a second text placeholder are what a template's title slide may have for organisation
    # and date; the built-in title slide has room for them under its subtitle instead
    assert roles == {"title", *get_args(PlaceholderRole)} - {"date", "footer", "second"}


def test_the_default_deck_plans_only_the_closed_shape_types() -> None:
    outline = load_outline(ROOT / "deck.yaml")
    plan = make_plan(outline, design_for(outline))
    kinds = {type(shape).__name__ for slide in plan.slides for shape in slide.shapes}
    assert kinds <= {t.__name__ for t in get_args(Shape)}
    assert {"TextShape", "Connector"} <= kinds
    assert all(slide.layout in get_args(LayoutKey) and slide.kind in get_args(SlideKind) for slide in plan.slides)
