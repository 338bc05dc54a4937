"""Validation: every problem at once, in line order, pointed at the right node, in plain words — whatever the input."""

from __future__ import annotations

import os
import re
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from kkrdeck.build import written_by_kkrdeck
from kkrdeck.cli import main
from kkrdeck.errors import DeckError
from kkrdeck.outline.loader import load_yaml
from kkrdeck.outline.validate import check_deck_tree, validate_brand, validate_deck
from tests.conftest import ROOT, write_deck

DEFAULT = (ROOT / "deck.yaml").read_text(encoding="utf-8")
# What pydantic says in its own words; none of it may reach a user.
PYDANTIC_WORDS = ("Input should", "Field required", "should have at", "valid string", "Value error", "Extra inputs",
                  "Assertion failed", "validation error", "Input tag", "union_tag", "errors.pydantic.dev")
MESSAGE = re.compile(r"^(deck\.yaml|assets/brand\.yaml)(:\d+:\d+)?: (warning: |notice: )?\S")


def problems(text: str) -> list[str]:
    return [str(p) for p in check_deck_tree(load_yaml(text.encode("utf-8"), "deck.yaml"), "deck.yaml")[1]]


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    text = ("title: T\ndate: 2017-02-30\nslides:\n  - kind: bullets\n    titel: T\n    bullets: [a]\n"
            "  - kind: statements\n    title: S\n    statements: [a]\n  - kind: proces\n")
    assert problems(text) == [
        "deck.yaml:2:7: '2017-02-30' is not a real date — check the month and the day (YYYY-MM-DD)",
        "deck.yaml:5:5: unknown key 'titel' in a bullets slide — did you mean 'title'?",
        "deck.yaml:9:17: a statements slide needs at least 2 statements (found 1) — add 1 more",
        "deck.yaml:10:11: unknown slide kind 'proces' — did you mean 'process'? (kinds: title, section, bullets, "
        "process, statements, two-column, image, table, chart)",
    ]


@pytest.mark.parametrize(("text", "where"), [
    ("title: T\nslides:\n  - kind: section\n    title: T\n    subtitel: x\n", "5:5"),  # unknown key: the key
    ("title: T\nslides:\n  - kind: section\n    title: T\n    overflow: wrap\n", "5:15"),  # bad value: the value
    ("title: T\nslides:\n  - title: T\n    kind: chrat\n", "4:11"),  # unknown kind: the kind's value
    ("title: T\nslides:\n  - kind: image\n    title: T\n", "3:5"),  # missing key: the block that lacks it
    ("title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets:\n      - a\n      - - b\n", "7:9"),  # an item
])
def test_a_problem_points_at_the_node_to_change(text: str, where: str) -> None:
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(f"deck.yaml:{where}: ")


def test_positions_of_a_valid_deck_follow_keys_inside_list_items() -> None:
    text = "title: T\nslides:\n  - kind: image\n    title: T\n    image: x.png\n    alt: A\n"
    located = validate_deck(load_yaml(text.encode(), "deck.yaml"), "deck.yaml")
    assert located.position("slides", 0) == (3, 5)
    assert located.position("slides", 0, "image") == (5, 12)
    assert located.position("slides", 0, "alt") == (6, 10)


def test_a_misspelt_key_is_one_mistake_not_also_a_missing_key() -> None:
    text = "title: T\nslides:\n  - kind: two-column\n    title: T\n    left: {bullets: [a]}\n    rigth: {bullets: [b]}\n"
    assert problems(text) == ["deck.yaml:6:5: unknown key 'rigth' in a two-column slide — did you mean 'right'?"]


def test_validate_deck_raises_every_problem_as_one_deck_error() -> None:
    with pytest.raises(DeckError) as info:
        validate_deck(load_yaml(b"title: [T]\nslides: []\n", "deck.yaml"), "deck.yaml")
    assert info.value.lines() == [
        "deck.yaml:1:8: 'title' should be text, not a list — write the text after 'title:'",
        "deck.yaml:2:9: 'slides' is empty — add at least one slide below 'slides:', each starting with '- kind:'",
    ]


def test_a_brand_that_is_not_a_block_is_explained() -> None:
    with pytest.raises(DeckError) as info:
        validate_brand(load_yaml(b"- KKR\n", "brand.yaml"), "brand.yaml")
    assert info.value.lines() == ["brand.yaml:1:1: the file should be a block of 'key: value' lines, starting with "
                                  "'name:' and 'colours:' (see README.md for an example)"]


def test_brand_layouts_name_only_slide_kinds() -> None:
    brand = (ROOT / "assets/brand.yaml").read_text(encoding="utf-8") + "layouts:\n  bullet: Titel og indhold\n"
    with pytest.raises(DeckError) as info:
        validate_brand(load_yaml(brand.encode(), "brand.yaml"), "brand.yaml")
    assert info.value.lines() == ["brand.yaml:30:3: 'bullet' is not a slide kind — did you mean 'bullets'? (kinds: "
                                  "title, section, bullets, process, statements, two-column, image, table, chart)"]


def test_every_value_kkrdeck_reads_is_text_so_a_number_looking_bullet_is_fine() -> None:
    assert problems("title: 2017\nslides:\n  - kind: bullets\n    title: 1.10\n    bullets: [1, 2.5, NO, on]\n") == []


# --- random mutations of the default deck ----------------------------------------------------------------------

