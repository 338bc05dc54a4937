"""Which layout of the template each kind of planned slide uses, and which placeholder holds which text."""

from __future__ import annotations

from dataclasses import dataclass, field

from kkrdeck.design.geometry import Box


@dataclass(frozen=True)
class LayoutSlots:
    """One layout as the writer uses it: its position in the template and its placeholders by role."""

    index: int
    name: str
    roles: dict[str, int] = field(default_factory=dict)  # title, body, left, right, subtitle → placeholder idx
    boxes: dict[str, Box] = field(default_factory=dict)  # role → box the layout gives that placeholder
    footer_idx: int | None = None
    number_idx: int | None = None


@dataclass(frozen=True)
class LayoutMap:
    """Planned layout key (cover, content, section, two, title-only) → the layout that carries it."""

    layouts: dict[str, LayoutSlots]
