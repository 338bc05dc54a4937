"""What validation tells the user: each pydantic error as one sentence in plain words, pointing at its node."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, NamedTuple

from kkrdeck.errors import Problem
from kkrdeck.i18n import N_, _, number
from kkrdeck.outline.loader import Mapping, Node, Scalar
from kkrdeck.outline.locate import Where, expected, field_of, is_model, keys_of, required, slide_kind
from kkrdeck.outline.model import (HEX_COLOUR, ISO_DATE, SLIDE_KINDS, SLIDE_TYPES, BulletItem,
                                   Column, Deck, Step, date_advice)
from kkrdeck.outline.phrases import clip, count, describe, did_you_mean, join, suggest
from kkrdeck.outline.rule_messages import KINDS, RULES_OF_MODELS, not_a_slide, slide_kind_problem
from kkrdeck.outline.yaml_errors import quote_for_yaml

TreePath = tuple[Any, ...]
SUBLISTS = ("bullets", "numbered", "arrows")
BULLETS_TOO_DEEP = N_("bullets nest at most {depth} levels deep — move these sub-items up a level or onto "
                      "their own slide")  # translated where used: _(BULLETS_TOO_DEEP).format(depth=MAX_BULLET_DEPTH)
_BLOCK_NAMES = {
    "Deck": N_("the deck"), "Brand": N_("the brand file"), "Colours": "'colours'", "Fonts": "'fonts'",
    "FontFiles": N_("a font's files"), "Sizes": "'sizes'", "BulletItem": N_("a bullet"), "Step": N_("a process step"),
    "Column": N_("a column"),
}
_THIS_BLOCK = {"a font's files": N_("this font's files"), "a bullet": N_("this bullet"),
               "a process step": N_("this process step"), "a column": N_("this column")}
# What one entry of a list is called, by the list's key.
_ITEM_NOUNS = {
    "slides": "slide", "bullets": "bullet", "numbered": "numbered item", "arrows": "arrow item",
    "statements": "statement", "steps": "process step", "columns": "column heading", "rows": "row",
    "accents": "accent colour", "body": "body size",
}
# 'this bullet', 'this row'…: whole phrases, since Danish says 'dette punkt' but 'denne række'.
_THIS = {
    "slide": N_("this slide"), "bullet": N_("this bullet"), "numbered item": N_("this numbered item"),
    "arrow item": N_("this arrow item"), "statement": N_("this statement"), "steps": N_("this process step"),
    "process step": N_("this process step"), "column heading": N_("this column heading"), "row": N_("this row"),
    "accent colour": N_("this accent colour"), "body size": N_("this body size"), "cell": N_("this cell"),
    "sub-item": N_("this sub-item"), "item": N_("this item"),
}
# 'one line per bullet': whole phrases, for the same reason ('ét punkt pr. linje', 'én række pr. linje').
_ONE_LINE_PER = {
    "slide": N_("one line per slide"), "bullet": N_("one line per bullet"),
    "numbered item": N_("one line per numbered item"), "arrow item": N_("one line per arrow item"),
    "statement": N_("one line per statement"), "process step": N_("one line per process step"),
    "column heading": N_("one line per column heading"), "row": N_("one line per row"),
    "accent colour": N_("one line per accent colour"), "body size": N_("one line per body size"),
    "cell": N_("one line per cell"), "sub-item": N_("one line per sub-item"), "item": N_("one line per item"),
}
_TOO_MANY = {
    "slides": N_("split the deck into smaller decks"),
    "steps": N_("split the process over two process slides"),
    "statements": N_("split them over two statements slides"),
    "columns": N_("split the table into two tables"),
    "rows": N_("split the table over two slides"),
    "accents": N_("remove the extra ones"),
}
# Words people reach for that kkrdeck spells differently; difflib alone would not find them.


class Worded(NamedTuple):
    """One pydantic error in words, with what validation needs to tell a misspelt key from a missing one."""

    problem: Problem
    kind: str  # pydantic's error type
    parent: TreePath  # the path of the block the error is about
    key: str | None = None
    suggestion: str | None = None  # the key suggested for an unknown one


def not_a_block(deck: bool) -> str:
    if deck:
        return _("the file should be a block of 'key: value' lines, starting with 'title:' and 'slides:' (see "
                 "README.md for an example)")
    return _("the file should be a block of 'key: value' lines, starting with 'name:' and 'colours:' (see README.md "
             "for an example)")


def word_error(model: Any, filename: str, error: dict[str, Any], where: Where) -> Worded:
    """One pydantic error, already followed to its node (where), → the sentence the user reads."""
    loc = list(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    owner = where.owners[-1] if where.owners else model
    node = where.node
    parent: TreePath = tuple(where.path)

    def at(n: Node, message: str, key: str | None = None, suggestion: str | None = None) -> Worded:
        return Worded(Problem(filename, n.line, n.column, message), kind, parent, key, suggestion)

    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = tuple(where.path[:-1])
        known = keys_of(owner)
        elsewhere = _belongs_elsewhere(key, owner)
        suggestion = None if elsewhere else suggest(key, known)
        message = _("unknown key '{key}' in {block}").format(key=clip(key), block=_block_name(owner, where.path[:-1]))
        if elsewhere:
            message += f" — {elsewhere}"
        elif suggestion:
            message += _(" — did you mean '{suggestion}'?").format(suggestion=suggestion)
        elif "#" in key and not key.startswith("#"):
            message += _(" — if the line is meant as a comment, start it with '#' (inside a line, a comment starts "
                         "at a '#' after a space)")
        else:
            message += _(" — the keys here are: {keys}").format(keys=", ".join(known))
        return at(where.key or node, message, key, suggestion)
    if kind == "missing" and not where.complete:
        key = str(loc[-1])
        return at(node, _("{block} has no '{key}' — {advice}").format(
            block=_block_name(owner, where.path, this=True), key=key, advice=_how_to_add(owner, key, where.path)), key)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return at(*slide_kind_problem(kind, node))
    if kind == "model_attributes_type" and where.path and where.path[-2:-1] == ["slides"]:
        return at(node, not_a_slide(node))
    if kind in RULES_OF_MODELS:
        target, message = RULES_OF_MODELS[kind](node, ctx)
        return at(target, message, "title" if kind == "title_missing" else None)
    if kind == "literal_error" and loc[-1] == "[key]":
        word = clip(str(error.get("input")))
        suggestion = did_you_mean(word, list(SLIDE_KINDS))
        if suggestion:
            return at(node, _("'{word}' is not a slide kind{suggestion} (kinds: {kinds})").format(
                word=word, suggestion=suggestion, kinds=KINDS))
        return at(node, _("'{word}' is not a slide kind — use one of: {kinds}").format(word=word, kinds=KINDS))
    return at(node, value_message(kind, error, where, where.field_owner or owner))


# --- a value that is there but wrong (or empty): a table of rules ------------------------------------------------

@dataclass(frozen=True)
class Facts:
    """What a value rule knows about one error: its type, the value, and the field the value is given for."""

    kind: str
    value: Any
    ctx: dict[str, Any]
    msg: str  # pydantic's own words, for the last resort
    node: Node
    owner: Any  # the model class that declares the field
    field: str | None
    depth: int  # list levels below the field: 0 for the field's own value

    @property
    def item(self) -> bool:
        return self.depth > 0

    @property
    def shown(self) -> Any:
        """The user's text, cut short if it is long."""
        return clip(self.value) if isinstance(self.value, str) else self.value

    @property
    def found(self) -> str:
        return f"'{self.shown}'" if isinstance(self.value, str) else describe(self.value)

    @property
    def noun(self) -> str:
        return _item_noun(self.field, self.owner, self.depth)

    @property
    def name(self) -> str:
        return _(_THIS.get(self.noun, N_("this item"))) if self.item else f"'{self.field}'" if self.field else _(
            "this value")

    @property
    def expected(self) -> Any:
        return expected(self.owner, self.field, self.depth)

    @property
    def pattern(self) -> str:
        return str(self.ctx.get("pattern", ""))


