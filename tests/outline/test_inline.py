"""The one inline-markup parser: validation refuses links by its runs, and the planner sets the same runs."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kkrdeck.outline.inline import Markup, Run, parse_inline, restyle
from kkrdeck.outline.loader import load_yaml
from kkrdeck.outline.validate import check_deck_tree, validate_deck

MARKUP_TEXT = st.text(alphabet="*[]()\\ab :/", max_size=24)


def bullet_deck(bullet: str) -> bytes:
    return f"title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets:\n      - {bullet}\n".encode()


def problems(bullet: str) -> list[str]:
    return [str(p) for p in check_deck_tree(load_yaml(bullet_deck(bullet), "deck.yaml"), "deck.yaml")[1]]


def test_an_escaped_bracket_is_text_so_a_link_look_alike_after_it_is_accepted() -> None:
    assert parse_inline(r"\[x](ftp://a)") == (Run("[x](ftp://a)"),)
    assert problems(r"\[x](ftp://a)") == []


def test_a_real_link_to_another_scheme_is_refused() -> None:
    assert parse_inline("[x](ftp://a)") == (Run("x", link="ftp://a"),)
    assert problems("'[x](ftp://a)'") == ["deck.yaml:6:9: the link 'ftp://a' is not a web or e-mail address — links "
                                          "must start with https://, http:// or mailto:"]


def test_a_link_without_an_address_is_a_link_and_refused() -> None:
    assert parse_inline("[KL]()") == (Run("KL", link=""),)
    assert problems("'[KL]()'") == ["deck.yaml:6:9: a link has no address: write it in the round brackets, e.g. "
                                    "[KL](https://www.kl.dk)"]


def test_validated_text_carries_the_runs_the_parser_gives() -> None:
    deck = validate_deck(load_yaml(bullet_deck("'**KKR** og [KL](https://www.kl.dk)'"), "deck.yaml"), "d").model
    bullet = deck.slides[0].bullets[0]
    assert isinstance(bullet, Markup)
    assert bullet == "**KKR** og [KL](https://www.kl.dk)"
    assert bullet.runs == (Run("KKR", bold=True), Run(" og "), Run("KL", link="https://www.kl.dk"))


def test_validated_dates_are_dates() -> None:
    text = ("title: T\ndate: 2017-09-01\nslides:\n  - kind: process\n    title: P\n    steps:\n"
            "      - {date: 2017-08-31, until: 2017-09-01, text: t}\n")
    deck = validate_deck(load_yaml(text.encode(), "deck.yaml"), "deck.yaml").model
    assert deck.date == dt.date(2017, 9, 1)
    step = deck.slides[0].steps[0]
    assert (step.date, step.until) == (dt.date(2017, 8, 31), dt.date(2017, 9, 1))


def test_markup_is_the_text_as_written() -> None:
    text = Markup("*Tema* 1")
    assert text == "*Tema* 1" and hash(text) == hash("*Tema* 1")
    assert f"'{text}'" == "'*Tema* 1'" and type(str(text)) is str
    for copied in (copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
        assert copied == text and copied.runs == text.runs


@given(text=MARKUP_TEXT, bold=st.booleans(), italic=st.booleans())
def test_restyled_runs_are_what_parsing_in_that_style_gives(text: str, bold: bool, italic: bool) -> None:
    assert restyle(parse_inline(text), bold, italic) == parse_inline(text, bold, italic)
    assert Markup(text).styled(bold, italic) == parse_inline(text, bold, italic)


@given(text=MARKUP_TEXT, number=st.sampled_from(["I", "II", "XIV"]))
def test_a_numbered_title_reads_as_the_title_and_its_number_parsed_together(text: str, number: str) -> None:
    numbered = Markup(text).followed_by(f" ({number})")
    assert numbered == f"{text} ({number})"
    assert numbered.runs == parse_inline(f"{text} ({number})")


@pytest.mark.parametrize(("text", "runs"), [
    ("**a** *b* \\*", (Run("a", bold=True), Run(" "), Run("b", italic=True), Run(" *"))),
    ("[**a**](https://x)", (Run("a", bold=True, link="https://x"),)),
    ("a](ftp://x)", (Run("a](ftp://x)"),)),
])
def test_the_parser_reads_bold_italic_escapes_and_links(text: str, runs: tuple[Run, ...]) -> None:
    assert parse_inline(text) == runs
