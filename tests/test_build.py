"""The default deck end to end: every seed line, slide kinds, branding, language, validity, rendering."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree
from pptx import Presentation

from kkrdeck.build import build
from kkrdeck.errors import DeckError, KkrdeckError
from tests.conftest import ROOT, SEED, normalise, seed_lines, slide_texts, write_deck
from tests.package_check import assert_valid_deck
from tests.render_check import text_of_pages, words_outside

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def test_the_default_deck_is_valid_and_reopens(default_deck: Path) -> None:
    prs = assert_valid_deck(default_deck)
    assert len(prs.slides) == 8


def test_every_seed_line_is_on_a_slide(default_deck: Path) -> None:
    text = " ".join(slide_texts(default_deck))
    missing = [line for line in seed_lines() if line not in text]
    assert missing == []


def test_slides_follow_the_seed_in_order(default_deck: Path) -> None:
    titles = [s.shapes.title.text_frame.text for s in Presentation(default_deck).slides]
    assert titles == [
        "KKR-evalueringen",
        "Baggrund og metode",
        "Proces for evalueringen",
        "Tema 1: KKR som politisk koordinations- og mødeforum (I)",
        "Tema 1: KKR som politisk koordinations- og mødeforum (II)",
        "Tema 2: Relationen mellem KKR og kommunalbestyrelserne",
        "Tema 3: Relationen mellem KKR og KL",
        "Udsagn, der kendetegner KKR i dag og fremadrettet",
    ]


def test_slides_use_the_layouts_of_their_kind(default_deck: Path) -> None:
    layouts = [s.slide_layout.name for s in Presentation(default_deck).slides]
    assert layouts == ["Titel", "Titel og indhold", "Titel og indhold", "Titel og indhold", "Titel og indhold",
                       "Titel og indhold", "Titel og indhold", "Kun titel"]


def test_the_seed_numbering_and_arrow_sub_bullets_are_kept(default_deck: Path) -> None:
    prs = Presentation(default_deck)
    body = prs.slides[1].placeholders[1]._element
    numbered = [p for p in body.iter(f"{A}p") if p.find(f"{A}pPr/{A}buAutoNum") is not None]
    assert [etree.tostring(p, method="text", encoding="unicode") for p in numbered] == [
        "KKR som politisk koordinations- og mødeforum", "Relationen mellem KKR og kommunalbestyrelserne",
        "Relationen mellem KKR og KL"]
    assert [p.find(f"{A}pPr/{A}buAutoNum").get("startAt") for p in numbered] == ["1", "2", "3"]
    arrows = [etree.tostring(p, method="text", encoding="unicode")
              for p in prs.slides[4].placeholders[1]._element.iter(f"{A}p")
              if p.find(f"{A}pPr/{A}buChar") is not None and p.find(f"{A}pPr/{A}buChar").get("char") == "→"]
    assert arrows == ["Politisk konsensus", "Velfungerende formandskaber og en administrativ organisering"]


def test_the_process_is_a_native_timeline_of_shapes_and_connectors(default_deck: Path) -> None:
    slide = Presentation(default_deck).slides[2]
    names = [s.name for s in slide.shapes]
    assert [n for n in names if n.startswith("Timeline marker")] == [f"Timeline marker {i}" for i in (1, 2, 3)]
    connectors = slide.shapes._spTree.findall(f"{P}cxnSp")
    assert len(connectors) == 2
    ids = {int(s.shape_id) for s in slide.shapes}
    for cxn in connectors:
        st, end = cxn.find(f".//{A}stCxn"), cxn.find(f".//{A}endCxn")
        assert int(st.get("id")) in ids and int(end.get("id")) in ids
        assert cxn.find(f".//{A}ln/{A}solidFill/{A}schemeClr").get("val") == "accent1"
    assert not slide.shapes._spTree.findall(f".//{P}pic")
    steps = [s.text_frame.text for s in slide.shapes if s.name.startswith("Timeline step")]
    assert steps[2] == "Møder i de fem KKR den 31. august og 1. september 2017"
    dates = [s.text_frame.text for s in slide.shapes if s.name.startswith("Timeline date")]
    assert dates == ["17. august 2017", "24. august 2017", "31. aug.–1. sep. 2017"]
    decorative = [s.name for s in slide.shapes if s._element.find(f".//{A}ext[@uri='{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}']") is not None]
    assert decorative == [f"Timeline marker {i}" for i in (1, 2, 3)] + ["Timeline link 1", "Timeline link 2"]


def test_reading_order_is_title_then_each_step_date_and_text_then_conclusion(default_deck: Path) -> None:
    names = [s.name for s in Presentation(default_deck).slides[2].shapes]
    texts = [n for n in names if not n.startswith(("Timeline marker", "Timeline link", "Footer", "Slide Number"))]
    assert texts == ["Title", "Content", "Timeline date 1", "Timeline step 1", "Timeline date 2", "Timeline step 2",
                     "Timeline date 3", "Timeline step 3", "Conclusion"]


def test_statements_are_cards_with_the_seeds_own_findings(default_deck: Path) -> None:
    slide = Presentation(default_deck).slides[7]
    cards = [s.text_frame.text for s in slide.shapes if s.name.endswith("card")]
    assert len(cards) == 4
    seed = normalise(SEED.read_text(encoding="utf-8"))
    for card in cards:
        assert normalise(card) in seed


def test_the_theme_carries_the_brands_colours_and_fonts(default_deck: Path) -> None:
    brand = yaml.safe_load((ROOT / "assets/brand.yaml").read_text(encoding="utf-8"))
    with zipfile.ZipFile(default_deck) as zf:
        theme = etree.fromstring(zf.read("ppt/theme/theme1.xml"))
    scheme = {el.tag.split("}")[1]: el[0].get("val") for el in theme.find(f".//{A}clrScheme")}
    c = brand["colours"]
    assert scheme["dk1"] == c["text"].lstrip("#").upper()
    assert scheme["lt1"] == c["background"].lstrip("#").upper()
    assert scheme["accent1"] == c["primary"].lstrip("#").upper()
    assert scheme["accent2"] == c["secondary"].lstrip("#").upper()
    assert [scheme[f"accent{i}"] for i in (3, 4, 5, 6)] == [a.lstrip("#").upper() for a in c["accents"]]
    assert theme.find(f".//{A}majorFont/{A}latin").get("typeface") == brand["fonts"]["heading"]
    assert theme.find(f".//{A}minorFont/{A}latin").get("typeface") == brand["fonts"]["body"]


def test_the_logo_is_on_the_master_not_on_the_slides(default_deck: Path) -> None:
    prs = Presentation(default_deck)
    master_pictures = [s.name for s in prs.slide_master.shapes if s.shape_type == 13]
    assert master_pictures == ["Logo"]
    for slide in prs.slides:
        assert not [s for s in slide.shapes if s.shape_type == 13]


def test_every_run_carries_the_decks_language(default_deck: Path) -> None:
    with zipfile.ZipFile(default_deck) as zf:
        for name in zf.namelist():
            if re.match(r"ppt/(slides|notesSlides|slideMasters|slideLayouts)/[^/]+\.xml$", name):
                root = etree.fromstring(zf.read(name))
                for run in root.iter(f"{A}r", f"{A}fld"):
                    rpr = run.find(f"{A}rPr")
                    assert rpr is not None and rpr.get("lang") == "da-DK", name


def test_every_slide_has_a_titled_title_placeholder_first_in_reading_order(default_deck: Path) -> None:
    for slide in Presentation(default_deck).slides:
        first = list(slide.shapes)[0]
        assert first.is_placeholder and first.placeholder_format.type in (1, 3)  # TITLE, CENTER_TITLE
        assert first.text_frame.text.strip()


def test_no_empty_placeholder_is_left(default_deck: Path) -> None:
    for slide in Presentation(default_deck).slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.type not in (13,):  # slide number holds a field
                assert shape.text_frame.text.strip(), shape.name


def test_shape_names_say_what_the_shape_is(default_deck: Path) -> None:
    for slide in Presentation(default_deck).slides:
        for shape in slide.shapes:
            assert not re.match(r"^(TextBox|Rectangle|Oval|Straight Connector) \d+$", shape.name)


def test_document_properties_come_from_the_deck(default_deck: Path) -> None:
    core = Presentation(default_deck).core_properties
    assert core.title == "KKR-evalueringen"
    assert core.author == "KL og de fem KKR"
    assert core.subject == "Ekstern evaluering af kommunekontaktrådene"
    assert core.language == "da-DK"


def test_text_stays_exactly_as_typed(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "title: Test\nslides:\n  - kind: bullets\n    title: 1.10\n    bullets:\n"
                                "      - NO\n      - on\n      - 1.0\n      - 2017-08-17\n      - 0x1F\n      - ~x\n")
    out = tmp_path / "out.pptx"
    build(deck, out)
    prs = assert_valid_deck(out)
    body = prs.slides[0].placeholders[1].text_frame
    assert [p.text for p in body.paragraphs] == ["NO", "on", "1.0", "2017-08-17", "0x1F", "~x"]
    assert prs.slides[0].shapes.title.text_frame.text == "1.10"


def test_inline_bold_italic_and_links_become_runs(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets:\n"
                                "      - 'Se **fed** og *kursiv* på [KL](https://www.kl.dk)'\n")
    out = tmp_path / "out.pptx"
    build(deck, out)
    para = assert_valid_deck(out).slides[0].placeholders[1].text_frame.paragraphs[0]
    runs = [(r.text, r.font.bold, r.font.italic, r.hyperlink.address) for r in para.runs]
    assert runs == [("Se ", None, None, None), ("fed", True, None, None), (" og ", None, None, None),
                    ("kursiv", None, True, None), (" på ", None, None, None), ("KL", None, None, "https://www.kl.dk")]


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pptx", tmp_path / "b.pptx"
    build(ROOT / "deck.yaml", a)
    build(ROOT / "deck.yaml", b)
    assert hashlib.sha256(a.read_bytes()).hexdigest() == hashlib.sha256(b.read_bytes()).hexdigest()


def test_the_default_output_is_out_slash_deck_name(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, (ROOT / "deck.yaml").read_text(encoding="utf-8"))
    result = build(deck)
    assert result.output == tmp_path / "out" / "deck.pptx"
    assert result.output.is_file()


def test_a_failed_build_leaves_the_previous_output_byte_for_byte(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n")
    out = tmp_path / "deck.pptx"
    build(deck, out)
    before = out.read_bytes()
    deck.write_text("title: T\nslides:\n  - kind: bulets\n    title: T\n", encoding="utf-8")
    with pytest.raises(DeckError):
        build(deck, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["assets", "deck.pptx", "deck.yaml"]


def test_a_file_kkrdeck_did_not_write_is_not_overwritten(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n")
    other = tmp_path / "important.pptx"
    other.write_bytes(b"someone's presentation")
    with pytest.raises(KkrdeckError) as info:
        build(deck, other)
    assert info.value.message.endswith("this file was not written by kkrdeck, so it is not overwritten — choose "
                                       "another output name, or move the file away first")
    assert other.read_bytes() == b"someone's presentation"


def test_notes_land_in_the_notes_page_with_the_language(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n"
                                "    notes: Husk at nævne evalueringen\n")
    out = tmp_path / "out.pptx"
    build(deck, out)
    slide = assert_valid_deck(out).slides[0]
    assert slide.notes_slide.notes_text_frame.text == "Husk at nævne evalueringen"
    runs = slide.notes_slide.notes_text_frame._txBody.iter(f"{A}r")
    assert {r.find(f"{A}rPr").get("lang") for r in runs} == {"da-DK"}


@pytest.mark.libreoffice
def test_libreoffice_renders_one_page_per_slide_with_its_title(default_deck: Path, default_pdf: Path) -> None:
    pages = text_of_pages(default_pdf)
    titles = [s.shapes.title.text_frame.text for s in Presentation(default_deck).slides]
    assert len(pages) == len(titles)
    for page, title in zip(pages, titles):
        assert normalise(title) in normalise(page)


@pytest.mark.libreoffice
def test_no_rendered_word_leaves_its_box(default_deck: Path, default_pdf: Path) -> None:
    assert words_outside(default_pdf, default_deck) == []


def test_the_default_deck_is_lean(default_deck: Path) -> None:
    assert default_deck.stat().st_size < 150_000


def test_without_a_deck_date_the_document_date_comes_from_source_date_epoch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1504224000")
    build(deck, tmp_path / "a.pptx")
    core = Presentation(tmp_path / "a.pptx").core_properties
    assert core.created.isoformat() == "2017-09-01T00:00:00"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    build(deck, tmp_path / "b.pptx")
    assert Presentation(tmp_path / "b.pptx").core_properties.created is None
    assert (tmp_path / "a.pptx").read_bytes() != (tmp_path / "b.pptx").read_bytes()


def test_a_pdf_kkrdeck_did_not_make_is_not_overwritten_and_nothing_is_written(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n")
    (tmp_path / "deck.pdf").write_bytes(b"%PDF-1.4 the minutes of the last meeting")
    with pytest.raises(KkrdeckError) as info:
        build(deck, tmp_path / "deck.pptx", pdf=True)
    assert info.value.message.endswith("deck.pdf: this PDF was not made by kkrdeck, so it is not overwritten — "
                                       "choose another output name with -o, or move the file away first")
    assert not (tmp_path / "deck.pptx").exists()
    assert (tmp_path / "deck.pdf").read_bytes() == b"%PDF-1.4 the minutes of the last meeting"


@pytest.mark.libreoffice
def test_build_with_pdf_writes_one_page_per_slide_and_can_replace_its_own_pdf(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: Et\n    bullets: [a]\n"
                                "  - kind: bullets\n    title: To\n    bullets: [b]\n")
    first = build(deck, tmp_path / "deck.pptx", pdf=True)
    assert first.pdf == tmp_path / "deck.pdf"
    assert [normalise(p).split(" ")[0] for p in text_of_pages(first.pdf)] == ["Et", "To"]
    second = build(deck, tmp_path / "deck.pptx", pdf=True)
    assert second.pdf.is_file()


def test_an_output_folder_named_like_a_pptx_is_refused(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: T\n    bullets: [a]\n")
    (tmp_path / "x.pptx").mkdir()
    with pytest.raises(KkrdeckError) as info:
        build(deck, tmp_path / "x.pptx")
    assert info.value.message.endswith("x.pptx: is a folder — give a file name ending in .pptx")