@dataclass(frozen=True)
class Rule:
    """For errors of these types (none listed: any), when the test holds, the sentence."""

    kinds: frozenset[str]
    when: Callable[[Facts], bool]
    say: Callable[[Facts], str]

    def applies(self, f: Facts) -> bool:
        return (not self.kinds or f.kind in self.kinds) and self.when(f)


def value_message(kind: str, error: dict[str, Any], where: Where, owner: Any) -> str:
    """A sentence about a value that is there but wrong (or empty): the first rule that applies gives it."""
    field, depth = field_of(where.path)
    facts = Facts(kind, error.get("input"), error.get("ctx") or {}, error["msg"], where.node, owner, field, depth)
    return next(rule.say(facts) for rule in VALUE_RULES if rule.applies(facts))


def _kinds(*names: str) -> frozenset[str]:
    return frozenset(names)


def _always(f: Facts) -> bool:
    return True


_BLOCKS = _kinds("model_type", "dict_type", "model_attributes_type")
_NUMBERS = _kinds("float_parsing", "float_type", "int_parsing", "int_type", "finite_number")
_BOUNDS = _kinds("greater_than_equal", "less_than_equal", "greater_than", "less_than")
# The types pydantic reports for a key written with nothing after it.
_NOTHING = _kinds("string_type", "list_type", "flag", "float_type", "bool_type", *_BLOCKS)


