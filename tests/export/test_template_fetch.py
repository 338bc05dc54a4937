"""A template's links to outside never reach LibreOffice: no request leaves the machine during --pdf or preview."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from tests.conftest import write_deck
from tests.data.templates import hostile

DECK = "title: T\nslides:\n  - kind: bullets\n    title: Et\n    bullets: [a]\n  - kind: section\n    title: To\n"


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that records every request it sees."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            seen.append(self.path)
            self.send_response(404)
            self.end_headers()

        do_HEAD = do_GET

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.libreoffice
def test_pdf_and_preview_on_a_template_with_external_pictures_fetch_nothing(
        server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url, seen = server
    monkeypatch.chdir(tmp_path)
    write_deck(tmp_path, DECK)
    hostile.external_links(tmp_path, url)
    built = CliRunner().invoke(main, ["build", "--pdf", "--template", "links.pptx"])
    assert built.exit_code == 0, built.output
    assert built.stdout.splitlines() == ["out/deck.pdf", "out/deck.pptx"]
    shown = CliRunner().invoke(main, ["preview", "--template", "links.pptx"])
    assert shown.exit_code == 0, shown.output
    assert seen == []


@pytest.mark.libreoffice
def test_the_server_does_see_libreoffice_fetch_a_linked_picture_left_in(server: tuple[str, list[str]],
                                                                       tmp_path: Path) -> None:
    """The control: the same link on a slide of a file kkrdeck did not clean is fetched, so the test above can fail."""
    from pptx import Presentation

    from kkrdeck.export.libreoffice import pptx_to_pdf

    url, seen = server
    raw = hostile.external_links(tmp_path / "raw", url)
    prs = Presentation(raw)
    prs.slides.add_slide(prs.slide_layouts[0])
    prs.save(tmp_path / "raw.pptx")
    pptx_to_pdf(tmp_path / "raw.pptx", tmp_path / "raw.pdf")
    assert "/logo.png" in seen
