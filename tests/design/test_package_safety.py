"""Templates read under guard, whichever way they are named: limits, damage, external links, active content."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from tests.conftest import ROOT, write_deck
from tests.data.templates import hostile
from tests.package_check import assert_valid_deck

GOOD = "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n"
ADVICE = "open it in PowerPoint and save it again as .potx, or ask whoever made it for a fresh copy"

# each unusable template: how it is made, why it is refused, what to do
REFUSED: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "too-many-members": (hostile.many_members, "it holds 6,036 files inside (at most 5,000)", "use a smaller template"),
    "unpacks-too-big": (hostile.huge_member, "it unpacks to 250 MB (at most 200 MB)", "use a smaller template"),
    "xml-too-deep": (hostile.deep_xml, "'ppt/slideMasters/slideMaster1.xml' nests its XML more than 100 levels deep",
                     ADVICE),
    "entity-expansion": (hostile.entities, "'ppt/theme/theme1.xml' declares its own XML entities, which PowerPoint "
                         "never writes (entity expansion can take gigabytes)", ADVICE),
    "corrupt-theme": (hostile.corrupt_theme, "'ppt/theme/theme1.xml' inside it is damaged (its XML breaks at line 2, "
                      "column 444)", ADVICE),
    "theme-without-schemes": (hostile.hollow_theme, "its theme 'ppt/theme/theme1.xml' is damaged (it lacks its "
                              "colour, font or effect scheme)", ADVICE),
    "missing-master": (hostile.missing_master, "'ppt/_rels/presentation.xml.rels' names "
                       "'slideMasters/slideMaster1.xml', which is not in the file", ADVICE),
    "duplicate-entry": (hostile.duplicate_entry, "it contains 'ppt/slideMasters/slideMaster1.xml' twice (a damaged "
                        "or tampered file)", ADVICE),
    "target-outside": (hostile.escaping_target, "'ppt/slideMasters/_rels/slideMaster1.xml.rels' points outside the "
                       "package ('../../../../etc/passwd')", ADVICE),
    "macro-enabled": (hostile.macro_enabled, "it is a macro-enabled file",
                      "save it as a .potx (without macros) and use that"),
}


@pytest.fixture
def deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_deck(tmp_path, GOOD)


def _previous_output(tmp_path: Path) -> bytes:
    result = CliRunner().invoke(main, ["build", "deck.yaml", "-o", "out/deck.pptx"])
    assert result.exit_code == 0, result.output
    return (tmp_path / "out" / "deck.pptx").read_bytes()


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("case", list(REFUSED))
def test_an_unusable_template_is_refused_the_same_way_on_every_path(case: str, deck: Path, tmp_path: Path) -> None:
    make, reason, advice = REFUSED[case]
    template = make(tmp_path / "skabeloner")
    shown = f"skabeloner/{template.name}"
    before = _previous_output(tmp_path)
    for command in (["build", "deck.yaml", "-o", "out/deck.pptx", "--template", shown],
                    ["check", "deck.yaml", "--template", shown], ["layouts", shown]):
        result = CliRunner().invoke(main, command)
        assert (result.exit_code, result.stderr) == (1, f"{shown}: cannot use this template: {reason} — {advice}\n"), \
            command
    deck.write_text(f"title: T\ntemplate: {shown}\n" + GOOD.partition("\n")[2], encoding="utf-8")
    for command in (["build", "deck.yaml", "-o", "out/deck.pptx"], ["check", "deck.yaml"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, command
        assert result.stderr.splitlines()[0] == f"deck.yaml:2:11: cannot use the template '{shown}': {reason} — {advice}"
    assert (tmp_path / "out" / "deck.pptx").read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["deck.pptx"]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(deck: Path, tmp_path: Path) -> None:
    import resource

    template = hostile.huge_member(tmp_path)
    assert template.stat().st_size < 2_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = CliRunner().invoke(main, ["layouts", str(template)])
    assert result.exit_code == 1
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 100, f"reading the refused template took {grown_mb:.0f} MB more memory"


def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


def _all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith((".xml", ".rels")))


def test_external_links_of_a_template_are_left_out_with_one_warning(deck: Path, tmp_path: Path) -> None:
    template = hostile.external_links(tmp_path / "skabeloner", "http://127.0.0.1:9")
    deck.write_text("title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: ['[KL](https://www.kl.dk)']\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "deck.yaml", "--template", "skabeloner/links.pptx"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "skabeloner/links.pptx: warning: left out 3 links to outside the template and the shapes that use them "
        "(http://127.0.0.1:9/logo.png, http://127.0.0.1:9/web, file:///etc/hostname): a deck must not fetch anything "
        "when it is opened — put pictures into the template itself")
    out = tmp_path / "out" / "deck.pptx"
    prs = assert_valid_deck(out)
    xml = _all_xml(out)
    assert "127.0.0.1" not in xml and "/etc/hostname" not in xml
    assert 'TargetMode="External"' in xml and "https://www.kl.dk" in xml, "the deck's own link stays"
    master = prs.slide_masters[0]
    shapes = {s.name: s for s in master.shapes}
    assert "Logo" not in shapes, "a linked picture goes with its link"
    assert shapes["Hjemmeside"].click_action.hyperlink.address is None, "a link on a shape goes, the shape stays"
    assert "Baggrund" not in {s.name for layout in master.slide_layouts for s in layout.shapes}
    check = CliRunner().invoke(main, ["check", "deck.yaml", "--template", "skabeloner/links.pptx"])
    assert result.stderr.splitlines()[0] in check.stderr.splitlines()
    layouts = CliRunner().invoke(main, ["layouts", "skabeloner/links.pptx"])
    assert "warning: left out 3 links to outside the template" in layouts.stdout


def test_active_and_unknown_content_never_passes_through(deck: Path, tmp_path: Path) -> None:
    template = hostile.active_content(tmp_path / "skabeloner")
    result = CliRunner().invoke(main, ["build", "deck.yaml", "--template", "skabeloner/active.pptx"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "skabeloner/active.pptx: warning: left out 6 parts kkrdeck does not pass on (macros, controls, embedded "
        "objects and other active or unknown content: customUI/customUI14.xml, ppt/vbaProject.bin, "
        "ppt/activeX/activeX1.xml, ppt/embeddings/oleObject1.bin, ppt/unknown.dat, ppt/media/image99.png)")
    out = tmp_path / "out" / "deck.pptx"
    prs = assert_valid_deck(out)
    names = _names(out)
    assert not [n for n in names if any(w in n for w in ("vba", "activeX", "embeddings", "customUI", "unknown"))]
    xml = _all_xml(out)
    for trace in ("vbaProject", "activeX", "oleObject", "extensibility", "unknown.dat", "image99"):
        assert trace not in xml, trace
    assert not {"Objekt", "Forklædt"} & {s.name for s in prs.slide_masters[0].shapes}
    assert template.exists()


def test_a_template_with_nothing_to_leave_out_is_used_byte_for_byte(tmp_path: Path) -> None:
    from kkrdeck.design.package_safety import safe_template

    for name in ("mecanon.potx", "rstudio-stocks.pptx", "pandoc-bg-templated.pptx"):
        source = ROOT / "tests" / "data" / "templates" / "real" / name
        safe = safe_template(source)
        assert (safe.data, safe.external, safe.dropped) == (source.read_bytes(), (), ()), name


def test_printer_settings_are_left_out_without_a_warning(tmp_path: Path) -> None:
    from kkrdeck.design.package_safety import safe_template
    from tests.data.templates.make import python_pptx_default

    source = shutil.copyfile(python_pptx_default(), tmp_path / "default.pptx")
    safe = safe_template(source)
    assert safe.warnings() == []
    out = tmp_path / "clean.pptx"
    out.write_bytes(safe.data)
    assert [n for n in _names(source) if n not in _names(out)] == ["ppt/printerSettings/printerSettings1.bin"]
    with zipfile.ZipFile(out) as zf:
        assert b"printerSettings" not in zf.read("ppt/_rels/presentation.xml.rels")


ADVICE_DA = "åbn den i PowerPoint, og gem den igen som .potx, eller bed den, der har lavet den, om en ny kopi"
# REFUSED's reasons and advice as a Danish user reads them
REFUSED_DA: dict[str, tuple[str, str]] = {
    "too-many-members": ("den rummer 6.036 filer (højst 5.000)", "brug en mindre skabelon"),
    "unpacks-too-big": ("den fylder 250 MB udpakket (højst 200 MB)", "brug en mindre skabelon"),
    "xml-too-deep": ("'ppt/slideMasters/slideMaster1.xml' har XML i mere end 100 niveauer", ADVICE_DA),
    "entity-expansion": ("'ppt/theme/theme1.xml' definerer sine egne XML-entiteter, hvilket PowerPoint aldrig gør "
                         "(de kan vokse til flere gigabyte)", ADVICE_DA),
    "corrupt-theme": ("'ppt/theme/theme1.xml' i filen er beskadiget (XML'en går i stykker i linje 2, kolonne 444)",
                      ADVICE_DA),
    "theme-without-schemes": ("dens tema 'ppt/theme/theme1.xml' er beskadiget (det mangler farver, skrifttyper eller "
                              "effekter)", ADVICE_DA),
    "missing-master": ("'ppt/_rels/presentation.xml.rels' henviser til 'slideMasters/slideMaster1.xml', som ikke "
                       "findes i filen", ADVICE_DA),
    "duplicate-entry": ("den indeholder 'ppt/slideMasters/slideMaster1.xml' to gange (filen er beskadiget eller "
                        "ændret)", ADVICE_DA),
    "target-outside": ("'ppt/slideMasters/_rels/slideMaster1.xml.rels' peger uden for filen "
                       "('../../../../etc/passwd')", ADVICE_DA),
    "macro-enabled": ("den er en fil med makroer", "gem den som .potx (uden makroer), og brug den"),
}


def test_every_refused_template_is_pinned_in_danish() -> None:
    assert list(REFUSED_DA) == list(REFUSED)


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_template_is_told_in_danish_with_the_same_exit_code(case: str, deck: Path, tmp_path: Path,
                                                                      request: pytest.FixtureRequest) -> None:
    make, reason, advice = REFUSED[case]
    template = make(tmp_path / "skabeloner")
    shown = f"skabeloner/{template.name}"
    english = CliRunner().invoke(main, ["layouts", shown])
    assert (english.exit_code, english.stderr) == (1, f"{shown}: cannot use this template: {reason} — {advice}\n")
    request.getfixturevalue("danish")
    reason, advice = REFUSED_DA[case]
    for command in (["layouts", shown], ["build", "deck.yaml", "-o", "out/deck.pptx", "--template", shown]):
        result = CliRunner().invoke(main, command)
        told = f"{shown}: skabelonen kan ikke bruges: {reason} — {advice}\n"
        assert (result.exit_code, result.stderr) == (1, told), command
    assert not (tmp_path / "out").exists()


def test_the_external_links_warning_is_danish_under_a_danish_locale(deck: Path, tmp_path: Path, danish: None) -> None:
    hostile.external_links(tmp_path / "skabeloner", "http://127.0.0.1:9")
    result = CliRunner().invoke(main, ["build", "deck.yaml", "--template", "skabeloner/links.pptx"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "skabeloner/links.pptx: advarsel: udelod 3 links til noget uden for skabelonen og de figurer, der bruger dem "
        "(http://127.0.0.1:9/logo.png, http://127.0.0.1:9/web, file:///etc/hostname): en præsentation må ikke hente "
        "noget, når den åbnes — sæt billederne ind i selve skabelonen")
