"""The typed model of a deck outline and a brand file, declared once (validation and JSON Schema come from it)."""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Any, Literal, Union

from pydantic import (AfterValidator, BaseModel, ConfigDict, Discriminator, Field, GetPydanticSchema, PlainSerializer,
                      PlainValidator, Tag, WithJsonSchema, model_validator)
from pydantic_core import PydanticCustomError, core_schema

from kkrdeck.i18n import _
from kkrdeck.outline.chart_data import CHART_KINDS, MAX_CATEGORIES, MAX_SERIES, chart_issues, parse_number
from kkrdeck.outline.characters import char_name, invisible_names, is_blank, not_in_xml
from kkrdeck.outline.inline import Markup

MAX_BULLET_DEPTH = 4
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HEX_COLOUR = re.compile(r"^#?[0-9A-Fa-f]{6}$")
# Only web and e-mail links; what is a link is the inline parser's to say ('\[x](ftp://a)' is text, not a link).
LINK_SCHEMES = ("http://", "https://", "mailto:")
# The same rule for JSON Schema validators and editors (ECMA-262 regex, no flags: the schemes spelled in any case);
# it cannot see escapes, so an editor may flag text such as '\[x](ftp://a)' that kkrdeck reads as text.
LINK_RULE = r"^(?![\s\S]*\]\((?![Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)[^)\s]*\))"
# Everything in deck.yaml is text to kkrdeck; an editor reading YAML 1.2 sees 1.10 or true as a number or a boolean,
# so the schema lets text fields be those too, and both agree on what a deck may say.
_TEXT_SCHEMA = {"type": ["string", "number", "boolean"], "pattern": LINK_RULE}
TRUE_WORDS = ("true", "True", "TRUE")
FALSE_WORDS = ("false", "False", "FALSE")


def _marked(value: str) -> Markup:
    """Text → its runs, parsed here once. Every text and name of a deck or brand passes here, so this is the one
    place that refuses characters a file cannot hold, text that shows nothing, and links to anything but the web
    or e-mail."""
    bad = not_in_xml(value)
    if bad is not None:
        raise PydanticCustomError("xml_char", "contains {char} at character {position}",
                                  {"char": char_name(bad[1]), "position": bad[0]})
    text = Markup(value)
    shown = "".join(run.text for run in text.runs)
    if value and (not shown or is_blank(shown)):
        raise PydanticCustomError("blank_text", "holds only invisible characters",
                                  {"names": invisible_names(shown or value), "spaces": bool(shown) and set(shown) <= {" "}})
    for run in text.runs:
        target = run.link
        if target is not None and not target.lower().startswith(LINK_SCHEMES):
            raise PydanticCustomError("link_scheme", "the link '{target}' is not a web or e-mail address",
                                      {"target": target})
    return text


def _flag(value: Any) -> bool:
    """true/false as YAML 1.2 spells them; 'yes', 'on' or 'maybe' are refused rather than guessed."""
    if isinstance(value, bool):
        return value
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise PydanticCustomError("flag", "must be true or false")


# Read as text first, so that length and pattern are checked (and worded) as for any text, then converted.
_AS_TEXT = GetPydanticSchema(lambda source, handler: core_schema.str_schema())
Text = Annotated[Markup, _AS_TEXT, Field(min_length=1, max_length=2000, json_schema_extra=_TEXT_SCHEMA),
                 AfterValidator(_marked)]
ShortText = Annotated[Markup, _AS_TEXT, Field(min_length=1, max_length=300, json_schema_extra=_TEXT_SCHEMA),
                      AfterValidator(_marked)]
CellText = Annotated[Markup, _AS_TEXT, Field(max_length=500, json_schema_extra=_TEXT_SCHEMA), AfterValidator(_marked)]
Flag = Annotated[bool, PlainValidator(_flag),
                 WithJsonSchema({"enum": [True, False, *TRUE_WORDS, *FALSE_WORDS], "description": "true or false."})]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def parse_iso_date(value: str) -> dt.date:
    """ISO date text → date; the error text is what the user sees after the position."""
    if not ISO_DATE.match(value):
        raise ValueError(date_advice(value))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("'{value}' is not a real date — check the month and the day (YYYY-MM-DD)").format(
            value=value)) from None


