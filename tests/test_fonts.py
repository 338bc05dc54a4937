"""The suite's pinned fonts: only they are seen, and CI installs every one of them."""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import fonts


def test_the_suite_runs_with_its_own_fontconfig_file() -> None:
    assert os.environ["FONTCONFIG_FILE"] == str(fonts.pin())


def test_ci_installs_every_font_package_the_suite_pins() -> None:
    script = (fonts.ROOT / ".ci" / "run").read_text(encoding="utf-8").replace("\\\n", " ")
    installs = {word for line in script.splitlines() if re.search(r"apt-get install\b", line) for word in line.split()}
    assert sorted(set(fonts.PACKAGES) - installs) == []


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig's fc-list is not installed")
def test_fontconfig_sees_only_the_pinned_fonts() -> None:
    listed = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=True,
                            env=os.environ).stdout.split()
    assert listed, "no fonts at all: the bundled Carlito should always be there"
    assert [f for f in listed if not any(fnmatch.fnmatchcase(f, g) for g in fonts.accepted_globs())] == []
    assert {Path(f).name for f in listed} >= {"Carlito-Regular.ttf", "Carlito-Bold.ttf"}