def _empty(f: Facts) -> bool:
    return f.value is None


def _colon_text_value(f: Facts) -> str:
    key, text = f.node.items[0]  # type: ignore[attr-defined]
    written = f"{key.value}: {text.value}"
    if f.item or not f.field:
        return colon_advice(written, f.name)
    example = quote_for_yaml(written)
    advice = _(", e.g. {field}: {example}").format(field=f.field, example=example) if example else ""
    return _("'{field}' should be text, not 'key: value' lines — if '{text}' is the text, write it after '{field}:' "
             "in quotes{advice}").format(field=f.field, text=clip(written), advice=advice)


def _blank_what(f: Facts) -> str:
    """What a blank text holds, in words: 'only spaces', or the invisible characters by name."""
    if f.ctx.get("spaces"):
        return _("only spaces")
    return _("only invisible characters, {names}").format(names=f.ctx.get("names", ""))


def _block_expected(f: Facts) -> str:
    keys = keys_of(f.expected)
    listed = ", ".join(f"'{k}:'" for k in keys[:3]) + (" …" if len(keys) > 3 else "")
    return _("{name} should be a block of lines like {keys} (found {found})").format(
        name=f.name, keys=listed, found=describe(f.value))


def _too_few(f: Facts) -> str:
    actual, least = f.ctx.get("actual_length", 0), f.ctx.get("min_length", 1)
    return _("{owner} needs at least {least} (found {actual}) — add {more} more").format(
        owner=_owner_phrase(f.owner), least=count(least, f.noun), actual=number(actual), more=number(least - actual))


def _too_many(f: Facts) -> str:
    actual, most = f.ctx.get("actual_length", 0), f.ctx.get("max_length", 0)
    advice = _(_TOO_MANY[f.field]) if f.field in _TOO_MANY else _("remove {n}").format(n=number(actual - most))
    return _("{owner} can have at most {most} (found {actual}) — {advice}").format(
        owner=_owner_phrase(f.owner), most=count(most, f.noun), actual=number(actual), advice=advice)


def _too_long_text(f: Facts) -> str:
    advice = _("shorten it, or split it into several bullets") if f.noun in ("bullet", "sub-item") else _(
        "shorten it")
    return _("{name} is too long: {length} characters, at most {most} — {advice}").format(
        name=f.name, length=number(len(f.value)), most=number(f.ctx.get("max_length", 0)), advice=advice)


