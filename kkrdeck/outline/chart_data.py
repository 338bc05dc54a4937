"""Chart data: numbers as a deck writes them, the rules a chart's data must keep, and CSV/.xlsx tables with positions."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from kkrdeck.i18n import N_, gettext_, ngettext  # gettext_: "_" is a loop variable here

CHART_KINDS = ("column", "bar", "stacked-column", "stacked-bar", "line", "pie", "doughnut")
ROUND_KINDS = ("pie", "doughnut")
MAX_SERIES = 12
MAX_CATEGORIES = 200
MAX_DATA_BYTES = 5_000_000  # a chart's data is a small table; a bigger file is not one
DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)$")
NOT_A_NUMBER = N_("'{value}' is not a number — write numbers like 62.5 or 25,5, or leave the value empty for a gap")


def parse_number(value: Any) -> float | None:
    """62.5, '62.5' and the Danish '62,5' → 62.5; None or '' → None (a gap); anything else raises ValueError."""
    if value is None:
        return None
    if isinstance(value, bool):  # YAML's true is not a number, whatever Python thinks
        raise ValueError(gettext_(NOT_A_NUMBER).format(value=str(value).lower()))
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(gettext_(NOT_A_NUMBER).format(value=value))
        return float(value)
    text = str(value).strip().replace("\u2212", "-")  # the minus sign a word processor writes
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(gettext_(NOT_A_NUMBER).format(value=_clip(text)))
    return float(text.replace(",", "."))


@dataclass(frozen=True)
class Issue:
    """A broken rule of a chart's data; series and value are indices into it (None: the whole list)."""

    message: str
    series: int | None = None
    value: int | None = None
    whole_series: bool = False  # about the series itself, not its values


def chart_issues(chart: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]
                 ) -> list[Issue]:
    """What makes this data impossible to draw as this kind of chart, in the order a reader meets it."""
    issues: list[Issue] = []
    n = len(categories)
    if not n:
        issues.append(Issue(gettext_("the chart has no categories — give at least one row of data under the header "
                                     "row")))
    if not series:
        issues.append(Issue(gettext_("the chart has no series — give at least one column of numbers after the "
                                     "categories")))
    if n > MAX_CATEGORIES:
        issues.append(Issue(gettext_("the chart has {n} categories, at most {limit} can be drawn — group them").format(
            n=n, limit=MAX_CATEGORIES)))
    if len(series) > MAX_SERIES:
        issues.append(Issue(gettext_("the chart has {n} series, at most {limit} can be told apart — combine some, or "
                                     "split the chart").format(n=len(series), limit=MAX_SERIES)))
    for s, (name, values) in enumerate(series):
        if len(values) != n:
            issues.append(Issue(gettext_("series '{name}' has {values} but there are {categories} — give every series "
                                         "one value per category (leave a value empty for a gap)").format(
                name=name, values=ngettext("{n} value", "{n} values", len(values)).format(n=len(values)),
                categories=ngettext("{n} category", "{n} categories", n).format(n=n)), s))
    if chart in ROUND_KINDS:
        what = {"pie": gettext_("a pie chart"), "doughnut": gettext_("a doughnut chart")}.get(chart) or gettext_(
            "a {kind} chart").format(kind=chart)
        if len(series) > 1:
            issues.append(Issue(gettext_("{what} shows one series, but this one has {n} — use a column or bar chart to "
                                         "compare several series").format(what=what, n=len(series)), 1,
                                whole_series=True))
        for s, (name, values) in enumerate(series[:1]):
            for v, value in enumerate(values):
                if value is not None and value < 0:
                    category = categories[v] if v < n else gettext_("value {n}").format(n=v + 1)
                    issues.append(Issue(gettext_("{what} cannot show the negative value {value} ('{category}') — a "
                                                 "slice is a share of a whole; use a column or bar chart").format(
                        what=what, value=format_number(value), category=category), s, v))
            if values and all(value is None or value == 0 for value in values):
                issues.append(Issue(gettext_("{what} needs at least one value above 0 — every slice is empty").format(
                    what=what), s))
    return issues


def format_number(value: float, decimal: str = ",") -> str:
    """25.5 → '25,5', 8.0 → '8': how a Danish reader writes it."""
    text = f"{value:.10g}"
    return text.replace(".", decimal) if "e" not in text else f"{value:f}".rstrip("0").rstrip(".")


# --- tables from files ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DataTable:
    """Categories and series read from a file, with where each cell was (for messages)."""

    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    places: dict[tuple[int | None, int | None], str] = field(default_factory=dict, compare=False)

    def place(self, series: int | None, value: int | None) -> str:
        """'3:2' (CSV line and column) or 'cell B3' (.xlsx) of a cell, '' if the problem is the whole table."""
        return self.places.get((series, value)) or self.places.get((series, None)) or ""


