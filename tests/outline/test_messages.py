"""The wording of validation errors: the value rules are a table, tried in order, the last one catching everything."""

from __future__ import annotations

from typing import Any

import pytest

from kkrdeck.outline.loader import Mapping, Scalar, load_yaml
from kkrdeck.outline.locate import Where
from kkrdeck.outline.messages import VALUE_RULES, Facts, Rule, colon_advice, is_colon_text, value_message
from kkrdeck.outline.model import BulletItem, BulletsSlide, Deck, Step

NODE = Scalar(3, 7, "x", True)


def message(kind: str, path: list[Any], owner: Any, value: Any = "x", **ctx: Any) -> str:
    error = {"type": kind, "input": value, "ctx": ctx, "msg": "pydantic's own words", "loc": tuple(path)}
    return value_message(kind, error, Where(NODE, path, [owner]), owner)


def test_the_last_value_rule_applies_to_any_error_so_every_error_gets_a_sentence() -> None:
    last = VALUE_RULES[-1]
    assert not last.kinds
    assert message("a_type_kkrdeck_has_never_seen", ["title"], Deck) == "'title': pydantic's own words"


def test_a_rule_applies_only_to_the_error_types_it_names() -> None:
    rule = Rule(frozenset({"too_long"}), lambda f: True, lambda f: "too long")
    facts = Facts("too_short", None, {}, "", NODE, Deck, "slides", 0)
    assert not rule.applies(facts)
    assert rule.applies(Facts("too_long", None, {}, "", NODE, Deck, "slides", 0))


def test_rules_are_tried_in_order_so_an_empty_slide_is_told_before_an_empty_item() -> None:
    assert message("model_attributes_type", ["slides", 0], Deck, None) == \
        "this slide is empty — write its 'kind:' and 'title:' after the '- ', or remove the '-'"
    assert message("string_type", ["slides", 0, "bullets", 1], BulletsSlide, None) == \
        "this bullet is empty — write it after the '- ', or remove the line"


def test_a_missing_value_is_worded_by_what_the_field_holds() -> None:
    assert message("string_type", ["date"], Step, None) == \
        "'date' has no value — write a date after 'date:', as YYYY-MM-DD"
    assert message("flag", ["continues"], BulletsSlide, None) == \
        "'continues' has no value — write true or false after 'continues:'"
    assert message("string_type", ["title"], Deck, None) == "'title' has no value — write it after 'title:'"


def test_text_where_a_date_belongs_asks_for_a_date() -> None:
    assert message("string_type", ["date"], Step, ["a"]) == \
        "'date' should be a date written YYYY-MM-DD, not a list"


def test_a_list_inside_a_bullet_list_explains_sub_items() -> None:
    assert message("string_type", ["bullets", 0], BulletItem, ["a"]).startswith(
        "this sub-item is a list inside the list — to give a bullet sub-items, write '- text: …'")


def test_list_lengths_say_how_many_to_add_or_remove() -> None:
    assert message("too_short", ["statements"], None, [], actual_length=1, min_length=2) == \
        "this list needs at least 2 statements (found 1) — add 1 more"
    assert message("too_long", ["steps"], None, [], actual_length=9, max_length=8) == \
        "this list can have at most 8 process steps (found 9) — split the process over two process slides"


def test_a_link_without_an_address_and_a_link_of_another_scheme_are_told_apart() -> None:
    assert message("link_scheme", ["title"], Deck, target="") == \
        "a link has no address: write it in the round brackets, e.g. [KL](https://www.kl.dk)"
    assert message("link_scheme", ["title"], Deck, target="ftp://a") == \
        "the link 'ftp://a' is not a web or e-mail address — links must start with https://, http:// or mailto:"


def test_a_long_value_is_clipped_in_the_sentence() -> None:
    said = message("literal_error", ["overflow"], BulletsSlide, "w" * 100, expected="'continue' or 'shrink'")
    assert said == f"'overflow' must be one of: continue, shrink (found '{'w' * 59}…')"


@pytest.mark.parametrize(("text", "colon"), [("- Tema 1: KKR\n", True), ("- text: KKR\n", False),
                                             ("- tekst: KKR\n", False), ("- Tema 1:\n    KKR\n", False)])
def test_colon_text_is_one_pair_on_one_line_whose_key_is_not_a_known_one(text: str, colon: bool) -> None:
    item = load_yaml(text.encode(), "deck.yaml").items[0]  # type: ignore[attr-defined]
    assert isinstance(item, Mapping)
    assert is_colon_text(item, ("text", "bullets")) == colon


def test_colon_advice_quotes_the_users_own_text() -> None:
    assert colon_advice("Tema 1: KKR") == ("this text contains ': ', so YAML reads it as 'key: value' — put the "
                                           "whole text in quotes, e.g. \"Tema 1: KKR\"")