def _not_a_number(f: Facts) -> str:
    digits = re.match(r"\s*(\d+(?:\.\d+)?)", f.value) if isinstance(f.value, str) else None
    example = digits.group(1) if digits else "24" if f.item else "36"
    return _("{name} must be a number of points, e.g. {example} (found {found})").format(
        name=f.name, example=example, found=f.found)


def _out_of_bounds(f: Facts) -> str:
    bound = f.ctx.get("ge", f.ctx.get("le", f.ctx.get("gt", f.ctx.get("lt"))))
    if f.kind.startswith("greater"):
        return _("{name} must be at least {bound} pt (found {found})").format(name=f.name, bound=f"{bound:g}",
                                                                             found=f.shown)
    return _("{name} must be at most {bound} pt (found {found})").format(name=f.name, bound=f"{bound:g}", found=f.shown)


def _not_allowed(f: Facts) -> str:
    allowed = re.findall(r"'([^']+)'", str(f.ctx.get("expected", "")))
    return _("{name} must be one of: {allowed} (found {found})").format(
        name=f.name, allowed=", ".join(allowed), found=f.found) + did_you_mean(str(f.value), allowed)


# Tried in order; the first that applies gives the message. The last one always applies.
VALUE_RULES: tuple[Rule, ...] = (
    Rule(_kinds("string_type"), lambda f: isinstance(f.node, Mapping) and is_colon_text(f.node, ()),
         _colon_text_value),
    # a key with nothing after it
    Rule(_NOTHING, lambda f: _empty(f) and f.item and f.field == "slides",
         lambda f: _("this slide is empty — write its 'kind:' and 'title:' after the '- ', or remove the '-'")),
    Rule(_NOTHING, lambda f: _empty(f) and f.item,
         lambda f: _("{name} is empty — write it after the '- ', or remove the line").format(name=f.name)),
    Rule(_kinds("list_type"), lambda f: _empty(f) and f.field == "slides",
         lambda f: _("'slides' is empty — add at least one slide below 'slides:', each starting with '- kind:'")),
    Rule(_kinds("list_type"), _empty,
         lambda f: _("'{field}' has no items — write them below '{field}:', each on its own line starting "
                     "with '- '").format(field=f.field)),
    Rule(_BLOCKS, _empty,
         lambda f: _("'{field}' has no value — write its 'key: value' lines below '{field}:', indented").format(
             field=f.field)),
    Rule(_kinds("flag", "bool_type"), _empty,
         lambda f: _("'{field}' has no value — write true or false after '{field}:'").format(field=f.field)),
    Rule(_kinds("float_type"), _empty,
         lambda f: _("'{field}' has no value — write a size in points after '{field}:', e.g. 36").format(field=f.field)),
    Rule(_NOTHING, lambda f: _empty(f) and f.expected == "colour",
         lambda f: _("'{field}' has no value — write the colour in quotes, e.g. {field}: \"#1B3A5C\" (without "
                     "quotes YAML reads everything after # as a comment)").format(field=f.field)),
    Rule(_NOTHING, lambda f: _empty(f) and f.expected == "date",
         lambda f: _("'{field}' has no value — write a date after '{field}:', as YYYY-MM-DD").format(field=f.field)),
    Rule(_NOTHING, _empty, lambda f: _("{name} has no value — write it after '{field}:'").format(name=f.name,
                                                                                                 field=f.field)),
    # text expected
    Rule(_kinds("string_type"), lambda f: f.item and f.field in SUBLISTS and isinstance(f.value, list),
         lambda f: _("{name} is a list inside the list — to give a bullet sub-items, write '- text: …' and put "
                     "'bullets:' below it").format(name=f.name)),
    Rule(_kinds("string_type"), lambda f: f.expected == "date",
         lambda f: _("{name} should be a date written YYYY-MM-DD, not {found}").format(name=f.name,
                                                                                      found=describe(f.value))),
    Rule(_kinds("string_type"), lambda f: f.expected == "colour",
         lambda f: _("{name} should be a colour written \"#RRGGBB\", not {found}").format(name=f.name,
                                                                                          found=describe(f.value))),
    Rule(_kinds("string_type"), _always,
         lambda f: _("{name} should be text, not {found} — write the text after '{label}'").format(
             name=f.name, found=describe(f.value), label=_label(f.field, f.item))),
    # a list expected
    Rule(_kinds("list_type"), lambda f: f.field == "rows" and f.item,
         lambda f: _("each row of the table should be a list of cells, e.g. '- [2017-08-17, Møde]' "
                     "(found {found})").format(found=describe(f.value))),
    Rule(_kinds("list_type"), lambda f: f.field == "slides",
         lambda f: _("'slides' should be a list of slides, each starting with '- kind:' (found {found})").format(
             found=describe(f.value))),
    Rule(_kinds("list_type"), _always,
         lambda f: _("{name} should be a list, with each item on its own line starting with '- ' "
                     "(found {found})").format(name=f.name, found=describe(f.value))),
    # a block expected
    Rule(_BLOCKS, lambda f: f.field == "steps" and f.item,
         lambda f: _("each process step should be a block with 'date:' and 'text:' (found {found})").format(
             found=describe(f.value))),
    Rule(_BLOCKS, lambda f: bool(keys_of(f.expected)), _block_expected),
    Rule(_BLOCKS, _always, lambda f: _("{name} should be a block of 'key: value' lines (found {found})").format(
        name=f.name, found=describe(f.value))),
    # lists too short or too long
    Rule(_kinds("too_short"), lambda f: not f.ctx.get("actual_length", 0) and f.field == "slides",
         lambda f: _("'slides' is empty — add at least one slide below 'slides:', each starting with '- kind:'")),
    Rule(_kinds("too_short"), lambda f: not f.ctx.get("actual_length", 0),
         lambda f: _("'{field}' is empty — add at least {least} below it, each on a line starting with "
                     "'- '").format(field=f.field, least=count(f.ctx.get("min_length", 1), f.noun))),
    Rule(_kinds("too_short"), _always, _too_few),
    Rule(_kinds("too_long"), _always, _too_many),
    # text too short or too long
    Rule(_kinds("string_too_short"), lambda f: f.item,
         lambda f: _("{name} is empty — write its text, or remove the line").format(name=f.name)),
    Rule(_kinds("string_too_short"), lambda f: required(f.owner, f.field),
         lambda f: _("{name} is empty — write the text after '{field}:'").format(name=f.name, field=f.field)),
    Rule(_kinds("string_too_short"), _always,
         lambda f: _("{name} is empty — write some text after '{field}:', or remove the line").format(
             name=f.name, field=f.field)),
    Rule(_kinds("string_too_long"), _always, _too_long_text),
    # text that is there but shows nothing: worded as the empty value it looks like
    Rule(_kinds("blank_text"), lambda f: f.noun == "cell",
         lambda f: _("this cell is empty but holds {what} — write its text, or \"\" for an empty cell").format(
             what=_blank_what(f))),
    Rule(_kinds("blank_text"), lambda f: f.item,
         lambda f: _("{name} is empty: it holds {what} — write its text, or remove the line").format(
             name=f.name, what=_blank_what(f))),
    Rule(_kinds("blank_text"), lambda f: required(f.owner, f.field),
         lambda f: _("{name} is empty: it holds {what} — write the text after '{field}:'").format(
             name=f.name, what=_blank_what(f), field=f.field)),
    Rule(_kinds("blank_text"), _always,
         lambda f: _("{name} is empty: it holds {what} — write some text after '{field}:', or remove the line").format(
             name=f.name, what=_blank_what(f), field=f.field)),
    # characters no file can hold (YAML lets them in through escapes such as "\x01" in double quotes)
    Rule(_kinds("xml_char"), _always,
         lambda f: _("{name} contains {char} at character {position}, which a PowerPoint file cannot hold — delete it "
                     "(it usually comes in through copy and paste, or an escape such as \\x01 in double "
                     "quotes)").format(name=f.name, char=f.ctx.get("char"), position=f.ctx.get("position"))),
    # text of the wrong form
    Rule(_kinds("string_pattern_mismatch"), lambda f: f.pattern == ISO_DATE.pattern,
         lambda f: date_advice(str(f.shown))),
    Rule(_kinds("string_pattern_mismatch"), lambda f: f.pattern == HEX_COLOUR.pattern,
         lambda f: colour_advice(str(f.shown))),
    Rule(_kinds("string_pattern_mismatch"), lambda f: "a-z" in f.pattern,
         lambda f: _("'{value}' is not a language tag — write it like da-DK or en-GB").format(value=f.shown)),
    Rule(_kinds("string_pattern_mismatch"), _always, lambda f: _("{name} has the wrong form: '{value}'").format(
        name=f.name, value=f.shown)),
    # choices, flags and numbers
    Rule(_kinds("literal_error"), _always, _not_allowed),
    Rule(_kinds("flag", "bool_parsing", "bool_type"), _always,
         lambda f: _("{name} must be true or false (found {found})").format(name=f.name, found=f.found)),
    Rule(_NUMBERS, _always, _not_a_number),
    Rule(_BOUNDS, _always, _out_of_bounds),
    # links
    Rule(_kinds("link_scheme"), lambda f: not f.ctx.get("target", ""),
         lambda f: _("a link has no address: write it in the round brackets, e.g. [KL](https://www.kl.dk)")),
    Rule(_kinds("link_scheme"), _always,
         lambda f: _("the link '{target}' is not a web or e-mail address — links must start with "
                     "https://, http:// or mailto:").format(target=f.ctx.get("target", ""))),
    # the model's own checks word their errors themselves
    Rule(_kinds("value_error"), _always, lambda f: str(f.ctx.get("error", f.msg))),
    Rule(frozenset(), _always, lambda f: f"{f.name}: {f.msg}"),
)


