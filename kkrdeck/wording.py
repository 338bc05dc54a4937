"""How kkrdeck words things for people: a count with its noun in the singular or plural."""

from __future__ import annotations


def count(n: int, noun: str) -> str:
    """'1 slide', '3 slides': English plurals by 's' (every noun kkrdeck counts takes one)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
