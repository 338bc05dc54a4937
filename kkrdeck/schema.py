"""The JSON Schema (draft 2020-12) of deck.yaml, generated from the model."""

from __future__ import annotations

import json

SCHEMA_ID = "https://kkrdeck.example/deck.schema.json"


def deck_schema() -> dict:
    from kkrdeck.model import Deck

    schema = Deck.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "kkrdeck outline (deck.yaml)", **{k: v for k, v in schema.items() if k != "title"}}


def schema_json() -> str:
    return json.dumps(deck_schema(), ensure_ascii=False, indent=2, sort_keys=True)