# --- text that YAML read as something else -----------------------------------------------------------------------

def is_colon_text(item: Mapping, known: tuple[str, ...]) -> bool:
    """'- Tema 1: KKR' is text to the writer and a 'key: value' pair to YAML."""
    if len(item.items) != 1:
        return False
    key, value = item.items[0]
    if key.value in known or suggest(key.value, list(known)):
        return False
    return isinstance(value, Scalar) and not value.is_null and key.line == value.line


def colon_advice(text: str, name: str | None = None) -> str:
    """What to say about '- Tema 1: KKR': `name` is what the text is ('this bullet', 'this statement')."""
    example = quote_for_yaml(text)
    name = name or _("this text")
    if example:
        return _("{name} contains ': ', so YAML reads it as 'key: value' — put the whole text in quotes, "
                 "e.g. {example}").format(name=name, example=example)
    return _("{name} contains ': ', so YAML reads it as 'key: value' — put the whole text in quotes").format(name=name)


def this(noun: str) -> str:
    """'this bullet', 'this sub-item' … as a whole phrase in the user's language."""
    return _(_THIS.get(noun, N_("this item")))


def colour_advice(value: str) -> str:
    short = re.fullmatch(r"#?([0-9A-Fa-f])([0-9A-Fa-f])([0-9A-Fa-f])", value)
    if short:
        full = "#" + "".join(c * 2 for c in short.groups()).upper()
        return _("'{value}' is not a colour kkrdeck can use — write all six hex digits, in quotes: \"{full}\""
                 ).format(value=value, full=full)
    return _("'{value}' is not a colour — write it as \"#RRGGBB\" (six hex digits, in quotes), e.g. \"#1B3A5C\""
             ).format(value=value)


