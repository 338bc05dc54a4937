"""A chart slide planned: its data, the size of its text, legend and alt text, and a bar chart where columns can't fit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from kkrdeck.design.geometry import EMU_PER_PT, Box
from kkrdeck.i18n import gettext_, number as whole
from kkrdeck.outline.chart_data import ROUND_KINDS, DataTable, format_number
from kkrdeck.outline.inline import Run
from kkrdeck.plan.data import Chart, ChartType
from kkrdeck.plan.textfit import Measurer, size_steps
from kkrdeck.wording import decimal

if TYPE_CHECKING:
    from kkrdeck.outline.model import ChartSlide, Sizes

KIND_WORDS = {
    "da": {"column": "Søjlediagram", "stacked-column": "Stablet søjlediagram", "bar": "Liggende søjlediagram",
           "stacked-bar": "Stablet liggende søjlediagram", "line": "Kurvediagram", "pie": "Cirkeldiagram",
           "doughnut": "Kransediagram"},
    "en": {"column": "Column chart", "stacked-column": "Stacked column chart", "bar": "Bar chart",
           "stacked-bar": "Stacked bar chart", "line": "Line chart", "pie": "Pie chart", "doughnut": "Doughnut chart"},
}
NO_VALUE = {"da": "ingen værdi", "en": "no value"}
ALT_LIMIT = 400  # characters: a screen reader user hears a summary, not a spreadsheet
# more categories than this and a reader cannot take the chart in at a glance
READABLE = {"column": 12, "stacked-column": 12, "line": 24, "bar": 15, "stacked-bar": 15, "pie": 8, "doughnut": 8}
LABEL_LINES = 3  # a category name may wrap onto this many lines under its column
AS_BAR: dict[ChartType, ChartType] = {"column": "bar", "stacked-column": "stacked-bar"}

Note = Callable[[str, str], None]  # (message, severity)


def plan_chart(slide: ChartSlide, table: DataTable | None, box: Box, measurer: Measurer, sizes: Sizes,
               language: str, note: Note) -> Chart:
    """The chart on the slide's content area; what had to give (a bar chart, the minimum size) is noted."""
    if table is not None:
        categories, series = table.categories, table.series
    else:
        categories = tuple(str(c) for c in slide.categories or ())
        series = tuple((str(s.name), tuple(s.values)) for s in slide.series or ())
    kind: ChartType = slide.chart
    legend = kind in ROUND_KINDS or len(series) > 1
    unit = slide.unit
    steps = size_steps(sizes.body[-1], sizes.body_min) if sizes.body[-1] > sizes.body_min else [sizes.body_min]

    def first_fit(as_kind: ChartType) -> float | None:
        return next((s for s in steps if _fits(as_kind, categories, series, unit, legend, box, measurer, s)), None)

    size = first_fit(kind)
    if size is None and kind in AS_BAR:
        size = first_fit(AS_BAR[kind])
        if size is not None:
            note(gettext_("the category names are too long to stand under the columns, so the chart is drawn as a "
                          "bar chart ('chart: {kind}') — shorten them to keep the columns").format(kind=AS_BAR[kind]),
                 "notice")
            kind = AS_BAR[kind]
    n = len(categories)
    if n > READABLE[kind]:
        note(gettext_("the chart has {n} categories, more than a reader can take in on one slide (about {readable}) "
                      "— group the smaller ones, or split the chart over several slides").format(
            n=whole(n), readable=whole(READABLE[kind])), "warning")
    elif size is None:
        squeezed = (gettext_("the chart's category names do not fit beside its slices even at {size} pt, so they will "
                             "be squeezed — shorten them or show fewer categories") if kind in ROUND_KINDS else
                    gettext_("the chart's category names do not fit beside its bars even at {size} pt, so they will "
                             "be squeezed — shorten them or show fewer categories"))
        note(squeezed.format(size=decimal(sizes.body_min)), "warning")
    title = str(slide.title)
    alt = str(slide.alt) if slide.alt else describe(kind, title, categories, series, unit, language)
    return Chart("Chart", box, kind, categories, series, size or sizes.body_min, alt, legend, slide.labels, unit)


def _fits(kind: ChartType, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]],
          unit: str | None, legend: bool, box: Box, m: Measurer, size: float) -> bool:
    """Whether the category names (or a pie's legend) can be read at this size in a chart of this kind."""
    width, height = box.w / EMU_PER_PT, box.h / EMU_PER_PT
    line = m.line_height(size)
    n = max(1, len(categories))
    if kind in ROUND_KINDS:  # the categories are the legend, one line each, beside the round plot
        widest = max((m.width(c, size) for c in categories), default=0.0)
        return n * line * 1.25 <= height * 0.9 and widest + size * 1.5 <= width * 0.45
    legend_h = line * 1.6 if legend else 0.0
    values = _axis_values(kind, series)
    axis_text = max((m.width(_labelled(v, unit), size) for v in values), default=0.0) + size
    if kind in ("bar", "stacked-bar"):
        room = width * 0.4
        laid = [m.wrap_info((Run(c),), size, room) for c in categories]
        lines = max(len(lines) for lines, _ in laid)
        slot = (height - legend_h - line * 1.5) / n  # each bar with its gap; the value axis below
        return not any(broken for _, broken in laid) and lines <= LABEL_LINES and lines * line <= slot
    slot = (width - axis_text) / n * 0.9
    laid = [m.wrap_info((Run(c),), size, slot) for c in categories]
    lines = max(len(lines) for lines, _ in laid)
    return not any(broken for _, broken in laid) and lines <= LABEL_LINES and \
        lines * line <= (height - legend_h) * 0.3


def _axis_values(kind: ChartType, series: Sequence[tuple[str, Sequence[float | None]]]) -> list[float]:
    """The largest and smallest numbers the value axis may show (stack totals for a stacked chart)."""
    if kind.startswith("stacked"):
        columns = list(zip(*(values for _, values in series)))
        ups = [sum(v for v in c if v is not None and v > 0) for c in columns]
        downs = [sum(v for v in c if v is not None and v < 0) for c in columns]
        return [max(ups, default=0.0), min(downs, default=0.0)]
    found = [v for _, values in series for v in values if v is not None]
    return [max(found, default=0.0), min(found, default=0.0)]


def _labelled(value: float, unit: str | None) -> str:
    return format_number(round(value, 1)) + (f" {unit}" if unit else "")


def describe(kind: ChartType, title: str, categories: Sequence[str],
             series: Sequence[tuple[str, Sequence[float | None]]], unit: str | None, language: str) -> str:
    """Alt text from the data: 'Søjlediagram: Deltagere. Interviews: Borgmestre 8, KKR-formandskaber 10, …'."""
    lang = "da" if language.lower().startswith("da") else "en"
    decimal = "," if lang == "da" else "."
    parts = []
    for name, values in series:
        items = ", ".join(f"{c} {format_number(v, decimal) + (f' {unit}' if unit else '') if v is not None else NO_VALUE[lang]}"
                          for c, v in zip(categories, values))
        parts.append(f"{name}: {items}")
    text = f"{KIND_WORDS[lang][kind]}: {title.rstrip('.')}. " + "; ".join(parts) + "."
    if len(text) <= ALT_LIMIT:
        return text
    cut = max(text.rfind(", ", 0, ALT_LIMIT - 3), text.rfind("; ", 0, ALT_LIMIT - 3))
    return text[:cut if cut > 0 else ALT_LIMIT - 3] + ", …"
