"""Tests of the load stage: YAML text to positioned nodes, with every problem explained in plain words."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kkrdeck.outline import loader
from kkrdeck.errors import DeckError
from kkrdeck.outline.loader import Limits, Mapping, Scalar, Sequence, load_file, load_yaml, to_plain

# The C parser is what runs in practice; the pure one is the fallback when PyYAML lacks libyaml.
PARSERS = [yaml.BaseLoader] + ([yaml.CBaseLoader] if yaml.__with_libyaml__ else [])


@pytest.fixture(params=PARSERS, ids=lambda p: p.__name__)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    monkeypatch.setattr(loader, "_Parser", request.param)
    return request.param


def load(text: str) -> object:
    return load_yaml(text.encode("utf-8"), "deck.yaml")


def errors_of(data: str | bytes, limits: Limits = Limits()) -> list[str]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(DeckError) as info:
        load_yaml(raw, "deck.yaml", limits)
    return info.value.lines()


def value_of(text: str) -> Scalar:
    root = load(text)
    assert isinstance(root, Mapping)
    node = root.get("v")
    assert isinstance(node, Scalar)
    return node


# --- the tree and its positions ---------------------------------------------------------------


def test_nodes_keep_1_based_line_and_column(parser: type) -> None:
    root = load("title: Hej\nslides:\n  - title: Två\n    bullets: [a, b]\n")
    assert isinstance(root, Mapping)
    assert (root.line, root.column) == (1, 1)
    title = root.get("title")
    assert title == Scalar(1, 8, "Hej", True)
    slides = root.get("slides")
    assert isinstance(slides, Sequence) and (slides.line, slides.column) == (3, 3)
    slide = slides.items[0]
    assert isinstance(slide, Mapping) and (slide.line, slide.column) == (3, 5)
    key, value = slide.items[0]
    assert (key.line, key.column, key.value) == (3, 5, "title")
    assert value == Scalar(3, 12, "Två", True)
    bullets = slide.get("bullets")
    assert isinstance(bullets, Sequence) and (bullets.line, bullets.column) == (4, 14)
    assert bullets.items == (Scalar(4, 15, "a", True), Scalar(4, 18, "b", True))


def test_columns_count_characters_not_bytes(parser: type) -> None:
    root = load("äöü: åäö ✓\nnext: x\n")
    assert isinstance(root, Mapping)
    assert root.get("äöü") == Scalar(1, 6, "åäö ✓", True)
    assert root.get("next") == Scalar(2, 7, "x", True)


def test_mapping_keeps_keys_in_source_order_and_get_finds_them(parser: type) -> None:
    root = load("zeta: 1\nalpha: 2\nmid: 3\n")
    assert isinstance(root, Mapping)
    assert root.keys() == ["zeta", "alpha", "mid"]
    assert root.get("alpha") == Scalar(2, 8, "2", True)
    assert root.get("missing") is None


def test_a_document_that_is_just_a_list_or_a_text_loads(parser: type) -> None:
    assert load("- a\n- b\n") == Sequence(1, 1, (Scalar(1, 3, "a", True), Scalar(2, 3, "b", True)))
    assert load("just text\n") == Scalar(1, 1, "just text", True)


# --- strings stay strings ---------------------------------------------------------------------


def test_no_stays_the_string_no(parser: type) -> None:
    assert value_of("v: NO\n") == Scalar(1, 4, "NO", True)


@pytest.mark.parametrize(
    "typed",
    ["on", "off", "yes", "Y", "true", "False", "1.0", "1.10", "2017-08-17", "2017-08-17 10:00:00",
     "0x1F", "012", "1e3", "0o17", ".inf", "-.NaN", "1_000", "12:30:00", "+1"],
)
def test_yaml_lookalikes_stay_the_strings_as_typed(parser: type, typed: str) -> None:
    assert value_of(f"v: {typed}\n").value == typed
    assert to_plain(load(f"v: {typed}\n")) == {"v": typed}


def test_quoted_strings_have_their_yaml_values(parser: type) -> None:
    assert value_of('v: "Tema 1: Relationen"\n') == Scalar(1, 4, "Tema 1: Relationen", False)
    assert value_of("v: 'it''s'\n").value == "it's"
    assert value_of('v: "tab\\there \\u00e9"\n').value == "tab\there é"
    assert value_of('v: "two\n  lines"\n').value == "two lines"


def test_literal_and_folded_blocks_have_their_yaml_values(parser: type) -> None:
    assert value_of("v: |\n  one\n    two\n  three\n").value == "one\n  two\nthree\n"
    assert value_of("v: |-\n  one\n  two\n").value == "one\ntwo"
    assert value_of("v: >\n  one\n  two\n\n  three\n").value == "one two\nthree\n"
    assert value_of("v: a plain\n  text that\n  goes on\n").value == "a plain text that goes on"
    assert not value_of("v: |\n  x\n").plain


def test_only_plain_null_spellings_are_null(parser: type) -> None:
    for text in ("v:\n", "v: ~\n", "v: null\n", "v: Null\n", "v: NULL\n"):
        assert value_of(text).is_null, text
    for text in ('v: "null"\n', "v: '~'\n", "v: ''\n", "v: nil\n", "v: None\n"):
        assert not value_of(text).is_null, text


def test_to_plain_gives_dicts_lists_strings_and_none(parser: type) -> None:
    root = load("title: T\nempty:\nlist: [1, '2', ~]\nnested: {a: {b: c}}\n~: key stays text\n")
    assert to_plain(root) == {
        "title": "T",
        "empty": None,
        "list": ["1", "2", None],
        "nested": {"a": {"b": "c"}},
        "~": "key stays text",
    }


def test_an_alias_reuses_the_anchored_node(parser: type) -> None:
    root = load("base: &b {font: Arial, size: 12}\nslide: *b\n")
    assert isinstance(root, Mapping)
    assert root.get("slide") is root.get("base")
    assert to_plain(root) == {"base": {"font": "Arial", "size": "12"}, "slide": {"font": "Arial", "size": "12"}}


def test_standard_tags_do_not_change_the_text(parser: type) -> None:
    assert value_of("v: !!int 12\n").value == "12"
    assert value_of("v: !!str 1.0\n").value == "1.0"


def test_a_value_starting_with_an_exclamation_mark_is_not_silently_dropped(parser: type) -> None:
    # YAML would read '!important' as a tag and keep only "remark"; that is never what a deck means.
    assert errors_of("title: x\nnote: !important remark\nlist: !x [a]\n") == [
        "deck.yaml:2:7: a value cannot start with '!' — put the whole text in quotes, e.g. \"!important remark\"",
        "deck.yaml:3:7: a value cannot start with '!' — put the whole text in quotes, e.g. \"!x [a]\"",
    ]


# --- encodings and line endings ---------------------------------------------------------------

SAMPLE = "title: Hej\nslides:\n  - title: Två\n    notes: |\n      line one\n      line two\n    tags: [a, b]\n"


def test_a_bom_gives_the_same_tree_and_positions(parser: type) -> None:
    assert load_yaml(b"\xef\xbb\xbf" + SAMPLE.encode(), "deck.yaml") == load(SAMPLE)


def test_crlf_line_endings_give_the_same_tree_and_positions(parser: type) -> None:
    assert load_yaml(SAMPLE.replace("\n", "\r\n").encode(), "deck.yaml") == load(SAMPLE)
    assert load_yaml(b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode(), "deck.yaml") == load(SAMPLE)


def test_a_file_that_is_not_utf8_is_refused_at_the_first_bad_byte() -> None:
    data = "title: x\nslides:\n  - 主题\n".encode("utf-8") + "  - Schön\n".encode("latin-1")
    assert errors_of(data) == [
        "deck.yaml:4:8: the file is not UTF-8 text (byte 0xf6) — save it as UTF-8 "
        "(in most editors: Save As → Encoding → UTF-8)"
    ]


def test_non_utf8_position_counts_characters_and_ignores_bom_and_cr() -> None:
    data = b"\xef\xbb\xbfa: 1\r\nbb: \xc3\xa4\xe6\r\n"
    assert errors_of(data) == [
        "deck.yaml:2:6: the file is not UTF-8 text (byte 0xe6) — save it as UTF-8 "
        "(in most editors: Save As → Encoding → UTF-8)"
    ]


def test_a_utf16_file_is_reported_as_not_utf8() -> None:
    first = errors_of("title: x\n".encode("utf-16"))[0]
    assert first.startswith("deck.yaml:1:1: the file is not UTF-8 text (byte 0xff)")


def test_control_characters_are_all_reported() -> None:
    assert errors_of("a: b\x07\nc: \x00d\n") == [
        "deck.yaml:1:5: the file contains an invisible control character (U+0007) — delete it "
        "(it often comes in through copy and paste)",
        "deck.yaml:2:4: the file contains an invisible control character (U+0000) — delete it "
        "(it often comes in through copy and paste)",
    ]


# --- keys -------------------------------------------------------------------------------------


def test_a_duplicate_key_is_reported_with_both_lines(parser: type) -> None:
    text = "theme: dark\n" + "# notes\n" * 7 + "cover:\n  title: One\n  notes: n\n  title: Two\n"
    assert errors_of(text) == [
        "deck.yaml:12:3: the key 'title' appears twice in this block (first on line 10) — keep one of them"
    ]


def test_every_duplicate_key_in_the_file_is_reported(parser: type) -> None:
    text = "title: a\nx: 1\ntitle: b\ntitle: c\nslides:\n  - x: 1\n    x: 2\n  - {y: 1, y: 2}\n"
    assert errors_of(text) == [
        "deck.yaml:3:1: the key 'title' appears twice in this block (first on line 1) — keep one of them",
        "deck.yaml:4:1: the key 'title' appears again in this block (first on line 1) — keep one of them",
        "deck.yaml:7:5: the key 'x' appears twice in this block (first on line 6) — keep one of them",
        "deck.yaml:8:12: the key 'y' appears twice in this block (first on line 8) — keep one of them",
    ]


def test_the_same_key_in_different_blocks_is_fine(parser: type) -> None:
    assert to_plain(load("- title: a\n- title: b\n")) == [{"title": "a"}, {"title": "b"}]


def test_quoted_and_plain_spellings_of_a_key_are_the_same_key(parser: type) -> None:
    assert errors_of('title: a\n"title": b\n') == [
        "deck.yaml:2:1: the key 'title' appears twice in this block (first on line 1) — keep one of them"
    ]


def test_a_list_or_block_as_a_key_is_an_error(parser: type) -> None:
    assert errors_of("? [a, b]\n: 1\n? {c: d}\n: 2\n") == [
        "deck.yaml:1:3: a key must be plain text, not a list or a block — write it as 'name: value'",
        "deck.yaml:3:3: a key must be plain text, not a list or a block — write it as 'name: value'",
    ]


def test_an_alias_to_a_missing_anchor_is_reported(parser: type) -> None:
    assert errors_of("title: *nope\n") == [
        "deck.yaml:1:8: '*nope' refers to an anchor '&nope' that is not defined above — define '&nope' first, "
        'or put the text in quotes if you meant it as text, e.g. "*nope"'
    ]


def test_an_alias_inside_its_own_anchor_is_reported(parser: type) -> None:
    assert errors_of("a: &x [1, *x]\n") == [
        "deck.yaml:1:11: '*x' is used inside the very block that '&x' marks, so it would repeat forever — "
        "refer to it from outside that block"
    ]


# --- tabs and syntax errors -------------------------------------------------------------------

TAB = "a tab is used for indentation — YAML needs spaces; replace the tab with spaces"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: x\nslides:\n  - a\n  - b\n\t- c\n", "5:1"),
        ("slides:\n  \ttitle: x\n", "2:3"),
        ("notes: |\n\tindented with a tab\n", "2:1"),
    ],
)
def test_a_tab_used_for_indentation_is_named(parser: type, text: str, where: str) -> None:
    assert errors_of(text) == [f"deck.yaml:{where}: {TAB}"]


def test_a_tab_inside_a_text_is_kept() -> None:
    # Only with libyaml: the pure parser also refuses tabs inside plain values (and says so plainly).
    if not yaml.__with_libyaml__:
        pytest.skip("needs libyaml")
    assert value_of("v: a\tb\n").value == "a\tb"


QUOTE_IT = "a ':' inside a value confuses YAML — put the whole text in quotes"
INDENT = (
    "the indentation does not line up with the lines above — "
    "indent this line exactly as far as the other entries of its block, with spaces"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "title: Deck\nslides:\n  - title: Intro\n\n\n\n  - title: Tema 1: Relationen\n",
            f'deck.yaml:7:18: {QUOTE_IT}, e.g. "Tema 1: Relationen"',
            id="colon-in-value",
        ),
        pytest.param(
            "subtitle: Kl. 10:30: Start # time\n",
            f'deck.yaml:1:20: {QUOTE_IT}, e.g. "Kl. 10:30: Start"',
            id="colon-in-value-with-comment",
        ),
        pytest.param(
            'title: "Hello\nslides: []\n',
            'deck.yaml:1:8: this quote (") is never closed — add the closing " where the text ends',
            id="unclosed-double-quote",
        ),
        pytest.param(
            "title: 'Tis the season\n",
            "deck.yaml:1:8: this quote (') is never closed — add the closing ' where the text ends, or, "
            "if the ' is part of the text, put the whole text in double quotes",
            id="unclosed-single-quote",
        ),
        pytest.param(
            "slides:\n  - title: a\n    notes: b\n   image: c\n", f"deck.yaml:4:4: {INDENT}", id="indent-less"
        ),
        pytest.param("title: a\n  subtitle: b\n", f"deck.yaml:2:11: {INDENT}", id="indent-more"),
        pytest.param("theme:\n  font: a\n color: b\n", f"deck.yaml:3:2: {INDENT}", id="indent-between"),
        pytest.param(
            "tags: [a, b\ntitle: x\n",
            "deck.yaml:1:7: this '[' is never closed — add the matching ']', or, if the '[' is part of the "
            "text, put the whole text in quotes",
            id="unclosed-bracket",
        ),
        pytest.param(
            "style: {font: a\n",
            "deck.yaml:1:8: this '{' is never closed — add the matching '}', or, if the '{' is part of the "
            "text, put the whole text in quotes",
            id="unclosed-brace",
        ),
        pytest.param(
            'title: "Hello" world\n',
            "deck.yaml:1:16: there is more text after the closing quote — put the whole text inside the quotes",
            id="text-after-quote",
        ),
        pytest.param(
            "title: 'it's here'\n",
            "deck.yaml:1:12: there is more text after the closing quote — put the whole text inside the quotes; "
            "inside '...' write an apostrophe as two ('')",
            id="apostrophe-in-single-quotes",
        ),
        pytest.param(
            "title: [Draft] My talk\n",
            "deck.yaml:1:16: a value that starts with '[' is read as a list — put the whole text in quotes, "
            'e.g. "[Draft] My talk"',
            id="text-after-bracket",
        ),
        pytest.param(
            "handle: @kkr\n",
            "deck.yaml:1:9: a value cannot start with '@' — put the whole text in quotes, e.g. \"@kkr\"",
            id="at-sign",
        ),
        pytest.param(
            "title: *bold* claims\n",
            'deck.yaml:1:8: a value cannot start with \'*\' — put the whole text in quotes, e.g. "*bold* claims"',
            id="asterisk",
        ),
        pytest.param(
            "title: x\nsubtitle\nauthor: y\n",
            "deck.yaml:2:1: this line has no ':' — write it as 'key: value', or indent it further if it "
            "continues the text above",
            id="missing-colon",
        ),
        pytest.param(
            'image: "C:\\pics\\logo.png"\n',
            "deck.yaml:1:11: a backslash (\\) inside double quotes must be written as \\\\ — or put this text in "
            "single quotes instead",
            id="backslash-in-double-quotes",
        ),
        pytest.param(
            "notes: | first line\n  second\n",
            "deck.yaml:1:10: after '|' or '>' the text must start on the next line — move it to a new, "
            "indented line",
            id="text-after-block-indicator",
        ),
        pytest.param(
            "title: x\n- slide\n",
            "deck.yaml:2:1: a list item ('- ') cannot start here — indent it under the key it belongs to, "
            "or line it up with the other items",
            id="list-item-among-keys",
        ),
    ],
)
def test_common_mistakes_get_one_plain_line(parser: type, text: str, message: str) -> None:
    assert errors_of(text) == [message]


def test_a_syntax_error_is_reported_alone(parser: type) -> None:
    # The duplicate comes first, but after a syntax error the structure is guesswork: only the cause is shown.
    assert errors_of("a: 1\na: 2\nb: 'open\n") == [
        "deck.yaml:3:4: this quote (') is never closed — add the closing ' where the text ends, or, "
        "if the ' is part of the text, put the whole text in double quotes"
    ]


# --- empty files and documents ----------------------------------------------------------------

EMPTY = (
    "deck.yaml: the deck file is empty — write the outline into it, "
    "or run 'kkrdeck new DIR' to start from an example"
)


@pytest.mark.parametrize("text", ["", "\n\n", "   \n", "# only\n  # comments\n", "---\n", "\ufeff"])
def test_an_empty_file_says_it_is_empty(parser: type, text: str) -> None:
    assert errors_of(text) == [EMPTY]


def test_a_second_document_is_pointed_at(parser: type) -> None:
    expected = (
        "deck.yaml:3:1: a second YAML document starts here — a deck file holds one outline; "
        "remove the '---' (or '...') line that splits it"
    )
    assert errors_of("title: a\nslides: []\n---\ntitle: b\n") == [expected]
    assert errors_of("---\ntitle: a\n---\n") == [expected]


def test_a_leading_document_marker_is_fine(parser: type) -> None:
    assert to_plain(load("---\ntitle: a\n...\n")) == {"title": "a"}


# --- limits -----------------------------------------------------------------------------------


def billion_laughs() -> bytes:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines).encode()


def test_billion_laughs_is_refused_quickly_and_in_little_memory(parser: type) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(DeckError) as info:
            load_yaml(billion_laughs(), "deck.yaml")
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.lines() == [
        "deck.yaml:5:35: the outline is too big: more than 50,000 entries (the limit), counting each '*' alias "
        "as a full copy — split it into smaller decks or use fewer aliases"
    ]
    assert elapsed < 1.0  # generous: it takes a few milliseconds
    assert peak < 50 * 1024 * 1024


def test_node_limit_counts_every_node() -> None:
    text = "".join(f"k{i}: v\n" for i in range(10))  # 1 mapping + 20 scalars
    assert to_plain(load_yaml(text.encode(), "deck.yaml", Limits(max_nodes=21)))
    assert errors_of(text, Limits(max_nodes=20)) == [
        "deck.yaml:10:5: the outline is too big: more than 20 entries (the limit), counting each '*' alias "
        "as a full copy — split it into smaller decks or use fewer aliases"
    ]


DEEP = "the outline is nested more than 40 levels deep (the limit) — flatten it: fewer blocks inside blocks"


def test_nesting_past_the_depth_limit_is_refused(parser: type) -> None:
    ok = "".join("  " * i + f"k{i}:\n" for i in range(40))
    assert load_yaml(ok.encode(), "deck.yaml")
    deep = "".join("  " * i + f"k{i}:\n" for i in range(41))
    assert errors_of(deep) == [f"deck.yaml:41:81: {DEEP}"]


def test_a_megabyte_of_brackets_is_refused_without_crashing(parser: type) -> None:
    # PyYAML's C composer recurses per level and overflows the C stack on this input.
    n = 400_000
    assert errors_of("[" * n + "]" * n) == [f"deck.yaml:1:41: {DEEP}"]


def test_aliases_count_towards_depth(parser: type) -> None:
    limits = Limits(max_depth=3)
    assert load_yaml(b"a: &a [[x]]\n", "deck.yaml", limits)
    assert errors_of("a: &a [[x]]\nb: [*a]\n", limits) == [
        "deck.yaml:2:5: the outline is nested more than 3 levels deep (the limit) — flatten it: fewer blocks "
        "inside blocks"
    ]


def test_a_too_long_text_is_refused(parser: type) -> None:
    assert value_of("v: " + "x" * 20_000 + "\n").value == "x" * 20_000
    assert errors_of("a: " + "x" * 20_001 + "\nb: " + "y" * 30_000 + "\n") == [
        "deck.yaml:1:4: this text is 20,001 characters long, over the limit of 20,000 — shorten it or split it up",
        "deck.yaml:2:4: this text is 30,000 characters long, over the limit of 20,000 — shorten it or split it up",
    ]


def test_a_too_large_file_is_refused_before_parsing() -> None:
    data = b"title: '" + b"x" * 1_000_000  # would be a syntax error too, if it were parsed
    assert errors_of(data) == [
        "deck.yaml: the deck file is 1,000,008 bytes, over the limit of 1,000,000 bytes — split it into smaller decks"
    ]
    assert errors_of(b"a: b\n", Limits(max_bytes=4)) == [
        "deck.yaml: the deck file is 5 bytes, over the limit of 4 bytes — split it into smaller decks"
    ]


# --- files ------------------------------------------------------------------------------------


def test_load_file_reads_and_names_the_file_relative_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talk").mkdir()
    path = tmp_path / "talk" / "deck.yaml"
    path.write_bytes(b"title: x\ntitle: y\n")
    with pytest.raises(DeckError) as info:
        load_file(path)
    assert info.value.lines() == [
        "talk/deck.yaml:2:1: the key 'title' appears twice in this block (first on line 1) — keep one of them"
    ]
    path.write_bytes(b"title: x\n")
    assert load_file(path) == Mapping(1, 1, ((Scalar(1, 1, "title", True), Scalar(1, 8, "x", True)),))


def test_a_missing_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DeckError) as info:
        load_file(tmp_path / "deck.yaml")
    assert info.value.lines() == [
        "deck.yaml: deck file not found — check the name, or run 'kkrdeck new DIR' to start a deck"
    ]


def test_an_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deck.yaml").mkdir()
    with pytest.raises(DeckError) as info:
        load_file(tmp_path / "deck.yaml")
    assert info.value.lines() == ["deck.yaml: cannot read the deck file: Is a directory"]


def test_load_file_refuses_a_large_file_without_reading_it_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deck.yaml").write_bytes(b"#" * 5000)
    with pytest.raises(DeckError) as info:
        load_file(tmp_path / "deck.yaml", Limits(max_bytes=100))
    assert info.value.lines() == [
        "deck.yaml: the deck file is 5,000 bytes, over the limit of 100 bytes — split it into smaller decks"
    ]


# --- robustness -------------------------------------------------------------------------------

YAMLISH = st.lists(
    st.sampled_from(
        ["a", "b", ": ", ":", "- ", "-", "  ", " ", "\n", "\r\n", "\t", "#", "&x ", "*x", "[", "]", "{", "}",
         ",", "'", '"', "\\", "---\n", "...\n", "? ", "|\n", ">-\n", "!!str ", "%YAML 1.1\n", "@", "`", "é",
         "\ufeff", "\x85", "\u2028", "~"]
    ),
    max_size=40,
).map("".join)


def assert_loads_or_explains(data: bytes) -> None:
    try:
        root = load_yaml(data, "deck.yaml", Limits(max_nodes=500, max_depth=10))
    except DeckError as e:
        assert e.problems
        for line in e.lines():
            assert line.startswith("deck.yaml")
            assert "\n" not in line
    else:
        to_plain(root)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_random_bytes_only_ever_raise_deck_error(parser: type, data: bytes) -> None:
    assert_loads_or_explains(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=200), YAMLISH))
def test_random_text_only_ever_raises_deck_error(parser: type, text: str) -> None:
    assert_loads_or_explains(text.encode("utf-8"))
