"""Mistakes in `variants:`, placeholders and `only:`/`skip:`: each told at its line and column, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from tests.variants_deck import five_variant_text, write_five_variant_deck


def _fails(tmp_path: Path, text: str) -> str:
    deck = write_five_variant_deck(tmp_path, text)
    result = CliRunner().invoke(main, ["build", str(deck)])
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "out").exists()
    return result.output.replace(str(deck), "deck.yaml")


def _line_col(text: str, needle: str) -> str:
    before = text[:text.index(needle)]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


def test_an_unknown_placeholder_is_told_where_it_is_written(tmp_path: Path) -> None:
    text = five_variant_text().replace("Møde i {by}", "Møde i {regoin}")
    out = _fails(tmp_path, text)
    assert out == f"deck.yaml:{_line_col(text, '{regoin}')}: unknown placeholder '{{regoin}}' — did you mean " \
                  "'region'?\n"


def test_an_unknown_variant_in_skip_is_told_with_the_name_meant(tmp_path: Path) -> None:
    text = five_variant_text().replace("skip: nordjylland", "skip: [sjælland]")
    out = _fails(tmp_path, text)
    assert out == f"deck.yaml:{_line_col(text, 'sjælland]')}: unknown variant 'sjælland' in 'skip:' — did you " \
                  "mean 'sjaelland'? (the variants are 'hovedstaden', 'sjaelland', 'syddanmark', 'midtjylland' and " \
                  "'nordjylland')\n"


def test_a_variant_missing_a_value_another_has(tmp_path: Path) -> None:
    text = five_variant_text().replace("values: {region: Syddanmark, by: Vejle}", "values: {region: Syddanmark}")
    out = _fails(tmp_path, text)
    assert out == f"deck.yaml:{_line_col(text, 'syddanmark:')}: variant 'syddanmark' has no value for 'by', which " \
                  "'hovedstaden' has — add it under its 'values:'\n"


@pytest.mark.parametrize("name, advice", [("Sjælland", "sjaelland"), ("fyn_1", "fyn-1")])
def test_variant_names_are_lower_case_letters_digits_and_dashes(tmp_path: Path, name: str, advice: str) -> None:
    text = five_variant_text().replace("  sjaelland:", f"  {name}:").replace("only: [hovedstaden]", "only: []")
    out = _fails(tmp_path, text)
    assert f"deck.yaml:{_line_col(text, name + ':')}: the variant name '{name}' can only have lower-case letters, " \
           f"digits and '-' (it becomes part of the file name) — write e.g. '{advice}'\n" in out


def test_a_single_brace_is_told_with_how_to_write_it(tmp_path: Path) -> None:
    text = five_variant_text().replace("Møde i {by}, {date}", "Møde i {by, {date}")
    out = _fails(tmp_path, text)
    assert out == f"deck.yaml:{_line_col(text, '{by,')}: a single '{{' — write '{{{{' for a literal brace, or " \
                  "write a placeholder such as {region}\n"


def test_an_unknown_key_in_a_variant(tmp_path: Path) -> None:
    text = five_variant_text().replace("    date: 2017-08-31\n", "    datoen: 2017-08-31\n", 1)
    out = _fails(tmp_path, text)
    assert out.startswith(f"deck.yaml:{_line_col(text, 'datoen')}: unknown key 'datoen' in variant 'hovedstaden' — "
                          "did you mean 'date'?")


def test_a_problem_of_one_variant_says_which(tmp_path: Path) -> None:
    text = five_variant_text().replace("    date: 2017-09-01\n", "    date: 2017-09-31\n", 1)
    deck = write_five_variant_deck(tmp_path, text)
    result = CliRunner().invoke(main, ["check", str(deck)])
    assert result.exit_code == 1
    where = _line_col(text, "2017-09-31")
    assert f"{deck}:{where}: in variant 'syddanmark': '2017-09-31' is not a real date — check the month and the " \
           "day (YYYY-MM-DD)\n" in result.output


def test_only_and_skip_without_variants_are_unknown_keys(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    text = (ROOT / "deck.yaml").read_text(encoding="utf-8").replace("  - kind: process\n",
                                                                     "  - kind: process\n    only: [x]\n")
    out = _fails(tmp_path, text)
    assert "unknown key 'only'" in out