# --- keys: suggestions, and where a key belongs -------------------------------------------------------------------

def _belongs_elsewhere(key: str, owner: Any) -> str | None:
    """Advice for a key that is right somewhere else — usually a line indented too little or too much."""
    kinds = [slide_kind(t) for t in SLIDE_TYPES if key in t.model_fields]
    if owner in SLIDE_TYPES and kinds:
        return _("'{key}' belongs to {kinds} slides; remove it, or change 'kind:'").format(key=key, kinds=join(kinds))
    if owner is not Deck and key in Deck.model_fields:
        return _("'{key}' belongs at the top of the deck, not indented: move it up next to 'title:' and 'slides:'"
                 ).format(key=key)
    if kinds:
        return _("'{key}' belongs in a slide: indent it to line up with that slide's 'kind:' and 'title:'").format(
            key=key)
    if key in BulletItem.model_fields:
        return _("'{key}' belongs to a bullet with sub-items, below its '- text: …': check the indentation of this "
                 "line").format(key=key)
    if key in Step.model_fields:
        return _("'{key}' belongs to a process step, below its '- date: …': check the indentation of this line"
                 ).format(key=key)
    if key in Column.model_fields:
        return _("'{key}' belongs in 'left:' or 'right:' of a two-column slide: check the indentation of this line"
                 ).format(key=key)
    return None


