"""The organisation templates the design tests use, made once per run: LibreOffice converts its own two."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.data.templates import make

LIBREOFFICE = ("Vivid", "Nature_Illustration")  # 16:9 and 4:3; both convert well and keep their look


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test template, made once: LibreOffice converts its own two with one private profile."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.fail("LibreOffice is needed to convert its Impress templates (apt-get install libreoffice-impress)")
    folder = tmp_path_factory.mktemp("templates")
    found = {"python-pptx": make.copy_to(make.python_pptx_default(), folder),
             "danish": make.danish_potx(folder)}
    for name in LIBREOFFICE:
        found[name] = make.libreoffice_template(name, folder)
    return found
