"""The JSON Schema (draft 2020-12) of deck.yaml, generated from the model, for editors and other validators."""

from __future__ import annotations

import copy
import json
from typing import Any

SCHEMA_ID = "https://kkrdeck.example/deck.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_SUBLISTS = ("bullets", "numbered", "arrows")


def deck_schema() -> dict[str, Any]:
    """The schema of a deck outline, as strict as kkrdeck where JSON Schema can say it.

    Everything kkrdeck reads is text, so text fields also accept what an editor's YAML 1.2 parser turns into
    numbers or booleans (`title: 1.10`), and true/false fields accept both the booleans and their spellings.
    What JSON Schema cannot express (a table's rows as long as its columns, a process step's 'until' after its
    'date', 'continues' following a slide of the same title, files that exist) only kkrdeck checks.
    """
    from kkrdeck.outline.model import MAX_BULLET_DEPTH, Deck

    schema = Deck.model_json_schema(by_alias=True)
    _limit_bullet_depth(schema, MAX_BULLET_DEPTH)
    _add_variants(schema)
    return {"$schema": DRAFT, "$id": SCHEMA_ID, "title": "kkrdeck outline (deck.yaml)",
            **{k: v for k, v in schema.items() if k != "title"}}


def schema_json() -> str:
    return json.dumps(deck_schema(), ensure_ascii=False, indent=2, sort_keys=True)


def _limit_bullet_depth(schema: dict[str, Any], depth: int) -> None:
    """The model's BulletItem refers to itself; the schema gets one definition per level, the last without sub-lists.

    So an editor flags a fifth level just as kkrdeck does ("bullets nest at most 4 levels deep").
    """
    defs = schema["$defs"]
    item = defs.pop("BulletItem")
    for level in range(1, depth + 1):
        copy_ = copy.deepcopy(item)
        copy_["title"] = f"BulletItem (level {level})"
        for key in _SUBLISTS:
            prop = copy_["properties"][key]
            if level == depth:
                copy_["properties"][key] = {"type": "null", "description": f"Bullets nest at most {depth} levels "
                                            "deep: no sub-items here."}
            else:
                _retarget(prop, "#/$defs/BulletItem", f"#/$defs/BulletItem{level + 1}")
        defs[f"BulletItem{level}"] = copy_
    for name, definition in defs.items():
        if not name.startswith("BulletItem"):
            _retarget(definition, "#/$defs/BulletItem", "#/$defs/BulletItem1")


def _retarget(node: Any, old: str, new: str) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and value == old:
                node[key] = new
            else:
                _retarget(value, old, new)
    elif isinstance(node, list):
        for value in node:
            _retarget(value, old, new)


def _add_variants(schema: dict[str, Any]) -> None:
    """`variants:` and each slide's `only:`/`skip:` (outline/variants.py reads them before the model sees the deck)."""
    from kkrdeck.outline.variants import NAME, OVERRIDABLE, VALUE_NAME

    names = {"type": "string", "pattern": f"^{NAME.pattern}$"}
    choice = {"anyOf": [names, {"type": "array", "items": names, "minItems": 1}]}
    deck = schema["properties"]
    fields = {k: copy.deepcopy(deck[k]) for k in OVERRIDABLE if k in deck}
    fields["values"] = {"type": "object", "description": "Placeholder name → text, used as {name} in any text.",
                        "propertyNames": {"pattern": f"^{VALUE_NAME.pattern}$", "not": {"enum": ["date", "variant"]}},
                        "additionalProperties": {"type": ["string", "number", "boolean"]}}
    deck["variants"] = {"type": "object", "minProperties": 1, "propertyNames": names,
                        "description": "One deck per meeting: variant name → the deck fields it sets and its values.",
                        "additionalProperties": {"anyOf": [{"type": "null"}, {
                            "type": "object", "additionalProperties": False, "properties": fields}]}}
    for definition in schema["$defs"].values():
        props = definition.get("properties", {})
        if "kind" in props and "title" in props:
            props["only"] = {**choice, "description": "Only in these variants."}
            props["skip"] = {**choice, "description": "In every variant but these."}
