"""Numbers in messages the user's way: a decimal point in English, a decimal comma in Danish."""

from __future__ import annotations

from kkrdeck.wording import centimetres, decimal


def test_english_keeps_the_decimal_point_and_the_thousands_comma() -> None:
    assert [decimal(26.5), decimal(4.5), decimal(1234.5, ",.1f"), centimetres(3_240_000)] == [
        "26.5", "4.5", "1,234.5", "9.0"]


def test_danish_writes_a_decimal_comma_and_groups_thousands_with_a_point(danish: None) -> None:
    assert [decimal(26.5), decimal(4.5), decimal(1234.5, ",.1f"), centimetres(3_240_000),
            centimetres(121_932, ".2f")] == ["26,5", "4,5", "1.234,5", "9,0", "0,34"]
