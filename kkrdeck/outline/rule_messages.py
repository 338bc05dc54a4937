"""Messages for the model's rules that span several keys, and for slides that are not slides."""

from __future__ import annotations

from typing import Any, Callable

from kkrdeck.i18n import _
from kkrdeck.outline.loader import Mapping, Node, Scalar, to_plain
from kkrdeck.outline.locate import child, key_node
from kkrdeck.outline.model import SLIDE_KINDS
from kkrdeck.outline.phrases import clip, count, describe, did_you_mean, suggest

KINDS = ", ".join(SLIDE_KINDS)


# --- rules of the model that span several keys; ctx['at'] names the key (or row) the problem is about ---------

def _title_missing(node: Node, ctx: dict[str, Any]) -> tuple[Node, str]:
    given = child(node, ctx.get("at"))
    if isinstance(given, Scalar) and given.is_null:
        return given, _("'title' has no value — write the slide's title after 'title:'")
    return node, _("this bullets slide has no 'title' — add 'title: …', or 'continues: true' if it continues the "
                   "bullets slide before it")


def _alt_missing(node: Node, ctx: dict[str, Any]) -> tuple[Node, str]:
    given = child(node, ctx.get("at"))
    if isinstance(given, Scalar) and given.is_null:
        return given, _("'alt' has no value — describe the picture for people who cannot see it, or write "
                        "'decorative: true' instead if it is only decoration")
    return key_node(node, "image") or node, _("this image has no alt text — add 'alt:' describing the picture for "
                                              "people who cannot see it, or 'decorative: true' if it is only "
                                              "decoration")


def _one_sublist(node: Node, ctx: dict[str, Any]) -> tuple[Node, str]:
    return key_node(node, ctx.get("at")) or node, _(
        "a bullet can have only one list of sub-items, not both '{first}' and '{second}' — "
        "keep one of them").format(first=ctx.get("first"), second=ctx.get("second"))


def _row_length(node: Node, ctx: dict[str, Any]) -> tuple[Node, str]:
    rows = child(node, "rows")
    row = child(rows, ctx.get("at")) if rows is not None else None
    cells, columns = ctx.get("cells", 0), ctx.get("columns", 0)
    return row or node, _("row {row} has {cells} but the table has {columns} — give every row one cell per column "
                          "(\"\" for an empty cell)").format(row=ctx.get("row"), cells=count(cells, "cell"),
                                                             columns=count(columns, "column"))


def _until_before_date(node: Node, ctx: dict[str, Any]) -> tuple[Node, str]:
    return child(node, ctx.get("at")) or node, _(
        "'until' ({until}) must be a later day than 'date' ({date}) — it is the last day of a "
        "step that spans several days; fix the dates or remove 'until'").format(until=ctx.get("until"),
                                                                               date=ctx.get("date"))


def _min_above_size(node: Node, ctx: dict[str, Any]) -> tuple[Node, str]:
    target, low, high, size = ctx.get("at"), ctx.get("low"), ctx.get("high"), ctx.get("size")
    first = _("the first 'body' size") if size == "body" else f"'{size}'"
    message = _("'{key}' ({low}) is larger than {size} ({high}) — the smallest size text may shrink to "
                "cannot be larger than its normal size").format(key=target, low=f"{low:g}", size=first,
                                                                high=f"{high:g}")
    return child(node, target) or child(node, size) or node, message


def _chart_data(node: Node, ctx: dict[str, Any]) -> tuple[Node, str]:
    """The chart's own rules word themselves; ctx['at'] is the path from the slide to the value they are about."""
    target = node
    for part in ctx.get("at", ()):
        found = child(target, part)
        if found is None:
            break
        target = found
    return target, str(ctx.get("message"))


RULES_OF_MODELS: dict[str, Callable[[Node, dict[str, Any]], tuple[Node, str]]] = {
    "chart_data": _chart_data,
    "title_missing": _title_missing, "alt_missing": _alt_missing, "one_sublist": _one_sublist,
    "row_length": _row_length, "until_before_date": _until_before_date, "min_above_size": _min_above_size,
}


# --- slides that are not slides ----------------------------------------------------------------------------------

def slide_kind_problem(kind: str, slide: Node) -> tuple[Node, str]:
    kind_node = slide.get("kind") if isinstance(slide, Mapping) else None
    if kind == "union_tag_not_found" or kind_node is None:
        if isinstance(slide, Mapping):
            for key, _value in slide.items:
                if suggest(key.value, ["kind"]) == "kind":
                    return key, _("unknown key '{key}' in a slide — did you mean 'kind'?").format(key=key.value)
        return slide, _("this slide has no 'kind' — add e.g. 'kind: bullets' as its first line (kinds: {kinds})"
                        ).format(kinds=KINDS)
    if isinstance(kind_node, Scalar) and kind_node.is_null:
        return kind_node, _("'kind' has no value — write the kind of slide after 'kind:' (kinds: {kinds})").format(
            kinds=KINDS)
    if not isinstance(kind_node, Scalar):
        return kind_node, _("'kind' should be one word, one of: {kinds} (found {found})").format(
            kinds=KINDS, found=describe(to_plain(kind_node)))
    tag = clip(kind_node.value)
    if not tag:
        return kind_node, _("'kind' is empty — write the kind of slide after 'kind:' (kinds: {kinds})").format(
            kinds=KINDS)
    suggestion = did_you_mean(tag, list(SLIDE_KINDS))
    if suggestion:
        return kind_node, _("unknown slide kind '{kind}'{suggestion} (kinds: {kinds})").format(
            kind=tag, suggestion=suggestion, kinds=KINDS)
    return kind_node, _("unknown slide kind '{kind}' — use one of: {kinds}").format(kind=tag, kinds=KINDS)


def not_a_slide(node: Node) -> str:
    if isinstance(node, Scalar) and node.is_null:
        return _("this slide is empty — write its 'kind:' and 'title:' after the '- ', or remove the '-'")
    return _("each slide should be a block of 'key: value' lines starting with 'kind:' (found {found})").format(
        found=describe(to_plain(node)))