KEY_LINE = re.compile(r"^(\s*(?:- )?)([\w-]+)(:)(.*)$")
VALUES = ["[a, b]", "{x: y}", "", "~", "123", "true", "maybe", "2017-13-01", "17-08-2017", "'[x](javascript:y)'",
          '"\\e[2J"', "|", "&a x", "*a", "!x", '"', "- x", "bullets", "image", "x" * 2100, "'#fff'", ": x"]
KEYS = ["kind", "title", "bullets", "buletts", "text", "numbered", "arrows", "steps", "date", "until", "image",
        "statements", "continues", "brand", "language", "slides", "x", "Title", "tekst"]


@st.composite
def mutated_deck(draw: st.DrawFn) -> str:
    lines = DEFAULT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        op = draw(st.sampled_from(["rename", "retype", "delete", "insert", "indent", "duplicate"]))
        m = KEY_LINE.match(line.rstrip("\n"))
        if op == "rename" and m:
            lines[i] = f"{m.group(1)}{draw(st.sampled_from(KEYS))}{m.group(3)}{m.group(4)}\n"
        elif op == "retype" and m:
            lines[i] = f"{m.group(1)}{m.group(2)}: {draw(st.sampled_from(VALUES))}\n"
        elif op == "delete":
            del lines[i]
        elif op == "insert":
            where = draw(st.integers(0, len(line)))
            chars = draw(st.text(alphabet=":-[]{}#&*!|>'\"%@` \tæøå\\x\n", min_size=1, max_size=4))
            lines[i] = line[:where] + chars + line[where:]
        elif op == "indent":
            shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
            lines[i] = " " * shift + line if shift > 0 else line[min(-shift, len(line) - len(line.lstrip(" "))):]
        else:
            lines.insert(i, line)
        if not lines:
            lines = ["\n"]
    return "".join(lines)


@contextmanager
def inside(folder: Path):
    previous = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


@pytest.fixture(scope="module")
def deck_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    from kkrdeck.build import build

    folder = tmp_path_factory.mktemp("mutations")
    deck = write_deck(folder, DEFAULT)
    build(deck, folder / "out" / "deck.pptx")
    return folder, (folder / "out" / "deck.pptx").read_bytes()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(text=mutated_deck())
def test_a_mutated_deck_builds_or_is_refused_in_plain_words(deck_folder: tuple[Path, bytes], text: str) -> None:
    folder, previous = deck_folder
    out = folder / "out" / "deck.pptx"
    out.write_bytes(previous)
    (folder / "deck.yaml").write_text(text, encoding="utf-8")
    with inside(folder):
        result = CliRunner().invoke(main, ["build", "deck.yaml", "-o", "out/deck.pptx"])
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exception
    assert result.exit_code in (0, 1), result.stderr
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["deck.pptx"]  # never a temporary file left
    if result.exit_code == 0:
        assert written_by_kkrdeck(out)
        with zipfile.ZipFile(out) as zf:
            assert zf.testzip() is None
        return
    assert out.read_bytes() == previous
    lines = result.stderr.splitlines()
    assert lines
    for line in lines:
        assert MESSAGE.match(line), line
        assert not any(word in line for word in PYDANTIC_WORDS), line
        assert "Traceback" not in line and "internal error" not in line, line


@settings(max_examples=150, deadline=None)
@given(text=mutated_deck())
def test_what_kkrdeck_accepts_the_schema_accepts(text: str) -> None:
    """The editor must never flag a deck kkrdeck builds (kkrdeck may know more, e.g. a table's row lengths)."""
    from tests.outline.test_schema import validator
    from kkrdeck.outline.loader import to_plain

    try:
        root = load_yaml(text.encode("utf-8"), "deck.yaml")
    except DeckError:
        return
    located, found = check_deck_tree(root, "deck.yaml")
    for problem in found:
        assert not any(word in problem.message for word in PYDANTIC_WORDS), problem
    if located is not None:
        assert list(validator().iter_errors(to_plain(root))) == []


# --- random trees of the keys kkrdeck knows, for the deck and the brand --------------------------------------------

TREE_KEYS = ["kind", "title", "subtitle", "bullets", "numbered", "arrows", "text", "steps", "date", "until", "statements",
             "left", "right", "heading", "image", "alt", "decorative", "caption", "columns", "rows", "continues", "lead",
             "notes", "overflow", "slides", "language", "brand", "template", "x", "name", "colours", "primary",
             "accents", "background", "light", "fonts", "metrics", "regular", "sizes", "body", "body-min", "title-min",
             "slide-numbers", "aspect", "layouts"]
TREE_VALUES = st.none() | st.sampled_from(["", "a", "bullets", "image", "process", "true", "maybe", "2017-08-17",
                                           "2017-02-30", "#FFFFFF", "12", "100", "[x](ftp:y)", "16:9", "x" * 301])
TREES = st.recursive(TREE_VALUES, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.sampled_from(TREE_KEYS), inner, max_size=5), max_leaves=25)


@settings(max_examples=200, deadline=None)
@given(tree=st.dictionaries(st.sampled_from(TREE_KEYS), TREES, max_size=6), brand=st.booleans())
def test_any_tree_of_known_keys_gets_positioned_sentences(tree: dict, brand: bool) -> None:
    import json

    from kkrdeck.outline.validate import check_brand_tree

    root = load_yaml(json.dumps(tree, ensure_ascii=False).encode("utf-8"), "x.yaml")
    located, found = (check_brand_tree if brand else check_deck_tree)(root, "x.yaml")
    assert (located is None) == bool(found)
    for problem in found:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert not any(word in problem.message for word in PYDANTIC_WORDS), problem
