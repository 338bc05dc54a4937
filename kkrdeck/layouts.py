"""`kkrdeck layouts TEMPLATE`: the layouts kkrdeck finds in a template and which slide kind uses which."""

from __future__ import annotations

from pathlib import Path

from kkrdeck.design.geometry import Box, aspect_name
from kkrdeck.design.fonts import find_font
from kkrdeck.design.layouts import KEYS, KINDS_OF_KEY, Layout, Placeholder, brand_overrides
from kkrdeck.design.template import Template, load_template
from kkrdeck.i18n import _, ngettext
from kkrdeck.wording import centimetres


def layouts_report(template_path: Path, brand_path: Path | None = None) -> str:
    """The report as text (ends with a newline); raises TemplateError/DeckError for unusable input."""
    overrides = ()
    if brand_path is not None:
        overrides = brand_overrides(*_brand(brand_path))
    return format_report(load_template(template_path, overrides))


def _brand(path: Path):
    from kkrdeck.errors import DeckError, display_path
    from kkrdeck.outline.loader import load_file
    from kkrdeck.outline.validate import check_brand_tree

    source, problems = check_brand_tree(load_file(path), display_path(path))
    if problems or source is None:
        raise DeckError(problems)
    return source.model, source


def _cm(emu: int) -> str:
    return centimetres(emu, ".2f")


def _box(box: Box | None) -> str:
    if box is None:
        return _("no position")
    # Danish separates x and y with ';': its decimal mark is the comma
    return _("{x}, {y}  {w} × {h}").format(x=_cm(box.x), y=_cm(box.y), w=_cm(box.w), h=_cm(box.h))


def _placeholder_line(p: Placeholder) -> str:
    where = _box(p.box) + (_("  (from the master)") if p.inherited else "")
    flags = _("  vertical text") if p.vertical else ""
    return f"       {p.type:<9} idx {p.idx:<3} {where}{flags}"


def _master(template: Template, layout: Layout) -> str:
    return _("  (master {number})").format(number=layout.master + 1) if template.masters > 1 else ""


def _layout_label(layout: Layout, template: Template) -> str:
    return f"{layout.index + 1} '{layout.name}'{_master(template, layout)}"


def _font(family: str) -> str:
    choice = find_font(family)
    if choice.warning:
        return _("{font} (not on this computer: measured with {stand_in})").format(font=family, stand_in=choice.via)
    return family if choice.via == family else _("{font} (measured with {stand_in})").format(font=family,
                                                                                             stand_in=choice.via)


def _lacking(what: str, names: list[str]) -> str:
    """'no footer placeholder on 'A', 'B': their slides show no footer', for a footer or a slide number."""
    listed = ", ".join(names)
    if what == "footer":
        return ngettext("no footer placeholder on {layouts}: its slides show no footer",
                        "no footer placeholder on {layouts}: their slides show no footer", len(names)).format(
            layouts=listed)
    return ngettext("no slide number placeholder on {layouts}: its slides show no slide number",
                    "no slide number placeholder on {layouts}: their slides show no slide number", len(names)).format(
        layouts=listed)


def format_report(template: Template) -> str:
    t = template
    lines = [_("{name}: {aspect}, {width} × {height} cm, {masters}, {layouts}").format(
                 name=t.name, aspect=aspect_name(t.width, t.height), width=_cm(t.width), height=_cm(t.height),
                 masters=ngettext("{n} master", "{n} masters", t.masters).format(n=t.masters),
                 layouts=ngettext("{n} layout", "{n} layouts", len(t.layouts)).format(n=len(t.layouts))),
             _("fonts: headings {heading}, body text {body}").format(heading=_font(t.heading_font),
                                                                   body=_font(t.body_font))]
    if t.repairs:
        lines.append(_("tidied in kkrdeck's copy (the file itself is not changed): ") + "; ".join(t.repairs))
    lines += [_("warning: ") + w for w in t.warnings]
    lines += ["", _("Layouts (placeholder type, idx, position x, y and size in cm):")]
    for layout in t.layouts:
        lines.append(f"  {layout.index + 1:>3}  {layout.name}" + _master(t, layout))
        if not layout.placeholders:
            lines.append("       " + _("no placeholders"))
        lines += [_placeholder_line(p) for p in layout.placeholders]
    lines += ["", _("Slide kinds → layout:")]
    for key in KEYS:
        kinds = KINDS_OF_KEY[key]
        if not kinds:
            continue
        choice = t.choices[key]
        label = ", ".join(kinds)
        if choice.layout is None:
            target = _("none")
        else:
            how = {"named": _("  (named in the brand file)"), "fallback": _("  (fallback)")}.get(choice.how, "")
            target = _layout_label(choice.layout, t) + how
        lines.append(f"  {label:<37} → {target}")
    content = t.choices["content"].layout
    drawn = _("process, statements with a lead line")
    lines.append(f"  {drawn:<37} → {_layout_label(content, t)}")
    lines += ["", _("Missing:")]
    missing = [c.note for key, c in t.choices.items() if c.how in ("fallback", "missing") and c.note]
    used = list(dict.fromkeys(t.choices[k].layout for k in ("content", "two", "title-only")
                              if t.choices[k].layout is not None))
    for what, ph_type in (("footer", "ftr"), ("slide number", "sldNum")):
        lacking = [f"'{layout.name}'" for layout in used if layout.first(ph_type) is None]
        if lacking:
            missing.append(_lacking(what, lacking))
    lines += [f"  - {note}" for note in missing] or ["  " + _("nothing kkrdeck needs")]
    return "\n".join(lines) + "\n"
