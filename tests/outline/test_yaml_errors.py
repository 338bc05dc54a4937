"""YAML syntax errors in plain words: a table of rules on the parser's error, the first that holds gives the line."""

from __future__ import annotations

import yaml

from kkrdeck.outline.yaml_errors import GENERIC, INDENT, RULES, TAB_INDENT, cannot_start, quote_for_yaml, syntax_problem


def parser_error(text: str) -> yaml.MarkedYAMLError:
    try:
        yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as e:
        return e
    raise AssertionError("the text parses")


def said(text: str) -> str:
    return str(syntax_problem(parser_error(text), text.split("\n"), "deck.yaml"))


def test_the_last_rule_always_holds_so_every_error_gets_a_line() -> None:
    assert RULES[-1].when(None)  # type: ignore[arg-type]
    error = yaml.MarkedYAMLError(problem="something new", problem_mark=yaml.Mark("deck.yaml", 0, 0, 0, None, None))
    assert said_of(error, "x") == f"deck.yaml:1:1: {GENERIC}"


def said_of(error: yaml.MarkedYAMLError, text: str) -> str:
    return str(syntax_problem(error, text.split("\n"), "deck.yaml"))


def test_an_error_without_a_position_is_generic_and_unpositioned() -> None:
    assert said_of(yaml.MarkedYAMLError(problem="odd"), "") == f"deck.yaml: {GENERIC}"


def test_a_tab_in_the_indentation_wins_over_what_the_parser_says() -> None:
    assert said("a:\n\t- b: c: d\n") == f"deck.yaml:2:1: {TAB_INDENT}"


def test_an_unclosed_quote_points_at_the_opening_quote() -> None:
    assert said("a: 'it\nb: c\n").startswith("deck.yaml:1:4: this quote (') is never closed")


def test_a_colon_inside_a_value_gets_the_value_quoted() -> None:
    assert said("title: Tema 1: KKR\n") == ("deck.yaml:1:14: a ':' inside a value confuses YAML — put the whole text "
                                            "in quotes, e.g. \"Tema 1: KKR\"")


def test_a_key_at_the_wrong_indentation_is_told_to_line_up() -> None:
    assert said("a:\n  b: c\n d: e\n") == f"deck.yaml:3:2: {INDENT}"


def test_cannot_start_quotes_the_rest_of_the_line_without_its_comment() -> None:
    assert cannot_start("@", "@kl # a note") == "a value cannot start with '@' — put the whole text in quotes, " \
                                                "e.g. \"@kl\""


def test_quote_for_yaml_chooses_quotes_that_read_back_unchanged() -> None:
    assert quote_for_yaml('say "hi"') == "'say \"hi\"'"
    assert quote_for_yaml("it's \"x\"") is None
    for text in ("Tema 1: KKR", "a\\b", 'say "hi"'):
        quoted = quote_for_yaml(text)
        assert quoted is not None and yaml.load(f"v: {quoted}", Loader=yaml.BaseLoader)["v"] == text
