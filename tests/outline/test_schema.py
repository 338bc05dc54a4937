"""`kkrdeck schema`: a draft 2020-12 JSON Schema kept in the repo, agreeing with kkrdeck's own validation."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from kkrdeck.outline.loader import load_yaml, to_plain
from kkrdeck.new import deck_text
from kkrdeck.outline.validate import check_deck_tree
from tests.conftest import ROOT
from tests.test_mistakes import MISTAKES, Mistake

SCHEMA_FILE = ROOT / "kkrdeck.schema.json"


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_errors(text: str | bytes) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return [e.message for e in validator().iter_errors(to_plain(load_yaml(data, "deck.yaml")))]


def kkrdeck_problems(text: str | bytes) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return [str(p) for p in check_deck_tree(load_yaml(data, "deck.yaml"), "deck.yaml")[1]]


def test_the_schema_file_in_the_repo_is_what_kkrdeck_schema_prints() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert SCHEMA_FILE.read_text(encoding="utf-8") == result.stdout, \
        "kkrdeck.schema.json is out of date: run 'kkrdeck schema > kkrdeck.schema.json'"


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["title", "slides"]


def test_the_repo_deck_names_the_schema_for_editors_and_validates_against_it() -> None:
    text = (ROOT / "deck.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=kkrdeck.schema.json"
    assert schema_errors(text) == []


GOOD_DECKS = {
    "repo deck": (ROOT / "deck.yaml").read_text(encoding="utf-8"),
    "new deck": deck_text(),
    "yaml look-alikes stay text": "title: 1.10\nslides:\n  - kind: bullets\n    title: NO\n    bullets: [on, 2017-08-17, "
                                  "'true', 0x1F]\n",
    "every kind": """\
title: T
subtitle: S
organisation: O
author: A
date: 2017-09-01
language: da-DK
slides:
  - {kind: title, title: T, subtitle: S, date: 2016-02-29, organisation: O}
  - {kind: section, title: S, subtitle: U, notes: N, overflow: shrink}
  - kind: bullets
    title: B
    lead: L
    bullets:
      - '[KL](https://www.kl.dk) og [mail](mailto:a@kl.dk)'
      - text: a
        numbered:
          - text: b
            arrows:
              - text: c
                bullets: [d]
  - kind: bullets
    continues: True
    bullets: [e]
  - kind: process
    title: P
    steps:
      - {date: 2017-08-31, until: 2017-09-01, text: t}
    conclusion: C
  - {kind: statements, title: S, statements: [a, b]}
  - {kind: two-column, title: T, left: {heading: H, bullets: [a]}, right: {bullets: [b]}}
  - {kind: image, title: I, image: x.png, decorative: true}
  - {kind: image, title: I, image: x.png, alt: A, decorative: FALSE}
  - {kind: table, title: T, columns: [a, b], rows: [[x, ""], [y, z]]}
""",
}


@pytest.mark.parametrize("name", GOOD_DECKS)
def test_schema_and_kkrdeck_both_accept_a_good_deck(name: str) -> None:
    assert kkrdeck_problems(GOOD_DECKS[name]) == []
    assert schema_errors(GOOD_DECKS[name]) == []


def _judged_by_both(mistake: Mistake) -> bool:
    return mistake.deck_only and mistake.yaml_ok and mistake.schema_sees_it


@pytest.mark.parametrize("mistake", [m for m in MISTAKES if _judged_by_both(m)], ids=lambda m: m.name)
def test_schema_and_kkrdeck_both_refuse_a_bad_deck(mistake: Mistake) -> None:
    assert mistake.deck is not None
    assert kkrdeck_problems(mistake.deck) != []
    assert schema_errors(mistake.deck) != []


def test_the_bad_corpus_for_the_schema_is_large() -> None:
    assert len([m for m in MISTAKES if _judged_by_both(m)]) >= 30


def test_what_an_editor_reads_as_numbers_and_booleans_is_fine_too() -> None:
    """yaml-language-server reads YAML 1.2: 1.10 is a number and true a boolean there; kkrdeck reads text."""
    typed = {"title": 1.1, "slides": [{"kind": "bullets", "title": 2017, "continues": False, "bullets": [1.0, True]},
                                      {"kind": "image", "title": "I", "image": "x.png", "decorative": True}]}
    assert list(validator().iter_errors(typed)) == []