class DataFileError(Exception):
    """A data file that cannot be read as a chart's table; `place` says where in the file, when known."""

    def __init__(self, message: str, place: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.place = place


def read_table(path: Path, written: str) -> DataTable:
    """A CSV file or an .xlsx workbook's first sheet: the first column the categories, the header row the series."""
    suffix = path.suffix.lower()
    if suffix not in DATA_SUFFIXES:
        raise DataFileError(gettext_("the data file '{file}' is not a .csv or .xlsx file — save the table as CSV or "
                                     "as an Excel workbook (.xlsx)").format(file=written))
    if path.stat().st_size > MAX_DATA_BYTES:
        raise DataFileError(gettext_("the data file '{file}' is over {limit} MB — a chart needs only its small table; "
                                     "save that table on its own").format(file=written,
                                                                          limit=MAX_DATA_BYTES // 1_000_000))
    if suffix == ".csv":
        return _csv_table(path.read_bytes(), written)
    return _xlsx_table(path, written)


def _csv_table(data: bytes, written: str) -> DataTable:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # what Danish Excel saves as "CSV (semikolonsepareret)"
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Danish Excel separates with ';' because ',' is the decimal sign; a tab from a copied table works too
    delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    rows: list[tuple[int, list[tuple[str, str]]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, [(c, f"{reader.line_num}:{n}") for n, c in enumerate(cells, 1)]))
    except csv.Error as exc:
        raise DataFileError(gettext_("the data file '{file}' is not a table kkrdeck can read ({reason}) — check the "
                                     "quotes on that line").format(file=written, reason=exc),
                            f"{reader.line_num}:1") from None
    return _table([[(c, place) for c, place in cells] for _, cells in rows], written, "column")


def _xlsx_table(path: Path, written: str) -> DataTable:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise DataFileError(gettext_("the data file '{file}' is not an Excel workbook kkrdeck can read — open it in "
                                     "Excel and save it again as .xlsx, or save the table as CSV").format(
            file=written)) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for cells in sheet.iter_rows():
            row = [(c.value, f"cell {c.coordinate}") for c in cells if hasattr(c, "coordinate")]
            if any(v is not None and str(v).strip() for v, _ in row):
                rows.append(row)
            if len(rows) > MAX_CATEGORIES + 1:
                break
    finally:
        book.close()
    return _table(rows, written, "cell")


def _table(rows: list[list[tuple[Any, str]]], written: str, cell_word: str) -> DataTable:
    """Rows of (value, place) → the table; the header row names the series, the first column the categories."""
    if not rows:
        raise DataFileError(gettext_("the data file '{file}' is empty — write a header row (a blank cell, then the "
                                     "series names) and one row per category").format(file=written))
    header = rows[0]
    while header and (header[-1][0] is None or not str(header[-1][0]).strip()):
        header = header[:-1]
    if len(header) < 2:
        raise DataFileError(gettext_("the data file '{file}' has no series: its header row needs the names of the "
                                     "series after the first cell — one column of numbers per series").format(
            file=written), header[0][1] if header else rows[0][0][1])
    places: dict[tuple[int | None, int | None], str] = {}
    names = []
    for s, (value, place) in enumerate(header[1:]):
        name = "" if value is None else str(value).strip()
        if not name:
            message = (gettext_("the header row of '{file}' has no series name in column {n} — write the series' "
                                "name there") if cell_word == "column" else
                       gettext_("the header row of '{file}' has no series name in cell {n} — write the series' name "
                                "there"))
            raise DataFileError(message.format(file=written, n=s + 2), place)
        names.append(name)
        places[(s, None)] = place
    categories: list[str] = []
    values: list[list[float | None]] = [[] for _ in names]
    for c, row in enumerate(rows[1:]):
        label, place = row[0]
        category = "" if label is None else format_number(label, ".") if isinstance(label, (int, float)) \
            else str(label).strip()
        if not category:
            message = (gettext_("a row of '{file}' has no category in its first column — write the name of the "
                                "category there") if cell_word == "column" else
                       gettext_("a row of '{file}' has no category in its first cell — write the name of the category "
                                "there"))
            raise DataFileError(message.format(file=written), place)
        categories.append(category)
        extra = [p for v, p in row[len(header):] if v is not None and str(v).strip()]
        if extra:
            raise DataFileError(gettext_("the row '{category}' of '{file}' has more values than the header row has "
                                         "series — give the column a series name in the header row, or remove the "
                                         "value").format(category=category, file=written), extra[0])
        for s in range(len(names)):
            value, where = row[s + 1] if s + 1 < len(row) else (None, place)
            places[(s, c)] = where
            try:
                values[s].append(parse_number(value))
            except ValueError as exc:
                raise DataFileError(str(exc), where) from None
    return DataTable(tuple(categories), tuple((n, tuple(v)) for n, v in zip(names, values)), places)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