def _how_to_add(owner: Any, key: str, path: list[Any]) -> str:
    if key == "slides":
        return _("add 'slides:' with the slides below it, each starting with '- kind:'")
    if key == "kind":
        return _("add e.g. 'kind: bullets' (kinds: {kinds})").format(kinds=KINDS)
    if key == "text" and owner is BulletItem:
        return _("add 'text: …' with the bullet's own text, above its list of sub-items")
    holds = expected(owner, key, 0)
    if key == "steps":
        return _("add 'steps:' with the steps below it, each starting with '- date: YYYY-MM-DD' and a 'text:' line")
    if holds == "list":
        lines = _(_ONE_LINE_PER.get(_item_noun(key, owner, 1), _ONE_LINE_PER["item"]))
        return _("add '{key}:' with {lines} below it, each starting with '- '").format(key=key, lines=lines)
    if holds == "block" or is_model(holds):
        return _("add '{key}:' with its 'key: value' lines below it, indented").format(key=key)
    if holds == "colour":
        return _("add '{key}: \"#RRGGBB\"' (in quotes)").format(key=key)
    if holds == "date":
        return _("add '{key}: YYYY-MM-DD'").format(key=key)
    return _("add '{key}: …'").format(key=key)


# --- naming things -----------------------------------------------------------------------------------------------

def _block_name(owner: Any, path: list[Any], this: bool = False) -> str:
    """'a bullets slide', 'the deck', "'left'"… — the block a key belongs to; this=True: 'this bullets slide'."""
    if is_model(owner) and "kind" in owner.model_fields and owner.__name__.endswith("Slide"):
        return (_("this {kind} slide") if this else _("a {kind} slide")).format(kind=slide_kind(owner))
    if path and isinstance(path[-1], str) and path[-1] in ("left", "right"):
        return f"'{path[-1]}'"
    if is_model(owner) and owner.__name__ == "FontFiles" and path:
        return _("the font files of '{font}'").format(font=path[-1])
    name = _BLOCK_NAMES.get(getattr(owner, "__name__", ""), N_("this block"))
    return _(_THIS_BLOCK.get(name, name)) if this else _(name)


def _owner_phrase(owner: Any) -> str:
    """Who holds a list, for 'needs at least' and 'can have at most'."""
    if is_model(owner) and owner.__name__.endswith("Slide"):
        return _("a {kind} slide").format(kind=slide_kind(owner))
    if owner is Deck:
        return _("a deck")
    if owner is BulletItem:
        return _("a bullet")
    return _(_BLOCK_NAMES.get(getattr(owner, "__name__", ""), N_("this list")))


def _item_noun(field: str | None, owner: Any, depth: int) -> str:
    if field == "rows" and depth >= 2:
        return "cell"
    if field in SUBLISTS and owner is BulletItem:
        return "sub-item"
    return _ITEM_NOUNS.get(field or "", "item")


def _label(field: str | None, item: bool) -> str:
    return "- " if item or not field else f"{field}:"
