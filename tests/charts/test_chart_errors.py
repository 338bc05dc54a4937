"""Bad chart data: the exact message at the exact place (for a file, its own line and column too), exit 1, no file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from kkrdeck.cli import main
from kkrdeck.outline.chart_data import parse_number
from tests.conftest import write_deck

HEAD = "title: T\nslides:\n  - kind: chart\n    title: Vurdering\n"
INLINE = [
    ("not_a_number", "    chart: column\n    categories: [A, B]\n    series:\n      - name: S\n"
     "        values: [1, abc]\n",
     "deck.yaml:9:21: 'abc' is not a number — write numbers like 62.5 or 25,5, or leave the value empty for a gap"),
    ("series_too_short", "    chart: bar\n    categories: [A, B, C]\n    series:\n      - name: Enig\n"
     "        values: [1, 2]\n",
     "deck.yaml:9:17: series 'Enig' has 2 values but there are 3 categories — give every series one value per "
     "category (leave a value empty for a gap)"),
    ("pie_two_series", "    chart: pie\n    categories: [A, B]\n    series:\n      - name: S\n        values: [1, 2]\n"
     "      - name: T\n        values: [1, 2]\n",
     "deck.yaml:10:9: a pie chart shows one series, but this one has 2 — use a column or bar chart to compare "
     "several series"),
    ("negative_slice", "    chart: doughnut\n    categories: [Borgmestre, Øvrige]\n    series:\n      - name: S\n"
     "        values: [-3, 2]\n",
     "deck.yaml:9:18: a doughnut chart cannot show the negative value -3 ('Borgmestre') — a slice is a share of a "
     "whole; use a column or bar chart"),
    ("no_data", "    chart: line\n",
     "deck.yaml:3:5: a chart needs data: name a CSV or .xlsx file with 'data:', or write 'categories:' and 'series:'"),
    ("both", "    chart: line\n    data: d.csv\n    categories: [A]\n    series:\n      - name: S\n        values: [1]\n",
     "deck.yaml:6:11: give the chart's data either in a file ('data:') or written out ('categories:' and 'series:'), "
     "not both — remove one"),
    ("unknown_kind", "    chart: columns\n    categories: [A]\n    series:\n      - name: S\n        values: [1]\n",
     None),
]


def run(folder: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(folder)
    return CliRunner().invoke(main, ["build", "deck.yaml", "-o", "out.pptx"], prog_name="kkrdeck")


@pytest.mark.parametrize("name,body,message", INLINE, ids=[m[0] for m in INLINE])
def test_bad_inline_data(name: str, body: str, message: str | None, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    write_deck(tmp_path, HEAD + body)
    result = run(tmp_path, monkeypatch)
    assert result.exit_code == 1
    if message is None:  # the model's list of kinds words it
        assert result.stderr.startswith("deck.yaml:5:12: 'chart' must be one of")
    else:
        assert result.stderr.splitlines()[0] == message
    assert not (tmp_path / "out.pptx").exists()


FILES = [
    ("csv_not_a_number", "d.csv", "Gruppe;Svar\nBorgmestre;8\nØvrige;mange\n",
     "deck.yaml:6:11: d.csv:3:2: 'mange' is not a number — write numbers like 62.5 or 25,5, or leave the value "
     "empty for a gap"),
    ("csv_too_many_values", "d.csv", "Gruppe,Svar\nBorgmestre,8,9\n",
     "deck.yaml:6:11: d.csv:2:3: the row 'Borgmestre' of 'd.csv' has more values than the header row has series — "
     "give the column a series name in the header row, or remove the value"),
    ("csv_no_series", "d.csv", "Gruppe\nBorgmestre\n",
     "deck.yaml:6:11: d.csv:1:1: the data file 'd.csv' has no series: its header row needs the names of the series "
     "after the first cell — one column of numbers per series"),
    ("csv_empty", "d.csv", "\n\n",
     "deck.yaml:6:11: d.csv: the data file 'd.csv' is empty — write a header row (a blank cell, then the series "
     "names) and one row per category"),
    ("not_a_table_file", "d.ods", "x",
     "deck.yaml:6:11: d.ods: the data file 'd.ods' is not a .csv or .xlsx file — save the table as CSV or as an "
     "Excel workbook (.xlsx)"),
    ("broken_xlsx", "d.xlsx", "not a zip",
     "deck.yaml:6:11: d.xlsx: the data file 'd.xlsx' is not an Excel workbook kkrdeck can read — open it in Excel "
     "and save it again as .xlsx, or save the table as CSV"),
]


@pytest.mark.parametrize("name,file,content,message", FILES, ids=[m[0] for m in FILES])
def test_bad_data_files(name: str, file: str, content: str, message: str, tmp_path: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / file).write_text(content, encoding="utf-8")
    write_deck(tmp_path, HEAD + f"    chart: column\n    data: {file}\n")
    result = run(tmp_path, monkeypatch)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, message)
    assert not (tmp_path / "out.pptx").exists()


def test_a_pie_from_a_file_with_a_negative_slice_points_at_its_cell(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.Workbook()
    for row in (("", "Svar"), ("Enig", 5), ("Uenig", -2)):
        book.active.append(row)
    book.save(tmp_path / "svar.xlsx")
    write_deck(tmp_path, HEAD + "    chart: pie\n    data: svar.xlsx\n")
    result = run(tmp_path, monkeypatch)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, (
        "deck.yaml:6:11: svar.xlsx, cell B3: a pie chart cannot show the negative value -2 ('Uenig') — a slice is a "
        "share of a whole; use a column or bar chart"))


def test_a_missing_data_file_and_one_outside_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "deck"
    folder.mkdir()
    (tmp_path / "secret.csv").write_text("A;B\nx;1\n", encoding="utf-8")
    (folder / "deltagere.csv").write_text("A;B\nx;1\n", encoding="utf-8")
    write_deck(folder, HEAD + "    chart: column\n    data: ../secret.csv\n"
               "  - kind: chart\n    title: To\n    chart: column\n    data: deltager.csv\n")
    result = run(folder, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "deck.yaml:6:11: the data file '../secret.csv' is outside the deck's folder — kkrdeck only uses files inside "
        "the deck's and the brand's folders; copy it there, or use --allow-outside if you trust this deck",
        "deck.yaml:10:11: the data file 'deltager.csv' does not exist — did you mean 'deltagere.csv'?"]
    assert not (folder / "out.pptx").exists()


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_a_number_written_with_a_comma_or_a_point_is_the_same_number(value: float) -> None:
    text = f"{value:.6f}"
    assert parse_number(text) == parse_number(text.replace(".", ",")) == pytest.approx(value, abs=1e-6)


@given(st.text(alphabet="abcæøå%x- ", min_size=1).filter(lambda s: s.strip()))
def test_words_are_not_numbers(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(text)


GAP_DA = "eller lad værdien stå tom for et hul"
DANISH = [
    ("not_a_number", f"deck.yaml:9:21: 'abc' er ikke et tal — skriv tal som 62.5 eller 25,5, {GAP_DA}"),
    ("series_too_short", "deck.yaml:9:17: dataserien 'Enig' har 2 værdier, men der er 3 kategorier — giv hver dataserie "
     "én værdi pr. kategori (lad en værdi stå tom for et hul)"),
    ("pie_two_series", "deck.yaml:10:9: et cirkeldiagram viser én dataserie, men dette har 2 — brug et søjlediagram "
     "til at sammenligne flere dataserier"),
    ("negative_slice", "deck.yaml:9:18: et ringdiagram kan ikke vise den negative værdi -3 ('Borgmestre') — et udsnit "
     "er en del af en helhed; brug et søjlediagram"),
    ("no_data", "deck.yaml:3:5: et diagram skal have data: angiv en CSV- eller .xlsx-fil med 'data:', eller skriv "
     "'categories:' og 'series:'"),
    ("both", "deck.yaml:6:11: giv diagrammets data enten i en fil ('data:') eller skrevet ud ('categories:' og "
     "'series:'), ikke begge — fjern det ene"),
    ("unknown_kind", "deck.yaml:5:12: 'chart' skal være en af: column, bar, stacked-column, stacked-bar, line, pie, "
     "doughnut (her står 'columns') — mente du 'column'?"),
]


def test_every_inline_mistake_is_pinned_in_danish() -> None:
    assert [d[0] for d in DANISH] == [m[0] for m in INLINE]


@pytest.mark.parametrize("name,expected", DANISH, ids=[d[0] for d in DANISH])
def test_bad_inline_data_is_told_in_danish_at_the_same_place(name: str, expected: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             request: pytest.FixtureRequest) -> None:
    body = next(b for n, b, m in INLINE if n == name)
    write_deck(tmp_path, HEAD + body)
    english = run(tmp_path, monkeypatch).stderr.splitlines()
    request.getfixturevalue("danish")
    result = run(tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == expected
    danish = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in danish] == [line.split(": ")[0] for line in english]  # same places
    assert not (tmp_path / "out.pptx").exists()


FILES_DA = {
    "csv_not_a_number": f"deck.yaml:6:11: d.csv:3:2: 'mange' er ikke et tal — skriv tal som 62.5 eller 25,5, {GAP_DA}",
    "csv_too_many_values": ("deck.yaml:6:11: d.csv:2:3: rækken 'Borgmestre' i 'd.csv' har flere værdier, end "
                            "overskriftsrækken har dataserier — giv kolonnen et dataserienavn i overskriftsrækken, "
                            "eller fjern værdien"),
    "csv_no_series": ("deck.yaml:6:11: d.csv:1:1: datafilen 'd.csv' har ingen dataserier: overskriftsrækken skal have "
                      "dataseriernes navne efter den første celle — én kolonne med tal pr. dataserie"),
    "csv_empty": ("deck.yaml:6:11: d.csv: datafilen 'd.csv' er tom — skriv en overskriftsrække (en tom celle og så "
                  "dataseriernes navne) og én række pr. kategori"),
    "not_a_table_file": ("deck.yaml:6:11: d.ods: datafilen 'd.ods' er ikke en .csv- eller .xlsx-fil — gem tabellen "
                         "som CSV eller som Excel-projektmappe (.xlsx)"),
    "broken_xlsx": ("deck.yaml:6:11: d.xlsx: datafilen 'd.xlsx' er ikke en Excel-projektmappe, kkrdeck kan læse — åbn "
                    "den i Excel, og gem den igen som .xlsx, eller gem tabellen som CSV"),
}


@pytest.mark.parametrize("name,file,content,message", FILES, ids=[m[0] for m in FILES])
def test_bad_data_files_are_told_in_danish_at_the_same_place(name: str, file: str, content: str, message: str,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             danish: None) -> None:
    (tmp_path / file).write_text(content, encoding="utf-8")
    write_deck(tmp_path, HEAD + f"    chart: column\n    data: {file}\n")
    result = run(tmp_path, monkeypatch)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, FILES_DA[name])
    assert FILES_DA[name].split(": ")[:2] == message.split(": ")[:2]  # deck.yaml:6:11 and the file's own place
    assert not (tmp_path / "out.pptx").exists()


def test_a_missing_data_file_and_one_outside_the_folder_in_danish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  danish: None) -> None:
    folder = tmp_path / "deck"
    folder.mkdir()
    (tmp_path / "secret.csv").write_text("A;B\nx;1\n", encoding="utf-8")
    (folder / "deltagere.csv").write_text("A;B\nx;1\n", encoding="utf-8")
    write_deck(folder, HEAD + "    chart: column\n    data: ../secret.csv\n"
               "  - kind: chart\n    title: To\n    chart: column\n    data: deltager.csv\n")
    result = run(folder, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "deck.yaml:6:11: datafilen '../secret.csv' ligger uden for dispositionens mappe — kkrdeck bruger kun filer i "
        "dispositionens og designprofilens mapper; kopier filen derind, eller brug --allow-outside, hvis du stoler på "
        "præsentationen",
        "deck.yaml:10:11: datafilen 'deltager.csv' findes ikke — mente du 'deltagere.csv'?"]
    assert not (folder / "out.pptx").exists()


def test_two_messages_at_one_place_come_in_the_same_order_in_both_languages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """The order they were found in, not the alphabetical order of their wording, which differs by language."""
    write_deck(tmp_path, HEAD + next(b for n, b, m in INLINE if n == "both"))
    assert run(tmp_path, monkeypatch).stderr.splitlines() == [
        next(m for n, b, m in INLINE if n == "both"),
        "deck.yaml:6:11: the data file 'd.csv' does not exist — check the name; the path is relative to the folder "
        "of deck.yaml"]
    request.getfixturevalue("danish")
    assert run(tmp_path, monkeypatch).stderr.splitlines() == [
        next(d for n, d in DANISH if n == "both"),
        "deck.yaml:6:11: datafilen 'd.csv' findes ikke — tjek navnet; stien regnes fra den mappe, deck.yaml ligger i"]


def test_a_data_file_problem_is_told_in_danish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, danish: None) -> None:
    (tmp_path / "d.csv").write_text("Gruppe;Svar\nBorgmestre;8\nØvrige;mange\n", encoding="utf-8")
    write_deck(tmp_path, HEAD + "    chart: column\n    data: d.csv\n")
    result = run(tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == ("deck.yaml:6:11: d.csv:3:2: 'mange' er ikke et tal — skriv tal som 62.5 "
                                             "eller 25,5, eller lad værdien stå tom for et hul")