def date_advice(value: str) -> str:
    """What to say about text that is not written YYYY-MM-DD, with the ISO form when it is clear (17-08-2017)."""
    m = re.match(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$", value.strip())
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        try:
            iso = dt.date(year, month, day).isoformat()
            return _("'{value}' is not written the way kkrdeck reads dates — write it as {iso} (YYYY-MM-DD)").format(
                value=value, iso=iso)
        except ValueError:
            pass
    return _("'{value}' is not a date — write dates as YYYY-MM-DD, e.g. 2017-08-17").format(value=value)


# A date as the user writes it (YYYY-MM-DD, checked as text), held as a date.
IsoDate = Annotated[dt.date, _AS_TEXT, Field(pattern=ISO_DATE.pattern, description="A date written YYYY-MM-DD.",
                                             json_schema_extra={"format": "date"}),
                    AfterValidator(parse_iso_date), PlainSerializer(dt.date.isoformat, return_type=str)]


class BulletItem(Strict):
    """A bullet with sub-items: `text` plus exactly one of `bullets`, `numbered` or `arrows`."""

    text: Text
    bullets: list[Bullet] | None = Field(None, min_length=1, description="Sub-bullets marked with a dot.")
    numbered: list[Bullet] | None = Field(None, min_length=1, description="Sub-items numbered 1., 2., 3.")
    arrows: list[Bullet] | None = Field(None, min_length=1, description="Sub-items marked with an arrow.")
    # The same rule for editors: at most one of the three lists.
    model_config = ConfigDict(json_schema_extra={"not": {"anyOf": [
        {"required": [a, b], "properties": {a: {"type": "array"}, b: {"type": "array"}}}
        for a, b in (("bullets", "numbered"), ("bullets", "arrows"), ("numbered", "arrows"))]}})

    @model_validator(mode="after")
    def _one_child_list(self) -> BulletItem:
        given = [k for k in ("bullets", "numbered", "arrows") if getattr(self, k) is not None]
        if len(given) > 1:
            raise PydanticCustomError("one_sublist", "a bullet can have only one list of sub-items, not both "
                                      "'{first}' and '{second}'", {"first": given[0], "second": given[1],
                                                                   "at": given[1]})
        return self

    @property
    def children(self) -> list[Bullet]:
        return self.bullets or self.numbered or self.arrows or []

    @property
    def child_marker(self) -> str:
        if self.numbered:
            return "number"
        if self.arrows:
            return "arrow"
        return "bullet"


def _bullet_tag(value: Any) -> str:
    return "item" if isinstance(value, (dict, BulletItem)) else "text"


Bullet = Annotated[
    Union[Annotated[Text, Tag("text")], Annotated[BulletItem, Tag("item")]],
    Discriminator(_bullet_tag),
]
BulletItem.model_rebuild()


class SlideBase(Strict):
    title: ShortText = Field(description="The slide's title.")
    notes: Text | None = Field(None, description="Speaker notes.")
    overflow: Literal["continue", "shrink", "error"] = Field(
        "continue", description="When the text does not fit at the brand's minimum size: continue on new slides "
        "numbered (I), (II)…, shrink below the minimum, or stop with an error.")


class TitleSlide(SlideBase):
    kind: Literal["title"]
    subtitle: ShortText | None = None
    date: IsoDate | None = Field(None, description="Shown on the slide; defaults to the deck's date.")
    organisation: ShortText | None = Field(None, description="Defaults to the deck's organisation.")


class SectionSlide(SlideBase):
    kind: Literal["section"]
    subtitle: ShortText | None = None


class BulletsSlide(SlideBase):
    kind: Literal["bullets"]
    title: ShortText | None = Field(None, description="The slide's title (may be left out when 'continues' is true).")
    lead: Text | None = Field(None, description="An unbulleted line before the bullets.")
    bullets: list[Bullet] = Field(min_length=1)
    continues: Flag = Field(False, description="This slide continues the previous bullets slide: same title, "
                            "both numbered (I), (II)…, as when kkrdeck continues a slide by itself.")
    # The same rule for editors: a title, unless the slide continues the one before.
    model_config = ConfigDict(json_schema_extra={"anyOf": [
        {"required": ["title"], "properties": {"title": {"not": {"type": "null"}}}},
        {"required": ["continues"], "properties": {"continues": {"enum": [True, *TRUE_WORDS]}}}]})

    @model_validator(mode="after")
    def _title_unless_continued(self) -> BulletsSlide:
        if self.title is None and not self.continues:
            raise PydanticCustomError("title_missing", "a bullets slide needs a 'title' unless it continues the "
                                      "previous one", {"at": "title"})
        return self


class Step(Strict):
    date: IsoDate
    until: IsoDate | None = Field(None, description="Last day, when the step spans several days.")
    text: Text

    @model_validator(mode="after")
    def _until_after_date(self) -> Step:
        if self.until is not None and self.until <= self.date:
            raise PydanticCustomError("until_before_date", "'until' ({until}) must be a later day than 'date' "
                                      "({date})", {"until": self.until, "date": self.date, "at": "until"})
        return self


class ProcessSlide(SlideBase):
    kind: Literal["process"]
    lead: Text | None = None
    steps: list[Step] = Field(min_length=1, max_length=8)
    conclusion: Text | None = None


class StatementsSlide(SlideBase):
    kind: Literal["statements"]
    lead: Text | None = None
    statements: list[Text] = Field(min_length=2, max_length=6)


class Column(Strict):
    heading: ShortText | None = None
    bullets: list[Bullet] = Field(min_length=1)


class TwoColumnSlide(SlideBase):
    kind: Literal["two-column"]
    left: Column
    right: Column


class ImageSlide(SlideBase):
    kind: Literal["image"]
    image: ShortText = Field(description="Path to a PNG or JPEG, relative to the deck file.")
    alt: Text | None = Field(None, description="What the picture shows, for screen readers (required unless decorative).")
    decorative: Flag = Field(False, description="true for a purely decorative picture that needs no alt text.")
    caption: Text | None = None
    # The same rule for editors: 'alt' with text, or 'decorative: true'.
    model_config = ConfigDict(json_schema_extra={"anyOf": [
        {"required": ["alt"], "properties": {"alt": {"not": {"type": "null"}}}},
        {"required": ["decorative"], "properties": {"decorative": {"enum": [True, *TRUE_WORDS]}}}]})

    @model_validator(mode="after")
    def _alt_or_decorative(self) -> ImageSlide:
        if not self.alt and not self.decorative:
            raise PydanticCustomError("alt_missing", "an image needs alt text: add 'alt:' describing the picture, "
                                      "or 'decorative: true'", {"at": "alt"})
        return self


class TableSlide(SlideBase):
    kind: Literal["table"]
    columns: list[ShortText] = Field(min_length=1, max_length=8, description="The header row.")
    rows: list[list[CellText]] = Field(min_length=1, max_length=30)

    @model_validator(mode="after")
    def _rows_match_columns(self) -> TableSlide:
        for n, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise PydanticCustomError("row_length", "row {row} has {cells} cells but the table has {columns} "
                                          "columns", {"row": n, "cells": len(row), "columns": len(self.columns),
                                                      "at": n - 1})
        return self


# A value of a chart: a number, a number written with a Danish decimal comma ("25,5"), or empty for a gap.
ChartValue = Annotated[float | None, PlainValidator(parse_number), WithJsonSchema(
    {"type": ["number", "string", "null"], "pattern": r"^\s*[+-]?(\d+([.,]\d+)?|[.,]\d+)?\s*$",
     "description": "A number (62.5, or \"25,5\" with a decimal comma), or empty for a gap."})]
ChartKind = Literal["column", "bar", "stacked-column", "stacked-bar", "line", "pie", "doughnut"]
assert typing.get_args(ChartKind) == CHART_KINDS


class ChartSeries(Strict):
    name: ShortText = Field(description="The series' name, shown in the legend.")
    values: list[ChartValue] = Field(min_length=1, max_length=MAX_CATEGORIES, description="One value per category.")


class ChartSlide(SlideBase):
    kind: Literal["chart"]
    chart: ChartKind = Field(description="The kind of chart.")
    data: ShortText | None = Field(None, description="A CSV or .xlsx file (its first sheet), relative to the deck: "
                                   "first column the categories, header row the series' names.")
    categories: list[ShortText] | None = Field(None, min_length=1, max_length=MAX_CATEGORIES,
                                               description="The names along the axis (or the slices of a pie).")
    series: list[ChartSeries] | None = Field(None, min_length=1, max_length=MAX_SERIES)
    unit: Annotated[str, Field(min_length=1, max_length=20)] | None = Field(
        None, description="Shown after the numbers on the value axis and in the labels, e.g. '%' or 'kr.'.")
    labels: Flag = Field(False, description="true: every value written on its bar, point or slice.")
    alt: Text | None = Field(None, description="What the chart shows, for screen readers; written from the data "
                             "when left out.")

    @model_validator(mode="after")
    def _data_given_once(self) -> ChartSlide:
        written = self.categories is not None or self.series is not None
        if self.data is not None and written:
            _chart_problem(_("give the chart's data either in a file ('data:') or written out ('categories:' and "
                             "'series:'), not both — remove one"), ("data",))
        if self.data is None and not written:
            _chart_problem(_("a chart needs data: name a CSV or .xlsx file with 'data:', or write 'categories:' and "
                             "'series:'"), ())
        if written and self.series is None:
            _chart_problem(_("'categories' needs 'series' beside it: one list of values per series, each with a "
                             "'name:' and 'values:'"), ("categories",))
        if written and self.categories is None:
            _chart_problem(_("'series' needs 'categories' beside it: the names along the axis, one per value"),
                           ("series",))
        if written:
            series = [(str(s.name), s.values) for s in self.series or []]
            for issue in chart_issues(self.chart, [str(c) for c in self.categories or []], series):
                at: tuple[Any, ...] = ("series",)
                if issue.series is not None:
                    at += (issue.series,) if issue.whole_series else \
                        (issue.series, "values") + ((issue.value,) if issue.value is not None else ())
                _chart_problem(issue.message, at)
        return self


def _chart_problem(message: str, at: tuple[Any, ...]) -> None:
    raise PydanticCustomError("chart_data", "{message}", {"message": message, "at": at})


Slide = Annotated[
    Union[TitleSlide, SectionSlide, BulletsSlide, ProcessSlide, StatementsSlide, TwoColumnSlide, ImageSlide, TableSlide,
          ChartSlide],
    Field(discriminator="kind"),
]
# The union is the one list of slide kinds; everything else that names them is derived from it.
SLIDE_TYPES: tuple[type[SlideBase], ...] = typing.get_args(typing.get_args(Slide)[0])
SLIDE_KINDS: tuple[str, ...] = tuple(typing.get_args(t.model_fields["kind"].annotation)[0] for t in SLIDE_TYPES)


class Deck(Strict):
    """A presentation outline: metadata and slides."""

    title: ShortText
    subtitle: ShortText | None = None
    organisation: ShortText | None = None
    author: ShortText | None = None
    date: IsoDate | None = None
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = "da-DK"
    brand: ShortText = Field("assets/brand.yaml", validate_default=True,
                             description="Path to the brand file, relative to the deck.")
    template: ShortText | None = Field(None, description="An organisation's .pptx/.potx to build on.")
    slides: list[Slide] = Field(min_length=1, max_length=1000)


Colour = Annotated[str, Field(pattern=HEX_COLOUR.pattern, description="An RGB colour like #1B3A5C.")]


class Colours(Strict):
    primary: Colour
    secondary: Colour
    accents: list[Colour] = Field(min_length=1, max_length=4)
    text: Colour
    background: Colour
    light: Colour | None = Field(None, description="A light tint for cards and panels.")


class FontFiles(Strict):
    regular: ShortText
    bold: ShortText | None = None
    italic: ShortText | None = None
    bold_italic: ShortText | None = Field(None, alias="bold-italic")


class Fonts(Strict):
    heading: ShortText = Field("Calibri", validate_default=True)
    body: ShortText = Field("Calibri", validate_default=True)
    metrics: dict[str, FontFiles] = Field(default_factory=dict, description="Font files used to measure each font.")


class Sizes(Strict):
    title: Annotated[float, Field(ge=12, le=80)] = 36
    title_min: Annotated[float, Field(ge=10, le=80, alias="title-min")] = 28
    body: list[Annotated[float, Field(ge=8, le=60)]] = Field(default_factory=lambda: [24, 22, 20, 20], min_length=1)
    body_min: Annotated[float, Field(ge=8, le=60, alias="body-min")] = 18
    small: Annotated[float, Field(ge=6, le=30)] = 12

    @model_validator(mode="after")
    def _minimum_below_size(self) -> Sizes:
        if self.title_min > self.title:
            raise PydanticCustomError("min_above_size", "'title-min' ({low}) is larger than 'title' ({high})",
                                      {"low": self.title_min, "high": self.title, "at": "title-min",
                                       "size": "title"})
        if self.body_min > self.body[0]:
            raise PydanticCustomError("min_above_size", "'body-min' ({low}) is larger than the first 'body' size "
                                      "({high})", {"low": self.body_min, "high": self.body[0], "at": "body-min",
                                                     "size": "body"})
        return self


class Brand(Strict):
    """How a deck looks: theme colours and fonts, logo, footer, sizes."""

    name: ShortText
    colours: Colours
    fonts: Fonts = Fonts()
    sizes: Sizes = Sizes()
    logo: ShortText | None = None
    footer: ShortText | None = None
    slide_numbers: Flag = Field(True, alias="slide-numbers")
    aspect: Literal["16:9", "4:3"] = "16:9"
    template: ShortText | None = None
    layouts: dict[Literal[SLIDE_KINDS], ShortText] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Slide kind → layout name overrides.")


def hex_colour(value: str) -> str:
    """'#1b3a5c' → '1B3A5C', the form OOXML wants."""
    return value.lstrip("#").upper()
